//! Impressions and selections of one page view, pure: the selection rate's raw numbers.
//!
//! An **impression** is a slide at least half visible ([`IMPRESSION_RATIO`]) for at least one
//! second ([`IMPRESSION_MS`]) without a break, while the page itself is visible; a
//! **selection** is a play. Each counts at most once per video per page view. The view feeds
//! the tracker what its `IntersectionObserver` sees (video id, visible ratio, time in ms),
//! plays and the page's visibility, and on `pagehide` / `visibilitychange` to hidden sends
//! [`Tracker::flush`]'s batches with `navigator.sendBeacon` (or `fetch` with `keepalive`), so
//! closing the tab loses nothing. What was flushed is not sent again; what could not be sent
//! goes back with [`Tracker::unsent`]. The page-view id makes resending harmless: the server
//! counts each (page view, video, kind) once (`contract::EventBatch`).

use crate::contract::EventBatch;
use crate::video::{is_id, is_page_view, BATCH_EVENTS_MAX};

/// A slide counts as shown when at least this share of it is visible…
pub const IMPRESSION_RATIO: f64 = 0.5;
/// …for at least this long, without a break.
pub const IMPRESSION_MS: f64 = 1000.0;

/// A page-view id from 16 random bytes (`crypto.getRandomValues`): 32 hex digits, which
/// the events endpoint accepts (8 to 64 letters, digits, `-`, `_`).
pub fn page_view_id(random: &[u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(32);
    for byte in random {
        id.push(char::from(HEX[usize::from(byte >> 4)]));
        id.push(char::from(HEX[usize::from(byte & 0xF)]));
    }
    id
}

#[derive(Clone, Debug, PartialEq)]
struct Seen {
    id: String,
    ratio: f64,
    /// Since when it has been at least half visible on a visible page.
    since: Option<f64>,
}

/// Events of one kind: every one ever recorded in this page view, and those not sent yet.
#[derive(Clone, Debug, Default, PartialEq)]
struct Log {
    counted: Vec<String>,
    pending: Vec<String>,
}

impl Log {
    fn record(&mut self, id: &str) {
        if !self.counted.iter().any(|c| c == id) {
            self.counted.push(id.to_owned());
            self.pending.push(id.to_owned());
        }
    }

    fn take(&mut self) -> Vec<String> {
        let n = self.pending.len().min(BATCH_EVENTS_MAX);
        self.pending.drain(..n).collect()
    }

    fn put_back(&mut self, ids: Vec<String>) {
        for id in ids {
            if self.counted.contains(&id) && !self.pending.contains(&id) {
                self.pending.push(id);
            }
        }
    }
}

/// One page view's impressions and selections.
#[derive(Clone, Debug, PartialEq)]
pub struct Tracker {
    page_view: String,
    seen: Vec<Seen>,
    page_hidden: bool,
    impressions: Log,
    selections: Log,
}

impl Tracker {
    /// A tracker for the page view `page_view` (see [`page_view_id`]); `None` if the events
    /// endpoint would refuse the id.
    pub fn new(page_view: &str) -> Option<Tracker> {
        is_page_view(page_view).then(|| Tracker {
            page_view: page_view.to_owned(),
            seen: Vec::new(),
            page_hidden: false,
            impressions: Log::default(),
            selections: Log::default(),
        })
    }

    pub fn page_view(&self) -> &str {
        &self.page_view
    }

    /// Counts `id` shown if it has been half visible for a second by `now`.
    fn settle(seen: &Seen, now: f64, impressions: &mut Log) {
        if let Some(since) = seen.since {
            if now - since >= IMPRESSION_MS {
                impressions.record(&seen.id);
            }
        }
    }

    /// The `IntersectionObserver` saw slide `id` with `ratio` of it visible at `now` (ms).
    /// Ids the events endpoint would refuse (not 1 to 100 visible ASCII characters) are not
    /// tracked: one would spoil the whole batch.
    pub fn observe(&mut self, id: &str, ratio: f64, now: f64) {
        if !is_id(id) || !now.is_finite() {
            return;
        }
        let ratio = if ratio.is_finite() { ratio } else { 0.0 };
        let index = match self.seen.iter().position(|s| s.id == id) {
            Some(index) => index,
            None => {
                self.seen.push(Seen {
                    id: id.to_owned(),
                    ratio: 0.0,
                    since: None,
                });
                self.seen.len() - 1
            }
        };
        let page_hidden = self.page_hidden;
        let seen = &mut self.seen[index];
        if ratio >= IMPRESSION_RATIO {
            if seen.since.is_none() && !page_hidden {
                seen.since = Some(now);
            }
        } else {
            Self::settle(seen, now, &mut self.impressions);
            seen.since = None;
        }
        seen.ratio = ratio;
    }

    /// Counts every slide that has been half visible for a second by `now`: the view calls it
    /// from a timer ([`Tracker::wait`]), since the observer says nothing while nothing moves.
    pub fn tick(&mut self, now: f64) {
        for seen in &self.seen {
            Self::settle(seen, now, &mut self.impressions);
        }
    }

    /// Milliseconds until the next impression could complete, for the view's timer; `None`
    /// when no slide is on its way to one.
    pub fn wait(&self, now: f64) -> Option<f64> {
        self.seen
            .iter()
            .filter(|s| !self.impressions.counted.contains(&s.id))
            .filter_map(|s| s.since)
            .map(|since| (since + IMPRESSION_MS - now).max(0.0))
            .reduce(f64::min)
    }

    /// The page was hidden (`true`: another tab, a minimised window) or shown again. Time
    /// hidden does not count: a slide must be seen for a second on a visible page.
    pub fn page_hidden(&mut self, hidden: bool, now: f64) {
        if hidden && !self.page_hidden {
            self.tick(now);
            for seen in &mut self.seen {
                seen.since = None;
            }
        } else if !hidden && self.page_hidden {
            for seen in &mut self.seen {
                if seen.ratio >= IMPRESSION_RATIO {
                    seen.since = Some(now);
                }
            }
        }
        self.page_hidden = hidden;
    }

    /// The member played video `id`: a selection (which the server counts as shown too).
    pub fn play(&mut self, id: &str) {
        if is_id(id) {
            self.selections.record(id);
        }
    }

    /// Whether anything is waiting to be sent.
    pub fn has_pending(&self) -> bool {
        !self.impressions.pending.is_empty() || !self.selections.pending.is_empty()
    }

    /// The next batch to send at `now` (impressions complete by then are counted first), at
    /// most [`BATCH_EVENTS_MAX`] of each kind: call again until `None`. What it returns is no
    /// longer pending, so a later flush sends only newer events.
    pub fn flush(&mut self, now: f64) -> Option<EventBatch> {
        if !self.page_hidden {
            self.tick(now);
        }
        if !self.has_pending() {
            return None;
        }
        Some(EventBatch {
            page_view: self.page_view.clone(),
            impressions: self.impressions.take(),
            selections: self.selections.take(),
        })
    }

    /// A batch that could not be sent (`sendBeacon` refused it, `fetch` failed): pending
    /// again, for the next flush.
    pub fn unsent(&mut self, batch: EventBatch) {
        if batch.page_view == self.page_view {
            self.impressions.put_back(batch.impressions);
            self.selections.put_back(batch.selections);
        }
    }
}

/// The batch as the events endpoint reads it: `{"page_view":…,"impressions":[…],"selections":[…]}`
/// (written by hand: the wasm carries no JSON serializer).
pub fn body(batch: &EventBatch) -> String {
    let mut out =
        String::with_capacity(64 + 16 * (batch.impressions.len() + batch.selections.len()));
    out.push_str("{\"page_view\":");
    push_string(&mut out, &batch.page_view);
    for (name, ids) in [
        ("impressions", &batch.impressions),
        ("selections", &batch.selections),
    ] {
        out.push_str(",\"");
        out.push_str(name);
        out.push_str("\":[");
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_string(&mut out, id);
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn push_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 0xF]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::video::validate_events;

    fn tracker() -> Tracker {
        Tracker::new(&page_view_id(&[0xab; 16])).unwrap()
    }

    fn sent(batch: &Option<EventBatch>) -> (Vec<&str>, Vec<&str>) {
        let batch = batch.as_ref().expect("a batch");
        (
            batch.impressions.iter().map(String::as_str).collect(),
            batch.selections.iter().map(String::as_str).collect(),
        )
    }

    #[test]
    fn page_view_ids_are_ones_the_endpoint_accepts() {
        let id = page_view_id(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255]);
        assert_eq!(id, "000102030405060708090a0b0c0d0eff");
        assert!(is_page_view(&id));
        assert!(Tracker::new("short").is_none());
        assert!(Tracker::new("has space 123").is_none());
    }

    #[test]
    fn half_visible_for_a_second_without_a_break_is_an_impression() {
        let mut t = tracker();
        t.observe("a", 0.6, 0.0);
        t.observe("a", 0.4, 999.0);
        assert_eq!(t.flush(5000.0), None, "999 ms is not a second");
        t.observe("a", 0.5, 2000.0);
        t.observe("a", 0.2, 3000.0);
        assert_eq!(sent(&t.flush(3000.0)), (vec!["a"], vec![]));
        // Seen again and again: counted once per page view.
        t.observe("a", 1.0, 4000.0);
        t.observe("a", 0.0, 9000.0);
        assert_eq!(t.flush(9000.0), None);
        // Below half the whole time.
        t.observe("b", 0.49, 0.0);
        t.tick(60_000.0);
        assert!(!t.has_pending());
    }

    #[test]
    fn a_slide_still_in_view_counts_on_the_timer_or_the_flush() {
        let mut t = tracker();
        t.observe("a", 1.0, 100.0);
        t.observe("b", 0.7, 600.0);
        assert_eq!(t.wait(100.0), Some(1000.0));
        t.tick(1100.0);
        assert_eq!(t.wait(1100.0), Some(500.0), "b is half a second away");
        assert_eq!(sent(&t.flush(1100.0)), (vec!["a"], vec![]));
        assert_eq!(
            sent(&t.flush(1600.0)),
            (vec!["b"], vec![]),
            "the flush ticks"
        );
        assert_eq!(t.wait(2000.0), None);
    }

    #[test]
    fn time_on_a_hidden_page_does_not_count() {
        let mut t = tracker();
        t.observe("a", 1.0, 0.0);
        t.page_hidden(true, 500.0);
        t.observe("b", 1.0, 600.0);
        assert_eq!(t.flush(10_000.0), None, "half a second, then hidden");
        t.page_hidden(false, 20_000.0);
        assert_eq!(t.flush(20_999.0), None);
        assert_eq!(sent(&t.flush(21_000.0)), (vec!["a", "b"], vec![]));
        // Hiding settles what was complete before.
        t.observe("c", 1.0, 30_000.0);
        t.page_hidden(true, 31_500.0);
        assert_eq!(sent(&t.flush(40_000.0)), (vec!["c"], vec![]));
    }

    #[test]
    fn plays_are_selections_once_per_video() {
        let mut t = tracker();
        t.play("a");
        t.play("a");
        t.play("b");
        assert_eq!(sent(&t.flush(0.0)), (vec![], vec!["a", "b"]));
        t.play("a");
        assert_eq!(t.flush(0.0), None);
    }

    #[test]
    fn ids_the_endpoint_would_refuse_are_not_tracked() {
        let mut t = tracker();
        t.observe("a b", 1.0, 0.0);
        t.observe("", 1.0, 0.0);
        t.observe("ok", f64::NAN, 0.0);
        t.play("é");
        t.tick(5000.0);
        assert_eq!(t.flush(5000.0), None);
    }

    #[test]
    fn flushes_send_only_new_events_and_unsent_batches_come_back() {
        let mut t = tracker();
        t.observe("a", 1.0, 0.0);
        t.play("a");
        let first = t.flush(1000.0);
        assert_eq!(sent(&first), (vec!["a"], vec!["a"]));
        assert!(!t.has_pending());
        t.observe("b", 1.0, 1000.0);
        assert_eq!(sent(&t.flush(2000.0)), (vec!["b"], vec![]));
        // The first beacon was refused: it goes out with the next flush, nothing twice.
        t.unsent(first.unwrap());
        t.play("c");
        assert_eq!(sent(&t.flush(3000.0)), (vec!["a"], vec!["a", "c"]));
        // Another page view's batch is not ours.
        let mut other = tracker();
        other.play("z");
        let theirs = EventBatch {
            page_view: "another-page-view".into(),
            impressions: vec![],
            selections: vec!["z".into()],
        };
        t.unsent(theirs);
        assert!(!t.has_pending());
    }

    #[test]
    fn batches_are_cut_at_the_endpoints_limit() {
        let mut t = tracker();
        for n in 0..(BATCH_EVENTS_MAX + 3) {
            t.play(&format!("v{n}"));
        }
        assert_eq!(t.flush(0.0).unwrap().selections.len(), BATCH_EVENTS_MAX);
        assert_eq!(t.flush(0.0).unwrap().selections.len(), 3);
        assert_eq!(t.flush(0.0), None);
    }

    #[test]
    fn the_body_is_exactly_what_the_events_endpoint_accepts() {
        let mut t = tracker();
        t.observe("v\"1\\", 1.0, 0.0);
        t.observe("v2", 1.0, 0.0);
        t.play("v2");
        let batch = t.flush(1000.0).unwrap();
        let text = body(&batch);
        assert_eq!(
            text,
            r#"{"page_view":"abababababababababababababababab","impressions":["v\"1\\","v2"],"selections":["v2"]}"#
        );
        // The server's own reading: deny_unknown_fields, then its rules.
        let read: EventBatch = serde_json::from_str(&text).unwrap();
        assert_eq!(read, batch);
        assert!(validate_events(&read).is_empty());
        let empty = EventBatch {
            page_view: "p".into(),
            impressions: vec![],
            selections: vec![],
        };
        assert_eq!(
            body(&empty),
            r#"{"page_view":"p","impressions":[],"selections":[]}"#
        );
        let mut control = String::new();
        push_string(&mut control, "a\u{1}\n");
        assert_eq!(control, r#""a\u0001\u000a""#);
    }
}
