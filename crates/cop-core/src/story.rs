//! Value-creation stories: the template's cycles and the rules a story must meet, applied the
//! same way by the form in the browser and by the server.
//!
//! A story may start in any cycle and skip cycles; a story that ends in "it did not apply" or
//! in a failure is still a story. By default it needs a title, the activity (immediate value)
//! and at least one further cycle; a community can ask for more.

use crate::contract::{FieldError, StoryRequest};

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
        [
            "immediate",
            "potential",
            "applied",
            "realized",
            "reframing",
            "strategic",
            "enabling",
            "loop",
        ][self as usize]
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

pub const TITLE_MAX: usize = 120;
pub const ANSWER_MAX: usize = 4000;
pub const LINKS_MAX: usize = 10;
pub const LINK_MAX: usize = 2000;
pub const TAGS_MAX: usize = 10;
pub const TAG_MAX: usize = 40;

/// A tag as stored: trimmed, lower-cased, inner white space folded to one space.
pub fn normalize_tag(tag: &str) -> String {
    tag.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every rule the story breaks, each with the pointer of its field. Nothing is changed: the
/// member's text stays as typed (the server stores it trimmed, as plain text).
pub fn validate(story: &StoryRequest, requirements: &Requirements) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let chars = |text: &str| text.chars().count();
    let title = story.title.trim();
    if title.is_empty() {
        errors.push(FieldError::new(
            "/title",
            "required",
            "Give the story a title.".into(),
        ));
    } else if chars(title) > TITLE_MAX {
        errors.push(FieldError::new(
            "/title",
            "too-long",
            format!("Use at most {TITLE_MAX} characters for the title."),
        ));
    }
    if story.title.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "/title",
            "control-characters",
            "Keep the title on one line.".into(),
        ));
    }

    for (name, answer) in &story.answers {
        let pointer = format!("/answers/{name}");
        if Cycle::from_name(name).is_none() {
            errors.push(FieldError::new(
                &pointer,
                "unknown-cycle",
                format!("“{name}” is not a cycle of the story template."),
            ));
        } else if chars(answer.trim()) > ANSWER_MAX {
            errors.push(FieldError::new(
                &pointer,
                "too-long",
                format!("Use at most {ANSWER_MAX} characters here."),
            ));
        } else if answer
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            errors.push(FieldError::new(
                &pointer,
                "control-characters",
                "Remove invisible control characters.".into(),
            ));
        }
    }
    let answered = |cycle: Cycle| {
        story
            .answers
            .get(cycle.name())
            .is_some_and(|answer| !answer.trim().is_empty())
    };
    for cycle in &requirements.cycles {
        if !answered(*cycle) {
            errors.push(FieldError::new(
                &format!("/answers/{}", cycle.name()),
                "required",
                "Answer this question.".into(),
            ));
        }
    }
    if requirements.one_more
        && !Cycle::ALL
            .into_iter()
            .any(|cycle| !requirements.cycles.contains(&cycle) && answered(cycle))
    {
        errors.push(FieldError::new(
            "/answers",
            "one-more-cycle",
            "Answer at least one more question: what you got out of it, how you applied it, or what came of it.".into(),
        ));
    }

    if story.links.len() > LINKS_MAX {
        errors.push(FieldError::new(
            "/links",
            "too-many",
            format!("Add at most {LINKS_MAX} links."),
        ));
    }
    for (index, link) in story.links.iter().enumerate() {
        let link = link.trim();
        let scheme = link
            .strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"));
        let valid = scheme.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
            && chars(link) <= LINK_MAX
            && !link
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
        if !valid {
            errors.push(FieldError::new(
                &format!("/links/{index}"),
                "invalid-url",
                "Enter a full web address starting with https:// (or http://).".into(),
            ));
        }
    }

    if story.tags.len() > TAGS_MAX {
        errors.push(FieldError::new(
            "/tags",
            "too-many",
            format!("Add at most {TAGS_MAX} tags."),
        ));
    }
    for (index, tag) in story.tags.iter().enumerate() {
        let tag = normalize_tag(tag);
        if tag.is_empty()
            || chars(&tag) > TAG_MAX
            || tag.chars().any(|c| c.is_control() || c == ',')
        {
            errors.push(FieldError::new(
                &format!("/tags/{index}"),
                "invalid-tag",
                format!("Use 1 to {TAG_MAX} characters per tag, without commas."),
            ));
        }
    }
    errors
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
}
