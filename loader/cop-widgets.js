/* cop-widgets loader: the one script an admin pastes. Classic script, works with or without
 * defer/async. It reserves each placeholder's space at once, loads the ES module and the wasm
 * next to itself only when the page has a placeholder, and hands every placeholder (also the
 * ones added later) to the wasm. Pasted twice, the second copy does nothing. */
(function () {
  var w = window, d = document;
  if (w.CopWidgets && w.CopWidgets.version) return; // pasted twice: the first copy serves all
  var me = d.currentScript;
  var base = me && me.src || d.baseURI;
  // Page-wide defaults are the script tag's own attributes: the wasm reads them from `me`
  // (currentScript is only set during this first synchronous run).
  var SEL = "[data-cop-widget]";
  // Reserved heights per widget kind: no layout shift when the widget replaces the skeleton.
  // A pill's box is fixed by the stylesheets (here and in the wasm's), whatever it shows.
  var HEIGHTS = { hello: 350, "participation-badge": 270, "participation-badge:community": 400, "participation-badge:network": 640, "participation-badge:pill": 0, "participation-badge:legend": 24, "value-story": 300, "video-carousel": 420, "rhythm-calendar": 500 };
  // Every kind here has a chunk of its own, split_<kind>-<hash>.wasm (the badge's holds its
  // card: a pill and a legend, under 99 px here, are in the main module):
  // scripts/build.sh fills in the one hash (checking that the kinds here are the chunked
  // ones), or "" for the single bundle. Fetched as soon as a placeholder that needs it
  // appears, in parallel with the glue and the main wasm; `early` (file → promise of its
  // Response) is handed to the glue, whose chunk loader takes it.
  // A part of a kind, chosen by its data-variant or data-view, has a chunk of its own instead,
  // split_<kind>__<part>-<hash>.wasm (the spread, the network view, the month grid): a page that shows
  // only the part fetches nothing of the kind's own. scripts/build.sh checks these are the
  // parts it built.
  var PARTS = { "participation-badge:community": 1, "participation-badge:network": 1, "rhythm-calendar:month": 1 };
  var CHUNK = "-CHUNK.wasm", early = {};
  var wasm = null, loading = false, queue = [], options = null;
  var skeleton = null; // one stylesheet shared by every skeleton
  function none() {}

  function reserve(el, k, v) {
    if (el.shadowRoot) return;
    var root = el.attachShadow({ mode: "open" });
    if (!skeleton) {
      skeleton = new CSSStyleSheet();
      skeleton.replaceSync(":host{all:initial;display:block!important;float:none!important;font-size:var(--cop-font-size,16px)!important}:host([data-cop-widget=participation-badge][data-variant=pill]){display:inline-block!important;vertical-align:middle!important;width:8.5em!important;height:1.5em!important}.cop-skeleton{border-radius:8px;background:#8883;height:100%;min-height:inherit}" +
        ".cop-load-error{font:16px/1.5 sans-serif;border:2px solid #a3161c;border-radius:8px;padding:12px}");
    }
    root.adoptedStyleSheets = [skeleton];
    // An admin's data-height="300" or "300px" (digits only: parseInt reads them in base 10).
    // A variant's own height first (the pill's 0 is a height), then the kind's.
    var a = el.getAttribute("data-height"), h = /^\d+(px)?$/.test(a) ? parseInt(a) : HEIGHTS[v] ?? HEIGHTS[k];
    if (h) el.style.minHeight = h + "px";
    var box = d.createElement("div");
    box.className = "cop-skeleton";
    box.ariaHidden = "true";
    root.appendChild(box);
    el.setAttribute("data-cop-state", "loading");
  }

  function call(name, arg) {
    if (wasm) return wasm[name](arg);
    queue.push([name, arg]);
    load();
  }

  function load() {
    if (loading) return;
    loading = true;
    // scripts/build.sh replaces both names with the release's content-hashed ones. The wasm
    // is requested now, beside the glue, not once the glue has arrived.
    var bytes = fetch(new URL("cop_widgets_bg.wasm", base));
    bytes.catch(none); // a failure is reported below, once; never as an unhandled rejection
    import(new URL("cop_widgets.js", base))
      .then(function (m) {
        m.chunks(early); // the single bundle's glue has a chunks() that does nothing
        return m.default({ module_or_path: bytes }).then(function () {
          // Catalogs other than English, fetched when a widget first needs one. build.sh
          // names them by content too; a failure (anything but an array: false, undefined)
          // leaves the widget in English.
          m.start(me, function (code) {
            fetch(new URL("cop_i18n_" + code + "-CATALOGS.json", base))
              .then(function (r) { return r.ok && r.json(); })
              .catch(none)
              .then(function (texts) { m.catalog_arrived(code, texts); });
          });
          if (options) m.configure(options);
          wasm = m;
          queue.splice(0).forEach(function (c) { wasm[c[0]](c[1]); });
        });
      })
      .catch(function (e) {
        // Without the wasm there is no catalog: the loader carries this one sentence itself.
        var lang = d.documentElement.lang.slice(0, 2);
        var text = {
          de: "Dieses Widget konnte nicht geladen werden.",
          es: "No se pudo cargar este widget.",
          pt: "Não foi possível carregar este widget.",
          fr: "Ce widget n’a pas pu être chargé."
        }[lang] || "This widget could not be loaded.";
        console.error("cop-widgets: no wasm next to " + base +
          (e instanceof WebAssembly.CompileError ? " (CSP: script-src needs 'wasm-unsafe-eval')" : ""), e);
        d.querySelectorAll(SEL).forEach(function (el) {
          var root = el.shadowRoot, box = d.createElement("div");
          box.className = "cop-load-error";
          box.role = "alert";
          box.textContent = text;
          if (root) root.replaceChildren(box);
          el.setAttribute("data-cop-state", "error");
          el.dispatchEvent(new CustomEvent("cop:error", { bubbles: true, composed: true, detail: { reason: "load-failed", message: String(e) } }));
        });
      });
  }

  // Each placeholder is handed to the wasm once until it is unmounted: the first pass, the
  // DOMContentLoaded pass and the MutationObserver may all see it.
  var mounted = new WeakSet();

  function mount(el) {
    if (!(el instanceof Element)) return console.error("cop-widgets: CopWidgets.mount() needs an element:", el);
    if (w.CopWidgets.crashed) return el.setAttribute("data-cop-state", "error"); // see src/crash.rs
    if (mounted.has(el)) return;
    mounted.add(el);
    // The kind and its variant (the badge's) or view (the calendar's): "participation-badge:pill".
    var k = el.getAttribute("data-cop-widget"), v = k + ":" + (el.getAttribute("data-variant") || el.getAttribute("data-view")), c;
    reserve(el, k, v);
    // A failed download shows in the widget, when the wasm needs the chunk (and retries).
    // A variant reserved under 99 px (the pill, the legend) is in the main module.
    if (CHUNK && k in HEIGHTS && !(HEIGHTS[v] < 99) && !early[c = "split_" + (PARTS[v] ? v : k).replace(/-/g, "_").replace(":", "__") + CHUNK]) (early[c] = fetch(new URL(c, base))).catch(none);
    call("mount", el);
  }

  function unmount(el) {
    mounted.delete(el);
    call("unmount", el);
  }

  function each(node, fn) {
    if (node.nodeType !== 1) return;
    if (node.matches(SEL)) fn(node);
    node.querySelectorAll(SEL).forEach(fn);
  }

  new MutationObserver(function (records) {
    records.forEach(function (r) {
      if (r.type === "attributes") {
        var el = r.target, name = r.attributeName;
        // Only data-* attributes configure a widget; data-cop-state is the library's own.
        if (name.indexOf("data-") || name === "data-cop-state" || !el.isConnected) return;
        if (name === "data-cop-widget" && !el.hasAttribute(name)) unmount(el);
        else if (el.hasAttribute("data-cop-widget")) el.shadowRoot ? call("update", el) : mount(el);
        return;
      }
      // A moved placeholder is removed and added again: only what is gone stays unmounted.
      r.removedNodes.forEach(function (n) { each(n, function (el) { if (!el.isConnected) unmount(el); }); });
      r.addedNodes.forEach(function (n) { if (n.isConnected) each(n, mount); });
    });
  }).observe(d.documentElement, { childList: true, subtree: true, attributes: true });

  w.CopWidgets = {
    version: "0.1.0",
    mount: mount,
    unmount: unmount,
    refresh: function (el) { call("refresh", el); },
    // e.g. configure({ headers: () => ({ Authorization: "Bearer " + token }) })
    configure: function (o) { options = o; if (wasm) wasm.configure(o); }
  };

  function start() { each(d.documentElement, mount); }
  // Placeholders already parsed above this script mount now; a page still loading gets a
  // second pass once parsed (the observer sees most of them sooner). Each mounts once.
  start();
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", start);
})();
