//! The community-rhythm calendar, `data-cop-widget="rhythm-calendar"` (issue 15): a
//! community's events as an agenda (`data-view="agenda"`, the default), a month grid
//! (`month`, the APG grid pattern) or the next three (`next`, for a sidebar), in the viewer's
//! zone or the one they switch to, each with its own zone's time named, its rhythm in words,
//! "add to my calendar" links, and the community's heartbeat. Its model and every rule are
//! `cop_core::calendar`'s; this only formats (with `Intl`, `crate::zones`) and draws.
//!
//! Reached only through its chunk's `Entry` (`chunks.rs`).

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use cop_core::calendar::{
    agenda, duration_words, google_calendar_url, move_focus, outlook_url, upcoming, webcal_url,
    zone_place, Events, GridKey, Happening, Heartbeat, Month, MonthGrid, NewEvent, Outlook, Placed,
    Rhythm, View, Where,
};
use cop_core::config::{Source, WidgetConfig};
use cop_core::day::{Day, Weekday};
use cop_core::i18n::{fill, Lang, Msg};
use cop_core::mapping::{Fields, FromFields};
use cop_core::template::percent_encode;
use cop_core::zone::{Instant, Zones};

use crate::host;
use crate::json::Js;
use crate::registry::Setup;
use crate::widgets::{handle, loading_or_failed, target_element, Fresh, Model, Opaque, Phase};
use crate::zones::{self, IntlDates, IntlZones, Style};

/// Its model: the community's events (an event that cannot be read is said on the console).
pub fn build(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    let events = Events::from_fields(fields, &config.params);
    for skipped in &events.skipped {
        let mut text = String::from("cop-widgets: rhythm-calendar left out event ");
        text.push_str(&skipped.index.to_string());
        if let Some(id) = &skipped.id {
            text.push_str(" (");
            text.push_str(id);
            text.push(')');
        }
        text.push_str(": ");
        text.push_str(&skipped.why);
        host::warn_once(text);
    }
    Model::Kind(Opaque::new(events))
}

/// What every part of the view needs, fixed for one model and configuration.
#[derive(Clone)]
struct Ctx {
    events: Arc<Events>,
    lang: Lang,
    locale: String,
    view: View,
    months: u32,
    /// `…/communities/{c}/events` on the project's contract: `.ics` links are built from it.
    events_url: Option<String>,
    feed: Option<String>,
    now: Instant,
    week_start: Weekday,
    /// How many occurrences the agenda lists: [`AGENDA_PAGE`] more at each "Show more".
    shown: RwSignal<usize>,
}

/// The agenda's occurrences per page: a year of a busy community is hundreds, each an
/// article with its links, so it lists these and a button for the next as many.
const AGENDA_PAGE: usize = 200;

fn now() -> Instant {
    Instant((js_sys::Date::now() / 1000.0).floor() as i64)
}

/// How a calendar shows its events under its head: the agenda or the next three (this chunk),
/// or the month grid (a chunk of its own, `rhythm_calendar__month`: most calendars are agendas).
type Body = fn(&Ctx, String) -> AnyView;

/// The calendar as an agenda or the next three (`data-view="agenda"`, the default, or `next`).
pub fn listed(setup: RwSignal<Setup>, phase: RwSignal<Phase>) -> AnyView {
    view(setup, phase, |ctx, zone| list_view(ctx, &zone).into_any())
}

/// The calendar as a month grid (`data-view="month"`).
pub fn month(setup: RwSignal<Setup>, phase: RwSignal<Phase>) -> AnyView {
    view(setup, phase, |ctx, zone| {
        month_view(ctx.clone(), zone).into_any()
    })
}

fn view(setup: RwSignal<Setup>, phase: RwSignal<Phase>, body: Body) -> AnyView {
    let (lang, locale, config) =
        setup.with_untracked(|s| (s.lang, s.locale.clone(), s.config.clone().ok()));
    let Some(config) = config else {
        return ().into_any();
    };
    let first_zone = config
        .param("zone")
        .map(str::to_owned)
        .unwrap_or_else(zones::browser_zone);
    // The zone switcher's choice, and how much of the agenda is shown, outlive reloads.
    let zone = RwSignal::new(first_zone);
    let shown = RwSignal::new(AGENDA_PAGE);
    // Only this is erased into an `AnyView`, which compiles its own copy of the whole view
    // tree (its owned form, with build and rebuild); `Either` and `Option` below do not.
    (move || {
        phase.with(|phase| {
            if let Some(view) = loading_or_failed(lang, phase) {
                return Either::Left(view);
            }
            let events = match phase {
                Phase::Ready(Model::Kind(model)) => model.get::<Events>(),
                _ => None,
            };
            Either::Right(events.map(|events| {
                card(
                    context(&config, lang, &locale, events.clone(), shown),
                    zone,
                    body,
                )
            }))
        })
    })
    .into_any()
}

fn context(
    config: &WidgetConfig,
    lang: Lang,
    locale: &str,
    events: Events,
    shown: RwSignal<usize>,
) -> Ctx {
    let events_url = match (&config.source, config.contract) {
        (Source::Url(url), true) => Some(url.trim_end_matches('/').to_owned()),
        _ => None,
    };
    let feed = match config.param("feed") {
        Some("none") => None,
        Some(feed) => host::web_link(feed, None),
        None => events_url
            .as_deref()
            .and_then(|url| url.strip_suffix("/events"))
            .map(|base| format!("{base}/calendar.ics")),
    };
    Ctx {
        events: Arc::new(events),
        lang,
        locale: locale.to_owned(),
        view: cop_core::calendar::View::from_param(config.param("view")),
        months: cop_core::calendar::parse_months(config.param("months")).unwrap_or(3),
        events_url,
        feed,
        now: now(),
        week_start: zones::first_weekday(locale),
        shown,
    }
}

/// The zone switcher, the chosen view, the heartbeat and the subscription.
fn card(ctx: Ctx, zone: RwSignal<String>, body: Body) -> impl IntoView {
    let lang = ctx.lang;
    let here = zones::browser_zone();
    let mut choices: Vec<String> = vec![here.clone()];
    let chosen = zone.get_untracked();
    for z in ctx
        .events
        .zones()
        .into_iter()
        .chain([chosen.as_str(), "UTC"])
    {
        if !choices.iter().any(|c| c == z) {
            choices.push(z.to_owned());
        }
    }
    let options: Vec<_> = choices
        .into_iter()
        .map(|z| {
            let label = if z == here {
                fill(Msg::CalendarZoneHere.text(lang), &[("zone", &z)])
            } else {
                z.clone()
            };
            let selected = z == chosen;
            view! { <option value=z.clone() selected=selected>{label}</option> }
        })
        .collect();
    let title = match ctx.view {
        View::Next => Msg::CalendarNextTitle.text(lang),
        _ => Msg::CalendarTitle.text(lang),
    };
    let body_ctx = ctx.clone();
    let body = move || body(&body_ctx, zone.get());
    let heart_ctx = ctx.clone();
    let heart = (ctx.view != View::Next).then_some(move || heartbeat(&heart_ctx, &zone.get()));
    let subscribe = ctx.feed.as_deref().and_then(webcal_url).map(|webcal| {
        view! {
            <p class="cop-cal-subscribe"><a href=webcal>{Msg::CalendarSubscribe.text(lang)}</a></p>
        }
    });
    // The zone switcher's change and "Show more"'s click, on the card (`widgets::handle`, not
    // Leptos's `on:`).
    let card = NodeRef::<leptos::html::Section>::new();
    let shown = ctx.shown;
    handle(card, CARD_EVENTS, move |event| {
        let Some(target) = target_element(&event) else {
            return;
        };
        if event.type_() == "change" {
            let value = target
                .dyn_into::<web_sys::HtmlSelectElement>()
                .ok()
                .map(|select| select.value());
            if let Some(value) = value.filter(|v| zones::knows(v)) {
                zone.set(value);
            }
            return;
        }
        let Some(more) = target.closest(".cop-cal-more").ok().flatten() else {
            return;
        };
        // The list is drawn again, in the box that outlives it; once it is, the first
        // occurrence added takes the focus (a target, `tabindex="-1"`, not a tab stop), so a
        // keyboard goes on reading where the list grew.
        let before = more
            .get_attribute("data-shown")
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let holder = more.closest(".cop-cal").ok().flatten();
        shown.set(before + AGENDA_PAGE);
        focus_when_drawn(holder, ".cop-agenda .cop-cal-items > li".into(), before);
    });
    Fresh(view! {
        <section class="cop-card cop-cal" node_ref=card data-view=match ctx.view { View::Agenda => "agenda", View::Month => "month", View::Next => "next" }>
            <div class="cop-cal-head">
                <h2 class="cop-title">{title}</h2>
                <label class="cop-cal-zone">
                    <span>{Msg::CalendarZone.text(lang)}</span>
                    <select>{options}</select>
                </label>
            </div>
            {body}
            {heart}
            {subscribe}
        </section>
    })
}

/// The occurrences from `from` to `to` placed in `zone` (those `Intl` cannot place left out;
/// all-day ones on their dates, midnight to midnight in `zone`).
fn placed(ctx: &Ctx, zone: &str, from: Instant, to: Instant) -> (Vec<Happening>, Vec<Placed>) {
    let found = ctx.events.between(from, to, &IntlZones);
    let mut kept = Vec::with_capacity(found.len());
    let mut places = Vec::with_capacity(found.len());
    for happening in found {
        let place = Placed::of(&IntlZones, zone, &happening);
        if let Some(place) = place.ok().filter(|p| p.end > from && p.start < to) {
            kept.push(happening);
            places.push(place);
        }
    }
    (kept, places)
}

/// The agenda (the next `data-months` months, by day, [`AGENDA_PAGE`] occurrences at a time)
/// or the next three.
fn list_view(ctx: &Ctx, zone: &str) -> impl IntoView {
    let lang = ctx.lang;
    let (limit, horizon) = match ctx.view {
        View::Next => (3, 400 * 86_400),
        _ => (ctx.shown.get(), i64::from(ctx.months) * 31 * 86_400),
    };
    let (found, places) = placed(ctx, zone, ctx.now, Instant(ctx.now.0 + horizon));
    let mut chosen = upcoming(&places, ctx.now, usize::MAX);
    let total = chosen.len();
    chosen.truncate(limit);
    if chosen.is_empty() {
        return Either::Left(Fresh(
            view! { <p class="cop-muted">{Msg::CalendarNothing.text(lang)}</p> },
        ));
    }
    let days: Vec<_> = agenda(&places, &chosen)
        .into_iter()
        .map(|day| {
            let heading = zones::write_day(&ctx.locale, Style::Day, day.day);
            let items: Vec<_> = day
                .items
                .iter()
                .map(|&i| view! { <li>{item(ctx, zone, &found[i])}</li> })
                .collect();
            view! {
                <li class="cop-cal-day">
                    <h3 class="cop-cal-date">{heading}</h3>
                    <ul class="cop-cal-items">{items}</ul>
                </li>
            }
        })
        .collect();
    let more = (total > chosen.len()).then(|| {
        let count = |n: usize| host::format_count(&ctx.locale, u32::try_from(n).unwrap_or(u32::MAX));
        let words = fill(
            Msg::CalendarMore.text(lang),
            &[
                ("count", &count((total - chosen.len()).min(AGENDA_PAGE))),
                ("shown", &count(chosen.len())),
                ("total", &count(total)),
            ],
        );
        // How many are shown, for the card's handler (`card`) to show a page more.
        let before = chosen.len();
        view! { <button type="button" class="cop-button cop-cal-more" data-shown=before>{words}</button> }
    });
    Either::Right(Fresh(view! { <ol class="cop-agenda">{days}</ol> {more} }))
}

/// One occurrence: title, kind, time in the viewer's zone and in its own, duration, rhythm,
/// where, and "add to my calendar".
///
/// Not erased into an `AnyView` (nor is `heartbeat` or the grid): each erased type compiles
/// its own build, rebuild and mount functions, an `Option` of it only its own.
fn item(ctx: &Ctx, zone: &str, happening: &Happening) -> Option<impl IntoView> {
    let lang = ctx.lang;
    let event = ctx.events.events.get(happening.event)?;
    let time = |z: &str, at: Instant| zones::write(z, &ctx.locale, Style::Time, at);
    // An all-day occurrence is on its dates wherever the member is: no times, no zones.
    let (when, datetime) = if happening.all_day {
        let day = happening.start.to_local_utc().date.to_string();
        (Msg::CalendarAllDay.text(lang).to_owned(), day)
    } else {
        let when = format!(
            "{}–{} ({})",
            time(zone, happening.start),
            time(zone, happening.end),
            zone_place(zone)
        );
        (when, happening.start.to_string())
    };
    let own = (!happening.all_day
        && event.zone != zone
        && IntlZones.local_at(&event.zone, happening.start).ok()
            != IntlZones.local_at(zone, happening.start).ok())
    .then(|| {
        fill(
            Msg::CalendarTimeIn.text(lang),
            &[
                ("time", &time(&event.zone, happening.start)),
                ("place", &zone_place(&event.zone)),
            ],
        )
    });
    // "All day" says a one-day length already.
    let duration = (!happening.all_day || event.minutes > 24 * 60)
        .then(|| duration_words(event.minutes, lang));
    let rhythm = event.repeats.then(|| {
        let sentence =
            Rhythm::of(&event.series, &IntlZones).sentence(lang, &IntlDates(lang.code()));
        view! { <p class="cop-cal-rhythm">{sentence}</p> }
    });
    let moved = happening
        .moved
        .then(|| view! { <span class="cop-cal-moved">{Msg::CalendarMoved.text(lang)}</span> });
    let (link, place) = match &event.place {
        Some(Where::Link(url)) => (host::web_link(url, None), None),
        Some(Where::Place(place)) => (None, Some(place.clone())),
        None => (None, None),
    };
    let location = link.clone().or_else(|| place.clone());
    let link = link.map(|href| {
        view! { <a class="cop-cal-join" href=href>{Msg::CalendarJoin.text(lang)}</a> }
    });
    let place = place.map(|text| view! { <span class="cop-cal-place">{text}</span> });
    let new_event = NewEvent {
        title: &event.title,
        start: happening.start,
        end: happening.end,
        details: "",
        location: location.as_deref(),
        all_day: happening.all_day,
    };
    let google = google_calendar_url(&new_event);
    let live = outlook_url(&new_event, Outlook::Live);
    let office = outlook_url(&new_event, Outlook::Office);
    let ics = event
        .ics
        .as_deref()
        .and_then(|l| host::web_link(l, None))
        .or_else(|| {
            ctx.events_url
                .as_ref()
                .map(|url| format!("{url}/{}.ics", percent_encode(&event.id)))
        });
    let ics = ics.map(|href| {
        let label = if event.repeats {
            Msg::CalendarIcsSeries
        } else {
            Msg::CalendarIcsEvent
        };
        view! { <li><a class="cop-cal-ics" href=href download="">{label.text(lang)}</a></li> }
    });
    Some(Fresh(view! {
        <article class="cop-cal-event">
            <p class="cop-cal-title">{event.title.clone()}</p>
            <p class="cop-cal-meta">
                <span class="cop-cal-kind">{event.kind.words(lang).to_owned()}</span>
                " · "
                <time class="cop-cal-when" datetime=datetime>{when}</time>
                {own.map(|own| view! { " · " <span class="cop-cal-own">{own}</span> })}
                {duration.map(|d| view! { " · " <span class="cop-cal-duration">{d}</span> })}
                {moved.map(|m| view! { " · " {m} })}
            </p>
            {rhythm}
            <p class="cop-cal-where">{link}{place}</p>
            <details class="cop-cal-add">
                <summary>{Msg::CalendarAdd.text(lang)}</summary>
                <ul>
                    {ics}
                    <li><a class="cop-cal-google" href=google target="_blank" rel="noopener">"Google Calendar"</a></li>
                    <li><a class="cop-cal-outlook" href=live target="_blank" rel="noopener">"Outlook.com"</a></li>
                    <li><a class="cop-cal-office" href=office target="_blank" rel="noopener">"Office 365"</a></li>
                </ul>
            </details>
        </article>
    }))
}

/// Once the next frame is drawn, focuses the `nth` element in `holder` that `selector` finds,
/// making it a focus target (`tabindex="-1"`) if it is not focusable: for the views that are
/// drawn again when the member asks for another month or more of the agenda (the box that
/// holds them outlives them). One function for both parts: each closure type passed to
/// `request_animation_frame` compiles its own glue.
fn focus_when_drawn(holder: Option<web_sys::Element>, selector: String, nth: usize) {
    let Some(holder) = holder else {
        return;
    };
    request_animation_frame(move || {
        let found = holder
            .query_selector_all(&selector)
            .ok()
            .and_then(|all| all.item(u32::try_from(nth).ok()?))
            .and_then(|found| found.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(found) = found {
            if !found.has_attribute("tabindex") {
                found.set_tab_index(-1);
            }
            let _ = found.focus();
        }
    });
}

/// The heartbeat: a strip of 105 weeks (aria-hidden) and its words.
fn heartbeat(ctx: &Ctx, zone: &str) -> Option<impl IntoView> {
    let lang = ctx.lang;
    let today = IntlZones.local_at(zone, ctx.now).ok()?.date;
    let from = Instant(ctx.now.0 - 54 * 7 * 86_400);
    let to = Instant(ctx.now.0 + 54 * 7 * 86_400);
    let (_, places) = placed(ctx, zone, from, to);
    let beat = Heartbeat::new(places.iter().map(|p| p.first_day), today, ctx.week_start);
    let max = beat.max().max(1);
    let bars: Vec<_> = beat
        .counts()
        .iter()
        .enumerate()
        .map(|(week, &count)| {
            let level = if count == 0 {
                0
            } else {
                1 + (count * 3).div_ceil(max).min(3)
            };
            let class = format!(
                "cop-beat cop-beat-{level}{}",
                if week == beat.current() {
                    " cop-beat-now"
                } else {
                    ""
                }
            );
            view! { <span class=class></span> }
        })
        .collect();
    let words = beat.words(lang, &IntlDates(&ctx.locale));
    Some(Fresh(view! {
        <div class="cop-heart">
            <p class="cop-cal-heart-title">{Msg::HeartbeatTitle.text(lang)}</p>
            <div class="cop-heart-strip" aria-hidden="true">{bars}</div>
            <p class="cop-heart-words">{words}</p>
        </div>
    }))
}

/// The events the card listens for (`card`): the zone switcher's, "Show more"'s.
const CARD_EVENTS: &[&str] = &["change", "click"];
/// The events the month's box listens for (`month_view`): the arrows', the grid's.
const MONTH_EVENTS: &[&str] = &["click", "keydown"];

/// The month grid (APG grid pattern): arrows, Home/End, Page Up/Down (with Shift a year), a
/// roving tab stop; focus follows the day it moves to, also into another month.
fn month_view(ctx: Ctx, zone: String) -> impl IntoView {
    let lang = ctx.lang;
    let today = IntlZones
        .local_at(&zone, ctx.now)
        .map(|l| l.date)
        .unwrap_or(Day(0));
    let focus = RwSignal::new(today.0);
    let week_start = ctx.week_start;
    let month = Memo::new(move |_| Month::of(Day(focus.get())));
    let ctx = Arc::new(ctx);
    let zone = Arc::new(zone);

    // The member's keys and clicks, on the grid (one listener for the month's box, not one
    // per day): the day becomes the tab stop and, once drawn (a frame later, maybe in another
    // month's grid), takes focus. Only they move focus, so loading never steals it.
    let focus_day = move |day: Day, grid: Option<web_sys::Element>| {
        focus.set(day.0);
        let holder = grid.and_then(|grid| grid.parent_element());
        focus_when_drawn(holder, format!("[data-day=\"{day}\"]"), 0);
    };
    // From the event's target: the listener is on the month's box, not on the grid. The
    // grid's own box (`.cop-cal-grid-box`, the container its weekday names are sized by) is
    // drawn anew with it; the box that holds that outlives them.
    let grid_of = |event: &web_sys::Event| {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest(".cop-cal-grid-box").ok().flatten())
    };

    let on_key = move |event: &web_sys::KeyboardEvent| {
        let Some(key) = GridKey::parse(&event.key()) else {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
            }
            return;
        };
        event.prevent_default();
        let grid = grid_of(event);
        let direction = grid
            .as_ref()
            .and_then(|grid| web_sys::window()?.get_computed_style(grid).ok().flatten())
            .and_then(|s| s.get_property_value("direction").ok());
        let next = move_focus(
            Day(focus.get_untracked()),
            key,
            event.shift_key(),
            direction.as_deref() == Some("rtl"),
            week_start,
        );
        focus_day(next, grid);
    };
    let on_click = move |event: &web_sys::Event| {
        let day = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("td[data-day]").ok().flatten())
            .and_then(|cell| cell.get_attribute("data-day"))
            .and_then(|day| Day::parse(&day));
        if let Some(day) = day {
            focus_day(day, grid_of(event));
        }
    };

    let head_ctx = ctx.clone();
    let heading = move || {
        let first = month.get().first_day().unwrap_or(Day(0));
        zones::write_day(&head_ctx.locale, Style::MonthYear, first)
    };
    let step = move |n: i32| {
        let target = month.get_untracked().plus(n);
        let day = Day(focus.get_untracked()).ymd().2;
        if let Some(day) = target.day_or_last(day) {
            focus.set(day.0);
        }
    };

    let grid_ctx = ctx.clone();
    let grid_zone = zone.clone();
    let grid = move || {
        let grid = MonthGrid::new(month.get(), week_start)?;
        let from = grid.day(0, 0);
        let to = grid.day(5, 6).plus(1);
        let at = |day: Day| {
            IntlZones
                .to_utc(&grid_zone, cop_core::zone::LocalDateTime::midnight(day))
                .unwrap_or(Instant(0))
        };
        let (_, places) = placed(&grid_ctx, &grid_zone, at(from), at(to));
        let cells = grid.place(&places);
        let headers: Vec<_> = grid
            .weekdays()
            .iter()
            .map(|&weekday| {
                // A day of that weekday, for `Intl`'s short and narrow names (the stylesheet
                // shows the narrow one in a narrow grid); the catalog's full one.
                let sample = Day(4 + i32::from(weekday.index()));
                let short = zones::write_day(&grid_ctx.locale, Style::WeekdayShort, sample);
                let narrow = zones::write_day(&grid_ctx.locale, Style::WeekdayNarrow, sample);
                let full = cop_core::calendar::weekday_name(weekday, lang);
                view! {
                    <th scope="col" abbr=full>
                        <span class="cop-wd" aria-hidden="true">{short}</span>
                        <span class="cop-wd-narrow" aria-hidden="true">{narrow}</span>
                        <span class="cop-visually-hidden">{full}</span>
                    </th>
                }
            })
            .collect();
        let rows: Vec<_> = (0..cop_core::calendar::ROWS)
            .map(|row| {
                let days: Vec<_> = (0..7)
                    .map(|column| {
                        let day = grid.day(row, column);
                        let count = cells.get(row * 7 + column).map_or(0, Vec::len);
                        let date = zones::write_day(&grid_ctx.locale, Style::Day, day);
                        let label = match count {
                            0 => fill(Msg::CalendarOnDayNone.text(lang), &[("date", &date)]),
                            1 => fill(Msg::CalendarOnDayOne.text(lang), &[("date", &date)]),
                            n => fill(Msg::CalendarOnDay.text(lang), &[("date", &date), ("count", &n.to_string())]),
                        };
                        let outside = !grid.in_month(day);
                        let class = format!(
                            "cop-cal-cell{}{}{}",
                            if outside { " cop-cal-outside" } else { "" },
                            if day == today { " cop-cal-today" } else { "" },
                            if count > 0 { " cop-cal-busy" } else { "" }
                        );
                        let number = day.ymd().2;
                        let dots = (count > 0).then(|| view! { <span class="cop-cal-dot" aria-hidden="true">{count}</span> });
                        view! {
                            <td
                                class=class
                                data-day=day.to_string()
                                aria-selected=move || if focus.get() == day.0 { "true" } else { "false" }
                                aria-current=(day == today).then_some("date")
                                tabindex=move || if focus.get() == day.0 { "0" } else { "-1" }
                            >
                                <span aria-hidden="true">{number}</span>
                                {dots}
                                <span class="cop-visually-hidden">{label}</span>
                            </td>
                        }
                    })
                    .collect();
                view! { <tr>{days}</tr> }
            })
            .collect();
        Some(Fresh(view! {
            <div class="cop-cal-grid-box">
                <table class="cop-cal-grid" role="grid" aria-labelledby="cop-cal-month">
                    <thead><tr>{headers}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }))
    };

    let day_ctx = ctx.clone();
    let day_zone = zone.clone();
    let day_list = move || {
        let day = Day(focus.get());
        let at = |day: Day| {
            IntlZones
                .to_utc(&day_zone, cop_core::zone::LocalDateTime::midnight(day))
                .unwrap_or(Instant(0))
        };
        let (found, places) = placed(&day_ctx, &day_zone, at(day), at(day.plus(1)));
        let items: Vec<_> = (0..found.len())
            .filter(|&i| places[i].first_day <= day && day <= places[i].last_day)
            .map(|i| view! { <li>{item(&day_ctx, &day_zone, &found[i])}</li> })
            .collect();
        let heading = zones::write_day(&day_ctx.locale, Style::Day, day);
        Fresh(view! {
            <div class="cop-cal-daylist">
                <h3 class="cop-cal-date">{heading.clone()}</h3>
                {if items.is_empty() {
                    let none = fill(Msg::CalendarOnDayNone.text(lang), &[("date", &heading)]);
                    Either::Left(view! { <p class="cop-muted">{none}</p> })
                } else {
                    Either::Right(view! { <ul class="cop-cal-items">{items}</ul> })
                }}
            </div>
        })
    };

    // The arrows' clicks, and the grid's keys and clicks, on the month's box
    // (`widgets::handle`, not Leptos's `on:`): a key or a click elsewhere in it (the day's
    // list) is not the grid's.
    let month_box = NodeRef::<leptos::html::Div>::new();
    handle(month_box, MONTH_EVENTS, move |event| {
        let Some(target) = target_element(&event) else {
            return;
        };
        let within = |selector: &str| target.closest(selector).ok().flatten().is_some();
        if event.type_() == "keydown" {
            if within(".cop-cal-grid") {
                on_key(event.unchecked_ref());
            }
        } else if within(".cop-cal-prev") {
            step(-1);
        } else if within(".cop-cal-next") {
            step(1);
        } else if within(".cop-cal-grid") {
            on_click(&event);
        }
    });
    Fresh(view! {
        <div class="cop-cal-month" node_ref=month_box>
            <div class="cop-cal-nav">
                <button type="button" class="cop-button cop-cal-prev" aria-label=Msg::CalendarPrevious.text(lang)>"‹"</button>
                <h3 id="cop-cal-month" class="cop-cal-month-name" aria-live="polite">{heading}</h3>
                <button type="button" class="cop-button cop-cal-next" aria-label=Msg::CalendarNext.text(lang)>"›"</button>
            </div>
            {grid}
            {day_list}
        </div>
    })
}
