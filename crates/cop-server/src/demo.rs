//! Demo data that mirrors the domain: several communities of different sizes, members with
//! roles (a coordinator, a few leaders and experts, newcomers, a sponsor), some of them in
//! more than one community. Deterministic, so the demo pages and tests can name what they show.
//! Loaded into an empty database at first start, or with `--load-demo`; never overwrites.
//!
//! Activity, events, videos and stories come with the widget issues that add their tables.

use cop_core::contract::{Community, Member};

pub struct DemoData {
    pub communities: Vec<Community>,
    /// (community id, member, roles in that community)
    pub memberships: Vec<(String, Member, Vec<&'static str>)>,
}

const FIRST: &[&str] = &[
    "Amina", "Lucas", "Mei", "Rafael", "Ingrid", "Kwame", "Sofia", "Arjun", "Chloé", "Tomás", "Yuki", "Fatima",
    "Jonas", "Priya", "Mateo", "Aylin", "Oluwaseun", "Elena", "Hiroshi", "Nadia",
];
const LAST: &[&str] = &[
    "Diallo", "Schmidt", "Chen", "Oliveira", "Larsen", "Mensah", "García", "Iyer", "Dubois", "Silva", "Tanaka",
    "Haddad", "Becker", "Nair", "Romero", "Yilmaz",
];

fn name(n: usize) -> String {
    // Two coprime strides, so names do not repeat in a visible pattern.
    format!("{} {}", FIRST[(n * 7) % FIRST.len()], LAST[(n * 3 + n / FIRST.len()) % LAST.len()])
}

fn member(prefix: &str, n: usize) -> Member {
    Member { id: format!("{prefix}-{n}"), display_name: name(n + prefix.len() * 5), roles: Vec::new() }
}

/// Roles in a community of `size`: one coordinator, leaders and experts in the core group
/// (about a tenth), the last tenth newcomers, a sponsor and the support team among the rest.
fn roles(n: usize, size: usize) -> Vec<&'static str> {
    let core = (size / 10).max(3);
    match n {
        1 => vec!["coordinator"],
        2..=4 => vec!["leader"],
        _ if n <= core => vec!["expert"],
        _ if n == size / 2 => vec!["sponsor"],
        _ if n == size / 2 + 1 => vec!["support"],
        _ if n > size - size / 10 => vec!["newcomer"],
        _ => Vec::new(),
    }
}

pub fn data() -> DemoData {
    let communities = vec![
        Community {
            id: "teachers".into(),
            name: "Teachers' network".into(),
            description: Some("Teachers, parents, universities and unions improving classroom practice together.".into()),
            member_count: None,
        },
        Community {
            id: "water-engineers".into(),
            name: "Water engineers".into(),
            description: Some("Engineers across 14 countries sharing field practice.".into()),
            member_count: None,
        },
        Community {
            id: "case-clinic".into(),
            name: "Case clinic".into(),
            description: Some("A quarterly clinic where members bring a hard case.".into()),
            member_count: None,
        },
    ];
    let mut memberships = Vec::new();
    for n in 1..=220 {
        memberships.push(("teachers".to_owned(), member("m", n), roles(n, 220)));
    }
    for n in 1..=1340 {
        memberships.push(("water-engineers".to_owned(), member("w", n), roles(n, 1340)));
    }
    // The case clinic draws 30 teachers (brokers between two communities) and 18 others.
    for n in 1..=48 {
        let person = if n <= 30 { member("m", n + 100) } else { member("c", n) };
        memberships.push(("case-clinic".to_owned(), person, roles(n, 48)));
    }
    DemoData { communities, memberships }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communities_have_the_sizes_the_demo_pages_show() {
        let demo = data();
        let size = |id: &str| demo.memberships.iter().filter(|(c, _, _)| c == id).count();
        assert_eq!((size("teachers"), size("water-engineers"), size("case-clinic")), (220, 1340, 48));
    }

    #[test]
    fn each_community_has_one_coordinator_and_a_small_core() {
        let demo = data();
        for community in &demo.communities {
            let roles: Vec<&Vec<&str>> = demo.memberships.iter().filter(|(c, _, _)| *c == community.id).map(|(_, _, r)| r).collect();
            assert_eq!(roles.iter().filter(|r| r.contains(&"coordinator")).count(), 1, "{}", community.id);
            let core = roles.iter().filter(|r| r.iter().any(|x| ["coordinator", "leader", "expert"].contains(x))).count();
            assert!(core * 100 / roles.len() <= 15, "{}: core group of {core}", community.id);
        }
    }

    #[test]
    fn some_members_belong_to_two_communities() {
        let demo = data();
        let in_clinic: Vec<&str> = demo.memberships.iter().filter(|(c, _, _)| c == "case-clinic").map(|(_, m, _)| m.id.as_str()).collect();
        let brokers = demo.memberships.iter().filter(|(c, m, _)| c == "teachers" && in_clinic.contains(&m.id.as_str())).count();
        assert_eq!(brokers, 30);
    }
}
