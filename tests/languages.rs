//! Language packs: the German, French and Spanish word lists and keyboards, and diacritic folding,
//! in the strength estimate and the common-password rule. Without packs, nothing changes
//! (`tests/estimate.rs` holds the parity with zxcvbn 4.4.2).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use passpolicy::check::Status;
use passpolicy::estimate::{estimate_in, Dictionary, Language, Languages, PackList, Pattern};
use passpolicy::{Checker, Context, Policy};

const YEAR: i32 = 2026;
const EN: &[Language] = &[Language::English];
const EN_DE: &[Language] = &[Language::English, Language::German];
const EN_FR: &[Language] = &[Language::English, Language::French];
const EN_ES: &[Language] = &[Language::English, Language::Spanish];

fn estimate(pw: &str, inputs: &[&str], langs: &[Language]) -> passpolicy::estimate::Estimate {
    estimate_in(pw, inputs, YEAR, Languages::of(langs)).0
}

fn score(pw: &str, langs: &[Language]) -> u8 {
    estimate(pw, &[], langs).score
}

#[test]
fn german_words_and_folded_diacritics() {
    // Strong for the English model, weak for a German speaker.
    assert!(score("Schokolade", EN) >= 2);
    assert!(score("Schokolade", EN_DE) <= 1);
    assert!(score("pässwörd", EN) >= 2);
    assert!(score("pässwörd", EN_DE) <= 1);
    let e = estimate("pässwörd", &[], EN_DE);
    let Pattern::Dictionary { dictionary, folded, .. } = &e.sequence[0].pattern else { panic!("{e:?}") };
    assert_eq!((*dictionary, *folded), (Dictionary::Passwords, 2), "English `password`, two letters folded");
    // A German word with its umlaut typed costs a factor 2 over the bare spelling.
    let with = estimate("glückwunsch", &[], EN_DE);
    let without = estimate("gluckwunsch", &[], EN_DE);
    assert!((with.guesses_log10 - without.guesses_log10 - 2f64.log10()).abs() < 1e-3, "{with:?}");
    assert!(matches!(
        without.sequence[0].pattern,
        Pattern::Dictionary { dictionary: Dictionary::Pack(Language::German, _), .. }
    ));
}

#[test]
fn french_and_spanish() {
    assert!(estimate("contraseña", &[], EN_ES).guesses_log10 < estimate("contraseña", &[], EN).guesses_log10 - 1.0);
    assert!(score("contraseña", EN_ES) <= 1);
    assert!(estimate("motdepasse", &[], EN_FR).guesses_log10 <= estimate("motdepasse", &[], EN).guesses_log10);
    assert!(score("jetaime", EN_FR) < score("jetaime", EN));
    assert!(
        estimate("bonjourmonami", &[], EN_FR).guesses_log10 < estimate("bonjourmonami", &[], EN).guesses_log10 - 1.0
    );
    let e = estimate("señorita", &[], EN_ES);
    assert!(e.sequence.iter().any(|m| matches!(
        m.pattern,
        Pattern::Dictionary {
            dictionary: Dictionary::Pack(Language::Spanish, _)
                | Dictionary::FemaleNames
                | Dictionary::UsTvAndFilm
                | Dictionary::EnglishWikipedia,
            ..
        }
    )));
}

#[test]
fn keyboards_qwertz_and_azerty() {
    // The bottom row of a German keyboard, and the home row of a French one.
    let e = estimate("yxcvbnm,.-", &[], EN_DE);
    assert!(e.sequence.iter().any(|m| matches!(m.pattern, Pattern::Spatial { graph: "qwertz", .. })), "{e:?}");
    assert!(e.guesses_log10 < estimate("yxcvbnm,.-", &[], EN).guesses_log10);
    for pw in ["wxcvbn,;:", "tyuiop^$"] {
        let e = estimate(pw, &[], EN_FR);
        assert!(e.sequence.iter().any(|m| matches!(m.pattern, Pattern::Spatial { graph: "azerty", .. })), "{e:?}");
        assert!(e.guesses_log10 < estimate(pw, &[], EN).guesses_log10, "{pw}");
    }
    // Keys beyond ASCII: ä, ö, l, k, j, h are a row.
    let e = estimate("äölkjh", &[], EN_DE);
    assert!(e.sequence.iter().any(|m| matches!(m.pattern, Pattern::Spatial { graph: "qwertz", .. })), "{e:?}");
}

#[test]
fn user_inputs_are_folded_too() {
    let with = estimate("jürgenjürgen", &["Jürgen"], EN_DE);
    assert!(with.sequence.iter().all(|m| !matches!(m.pattern, Pattern::Bruteforce)), "{with:?}");
    let folded = estimate("jurgen2024", &["Jürgen"], EN_DE);
    assert!(
        folded
            .sequence
            .iter()
            .any(|m| matches!(m.pattern, Pattern::Dictionary { dictionary: Dictionary::UserInputs, .. })),
        "{folded:?}"
    );
}

#[test]
fn without_packs_the_english_model_is_unchanged() {
    for pw in ["Schokolade", "pässwörd", "contraseña", "yxcvbnm", "Tr0ub4dor&3", "correcthorsebatterystaple"] {
        let a = passpolicy::estimate::estimate_at(pw, &["bob"], YEAR);
        let b = estimate(pw, &["bob"], EN);
        assert_eq!(a, b, "{pw}");
        // A pack alone, without English, does not know English words.
        assert!(
            estimate("password", &[], &[Language::German]).guesses_log10 > estimate("password", &[], EN).guesses_log10
        );
    }
}

fn common_policy() -> Policy {
    let mut p = Policy::default();
    p.dictionary.common = true;
    p
}

fn common(langs: Option<&[Language]>, pw: &str) -> Status {
    let mut c = Checker::compile(&common_policy()).unwrap();
    if let Some(l) = langs {
        c = c.with_languages(Languages::of(l)).unwrap();
    }
    let r = c.check(pw, &Context::default());
    r.rules.iter().find(|r| r.id == "dictionary.common").unwrap().status
}

#[test]
fn the_common_password_rule_with_packs() {
    assert_eq!(common(None, "pässwörd"), Status::Pass);
    assert_eq!(common(Some(EN_DE), "pässwörd"), Status::Fail, "English `password`, folded");
    assert_eq!(common(Some(EN_DE), "Passwort"), Status::Fail);
    assert_eq!(common(Some(EN_ES), "contraseña"), Status::Fail);
    assert_eq!(common(Some(EN_FR), "soleil"), Status::Fail);
    assert_eq!(common(Some(EN_DE), "password"), Status::Fail);
    assert_eq!(common(Some(&[Language::German]), "baseball"), Status::Pass, "English not chosen");
    assert_eq!(common(Some(EN_DE), "baseball"), Status::Fail);
    assert_eq!(common(Some(EN_DE), "Gletscherspalte-Quarz-91"), Status::Pass);
    // Every pack's top passwords are caught, with and without their diacritics.
    for l in [Language::German, Language::French, Language::Spanish] {
        let c = Checker::compile(&common_policy()).unwrap().with_languages(Languages::of(&[l])).unwrap();
        let list =
            std::fs::read_to_string(format!("{}/data/lang/{}/passwords.txt", env!("CARGO_MANIFEST_DIR"), l.code()))
                .unwrap();
        for pw in list.lines().take(200) {
            let r = c.check(pw, &Context::default());
            let s = r.rules.iter().find(|r| r.id == "dictionary.common").unwrap().status;
            assert_eq!(s, Status::Fail, "{}: {pw}", l.code());
        }
    }
}

#[test]
fn choosing_no_language_is_an_error() {
    let e = Checker::compile(&common_policy()).unwrap().with_languages(Languages::of(&[])).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_field", Some("languages")));
    let c = Checker::compile(&common_policy()).unwrap().with_languages(Languages::of(EN_DE)).unwrap();
    assert_eq!(c.languages(), Languages::of(EN_DE));
    assert_eq!(Dictionary::Pack(Language::German, PackList::FirstNames).name(), "de_first_names");
}

#[test]
fn work_with_every_pack_stays_bounded() {
    // The English walk's bounds (tests/estimate.rs) times the number of word lists walked; the
    // l33t budget is shared by all of them.
    let all = Languages::of(&[Language::English, Language::German, Language::French, Language::Spanish]);
    let cases = [
        "a".repeat(100),
        "P@ssw0rd".repeat(13),
        "4@8({[<3691!|7$5+%20".repeat(5),
        "äöüéèñçàß".repeat(12),
        "1!l|7t".repeat(17),
        "yxcvbnm,.-".repeat(10),
        "schokoladepasswortcontraseña".repeat(4),
    ];
    for p in cases {
        let (_, s) = estimate_in(&p, &["jürgen@example.com"], YEAR, all);
        assert!(s.l33t_steps <= 20_000 * s.omnimatch_runs, "l33t steps {}", s.l33t_steps);
        assert!(s.dict_steps <= 4 * 400_000, "dictionary steps {}", s.dict_steps);
        assert!(s.repeat_probes <= 200_000 && s.dp_updates <= 200_000, "{s:?}");
    }
}
