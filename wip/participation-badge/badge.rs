//! `data-cop-widget="participation-badge"`: a member's level of participation and trajectory
//! (`data-variant="pill"` or `"card"`), or a community's spread over the levels
//! (`"community"`). The model is `cop_core::badge`; this module writes it as markup
//! (`cop_core::markup`: escaped, one `innerHTML` per widget; see there why not `view!`).
//!
//! Hover, focus or tap on a level shows what it means (a tooltip tied with
//! `aria-describedby`); Escape hides it without moving focus (WCAG 1.4.13).

use leptos::either::EitherOf3;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use cop_core::badge::{MemberBadge, Shown, Spread, Variant};
use cop_core::config::WidgetConfig;
use cop_core::i18n::{fill, Lang, Msg};
use cop_core::markup::Markup;
use cop_core::mapping::{Fields, FromFields};
use cop_core::participation::{Level, Trajectory, TYPICAL_ACTIVE, TYPICAL_CORE};
use cop_core::template::{join, percent_encode};

use crate::host;
use crate::json::Js;
use crate::registry::Setup;
use crate::ui;
use crate::widgets::{use_model, Model, Phase};

/// What the badge shows: one member, or the community's spread.
#[derive(Clone, Debug, PartialEq)]
pub enum Badge {
    Member(MemberBadge),
    Spread(Spread),
}

fn build(fields: &Fields<Js>) -> Model {
    // The member fields require a level; the spread's have none.
    Model::Badge(if fields.text("level").is_some() {
        Badge::Member(MemberBadge::from_fields(fields))
    } else {
        Badge::Spread(Spread::from_fields(fields))
    })
}

pub fn view(setup: Setup, config: WidgetConfig, reload: RwSignal<u32>) -> impl IntoView {
    let variant = Variant::from_param(config.param("variant"));
    let phase = use_model(&setup, &config, reload, config.kind.fields(&config.params), build);
    let (lang, locale) = (setup.lang, setup.locale);
    let open_badge = open_badge_url(&config);
    move || {
        let html = match phase.get() {
            Phase::Loading => return EitherOf3::A(ui::skeleton(lang)),
            // A pill stays pill-sized: its failure is a pill with the message in its tooltip.
            Phase::Failed(failure) if variant == Variant::Pill => {
                let mut markup = Markup::new();
                level_pill(&mut markup, "cop-l-error", "⚠", None, &failure.message(lang));
                markup.finish()
            }
            Phase::Failed(failure) => return EitherOf3::B(ui::failure(lang, failure, reload)),
            Phase::Ready(Model::Badge(Badge::Member(member))) if variant == Variant::Pill => pill(lang, &member),
            Phase::Ready(Model::Badge(Badge::Member(member))) => card(lang, &locale, &member, open_badge.as_deref()),
            Phase::Ready(Model::Badge(Badge::Spread(spread))) => community(lang, &locale, &spread),
            Phase::Ready(Model::Community(_)) => String::new(),
        };
        EitherOf3::C(view! { <div class="cop-badge" inner_html=html on:keydown=dismiss on:focusout=undismiss></div> })
    }
}

/// Escape hides the open tooltip; it comes back when focus moves on.
fn dismiss(event: web_sys::KeyboardEvent) {
    if event.key() == "Escape" {
        if let Some(target) = event.current_target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) {
            let _ = target.set_attribute("data-dismissed", "");
        }
    }
}

fn undismiss(event: web_sys::FocusEvent) {
    if let Some(target) = event.current_target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) {
        let _ = target.remove_attribute("data-dismissed");
    }
}

/// The contract's Open Badges 3.0 credential of this member, when the data is the project's own.
fn open_badge_url(config: &WidgetConfig) -> Option<String> {
    let (api, community, member) = crate::batch::batchable(config)?;
    Some(join(&api, &format!("/communities/{}/members/{}/open-badge", percent_encode(&community), percent_encode(&member))))
}

fn level_name(lang: Lang, level: &Shown) -> String {
    match level {
        Shown::Known(level) => [Msg::LevelCore, Msg::LevelActive, Msg::LevelOccasional, Msg::LevelPeripheral, Msg::LevelTransactional]
            [*level as usize]
            .text(lang)
            .to_owned(),
        Shown::Foreign(name) => name.clone(),
    }
}

fn level_meaning(lang: Lang, level: &Shown) -> &'static str {
    match level {
        Shown::Known(level) => {
            [Msg::MeansCore, Msg::MeansActive, Msg::MeansOccasional, Msg::MeansPeripheral, Msg::MeansTransactional][*level as usize].text(lang)
        }
        Shown::Foreign(_) => Msg::MeansOther.text(lang),
    }
}

/// The trajectory's words, and the arrow that stands for them (hidden from screen readers,
/// which read the words).
fn trajectory(lang: Lang, trajectory: Trajectory) -> (&'static str, &'static str) {
    match trajectory {
        Trajectory::Inbound => (Msg::TrajectoryInbound.text(lang), "↑"),
        Trajectory::Insider => (Msg::TrajectoryInsider.text(lang), "•"),
        Trajectory::Peripheral => (Msg::TrajectoryPeripheral.text(lang), "·"),
        Trajectory::Boundary => (Msg::TrajectoryBoundary.text(lang), "↔"),
        Trajectory::Outbound => (Msg::TrajectoryOutbound.text(lang), "↓"),
    }
}

/// A level as text and colour together, focusable, with its meaning in a tooltip.
fn level_pill(markup: &mut Markup, class: &str, label: &str, trajectory_words: Option<(&str, &str)>, tip: &str) {
    markup.open("span", &[("class", &format!("cop-pill {class}")), ("tabindex", "0"), ("aria-describedby", "cop-tip")]);
    markup.element("span", &[("class", "cop-dot"), ("aria-hidden", "true")], "").text(label);
    if let Some((words, arrow)) = trajectory_words {
        markup.element("span", &[("class", "cop-arrow"), ("aria-hidden", "true")], arrow);
        markup.element("span", &[("class", "cop-visually-hidden")], &format!(", {words}"));
    }
    markup.close("span");
    markup.element("span", &[("class", "cop-tip"), ("role", "tooltip"), ("id", "cop-tip")], tip);
}

fn member_pill(markup: &mut Markup, lang: Lang, member: &MemberBadge) {
    let name = level_name(lang, &member.level);
    let words = member.trajectory.map(|t| trajectory(lang, t));
    let mut tip = format!("{name}: {}", level_meaning(lang, &member.level));
    if let Some((words, _)) = words {
        tip.push_str(&format!(" {words} — {}", Msg::TrajectoryExplained.text(lang)));
    }
    if !member.roles.is_empty() {
        tip.push(' ');
        tip.push_str(&fill(Msg::BadgeRoles.text(lang), &[("list", &member.roles.join(", "))]));
    }
    level_pill(markup, member.level.class(), &name, words, &tip);
}

fn pill(lang: Lang, member: &MemberBadge) -> String {
    let mut markup = Markup::new();
    member_pill(&mut markup, lang, member);
    markup.finish()
}

fn card(lang: Lang, locale: &str, member: &MemberBadge, open_badge: Option<&str>) -> String {
    let name = member.name.clone().or_else(|| member.member.clone()).unwrap_or_default();
    let mut markup = Markup::new();
    markup.open("section", &[("class", "cop-card cop-member")]);
    markup.open("div", &[("class", "cop-member-head")]);
    match &member.avatar {
        Some(url) => markup.void("img", &[("class", "cop-avatar"), ("src", url), ("alt", "")]),
        None => markup.element("span", &[("class", "cop-avatar"), ("aria-hidden", "true")], &cop_core::badge::initials(&name)),
    };
    markup.open("div", &[]).element("p", &[("class", "cop-title")], &name).open("p", &[]);
    member_pill(&mut markup, lang, member);
    markup.close("p").close("div").close("div");
    if !member.roles.is_empty() {
        markup.element("p", &[("class", "cop-muted")], &fill(Msg::BadgeRoles.text(lang), &[("list", &member.roles.join(", "))]));
    }
    if !member.weekly.is_empty() {
        chart(&mut markup, lang, locale, &member.weekly);
    }
    let next = match &member.next_level {
        Some(level) if !member.needs.is_empty() => {
            let mut needs = String::new();
            for need in &member.needs {
                if !needs.is_empty() {
                    needs.push_str(", ");
                }
                let measure = measure_words(lang, &need.measure);
                needs.push_str(&fill(Msg::BadgeNeed.text(lang), &[("count", &host::format_count(locale, need.count)), ("measure", &measure)]));
            }
            Some(fill(Msg::BadgeNextStep.text(lang), &[("needs", &needs), ("level", &level_name(lang, level))]))
        }
        _ if member.level == Shown::Known(Level::Core) => Some(Msg::BadgeAtCentre.text(lang).to_owned()),
        _ => None,
    };
    if let Some(next) = next {
        markup.element("p", &[("class", "cop-next")], &next);
    }
    if let Some(url) = open_badge {
        markup.element("a", &[("class", "cop-link"), ("href", url), ("download", "")], Msg::BadgeOpenBadge.text(lang));
    }
    markup.close("section");
    markup.finish()
}

/// The contract's measure names in the member's language; a community's own word as it is.
fn measure_words(lang: Lang, measure: &str) -> String {
    let msg = match measure {
        "participations" => Msg::MeasureParticipations,
        "contributions" => Msg::MeasureContributions,
        "replies" => Msg::MeasureReplies,
        "events" => Msg::MeasureEvents,
        "reads" => Msg::MeasureReads,
        "days_active" => Msg::MeasureDaysActive,
        other => return other.to_owned(),
    };
    msg.text(lang).to_owned()
}

/// Weekly activity as bars in SVG (geometry in attributes: no inline style for a strict CSP),
/// with the numbers as its accessible name.
fn chart(markup: &mut Markup, lang: Lang, locale: &str, weekly: &[u32]) {
    let highest = weekly.iter().copied().max().unwrap_or(0).max(1);
    let mut numbers = String::new();
    for week in weekly {
        if !numbers.is_empty() {
            numbers.push_str(", ");
        }
        numbers.push_str(&host::format_count(locale, *week));
    }
    let label = fill(Msg::BadgeActivity.text(lang), &[("weeks", &weekly.len().to_string()), ("list", &numbers)]);
    let width = (weekly.len() * 10).to_string();
    markup.open("svg", &[("class", "cop-chart"), ("viewBox", &format!("0 0 {width} 32")), ("role", "img"), ("aria-label", &label), ("preserveAspectRatio", "none")]);
    for (i, week) in weekly.iter().enumerate() {
        // At least a sliver, so an empty week still reads as a week.
        let height = (u64::from(*week) * 30 / u64::from(highest)).max(1);
        markup.void(
            "rect",
            &[("x", &(i * 10 + 1).to_string()), ("y", &(32 - height).to_string()), ("width", "8"), ("height", &height.to_string())],
        );
    }
    markup.close("svg");
    markup.element("p", &[("class", "cop-muted cop-small")], &label);
}

fn community(lang: Lang, locale: &str, spread: &Spread) -> String {
    let mut markup = Markup::new();
    markup.open("section", &[("class", "cop-card cop-spread")]);
    let title = match &spread.name {
        Some(name) => format!("{} — {name}", Msg::SpreadTitle.text(lang)),
        None => Msg::SpreadTitle.text(lang).to_owned(),
    };
    markup.element("p", &[("class", "cop-title")], &title);
    let (health, class) = match spread.health {
        cop_core::participation::Health::Alive => (Msg::HealthAlive, "cop-h-good"),
        cop_core::participation::Health::ThinCore => (Msg::HealthThinCore, "cop-h-warn"),
        cop_core::participation::Health::Closed => (Msg::HealthClosed, "cop-h-warn"),
        cop_core::participation::Health::Dormant => (Msg::HealthDormant, "cop-h-bad"),
        cop_core::participation::Health::NoMembers => (Msg::HealthNoMembers, "cop-h-bad"),
    };
    markup.element("p", &[("class", &format!("cop-health {class}"))], health.text(lang));
    let members = spread.counts.members();
    markup.element("p", &[("class", "cop-muted")], &fill(Msg::SpreadMembers.text(lang), &[("count", &host::format_count(locale, members))]));
    if members > 0 {
        // One bar of the members, centre out (transactional participants are not members).
        markup.open("svg", &[("class", "cop-spread-bar"), ("viewBox", "0 0 1000 10"), ("preserveAspectRatio", "none"), ("aria-hidden", "true")]);
        let mut x = 0u64;
        for level in [Level::Core, Level::Active, Level::Occasional, Level::Peripheral] {
            let width = u64::from(spread.counts.count(level)) * 1000 / u64::from(members);
            markup.void("rect", &[("class", Shown::Known(level).class()), ("x", &x.to_string()), ("y", "0"), ("width", &width.to_string()), ("height", "10")]);
            x += width;
        }
        markup.close("svg");
    }
    markup.open("table", &[("class", "cop-table")]).open("thead", &[]).open("tr", &[]);
    for heading in [Msg::SpreadLevel, Msg::SpreadCount, Msg::SpreadShare, Msg::SpreadTypical] {
        markup.element("th", &[("scope", "col")], heading.text(lang));
    }
    markup.close("tr").close("thead").open("tbody", &[]);
    for level in Level::ALL {
        let shown = Shown::Known(level);
        let typical = match level {
            Level::Core => Some(TYPICAL_CORE),
            Level::Active => Some(TYPICAL_ACTIVE),
            _ => None,
        };
        let share = if level == Level::Transactional { String::new() } else { host::format_number(locale, spread.percent(level), true) };
        let typical = typical.map_or_else(String::new, |(low, high)| {
            format!("{}–{}", host::format_count(locale, low), host::format_number(locale, high, true))
        });
        markup.open("tr", &[]).open("th", &[("scope", "row")]);
        markup.element("span", &[("class", &format!("cop-dot {}", shown.class())), ("aria-hidden", "true")], "").text(&level_name(lang, &shown));
        markup.close("th");
        markup.element("td", &[], &host::format_count(locale, spread.counts.count(level)));
        markup.element("td", &[], &share).element("td", &[], &typical).close("tr");
    }
    if spread.other > 0 {
        markup.open("tr", &[]).element("th", &[("scope", "row")], Msg::SpreadOther.text(lang));
        markup.element("td", &[], &host::format_count(locale, spread.other)).element("td", &[], "").element("td", &[], "").close("tr");
    }
    markup.close("tbody").close("table").close("section");
    markup.finish()
}
