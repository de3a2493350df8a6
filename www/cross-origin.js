// Loads the bundle and the API from the *other* loopback name (localhost ↔ 127.0.0.1): another
// origin, as for an intranet page using a shared widget server. The script tag is added the
// way tag managers add it, which the loader must also handle (document.currentScript).
const other = location.hostname === "localhost" ? "127.0.0.1" : "localhost";
const base = `${location.protocol}//${other}:${location.port}`;
const script = document.createElement("script");
script.src = `${base}/cop-widgets.js`;
script.dataset.api = `${base}/api`;
document.head.appendChild(script);
