//! Apple's `passwordrules` language against the real world: the 434 websites of Apple's
//! `quirks/password-rules.json` (a copy in `data/apple/`, with its source and licence, never edited).
//!
//! For every site: the rules parse, normalize to a valid canonical policy, are emitted again with
//! nothing unsupported, and parse back to the same canonical policy. Then passwords built from the
//! rules: a minimal good one passes `check`; removing a required class, exceeding `maxlength`,
//! falling short of `minlength`, a character outside `allowed` and a run longer than
//! `max-consecutive` each fail with the expected rule. Where `htmlAttributes` gives a `pattern`,
//! Node (when installed) confirms that the pattern accepts exactly the passwords the checker does.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::field_reassign_with_default)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use passpolicy::export::html_attributes;
use passpolicy::policy::{CharSet, LengthUnit};
use passpolicy::vendors::{parse_document, passwordrules};
use passpolicy::{Checker, Context, Policy, Report};
use serde_json::Value;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Domain → rules, in file order.
fn sites() -> Vec<(String, String)> {
    let path = manifest().join("data/apple/password-rules.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap();
    v.as_object()
        .unwrap()
        .iter()
        .map(|(domain, entry)| (domain.clone(), entry["password-rules"].as_str().unwrap().to_string()))
        .collect()
}

fn normalize_rules(rules: &str) -> Result<Policy, String> {
    let list = passpolicy::normalize(rules, None).map_err(|e| format!("{}: {e}", e.code()))?;
    let n = passpolicy::single(list).map_err(|e| e.to_string())?;
    if n.vendor != "passwordrules" {
        return Err(format!("detected as {}", n.vendor));
    }
    Ok(n.policy)
}

fn check(p: &Policy, pw: &str) -> Report {
    Checker::compile(p).unwrap().check(pw, &Context::default())
}

fn fails_with(r: &Report, id: &str, index: Option<u32>) -> bool {
    r.violations.iter().any(|v| v.id == id && (index.is_none() || v.index == index))
}

/// Printable ASCII members of a set by its literal characters and ranges (passwordrules policies
/// have no classes).
fn members(set: &CharSet) -> Vec<char> {
    assert!(set.classes.is_empty());
    (' '..='~').filter(|c| set.contains_char(*c)).collect()
}

struct Shape {
    allowed: Vec<char>,
    /// (rule id, index, characters that meet it)
    required: Vec<(&'static str, u32, Vec<char>)>,
    min: usize,
    max: Option<usize>,
}

fn shape(p: &Policy) -> Shape {
    let allowed = p.allowed.as_ref().map_or_else(|| (' '..='~').collect(), members);
    let keep = |cs: Vec<char>| cs.into_iter().filter(|c| allowed.contains(c)).collect::<Vec<_>>();
    let mut required = Vec::new();
    for (i, s) in p.sets.iter().enumerate() {
        assert_eq!(s.min, 1);
        required.push(("chars.set", i as u32, keep(members(&s.chars))));
    }
    for (i, t) in p.types.iter().enumerate() {
        assert_eq!(t.required, 1);
        let mut all: Vec<char> = t.of.iter().flat_map(|r| members(r.chars.as_ref().unwrap())).collect();
        all.sort_unstable();
        all.dedup();
        required.push(("chars.types", i as u32, keep(all)));
    }
    Shape {
        allowed: allowed.clone(),
        required,
        min: p.length.min.unwrap_or(0) as usize,
        max: p.length.max.map(|m| m as usize),
    }
}

/// A password of `len` characters: one of each requirement, then allowed characters in turn,
/// never the same character twice in a row.
fn build(s: &Shape, len: usize) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for (_, _, cs) in &s.required {
        let c = cs
            .iter()
            .copied()
            .find(|c| !out.contains(c))
            .or_else(|| cs.iter().copied().find(|c| out.last() != Some(c)));
        out.push(c.expect("a requirement with a usable character"));
    }
    let mut k = 0;
    while out.len() < len {
        let c = s.allowed[k % s.allowed.len()];
        k += 1;
        if out.last() != Some(&c) {
            out.push(c);
        }
    }
    out
}

struct Case {
    domain: String,
    password: String,
    ok: bool,
    pattern: Option<String>,
}

/// What the site loop found.
#[derive(Default)]
struct Log {
    failures: Vec<String>,
    cases: Vec<Case>,
    stats: BTreeMap<&'static str, usize>,
}

/// One site under test.
struct Site<'a> {
    domain: &'a str,
    rules: &'a str,
    policy: Policy,
    pattern: Option<String>,
}

impl Site<'_> {
    fn fail(&self, log: &mut Log, what: String) {
        log.failures.push(format!("{}: {what}\n    {}", self.domain, self.rules));
    }

    /// Checks `pw`; expects `ok`, and when failing, a violation of `rule` (with its index).
    fn expect(&self, log: &mut Log, pw: &[char], ok: bool, rule: Option<(&str, Option<u32>)>, what: &'static str) {
        let password: String = pw.iter().collect();
        // `check` adds the zxcvbn estimate (slow in debug builds) to the same rule verdicts; these
        // policies have no minimum strength, so the rules alone decide `ok`. The minimal good
        // password goes through the full `check`.
        let r = if what == "minimal good" {
            check(&self.policy, &password)
        } else {
            Checker::compile(&self.policy).unwrap().check_rules(&password, &Context::default())
        };
        let v: Vec<&str> = r.violations.iter().map(|v| v.id).collect();
        if r.ok != ok {
            self.fail(log, format!("{what} {password:?}: ok = {}, violations {v:?}", r.ok));
        } else if let Some((id, index)) = rule {
            if !fails_with(&r, id, index) {
                self.fail(log, format!("{what} {password:?}: no {id} violation ({v:?})"));
            }
        }
        *log.stats.entry(what).or_default() += 1;
        log.cases.push(Case { domain: self.domain.to_string(), password, ok: r.ok, pattern: self.pattern.clone() });
    }
}

#[test]
fn every_site_round_trips_and_checks() {
    let sites = sites();
    assert_eq!(sites.len(), 434, "the copy of Apple's quirks file has 434 sites");
    let mut log = Log::default();

    for (domain, rules) in &sites {
        let policy = match normalize_rules(rules) {
            Ok(p) => p,
            Err(e) => {
                log.failures.push(format!("{domain}: does not normalize ({e})\n    {rules}"));
                continue;
            }
        };
        let attrs = html_attributes(&policy);
        let site = Site { domain, rules, pattern: attrs.pattern.clone(), policy };
        let policy = &site.policy;

        // Out and back in.
        let out = policy.to_passwordrules();
        if !out.unsupported.is_empty() {
            site.fail(&mut log, format!("unsupported {:?}", out.unsupported));
        }
        match normalize_rules(&out.rules) {
            Ok(back) if &back == policy => {
                // Emitting again gives the same text (a fixed point).
                if back.to_passwordrules().rules != out.rules {
                    site.fail(&mut log, format!("emission is not a fixed point: {}", out.rules));
                }
            }
            Ok(back) => site.fail(
                &mut log,
                format!(
                    "round trip differs\n    out:  {}\n    was:  {}\n    back: {}",
                    out.rules,
                    policy.to_json(),
                    back.to_json()
                ),
            ),
            Err(e) => site.fail(&mut log, format!("emitted rules do not parse ({e}): {}", out.rules)),
        }

        // HTML attributes: exact lengths for ASCII-only rules; a pattern only for those.
        let lengths = if policy.allowed.is_some() {
            (policy.length.min, policy.length.max, true)
        } else {
            (policy.length.min, policy.length.max.map(|m| m * 2), false)
        };
        if (attrs.minlength, attrs.maxlength, attrs.pattern.is_some()) != lengths || attrs.passwordrules != out.rules {
            site.fail(&mut log, format!("html attributes {attrs:?}"));
        }
        if policy.allowed.is_none() && policy.length.unit != LengthUnit::CodePoints {
            site.fail(&mut log, "length not in code points".into());
        }

        // Known-good and known-bad passwords, by construction.
        assert_eq!(policy.min_strength, None);
        let s = shape(policy);
        let base = s.min.max(s.required.len()).max(1);
        if s.max.is_some_and(|m| base > m) {
            site.fail(&mut log, format!("needs {base} characters but allows {:?}", s.max));
            continue;
        }
        let good = build(&s, base);
        site.expect(&mut log, &good, true, None, "minimal good");

        // Each requirement removed: its characters replaced by allowed characters outside it.
        for (id, index, cs) in &s.required {
            let fillers: Vec<char> = s.allowed.iter().copied().filter(|c| !cs.contains(c)).collect();
            if fillers.is_empty() {
                continue;
            }
            let mut k = 0;
            let bad: Vec<char> = good
                .iter()
                .map(|c| {
                    if cs.contains(c) {
                        k += 1;
                        fillers[k % fillers.len()]
                    } else {
                        *c
                    }
                })
                .collect();
            site.expect(&mut log, &bad, false, Some((id, Some(*index))), "requirement removed");
        }
        // maxlength exactly, and one more.
        if let Some(max) = s.max {
            site.expect(&mut log, &build(&s, max), true, None, "maxlength long");
            site.expect(&mut log, &build(&s, max + 1), false, Some(("length.max", None)), "too long");
        }
        // One character short of minlength, every requirement met.
        if s.min > s.required.len().max(1) {
            site.expect(&mut log, &build(&s, s.min - 1), false, Some(("length.min", None)), "too short");
        }
        // A character outside `allowed` in place of a filler: printable ASCII, and non-ASCII.
        if policy.allowed.is_some() && base > s.required.len() {
            let mut outsiders: Vec<char> = (' '..='~').filter(|c| !s.allowed.contains(c)).take(1).collect();
            outsiders.push('é');
            for c in outsiders {
                let mut bad = good.clone();
                if let Some(last) = bad.last_mut() {
                    *last = c;
                }
                site.expect(&mut log, &bad, false, Some(("chars.allowed", None)), "outside allowed");
            }
        }
        // A run of exactly max-consecutive over the fillers, and one longer.
        if let Some(n) = policy.max_repeat {
            let n = n as usize;
            let len = base.max(s.required.len() + n + 1);
            if s.max.is_none_or(|m| len <= m) {
                let mut run = build(&s, len);
                let before = run[len - n - 1];
                let c = s.allowed.iter().copied().find(|x| *x != before).unwrap_or(before);
                run[len - n..].iter_mut().for_each(|x| *x = c);
                site.expect(&mut log, &run, true, None, "run of max-consecutive");
                run[len - n - 1] = c;
                site.expect(&mut log, &run, false, Some(("repeat.max", None)), "run too long");
            }
        }
    }

    pattern_agrees_with_the_checker(&log.cases, &mut log.failures);

    println!("{} sites, {} passwords checked: {:?}", sites.len(), log.cases.len(), log.stats);
    if !log.failures.is_empty() {
        for f in &log.failures {
            println!("FAIL {f}");
        }
        panic!("{} failure(s) over {} sites (listed above)", log.failures.len(), sites.len());
    }
}

/// Runs every pattern in Node as browsers do (`^(?:pattern)$`, `v` flag) and compares.
fn pattern_agrees_with_the_checker(cases: &[Case], failures: &mut Vec<String>) {
    let with: Vec<&Case> = cases.iter().filter(|c| c.pattern.is_some()).collect();
    let input =
        serde_json::to_string(&with.iter().map(|c| serde_json::json!([c.pattern, c.password])).collect::<Vec<_>>())
            .unwrap();
    let script = "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{\
        const out=JSON.parse(s).map(([p,pw])=>{try{return new RegExp('^(?:'+p+')$','v').test(pw)}catch(e){return String(e)}});\
        process.stdout.write(JSON.stringify(out))})";
    let child = Command::new("node").arg("-e").arg(script).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn();
    let Ok(mut child) = child else {
        println!("node not found: the `pattern` attributes were not run");
        return;
    };
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let verdicts: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(verdicts.len(), with.len());
    for (c, v) in with.iter().zip(verdicts) {
        if v != Value::Bool(c.ok) {
            failures.push(format!(
                "{}: pattern says {v} for {:?}, the checker {}\n    {:?}",
                c.domain, c.password, c.ok, c.pattern
            ));
        }
    }
    println!("{} passwords run against their site's `pattern` in Node", with.len());
}

#[test]
fn the_whole_quirks_file_is_one_document() {
    let path = manifest().join("data/apple/password-rules.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(passpolicy::detect_vendor(&text).unwrap(), "passwordrules");
    let list = passpolicy::normalize(&text, None).unwrap();
    assert_eq!(list.len(), 434);
    let sites = sites();
    for (n, (domain, rules)) in list.iter().zip(&sites) {
        assert_eq!(n.policy.source.id.as_deref(), Some(domain.as_str()));
        let mut alone = normalize_rules(rules).unwrap();
        alone.source.id = Some(domain.clone());
        assert_eq!(n.policy, alone, "{domain}");
    }
}

fn site(domain: &str) -> Policy {
    let rules = sites().into_iter().find(|(d, _)| d == domain).unwrap().1;
    normalize_rules(&rules).unwrap()
}

#[test]
fn known_passwords_for_some_sites() {
    let table: &[(&str, &[&str], &[&str])] = &[
        (
            "apple.com",
            &["Abcdefg1", "Tr0ub4dor&3 x", "Aa1~~~~~"],
            &[
                "abcdefg1",
                "ABCDEFG1",
                "Abcdefgh",
                "Ab1",
                "Abcdefgé1",
                "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk12",
            ],
        ),
        // allowed: lower, upper + the required digit and the listed specials; `%` is not listed.
        (
            "admiral.com",
            &["Password1!", "pass word1", "Pass]word1"],
            &["Password1", "password!", "Password1!%", "Passwort1!ö"],
        ),
        // Exactly 8, no run of 4, a digit and one of upper/lower/[#$+./:=?@[^_|~]].
        (
            "aeon.co.jp",
            &["abcd1234", "ab]cd123", "[#$+1234", "aaab1234"],
            &["abcd12345", "abc1234", "aaaa1234", "12345678", "!bcd1234"],
        ),
        // allowed: unicode, lengths in code points; `lower`/`upper` are ASCII letters.
        (
            "verizonwireless.com",
            &["Passwört1", "密码密码密码a1", "aaaaaaa1"],
            &["ÄÖÜßäöü1", "Password", "Pass1", "Password1Password1Pa1"],
        ),
        // No classes at all: ascii-printable.
        ("163.com", &["abcdef", "      ", "~~~~~~~~~~~~~~~~"], &["abcde", "abcdefé", "abcdefghijklmnopq"]),
        // The language ignores the non-ASCII characters of a custom class (ä ü ö …): not allowed.
        ("dkb.de", &["Passwort1!", "passwort1&"], &["Passwört1", "Passwort!", "Passwort1*"]),
    ];
    for (domain, good, bad) in table {
        let p = site(domain);
        for pw in *good {
            let r = check(&p, pw);
            assert!(r.ok, "{domain}: {pw:?} should pass: {:?}", r.violations.iter().map(|v| v.id).collect::<Vec<_>>());
        }
        for pw in *bad {
            assert!(!check(&p, pw).ok, "{domain}: {pw:?} should fail");
        }
    }
}

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    out.sort();
    out
}

#[test]
fn fixtures_and_detection() {
    let root = manifest().join("tests/fixtures");
    let mut others = 0;
    // `real/` is the corpus of tests/real.rs (documents beside their `.expect.json`), not a vendor folder.
    for dir in fixture_files(&root).into_iter().filter(|d| d.is_dir() && !d.ends_with("real")) {
        let ours = dir.file_name().is_some_and(|n| n == "passwordrules");
        for file in fixture_files(&dir) {
            let text = std::fs::read_to_string(&file).unwrap();
            let Ok(doc) = parse_document(&text) else { continue };
            if ours {
                assert!(passwordrules::detect(&doc), "{}", file.display());
                let list = passpolicy::normalize(&text, None).unwrap();
                let p = &passpolicy::single(list).unwrap().policy;
                let back = normalize_rules(&p.to_passwordrules().rules).unwrap();
                assert_eq!(
                    (&back.length, &back.sets, &back.types, &back.allowed, back.max_repeat),
                    (&p.length, &p.sets, &p.types, &p.allowed, p.max_repeat),
                    "{}",
                    file.display()
                );
            } else {
                others += 1;
                assert!(!passwordrules::detect(&doc), "passwordrules claims {}", file.display());
            }
        }
    }
    assert!(others >= 8, "the other vendors' fixtures were read ({others})");
    // The documented examples of the other vendors (tests/node/vendors.json), each alone.
    let examples: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest().join("tests/node/vendors.json")).unwrap()).unwrap();
    for (vendor, doc) in examples.as_object().unwrap() {
        let text = match doc {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let Ok(doc) = parse_document(&text) {
            assert!(
                !passwordrules::detect(&doc) || vendor == "passwordrules",
                "passwordrules claims the {vendor} example"
            );
        }
    }
    // Keycloak policy strings, bare and in a realm.
    for text in [
        "length(8) and digits(1)",
        "length(12) and digits(1) and upperCase(1) and notUsername(undefined) and passwordHistory(3)",
        "hashIterations(27500) and specialChars(1) and lowerCase(1)",
        r#"{"realm": "demo", "passwordPolicy": "length(8) and digits(1)"}"#,
        "\"length(8) and digits(1)\"",
    ] {
        assert!(!passwordrules::detect(&parse_document(text).unwrap()), "{text}");
    }
}

#[test]
fn edge_fixture() {
    let text = std::fs::read_to_string(manifest().join("tests/fixtures/passwordrules/edge.txt")).unwrap();
    let n = passpolicy::single(passpolicy::normalize(&text, None).unwrap()).unwrap();
    let codes: Vec<&str> = n.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["approximation", "unknown_field"], "{:?}", n.warnings);
    assert_eq!(n.policy.vendor_extras.get("passwordrules.future-property"), Some(&Value::String("x [;]".into())));
    let p = &n.policy;
    assert_eq!(p.length.min, Some(10));
    assert_eq!(p.max_repeat, Some(2));
    assert_eq!(p.sets[0].chars.chars, "-]");
    assert_eq!(p.types[0].of.len(), 2);
    assert!(check(p, "AAb-]0123 ,;").ok);
    assert!(!check(p, "AAAb-]0123").ok);
    assert!(!check(p, "Ab-]0123 ,;ä").ok);
    assert_eq!(
        p.to_passwordrules().rules,
        "minlength: 10; max-consecutive: 2; required: [-]]; required: upper, [b]; allowed: digit, [ ,;];"
    );
}
