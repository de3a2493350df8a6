//! The value-creation story endpoints: create (authenticated, idempotent), read one, list a
//! community's stories (paged, filtered by cycle and tag), and export the ones shared with
//! sponsors as CSV or JSON for the coordinator's report.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cop_core::contract::{Answer, Page, Story, StoryRequest};
use cop_core::story::{normalize_tag, validate, Cycle, Requirements};
use serde::Deserialize;

use crate::api::{existing_community, fingerprint, idempotent_write, json_body, read_body};
use crate::app::AppState;
use crate::identity::{Caller, MaybeCaller};
use crate::problem::Problem;
use crate::storage::{NewStory, Storage, StoryFilter, Write, Written};

/// The most stories one export holds.
const EXPORT_MAX: u32 = 10_000;

pub async fn create<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Caller(member): Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let body = read_body(&app, body)?;
    let fingerprint = fingerprint("POST", &format!("/communities/{community}/stories"), &body);
    let request: StoryRequest = json_body(&body, "a story as /api/openapi.json describes")?;
    let errors = validate(&request, &Requirements::default());
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    existing_community(&app, &community).await?;
    if app
        .storage
        .members_in(&community, std::slice::from_ref(&member))
        .await
        .map_err(Problem::internal)?
        .is_empty()
    {
        return Err(Problem::not_found(format!(
            "“{member}” is not a member of “{community}”: join it first."
        )));
    }
    let answers = Cycle::ALL
        .into_iter()
        .filter_map(|cycle| {
            let text = request.answers.get(cycle.name())?.trim();
            (!text.is_empty()).then(|| Answer {
                cycle: cycle.name().to_owned(),
                text: text.to_owned(),
            })
        })
        .collect();
    let mut tags: Vec<String> = request.tags.iter().map(|tag| normalize_tag(tag)).collect();
    tags.sort();
    tags.dedup();
    let story = NewStory {
        community: community.clone(),
        member: member.clone(),
        title: request.title.trim().to_owned(),
        answers,
        links: request
            .links
            .iter()
            .map(|link| link.trim().to_owned())
            .collect(),
        tags,
        share_with_sponsors: request.share_with_sponsors,
        anonymous: request.anonymous,
    };
    let author = Reader {
        id: Some(member.clone()),
        all: true,
    };
    idempotent_write(
        &app,
        &member,
        &headers,
        fingerprint,
        Write::Story(story),
        move |written| {
            let Written::Story(stored) = written else {
                return Err(Problem::internal("a story wrote something else"));
            };
            Ok((
                StatusCode::CREATED,
                serde_json::to_string(&author.shows(stored)).map_err(Problem::internal)?,
            ))
        },
    )
    .await
}

/// Who reads a community's stories, and so what they see. The access model (README, "Who
/// can read what"):
/// - a community's stories are read by its members; a sponsor (who is not also its
///   coordinator) reads only those their authors shared with sponsors, and their own;
/// - with `--public-reads`, anyone reads them all;
/// - an anonymous story names its author to the author alone, whoever else reads it;
/// - the export is for the community's coordinators and sponsors ([`exporter`]).
struct Reader {
    id: Option<String>,
    /// Sees stories not shared with sponsors.
    all: bool,
}

impl Reader {
    async fn of<S: Storage>(
        app: &AppState<S>,
        community: &str,
        caller: Option<String>,
    ) -> Result<Reader, Problem> {
        if app.public_reads {
            // Anyone reads them all: no need to look up the caller's roles.
            return Ok(Reader {
                id: caller,
                all: true,
            });
        }
        let roles = roles_in(app, community, caller.as_deref()).await?;
        match (caller, roles) {
            (Some(id), Some(roles)) => {
                let sponsor_only = roles.iter().any(|r| r == "sponsor")
                    && !roles.iter().any(|r| r == "coordinator");
                Ok(Reader {
                    id: Some(id),
                    all: !sponsor_only,
                })
            }
            (None, _) => Err(Problem::unauthorized(format!(
                "The stories of “{community}” are for its members: sign in first."
            ))),
            (Some(id), None) => Err(Problem::new(
                StatusCode::FORBIDDEN,
                "Members only",
                format!("The stories of “{community}” are for its members, and “{id}” is not one."),
            )
            .with_code("not-a-member")),
        }
    }

    fn filter(&self, mut filter: StoryFilter) -> StoryFilter {
        if !self.all {
            filter.for_sponsors = true;
            filter.own.clone_from(&self.id);
        }
        filter
    }

    /// The story as this reader may see it: an anonymous one without its author, unless the
    /// reader wrote it.
    fn shows(&self, mut story: Story) -> Story {
        let own = story.author.as_ref().map(|a| &a.id) == self.id.as_ref();
        if story.anonymous && !own {
            story.author = None;
        }
        story
    }
}

/// The caller's roles in `community`; `None` if there is no caller or they are not a member.
pub(crate) async fn roles_in<S: Storage>(
    app: &AppState<S>,
    community: &str,
    caller: Option<&str>,
) -> Result<Option<Vec<String>>, Problem> {
    let Some(id) = caller else {
        return Ok(None);
    };
    Ok(app
        .storage
        .members_in(community, &[id.to_owned()])
        .await
        .map_err(Problem::internal)?
        .pop()
        .map(|member| member.roles))
}

/// The export is for the community's coordinators and sponsors: 401 without an identity,
/// 403 for anyone else (even with `--public-reads`).
async fn exporter<S: Storage>(
    app: &AppState<S>,
    community: &str,
    caller: Option<String>,
) -> Result<(), Problem> {
    let Some(id) = caller else {
        return Err(Problem::unauthorized(format!(
            "The export of “{community}” is for its coordinators and sponsors: sign in first."
        )));
    };
    let roles = roles_in(app, community, Some(&id))
        .await?
        .unwrap_or_default();
    if roles.iter().any(|r| r == "coordinator" || r == "sponsor") {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::FORBIDDEN,
            "Coordinators and sponsors only",
            format!("The export of “{community}” is for its coordinators and sponsors; “{id}” is neither."),
        ))
    }
}

pub async fn one<S: Storage>(
    State(app): State<AppState<S>>,
    Path((community, id)): Path<(String, String)>,
    MaybeCaller(caller): MaybeCaller,
) -> Result<Json<Story>, Problem> {
    existing_community(&app, &community).await?;
    let reader = Reader::of(&app, &community, caller).await?;
    app.storage
        .story(&community, &id)
        .await
        .map_err(Problem::internal)?
        .filter(|story| {
            reader.all
                || story.share_with_sponsors
                || story.author.as_ref().map(|a| &a.id) == reader.id.as_ref()
        })
        .map(|story| Json(reader.shows(story)))
        .ok_or_else(|| Problem::not_found(format!("No story “{id}” in “{community}”.")))
}

#[derive(Deserialize)]
pub struct ListQuery {
    cycle: Option<String>,
    tag: Option<String>,
    cursor: Option<String>,
    limit: Option<String>,
}

impl ListQuery {
    fn filter(&self) -> Result<StoryFilter, Problem> {
        if let Some(cycle) = &self.cycle {
            if Cycle::from_name(cycle).is_none() {
                return Err(Problem::bad_request(format!("`cycle` “{cycle}” is not a cycle; use immediate, potential, applied, realized, reframing, strategic, enabling or loop.")));
            }
        }
        Ok(StoryFilter {
            cycle: self.cycle.clone(),
            tag: self.tag.as_deref().map(normalize_tag),
            ..StoryFilter::default()
        })
    }
}

pub async fn list<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Query(query): Query<ListQuery>,
    MaybeCaller(caller): MaybeCaller,
) -> Result<Json<Page<Story>>, Problem> {
    let filter = query.filter()?;
    let limit = match &query.limit {
        None => 20,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| {
                Problem::bad_request(format!(
                    "`limit` must be a whole number from 1 to 100; got “{text}”."
                ))
            })?,
    };
    let before =
        match &query.cursor {
            None => None,
            Some(cursor) => Some(cursor.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(
                || Problem::bad_request("`cursor` is not one this server gave out."),
            )?),
        };
    existing_community(&app, &community).await?;
    let reader = Reader::of(&app, &community, caller).await?;
    let filter = reader.filter(filter);
    let mut rows = app
        .storage
        .stories(&community, &filter, before, limit + 1)
        .await
        .map_err(Problem::internal)?;
    let next = (rows.len() > limit as usize).then(|| {
        rows.truncate(limit as usize);
        rows.last().map(|(position, _)| position.to_string())
    });
    Ok(Json(Page {
        items: rows
            .into_iter()
            .map(|(_, story)| reader.shows(story))
            .collect(),
        next: next.flatten(),
    }))
}

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

/// The stories whose authors agreed to share them with sponsors, newest first.
pub async fn export<S: Storage>(
    State(app): State<AppState<S>>,
    Path(community): Path<String>,
    Query(query): Query<ExportQuery>,
    MaybeCaller(caller): MaybeCaller,
) -> Result<Response, Problem> {
    existing_community(&app, &community).await?;
    exporter(&app, &community, caller).await?;
    // A report: anonymous stories name nobody, whoever exports them.
    let nobody = Reader {
        id: None,
        all: true,
    };
    let filter = StoryFilter {
        for_sponsors: true,
        ..StoryFilter::default()
    };
    let stories: Vec<Story> = app
        .storage
        .stories(&community, &filter, None, EXPORT_MAX)
        .await
        .map_err(Problem::internal)?
        .into_iter()
        .map(|(_, s)| nobody.shows(s))
        .collect();
    let file =
        |extension: &str| format!("attachment; filename=\"{community}-stories.{extension}\"");
    match query.format.as_deref().unwrap_or("csv") {
        "json" => Ok((
            [
                (header::CONTENT_TYPE, "application/json".to_owned()),
                (header::CONTENT_DISPOSITION, file("json")),
            ],
            Json(stories),
        )
            .into_response()),
        "csv" => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, file("csv")),
            ],
            to_csv(&stories),
        )
            .into_response()),
        other => Err(Problem::bad_request(format!(
            "`format` “{other}” is not one of csv, json."
        ))),
    }
}

/// RFC 4180 CSV, one row per story and a column per cycle, with a byte-order mark so that
/// spreadsheet programs read UTF-8. Cells that a spreadsheet would run as a formula are
/// prefixed with `'` (see [`csv_cell`]), so a story cannot run code in the coordinator's
/// spreadsheet, whatever list separator it uses.
fn to_csv(stories: &[Story]) -> String {
    let mut out = String::from("\u{feff}");
    let mut header = vec!["id", "created_at", "title", "author", "tags", "links"];
    header.extend(Cycle::ALL.iter().map(|cycle| cycle.name()));
    push_row(&mut out, header.iter().map(|s| s.to_string()));
    for story in stories {
        let mut row = vec![
            story.id.clone(),
            story.created_at.clone(),
            story.title.clone(),
            story
                .author
                .as_ref()
                .map_or_else(|| "(anonymous)".to_owned(), |a| a.display_name.clone()),
            story.tags.join("; "),
            story.links.join(" "),
        ];
        for cycle in Cycle::ALL {
            row.push(
                story
                    .answers
                    .iter()
                    .find(|a| a.cycle == cycle.name())
                    .map(|a| a.text.clone())
                    .unwrap_or_default(),
            );
        }
        push_row(&mut out, row.into_iter());
    }
    out
}

pub(crate) fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|cell| csv_cell(&cell)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One CSV cell, safe in spreadsheet programs whatever their list separator (OWASP's
/// CSV-injection guidance). A formula prefix (`=`, `+`, `-`, `@`, tab, CR) gets a `'` before it
/// at the start of the cell and after every separator inside it (`,`, `;`, tab, CR, LF, then
/// any spaces or quotes): a program that splits on `;` (German, French, Spanish, Portuguese
/// Excel) or that misreads the quoting sees a new cell start there. Cells with a separator,
/// a line break or a quote are quoted, so they stay one cell in the `,` dialect.
fn csv_cell(text: &str) -> String {
    let mut safe = String::with_capacity(text.len() + 2);
    let mut cell_starts = true;
    for c in text.chars() {
        if cell_starts && matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r') {
            safe.push('\'');
        }
        safe.push(c);
        cell_starts =
            matches!(c, ',' | ';' | '\t' | '\r' | '\n') || (cell_starts && matches!(c, ' ' | '"'));
    }
    if safe.contains([',', ';', '\t', '\r', '\n', '"']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://evil\")"),
            "\"'=HYPERLINK(\"\"http://evil\"\")\""
        );
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Report;=2+5;"), "\"Report;'=2+5;\"");
        assert_eq!(csv_cell("a, +1"), "\"a, '+1\"");
        assert_eq!(csv_cell("a;\"=1"), "\"a;\"\"'=1\"");
        assert_eq!(csv_cell("tab\t=1"), "\"tab\t'=1\"");
        assert_eq!(csv_cell("\t=1"), "\"'\t'=1\"");
        assert_eq!(csv_cell("list\n- item"), "\"list\n'- item\"");
        assert_eq!(csv_cell("a-b=c"), "a-b=c", "only where a cell could start");
    }
}
