//! The message catalogs of languages other than English, fetched when a widget first needs
//! one. They ship as JSON files next to the wasm, one per language and part
//! (`cop_i18n_<lang>-<hash>.json`, the platform's; `cop_i18n_<lang>_<part>-<hash>.json`, a
//! widget chunk's: see `cop_core::i18n::Part`), so a page downloads only the language it shows
//! and only the words of the widgets it shows, and the wasm carries only English.
//!
//! The loader fetches (a few lines of JavaScript cost far less than a Rust fetch path in the
//! wasm); it calls [`crate::catalog_arrived`] with the messages, or with `null`. A widget in
//! such a language shows its skeleton until then; if the catalog cannot be had or does not fit
//! this build, the widget speaks English and the console says why. One fetch per language.

use std::cell::{Cell, RefCell};

use js_sys::{Array, Function};
use reactive_graph::{signal::RwSignal, traits::*};
use wasm_bindgen::prelude::*;

use cop_core::i18n::{self, Lang, Part};

thread_local! {
    /// The loader's `fetchCatalog(code)`.
    static FETCH: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// Catalogs asked for, as bits (see `bit`).
    static REQUESTED: Cell<u32> = const { Cell::new(0) };
    /// Catalogs settled (installed or given up on), as bits; views waiting on one track it.
    /// Created in `start`, outside every widget's reactive owner: created inside one, it would
    /// be disposed with that widget's next render.
    static SETTLED: RwSignal<u32> = RwSignal::new(0);
}

/// Called from `start`, before any widget mounts (see `SETTLED`).
pub fn set_fetcher(fetch: JsValue) {
    FETCH.with(|cell| *cell.borrow_mut() = fetch.dyn_into::<Function>().ok());
    SETTLED.with(|_| ());
}

/// A catalog's bit in `REQUESTED` and `SETTLED`: 5 languages × 6 parts fit a `u32`.
fn bit(lang: Lang, part: Part) -> u32 {
    1 << (lang as u32 * Part::ALL.len() as u32 + part as u32)
}

/// Whether `part`'s messages in `lang` can be shown now. If not, asks the loader for their
/// catalog (once) and the calling view runs again when it has settled.
pub fn ready(lang: Lang, part: Part) -> bool {
    if i18n::is_available(lang, part) {
        return true;
    }
    let bit = bit(lang, part);
    if SETTLED.with(|settled| settled.get()) & bit != 0 {
        return true; // given up on: English
    }
    if REQUESTED.with(|requested| requested.replace(requested.get() | bit)) & bit == 0 {
        let code = i18n::catalog_code(lang, part);
        let asked = FETCH.with(|fetch| {
            fetch
                .borrow()
                .as_ref()
                .map(|fetch| fetch.call1(&JsValue::NULL, &code.into()).is_ok())
        });
        if asked != Some(true) {
            settle(lang, part, JsValue::NULL);
        }
    }
    false
}

/// The loader's answer for a catalog: its JSON array, or `null` if it failed.
pub fn settle(lang: Lang, part: Part, texts: JsValue) {
    let mut installed = false;
    if let Some(array) = texts.dyn_ref::<Array>() {
        // A loop, not `collect`: each collect is its own instantiation in the wasm.
        let mut list = Vec::with_capacity(array.length() as usize);
        for index in 0..array.length() {
            list.push(array.get(index).as_string().unwrap_or_default());
        }
        installed = i18n::install(lang, part, list).is_ok();
    }
    if !installed {
        web_sys::console::warn_2(
            &"cop-widgets: no usable catalog for this language; showing English:".into(),
            &i18n::catalog_code(lang, part).into(),
        );
    }
    SETTLED.with(|settled| settled.update(|bits| *bits |= bit(lang, part)));
}
