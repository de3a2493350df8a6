//! The diagnostic widget, `data-cop-widget="hello"`: shows the configuration it resolved
//! and, given `data-community`, fetches that community through the same client, mapping
//! and error handling every widget uses. Kept as a tool for admins checking an embed.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use cop_core::config::{Source, WidgetConfig};
use cop_core::contract::Community;
use cop_core::i18n::{fill, Msg};
use cop_core::mapping::FromFields;

use crate::host::{self, Status};
use crate::registry::{self, Setup};
use crate::ui;
use crate::widgets::{use_model, Model, Phase};

pub fn view(setup: Setup, config: WidgetConfig, reload: RwSignal<u32>) -> impl IntoView {
    if config.param("simulate") == Some("panic") {
        // Lets the browser tests show how a crash is reported on every widget of the page.
        panic!("simulated by data-simulate=\"panic\"");
    }
    let lang = setup.lang;
    let unset = Msg::Unset.text(lang);
    let source = match &config.source {
        Source::None => unset.to_owned(),
        Source::Inline => "<script type=\"application/json\">".to_owned(),
        Source::Url(url) => url.clone(),
    };
    let rows = [
        ("data-cop-widget", config.kind.name().to_owned()),
        (
            "data-api",
            config.api.clone().unwrap_or_else(|| unset.to_owned()),
        ),
        ("data-locale", setup.locale.clone()),
        ("data-theme", config.theme.name().to_owned()),
        ("data-credentials", config.credentials.name().to_owned()),
        ("source", source),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value))
    .chain(
        config
            .params
            .iter()
            .map(|(name, value)| (format!("data-{name}"), value.clone())),
    )
    .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
    .collect_view();

    let data = if config.source == Source::None {
        registry::report(setup.id, Status::Ready);
        Either::Left(view! { <p class="cop-muted">{Msg::HelloNothingFetched.text(lang)}</p> })
    } else {
        let phase = use_model(&setup, &config, reload, Community::FIELDS, |fields| {
            Model::Community(Community::from_fields(fields))
        });
        let locale = setup.locale.clone();
        Either::Right(move || match phase.get() {
            Phase::Loading => EitherOf3::A(ui::skeleton(lang)),
            Phase::Failed(failure) => EitherOf3::B(ui::failure(lang, failure, reload)),
            Phase::Ready(model) => {
                #[allow(irrefutable_let_patterns)] // more models come with more widgets
                let Model::Community(community) = model
                else {
                    return EitherOf3::A(ui::skeleton(lang));
                };
                let count = community
                    .member_count
                    .map_or_else(|| "?".to_owned(), |n| host::format_count(&locale, n));
                let text = fill(
                    Msg::HelloCommunity.text(lang),
                    &[("name", &community.name), ("count", &count)],
                );
                EitherOf3::C(view! { <p class="cop-community">{text}</p> })
            }
        })
    };
    let rendered = fill(
        Msg::HelloRendered.text(lang),
        &[("when", &host::format_now(&setup.locale))],
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
}
