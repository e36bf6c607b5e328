//! Native tests of the checker through the public API: every rule, Unicode, context, history,
//! limits and secrecy.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::field_reassign_with_default)]

use passpolicy::check::Status;
use passpolicy::policy::{
    AttributeCheck, CharClass, CharSet, ClassMin, ContextCheck, CustomDictionary, History, LengthUnit, MatchMode,
    Requirement, SetMin, TypesRule,
};
use passpolicy::{Checker, Context, Policy, Report};

fn run(p: &Policy, pw: &str) -> Report {
    Checker::compile(p).unwrap().check(pw, &Context::default())
}

fn run_ctx(p: &Policy, pw: &str, ctx: &Context) -> Report {
    Checker::compile(p).unwrap().check(pw, ctx)
}

fn status(r: &Report, id: &str) -> Status {
    r.rules.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("no rule {id}")).status
}

fn classes(list: &[(CharClass, u32)]) -> Vec<ClassMin> {
    list.iter().map(|(class, min)| ClassMin { class: *class, min: *min }).collect()
}

#[test]
fn length_units() {
    let mut p = Policy::default();
    p.length.min = Some(3);
    p.length.max = Some(4);
    let family = "👨‍👩‍👧"; // 1 grapheme, 5 code points, 8 UTF-16 units
    let r = run(&p, &format!("ab{family}"));
    assert_eq!((r.length.graphemes, r.length.code_points, r.length.utf16), (3, 7, 10));
    assert!(r.ok);
    p.length.unit = LengthUnit::CodePoints;
    let r = run(&p, &format!("ab{family}"));
    assert_eq!(status(&r, "length.max"), Status::Fail);
    assert_eq!(r.violations[0].actual, Some(7));
    p.length.unit = LengthUnit::Utf16;
    p.length.max = Some(10);
    assert!(run(&p, &format!("ab{family}")).ok);
    // Combining marks: "é" as e + U+0301 is one grapheme.
    p.length.unit = LengthUnit::Graphemes;
    p.length.min = Some(3);
    let r = run(&p, "e\u{301}e\u{301}");
    assert_eq!(r.length.graphemes, 2);
    assert_eq!(status(&r, "length.min"), Status::Fail);
    // Flags and skin tones.
    assert_eq!(run(&p, "🇳🇴👍🏽x").length.graphemes, 3);
}

#[test]
fn unicode_classes() {
    let mut p = Policy::default();
    p.classes = classes(&[(CharClass::Lower, 1), (CharClass::Upper, 1), (CharClass::Digit, 1), (CharClass::Symbol, 1)]);
    let r = run(&p, "Éé٣😀");
    assert!(r.ok, "{:?}", r.violations);
    // CJK is a letter, neither upper nor lower.
    let mut p2 = Policy::default();
    p2.classes = classes(&[(CharClass::Letter, 2), (CharClass::Lower, 1)]);
    let r = run(&p2, "漢字");
    assert_eq!(status(&r, "chars.letter"), Status::Pass);
    assert_eq!(status(&r, "chars.lower"), Status::Fail);
    // A letter without case: CJK, kana, Hangul, Hebrew, Arabic, Thai, a modifier letter; never a
    // Latin, Greek or Cyrillic letter, a digit or a symbol.
    let mut other = Policy::default();
    other.classes = classes(&[(CharClass::OtherLetter, 1)]);
    for pw in ["漢", "か", "한", "ש", "ش", "ก", "ʰ"] {
        assert_eq!(status(&run(&other, pw), "chars.otherLetter"), Status::Pass, "{pw}");
    }
    for pw in ["aZ", "ßÉ", "Ωω", "Жж", "٣7", "!€ "] {
        let r = run(&other, pw);
        assert_eq!(status(&r, "chars.otherLetter"), Status::Fail, "{pw}");
        assert_eq!(r.rules[0].actual, Some(0));
    }
    assert_eq!(run(&other, "ab漢字x").rules[0].actual, Some(2));
    assert_eq!(run(&other, "漢").rules[0].message, "At least 1 letter without case");
    // Right-to-left text: Hebrew and Arabic letters, Arabic-Indic digits.
    let mut p3 = Policy::default();
    p3.classes = classes(&[(CharClass::Letter, 4), (CharClass::Digit, 2)]);
    let r = run(&p3, "שלוםمر٣٤");
    assert!(r.ok, "{:?}", r.violations);
    // A decomposed accented capital counts once, as upper, not as a symbol too.
    let mut p4 = Policy::default();
    p4.classes = classes(&[(CharClass::Symbol, 1)]);
    assert!(!run(&p4, "E\u{301}abc").ok);
    // Space and emoji are symbols; an emoji ZWJ sequence counts once.
    let mut p5 = Policy::default();
    p5.classes = classes(&[(CharClass::Symbol, 2)]);
    assert!(run(&p5, "a b😀").ok);
    let r = run(&p5, "a👨‍👩‍👧");
    assert_eq!(r.violations[0].actual, Some(1));
}

#[test]
fn restricted_symbols_and_sets() {
    let mut p = Policy::default();
    p.symbols = Some(CharSet::chars("#$%@"));
    p.classes = classes(&[(CharClass::Symbol, 1)]);
    assert!(!run(&p, "abc!").ok);
    assert!(run(&p, "abc#").ok);
    let mut p = Policy::default();
    p.sets = vec![SetMin { name: Some("special character".into()), chars: CharSet::chars("#$%@"), min: 2 }];
    let r = run(&p, "a#b");
    assert_eq!(status(&r, "chars.set"), Status::Fail);
    assert_eq!((r.violations[0].required, r.violations[0].actual), (Some(2), Some(1)));
    assert!(r.violations[0].message.contains("#$%@"));
    assert!(run(&p, "a#b@").ok);
}

#[test]
fn n_of_m() {
    let mut p = Policy::default();
    p.types = vec![TypesRule {
        required: 3,
        of: vec![
            Requirement::class(CharClass::Lower, 1),
            Requirement::class(CharClass::Upper, 1),
            Requirement::class(CharClass::Digit, 1),
            Requirement::class(CharClass::Symbol, 1),
        ],
    }];
    let r = run(&p, "password1");
    assert_eq!(status(&r, "chars.types"), Status::Fail);
    assert_eq!((r.violations[0].required, r.violations[0].actual), (Some(3), Some(2)));
    assert!(r.violations[0].message.starts_with("At least 3 of: lowercase letter, uppercase letter, digit, symbol"));
    assert!(run(&p, "Password1").ok);
    assert!(run(&p, "password1!").ok);
    // A custom-set requirement inside N-of-M.
    p.types[0].of[3] = Requirement { class: None, chars: Some(CharSet::chars("#$")), name: None, min: 1 };
    assert!(!run(&p, "password1!").ok);
    assert!(run(&p, "password1#").ok);
}

#[test]
fn allowed_and_forbidden() {
    let mut p = Policy::default();
    p.forbidden = Some(CharSet { chars: ":".into(), ranges: vec![[128, 0x10FFFF]], ..Default::default() });
    assert!(run(&p, "abc-def").ok);
    let r = run(&p, "ab:cß");
    assert_eq!(status(&r, "chars.allowed"), Status::Fail);
    assert_eq!(r.violations[0].actual, Some(2));
    let mut p = Policy::default();
    p.allowed = Some(CharSet { classes: vec![CharClass::Letter, CharClass::Digit], ..Default::default() });
    assert!(run(&p, "abc123").ok);
    assert!(!run(&p, "abc 123").ok);
    // A combining mark is judged with its base letter.
    assert!(run(&p, "e\u{301}").ok);
}

#[test]
fn repeats() {
    let mut p = Policy::default();
    p.max_repeat = Some(2);
    assert!(run(&p, "password").ok);
    let r = run(&p, "passsword");
    assert_eq!(status(&r, "repeat.max"), Status::Fail);
    assert_eq!(r.violations[0].actual, Some(3));
    // Runs are of grapheme clusters.
    assert!(!run(&p, "👍🏽👍🏽👍🏽").ok);
    assert!(run(&p, "👍🏽👍🏿👍🏽").ok);
}

/// The `chars.unique` result of `pw` under `minUnique: min`: (status, distinct clusters found).
fn unique(min: u32, pw: &str) -> (Status, Option<u32>) {
    let mut p = Policy::default();
    p.min_unique = Some(min);
    let r = run(&p, pw);
    let rule = r.rules.iter().find(|x| x.id == "chars.unique").unwrap();
    assert_eq!((rule.required, rule.code), (Some(min), "rule.chars.unique"));
    (rule.status, rule.actual)
}

#[test]
fn distinct_characters() {
    use Status::*;
    assert_eq!(unique(5, "aaaaabbbbb"), (Fail, Some(2)));
    assert_eq!(unique(5, "abcab-cde"), (Pass, Some(6)));
    assert_eq!(unique(3, ""), (Fail, Some(0)));
    // Case matters: `a` and `A` are two characters.
    assert_eq!(unique(2, "aA"), (Pass, Some(2)));
    // Grapheme clusters, compared exactly: a decomposed é is one character, not `e` and a
    // mark, and differs from a precomposed é and from `e`; a skin-tone emoji is one.
    assert_eq!(unique(3, "e\u{301}e\u{301}"), (Fail, Some(1)));
    assert_eq!(unique(3, "e\u{301}\u{e9}e"), (Pass, Some(3)));
    assert_eq!(unique(2, "👍🏽👍🏽👍🏿"), (Pass, Some(2)));
    assert_eq!(unique(2, "👩‍👩‍👧👩‍👩‍👧"), (Fail, Some(1)));
    // The report holds the numbers, never the characters.
    let mut p = Policy::default();
    p.min_unique = Some(8);
    let r = run(&p, "zqxjzqxj");
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("zqxj"), "{json}");
    assert_eq!(r.violations.iter().map(|v| v.id).collect::<Vec<_>>(), ["chars.unique"]);
}

/// The `sequence.max` result of `pw` under `maxSequence: max`: (status, longest run found).
fn sequence(max: u32, pw: &str) -> (Status, Option<u32>) {
    let mut p = Policy::default();
    p.max_sequence = Some(max);
    let r = Checker::compile(&p).unwrap().check_rules(pw, &Context::default());
    let rule = r.rules.iter().find(|x| x.id == "sequence.max").unwrap();
    assert_eq!((rule.required, rule.code), (Some(max), "rule.sequence.max"));
    (rule.status, rule.actual)
}

#[test]
fn sequences() {
    use Status::{Fail, Pass};
    // Ascending and descending, letters and digits.
    assert_eq!(sequence(2, "xabcx"), (Fail, Some(3)));
    assert_eq!(sequence(2, "xcbax"), (Fail, Some(3)));
    assert_eq!(sequence(2, "pw123!"), (Fail, Some(3)));
    assert_eq!(sequence(2, "pw321!"), (Fail, Some(3)));
    assert_eq!(sequence(3, "0123456789"), (Fail, Some(10)));
    // Exactly at the limit passes; one more fails.
    assert_eq!(sequence(3, "Rabc-75"), (Pass, Some(3)));
    assert_eq!(sequence(3, "Rabcd-75"), (Fail, Some(4)));
    assert_eq!(sequence(4, "x4321x"), (Pass, Some(4)));
    // Letters are compared case-insensitively.
    assert_eq!(sequence(2, "AbC"), (Fail, Some(3)));
    assert_eq!(sequence(2, "zYx"), (Fail, Some(3)));
    // A step from a digit or a letter to anything else ends the run; no wrap-around.
    assert_eq!(sequence(2, "89:;<"), (Pass, Some(2)));
    assert_eq!(sequence(2, "789:;<"), (Fail, Some(3)));
    assert_eq!(sequence(2, "?@ABC"), (Fail, Some(3)));
    assert_eq!(sequence(2, "yzab8901"), (Pass, Some(2)));
    // Unicode letters, by code point; a combining mark interrupts a run.
    assert_eq!(sequence(2, "αβγ"), (Fail, Some(3)));
    assert_eq!(sequence(2, "ΑβΓ"), (Fail, Some(3)));
    assert_eq!(sequence(2, "a\u{301}bc"), (Pass, Some(2)));
    // Short passwords.
    assert_eq!(sequence(2, ""), (Pass, Some(0)));
    assert_eq!(sequence(2, "a"), (Pass, Some(1)));
    assert_eq!(sequence(2, "ab"), (Pass, Some(2)));
    // Judged on the analysed head only, like every character rule.
    let limit = passpolicy::check::ANALYSIS_LIMIT_CODE_POINTS;
    assert_eq!(sequence(2, &format!("{}abc", "-".repeat(limit - 2))), (Pass, Some(2)));
    assert_eq!(sequence(2, &format!("{}abc", "-".repeat(limit - 3))), (Fail, Some(3)));
}

#[test]
fn sequence_rule_sits_after_repeat_and_never_shows_the_password() {
    let mut p = Policy::default();
    p.length.min = Some(4);
    p.max_repeat = Some(2);
    p.max_sequence = Some(2);
    p.dictionary.common = true;
    let r = run(&p, "qrstuvw");
    let ids: Vec<&str> = r.rules.iter().map(|x| x.id).collect();
    assert_eq!(ids, ["length.min", "repeat.max", "sequence.max", "dictionary.common"]);
    let failed: Vec<&str> = r.violations.iter().map(|x| x.id).collect();
    assert_eq!(failed, ["sequence.max"]);
    assert_eq!((r.violations[0].required, r.violations[0].actual), (Some(2), Some(7)));
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("qrs") && !json.contains("vw"), "{json}");
}

#[test]
fn dictionaries() {
    let mut p = Policy::default();
    p.dictionary.common = true;
    assert_eq!(status(&run(&p, "Password"), "dictionary.common"), Status::Fail);
    assert_eq!(status(&run(&p, "qwerty123"), "dictionary.common"), Status::Fail);
    assert_eq!(status(&run(&p, "purple-tractor-umbrella"), "dictionary.common"), Status::Pass);
    // Custom words: SailPoint's example — "spring" forbids Spring124, 345SprinG, 8spring.
    let mut p = Policy::default();
    p.dictionary.custom =
        Some(CustomDictionary { words: vec![], match_mode: MatchMode::Substring, ..Default::default() });
    assert_eq!(status(&run(&p, "Spring124"), "dictionary.custom"), Status::Unchecked);
    let ctx = Context { dictionary: vec!["spring".into()], ..Default::default() };
    for pw in ["Spring124", "345SprinG", "8spring"] {
        assert_eq!(status(&run_ctx(&p, pw, &ctx), "dictionary.custom"), Status::Fail, "{pw}");
    }
    assert_eq!(status(&run_ctx(&p, "summer124", &ctx), "dictionary.custom"), Status::Pass);
    p.dictionary.custom =
        Some(CustomDictionary { words: vec!["Acme".into()], match_mode: MatchMode::Whole, ..Default::default() });
    assert_eq!(status(&run(&p, "acme"), "dictionary.custom"), Status::Fail);
    assert_eq!(status(&run(&p, "acme1"), "dictionary.custom"), Status::Pass);
    // Entra's normalization: lower case, then 0→o, 1→l, $→s, @→a, in the password and the words.
    let entra: std::collections::BTreeMap<String, String> =
        [("0", "o"), ("1", "l"), ("$", "s"), ("@", "a")].into_iter().map(|(a, b)| (a.into(), b.into())).collect();
    p.dictionary.custom = Some(CustomDictionary {
        words: vec!["blank".into(), "C0ntoso".into()],
        match_mode: MatchMode::Substring,
        min_word_length: Some(4),
        substitutions: entra,
        ..Default::default()
    });
    for pw in ["Bl@nK", "xxC0NT0$Oxx", "contoso", "B1ank!"] {
        assert_eq!(status(&run(&p, pw), "dictionary.custom"), Status::Fail, "{pw}");
    }
    for pw in ["Bl4nk", "c0nt-oso", "b!ank"] {
        assert_eq!(status(&run(&p, pw), "dictionary.custom"), Status::Pass, "{pw}");
    }
    let ctx = Context { dictionary: vec!["Lamps".into()], ..Default::default() };
    assert_eq!(status(&run_ctx(&p, "1@MP$!", &ctx), "dictionary.custom"), Status::Fail);
    // The other rules see the password as typed.
    assert_eq!(run(&p, "C0ntoso").length.graphemes, 7);
    // A substitution is one character by one.
    let mut bad = p.clone();
    if let Some(d) = bad.dictionary.custom.as_mut() {
        d.substitutions.insert("ph".into(), "f".into());
    }
    let e = Checker::compile(&bad).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_field", Some("dictionary.custom.substitutions.ph")));
}

/// Entra's evaluation in the canonical policy: `editDistance`, `minScore`, read, validated,
/// checked (the policy's words and the context's alike) and reported.
#[test]
fn fuzzy_and_scored_dictionary() {
    let read = |custom: &str| {
        let doc = format!(r#"{{"version":1,"dictionary":{{"custom":{custom}}}}}"#);
        passpolicy::normalize(&doc, Some("canonical")).map(|mut l| l.remove(0).policy)
    };
    for (custom, path) in [
        (r#"{"words":["acme"],"editDistance":2}"#, "dictionary.custom.editDistance"),
        (r#"{"words":["acme"],"editDistance":"1"}"#, "dictionary.custom.editDistance"),
        (r#"{"words":["acme"],"minScore":-1}"#, "dictionary.custom.minScore"),
        (r#"{"words":["acme"],"minScore":0}"#, "dictionary.custom.minScore"),
        (r#"{"words":["acme"],"match":"whole","minScore":5}"#, "dictionary.custom.minScore"),
        (r#"{"words":["acme"],"match":"whole","editDistance":1}"#, "dictionary.custom.editDistance"),
        (r#"{"words":["acme"],"fuzzy":true}"#, "dictionary.custom.fuzzy"),
    ] {
        let e = read(custom).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_field", Some(path)), "{custom}");
    }
    let p = read(r#"{"words":["contoso","blank"],"minWordLength":4,"editDistance":1,"minScore":5,"substitutions":{"0":"o","@":"a"}}"#)
        .unwrap();
    let d = p.dictionary.custom.as_ref().unwrap();
    assert_eq!((d.edit_distance, d.min_score), (1, Some(5)));
    // The canonical JSON round-trips; absent fields stay absent.
    assert_eq!(passpolicy::normalize(&p.to_json(), Some("canonical")).unwrap()[0].policy, p);
    let plain = read(r#"{"words":["acme"]}"#).unwrap();
    assert!(!plain.to_json().contains("editDistance") && !plain.to_json().contains("minScore"));

    let rule = |p: &Policy, pw: &str, ctx: &Context| {
        let r = Checker::compile(p).unwrap().check_rules(pw, ctx);
        let x = r.rules.into_iter().find(|r| r.id == "dictionary.custom").unwrap();
        (x.status, x.required, x.actual)
    };
    let none = Context::default();
    // [contoso] + [blank] + 1 + 2 = 4 points; [contoso] + [blank] + f + 9 + ! = 5.
    assert_eq!(rule(&p, "C0ntos0Blank12", &none), (Status::Fail, Some(5), Some(4)));
    assert_eq!(rule(&p, "ContoS0Bl@nkf9!", &none), (Status::Pass, Some(5), Some(5)));
    // One edit away: "contosa" is a match (1 point), then one point per character.
    assert_eq!(rule(&p, "Contosa!1xy", &none), (Status::Pass, Some(5), Some(1 + 4)));
    assert_eq!(rule(&p, "Contosa!1x", &none), (Status::Fail, Some(5), Some(1 + 3)));
    assert_eq!(rule(&p, "Contosa!1", &none), (Status::Fail, Some(5), Some(1 + 2)));
    // Nothing found: passes whatever the length, one point per character.
    assert_eq!(rule(&p, "xyz", &none), (Status::Pass, Some(5), Some(3)));
    // The context's words are banned terms too.
    let ctx = Context { dictionary: vec!["Widget".into()], ..Default::default() };
    assert_eq!(rule(&p, "w1dgetX", &ctx), (Status::Fail, Some(5), Some(2)));
    // Fuzzy matching without a score: any match fails; `actual` counts the matches.
    let mut fuzzy = p.clone();
    fuzzy.dictionary.custom.as_mut().unwrap().min_score = None;
    assert_eq!(rule(&fuzzy, "ContoS0Bl@nkf9!", &none), (Status::Fail, None, Some(2)));
    assert_eq!(rule(&fuzzy, "xx-Blamk-xx", &none), (Status::Fail, None, Some(1)));
    assert_eq!(rule(&fuzzy, "xx-Blnk-xx", &none), (Status::Fail, None, Some(1)));
    assert_eq!(rule(&fuzzy, "xx-Bxmk-xx", &none), (Status::Pass, None, Some(0)));
    // The messages say which form applies, in every language.
    for (policy, code) in [(&p, "rule.dictionary.custom.score.fuzzy"), (&fuzzy, "rule.dictionary.custom.fuzzy")] {
        for locale in ["en", "de", "fr", "es"] {
            let checker = Checker::compile_with(policy, passpolicy::messages::Messages::new(locale)).unwrap();
            let r = checker.check_rules("C0ntos0Blank12", &none);
            let x = r.rules.iter().find(|r| r.id == "dictionary.custom").unwrap();
            assert_eq!(x.code, code);
            assert_eq!(
                x.message.contains('5'),
                policy.dictionary.custom.as_ref().unwrap().min_score.is_some(),
                "{locale}"
            );
            assert!(!x.message.contains("contoso") && !x.message.contains('{'), "{locale}: {}", x.message);
        }
    }
    let mut scored = p.clone();
    scored.dictionary.custom.as_mut().unwrap().edit_distance = 0;
    let r = Checker::compile(&scored).unwrap().check_rules("Contosa!1", &none);
    assert_eq!(r.rules.iter().find(|r| r.id == "dictionary.custom").unwrap().code, "rule.dictionary.custom.score");
    // Without fuzzy matching "contosa" is 7 characters, not a match.
    assert_eq!(rule(&scored, "Contosa!1", &none), (Status::Pass, Some(5), Some(9)));
}

/// The attributes rule with Entra's substitutions: `p0LL23fb` contains the first name Poll.
#[test]
fn attribute_substitutions() {
    let mut p = Policy::default();
    let entra: std::collections::BTreeMap<String, String> =
        [("0", "o"), ("1", "l"), ("$", "s"), ("@", "a")].into_iter().map(|(a, b)| (a.into(), b.into())).collect();
    p.context.attributes = Some(AttributeCheck { min_token_length: 4, ..Default::default() });
    let ctx = Context { attributes: [("givenName".into(), "Poll".into())].into_iter().collect(), ..Default::default() };
    assert_eq!(status(&run_ctx(&p, "p0LL23fb", &ctx), "context.attribute"), Status::Pass);
    p.context.attributes.as_mut().unwrap().substitutions = entra;
    assert_eq!(status(&run_ctx(&p, "p0LL23fb", &ctx), "context.attribute"), Status::Fail);
    assert_eq!(status(&run_ctx(&p, "p0L723fb", &ctx), "context.attribute"), Status::Pass);
    // A value written with a substituted character is found too.
    let ctx =
        Context { attributes: [("tenantName".into(), "C0ntoso".into())].into_iter().collect(), ..Default::default() };
    assert_eq!(status(&run_ctx(&p, "xxCONTOSOxx", &ctx), "context.attribute"), Status::Fail);
    // Read and validated like the dictionary's.
    let doc = r#"{"version":1,"context":{"attributes":{"substitutions":{"ph":"f"}}}}"#;
    let e = passpolicy::normalize(doc, Some("canonical")).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_field", Some("context.attributes.substitutions.ph")));
    let doc = r#"{"version":1,"context":{"attributes":{"substitutions":{"0":"o"}}}}"#;
    let q = passpolicy::normalize(doc, Some("canonical")).unwrap().remove(0).policy;
    assert_eq!(q.context.attributes.as_ref().unwrap().substitutions.get("0").map(String::as_str), Some("o"));
    assert_eq!(passpolicy::normalize(&q.to_json(), Some("canonical")).unwrap()[0].policy, q);
}

#[test]
fn context_checks() {
    let mut p = Policy::default();
    p.context.username = Some(ContextCheck::default());
    p.context.email = Some(ContextCheck::default());
    p.context.account_id =
        Some(ContextCheck { match_mode: MatchMode::Substring, min_token_length: 4, delimiters: None });
    p.context.attributes = Some(AttributeCheck::default());
    let r = run(&p, "whatever");
    for id in ["context.username", "context.email", "context.accountId", "context.attribute"] {
        assert_eq!(status(&r, id), Status::Unchecked, "{id}");
    }
    assert!(r.ok, "unchecked rules do not fail");
    let ctx = Context {
        username: Some("JSmith".into()),
        email: Some("john.doe@example.com".into()),
        account_id: Some("ab-1234".into()),
        attributes: [
            ("displayName".to_string(), "John Smith".to_string()),
            ("phone".to_string(), "555-555-1234".to_string()),
        ]
        .into_iter()
        .collect(),
        ..Default::default()
    };
    // SailPoint's examples: passwordJohn and password5555551234 are invalid.
    let r = run_ctx(&p, "passwordJohn", &ctx);
    assert_eq!(status(&r, "context.attribute"), Status::Fail);
    assert!(r.violations.iter().any(|v| v.message.contains("displayName")));
    assert_eq!(status(&run_ctx(&p, "password5555551234", &ctx), "context.attribute"), Status::Fail);
    assert_eq!(status(&run_ctx(&p, "xxjsmithxx", &ctx), "context.username"), Status::Fail);
    assert_eq!(status(&run_ctx(&p, "doe-rocks!", &ctx), "context.email"), Status::Fail);
    // The e-mail domain is not a token.
    assert_eq!(status(&run_ctx(&p, "example99", &ctx), "context.email"), Status::Pass);
    // Account id tokens shorter than 4 are not looked for; "1234" and "ab1234" are.
    assert_eq!(status(&run_ctx(&p, "ab-x", &ctx), "context.accountId"), Status::Pass);
    assert_eq!(status(&run_ctx(&p, "zz1234", &ctx), "context.accountId"), Status::Fail);
    // Named attributes only.
    p.context.attributes = Some(AttributeCheck { names: Some(vec!["phone".into()]), ..Default::default() });
    assert_eq!(status(&run_ctx(&p, "passwordJohn", &ctx), "context.attribute"), Status::Pass);
}

#[test]
fn windows_account_and_display_name() {
    // Windows: the whole sAMAccountName when it has 3 characters or more; the display name cut
    // at `,.-_#`, tab and space, each token of 3 or more; both case-insensitive.
    let mut p = Policy::default();
    p.context.username = Some(ContextCheck { delimiters: Some(String::new()), ..Default::default() });
    p.context.attributes = Some(AttributeCheck {
        names: Some(vec!["displayName".into()]),
        delimiters: Some(",.-_# \t".into()),
        ..Default::default()
    });
    let ctx = |user: &str, display: &str| Context {
        username: Some(user.into()),
        attributes: [("displayName".to_string(), display.to_string())].into_iter().collect(),
        ..Default::default()
    };
    let erin = ctx("EH.m", "Erin M. Hagens");
    for (pw, user, display) in [
        ("xxeh.Mxx", Status::Fail, Status::Pass),
        ("hagens-erin", Status::Pass, Status::Fail),
        ("ERIN2024!", Status::Pass, Status::Fail),
        // The account name is not cut into words; the "M" token is too short.
        ("hagens.E", Status::Pass, Status::Fail),
        ("eHagens-M!", Status::Pass, Status::Fail),
        ("Mm-ErMhag-EH-m", Status::Pass, Status::Pass),
    ] {
        let r = run_ctx(&p, pw, &erin);
        assert_eq!(status(&r, "context.username"), user, "{pw}");
        assert_eq!(status(&r, "context.attribute"), display, "{pw}");
    }
    // An account name of 2 characters is not checked; an apostrophe does not cut a name, and the
    // tokens are not joined.
    let r = run_ctx(&p, "jo-obrien-seanobrien", &ctx("jo", "Seán O'Brien"));
    assert_eq!(status(&r, "context.username"), Status::Pass);
    assert_eq!(status(&r, "context.attribute"), Status::Pass);
    assert_eq!(status(&run_ctx(&p, "o'brien1", &ctx("jo", "Seán O'Brien")), "context.attribute"), Status::Fail);
    assert_eq!(status(&run_ctx(&p, "SEÁN1", &ctx("jo", "Seán O'Brien")), "context.attribute"), Status::Fail);
}

#[test]
fn history() {
    let mut p = Policy::default();
    p.history = Some(History { count: 2, enforced: true });
    assert_eq!(status(&run(&p, "x"), "history.reuse"), Status::Unchecked);
    let ctx = Context { previous_passwords: vec!["one".into(), "two".into(), "three".into()], ..Default::default() };
    assert_eq!(status(&run_ctx(&p, "two", &ctx), "history.reuse"), Status::Fail);
    // Only the `count` most recent are kept by the vendor.
    assert_eq!(status(&run_ctx(&p, "three", &ctx), "history.reuse"), Status::Pass);
    // Not enforced: no rule.
    p.history = Some(History { count: 2, enforced: false });
    assert!(run_ctx(&p, "two", &ctx).rules.iter().all(|r| r.id != "history.reuse"));
}

#[test]
fn strength_rule_and_report() {
    let mut p = Policy::default();
    p.min_strength = Some(3);
    let r = run(&p, "password");
    assert_eq!(status(&r, "strength.min"), Status::Fail);
    let s = r.strength.as_ref().unwrap();
    assert_eq!(s.score, 0);
    assert_eq!(s.warning.as_ref().unwrap().code, "topTen");
    assert!(run(&p, "correct-Horse-battery-staple-92").ok);
    // Context values count as known words for the estimate.
    let ctx = Context { username: Some("zaphodbeeblebrox".into()), ..Default::default() };
    let with = run_ctx(&p, "zaphodbeeblebrox", &ctx).strength.unwrap();
    let without = run(&p, "zaphodbeeblebrox").strength.unwrap();
    assert!(with.guesses_log10 < without.guesses_log10);
    // The rules-only check has no strength and no strength rule.
    let rules_only = Checker::compile(&p).unwrap().check_rules("password", &Context::default());
    assert!(rules_only.strength.is_none() && rules_only.rules.is_empty());
}

#[test]
fn huge_password_is_a_report() {
    let mut p = Policy::default();
    p.length.max = Some(128);
    p.max_repeat = Some(3);
    let pw = "ab".repeat(1 << 19); // 1 MiB
    let r = run(&p, &pw);
    assert!(!r.analyzed.complete);
    assert_eq!(r.analyzed.code_points, passpolicy::check::ANALYSIS_LIMIT_CODE_POINTS as u32);
    assert_eq!(r.length.code_points, 1 << 20);
    assert_eq!(status(&r, "length.max"), Status::Fail);
    assert_eq!(r.strength.unwrap().analyzed_code_points, 100);
}

#[test]
fn reports_never_contain_the_password_or_context() {
    let mut p = Policy::default();
    p.length.min = Some(30);
    p.classes = classes(&[(CharClass::Digit, 1)]);
    p.dictionary.common = true;
    p.dictionary.custom = Some(CustomDictionary::default());
    p.context.username = Some(ContextCheck::default());
    p.context.attributes = Some(AttributeCheck::default());
    p.history = Some(History { count: 3, enforced: true });
    p.min_strength = Some(4);
    let secret = "Zebra-Quokka";
    let ctx = Context {
        username: Some("quokkaman".into()),
        attributes: [("nick".to_string(), "zebra fan".to_string())].into_iter().collect(),
        previous_passwords: vec![secret.into(), "OldSecret99".into()],
        dictionary: vec!["quokka".into()],
        ..Default::default()
    };
    let r = run_ctx(&p, secret, &ctx);
    let json = serde_json::to_string(&r).unwrap().to_lowercase();
    for needle in ["zebra", "quokka", "oldsecret99"] {
        assert!(!json.contains(needle), "{needle} leaked: {json}");
    }
}

#[test]
fn report_lists_rules_in_order_with_violations() {
    let mut p = Policy::default();
    p.length.min = Some(8);
    p.classes = classes(&[(CharClass::Upper, 1), (CharClass::Digit, 1)]);
    p.max_repeat = Some(2);
    let r = run(&p, "abc");
    let ids: Vec<&str> = r.rules.iter().map(|r| r.id).collect();
    assert_eq!(ids, ["length.min", "chars.upper", "chars.digit", "repeat.max"]);
    let failed: Vec<&str> = r.violations.iter().map(|r| r.id).collect();
    assert_eq!(failed, ["length.min", "chars.upper", "chars.digit"]);
    assert!(!r.ok);
    assert_eq!(r.rules[0].message, "At least 8 characters");
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["rules"][0]["status"], "fail");
    assert_eq!(v["length"]["codePoints"], 3);
}

#[test]
fn canonical_round_trip() {
    let mut p = Policy::default();
    p.source.vendor = Some("meraki".into());
    p.length.min = Some(8);
    p.length.unit = LengthUnit::Utf16;
    p.types = vec![TypesRule { required: 1, of: vec![Requirement::class(CharClass::Digit, 1)] }];
    p.symbols = Some(CharSet::chars("!@"));
    p.forbidden = Some(CharSet { chars: ":".into(), ranges: vec![[128, 0x10FFFF]], ..Default::default() });
    p.max_repeat = Some(2);
    p.max_sequence = Some(3);
    p.history = Some(History { count: 3, enforced: false });
    p.context.account_id =
        Some(ContextCheck { match_mode: MatchMode::Whole, min_token_length: 5, delimiters: Some(",.-_# \t".into()) });
    p.settings.expiry =
        Some(passpolicy::policy::Expiry { enforced: false, max_age_seconds: Some(7_776_000.0), ..Default::default() });
    p.extra("weird.field", serde_json::json!({"a": [1, 2.5, null]}));
    let json = p.to_json();
    let back = passpolicy::normalize(&json, None).unwrap();
    assert_eq!(back[0].vendor, "canonical");
    assert_eq!(back[0].policy, p);
    assert_eq!(back[0].policy.to_json(), json);
}

#[test]
fn one_shot_and_single() {
    let doc = r#"{"version": 1, "length": {"min": 4}}"#;
    let r = passpolicy::check_document(doc, None, "abc", &Context::default()).unwrap();
    assert!(!r.ok);
    let e =
        passpolicy::check_document(r#"{"version": 1, "length": {"min": 9, "max": 4}}"#, None, "x", &Context::default())
            .unwrap_err();
    assert_eq!((e.code(), e.path()), ("unsatisfiable", Some("length")));
}

/// A long symbol set referenced by many requirements: every message lists at most
/// `LISTED_CHARS` of it, so the report grows with the number of rules, not with rules × set size.
#[test]
fn long_sets_are_listed_once_per_message_and_cut() {
    let symbols: String = (0x4E00u32..0x4E00 + 10_000).filter_map(char::from_u32).collect();
    let mut p = Policy::default();
    p.symbols = Some(CharSet::chars(&symbols));
    let req = Requirement { class: Some(CharClass::Symbol), chars: None, min: 1, name: None };
    p.types = vec![TypesRule { required: 1, of: vec![req; 2_000] }];
    let checker = Checker::compile(&p).unwrap();
    let r = checker.check_rules("abc", &Context::default());
    let total: usize = r.rules.iter().map(|x| x.message.len()).sum();
    // 2,000 labels of at most LISTED_CHARS characters of 3 bytes each, plus words: well under 2 MB;
    // the uncut set would be 2,000 × 30,000 bytes = 60 MB.
    assert!(total < 2_000 * (passpolicy::messages::LISTED_CHARS * 4 + 64) + 4096, "{total} bytes of messages");
    assert!(r.rules.iter().all(|x| x.message.len() <= passpolicy::messages::MAX_TEXT_BYTES + 3));
    assert!(r.rules.iter().any(|x| x.message.contains("… (+")), "the cut is shown");
}

/// Every rule result names the catalogue code of its message: a code `messages` accepts, and
/// overriding it (in any language) changes that rule's message.
#[test]
fn rule_results_carry_their_message_code() {
    let doc = r##"{"version":1,"length":{"min":8,"max":64},"classes":[{"class":"upper","min":1},{"class":"symbol","min":1}],
        "symbols":{"chars":"#$"},"sets":[{"chars":{"chars":"#$"},"min":2}],"types":[{"required":2,"of":[{"class":"digit","min":1},{"class":"lower","min":1}]}],
        "forbidden":{"chars":":"},"maxRepeat":1,"maxSequence":2,"dictionary":{"common":true,"custom":{"words":["acme"],"match":"whole"}},
        "context":{"email":{"match":"substring","minTokenLength":3},"attributes":{"match":"whole","minTokenLength":3}},
        "history":{"count":1},"minStrength":2}"##;
    let policy: Policy = serde_json::from_str(doc).unwrap();
    let ctx =
        Context::from_json(r#"{"email":"ann@example.com","attributes":{"city":"paris"},"previousPasswords":["old"]}"#)
            .unwrap();
    for locale in ["en", "de"] {
        let report =
            Checker::compile_with(&policy, passpolicy::messages::Messages::new(locale)).unwrap().check("aaa", &ctx);
        let expected = [
            ("length.min", "rule.length.min"),
            ("length.max", "rule.length.max"),
            ("chars.upper", "rule.chars.upper"),
            ("chars.symbol", "rule.chars.symbol.restricted"),
            ("chars.set", "rule.chars.set"),
            ("chars.types", "rule.chars.types"),
            ("chars.allowed", "rule.chars.forbidden"),
            ("repeat.max", "rule.repeat.max"),
            ("sequence.max", "rule.sequence.max"),
            ("dictionary.common", "rule.dictionary.common"),
            ("dictionary.custom", "rule.dictionary.custom.whole"),
            ("context.email", "rule.context.email"),
            ("context.attribute", "rule.context.attribute.whole"),
            ("history.reuse", "rule.history.reuse"),
            ("strength.min", "rule.strength.min"),
        ];
        let got: Vec<(&str, &str)> = report.rules.iter().map(|r| (r.id, r.code)).collect();
        assert_eq!(got, expected);
        for r in &report.rules {
            assert!(passpolicy::messages::is_code(r.code), "{}", r.code);
            let overrides = [(r.code.to_string(), format!("override of {}", r.id))].into_iter().collect();
            let m = passpolicy::messages::Messages::with_overrides(locale, overrides);
            let again = Checker::compile_with(&policy, m).unwrap().check("aaa", &ctx);
            let same = again.rules.iter().find(|x| x.id == r.id && x.index == r.index).unwrap();
            assert!(same.message.starts_with(&format!("override of {}", r.id)), "{}: {}", r.code, same.message);
        }
    }
    assert!(!passpolicy::messages::is_code("rule.repeat"));
    assert!(!passpolicy::messages::is_code("rule.length.minimum"));
    assert!(passpolicy::messages::is_code("rule.repeat.max.one"));
}
