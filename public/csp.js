// Writes the page's Content-Security-Policy before anything else loads.
// It is the first script in <head>, synchronous, so the policy stands
// before Trunk's loader, the styles and the wasm are parsed.
//
// Why a script and not a static <meta>: a meta policy can only be
// tightened later, never loosened, and the sync server (issue 14) is
// chosen by the person. So the one policy is written here: requests go to
// the app's own origin and, only when sync is configured, to the one
// server origin the settings name (localStorage "chefsache.sync.origin",
// written by the sync settings, src/ui/sync/). Anything that is not
// exactly scheme://host[:port] is ignored, so a tampered value can never
// add a second source, a wildcard or a directive. Changing the server
// reloads the page, so the new policy applies.
//
// __TRUNK_LOADER_HASH__ is replaced by scripts/postbuild.mjs with the hash
// of Trunk's inline loader (no 'unsafe-inline').
(function () {
  var origin = "";
  try {
    var stored = window.localStorage.getItem("chefsache.sync.origin") || "";
    // http(s), a host name or IPv4 address (or [IPv6]), an optional port;
    // nothing else: no path, no wildcard, no quote, no space, no semicolon.
    if (/^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:[0-9]{1,5})?$/.test(stored)) {
      origin = " " + stored;
    }
  } catch (e) {
    // No localStorage (blocked): no sync, the app's own origin only.
  }
  var meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' __TRUNK_LOADER_HASH__; " +
    "style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'" + origin +
    "; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";
  document.head.appendChild(meta);
})();
