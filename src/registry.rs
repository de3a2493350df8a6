//! The mounted widgets of the page, keyed by an id stored on the placeholder element.
//!
//! Each mount is its own Leptos reactive owner, rendering into the placeholder's shadow root.
//! The registry keeps that owner (dropping it stops the widget and frees its reactive graph),
//! the signal holding its parsed configuration (so changed attributes update the widget in
//! place) and a reload counter (`CopWidgets.refresh`). Borrows of the registry are never
//! held while Leptos runs widget code, which may call back in here.

use std::cell::{Cell, RefCell};

use js_sys::Reflect;
use reactive_graph::{owner::Owner, signal::RwSignal, traits::*};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use cop_core::config::{self, Expected, Problem, Source, WidgetConfig};
use cop_core::i18n::Lang;

use crate::host::{self, Status};

/// What a widget is rendered from; rebuilt from the attributes on every change.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub id: u32,
    /// The resolved locale (attribute, page or browser) and its catalog language.
    pub locale: String,
    pub lang: Lang,
    pub config: Result<WidgetConfig, Vec<Problem>>,
    /// The text of inline `<script type="application/json">`, checked to be JSON.
    pub inline: Option<String>,
}

struct Mounted {
    id: u32,
    element: Element,
    /// The widget's view and event listener. Declared before `_owner`: fields drop in order.
    _running: Option<crate::widgets::Running>,
    /// The listeners a chunked kind's code made once its chunk arrived (the value-story form's,
    /// the network table's), removed from the widget's root when dropped.
    _kind_listener: Option<crate::widgets::Handlers>,
    /// Owns `setup`, `reload` and the view's reactive root: dropping it disposes them all, so
    /// a page that adds and removes widgets for hours does not accumulate signals.
    _owner: Owner,
    setup: RwSignal<Setup>,
    reload: RwSignal<u32>,
    widget: String,
    status: Status,
}

thread_local! {
    /// Few enough (a page has tens, a member directory hundreds) that a list is fine, and
    /// a list costs the wasm less than another hash map instantiation.
    static MOUNTED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static PAGE_DEFAULTS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

const ID_PROPERTY: &str = "__copWidgetId";

pub fn set_page_defaults(pairs: Vec<(String, String)>) {
    PAGE_DEFAULTS.with(|cell| *cell.borrow_mut() = pairs);
}

fn id_of(element: &Element) -> Option<u32> {
    let id = Reflect::get(element, &ID_PROPERTY.into()).ok()?.as_f64()? as u32;
    MOUNTED
        .with(|list| list.borrow().iter().any(|mounted| mounted.id == id))
        .then_some(id)
}

pub fn mount(element: Element) {
    if id_of(&element).is_some() {
        return; // mounted already: a second loader, or a node moved within the page
    }
    let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
    let (setup_value, widget) = read_setup(id, &element);
    let Some(root) = host::prepare_shadow_root(&element) else {
        web_sys::console::error_2(
            &"cop-widgets: cannot attach a shadow root to".into(),
            &element,
        );
        return;
    };
    let Some(container) = host::document()
        .and_then(|document| document.create_element("div").ok())
        .and_then(|div| div.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    container.set_class_name("cop-root");
    if root.append_child(&container).is_err() {
        return;
    }
    let _ = Reflect::set(&element, &ID_PROPERTY.into(), &JsValue::from(id));
    // A root of its own: mounted from a Leptos component's effect (`components`), a child
    // owner would be disposed the next time that effect runs.
    let owner = Owner::new_root(None);
    let (setup, reload) = owner.with(|| (RwSignal::new(setup_value), RwSignal::new(0u32)));
    // Registered before the view runs: the view reports its status through the registry.
    MOUNTED.with(|list| {
        list.borrow_mut().push(Mounted {
            id,
            element: element.clone(),
            _running: None,
            _kind_listener: None,
            _owner: owner.clone(),
            setup,
            reload,
            widget,
            status: Status::Loading,
        })
    });
    let running = owner.with(|| crate::widgets::run(container, setup, reload));
    with_mounted(id, |mounted| mounted._running = Some(running));
}

pub fn unmount(element: &Element) {
    let Some(id) = id_of(element) else { return };
    // Removed from the map first, dropped after: dropping runs Leptos cleanup code.
    let removed = MOUNTED.with(|list| {
        let mut list = list.borrow_mut();
        let index = list.iter().position(|mounted| mounted.id == id)?;
        Some(list.swap_remove(index))
    });
    if let Some(mounted) = removed {
        let _ = Reflect::delete_property(
            element.unchecked_ref::<js_sys::Object>(),
            &ID_PROPERTY.into(),
        );
        if let Some(root) = element.shadow_root() {
            root.set_inner_html("");
        }
        let _ = element.remove_attribute(config::STATE_ATTRIBUTE);
        drop(mounted);
    }
}

/// Re-reads the attributes; the widget re-renders only if its configuration changed.
pub fn update(element: &Element) {
    let Some(id) = id_of(element) else {
        return mount(element.clone());
    };
    let (fresh, widget) = read_setup(id, element);
    if with_mounted(id, |mounted| mounted.widget != widget) == Some(true) {
        // Another kind is another view: mounted anew.
        unmount(element);
        return mount(element.clone());
    }
    let setup = with_mounted(id, |mounted| mounted.setup);
    if let Some(setup) = setup {
        // Compared in place: a clone of the whole setup would be one more function.
        if !setup.with_untracked(|current| *current == fresh) {
            setup.set(fresh);
        }
    }
}

pub fn refresh(element: &Element) {
    if let Some(id) = id_of(element) {
        bump(&[id]);
    }
}

pub fn refresh_all() {
    let ids: Vec<u32> =
        MOUNTED.with(|list| list.borrow().iter().map(|mounted| mounted.id).collect());
    bump(&ids);
}

/// After the browser comes back online, widgets that failed fetch again.
pub fn refresh_failed() {
    let ids: Vec<u32> = MOUNTED.with(|list| {
        list.borrow()
            .iter()
            .filter(|mounted| matches!(mounted.status, Status::Error { .. }))
            .map(|mounted| mounted.id)
            .collect()
    });
    bump(&ids);
}

fn bump(ids: &[u32]) {
    let signals: Vec<RwSignal<u32>> = ids
        .iter()
        .filter_map(|id| with_mounted(*id, |mounted| mounted.reload))
        .collect();
    for reload in signals {
        reload.update(|count| *count += 1);
    }
}

/// Sets a widget's `data-cop-state` and dispatches its event, once per change of status.
pub fn report(id: u32, status: Status) {
    let target = with_mounted(id, |mounted| {
        if mounted.status == status && mounted.element.has_attribute(config::STATE_ATTRIBUTE) {
            return None;
        }
        mounted.status = status.clone();
        Some((mounted.element.clone(), mounted.widget.clone()))
    })
    .flatten();
    if let Some((element, widget)) = target {
        if let Status::Error { reason, message } = &status {
            web_sys::console::error_2(
                &format!("cop-widgets: {widget}: {message} ({reason})").into(),
                &element,
            );
        }
        // The loader's reservation holds the space only while the widget loads: once it shows
        // its content or an error box, the content decides its height. The form keeps its own
        // (it steadies the box as the member moves between pages of different heights), the
        // carousel too (its height follows its width: the reservation holds it, whatever the
        // slides per view, so the page below does not move), and so does a height the admin
        // gave (`data-height`).
        let keeps = match &status {
            Status::Loading => true,
            Status::Error { reason, .. } if reason == "config" => false,
            _ => {
                matches!(widget.as_str(), "value-story" | "video-carousel")
                    || element.has_attribute("data-height")
            }
        };
        host::announce(&element, &widget, &status, !keeps);
    }
}

/// Dispatches a widget's own event (`cop:submitted`…) on its placeholder; nothing if the
/// widget was unmounted meanwhile. The registry is not borrowed while the page's listeners run.
pub fn dispatch(id: u32, name: &str, detail: &wasm_bindgen::JsValue) {
    if let Some(element) = with_mounted(id, |mounted| mounted.element.clone()) {
        host::dispatch(&element, name, detail);
    }
}

/// Keeps the listener a chunked kind's code made for widget `id` until it unmounts; dropped at
/// once (outside the registry's borrow) if it unmounted meanwhile.
pub fn keep_kind_listener(id: u32, listener: crate::widgets::Handlers) {
    let mut listener = Some(listener);
    with_mounted(id, |mounted| mounted._kind_listener = listener.take());
    drop(listener);
}

/// Runs `f` on a mounted widget while the registry is borrowed: `f` must not call Leptos.
fn with_mounted<R>(id: u32, f: impl FnOnce(&mut Mounted) -> R) -> Option<R> {
    MOUNTED.with(|list| {
        list.borrow_mut()
            .iter_mut()
            .find(|mounted| mounted.id == id)
            .map(f)
    })
}

fn lookup(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

/// The widget's setup from its placeholder's attributes, and the kind it names
/// (`data-cop-widget`, as written).
fn read_setup(id: u32, element: &Element) -> (Setup, String) {
    let attributes = host::attributes(element);
    let widget = lookup(&attributes, config::WIDGET_ATTRIBUTE).unwrap_or_default();
    let inline_text = host::inline_json(element);
    let mut parsed = PAGE_DEFAULTS
        .with(|page| config::parse(&attributes, &page.borrow(), inline_text.is_some()));
    let inline = match inline_text {
        None => None,
        Some(text) if crate::json::parse(&text).is_some() => Some(text),
        Some(text) => {
            let problem = Problem {
                attribute: "<script type=\"application/json\">".into(),
                found: Some(text.trim().chars().take(40).collect()),
                expected: Expected::JsonScript,
            };
            match &mut parsed {
                Ok(_) => parsed = Err(vec![problem]),
                Err(problems) => problems.push(problem),
            }
            None
        }
    };
    // The locale is resolved on its own, so that an error box about another attribute is
    // still in the language the placeholder asks for. `Intl` is asked once per tag: when the
    // configuration parsed, its locale is this same requested tag.
    let requested = lookup(&attributes, "data-locale")
        .or_else(|| PAGE_DEFAULTS.with(|page| lookup(&page.borrow(), "data-locale")));
    let requested_known = requested.as_deref().is_some_and(host::intl_knows);
    let locale = match &requested {
        Some(tag) if requested_known => tag.clone(),
        _ => host::page_locale(element),
    };
    let config = parsed.and_then(|config| match &config.locale {
        Some(tag) if !requested_known => Err(vec![Problem {
            attribute: "data-locale".into(),
            found: Some(tag.clone()),
            expected: Expected::KnownLocale,
        }]),
        _ => Ok(config),
    });
    let config = config.map(|mut config| {
        // Relative URLs are resolved against the page, as the browser would for a link. Not a
        // pill's: it is fetched as it is (`fetch` resolves it the same way) or not at all (its
        // batch's is), and a pill has no link to resolve against it (500 `URL`s saved).
        if let (Source::Url(url), false) = (&config.source, config.is_pill()) {
            let base = host::document()
                .and_then(|d| d.base_uri().ok().flatten())
                .unwrap_or_default();
            if let Ok(absolute) = web_sys::Url::new_with_base(url, &base) {
                config.source = Source::Url(absolute.href());
            }
        }
        config
    });
    let setup = Setup {
        id,
        lang: Lang::for_tag(&locale),
        locale,
        config,
        inline,
    };
    (setup, widget)
}
