//! Markup every widget shares: the configuration error box, the failure box with its retry
//! button, and the loading skeleton.

use cop_core::config::Problem;
use cop_core::failure::Failure;
use cop_core::i18n::{Lang, Msg};
use cop_core::markup::html;

/// Names each bad attribute, the value found and what is expected.
pub fn config_error(out: &mut String, lang: Lang, problems: &[Problem]) {
    html(
        out,
        r#"<div class="cop-alert" role="alert"><p class="cop-alert-title">{title}</p><ul class="cop-problems">"#,
        &[("title", Msg::ConfigTitle.text(lang))],
    );
    for problem in problems {
        html(
            out,
            "<li>{problem}</li>",
            &[("problem", &problem.message(lang))],
        );
    }
    html(
        out,
        r#"</ul><p class="cop-hint">{hint}</p></div>"#,
        &[("hint", Msg::ConfigHint.text(lang))],
    );
}

/// A request failed: its own message, and a button that tries again (see `widgets::listen`)
/// unless trying again cannot change the answer.
pub fn failure(out: &mut String, lang: Lang, failure: &Failure) {
    html(
        out,
        r#"<div class="cop-alert" role="alert"><p class="cop-alert-title">{title}</p><p class="cop-failure-message">{message}</p>"#,
        &[
            ("title", Msg::FailTitle.text(lang)),
            ("message", &failure.message(lang)),
        ],
    );
    if failure.retry_may_help() {
        html(
            out,
            r#"<button type="button" class="cop-button" data-cop-action="retry">{retry}</button>"#,
            &[("retry", Msg::Retry.text(lang))],
        );
    }
    out.push_str("</div>");
}

pub fn skeleton(out: &mut String, lang: Lang) {
    html(
        out,
        r#"<div class="cop-skeleton" aria-busy="true"><span class="cop-visually-hidden">{loading}</span></div>"#,
        &[("loading", Msg::Loading.text(lang))],
    );
}
