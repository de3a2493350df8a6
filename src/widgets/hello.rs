//! The diagnostic widget, `data-cop-widget="hello"`: shows the configuration it resolved
//! and, given `data-community`, fetches that community through the same client, mapping
//! and error handling every widget uses. Kept as a tool for admins checking an embed.

use leptos::prelude::*;

use cop_core::config::{Source, WidgetConfig};
use cop_core::contract::Community;
use cop_core::i18n::{fill, Msg};
use cop_core::mapping::{Fields, FromFields};

use crate::host;
use crate::json::Js;
use crate::registry::Setup;
use crate::widgets::{loading_or_failed, Model, Opaque, Phase};

/// Its model: the community fetched, when `data-community` names one.
pub fn build(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    Model::Kind(Opaque::new(Community::from_fields(fields, &config.params)))
}

pub fn view(setup: RwSignal<Setup>, phase: RwSignal<Phase>) -> AnyView {
    setup.with_untracked(|setup| match &setup.config {
        Ok(config) => card(setup, config, phase),
        Err(_) => ().into_any(),
    })
}

fn card(setup: &Setup, config: &WidgetConfig, phase: RwSignal<Phase>) -> AnyView {
    if config.param("simulate") == Some("panic") {
        // Lets the browser tests show how a crash is reported on every widget of the page.
        panic!("simulated by data-simulate=\"panic\"");
    }
    let lang = setup.lang;
    let unset = Msg::Unset.text(lang);
    let source = match &config.source {
        Source::None => unset,
        Source::Inline => "<script type=\"application/json\">",
        Source::Url(url) => url,
    };
    let mut rows = vec![
        ("data-cop-widget".to_owned(), config.kind.name().to_owned()),
        (
            "data-api".into(),
            config.api.as_deref().unwrap_or(unset).to_owned(),
        ),
        ("data-locale".into(), setup.locale.clone()),
        ("data-theme".into(), config.theme.name().to_owned()),
        (
            "data-credentials".into(),
            config.credentials.name().to_owned(),
        ),
        ("source".into(), source.to_owned()),
    ];
    for (name, value) in &config.params {
        rows.push((format!("data-{name}"), value.clone()));
    }
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
        .collect();
    let fetches = config.source != Source::None;
    let locale = setup.locale.clone();
    let data = move || {
        if !fetches {
            let text = Msg::HelloNothingFetched.text(lang);
            return view! { <p class="cop-muted">{text}</p> }.into_any();
        }
        phase.with(|phase| {
            if let Some(view) = loading_or_failed(lang, phase) {
                return view;
            }
            let Some(community) = (match phase {
                Phase::Ready(Model::Kind(model)) => model.get::<Community>(),
                _ => None,
            }) else {
                return ().into_any();
            };
            let count = community
                .member_count
                .map_or_else(|| "?".to_owned(), |n| host::format_count(&locale, n));
            let text = fill(
                Msg::HelloCommunity.text(lang),
                &[("name", &community.name), ("count", &count)],
            );
            view! { <p class="cop-community">{text}</p> }.into_any()
        })
    };
    let rendered = fill(
        Msg::HelloRendered.text(lang),
        &[("when", &host::format_time(&setup.locale, None, "long"))],
    );
    view! {
        <section class="cop-card cop-hello">
            <p class="cop-title">{Msg::HelloTitle.text(lang)}</p>
            <p class="cop-muted">{Msg::HelloIntro.text(lang)}</p>
            <dl class="cop-config">{rows}</dl>
            {data}
            <p class="cop-muted cop-small">{rendered}</p>
        </section>
    }
    .into_any()
}
