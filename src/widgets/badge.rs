//! `data-cop-widget="participation-badge"`: a member's level of participation and trajectory
//! (`data-variant="pill"` or `"card"`), or a community's spread over the levels
//! (`"community"`). The model is `cop_core::badge`; this module writes it as markup.
//!
//! Hover, focus or tap on a level shows what it means (a tooltip tied with
//! `aria-describedby`); Escape hides it without moving focus (WCAG 1.4.13, see
//! `widgets::listen`). A level is always text and colour together, never colour alone.

use cop_core::badge::{initials, MemberBadge, Shown, Spread, Variant};
use cop_core::config::{Source, WidgetConfig};
use cop_core::i18n::{fill, Lang, Msg};
use cop_core::markup::html;
use cop_core::participation::{Health, Level, Trajectory, TYPICAL_ACTIVE, TYPICAL_CORE};

use crate::host::{format_count, format_percent, web_link};
use crate::registry::Setup;
use crate::widgets::{loading_or_failed, Model, Phase};

pub fn render(out: &mut String, setup: &Setup, config: &WidgetConfig, phase: &Phase) {
    let (lang, locale) = (setup.lang, setup.locale.as_str());
    let variant = Variant::from_param(config.param("variant"));
    if let (Variant::Pill, Phase::Failed(failure)) = (variant, phase) {
        // A pill stays pill-sized: its failure is a pill, the message in its tooltip.
        let message = failure.message(lang);
        return pill(out, "cop-l-error", "⚠", None, &message);
    }
    if loading_or_failed(out, lang, phase) {
        return;
    }
    match phase {
        Phase::Ready(Model::Member(member)) if variant == Variant::Pill => {
            member_pill(out, lang, member)
        }
        Phase::Ready(Model::Member(member)) => {
            // Links in the data are relative to the document they came in.
            let base = match &config.source {
                Source::Url(url) => Some(url.as_str()),
                _ => None,
            };
            card(out, lang, locale, member, base)
        }
        Phase::Ready(Model::Spread(spread)) => community(out, lang, locale, spread),
        _ => {}
    }
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
fn trajectory(lang: Lang, trajectory: &Shown<Trajectory>) -> (&str, &'static str) {
    let (msg, arrow) = match trajectory {
        // A backend's own word: shown as it is, with no arrow (its direction is unknown).
        Shown::Foreign(word) => return (word, ""),
        Shown::Known(Trajectory::Inbound) => (Msg::TrajectoryInbound, "↑"),
        Shown::Known(Trajectory::Insider) => (Msg::TrajectoryInsider, "•"),
        Shown::Known(Trajectory::Peripheral) => (Msg::TrajectoryPeripheral, "·"),
        Shown::Known(Trajectory::Boundary) => (Msg::TrajectoryBoundary, "↔"),
        Shown::Known(Trajectory::Outbound) => (Msg::TrajectoryOutbound, "↓"),
    };
    (msg.text(lang), arrow)
}

/// A level as text and colour together, focusable, with its meaning in a tooltip.
fn pill(out: &mut String, class: &str, label: &str, moving: Option<(&str, &str)>, tip: &str) {
    html(
        out,
        r#"<span class="cop-pill {class}" tabindex="0" aria-describedby="cop-tip"><span class="cop-dot" aria-hidden="true"></span>{label}"#,
        &[("class", class), ("label", label)],
    );
    if let Some((words, arrow)) = moving {
        html(
            out,
            r#"<span class="cop-arrow" aria-hidden="true">{arrow}</span><span class="cop-visually-hidden">, {words}</span>"#,
            &[("arrow", arrow), ("words", words)],
        );
    }
    html(
        out,
        r#"</span><span class="cop-tip" role="tooltip" id="cop-tip">{tip}</span>"#,
        &[("tip", tip)],
    );
}

fn roles(lang: Lang, member: &MemberBadge) -> Option<String> {
    (!member.roles.is_empty()).then(|| {
        fill(
            Msg::BadgeRoles.text(lang),
            &[("list", &member.roles.join(", "))],
        )
    })
}

fn member_pill(out: &mut String, lang: Lang, member: &MemberBadge) {
    let name = level_name(lang, &member.level);
    let moving = member.trajectory.as_ref().map(|t| trajectory(lang, t));
    let mut tip = format!("{name}: {}", level_meaning(lang, &member.level));
    if let Some((words, _)) = moving {
        tip = format!("{tip} {words} — {}", Msg::TrajectoryExplained.text(lang));
    }
    if let Some(roles) = roles(lang, member) {
        tip = format!("{tip} {roles}");
    }
    pill(out, member.level.class(), &name, moving, &tip);
}

fn card(out: &mut String, lang: Lang, locale: &str, member: &MemberBadge, base: Option<&str>) {
    let name = member
        .name
        .as_deref()
        .or(member.member.as_deref())
        .unwrap_or_default();
    out.push_str(r#"<section class="cop-card cop-member"><div class="cop-member-head">"#);
    match member.avatar.as_deref().and_then(|url| web_link(url, base)) {
        Some(url) => html(
            out,
            r#"<img class="cop-avatar" src="{url}" alt="">"#,
            &[("url", &url)],
        ),
        None => html(
            out,
            r#"<span class="cop-avatar" aria-hidden="true">{initials}</span>"#,
            &[("initials", &initials(name))],
        ),
    }
    html(
        out,
        r#"<div><p class="cop-title">{name}</p><p>"#,
        &[("name", name)],
    );
    member_pill(out, lang, member);
    out.push_str("</p></div></div>");
    if let Some(roles) = roles(lang, member) {
        html(
            out,
            r#"<p class="cop-muted">{roles}</p>"#,
            &[("roles", &roles)],
        );
    }
    if !member.weekly.is_empty() {
        chart(out, lang, locale, &member.weekly);
    }
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
    if let Some(next) = next {
        html(out, r#"<p class="cop-next">{next}</p>"#, &[("next", &next)]);
    }
    if let Some(url) = member
        .open_badge
        .as_deref()
        .and_then(|url| web_link(url, base))
    {
        html(
            out,
            r#"<a class="cop-link" href="{url}" download>{text}</a>"#,
            &[("url", &url), ("text", Msg::BadgeOpenBadge.text(lang))],
        );
    }
    out.push_str("</section>");
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
fn chart(out: &mut String, lang: Lang, locale: &str, weekly: &[u32]) {
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
    html(
        out,
        r#"<svg class="cop-chart" viewBox="0 0 {width} 32" preserveAspectRatio="none" role="img" aria-label="{label}">"#,
        &[
            ("width", &(weekly.len() * 10).to_string()),
            ("label", &label),
        ],
    );
    for (i, week) in weekly.iter().enumerate() {
        // At least a sliver, so an empty week still reads as a week.
        let height = (u64::from(*week) * 30 / u64::from(highest)).max(1);
        bar(out, "", i as u64 * 10 + 1, 32 - height, 8, height);
    }
    html(
        out,
        r#"</svg><p class="cop-muted cop-small">{label}</p>"#,
        &[("label", &label)],
    );
}

fn bar(out: &mut String, class: &str, x: u64, y: u64, width: u64, height: u64) {
    html(
        out,
        r#"<rect class="{class}" x="{x}" y="{y}" width="{width}" height="{height}"/>"#,
        &[
            ("class", class),
            ("x", &x.to_string()),
            ("y", &y.to_string()),
            ("width", &width.to_string()),
            ("height", &height.to_string()),
        ],
    );
}

fn community(out: &mut String, lang: Lang, locale: &str, spread: &Spread) {
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
    html(
        out,
        r#"<section class="cop-card cop-spread"><p class="cop-title">{title}</p><p class="cop-health {class}">{health}</p><p class="cop-muted">{count}</p>"#,
        &[
            ("title", &title),
            ("class", class),
            ("health", health.text(lang)),
            ("count", &count),
        ],
    );
    if members > 0 {
        // One bar of the members, centre out (transactional participants are not members).
        out.push_str(r#"<svg class="cop-spread-bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">"#);
        let mut x = 0;
        for level in [
            Level::Core,
            Level::Active,
            Level::Occasional,
            Level::Peripheral,
        ] {
            let width = u64::from(spread.counts.count(level)) * 1000 / u64::from(members);
            bar(out, Shown::Known(level).class(), x, 0, width, 10);
            x += width;
        }
        out.push_str("</svg>");
    }
    html(
        out,
        r#"<table class="cop-table"><thead><tr><th scope="col">{level}</th><th scope="col">{count}</th><th scope="col">{share}</th><th scope="col">{typical}</th></tr></thead><tbody>"#,
        &[
            ("level", Msg::SpreadLevel.text(lang)),
            ("count", Msg::SpreadCount.text(lang)),
            ("share", Msg::SpreadShare.text(lang)),
            ("typical", Msg::SpreadTypical.text(lang)),
        ],
    );
    for level in Level::ALL {
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
            out,
            shown.class(),
            &level_name(lang, &shown),
            &format_count(locale, spread.counts.count(level)),
            &share,
            &typical,
        );
    }
    if spread.other > 0 {
        let other = format_count(locale, spread.other);
        row(
            out,
            "cop-l-other",
            Msg::SpreadOther.text(lang),
            &other,
            "",
            "",
        );
    }
    out.push_str("</tbody></table></section>");
}

fn row(out: &mut String, class: &str, level: &str, count: &str, share: &str, typical: &str) {
    html(
        out,
        r#"<tr><th scope="row"><span class="cop-dot {class}" aria-hidden="true"></span>{level}</th><td>{count}</td><td>{share}</td><td>{typical}</td></tr>"#,
        &[
            ("class", class),
            ("level", level),
            ("count", count),
            ("share", share),
            ("typical", typical),
        ],
    );
}
