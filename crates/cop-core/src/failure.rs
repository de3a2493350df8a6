//! Every way fetching a widget's data can fail, each with its own message, a stable code for
//! the `cop:error` event, and whether an automatic retry can help.

use crate::i18n::{fill, Lang, Msg};
use crate::mapping::{Kind, ShapeError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The browser says it has no network.
    Offline,
    /// The request never got an HTTP answer: server down, DNS, or refused by CORS (the
    /// browser does not tell these apart, on purpose).
    Unreachable,
    Timeout,
    Unauthorized,
    Forbidden,
    NotFound,
    RateLimited,
    /// A 5xx answer.
    Server(u16),
    /// Any other non-2xx answer.
    Http(u16),
    /// The body is not JSON.
    Malformed,
    /// The body is JSON, but not of the form the widget's model and mapping need.
    WrongShape(ShapeError),
    /// The community has no member with this id (a batch answer's `unknown`).
    NotMember(String),
    /// No member with this id exists at all (a batch answer's `not_found`).
    UnknownMember(String),
    /// The widget kind's own code (its wasm chunk) did not arrive: offline, a 404, an aborted
    /// download. Asking again may fetch it.
    NotLoaded,
    /// A carousel's community runs no cycle today (the project's 404 with the problem code
    /// `no-current-cycle`): nothing is wrong with the widget.
    NoCycle,
}

impl Failure {
    /// The failure an HTTP status means, or `None` for a success (2xx).
    pub fn from_status(status: u16) -> Option<Failure> {
        Some(match status {
            200..=299 => return None,
            401 => Failure::Unauthorized,
            403 => Failure::Forbidden,
            404 | 410 => Failure::NotFound,
            429 => Failure::RateLimited,
            500..=599 => Failure::Server(status),
            _ => Failure::Http(status),
        })
    }

    /// Whether retrying the same idempotent request may succeed without anyone changing
    /// anything: transient network trouble and server overload, not a 404 or bad JSON.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Failure::Unreachable
                | Failure::Timeout
                | Failure::RateLimited
                | Failure::Server(500 | 502 | 503 | 504)
        )
    }

    /// Whether a *Try again* button is worth showing: asking again about a member the
    /// community does not have, or whom no one knows, cannot give another answer.
    /// A pointer of the placeholder's own (`data-map-<field>`) that finds nothing is a
    /// configuration mistake: only its admin can fix it.
    pub fn retry_may_help(&self) -> bool {
        match self {
            Failure::NotMember(_) | Failure::UnknownMember(_) | Failure::NoCycle => false,
            Failure::WrongShape(shape) => !shape.mapped,
            _ => true,
        }
    }

    /// A stable, untranslated code for `cop:error`'s `detail.reason`.
    pub fn code(&self) -> String {
        match self {
            Failure::Offline => "offline".into(),
            Failure::Unreachable => "unreachable".into(),
            Failure::Timeout => "timeout".into(),
            Failure::Unauthorized => "http-401".into(),
            Failure::Forbidden => "http-403".into(),
            Failure::NotFound => "http-404".into(),
            Failure::RateLimited => "http-429".into(),
            Failure::Server(status) | Failure::Http(status) => format!("http-{status}"),
            Failure::Malformed => "malformed-json".into(),
            Failure::WrongShape(shape) if shape.list.is_some() => "wrong-items".into(),
            Failure::WrongShape(shape) if shape.mapped => "wrong-map".into(),
            Failure::WrongShape(_) => "wrong-shape".into(),
            Failure::NotMember(_) => "not-member".into(),
            Failure::UnknownMember(_) => "unknown-member".into(),
            Failure::NotLoaded => "not-loaded".into(),
            Failure::NoCycle => "no-current-cycle".into(),
        }
    }

    /// The failure a [`code`](Failure::code) stands for; `None` for codes that carry more
    /// than the code says (a wrong shape) or that are unknown. Failures cross a shared
    /// JavaScript Promise as their codes.
    ///
    /// `src/fetch.js` gives an HTTP failure as `http-<status>`, followed by a space and the
    /// answer's problem `code` when it has one: the codes the widgets act on become their
    /// failure, any other is its status's.
    pub fn from_code(code: &str) -> Option<Failure> {
        Some(match code {
            "offline" => Failure::Offline,
            "unreachable" => Failure::Unreachable,
            "timeout" => Failure::Timeout,
            "malformed-json" => Failure::Malformed,
            "no-current-cycle" | "http-404 no-current-cycle" => Failure::NoCycle,
            _ => {
                let status = code.strip_prefix("http-")?;
                let status = status.split_once(' ').map_or(status, |(status, _)| status);
                Failure::from_status(status.parse().ok()?)?
            }
        })
    }

    /// What the member reads in the widget.
    pub fn message(&self, lang: Lang) -> String {
        let simple = |msg: Msg| msg.text(lang).to_owned();
        match self {
            Failure::Offline => simple(Msg::FailOffline),
            Failure::Unreachable => simple(Msg::FailUnreachable),
            Failure::Timeout => simple(Msg::FailTimeout),
            Failure::Unauthorized => simple(Msg::FailUnauthorized),
            Failure::Forbidden => simple(Msg::FailForbidden),
            Failure::NotFound => simple(Msg::FailNotFound),
            Failure::RateLimited => simple(Msg::FailRateLimited),
            Failure::Server(status) => fill(
                Msg::FailServer.text(lang),
                &[("status", &status.to_string())],
            ),
            Failure::Http(status) => {
                fill(Msg::FailHttp.text(lang), &[("status", &status.to_string())])
            }
            Failure::Malformed => simple(Msg::FailMalformed),
            Failure::NotLoaded => simple(Msg::FailNotLoaded),
            Failure::NoCycle => simple(Msg::CarouselNoCycle),
            Failure::NotMember(member) => {
                fill(Msg::BadgeNotMember.text(lang), &[("member", member)])
            }
            Failure::UnknownMember(member) => {
                fill(Msg::BadgeUnknownMember.text(lang), &[("member", member)])
            }
            Failure::WrongShape(shape) => {
                let kind = match shape.kind {
                    Kind::Text => Msg::KindText,
                    Kind::Id => Msg::KindId,
                    Kind::Number => Msg::KindNumber,
                    Kind::Count => Msg::KindCount,
                    Kind::Boolean => Msg::KindBoolean,
                    Kind::List => Msg::KindList,
                    Kind::Any => Msg::KindValue,
                };
                let pointer = if shape.pointer.is_empty() {
                    "\"\""
                } else {
                    &shape.pointer
                };
                let message = match (&shape.list, shape.mapped) {
                    (Some(_), _) => Msg::FailWrongItems,
                    (None, true) => Msg::FailWrongMap,
                    (None, false) => Msg::FailWrongShape,
                };
                fill(
                    message.text(lang),
                    &[
                        ("kind", kind.text(lang)),
                        ("field", &shape.field),
                        ("pointer", pointer),
                        ("list", shape.list.as_deref().unwrap_or_default()),
                    ],
                )
            }
        }
    }
}

/// Milliseconds to wait before automatic retry number `retry` (0-based): 400 ms, 1.2 s, 3.6 s…
/// capped at 10 s, so a flapping backend is not hammered.
pub fn backoff_ms(retry: u32) -> u32 {
    400u32
        .saturating_mul(3u32.saturating_pow(retry))
        .min(10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retrying_is_offered_unless_the_answer_cannot_change() {
        assert!(Failure::Offline.retry_may_help());
        assert!(Failure::Http(404).retry_may_help());
        assert!(Failure::NotLoaded.retry_may_help());
        assert!(!Failure::NotMember("m-42".into()).retry_may_help());
        assert!(!Failure::UnknownMember("m-42".into()).retry_may_help());
    }

    #[test]
    fn statuses_map_to_distinct_failures() {
        assert_eq!(Failure::from_status(200), None);
        assert_eq!(Failure::from_status(204), None);
        assert_eq!(Failure::from_status(401), Some(Failure::Unauthorized));
        assert_eq!(Failure::from_status(403), Some(Failure::Forbidden));
        assert_eq!(Failure::from_status(404), Some(Failure::NotFound));
        assert_eq!(Failure::from_status(429), Some(Failure::RateLimited));
        assert_eq!(Failure::from_status(503), Some(Failure::Server(503)));
        assert_eq!(Failure::from_status(400), Some(Failure::Http(400)));
        assert_eq!(Failure::from_status(304), Some(Failure::Http(304)));
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(Failure::Timeout.is_transient());
        assert!(Failure::Unreachable.is_transient());
        assert!(Failure::Server(503).is_transient());
        assert!(!Failure::Server(501).is_transient());
        assert!(!Failure::NotFound.is_transient());
        assert!(!Failure::Unauthorized.is_transient());
        assert!(!Failure::Malformed.is_transient());
        assert!(
            !Failure::Offline.is_transient(),
            "offline waits for the online event instead"
        );
    }

    /// One of each kind of failure.
    fn every_kind() -> Vec<Failure> {
        vec![
            Failure::Offline,
            Failure::Unreachable,
            Failure::Timeout,
            Failure::Unauthorized,
            Failure::Forbidden,
            Failure::NotFound,
            Failure::RateLimited,
            Failure::Server(500),
            Failure::Http(400),
            Failure::Malformed,
            Failure::WrongShape(ShapeError {
                field: "name".into(),
                pointer: "/name".into(),
                kind: Kind::Text,
                mapped: false,
                list: None,
            }),
            Failure::WrongShape(ShapeError {
                field: "name".into(),
                pointer: "/name".into(),
                kind: Kind::Text,
                mapped: true,
                list: None,
            }),
            Failure::WrongShape(ShapeError {
                field: "levels.level".into(),
                pointer: "/level".into(),
                kind: Kind::Text,
                mapped: true,
                list: Some("/levels".into()),
            }),
            Failure::NotMember("m-42".into()),
            Failure::UnknownMember("m-42".into()),
            Failure::NoCycle,
        ]
    }

    #[test]
    fn every_failure_has_its_own_message_and_code() {
        let all = every_kind();
        for lang in Lang::ALL {
            let messages: std::collections::HashSet<String> =
                all.iter().map(|f| f.message(lang)).collect();
            assert_eq!(messages.len(), all.len(), "messages repeat in {lang:?}");
        }
        let codes: std::collections::HashSet<String> = all.iter().map(Failure::code).collect();
        assert_eq!(codes.len(), all.len());
    }

    #[test]
    fn codes_round_trip() {
        // Failures that name a field or a member carry more than their code says; every
        // other failure round-trips.
        for failure in every_kind().into_iter().filter(|f| {
            !matches!(
                f,
                Failure::WrongShape(_) | Failure::NotMember(_) | Failure::UnknownMember(_)
            )
        }) {
            assert_eq!(
                Failure::from_code(&failure.code()),
                Some(failure.clone()),
                "{failure:?}"
            );
        }
        assert_eq!(Failure::from_code("http-502"), Some(Failure::Server(502)));
        assert_eq!(Failure::from_code("http-418"), Some(Failure::Http(418)));
        // The answer's problem code, after the status: those the widgets act on, and others.
        assert_eq!(
            Failure::from_code("http-404 no-current-cycle"),
            Some(Failure::NoCycle)
        );
        assert_eq!(
            Failure::from_code("http-404 unknown-community"),
            Some(Failure::NotFound)
        );
        assert_eq!(
            Failure::from_code("http-503 overloaded"),
            Some(Failure::Server(503))
        );
        assert_eq!(Failure::from_code("wrong-shape"), None);
        assert_eq!(Failure::from_code("not-member"), None);
        assert_eq!(Failure::from_code("http-200"), None);
        assert_eq!(Failure::from_code("http-x"), None);
    }

    #[test]
    fn messages_carry_their_details() {
        assert!(Failure::Server(502).message(Lang::En).contains("502"));
        let shape = Failure::WrongShape(ShapeError {
            field: "name".into(),
            pointer: "/data/title".into(),
            kind: Kind::Text,
            mapped: false,
            list: None,
        });
        assert_eq!(
            shape.message(Lang::En),
            "The server's answer is not in the expected form: no text for “name” at /data/title."
        );
        assert!(shape.message(Lang::De).contains("/data/title"));
        assert!(
            shape.retry_may_help(),
            "the server may answer right next time"
        );
        // The admin's own pointer: the attribute is named, and no retry is offered.
        let mapped = Failure::WrongShape(ShapeError {
            field: "level".into(),
            pointer: "/tier_name".into(),
            kind: Kind::Text,
            mapped: true,
            list: None,
        });
        assert_eq!(
            mapped.message(Lang::En),
            "data-map-level points at /tier_name, where the answer has no text. Check that attribute against the backend's JSON."
        );
        assert!(!mapped.retry_may_help());
        assert_eq!(mapped.code(), "wrong-map");
    }

    #[test]
    fn a_list_of_unreadable_items_names_the_item_attribute_with_no_retry() {
        let failure = Failure::WrongShape(ShapeError {
            field: "levels.count".into(),
            pointer: "/count".into(),
            kind: Kind::Number,
            mapped: true,
            list: Some("/levels".into()),
        });
        assert_eq!(
            failure.message(Lang::En),
            "No item of the list at /levels has a value at /count (number). Set data-map-levels.count to where each item holds it (a pointer inside the item)."
        );
        for lang in Lang::ALL {
            let message = failure.message(lang);
            assert!(
                message.contains("data-map-levels.count") && message.contains("/levels"),
                "{message}"
            );
        }
        assert!(!failure.retry_may_help());
        assert_eq!(failure.code(), "wrong-items");
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_ms(0), 400);
        assert_eq!(backoff_ms(1), 1200);
        assert_eq!(backoff_ms(2), 3600);
        assert_eq!(backoff_ms(5), 10_000);
        assert_eq!(backoff_ms(u32::MAX), 10_000);
    }
}
