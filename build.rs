//! Minifies `src/style.css` into the build directory: the stylesheet is a string in the wasm,
//! and its comments and indentation are bytes every page would download.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=src/style.css");
    let css = fs::read_to_string("src/style.css").unwrap_or_default();
    let out = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    fs::write(Path::new(&out).join("style.min.css"), minify(&css)).ok();
}

/// Drops comments and collapses white space. Spaces next to `{ } ; ,` go too, but not next
/// to `:` — `a :hover` and `a:hover` are different selectors.
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
    for (i, &c) in chars.iter().enumerate() {
        let tight = |c: Option<&char>| matches!(c, Some('{' | '}' | ';' | ','));
        if c == ' ' && (tight(chars.get(i + 1)) || (i > 0 && tight(chars.get(i - 1)))) {
            continue;
        }
        out.push(c);
    }
    out.replace(";}", "}")
}
