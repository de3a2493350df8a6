//! Maps any backend's JSON onto a widget's model with per-field JSON Pointers (RFC 6901).
//!
//! Each model declares its fields ([`Field`]) with the pointer of the project's own contract.
//! A placeholder may give another pointer per field (`data-map-name="/data/attributes/title"`),
//! so that a backend with other paths and other field names works without code.

use serde_json::Value;

/// A parsed JSON value, as far as mapping needs to look into it. Implemented here for
/// `serde_json::Value` (the server, the native tests) and in the widget crate for the
/// browser's own `JSON.parse` result, which costs the wasm no JSON parser at all.
pub trait Json: Sized + Clone {
    /// The member `token` of an object (own members only), or element `token` of an array
    /// (see [`array_index`]); `None` for anything else.
    fn child(&self, token: &str) -> Option<Self>;
    fn is_null(&self) -> bool;
    fn as_text(&self) -> Option<String>;
    fn as_number(&self) -> Option<f64>;
    fn as_bool(&self) -> Option<bool>;
    fn is_boolean(&self) -> bool {
        self.as_bool().is_some()
    }
    fn is_list(&self) -> bool;

    /// An identifier: text as it is, or a whole number written out (`1` → `"1"`): backends
    /// number their records as often as they name them.
    fn as_id(&self) -> Option<String> {
        self.as_text().or_else(|| {
            self.as_number()
                .filter(|n| n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0)
                .map(|n| (n as i64).to_string())
        })
    }

    /// The elements of a list, in order; none for anything that is not a list.
    fn items(&self) -> Vec<Self> {
        let mut items = Vec::new();
        if self.is_list() {
            while let Some(item) = self.child(&items.len().to_string()) {
                items.push(item);
            }
        }
        items
    }
}

/// An RFC 6901 array index: `0`, or digits without a leading zero. (`-`, "past the end",
/// never names an existing element.)
pub fn array_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    (digits && (token == "0" || !token.starts_with('0')))
        .then(|| token.parse().ok())
        .flatten()
}

impl Json for Value {
    fn child(&self, token: &str) -> Option<Value> {
        match self {
            Value::Object(map) => map.get(token).cloned(),
            Value::Array(items) => items.get(array_index(token)?).cloned(),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn as_text(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn as_number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn as_bool(&self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn is_list(&self) -> bool {
        self.is_array()
    }
}

/// What kind of JSON value a field must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// An identifier: text, or a whole number (read back as its digits, see [`Json::as_id`]).
    Id,
    Number,
    /// A whole number from 0 to 2³²−1: counts of members, posts, views.
    Count,
    Boolean,
    List,
    Any,
}

impl Kind {
    fn accepts(self, value: &impl Json) -> bool {
        match self {
            Kind::Text => value.as_text().is_some(),
            Kind::Id => value.as_id().is_some(),
            Kind::Number => value.as_number().is_some(),
            Kind::Count => value
                .as_number()
                .is_some_and(|n| n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)),
            Kind::Boolean => value.is_boolean(),
            Kind::List => value.is_list(),
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
    /// For a list whose items the model reads: each item's fields. An item field `f` of list
    /// `l` is read at its own pointer inside each item, or at the pointer of `data-map-l.f`
    /// (relative to the item). A list with items none of which has all the *required* item
    /// fields is a [`ShapeError`] with `list` set: the mapping is wrong, not the data.
    pub items: &'static [Item],
}

/// A field of each item of a list field (see [`Field::items`]).
#[derive(Clone, Copy, Debug)]
pub struct Item {
    pub name: &'static str,
    /// Where an item holds it in the project's own contract, relative to the item.
    pub pointer: &'static str,
    pub kind: Kind,
    /// Every readable item has it; a list of which no item has all the required ones is the
    /// mapping's fault. An optional one may be missing from every item (a carousel where no
    /// video has a transcript).
    pub required: bool,
}

impl Item {
    /// A field every readable item has.
    pub const fn new(name: &'static str, pointer: &'static str, kind: Kind) -> Item {
        Item {
            name,
            pointer,
            kind,
            required: true,
        }
    }

    /// A field items may lack.
    pub const fn optional(name: &'static str, pointer: &'static str, kind: Kind) -> Item {
        Item {
            name,
            pointer,
            kind,
            required: false,
        }
    }
}

/// A response that does not hold what a field needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    pub field: String,
    pub pointer: String,
    pub kind: Kind,
    /// The pointer is the placeholder's own (`data-map-<field>`), not the contract's: the
    /// likelier culprit is the attribute, and asking the server again cannot help.
    pub mapped: bool,
    /// Set when `field` (`list.item`) is an item field that no item of the list at this
    /// pointer has: every item is unreadable. Always the mapping's fault.
    pub list: Option<String>,
}

/// The fields [`extract`] found, each of the kind its [`Field`] declares.
#[derive(Clone, Debug)]
pub struct Fields<J> {
    values: Vec<(&'static str, J)>,
    /// Optional fields whose `data-map-<field>` pointer found nothing: (field, pointer). The
    /// widget still shows, without them; the browser warns once on the console. Optional item
    /// fields too (`list.item`), when their `data-map-list.item` pointer finds nothing in any
    /// item of a non-empty list.
    pub unmatched: Vec<(String, String)>,
    /// Item fields' pointers (`list.item` → pointer inside an item): `data-map-list.item`'s,
    /// else the contract's.
    item_pointers: Vec<(String, String)>,
}

impl<J: Json> Fields<J> {
    fn get(&self, name: &str) -> Option<&J> {
        self.values
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, value)| value)
    }

    /// A [`Kind::Text`] or [`Kind::Id`] field.
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name)?.as_id()
    }

    /// The items of a list field, in order (none if the field is absent or not a list).
    pub fn items(&self, name: &str) -> Vec<J> {
        self.get(name).map_or_else(Vec::new, Json::items)
    }

    /// Item field `name` of an item of list `list`: at `data-map-<list>.<name>`'s pointer
    /// (relative to the item), else at the contract's ([`Item::pointer`]); an undeclared
    /// name at `/<name>`. Null counts as missing.
    pub fn item(&self, item: &J, list: &str, name: &str) -> Option<J> {
        item_value(&self.item_pointers, item, list, name)
    }

    /// A field's number, if it holds one (for a [`Kind::Any`] field the model makes sensible).
    pub fn number(&self, name: &str) -> Option<f64> {
        self.get(name)?.as_number()
    }

    /// A [`Kind::Count`] field (range checked by [`extract`]).
    pub fn count(&self, name: &str) -> Option<u32> {
        self.get(name)?.as_number().map(|n| n as u32)
    }
}

/// A widget's model, built from the fields [`extract`] returns: each already has its declared
/// kind, so building cannot fail. (Deliberately not serde's `Deserialize`: its generic
/// machinery costs the wasm more than these few lines.)
pub trait FromFields: Sized {
    const FIELDS: &'static [Field];
    /// `params` are the widget's own attributes (by name without `data-`): e.g. the badge's
    /// `data-levels`, a backend's own words for the levels.
    fn from_fields<J: Json>(fields: &Fields<J>, params: &[(String, String)]) -> Self;
}

/// Resolves an RFC 6901 JSON Pointer (`~1` is `/`, `~0` is `~`).
pub fn resolve<J: Json>(document: &J, pointer: &str) -> Option<J> {
    let mut current = document.clone();
    for raw in pointer.split('/').skip(1) {
        current = current.child(&unescape(raw))?;
    }
    Some(current)
}

/// `~1` → `/`, then `~0` → `~`, in one pass (so `~01` is `~1`, not `/`).
fn unescape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('~', Some('1')) => {
                out.push('/');
                chars.next();
            }
            ('~', Some('0')) => {
                out.push('~');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
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

/// Reads each field from `document`: at its overriding pointer if the placeholder gave one,
/// else at its contract pointer. A missing optional field is left out (null counts as
/// missing); a missing required field, or a value of the wrong kind, is a [`ShapeError`]
/// naming the field and the pointer.
pub fn extract<J: Json>(
    document: &J,
    fields: &[Field],
    pointer_for: impl Fn(&str) -> Option<String>,
) -> Result<Fields<J>, ShapeError> {
    let mut values = Vec::with_capacity(fields.len());
    let mut unmatched = Vec::new();
    let mut item_pointers: Vec<(String, String)> = Vec::new();
    let mut mapped_items: Vec<&'static str> = Vec::new();
    for field in fields {
        let mapped = pointer_for(field.name);
        let is_mapped = mapped.is_some();
        let pointer = mapped.unwrap_or_else(|| field.pointer.to_owned());
        let error = |field: String, pointer: String, kind, list: Option<String>| ShapeError {
            field,
            pointer,
            kind,
            mapped: is_mapped || list.is_some(),
            list,
        };
        match resolve(document, &pointer).filter(|value| !value.is_null()) {
            Some(value) if field.kind.accepts(&value) => {
                for item in field.items {
                    let key = format!("{}.{}", field.name, item.name);
                    let mapped = pointer_for(&key);
                    let item_mapped = mapped.is_some();
                    let pointer = mapped.unwrap_or_else(|| item.pointer.to_owned());
                    item_pointers.push((key, pointer));
                    if item_mapped {
                        mapped_items.push(item.name);
                    }
                }
                // Every item unreadable: a list of something else, or item pointers that
                // find nothing. Named by the first required item field that no item has.
                let items = value.items();
                let has = |item: &J, field_item: &Item| {
                    item_value(&item_pointers, item, field.name, field_item.name)
                        .is_some_and(|value| field_item.kind.accepts(&value))
                };
                let required = || field.items.iter().filter(|f| f.required);
                if required().next().is_some()
                    && !items.is_empty()
                    && !items.iter().any(|item| required().all(|f| has(item, f)))
                {
                    let missing = required()
                        .find(|f| !items.iter().any(|item| has(item, f)))
                        .or_else(|| required().find(|f| !has(&items[0], f)));
                    if let Some(missing) = missing {
                        let key = format!("{}.{}", field.name, missing.name);
                        let item_pointer = item_pointer(&item_pointers, field.name, missing.name);
                        return Err(error(key, item_pointer, missing.kind, Some(pointer)));
                    }
                }
                // An optional item field the placeholder mapped, found in no item: warned of.
                for f in field.items.iter().filter(|f| !f.required) {
                    if mapped_items.contains(&f.name)
                        && !items.is_empty()
                        && !items.iter().any(|item| has(item, f))
                    {
                        unmatched.push((
                            format!("{}.{}", field.name, f.name),
                            item_pointer(&item_pointers, field.name, f.name),
                        ));
                    }
                }
                mapped_items.clear();
                values.push((field.name, value))
            }
            None if !field.required => {
                if is_mapped {
                    unmatched.push((field.name.to_owned(), pointer));
                }
            }
            _ => return Err(error(field.name.to_owned(), pointer, field.kind, None)),
        }
    }
    Ok(Fields {
        values,
        unmatched,
        item_pointers,
    })
}

/// The pointer of item field `name` of `list`: the placeholder's, else the contract's (both
/// recorded by [`extract`]); `/name` for a name the field does not declare.
fn item_pointer(item_pointers: &[(String, String)], list: &str, name: &str) -> String {
    item_pointers
        .iter()
        .find(|(key, _)| key.strip_prefix(list).and_then(|k| k.strip_prefix('.')) == Some(name))
        .map_or_else(|| format!("/{name}"), |(_, pointer)| pointer.clone())
}

fn item_value<J: Json>(
    item_pointers: &[(String, String)],
    item: &J,
    list: &str,
    name: &str,
) -> Option<J> {
    resolve(item, &item_pointer(item_pointers, list, name)).filter(|value| !value.is_null())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FIELDS: &[Field] = &[
        Field {
            name: "name",
            pointer: "/name",
            kind: Kind::Text,
            required: true,
            items: &[],
        },
        Field {
            name: "member_count",
            pointer: "/member_count",
            kind: Kind::Count,
            required: false,
            items: &[],
        },
    ];

    fn no_overrides(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn reads_the_contract_pointers_by_default() {
        let fields = extract(
            &json!({"name": "Teachers", "member_count": 220, "extra": 1}),
            FIELDS,
            no_overrides,
        )
        .unwrap();
        assert_eq!(fields.text("name").as_deref(), Some("Teachers"));
        assert_eq!(fields.count("member_count"), Some(220));
        assert_eq!(fields.text("extra"), None);
    }

    #[test]
    fn pointers_follow_rfc_6901() {
        let document = json!({"a/b": {"m~n": [10, 20, {"": "empty key"}]}, "": 1});
        assert_eq!(resolve(&document, ""), Some(document.clone()));
        assert_eq!(resolve(&document, "/"), Some(json!(1)));
        assert_eq!(resolve(&document, "/a~1b/m~0n/1"), Some(json!(20)));
        assert_eq!(
            resolve(&document, "/a~1b/m~0n/2/"),
            Some(json!("empty key"))
        );
        assert_eq!(
            resolve(&document, "/a~1b/m~0n/01"),
            None,
            "no leading zeros"
        );
        assert_eq!(resolve(&document, "/a~1b/m~0n/-"), None, "past the end");
        assert_eq!(resolve(&document, "/a~1b/m~0n/3"), None);
        assert_eq!(
            resolve(&document, "/a~1b/m~0n/1/x"),
            None,
            "no members in a number"
        );
        assert_eq!(
            resolve(&json!({"~1": 5}), "/~01"),
            Some(json!(5)),
            "~01 is the key ~1"
        );
        // the same pointers as serde_json's own implementation
        for pointer in ["", "/", "/a~1b", "/a~1b/m~0n/0", "/nope", "/a~1b/m~0n/01"] {
            assert_eq!(
                resolve(&document, pointer).as_ref(),
                document.pointer(pointer),
                "{pointer}"
            );
        }
    }

    #[test]
    fn array_indexes_are_digits_without_leading_zeros() {
        assert_eq!(array_index("0"), Some(0));
        assert_eq!(array_index("10"), Some(10));
        for bad in ["", "-", "01", "1a", "+1", " 1"] {
            assert_eq!(array_index(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn overrides_map_a_foreign_backend() {
        let foreign =
            json!({"data": {"attributes": {"title": "Lehrkräfte", "a/b": 3, "m~n": [1]}}});
        let object = extract(&foreign, FIELDS, |field| match field {
            "name" => Some("/data/attributes/title".into()),
            "member_count" => Some("/data/attributes/a~1b".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(object.text("name").as_deref(), Some("Lehrkräfte"));
        assert_eq!(object.count("member_count"), Some(3));
    }

    #[test]
    fn missing_optional_and_null_fields_are_left_out() {
        let object = extract(
            &json!({"name": "T", "member_count": null}),
            FIELDS,
            no_overrides,
        )
        .unwrap();
        assert_eq!(object.count("member_count"), None);
    }

    #[test]
    fn numbers_are_ids_too() {
        const ID: &[Field] = &[Field {
            name: "id",
            pointer: "/id",
            kind: Kind::Id,
            required: true,
            items: &[],
        }];
        for (document, id) in [
            (json!({"id": 1}), "1"),
            (json!({"id": 9_007_199_254_740_992_u64}), "9007199254740992"),
            (json!({"id": -4}), "-4"),
            (json!({"id": "m-42"}), "m-42"),
        ] {
            let fields = extract(&document, ID, no_overrides).unwrap();
            assert_eq!(fields.text("id").as_deref(), Some(id), "{document}");
        }
        for document in [json!({"id": 1.5}), json!({"id": true}), json!({"id": [1]})] {
            assert!(extract(&document, ID, no_overrides).is_err(), "{document}");
        }
    }

    #[test]
    fn an_optional_field_whose_own_pointer_finds_nothing_is_reported_not_fatal() {
        let map = |field: &str| (field == "member_count").then(|| "/stats/members".to_owned());
        let fields = extract(&json!({"name": "T"}), FIELDS, map).unwrap();
        assert_eq!(fields.count("member_count"), None);
        assert_eq!(
            fields.unmatched,
            [("member_count".to_owned(), "/stats/members".to_owned())]
        );
        // Only the placeholder's own pointers are reported: the contract's may be absent.
        let fields = extract(&json!({"name": "T"}), FIELDS, no_overrides).unwrap();
        assert!(fields.unmatched.is_empty());
        // A required field's own pointer that finds nothing says it is the pointer's fault.
        let map = |field: &str| (field == "name").then(|| "/title".to_owned());
        assert!(
            extract(&json!({"name": "T"}), FIELDS, map)
                .unwrap_err()
                .mapped
        );
    }

    #[test]
    fn a_missing_required_field_names_field_and_pointer() {
        let error = extract(&json!({"title": "T"}), FIELDS, no_overrides).unwrap_err();
        assert_eq!(
            error,
            ShapeError {
                field: "name".into(),
                pointer: "/name".into(),
                kind: Kind::Text,
                mapped: false,
                list: None,
            }
        );
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_a_shape_error() {
        let error = extract(
            &json!({"name": "T", "member_count": "many"}),
            FIELDS,
            no_overrides,
        )
        .unwrap_err();
        assert_eq!(error.field, "member_count");
        let error = extract(&json!([1, 2]), FIELDS, no_overrides).unwrap_err();
        assert_eq!(error.field, "name");
    }

    #[test]
    fn counts_refuse_negative_fractional_and_absurd_numbers() {
        for bad in [
            json!(-1),
            json!(1.5),
            json!(1e12),
            json!("3"),
            json!(4294967296u64),
        ] {
            let error = extract(
                &json!({"name": "T", "member_count": bad}),
                FIELDS,
                no_overrides,
            )
            .unwrap_err();
            assert_eq!(error.kind, Kind::Count, "{bad}");
        }
        assert!(extract(
            &json!({"name": "T", "member_count": 0}),
            FIELDS,
            no_overrides
        )
        .is_ok());
        let max = extract(
            &json!({"name": "T", "member_count": 4294967295u64}),
            FIELDS,
            no_overrides,
        )
        .unwrap();
        assert_eq!(max.count("member_count"), Some(u32::MAX));
    }

    const LEVELS: &[Field] = &[Field {
        name: "levels",
        pointer: "/levels",
        kind: Kind::List,
        required: true,
        items: &[
            Item::new("level", "/level", Kind::Text),
            Item::new("count", "/count", Kind::Number),
        ],
    }];

    #[test]
    fn list_items_are_read_at_their_own_pointers_relative_to_each_item() {
        let document = json!({"levels": [{"tier": "core", "n": {"total": 4}}, {"tier": "active"}]});
        let map = |field: &str| match field {
            "levels.level" => Some("/tier".to_owned()),
            "levels.count" => Some("/n/total".to_owned()),
            _ => None,
        };
        let fields = extract(&document, LEVELS, map).unwrap();
        let items = fields.items("levels");
        assert_eq!(
            fields.item(&items[0], "levels", "level"),
            Some(json!("core"))
        );
        assert_eq!(fields.item(&items[0], "levels", "count"), Some(json!(4)));
        assert_eq!(
            fields.item(&items[1], "levels", "count"),
            None,
            "one item may lack a field"
        );
        // Unmapped item fields are read at /<name>.
        let fields = extract(
            &json!({"levels": [{"level": "core", "count": 1}]}),
            LEVELS,
            no_overrides,
        )
        .unwrap();
        let items = fields.items("levels");
        assert_eq!(fields.item(&items[0], "levels", "count"), Some(json!(1)));
    }

    #[test]
    fn a_list_of_which_no_item_is_readable_is_the_mappings_fault() {
        // A foreign backend's items, read with the contract's item pointers.
        let foreign = json!({"levels": [{"tier": "core", "headcount": 4}]});
        let error = extract(&foreign, LEVELS, no_overrides).unwrap_err();
        assert_eq!(
            error,
            ShapeError {
                field: "levels.level".into(),
                pointer: "/level".into(),
                kind: Kind::Text,
                mapped: true,
                list: Some("/levels".into()),
            }
        );
        // Half mapped: the field that is still missing is named.
        let map = |field: &str| (field == "levels.level").then(|| "/tier".to_owned());
        let error = extract(&foreign, LEVELS, map).unwrap_err();
        assert_eq!(
            (error.field.as_str(), error.pointer.as_str()),
            ("levels.count", "/count")
        );
        // Of the wrong kind in every item is unreadable too.
        let error = extract(
            &json!({"levels": [{"level": "core", "count": "4"}]}),
            LEVELS,
            no_overrides,
        )
        .unwrap_err();
        assert_eq!(error.field, "levels.count");
        // An empty list, or one readable item among odd ones, is data, not a mistake.
        assert!(extract(&json!({"levels": []}), LEVELS, no_overrides).is_ok());
        assert!(extract(
            &json!({"levels": [{"x": 1}, {"level": "core", "count": 2}]}),
            LEVELS,
            no_overrides
        )
        .is_ok());
    }

    const VIDEOS: &[Field] = &[Field {
        name: "videos",
        pointer: "/videos",
        kind: Kind::List,
        required: true,
        items: &[
            Item::new("id", "/id", Kind::Id),
            Item::optional("speaker", "/speaker/name", Kind::Text),
            Item::optional("transcript", "/transcript", Kind::Text),
        ],
    }];

    #[test]
    fn item_fields_have_their_own_contract_pointers_and_may_be_optional() {
        let document = json!({"videos": [{"id": 7, "speaker": {"name": "Amina"}}, {"id": "v2"}]});
        let fields = extract(&document, VIDEOS, no_overrides).unwrap();
        let items = fields.items("videos");
        assert_eq!(
            fields.item(&items[0], "videos", "speaker"),
            Some(json!("Amina")),
            "read at the contract's nested pointer, not at /speaker"
        );
        assert_eq!(fields.item(&items[1], "videos", "speaker"), None);
        // No item has a transcript: that is data, not a mapping mistake.
        assert!(fields.unmatched.is_empty());
        // The required one still decides whether the list is readable at all.
        let error = extract(&json!({"videos": [{"key": 1}]}), VIDEOS, no_overrides).unwrap_err();
        assert_eq!(
            (error.field.as_str(), error.pointer.as_str(), error.mapped),
            ("videos.id", "/id", true)
        );
    }

    #[test]
    fn a_mapped_optional_item_field_that_no_item_has_is_reported_not_fatal() {
        let document = json!({"videos": [{"id": 1, "who": "Amina"}, {"id": 2}]});
        let map = |field: &str| match field {
            "videos.speaker" => Some("/who".to_owned()),
            "videos.transcript" => Some("/text/plain".to_owned()),
            _ => None,
        };
        let fields = extract(&document, VIDEOS, map).unwrap();
        let items = fields.items("videos");
        assert_eq!(
            fields.item(&items[0], "videos", "speaker"),
            Some(json!("Amina"))
        );
        assert_eq!(
            fields.unmatched,
            [("videos.transcript".to_owned(), "/text/plain".to_owned())],
            "the speaker is found in one item, so it is not reported"
        );
        // An empty list says nothing about the pointers.
        let fields = extract(&json!({"videos": []}), VIDEOS, map).unwrap();
        assert!(fields.unmatched.is_empty());
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
