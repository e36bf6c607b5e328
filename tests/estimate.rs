//! Our zxcvbn-model estimator (`passpolicy::estimate`) against the zxcvbn crate (live) and
//! against Dropbox zxcvbn 4.4.2 itself (recorded results in `data/zxcvbn/parity-js-4.4.2.jsonl`),
//! on a deterministic corpus built here; known examples; worst-case work.
//!
//! Regenerating the JavaScript record (needs Node and the zxcvbn 4.4.2 package unpacked, e.g.
//! `npm pack zxcvbn@4.4.2 && tar xzf zxcvbn-4.4.2.tgz`):
//! `ZXCVBN_JS=/path/to/package cargo test --test estimate -- --ignored record_js --nocapture`

use passpolicy::estimate::{
    current_year, estimate_at, estimate_with_stats, lookup, Dictionary, Estimate, Pattern, SuggestionCode, WarningCode,
};
use std::collections::BTreeMap;
use std::time::Instant;

// -------------------------------------------------------------------------------------------
// Corpus
// -------------------------------------------------------------------------------------------

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// A word with a log-uniform rank (common words much more often).
    fn ranked<'a>(&mut self, list: &[&'a str]) -> &'a str {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = (list.len() as f64).powf(u) as usize;
        list[rank.saturating_sub(1).min(list.len() - 1)]
    }
}

struct Lists {
    passwords: Vec<&'static str>,
    english: Vec<&'static str>,
    names: Vec<&'static str>,
    surnames: Vec<&'static str>,
    tv: Vec<&'static str>,
}

fn lists() -> Lists {
    let l = |s: &'static str| s.lines().collect::<Vec<_>>();
    let mut names = l(include_str!("../data/zxcvbn/female_names.txt"));
    names.extend(l(include_str!("../data/zxcvbn/male_names.txt")));
    Lists {
        passwords: l(include_str!("../data/zxcvbn/passwords.txt")),
        english: l(include_str!("../data/zxcvbn/english_wikipedia.txt")),
        names,
        surnames: l(include_str!("../data/zxcvbn/surnames.txt")),
        tv: l(include_str!("../data/zxcvbn/us_tv_and_film.txt")),
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn l33tify(rng: &mut Rng, w: &str, p: f64) -> String {
    w.chars()
        .map(|c| {
            let subs: &[char] = match c {
                'a' => &['4', '@'],
                'b' => &['8'],
                'c' => &['(', '<'],
                'e' => &['3'],
                'g' => &['6', '9'],
                'i' => &['1', '!', '|'],
                'l' => &['1', '|', '7'],
                'o' => &['0'],
                's' => &['$', '5'],
                't' => &['+', '7'],
                'x' => &['%'],
                'z' => &['2'],
                _ => &[],
            };
            if !subs.is_empty() && rng.chance(p) {
                *rng.pick(subs)
            } else {
                c
            }
        })
        .collect()
}

fn case_variant(rng: &mut Rng, w: &str) -> String {
    match rng.below(20) {
        0..=7 => w.to_string(),
        8..=14 => capitalize(w),
        15..=16 => w.to_uppercase(),
        _ => w.chars().map(|c| if rng.chance(0.3) { c.to_ascii_uppercase() } else { c }).collect(),
    }
}

/// Between `lo` and `hi` random digits.
fn digits(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    (0..n).map(|_| char::from(b'0' + rng.below(10) as u8)).collect()
}

fn year(rng: &mut Rng) -> String {
    rng.range(1940, 2035).to_string()
}

fn date(rng: &mut Rng) -> String {
    let (d, m, y) = (rng.range(1, 31), rng.range(1, 12), rng.range(1940, 2030));
    let sep = *rng.pick(&["", "", "/", ".", "-", "_", " "]);
    match rng.below(5) {
        0 => format!("{d}{sep}{m}{sep}{y}"),
        1 => format!("{d:02}{sep}{m:02}{sep}{y}"),
        2 => format!("{y}{sep}{m:02}{sep}{d:02}"),
        3 => format!("{d:02}{sep}{m:02}{sep}{:02}", y % 100),
        _ => format!("{m}{sep}{d}{sep}{:02}", y % 100),
    }
}

const ROWS: [&str; 8] = [
    "`1234567890-=",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "~!@#$%^&*()_+",
    "QWERTYUIOP{}|",
    "ASDFGHJKL:\"",
    "ZXCVBNM<>?",
];
const COLUMNS: [&str; 10] = ["1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/"];
const KEYPAD: [&str; 6] = ["789456123", "147258369", "1236547890", "159357", "0258", "*-+963"];

fn walk(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 | 1 => {
            let row = rng.pick(&ROWS).chars().collect::<Vec<_>>();
            let len = rng.range(3, row.len().min(10));
            let start = rng.below(row.len() - len + 1);
            let s: String = row[start..start + len].iter().collect();
            if rng.chance(0.2) {
                s.chars().rev().collect()
            } else {
                s
            }
        }
        2 => (0..rng.range(2, 4)).map(|_| *rng.pick(&COLUMNS)).collect(),
        3 => {
            let a = walk_segment(rng);
            let b = walk_segment(rng);
            format!("{a}{b}")
        }
        4 => {
            let k = rng.pick(&KEYPAD);
            k[..rng.range(3, k.len())].to_string()
        }
        _ => {
            let c = rng.pick(&COLUMNS);
            format!("{}{}", c, c.to_uppercase())
        }
    }
}

fn walk_segment(rng: &mut Rng) -> String {
    let row = rng.pick(&ROWS[..4]).chars().collect::<Vec<_>>();
    let len = rng.range(3, 6);
    let start = rng.below(row.len() - len + 1);
    row[start..start + len].iter().collect()
}

fn sequence(rng: &mut Rng) -> String {
    let alphabets = [
        "abcdefghijklmnopqrstuvwxyz",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "0123456789",
        "13579",
        "02468",
        "acegikmoqsuwy",
        "αβγδεζηθικλμνξοπρστυφχψω",
        "абвгдежзийклмнопрстуф",
    ];
    let a: Vec<char> = rng.pick(&alphabets).chars().collect();
    let len = rng.range(3, a.len().min(12));
    let start = rng.below(a.len() - len + 1);
    let s: String = a[start..start + len].iter().collect();
    if rng.chance(0.3) {
        s.chars().rev().collect()
    } else {
        s
    }
}

const UNICODE_WORDS: [&str; 24] = [
    "café",
    "müller",
    "niño",
    "straße",
    "façade",
    "smörgåsbord",
    "пароль",
    "привет",
    "κωδικός",
    "пароль123",
    "密码",
    "你好世界",
    "パスワード",
    "사랑해",
    "كلمة",
    "שלום",
    "naïve",
    "crème brûlée",
    "ÉCOLE",
    "Ølbryggeri",
    "İstanbul",
    "ǅemal",
    "ﬁnance",
    "Ωmega",
];
const EMOJI: [&str; 14] = ["😀", "🔥", "🐶", "❤️", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "🏳️‍🌈", "✨", "🦀", "🎉", "😂😂", "🙈🙉🙊", "𝔭𝔞𝔰𝔰"];
const COMBINING: [&str; 6] = ["e\u{301}", "a\u{308}", "n\u{303}", "o\u{302}\u{323}", "Z\u{335}\u{321}", "i\u{307}"];

fn unicode(rng: &mut Rng, l: &Lists) -> String {
    match rng.below(8) {
        0 => rng.pick(&UNICODE_WORDS).to_string(),
        1 => format!("{}{}", rng.pick(&UNICODE_WORDS), digits(rng, 1, 4)),
        2 => format!("{}{}", rng.ranked(&l.english), rng.pick(&EMOJI)),
        3 => (0..rng.range(1, 6)).map(|_| *rng.pick(&EMOJI)).collect(),
        4 => {
            let w = rng.ranked(&l.english);
            w.chars()
                .flat_map(|c| {
                    let mut v = vec![c];
                    if rng.chance(0.3) {
                        v.extend(rng.pick(&COMBINING).chars().skip(1));
                    }
                    v
                })
                .collect()
        }
        5 => (0..rng.range(2, 8)).map(|_| char::from_u32(rng.range(0x4e00, 0x9fff) as u32).unwrap_or('x')).collect(),
        6 => {
            let w = *rng.pick(&UNICODE_WORDS);
            format!("{}{}{}", capitalize(w), rng.pick(&["!", "#", "-", ""]), year(rng))
        }
        _ => (0..rng.range(4, 16)).map(|_| char::from_u32(rng.range(0xa1, 0x2fff) as u32).unwrap_or('x')).collect(),
    }
}

fn random_printable(rng: &mut Rng) -> String {
    let len = if rng.chance(0.85) { rng.range(6, 24) } else { rng.range(25, 100) };
    (0..len).map(|_| char::from(rng.range(0x20, 0x7e) as u8)).collect()
}

fn mangled(rng: &mut Rng, l: &Lists) -> String {
    let base = match rng.below(10) {
        0..=4 => rng.ranked(&l.english),
        5..=6 => rng.ranked(&l.passwords),
        7 => rng.ranked(&l.names),
        8 => rng.ranked(&l.surnames),
        _ => rng.ranked(&l.tv),
    };
    let mut w = base.to_string();
    if rng.chance(0.3) {
        w = l33tify(rng, &w, 0.6);
    }
    if rng.chance(0.05) {
        w = w.chars().rev().collect();
    }
    w = case_variant(rng, &w);
    if rng.chance(0.04) {
        w = w.repeat(2);
    }
    if rng.chance(0.06) {
        w = format!("{}{}", digits(rng, 1, 3), w);
    }
    match rng.below(20) {
        0..=6 => w.push_str(&digits(rng, 1, 4)),
        7..=10 => w.push_str(&year(rng)),
        11..=12 => w.push_str(rng.pick::<&str>(&["!", ".", "#", "?", "*", "!!", "$"])),
        13 => w.push_str("123"),
        14 => w.push_str(&date(rng)),
        15 => {
            let d = digits(rng, 2, 2);
            w.push_str(&d);
            w.push_str(rng.pick::<&str>(&["!", "@", "#"]));
        }
        _ => {}
    }
    w
}

fn passphrase(rng: &mut Rng, l: &Lists) -> String {
    let n = rng.range(2, 5);
    let sep = *rng.pick(&[" ", "-", "_", ".", "", "", " "]);
    let cap = rng.chance(0.3);
    let top = &l.english[..12_000];
    let mut words: Vec<String> = (0..n)
        .map(|_| {
            let w = rng.ranked(top);
            if cap {
                capitalize(w)
            } else {
                w.to_string()
            }
        })
        .collect();
    if rng.chance(0.2) {
        words.push(digits(rng, 1, 2));
    }
    words.join(sep)
}

fn patterns(rng: &mut Rng, l: &Lists) -> String {
    match rng.below(12) {
        0..=3 => walk(rng),
        4 => format!("{}{}", walk(rng), digits(rng, 1, 4)),
        5..=6 => sequence(rng),
        7 => {
            let unit = match rng.below(3) {
                0 => rng.pick(&["a", "1", "x", "Z", "!", "0"]).to_string(),
                1 => rng.pick(&["ab", "abc", "123", "xo", "qwe", "1a"]).to_string(),
                _ => rng.ranked(&l.english).to_string(),
            };
            unit.repeat(rng.range(2, 6))
        }
        8..=9 => date(rng),
        10 => format!("{}{}", rng.ranked(&l.names), date(rng)),
        _ => year(rng),
    }
}

/// (password, user inputs), deterministic.
fn corpus() -> Vec<(String, Vec<String>)> {
    let l = lists();
    let mut rng = Rng(0x5eed_2026_cafe_f00d);
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |p: String, u: Vec<String>| {
        if !p.is_empty() {
            out.push((p, u));
        }
    };
    for _ in 0..600 {
        let p = match rng.below(10) {
            0..=6 => rng.ranked(&l.passwords).to_string(),
            7 => rng.ranked(&l.names).to_string(),
            8 => rng.ranked(&l.tv).to_string(),
            _ => capitalize(rng.ranked(&l.passwords)),
        };
        add(p, vec![]);
    }
    for _ in 0..1300 {
        let p = mangled(&mut rng, &l);
        add(p, vec![]);
    }
    for _ in 0..600 {
        let p = passphrase(&mut rng, &l);
        add(p, vec![]);
    }
    for _ in 0..700 {
        let p = patterns(&mut rng, &l);
        add(p, vec![]);
    }
    for _ in 0..600 {
        let p = random_printable(&mut rng);
        add(p, vec![]);
    }
    for _ in 0..500 {
        let p = unicode(&mut rng, &l);
        add(p, vec![]);
    }
    for _ in 0..300 {
        let first = rng.ranked(&l.names).to_string();
        let last = rng.ranked(&l.surnames).to_string();
        let user = format!("{}{}", &first[..1], last);
        let email = format!("{first}.{last}@example.com");
        let p = match rng.below(5) {
            0 => format!("{}{}", capitalize(&last), digits(&mut rng, 2, 2)),
            1 => format!("{user}{}", year(&mut rng)),
            2 => l33tify(&mut rng, &format!("{first}{last}"), 0.5),
            3 => format!("{}!{}", capitalize(&first), rng.ranked(&l.english)),
            _ => last.chars().rev().collect(),
        };
        let inputs = match rng.below(3) {
            0 => vec![first, last],
            1 => vec![user, email],
            _ => vec![first, last, user, email, "Example Inc".to_string()],
        };
        add(p, inputs);
    }
    out
}

// -------------------------------------------------------------------------------------------
// Comparison with the zxcvbn crate
// -------------------------------------------------------------------------------------------

fn crate_warning(w: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match w {
        W::StraightRowsOfKeysAreEasyToGuess => "straightRow",
        W::ShortKeyboardPatternsAreEasyToGuess => "keyPattern",
        W::RepeatsLikeAaaAreEasyToGuess => "simpleRepeat",
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "extendedRepeat",
        W::ThisIsATop10Password => "topTen",
        W::ThisIsATop100Password => "topHundred",
        W::ThisIsACommonPassword => "common",
        W::ThisIsSimilarToACommonlyUsedPassword => "similarToCommon",
        W::SequencesLikeAbcAreEasyToGuess => "sequences",
        W::RecentYearsAreEasyToGuess => "recentYears",
        W::AWordByItselfIsEasyToGuess => "wordByItself",
        W::DatesAreOftenEasyToGuess => "dates",
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => "namesByThemselves",
        W::CommonNamesAndSurnamesAreEasyToGuess => "commonNames",
    }
}

/// The crate's matches of the best sequence, with the base matches of its repeats.
fn crate_matches(seq: &[zxcvbn::Match], out: &mut Vec<zxcvbn::Match>) {
    for m in seq {
        out.push(m.clone());
        if let zxcvbn::matching::patterns::MatchPattern::Repeat(r) = &m.pattern {
            crate_matches(&r.base_matches, out);
        }
    }
}

/// Why the crate and zxcvbn 4.4.2 (which we follow) differ on `p`, from the crate's matches:
/// the crate's known deviations from the JavaScript original, first applicable.
fn crate_difference_class(p: &str, inputs: &[&str], theirs: &zxcvbn::Entropy) -> &'static str {
    use zxcvbn::matching::patterns::MatchPattern as P;
    let mut seq = Vec::new();
    crate_matches(theirs.sequence(), &mut seq);
    if theirs.guesses() == u64::MAX {
        return "crate guesses saturate at u64::MAX (2^64)";
    }
    if seq.iter().any(|m| {
        matches!(&m.pattern, P::Regex(_))
            && !(m.token.starts_with("19") || m.token.starts_with("200") || m.token.starts_with("201"))
    }) {
        return "crate's recent_year regex 19\\d\\d|20\\d\\d also takes 2020-2099 (JS: 19\\d\\d|200\\d|201\\d)";
    }
    if p.chars().any(|c| c as u32 > 0xffff) {
        return "astral characters: crate counts code points, JS (and we) UTF-16 units";
    }
    if seq.iter().any(|m| matches!(&m.pattern, P::Dictionary(d) if d.l33t) && m.token.chars().count() == 1) {
        return "crate keeps one-character l33t matches (JS drops them)";
    }
    if seq.iter().any(|m| {
        matches!(&m.pattern, P::Dictionary(_))
            && m.token.chars().any(|c| c.is_uppercase())
            && !m.token.chars().any(|c| c.is_lowercase())
            && m.token.chars().any(|c| !c.is_alphabetic())
    }) {
        return "crate's uppercase variations give 0 for all-caps tokens with non-letters (JS: 2)";
    }
    if seq.iter().any(|m| matches!(&m.pattern, P::Sequence(_)) && m.token.chars().next() == m.token.chars().nth(1)) {
        return "crate's sequence matcher restarts on a zero delta (aabc → aabc, JS: abc)";
    }
    if p.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
        return "non-ASCII letters: crate uses Unicode case, JS [A-Z]/[a-z]";
    }
    if seq.iter().any(|m| matches!(&m.pattern, P::Dictionary(d) if d.l33t)) {
        return "crate's l33t tables depend on HashMap order (JS: table order)";
    }
    if seq.iter().any(|m| matches!(&m.pattern, P::Spatial(_))) {
        return "crate truncates the keyboard degrees (4.596 → 4, 5.067 → 5)";
    }
    if p.chars().any(|c| "[]".contains(c)) {
        return "crate counts [ and ] as shifted keys";
    }
    // The crate's search visits sequence lengths in HashMap order, which changes which
    // candidates it keeps: its answer varies from call to call.
    let first = theirs.guesses();
    if (0..16).any(|_| zxcvbn::zxcvbn(p, inputs).guesses() != first) {
        return "crate's search order is a HashMap's (its result varies from call to call)";
    }
    "unexplained"
}

#[derive(Default)]
struct Tally {
    n: usize,
    score_eq: usize,
    log_eq: usize,
    log_close: usize,
    warning_eq: usize,
    feedback_eq: usize,
    classes: BTreeMap<&'static str, (usize, usize, Vec<String>)>, // class -> (score differs, log differs), examples
}

impl Tally {
    fn add(&mut self, class: &'static str, score_differs: bool, example: String) {
        let e = self.classes.entry(class).or_default();
        if score_differs {
            e.0 += 1;
        }
        e.1 += 1;
        if e.2.len() < 4 {
            e.2.push(example);
        }
    }
    fn print(&self, title: &str) {
        let pct = |k: usize| 100.0 * k as f64 / self.n.max(1) as f64;
        println!("== {title}: {} passwords", self.n);
        println!("   equal score:            {:6} ({:.2}%)", self.score_eq, pct(self.score_eq));
        println!("   equal guesses_log10±.01:{:6} ({:.2}%)", self.log_eq, pct(self.log_eq));
        println!("   guesses_log10 within .05:{:5} ({:.2}%)", self.log_close, pct(self.log_close));
        println!("   equal warning:          {:6} ({:.2}%)", self.warning_eq, pct(self.warning_eq));
        println!("   equal warning+suggest.: {:6} ({:.2}%)", self.feedback_eq, pct(self.feedback_eq));
        for (class, (s, l, ex)) in &self.classes {
            println!("   - {class}: {s} score, {l} guesses differences; e.g. {}", ex.join(" | "));
        }
    }
}

fn codes(e: &Estimate) -> (Option<&'static str>, Vec<&'static str>) {
    (e.warning.map(WarningCode::code), e.suggestions.iter().map(|s| s.code()).collect())
}

#[test]
fn parity_with_the_zxcvbn_crate() {
    let corpus = corpus();
    let year = current_year();
    let mut t = Tally::default();
    let (mut ours_time, mut theirs_time) = (0.0, 0.0);
    for (p, inputs) in &corpus {
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        let clock = Instant::now();
        let ours = estimate_at(p, &inputs, year);
        ours_time += clock.elapsed().as_secs_f64();
        let clock = Instant::now();
        let theirs = zxcvbn::zxcvbn(p, &inputs);
        theirs_time += clock.elapsed().as_secs_f64();
        t.n += 1;
        let score_eq = ours.score == u8::from(theirs.score());
        let their_log = theirs.guesses_log10();
        let log_eq = (ours.guesses_log10 - their_log).abs() <= 0.01
            || (theirs.guesses() == u64::MAX && ours.guesses >= u64::MAX as f64);
        let their_fb = theirs.feedback();
        let their_warning = their_fb.and_then(|f| f.warning()).map(crate_warning);
        let their_sugg: Vec<&str> =
            their_fb.map(|f| f.suggestions().iter().map(|s| passpolicy_suggestion(*s)).collect()).unwrap_or_default();
        let (w, s) = codes(&ours);
        t.score_eq += usize::from(score_eq);
        t.log_eq += usize::from(log_eq);
        t.warning_eq += usize::from(w == their_warning);
        t.feedback_eq += usize::from(w == their_warning && s == their_sugg);
        if !score_eq || !log_eq {
            let class = match crate_difference_class(p, &inputs, &theirs) {
                // Our dictionary ranks are quantized (see `parity_with_zxcvbn_js`), the crate's exact.
                "unexplained" if (ours.guesses_log10 - their_log).abs() <= 0.05 => {
                    "our ranks are quantized to eighths of an octave: guesses_log10 within 0.05"
                }
                class => class,
            };
            t.add(
                class,
                !score_eq,
                format!(
                    "{p:?}: {} {:.2} vs crate {} {:.2}",
                    ours.score,
                    ours.guesses_log10,
                    u8::from(theirs.score()),
                    their_log
                ),
            );
        }
    }
    t.print("ours vs the zxcvbn crate 3.1.1");
    let per_call = |secs: f64| secs * 1e6 / corpus.len() as f64;
    println!(
        "   mean per call: ours {:.1} µs, the crate {:.1} µs ({} build)",
        per_call(ours_time),
        per_call(theirs_time),
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    let unexplained = t.classes.get("unexplained").map_or(0, |c| c.1);
    let share = t.score_eq as f64 / t.n as f64;
    // 96.96% when written. The crate itself departs from zxcvbn 4.4.2, which we follow (100%
    // equal scores in `parity_with_zxcvbn_js`): UTF-16 vs code points for emoji, its wider
    // recent-year regex (2020-2099), all-caps tokens with digits, truncated keyboard degrees,
    // … (the classes printed above). Every difference must fall in one of those classes.
    assert!(share >= 0.96, "equal scores with the crate: {share}");
    assert!(unexplained * 200 <= t.n, "{unexplained} unexplained differences");
}

fn passpolicy_suggestion(s: zxcvbn::feedback::Suggestion) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match s {
        S::UseAFewWordsAvoidCommonPhrases => "useWords",
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => "noNeed",
        S::AddAnotherWordOrTwo => "anotherWord",
        S::CapitalizationDoesntHelpVeryMuch => "capitalization",
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "allUppercase",
        S::ReversedWordsArentMuchHarderToGuess => "reverseWords",
        S::PredictableSubstitutionsDontHelpVeryMuch => "l33t",
        S::UseALongerKeyboardPatternWithMoreTurns => "longerKeyboardPattern",
        S::AvoidRepeatedWordsAndCharacters => "repeated",
        S::AvoidSequences => "sequences",
        S::AvoidRecentYears => "recentYears",
        S::AvoidYearsThatAreAssociatedWithYou => "associatedYears",
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => "dates",
    }
}

// -------------------------------------------------------------------------------------------
// Comparison with zxcvbn 4.4.2 (JavaScript), recorded
// -------------------------------------------------------------------------------------------

const JS_RECORD: &str = "data/zxcvbn/parity-js-4.4.2.jsonl";

#[test]
fn parity_with_zxcvbn_js() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(JS_RECORD);
    let text = std::fs::read_to_string(&path).expect("the JS record; see the header of this file to regenerate it");
    let mut lines = text.lines();
    let meta: serde_json::Value = serde_json::from_str(lines.next().expect("meta line")).expect("meta json");
    let year = meta["reference_year"].as_i64().expect("reference_year") as i32;
    let corpus = corpus();
    let mut t = Tally::default();
    let mut missing = 0;
    let mut by_password: BTreeMap<(String, Vec<String>), serde_json::Value> = BTreeMap::new();
    // Each line: [password, [user inputs], score, guesses_log10, warning code or "", suggestion codes
    // separated by spaces].
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("record json");
        let p = v[0].as_str().expect("password").to_string();
        let u = v[1].as_array().expect("inputs").iter().map(|x| x.as_str().expect("input").to_string()).collect();
        by_password.insert((p, u), v);
    }
    for (p, inputs) in &corpus {
        let Some(js) = by_password.get(&(p.clone(), inputs.clone())) else {
            missing += 1;
            continue;
        };
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        let ours = estimate_at(p, &inputs, year);
        t.n += 1;
        let js_score = js[2].as_u64().expect("score") as u8;
        let js_log = js[3].as_f64().expect("log10");
        let js_warning = js[4].as_str().filter(|w| !w.is_empty());
        let js_sugg: Vec<&str> = js[5].as_str().expect("suggestions").split_whitespace().collect();
        let score_eq = ours.score == js_score;
        let log_eq = (ours.guesses_log10 - js_log).abs() <= 0.01;
        let (w, s) = codes(&ours);
        t.score_eq += usize::from(score_eq);
        t.log_eq += usize::from(log_eq);
        t.log_close += usize::from((ours.guesses_log10 - js_log).abs() <= 0.05);
        t.warning_eq += usize::from(w == js_warning);
        t.feedback_eq += usize::from(w == js_warning && s == js_sugg);
        if !score_eq || !log_eq || w != js_warning || s != js_sugg {
            let class = match js_difference_class(p) {
                "unexplained" if (ours.guesses_log10 - js_log).abs() <= 0.05 => {
                    "our ranks are quantized to eighths of an octave: guesses_log10 within 0.05"
                }
                class => class,
            };
            t.add(
                class,
                !score_eq,
                format!(
                    "{p:?}: {} {:.3} {w:?} {s:?} vs JS {js_score} {js_log:.3} {js_warning:?} {js_sugg:?}",
                    ours.score, ours.guesses_log10
                ),
            );
        }
    }
    t.print("ours vs zxcvbn 4.4.2 (JavaScript, recorded)");
    assert!(missing * 100 <= corpus.len(), "{missing} corpus passwords are not in the record: regenerate it");
    // Exact (100%) with exact ranks; the dictionaries' ranks are now quantized to eighths of an
    // octave (`strength.bin`, see data/zxcvbn/README.md), which moves guesses by up to ±0.026
    // in log10 per dictionary word. When written: 99.89% equal scores, 99.93% within 0.05,
    // 100% equal warnings and suggestions.
    let share = t.score_eq as f64 / t.n as f64;
    let close = t.log_close as f64 / t.n as f64;
    let feedback = t.feedback_eq as f64 / t.n as f64;
    println!(
        "   rates: score {:.2}%, guesses_log10 within 0.05 {:.2}%, feedback {:.2}%",
        100.0 * share,
        100.0 * close,
        100.0 * feedback
    );
    assert!(share >= 0.995, "equal scores with zxcvbn 4.4.2: {share}");
    assert!(close >= 0.99, "guesses_log10 within 0.05 of zxcvbn 4.4.2: {close}");
    assert!(feedback >= 0.995, "equal warning and suggestions with zxcvbn 4.4.2: {feedback}");
}

/// Why we may differ from zxcvbn 4.4.2 on `p`.
fn js_difference_class(p: &str) -> &'static str {
    if p.chars().count() > 100 {
        return "over 100 code points: we cut, zxcvbn 4.4.2 does not";
    }
    if p.chars().any(|c| !c.is_ascii() && c.to_lowercase().count() > 1) {
        return "a character whose lower case is longer (JS shifts its indices)";
    }
    "unexplained"
}

/// Writes the corpus, runs zxcvbn 4.4.2 on it in Node and records the results in `JS_RECORD`.
#[test]
#[ignore]
fn record_js() {
    let dir = std::env::var("ZXCVBN_JS").expect("ZXCVBN_JS=/path/to/zxcvbn-4.4.2/package");
    let year = 2026;
    let corpus = corpus();
    let tmp = std::env::temp_dir().join("passpolicy-zxcvbn-corpus.jsonl");
    let mut text = String::new();
    for (p, u) in &corpus {
        text.push_str(&serde_json::json!({"p": p, "u": u}).to_string());
        text.push('\n');
    }
    std::fs::write(&tmp, text).expect("write corpus");
    let script = tmp.with_extension("cjs");
    std::fs::write(&script, JS_SCRIPT).expect("write script");
    let out = std::process::Command::new("node")
        .arg(&script)
        .arg(&dir)
        .arg(&tmp)
        .arg(year.to_string())
        .output()
        .expect("run node");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(JS_RECORD);
    std::fs::write(&path, out.stdout).expect("write record");
    println!("wrote {}", path.display());
}

const JS_SCRIPT: &str = r#"
const [dir, corpus, year] = process.argv.slice(2);
const zxcvbn = require(dir + '/lib/main.js');
require(dir + '/lib/scoring.js').REFERENCE_YEAR = Number(year);
const W = {
  'Straight rows of keys are easy to guess': 'straightRow',
  'Short keyboard patterns are easy to guess': 'keyPattern',
  'Repeats like "aaa" are easy to guess': 'simpleRepeat',
  'Repeats like "abcabcabc" are only slightly harder to guess than "abc"': 'extendedRepeat',
  'This is a top-10 common password': 'topTen',
  'This is a top-100 common password': 'topHundred',
  'This is a very common password': 'common',
  'This is similar to a commonly used password': 'similarToCommon',
  'Sequences like abc or 6543 are easy to guess': 'sequences',
  'Recent years are easy to guess': 'recentYears',
  'A word by itself is easy to guess': 'wordByItself',
  'Dates are often easy to guess': 'dates',
  'Names and surnames by themselves are easy to guess': 'namesByThemselves',
  'Common names and surnames are easy to guess': 'commonNames',
};
const S = {
  'Use a few words, avoid common phrases': 'useWords',
  'No need for symbols, digits, or uppercase letters': 'noNeed',
  'Add another word or two. Uncommon words are better.': 'anotherWord',
  "Capitalization doesn't help very much": 'capitalization',
  'All-uppercase is almost as easy to guess as all-lowercase': 'allUppercase',
  "Reversed words aren't much harder to guess": 'reverseWords',
  "Predictable substitutions like '@' instead of 'a' don't help very much": 'l33t',
  'Use a longer keyboard pattern with more turns': 'longerKeyboardPattern',
  'Avoid repeated words and characters': 'repeated',
  'Avoid sequences': 'sequences',
  'Avoid recent years': 'recentYears',
  'Avoid years that are associated with you': 'associatedYears',
  'Avoid dates and years that are associated with you': 'dates',
};
const lines = require('fs').readFileSync(corpus, 'utf8').split('\n').filter(Boolean);
const out = [JSON.stringify({zxcvbn: require(dir + '/package.json').version, reference_year: Number(year), count: lines.length})];
for (const line of lines) {
  const {p, u} = JSON.parse(line);
  const r = zxcvbn(p, u);
  const w = r.feedback.warning ? W[r.feedback.warning] : '';
  if (w === undefined) throw new Error('unknown warning ' + r.feedback.warning);
  const s = r.feedback.suggestions.map(x => { if (!(x in S)) throw new Error('unknown suggestion ' + x); return S[x]; });
  out.push(JSON.stringify([p, u, r.score, Math.round(r.guesses_log10 * 1e4) / 1e4, w, s.join(' ')]));
}
process.stdout.write(out.join('\n') + '\n');
"#;

// -------------------------------------------------------------------------------------------
// Known examples
// -------------------------------------------------------------------------------------------

fn est(p: &str) -> Estimate {
    estimate_at(p, &[], 2026)
}

#[test]
fn known_examples() {
    let e = est("password");
    assert_eq!((e.score, e.warning), (0, Some(WarningCode::TopTen)));
    assert_eq!(e.guesses, 3.0);
    assert_eq!(e.suggestions, [SuggestionCode::AnotherWord]);
    assert_eq!(e.sequence.len(), 1);
    assert!(matches!(e.sequence[0].pattern, Pattern::Dictionary { dictionary: Dictionary::Passwords, rank: 2, .. }));

    let e = est("correcthorsebatterystaple");
    assert_eq!(e.score, 4);
    assert_eq!((e.warning, e.suggestions.len()), (None, 0));

    let e = est("qwerty");
    assert_eq!(e.warning, Some(WarningCode::TopTen)); // it is a common password first
    let e = est("zxcvbnm,./");
    assert_eq!((e.score, e.warning), (1, Some(WarningCode::StraightRow)));
    assert!(e.suggestions.contains(&SuggestionCode::LongerKeyboardPattern));
    let e = est("zxcftgbnm");
    assert_eq!(e.warning, Some(WarningCode::KeyPattern));

    let e = est("abcabc");
    assert_eq!(e.warning, Some(WarningCode::ExtendedRepeat));
    assert!(e.suggestions.contains(&SuggestionCode::Repeated));
    let e = est("aaaaaa");
    assert_eq!(e.warning, Some(WarningCode::SimpleRepeat));
    assert_eq!(e.score, 0);

    let e = est("2019");
    assert_eq!(e.warning, Some(WarningCode::RecentYears));
    assert_eq!(
        e.suggestions,
        [SuggestionCode::AnotherWord, SuggestionCode::RecentYears, SuggestionCode::AssociatedYears]
    );
    let e = est("13.05.1991");
    assert_eq!(e.warning, Some(WarningCode::Dates));
    let e = est("13579");
    assert_eq!(e.warning, Some(WarningCode::Sequences));

    let e = est("P4ssw0rd");
    assert_eq!(e.warning, Some(WarningCode::SimilarToCommon));
    assert!(e.suggestions.contains(&SuggestionCode::L33t) && e.suggestions.contains(&SuggestionCode::Capitalization));
    let e = est("drowssap");
    assert!(e.suggestions.contains(&SuggestionCode::ReverseWords));
    let e = est("PASSWORD");
    assert!(e.suggestions.contains(&SuggestionCode::AllUppercase));
    let e = est("jennifer");
    assert_eq!(e.warning, Some(WarningCode::NamesByThemselves));
    let e = est("1qaz2wsx3edc");
    assert_eq!(e.warning, Some(WarningCode::Common));
    let e = est("blueberry");
    assert_eq!((e.score, e.warning), (1, None));
    let e = est("Kristofferson");
    assert_eq!(e.warning, Some(WarningCode::WordByItself));
    assert_eq!(e.suggestions, [SuggestionCode::AnotherWord, SuggestionCode::Capitalization]);
    let e = est("hgfdsa");
    assert_eq!(e.warning, Some(WarningCode::SimilarToCommon));

    // Empty: zxcvbn's default feedback.
    let e = est("");
    assert_eq!((e.score, e.guesses, e.guesses_log10), (0, 1.0, 0.0));
    assert_eq!(e.suggestions, [SuggestionCode::UseWords, SuggestionCode::NoNeed]);

    // zxcvbn-rs's own examples (identical in zxcvbn 4.4.2).
    // Our dictionary ranks are quantized (within 2^(1/4)): guesses within 0.05 in log10, same score.
    let close = |p: &str, guesses: f64| {
        let e = est(p);
        assert!((e.guesses_log10 - guesses.log10()).abs() <= 0.05, "{p}: {} vs {guesses}", e.guesses);
        assert_eq!(e.score, passpolicy::estimate::guesses_to_score(guesses), "{p}");
    };
    close("TestMeNow!", 372_010_000.0);
    close("hey<123", 1_010_000.0);
    assert_eq!(est("r0sebudmaelstrom11/20/91aaaa").score, 4);
    assert_eq!(est("Imaginative-Say-Shoulder-Dish-0").score, 4);
    close("08märz2010", 100_010_000.0);
    assert_eq!(est("!QASW@#EDFR$%TGHY^&UJKI*(OL").score, 4);

    // Crack times as zxcvbn computes them.
    let e = est("password");
    assert_eq!(e.crack_times_seconds.online_throttling_100_per_hour, 3.0 / (100.0 / 3600.0));
    assert_eq!(e.crack_times_seconds.offline_fast_hashing_1e10_per_second, 3e-10);
    for code in WarningCode::ALL {
        assert!(!code.code().is_empty() && !code.english().is_empty());
    }
}

#[test]
fn user_inputs_lower_the_guesses() {
    let without = estimate_at("zaphodbeeblebrox", &[], 2026);
    let with = estimate_at("zaphodbeeblebrox", &["zaphodbeeblebrox"], 2026);
    assert!(with.guesses_log10 < without.guesses_log10);
    // Rank 1 as the sole match: 1! * 1 guess + zxcvbn's additive 10000^0.
    assert_eq!(with.guesses, 2.0);
    let e = estimate_at("Zaphod1979", &["someone", "ZAPHOD"], 2026);
    assert!(matches!(e.sequence[0].pattern, Pattern::Dictionary { dictionary: Dictionary::UserInputs, rank: 2, .. }));
    // l33t and reversed user inputs too.
    let e = estimate_at("z4ph0d", &["zaphod"], 2026);
    assert!(matches!(
        e.sequence[0].pattern,
        Pattern::Dictionary { dictionary: Dictionary::UserInputs, l33t: true, .. }
    ));
    let e = estimate_at("dohpaz", &["zaphod"], 2026);
    assert!(matches!(
        e.sequence[0].pattern,
        Pattern::Dictionary { dictionary: Dictionary::UserInputs, reversed: true, .. }
    ));
}

#[test]
fn dictionary_lookup() {
    assert_eq!(lookup("password"), Some((Dictionary::Passwords, 2)));
    assert_eq!(lookup("the"), Some((Dictionary::EnglishWikipedia, 1)));
    assert_eq!(lookup("zzyzx"), None);
}

// -------------------------------------------------------------------------------------------
// Worst case
// -------------------------------------------------------------------------------------------

fn adversarial() -> Vec<(String, String)> {
    let mut rng = Rng(42);
    let random: String = (0..100).map(|_| char::from(rng.range(0x21, 0x7e) as u8)).collect();
    let l33t_symbols = "4@8(3&|!1|0$5+7%2".repeat(7);
    let all_l33t = "4@8({[<3691!|7$5+%20".repeat(5);
    let emoji: String = "😀".repeat(100);
    let mixed: String = (0..100).map(|k| ['1', '|', '7', '!', 'l', 'i', 't'][k % 7]).collect();
    let cases = [
        ("random printable", random),
        ("aaaa…", "a".repeat(100)),
        ("abcabc…", "abc".repeat(34)),
        ("P@ssw0rd…", "P@ssw0rd".repeat(13)),
        ("l33t symbols 4@8(3&|!1|0$5+7%2…", l33t_symbols),
        ("every l33t character…", all_l33t),
        ("1|7!lit…", mixed),
        ("digits", "1".repeat(50) + &"9".repeat(50)),
        ("dates 1/1/1…", "1/1/1".repeat(20)),
        ("keyboard qwerty…", "qwertyuiop".repeat(10)),
        ("emoji (200 UTF-16 units)", emoji),
        ("passphrase", "correct horse battery staple ".repeat(4)),
        ("1111…", "1".repeat(100)),
        ("0000…", "0".repeat(100)),
        ("1|1|…", "1|".repeat(50)),
        ("1!l|7t…", "1!l|7t".repeat(17)),
    ];
    cases.into_iter().map(|(n, p)| (n.to_string(), p.chars().take(100).collect())).collect()
}

#[test]
fn worst_case_work_is_bounded() {
    let mut worst = 0.0f64;
    for (name, p) in adversarial() {
        // Warm-up, then the best of 5 (the machine is shared).
        let _ = estimate_with_stats(&p, &["user@example.com"], 2026);
        let mut best = f64::MAX;
        let mut stats = None;
        for _ in 0..5 {
            let t = Instant::now();
            let (e, s) = estimate_with_stats(&p, &["user@example.com"], 2026);
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
            stats = Some((e.score, s));
        }
        let (score, s) = stats.expect("ran");
        println!(
            "{name:38} {:3} cp  {best:7.3} ms  score {score}  dict {:6}  l33t {:6}{}  tables {:4}  repeat {:6}  dp {:6}  runs {}",
            p.chars().count(),
            s.dict_steps,
            s.l33t_steps,
            if s.l33t_capped { " (capped)" } else { "" },
            s.l33t_tables,
            s.repeat_probes,
            s.dp_updates,
            s.omnimatch_runs
        );
        worst = worst.max(best);
        // Operation bounds (independent of the machine).
        assert!(s.l33t_steps <= 20_000 * s.omnimatch_runs, "{name}: l33t steps {}", s.l33t_steps);
        assert!(s.dict_steps <= 400_000, "{name}: dictionary steps {}", s.dict_steps);
        assert!(s.repeat_probes <= 200_000, "{name}: repeat probes {}", s.repeat_probes);
        assert!(s.dp_updates <= 200_000, "{name}: scoring updates {}", s.dp_updates);
    }
    println!("worst single call: {worst:.3} ms (debug builds are ~10-30x slower than release)");
}
