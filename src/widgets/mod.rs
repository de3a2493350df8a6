//! One module per widget kind. Each takes its parsed [`Setup`] and renders its model, which
//! lives in `cop-core`. This module holds what they share: the root element (theme, locale)
//! and [`use_model`], which loads and maps the widget's data and reports its status.

mod hello;

use std::cell::Cell;
use std::rc::Rc;

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::task::spawn_local;

use cop_core::config::{Source, WidgetConfig, WidgetKind};
use cop_core::failure::Failure;
use cop_core::mapping::{self, Field, Fields};

use crate::client::{self, Request};
use crate::host::Status;
use crate::json::Js;
use crate::registry::{self, Setup};
use crate::ui;

/// The root of every mounted widget: theme and language on one element, then the widget or
/// its configuration error. A changed attribute changes `setup` and re-renders in place.
pub fn root(setup: RwSignal<Setup>, reload: RwSignal<u32>) -> impl IntoView {
    let theme = move || {
        setup.with(|s| {
            s.config
                .as_ref()
                .map_or("auto", |config| config.theme.name())
        })
    };
    let lang = move || setup.with(|s| s.locale.clone());
    view! {
        <div class="cop-root" data-theme=theme lang=lang>
            {move || {
                let setup = setup.get();
                if !crate::catalog::ready(setup.lang) {
                    return EitherOf3::A(ui::skeleton(setup.lang));
                }
                match setup.config.clone() {
                    Err(problems) => {
                        let mut message = String::new();
                        for problem in &problems {
                            message.push_str(&problem.message(cop_core::i18n::Lang::En));
                            message.push(' ');
                        }
                        registry::report(setup.id, Status::Error { reason: "config".into(), message });
                        EitherOf3::B(ui::config_error(setup.lang, problems))
                    }
                    // One arm per widget kind (an `Either…` as kinds are added).
                    Ok(config) => EitherOf3::C(match config.kind {
                        WidgetKind::Hello => hello::view(setup, config, reload),
                    }),
                }
            }}
        </div>
    }
}

/// Every widget's model, in one type: [`use_model`] and its signal are then compiled once
/// for all widgets (each instantiation of it costs the wasm kilobytes).
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    Community(cop_core::contract::Community),
}

/// What a widget's data is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase<T> {
    Loading,
    Ready(T),
    Failed(Failure),
}

/// Loads the widget's document (from its URL or its inline JSON),
/// maps `fields` with the placeholder's `data-map-*` pointers, builds the model with `build`
/// and reports the status. Runs again when `reload` changes (the retry button,
/// `CopWidgets.refresh`, back online).
pub fn use_model(
    setup: &Setup,
    config: &WidgetConfig,
    reload: RwSignal<u32>,
    fields: &'static [Field],
    build: fn(&Fields<Js>) -> Model,
) -> RwSignal<Phase<Model>> {
    let phase = RwSignal::new(Phase::Loading);
    let id = setup.id;
    let config = config.clone();
    let inline = setup.inline.clone();
    // Only the latest load may write: a slow answer to an older one is dropped.
    let generation = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        reload.track();
        let current = generation.get() + 1;
        generation.set(current);
        let generation = generation.clone();
        let config = config.clone();
        let inline = inline.clone();
        phase.set(Phase::Loading);
        registry::report(id, Status::Loading);
        spawn_local(async move {
            let outcome = match (&config.source, inline) {
                (Source::Inline, Some(text)) => crate::json::parse(&text).ok_or(Failure::Malformed),
                (Source::Url(url), _) => {
                    let request = Request {
                        url: url.clone(),
                        credentials: config.credentials,
                        timeout_ms: config.timeout_ms,
                        retries: config.retries,
                    };
                    client::get_json(request).await
                }
                // The caller only loads a model when the configuration names a source.
                _ => Err(Failure::NotFound),
            };
            if generation.get() != current {
                return;
            }
            let next = outcome.and_then(|document| {
                let fields = mapping::extract(&document, fields, |field| config.pointer_for(field))
                    .map_err(Failure::WrongShape)?;
                Ok(build(&fields))
            });
            let status = match &next {
                Ok(_) => Status::Ready,
                Err(failure) => Status::Error {
                    reason: failure.code(),
                    message: failure.message(cop_core::i18n::Lang::En),
                },
            };
            let next = match next {
                Ok(model) => Phase::Ready(model),
                Err(failure) => Phase::Failed(failure),
            };
            // A widget unmounted meanwhile has a disposed signal: then nothing is reported.
            if phase.try_set(next).is_none() {
                registry::report(id, status);
            }
        });
    });
    phase
}
