//! Badges of one community requested in the same task share one request: a member directory
//! with 300 pills makes two calls to `/communities/{c}/participation?members=…`, not 300.
//!
//! Each badge joins the open group of its API, community and credentials, then yields once
//! (to the microtasks queued behind it: every placeholder mounted in this task, whose loading
//! effects and futures run in those, has joined). Not to the event loop: a timer would fire
//! only after the page has rendered every skeleton, 270 ms for 500 pills on a 2-core machine
//! (issue 16), and the request would wait for it. The first to wake closes the group and
//! splits it into batches ([`cop_core::badge::Batch::urls`]); every badge then asks the shared
//! client for its batch's URL, and identical requests in flight are one fetch. Badges on the
//! project's own default endpoint use its batch endpoint; a foreign backend's is declared with
//! `data-batch` (its URL template, `data-batch-join` between ids, `data-batch-items` for the
//! list in the answer, each item's id where `data-map-member` points), and is grouped the same
//! way.

use std::cell::RefCell;
use std::rc::Rc;

use cop_core::badge::{Batch, Variant};
use cop_core::config::{WidgetConfig, WidgetKind};
use cop_core::failure::Failure;
use cop_core::mapping::{resolve, Json, Kind, ShapeError};

use crate::client::{self, Outcome, Request};
use crate::json::Js;

#[derive(Default)]
struct Group {
    key: String,
    members: Vec<String>,
    /// Set when the group closes: `(url, members)` per batch.
    batches: Option<Vec<(String, Vec<String>)>>,
}

thread_local! {
    /// Groups still taking members: few at a time (one per community on the page).
    static OPEN: RefCell<Vec<Rc<RefCell<Group>>>> = const { RefCell::new(Vec::new()) };
}

/// The batch endpoint this widget's data may come from, and its member: a foreign backend's
/// (`data-batch`), or the project's own for a member badge on its default endpoint.
pub fn batchable(config: &WidgetConfig) -> Option<(Batch, &str)> {
    let member = config.param("member")?;
    if let Some(batch) = &config.batch {
        return Some((batch.clone(), member));
    }
    let member_badge = config.kind == WidgetKind::ParticipationBadge
        && matches!(
            Variant::from_param(config.param("variant")),
            Variant::Pill | Variant::Card
        );
    if !member_badge || !config.contract {
        return None;
    }
    Some((
        Batch::own(config.api.as_deref()?, config.param("community")?),
        member,
    ))
}

/// The member's item of the batch answer, or why there is none. `own`: the project's API,
/// whose answer also lists the ids it does not know (`unknown`, `not_found`).
pub async fn member(request: Request, batch: Batch, member: String, own: bool) -> Outcome {
    let mut key = String::from(request.credentials.name());
    for part in [
        &batch.before,
        &batch.join,
        &batch.after,
        &batch.items,
        &batch.id,
    ] {
        key.push('\u{0}');
        key.push_str(part);
    }
    let shared = OPEN.with(|open| {
        let mut open = open.borrow_mut();
        let group = match open.iter().find(|group| group.borrow().key == key) {
            Some(group) => group.clone(),
            None => {
                let group = Rc::new(RefCell::new(Group {
                    key,
                    ..Group::default()
                }));
                open.push(group.clone());
                group
            }
        };
        let mut joined = group.borrow_mut();
        if !joined.members.contains(&member) {
            joined.members.push(member.clone());
        }
        drop(joined);
        group
    });
    client::yield_now().await;
    let (url, position) = {
        let mut group = shared.borrow_mut();
        if group.batches.is_none() {
            // The first to wake closes the group: later badges start a new one.
            OPEN.with(|open| {
                open.borrow_mut()
                    .retain(|other| !Rc::ptr_eq(other, &shared))
            });
            group.batches = Some(batch.urls(&group.members));
        }
        let found =
            group.batches.iter().flatten().find_map(|(url, ids)| {
                Some((url.clone(), ids.iter().position(|id| *id == member)?))
            });
        match found {
            Some(found) => found,
            None => return Err(Failure::NotMember(member)),
        }
    };
    let document = client::get_json(Request { url, ..request }).await?;
    let items = resolve(&document, &batch.items)
        .filter(Json::is_list)
        .ok_or_else(|| {
            Failure::WrongShape(ShapeError {
                field: "items".into(),
                pointer: batch.items.clone(),
                kind: Kind::List,
                mapped: false,
                list: None,
            })
        })?;
    // The project's server answers in the order asked; look there first, then search.
    let is_member = |item: &Js| {
        resolve(item, &batch.id)
            .and_then(|id| id.as_id())
            .as_deref()
            == Some(&*member)
    };
    if let Some(item) = items.child(&position.to_string()).filter(is_member) {
        return Ok(item);
    }
    if let Some(item) = items.items().into_iter().find(is_member) {
        return Ok(item);
    }
    // Not in the items: the project's server lists it as unknown, and as not found if no one
    // has that id; a foreign backend's answer simply has no such member.
    let listed = |name: &str| {
        document.child(name).is_some_and(|list| {
            list.items()
                .iter()
                .any(|id| id.as_text().as_deref() == Some(&*member))
        })
    };
    Err(if !own || listed("not_found") {
        Failure::UnknownMember(member)
    } else {
        Failure::NotMember(member)
    })
}
