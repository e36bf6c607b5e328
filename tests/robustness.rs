//! Whatever the input, the core answers with a value or a structured error: never a panic.
//! Deterministic pseudo-random inputs (xorshift), mutations of every vendor's example documents,
//! and passwords of every shape. (Coverage-guided fuzzing is in fuzz/; this runs in `cargo test`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::field_reassign_with_default)]

use passpolicy::{Checker, Context};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "false",
    "-1",
    "0",
    "1",
    "3",
    "128",
    "1e309",
    "-0",
    "2.5",
    "\"minLength\"",
    "\"maxLength\"",
    "\"minCharacterTypes\"",
    "\"enforceStrongPasswords\"",
    "\"mustContainDigits\"",
    "\"version\"",
    "\"length\"",
    "\"classes\"",
    "\"types\"",
    "\"of\"",
    "\"required\"",
    "\"class\"",
    "\"lower\"",
    "\"min\"",
    "\"max\"",
    "\"allowed\"",
    "\"ranges\"",
    "\"grace_period_duration\"",
    "\"2.5s\"",
    "\"0s\"",
    "\"characters_type\"",
    "\"platform\"",
    "\"passwordPolicy\"",
    "<platform>",
    "</platform>",
    "<passwordPolicy>",
    "<min_length>6</min_length>",
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "&a;",
    "<![CDATA[x]]>",
    "\u{0}",
    "é",
    "👨‍👩‍👧",
    "\\u0000",
    "\\ud800",
];

fn random_doc(rng: &mut Rng) -> String {
    (0..rng.below(40)).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

fn seeds() -> Vec<String> {
    let mut out = vec![
        r#"{"enforceStrongPasswords":true,"enforcePasswordExpiration":true,"passwordExpirationDays":90,"numDifferentPasswords":3,"enforceDifferentPasswords":true}"#.to_string(),
        r#"[{"id":"a","minLength":8,"maxLength":0,"minCharacterTypes":3,"minUpper":1,"minLower":1,"minNumeric":1,"minSpecial":0,"maxRepeatedChars":2,"minAlpha":1,"useDictionary":true,"validateAgainstAccountId":true,"accountIdMinWordLength":3}]"#.to_string(),
        r#"{"minLength":8,"maxLength":128,"mustContainLowercase":true,"mustContainDigits":true,"disallowWeakPasswords":true,"maxPasswordAgeInDays":-1}"#.to_string(),
        r#"{"enforce_password_renewal":true,"grace_period_duration":"259200s","login_attempts_before_locked":5,"max_login_session_duration":"2592000s","max_api_key_expiration_duration":"0s"}"#.to_string(),
        r#"{"platform":{"passwordPolicy":{"min_length":"6","characters_type":"5","try_limit":"0"}}}"#.to_string(),
        "<platform><passwordPolicy><min_length>6</min_length><characters_type>4</characters_type></passwordPolicy></platform>".to_string(),
        r##"{"version":1,"length":{"min":8,"max":64},"types":[{"required":2,"of":[{"class":"digit","min":1},{"chars":{"chars":"#$"},"min":1}]}],"maxRepeat":2}"##.to_string(),
    ];
    // `real/` is the corpus of tests/real.rs, not a vendor folder.
    out.extend(
        std::fs::read_dir("tests/fixtures")
            .into_iter()
            .flatten()
            .flatten()
            .filter(|d| d.file_name() != "real")
            .flat_map(|d| {
                std::fs::read_dir(d.path())
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter_map(|f| std::fs::read_to_string(f.path()).ok())
            }),
    );
    out
}

fn mutate(rng: &mut Rng, doc: &str) -> String {
    let mut chars: Vec<char> = doc.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 if !chars.is_empty() => {
                chars.remove(at.min(chars.len() - 1));
            }
            1 => chars.splice(at..at, PIECES[rng.below(PIECES.len())].chars()).for_each(drop),
            _ => {
                if let Some(c) = chars.get_mut(at) {
                    *c = ['0', '9', '-', '"', '}', 'x', ' '][rng.below(7)];
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn random_password(rng: &mut Rng) -> String {
    const ALPHABET: &[&str] =
        &["a", "A", "1", "!", " ", "é", "e\u{301}", "漢", "👍🏽", "👨‍👩‍👧", "\u{0}", "\u{200d}", "ש", "٣", ":", "aaa"];
    (0..rng.below(30)).map(|_| ALPHABET[rng.below(ALPHABET.len())]).collect()
}

#[test]
fn any_document_gives_a_value_or_an_error() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let seeds = seeds();
    let vendors = [
        None,
        Some("meraki"),
        Some("sailpoint"),
        Some("sumologic"),
        Some("scaleway"),
        Some("longjump"),
        Some("canonical"),
    ];
    let mut ok = 0;
    for i in 0..6000 {
        let doc = if i % 3 == 0 {
            random_doc(&mut rng)
        } else {
            let seed = &seeds[rng.below(seeds.len())];
            mutate(&mut rng, seed)
        };
        let vendor = vendors[rng.below(vendors.len())];
        match passpolicy::normalize(&doc, vendor) {
            Ok(list) => {
                for n in list {
                    ok += 1;
                    let checker = Checker::compile(&n.policy).expect("normalize returns valid policies");
                    let _ = checker.check_rules(&random_password(&mut rng), &Context::default());
                }
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                assert!(!e.code().is_empty());
            }
        }
    }
    assert!(ok > 100, "mutations should still give some valid policies ({ok})");
}

#[test]
fn any_password_and_context_gives_a_report() {
    let mut rng = Rng(42);
    for doc in seeds() {
        let Ok(list) = passpolicy::normalize(&doc, None) else { continue };
        for n in list {
            let checker = Checker::compile(&n.policy).unwrap();
            for _ in 0..40 {
                let pw = random_password(&mut rng);
                let ctx = Context {
                    username: Some(random_password(&mut rng)),
                    email: Some(format!("{}@{}", random_password(&mut rng), random_password(&mut rng))),
                    account_id: Some(random_password(&mut rng)),
                    account_name: Some(String::new()),
                    attributes: [("a".to_string(), random_password(&mut rng))].into_iter().collect(),
                    previous_passwords: vec![random_password(&mut rng), pw.clone()],
                    dictionary: vec![random_password(&mut rng), String::new()],
                    breach_count: Some(rng.next() % 4),
                };
                let r = checker.check(&pw, &ctx);
                assert_eq!(r.ok, r.violations.is_empty());
                assert_eq!(r.length.code_points as usize, pw.chars().count());
            }
        }
    }
}
