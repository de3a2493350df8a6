//! Widget kinds whose code is a chunk of its own (issue 12): a `.wasm` file of their own that
//! a page downloads only when it shows that kind. Built with feature `split` (what
//! `scripts/build.sh` ships): `#[wasm_split]` marks each kind's entry, and `wasm-split-cli`
//! moves everything reachable only from there into the chunk. Without the feature (the single
//! bundle, `COP_SINGLE_BUNDLE=1`) the same tables are reached at once, through the same path.
//!
//! **A chunked kind's code is reachable only through its [`Entry`]**: the platform
//! (`widgets/mod.rs`) never names the kind's module, or the splitter keeps that code in the
//! main module. To make a kind a chunk: a static `Entry` pointing at its functions, one
//! `split_point!` (its `#[wasm_split(<kind>, fallible)]` function) answering it, and one arm
//! in [`load`] (the loader learns the chunk's file from the build, by the split's name:
//! `value_story` is the kind `value-story`).

use std::cell::Cell;

use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlElement};

use cop_core::badge::Variant;
use cop_core::config::{self, Expected, Problem, WidgetConfig, WidgetKind};
use cop_core::i18n::{self, english, Part};
use cop_core::mapping::Fields;

use super::{badge, calendar, carousel, hello, story, Handlers, Model, Phase};
use crate::json::Js;
use crate::registry::Setup;

/// A chunked widget kind's entry points, as its chunk hands them to the platform.
pub struct Entry {
    /// Its view once its model is ready (the platform shows the skeleton and the failure box
    /// before): made inside the chunk, with its own event handlers.
    pub view: fn(RwSignal<Setup>, RwSignal<Phase>) -> AnyView,
    /// How a widget of this kind gets its model, at its start and at every reload.
    pub begin: Begin,
    /// Its own stylesheet (`src/widgets/<kind>.css`, minified by `build.rs`), adopted after
    /// the platform's into its widgets' shadow roots before its view shows; "" for none.
    pub style: &'static str,
    /// Its messages' part, and their English (`cop_core::i18n::english::<Part>`: named here
    /// only, so the strings are in the chunk), provided to the catalog when it loads.
    pub part: Part,
    pub english: &'static [&'static str],
    /// Event listeners of its own on the widget's root (`widgets::Handlers`), made inside the
    /// chunk (the form's controls act through them); the platform keeps them with the widget
    /// and drops them, which removes them, when the widget unmounts.
    pub listen: Option<Listen>,
    /// The problems of the kind's own parameters (`data-autoplay`, `data-zone`…), which the
    /// main module's `config::parse` leaves to the kind: checked here, once the chunk is there
    /// and before the widget fetches anything; any is a configuration error like the others.
    pub check: fn(&WidgetConfig) -> Vec<Problem>,
}

/// Makes a chunked kind's own event listener on a widget's root.
pub type Listen = fn(&HtmlElement, RwSignal<Phase>, RwSignal<Setup>) -> Handlers;

/// Builds a kind's model from its mapped fields.
pub type Build = fn(&WidgetConfig, &Fields<Js>) -> Model;

/// How a chunked kind gets its model.
#[derive(Clone, Copy)]
pub enum Begin {
    /// The platform fetches its document (`data-endpoint`, inline JSON…), maps it with the
    /// kind's fields and the placeholder's `data-map-*`, and `Build` makes the model (usually a
    /// `Model::Kind`); failures are the platform's, with their retry.
    Build(Build),
    /// The kind starts itself: sets its phase (the form, which fetches nothing).
    Start(fn(&WidgetConfig, RwSignal<Phase>, RwSignal<Setup>)),
}

/// A chunk: a widget kind's code, or the part of it a page may not need (the badge's card and
/// community views; its pill is in the main module).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Chunk {
    Hello,
    ValueStory,
    VideoCarousel,
    RhythmCalendar,
    /// The calendar's month grid (`data-view="month"`): the calendar's code but its agenda,
    /// with the grid's own (`rhythm_calendar__month`; the loader does not fetch it early).
    CalendarMonth,
    /// The badge's network view (`data-variant="network"`: `participation_badge__network`).
    BadgeNetwork,
    /// The community's spread over the levels (`data-variant="community"`:
    /// `participation_badge__community`).
    BadgeCommunity,
    /// The badge's card (`participation_badge`: the loader fetches it early for a badge that
    /// is not a pill, nor a part above).
    Badge,
}

/// A chunk's loader, `name() -> Result<&'static Entry, _>`: with feature `split` a
/// `#[wasm_split(name, fallible)]` point — `fallible`: without it the macro's wrapper
/// `expect`s the download, and one failed request would stop every widget on the page
/// (`panic = "abort"`) —; without it (the single bundle) the entry at once. A name with `__`
/// is a part of a kind (`rhythm_calendar__month`): the build leaves it out of the loader's kinds.
macro_rules! split_point {
    ($(#[$doc:meta])* $name:ident => $entry:ident) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($name, fallible)]
        #[allow(non_snake_case)]
        fn $name() -> Result<&'static Entry, wasm_split_helpers::SplitLoaderError> {
            Ok(&$entry)
        }

        #[cfg(not(feature = "split"))]
        #[allow(non_snake_case)]
        async fn $name() -> Result<&'static Entry, ()> {
            Ok(&$entry)
        }
    };
}

/// The chunk whose code a widget of `config` needs, if not only the main module's: then the
/// platform reaches that code only through [`load`].
pub fn chunk_of(config: &WidgetConfig) -> Option<Chunk> {
    Some(match config.kind {
        WidgetKind::Hello => Chunk::Hello,
        WidgetKind::ValueStory => Chunk::ValueStory,
        WidgetKind::VideoCarousel => Chunk::VideoCarousel,
        // Its `data-view`'s value is one of the calendar's (the platform checked it).
        WidgetKind::RhythmCalendar if config.param("view") == Some("month") => Chunk::CalendarMonth,
        WidgetKind::RhythmCalendar => Chunk::RhythmCalendar,
        WidgetKind::ParticipationBadge => match Variant::from_param(config.param("variant")) {
            Variant::Pill | Variant::Legend => return None,
            Variant::Network => Chunk::BadgeNetwork,
            Variant::Community => Chunk::BadgeCommunity,
            Variant::Card => Chunk::Badge,
        },
    })
}

const CHUNKS: usize = Chunk::Badge as usize + 1;

thread_local! {
    /// The entry points of the chunks loaded so far, by `Chunk as usize`.
    static LOADED: [Cell<Option<&'static Entry>>; CHUNKS] = const { [const { Cell::new(None) }; CHUNKS] };
}

/// `chunk`'s entry points if it has loaded.
pub fn loaded(chunk: Chunk) -> Option<&'static Entry> {
    LOADED.with(|loaded| loaded.get(chunk as usize).and_then(Cell::get))
}

/// `chunk`'s entry points, loading it the first time (a page's widgets of one kind share one
/// download); `None` if it did not arrive (the next call tries again).
pub async fn load(chunk: Chunk) -> Option<&'static Entry> {
    let entry = match chunk {
        Chunk::ValueStory => value_story().await.ok(),
        Chunk::Hello => hello().await.ok(),
        Chunk::VideoCarousel => video_carousel().await.ok(),
        Chunk::RhythmCalendar => rhythm_calendar().await.ok(),
        Chunk::CalendarMonth => rhythm_calendar__month().await.ok(),
        Chunk::Badge => participation_badge().await.ok(),
        Chunk::BadgeNetwork => participation_badge__network().await.ok(),
        Chunk::BadgeCommunity => participation_badge__community().await.ok(),
    };
    LOADED.with(|loaded| {
        if let (Some(entry), Some(cell)) = (entry, loaded.get(chunk as usize)) {
            i18n::provide(entry.part, entry.english);
            cell.set(Some(entry));
        }
    });
    entry
}

split_point! {
    /// Loads the `participation_badge` chunk: the badge's card.
    participation_badge => BADGE
}

split_point! {
    /// Loads the `participation_badge__community` chunk (the community's spread: a part of the
    /// badge, as the network view).
    participation_badge__community => BADGE_COMMUNITY
}

/// The community's spread (`widgets/badge.rs`): the platform fetches and maps the community's
/// distribution; the tables' stylesheet and its own, the badge's words and checks.
static BADGE_COMMUNITY: Entry = Entry {
    view: badge::spread,
    begin: Begin::Build(badge::build_spread),
    style: concat!(
        include_str!(concat!(env!("OUT_DIR"), "/badge-tables.min.css")),
        include_str!(concat!(env!("OUT_DIR"), "/badge-spread.min.css")),
    ),
    ..BADGE
};

split_point! {
    /// Loads the `participation_badge__network` chunk (the network view: a part of the badge, see
    /// `rhythm_calendar__month`).
    participation_badge__network => BADGE_NETWORK
}

/// The network view (`widgets/badge.rs`): the platform fetches and maps the communities; the
/// tables' stylesheet and its own, the badge's words and checks.
static BADGE_NETWORK: Entry = Entry {
    view: badge::network,
    begin: Begin::Build(badge::build_network),
    style: concat!(
        include_str!(concat!(env!("OUT_DIR"), "/badge-tables.min.css")),
        include_str!(concat!(env!("OUT_DIR"), "/badge-network.min.css")),
    ),
    listen: Some(badge::listen_network),
    ..BADGE
};

/// The badge's card (`widgets/badge.rs`): the platform fetches and maps the member.
static BADGE: Entry = Entry {
    view: badge::details,
    begin: Begin::Build(badge::build_details),
    style: include_str!(concat!(env!("OUT_DIR"), "/badge.min.css")),
    part: Part::Badge,
    english: english::Badge,
    listen: None,
    check: no_problems,
};

split_point! {
    /// Loads the `value_story` chunk (the value-story form).
    value_story => VALUE_STORY
}

split_point! {
    /// Loads the `hello` chunk (the diagnostic widget: on an admin's test page, not on most pages).
    hello => HELLO
}

split_point! {
    /// Loads the `video_carousel` chunk (the featured-video carousel).
    video_carousel => VIDEO_CAROUSEL
}

/// The featured-video carousel (`widgets/carousel.rs`): the platform fetches and maps the
/// cycle's featured videos.
static VIDEO_CAROUSEL: Entry = Entry {
    view: carousel::view,
    begin: Begin::Build(carousel::build),
    style: include_str!(concat!(env!("OUT_DIR"), "/carousel.min.css")),
    part: Part::Carousel,
    english: english::Carousel,
    listen: None,
    check: carousel_problems,
};

split_point! {
    /// Loads the `rhythm_calendar` chunk (the community-rhythm calendar, issue 15).
    rhythm_calendar => RHYTHM_CALENDAR
}

split_point! {
    /// Loads the `rhythm_calendar__month` chunk (the calendar as a month grid). A split point of
    /// its own, not a kind: its name has `__`, which the build reads as "a part of the kind before
    /// it" (the loader starts it early instead of the kind's for `data-view="month"`, its
    /// `PARTS`; the size report shows its page).
    rhythm_calendar__month => CALENDAR_MONTH
}

/// The calendar as a month grid: as [`RHYTHM_CALENDAR`], with the grid for its body.
static CALENDAR_MONTH: Entry = Entry {
    view: calendar::month,
    ..RHYTHM_CALENDAR
};

/// The community-rhythm calendar (`widgets/calendar.rs`): the platform fetches and maps the
/// community's events; the chunk expands them with `Intl`'s zones.
static RHYTHM_CALENDAR: Entry = Entry {
    view: calendar::listed,
    begin: Begin::Build(calendar::build),
    style: include_str!(concat!(env!("OUT_DIR"), "/calendar.min.css")),
    part: Part::Calendar,
    english: english::Calendar,
    listen: None,
    check: calendar_problems,
};

/// The diagnostic widget (`widgets/hello.rs`): the platform fetches and maps its community.
static HELLO: Entry = Entry {
    view: hello::view,
    begin: Begin::Build(hello::build),
    style: "",
    part: Part::Hello,
    english: english::Hello,
    listen: None,
    check: no_problems,
};

/// The value-story form (`widgets/story.rs`).
static VALUE_STORY: Entry = Entry {
    view: story_view,
    begin: Begin::Start(start_story),
    style: include_str!(concat!(env!("OUT_DIR"), "/story.min.css")),
    part: Part::Story,
    english: english::Story,
    listen: Some(listen_story),
    check: story_problems,
};

/// The form's view (`story::view`), in a box of no box of its own (`div.cop-markup`,
/// `display: contents`), built anew only when the form or its setup changed: focus and
/// screen-reader announcements stay put when nothing the member sees did.
fn story_view(setup: RwSignal<Setup>, phase: RwSignal<Phase>) -> AnyView {
    let node = NodeRef::<leptos::html::Div>::new();
    // What is shown: the setup and the form it was built from, and its nodes. Built and
    // replaced whole, never patched, and never erased into an `AnyView`: only the code that
    // builds the form's views is compiled, not the code that would patch or erase them.
    let mut shown: Option<(Setup, story::Form)> = None;
    // Held to be dropped: what Leptos keeps of the built page (its handles on the nodes).
    let mut _nodes = None;
    super::effect(move || {
        let Some(element) = node.get() else {
            return;
        };
        let now = setup.with(|setup| {
            phase.with(|phase| match phase {
                Phase::Ready(Model::Story(form)) if setup.config.is_ok() => {
                    Some((setup.clone(), form.as_ref().clone()))
                }
                _ => None,
            })
        });
        if now == shown {
            return;
        }
        // The page shown goes (its nodes at once, by the box; what Leptos kept of them as the
        // new page takes its place), and the form's page now is built in it.
        element.set_text_content(None);
        _nodes = now.as_ref().and_then(|(setup, form)| {
            let config = setup.config.as_ref().ok()?;
            let mut built = story::view(setup, config, form).into_view().build();
            built.mount(&element, None);
            Some(built)
        });
        shown = now;
        // After the member's own action (never on load: a widget does not steal focus), the
        // page's first element that takes focus takes it: the error summary when there is one
        // (it comes first), else the page's heading, the offer of a draft or the confirmation.
        let moved = shown.as_ref().is_some_and(|(_, form)| form.focus);
        let target = moved
            .then(|| element.query_selector("[tabindex='-1']").ok().flatten())
            .flatten();
        if let Some(target) = target.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
            let _ = target.focus();
        }
    });
    view! { <div class="cop-markup" node_ref=node></div> }.into_any()
}

/// A form fetches nothing: it starts from the draft this device kept, and a submission left
/// pending is sent again.
fn start_story(config: &WidgetConfig, phase: RwSignal<Phase>, setup: RwSignal<Setup>) {
    let form = story::start(config);
    let resume = form.pending.is_some();
    let _ = phase.try_set(Phase::Ready(Model::Story(Box::new(form))));
    if resume {
        story::send(phase, setup);
    }
}

/// The form's buttons and typing. Retry, focus links and Escape stay with the platform's
/// listener (`listen` in `widgets/mod.rs`), which also decides which clicks are actions.
fn listen_story(root: &HtmlElement, phase: RwSignal<Phase>, setup: RwSignal<Setup>) -> Handlers {
    let types = &["click", "submit", "input", "change"];
    Handlers::new(root, types, move |event: Event| {
        match event.type_().as_str() {
            "click" | "submit" => {
                if let Some((actor, action)) = super::action_of(&event) {
                    if action != "retry" && action != "focus" {
                        story::act(&action, &actor, phase, setup);
                    }
                }
            }
            _ => {
                if let Some(target) = super::target_element(&event) {
                    story::input(&target, phase, setup);
                }
            }
        }
    })
}

/// The badge's and the diagnostic widget's parameters are all the platform's to check.
fn no_problems(_: &WidgetConfig) -> Vec<Problem> {
    Vec::new()
}

fn story_problems(config: &WidgetConfig) -> Vec<Problem> {
    config::story_problems(&config.params)
}

fn carousel_problems(config: &WidgetConfig) -> Vec<Problem> {
    config::carousel_problems(&config.params)
}

/// The calendar's parameters; and a well-formed `data-zone`: does the browser's `Intl` know it?
fn calendar_problems(config: &WidgetConfig) -> Vec<Problem> {
    let mut problems = config::calendar_problems(&config.params);
    if let Some(zone) = config.param("zone") {
        if problems.is_empty() && !crate::zones::knows(zone) {
            problems.push(Problem::new("data-zone", Some(zone), Expected::KnownZone));
        }
    }
    problems
}
