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

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, PointerEvent};

use cop_core::carousel::tracker::{self, page_view_id, Tracker};
use cop_core::carousel::view::{Direction, Gesture, Layout, Rotation, Slides, GAP_PX};
use cop_core::carousel::{clock, paragraphs, spoken_duration, Featured, Options, Player, Slide, EMBED_ALLOW};
use cop_core::config::{Source, WidgetConfig};
use cop_core::i18n::{fill, Lang, Msg};
use cop_core::mapping::{Fields, FromFields};

use crate::host;
use crate::json::Js;
use crate::registry::Setup;
use crate::widgets::{loading_or_failed, Model, Opaque, Phase};

#[wasm_bindgen(module = "/src/carousel.js")]
extern "C" {
    fn watch(
        root: &Element,
        track: &Element,
        width: &js_sys::Function,
        seen: &js_sys::Function,
        hidden: &js_sys::Function,
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
    Model::Kind(Opaque::new(featured))
}

pub fn view(setup: RwSignal<Setup>, phase: RwSignal<Phase>, reload: RwSignal<u32>) -> AnyView {
    (move || {
        let Some((lang, locale, options)) = setup.with(|setup| {
            let config = setup.config.as_ref().ok()?;
            Some((setup.lang, setup.locale.clone(), Options::of(config)))
        }) else {
            return ().into_any();
        };
        phase.with(|phase| {
            if let Some(view) = loading_or_failed(lang, phase, reload) {
                return view;
            }
            match phase {
                Phase::Ready(Model::Kind(model)) => match model.get::<Featured>() {
                    Some(featured) => carousel(lang, locale, options, Arc::new(featured.clone())),
                    None => ().into_any(),
                },
                _ => ().into_any(),
            }
        })
    })
    .into_any()
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| window.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|query| query.matches())
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

fn carousel(lang: Lang, locale: String, options: Options, featured: Arc<Featured>) -> AnyView {
    if let Some(message) = featured.empty_message() {
        return view! { <p class="cop-card cop-muted">{message.text(lang)}</p> }.into_any();
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
    let right_to_left = RwSignal::new(false);
    let playing = RwSignal::new(None::<usize>);
    let tracker = Rc::new(RefCell::new(new_tracker()));
    // A drag that ends over a play button is no click on it.
    let dragged = StoredValue::new(false);
    let pointer = StoredValue::new(None::<(f64, f64, f64)>);
    // Focus that a pointer gave (a click on a control) stops nothing: hover pauses already.
    let pressing = StoredValue::new(false);
    let section = NodeRef::<html::Section>::new();
    let track = NodeRef::<html::Div>::new();
    let picker = NodeRef::<html::Div>::new();

    // The browser's observers, once the carousel is in the page.
    let watching = StoredValue::new_local(None::<Watch>);
    let shared = Shared {
        slides,
        playing,
        played: StoredValue::new(false),
        watching,
        dragged,
    };
    let events = options.events_url(featured.cycle.as_deref());
    {
        let (featured, tracker) = (featured.clone(), tracker.clone());
        Effect::new(move |_| {
            let (Some(root), Some(track)) = (section.get(), track.get()) else {
                return;
            };
            if watching.with_value(Option::is_some) {
                return;
            }
            if rtl(&root) {
                right_to_left.set(true);
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
            let stop = watch(
                &root,
                &track,
                width.as_ref().unchecked_ref(),
                seen.as_ref().unchecked_ref(),
                hidden.as_ref().unchecked_ref(),
            );
            watching.set_value(Some(Watch {
                stop,
                tracker: tracker.clone(),
                events: events.clone(),
                _width: width,
                _seen: seen,
                _hidden: hidden,
            }));
        });
    }

    // Rotation: one timer, re-armed whenever the state changes.
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let wait = slides.with(|s| s.rotation.wait(now()));
        timer.update_value(|timer| {
            if let Some(handle) = timer.take() {
                handle.clear();
            }
        });
        if let Some(ms) = wait {
            let handle = set_timeout_with_handle(
                move || slides.update(|s| {
                    s.advance(now());
                }),
                Duration::from_millis(ms as u64),
            );
            timer.set_value(handle.ok());
        }
    });

    // A video moved out of view stops (its player goes); focus goes to a player as it comes.
    Effect::new(move |_| {
        let visible = slides.with(|s| s.visible());
        if let Some(index) = playing.get() {
            if !visible.contains(&index) {
                playing.set(None);
                return;
            }
            request_animation_frame(move || {
                let player = section
                    .get_untracked()
                    .and_then(|root| root.query_selector(".cop-player").ok().flatten())
                    .and_then(|player| player.dyn_into::<HtmlElement>().ok());
                if let Some(player) = player {
                    let _ = player.focus();
                }
            });
        }
    });

    let go = move |direction: Direction| {
        slides.maybe_update(|s| s.can(direction) && s.go(direction, now()));
    };
    // The current picker button takes focus after a key moved the slides.
    let focus_current = move || {
        let page = slides.with_untracked(|s| s.current() / s.layout().per_view.max(1));
        let button = picker
            .get_untracked()
            .and_then(|picker| picker.children().item(page as u32))
            .and_then(|button| button.dyn_into::<HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
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
            .and_then(|target| target.closest(".cop-player, .cop-transcript").ok().flatten())
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
    let on_focus_in = {
        move |_| {
            if !pressing.get_value() {
                slides.maybe_update(|s| {
                    let before = s.rotation.clone();
                    s.interact();
                    s.rotation.focus(true);
                    s.rotation != before
                });
            }
        }
    };
    let on_focus_out = move |event: web_sys::FocusEvent| {
        let inside = match (section.get_untracked(), event.related_target()) {
            (Some(root), Some(next)) => next
                .dyn_into::<web_sys::Node>()
                .is_ok_and(|next| root.contains(Some(&next))),
            _ => false,
        };
        if !inside {
            slides.update(|s| s.rotation.focus(false));
        }
    };
    let hover = move |inside: bool| {
        slides.maybe_update(|s| {
            let available = s.rotation.available();
            if available {
                s.rotation.hover(inside, now());
            }
            available
        });
    };
    let on_down = {
        move |event: PointerEvent| {
            dragged.set_value(false);
            pressing.set_value(true);
            pointer.set_value(Some((f64::from(event.client_x()), f64::from(event.client_y()), now())));
            slides.maybe_update(|s| {
                let first = !s.may_warm();
                s.interact();
                first
            });
        }
    };
    let on_up = {
        move |event: PointerEvent| {
            pressing.set_value(false);
            let Some((x, y, at)) = pointer.try_update_value(Option::take).flatten() else {
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
            dragged.set_value(true);
            let width = track.get_untracked().map_or(0.0, |t| f64::from(t.client_width()));
            slides.maybe_update(|s| {
                let per_view = s.layout().per_view.max(1) as f64;
                s.swipe(gesture, width / per_view, now())
            });
        }
    };
    let on_cancel = move |_: PointerEvent| {
        pointer.set_value(None);
        pressing.set_value(false);
    };

    let transform = move || {
        let (index, basis) = slides.with(|s| (s.current(), s.layout().basis()));
        let sign = if right_to_left.get() { "" } else { "-" };
        format!("translateX(calc({sign}{index} * ({basis} + {GAP_PX}px)))")
    };
    let items: Vec<AnyView> = (0..count)
        .map(|index| slide_view(lang, &locale, &featured, index, shared))
        .collect();
    let region = featured.label(lang);
    let pages = move || {
        let featured = featured.clone();
        slides.with(|s| {
            s.pages()
                .into_iter()
                .map(|page| {
                    let label = s.page_label(page, |i| featured.slides.get(i).map(|v| v.title.clone()).unwrap_or_default(), lang);
                    let current = move || {
                        slides.with(|s| s.current() == page.first).then_some("true")
                    };
                    view! {
                        <button type="button" class="cop-dot" aria-label=label aria-current=current
                            on:click=move |_| {
                                slides.update(|s| {
                                    s.go_to(page.first, now());
                                });
                            }></button>
                    }
                })
                .collect_view()
        })
    };
    let control = move || {
        slides.with(|s| s.rotation.available()).then(|| {
            view! {
                <button type="button" class="cop-button cop-rotation"
                    on:click=move |_| slides.update(|s| s.rotation.toggle(now()))>
                    {move || slides.with(|s| s.rotation.control_label(lang))}
                </button>
            }
        })
    };
    let disabled = move |direction: Direction| {
        move || slides.with(|s| (!s.can(direction)).then_some("true"))
    };
    view! {
        <section class="cop-carousel" role="region" aria-roledescription="carousel"
            aria-label=region
            node_ref=section
            on:keydown=on_key
            on:focusin=on_focus_in
            on:focusout=on_focus_out
            on:pointerenter=move |_| hover(true)
            on:pointerleave=move |_| hover(false)>
            {control}
            <div class="cop-viewport"
                on:pointerdown=on_down
                on:pointerup=on_up
                on:pointercancel=on_cancel>
                <div class="cop-track" node_ref=track style:transform=transform>{items}</div>
            </div>
            <div class="cop-nav">
                <button type="button" class="cop-arrow" aria-label=Msg::CarouselPrevious.text(lang)
                    aria-disabled=disabled(Direction::Previous)
                    on:click=move |_| go(Direction::Previous)><span aria-hidden="true">"‹"</span></button>
                <div class="cop-dots" role="group" aria-label=Msg::CarouselPicker.text(lang) node_ref=picker>{pages}</div>
                <button type="button" class="cop-arrow" aria-label=Msg::CarouselNext.text(lang)
                    aria-disabled=disabled(Direction::Next)
                    on:click=move |_| go(Direction::Next)><span aria-hidden="true">"›"</span></button>
                <p class="cop-counter" aria-live=move || slides.with(|s| s.live()) aria-atomic="true">
                    {move || slides.with(|s| s.showing(lang))}
                </p>
            </div>
        </section>
    }
    .into_any()
}

/// What every slide of one carousel shares (handles: `Copy`).
#[derive(Clone, Copy)]
struct Shared {
    slides: RwSignal<Slides>,
    /// The slide whose player is open.
    playing: RwSignal<Option<usize>>,
    /// Whether the member has played a video here: only then may a provider be warmed.
    played: StoredValue<bool>,
    watching: StoredValue<Option<Watch>, LocalStorage>,
    /// The pointer went down and moved: its click is a drag's end, not a play.
    dragged: StoredValue<bool>,
}

/// One slide: the facade (poster and play button) until the member plays it, then its player.
fn slide_view(
    lang: Lang,
    locale: &str,
    featured: &Arc<Featured>,
    index: usize,
    shared: Shared,
) -> AnyView {
    let Shared { slides, playing, .. } = shared;
    let Some(slide) = featured.slides.get(index) else {
        return ().into_any();
    };
    let hidden = move || slides.with(|s| !s.visible().contains(&index));
    let label = slides.with_untracked(|s| s.slide_label(index, lang));
    let media = {
        let (featured, locale) = (featured.clone(), locale.to_owned());
        move || {
            let Some(slide) = featured.slides.get(index) else {
                return ().into_any();
            };
            if playing.get() == Some(index) {
                player_view(lang, &locale, slide)
            } else {
                facade(lang, slide, index, shared)
            }
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
    view! {
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
    }
    .into_any()
}

/// A slide before it plays: its poster (a provider's only near the view) in a play button.
fn facade(lang: Lang, slide: &Slide, index: usize, shared: Shared) -> AnyView {
    let Shared {
        slides,
        playing,
        played,
        watching,
        dragged,
    } = shared;
    let poster = slide.poster.clone().map(|poster| {
        let third_party = poster.third_party;
        let near = move || !third_party || slides.with(|s| s.near(index));
        let (src, srcset) = (poster.src, poster.srcset);
        view! {
            <img class="cop-poster" alt="" draggable="false" decoding="async"
                src=move || near().then(|| src.clone())
                srcset=move || near().then(|| srcset.clone()).flatten() />
        }
    });
    let warm_origins = slide.player.warm_origins();
    // Warming is a connection to the provider: only once the member has played a video here
    // (a play is the first choice that allows one), never on a first hover.
    let warm_up = move || {
        if slides.with_untracked(|s| s.may_warm()) && played.get_value() {
            for origin in warm_origins {
                warm(origin);
            }
        }
    };
    let id = slide.id.clone();
    let play = move |_| {
        if dragged.get_value() {
            return;
        }
        watching.update_value(|watch| {
            if let Some(watch) = watch {
                if let Ok(mut tracker) = watch.tracker.try_borrow_mut() {
                    if let Some(tracker) = tracker.as_mut() {
                        tracker.play(&id);
                    }
                }
            }
        });
        played.set_value(true);
        slides.update(|s| s.played());
        playing.set(Some(index));
    };
    view! {
        <button type="button" class="cop-play" aria-label=slide.play_label(lang)
            on:click=play
            on:pointerenter=move |_| warm_up()
            on:focus=move |_| warm_up()>
            {poster}
            <span class="cop-play-icon" aria-hidden="true"></span>
        </button>
    }
    .into_any()
}

/// The player a chosen video plays in (the only place a provider's URL reaches the page).
fn player_view(lang: Lang, locale: &str, slide: &Slide) -> AnyView {
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
            view! {
                <video class="cop-player" controls=true autoplay=true playsinline=true preload="metadata"
                    crossorigin=cors aria-label=label>{sources}{track}</video>
            }
            .into_any()
        }
        player => {
            let watch_link = player.watch_url().zip(player.provider_name()).map(|(href, name)| {
                let text = fill(Msg::CarouselWatchOn.text(lang), &[("provider", name)]);
                view! { <a class="cop-watch" href=href target="_blank" rel="noopener noreferrer">{text}</a> }
            });
            view! {
                <iframe class="cop-player" src=player.embed_url(Some(locale)) title=label
                    allow=EMBED_ALLOW allowfullscreen=true
                    referrerpolicy="strict-origin-when-cross-origin"></iframe>
                {watch_link}
            }
            .into_any()
        }
    }
}
