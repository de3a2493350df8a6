//! The JSON types of the project's own API: what the reference server sends and what the
//! widgets read when a placeholder gives no `data-map-*` overrides. The OpenAPI document in
//! `openapi/openapi.json` describes these; a test keeps the two in step.

use serde::{Deserialize, Serialize};

use crate::mapping::{Field, Kind};

/// A community of practice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Community {
    /// Stable identifier used in URLs and in `data-community`.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u32>,
}

/// How a widget reads a [`Community`] from any backend; `data-map-<name>` overrides a pointer.
pub const COMMUNITY_FIELDS: &[Field] = &[
    Field { name: "id", pointer: "/id", kind: Kind::Text, required: false },
    Field { name: "name", pointer: "/name", kind: Kind::Text, required: true },
    Field { name: "description", pointer: "/description", kind: Kind::Text, required: false },
    Field { name: "member_count", pointer: "/member_count", kind: Kind::Number, required: false },
];

/// An error answer, as RFC 9457 problem details (`application/problem+json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProblemDetails {
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// One entry per bad field of a request body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

/// One invalid field in a request body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// A JSON Pointer into the request body, e.g. `/title`.
    pub pointer: String,
    pub message: String,
}

/// A page of a longer list. `next` is an opaque cursor; absent on the last page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::extract;
    use serde_json::{json, Value};

    #[test]
    fn the_contract_json_maps_onto_the_model_unchanged() {
        let community = Community {
            id: "teachers".into(),
            name: "Teachers' network".into(),
            description: None,
            member_count: Some(220),
        };
        let document = serde_json::to_value(&community).unwrap();
        let mapped = extract(&document, COMMUNITY_FIELDS, |_| None).unwrap();
        let back: Community = serde_json::from_value(Value::Object(mapped)).unwrap();
        assert_eq!(back, community);
    }

    #[test]
    fn problem_details_default_their_type() {
        let problem: ProblemDetails = serde_json::from_value(json!({"title": "Bad", "status": 422})).unwrap();
        assert_eq!(problem.kind, "about:blank");
        assert!(problem.errors.is_empty());
    }
}
