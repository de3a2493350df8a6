//! Small string helpers that the rest of the crate shares.

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
