//! The widgets as Leptos components, for a Leptos application that shows them in its own
//! views instead of through placeholders and the loader:
//!
//! ```ignore
//! use cop_widgets::components::{ParticipationBadge, Variant};
//! view! { <ParticipationBadge community="teachers" member="m-42" variant=Variant::Pill/> }
//! ```
//!
//! Each component renders the placeholder an admin would paste (`data-cop-widget` and the
//! widget's `data-*` attributes, set from its typed props) and mounts it on the same
//! platform: its own shadow root and stylesheet, the same parsing, client, failures,
//! `data-cop-state` and `cop:*` events. A prop that changes (a signal) updates the widget in
//! place; removing the component unmounts it. So a component and a placeholder cannot
//! behave differently: there is one code path, and the attributes are its interface.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

pub use cop_core::badge::Variant;
pub use cop_core::config::Theme;

use crate::registry;

/// A member's level of participation (`Variant::Pill` or `Variant::Card`), or a community's
/// spread over the levels (`Variant::Community`, without `member`). (`Variant::Network`, every
/// community at a glance, reads no community: it is ignored there.)
#[component]
pub fn ParticipationBadge(
    /// The community's id (`data-community`).
    #[prop(into)]
    community: Signal<String>,
    /// The member's id (`data-member`); not for `Variant::Community`.
    #[prop(into, optional)]
    member: Option<Signal<String>>,
    /// `data-variant`; the card when not given.
    #[prop(optional)]
    variant: Variant,
    /// The common options (`api`, `locale`, `theme`).
    #[prop(optional)]
    options: Options,
) -> impl IntoView {
    placeholder("participation-badge", options, move || {
        vec![
            ("data-community", Some(community.get())),
            ("data-member", member.map(|member| member.get())),
            ("data-variant", Some(variant.name().to_owned())),
        ]
    })
}

/// The value-creation story form of a community.
#[component]
pub fn ValueStory(
    /// The community's id (`data-community`).
    #[prop(into)]
    community: Signal<String>,
    /// The member writing (`data-member`), when the page knows them.
    #[prop(into, optional)]
    member: Option<Signal<String>>,
    /// The common options (`api`, `locale`, `theme`).
    #[prop(optional)]
    options: Options,
) -> impl IntoView {
    placeholder("value-story", options, move || {
        vec![
            ("data-community", Some(community.get())),
            ("data-member", member.map(|member| member.get())),
        ]
    })
}

/// What every widget may be given: where the API is (`data-api`), the language
/// (`data-locale`, a BCP 47 tag) and the theme (`data-theme`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub api: Option<String>,
    pub locale: Option<String>,
    pub theme: Option<Theme>,
}

/// Starts the platform once, for an application without the loader: the crash report, the
/// executor. Messages are in English (the loader is what fetches other catalogs).
fn start_once() {
    thread_local! {
        static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !STARTED.with(|started| started.replace(true)) {
        crate::start_runtime();
    }
}

type Attributes = Vec<(&'static str, Option<String>)>;

fn placeholder(
    kind: &'static str,
    options: Options,
    attributes: impl Fn() -> Attributes + 'static,
) -> impl IntoView {
    start_once();
    let node = NodeRef::<Div>::new();
    crate::widgets::effect(move || {
        let mut all = attributes();
        all.push(("data-api", options.api.clone()));
        all.push(("data-locale", options.locale.clone()));
        all.push((
            "data-theme",
            options.theme.map(|theme| theme.name().to_owned()),
        ));
        let Some(element) = node.get() else { return };
        let element: Element = element.unchecked_into();
        for (name, value) in all {
            let _ = match value {
                Some(value) => element.set_attribute(name, &value),
                None => element.remove_attribute(name),
            };
        }
        // Mounts the first time, then re-reads the attributes.
        registry::update(&element);
    });
    on_cleanup(move || {
        if let Some(element) = node.try_get_untracked().flatten() {
            registry::unmount(element.unchecked_ref());
        }
    });
    view! { <div data-cop-widget=kind node_ref=node></div> }
}
