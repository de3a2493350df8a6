//! Endpoint templates: `/members/{member}/participation` filled from the widget's attributes.
//!
//! A `{name}` is filled with the value of the placeholder's `data-name` attribute,
//! percent-encoded, so that a member id such as `a/b c` cannot change the path.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(String),
    Param(String),
}

/// A parsed endpoint template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

/// Why a template does not parse: a `{` without its `}`, or a name that is not an attribute name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError;

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed endpoint template")
    }
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = text;
        // Split at characters, never sliced at indices (see `i18n::fill`).
        while let Some((before, after)) = rest.split_once(['{', '}']) {
            if rest.as_bytes().get(before.len()) == Some(&b'}') {
                return Err(TemplateError);
            }
            if !before.is_empty() {
                parts.push(Part::Literal(before.to_owned()));
            }
            let (name, tail) = after.split_once('}').ok_or(TemplateError)?;
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                return Err(TemplateError);
            }
            parts.push(Part::Param(name.to_owned()));
            rest = tail;
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Ok(Template { parts })
    }

    /// The names of the `{…}` parts, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Param(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// Fills every `{name}` with `value_of(name)`, percent-encoded. Returns the first name that
    /// has no value as the error.
    pub fn expand<'a>(
        &'a self,
        value_of: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<String, &'a str> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Param(name) => {
                    out.push_str(&percent_encode(value_of(name).ok_or(name.as_str())?))
                }
            }
        }
        Ok(out)
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, as UTF-8 bytes.
pub fn percent_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

/// Joins an API base and an endpoint path with exactly one `/` between them. An endpoint that
/// is itself an absolute URL (a static JSON file elsewhere, say) is used as it is.
pub fn join(base: &str, endpoint: &str) -> String {
    if is_absolute_http(endpoint) {
        return endpoint.to_owned();
    }
    if endpoint.is_empty() {
        return base.to_owned();
    }
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        endpoint.trim_start_matches('/')
    )
}

pub(crate) fn is_absolute_http(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(template: &str, values: &[(&str, &str)]) -> Result<String, String> {
        let template = Template::parse(template).map_err(|e| e.to_string())?;
        template
            .expand(|name| values.iter().find(|(k, _)| *k == name).map(|(_, v)| *v))
            .map_err(str::to_owned)
    }

    #[test]
    fn fills_parameters_percent_encoded() {
        assert_eq!(
            expand("/members/{member}/participation", &[("member", "m-42")]).unwrap(),
            "/members/m-42/participation"
        );
        assert_eq!(
            expand("/m/{member}", &[("member", "a/b c?d#e")]).unwrap(),
            "/m/a%2Fb%20c%3Fd%23e"
        );
        assert_eq!(
            expand("/c/{community}", &[("community", "café")]).unwrap(),
            "/c/caf%C3%A9"
        );
        assert_eq!(
            expand("/c/{community}", &[("community", "../admin")]).unwrap(),
            "/c/..%2Fadmin"
        );
        assert_eq!(expand("/{a}{b}", &[("a", "1"), ("b", "2")]).unwrap(), "/12");
        assert_eq!(
            expand("/static/teachers.json", &[]).unwrap(),
            "/static/teachers.json"
        );
    }

    #[test]
    fn names_the_missing_parameter() {
        assert_eq!(expand("/m/{member}", &[]), Err("member".to_owned()));
    }

    #[test]
    fn rejects_malformed_templates() {
        for bad in [
            "/m/{member",
            "/m/member}",
            "/m/{}",
            "/m/{Member}",
            "/m/{a b}",
            "/m/{a{b}}",
        ] {
            assert_eq!(Template::parse(bad), Err(TemplateError), "{bad}");
        }
    }

    #[test]
    fn lists_parameters_in_order() {
        let template = Template::parse("/c/{community}/m/{member}").unwrap();
        assert_eq!(
            template.params().collect::<Vec<_>>(),
            ["community", "member"]
        );
    }

    #[test]
    fn joins_with_one_slash() {
        assert_eq!(join("https://x.org/api", "/c/1"), "https://x.org/api/c/1");
        assert_eq!(join("https://x.org/api/", "/c/1"), "https://x.org/api/c/1");
        assert_eq!(join("https://x.org/api/", "c/1"), "https://x.org/api/c/1");
        assert_eq!(join("/api", "/c/1"), "/api/c/1");
        assert_eq!(
            join("/api", "https://cdn.x.org/t.json"),
            "https://cdn.x.org/t.json"
        );
        assert_eq!(join("/data/t.json", ""), "/data/t.json");
    }
}
