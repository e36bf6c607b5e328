//! Unit tests of the generator with a deterministic source (the public API always uses the OS).

#![allow(clippy::field_reassign_with_default)]

use super::random::SplitMix;
use super::*;
use crate::policy::{ClassMin, Requirement, SetMin, TypesRule};

fn gen(p: &Policy, o: &GenerateOptions, seed: u64) -> Result<Generated> {
    let checker = Checker::compile(p)?;
    generate_with(&checker, o, &mut SplitMix(seed))
}

fn count(n: u32) -> GenerateOptions {
    GenerateOptions { count: n, ..Default::default() }
}

fn all_pass(p: &Policy, g: &Generated, ctx: &Context) {
    let checker = Checker::compile(p).unwrap();
    for pw in &g.passwords {
        // zxcvbn is slow in debug builds: only when the policy has a strength rule.
        let r = if p.min_strength.is_some() { checker.check(pw, ctx) } else { checker.check_rules(pw, ctx) };
        assert!(r.ok, "{pw:?} fails {:?}", r.violations);
        let units = match p.length.unit {
            LengthUnit::Utf16 => pw.encode_utf16().count(),
            _ => pw.chars().count(),
        };
        assert_eq!(units as u32, g.length);
    }
}

#[test]
fn default_policy() {
    let p = Policy::default();
    let g = gen(&p, &count(5), 1).unwrap();
    assert_eq!(g.length, 20);
    assert_eq!(g.alphabet_size, 94);
    assert_eq!(g.passwords.len(), 5);
    assert!((g.entropy_bits - 20.0 * 94f64.log2()).abs() < 1e-9);
    all_pass(&p, &g, &Context::default());
}

#[test]
fn deterministic_with_a_seeded_source() {
    let p = Policy::default();
    assert_eq!(gen(&p, &count(3), 5).unwrap(), gen(&p, &count(3), 5).unwrap());
    assert_ne!(gen(&p, &count(3), 5).unwrap().passwords, gen(&p, &count(3), 6).unwrap().passwords);
}

#[test]
fn complexity_rules() {
    let mut p = Policy::default();
    p.length.min = Some(8);
    p.length.max = Some(12);
    p.classes = vec![ClassMin { class: CharClass::Digit, min: 2 }, ClassMin { class: CharClass::Letter, min: 3 }];
    p.sets = vec![SetMin { name: None, chars: CharSet::chars("#$%"), min: 1 }];
    p.types = vec![TypesRule {
        required: 3,
        of: vec![
            Requirement::class(CharClass::Lower, 1),
            Requirement::class(CharClass::Upper, 1),
            Requirement::class(CharClass::Digit, 1),
            Requirement::class(CharClass::Symbol, 1),
        ],
    }];
    p.max_repeat = Some(1);
    p.dictionary.common = true;
    let g = gen(&p, &count(200), 2).unwrap();
    assert_eq!(g.length, 12);
    all_pass(&p, &g, &Context::default());
    // Conservative entropy: 12 − (2 digits + 3 letters + 1 set + at most 1 more for 3-of-4) free
    // positions at least, each from 94 − 2 characters.
    assert!(g.entropy_bits >= 5.0 * 92f64.log2() - 1e-9, "{}", g.entropy_bits);
}

#[test]
fn tight_length_uses_shared_characters() {
    // Two overlapping sets and a length of 1: only '!' meets both.
    let mut p = Policy::default();
    p.length.max = Some(1);
    p.sets = vec![
        SetMin { name: None, chars: CharSet::chars("abc!"), min: 1 },
        SetMin { name: None, chars: CharSet::chars("!#$"), min: 1 },
    ];
    let g = gen(&p, &count(20), 3).unwrap();
    assert!(g.passwords.iter().all(|pw| pw == "!"));
}

#[test]
fn strength_needs_length() {
    let mut p = Policy::default();
    p.min_strength = Some(4);
    let o = GenerateOptions { length: Some(10), ..Default::default() };
    let e = gen(&p, &o, 4).unwrap_err();
    assert_eq!((e.code(), e.path()), ("unsatisfiable", Some("minStrength")));
    assert!(e.message.contains("at least 11"), "{}", e.message);
    let o = GenerateOptions { length: Some(11), count: 20, ..Default::default() };
    let g = gen(&p, &o, 4).unwrap();
    all_pass(&p, &g, &Context::default());
    // The policy's own maximum is too short.
    p.length.max = Some(8);
    let e = gen(&p, &GenerateOptions::default(), 4).unwrap_err();
    assert!(e.message.contains("maximum length 8"), "{}", e.message);
}

#[test]
fn one_character_dictionary_words_and_context() {
    let mut p = Policy::default();
    p.dictionary.custom =
        Some(crate::policy::CustomDictionary { words: vec!["e".into(), "ab".into()], ..Default::default() });
    p.context.username = Some(crate::policy::ContextCheck { min_token_length: 1, ..Default::default() });
    let ctx = Context { username: Some("q.z".into()), dictionary: vec!["x".into()], ..Default::default() };
    let o = GenerateOptions { count: 300, context: Some(ctx.clone()), ..Default::default() };
    let g = gen(&p, &o, 5).unwrap();
    assert!(!g.alphabet.contains(['e', 'E', 'q', 'Q', 'z', 'Z', 'x', 'X']), "{}", g.alphabet);
    all_pass(&p, &g, &ctx);
}

#[test]
fn non_ascii_requirements_use_the_fallback() {
    // A Cyrillic-only allowed set, with an upper-case letter required.
    let mut p = Policy::default();
    p.allowed = Some(CharSet { ranges: vec![[0x410, 0x44F]], ..Default::default() });
    p.classes = vec![ClassMin { class: CharClass::Upper, min: 2 }];
    let g = gen(&p, &count(20), 6).unwrap();
    assert_eq!(g.alphabet_size, 64);
    all_pass(&p, &g, &Context::default());
    // Letters that ASCII cannot give: ASCII is forbidden.
    let mut p = Policy::default();
    p.forbidden = Some(CharSet { ranges: vec![[0, 0x7F]], ..Default::default() });
    p.classes = vec![ClassMin { class: CharClass::Lower, min: 1 }, ClassMin { class: CharClass::Digit, min: 1 }];
    let g = gen(&p, &count(20), 7).unwrap();
    all_pass(&p, &g, &Context::default());
    // An emoji required in UTF-16 units: it takes two of them.
    let mut p = Policy::default();
    p.length.unit = LengthUnit::Utf16;
    p.length.max = Some(10);
    p.sets = vec![SetMin { name: None, chars: CharSet::chars("😀"), min: 1 }];
    let g = gen(&p, &count(10), 8).unwrap();
    for pw in &g.passwords {
        assert_eq!(pw.encode_utf16().count(), 10);
        assert!(pw.contains('😀'));
    }
    all_pass(&p, &g, &Context::default());
}

#[test]
fn unsatisfiable_cases() {
    // One usable character and maxRepeat 2: nothing longer than 2.
    let mut p = Policy::default();
    p.allowed = Some(CharSet::chars("a"));
    p.max_repeat = Some(2);
    let e = gen(&p, &count(1), 9).unwrap_err();
    assert_eq!((e.code(), e.path()), ("unsatisfiable", Some("maxRepeat")), "{e}");
    // Length 2 fits maxRepeat, but one character to draw from makes every password "aa": an
    // error, not a password of entropy 0.
    let e = gen(&p, &GenerateOptions { length: Some(2), ..Default::default() }, 9).unwrap_err();
    assert_eq!((e.code(), e.path()), ("unsatisfiable", Some("allowed")), "{e}");
    // Exclude ambiguous empties the alphabet.
    let mut p = Policy::default();
    p.allowed = Some(CharSet::chars("Il1O0"));
    let o = GenerateOptions { exclude: Some(Exclude::Ambiguous), ..Default::default() };
    let e = gen(&p, &o, 9).unwrap_err();
    assert_eq!(e.code(), "unsatisfiable");
    assert!(e.message.contains("Il1O0"), "{e}");
    // A digit required, only ambiguous digits allowed.
    let mut p = Policy::default();
    p.allowed = Some(CharSet { classes: vec![CharClass::Letter], chars: "01".into(), ..Default::default() });
    p.classes = vec![ClassMin { class: CharClass::Digit, min: 1 }];
    assert!(gen(&p, &count(1), 9).is_ok());
    let e = gen(&p, &o, 9).unwrap_err();
    assert_eq!((e.code(), e.path()), ("unsatisfiable", Some("classes[0]")), "{e}");
    // Requested lengths outside the policy.
    let mut p = Policy::default();
    p.length.min = Some(8);
    p.length.max = Some(16);
    for (l, code) in [(7, "unsatisfiable"), (17, "unsatisfiable"), (0, "invalid_field"), (5000, "too_large")] {
        let e = gen(&p, &GenerateOptions { length: Some(l), ..Default::default() }, 9).unwrap_err();
        assert_eq!((e.code(), e.path()), (code, Some("options.length")), "{l}");
    }
    assert_eq!(gen(&p, &count(0), 9).unwrap_err().code(), "invalid_field");
    assert_eq!(gen(&p, &count(1001), 9).unwrap_err().code(), "too_large");
}

#[test]
fn default_length() {
    let mut p = Policy::default();
    p.length.min = Some(32);
    assert_eq!(gen(&p, &count(1), 1).unwrap().length, 32);
    p.length.min = Some(4);
    p.length.max = Some(10);
    assert_eq!(gen(&p, &count(1), 1).unwrap().length, 10);
    p.length = Default::default();
    p.classes = vec![ClassMin { class: CharClass::Digit, min: 30 }];
    assert_eq!(gen(&p, &count(1), 1).unwrap().length, 30);
}

#[test]
fn options_from_json() {
    let o = GenerateOptions::from_json(
        r#"{"length": 24, "count": 5, "exclude": "ambiguous", "context": {"username": "ann"}}"#,
    )
    .unwrap();
    assert_eq!((o.length, o.count, o.exclude), (Some(24), 5, Some(Exclude::Ambiguous)));
    assert_eq!(o.context.unwrap().username.as_deref(), Some("ann"));
    assert_eq!(GenerateOptions::from_json("null").unwrap(), GenerateOptions::default());
    assert_eq!(GenerateOptions::from_json("{}").unwrap(), GenerateOptions::default());
    assert_eq!(GenerateOptions::from_json(r#"{"length": -1}"#).unwrap_err().path(), Some("options.length"));
    assert_eq!(GenerateOptions::from_json(r#"{"exclude": "similar"}"#).unwrap_err().path(), Some("options.exclude"));
    assert_eq!(GenerateOptions::from_json(r#"{"lenght": 3}"#).unwrap_err().path(), Some("options.lenght"));
    let e = GenerateOptions::from_json(r#"{"context": {"previousPasswords": "hunter2secret"}}"#).unwrap_err();
    assert!(!e.message.contains("hunter2secret"));
    assert_eq!(GenerateOptions::from_json("{").unwrap_err().code(), "invalid_json");
    // Serde, for callers that deserialize it themselves.
    let o: GenerateOptions = serde_json::from_str(r#"{"exclude": "ambiguous"}"#).unwrap();
    assert_eq!((o.count, o.exclude), (1, Some(Exclude::Ambiguous)));
}

#[test]
fn generated_serializes_camel_case() {
    let g = gen(&Policy::default(), &count(1), 1).unwrap();
    let v = serde_json::to_value(&g).unwrap();
    for k in ["passwords", "length", "alphabet", "alphabetSize", "entropyBits"] {
        assert!(v.get(k).is_some(), "{k}");
    }
}

#[test]
fn cover_mode_reaches_beyond_ascii() {
    // Three symbols and one character of "x§Z" in three characters: '§' must be one of the
    // symbols, though ASCII 'x' and 'Z' meet the set on their own.
    let mut p = Policy::default();
    p.length.max = Some(3);
    p.classes = vec![ClassMin { class: CharClass::Symbol, min: 3 }];
    p.sets = vec![SetMin { name: None, chars: CharSet::chars("x§Z"), min: 1 }];
    let g = gen(&p, &count(20), 11).unwrap();
    all_pass(&p, &g, &Context::default());
    assert!(g.passwords.iter().all(|pw| pw.contains('§')));
    // With room to spare, the set is met with ASCII and '§' is not needed.
    p.length.max = Some(4);
    let g = gen(&p, &count(50), 11).unwrap();
    all_pass(&p, &g, &Context::default());
}

#[test]
fn one_character_to_draw_from_is_an_error_not_aaaa() {
    let mut p = Policy::default();
    p.allowed = Some(crate::policy::CharSet::chars("a"));
    let e = generate(&p, &GenerateOptions::default()).unwrap_err();
    assert_eq!(e.code(), "unsatisfiable");
    assert!(e.message.contains("one character"), "{}", e.message);
}

/// The longest sequence of `pw` as the checker reports it.
fn reported_sequence(checker: &Checker, pw: &str) -> u32 {
    let r = checker.check_rules(pw, &Context::default());
    r.rules.iter().find(|x| x.id == "sequence.max").and_then(|x| x.actual).unwrap_or(0)
}

#[test]
fn sequences_stay_within_max_sequence_over_many_seeds() {
    // Alphabets where sequences come easily: digits only, a few consecutive letters in both
    // cases, lower case with required runs of consecutive letters, the whole of ASCII.
    let alphabets: [Option<CharSet>; 5] = [
        Some(CharSet { classes: vec![CharClass::Digit], ..Default::default() }),
        Some(CharSet::chars("abcdABCD")),
        Some(CharSet::chars("xyz")),
        Some(CharSet { classes: vec![CharClass::Lower], ..Default::default() }),
        None,
    ];
    let mut passwords = 0;
    for (a, allowed) in alphabets.iter().enumerate() {
        for max in 2..=3u32 {
            for repeat in [None, Some(1), Some(2)] {
                let mut p = Policy::default();
                p.allowed = allowed.clone();
                p.max_sequence = Some(max);
                p.max_repeat = repeat;
                if a == 3 {
                    // Required characters that are themselves a sequence.
                    p.sets = vec![SetMin { name: None, chars: CharSet::chars("mno"), min: 3 }];
                }
                if a == 4 {
                    p.classes = vec![
                        ClassMin { class: CharClass::Digit, min: 4 },
                        ClassMin { class: CharClass::Upper, min: 2 },
                    ];
                }
                let checker = Checker::compile(&p).unwrap();
                for seed in 0..40 {
                    let o =
                        GenerateOptions { count: 10, length: Some(8 + (seed % 5) as u32 * 6), ..Default::default() };
                    let g = generate_with(&checker, &o, &mut SplitMix(seed * 7919 + u64::from(max))).unwrap();
                    all_pass(&p, &g, &Context::default());
                    for pw in &g.passwords {
                        assert!(reported_sequence(&checker, pw) <= max, "{pw:?} max {max}");
                        passwords += 1;
                    }
                }
            }
        }
    }
    assert_eq!(passwords, 5 * 2 * 3 * 40 * 10);
}

#[test]
fn sequence_rule_and_entropy() {
    // With the whole of ASCII: at most 2 neighbours for repeats and 4 letters in 2 cases each for
    // sequences are avoided per position.
    let mut p = Policy::default();
    p.max_sequence = Some(2);
    let g = gen(&p, &count(50), 12).unwrap();
    all_pass(&p, &g, &Context::default());
    assert!((g.entropy_bits - 20.0 * (94.0f64 - 8.0).log2()).abs() < 1e-9, "{}", g.entropy_bits);
    p.max_repeat = Some(1);
    let g = gen(&p, &count(50), 12).unwrap();
    assert!((g.entropy_bits - 20.0 * (94.0f64 - 10.0).log2()).abs() < 1e-9, "{}", g.entropy_bits);
    // Digits only: one character per key.
    p.allowed = Some(CharSet { classes: vec![CharClass::Digit], ..Default::default() });
    let g = gen(&p, &count(50), 12).unwrap();
    all_pass(&p, &g, &Context::default());
    assert_eq!(g.alphabet_size, 10);
    assert!((g.entropy_bits - 20.0 * (10.0f64 - 6.0).log2()).abs() < 1e-9, "{}", g.entropy_bits);
    // A limit no shorter than the password excludes nothing.
    let o = GenerateOptions { length: Some(2), count: 50, ..Default::default() };
    p.max_repeat = None;
    let g = gen(&p, &o, 12).unwrap();
    assert!((g.entropy_bits - 2.0 * 10.0f64.log2()).abs() < 1e-9, "{}", g.entropy_bits);
}

#[test]
fn unique_rule_lengths_entropy_and_limits() {
    let distinct = |pw: &str| pw.chars().collect::<std::collections::BTreeSet<_>>().len();
    // Every distinct character the alphabet has, in a password exactly that long.
    let mut p = Policy::default();
    p.allowed = Some(CharSet { classes: vec![CharClass::Digit], ..Default::default() });
    p.min_unique = Some(10);
    let g = gen(&p, &count(100), 21).unwrap();
    all_pass(&p, &g, &Context::default());
    assert_eq!(g.alphabet_size, 10);
    let o = GenerateOptions { length: Some(10), count: 100, ..Default::default() };
    let g = gen(&p, &o, 22).unwrap();
    all_pass(&p, &g, &Context::default());
    assert!(g.passwords.iter().all(|pw| distinct(pw) == 10));
    // All ten are forced: 10 positions, each avoiding at most the 9 already used.
    assert!((g.entropy_bits - 10.0 * 1.0f64.log2()).abs() < 1e-9, "{}", g.entropy_bits);
    // With runs limited too.
    p.max_repeat = Some(1);
    p.max_sequence = Some(2);
    let g = gen(&p, &count(100), 23).unwrap();
    all_pass(&p, &g, &Context::default());
    // The default length grows to the number of distinct characters.
    let mut p = Policy::default();
    p.min_unique = Some(30);
    let g = gen(&p, &count(20), 24).unwrap();
    assert_eq!(g.length, 30);
    all_pass(&p, &g, &Context::default());
    // At most N positions avoid N − 1 characters: 94 printable ASCII, 30 forced of 30.
    assert!((g.entropy_bits - 30.0 * (94.0f64 - 29.0).log2()).abs() < 1e-9, "{}", g.entropy_bits);
    p.min_unique = Some(5);
    let g = gen(&p, &count(20), 25).unwrap();
    assert_eq!(g.length, DEFAULT_LENGTH);
    let expected = 15.0 * 94.0f64.log2() + 5.0 * (94.0f64 - 4.0).log2();
    assert!((g.entropy_bits - expected).abs() < 1e-9, "{}", g.entropy_bits);
    // A requested length below N, and more distinct characters than the generator can use.
    let o = GenerateOptions { length: Some(4), ..Default::default() };
    let e = gen(&p, &o, 26).unwrap_err();
    assert_eq!((e.code(), e.path()), ("unsatisfiable", Some("options.length")), "{e}");
    let mut p = Policy::default();
    p.allowed = Some(CharSet { classes: vec![CharClass::Lower], ..Default::default() });
    p.min_unique = Some(27);
    crate::policy::validate(&p).unwrap();
    let e = gen(&p, &count(1), 27).unwrap_err();
    assert_eq!((e.code(), e.path()), ("unsatisfiable", Some("minUnique")), "{e}");
}

#[test]
fn letters_without_case() {
    // Windows' complexity: 3 of upper, lower, digit, the US keyboard's symbols, a letter without
    // case; and a policy that needs two letters without case of its own.
    let mut p = Policy::default();
    p.length.min = Some(8);
    p.classes = vec![ClassMin { class: CharClass::OtherLetter, min: 2 }];
    p.types = vec![TypesRule {
        required: 3,
        of: vec![
            Requirement::class(CharClass::Upper, 1),
            Requirement::class(CharClass::Lower, 1),
            Requirement::class(CharClass::Digit, 1),
            Requirement { class: None, chars: Some(CharSet::chars("!#$%")), name: None, min: 1 },
            Requirement::class(CharClass::OtherLetter, 1),
        ],
    }];
    for seed in 0..20 {
        let g = gen(&p, &count(3), seed).unwrap();
        all_pass(&p, &g, &Context::default());
    }
}
