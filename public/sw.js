// Chefsache service worker: precaches the build and serves it offline.
// scripts/postbuild.mjs replaces the two placeholders below at build time
// with the build's id and its list of hashed files, so every build has its
// own cache and older caches are deleted on activation.
const BUILD_ID = "__BUILD_ID__";
const PRECACHE = /* __PRECACHE_LIST__ */ [];
const CACHE = `chefsache-${BUILD_ID}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("chefsache-") && key !== CACHE)
          .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  // Page navigations (any route, deep links included) get the app shell:
  // network first so a fresh deploy shows up, the cached shell when offline.
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match("/index.html", { cacheName: CACHE })));
    return;
  }

  // Hashed build files never change: cache first.
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
