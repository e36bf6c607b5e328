//! Writes the seed inputs of every fuzz target (`src/seeds.rs`) into a directory, one
//! sub-directory per target, a file per input named after its hash:
//!
//!     cd fuzz && cargo run --example seed -- /tmp/passpolicy-seeds [notes.md …]
//!
//! `fuzz/run.sh` does this before each run; the markdown files given add their fenced examples.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../src/seeds.rs"]
mod seeds;

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).expect("usage: seed <out-dir> [notes.md …]"));
    let markdown: Vec<PathBuf> = std::env::args().skip(2).map(PathBuf::from).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (target, inputs) in seeds::seeds(&root, &markdown) {
        let dir = out.join(&target);
        fs::create_dir_all(&dir).unwrap();
        for data in &inputs {
            let mut h = DefaultHasher::new();
            data.hash(&mut h);
            fs::write(dir.join(format!("seed-{:016x}", h.finish())), data).unwrap();
        }
        println!("{target}: {} seeds", inputs.len());
    }
}
