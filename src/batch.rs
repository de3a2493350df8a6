//! Badges of one community requested in the same tick share one request: a member directory
//! with 300 pills makes two calls to `/communities/{c}/participation?members=…`, not 300.
//!
//! Each badge joins the open group of its API, community and credentials, then yields once to
//! the event loop (a timer, so every placeholder mounted in this task and every effect queued
//! behind it has joined). The first to wake closes the group and splits it into batches
//! ([`cop_core::badge::batch_urls`]); every badge then asks the shared client for its batch's
//! URL, and identical requests in flight are one fetch. Only the project's own contract has
//! the batch endpoint, so only badges on its default endpoint batch.

use std::cell::RefCell;
use std::rc::Rc;

use cop_core::badge::{batch_urls, Variant};
use cop_core::config::{WidgetConfig, WidgetKind};
use cop_core::failure::Failure;
use cop_core::mapping::Json;

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

/// `(api, community, member)` when this widget's data may come from a batch.
pub fn batchable(config: &WidgetConfig) -> Option<(&str, &str, &str)> {
    let member_badge = config.kind == WidgetKind::ParticipationBadge
        && Variant::from_param(config.param("variant")) != Variant::Community;
    if !member_badge || !config.contract {
        return None;
    }
    Some((
        config.api.as_deref()?,
        config.param("community")?,
        config.param("member")?,
    ))
}

/// The member's item of the batch answer, or why there is none.
pub async fn member(request: Request, api: String, community: String, member: String) -> Outcome {
    let key = format!("{}\u{0}{api}\u{0}{community}", request.credentials.name());
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
    client::sleep(0).await;
    let (url, position) = {
        let mut group = shared.borrow_mut();
        if group.batches.is_none() {
            // The first to wake closes the group: later badges start a new one.
            OPEN.with(|open| {
                open.borrow_mut()
                    .retain(|other| !Rc::ptr_eq(other, &shared))
            });
            group.batches = Some(batch_urls(&api, &community, &group.members));
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
    let items = document.child("items").ok_or(Failure::Malformed)?;
    // The project's server answers in the order asked; look there first, then search.
    let is_member =
        |item: &Js| item.child("member").and_then(|id| id.as_id()).as_deref() == Some(&*member);
    if let Some(item) = items.child(&position.to_string()).filter(is_member) {
        return Ok(item);
    }
    if let Some(item) = items.items().into_iter().find(is_member) {
        return Ok(item);
    }
    // Not in the items: the server lists it as unknown, and as not found if no one has that id.
    let listed = |name: &str| {
        document.child(name).is_some_and(|list| {
            list.items()
                .iter()
                .any(|id| id.as_text().as_deref() == Some(&*member))
        })
    };
    Err(if listed("not_found") {
        Failure::UnknownMember(member)
    } else {
        Failure::NotMember(member)
    })
}
