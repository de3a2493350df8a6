//! `data-cop-widget="participation-badge"`: a member's level of participation and trajectory
//! (`data-variant="pill"` or `"card"`), or a community's spread over the levels
//! (`"community"`). The model is `cop_core::badge`; this module is its view.
//!
//! Hover, focus or tap on a level shows what it means (a tooltip tied with
//! `aria-describedby`); Escape hides it without moving focus (WCAG 1.4.13, see
//! `widgets::listen`). A level is always text and colour together, never colour alone.

use leptos::prelude::*;

use cop_core::badge::{initials, MemberBadge, Shown, Spread, Variant};
use cop_core::config::{Source, WidgetConfig};
use cop_core::i18n::{fill, Lang, Msg};
use cop_core::mapping::{Fields, FromFields};
use cop_core::participation::{Health, Level, Trajectory, TYPICAL_ACTIVE, TYPICAL_CORE};

use crate::host::{format_count, format_percent, web_link};
use crate::json::Js;
use crate::registry::Setup;
use crate::widgets::{loading_or_failed, Model, Opaque, Phase};

/// A pill (in the main module: a directory page shows hundreds of them and nothing else).
pub fn view(lang: Lang, phase: RwSignal<Phase>, reload: RwSignal<u32>) -> AnyView {
    (move || {
        phase.with(|phase| match phase {
            // A pill stays pill-sized: its failure is a pill, the message in its tooltip.
            Phase::Failed(failure) => pill("cop-l-error", "⚠".into(), None, failure.message(lang)),
            Phase::Ready(Model::Member(member)) => member_pill(lang, member),
            phase => loading_or_failed(lang, phase, reload).unwrap_or_else(|| ().into_any()),
        })
    })
    .into_any()
}

/// A pill's model: the member's badge.
pub fn build(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    Model::Member(MemberBadge::from_fields(fields, &config.params))
}

/// The card and the community's spread: the badge's chunk (`chunks::Chunk::Badge`), which a
/// page of pills never downloads. Their model is the chunk's own ([`Details`]).
pub fn details(setup: RwSignal<Setup>, phase: RwSignal<Phase>, reload: RwSignal<u32>) -> AnyView {
    let (lang, locale, base) = setup.with_untracked(|setup| {
        // Links in the data are relative to the document they came in.
        let base = match setup.config.as_ref().map(|config| &config.source) {
            Ok(Source::Url(url)) => Some(url.clone()),
            _ => None,
        };
        (setup.lang, setup.locale.clone(), base)
    });
    (move || {
        phase.with(|phase| {
            if let Some(view) = loading_or_failed(lang, phase, reload) {
                return view;
            }
            let Phase::Ready(Model::Kind(model)) = phase else {
                return ().into_any();
            };
            match model.get::<Details>() {
                Some(Details::Card(member)) => card(lang, &locale, member, base.as_deref()),
                Some(Details::Community(spread)) => community(lang, &locale, spread),
                None => ().into_any(),
            }
        })
    })
    .into_any()
}

/// The model of a card or a community's spread (inside the chunk: the main module never
/// clones, compares or drops one).
enum Details {
    Card(MemberBadge),
    Community(Spread),
}

/// A card's or a community's model from the mapped fields.
pub fn build_details(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    Model::Kind(Opaque::new(
        match Variant::from_param(config.param("variant")) {
            Variant::Community => Details::Community(Spread::from_fields(fields, &config.params)),
            _ => Details::Card(MemberBadge::from_fields(fields, &config.params)),
        },
    ))
}

fn level_name(lang: Lang, level: &Shown) -> String {
    match level {
        Shown::Known(level) => [
            Msg::LevelCore,
            Msg::LevelActive,
            Msg::LevelOccasional,
            Msg::LevelPeripheral,
            Msg::LevelTransactional,
        ][*level as usize]
            .text(lang)
            .to_owned(),
        Shown::Foreign(name) => name.clone(),
    }
}

fn level_meaning(lang: Lang, level: &Shown) -> &'static str {
    match level {
        Shown::Known(level) => [
            Msg::MeansCore,
            Msg::MeansActive,
            Msg::MeansOccasional,
            Msg::MeansPeripheral,
            Msg::MeansTransactional,
        ][*level as usize]
            .text(lang),
        Shown::Foreign(_) => Msg::MeansOther.text(lang),
    }
}

/// The trajectory's words, and the arrow that stands for them (hidden from screen readers,
/// which read the words).
fn trajectory(lang: Lang, trajectory: &Shown<Trajectory>) -> (String, &'static str) {
    let (msg, arrow) = match trajectory {
        // A backend's own word: shown as it is, with no arrow (its direction is unknown).
        Shown::Foreign(word) => return (word.clone(), ""),
        Shown::Known(Trajectory::Inbound) => (Msg::TrajectoryInbound, "↑"),
        Shown::Known(Trajectory::Insider) => (Msg::TrajectoryInsider, "•"),
        Shown::Known(Trajectory::Peripheral) => (Msg::TrajectoryPeripheral, "·"),
        Shown::Known(Trajectory::Boundary) => (Msg::TrajectoryBoundary, "↔"),
        Shown::Known(Trajectory::Outbound) => (Msg::TrajectoryOutbound, "↓"),
    };
    (msg.text(lang).to_owned(), arrow)
}

/// A level as text and colour together, focusable, with its meaning in a tooltip.
fn pill(
    class: &str,
    label: String,
    moving: Option<(String, &'static str)>,
    tip: String,
) -> AnyView {
    let moving = moving.map(|(words, arrow)| {
        view! {
            <span class="cop-arrow" aria-hidden="true">{arrow}</span>
            <span class="cop-visually-hidden">", "{words}</span>
        }
    });
    view! {
        <span class=format!("cop-pill {class}") tabindex="0" aria-describedby="cop-tip">
            <span class="cop-dot" aria-hidden="true"></span>
            {label}
            {moving}
        </span>
        <span class="cop-tip" role="tooltip" id="cop-tip">{tip}</span>
    }
    .into_any()
}

fn roles(lang: Lang, member: &MemberBadge) -> Option<String> {
    (!member.roles.is_empty()).then(|| {
        fill(
            Msg::BadgeRoles.text(lang),
            &[("list", &member.roles.join(", "))],
        )
    })
}

fn member_pill(lang: Lang, member: &MemberBadge) -> AnyView {
    let name = level_name(lang, &member.level);
    let moving = member.trajectory.as_ref().map(|t| trajectory(lang, t));
    let mut tip = format!("{name}: {}", level_meaning(lang, &member.level));
    if let Some((words, _)) = &moving {
        tip = format!("{tip} {words} — {}", Msg::TrajectoryExplained.text(lang));
    }
    if let Some(roles) = roles(lang, member) {
        tip = format!("{tip} {roles}");
    }
    pill(member.level.class(), name, moving, tip)
}

fn card(lang: Lang, locale: &str, member: &MemberBadge, base: Option<&str>) -> AnyView {
    let name = member
        .name
        .as_deref()
        .or(member.member.as_deref())
        .unwrap_or_default()
        .to_owned();
    let avatar = match member.avatar.as_deref().and_then(|url| web_link(url, base)) {
        Some(url) => view! { <img class="cop-avatar" src=url alt=""/> }.into_any(),
        None => view! { <span class="cop-avatar" aria-hidden="true">{initials(&name)}</span> }
            .into_any(),
    };
    let roles = roles(lang, member).map(|roles| view! { <p class="cop-muted">{roles}</p> });
    let chart = (!member.weekly.is_empty()).then(|| chart(lang, locale, &member.weekly));
    let next = match &member.next_level {
        Some(level) if !member.needs.is_empty() => {
            let mut needs = Vec::new();
            for need in &member.needs {
                let measure = measure_words(lang, &need.measure);
                let count = format_count(locale, need.count);
                needs.push(fill(
                    Msg::BadgeNeed.text(lang),
                    &[("count", &count), ("measure", measure)],
                ));
            }
            Some(fill(
                Msg::BadgeNextStep.text(lang),
                &[
                    ("needs", &needs.join(", ")),
                    ("level", &level_name(lang, level)),
                ],
            ))
        }
        _ if member.level == Shown::Known(Level::Core) => {
            Some(Msg::BadgeAtCentre.text(lang).to_owned())
        }
        _ => None,
    };
    let next = next.map(|next| view! { <p class="cop-next">{next}</p> });
    let open_badge = member
        .open_badge
        .as_deref()
        .and_then(|url| web_link(url, base))
        .map(|url| {
            view! { <a class="cop-link" href=url download="">{Msg::BadgeOpenBadge.text(lang)}</a> }
        });
    view! {
        <section class="cop-card cop-member">
            <div class="cop-member-head">
                {avatar}
                <div>
                    <p class="cop-title">{name}</p>
                    <p>{member_pill(lang, member)}</p>
                </div>
            </div>
            {roles}
            {chart}
            {next}
            {open_badge}
        </section>
    }
    .into_any()
}

/// The contract's measure names in the member's language; a community's own word as it is.
fn measure_words(lang: Lang, measure: &str) -> &str {
    let msg = match measure {
        "participations" => Msg::MeasureParticipations,
        "contributions" => Msg::MeasureContributions,
        "replies" => Msg::MeasureReplies,
        "events" => Msg::MeasureEvents,
        "reads" => Msg::MeasureReads,
        "days_active" => Msg::MeasureDaysActive,
        other => return other,
    };
    msg.text(lang)
}

/// Weekly activity as bars in SVG (geometry in attributes: no inline style for a strict CSP),
/// with the numbers as its accessible name and as visible text.
fn chart(lang: Lang, locale: &str, weekly: &[u32]) -> AnyView {
    let highest = weekly.iter().copied().max().unwrap_or(0).max(1);
    let numbers: Vec<String> = weekly
        .iter()
        .map(|week| format_count(locale, *week))
        .collect();
    let label = fill(
        Msg::BadgeActivity.text(lang),
        &[
            ("weeks", &weekly.len().to_string()),
            ("list", &numbers.join(", ")),
        ],
    );
    let bars: Vec<_> = weekly
        .iter()
        .enumerate()
        .map(|(i, week)| {
            // At least a sliver, so an empty week still reads as a week.
            let height = (u64::from(*week) * 30 / u64::from(highest)).max(1);
            bar("", i as u64 * 10 + 1, 32 - height, 8, height)
        })
        .collect();
    view! {
        <svg class="cop-chart" viewBox=format!("0 0 {} 32", weekly.len() * 10)
            preserveAspectRatio="none" role="img" aria-label=label.clone()>{bars}</svg>
        <p class="cop-muted cop-small">{label}</p>
    }
    .into_any()
}

fn bar(class: &'static str, x: u64, y: u64, width: u64, height: u64) -> AnyView {
    view! { <rect class=class x=x y=y width=width height=height/> }.into_any()
}

fn community(lang: Lang, locale: &str, spread: &Spread) -> AnyView {
    let title = match &spread.name {
        Some(name) => format!("{} — {name}", Msg::SpreadTitle.text(lang)),
        None => Msg::SpreadTitle.text(lang).to_owned(),
    };
    let (health, class) = match spread.health {
        Health::Alive => (Msg::HealthAlive, "cop-h-good"),
        Health::ThinCore => (Msg::HealthThinCore, "cop-h-warn"),
        Health::Closed => (Msg::HealthClosed, "cop-h-warn"),
        Health::Dormant => (Msg::HealthDormant, "cop-h-bad"),
        Health::NoMembers => (Msg::HealthNoMembers, "cop-h-bad"),
    };
    let members = spread.counts.members();
    let count = fill(
        Msg::SpreadMembers.text(lang),
        &[("count", &format_count(locale, members))],
    );
    // One bar of the members, centre out (transactional participants are not members).
    let stacked = (members > 0).then(|| {
        let mut x = 0;
        let bars: Vec<_> = [
            Level::Core,
            Level::Active,
            Level::Occasional,
            Level::Peripheral,
        ]
        .into_iter()
        .map(|level| {
            let width = u64::from(spread.counts.count(level)) * 1000 / u64::from(members);
            let bar = bar(Shown::Known(level).class(), x, 0, width, 10);
            x += width;
            bar
        })
        .collect();
        view! {
            <svg class="cop-spread-bar" viewBox="0 0 1000 10" preserveAspectRatio="none"
                aria-hidden="true">{bars}</svg>
        }
    });
    let mut rows: Vec<_> = Level::ALL
        .into_iter()
        .map(|level| {
            let shown = Shown::Known(level);
            let typical = match level {
                Level::Core => Some(TYPICAL_CORE),
                Level::Active => Some(TYPICAL_ACTIVE),
                _ => None,
            };
            // Transactional participants are not members: they have no share of the members.
            let share = match level {
                Level::Transactional => String::new(),
                _ => format_percent(locale, spread.percent(level)),
            };
            let typical = typical.map_or_else(String::new, |(low, high)| {
                format!(
                    "{}–{}",
                    format_count(locale, low),
                    format_percent(locale, high)
                )
            });
            row(
                shown.class(),
                level_name(lang, &shown),
                format_count(locale, spread.counts.count(level)),
                share,
                typical,
            )
        })
        .collect();
    if spread.other > 0 {
        let other = format_count(locale, spread.other);
        rows.push(row(
            "cop-l-other",
            Msg::SpreadOther.text(lang).to_owned(),
            other,
            String::new(),
            String::new(),
        ));
    }
    view! {
        <section class="cop-card cop-spread">
            <p class="cop-title">{title}</p>
            <p class=format!("cop-health {class}")>{health.text(lang)}</p>
            <p class="cop-muted">{count}</p>
            {stacked}
            <table class="cop-table">
                <thead>
                    <tr>
                        <th scope="col">{Msg::SpreadLevel.text(lang)}</th>
                        <th scope="col">{Msg::SpreadCount.text(lang)}</th>
                        <th scope="col">{Msg::SpreadShare.text(lang)}</th>
                        <th scope="col">{Msg::SpreadTypical.text(lang)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

fn row(class: &str, level: String, count: String, share: String, typical: String) -> AnyView {
    view! {
        <tr>
            <th scope="row"><span class=format!("cop-dot {class}") aria-hidden="true"></span>{level}</th>
            <td>{count}</td>
            <td>{share}</td>
            <td>{typical}</td>
        </tr>
    }
    .into_any()
}
