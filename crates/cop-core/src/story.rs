//! Value-creation stories: the template's cycles and the rules a story must meet, applied the
//! same way by the form in the browser and by the server.
//!
//! A story may start in any cycle and skip cycles; a story that ends in "it did not apply" or
//! in a failure is still a story. By default it needs a title, the activity (immediate value)
//! and at least one further cycle; a community can ask for more.

use crate::contract::{FieldError, StoryRequest};
use crate::i18n::{fill, Lang, Msg};
use crate::mapping::{Field, Item, Kind};
use crate::text::{has_visible, is_forbidden_control, is_format};

/// The cycles of value creation, in the template's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cycle {
    /// What got you involved? What was the activity?
    Immediate,
    /// What did you get out of it: an insight, a document, a relationship, advice?
    Potential,
    /// How did you apply it, or did it not apply?
    Applied,
    /// What was the result, including a failure?
    Realized,
    /// Did it change how you see things?
    Reframing,
    /// Was there a connection to strategy?
    Strategic,
    /// What made it possible: leadership, sponsorship, technology, the support team?
    Enabling,
    /// Did you feed it back into the community?
    Loop,
}

impl Cycle {
    pub const ALL: [Cycle; 8] = [
        Cycle::Immediate,
        Cycle::Potential,
        Cycle::Applied,
        Cycle::Realized,
        Cycle::Reframing,
        Cycle::Strategic,
        Cycle::Enabling,
        Cycle::Loop,
    ];

    /// The name in the JSON contract and in `data-questions` / `data-required`.
    pub fn name(self) -> &'static str {
        CYCLE_NAMES[self as usize]
    }

    pub fn from_name(name: &str) -> Option<Cycle> {
        Cycle::ALL.into_iter().find(|cycle| cycle.name() == name)
    }
}

/// Which answers a story must have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirements {
    /// Cycles that must be answered.
    pub cycles: Vec<Cycle>,
    /// Whether at least one cycle beyond those must be answered too.
    pub one_more: bool,
}

impl Default for Requirements {
    /// The activity, and at least one further cycle.
    fn default() -> Requirements {
        Requirements {
            cycles: vec![Cycle::Immediate],
            one_more: true,
        }
    }
}

/// What the form reads back from the answer to its POST, the story as stored; each field may
/// be mapped with `data-map-<field>` like a badge's (`data-map-id="/data/id"`,
/// `data-map-url="/data/links/self"`, `data-map-answers.text="/body"`). All optional: the
/// story is stored whatever the answer holds. Without a `url`, the link is the form's
/// endpoint followed by `/{id}`.
pub const STORED_FIELDS: &[Field] = &[
    Field {
        name: "id",
        pointer: "/id",
        kind: Kind::Id,
        required: false,
        items: &[],
    },
    Field {
        name: "url",
        pointer: "/url",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "title",
        pointer: "/title",
        kind: Kind::Text,
        required: false,
        items: &[],
    },
    Field {
        name: "answers",
        pointer: "/answers",
        // Any: a backend that echoes the request's body answers with the posted object of
        // answers by cycle, not the contract's list; the story is stored all the same.
        kind: Kind::Any,
        required: false,
        items: &[
            Item::new("cycle", "/cycle", Kind::Text),
            Item::new("text", "/text", Kind::Text),
        ],
    },
];

pub const TITLE_MAX: usize = 120;
pub const ANSWER_MAX: usize = 4000;
pub const LINKS_MAX: usize = 10;
pub const LINK_MAX: usize = 2000;
pub const TAGS_MAX: usize = 10;
pub const TAG_MAX: usize = 40;

/// A tag as stored: trimmed, lower-cased, inner white space folded to one space.
pub fn normalize_tag(tag: &str) -> String {
    fold_spaces(tag).to_lowercase()
}

/// Trimmed, inner white space folded to one space. (Validation stops here: lower-casing
/// changes no rule's verdict, and Rust's case tables would cost the wasm 6 KB.)
fn fold_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a member reads for a rule a story breaks, in their language: `code` as in
/// [`FieldError::code`], the same on the server (whose answers carry the English) and in the
/// form (which shows a server's field errors in the member's language by their code).
pub fn message(code: &str, pointer: &str, lang: Lang) -> String {
    rule_message(code, pointer, lang).unwrap_or_else(|| Msg::StoryInvalid.text(lang).to_owned())
}

/// What the form shows for a field error from any backend: one of these rules in the member's
/// language; a rule of the backend's own in the backend's words, which only it knows.
pub fn message_of(error: &FieldError, lang: Lang) -> String {
    rule_message(&error.code, &error.pointer, lang)
        .or_else(|| Some(error.message.trim().to_owned()).filter(|text| !text.is_empty()))
        .unwrap_or_else(|| Msg::StoryInvalid.text(lang).to_owned())
}

fn rule_message(code: &str, pointer: &str, lang: Lang) -> Option<String> {
    let on_title = pointer == "/title";
    let msg = match code {
        "required" if on_title => Msg::StoryTitleRequired,
        "required" => Msg::StoryAnswerRequired,
        "too-long" if on_title => Msg::StoryTitleTooLong,
        "too-long" => Msg::StoryAnswerTooLong,
        "control-characters" if on_title => Msg::StoryTitleOneLine,
        "control-characters" => Msg::StoryControlCharacters,
        "one-more-cycle" => Msg::StoryOneMoreCycle,
        "unknown-cycle" => Msg::StoryUnknownCycle,
        "invalid-url" => Msg::StoryInvalidUrl,
        "too-many" if pointer == "/links" => Msg::StoryTooManyLinks,
        "too-many" => Msg::StoryTooManyTags,
        "invalid-tag" => Msg::StoryInvalidTag,
        _ => return None,
    };
    let limit = match msg {
        Msg::StoryTitleTooLong => TITLE_MAX,
        Msg::StoryAnswerTooLong => ANSWER_MAX,
        Msg::StoryTooManyLinks => LINKS_MAX,
        Msg::StoryTooManyTags => TAGS_MAX,
        _ => TAG_MAX,
    };
    Some(fill(msg.text(lang), &[("max", &limit.to_string())]))
}

fn error(pointer: &str, code: &str) -> FieldError {
    FieldError::new(pointer, code, message(code, pointer, Lang::En))
}

/// A story's parts as the rules see them: the contract's request, or the form's draft.
pub struct Parts<'a> {
    pub title: &'a str,
    /// `(cycle name, answer)`; the form sends every cycle, the contract only those answered.
    pub answers: Vec<(&'a str, &'a str)>,
    pub links: &'a [String],
    pub tags: &'a [String],
}

/// Every rule the story breaks, each with the pointer of its field. Nothing is changed: the
/// member's text stays as typed (the server stores it trimmed, as plain text).
pub fn validate(story: &StoryRequest, requirements: &Requirements) -> Vec<FieldError> {
    let answers = story
        .answers
        .iter()
        .map(|(name, answer)| (name.as_str(), answer.as_str()))
        .collect();
    check(
        &Parts {
            title: &story.title,
            answers,
            links: &story.links,
            tags: &story.tags,
        },
        requirements,
    )
}

/// [`validate`] on a story's parts (what the form runs, without building a request).
pub fn check(story: &Parts, requirements: &Requirements) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let chars = |text: &str| text.chars().count();
    let title = story.title.trim();
    if !has_visible(title) {
        errors.push(error("/title", "required"));
    } else if chars(title) > TITLE_MAX {
        errors.push(error("/title", "too-long"));
    }
    if story.title.chars().any(is_forbidden_control) {
        errors.push(error("/title", "control-characters"));
    }

    for (name, answer) in &story.answers {
        let (name, answer) = (*name, *answer);
        let pointer = format!("/answers/{name}");
        if Cycle::from_name(name).is_none() {
            errors.push(error(&pointer, "unknown-cycle"));
        } else if chars(answer.trim()) > ANSWER_MAX {
            errors.push(error(&pointer, "too-long"));
        } else if answer
            .chars()
            .any(|c| is_forbidden_control(c) && c != '\n' && c != '\r' && c != '\t')
        {
            errors.push(error(&pointer, "control-characters"));
        }
    }
    let answered = |cycle: Cycle| {
        story
            .answers
            .iter()
            .any(|(name, answer)| *name == cycle.name() && has_visible(answer))
    };
    for cycle in &requirements.cycles {
        if !answered(*cycle) {
            errors.push(error(&format!("/answers/{}", cycle.name()), "required"));
        }
    }
    if requirements.one_more
        && !Cycle::ALL
            .into_iter()
            .any(|cycle| !requirements.cycles.contains(&cycle) && answered(cycle))
    {
        errors.push(error("/answers", "one-more-cycle"));
    }

    if story.links.len() > LINKS_MAX {
        errors.push(error("/links", "too-many"));
    }
    for (index, link) in story.links.iter().enumerate() {
        let link = link.trim();
        let scheme = link
            .strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"));
        let valid = scheme.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
            && chars(link) <= LINK_MAX
            && !link.chars().any(|c| {
                c.is_whitespace() || is_format(c) || c.is_control() || matches!(c, '<' | '>' | '"')
            });
        if !valid {
            errors.push(error(&format!("/links/{index}"), "invalid-url"));
        }
    }

    if story.tags.len() > TAGS_MAX {
        errors.push(error("/tags", "too-many"));
    }
    for (index, tag) in story.tags.iter().enumerate() {
        let tag = fold_spaces(tag);
        if !has_visible(&tag)
            || chars(&tag) > TAG_MAX
            || tag.chars().any(|c| is_forbidden_control(c) || c == ',')
        {
            errors.push(error(&format!("/tags/{index}"), "invalid-tag"));
        }
    }
    errors
}

/// The cycles a list attribute names (`data-questions="immediate, applied"`), in the
/// template's order; the first name that is not a cycle if there is one.
pub fn cycles_from_list(list: &str) -> Result<Vec<Cycle>, String> {
    let mut named = Vec::new();
    for name in list
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        named.push(Cycle::from_name(name).ok_or_else(|| name.to_owned())?);
    }
    Ok(Cycle::ALL
        .into_iter()
        .filter(|cycle| named.contains(cycle))
        .collect())
}

/// The cycles' names, in the template's order: in the JSON contract, in `data-questions` and
/// `data-required`, and in messages about them.
pub const CYCLE_NAMES: &[&str] = &[
    "immediate",
    "potential",
    "applied",
    "realized",
    "reframing",
    "strategic",
    "enabling",
    "loop",
];

/// One page of the story form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Title,
    Cycle(Cycle),
    /// "Add more to your story?": the optional questions, to choose which to answer.
    More,
    /// Links, tags, consent to share with sponsors, anonymity.
    Extras,
    /// "Check your answers", then Submit.
    Review,
}

/// The questions asked but not required (`questions` empty means every cycle): offered on
/// the [`Step::More`] page, to be chosen, not walked through one by one.
pub fn optional(questions: &[Cycle], requirements: &Requirements) -> Vec<Cycle> {
    Cycle::ALL
        .into_iter()
        .filter(|cycle| {
            (questions.is_empty() || questions.contains(cycle))
                && !requirements.cycles.contains(cycle)
        })
        .collect()
}

/// The form's pages (GOV.UK's "ask the required questions first"): the title, the required
/// cycles, then — when there are optional questions — a page to choose among them and one page
/// per chosen cycle, the extras and the review. `questions` empty means every cycle;
/// `chosen` is [`Draft::more`].
pub fn steps(questions: &[Cycle], requirements: &Requirements, chosen: &[bool; 8]) -> Vec<Step> {
    let mut steps = vec![Step::Title];
    steps.extend(requirements.cycles.iter().map(|cycle| Step::Cycle(*cycle)));
    let optional = optional(questions, requirements);
    if !optional.is_empty() {
        steps.push(Step::More);
    }
    steps.extend(
        optional
            .into_iter()
            .filter(|cycle| chosen[*cycle as usize])
            .map(Step::Cycle),
    );
    steps.push(Step::Extras);
    steps.push(Step::Review);
    steps
}

/// Which form field a rule's pointer is about: `title`, a cycle's name, `links`, `tags`, or
/// `""` for the story as a whole (at least one more cycle).
pub fn field_of(pointer: &str) -> &str {
    let mut parts = pointer.trim_start_matches('/').split('/');
    match (parts.next(), parts.next()) {
        (Some("answers"), Some(cycle)) => cycle,
        (Some("answers"), None) => "",
        (Some(field), _) => field,
        (None, _) => "",
    }
}

/// What a member has typed into the story form, kept exactly as typed: nothing is cleaned up
/// or dropped until the server has the story.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    /// One answer per cycle, in the template's order ([`Cycle::ALL`]).
    pub answers: [String; 8],
    /// Links to documents, one per line.
    pub links: String,
    /// Tags, separated by commas.
    pub tags: String,
    pub share_with_sponsors: bool,
    pub anonymous: bool,
    /// The optional cycles the member chose to answer (by [`Cycle`] index): only these and
    /// the required ones are asked, reviewed and sent. An answer to a cycle chosen and then
    /// unchosen stays in the draft, unsent, in case it is chosen again.
    pub more: [bool; 8],
}

impl Draft {
    /// The text of the form field `name` (`title`, a cycle's name, `links`, `tags`).
    pub fn text_mut(&mut self, name: &str) -> Option<&mut String> {
        match name {
            "title" => Some(&mut self.title),
            "links" => Some(&mut self.links),
            "tags" => Some(&mut self.tags),
            cycle => Some(&mut self.answers[Cycle::from_name(cycle)? as usize]),
        }
    }

    pub fn links(&self) -> Vec<String> {
        split(&self.links, '\n')
    }

    pub fn tags(&self) -> Vec<String> {
        split(&self.tags, ',')
    }

    pub fn is_empty(&self) -> bool {
        *self == Draft::default()
    }

    /// The cycles whose answers the story carries: the required ones and those chosen.
    pub fn included(&self, requirements: &Requirements) -> Vec<Cycle> {
        Cycle::ALL
            .into_iter()
            .filter(|cycle| self.more[*cycle as usize] || requirements.cycles.contains(cycle))
            .collect()
    }

    /// Every rule the draft breaks, as the server would judge the story it becomes (the
    /// answers of [`Draft::included`] cycles only).
    pub fn check(&self, requirements: &Requirements) -> Vec<FieldError> {
        let (links, tags) = (self.links(), self.tags());
        let answers = self
            .included(requirements)
            .into_iter()
            .map(|cycle| (cycle.name(), self.answers[cycle as usize].as_str()))
            .collect();
        check(
            &Parts {
                title: &self.title,
                answers,
                links: &links,
                tags: &tags,
            },
            requirements,
        )
    }
}

/// The non-empty, trimmed parts of a list typed into one field.
fn split(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn story(title: &str, answers: &[(&str, &str)]) -> StoryRequest {
        StoryRequest {
            title: title.into(),
            answers: answers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
            links: Vec::new(),
            tags: Vec::new(),
            share_with_sponsors: false,
            anonymous: false,
        }
    }

    fn codes(story: &StoryRequest) -> Vec<(String, String)> {
        validate(story, &Requirements::default())
            .into_iter()
            .map(|e| (e.pointer, e.code))
            .collect()
    }

    #[test]
    fn what_the_form_reads_back_may_be_mapped_and_an_echoed_body_is_no_error() {
        use crate::mapping::extract;
        use serde_json::json;
        let wrapped = json!({"data": {"id": 5, "attributes": {"title": "T"}, "links": {"self": "/stories/5"}}});
        let map = |field: &str| match field {
            "id" => Some("/data/id".to_owned()),
            "url" => Some("/data/links/self".to_owned()),
            "title" => Some("/data/attributes/title".to_owned()),
            _ => None,
        };
        let fields = extract(&wrapped, STORED_FIELDS, map).unwrap();
        assert_eq!(fields.text("id").as_deref(), Some("5"));
        assert_eq!(fields.text("url").as_deref(), Some("/stories/5"));
        assert_eq!(fields.text("title").as_deref(), Some("T"));
        // A backend that stores the body as it came echoes answers as an object by cycle.
        let echoed = json!({"id": 1, "title": "T", "answers": {"immediate": "A clinic"}});
        let fields = extract(&echoed, STORED_FIELDS, |_| None).unwrap();
        assert_eq!(fields.text("id").as_deref(), Some("1"));
        assert!(fields.items("answers").is_empty());
        // The contract's answer: a list of {cycle, text}.
        let own = json!({"id": "s-1", "answers": [{"cycle": "immediate", "text": "A clinic"}]});
        let fields = extract(&own, STORED_FIELDS, |_| None).unwrap();
        let answers = fields.items("answers");
        assert_eq!(
            fields.item(&answers[0], "answers", "text"),
            Some(json!("A clinic"))
        );
    }

    #[test]
    fn a_title_the_activity_and_one_more_cycle_is_a_story() {
        let ok = story(
            "Peer review of lesson plans",
            &[
                ("immediate", "A webinar on peer review."),
                ("applied", "It did not apply to my school."),
            ],
        );
        assert!(
            codes(&ok).is_empty(),
            "a story ending in 'did not apply' is still a story"
        );
        let skipping = story(
            "A clinic",
            &[
                ("immediate", "The case clinic."),
                ("strategic", "It fed the district's plan."),
            ],
        );
        assert!(codes(&skipping).is_empty(), "cycles may be skipped");
    }

    #[test]
    fn the_defaults_name_each_missing_part() {
        assert_eq!(
            codes(&story("", &[])),
            [
                ("/title".into(), "required".into()),
                ("/answers/immediate".into(), "required".into()),
                ("/answers".into(), "one-more-cycle".into())
            ]
        );
        assert_eq!(
            codes(&story("T", &[("immediate", "   ")])).len(),
            2,
            "white space is not an answer"
        );
        assert_eq!(
            codes(&story("T", &[("immediate", "x")])),
            [("/answers".into(), "one-more-cycle".into())]
        );
    }

    #[test]
    fn communities_can_require_more() {
        let requirements = Requirements {
            cycles: vec![Cycle::Immediate, Cycle::Realized],
            one_more: false,
        };
        let errors = validate(
            &story("T", &[("immediate", "x"), ("applied", "y")]),
            &requirements,
        );
        assert_eq!(
            errors
                .iter()
                .map(|e| e.pointer.as_str())
                .collect::<Vec<_>>(),
            ["/answers/realized"]
        );
        let none = Requirements {
            cycles: vec![],
            one_more: false,
        };
        assert!(validate(&story("T", &[]), &none).is_empty());
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let long_title = "é".repeat(TITLE_MAX);
        assert!(codes(&story(&long_title, &[("immediate", "x"), ("loop", "y")])).is_empty());
        let too_long = "é".repeat(TITLE_MAX + 1);
        assert_eq!(
            codes(&story(&too_long, &[("immediate", "x"), ("loop", "y")])),
            [("/title".into(), "too-long".into())]
        );
        let essay = "a".repeat(ANSWER_MAX + 1);
        assert_eq!(
            codes(&story("T", &[("immediate", &essay), ("loop", "y")])),
            [("/answers/immediate".into(), "too-long".into())]
        );
    }

    #[test]
    fn markup_is_just_text_but_control_characters_are_refused() {
        let markup = story(
            "<script>alert(1)</script>",
            &[
                ("immediate", "<b>bold</b> & <img src=x onerror=alert(1)>"),
                ("loop", "Line one\nline two\ttabbed"),
            ],
        );
        assert!(
            codes(&markup).is_empty(),
            "the rules do not judge markup: it is stored and shown as text"
        );
        let control = story("T\u{7}", &[("immediate", "x\u{0}"), ("loop", "y")]);
        assert_eq!(
            codes(&control),
            [
                ("/title".into(), "control-characters".into()),
                ("/answers/immediate".into(), "control-characters".into())
            ]
        );
    }

    #[test]
    fn invisible_text_is_not_text() {
        let invisible = story(
            "\u{200B}",
            &[("immediate", "\u{2060}\u{FEFF}"), ("loop", "y")],
        );
        assert_eq!(
            codes(&invisible),
            [
                ("/title".into(), "required".into()),
                ("/title".into(), "control-characters".into()),
                ("/answers/immediate".into(), "control-characters".into()),
                ("/answers/immediate".into(), "required".into()),
            ]
        );
        let bidi = story(
            "Report \u{202E}fdp.exe",
            &[("immediate", "x\u{202A}y"), ("loop", "y")],
        );
        assert_eq!(
            codes(&bidi),
            [
                ("/title".into(), "control-characters".into()),
                ("/answers/immediate".into(), "control-characters".into())
            ]
        );
        let mut tagged = story("T", &[("immediate", "x"), ("loop", "y")]);
        tagged.tags = vec!["\u{200B}".into(), "a\u{E0041}b".into()];
        tagged.links = vec!["https://example.org/\u{200B}".into()];
        assert_eq!(
            codes(&tagged),
            [
                ("/links/0".into(), "invalid-url".into()),
                ("/tags/0".into(), "invalid-tag".into()),
                ("/tags/1".into(), "invalid-tag".into())
            ]
        );
        let emoji = story(
            "Team 👩\u{200D}💻 wins",
            &[("immediate", "x"), ("loop", "y")],
        );
        assert!(codes(&emoji).is_empty(), "joiners in emoji stay");
    }

    #[test]
    fn unknown_cycles_links_and_tags() {
        let mut s = story("T", &[("immediate", "x"), ("loop", "y"), ("feelings", "z")]);
        s.links = vec![
            "https://intranet.example.org/doc/1".into(),
            "intranet/doc".into(),
            "javascript:alert(1)".into(),
            "https:// spaced".into(),
        ];
        s.tags = vec![
            "  Peer   Review ".into(),
            "".into(),
            "a,b".into(),
            "x".repeat(TAG_MAX + 1),
        ];
        assert_eq!(
            codes(&s),
            [
                ("/answers/feelings".into(), "unknown-cycle".into()),
                ("/links/1".into(), "invalid-url".into()),
                ("/links/2".into(), "invalid-url".into()),
                ("/links/3".into(), "invalid-url".into()),
                ("/tags/1".into(), "invalid-tag".into()),
                ("/tags/2".into(), "invalid-tag".into()),
                ("/tags/3".into(), "invalid-tag".into()),
            ]
        );
        assert_eq!(normalize_tag("  Peer   Review "), "peer review");
        s.links = (0..=LINKS_MAX)
            .map(|i| format!("https://x.org/{i}"))
            .collect();
        s.tags = (0..=TAGS_MAX).map(|i| format!("t{i}")).collect();
        s.answers.remove("feelings");
        assert_eq!(
            codes(&s),
            [
                ("/links".into(), "too-many".into()),
                ("/tags".into(), "too-many".into())
            ]
        );
    }

    #[test]
    fn cycle_names_round_trip() {
        for cycle in Cycle::ALL {
            assert_eq!(Cycle::from_name(cycle.name()), Some(cycle));
        }
        assert_eq!(Cycle::from_name("Immediate"), None);
    }

    #[test]
    fn every_rule_has_its_own_message_in_every_language() {
        let mut broken = story(
            "",
            &[
                ("nonsense", "x"),
                ("immediate", &"a".repeat(ANSWER_MAX + 1)),
            ],
        );
        broken.title = "Two\nlines".into();
        broken.links = vec!["ftp://x".into(); LINKS_MAX + 1];
        broken.tags = vec![",".into(); TAGS_MAX + 1];
        let mut errors = validate(&broken, &Requirements::default());
        errors.extend(validate(&story("", &[]), &Requirements::default()));
        errors.extend(validate(
            &story(&"t".repeat(TITLE_MAX + 1), &[("loop", "\u{7}")]),
            &Requirements::default(),
        ));
        let mut seen = std::collections::HashSet::new();
        for error in &errors {
            assert_eq!(
                error.message,
                message(&error.code, &error.pointer, Lang::En),
                "the server's English is the catalog's"
            );
            let kind = (
                error.code.clone(),
                error.pointer == "/title",
                error.pointer == "/links",
            );
            if !seen.insert(kind) {
                continue;
            }
            for lang in Lang::ALL {
                let text = message(&error.code, &error.pointer, lang);
                assert!(!text.contains('{'), "{text}: every argument filled");
                assert_ne!(
                    text,
                    message("no-such-code", "/x", lang),
                    "{}: a message of its own",
                    error.code
                );
            }
        }
        let codes: std::collections::HashSet<&str> =
            errors.iter().map(|e| e.code.as_str()).collect();
        for code in [
            "required",
            "too-long",
            "control-characters",
            "one-more-cycle",
            "unknown-cycle",
            "invalid-url",
            "too-many",
            "invalid-tag",
        ] {
            assert!(codes.contains(code), "{code} is exercised");
        }
        assert_eq!(
            message("too-long", "/title", Lang::De),
            "Verwende höchstens 120 Zeichen für den Titel."
        );
    }

    #[test]
    fn a_backends_field_error_is_shown_in_our_words_when_we_know_the_rule() {
        let ours = FieldError::new(
            "/title",
            "required",
            "Title missing (backend's words)".into(),
        );
        assert_eq!(
            message_of(&ours, Lang::De),
            message("required", "/title", Lang::De)
        );
        let theirs = FieldError::new(
            "/answers/potential",
            "names-a-colleague",
            "  Please do not name colleagues.  ".into(),
        );
        assert_eq!(
            message_of(&theirs, Lang::De),
            "Please do not name colleagues."
        );
        let wordless = FieldError::new("/answers/potential", "names-a-colleague", " ".into());
        assert_eq!(
            message_of(&wordless, Lang::Fr),
            message("no-such-code", "/x", Lang::Fr)
        );
    }

    #[test]
    fn a_draft_is_judged_as_the_story_it_becomes() {
        let mut draft = Draft::default();
        assert!(draft.is_empty());
        *draft.text_mut("title").unwrap() = "A clinic".into();
        *draft.text_mut("immediate").unwrap() = "The case clinic.".into();
        assert_eq!(draft.text_mut("nonsense"), None);
        let codes: Vec<String> = draft
            .check(&Requirements::default())
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, ["one-more-cycle"]);
        *draft.text_mut("applied").unwrap() = "It did not apply.".into();
        draft.more[Cycle::Applied as usize] = true;
        draft.links = "https://intranet.example/plan\n\n  ftp://nope  \n".into();
        draft.tags = "Peer review, , clinic".into();
        assert_eq!(
            draft.links(),
            ["https://intranet.example/plan", "ftp://nope"]
        );
        assert_eq!(draft.tags(), ["Peer review", "clinic"]);
        let errors = draft.check(&Requirements::default());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].pointer, "/links/1");
        assert_eq!(field_of(&errors[0].pointer), "links");
    }

    #[test]
    fn steps_follow_the_questions_asked_and_keep_the_required() {
        let none = [false; 8];
        assert_eq!(
            steps(&[], &Requirements::default(), &none),
            [
                Step::Title,
                Step::Cycle(Cycle::Immediate),
                Step::More,
                Step::Extras,
                Step::Review
            ],
            "the required questions first, then a choice of the seven others"
        );
        assert_eq!(optional(&[], &Requirements::default()).len(), 7);
        let asked = cycles_from_list("realized, applied").unwrap();
        assert_eq!(
            asked,
            [Cycle::Applied, Cycle::Realized],
            "in the template's order"
        );
        let mut chosen = none;
        chosen[Cycle::Realized as usize] = true;
        chosen[Cycle::Loop as usize] = true; // not asked: never a page
        assert_eq!(
            steps(&asked, &Requirements::default(), &chosen),
            [
                Step::Title,
                Step::Cycle(Cycle::Immediate),
                Step::More,
                Step::Cycle(Cycle::Realized),
                Step::Extras,
                Step::Review
            ],
            "the activity is required, so it is asked; of the others, the chosen one"
        );
        let all_required = Requirements {
            cycles: asked.clone(),
            one_more: false,
        };
        assert_eq!(
            steps(&asked, &all_required, &none),
            [
                Step::Title,
                Step::Cycle(Cycle::Applied),
                Step::Cycle(Cycle::Realized),
                Step::Extras,
                Step::Review
            ],
            "nothing optional asked: no page to choose on"
        );
        assert_eq!(cycles_from_list("applied, outcome"), Err("outcome".into()));
        assert_eq!(field_of("/answers/loop"), "loop");
        assert_eq!(field_of("/answers"), "");
        assert_eq!(field_of("/tags/3"), "tags");
        assert_eq!(field_of("/title"), "title");
    }

    #[test]
    fn a_draft_sends_the_required_and_the_chosen_answers_only() {
        let mut draft = Draft {
            title: "T".into(),
            ..Draft::default()
        };
        draft.answers[Cycle::Immediate as usize] = "x".into();
        draft.answers[Cycle::Applied as usize] = "typed, then unchosen".into();
        let rules = Requirements::default();
        assert_eq!(draft.included(&rules), [Cycle::Immediate]);
        assert_eq!(
            draft.check(&rules),
            [error("/answers", "one-more-cycle")],
            "an answer to a cycle not chosen does not count"
        );
        draft.more[Cycle::Applied as usize] = true;
        assert_eq!(draft.included(&rules), [Cycle::Immediate, Cycle::Applied]);
        assert!(draft.check(&rules).is_empty());
        draft.answers[Cycle::Applied as usize] = " ".into();
        assert_eq!(
            draft.check(&rules),
            [error("/answers", "one-more-cycle")],
            "chosen and left empty is not an answer"
        );
    }

    #[test]
    fn tags_are_judged_without_lower_casing() {
        let mut tagged = story("T", &[("immediate", "x"), ("loop", "y")]);
        tagged.tags = vec!["  Peer   REVIEW ".into(), "Ünïcödé".into()];
        assert!(codes(&tagged).is_empty());
    }
}
