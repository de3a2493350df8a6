//! View pieces every widget shares: the configuration error box, the failure box with its
//! retry button, and the loading skeleton.

use leptos::prelude::*;

use cop_core::config::Problem;
use cop_core::failure::Failure;
use cop_core::i18n::{Lang, Msg};

/// Names each bad attribute, the value found and what is expected.
pub fn config_error(lang: Lang, problems: Vec<Problem>) -> impl IntoView {
    let items = problems
        .into_iter()
        .map(|problem| view! { <li>{problem.message(lang)}</li> })
        .collect_view();
    view! {
        <div class="cop-alert" role="alert">
            <p class="cop-alert-title">{Msg::ConfigTitle.text(lang)}</p>
            <ul class="cop-problems">{items}</ul>
            <p class="cop-hint">{Msg::ConfigHint.text(lang)}</p>
        </div>
    }
}

/// A request failed: its own message, and a button that tries again.
pub fn failure(lang: Lang, failure: Failure, reload: RwSignal<u32>) -> impl IntoView {
    view! {
        <div class="cop-alert" role="alert">
            <p class="cop-alert-title">{Msg::FailTitle.text(lang)}</p>
            <p class="cop-failure-message">{failure.message(lang)}</p>
            <button type="button" class="cop-button" on:click=move |_| reload.update(|count| *count += 1)>
                {Msg::Retry.text(lang)}
            </button>
        </div>
    }
}

pub fn skeleton(lang: Lang) -> impl IntoView {
    view! {
        <div class="cop-skeleton" aria-busy="true">
            <span class="cop-visually-hidden">{Msg::Loading.text(lang)}</span>
        </div>
    }
}
