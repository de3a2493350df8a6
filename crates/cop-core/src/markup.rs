//! A small HTML writer for views that render once from their data (the participation badge
//! in all its variants): every text and attribute value is escaped, so text from a page or a
//! backend is always shown as text, never read as markup.
//!
//! Why not Leptos views there: each `view!` is its own set of generic types, and a member
//! directory of 300 static pills gains nothing from fine-grained reactivity. One non-generic
//! writer costs the wasm a few hundred bytes for every view that uses it, and one
//! `innerHTML` per widget is also the fastest way for the browser to build it. It allows no
//! inline `style` (a strict Content-Security-Policy would block it): geometry goes in SVG
//! attributes, looks in the shared stylesheet.

/// An HTML fragment under construction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markup {
    html: String,
}

impl Markup {
    pub fn new() -> Markup {
        Markup {
            html: String::with_capacity(256),
        }
    }

    /// `<tag name="value"…>`. Names are the caller's constants; values are escaped.
    pub fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Markup {
        self.html.push('<');
        self.html.push_str(tag);
        for (name, value) in attributes {
            self.html.push(' ');
            self.html.push_str(name);
            self.html.push_str("=\"");
            escape_into(&mut self.html, value);
            self.html.push('"');
        }
        self.html.push('>');
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.html.push_str("</");
        self.html.push_str(tag);
        self.html.push('>');
        self
    }

    /// Escaped text.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        escape_into(&mut self.html, text);
        self
    }

    /// `<tag …>text</tag>`.
    pub fn element(&mut self, tag: &str, attributes: &[(&str, &str)], text: &str) -> &mut Markup {
        self.open(tag, attributes).text(text).close(tag)
    }

    /// An element without content or end tag (`<img>`, SVG's `<rect/>`).
    pub fn void(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Markup {
        self.open(tag, attributes);
        if tag != "img" {
            // SVG elements close themselves; HTML's void elements must not.
            self.html.insert(self.html.len() - 1, '/');
        }
        self
    }

    pub fn finish(self) -> String {
        self.html
    }

    pub fn as_str(&self) -> &str {
        &self.html
    }
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

    #[test]
    fn text_and_attribute_values_are_escaped() {
        let mut markup = Markup::new();
        markup.element(
            "p",
            &[("title", "\"><script>alert(1)</script>")],
            "<b>bold</b> & 'quoted'",
        );
        assert_eq!(
            markup.as_str(),
            "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;b&gt;bold&lt;/b&gt; &amp; &#39;quoted&#39;</p>"
        );
    }

    #[test]
    fn void_elements_close_as_their_kind_requires() {
        let mut markup = Markup::new();
        markup
            .void("img", &[("alt", "")])
            .void("rect", &[("x", "1")]);
        assert_eq!(markup.finish(), "<img alt=\"\"><rect x=\"1\"/>");
    }

    #[test]
    fn non_ascii_text_passes_unchanged() {
        let mut markup = Markup::new();
        markup.text("Zoë — مجتمع 🙂");
        assert_eq!(markup.as_str(), "Zoë — مجتمع 🙂");
    }
}
