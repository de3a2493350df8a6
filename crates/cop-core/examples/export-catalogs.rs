//! Writes each translated catalog as the JSON array the browser fetches:
//! `cargo run -p cop-core --example export-catalogs -- <dir>` writes, for every language but
//! English (which is in the wasm), `<dir>/cop_i18n_<lang>.json` (the platform's messages) and
//! `<dir>/cop_i18n_<lang>_<part>.json` (each widget chunk's). `scripts/build.sh` then names them
//! by content, like the glue and the wasm.
use cop_core::i18n::{catalog_code, export, Lang, Part};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "pkg".to_owned());
    for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
        for part in Part::ALL {
            let path = format!("{dir}/cop_i18n_{}.json", catalog_code(lang, *part));
            if let Err(error) = std::fs::write(&path, export(lang, *part)) {
                eprintln!("export-catalogs: cannot write {path}: {error}");
                std::process::exit(1);
            }
        }
    }
}
