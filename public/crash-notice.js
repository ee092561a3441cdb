// Shows index.html's failure notice (#crash) when the app's wasm fails.
// In the shipped build a Rust panic aborts at once as a wasm trap
// (`unreachable`, -Cpanic=immediate-abort), for instance when a page's code
// could not be fetched on a first visit without connection; no Rust code
// can run after that, so the notice and this listener are plain HTML and
// JavaScript. Pending writes are in the journal (localStorage), so a
// reload loses nothing that was saved.
(function () {
  function isAppFailure(error) {
    return (typeof WebAssembly !== "undefined" && error instanceof WebAssembly.RuntimeError)
      || (error != null && /unreachable/.test(String(error.message)));
  }
  function show() {
    var template = document.getElementById("crash-template");
    if (template && !document.getElementById("crash")) {
      document.body.appendChild(template.content.cloneNode(true));
    }
  }
  window.addEventListener("error", function (event) {
    if (isAppFailure(event.error)) show();
  });
  window.addEventListener("unhandledrejection", function (event) {
    if (isAppFailure(event.reason)) show();
  });
})();
