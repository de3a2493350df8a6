// Points carousel-foreign.html's placeholders at the third-party backend: ?backend=…, else
// json-server's default address. Runs before the deferred loader, so the widgets mount configured.
(function () {
  var backend = new URLSearchParams(location.search).get("backend") || "http://127.0.0.1:3000";
  document.querySelectorAll("[data-endpoint]").forEach(function (el) {
    el.setAttribute("data-endpoint", el.getAttribute("data-endpoint").replace("{backend}", backend));
  });
})();
