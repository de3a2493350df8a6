//! HTML for widgets, written from templates: every value put into a template is escaped, so
//! text from a page or a backend is always shown as text, never read as markup.
//!
//! The widgets' views are Leptos components; the value-story form still writes markup from
//! templates until it is one too. Templates allow no inline `style` (a strict
//! Content-Security-Policy would block it): geometry goes in SVG attributes, looks in the
//! shared stylesheet.

/// Appends `template` to `out` with each `{name}` replaced by its value in `args`, escaped.
/// A `{` that does not start a known name is copied as it is.
///
/// ```
/// let mut out = String::new();
/// cop_core::markup::html(&mut out, r#"<p title="{t}">{t}</p>"#, &[("t", "a<b")]);
/// assert_eq!(out, r#"<p title="a&lt;b">a&lt;b</p>"#);
/// ```
pub fn html(out: &mut String, template: &str, args: &[(&str, &str)]) {
    substitute(out, template, args, true);
}

/// The one template routine: [`html`] escapes, [`crate::i18n::fill`] does not.
pub(crate) fn substitute(out: &mut String, template: &str, args: &[(&str, &str)], escape: bool) {
    // Split at characters, never sliced at indices: the wasm then carries no panic for a
    // slice off a character boundary (with its `Debug` of `char`: 3 KB of code).
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let found = after.split_once('}').and_then(|(name, tail)| {
            let value = args.iter().find(|(key, _)| *key == name)?.1;
            Some((value, tail))
        });
        match found {
            Some((value, tail)) => {
                if escape {
                    escape_into(out, value);
                } else {
                    out.push_str(value);
                }
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Escapes the five characters that matter in text and in double-quoted attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, args: &[(&str, &str)]) -> String {
        let mut out = String::new();
        html(&mut out, template, args);
        out
    }

    #[test]
    fn text_and_attribute_values_are_escaped() {
        assert_eq!(
            render(
                r#"<p title="{title}">{text}</p>"#,
                &[("title", "\"><script>alert(1)</script>"), ("text", "<b>bold</b> & 'quoted'")]
            ),
            "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;b&gt;bold&lt;/b&gt; &amp; &#39;quoted&#39;</p>"
        );
    }

    #[test]
    fn the_template_itself_is_not_escaped_and_unknown_names_stay() {
        assert_eq!(
            render("<b>{a}</b>{b}{ {a", &[("a", "1")]),
            "<b>1</b>{b}{ {a"
        );
    }

    #[test]
    fn a_value_is_never_read_as_a_template() {
        assert_eq!(render("{a}{b}", &[("a", "{b}"), ("b", "2")]), "{b}2");
    }

    #[test]
    fn non_ascii_text_passes_unchanged() {
        assert_eq!(render("{t}", &[("t", "Zoë — مجتمع 🙂")]), "Zoë — مجتمع 🙂");
    }
}
