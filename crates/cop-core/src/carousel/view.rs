//! The carousel's view state, pure: how many slides fit the container, which are shown, what
//! previous/next, the slide picker, keys and swipes do, and when rotation runs (the WAI-ARIA
//! APG carousel pattern). The view feeds it the container's width, the member's actions and
//! the clock (`performance.now()`, in ms), and renders what it answers.

use std::ops::Range;

use crate::i18n::{fill, Lang, Msg};

/// The narrowest a slide gets side by side with others.
pub const SLIDE_MIN_PX: u32 = 240;
/// The gap between slides (the stylesheet uses the same).
pub const GAP_PX: u32 = 16;
/// In a container too narrow for two slides, one takes this share of the width and the next
/// peeks in beside it: a visible hint that there is more.
pub const PEEK_PERCENT: u32 = 85;

/// How slides sit in the container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Slides fully in view at once.
    pub per_view: usize,
    /// One slide, and the next peeking (a narrow sidebar).
    pub peek: bool,
}

impl Layout {
    /// For a container `width_px` wide (0 before it is laid out: treated as narrow), at most
    /// `max_per_view` side by side, `count` slides in all.
    pub fn for_width(width_px: u32, max_per_view: u32, count: usize) -> Layout {
        let fit = (width_px.saturating_add(GAP_PX) / (SLIDE_MIN_PX + GAP_PX)).max(1);
        let per_view = fit.min(max_per_view.max(1)) as usize;
        let per_view = per_view.min(count.max(1));
        Layout {
            per_view,
            peek: per_view == 1 && fit < 2 && count > 1,
        }
    }

    /// Each slide's `flex-basis`: the width reserved before anything loads (with the slide's
    /// `aspect-ratio`, no layout shift).
    pub fn basis(&self) -> String {
        if self.peek {
            format!("{PEEK_PERCENT}%")
        } else if self.per_view == 1 {
            "100%".to_owned()
        } else {
            format!(
                "calc((100% - {}px) / {})",
                GAP_PX as usize * (self.per_view - 1),
                self.per_view
            )
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Previous,
    Next,
}

/// A horizontal swipe or mouse drag, from pointer down to pointer up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gesture {
    /// Pointer movement in CSS px: right and down are positive.
    pub dx: f64,
    pub dy: f64,
    /// How long it took.
    pub ms: f64,
}

/// Movement under this many px is a tap or a click, not a drag (the play button still works).
pub const DRAG_SLOP_PX: f64 = 8.0;
/// A slow drag moves on past this share of a slide's width (at least [`SWIPE_MIN_PX`])…
pub const SWIPE_SHARE: f64 = 0.25;
pub const SWIPE_MIN_PX: f64 = 40.0;
/// …a flick past this speed (px/ms) and [`FLICK_MIN_PX`].
pub const FLICK_SPEED: f64 = 0.4;
pub const FLICK_MIN_PX: f64 = 20.0;

impl Gesture {
    /// Whether it is a tap: too short to be a drag.
    pub fn is_tap(&self) -> bool {
        self.dx.abs() < DRAG_SLOP_PX && self.dy.abs() < DRAG_SLOP_PX
    }

    /// Where it moves the carousel: mostly horizontal, far enough for the slide's width or
    /// fast enough. Dragging the slides leftwards shows the next in left-to-right pages, the
    /// previous in right-to-left ones. `None`: stays (a scroll of the page, a short drag).
    pub fn direction(&self, slide_width_px: f64, rtl: bool) -> Option<Direction> {
        let (dx, dy) = (self.dx, self.dy);
        if !(dx.is_finite() && dy.is_finite()) || dx.abs() <= dy.abs() {
            return None;
        }
        let width = if slide_width_px.is_finite() {
            slide_width_px.max(0.0)
        } else {
            0.0
        };
        let far = dx.abs() >= (width * SWIPE_SHARE).max(SWIPE_MIN_PX);
        let fast = self.ms > 0.0 && dx.abs() >= FLICK_MIN_PX && dx.abs() / self.ms >= FLICK_SPEED;
        if !(far || fast) {
            return None;
        }
        Some(if (dx < 0.0) != rtl {
            Direction::Next
        } else {
            Direction::Previous
        })
    }
}

/// Automatic rotation (`data-autoplay`): off unless configured, never under
/// `prefers-reduced-motion`, paused while the pointer is over the carousel, stopped for good
/// when focus enters it, a video plays or the member presses stop — until they press start.
#[derive(Clone, Debug, PartialEq)]
pub struct Rotation {
    interval_ms: Option<f64>,
    reduced_motion: bool,
    stopped: bool,
    hovered: bool,
    focused: bool,
    /// When the shown slides last changed (or rotation resumed): the next turn is due an
    /// interval later.
    since: f64,
}

impl Rotation {
    pub fn new(interval_ms: Option<u32>, reduced_motion: bool, now: f64) -> Rotation {
        Rotation {
            interval_ms: interval_ms.map(f64::from),
            reduced_motion,
            stopped: false,
            hovered: false,
            focused: false,
            since: now,
        }
    }

    /// Whether the stop/start control is shown (first in the carousel's tab order): rotation
    /// is configured and motion is not reduced.
    pub fn available(&self) -> bool {
        self.interval_ms.is_some() && !self.reduced_motion
    }

    /// Whether slides turn by themselves now.
    pub fn rotating(&self) -> bool {
        self.available() && !self.stopped && !self.hovered
    }

    /// Whether the member (or focus, or a play) stopped it; the control then offers "start".
    pub fn is_stopped(&self) -> bool {
        self.stopped
    }

    /// The control's label: "Stop rotation" while it runs (or is only paused by the pointer),
    /// "Start rotation" once stopped.
    pub fn control_label(&self, lang: Lang) -> &'static str {
        if self.stopped {
            Msg::CarouselStart.text(lang)
        } else {
            Msg::CarouselStop.text(lang)
        }
    }

    /// The stop/start control was pressed.
    pub fn toggle(&mut self, now: f64) {
        self.stopped = !self.stopped;
        self.since = now;
    }

    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// The pointer entered (`true`) or left the carousel; leaving gives a full interval.
    pub fn hover(&mut self, inside: bool, now: f64) {
        if self.hovered && !inside {
            self.since = now;
        }
        self.hovered = inside;
    }

    /// Focus is inside the carousel (`true`) or left it. Entering stops rotation for good
    /// (APG); moving within it (repeated `focusin`s) changes nothing, so pressing "start"
    /// with focus on the control keeps it running.
    pub fn focus(&mut self, inside: bool) {
        if inside && !self.focused {
            self.stopped = true;
        }
        self.focused = inside;
    }

    /// `prefers-reduced-motion` changed: reduce, and rotation stops and its control goes.
    pub fn set_reduced_motion(&mut self, reduced: bool) {
        self.reduced_motion = reduced;
    }

    /// The shown slides changed by the member's hand: the next turn is an interval away.
    pub fn restart(&mut self, now: f64) {
        self.since = now;
    }

    /// Whether a turn is due at `now`; if so, the next is an interval later.
    pub fn due(&mut self, now: f64) -> bool {
        match self.interval_ms {
            Some(interval) if self.rotating() && now - self.since >= interval => {
                self.since = now;
                true
            }
            _ => false,
        }
    }

    /// Milliseconds until the next turn, for the view's timer; `None` while not rotating.
    pub fn wait(&self, now: f64) -> Option<f64> {
        let interval = self.interval_ms?;
        self.rotating()
            .then(|| (self.since + interval - now).max(0.0))
    }
}

/// A button of the slide picker: one slide, or a page of them when several are in view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub first: usize,
    /// Included.
    pub last: usize,
    pub current: bool,
}

/// The carousel's state: which slides are shown, and rotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Slides {
    count: usize,
    layout: Layout,
    /// The first slide in view (always a page's first).
    current: usize,
    wrap: bool,
    rtl: bool,
    interacted: bool,
    /// The slide whose player is open: none once it leaves the view.
    playing: Option<usize>,
    pub rotation: Rotation,
}

impl Slides {
    /// `count` slides from the first; `wrap` lets previous/next go round (rotation always
    /// does); `rtl` for right-to-left pages (`dir` of the placeholder).
    pub fn new(count: usize, layout: Layout, wrap: bool, rtl: bool, rotation: Rotation) -> Slides {
        Slides {
            count,
            layout,
            current: 0,
            wrap,
            rtl,
            interacted: false,
            playing: None,
            rotation,
        }
    }

    /// Whether the page lays out right to left (the track moves the other way).
    pub fn rtl(&self) -> bool {
        self.rtl
    }

    pub fn count(&self) -> usize {
        self.count
    }

    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The first slide in view.
    pub fn current(&self) -> usize {
        self.current
    }

    /// The slides in view (a peeking one is not).
    pub fn visible(&self) -> Range<usize> {
        self.current..(self.current + self.layout.per_view).min(self.count)
    }

    /// Slides whose third-party poster may load: in view, and one on each side.
    pub fn near(&self, index: usize) -> bool {
        let visible = self.visible();
        index + 1 >= visible.start && index <= visible.end
    }

    fn per_view(&self) -> usize {
        self.layout.per_view.max(1)
    }

    /// The last page's first slide. Pages do not overlap: the last may be partly empty
    /// (10 slides 3 by 3: 1–3, 4–6, 7–9, 10).
    fn last_start(&self) -> usize {
        self.page_start(self.count.saturating_sub(1))
    }

    /// The first slide of the page holding `index`.
    fn page_start(&self, index: usize) -> usize {
        index / self.per_view() * self.per_view()
    }

    /// The container was resized: the slide that was first in view stays in view.
    pub fn set_layout(&mut self, layout: Layout) {
        self.layout = layout;
        self.current = self.page_start(self.current.min(self.count.saturating_sub(1)));
        self.stop_hidden();
    }

    /// A video moved out of view stops (its player goes).
    fn stop_hidden(&mut self) {
        if self
            .playing
            .is_some_and(|index| !self.visible().contains(&index))
        {
            self.playing = None;
        }
    }

    /// The slide whose player is open.
    pub fn playing(&self) -> Option<usize> {
        self.playing
    }

    /// The member played slide `index`'s video (in view): rotation stops for good.
    pub fn play(&mut self, index: usize) {
        self.played();
        if self.visible().contains(&index) {
            self.playing = Some(index);
        }
    }

    /// Whether previous or next leads anywhere (else its button is `aria-disabled`).
    pub fn can(&self, direction: Direction) -> bool {
        self.count > self.per_view()
            && (self.wrap
                || match direction {
                    Direction::Previous => self.current > 0,
                    Direction::Next => self.current < self.last_start(),
                })
    }

    fn step(&self, direction: Direction, wrap: bool) -> usize {
        match direction {
            Direction::Next if self.current >= self.last_start() => {
                if wrap {
                    0
                } else {
                    self.current
                }
            }
            Direction::Next => self.page_start(self.current + self.per_view()),
            Direction::Previous if self.current == 0 => {
                if wrap {
                    self.last_start()
                } else {
                    0
                }
            }
            Direction::Previous => self.page_start(self.current.saturating_sub(self.per_view())),
        }
    }

    fn show(&mut self, first: usize, now: f64) -> bool {
        self.interacted = true;
        self.rotation.restart(now);
        let changed = first != self.current;
        self.current = first;
        self.stop_hidden();
        changed
    }

    /// Previous or next, by the member: whether the shown slides changed.
    pub fn go(&mut self, direction: Direction, now: f64) -> bool {
        let first = self.step(direction, self.wrap);
        self.show(first, now)
    }

    /// The page holding slide `index` (the picker, or focus moving onto a hidden slide).
    pub fn go_to(&mut self, index: usize, now: f64) -> bool {
        let first = self.page_start(index.min(self.count.saturating_sub(1)));
        self.show(first, now)
    }

    /// A key pressed in the carousel's picker or slides: `ArrowLeft`/`ArrowRight` (swapped on
    /// right-to-left pages), `Home`, `End`. `true` if it was the carousel's (the view then
    /// prevents the default, and moves focus to the current picker button).
    pub fn key(&mut self, key: &str, now: f64) -> bool {
        let forward = if self.rtl { "ArrowLeft" } else { "ArrowRight" };
        let back = if self.rtl { "ArrowRight" } else { "ArrowLeft" };
        match key {
            k if k == forward => {
                self.go(Direction::Next, now);
            }
            k if k == back => {
                self.go(Direction::Previous, now);
            }
            "Home" => {
                self.show(0, now);
            }
            "End" => {
                let last = self.last_start();
                self.show(last, now);
            }
            _ => return false,
        }
        true
    }

    /// A finished swipe or drag over slides `slide_width_px` wide: whether it moved them.
    pub fn swipe(&mut self, gesture: Gesture, slide_width_px: f64, now: f64) -> bool {
        match gesture.direction(slide_width_px, self.rtl) {
            Some(direction) => self.go(direction, now),
            None => false,
        }
    }

    /// Rotation's tick: moves on (round to the first after the last) when a turn is due.
    pub fn advance(&mut self, now: f64) -> bool {
        if self.count <= self.per_view() || !self.rotation.due(now) {
            return false;
        }
        self.current = self.step(Direction::Next, true);
        self.stop_hidden();
        true
    }

    /// A video of the carousel started playing: rotation stops for good.
    pub fn played(&mut self) {
        self.interacted = true;
        self.rotation.stop();
    }

    /// The member touched the carousel (pointer down, a key, focus): from now on the view may
    /// warm connections to a provider on hover or focus of a play button.
    pub fn interact(&mut self) {
        self.interacted = true;
    }

    /// Whether `preconnect` to a provider is allowed: only after a first interaction, never
    /// on the page's load.
    pub fn may_warm(&self) -> bool {
        self.interacted
    }

    /// The slides container's `aria-live`: `off` while rotating (announcing every turn would
    /// drown the page), `polite` otherwise.
    pub fn live(&self) -> &'static str {
        if self.rotation.rotating() {
            "off"
        } else {
            "polite"
        }
    }

    /// The picker's buttons.
    pub fn pages(&self) -> Vec<Page> {
        let per_view = self.per_view();
        let mut pages = Vec::new();
        let mut first = 0;
        while first < self.count {
            pages.push(Page {
                first,
                last: (first + per_view).min(self.count) - 1,
                current: first == self.current,
            });
            first += per_view;
        }
        pages
    }

    /// A slide's accessible name: "3 of 10" (`aria-roledescription="slide"` says the rest).
    pub fn slide_label(&self, index: usize, lang: Lang) -> String {
        fill(
            Msg::CarouselSlide.text(lang),
            &[
                ("index", &(index + 1).to_string()),
                ("count", &self.count.to_string()),
            ],
        )
    }

    /// What is in view, for the polite live region: "3 of 10", or "4 to 6 of 10".
    pub fn showing(&self, lang: Lang) -> String {
        let visible = self.visible();
        if visible.len() <= 1 {
            return self.slide_label(visible.start, lang);
        }
        fill(
            Msg::CarouselShowing.text(lang),
            &[
                ("first", &(visible.start + 1).to_string()),
                ("last", &visible.end.to_string()),
                ("count", &self.count.to_string()),
            ],
        )
    }

    /// A picker button's label: "Video 3: Peer review", or "Videos 4 to 6".
    pub fn page_label(&self, page: Page, title_of: impl Fn(usize) -> String, lang: Lang) -> String {
        if page.first == page.last {
            fill(
                Msg::CarouselPickOne.text(lang),
                &[
                    ("index", &(page.first + 1).to_string()),
                    ("title", &title_of(page.first)),
                ],
            )
        } else {
            fill(
                Msg::CarouselPickPage.text(lang),
                &[
                    ("first", &(page.first + 1).to_string()),
                    ("last", &(page.last + 1).to_string()),
                ],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slides(count: usize, per_view: usize, wrap: bool, rtl: bool) -> Slides {
        let layout = Layout {
            per_view,
            peek: false,
        };
        Slides::new(count, layout, wrap, rtl, Rotation::new(None, false, 0.0))
    }

    #[test]
    fn a_video_plays_in_view_and_stops_as_it_leaves_it() {
        let mut s = slides(5, 2, false, false);
        s.play(4);
        assert_eq!(s.playing(), None, "not in view");
        s.play(1);
        assert_eq!(s.playing(), Some(1));
        assert!(s.rotation.is_stopped());
        s.set_layout(Layout {
            per_view: 1,
            peek: true,
        });
        assert_eq!(s.playing(), None, "the narrower view shows the first only");
        s.play(0);
        s.go(Direction::Next, 1.0);
        assert_eq!(s.playing(), None);
    }

    #[test]
    fn a_narrow_sidebar_shows_one_slide_and_the_next_peeking_a_wide_page_several() {
        assert_eq!(
            Layout::for_width(300, 3, 10),
            Layout {
                per_view: 1,
                peek: true
            }
        );
        assert_eq!(Layout::for_width(0, 3, 10).per_view, 1, "before layout");
        assert!(!Layout::for_width(300, 3, 1).peek, "nothing to peek at");
        assert_eq!(Layout::for_width(496, 3, 10).per_view, 2);
        assert_eq!(
            Layout::for_width(1200, 3, 10).per_view,
            3,
            "data-per-view caps it"
        );
        assert_eq!(Layout::for_width(1200, 6, 10).per_view, 4);
        assert_eq!(
            Layout::for_width(1200, 6, 2).per_view,
            2,
            "no more than there are"
        );
        assert_eq!(Layout::for_width(300, 3, 10).basis(), "85%");
        assert_eq!(
            Layout::for_width(1200, 3, 10).basis(),
            "calc((100% - 32px) / 3)"
        );
        assert_eq!(Layout::for_width(1200, 1, 10).basis(), "100%");
    }

    #[test]
    fn previous_and_next_stop_at_the_ends_unless_they_wrap() {
        let mut s = slides(10, 1, false, false);
        assert!(!s.can(Direction::Previous) && s.can(Direction::Next));
        assert!(!s.go(Direction::Previous, 0.0), "nothing before the first");
        assert!(s.go(Direction::Next, 0.0));
        assert_eq!(s.current(), 1);
        assert_eq!(s.slide_label(2, Lang::En), "3 of 10");
        s.go_to(9, 0.0);
        assert!(!s.can(Direction::Next));
        assert!(!s.go(Direction::Next, 0.0));
        let mut s = slides(10, 1, true, false);
        assert!(s.can(Direction::Previous));
        s.go(Direction::Previous, 0.0);
        assert_eq!(s.current(), 9, "round to the last");
        s.go(Direction::Next, 0.0);
        assert_eq!(s.current(), 0, "round to the first");
        let one = slides(1, 1, true, false);
        assert!(!one.can(Direction::Next) && !one.can(Direction::Previous));
    }

    #[test]
    fn several_per_view_move_by_pages_and_the_picker_has_one_button_per_page() {
        let mut s = slides(10, 3, false, false);
        assert_eq!(s.visible(), 0..3);
        assert_eq!(s.showing(Lang::En), "1 to 3 of 10");
        s.go(Direction::Next, 0.0);
        s.go(Direction::Next, 0.0);
        s.go(Direction::Next, 0.0);
        assert_eq!(s.visible(), 9..10, "the last page holds what is left");
        assert_eq!(s.showing(Lang::En), "10 of 10");
        let pages: Vec<(usize, usize, bool)> = s
            .pages()
            .iter()
            .map(|p| (p.first, p.last, p.current))
            .collect();
        assert_eq!(
            pages,
            [(0, 2, false), (3, 5, false), (6, 8, false), (9, 9, true)]
        );
        let title = |i: usize| format!("Talk {}", i + 1);
        assert_eq!(s.page_label(s.pages()[1], title, Lang::En), "Videos 4 to 6");
        assert_eq!(
            s.page_label(s.pages()[3], title, Lang::En),
            "Video 10: Talk 10"
        );
        s.go_to(4, 0.0);
        assert_eq!(s.current(), 3, "the page holding the slide");
        // Resized to one per view: the first slide in view stays in view.
        s.set_layout(Layout {
            per_view: 1,
            peek: true,
        });
        assert_eq!(s.current(), 3);
        s.set_layout(Layout {
            per_view: 2,
            peek: false,
        });
        assert_eq!(s.visible(), 2..4);
        assert!(s.near(1) && s.near(4) && !s.near(0) && !s.near(5));
    }

    #[test]
    fn arrow_keys_follow_the_reading_direction_home_and_end_go_to_the_ends() {
        let mut ltr = slides(5, 1, false, false);
        assert!(ltr.key("ArrowRight", 0.0));
        assert_eq!(ltr.current(), 1);
        assert!(ltr.key("End", 0.0));
        assert_eq!(ltr.current(), 4);
        assert!(ltr.key("Home", 0.0));
        assert_eq!(ltr.current(), 0);
        assert!(!ltr.key("Enter", 0.0), "not the carousel's");
        let mut rtl = slides(5, 1, false, true);
        assert!(rtl.key("ArrowLeft", 0.0));
        assert_eq!(rtl.current(), 1, "left is forward in right-to-left pages");
        rtl.key("ArrowRight", 0.0);
        assert_eq!(rtl.current(), 0);
    }

    #[test]
    fn swipes_and_drags_move_past_a_distance_or_a_speed() {
        let g = |dx: f64, dy: f64, ms: f64| Gesture { dx, dy, ms };
        assert!(g(3.0, -2.0, 100.0).is_tap());
        assert!(!g(30.0, 0.0, 100.0).is_tap());
        // A slow drag: a quarter of a 300 px slide.
        assert_eq!(
            g(-80.0, 5.0, 800.0).direction(300.0, false),
            Some(Direction::Next)
        );
        assert_eq!(g(-70.0, 5.0, 800.0).direction(300.0, false), None);
        // A flick: short but fast.
        assert_eq!(
            g(30.0, 0.0, 50.0).direction(300.0, false),
            Some(Direction::Previous)
        );
        assert_eq!(
            g(15.0, 0.0, 10.0).direction(300.0, false),
            None,
            "too short"
        );
        // Mostly vertical: the page scrolls.
        assert_eq!(g(-100.0, 120.0, 100.0).direction(300.0, false), None);
        assert_eq!(g(f64::NAN, 0.0, 100.0).direction(300.0, false), None);
        // Right to left: dragging right shows the next.
        assert_eq!(
            g(80.0, 0.0, 800.0).direction(300.0, true),
            Some(Direction::Next)
        );
        let mut s = slides(3, 1, false, false);
        assert!(s.swipe(g(-200.0, 0.0, 300.0), 300.0, 0.0));
        assert_eq!(s.current(), 1);
        assert!(!s.swipe(g(-5.0, 0.0, 300.0), 300.0, 0.0));
    }

    #[test]
    fn rotation_is_off_by_default_and_never_runs_under_reduced_motion() {
        let off = Rotation::new(None, false, 0.0);
        assert!(!off.available() && !off.rotating());
        let mut reduced = Rotation::new(Some(5000), true, 0.0);
        assert!(!reduced.available(), "no control either");
        reduced.toggle(0.0);
        reduced.toggle(0.0);
        assert!(!reduced.rotating() && !reduced.due(60_000.0));
        let mut s = Slides::new(
            3,
            Layout {
                per_view: 1,
                peek: false,
            },
            true,
            false,
            Rotation::new(Some(5000), false, 0.0),
        );
        assert_eq!(s.live(), "off", "no announcements while rotating");
        assert!(!s.advance(4999.0));
        assert!(s.advance(5000.0));
        assert!(s.advance(10_000.0));
        assert!(s.advance(15_000.0));
        assert_eq!(s.current(), 0, "round again after the last");
        assert_eq!(s.rotation.wait(16_000.0), Some(4000.0));
        s.rotation.set_reduced_motion(true);
        assert!(!s.advance(60_000.0));
        assert_eq!(s.live(), "polite");
    }

    #[test]
    fn hover_pauses_rotation_focus_and_plays_stop_it_until_start() {
        let mut r = Rotation::new(Some(5000), false, 0.0);
        assert_eq!(r.control_label(Lang::En), "Stop rotation");
        r.hover(true, 1000.0);
        assert!(!r.due(9000.0), "paused under the pointer");
        r.hover(false, 9000.0);
        assert!(!r.due(13_000.0), "a full interval after leaving");
        assert!(r.due(14_000.0));
        r.focus(true);
        assert!(r.is_stopped() && !r.rotating());
        assert_eq!(r.control_label(Lang::En), "Start rotation");
        r.focus(false);
        assert!(r.is_stopped(), "focus leaving does not restart it");
        // Pressing start with focus inside: focus moving within does not stop it again.
        r.focus(true);
        r.toggle(20_000.0);
        r.focus(true);
        assert!(r.rotating());
        assert!(r.due(25_000.0));
        r.toggle(26_000.0);
        assert!(!r.rotating(), "the member's stop");
        let mut s = Slides::new(
            3,
            Layout {
                per_view: 1,
                peek: false,
            },
            true,
            false,
            Rotation::new(Some(5000), false, 0.0),
        );
        s.played();
        assert!(!s.rotation.rotating(), "a video playing stops rotation");
    }

    #[test]
    fn manual_moves_reset_rotations_timer_and_allow_warming_connections() {
        let mut s = Slides::new(
            4,
            Layout {
                per_view: 1,
                peek: false,
            },
            true,
            false,
            Rotation::new(Some(5000), false, 0.0),
        );
        assert!(!s.may_warm(), "never on the page's load");
        s.go(Direction::Next, 4000.0);
        assert!(s.may_warm());
        assert!(!s.advance(8000.0), "an interval after the member's move");
        assert!(s.advance(9000.0));
        assert_eq!(s.current(), 2);
        let mut t = slides(2, 1, false, false);
        t.interact();
        assert!(t.may_warm());
    }
}
