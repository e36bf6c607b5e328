//! Writes the data files the wasm build fetches at run time: `<dir>/strength.bin` (the strength
//! estimator's dictionaries), `<dir>/common.bin` (the common-password list) and the language
//! packs `<dir>/lang-de.bin`, `lang-fr.bin`, `lang-es.bin`, as built by `build.rs`. Usage: `cargo run --example data_files -- <dir>`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --example data_files -- <dir>");
        return ExitCode::from(2);
    };
    use passpolicy::estimate::{embedded_language, Language};
    let mut files = vec![
        ("strength.bin".to_string(), passpolicy::estimate::embedded_dictionaries()),
        ("common.bin".to_string(), passpolicy::check::common::embedded()),
    ];
    for l in [Language::German, Language::French, Language::Spanish] {
        if let Some(bytes) = embedded_language(l) {
            files.push((format!("lang-{}.bin", l.code()), bytes));
        }
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("creating {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (name, bytes) in files {
        let path = dir.join(&name);
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("writing {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{} ({} bytes)", path.display(), bytes.len());
    }
    ExitCode::SUCCESS
}
