// Starts examples/leptos-app (built by scripts/build-example.sh into pkg/example/).
import init from "/example/app.js";
init();
