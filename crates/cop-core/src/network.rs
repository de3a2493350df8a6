//! The network view's order (issue 17): one comparator for the server, which ranks every
//! community before it pages (`GET /network?sort=…`, its cursors hold a [`Rank`]), and for the
//! widget (`data-variant="network"`), which sorts the communities it fetched again when the
//! lead picks a column. Both build a [`Line`] per community and compare [`Sort::rank`]s.

use std::cmp::Ordering;

use crate::participation::Attention;

/// What the communities can be ordered by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Key {
    #[default]
    Attention,
    Name,
    Members,
    Trend,
}

impl Key {
    pub const ALL: [Key; 4] = [Key::Attention, Key::Name, Key::Members, Key::Trend];

    /// Its name in `?sort=`.
    pub fn name(self) -> &'static str {
        ["attention", "name", "members", "trend"][self as usize]
    }
}

/// An order: a key, maybe reversed (`-members`). The default is the server's: attention.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sort {
    pub key: Key,
    pub reversed: bool,
}

/// What the order looks at in one community.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Members, without transactional participants.
    pub members: u32,
    /// Active-or-core members this quarter minus the quarter before.
    pub change: i64,
    /// Its most pressing reason for attention ([`pressing`]), if it needs any.
    pub attention: Option<u8>,
    pub showcase: bool,
}

/// Where a community stands in an order: numbers compared first, then the name, then the id
/// (so the order is total and a cursor finds its place again).
pub type Rank = (i64, i64, i64, String, String);

/// The most pressing of a community's reasons for attention, as [`Line::attention`] ranks it:
/// a known reason by its place in [`Attention`] (dormant first), a backend's own word (`None`
/// here) after every known one.
pub fn pressing(reasons: impl IntoIterator<Item = Option<Attention>>) -> Option<u8> {
    reasons
        .into_iter()
        .map(|reason| reason.map_or(Attention::ALL.len() as u8, |reason| reason as u8))
        .min()
}

impl Sort {
    /// `attention`, `name`, `members` or `trend`, or one of them after a `-`; `None` otherwise.
    pub fn parse(text: &str) -> Option<Sort> {
        let (reversed, name) = match text.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, text),
        };
        let key = Key::ALL.into_iter().find(|key| key.name() == name)?;
        Some(Sort { key, reversed })
    }

    /// Its name in `?sort=` (`-members` reversed).
    pub fn name(self) -> String {
        let name = self.key.name();
        if self.reversed {
            format!("-{name}")
        } else {
            name.to_owned()
        }
    }

    /// Whether it is ascending, as `aria-sort` says it: names A–Z, the fall of active members
    /// from the steepest, attention from the most pressing; members are counted largest first.
    pub fn ascending(self) -> bool {
        (self.key != Key::Members) != self.reversed
    }

    /// The order after the lead picks `key`'s column: the same one reversed, or `key` in its
    /// own first order.
    pub fn pick(self, key: Key) -> Sort {
        Sort {
            key,
            reversed: self.key == key && !self.reversed,
        }
    }

    /// - attention: those needing it first, by their most pressing reason, the larger first;
    ///   then the others; showcases last;
    /// - name: A–Z (byte by byte, as ids sort on both databases);
    /// - members: the largest first;
    /// - trend: the steepest fall of active-or-core members first, the larger first.
    ///
    /// Ties by name, then id.
    pub fn rank(self, line: &Line) -> Rank {
        let members = i64::from(line.members);
        let numbers = match self.key {
            Key::Attention => match line.attention {
                Some(reason) => (0, i64::from(reason), -members),
                None if line.showcase => (2, 0, -members),
                None => (1, 0, -members),
            },
            Key::Name => (0, 0, 0),
            Key::Members => (-members, 0, 0),
            Key::Trend => (line.change, -members, 0),
        };
        (
            numbers.0,
            numbers.1,
            numbers.2,
            line.name.to_owned(),
            line.id.to_owned(),
        )
    }

    /// Two ranks in this order (reversed: backwards, ties included).
    pub fn compare(self, a: &Rank, b: &Rank) -> Ordering {
        if self.reversed {
            b.cmp(a)
        } else {
            a.cmp(b)
        }
    }

    /// The positions of `lines` in this order (the widget's: a page of at most a few hundred).
    /// Binary insertion, not `crate::sort`: the standard sort it instantiates cost the badge's
    /// chunk 2 KB gzipped, this a few hundred bytes; its moves are of positions only.
    pub fn order(self, lines: &[Line]) -> Vec<usize> {
        let ranks: Vec<Rank> = lines.iter().map(|line| self.rank(line)).collect();
        let mut order: Vec<usize> = Vec::with_capacity(ranks.len());
        for (index, rank) in ranks.iter().enumerate() {
            // After every one not greater: equal ranks (none, they end with the id) stay put.
            let at = order
                .partition_point(|&before| self.compare(&ranks[before], rank) != Ordering::Greater);
            order.insert(at, index);
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(
        name: &'a str,
        members: u32,
        change: i64,
        attention: Option<u8>,
        showcase: bool,
    ) -> Line<'a> {
        Line {
            id: name,
            name,
            members,
            change,
            attention,
            showcase,
        }
    }

    fn names(sort: &str, lines: &[Line]) -> Vec<String> {
        let sort = Sort::parse(sort).unwrap();
        sort.order(lines)
            .into_iter()
            .map(|i| lines[i].name.to_owned())
            .collect()
    }

    fn network() -> Vec<Line<'static>> {
        let (dormant, shrinking, thin) = (
            Some(Attention::Dormant as u8),
            Some(Attention::Shrinking as u8),
            Some(Attention::ThinCore as u8),
        );
        vec![
            line("Makers", 40, 2, None, true),
            line("Clinic", 48, 0, None, false),
            line("Water", 1340, -3, thin, false),
            line("Ghosts", 12, 0, dormant, false),
            line("Teachers", 220, 4, None, true),
            line("Managers", 80, -9, shrinking, false),
            line("Attic", 30, 0, dormant, false),
            line("Buddies", 48, -1, None, false),
        ]
    }

    #[test]
    fn each_key_orders_as_the_server_documents_it() {
        let lines = network();
        assert_eq!(
            names("attention", &lines),
            ["Attic", "Ghosts", "Managers", "Water", "Buddies", "Clinic", "Teachers", "Makers"],
            "dormant (larger first), shrinking, thin core; then the others; showcases last"
        );
        assert_eq!(
            names("name", &lines),
            ["Attic", "Buddies", "Clinic", "Ghosts", "Makers", "Managers", "Teachers", "Water"]
        );
        assert_eq!(
            names("members", &lines),
            ["Water", "Teachers", "Managers", "Buddies", "Clinic", "Makers", "Attic", "Ghosts"],
            "largest first, ties by name"
        );
        assert_eq!(
            names("trend", &lines),
            ["Managers", "Water", "Buddies", "Clinic", "Attic", "Ghosts", "Makers", "Teachers"],
            "steepest fall first; equal changes, the larger first"
        );
    }

    #[test]
    fn a_reversed_order_is_the_order_backwards() {
        let lines = network();
        for key in Key::ALL {
            let mut forward = names(key.name(), &lines);
            forward.reverse();
            assert_eq!(
                names(&format!("-{}", key.name()), &lines),
                forward,
                "{key:?}"
            );
        }
    }

    #[test]
    fn ties_go_by_name_then_id() {
        let mut lines = vec![
            line("b", 10, 0, None, false),
            line("a", 10, 0, None, false),
            line("c", 10, 0, None, false),
        ];
        lines.push(Line {
            id: "a-2",
            ..line("a", 10, 0, None, false)
        });
        for sort in ["attention", "members", "trend", "name"] {
            let sorted = Sort::parse(sort).unwrap().order(&lines);
            let ids: Vec<&str> = sorted.iter().map(|i| lines[*i].id).collect();
            assert_eq!(ids, ["a", "a-2", "b", "c"], "{sort}");
        }
    }

    #[test]
    fn sorts_are_named_picked_and_said_as_aria_sort_says_them() {
        assert_eq!(
            Sort::parse("-members").map(Sort::name).as_deref(),
            Some("-members")
        );
        assert_eq!(Sort::default().name(), "attention");
        for bad in ["size", "", "-", "--name", "Name", "name "] {
            assert_eq!(Sort::parse(bad), None, "{bad:?}");
        }
        let by_name = Sort::default().pick(Key::Name);
        assert_eq!(by_name.name(), "name");
        assert!(by_name.ascending());
        assert_eq!(
            by_name.pick(Key::Name).name(),
            "-name",
            "picked again: reversed"
        );
        assert!(!by_name.pick(Key::Name).ascending());
        assert_eq!(by_name.pick(Key::Name).pick(Key::Name).name(), "name");
        assert_eq!(by_name.pick(Key::Members).name(), "members");
        assert!(
            !Sort::parse("members").unwrap().ascending(),
            "largest first"
        );
        assert!(Sort::parse("-members").unwrap().ascending());
    }

    #[test]
    fn a_backends_own_reason_is_less_pressing_than_every_known_one() {
        assert_eq!(pressing([]), None);
        assert_eq!(
            pressing([None, Some(Attention::ThinCore), Some(Attention::Shrinking)]),
            Some(Attention::Shrinking as u8)
        );
        assert_eq!(pressing([None]), Some(4));
        assert!(pressing([None]) > pressing([Some(Attention::NoMembers)]));
    }
}
