//! Small string helpers that the rest of the crate shares.

/// Whether `c` is a Unicode format character (general category Cf): soft hyphen, bidi marks
/// and overrides (U+202E can make `gpj.exe` look like `exe.jpg`), zero-width spaces and
/// joiners, the byte-order mark, interlinear annotation, tag characters… Rules that need
/// visible text or forbid control characters treat these like control characters.
///
/// Hand-written ranges (Unicode 15.1's Cf list), not a Unicode table crate: this crate is
/// compiled into the wasm, where a general-category table costs kilobytes for the 20 ranges
/// we need (the same reason `to_uppercase`/`to_lowercase` are banned there).
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// `text` around the first `needle`, like `str::split_once` with a string pattern, by hand:
/// a string pattern brings a searcher of its own into the wasm (1.4 KB of code), and slicing
/// at a found index brings the panic for a slice off a character boundary (with `char`'s
/// `Debug` and its Unicode tables, 3 KB). Meant for short texts: attribute values, URLs.
pub(crate) fn split_once_str<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = text
        .char_indices()
        .map(|(at, _)| at)
        .find(|&at| text.get(at..).is_some_and(|rest| rest.starts_with(needle)))?;
    Some((text.get(..at)?, text.get(at + needle.len()..)?))
}

/// A character a rule that forbids control characters refuses: a control character (Cc) or
/// a format character (Cf) — except the zero-width non-joiner and joiner (U+200C, U+200D),
/// which Persian, Indic scripts and emoji sequences (👩‍💻) need to be written correctly.
/// They still do not count as visible text (see [`has_visible`]).
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() || (is_format(c) && !matches!(c, '\u{200C}' | '\u{200D}'))
}

/// Whether `text` has a character that shows: not white space, not control, not format.
pub fn has_visible(text: &str) -> bool {
    text.chars()
        .any(|c| !c.is_whitespace() && !c.is_control() && !is_format(c))
}

/// Levenshtein distance, used to suggest the attribute or widget name a typo was close to.
/// Inputs are attribute names and widget names: short, so the O(n·m) table is fine.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `word` if it is plausibly a typo of it: at most two edits, and
/// fewer edits than half the word (so that `data-id` is not "corrected" to `data-api`).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, _)| {
            *distance > 0 && *distance <= 2 && *distance * 2 < word.chars().count()
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_once_str_is_split_once_with_a_string() {
        for (text, needle) in [
            ("/é/{members}/ü", "{members}"),
            ("https://a/b://c", "://"),
            ("no", "://"),
            ("", "x"),
            ("::", "::"),
            ("a::b", ":"),
        ] {
            assert_eq!(
                split_once_str(text, needle),
                text.split_once(needle),
                "{text}"
            );
        }
    }

    #[test]
    fn format_characters_are_recognised_by_their_ranges() {
        for c in [
            '\u{00AD}',
            '\u{0600}',
            '\u{0605}',
            '\u{061C}',
            '\u{06DD}',
            '\u{070F}',
            '\u{180E}',
            '\u{200B}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{206F}',
            '\u{FEFF}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{E0001}',
            '\u{E0020}',
            '\u{E007F}',
        ] {
            assert!(is_format(c), "U+{:04X}", c as u32);
            assert!(!has_visible(&format!(" {c}{c} ")), "U+{:04X}", c as u32);
        }
        for c in [
            'a',
            ' ',
            '\u{00AC}',
            '\u{00AE}',
            '\u{0606}',
            '\u{200A}',
            '\u{2010}',
            '\u{2029}',
            '\u{202F}',
            '\u{2065}',
            '\u{FEFE}',
            '\u{FFFC}',
            '\u{E0000}',
            '\u{E0080}',
            'é',
            '中',
            '😀',
        ] {
            assert!(!is_format(c), "U+{:04X}", c as u32);
        }
        assert!(is_forbidden_control('\u{202E}'));
        assert!(is_forbidden_control('\u{7}'));
        assert!(
            !is_forbidden_control('\u{200D}'),
            "emoji sequences keep their joiner"
        );
        assert!(
            !is_forbidden_control('\u{200C}'),
            "Persian keeps its non-joiner"
        );
        assert!(!has_visible("\u{200D}\u{200C}"));
        assert!(has_visible("\u{200B}x"));
    }

    #[test]
    fn distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("community", "community"), 0);
        assert_eq!(edit_distance("comunity", "community"), 1);
        assert_eq!(edit_distance("communtiy", "community"), 2);
        assert_eq!(edit_distance("abc", ""), 3);
    }

    #[test]
    fn closest_suggests_only_near_misses() {
        let known = ["data-community", "data-member", "data-api"];
        assert_eq!(closest("data-comunity", known), Some("data-community"));
        assert_eq!(closest("data-membr", known), Some("data-member"));
        assert_eq!(closest("data-colour", known), None);
        // identical is not a typo
        assert_eq!(closest("data-api", known), None);
        // short words need a proportionally closer match
        assert_eq!(closest("ap", ["api"]), None);
    }
}
