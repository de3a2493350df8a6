//! Views every widget shares: the configuration error box, the failure box with its retry
//! button, and the loading skeleton. Every value in them is text (Leptos sets text nodes and
//! attribute values, never markup).

use leptos::prelude::*;

use crate::widgets::Fresh;

use cop_core::config::Problem;
use cop_core::failure::Failure;
use cop_core::i18n::{Lang, Msg};

/// Names each bad attribute, the value found and what is expected.
pub fn config_error(lang: Lang, problems: &[Problem]) -> AnyView {
    let items: Vec<_> = problems
        .iter()
        .map(|problem| view! { <li>{problem.message(lang)}</li> })
        .collect();
    Fresh(view! {
        <div class="cop-alert" role="alert">
            <p class="cop-alert-title">{Msg::ConfigTitle.text(lang)}</p>
            <ul class="cop-problems">{items}</ul>
            <p class="cop-hint">{Msg::ConfigHint.text(lang)}</p>
        </div>
    })
    .into_any()
}

/// A request failed: its own message, and a button that tries again unless trying again
/// cannot change the answer. The page-wide listener does what the button asks
/// (`data-cop-action="retry"`, see `widgets::listen_everywhere`): no handler per button, so
/// the main module carries none of Leptos's event-handler code.
pub fn failure(lang: Lang, failure: &Failure) -> AnyView {
    let retry = failure.retry_may_help().then(|| {
        view! {
            <button type="button" class="cop-button" data-cop-action="retry">{Msg::Retry.text(lang)}</button>
        }
    });
    Fresh(view! {
        <div class="cop-alert" role="alert">
            <p class="cop-alert-title">{Msg::FailTitle.text(lang)}</p>
            <p class="cop-failure-message">{failure.message(lang)}</p>
            {retry}
        </div>
    })
    .into_any()
}

pub fn skeleton(lang: Lang) -> AnyView {
    Fresh(view! {
        <div class="cop-skeleton" aria-busy="true">
            <span class="cop-visually-hidden">{Msg::Loading.text(lang)}</span>
        </div>
    })
    .into_any()
}
