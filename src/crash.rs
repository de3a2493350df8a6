//! What a panic looks like to the page. With `panic = "abort"` a panic stops the one wasm
//! instance that serves every widget, so the hook tells every placeholder, not only the one
//! whose code failed: an error box in its space, `data-cop-state="error"`, and `cop:error`
//! with reason `crash`. It uses only the DOM, never the registry (which may be mid-borrow).

use cop_core::config::{STATE_ATTRIBUTE, WIDGET_ATTRIBUTE};
use cop_core::i18n::{Lang, Msg};
use js_sys::{Object, Reflect};

use crate::host;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        // The message only: formatting the location too would cost the wasm more.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        report(&message);
    }));
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
