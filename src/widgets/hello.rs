//! The diagnostic widget, `data-cop-widget="hello"`: shows the configuration it resolved
//! and, given `data-community`, fetches that community through the same client, mapping
//! and error handling every widget uses. Kept as a tool for admins checking an embed.

use cop_core::config::{Source, WidgetConfig};
use cop_core::i18n::{fill, Msg};
use cop_core::markup::html;

use crate::host;
use crate::registry::Setup;
use crate::widgets::{loading_or_failed, Model, Phase};

pub fn render(out: &mut String, setup: &Setup, config: &WidgetConfig, phase: &Phase) {
    if config.param("simulate") == Some("panic") {
        // Lets the browser tests show how a crash is reported on every widget of the page.
        panic!("simulated by data-simulate=\"panic\"");
    }
    let lang = setup.lang;
    let unset = Msg::Unset.text(lang);
    html(
        out,
        r#"<section class="cop-card cop-hello"><p class="cop-title">{title}</p><p class="cop-muted">{intro}</p><dl class="cop-config">"#,
        &[
            ("title", Msg::HelloTitle.text(lang)),
            ("intro", Msg::HelloIntro.text(lang)),
        ],
    );
    let source = match &config.source {
        Source::None => unset,
        Source::Inline => "<script type=\"application/json\">",
        Source::Url(url) => url,
    };
    let row = |out: &mut String, name: &str, value: &str| {
        html(
            out,
            "<dt>{name}</dt><dd>{value}</dd>",
            &[("name", name), ("value", value)],
        );
    };
    row(out, "data-cop-widget", config.kind.name());
    row(out, "data-api", config.api.as_deref().unwrap_or(unset));
    row(out, "data-locale", &setup.locale);
    row(out, "data-theme", config.theme.name());
    row(out, "data-credentials", config.credentials.name());
    row(out, "source", source);
    for (name, value) in &config.params {
        row(out, &format!("data-{name}"), value);
    }
    out.push_str("</dl>");
    if config.source == Source::None {
        html(
            out,
            r#"<p class="cop-muted">{text}</p>"#,
            &[("text", Msg::HelloNothingFetched.text(lang))],
        );
    } else if !loading_or_failed(out, lang, phase) {
        if let Phase::Ready(Model::Community(community)) = phase {
            let count = community
                .member_count
                .map_or_else(|| "?".to_owned(), |n| host::format_count(&setup.locale, n));
            let text = fill(
                Msg::HelloCommunity.text(lang),
                &[("name", &community.name), ("count", &count)],
            );
            html(
                out,
                r#"<p class="cop-community">{text}</p>"#,
                &[("text", &text)],
            );
        }
    }
    let rendered = fill(
        Msg::HelloRendered.text(lang),
        &[("when", &host::format_time(&setup.locale, None, "long"))],
    );
    html(
        out,
        r#"<p class="cop-muted cop-small">{text}</p></section>"#,
        &[("text", &rendered)],
    );
}
