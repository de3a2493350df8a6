//! cop-widgets, the browser side: runs a widget, driven by Leptos's reactive graph, in the
//! shadow root of every `[data-cop-widget]` placeholder the loader (`loader/cop-widgets.js`)
//! hands over.
//!
//! The loader owns page-level work that must happen before the wasm arrives (reserving
//! space, observing the DOM, `window.CopWidgets`); this crate owns everything after:
//! parsing attributes with `cop-core`, fetching, rendering, and reporting state.
//!
//! Nothing that comes from the page or the network is unwrapped: `panic = "abort"` would
//! stop every widget on the page. [`crash`] tells the page when one did.

// The widgets' effects are marked `Send` on the ground that this wasm has one thread
// (`widgets::OneThread`): a build with threads must rethink that first.
#[cfg(target_feature = "atomics")]
compile_error!("cop-widgets assumes a wasm without threads (see widgets::OneThread)");

#[cfg(feature = "alloc-stats")]
mod alloc_stats;
mod batch;
mod catalog;
mod client;
pub mod components;
mod crash;
mod host;
mod json;
mod registry;
mod ui;
mod widgets;
mod zones;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Called once by the loader with its script tag (or `null`), whose attributes are the page's
/// defaults, and its `fetchCatalog(code)`, which answers through [`catalog_arrived`].
#[wasm_bindgen]
pub fn start(script: JsValue, fetch_catalog: JsValue) {
    start_runtime();
    catalog::set_fetcher(fetch_catalog);
    let defaults = script.dyn_ref::<web_sys::Element>().map(host::attributes);
    registry::set_page_defaults(defaults.unwrap_or_default());
    host::on_online(registry::refresh_failed);
}

/// What every page needs before a widget mounts, with the loader or without it (a Leptos
/// application, `components`): the crash report, the executor, and a console error for a
/// chunk's message shown before its chunk arrived (a bug: see `cop_core::i18n::Part`).
pub(crate) fn start_runtime() {
    crash::install();
    // Runs the futures widgets spawn (their fetches) on the browser's microtask queue. An
    // error means a second start: the executor is already there.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // Not `{msg:?}`: the names of every message would be strings in the main module.
    cop_core::i18n::on_missing(|msg| {
        let (part, index) = msg.place();
        let text = format!(
            "cop-widgets: no English for message {index} of part \"{}\": its chunk has not provided it",
            part.name()
        );
        web_sys::console::error_1(&text.into())
    });
}

/// A message catalog the loader fetched: a JSON array of texts, or `null` if it failed.
#[wasm_bindgen]
pub fn catalog_arrived(code: String, texts: JsValue) {
    // The code is one the wasm asked for (`catalog::ready`): `de`, `de_story`…
    if let Some((lang, part)) = cop_core::i18n::parse_catalog_code(&code) {
        catalog::settle(lang, part, texts);
    }
}

#[wasm_bindgen]
pub fn mount(element: JsValue) {
    if let Some(element) = as_element(element, "mount") {
        registry::mount(element);
    }
}

#[wasm_bindgen]
pub fn unmount(element: JsValue) {
    if let Some(element) = as_element(element, "unmount") {
        registry::unmount(&element);
    }
}

/// A `data-*` attribute of a mounted placeholder changed.
#[wasm_bindgen]
pub fn update(element: JsValue) {
    if let Some(element) = as_element(element, "update") {
        registry::update(&element);
    }
}

/// Fetches again: one placeholder, or every mounted one when `element` is null.
#[wasm_bindgen]
pub fn refresh(element: JsValue) {
    if element.is_null() || element.is_undefined() {
        registry::refresh_all();
    } else if let Some(element) = as_element(element, "refresh") {
        registry::refresh(&element);
    }
}

/// `CopWidgets.configure({ headers })`: `headers` is an object, or a function (sync or
/// async) returning one, called before every request.
#[wasm_bindgen]
pub fn configure(options: JsValue) {
    client::configure(&options);
}

fn as_element(value: JsValue, call: &str) -> Option<web_sys::Element> {
    match value.dyn_into::<web_sys::Element>() {
        Ok(element) => Some(element),
        Err(value) => {
            web_sys::console::error_2(
                &format!("cop-widgets: CopWidgets.{call}() needs an element; got").into(),
                &value,
            );
            None
        }
    }
}
