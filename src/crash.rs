//! What a panic looks like to the page. The wasm is built with `panic = immediate-abort`
//! (`scripts/wasm-flags.sh`): a panic is a trap (`unreachable`), with no hook and no message,
//! and it stops the one wasm instance that serves every widget. So `host.js`'s `watch` hears
//! the trap as the page's uncaught `WebAssembly.RuntimeError` and calls [`report`], which
//! tells every placeholder, not only the one whose code failed: an error box in its space,
//! `data-cop-state="error"`, and `cop:error` with reason `crash` and the error's text as its
//! message. It uses only the DOM, never the registry (which may be mid-borrow), like a panic
//! hook would.

use cop_core::config::{STATE_ATTRIBUTE, WIDGET_ATTRIBUTE};
use cop_core::i18n::{Lang, Msg};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;

use crate::host;
use crate::widgets::Listener;

/// Listens for the first trap of this wasm, for the page's lifetime.
pub fn install() {
    let listener = Listener::new(|event: web_sys::Event| {
        // An `error` event's `error`, or an `unhandledrejection`'s `reason`: a RuntimeError.
        let error = Reflect::get(&event, &"error".into())
            .ok()
            .filter(|error| error.is_object())
            .or_else(|| Reflect::get(&event, &"reason".into()).ok());
        let text = error
            .and_then(|error| error.dyn_into::<Object>().ok())
            .map(|error| String::from(error.to_string()))
            .unwrap_or_default();
        report(&text);
    });
    host::watch(listener.as_ref());
    listener.forget(); // for the page's lifetime
}

fn report(detail: &str) {
    web_sys::console::error_1(
        &format!("cop-widgets: internal error; every widget on this page has stopped: {detail}")
            .into(),
    );
    let Some(document) = host::document() else {
        return;
    };
    if let Some(window) = web_sys::window() {
        // The loader reads this and stops handing new placeholders to the stopped instance.
        if let Ok(api) = Reflect::get(&window, &"CopWidgets".into()) {
            let _ = Reflect::set(&api, &"crashed".into(), &true.into());
        }
    }
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .map_or(Lang::En, |tag| Lang::for_tag(&tag));
    let Ok(placeholders) = document.query_selector_all(&format!("[{WIDGET_ATTRIBUTE}]")) else {
        return;
    };
    for index in 0..placeholders.length() {
        let Some(element) = placeholders
            .item(index)
            .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        else {
            continue;
        };
        if let Some(root) = element.shadow_root() {
            // A fixed message from the catalog: no page or network text goes into this HTML.
            root.set_inner_html(&format!(
                "<div class=\"cop-root\"><div class=\"cop-alert\" role=\"alert\"><p class=\"cop-alert-title\">{}</p></div></div>",
                Msg::Crashed.text(lang)
            ));
        }
        let _ = element.set_attribute(STATE_ATTRIBUTE, "error");
        let detail_object = Object::new();
        host::set(&detail_object, "reason", "crash");
        host::set(&detail_object, "message", detail);
        host::dispatch(&element, "cop:error", &detail_object);
    }
}
