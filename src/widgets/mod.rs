//! One module per widget kind: each is a view of its model (which lives in `cop-core`),
//! written with Leptos's `view!`. This module runs them: for every mounted placeholder it
//! loads the widget's data when its configuration or its reload counter changes, mounts the
//! view (which follows the data, the configuration and the language's catalog by itself),
//! and reports the status (`data-cop-state`, `cop:*` events) through the registry.

mod badge;
mod calendar;
mod carousel;
mod chunks;
mod fresh;
mod hello;
mod story;

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use any_spawner::Executor;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement};

use cop_core::badge::Variant;
use cop_core::config::{Problem, Source, WidgetConfig};
use cop_core::failure::Failure;
use cop_core::i18n::{Lang, Part};
use cop_core::mapping::{self, Fields};

use crate::client::{self, Request};
use crate::host::{self, Status};
use crate::json::Js;
use crate::registry::{self, Setup};
use crate::ui;
pub use fresh::Fresh;

/// Every widget's model, in one type: the loading path and its signal are then compiled once
/// for all widgets (each instantiation of them costs the wasm kilobytes).
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    /// The widget's configuration names nothing to fetch.
    Nothing,
    /// A pill's (the card's and the community's are the badge chunk's own).
    Member(cop_core::badge::MemberBadge),
    Story(Box<story::Form>),
    /// A chunked kind's own model, which the main module never looks into (its clone, compare
    /// and drop code then stays in the kind's chunk).
    Kind(Opaque),
}

/// A chunked kind's model behind a reference count (`Arc`: signals hold `Send + Sync` values): the platform moves it, the kind's view
/// reads it with [`Opaque::get`]. Two are equal only if they are the same model.
#[derive(Clone)]
pub struct Opaque(Arc<dyn Any + Send + Sync>);

impl Opaque {
    pub fn new<T: Send + Sync + 'static>(model: T) -> Opaque {
        Opaque(Arc::new(model))
    }

    /// The model, if it is a `T`.
    pub fn get<T: 'static>(&self) -> Option<&T> {
        self.0.downcast_ref()
    }
}

impl PartialEq for Opaque {
    fn eq(&self, other: &Opaque) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Opaque {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opaque")
    }
}

/// What a widget's data is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    Ready(Model),
    Failed(Failure),
}

/// The event listener of a mounted widget; dropping it (after unmounting) frees it. `Fn`, not
/// `FnMut`: it is re-entered — focusing a field from a click fires `focusout` into the same
/// listener synchronously — and wasm-bindgen refuses to re-enter an `FnMut` closure (an
/// uncaught "closure invoked recursively" on the page, found by the browser tests' check).
pub type Listener = Closure<dyn Fn(Event)>;

/// Event handlers on an element: one listener for several event types (it reads
/// `event.type_()`), removed when dropped. What Leptos's `on:` does for a view, without its
/// code: `on:` brings its delegation and attach code (4–5 KB gzipped) into every module
/// that uses it, so the widgets do not (the platform's listener, the chunks' `Entry::listen`,
/// the carousel's region).
pub struct Handlers {
    target: web_sys::EventTarget,
    types: &'static [&'static str],
    listener: Listener,
}

impl Handlers {
    pub fn new(
        target: &web_sys::EventTarget,
        types: &'static [&'static str],
        handler: impl Fn(Event) + 'static,
    ) -> Handlers {
        let listener = Listener::new(handler);
        for name in types {
            let _ =
                target.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
        Handlers {
            target: target.clone(),
            types,
            listener,
        }
    }
}

impl Drop for Handlers {
    fn drop(&mut self) {
        for name in self.types {
            let _ = self
                .target
                .remove_event_listener_with_callback(name, self.listener.as_ref().unchecked_ref());
        }
    }
}

/// The element an event is on (its target, as a listener in the same shadow root sees it).
pub fn target_element(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// Listens for `types` on the element `node` refers to, with one handler, from when it is in
/// the page until the current reactive owner is cleaned up (see [`Handlers`]). The listener
/// is kept in the owner's arena, so it is removed the moment the owner is, before the view's
/// signals could be read disposed (an element that loses focus as it is removed hears
/// `focusout` then).
pub fn handle<E>(
    node: NodeRef<E>,
    types: &'static [&'static str],
    handler: impl Fn(Event) + 'static,
) where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let handler = Rc::new(handler);
    let handlers = StoredValue::new_local(None::<Handlers>);
    effect(move || {
        let Some(element) = node.get() else {
            return;
        };
        let target: &web_sys::EventTarget = element.unchecked_ref();
        handlers.try_update_value(|handlers| {
            if handlers.as_ref().is_none_or(|h| &h.target != target) {
                let handler = handler.clone();
                *handlers = Some(Handlers::new(target, types, move |event| handler(event)));
            }
        });
    });
}

/// A running widget: dropping it (after unmounting) frees its view.
pub struct Running {
    _view: Box<dyn Any>,
}

/// Starts the widget mounted in `root` (an element in its shadow root): loads, renders and
/// reports until its reactive owner, the caller's, is disposed.
pub fn run(root: HtmlElement, setup: RwSignal<Setup>, reload: RwSignal<u32>) -> Running {
    let phase = RwSignal::new(Phase::Loading);
    let stage = RwSignal::new(stage::WAITING);
    load_when_asked(&root, setup, reload, phase, stage);
    let handle = leptos::mount::mount_to(root.clone(), move || view(setup, phase, stage));
    // Created after the view: its update runs after the view's, so a page listening for
    // `cop:ready` finds the widget's content there.
    // `lang` and `data-theme` are written when they change, not at every change of phase.
    // (Kept in the closure, not returned as the effect's value: an `Effect` of another type
    // is another copy of its code: 0.1 KB gzipped.)
    let element = root.clone();
    let mut written: Option<(String, &'static str)> = None;
    effect(move || {
        let (status, id) = setup.with(|setup| {
            let theme = setup
                .config
                .as_ref()
                .map_or("auto", |config| config.theme.name());
            if written
                .as_ref()
                .is_none_or(|(lang, was)| *lang != setup.locale || *was != theme)
            {
                let _ = element.set_attribute("lang", &setup.locale);
                let _ = element.set_attribute("data-theme", theme);
                written = Some((setup.locale.clone(), theme));
            }
            (phase.with(|phase| status(setup, phase)), setup.id)
        });
        registry::report(id, status);
    });
    listen_everywhere();
    Running {
        _view: Box::new(handle),
    }
}

/// Runs `effect` now, and again whenever a signal it read changes (Leptos's `Effect`), for as
/// long as the current reactive owner lives. Every effect of the widgets is this one boxed
/// type: `Effect::new` compiles its task once per closure type (1.3–3.3 KB each). Made with
/// `Effect::new_sync`, for [`OneThread`]: `Effect::new` keeps its state in a `SendWrapper`,
/// whose thread checks bring `std::thread` into the main module (1 KB).
pub fn effect(effect: impl FnMut() + 'static) {
    let mut effect = OneThread(Box::new(effect));
    Effect::new_sync(move |_: Option<()>| effect.run());
}

/// An effect's function, `Send` and `Sync` as `Effect::new_sync` asks: this wasm has one
/// thread (the build refuses a target with threads), so nothing is ever sent to another.
struct OneThread(Box<dyn FnMut()>);

// SAFETY: wasm32 without the `atomics` target feature has a single thread; `lib.rs` fails the
// build with it. No value can reach another thread.
unsafe impl Send for OneThread {}
unsafe impl Sync for OneThread {}

impl OneThread {
    fn run(&mut self) {
        (self.0)()
    }
}

/// The widget's view: the skeleton until its language's catalog is there, the configuration
/// error box, or the view of its kind.
fn view(setup: RwSignal<Setup>, phase: RwSignal<Phase>, stage: RwSignal<u32>) -> impl IntoView {
    let setup_signal = setup;
    move || {
        setup.with(|setup| {
            let lang = setup.lang;
            if !crate::catalog::ready(lang, Part::Platform) {
                return ui::skeleton(lang);
            }
            match &setup.config {
                Err(problems) if !problems_said(lang, problems) => ui::skeleton(lang),
                Err(problems) => ui::config_error(lang, problems),
                // One arm per widget kind.
                // Code in a chunk (see `chunks`), or the pill's, in the main module.
                Ok(config) => match chunks::chunk_of(config) {
                    Some(chunk) => chunked(chunk, setup_signal, phase, stage),
                    None if Variant::from_param(config.param("variant")) == Variant::Legend => {
                        badge::legend(lang).into_any()
                    }
                    None => badge::view(lang, phase),
                },
            }
        })
    }
}

/// Where a chunked kind's code is (`run`'s `stage` signal): the one thing that decides which
/// view is mounted (not the phase, whose model changes while the kind's view shows it).
/// Written by `load_when_asked` as the chunk arrives or fails, only when it changes
/// ([`set_stage`]). A `u32`, not an enum, and not a `Memo` over the phase: the signal's code
/// is the reload counter's, and a memo's would be in the main module for this one use
/// (1.7 KB).
mod stage {
    pub const WAITING: u32 = 0;
    pub const NOT_LOADED: u32 = 1;
    pub const LOADED: u32 = 2;
}

/// Moves a widget to `value` (one of [`stage`]'s): its view hears of it only if it changed.
/// Nothing if the widget was unmounted meanwhile.
fn set_stage(stage: RwSignal<u32>, value: u32) {
    stage.try_maybe_update(|now| (std::mem::replace(now, value) != value, ()));
}

/// A chunked kind: the platform's skeleton until its chunk is there (its failure box if the
/// chunk does not arrive), then the kind's own view, which shows its loading, failures and
/// model itself (with `loading_or_failed`, or its own).
fn chunked(
    chunk: chunks::Chunk,
    setup: RwSignal<Setup>,
    phase: RwSignal<Phase>,
    stage: RwSignal<u32>,
) -> AnyView {
    (move || {
        let lang = setup.with_untracked(|setup| setup.lang);
        match (stage.get(), chunks::loaded(chunk)) {
            // The chunk's words in the widget's language first (a catalog of their own).
            (stage::LOADED, Some(entry)) if !crate::catalog::ready(lang, entry.part) => {
                ui::skeleton(lang)
            }
            (stage::LOADED, Some(entry)) => (entry.view)(setup, phase),
            (stage::NOT_LOADED, _) => phase.with_untracked(|phase| {
                loading_or_failed(lang, phase).unwrap_or_else(|| ui::skeleton(lang))
            }),
            _ => ui::skeleton(lang),
        }
    })
    .into_any()
}

/// Whether every problem can be said in `lang` now: a kind's own values are checked by its
/// chunk and said in its catalog's words ([`Problem::part`]); asks for that catalog if not.
fn problems_said(lang: Lang, problems: &[Problem]) -> bool {
    problems
        .iter()
        .all(|p| crate::catalog::ready(lang, p.part()))
}

/// The status a widget's configuration and data mean.
fn status(setup: &Setup, phase: &Phase) -> Status {
    if !crate::catalog::ready(setup.lang, Part::Platform) {
        return Status::Loading;
    }
    // A chunk's view waits for its own catalog too (see `chunked`).
    let chunk = setup.config.as_ref().ok().and_then(chunks::chunk_of);
    if let Some(entry) = chunk.and_then(chunks::loaded) {
        if !crate::catalog::ready(setup.lang, entry.part) {
            return Status::Loading;
        }
    }
    if let Err(problems) = &setup.config {
        if !problems_said(setup.lang, problems) {
            return Status::Loading;
        }
        let mut message = String::new();
        for problem in problems {
            message.push_str(&problem.message(Lang::En));
            message.push(' ');
        }
        return Status::Error {
            reason: "config".into(),
            message,
        };
    }
    match phase {
        Phase::Loading => Status::Loading,
        Phase::Ready(_) => Status::Ready,
        Phase::Failed(failure) => Status::Error {
            reason: failure.code(),
            message: failure.message(Lang::En),
        },
    }
}

/// What every widget shows while loading (a skeleton) or after a failure (the failure box);
/// `None` once the widget has its model to show.
pub fn loading_or_failed(lang: Lang, phase: &Phase) -> Option<AnyView> {
    match phase {
        Phase::Loading => Some(ui::skeleton(lang)),
        Phase::Failed(failure) => Some(ui::failure(lang, failure)),
        Phase::Ready(_) => None,
    }
}

/// Loads the widget's document (from its URL or its inline JSON) whenever the configuration
/// or `reload` changes (the retry button, `CopWidgets.refresh`, back online), maps it with
/// the placeholder's `data-map-*` pointers and builds its model into `phase`.
fn load_when_asked(
    root: &HtmlElement,
    setup: RwSignal<Setup>,
    reload: RwSignal<u32>,
    phase: RwSignal<Phase>,
    stage: RwSignal<u32>,
) {
    // Only the latest load may write: a slow answer to an older one is dropped.
    let generation = Rc::new(Cell::new(0u32));
    // A chunked kind's own listener, made by its chunk once, at its first start.
    let root = root.clone();
    let listening = Rc::new(Cell::new(false));
    effect(move || {
        reload.track();
        let Some((config, inline)) =
            setup.with(|s| Some((s.config.as_ref().ok()?.clone(), s.inline.clone())))
        else {
            return; // a configuration error: nothing to load, the error box shows instead
        };
        let current = generation.get() + 1;
        generation.set(current);
        let generation = generation.clone();
        if let Some(chunk) = chunks::chunk_of(&config) {
            // Its code first (its chunk, downloaded once for the page), then the kind starts
            // itself or has its data fetched; a chunk that does not arrive is a failure whose
            // retry asks again.
            let (root, listening) = (root.clone(), listening.clone());
            let latest = generation.clone();
            let start = move |entry: &'static chunks::Entry| {
                // Unmounted while its chunk loaded: its signals are gone.
                let Some(id) = setup.try_with_untracked(|setup| setup.id) else {
                    return;
                };
                set_stage(stage, stage::LOADED);
                // The kind's own parameters, which only its chunk knows how to check: a
                // problem is a configuration error, shown and reported as the platform's are.
                let problems = (entry.check)(&config);
                if !problems.is_empty() {
                    setup.update(|setup| setup.config = Err(problems));
                    return;
                }
                if !entry.style.is_empty() {
                    host::adopt(&root, entry.style);
                }
                if let Some(listen) = entry.listen {
                    if !listening.replace(true) {
                        registry::keep_kind_listener(id, listen(&root, phase, setup));
                    }
                }
                match entry.begin {
                    chunks::Begin::Start(start) => start(&config, phase, setup),
                    chunks::Begin::Build(build) => {
                        fetch(config, inline, phase, (generation, current), build)
                    }
                }
            };
            match chunks::loaded(chunk) {
                Some(entry) => start(entry),
                None => {
                    set_stage(stage, stage::WAITING);
                    phase.set(Phase::Loading);
                    Executor::spawn_local(async move {
                        let entry = chunks::load(chunk).await;
                        if latest.get() != current {
                            return;
                        }
                        match entry {
                            Some(entry) => start(entry),
                            None => {
                                let _ = phase.try_set(Phase::Failed(Failure::NotLoaded));
                                set_stage(stage, stage::NOT_LOADED);
                            }
                        }
                    });
                }
            }
            return;
        }
        // The pill, the one view in the main module.
        fetch(config, inline, phase, (generation, current), badge::build);
    });
}

/// Fetches a widget's document (from its URL, or its inline JSON), maps it with the
/// placeholder's `data-map-*` pointers and has `build` make its model, into `phase`; unless a
/// later load (`generation` moved on from `current`) started meanwhile.
fn fetch(
    config: WidgetConfig,
    inline: Option<String>,
    phase: RwSignal<Phase>,
    (generation, current): (Rc<Cell<u32>>, u32),
    build: chunks::Build,
) {
    let document = match (&config.source, inline) {
        (Source::None, _) => {
            let _ = phase.try_set(Phase::Ready(Model::Nothing));
            return;
        }
        (Source::Inline, Some(text)) => Some(crate::json::parse(&text).ok_or(Failure::Malformed)),
        (Source::Inline, None) => Some(Err(Failure::Malformed)),
        (Source::Url(_), _) => None,
    };
    let _ = phase.try_set(Phase::Loading);
    Executor::spawn_local(async move {
        let outcome = match (document, &config.source) {
            (Some(document), _) => document,
            (None, Source::Url(url)) => {
                let request = Request {
                    url: url.clone(),
                    credentials: config.credentials,
                    timeout_ms: config.timeout_ms,
                    retries: config.retries,
                };
                match crate::batch::batchable(&config) {
                    Some((batch, member)) => {
                        let member = member.to_owned();
                        crate::batch::member(request, batch, member, config.contract).await
                    }
                    None => client::get_json(request).await,
                }
            }
            (None, _) => Err(Failure::NotFound),
        };
        if generation.get() != current {
            return;
        }
        let next = outcome.and_then(|document| {
            let fields =
                map(&document, config.read_fields(), &config).map_err(Failure::WrongShape)?;
            Ok(build(&config, &fields))
        });
        // A widget unmounted meanwhile has a disposed signal: `try_set` then does nothing.
        let _ = phase.try_set(match next {
            Ok(model) => Phase::Ready(model),
            Err(failure) => Phase::Failed(failure),
        });
    });
}

/// Reads `fields` from `document` with the placeholder's `data-map-*` pointers, and says once
/// on the console which optional ones found nothing. The one path every widget maps through
/// (each caller of the generic `extract` with its own closure would be another copy of it).
pub fn map(
    document: &Js,
    fields: &[mapping::Field],
    config: &WidgetConfig,
) -> Result<Fields<Js>, mapping::ShapeError> {
    let fields = mapping::extract(document, fields, |field| config.pointer_for(field))?;
    for (field, pointer) in &fields.unmatched {
        let mut text = String::from("cop-widgets: data-map-");
        text.push_str(field);
        text.push_str("=\"");
        text.push_str(pointer);
        text.push_str("\" finds nothing in the answer; the widget shows without it.");
        host::warn_once(text);
    }
    Ok(fields)
}

/// The element whose `data-cop-action` a click or submit `event` means, and that action.
/// A form acts on its submit button's own click (Enter in a field clicks it too), not only on
/// the `submit` event that would follow: a host page that cancels every click (jQuery's
/// `$('body').on('click', false)`) cancels that event. Its other clicks are not its submission.
/// Shared by the platform's listener and the chunks' own, so they agree. The event's first
/// target is read from its composed path: the platform listens on `window`, where the target
/// is the placeholder the shadow root hangs from.
pub fn action_of(event: &Event) -> Option<(Element, String)> {
    let target = event.composed_path().get(0).dyn_into::<Element>().ok()?;
    let actor = target.closest("[data-cop-action]").ok().flatten()?;
    let submits =
        event.type_() == "submit" || target.closest("[type=submit]").ok().flatten().is_some();
    if submits != (actor.tag_name() == "FORM") {
        return None;
    }
    let action = actor.get_attribute("data-cop-action").unwrap_or_default();
    Some((actor, action))
}

/// A host page that cancels every click (`$('body').on('click', false)`) undoes a checkbox's
/// tick, stops a click on a checkbox's label from ticking it, and stops a `<details>` from
/// opening, once the click has gone through its handlers. Heard first (capture, on `window`),
/// a click on a widget's checkbox, on a checkbox's label, or on a summary is checked again
/// when it is over: a box that is not as the click left it is set so, with the `change` the
/// form listens for; a disclosure that did not toggle is toggled. The browser toggles
/// `checked` before a click on the box is dispatched; a label's click, and `open`, act only
/// after, if not cancelled. (Not cancelled, a label's click clicks its box: that second click
/// comes here too and finds its box as it should be.) A link whose click was cancelled is
/// followed: in a new tab for `target="_blank"` or a modifier key, else here (a download, a
/// `webcal:` subscription, a page).
fn redo_default(event: &Event) {
    let Some(target) = event.composed_path().get(0).dyn_into::<Element>().ok() else {
        return;
    };
    let is_checkbox = |el: &Element| el.matches("input[type=checkbox]").unwrap_or(false);
    let label_control = || {
        let label = target.closest("label").ok().flatten()?;
        let control = js_sys::Reflect::get(&label, &"control".into()).ok()?;
        // A disabled box ignores its label: nothing to do again.
        control.dyn_into::<Element>().ok().filter(|control| {
            control
                .matches("input[type=checkbox]:enabled")
                .unwrap_or(false)
        })
    };
    // What to set, which property, and whether the browser has already toggled it (a link:
    // what to follow).
    let (flag, property, toggled) = if let Some(link) = target.closest("a[href]").ok().flatten() {
        (link, "href", false)
    } else if is_checkbox(&target) {
        (target, "checked", true)
    } else if let Some(control) = label_control() {
        (control, "checked", false)
    } else {
        match target
            .closest("summary")
            .ok()
            .flatten()
            .and_then(|s| s.parent_element())
        {
            Some(details) if details.tag_name() == "DETAILS" => (details, "open", false),
            _ => return,
        }
    };
    let state =
        |el: &Element| js_sys::Reflect::get(el, &property.into()).is_ok_and(|v| v.is_truthy());
    let want = state(&flag) == toggled;
    let event = event.clone();
    Executor::spawn_local(async move {
        client::sleep(0).await;
        if property == "href" {
            follow_cancelled(&event, &flag);
        } else if state(&flag) != want {
            let _ = js_sys::Reflect::set(&flag, &property.into(), &want.into());
            if property == "checked" {
                // As the browser's own, it stays in the shadow root, where the form listens:
                // the host page never hears a box's change.
                host::dispatch_inside(&flag, "change");
            }
        }
    });
}

/// Follows `link` if `event` (its click, over) was cancelled: the host's doing, since a
/// widget's own links are cancelled only with a `data-cop-action` (handled before).
fn follow_cancelled(event: &Event, link: &Element) {
    // Resolved as the link resolves it (its `href` property).
    let href = js_sys::Reflect::get(link, &"href".into()).ok();
    let (Some(window), Some(href)) = (web_sys::window(), href.and_then(|h| h.as_string())) else {
        return;
    };
    if !event.default_prevented() {
        return;
    }
    let modified = ["ctrlKey", "metaKey", "shiftKey"]
        .iter()
        .any(|key| js_sys::Reflect::get(event, &(*key).into()).is_ok_and(|v| v.is_truthy()));
    let tab = modified || link.get_attribute("target").as_deref() == Some("_blank");
    let _ = window.open_with_url_and_target_and_features(
        &href,
        if tab { "_blank" } else { "_self" },
        "noopener",
    );
}

/// The widget root (`div.cop-root` in a placeholder's shadow root) an event happened in.
fn widget_root(event: &Event) -> Option<HtmlElement> {
    let path = event.composed_path();
    (0..path.length()).find_map(|index| {
        let element = path.get(index).dyn_into::<HtmlElement>().ok()?;
        (element.class_name() == "cop-root").then_some(element)
    })
}

/// One listener per event type for every widget of the page (issue 16: not four per widget),
/// on `window` in the capture phase: it hears an event before any handler of the host page
/// (which may stop every click from bubbling) and follows it into open shadow roots through
/// its composed path. It does what a widget's markup asks for with attributes:
/// `data-cop-action="retry"` loads a failed widget again and `"focus"` links focus a field
/// (other actions and typing are a chunked kind's own listener's, see `chunks`); Escape
/// hides an open tooltip (WCAG 1.4.13) until focus moves; and what a click on a checkbox or
/// a disclosure's summary does by default is done again if the host cancelled it
/// (`redo_default`).
fn listen_everywhere() {
    thread_local! {
        static LISTENING: Cell<bool> = const { Cell::new(false) };
    }
    if LISTENING.with(|listening| listening.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Listener::new(move |event: Event| {
        let Some(element) = widget_root(&event) else {
            return;
        };
        match event.type_().as_str() {
            "click" | "submit" => {
                let Some((actor, action)) = action_of(&event) else {
                    redo_default(&event);
                    return;
                };
                event.prevent_default();
                // Other actions are a chunked kind's (the form's): its own listener.
                if action == "retry" {
                    // The failure box's button (`ui::failure`): the widget loads again.
                    let root = element.get_root_node().dyn_into::<web_sys::ShadowRoot>();
                    if let Ok(root) = root {
                        registry::refresh(&root.host());
                    }
                } else if action == "focus" {
                    let id = actor.get_attribute("data-field").unwrap_or_default();
                    let field = element.query_selector(&format!("#{id}")).ok().flatten();
                    if let Some(field) = field.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
                        let _ = field.focus();
                    }
                }
            }
            "keydown" => {
                let key = js_sys::Reflect::get(&event, &"key".into()).ok();
                if key.and_then(|key| key.as_string()).as_deref() == Some("Escape") {
                    let _ = element.set_attribute("data-dismissed", "");
                }
            }
            _ => {
                let _ = element.remove_attribute("data-dismissed");
            }
        }
    });
    for name in ["click", "submit", "keydown", "focusout"] {
        let _ = window.add_event_listener_with_callback_and_bool(
            name,
            listener.as_ref().unchecked_ref(),
            true,
        );
    }
    // For the page's lifetime: one closure, whatever mounts and unmounts.
    listener.forget();
}
