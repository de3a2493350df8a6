// Points this page's placeholders at the third-party backend: ?backend=…, else json-server's
// default address. Runs before the deferred loader, so the widgets mount already configured.
(function () {
  var backend = new URLSearchParams(location.search).get("backend") || "http://127.0.0.1:3000";
  document.querySelectorAll("[data-endpoint]").forEach(function (el) {
    el.setAttribute("data-endpoint", el.getAttribute("data-endpoint").replace("{backend}", backend));
  });
  // A directory: 30 pills that share the backend's list endpoint (data-batch).
  var directory = document.getElementById("directory");
  for (var id = 100; id < 130; id++) {
    var pill = document.createElement("span");
    pill.id = "pill-" + id;
    pill.setAttribute("data-cop-widget", "participation-badge");
    pill.setAttribute("data-variant", "pill");
    pill.setAttribute("data-member", String(id));
    pill.setAttribute("data-batch", backend + "/people?id={members}");
    pill.setAttribute("data-batch-join", "&id=");
    pill.setAttribute("data-map-member", "/id");
    pill.setAttribute("data-map-level", "/tier");
    directory.appendChild(pill);
    directory.appendChild(document.createTextNode(" "));
  }
})();
