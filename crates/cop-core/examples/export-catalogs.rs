//! Writes each translated catalog as the JSON array the browser fetches:
//! `cargo run -p cop-core --example export-catalogs -- <dir>` writes `<dir>/cop_i18n_<lang>.json`
//! for every language but English (which is compiled into the wasm). `scripts/build.sh`
//! then names them by content, like the glue and the wasm.
use cop_core::i18n::{export, Lang};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "pkg".to_owned());
    for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
        let path = format!("{dir}/cop_i18n_{}.json", lang.code());
        if let Err(error) = std::fs::write(&path, export(lang)) {
            eprintln!("export-catalogs: cannot write {path}: {error}");
            std::process::exit(1);
        }
    }
}
