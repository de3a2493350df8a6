//! Minifies the stylesheets (`src/style.css`, the platform's; `src/widgets/*.css`, each chunk's)
//! into the build directory: each is a string in the wasm, and its comments and indentation
//! are bytes a page would download.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    // The platform's stylesheet (every widget), then each chunk's own (src/widgets/*.css).
    for (source, minified) in [
        ("src/style.css", "style.min.css"),
        ("src/widgets/badge.css", "badge.min.css"),
        ("src/widgets/badge-tables.css", "badge-tables.min.css"),
        ("src/widgets/badge-spread.css", "badge-spread.min.css"),
        ("src/widgets/badge-network.css", "badge-network.min.css"),
        ("src/widgets/story.css", "story.min.css"),
        ("src/widgets/carousel.css", "carousel.min.css"),
        ("src/widgets/calendar.css", "calendar.min.css"),
    ] {
        println!("cargo:rerun-if-changed={source}");
        let css = fs::read_to_string(source).unwrap_or_default();
        fs::write(Path::new(&out).join(minified), minify(&css)).ok();
    }
}

/// Drops comments and collapses white space. Spaces next to `{ } ; ,` go too, and, outside
/// a quoted string, after a `:` (`color: red`; no selector has a space after its colon) and
/// before `!important`; but not before a `:` — `a :hover` and `a:hover` are different
/// selectors.
fn minify(css: &str) -> String {
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    without_comments.push_str(rest);
    let collapsed = without_comments
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(collapsed.len());
    let chars: Vec<char> = collapsed.chars().collect();
    let mut quote = None;
    for (i, &c) in chars.iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
        let tight = |c: Option<&char>| matches!(c, Some('{' | '}' | ';' | ','));
        let after_colon = quote.is_none() && i > 0 && chars[i - 1] == ':';
        let important = quote.is_none() && chars.get(i + 1) == Some(&'!');
        if c == ' '
            && (tight(chars.get(i + 1))
                || (i > 0 && tight(chars.get(i - 1)))
                || after_colon
                || important)
        {
            continue;
        }
        out.push(c);
    }
    out.replace(";}", "}")
}
