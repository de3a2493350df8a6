//! `data-cop-widget="participation-badge"`: a member's level of participation and trajectory
//! (`data-variant="pill"` or `"card"`), a community's spread over the levels (`"community"`),
//! or every community at a glance (`"network"`). The model is `cop_core::badge`; this module
//! is its view.
//!
//! Hover, focus or tap on a level shows what it means (a tooltip tied with
//! `aria-describedby`); Escape hides it without moving focus (WCAG 1.4.13, see
//! `widgets::listen`). A level is always text and colour together, never colour alone.

use leptos::either::Either;
use leptos::prelude::*;

use cop_core::badge::{initials, role_index, MemberBadge, Network, Shown, Spread};
use cop_core::config::{Source, WidgetConfig};
use cop_core::i18n::{fill, Lang, Msg};
use cop_core::mapping::{Fields, FromFields};
use cop_core::network::{Key, Sort};
use cop_core::participation::{typical, Against, Direction, Health, Level, Trajectory};
use wasm_bindgen::JsCast;

use crate::host::{format_count, format_percent, web_link};
use crate::json::Js;
use crate::registry::Setup;
use crate::widgets::{loading_or_failed, target_element, Fresh, Handlers, Model, Opaque, Phase};

/// A pill (in the main module: a directory page shows hundreds of them and nothing else).
/// While it loads it has no markup of its own: the loader's skeleton holds its place, and a
/// directory of 500 pills would otherwise build, style, lay out and remove 500 unseen
/// "Loading" boxes (issue 16: 50 ms of script for 500 pills) that screen readers would read
/// out 500 times.
pub fn view(lang: Lang, phase: RwSignal<Phase>) -> AnyView {
    (move || {
        phase.with(|phase| match phase {
            // A pill stays pill-sized: its failure is a pill, the message in its tooltip.
            Phase::Failed(failure) => pill("cop-l-error", "⚠".into(), None, failure.message(lang)),
            Phase::Ready(Model::Member(member)) => member_pill(lang, member),
            _ => ().into_any(),
        })
    })
    .into_any()
}

/// A pill's model: the member's badge.
pub fn build(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    Model::Member(MemberBadge::from_fields(fields, &config.params))
}

/// The card: the badge's chunk (`chunks::Chunk::Badge`), which a page of pills never
/// downloads. Its model is the chunk's own (a [`Card`]).
pub fn details(setup: RwSignal<Setup>, phase: RwSignal<Phase>) -> AnyView {
    let (lang, locale, base) = setup.with_untracked(|setup| {
        // Links in the data are relative to the document they came in.
        let base = match setup.config.as_ref().map(|config| &config.source) {
            Ok(Source::Url(url)) => Some(url.clone()),
            _ => None,
        };
        (setup.lang, setup.locale.clone(), base)
    });
    part(lang, phase, move |Card(member): &Card| {
        card(lang, &locale, member, base.as_deref())
    })
}

/// A part's view (the card, the spread, the network view): the loading or failure box, then
/// its model `M` drawn by `draw` once the phase holds one.
fn part<M: 'static>(
    lang: Lang,
    phase: RwSignal<Phase>,
    draw: impl Fn(&M) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    (move || {
        phase.with(|phase| {
            if let Some(view) = loading_or_failed(lang, phase) {
                return view;
            }
            match phase {
                Phase::Ready(Model::Kind(model)) => match model.get::<M>() {
                    Some(model) => draw(model),
                    None => ().into_any(),
                },
                _ => ().into_any(),
            }
        })
    })
    .into_any()
}

/// The model of a card (inside the chunk: the main module never clones, compares or drops
/// one). Not the pill's `Model::Member`, which would put the card's code where the pill's is.
struct Card(MemberBadge);

/// A card's model from the mapped fields.
pub fn build_details(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    Model::Kind(Opaque::new(Card(MemberBadge::from_fields(
        fields,
        &config.params,
    ))))
}

/// The community's spread (`data-variant="community"`): a part of the badge with a chunk of
/// its own (`chunks::Chunk::BadgeCommunity`), as the network view: a page of cards does not
/// download the spread's table, nor a page of spreads the card.
pub fn spread(setup: RwSignal<Setup>, phase: RwSignal<Phase>) -> AnyView {
    let (lang, locale) = setup.with_untracked(|setup| (setup.lang, setup.locale.clone()));
    part(lang, phase, move |spread: &Spread| {
        community(lang, &locale, spread)
    })
}

/// The spread's model from the mapped fields.
pub fn build_spread(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    Model::Kind(Opaque::new(Spread::from_fields(fields, &config.params)))
}

/// The network view (`data-variant="network"`): a part of the badge's chunk with a chunk of
/// its own (`chunks::Chunk::BadgeNetwork`), which a page of cards or spreads never downloads.
pub fn network(setup: RwSignal<Setup>, phase: RwSignal<Phase>) -> AnyView {
    let (lang, locale) = setup.with_untracked(|setup| (setup.lang, setup.locale.clone()));
    part(lang, phase, move |network: &Network| {
        network_view(lang, &locale, network)
    })
}

/// The network's model from the mapped fields.
pub fn build_network(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    Model::Kind(Opaque::new(Network::from_fields(fields, &config.params)))
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

/// The trajectory's words, the glyph that stands for them (hidden from screen readers, which
/// read the words; each a different shape, so none is told apart by size alone) and its
/// sentence for the tooltip.
fn trajectory(lang: Lang, trajectory: &Shown<Trajectory>) -> (String, &'static str, String) {
    let (msg, glyph, sentence) = match trajectory {
        // A backend's own word: shown as it is, with no glyph (its direction is unknown).
        Shown::Foreign(word) => {
            let sentence = fill(Msg::TrajectoryForeign.text(lang), &[("way", word)]);
            return (word.clone(), "", sentence);
        }
        Shown::Known(Trajectory::Inbound) => {
            (Msg::TrajectoryInbound, "↑", Msg::TrajectoryInboundSentence)
        }
        Shown::Known(Trajectory::Insider) => {
            (Msg::TrajectoryInsider, "◎", Msg::TrajectoryInsiderSentence)
        }
        Shown::Known(Trajectory::Peripheral) => (
            Msg::TrajectoryPeripheral,
            "→",
            Msg::TrajectoryPeripheralSentence,
        ),
        Shown::Known(Trajectory::Boundary) => (
            Msg::TrajectoryBoundary,
            "↔",
            Msg::TrajectoryBoundarySentence,
        ),
        Shown::Known(Trajectory::Outbound) => (
            Msg::TrajectoryOutbound,
            "↓",
            Msg::TrajectoryOutboundSentence,
        ),
    };
    (
        msg.text(lang).to_owned(),
        glyph,
        sentence.text(lang).to_owned(),
    )
}

/// A level as text and colour together, with its meaning in a tooltip. Not a tab stop: a
/// directory of 300 pills would be 300 of them (README, "Participation badge"); a click or a
/// tap focuses it (`tabindex="-1"`) and shows the tooltip.
fn pill(
    class: &str,
    label: String,
    moving: Option<(String, &'static str)>,
    tip: String,
) -> AnyView {
    // One text node for ", " and the words, and the level's colour dot the pill's `::before`:
    // each node less is 500 fewer on a directory (issue 16).
    let moving = moving.map(|(words, arrow)| {
        view! {
            <span class="cop-arrow" aria-hidden="true">{arrow}</span>
            <span class="cop-visually-hidden">{format!(", {words}")}</span>
        }
    });
    Fresh(view! {
        <span class=format!("cop-pill {class}") tabindex="-1" aria-describedby="cop-tip">
            {label}
            {moving}
        </span>
        <span class="cop-tip" role="tooltip" id="cop-tip">{tip}</span>
    })
    .into_any()
}

/// "Roles: coordinator, expert." — the contract's role words in the member's language, a
/// community's own as given.
fn roles(lang: Lang, member: &MemberBadge) -> Option<String> {
    const ROLES: [Msg; 10] = [
        Msg::RoleCoordinator,
        Msg::RoleLeader,
        Msg::RoleExpert,
        Msg::RoleNewcomer,
        Msg::RoleSponsor,
        Msg::RoleSupport,
        Msg::RoleCriticalFriend,
        Msg::RoleKeeper,
        Msg::RoleSocialReporter,
        Msg::RoleBroker,
    ];
    (!member.roles.is_empty()).then(|| {
        // A loop, not `join`: the pill is in every page's main module, and `join` is 1 KB of
        // code there that only this used.
        let mut words = String::new();
        for role in &member.roles {
            if !words.is_empty() {
                words.push_str(", ");
            }
            words.push_str(match role_index(role).and_then(|i| ROLES.get(i)) {
                Some(msg) => msg.text(lang),
                None => role.as_str(),
            });
        }
        fill(Msg::BadgeRoles.text(lang), &[("list", &words)])
    })
}

/// The tooltip, in sentences: "Core group: Takes on the community's work… An insider: taking
/// part steadily… Roles: coordinator."
fn member_pill(lang: Lang, member: &MemberBadge) -> AnyView {
    let name = level_name(lang, &member.level);
    let mut tip = format!("{name}: {}", level_meaning(lang, &member.level));
    let moving = member.trajectory.as_ref().map(|t| {
        let (words, glyph, sentence) = trajectory(lang, t);
        tip = format!("{tip} {sentence}");
        (words, glyph)
    });
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
        Some(url) => Either::Left(view! { <img class="cop-avatar" src=url alt=""/> }),
        None => Either::Right(
            view! { <span class="cop-avatar" aria-hidden="true">{initials(&name)}</span> },
        ),
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
    Fresh(view! {
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
            {legend(lang)}
        </section>
    })
    .into_any()
}

/// "What do the levels mean?": every level and its meaning behind one native disclosure (a
/// tab stop of the card or the spread, where the pills have none; `data-variant="legend"`
/// alone, for a page of pills: in the main module with them). Plain lines of text.
pub fn legend(lang: Lang) -> impl IntoView {
    // An array, not a Vec: a fixed list's view is less code, in the main module of every page.
    let levels = Level::ALL.map(|level| {
        let shown = Shown::Known(level);
        let line = format!(
            "{}: {}",
            level_name(lang, &shown),
            level_meaning(lang, &shown)
        );
        // Each level's colour beside its name: the key to the network view's bars.
        view! { <li class=shown.class()><span class="cop-dot" aria-hidden="true"></span>{line}</li> }
    });
    view! {
        <details class="cop-legend">
            <summary>{Msg::BadgeLegend.text(lang)}</summary>
            <ul>{levels}</ul>
        </details>
    }
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

/// Weekly activity as bars in SVG (geometry in attributes: no inline style for a strict CSP):
/// a figure captioned "Activity, last 12 weeks", the numbers its accessible name only.
fn chart(lang: Lang, locale: &str, weekly: &[u32]) -> impl IntoView {
    let highest = weekly.iter().copied().max().unwrap_or(0).max(1);
    let numbers: Vec<String> = weekly
        .iter()
        .map(|week| format_count(locale, *week))
        .collect();
    let caption = fill(
        Msg::BadgeActivity.text(lang),
        &[("weeks", &weekly.len().to_string())],
    );
    let label = fill(
        Msg::BadgeActivityWeeks.text(lang),
        &[("list", &numbers.join(", "))],
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
        <figure class="cop-activity">
            <figcaption class="cop-muted cop-small">{caption}</figcaption>
            <svg class="cop-chart" viewBox=format!("0 0 {} 32", weekly.len() * 10)
                preserveAspectRatio="none" role="img" aria-label=label>{bars}</svg>
        </figure>
    }
}

fn bar(class: &'static str, x: u64, y: u64, width: u64, height: u64) -> impl IntoView {
    view! { <rect class=class x=x y=y width=width height=height/> }
}

/// A verdict's class (its colour, beside its words).
fn health_class(health: Health) -> &'static str {
    match health {
        Health::Alive => "cop-h-good",
        Health::ThinCore | Health::Closed => "cop-h-warn",
        Health::Dormant | Health::NoMembers => "cop-h-bad",
    }
}

fn community(lang: Lang, locale: &str, spread: &Spread) -> AnyView {
    let title = match &spread.name {
        Some(name) => format!("{} — {name}", Msg::SpreadTitle.text(lang)),
        None => Msg::SpreadTitle.text(lang).to_owned(),
    };
    let class = health_class(spread.health);
    let health = [
        Msg::HealthNoMembers,
        Msg::HealthDormant,
        Msg::HealthThinCore,
        Msg::HealthClosed,
        Msg::HealthAlive,
    ][spread.health as usize];
    let members = spread.counts.members();
    let count = fill(
        Msg::SpreadMembers.text(lang),
        &[("count", &format_count(locale, members))],
    );
    let none = || "—".to_owned();
    // Each number's column, said again beside it where the columns stack (a sidebar).
    let heads = [
        Msg::SpreadCount.text(lang),
        Msg::SpreadShare.text(lang),
        Msg::SpreadTypical.text(lang),
    ];
    let mut rows: Vec<_> = Level::ALL
        .into_iter()
        .map(|level| {
            let shown = Shown::Known(level);
            // Transactional participants are not members: they have no share of the members.
            let share =
                (level != Level::Transactional && members > 0).then(|| spread.percent(level));
            let range = typical(level);
            let flag = match spread.counts.against_typical(level) {
                Some(Against::Below) => Some(Msg::SpreadBelow),
                Some(Against::Above) => Some(Msg::SpreadAbove),
                _ => None,
            };
            let typical = range.map_or_else(none, |(low, high)| {
                format!(
                    "{}–{}",
                    format_count(locale, low),
                    format_percent(locale, high)
                )
            });
            Row {
                class: shown.class(),
                level: level_name(lang, &shown),
                count: format_count(locale, spread.counts.count(level)),
                share: share.map_or_else(none, |share| format_percent(locale, share)),
                typical,
                bar: share.map(|share| (share, range)),
                flag: flag.map(|flag| flag.text(lang)),
            }
            .view(heads)
        })
        .collect();
    if spread.other > 0 {
        rows.push(
            Row {
                class: "cop-l-other",
                level: Msg::SpreadOther.text(lang).to_owned(),
                count: format_count(locale, spread.other),
                share: none(),
                typical: none(),
                bar: None,
                flag: None,
            }
            .view(heads),
        );
    }
    // One table is the chart and its data: each level's bar (its share of the members, the
    // typical range as a band behind it) sits under its name, the numbers beside it, so a
    // screen reader reads the same table a sighted coordinator sees. Below 320 px (a sidebar)
    // each level's numbers go under its bar (badge.css).
    Fresh(view! {
        <section class="cop-card cop-spread">
            <p class="cop-title">{title}</p>
            <p class=format!("cop-health {class}")>{health.text(lang)}</p>
            <p class="cop-muted">{count}</p>
            <table class="cop-table cop-levels">
                <caption class="cop-muted cop-small">{Msg::SpreadCaption.text(lang)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{Msg::SpreadLevel.text(lang)}</th>
                        <th scope="col">{heads[0]}</th>
                        <th scope="col">{heads[1]}</th>
                        <th scope="col">{heads[2]}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {legend(lang)}
        </section>
    })
    .into_any()
}

/// One level of the spread: its name, bar and out-of-range words, then its numbers.
struct Row {
    class: &'static str,
    level: String,
    count: String,
    share: String,
    typical: String,
    /// The share (whole per cent) and the typical range, for a level that has a share.
    bar: Option<(u32, Option<(u32, u32)>)>,
    flag: Option<&'static str>,
}

impl Row {
    fn view(self, heads: [&'static str; 3]) -> impl IntoView {
        // Geometry in attributes (percentages of the cell's width), not inline style: a strict
        // CSP allows it. The band is drawn first, full height; the bar over it, narrower. One
        // shape for every row (hidden parts get `cop-none`): each shape of view is code.
        let (share, meter) = match self.bar {
            Some((share, _)) => (share.min(100), "cop-meter"),
            None => (0, "cop-meter cop-none"),
        };
        let (low, high, band) = match self.bar.and_then(|(_, range)| range) {
            Some((low, high)) => (low, high, "cop-band"),
            None => (0, 0, "cop-band cop-none"),
        };
        view! {
            <tr class=self.class>
                <th scope="row">
                    <span class="cop-level"><span class="cop-dot" aria-hidden="true"></span>{self.level}</span>
                    <span class="cop-flag">{self.flag.unwrap_or_default()}</span>
                    <svg class=meter role="presentation" focusable="false">
                        <rect class="cop-track" x="0" y="30%" width="100%" height="40%"/>
                        <rect class=band x=format!("{low}%") y="0" width=format!("{}%", high - low) height="100%"/>
                        <rect class="cop-value" x="0" y="20%" width=format!("{share}%") height="60%"/>
                    </svg>
                </th>
                <td data-label=heads[0]>{self.count}</td>
                <td data-label=heads[1]>{self.share}</td>
                <td data-label=heads[2]>{self.typical}</td>
            </tr>
        }
    }
}

/// The network view: every community at a glance, those needing attention first (the
/// server's order, `cop_core::network::Sort`). A table whose column headings are sort buttons
/// (the APG's sortable table: `aria-sort` on the sorted heading; the buttons are never redrawn,
/// so focus stays on the one pressed): its rows are drawn once and put in the new order by
/// moving them, with the comparator the server ranks with. Below 320 px each row stacks
/// (badge.css).
fn network_view(lang: Lang, locale: &str, network: &Network) -> AnyView {
    let shown = network.communities.len() as u32;
    let count = |keep: fn(&cop_core::badge::Community) -> bool| {
        network.communities.iter().filter(|c| keep(c)).count() as u32
    };
    let mut summary = if shown == 0 {
        Msg::NetworkEmpty.text(lang).to_owned()
    } else {
        fill(
            Msg::NetworkSummary.text(lang),
            &[
                ("count", &format_count(locale, shown)),
                (
                    "attention",
                    &format_count(locale, count(|c| !c.attention.is_empty())),
                ),
                ("showcases", &format_count(locale, count(|c| c.showcase))),
            ],
        )
    };
    if network.total > shown {
        let showing = fill(
            Msg::NetworkShowing.text(lang),
            &[
                ("shown", &format_count(locale, shown)),
                ("total", &format_count(locale, network.total)),
            ],
        );
        summary = format!("{showing}. {summary}");
    }
    // The member levels' names (transactional participants are not members).
    let names: Vec<String> = Level::ALL[..4]
        .iter()
        .map(|level| level_name(lang, &Shown::Known(*level)))
        .collect();
    let lines: Vec<_> = network.communities.iter().map(|c| c.line()).collect();
    let rows: Vec<_> = Sort::default()
        .order(&lines)
        .into_iter()
        .filter_map(|i| Some((i, network.communities.get(i)?)))
        .map(|(i, c)| {
            let (verdict, class) = match &c.health {
                Some(Shown::Known(health)) => (
                    [
                        Msg::VerdictNoMembers,
                        Msg::VerdictDormant,
                        Msg::VerdictThinCore,
                        Msg::VerdictClosed,
                        Msg::VerdictAlive,
                    ][*health as usize]
                        .text(lang)
                        .to_owned(),
                    health_class(*health),
                ),
                Some(Shown::Foreign(word)) => (word.clone(), ""),
                None => (String::new(), ""),
            };
            // The spread in miniature: each level's share of the bar, its words the bar's name.
            let parts = [
                c.counts.counts[0],
                c.counts.counts[1],
                c.counts.counts[2],
                c.counts.counts[3],
                c.other,
            ];
            let total: u64 = parts.iter().map(|n| u64::from(*n)).sum();
            let mut words = Vec::new();
            let mut bars = Vec::new();
            let mut sum = 0u64;
            for (index, part) in parts.iter().enumerate() {
                // A backend's own levels (`other`) only when it has some.
                let (name, class) = match (names.get(index), Level::ALL.get(index)) {
                    (Some(name), Some(level)) => (name.as_str(), Shown::Known(*level).class()),
                    _ if *part == 0 => continue,
                    _ => (Msg::SpreadOther.text(lang), "cop-l-other"),
                };
                let share = (u64::from(*part) * 100).checked_div(total).unwrap_or(0);
                words.push(format!(
                    "{name} {} ({})",
                    format_count(locale, *part),
                    format_percent(locale, share as u32)
                ));
                let x = (sum * 100).checked_div(total).unwrap_or(0);
                sum += u64::from(*part);
                let end = (sum * 100).checked_div(total).unwrap_or(0);
                bars.push(bar(class, x, 0, end - x, 10));
            }
            // The glyph is for the eye: a screen reader reads the words only.
            let (glyph, trend) = match c.trend {
                Some((_, Direction::Steady)) => ("→ ", Msg::NetworkSteady.text(lang).to_owned()),
                Some((change, direction)) => {
                    let sign = if change < 0 { "−" } else { "+" };
                    let glyph = if direction == Direction::Up { "↗ " } else { "↘ " };
                    let number = format_count(locale, change.unsigned_abs().min(u64::from(u32::MAX)) as u32);
                    (glyph, fill(Msg::NetworkChange.text(lang), &[("change", &format!("{sign}{number}"))]))
                }
                None => ("", "—".to_owned()),
            };
            let attention: Vec<&str> = c
                .attention
                .iter()
                .map(|reason| match reason {
                    Shown::Known(reason) => [
                        Msg::AttentionDormant,
                        Msg::AttentionShrinking,
                        Msg::AttentionThinCore,
                        Msg::AttentionNoMembers,
                    ][*reason as usize]
                        .text(lang),
                    Shown::Foreign(word) => word.as_str(),
                })
                .collect();
            let attention = if attention.is_empty() { "—".to_owned() } else { attention.join("; ") };
            let showcase = if c.showcase { Msg::NetworkShowcase.text(lang) } else { "" };
            view! {
                <tr data-i=i>
                    <th scope="row">
                        {c.name.clone()}
                        <span class="cop-show">{showcase}</span>
                        <span class=format!("cop-health {class}")>{verdict}</span>
                    </th>
                    <td data-label=Msg::SpreadCount.text(lang)>
                        {format_count(locale, c.members)}
                        <svg class="cop-mini" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=words.join(", ")>{bars}</svg>
                    </td>
                    <td data-label=Msg::NetworkTrend.text(lang)><span aria-hidden="true">{glyph}</span>{trend}</td>
                    <td data-label=Msg::NetworkAttention.text(lang)>{attention}</td>
                </tr>
            }
        })
        .collect();
    Fresh(view! {
        <section class="cop-card cop-network">
            <p class="cop-title">{Msg::NetworkTitle.text(lang)}</p>
            <p class="cop-muted">{summary}</p>
            // The box the loader reserved (its height), scrolled within, headings in sight.
            <div class="cop-net-box" role="region" aria-label=Msg::NetworkTitle.text(lang) tabindex="0">
                <table class="cop-table cop-net" data-sort="attention">
                    <thead>
                        <tr>
                            {head(Key::Name, Msg::NetworkCommunity.text(lang))}
                            {head(Key::Members, Msg::SpreadCount.text(lang))}
                            {head(Key::Trend, Msg::NetworkTrend.text(lang))}
                            {head(Key::Attention, Msg::NetworkAttention.text(lang))}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {legend(lang)}
        </section>
    })
    .into_any()
}

/// The network table's sorting: a click on a column heading's button (`data-key`) sorts the
/// rows in place and says so with `aria-sort`. One listener on the widget's root (the chunk's
/// `Entry::listen`), not a Leptos handler on the heading: the code for those stays out of
/// the badge's chunks and the main module.
pub fn listen_network(
    root: &web_sys::HtmlElement,
    phase: RwSignal<Phase>,
    _: RwSignal<Setup>,
) -> Handlers {
    Handlers::new(root, &["click"], move |event: web_sys::Event| {
        let button =
            target_element(&event).and_then(|t| t.closest("button[data-key]").ok().flatten());
        let (Some(button), Some(table)) = (
            button.clone(),
            button.and_then(|b| b.closest("table").ok().flatten()),
        ) else {
            return;
        };
        phase.try_with_untracked(|phase| {
            if let Phase::Ready(Model::Kind(model)) = phase {
                if let Some(network) = model.get::<Network>() {
                    sort_network(network, &button, &table);
                }
            }
        });
    })
}

/// Sorts the network table by the column of `button`, one of its headings' buttons.
fn sort_network(network: &Network, button: &web_sys::Element, table: &web_sys::Element) {
    let picked = button.get_attribute("data-key");
    let Some(key) = Key::ALL
        .into_iter()
        .find(|key| picked.as_deref() == Some(key.name()))
    else {
        return;
    };
    let sort = table
        .get_attribute("data-sort")
        .and_then(|sort| Sort::parse(&sort))
        .unwrap_or_default()
        .pick(key);
    let _ = table.set_attribute("data-sort", &sort.name());
    if let Ok(heads) = table.query_selector_all("thead th") {
        for index in 0..heads.length() {
            if let Some(head) = heads
                .item(index)
                .and_then(|h| h.dyn_into::<web_sys::Element>().ok())
            {
                let _ = head.set_attribute("aria-sort", "none");
            }
        }
    }
    if let Some(head) = button.parent_element() {
        let _ = head.set_attribute(
            "aria-sort",
            if sort.ascending() {
                "ascending"
            } else {
                "descending"
            },
        );
    }
    let Ok(Some(body)) = table.query_selector("tbody") else {
        return;
    };
    let lines: Vec<_> = network.communities.iter().map(|c| c.line()).collect();
    for index in sort.order(&lines) {
        if let Ok(Some(row)) = body.query_selector(&format!("tr[data-i=\"{index}\"]")) {
            let _ = body.append_child(&row);
        }
    }
}

/// A column heading that sorts: the APG's button in a `th`, `aria-sort` on the sorted one
/// (the attention order at first, the server's).
fn head(key: Key, label: &'static str) -> impl IntoView {
    let sorted = if key == Key::Attention {
        "ascending"
    } else {
        "none"
    };
    view! {
        <th scope="col" aria-sort=sorted>
            <button type="button" class="cop-sort" data-key=key.name()>{label}</button>
        </th>
    }
}
