//! Build script: turns the zxcvbn data under `data/zxcvbn/` into the estimator's data files and
//! tables (see `src/estimate/dict.rs` and `src/check/common.rs` for the formats).
//!
//! Outputs in `OUT_DIR`:
//! - `strength.bin`: the six ranked lists (words front-coded per list, ranks quantized to
//!   [`STEPS`] buckets per octave), loaded by `estimate::load_dictionaries`;
//! - `common.bin`: the [`COMMON`] most common passwords, front-coded, loaded by `common::load`;
//! - `zxcvbn_tables.rs`: the adjacency graphs;
//! - `fold_table.rs`: the diacritic folding of Latin letters (`é` → `e`), from Unicode's canonical
//!   decompositions (the `unicode-normalization` crate, used here only: nothing of it is linked);
//! - `lang-<code>.bin`: the language packs (`de`, `fr`, `es`) from `data/lang/` and
//!   `data/keyboards/`, format in `src/estimate/lang.rs`, loaded by `estimate::load_language`.
//!
//! Neither blob is embedded in the wasm module: the JS layer fetches them (native builds embed
//! them, see `estimate::embedded_dictionaries`).

use std::env;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The lists in zxcvbn 4.4.2's order (the order its matcher reports them in).
const LISTS: [&str; 6] = ["passwords", "english_wikipedia", "female_names", "surnames", "us_tv_and_film", "male_names"];
/// Rank buckets per octave (a factor of 2 of rank).
const STEPS: u32 = 8;
/// Ranks that always start a bucket: zxcvbn's feedback tells the top 10 and top 100 passwords
/// apart, so no bucket straddles 10|11 or 100|101.
const FORCED_STARTS: [u32; 2] = [11, 101];
/// How many of the most common passwords `common.bin` holds.
const COMMON: usize = 10_000;
/// Longest word the formats allow (the drop marker 1 + dropped bytes stays below b'!').
const MAX_WORD: usize = 31;
const STRENGTH_MAGIC: &[u8; 4] = b"PPzd";
const COMMON_MAGIC: &[u8; 4] = b"PPzc";
const VERSION: u16 = 1;

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

    // Each list in rank order.
    let mut lists: Vec<Vec<Vec<u8>>> = Vec::new();
    for name in LISTS {
        let path = data.join(format!("{name}.txt"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = read(&path)?;
        let mut words = Vec::new();
        for w in text.lines().map(str::trim).filter(|w| !w.is_empty()) {
            let b = w.as_bytes();
            check(b.iter().all(|&c| (0x21..0x7f).contains(&c)), || {
                format!("{name}: non-printable or non-ASCII word {w:?}")
            })?;
            check(b.len() <= MAX_WORD, || format!("{name}: word too long {w:?}"))?;
            words.push(b.to_vec());
        }
        lists.push(words);
    }
    let mut all: Vec<&[u8]> = lists.iter().flatten().map(Vec::as_slice).collect();
    all.sort_unstable();
    for pair in all.windows(2) {
        check(pair[0] != pair[1], || {
            format!("word {:?} is in two lists (or twice in one)", String::from_utf8_lossy(pair[0]))
        })?;
    }

    // Rank buckets: starts ceil(2^(q / STEPS)) for q = 0, 1, ... (deduplicated) plus the forced
    // starts, up to the longest list.
    let longest = lists.iter().map(Vec::len).max().unwrap_or(0) as u32;
    let mut starts: Vec<u32> = (0..)
        .map(|q| 2f64.powf(f64::from(q) / f64::from(STEPS)).ceil() as u32)
        .take_while(|&s| s <= longest)
        .chain(FORCED_STARTS.into_iter().filter(|&s| s <= longest))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    check(starts.len() <= 256, || format!("{} rank buckets do not fit in a byte", starts.len()))?;
    let bucket = |rank: u32| starts.partition_point(|&s| s <= rank) - 1;

    // strength.bin
    write(&out.join("strength.bin"), &ranked_lists(&lists, &starts, &bucket)?)?;

    // common.bin
    let passwords = lists.first().ok_or("no passwords list")?;
    check(passwords.len() >= COMMON, || "fewer passwords than the common list".into())?;
    let mut common: Vec<&[u8]> = passwords.iter().take(COMMON).map(Vec::as_slice).collect();
    common.sort_unstable();
    let mut words = Vec::new();
    front_code(common.iter().copied(), &mut words)?;
    let mut blob = Vec::new();
    blob.extend_from_slice(COMMON_MAGIC);
    blob.extend_from_slice(&VERSION.to_le_bytes());
    blob.extend_from_slice(&(common.len() as u32).to_le_bytes());
    blob.extend_from_slice(&(words.len() as u32).to_le_bytes());
    blob.extend_from_slice(&words);
    write(&out.join("common.bin"), &blob)?;

    let mut rs = String::new();
    let _ = writeln!(rs, "// Generated by build.rs from data/zxcvbn/. Do not edit.");
    graphs(&data, &mut rs)?;
    write(&out.join("zxcvbn_tables.rs"), rs.as_bytes())?;

    let fold = fold_table();
    let mut rs = String::new();
    let _ = writeln!(rs, "// Generated by build.rs from Unicode's canonical decompositions. Do not edit.");
    let _ = writeln!(rs, "/// (code point, ASCII letter), sorted by code point.");
    let _ = writeln!(rs, "pub(crate) static FOLD: [(u16, u8); {}] = {fold:?};", fold.len());
    write(&out.join("fold_table.rs"), rs.as_bytes())?;

    let root = data.parent().ok_or("no data dir")?;
    println!("cargo:rerun-if-changed={}", root.join("lang").display());
    println!("cargo:rerun-if-changed={}", root.join("keyboards").display());
    for (code, keyboards) in LANGUAGES {
        let blob = language_pack(root, code, keyboards, &fold, &starts, &bucket)?;
        write(&out.join(format!("lang-{code}.bin")), &blob)?;
    }
    Ok(())
}

/// The language packs and the keyboard layouts each carries.
const LANGUAGES: [(&str, &[&str]); 3] = [("de", &["qwertz"]), ("fr", &["azerty"]), ("es", &[])];
/// A pack's lists, in priority order (a word is kept in the first list that has it).
const PACK_LISTS: [&str; 4] = ["passwords", "words", "first_names", "last_names"];
const PACK_MAGIC: &[u8; 4] = b"PPlp";

/// Latin letters whose canonical decomposition is an ASCII letter and combining marks (`é`, `Å`,
/// `ñ`, `ǘ`, `ẞ` is not one), plus the few with no decomposition that readers still see as the
/// bare letter (`ø`, `ł`, `đ`, `ħ`, `ı`).
fn fold_table() -> Vec<(u16, u8)> {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let mut out = Vec::new();
    for cp in (0xc0u32..=0x24f).chain(0x1e00..=0x1eff) {
        let Some(c) = char::from_u32(cp) else { continue };
        let mut parts = Vec::new();
        decompose_canonical(c, |d| parts.push(d));
        let base = parts.first().copied().filter(|b| b.is_ascii_alphabetic());
        if let Some(base) = base.filter(|_| parts.len() > 1 && parts[1..].iter().all(|&m| is_combining_mark(m))) {
            out.push((cp as u16, base as u8));
        }
    }
    for (c, b) in [
        ('ø', b'o'),
        ('Ø', b'O'),
        ('ł', b'l'),
        ('Ł', b'L'),
        ('đ', b'd'),
        ('Đ', b'D'),
        ('ħ', b'h'),
        ('Ħ', b'H'),
        ('ı', b'i'),
    ] {
        out.push((c as u16, b));
    }
    out.sort_unstable();
    out.dedup_by_key(|e| e.0);
    out
}

/// `w` lower-cased and folded, when that is printable ASCII.
fn fold_word(w: &str, fold: &[(u16, u8)]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(w.len());
    for c in w.to_lowercase().chars() {
        let b = if c.is_ascii() {
            c as u8
        } else {
            let u = u16::try_from(c as u32).ok()?;
            fold.binary_search_by_key(&u, |e| e.0).ok().and_then(|k| fold.get(k)).map(|e| e.1)?
        };
        if !(0x21..0x7f).contains(&b) {
            return None;
        }
        out.push(b);
    }
    (!out.is_empty() && out.len() <= MAX_WORD).then_some(out)
}

/// One language pack: its four lists folded to ASCII (an entry that does not fold is left out, a
/// folded entry already seen is dropped: zxcvbn keeps a word in one list), ranked and front-coded
/// as `strength.bin` is, then its keyboard layouts.
fn language_pack(
    root: &Path,
    code: &str,
    keyboards: &[&str],
    fold: &[(u16, u8)],
    starts: &[u32],
    bucket: &dyn Fn(u32) -> usize,
) -> Result<Vec<u8>> {
    let dir = root.join("lang").join(code);
    let mut seen = std::collections::HashSet::new();
    let mut lists: Vec<Vec<Vec<u8>>> = Vec::new();
    for name in PACK_LISTS {
        let path = dir.join(format!("{name}.txt"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = read(&path)?;
        let mut words = Vec::new();
        for w in text.lines().map(str::trim).filter(|w| !w.is_empty()) {
            if let Some(f) = fold_word(w, fold) {
                if seen.insert(f.clone()) {
                    words.push(f);
                }
            }
        }
        check(!words.is_empty(), || format!("{code}/{name}: no words"))?;
        lists.push(words);
    }
    let dicts = ranked_lists(&lists, starts, bucket)?;

    let mut blob = Vec::new();
    blob.extend_from_slice(PACK_MAGIC);
    blob.extend_from_slice(&VERSION.to_le_bytes());
    blob.extend_from_slice(code.as_bytes());
    blob.extend_from_slice(&(dicts.len() as u32).to_le_bytes());
    blob.extend_from_slice(&dicts);
    blob.push(keyboards.len() as u8);
    for name in keyboards {
        keyboard(&root.join("keyboards").join(format!("{name}.txt")), name, &mut blob)?;
    }
    Ok(blob)
}

/// A keyboard layout (`data/keyboards/<name>.txt`, the format of the keyboards in
/// `adjacency_graphs.txt`, any BMP character as a key): its name, key count, then per key (sorted)
/// the key and its six neighbours, unshifted and shifted (UTF-16 units, 0 for none).
fn keyboard(path: &Path, name: &str, blob: &mut Vec<u8>) -> Result<()> {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = read(path)?;
    let unit = |c: char| u16::try_from(c as u32).map_err(|_| format!("{name}: {c:?} is outside the BMP"));
    let mut keys: Vec<(u16, [[u16; 2]; 6])> = Vec::new();
    let mut named = false;
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.first() == Some(&"graph") {
            check(fields.get(1) == Some(&name) && !named, || format!("{name}: unexpected graph line {line:?}"))?;
            named = true;
            continue;
        }
        check(named && fields.len() == 7, || format!("{name}: bad line {line:?}"))?;
        let mut chars = fields[0].chars();
        let (Some(key), None) = (chars.next(), chars.next()) else {
            return Err(format!("{name}: bad key {line:?}").into());
        };
        let mut slots = [[0u16; 2]; 6];
        for (slot, f) in slots.iter_mut().zip(&fields[1..]) {
            let cs: Vec<char> = f.chars().collect();
            check(cs.len() <= 2, || format!("{name}: bad neighbour {f:?}"))?;
            for (x, &c) in cs.iter().enumerate() {
                slot[x] = unit(c)?;
            }
        }
        keys.push((unit(key)?, slots));
    }
    keys.sort_unstable_by_key(|k| k.0);
    check(keys.windows(2).all(|w| w[0].0 != w[1].0), || format!("{name}: a key twice"))?;
    check(!keys.is_empty() && keys.len() < 1000, || format!("{name}: {} keys", keys.len()))?;
    blob.push(name.len() as u8);
    blob.extend_from_slice(name.as_bytes());
    blob.extend_from_slice(&(keys.len() as u16).to_le_bytes());
    for (key, slots) in &keys {
        blob.extend_from_slice(&key.to_le_bytes());
        for u in slots.iter().flatten() {
            blob.extend_from_slice(&u.to_le_bytes());
        }
    }
    Ok(())
}

/// The ranked-lists blob of `strength.bin` (and of each pack's lists): the header, each list's words
/// sorted and front-coded, then each word's rank bucket.
fn ranked_lists(lists: &[Vec<Vec<u8>>], starts: &[u32], bucket: &dyn Fn(u32) -> usize) -> Result<Vec<u8>> {
    let mut blob = Vec::new();
    blob.extend_from_slice(STRENGTH_MAGIC);
    blob.extend_from_slice(&VERSION.to_le_bytes());
    blob.push(lists.len() as u8);
    blob.push(STEPS as u8);
    blob.extend_from_slice(&(starts.len() as u16).to_le_bytes());
    for s in starts {
        blob.extend_from_slice(&s.to_le_bytes());
    }
    let mut sections = Vec::new();
    let mut buckets = Vec::new();
    for list in lists {
        let mut sorted: Vec<(&[u8], u32)> =
            list.iter().enumerate().map(|(r, w)| (w.as_slice(), r as u32 + 1)).collect();
        sorted.sort_unstable();
        blob.extend_from_slice(&(sorted.len() as u32).to_le_bytes());
        front_code(sorted.iter().map(|(w, _)| *w), &mut sections)?;
        buckets.extend(sorted.iter().map(|&(_, rank)| bucket(rank) as u8));
    }
    blob.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    blob.extend_from_slice(&sections);
    blob.extend_from_slice(&buckets);
    Ok(blob)
}

/// Appends sorted, distinct `words` front-coded: per word one marker byte, 1 + how many bytes of
/// the previous word to drop (1 for the first word: none), then the bytes to append (printable
/// ASCII, so the next marker ends them).
fn front_code<'a>(words: impl Iterator<Item = &'a [u8]>, out: &mut Vec<u8>) -> Result<()> {
    let mut prev: &[u8] = &[];
    for w in words {
        let shared = prev.iter().zip(w.iter()).take_while(|(a, b)| a == b).count();
        check(shared < w.len() && prev < w, || "words not sorted or not distinct".into())?;
        out.push(1 + (prev.len() - shared) as u8);
        out.extend_from_slice(&w[shared..]);
        prev = w;
    }
    Ok(())
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
