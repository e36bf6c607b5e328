//! Build script: turns the zxcvbn data under `data/zxcvbn/` into compact static blobs for
//! `src/estimate/` (see `src/estimate/dict.rs` for the format). Standard library only.
//!
//! Outputs in `OUT_DIR`:
//! - `zxcvbn_words.bin`: every dictionary word (the six lists are disjoint), sorted bytewise,
//!   front-coded in buckets of `BUCKET` words: per word one marker byte, 1 + "bytes shared with
//!   the previous word" (1 at a bucket head), then the rest of the word (printable ASCII, so the
//!   next marker ends it);
//! - `zxcvbn_buckets.bin`: the byte offset of each bucket head, u32 little-endian;
//! - `zxcvbn_ids.bin`: per sorted word its id (list start + rank − 1) in 17 bits, packed
//!   little-endian, plus 3 bytes of padding;
//! - `zxcvbn_tables.rs`: counts, list offsets, a first-byte index and the adjacency graphs.

use std::env;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The lists in zxcvbn 4.4.2's order (the order its matcher reports them in).
const LISTS: [&str; 6] = ["passwords", "english_wikipedia", "female_names", "surnames", "us_tv_and_film", "male_names"];
const BUCKET: usize = 16;
const ID_BITS: usize = 17;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Fails the build with `msg` unless `ok`.
fn check(ok: bool, msg: impl FnOnce() -> String) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(msg().into())
    }
}

fn main() -> Result<()> {
    let data = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into())).join("data/zxcvbn");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/zxcvbn");

    let mut words: Vec<(Vec<u8>, u32)> = Vec::new();
    let mut offsets = Vec::new();
    for name in LISTS {
        let path = data.join(format!("{name}.txt"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = read(&path)?;
        offsets.push(words.len() as u32);
        for (rank, w) in text.lines().map(str::trim).filter(|w| !w.is_empty()).enumerate() {
            let b = w.as_bytes();
            check(b.iter().all(|&c| (0x21..0x7f).contains(&c)), || format!("{name}: non-printable or non-ASCII word {w:?}"))?;
            check(b.len() < 32, || format!("{name}: word too long {w:?}"))?;
            let start = offsets.last().copied().unwrap_or(0);
            words.push((b.to_vec(), start + rank as u32));
        }
    }
    let total = words.len();
    offsets.push(total as u32);
    check(total < 1 << ID_BITS, || format!("too many words for {ID_BITS}-bit ids"))?;
    words.sort();
    for pair in words.windows(2) {
        check(pair[0].0 != pair[1].0, || format!("word {:?} is in two lists", String::from_utf8_lossy(&pair[0].0)))?;
    }

    // Front-coded words and bucket offsets.
    let mut blob = Vec::new();
    let mut buckets = Vec::new();
    let mut prev: &[u8] = &[];
    for (k, (w, _)) in words.iter().enumerate() {
        let shared = if k % BUCKET == 0 {
            buckets.extend_from_slice(&(blob.len() as u32).to_le_bytes());
            0
        } else {
            prev.iter().zip(w.iter()).take_while(|(a, b)| a == b).count()
        };
        check(shared < w.len(), || "duplicate word".into())?;
        // The marker 1 + shared (below every word byte, 0x21..0x7e) also ends the previous word.
        blob.push(1 + shared as u8);
        blob.extend_from_slice(&w[shared..]);
        prev = w;
    }

    // Packed ids.
    let mut ids = vec![0u8; (total * ID_BITS).div_ceil(8) + 3];
    for (k, (_, id)) in words.iter().enumerate() {
        let bit = k * ID_BITS;
        let v = (*id as u64) << (bit % 8);
        for (x, byte) in v.to_le_bytes().iter().take(4).enumerate() {
            ids[bit / 8 + x] |= byte;
        }
    }

    // First-byte index: FIRST[c] = index of the first word whose first byte is >= c.
    let mut first = [0u32; 129];
    for (c, slot) in first.iter_mut().enumerate() {
        *slot = words.partition_point(|(w, _)| w.first().map_or(0, |&b| b as usize) < c) as u32;
    }

    // Two-byte index over the alphabet of the words: for each first byte `a` and each byte `b`
    // of the alphabet (plus one past its end), the first word >= "ab", relative to FIRST[a];
    // and which one- and two-byte strings are words.
    let mut alpha: Vec<u8> = words.iter().flat_map(|(w, _)| w.iter().copied()).collect();
    alpha.sort_unstable();
    alpha.dedup();
    let mut alpha_index = [255u8; 128];
    for (k, &c) in alpha.iter().enumerate() {
        alpha_index[c as usize] = k as u8;
    }
    let na = alpha.len();
    let mut pair = vec![0u16; na * (na + 1)];
    let mut exact2 = vec![0u8; (na * na).div_ceil(8)];
    let mut exact1 = [0u8; 16];
    for (ia, &a) in alpha.iter().enumerate() {
        let base = first[a as usize] as usize;
        let end = first[a as usize + 1] as usize;
        check(end - base < 65_536, || format!("too many words start with {}", a as char))?;
        for ib in 0..=na {
            let at = match alpha.get(ib) {
                Some(&b) => words.partition_point(|(w, _)| w.as_slice() < [a, b].as_slice()),
                None => end,
            };
            pair[ia * (na + 1) + ib] = (at - base) as u16;
            if let Some(&b) = alpha.get(ib) {
                if words.get(at).is_some_and(|(w, _)| w.as_slice() == [a, b].as_slice()) {
                    exact2[(ia * na + ib) / 8] |= 1 << ((ia * na + ib) % 8);
                }
            }
        }
        if words.get(base).is_some_and(|(w, _)| w.as_slice() == [a].as_slice()) {
            exact1[a as usize / 8] |= 1 << (a % 8);
        }
    }

    let mut rs = String::new();
    let _ = writeln!(rs, "// Generated by build.rs from data/zxcvbn/. Do not edit.");
    let _ = writeln!(rs, "pub(crate) const WORD_COUNT: usize = {total};");
    let _ = writeln!(rs, "pub(crate) const BUCKET: usize = {BUCKET};");
    let _ = writeln!(rs, "pub(crate) const ID_BITS: usize = {ID_BITS};");
    let _ = writeln!(rs, "/// Start id of each list (and the total), in zxcvbn's list order.");
    let _ = writeln!(rs, "pub(crate) const LIST_START: [u32; 7] = {offsets:?};");
    let _ = writeln!(rs, "/// Index of the first word whose first byte is >= the index.");
    let _ = writeln!(rs, "pub(crate) static FIRST: [u32; 129] = {first:?};");
    let _ = writeln!(rs, "/// Position of each byte in the words' alphabet (255: not in it).");
    let _ = writeln!(rs, "pub(crate) static ALPHA_INDEX: [u8; 128] = {alpha_index:?};");
    let _ = writeln!(rs, "pub(crate) const ALPHA_LEN: usize = {na};");
    let _ = writeln!(rs, "/// PAIR[ia * (ALPHA_LEN + 1) + ib]: first word >= the two bytes, minus FIRST[a].");
    let _ = writeln!(rs, "pub(crate) static PAIR: [u16; {}] = {pair:?};", pair.len());
    let _ = writeln!(rs, "/// Bit ia * ALPHA_LEN + ib: the two bytes are a word.");
    let _ = writeln!(rs, "pub(crate) static EXACT2: [u8; {}] = {exact2:?};", exact2.len());
    let _ = writeln!(rs, "/// Bit c: the byte c alone is a word.");
    let _ = writeln!(rs, "pub(crate) static EXACT1: [u8; 16] = {exact1:?};");
    graphs(&data, &mut rs)?;

    write(&out.join("zxcvbn_words.bin"), &blob)?;
    write(&out.join("zxcvbn_buckets.bin"), &buckets)?;
    write(&out.join("zxcvbn_ids.bin"), &ids)?;
    write(&out.join("zxcvbn_tables.rs"), rs.as_bytes())
}

/// Emits the four adjacency graphs: per graph a flat table `[u8; 128 * SLOTS * 2]` (per ASCII key,
/// per direction, the unshifted and shifted neighbour, 0 for none), its key count and its
/// average degree computed exactly as zxcvbn does (sum of neighbour counts / key count).
fn graphs(data: &Path, rs: &mut String) -> Result<()> {
    let path = data.join("adjacency_graphs.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = read(&path)?;
    let mut current: Option<(String, Vec<u8>, usize, usize, usize)> = None; // name, table, slots, keys, degree sum
    let mut done = Vec::new();
    for line in text.lines() {
        if line.starts_with("# ") || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (head, rest) = fields.split_first().ok_or("empty line")?;
        if *head == "graph" {
            done.extend(current.take());
            let name = rest.first().ok_or("graph without a name")?;
            let slots = if name.contains("keypad") { 8 } else { 6 };
            current = Some((name.to_string(), vec![0u8; 128 * slots * 2], slots, 0, 0));
            continue;
        }
        let (_, table, slots, keys, degree) = current.as_mut().ok_or("adjacency data before a graph line")?;
        let key = head.as_bytes();
        check(key.len() == 1 && key[0] < 128, || format!("bad key {line:?}"))?;
        check(rest.len() == *slots, || format!("bad slot count {line:?}"))?;
        *keys += 1;
        for (d, f) in rest.iter().enumerate() {
            if f.is_empty() {
                continue;
            }
            *degree += 1;
            for (x, &c) in f.as_bytes().iter().enumerate().take(2) {
                table[(key[0] as usize * *slots + d) * 2 + x] = c;
            }
        }
    }
    done.extend(current.take());
    let names: Vec<&str> = done.iter().map(|g| g.0.as_str()).collect();
    check(names == ["qwerty", "dvorak", "keypad", "mac_keypad"], || format!("unexpected graphs {names:?}"))?;
    for (name, table, slots, keys, degree) in &done {
        let upper = name.to_uppercase();
        let _ = writeln!(rs, "pub(crate) static GRAPH_{upper}: [u8; {}] = {table:?};", table.len());
        let _ = writeln!(rs, "pub(crate) const SLOTS_{upper}: usize = {slots};");
        let _ = writeln!(rs, "pub(crate) const KEYS_{upper}: f64 = {keys}.0;");
        // f64 division as in zxcvbn's calc_average_degree; printed with round-trip precision.
        let _ = writeln!(rs, "pub(crate) const DEGREE_{upper}: f64 = {:?};", *degree as f64 / *keys as f64);
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()).into())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    // Rewrite only on change, so dependants are not rebuilt needlessly.
    if fs::read(path).map(|old| old == bytes).unwrap_or(false) {
        return Ok(());
    }
    fs::write(path, bytes).map_err(|e| format!("writing {}: {e}", path.display()).into())
}
