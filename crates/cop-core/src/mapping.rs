//! Maps any backend's JSON onto a widget's model with per-field JSON Pointers (RFC 6901).
//!
//! Each model declares its fields ([`Field`]) with the pointer of the project's own contract.
//! A placeholder may give another pointer per field (`data-map-name="/data/attributes/title"`),
//! so that a backend with other paths and other field names works without code.

use serde_json::{Map, Value};

/// What kind of JSON value a field must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Boolean,
    List,
    Any,
}

impl Kind {
    fn accepts(self, value: &Value) -> bool {
        match self {
            Kind::Text => value.is_string(),
            Kind::Number => value.is_number(),
            Kind::Boolean => value.is_boolean(),
            Kind::List => value.is_array(),
            Kind::Any => true,
        }
    }
}

/// One field of a model: its name in the model, its pointer in the project's own contract,
/// the kind of value, and whether the model can do without it.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub pointer: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// A response that does not hold what a field needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    pub field: String,
    pub pointer: String,
    pub kind: Kind,
}

/// Whether `text` is a JSON Pointer: empty (the whole document), or `/`-separated tokens
/// in which `~` is only ever followed by `0` or `1`.
pub fn is_valid_pointer(text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    if !text.starts_with('/') {
        return false;
    }
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return false;
        }
    }
    true
}

/// Builds the model's object from `document`: each field read at its overriding pointer if
/// the placeholder gave one, else at its contract pointer. A missing optional field is left
/// out (null is treated as missing); a missing required field, or a value of the wrong kind,
/// is a [`ShapeError`] naming the field and the pointer.
pub fn extract(
    document: &Value,
    fields: &[Field],
    pointer_for: impl Fn(&str) -> Option<String>,
) -> Result<Map<String, Value>, ShapeError> {
    let mut object = Map::new();
    for field in fields {
        let pointer = pointer_for(field.name).unwrap_or_else(|| field.pointer.to_owned());
        match document.pointer(&pointer).filter(|value| !value.is_null()) {
            Some(value) if field.kind.accepts(value) => {
                object.insert(field.name.to_owned(), value.clone());
            }
            None if !field.required => {}
            _ => return Err(ShapeError { field: field.name.to_owned(), pointer, kind: field.kind }),
        }
    }
    Ok(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FIELDS: &[Field] = &[
        Field { name: "name", pointer: "/name", kind: Kind::Text, required: true },
        Field { name: "member_count", pointer: "/member_count", kind: Kind::Number, required: false },
    ];

    fn no_overrides(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn reads_the_contract_pointers_by_default() {
        let object = extract(&json!({"name": "Teachers", "member_count": 220, "extra": 1}), FIELDS, no_overrides).unwrap();
        assert_eq!(Value::Object(object), json!({"name": "Teachers", "member_count": 220}));
    }

    #[test]
    fn overrides_map_a_foreign_backend() {
        let foreign = json!({"data": {"attributes": {"title": "Lehrkräfte", "a/b": 3, "m~n": [1]}}});
        let object = extract(&foreign, FIELDS, |field| match field {
            "name" => Some("/data/attributes/title".into()),
            "member_count" => Some("/data/attributes/a~1b".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(Value::Object(object), json!({"name": "Lehrkräfte", "member_count": 3}));
        assert_eq!(foreign.pointer("/data/attributes/m~0n"), Some(&json!([1])), "~0 escapes ~");
    }

    #[test]
    fn missing_optional_and_null_fields_are_left_out() {
        let object = extract(&json!({"name": "T", "member_count": null}), FIELDS, no_overrides).unwrap();
        assert!(!object.contains_key("member_count"));
    }

    #[test]
    fn a_missing_required_field_names_field_and_pointer() {
        let error = extract(&json!({"title": "T"}), FIELDS, no_overrides).unwrap_err();
        assert_eq!(error, ShapeError { field: "name".into(), pointer: "/name".into(), kind: Kind::Text });
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_a_shape_error() {
        let error = extract(&json!({"name": "T", "member_count": "many"}), FIELDS, no_overrides).unwrap_err();
        assert_eq!(error.field, "member_count");
        let error = extract(&json!([1, 2]), FIELDS, no_overrides).unwrap_err();
        assert_eq!(error.field, "name");
    }

    #[test]
    fn validates_pointer_syntax() {
        for good in ["", "/", "/a", "/a/0", "/a~0b", "/a~1b", "/ü/ "] {
            assert!(is_valid_pointer(good), "{good:?}");
        }
        for bad in ["a", "a/b", "/a~", "/a~2", "#/a"] {
            assert!(!is_valid_pointer(bad), "{bad:?}");
        }
    }
}
