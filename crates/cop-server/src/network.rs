//! `GET /network`: every community at a glance, for the lead who runs many of them (issue 17):
//! each one's health verdict and spread (the distribution's), the quarter's trend of
//! active-or-core members, why it needs attention and whether it is a showcase
//! (`cop_core::participation::Overview`). Public, like the distributions it summarises.
//!
//! One request answers 100 communities without a query per community: one read of every
//! community with the versions its cached overview is validated by, then the overviews from
//! the standings cache (`standings::overviews`; those not cached are computed together, two
//! reads per hundred communities). All communities are ranked, then paged: the order needs
//! every community's verdict. The order is `cop_core::network::Sort`'s, the widget's too.

use std::cmp::Ordering;

use axum::extract::{Query, State};
use axum::Json;
use cop_core::contract::{NetworkCommunity, NetworkOverview};
use cop_core::network::{Rank, Sort};
use serde::Deserialize;

use crate::api::{encode_cursor, Paging};
use crate::app::AppState;
use crate::problem::Problem;
use crate::standings;
use crate::storage::Storage;

#[derive(Deserialize)]
pub struct NetworkQuery {
    sort: Option<String>,
    cursor: Option<String>,
    limit: Option<String>,
}

/// The order asked for (`?sort=`, the attention order without it); an unknown one is refused.
fn parse_sort(text: Option<&str>) -> Result<Sort, Problem> {
    match text {
        None => Ok(Sort::default()),
        Some(text) => Sort::parse(text).ok_or_else(|| {
            Problem::bad_request(format!(
                "`sort` must be attention, name, members or trend, or one of them after a `-` \
                 to reverse it; got “{text}”."
            ))
        }),
    }
}

pub async fn overview<S: Storage>(
    State(app): State<AppState<S>>,
    Query(query): Query<NetworkQuery>,
) -> Result<Json<NetworkOverview>, Problem> {
    let sort = parse_sort(query.sort.as_deref())?;
    let (after, limit) = Paging {
        cursor: query.cursor,
        limit: query.limit,
    }
    .parse()?;
    // A cursor is the sort it was made for and the rank of its page's last item.
    let after: Option<Rank> = match after {
        None => None,
        Some(text) => Some(
            serde_json::from_str::<(String, Rank)>(&text)
                .ok()
                .filter(|(made_for, _)| *made_for == sort.name())
                .map(|(_, rank)| rank)
                .ok_or_else(|| {
                    Problem::bad_request(format!(
                        "`cursor` is not one this server gave out for sort={}.",
                        sort.name()
                    ))
                })?,
        ),
    };
    let today = app.today();
    let rows = app.storage.network().await.map_err(Problem::internal)?;
    let overviews = standings::overviews(&app.storage, &app.standings, &rows, today)
        .await
        .map_err(Problem::internal)?;
    let mut ranked: Vec<(Rank, NetworkCommunity)> = rows
        .iter()
        .zip(&overviews)
        .map(|(row, overview)| {
            let item = NetworkCommunity::from_overview(overview, &row.id, &row.name);
            (sort.rank(&item.line()), item)
        })
        .collect();
    let count = |keep: fn(&NetworkCommunity) -> bool| {
        ranked.iter().filter(|(_, item)| keep(item)).count() as u32
    };
    let (communities, needing_attention, showcases) = (
        ranked.len() as u32,
        count(|item| !item.attention.is_empty()),
        count(|item| item.showcase),
    );
    ranked.sort_by(|(a, _), (b, _)| sort.compare(a, b));
    let start = after.map_or(0, |after| {
        ranked.partition_point(|(rank, _)| sort.compare(rank, &after) != Ordering::Greater)
    });
    let mut page: Vec<(Rank, NetworkCommunity)> = ranked
        .into_iter()
        .skip(start)
        .take(limit as usize + 1)
        .collect();
    let next = if page.len() > limit as usize {
        page.truncate(limit as usize);
        page.last()
            .map(|(rank, _)| serde_json::to_string(&(sort.name(), rank)))
            .transpose()
            .map_err(Problem::internal)?
            .map(|json| encode_cursor(&json))
    } else {
        None
    };
    Ok(Json(NetworkOverview {
        items: page.into_iter().map(|(_, item)| item).collect(),
        next,
        sort: sort.name(),
        communities,
        needing_attention,
        showcases,
        as_of: today.to_string(),
    }))
}
