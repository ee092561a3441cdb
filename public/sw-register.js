// Registers the service worker and tells the app when a new version waits.
// The app shows the notice (src/ui/components/update_notice.rs) and answers
// with "chefsache:apply-update"; then the waiting worker takes over and the
// page reloads into the new version once.
(function () {
  if (!("serviceWorker" in navigator)) return;

  let waiting = null;
  const announce = (worker) => {
    waiting = worker;
    window.dispatchEvent(new CustomEvent("chefsache:update-ready"));
  };

  window.addEventListener("chefsache:apply-update", () => {
    if (waiting) waiting.postMessage({ type: "SKIP_WAITING" });
  });

  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading || !waiting) return;
    reloading = true;
    window.location.reload();
  });

  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) {
        announce(registration.waiting);
      }
      registration.addEventListener("updatefound", () => {
        const incoming = registration.installing;
        if (!incoming) return;
        incoming.addEventListener("statechange", () => {
          if (incoming.state === "installed" && navigator.serviceWorker.controller) {
            announce(incoming);
          }
        });
      });
    }).catch((error) => console.warn("Service worker not registered:", error));
  });
})();
