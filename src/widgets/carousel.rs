//! `data-cop-widget="video-carousel"`: the videos featured in a community's cycle, as the
//! WAI-ARIA APG carousel (a labelled region of slides, previous/next, a slide picker, rotation
//! off unless `data-autoplay`), each slide a facade — poster, title, speaker, why it matters,
//! duration — that loads nothing from a video provider until the member chooses to play.
//!
//! The model is `cop_core::carousel` (what a slide shows, the player's URLs), its view state
//! `carousel::view::Slides` (layout, navigation, keys, swipes, rotation) and the impressions
//! and selections `carousel::tracker::Tracker`; this module only wires the browser to them.
//! Its code is a chunk of its own, reached through `chunks::Entry` only. The browser's
//! observers and the beacon are `src/carousel.js`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, PointerEvent};

use cop_core::carousel::tracker::{self, page_view_id, Tracker};
use cop_core::carousel::view::{Direction, Gesture, Layout, Rotation, Slides, GAP_PX};
use cop_core::carousel::{
    clock, paragraphs, spoken_duration, Featured, Options, Player, Slide, EMBED_ALLOW,
};
use cop_core::config::{Source, WidgetConfig};
use cop_core::i18n::{fill, Lang, Msg};
use cop_core::mapping::{Fields, FromFields};

use crate::host;
use crate::json::Js;
use crate::registry::Setup;
use crate::widgets::{handle, loading_or_failed, target_element, Fresh, Model, Opaque, Phase};

#[wasm_bindgen(module = "/src/carousel.js")]
extern "C" {
    fn watch(
        root: &Element,
        track: &Element,
        width: &js_sys::Function,
        seen: &js_sys::Function,
        hidden: &js_sys::Function,
        reduce: &js_sys::Function,
    ) -> js_sys::Function;
    fn rtl(element: &Element) -> bool;
    fn beacon(url: &str, body: &str) -> bool;
    fn warm(origin: &str);
}

/// Its model: the featured videos, links made absolute on the answer's origin; what was left
/// out of it is said on the console, never on the page.
pub fn build(config: &WidgetConfig, fields: &Fields<Js>) -> Model {
    let mut featured = Featured::from_fields(fields, &config.params);
    if let Source::Url(url) = &config.source {
        featured.rebase(url);
    }
    for rejected in &featured.rejected {
        host::warn_once(rejected.message());
    }
    // In an `Arc` of its own: the view shares it (no deep copy of `Featured` for it).
    Model::Kind(Opaque::new(Arc::new(featured)))
}

pub fn view(setup: RwSignal<Setup>, phase: RwSignal<Phase>) -> AnyView {
    // Only this is erased into an `AnyView` (each erased view type compiles its own owned
    // copy of its tree); `Either` and `Option` below.
    (move || {
        let (lang, locale, options) = setup.with(|setup| {
            let config = setup.config.as_ref().ok()?;
            Some((setup.lang, setup.locale.clone(), Options::of(config)))
        })?;
        Some(phase.with(|phase| {
            if let Some(view) = loading_or_failed(lang, phase) {
                return Either::Left(view);
            }
            let featured = match phase {
                Phase::Ready(Model::Kind(model)) => model.get::<Arc<Featured>>(),
                _ => None,
            };
            Either::Right(
                featured.map(|featured| Fresh(carousel(lang, locale, options, featured.clone()))),
            )
        }))
    })
    .into_any()
}

/// The slide whose play button an event is on (or in).
fn play_index(event: &web_sys::Event) -> Option<usize> {
    let button = target_element(event)?.closest("[data-play]").ok()??;
    button.get_attribute("data-play")?.parse().ok()
}

/// The events the region listens for (the handler `view` gives `widgets::handle`).
const REGION_EVENTS: &[&str] = &[
    "click",
    "keydown",
    "focusin",
    "focusout",
    "pointerover",
    "pointerleave",
    "pointerdown",
    "pointerup",
    "pointercancel",
];

fn now() -> f64 {
    js_sys::Date::now()
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| {
            window
                .match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

/// The handlers' own state.
#[derive(Default)]
struct Local {
    /// The pointer went down and moved: its click is a drag's end, not a play.
    dragged: Cell<bool>,
    /// Focus that a pointer gave (a click on a control) stops nothing: hover pauses already.
    pressing: Cell<bool>,
    /// Whether the member has played a video here: only then may a provider be warmed.
    played: Cell<bool>,
    /// Where and when the pointer went down.
    pointer: Cell<Option<(f64, f64, f64)>>,
    /// Rotation: one timer, re-armed whenever the state changes.
    timer: Cell<Option<TimeoutHandle>>,
    /// The browser's observers, once the carousel is in the page.
    watching: RefCell<Option<Watch>>,
}

/// A page view's tracker, its events' address, and the browser's observers; dropped with the
/// carousel: the observers stop and what is pending is sent.
struct Watch {
    stop: js_sys::Function,
    tracker: Rc<RefCell<Option<Tracker>>>,
    events: Option<String>,
    _width: Closure<dyn Fn(f64)>,
    _seen: Closure<dyn Fn(f64, f64)>,
    _hidden: Closure<dyn Fn(bool)>,
    _reduce: Closure<dyn Fn(bool)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.stop.call0(&JsValue::NULL);
        flush(&self.tracker, self.events.as_deref());
    }
}

/// Sends every pending batch; one the browser would not take goes back for the next flush.
fn flush(tracker: &RefCell<Option<Tracker>>, url: Option<&str>) {
    let (Some(url), Ok(mut tracker)) = (url, tracker.try_borrow_mut()) else {
        return;
    };
    let Some(tracker) = tracker.as_mut() else {
        return;
    };
    while let Some(batch) = tracker.flush(now()) {
        if !beacon(url, &tracker::body(&batch)) {
            tracker.unsent(batch);
            break;
        }
    }
}

fn new_tracker() -> Option<Tracker> {
    let mut random = [0u8; 16];
    for byte in &mut random {
        *byte = (js_sys::Math::random() * 256.0) as u8;
    }
    Tracker::new(&page_view_id(&random))
}

fn carousel(
    lang: Lang,
    locale: String,
    options: Options,
    featured: Arc<Featured>,
) -> impl IntoView {
    if let Some(message) = featured.empty_message() {
        return Either::Left(view! { <p class="cop-card cop-muted">{message.text(lang)}</p> });
    }
    let count = featured.slides.len();
    let max = options.max_per_view;
    let rotation = Rotation::new(options.autoplay_ms, reduced_motion(), now());
    let slides = RwSignal::new(Slides::new(
        count,
        Layout::for_width(0, max, count),
        options.wrap,
        false,
        rotation,
    ));
    let tracker = Rc::new(RefCell::new(new_tracker()));
    // What the handlers keep that the view does not show: one stored value (dropped with
    // the carousel), not one per field.
    let local = StoredValue::new_local(Local::default());
    let section = NodeRef::<html::Section>::new();
    let events = options.events_url(featured.cycle.as_deref());
    {
        let (featured, tracker) = (featured.clone(), tracker.clone());
        crate::widgets::effect(move || {
            let Some(root) = section.get() else {
                return;
            };
            let Some(track) = root.query_selector(".cop-track").ok().flatten() else {
                return;
            };
            if local.with_value(|l| l.watching.borrow().is_some()) {
                return;
            }
            if rtl(&root) {
                slides.update(|s| {
                    *s = Slides::new(count, s.layout(), options.wrap, true, s.rotation.clone())
                });
            }
            let width = Closure::<dyn Fn(f64)>::new(move |px: f64| {
                let layout = Layout::for_width(px.max(0.0) as u32, max, count);
                slides.maybe_update(|s| {
                    let changed = s.layout() != layout;
                    if changed {
                        s.set_layout(layout);
                    }
                    changed
                });
            });
            // The width now, before the first frame is painted: slides laid out for no
            // width (one, peeking) would be taller, and the page below would move.
            width
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .call1(&JsValue::NULL, &JsValue::from(root.client_width()))
                .ok();
            let seen = {
                let (featured, tracker) = (featured.clone(), tracker.clone());
                Closure::<dyn Fn(f64, f64)>::new(move |index: f64, ratio: f64| {
                    let slide = featured.slides.get(index as usize);
                    if let (Some(slide), Ok(mut tracker)) = (slide, tracker.try_borrow_mut()) {
                        if let Some(tracker) = tracker.as_mut() {
                            tracker.observe(&slide.id, ratio, now());
                        }
                    }
                })
            };
            let hidden = {
                let (tracker, events) = (tracker.clone(), events.clone());
                Closure::<dyn Fn(bool)>::new(move |hidden: bool| {
                    if let Ok(mut tracker) = tracker.try_borrow_mut() {
                        if let Some(tracker) = tracker.as_mut() {
                            tracker.page_hidden(hidden, now());
                        }
                    }
                    if hidden {
                        flush(&tracker, events.as_deref());
                    }
                })
            };
            // The member may reduce motion while the page is open: rotation stops, its
            // control goes.
            let reduce = Closure::<dyn Fn(bool)>::new(move |reduced: bool| {
                slides.update(|s| s.rotation.set_reduced_motion(reduced));
            });
            let stop = watch(
                &root,
                &track,
                width.as_ref().unchecked_ref(),
                seen.as_ref().unchecked_ref(),
                hidden.as_ref().unchecked_ref(),
                reduce.as_ref().unchecked_ref(),
            );
            local.with_value(|l| {
                *l.watching.borrow_mut() = Some(Watch {
                    stop,
                    tracker: tracker.clone(),
                    events: events.clone(),
                    _width: width,
                    _seen: seen,
                    _hidden: hidden,
                    _reduce: reduce,
                })
            });
        });
    }

    // Rotation: one timer, re-armed whenever the state changes.
    crate::widgets::effect(move || {
        let wait = slides.with(|s| s.rotation.wait(now()));
        if let Some(handle) = local.with_value(|l| l.timer.take()) {
            handle.clear();
        }
        if let Some(ms) = wait {
            let handle = set_timeout_with_handle(
                move || {
                    slides.update(|s| {
                        s.advance(now());
                    })
                },
                Duration::from_millis(ms as u64),
            );
            local.with_value(|l| l.timer.set(handle.ok()));
        }
    });

    // The current picker button takes focus after a key moved the slides.
    let focus_current = move || {
        let page = slides.with_untracked(|s| s.current() / s.layout().per_view.max(1));
        let button = section
            .get_untracked()
            .and_then(|root| root.query_selector(".cop-dots").ok().flatten())
            .and_then(|picker| picker.children().item(page as u32))
            .and_then(|button| button.dyn_into::<HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
        }
    };
    // Warming is a connection to the provider: only once the member has played a video here
    // (a play is the first choice that allows one), never on a first hover; on pointing at
    // or focusing a play button (`pointerover` and `focusin` bubble to the region).
    let warm_up = {
        let featured = featured.clone();
        move |event: &web_sys::Event| {
            if !(local.with_value(|l| l.played.get()) && slides.with_untracked(|s| s.may_warm())) {
                return;
            }
            let slide = play_index(event).and_then(|index| featured.slides.get(index));
            for origin in slide.map_or(&[][..], |slide| slide.player.warm_origins()) {
                warm(origin);
            }
        }
    };
    let on_key = move |event: KeyboardEvent| {
        if event.alt_key() || event.ctrl_key() || event.meta_key() || event.default_prevented() {
            return;
        }
        // A player's own keys (seeking, volume) are its own.
        let in_player = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| {
                target
                    .closest(".cop-player, .cop-transcript")
                    .ok()
                    .flatten()
            })
            .is_some();
        if in_player {
            return;
        }
        let key = event.key();
        let handled = slides.try_update(|s| {
            s.interact();
            s.key(&key, now())
        });
        if handled == Some(true) {
            event.prevent_default();
            focus_current();
        }
    };
    // Focus coming (`focusin`: warming, and rotation stops) and going (`focusout`): one
    // handler, its body compiled once.
    let on_focus = {
        let warm_up = warm_up.clone();
        move |event: web_sys::FocusEvent| {
            if event.type_() == "focusin" {
                warm_up(&event);
                if !local.with_value(|l| l.pressing.get()) {
                    slides.maybe_update(|s| {
                        let before = s.rotation.clone();
                        s.interact();
                        s.rotation.focus(true);
                        s.rotation != before
                    });
                }
                return;
            }
            let inside = match (section.get_untracked(), event.related_target()) {
                (Some(root), Some(next)) => next
                    .dyn_into::<web_sys::Node>()
                    .is_ok_and(|next| root.contains(Some(&next))),
                _ => false,
            };
            if !inside {
                slides.update(|s| s.rotation.focus(false));
            }
        }
    };
    let hover = move |inside: bool| {
        slides.maybe_update(|s| {
            let before = s.rotation.clone();
            if s.rotation.available() {
                s.rotation.hover(inside, now());
            }
            s.rotation != before
        });
    };
    // Every control's click, on the region: the play buttons (`data-play`), the arrows
    // (`data-go`), the picker's buttons (`data-page`) and the rotation control.
    let on_click = {
        let (featured, tracker) = (featured.clone(), tracker.clone());
        move |event: web_sys::MouseEvent| {
            let Some(button) =
                target_element(&event).and_then(|t| t.closest("button").ok().flatten())
            else {
                return;
            };
            let number = |name: &str| {
                button
                    .get_attribute(name)
                    .and_then(|v| v.parse::<usize>().ok())
            };
            if let Some(index) = number("data-play") {
                let Some(slide) = featured.slides.get(index) else {
                    return;
                };
                if local.with_value(|l| l.dragged.get()) {
                    return;
                }
                if let Ok(mut tracker) = tracker.try_borrow_mut() {
                    if let Some(tracker) = tracker.as_mut() {
                        tracker.play(&slide.id);
                    }
                }
                local.with_value(|l| l.played.set(true));
                slides.update(|s| s.play(index));
                // The player takes focus as it comes (drawn in its media box by then), not
                // on every change of state: Tab could not leave an open player.
                let media = button.closest(".cop-media").ok().flatten();
                request_animation_frame(move || {
                    let player = media
                        .and_then(|media| media.query_selector(".cop-player").ok().flatten())
                        .and_then(|player| player.dyn_into::<HtmlElement>().ok());
                    if let Some(player) = player {
                        let _ = player.focus();
                    }
                });
            } else if let Some(first) = number("data-page") {
                slides.update(|s| {
                    s.go_to(first, now());
                });
            } else if let Some(go) = button.get_attribute("data-go") {
                let direction = if go == "next" {
                    Direction::Next
                } else {
                    Direction::Previous
                };
                slides.maybe_update(|s| s.can(direction) && s.go(direction, now()));
            } else if button.class_list().contains("cop-rotation") {
                slides.update(|s| s.rotation.toggle(now()));
            }
        }
    };
    // The pointer's events, one handler for them all (one body compiled, not five): on the
    // viewport its presses and swipes, on the region hover (pausing rotation) and warming.
    let on_pointer = move |event: PointerEvent| match event.type_().as_str() {
        "pointerdown" => {
            let at = (
                f64::from(event.client_x()),
                f64::from(event.client_y()),
                now(),
            );
            local.with_value(|l| {
                l.dragged.set(false);
                l.pressing.set(true);
                l.pointer.set(Some(at));
            });
            slides.maybe_update(|s| {
                let first = !s.may_warm();
                s.interact();
                first
            });
        }
        "pointerup" => {
            let Some((x, y, at)) = local.with_value(|l| {
                l.pressing.set(false);
                l.pointer.take()
            }) else {
                return;
            };
            let gesture = Gesture {
                dx: f64::from(event.client_x()) - x,
                dy: f64::from(event.client_y()) - y,
                ms: now() - at,
            };
            if gesture.is_tap() {
                return;
            }
            local.with_value(|l| l.dragged.set(true));
            let width = target_element(&event)
                .and_then(|t| t.closest(".cop-viewport").ok().flatten())
                .map_or(0.0, |viewport| f64::from(viewport.client_width()));
            slides.maybe_update(|s| {
                let per_view = s.layout().per_view.max(1) as f64;
                s.swipe(gesture, width / per_view, now())
            });
        }
        "pointercancel" => local.with_value(|l| {
            l.pointer.set(None);
            l.pressing.set(false);
        }),
        "pointerover" => {
            hover(true);
            warm_up(&event);
        }
        _ => hover(false),
    };

    // The region's events, one listener for them all (`widgets::handle`, not Leptos's `on:`),
    // removed with the carousel. The viewport's presses and swipes are the pointer's events
    // on it or in it.
    handle(section, REGION_EVENTS, move |event| {
        match event.type_().as_str() {
            "click" => on_click(event.unchecked_into()),
            "keydown" => on_key(event.unchecked_into()),
            "focusin" | "focusout" => on_focus(event.unchecked_into()),
            "pointerover" | "pointerleave" => on_pointer(event.unchecked_into()),
            _ => {
                let on_viewport = target_element(&event)
                    .and_then(|t| t.closest(".cop-viewport").ok().flatten())
                    .is_some();
                if on_viewport {
                    on_pointer(event.unchecked_into());
                }
            }
        }
    });

    // Through the CSSOM (`style:`), not a `style` attribute, which the CSP refuses.
    let transform = move || {
        let (index, basis, rtl) = slides.with(|s| (s.current(), s.layout().basis(), s.rtl()));
        let sign = if rtl { "" } else { "-" };
        format!("translateX(calc({sign}{index} * ({basis} + {GAP_PX}px)))")
    };
    let items: Vec<_> = (0..count)
        .map(|index| slide_view(lang, &locale, &featured, index, slides))
        .collect();
    let region = featured.label(lang);
    // The picker's pages change with the layout only (a resize): drawn anew then.
    let layout = Memo::new(move |_| slides.with(|s| s.layout()));
    let pages = move || {
        let featured = featured.clone();
        // Read, not only tracked: a memo never read would never run, nor hear of a change.
        let _ = layout.get();
        let buttons = slides.with_untracked(|s| {
            s.pages()
                .into_iter()
                .map(|page| {
                    let label = s.page_label(
                        page,
                        |i| {
                            featured
                                .slides
                                .get(i)
                                .map(|v| v.title.clone())
                                .unwrap_or_default()
                        },
                        lang,
                    );
                    let current =
                        move || slides.with(|s| s.current() == page.first).then_some("true");
                    view! {
                        <button type="button" class="cop-dot" aria-label=label aria-current=current
                            data-page=page.first></button>
                    }
                })
                .collect::<Vec<_>>()
        });
        Fresh(buttons)
    };
    // With an interval, the control is there; hidden while motion is reduced (which the
    // member may turn on or off while the page is open).
    let control = options.autoplay_ms.is_some().then(|| {
        view! {
            <button type="button" class="cop-button cop-rotation"
                hidden=move || slides.with(|s| !s.rotation.available())>
                {move || slides.with(|s| s.rotation.control_label(lang))}
            </button>
        }
    });
    let disabled =
        move |direction: Direction| move || slides.with(|s| (!s.can(direction)).then_some("true"));
    Either::Right(view! {
        <section class="cop-carousel" role="region" aria-roledescription="carousel"
            aria-label=region
            node_ref=section>
            {control}
            <div class="cop-viewport">
                <div class="cop-track" style:transform=transform>{items}</div>
            </div>
            <div class="cop-nav">
                <button type="button" class="cop-arrow" aria-label=Msg::CarouselPrevious.text(lang)
                    aria-disabled=disabled(Direction::Previous) data-go="previous"><span aria-hidden="true">"‹"</span></button>
                <div class="cop-dots" role="group" aria-label=Msg::CarouselPicker.text(lang)>{pages}</div>
                <button type="button" class="cop-arrow" aria-label=Msg::CarouselNext.text(lang)
                    aria-disabled=disabled(Direction::Next) data-go="next"><span aria-hidden="true">"›"</span></button>
                <p class="cop-counter" aria-live=move || slides.with(|s| s.live()) aria-atomic="true">
                    {move || slides.with(|s| s.showing(lang))}
                </p>
            </div>
        </section>
    })
}

/// One slide: the facade (poster and play button) until the member plays it, then its player.
fn slide_view(
    lang: Lang,
    locale: &str,
    featured: &Arc<Featured>,
    index: usize,
    slides: RwSignal<Slides>,
) -> Option<impl IntoView> {
    let slide = featured.slides.get(index)?;
    let hidden = move || slides.with(|s| !s.visible().contains(&index));
    let label = slides.with_untracked(|s| s.slide_label(index, lang));
    // What the media box shows: its player, or its facade with the poster loaded or not (a
    // provider's only near the view). Drawn anew when that changes, not patched.
    let third_party = slide
        .poster
        .as_ref()
        .is_some_and(|poster| poster.third_party);
    let shown = Memo::new(move |_| {
        slides.with(|s| (s.playing() == Some(index), !third_party || s.near(index)))
    });
    let media = {
        let (featured, locale) = (featured.clone(), locale.to_owned());
        move || {
            let (playing, near) = shown.get();
            let slide = featured.slides.get(index)?;
            Some(Fresh(if playing {
                Either::Left(player_view(lang, &locale, slide))
            } else {
                Either::Right(facade(lang, slide, index, near))
            }))
        }
    };
    let speaker = match (&slide.speaker, &slide.role) {
        (Some(name), Some(role)) => Some(format!("{name}, {role}")),
        (Some(name), None) => Some(name.clone()),
        (None, Some(role)) => Some(role.clone()),
        (None, None) => None,
    };
    let duration = slide.duration_seconds.map(|seconds| {
        view! {
            <p class="cop-duration cop-muted">
                <span aria-hidden="true">{clock(seconds)}</span>
                <span class="cop-visually-hidden">{spoken_duration(seconds, lang)}</span>
            </p>
        }
    });
    let transcript = slide.transcript.clone().map(|text| {
        let name = fill(Msg::CarouselTranscript.text(lang), &[("title", &slide.title)]);
        let parts: Vec<_> = paragraphs(&text)
            .into_iter()
            .map(|part| view! { <p>{part.to_owned()}</p> })
            .collect();
        view! {
            <details class="cop-transcript">
                <summary>{Msg::CarouselTranscriptShow.text(lang)}</summary>
                <div class="cop-transcript-text" role="region" tabindex="0" aria-label=name>{parts}</div>
            </details>
        }
    });
    Some(view! {
        <div class="cop-slide" role="group" aria-roledescription="slide" aria-label=label
            inert=hidden
            style:flex-basis=move || slides.with(|s| s.layout().basis())>
            <div class="cop-media">{media}</div>
            <p class="cop-v-title">{slide.title.clone()}</p>
            {speaker.map(|text| view! { <p class="cop-speaker">{text}</p> })}
            {slide.why.clone().map(|text| view! { <p class="cop-why cop-muted">{text}</p> })}
            {duration}
            {transcript}
        </div>
    })
}

/// A slide before it plays: its poster (a provider's only near the view) in a play button.
fn facade(lang: Lang, slide: &Slide, index: usize, near: bool) -> impl IntoView {
    let poster = slide.poster.clone().map(|poster| {
        let (src, srcset) = if near { (Some(poster.src), poster.srcset) } else { (None, None) };
        view! { <img class="cop-poster" alt="" draggable="false" decoding="async" src=src srcset=srcset /> }
    });
    // Its click, pointer and focus are the region's (`data-play`).
    view! {
        <button type="button" class="cop-play" aria-label=slide.play_label(lang) data-play=index>
            {poster}
            <span class="cop-play-icon" aria-hidden="true"></span>
        </button>
    }
}

/// The player a chosen video plays in (the only place a provider's URL reaches the page).
fn player_view(lang: Lang, locale: &str, slide: &Slide) -> impl IntoView {
    let label = slide.player_label(lang);
    match &slide.player {
        Player::File(sources) => {
            let sources: Vec<_> = sources
                .iter()
                .map(|s| view! { <source src=s.src.clone() type=s.mime_type.clone() /> })
                .collect();
            let captions = slide.captions.clone();
            // Captions from another origin need CORS: asked for only when there are some.
            let cors = captions.is_some().then_some("anonymous");
            let track = captions.map(|track| {
                view! {
                    <track kind="captions" src=track.src srclang=track.language
                        label=Msg::CarouselCaptions.text(lang) default=true />
                }
            });
            Either::Left(view! {
                <video class="cop-player" controls=true autoplay=true playsinline=true preload="metadata"
                    crossorigin=cors aria-label=label>{sources}{track}</video>
            })
        }
        player => {
            let watch_link = player.watch_url().zip(player.provider_name()).map(|(href, name)| {
                let text = fill(Msg::CarouselWatchOn.text(lang), &[("provider", name)]);
                view! { <a class="cop-watch" href=href target="_blank" rel="noopener noreferrer">{text}</a> }
            });
            Either::Right(view! {
                <iframe class="cop-player" src=player.embed_url(Some(locale)) title=label
                    allow=EMBED_ALLOW allowfullscreen=true
                    referrerpolicy="strict-origin-when-cross-origin"></iframe>
                {watch_link}
            })
        }
    }
}
