// The sync bridge's JavaScript side (issue 14): the app's wasm calls these
// through wasm-bindgen (src/ui/sync/js.rs, `js_namespace = ChefsacheSync`).
// Loaded only when sync is configured, with PouchDB beside it
// (/sync/pouchdb.min.js, from the `pouchdb` npm package of scripts/tools).
// PouchDB does the replication (CouchDB's protocol: _revs_diff,
// _bulk_docs new_edits:false, _bulk_get, _local checkpoints); this file
// only wires it to the app. Everything crosses the boundary as JSON text,
// so the wasm side needs few bindings and no JS object handling.
// The Content-Security-Policy (public/csp.js) lets requests go only to the
// configured server's origin; the session cookie is the browser's
// (`credentials: "include"`, CouchDB's CORS with credentials).
(function () {
  "use strict";

  var PENDING_KEY = "chefsache.sync.pending";

  function withCredentials(url, opts) {
    opts = opts || {};
    opts.credentials = "include";
    return window.PouchDB.fetch(url, opts);
  }

  // Loads PouchDB once (a <script> element, so the CSP's script-src 'self'
  // covers it).
  var loading = null;
  function load() {
    if (window.PouchDB) return Promise.resolve();
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = "/sync/pouchdb.min.js";
      script.onload = function () { resolve(); };
      script.onerror = function () { loading = null; reject(new Error("pouchdb did not load")); };
      document.head.appendChild(script);
    });
    return loading;
  }

  // One request to the server, answered as JSON text:
  // {"status": 200, "body": {...}} or {"status": 0, "cors": true|false}.
  // A fetch that fails with no answer is either a server that cannot be
  // reached or a CORS refusal; a second, opaque request (mode no-cors)
  // tells them apart: it succeeds when the server answers at all.
  function request(method, url, body) {
    var opts = { method: method, credentials: "include", headers: { Accept: "application/json" } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = body;
    }
    return fetch(url, opts).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
        return JSON.stringify({ status: response.status, body: parsed });
      });
    }, function () {
      return fetch(url, { mode: "no-cors", credentials: "omit" }).then(
        function () { return JSON.stringify({ status: 0, cors: true }); },
        function () { return JSON.stringify({ status: 0, cors: false }); });
    });
  }

  // The changes of the local database are handed to the app in batches:
  // replication writes documents one by one, and a batch lets the app take
  // a step together with its project (see sync::inbound).
  // A batch says whether one of its documents has more than one leaf
  // (`style: "all_docs"` lists them all, deleted ones too): a conflict, or
  // a deletion on one device of what the other edited, for the app to
  // look at.
  function Batcher(deliver) {
    var docs = [];
    var lastSeq = null;
    var timer = null;
    var leaves = false;
    this.add = function (change) {
      if (change.doc) docs.push(change.doc);
      if (change.changes && change.changes.length > 1) leaves = true;
      lastSeq = change.seq;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, docs.length >= 500 ? 0 : 150);
    };
    function flush() {
      timer = null;
      if (!docs.length && lastSeq === null) return;
      var batch = docs;
      var several = leaves;
      docs = [];
      leaves = false;
      deliver(JSON.stringify({ type: "docs", docs: batch, seq: lastSeq, leaves: several }));
    }
  }

  function readPending() {
    try { return JSON.parse(localStorage.getItem(PENDING_KEY) || "[]"); } catch (e) { return []; }
  }
  function writePending(ids) {
    try { localStorage.setItem(PENDING_KEY, JSON.stringify(ids)); } catch (e) { /* full: counted again on the next write */ }
  }

  var running = null;

  // PouchDB leaves one promise of a live replication unhandled when the
  // server goes away in the middle of a request ("TypeError: Failed to
  // fetch"); the replication itself reports the failure as an event and
  // retries. Only that rejection, and only while sync runs, is quieted.
  window.addEventListener("unhandledrejection", function (event) {
    var reason = event.reason;
    if (running && reason instanceof TypeError && /fetch/i.test(String(reason.message))) {
      event.preventDefault();
    }
  });
  // Team databases kept in step while sync runs, by URL:
  // {selector: text, sync: the replication}.
  var shares = {};

  // Retries come back quickly (1 s, doubling up to 30 s), and at once
  // when the browser is online again: the person sees "synced" soon
  // after the network returns, not after PouchDB's 10-minute backoff.
  function backOff(delay) { return delay === 0 ? 1000 : Math.min(delay * 2, 30000); }

  window.ChefsacheSync = {
    load: load,

    // One entry for every call that answers with a promise: the app names
    // the function and passes its arguments as a JSON array, so it needs
    // one binding instead of one per function (each binding is code in
    // the first load).
    call: function (name, args) {
      var fn = name !== "call" && Object.prototype.hasOwnProperty.call(window.ChefsacheSync, name) && window.ChefsacheSync[name];
      if (typeof fn !== "function") return Promise.reject(new Error("no glue function " + name));
      try {
        return Promise.resolve(fn.apply(null, JSON.parse(args)));
      } catch (error) {
        return Promise.reject(error);
      }
    },

    // Signs in with CouchDB's cookie session; the password goes only here.
    login: function (server, name, password) {
      return request("POST", server + "/_session", JSON.stringify({ name: name, password: password }));
    },
    session: function (server) { return request("GET", server + "/_session"); },
    logout: function (server) { return request("DELETE", server + "/_session"); },
    database: function (url) { return request("GET", url); },
    createDatabase: function (url) { return request("PUT", url); },

    // Calls `onLeader` once this tab is the one that replicates: one tab
    // at a time (Web Locks, held while the page lives); the others follow
    // through the app's own tab notices.
    lead: function (onLeader) {
      if (!navigator.locks || !navigator.locks.request) { onLeader(); return; }
      navigator.locks.request("chefsache-sync-leader", function () {
        onLeader();
        return new Promise(function () {});
      });
    },

    // Starts replication both ways, live, retrying, and the local changes
    // feed from `since`. `options`: {"local": name of the local database
    // (one per server database), "remote": url, "since": seq|0,
    // "selector": {...}|null}. `onEvent` gets JSON text:
    // {"type":"docs","docs":[...],"seq":...}, {"type":"active"},
    // {"type":"paused","error":status|null}, {"type":"pushed","ids":[...]},
    // {"type":"denied","status":..}, {"type":"error","status":..}.
    start: function (options, onEvent) {
      options = JSON.parse(options);
      if (running) running.cancel();
      var local = new window.PouchDB(options.local);
      var remote = new window.PouchDB(options.remote, { fetch: withCredentials, skip_setup: true });
      // Every status event says whether the browser is online: PouchDB's
      // sync may report "active" for a push that waits on a network that
      // is gone, and the person should read "offline" then.
      var emit = function (event) {
        event.online = navigator.onLine !== false;
        onEvent(JSON.stringify(event));
      };
      var status = function (error) {
        return error && (error.status || 0);
      };
      var batcher = new Batcher(function (text) { onEvent(text); });
      var feed = local.changes({
        since: options.since || 0, live: true, include_docs: true, conflicts: true, style: "all_docs",
      }).on("change", function (change) {
        if (change.id.indexOf("_design/") !== 0) batcher.add(change);
      });
      var replicationOptions = { live: true, retry: true, batch_size: 200, back_off_function: backOff };
      if (options.selector) replicationOptions.selector = options.selector;
      var sync = null;
      function replicate() {
        sync = window.PouchDB.sync(local, remote, replicationOptions)
          .on("change", function (info) {
            if (info.direction === "push") {
              var ids = info.change.docs.map(function (d) { return d._id; });
              var left = readPending().filter(function (id) { return ids.indexOf(id) < 0; });
              writePending(left);
              emit({ type: "pushed", pending: left.length });
            } else {
              emit({ type: "pulled" });
            }
          })
          .on("active", function () { emit({ type: "active", pending: readPending().length }); })
          .on("paused", function (error) {
            emit({ type: "paused", error: error ? status(error) : null, pending: readPending().length });
          })
          .on("denied", function (error) { emit({ type: "denied", status: status(error) }); })
          .on("error", function (error) { emit({ type: "error", status: status(error) }); });
        // Failures arrive as the events above; the replication's own
        // promise must not end as an unhandled rejection besides.
        sync.catch(function () {});
      }
      replicate();
      var online = function () { sync.cancel(); replicate(); };
      var offline = function () { emit({ type: "paused", error: 0, pending: readPending().length }); };
      window.addEventListener("online", online);
      window.addEventListener("offline", offline);
      running = {
        local: local,
        cancel: function () {
          window.removeEventListener("online", online);
          window.removeEventListener("offline", offline);
          feed.cancel();
          sync.cancel();
          Object.keys(shares).forEach(function (url) { shares[url].sync.cancel(); });
          shares = {};
        },
      };
      emit({ type: "started", pending: readPending().length });
    },

    stop: function () {
      if (running) running.cancel();
      running = null;
    },

    // The current document of each id, as {"id": doc} (a deleted one as
    // {"_id", "_rev", "_deleted": true}; no entry for an unknown id).
    current: function (ids) {
      if (!running) return Promise.resolve("{}");
      return running.local.allDocs({ keys: JSON.parse(ids), include_docs: true }).then(function (result) {
        var docs = {};
        result.rows.forEach(function (row) {
          if (!row.value) return;
          docs[row.id] = row.value.deleted
            ? { _id: row.id, _rev: row.value.rev, _deleted: true }
            : row.doc;
        });
        return JSON.stringify(docs);
      });
    },

    // Writes the app's documents into the local database (replication
    // takes them on); answers the ids that were refused (a stale revision).
    put: function (docs) {
      if (!running) return Promise.resolve("[]");
      docs = JSON.parse(docs);
      var pending = readPending();
      docs.forEach(function (doc) { if (pending.indexOf(doc._id) < 0) pending.push(doc._id); });
      writePending(pending);
      return running.local.bulkDocs(docs).then(function (results) {
        return JSON.stringify(results.filter(function (r) { return r.error; }).map(function (r) { return r.id; }));
      });
    },

    pending: function () { return readPending().length; },

    // Every live document with more than one leaf, as [{"doc": winner,
    // "leaves": [bodies of the other leaves, deleted ones too]}]: the
    // changes feed's `style: "all_docs"` names every leaf (allDocs would
    // name only the live ones, and a deletion on one device of what the
    // other edited would go unseen). Leaves closed by an earlier decision
    // come along; the app leaves them out (sync::conflicts).
    conflicts: function () {
      if (!running) return Promise.resolve("[]");
      var local = running.local;
      return local.changes({ since: 0, style: "all_docs" }).then(function (feed) {
        var ids = feed.results.filter(function (change) {
          return change.changes.length > 1 && !change.deleted && change.id.indexOf("_design/") !== 0;
        }).map(function (change) { return change.id; });
        // With their revision histories (`_revisions`), where the common
        // ancestor is found.
        return Promise.all(ids.map(function (id) {
          return Promise.all([
            local.get(id, { revs: true, conflicts: true, deleted_conflicts: true }),
            local.get(id, { open_revs: "all", revs: true }),
          ]).then(function (both) {
            var winner = both[0];
            var leaves = both[1].filter(function (l) { return l.ok && l.ok._rev !== winner._rev; })
              .map(function (l) { return l.ok; });
            return { doc: winner, leaves: leaves };
          }, function () { return null; });
        }));
      }).then(function (list) { return JSON.stringify(list.filter(Boolean)); });
    },

    // One document as stored at `rev` (the common ancestor of a conflict,
    // if this device still has its body), or null.
    atRev: function (id, rev) {
      if (!running) return Promise.resolve("null");
      return running.local.get(id, { rev: rev }).then(
        function (doc) { return JSON.stringify(doc); },
        function () { return "null"; });
    },

    // Keeps a project's own database in step, live both ways: out go the
    // documents of `selector` (the project's records, which the app names
    // anew when they change), in comes what the team wrote there. Answers
    // "true" once running.
    keepShared: function (remoteUrl, selector) {
      if (!running) return "false";
      var current = shares[remoteUrl];
      if (current && current.selector === selector) return "true";
      if (current) current.sync.cancel();
      var target = new window.PouchDB(remoteUrl, { fetch: withCredentials, skip_setup: true });
      var sync = window.PouchDB.sync(running.local, target, {
        live: true, retry: true, batch_size: 200, back_off_function: backOff,
        push: { selector: JSON.parse(selector) },
      });
      sync.catch(function () {});
      shares[remoteUrl] = { selector: selector, sync: sync };
      return "true";
    },

    // Copies one project's documents to its own database, once, with a
    // selector (sharing a project with a collaborator).
    share: function (remoteUrl, selector) {
      if (!running) return Promise.resolve(JSON.stringify({ status: 0 }));
      var target = new window.PouchDB(remoteUrl, { fetch: withCredentials });
      return window.PouchDB.replicate(running.local, target, { selector: JSON.parse(selector) }).then(
        function (info) { return JSON.stringify({ status: 200, written: info.docs_written }); },
        function (error) { return JSON.stringify({ status: (error && error.status) || 0 }); });
    },
  };
})();
