//! One module per widget kind: each turns its model (which lives in `cop-core`) into markup
//! with [`cop_core::markup::html`]. This module runs them: for every mounted placeholder it
//! loads the widget's data when its configuration or its reload counter changes, renders
//! whenever the data, the configuration or the language's catalog changes, and reports the
//! status (`data-cop-state`, `cop:*` events) through the registry.
//!
//! Why markup and not `view!`: see `cop_core::markup`. Leptos's reactive graph still drives
//! everything (signals, effects, owners that dispose a widget's state with it); what goes is
//! a generic view type per widget, which the size budget cannot pay for.

mod badge;
mod chunks;
mod hello;
mod story;

use std::cell::Cell;
use std::rc::Rc;

use any_spawner::Executor;
use reactive_graph::{effect::Effect, signal::RwSignal, traits::*};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement};

use cop_core::badge::{MemberBadge, Spread, Variant};
use cop_core::config::{Source, WidgetConfig, WidgetKind};
use cop_core::contract::Community;
use cop_core::failure::Failure;
use cop_core::i18n::Lang;
use cop_core::mapping::{self, Fields, FromFields};

use crate::client::{self, Request};
use crate::host::{self, Status};
use crate::json::Js;
use crate::registry::{self, Setup};
use crate::ui;

/// Every widget's model, in one type: the loading path and its signal are then compiled once
/// for all widgets (each instantiation of them costs the wasm kilobytes).
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    /// The widget's configuration names nothing to fetch.
    Nothing,
    Community(Community),
    Member(MemberBadge),
    Spread(Spread),
    Story(Box<story::Form>),
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

/// Starts the widget mounted in `root` (an element in its shadow root): loads, renders and
/// reports until its reactive owner, the caller's, is disposed.
pub fn run(root: HtmlElement, setup: RwSignal<Setup>, reload: RwSignal<u32>) -> Listener {
    let phase = RwSignal::new(Phase::Loading);
    load_when_asked(&root, setup, reload, phase);
    let element = root.clone();
    Effect::new(move |previous: Option<String>| {
        let (html, status, id) = setup.with(|setup| {
            let _ = element.set_attribute("lang", &setup.locale);
            let theme = setup
                .config
                .as_ref()
                .map_or("auto", |config| config.theme.name());
            let _ = element.set_attribute("data-theme", theme);
            let (html, status) = phase.with(|phase| render(setup, phase));
            (html, status, setup.id)
        });
        // Only a changed view touches the DOM: focus and screen-reader announcements stay put.
        if previous.as_deref() != Some(html.as_str()) {
            element.set_inner_html(&html);
            // A page the member moved to (or an error summary) takes focus: set by their own
            // actions only, so a widget never steals focus on load.
            let target = element.query_selector("[data-cop-focus]").ok().flatten();
            if let Some(target) = target.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
                let _ = target.focus();
            }
        }
        registry::report(id, status);
        html
    });
    listen(&root, reload)
}

/// The widget's markup for its configuration and data, and the status it means.
fn render(setup: &Setup, phase: &Phase) -> (String, Status) {
    let lang = setup.lang;
    let mut out = String::with_capacity(512);
    if !crate::catalog::ready(lang) {
        ui::skeleton(&mut out, lang);
        return (out, Status::Loading);
    }
    let config = match &setup.config {
        Ok(config) => config,
        Err(problems) => {
            let mut message = String::new();
            for problem in problems {
                message.push_str(&problem.message(Lang::En));
                message.push(' ');
            }
            ui::config_error(&mut out, lang, problems);
            return (
                out,
                Status::Error {
                    reason: "config".into(),
                    message,
                },
            );
        }
    };
    // One arm per widget kind.
    match config.kind {
        WidgetKind::Hello => hello::render(&mut out, setup, config, phase),
        WidgetKind::ParticipationBadge => badge::render(&mut out, setup, config, phase),
        // A kind whose code is a chunk: rendered by its chunk once its model is ready.
        kind => {
            if !loading_or_failed(&mut out, lang, phase) {
                if let Some(entry) = chunks::loaded(kind) {
                    (entry.render)(&mut out, setup, config, phase);
                }
            }
        }
    }
    let status = match phase {
        Phase::Loading => Status::Loading,
        Phase::Ready(_) => Status::Ready,
        Phase::Failed(failure) => Status::Error {
            reason: failure.code(),
            message: failure.message(Lang::En),
        },
    };
    (out, status)
}

/// Writes what every widget shows while loading (a skeleton) or after a failure (the failure
/// box); `false`, writing nothing, once the widget has its model to show.
pub fn loading_or_failed(out: &mut String, lang: Lang, phase: &Phase) -> bool {
    match phase {
        Phase::Loading => ui::skeleton(out, lang),
        Phase::Failed(failure) => ui::failure(out, lang, failure),
        Phase::Ready(_) => return false,
    }
    true
}

/// The model a widget builds from its mapped fields.
fn build(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    match config.kind {
        WidgetKind::Hello => Model::Community(Community::from_fields(fields, &config.params)),
        WidgetKind::ParticipationBadge => match Variant::from_param(config.param("variant")) {
            Variant::Community => Model::Spread(Spread::from_fields(fields, &config.params)),
            Variant::Pill | Variant::Card => {
                Model::Member(MemberBadge::from_fields(fields, &config.params))
            }
        },
        // The form builds its model from what this device kept (see `load_when_asked`).
        WidgetKind::ValueStory => Model::Nothing,
        // Its view comes next (issue 14): `cop_core::carousel::Featured` is its model.
        WidgetKind::VideoCarousel => Model::Nothing,
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
) {
    // Only the latest load may write: a slow answer to an older one is dropped.
    let generation = Rc::new(Cell::new(0u32));
    // A chunked kind's own listener, made by its chunk once, at its first start.
    let root = root.clone();
    let listening = Rc::new(Cell::new(false));
    Effect::new(move |_| {
        reload.track();
        let Some((config, inline)) =
            setup.with(|s| Some((s.config.clone().ok()?, s.inline.clone())))
        else {
            return; // a configuration error: nothing to load, the error box shows instead
        };
        let current = generation.get() + 1;
        generation.set(current);
        let generation = generation.clone();
        if chunks::is_chunk(config.kind) {
            // Its code first (its chunk, downloaded once for the page), then the kind starts
            // itself; a chunk that does not arrive is a failure whose retry asks again.
            let (root, listening, kind) = (root.clone(), listening.clone(), config.kind);
            let start = move |entry: &'static chunks::Entry| {
                // Unmounted while its chunk loaded: its signals are gone.
                let Some(id) = setup.try_with_untracked(|setup| setup.id) else {
                    return;
                };
                if !listening.replace(true) {
                    registry::keep_kind_listener(id, (entry.listen)(&root, phase, setup));
                }
                (entry.start)(&config, phase, setup);
            };
            match chunks::loaded(kind) {
                Some(entry) => start(entry),
                None => {
                    phase.set(Phase::Loading);
                    Executor::spawn_local(async move {
                        let entry = chunks::load(kind).await;
                        if generation.get() != current {
                            return;
                        }
                        match entry {
                            Some(entry) => start(entry),
                            None => {
                                let _ = phase.try_set(Phase::Failed(Failure::NotLoaded));
                            }
                        }
                    });
                }
            }
            return;
        }
        let document = match (&config.source, inline) {
            (Source::None, _) => return phase.set(Phase::Ready(Model::Nothing)),
            (Source::Inline, Some(text)) => {
                Some(crate::json::parse(&text).ok_or(Failure::Malformed))
            }
            (Source::Inline, None) => Some(Err(Failure::Malformed)),
            (Source::Url(_), _) => None,
        };
        phase.set(Phase::Loading);
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
                let fields = map(&document, config.kind.fields(&config.params), &config)
                    .map_err(Failure::WrongShape)?;
                Ok(build(&config, &fields))
            });
            // A widget unmounted meanwhile has a disposed signal: `try_set` then does nothing.
            let _ = phase.try_set(match next {
                Ok(model) => Phase::Ready(model),
                Err(failure) => Phase::Failed(failure),
            });
        });
    });
}

/// Reads `fields` from `document` with the placeholder's `data-map-*` pointers, and says once
/// on the console which optional ones found nothing. The one path every widget maps through
/// (each caller of the generic `extract` with its own closure would be another copy of it).
pub fn map(
    document: &Js,
    fields: &'static [mapping::Field],
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
/// Shared by the platform's listener and the chunks' own, so they agree.
pub fn action_of(event: &Event) -> Option<(Element, String)> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    let actor = target.closest("[data-cop-action]").ok().flatten()?;
    let submits =
        event.type_() == "submit" || target.closest("[type=submit]").ok().flatten().is_some();
    if submits != (actor.tag_name() == "FORM") {
        return None;
    }
    let action = actor.get_attribute("data-cop-action").unwrap_or_default();
    Some((actor, action))
}

/// One listener on the widget's root for what its markup asks for with attributes:
/// `data-cop-action="retry"` buttons fetch again, `"focus"` links focus a field (other actions
/// and typing are a chunked kind's: its own listener, see `chunks`); Escape hides an open
/// tooltip (WCAG 1.4.13) until focus moves.
fn listen(root: &HtmlElement, reload: RwSignal<u32>) -> Listener {
    let element = root.clone();
    let listener = Listener::new(move |event: Event| {
        match event.type_().as_str() {
            "click" | "submit" => {
                let Some((actor, action)) = action_of(&event) else {
                    return;
                };
                event.prevent_default();
                match action.as_str() {
                    "retry" => {
                        let _ = reload.try_update(|count| *count += 1);
                    }
                    "focus" => {
                        let id = actor.get_attribute("data-field").unwrap_or_default();
                        let field = element.query_selector(&format!("#{id}")).ok().flatten();
                        if let Some(field) = field.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
                            let _ = field.focus();
                        }
                    }
                    // Other actions are a chunked kind's (the form's): its own listener.
                    _ => {}
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
        let _ = root.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
    }
    listener
}
