//! Everything that touches the host page's DOM: attributes, the shadow root and its shared
//! stylesheet, state and events on the placeholder, locale and `Intl`. Every call that the
//! browser may refuse returns an `Option`/`Result` that callers handle.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// `src/style.css`, minified by `build.rs`.
const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.min.css"));

thread_local! {
    static WARNED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
    /// One constructed stylesheet shared by every shadow root: parsed once, and allowed by a
    /// Content-Security-Policy without `'unsafe-inline'` (unlike `<style>` elements).
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// The chunks' own stylesheets, by the address of their text (see [`adopt`]).
    static CHUNK_SHEETS: RefCell<Vec<(usize, CssStyleSheet)>> = const { RefCell::new(Vec::new()) };
}

/// A console warning, once per page for each text: an admin's optional `data-map-*` pointer
/// that finds nothing does not stop the widget, but should not go unnoticed either.
pub fn warn_once(text: String) {
    let first = WARNED.with(|warned| {
        let mut warned = warned.borrow_mut();
        let first = !warned.contains(&text);
        if first {
            warned.push(text.clone());
        }
        first
    });
    if first {
        web_sys::console::warn_1(&text.into());
    }
}

pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

#[wasm_bindgen(module = "/src/host.js")]
extern "C" {
    /// `src/host.js`: every attribute, in one string.
    #[wasm_bindgen(js_name = attributes)]
    fn js_attributes(element: &Element) -> String;
    /// `src/host.js`: `data-cop-state`, the event, and the reserved space given back.
    #[wasm_bindgen(js_name = announce)]
    fn js_announce(
        element: &Element,
        state: &str,
        event: Option<&str>,
        widget: &str,
        reason: Option<&str>,
        message: Option<&str>,
        release: bool,
    );
    /// `src/host.js`: a bubbling `CustomEvent`.
    fn fire(element: &Element, name: &str, detail: &JsValue, composed: bool);
    /// `src/host.js`: `report` hears the first trap of this wasm (`crash.rs`).
    pub fn watch(report: &JsValue);
}

/// All attributes of an element, as `(name, value)` pairs (HTML lower-cases the names).
pub fn attributes(element: &Element) -> Vec<(String, String)> {
    let all = js_attributes(element);
    let mut parts = all.split('\0');
    let mut pairs = Vec::new();
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        pairs.push((name.to_owned(), value.to_owned()));
    }
    pairs
}

/// The text of `<script type="application/json">` directly inside the placeholder.
pub fn inline_json(element: &Element) -> Option<String> {
    let script = element
        .query_selector(":scope > script[type='application/json']")
        .ok()??;
    script.text_content()
}

/// The placeholder's shadow root with the widget stylesheet adopted, created if the loader
/// has not already done so. The loader's skeleton stays: `style.css` shows it, still, until
/// the placeholder's `data-cop-state` says more than loading, and hides the widget's own
/// loading markup beside it meanwhile (no second, animated skeleton per widget). A root the
/// library emptied (unmounted) or made has nothing else in it.
pub fn prepare_shadow_root(element: &Element) -> Option<ShadowRoot> {
    let root = match element.shadow_root() {
        Some(root) => root,
        None => element
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?,
    };
    if let Some(sheet) = shared_sheet() {
        root.set_adopted_style_sheets(&Array::of1(&sheet));
    }
    Some(root)
}

fn shared_sheet() -> Option<CssStyleSheet> {
    SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(STYLE).ok()?;
            *cell = Some(sheet);
        }
        cell.clone()
    })
}

/// Adds a chunk's own stylesheet (`css`, one of its `static`s) after the platform's to the
/// shadow root `element` is in, once; one `CSSStyleSheet` per chunk serves every widget of it.
pub fn adopt(element: &Element, css: &'static str) {
    let Some(root) = element.get_root_node().dyn_into::<ShadowRoot>().ok() else {
        return;
    };
    let sheet = CHUNK_SHEETS.with(|sheets| {
        let mut sheets = sheets.borrow_mut();
        // Keyed by the text's address: each chunk's stylesheet is one static string.
        let key = css.as_ptr() as usize;
        if let Some((_, sheet)) = sheets.iter().find(|(at, _)| *at == key) {
            return Some(sheet.clone());
        }
        let sheet = CssStyleSheet::new().ok()?;
        sheet.replace_sync(css).ok()?;
        sheets.push((key, sheet.clone()));
        Some(sheet)
    });
    let Some(sheet) = sheet else { return };
    let adopted = root.adopted_style_sheets();
    if !adopted.includes(&sheet, 0) {
        adopted.push(&sheet);
        root.set_adopted_style_sheets(&adopted);
    }
}

/// `link` resolved against `base` (the URL its document came from) or else the page, if it is
/// an http(s) URL: a backend's `javascript:` link must never become an `href`.
pub fn web_link(link: &str, base: Option<&str>) -> Option<String> {
    let base = match base {
        Some(base) => base.to_owned(),
        None => document()?.base_uri().ok()??,
    };
    let url = web_sys::Url::new_with_base(link, &base).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
}

/// What the placeholder says about itself: `data-cop-state`, and the matching event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Loading,
    Ready,
    Error { reason: String, message: String },
}

/// Writes `data-cop-state` and dispatches `cop:ready` or `cop:error` (bubbling, composed);
/// first, if `release`, gives back the space the loader reserved (`min-height`), once the
/// widget's content (or its error box) decides its height.
pub fn announce(element: &Element, widget: &str, status: &Status, release: bool) {
    let (state, event, error) = match status {
        Status::Loading => ("loading", None, None),
        Status::Ready => ("ready", Some("cop:ready"), None),
        Status::Error { reason, message } => ("error", Some("cop:error"), Some((reason, message))),
    };
    js_announce(
        element,
        state,
        event,
        widget,
        error.map(|(reason, _)| reason.as_str()),
        error.map(|(_, message)| message.as_str()),
        release,
    );
}

/// An event that bubbles out of the shadow root to the host page (composed): `cop:*`.
pub fn dispatch(element: &Element, name: &str, detail: &JsValue) {
    fire(element, name, detail, true);
}

/// An event that bubbles within `element`'s shadow root only (not composed), as the browser's
/// own `change` does: the host page's listeners never hear it.
pub fn dispatch_inside(element: &Element, name: &str) {
    fire(element, name, &JsValue::NULL, false);
}

pub fn set(object: &Object, key: &str, value: &str) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

/// The locale a widget speaks when its configuration names none: the nearest `lang`
/// attribute (usually `<html lang>`), else the browser's language, else English. A tag that
/// `Intl` does not know is passed over.
pub fn page_locale(element: &Element) -> String {
    let from_page = element
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|el| el.get_attribute("lang"))
        .filter(|tag| intl_knows(tag));
    let from_browser = || {
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .filter(|tag| intl_knows(tag))
    };
    from_page
        .or_else(from_browser)
        .unwrap_or_else(|| "en".to_owned())
}

thread_local! {
    /// The tags [`intl_knows`] found known: a page of 500 widgets has one or two, and each
    /// question costs `Intl` more than a look here. An unknown tag (a misconfiguration) is
    /// asked again each time.
    static INTL_KNOWN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Whether the browser's `Intl` knows this tag. Never throws: a tag `Intl` calls malformed is
/// simply unknown. Asked of `Intl.PluralRules`, not `DateTimeFormat`: the first question to
/// `DateTimeFormat` loads its data, 11–43 ms that every page paid in its first mount, a page of
/// pills that formats no date included (issue 16); `PluralRules` answers in 0.2 ms. It knows
/// every tag `DateTimeFormat` knows (in Chromium 156, of 5,421 tags: every two-letter code
/// and three-letter one ending in a vowel, alone and with a region), and some more, such as
/// Welsh (`cy`), for which `DateTimeFormat` formats in the browser's own language instead.
pub fn intl_knows(tag: &str) -> bool {
    if INTL_KNOWN.with(|known| known.borrow().iter().any(|known| known == tag)) {
        return true;
    }
    let known = ask_intl(tag);
    if known {
        INTL_KNOWN.with(|cache| cache.borrow_mut().push(tag.to_owned()));
    }
    known
}

fn ask_intl(tag: &str) -> bool {
    if !cop_core::config::is_language_tag(tag) {
        return false;
    }
    let supported = Reflect::get(&js_sys::global(), &"Intl".into())
        .and_then(|intl| Reflect::get(&intl, &"PluralRules".into()))
        .and_then(|rules| {
            let method: Function =
                Reflect::get(&rules, &"supportedLocalesOf".into())?.dyn_into()?;
            method.call1(&rules, &Array::of1(&tag.into()))
        });
    supported
        .ok()
        .and_then(|list| list.dyn_into::<Array>().ok())
        .is_some_and(|list| list.length() > 0)
}

/// A moment (ms since the epoch; `None` for now) as a date and time in `locale` (checked with
/// [`intl_knows`] beforehand): `date_style` is `Intl`'s (`"long"`, `"medium"`…), the time short.
pub fn format_time(locale: &str, at: Option<f64>, date_style: &str) -> String {
    let options = Object::new();
    set(&options, "dateStyle", date_style);
    set(&options, "timeStyle", "short");
    let format = js_sys::Intl::DateTimeFormat::new(&Array::of1(&locale.into()), &options).format();
    let moment = at.map_or_else(js_sys::Date::new_0, |at| js_sys::Date::new(&at.into()));
    format
        .call1(&JsValue::UNDEFINED, &moment)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

thread_local! {
    /// `Intl.NumberFormat#format` per locale and style: building one costs more than using
    /// it, and a page of many widgets formats many numbers in a few locales.
    static NUMBER_FORMATS: RefCell<Vec<(String, Function)>> = const { RefCell::new(Vec::new()) };
}

/// A count with the locale's grouping (1 234, 1.234, 1,234…). Takes an integer on purpose:
/// formatting floats in Rust would add 20 KB of wasm that `Intl` makes unnecessary.
pub fn format_count(locale: &str, count: u32) -> String {
    format_number(locale, false, f64::from(count))
}

/// A whole percentage in the locale's way (12 %, 12%, %12…).
pub fn format_percent(locale: &str, percent: u32) -> String {
    format_number(locale, true, f64::from(percent) / 100.0)
}

fn format_number(locale: &str, percent: bool, value: f64) -> String {
    let key = if percent {
        format!("{locale}%")
    } else {
        locale.to_owned()
    };
    let format = NUMBER_FORMATS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, format)) = cache.iter().find(|(tag, _)| *tag == key) {
            return format.clone();
        }
        let options = Object::new();
        if percent {
            set(&options, "style", "percent");
        }
        let format =
            js_sys::Intl::NumberFormat::new(&Array::of1(&locale.into()), &options).format();
        cache.push((key, format.clone()));
        format
    });
    format
        .call1(&JsValue::UNDEFINED, &value.into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// Calls `callback` each time the browser comes back online, for the page's lifetime.
pub fn on_online(callback: fn()) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::<dyn Fn()>::new(callback);
    let _ = window.add_event_listener_with_callback("online", closure.as_ref().unchecked_ref());
    closure.forget(); // one listener for the page's lifetime
}
