//! A policy in words: one short sentence per rule ("At least 12 characters") and per setting
//! ("Expires after 90 days"), in the language of the given [`Messages`].
//!
//! Every field a canonical policy can hold gives a sentence (its `field` is the field's path in
//! the canonical JSON); the identity in `source` and the format `version` are not described.
//! Rules use the same templates as the checker's messages where the sentence is the same, so a
//! description and a report read alike. A setting the vendor carries but does not enforce says
//! so. Durations are written in the largest unit that divides them exactly.
//!
//! A zero count or duration is never written as a rule or a setting ("At least 0 characters",
//! "Locked after 0 failed attempts", "Expires after 0 seconds" say nothing, or something false,
//! about a vendor's placeholder): such a field gives no sentence. The adapters already map each
//! vendor's documented zero to its meaning; this is the second line of defence for canonical
//! policies written by hand. Two zeros have a meaning of their own and are said in words: a
//! history of 0 passwords ("Previous passwords may be reused") and a breached password that
//! expires after 0 seconds ("… expires at once"). A maximum length of 0 is a rule the checker
//! enforces (only the empty password passes) and is described as such.

use serde::Serialize;

use crate::messages::phrases::{self, ContextField};
use crate::messages::Messages;
use crate::policy::{ContextCheck, Policy};

/// The description of a policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Description {
    /// The language the sentences are in (`en`, `de`, `fr`, `es`).
    pub locale: &'static str,
    /// What a password must satisfy, in the order the checker reports the rules.
    pub rules: Vec<Sentence>,
    /// Everything else: expiry, lockout, sessions, MFA, network, API keys, breached passwords,
    /// history kept but not enforced.
    pub settings: Vec<Sentence>,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sentence {
    /// The stable message code (`rule.length.min`, `describe.expiry.maxAge`); the same in every
    /// language. Plural codes are given without their `.one`/`.many` form.
    pub code: &'static str,
    /// The canonical JSON path of the field described (`length.min`, `types[0]`,
    /// `settings.expiry.maxAgeSeconds`).
    pub field: String,
    pub text: String,
}

/// Describes `policy` in the language of `messages`.
pub fn describe(policy: &Policy, messages: &Messages) -> Description {
    let mut d = Describer { m: messages, rules: Vec::new(), settings: Vec::new() };
    d.rules(policy);
    d.settings(policy);
    Description { locale: messages.locale.as_str(), rules: d.rules, settings: d.settings }
}

struct Describer<'a> {
    m: &'a Messages,
    rules: Vec<Sentence>,
    settings: Vec<Sentence>,
}

impl Describer<'_> {
    fn rule(&mut self, code: &'static str, field: impl Into<String>, text: String) {
        self.rules.push(Sentence { code, field: field.into(), text });
    }

    fn setting(&mut self, code: &'static str, field: impl Into<String>, text: String) {
        self.settings.push(Sentence { code, field: field.into(), text });
    }

    /// A setting of a section the vendor does not enforce: "… (not enforced)".
    fn setting_in(&mut self, enforced: bool, code: &'static str, field: &str, text: String) {
        let text = if enforced { text } else { self.m.text("describe.notEnforced", &[("text", &text)]) };
        self.setting(code, field, text);
    }

    /// A duration that says something: present and not zero.
    fn some(seconds: Option<f64>) -> Option<f64> {
        seconds.filter(|s| *s != 0.0)
    }

    fn duration(&self, code: &str, seconds: f64) -> String {
        let d = phrases::duration(self.m, seconds);
        self.m.text(code, &[("duration", &d)])
    }

    fn rules(&mut self, p: &Policy) {
        let m = self.m;
        if let Some(min) = p.length.min.filter(|n| *n > 0) {
            let (code, text) = phrases::length(m, false, min);
            self.rule(code, "length.min", text);
        }
        if let Some(max) = p.length.max {
            let (code, text) = phrases::length(m, true, max);
            self.rule(code, "length.max", text);
        }
        for (i, c) in p.classes.iter().enumerate().filter(|(_, c)| c.min > 0) {
            let (code, text) = phrases::class_min(m, c.class, c.min, p.symbols.as_ref());
            self.rule(code, format!("classes[{i}]"), text);
        }
        if let Some(s) = &p.symbols {
            let list = phrases::set_list(s, m);
            self.rule("describe.symbols", "symbols", m.text("describe.symbols", &[("list", &list)]));
        }
        for (i, s) in p.sets.iter().enumerate().filter(|(_, s)| s.min > 0) {
            let (code, text) = phrases::set_min(m, s);
            self.rule(code, format!("sets[{i}]"), text);
        }
        for (i, t) in p.types.iter().enumerate() {
            self.rule("rule.chars.types", format!("types[{i}]"), phrases::types(m, t, p.symbols.as_ref()));
        }
        // One sentence each, even when the checker joins them in one rule.
        if let Some((code, text)) = phrases::allowed(m, p.allowed.as_ref(), None) {
            self.rule(code, "allowed", text);
        }
        if let Some((code, text)) = phrases::allowed(m, None, p.forbidden.as_ref()) {
            self.rule(code, "forbidden", text);
        }
        if let Some(min) = p.min_unique {
            self.rule("rule.chars.unique", "minUnique", phrases::unique(m, min));
        }
        if let Some(max) = p.max_repeat {
            self.rule("rule.repeat.max", "maxRepeat", phrases::repeat(m, max));
        }
        if let Some(max) = p.max_sequence {
            self.rule("rule.sequence.max", "maxSequence", phrases::sequence(m, max));
        }
        if p.dictionary.common {
            self.rule("rule.dictionary.common", "dictionary.common", m.text("rule.dictionary.common", &[]));
        }
        if let Some(b) = &p.breached {
            let (code, text) = phrases::breached(m, b.max);
            self.rule(code, "breached", text);
        }
        if let Some(custom) = &p.dictionary.custom {
            let (code, text) = phrases::dictionary(m, true, custom);
            self.rule(code, "dictionary.custom", text);
        }
        let c = &p.context;
        let fields: [(&Option<ContextCheck>, ContextField, &str); 4] = [
            (&c.username, ContextField::Username, "context.username"),
            (&c.email, ContextField::Email, "context.email"),
            (&c.account_id, ContextField::AccountId, "context.accountId"),
            (&c.account_name, ContextField::AccountName, "context.accountName"),
        ];
        for (check, what, field) in fields {
            if let Some(check) = check {
                let code = phrases::context_code(what, true, check.match_mode);
                self.rule(code, field, m.text(code, &[]));
            }
        }
        if let Some(a) = &c.attributes {
            let code = phrases::context_code(ContextField::Attributes, true, a.match_mode);
            let base = m.text(code, &[]);
            let text = match a.names.as_deref() {
                Some(names) if !names.is_empty() => format!("{base} ({})", names.join(", ")),
                _ => base,
            };
            self.rule(code, "context.attributes", text);
        }
        if let Some(h) = p.history.as_ref().filter(|h| h.enforced) {
            if h.count == 0 {
                self.rule("describe.history.zero", "history", m.text("describe.history.zero", &[]));
            } else {
                let text = m.plural("describe.history.reuse", f64::from(h.count), &[("count", &h.count)]);
                self.rule("describe.history.reuse", "history", text);
            }
        }
        if let Some(min) = p.min_strength.filter(|n| *n > 0) {
            self.rule("describe.strength.min", "minStrength", m.text("describe.strength.min", &[("min", &min)]));
        }
    }

    fn settings(&mut self, p: &Policy) {
        let m = self.m;
        if let Some(h) = p.history.as_ref().filter(|h| !h.enforced && h.count > 0) {
            let text = m.plural("describe.history.notEnforced", f64::from(h.count), &[("count", &h.count)]);
            self.setting("describe.history.notEnforced", "history", text);
        }
        let s = &p.settings;
        if let Some(e) = &s.expiry {
            let on = e.enforced;
            match e.max_age_seconds {
                // A zero maximum age is a placeholder, not "expires at once" nor "never expires".
                Some(0.0) => {}
                Some(secs) if on => {
                    let text = self.duration("describe.expiry.maxAge", secs);
                    self.setting("describe.expiry.maxAge", "settings.expiry.maxAgeSeconds", text);
                }
                Some(secs) => {
                    let text = self.duration("describe.expiry.maxAge.notEnforced", secs);
                    self.setting("describe.expiry.maxAge.notEnforced", "settings.expiry.maxAgeSeconds", text);
                }
                None => {
                    let text = m.text("describe.expiry.never", &[]);
                    self.setting_in(on, "describe.expiry.never", "settings.expiry.maxAgeSeconds", text);
                }
            }
            if let Some(secs) = Self::some(e.min_age_seconds) {
                let text = self.duration("describe.expiry.minAge", secs);
                self.setting_in(on, "describe.expiry.minAge", "settings.expiry.minAgeSeconds", text);
            }
            if let Some(secs) = Self::some(e.reminder_seconds) {
                let text = self.duration("describe.expiry.reminder", secs);
                self.setting_in(on, "describe.expiry.reminder", "settings.expiry.reminderSeconds", text);
            }
            if let Some(renew) = e.renew_on_first_login {
                let code =
                    if renew { "describe.expiry.renewOnFirstLogin" } else { "describe.expiry.renewOnFirstLogin.off" };
                self.setting_in(on, code, "settings.expiry.renewOnFirstLogin", m.text(code, &[]));
            }
            if let Some(secs) = Self::some(e.grace_period_seconds) {
                let text = self.duration("describe.expiry.gracePeriod", secs);
                self.setting_in(on, "describe.expiry.gracePeriod", "settings.expiry.gracePeriodSeconds", text);
            }
            if !e.excluded_users.is_empty() {
                let n = e.excluded_users.len();
                let text = m.text("describe.expiry.excludedUsers", &[("count", &n)]);
                self.setting_in(on, "describe.expiry.excludedUsers", "settings.expiry.excludedUsers", text);
            }
        }
        if let Some(l) = &s.lockout {
            let on = l.enforced;
            match l.threshold {
                // "Locked after 0 failed attempts" is a placeholder: no sentence.
                Some(0) => {}
                Some(n) => {
                    let text = m.plural("describe.lockout.threshold", f64::from(n), &[("count", &n)]);
                    self.setting_in(on, "describe.lockout.threshold", "settings.lockout.threshold", text);
                }
                None => {
                    let text = m.text("describe.lockout.none", &[]);
                    self.setting_in(on, "describe.lockout.none", "settings.lockout.threshold", text);
                }
            }
            if let Some(secs) = Self::some(l.duration_seconds) {
                let text = self.duration("describe.lockout.duration", secs);
                self.setting_in(on, "describe.lockout.duration", "settings.lockout.durationSeconds", text);
            }
            if l.until_unlocked {
                let text = m.text("describe.lockout.untilUnlocked", &[]);
                self.setting_in(on, "describe.lockout.untilUnlocked", "settings.lockout.untilUnlocked", text);
            }
            if let Some(secs) = Self::some(l.reset_window_seconds) {
                let text = self.duration("describe.lockout.resetWindow", secs);
                self.setting_in(on, "describe.lockout.resetWindow", "settings.lockout.resetWindowSeconds", text);
            }
        }
        if let Some(se) = &s.session {
            if let Some(secs) = Self::some(se.idle_timeout_seconds) {
                let text = self.duration("describe.session.idleTimeout", secs);
                self.setting_in(
                    se.enforced,
                    "describe.session.idleTimeout",
                    "settings.session.idleTimeoutSeconds",
                    text,
                );
            }
            if let Some(secs) = Self::some(se.max_duration_seconds) {
                let text = self.duration("describe.session.maxDuration", secs);
                self.setting_in(
                    se.enforced,
                    "describe.session.maxDuration",
                    "settings.session.maxDurationSeconds",
                    text,
                );
            }
        }
        if let Some(mfa) = &s.mfa {
            let flags: [(Option<bool>, &'static str, &'static str, &str); 5] = [
                (mfa.required, "describe.mfa.required", "describe.mfa.required.off", "settings.mfa.required"),
                (mfa.remember, "describe.mfa.remember", "describe.mfa.remember.off", "settings.mfa.remember"),
                (
                    mfa.required_for_password_change,
                    "describe.mfa.passwordChange",
                    "describe.mfa.passwordChange.off",
                    "settings.mfa.requiredForPasswordChange",
                ),
                (
                    mfa.required_off_network,
                    "describe.mfa.offNetwork",
                    "describe.mfa.offNetwork.off",
                    "settings.mfa.requiredOffNetwork",
                ),
                (
                    mfa.required_untrusted_geographies,
                    "describe.mfa.untrustedGeographies",
                    "describe.mfa.untrustedGeographies.off",
                    "settings.mfa.requiredUntrustedGeographies",
                ),
            ];
            for (flag, on, off, field) in flags {
                if let Some(flag) = flag {
                    let code = if flag { on } else { off };
                    self.setting(code, field, m.text(code, &[]));
                }
            }
        }
        if let Some(n) = &s.network {
            if !n.login_ip_ranges.is_empty() {
                let count = n.login_ip_ranges.len();
                let text = m.plural("describe.network.loginIpRanges", count as f64, &[("count", &count)]);
                self.setting_in(n.enforced, "describe.network.loginIpRanges", "settings.network.loginIpRanges", text);
            }
            if let Some(r) = n.api_key_ip_ranges.as_ref().filter(|r| !r.ranges.is_empty()) {
                let count = r.ranges.len();
                let code =
                    if r.enabled { "describe.network.apiKeyIpRanges" } else { "describe.network.apiKeyIpRanges.off" };
                let text = m.plural(code, count as f64, &[("count", &count)]);
                self.setting(code, "settings.network.apiKeyIpRanges", text);
            }
        }
        if let Some(k) = &s.api_keys {
            match k.max_expiration_seconds {
                Some(0.0) => {}
                Some(secs) => {
                    let text = self.duration("describe.apiKeys.maxExpiration", secs);
                    self.setting("describe.apiKeys.maxExpiration", "settings.apiKeys.maxExpirationSeconds", text);
                }
                None => {
                    let text = m.text("describe.apiKeys.noMax", &[]);
                    self.setting("describe.apiKeys.noMax", "settings.apiKeys.maxExpirationSeconds", text);
                }
            }
        }
        if let Some(b) = &s.breached {
            match b.expire_after_seconds {
                Some(0.0) => {
                    let text = m.text("describe.breached.expireNow", &[]);
                    self.setting("describe.breached.expireNow", "settings.breached.expireAfterSeconds", text);
                }
                Some(secs) => {
                    let text = self.duration("describe.breached.expireAfter", secs);
                    self.setting("describe.breached.expireAfter", "settings.breached.expireAfterSeconds", text);
                }
                None => {}
            }
            if let Some(logout) = b.logout {
                let code = if logout { "describe.breached.logout" } else { "describe.breached.logout.off" };
                self.setting(code, "settings.breached.logout", m.text(code, &[]));
            }
            if b.expire_after_seconds.is_none() && b.logout.is_none() {
                let text = m.text("describe.breached.checked", &[]);
                self.setting("describe.breached.checked", "settings.breached", text);
            }
        }
        if !p.vendor_extras.is_empty() {
            let n = p.vendor_extras.len();
            self.setting("describe.vendorExtras", "vendorExtras", m.text("describe.vendorExtras", &[("count", &n)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Locale;
    use crate::policy::*;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    fn fixture(doc: &str) -> Vec<Policy> {
        crate::vendors::normalize(doc, None).unwrap().into_iter().map(|n| n.policy).collect()
    }

    const MERAKI: &str = include_str!("../tests/fixtures/meraki/example.json");
    const MERAKI_OFF: &str = include_str!("../tests/fixtures/meraki/flags_off.json");
    const SAILPOINT: &str = include_str!("../tests/fixtures/sailpoint/list.json");
    const SUMOLOGIC: &str = include_str!("../tests/fixtures/sumologic/example.json");
    const SCALEWAY: &str = include_str!("../tests/fixtures/scaleway/example.json");
    const SCALEWAY_NULLS: &str = include_str!("../tests/fixtures/scaleway/nulls.json");
    const LONGJUMP: &str = include_str!("../tests/fixtures/longjump/seed.json");
    const LONGJUMP_XML: &str = include_str!("../tests/fixtures/longjump/seed.xml");

    fn texts(s: &[Sentence]) -> Vec<&str> {
        s.iter().map(|s| s.text.as_str()).collect()
    }

    fn meraki(locale: &str) -> Description {
        describe(&fixture(MERAKI)[0], &Messages::new(locale))
    }

    #[test]
    fn meraki_in_english() {
        let d = meraki("en");
        assert_eq!(d.locale, "en");
        assert_eq!(
            texts(&d.rules),
            [
                "At least 8 characters",
                "At least 3 of: lowercase letter, uppercase letter, digit, symbol",
                "Must not be one of your last 3 passwords",
            ]
        );
        assert_eq!(
            texts(&d.settings),
            [
                "Expires after 90 days",
                "Locked after 3 failed attempts",
                "Idle sessions end after 30 minutes",
                "MFA required",
                "Login allowed only from 2 IP ranges",
                "API keys usable only from 2 IP ranges",
            ]
        );
        let codes: Vec<&str> = d.rules.iter().chain(&d.settings).map(|s| s.code).collect();
        assert_eq!(
            codes,
            [
                "rule.length.min",
                "rule.chars.types",
                "describe.history.reuse",
                "describe.expiry.maxAge",
                "describe.lockout.threshold",
                "describe.session.idleTimeout",
                "describe.mfa.required",
                "describe.network.loginIpRanges",
                "describe.network.apiKeyIpRanges",
            ]
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(
            json["rules"][0],
            json!({"code": "rule.length.min", "field": "length.min", "text": "At least 8 characters"})
        );
        assert_eq!(json["settings"][0]["field"], "settings.expiry.maxAgeSeconds");
    }

    #[test]
    fn meraki_with_its_flags_off_in_english() {
        let d = describe(&fixture(MERAKI_OFF)[0], &Messages::english());
        assert!(d.rules.is_empty(), "{:?}", d.rules);
        assert_eq!(
            texts(&d.settings),
            [
                "Password history not enforced (3 passwords)",
                "Expiry not enforced (90 days)",
                "Locked after 3 failed attempts (not enforced)",
                "Idle sessions end after 30 minutes (not enforced)",
                "MFA not required",
                "Login allowed only from 2 IP ranges (not enforced)",
                "API key IP restriction off (2 IP ranges)",
            ]
        );
    }

    #[test]
    fn meraki_in_german_french_and_spanish() {
        let de = meraki("de-CH");
        assert_eq!(de.locale, "de");
        assert_eq!(
            texts(&de.rules),
            [
                "Mindestens 8 Zeichen",
                "Mindestens 3 von: Kleinbuchstabe, Großbuchstabe, Ziffer, Sonderzeichen",
                "Darf keines Ihrer letzten 3 Passwörter sein",
            ]
        );
        assert_eq!(
            texts(&de.settings),
            [
                "Gültig für 90 Tage",
                "Konto wird nach 3 Fehlversuchen gesperrt",
                "Zeitlimit für inaktive Sitzungen: 30 Minuten",
                "MFA erforderlich",
                "Anmeldung nur aus 2 IP-Bereichen erlaubt",
                "API-Schlüssel nur aus 2 IP-Bereichen nutzbar",
            ]
        );
        let fr = meraki("fr_FR");
        assert_eq!(
            texts(&fr.rules),
            [
                "Au moins 8 caractères",
                "Au moins 3 parmi\u{a0}: lettre minuscule, lettre majuscule, chiffre, caractère spécial",
                "Ne doit pas être l’un de vos 3 derniers mots de passe",
            ]
        );
        assert_eq!(
            texts(&fr.settings),
            [
                "Expire après 90 jours",
                "Compte verrouillé après 3 tentatives échouées",
                "Les sessions inactives se terminent après 30 minutes",
                "MFA obligatoire",
                "Connexion autorisée uniquement depuis 2 plages d’adresses IP",
                "Clés d’API utilisables uniquement depuis 2 plages d’adresses IP",
            ]
        );
        let es = meraki("es");
        assert_eq!(
            texts(&es.rules),
            [
                "Al menos 8 caracteres",
                "Al menos 3 de: letra minúscula, letra mayúscula, dígito, símbolo",
                "No debe ser ninguna de tus últimas 3 contraseñas",
            ]
        );
        assert_eq!(
            texts(&es.settings),
            [
                "Caduca tras 90 días",
                "Cuenta bloqueada tras 3 intentos fallidos",
                "Las sesiones inactivas finalizan tras 30 minutos",
                "MFA obligatoria",
                "Inicio de sesión permitido solo desde 2 rangos de IP",
                "Claves de API utilizables solo desde 2 rangos de IP",
            ]
        );
        // Codes and fields never change with the language.
        let key =
            |d: &Description| d.rules.iter().chain(&d.settings).map(|s| (s.code, s.field.clone())).collect::<Vec<_>>();
        assert_eq!(key(&de), key(&meraki("en")));
        assert_eq!(key(&fr), key(&es));
        assert_eq!(key(&meraki("xx")), key(&es));
        assert_eq!(meraki("xx"), meraki("en"));
    }

    #[test]
    fn the_other_seed_vendors() {
        let en = Messages::english();
        let sp = fixture(SAILPOINT);
        let d = describe(&sp[0], &en);
        assert_eq!(
            texts(&d.rules),
            [
                "At least 8 characters",
                "At least 1 letter",
                "At least 1 digit",
                "Counted as symbols: ~!@#$%^*()/_+-`={}\\|][;?,.&><'\", space",
                "None of these: :, characters that are not on a US keyboard",
                "No character more than 4 times in a row",
                "Must not contain your account ID",
                "Must not contain your account name",
            ]
        );
        assert_eq!(
            texts(&d.settings),
            [
                "Expiry not enforced (90 days)",
                "Remind 90 days before expiry (not enforced)",
                "No strong authentication required to change the password",
                "No strong authentication required outside the corporate network",
                "No strong authentication required from untrusted locations",
                "Other vendor settings kept as is: 4",
            ]
        );
        assert!(texts(&describe(&sp[1], &en).rules).contains(&"Must not contain your personal details"));

        let d = describe(&fixture(SUMOLOGIC)[0], &en);
        assert_eq!(d.rules.first().map(|s| s.text.as_str()), Some("At least 8 characters"));
        assert!(texts(&d.rules).contains(&"At most 128 characters"));
        assert!(texts(&d.rules).contains(&"At least 1 uppercase letter"));
        assert!(texts(&d.rules).contains(&"Must not be one of your last 10 passwords"));
        for s in [
            "Expires after 365 days",
            "Locked after 6 failed attempts",
            "Locked for 30 minutes",
            "Failed attempts reset after 10 minutes",
        ] {
            assert!(texts(&d.settings).contains(&s), "{s} not in {:?}", texts(&d.settings));
        }

        let d = describe(&fixture(SCALEWAY)[0], &en);
        assert!(d.rules.is_empty());
        assert_eq!(
            texts(&d.settings),
            [
                "Passwords do not expire",
                "Password must be changed at first login",
                "Grace period to renew the password: 3 days",
                "Locked after 5 failed attempts",
                "Sessions last at most 30 days",
                "No maximum lifetime for API keys",
            ]
        );
        // `login_attempts_before_locked: 0` is documented nowhere: kept aside, not "No limit".
        let d = describe(&fixture(SCALEWAY_NULLS)[0], &en);
        assert_eq!(
            texts(&d.settings),
            [
                "Passwords do not expire",
                "No password change required at first login",
                "Other vendor settings kept as is: 1"
            ]
        );

        let d = describe(&fixture(LONGJUMP)[0], &en);
        assert_eq!(
            texts(&d.rules),
            ["At least 6 characters", "At least 1 letter", "At least 1 digit", "Must not be your last password"]
        );
        assert_eq!(
            texts(&d.settings),
            [
                "Passwords do not expire",
                "Minimum password age 2 days",
                "Users exempt from expiry: 2",
                "Locked after 10 failed attempts",
                "Locked for 15 minutes",
                "Idle sessions end after 2 hours",
                "Other vendor settings kept as is: 4",
            ]
        );
        assert_eq!(describe(&fixture(LONGJUMP_XML)[0], &en), d);
    }

    /// Every seed fixture, in every language: no sentence is a bare code or has an unfilled
    /// placeholder, and codes and fields are the same in every language.
    #[test]
    fn every_fixture_in_every_language() {
        let docs = [MERAKI, MERAKI_OFF, SAILPOINT, SUMOLOGIC, SCALEWAY, SCALEWAY_NULLS, LONGJUMP, LONGJUMP_XML];
        for doc in docs {
            for p in fixture(doc) {
                let en = describe(&p, &Messages::english());
                for locale in Locale::ALL {
                    let d = describe(&p, &Messages { locale, overrides: BTreeMap::new() });
                    assert_eq!(d.rules.len(), en.rules.len());
                    assert_eq!(d.settings.len(), en.settings.len());
                    for (s, e) in d.rules.iter().chain(&d.settings).zip(en.rules.iter().chain(&en.settings)) {
                        assert_eq!((s.code, &s.field), (e.code, &e.field));
                        assert_clean(&s.text);
                    }
                }
            }
        }
    }

    fn assert_clean(text: &str) {
        assert!(!text.trim().is_empty());
        for prefix in ["rule.", "describe.", "class.", "unit.", "duration.", "set.", "label.", "char.", "strength."] {
            assert!(!text.contains(prefix), "code in {text:?}");
        }
        for p in [
            "{min}",
            "{max}",
            "{unit}",
            "{list}",
            "{count}",
            "{duration}",
            "{class}",
            "{text}",
            "{n}",
            "{chars}",
            "{name}",
        ] {
            assert!(!text.contains(p), "placeholder in {text:?}");
        }
    }

    /// A policy with every field set. Struct literals without `..Default::default()`: a new
    /// field in the model breaks this test until it is set here (and so described).
    fn full_policy() -> Policy {
        let check = ContextCheck { match_mode: MatchMode::Substring, min_token_length: 3, delimiters: None };
        let mut extras = serde_json::Map::new();
        extras.insert("vendor.field".into(), json!(1));
        Policy {
            version: POLICY_VERSION,
            source: Source {
                vendor: Some("canonical".into()),
                id: Some("x".into()),
                name: Some("n".into()),
                description: Some("d".into()),
            },
            length: Length { min: Some(12), max: Some(64), unit: LengthUnit::CodePoints },
            classes: vec![ClassMin { class: CharClass::Upper, min: 2 }, ClassMin { class: CharClass::Symbol, min: 1 }],
            sets: vec![SetMin { name: Some("special character".into()), chars: CharSet::chars("#$"), min: 1 }],
            types: vec![TypesRule {
                required: 2,
                of: vec![
                    Requirement::class(CharClass::Digit, 2),
                    Requirement { class: None, chars: Some(CharSet::chars("-_")), name: None, min: 1 },
                    Requirement::class(CharClass::Symbol, 1),
                ],
            }],
            symbols: Some(CharSet::chars("#$%& ")),
            allowed: Some(CharSet {
                classes: vec![CharClass::Letter, CharClass::Digit],
                chars: "#$%&- _".into(),
                ranges: vec![],
            }),
            forbidden: Some(CharSet { classes: vec![], chars: ":".into(), ranges: vec![[0x80, 0x10FFFF]] }),
            min_unique: Some(6),
            max_repeat: Some(1),
            max_sequence: Some(3),
            dictionary: Dictionary {
                common: true,
                custom: Some(CustomDictionary {
                    words: vec!["acme".into()],
                    match_mode: MatchMode::Whole,
                    min_word_length: Some(4),
                    substitutions: [("0".to_string(), "o".to_string())].into_iter().collect(),
                    ..Default::default()
                }),
            },
            breached: Some(BreachedRule { max: 2 }),
            context: ContextRules {
                username: Some(check.clone()),
                email: Some(check.clone()),
                account_id: Some(ContextCheck { match_mode: MatchMode::Whole, min_token_length: 3, delimiters: None }),
                account_name: Some(check),
                attributes: Some(AttributeCheck {
                    names: Some(vec!["phone".into(), "city".into()]),
                    match_mode: MatchMode::Substring,
                    min_token_length: 3,
                    delimiters: None,
                    ..Default::default()
                }),
            },
            history: Some(History { count: 5, enforced: true }),
            min_strength: Some(3),
            settings: Settings {
                expiry: Some(Expiry {
                    enforced: true,
                    max_age_seconds: Some(90.0 * 86_400.0),
                    min_age_seconds: Some(2.0 * 86_400.0),
                    reminder_seconds: Some(14.0 * 86_400.0),
                    renew_on_first_login: Some(true),
                    grace_period_seconds: Some(3.0 * 86_400.0),
                    excluded_users: vec!["a".into(), "b".into()],
                }),
                lockout: Some(Lockout {
                    enforced: true,
                    threshold: Some(5),
                    duration_seconds: Some(1_800.0),
                    until_unlocked: true,
                    reset_window_seconds: Some(600.0),
                }),
                session: Some(Session {
                    enforced: true,
                    idle_timeout_seconds: Some(1_800.0),
                    max_duration_seconds: Some(30.0 * 86_400.0),
                }),
                mfa: Some(Mfa {
                    required: Some(true),
                    remember: Some(false),
                    required_for_password_change: Some(true),
                    required_off_network: Some(true),
                    required_untrusted_geographies: Some(false),
                }),
                network: Some(Network {
                    enforced: true,
                    login_ip_ranges: vec!["10.0.0.0/8".into(), "192.168.0.0/16".into()],
                    api_key_ip_ranges: Some(IpRestriction { enabled: true, ranges: vec!["10.0.0.0/8".into()] }),
                }),
                api_keys: Some(ApiKeys { max_expiration_seconds: Some(365.0 * 86_400.0) }),
                breached: Some(Breached { expire_after_seconds: Some(2.0 * 86_400.0), logout: Some(true) }),
            },
            vendor_extras: extras,
        }
    }

    /// The fields of a policy as its canonical JSON has them: what `describe` must cover.
    fn json_fields(p: &Policy) -> Vec<String> {
        let v = serde_json::to_value(p).unwrap();
        let mut out = Vec::new();
        let Value::Object(top) = v else { panic!("not an object") };
        for (k, v) in &top {
            match (k.as_str(), v) {
                ("version" | "source", _) => {}
                ("length" | "dictionary" | "context", Value::Object(o)) => {
                    out.extend(o.keys().filter(|f| *f != "unit").map(|f| format!("{k}.{f}")));
                }
                ("classes" | "sets" | "types", Value::Array(a)) => {
                    out.extend((0..a.len()).map(|i| format!("{k}[{i}]")))
                }
                ("settings", Value::Object(sections)) => {
                    for (section, fields) in sections {
                        let Value::Object(fields) = fields else { panic!("{section}") };
                        out.extend(
                            fields.keys().filter(|f| *f != "enforced").map(|f| format!("settings.{section}.{f}")),
                        );
                    }
                }
                _ => out.push(k.clone()),
            }
        }
        out.sort();
        out
    }

    #[test]
    fn one_sentence_per_field() {
        let p = full_policy();
        let expected = json_fields(&p);
        assert_eq!(expected.len(), 45, "{expected:?}");
        crate::policy::validate(&p).unwrap();
        for locale in Locale::ALL {
            let d = describe(&p, &Messages { locale, overrides: BTreeMap::new() });
            let mut fields: Vec<String> = d.rules.iter().chain(&d.settings).map(|s| s.field.clone()).collect();
            fields.sort();
            assert_eq!(fields, expected, "{locale}");
            for s in d.rules.iter().chain(&d.settings) {
                assert_clean(&s.text);
            }
        }
        let d = describe(&p, &Messages::english());
        assert_eq!(
            texts(&d.rules),
            [
                "At least 12 characters",
                "At most 64 characters",
                "At least 2 uppercase letters",
                "At least 1 symbol (#$%&, space)",
                "Counted as symbols: #$%&, space",
                "At least 1 from special character (#$)",
                "At least 2 of: 2 digits, a character from -_, symbol (#$%&, space)",
                "Only characters from: letters, digits, #$%&-_, space",
                "None of these: :, characters that are not on a US keyboard",
                "At least 6 different characters",
                "No character twice in a row",
                "No sequence like abc or 321 longer than 3 characters",
                "Not a commonly used password",
                "Found in known data breaches at most 2 times",
                "Must not be a dictionary word",
                "Must not contain your username",
                "Must not contain your e-mail address",
                "Must not be your account ID",
                "Must not contain your account name",
                "Must not contain your personal details (phone, city)",
                "Must not be one of your last 5 passwords",
                "Strength at least 3 of 4",
            ]
        );
        assert_eq!(
            texts(&d.settings),
            [
                "Expires after 90 days",
                "Minimum password age 2 days",
                "Remind 14 days before expiry",
                "Password must be changed at first login",
                "Grace period to renew the password: 3 days",
                "Users exempt from expiry: 2",
                "Locked after 5 failed attempts",
                "Locked for 30 minutes",
                "Stays locked until an administrator unlocks it",
                "Failed attempts reset after 10 minutes",
                "Idle sessions end after 30 minutes",
                "Sessions last at most 30 days",
                "MFA required",
                "MFA is not remembered by the browser",
                "Strong authentication required to change the password",
                "Strong authentication required outside the corporate network",
                "No strong authentication required from untrusted locations",
                "Login allowed only from 2 IP ranges",
                "API keys usable only from 1 IP range",
                "API keys expire after at most 365 days",
                "A password found in a data breach expires after 2 days",
                "Sessions end when the password is found in a data breach",
                "Other vendor settings kept as is: 1",
            ]
        );
    }

    #[test]
    fn rules_read_as_the_checker_says_them() {
        // Where a rule has a check message, the description is that message, in every language.
        let p = fixture(SAILPOINT).remove(0);
        for tag in ["en", "de", "fr", "es"] {
            let m = Messages::new(tag);
            let d = describe(&p, &m);
            let report = crate::Checker::compile_with(&p, m).unwrap().check_rules("", &crate::Context::default());
            for id in ["length.min", "chars.letter", "chars.digit", "chars.allowed", "repeat.max"] {
                let msg = &report.rules.iter().find(|r| r.id == id).unwrap().message;
                assert!(d.rules.iter().any(|s| &s.text == msg), "{tag} {id}: {msg}");
            }
        }
    }

    #[test]
    fn plurals() {
        let mut p = Policy::default();
        p.length.min = Some(1);
        p.history = Some(History { count: 1, enforced: true });
        p.settings.lockout =
            Some(Lockout { threshold: Some(1), duration_seconds: Some(86_400.0), ..Default::default() });
        let d = describe(&p, &Messages::english());
        assert_eq!(texts(&d.rules), ["At least 1 character", "Must not be your last password"]);
        assert_eq!(texts(&d.settings), ["Locked after 1 failed attempt", "Locked for 1 day"]);
        let d = describe(&p, &Messages::new("de"));
        assert_eq!(texts(&d.rules), ["Mindestens 1 Zeichen", "Darf nicht Ihr letztes Passwort sein"]);
        assert_eq!(texts(&d.settings), ["Konto wird nach 1 Fehlversuch gesperrt", "Sperrdauer: 1 Tag"]);
        p.history = Some(History { count: 0, enforced: true });
        assert_eq!(
            texts(&describe(&p, &Messages::english()).rules),
            ["At least 1 character", "Previous passwords may be reused"]
        );
    }

    /// Every count and duration a canonical policy can hold, set to 0: a vendor's placeholder.
    fn zero_policy() -> Policy {
        let mut p = Policy::default();
        p.length.min = Some(0);
        p.classes = vec![ClassMin { class: CharClass::Digit, min: 0 }];
        p.sets = vec![SetMin { name: None, chars: CharSet::chars("#$"), min: 0 }];
        p.history = Some(History { count: 0, enforced: false });
        p.min_strength = Some(0);
        p.settings = Settings {
            expiry: Some(Expiry {
                max_age_seconds: Some(0.0),
                min_age_seconds: Some(0.0),
                reminder_seconds: Some(0.0),
                grace_period_seconds: Some(0.0),
                ..Default::default()
            }),
            lockout: Some(Lockout {
                threshold: Some(0),
                duration_seconds: Some(0.0),
                reset_window_seconds: Some(0.0),
                ..Default::default()
            }),
            session: Some(Session { enforced: true, idle_timeout_seconds: Some(0.0), max_duration_seconds: Some(0.0) }),
            mfa: None,
            network: Some(Network {
                enforced: true,
                login_ip_ranges: vec![],
                api_key_ip_ranges: Some(IpRestriction { enabled: true, ranges: vec![] }),
            }),
            api_keys: Some(ApiKeys { max_expiration_seconds: Some(0.0) }),
            breached: None,
        };
        p
    }

    #[test]
    fn a_zero_is_never_a_rule_or_a_setting() {
        let mut p = zero_policy();
        crate::policy::validate(&p).unwrap();
        for locale in Locale::ALL {
            let d = describe(&p, &Messages { locale, overrides: BTreeMap::new() });
            assert!(d.rules.is_empty(), "{locale}: {:?}", texts(&d.rules));
            assert!(d.settings.is_empty(), "{locale}: {:?}", texts(&d.settings));
        }
        // Not enforced either: "Expiry not enforced (0 seconds)" says nothing more.
        p.settings.expiry.as_mut().unwrap().enforced = false;
        p.settings.lockout.as_mut().unwrap().enforced = false;
        assert!(describe(&p, &Messages::english()).settings.is_empty());
        // The same sections with real values are described: the zero, not the section, was dropped.
        p.settings.lockout = Some(Lockout { threshold: Some(5), ..Default::default() });
        p.settings.expiry = Some(Expiry { max_age_seconds: Some(86_400.0), ..Default::default() });
        assert_eq!(
            texts(&describe(&p, &Messages::english()).settings),
            ["Expires after 1 day", "Locked after 5 failed attempts"]
        );
        // A zero with a meaning of its own is said in words, with no digit.
        let mut p = Policy { history: Some(History { count: 0, enforced: true }), ..Default::default() };
        p.settings.breached = Some(Breached { expire_after_seconds: Some(0.0), logout: None });
        let d = describe(&p, &Messages::english());
        assert_eq!(texts(&d.rules), ["Previous passwords may be reused"]);
        assert_eq!(texts(&d.settings), ["A password found in a data breach expires at once"]);
        for locale in Locale::ALL {
            let d = describe(&p, &Messages { locale, overrides: BTreeMap::new() });
            for s in d.rules.iter().chain(&d.settings) {
                assert!(!s.text.contains('0'), "{locale}: {}", s.text);
            }
        }
    }

    #[test]
    fn breached_passwords() {
        let mut p = Policy::default();
        p.settings.breached = Some(Breached::default());
        let d = describe(&p, &Messages::english());
        assert_eq!(texts(&d.settings), ["Passwords are checked against known data breaches"]);
        assert_eq!(d.settings[0].field, "settings.breached");
        p.settings.breached = Some(Breached { expire_after_seconds: Some(10.0 * 86_400.0), logout: Some(false) });
        let d = describe(&p, &Messages::new("fr"));
        assert_eq!(
            texts(&d.settings),
            [
                "Un mot de passe trouvé dans une fuite de données expire après 10 jours",
                "Les sessions ne sont pas fermées quand le mot de passe est trouvé dans une fuite de données",
            ]
        );
    }

    #[test]
    fn sequence_rule_in_four_languages() {
        let p = Policy { max_repeat: Some(2), max_sequence: Some(2), ..Default::default() };
        let expected = [
            ("en", "No sequence like abc or 321 longer than 2 characters"),
            ("de", "Keine Folge wie abc oder 321 mit mehr als 2 Zeichen"),
            ("fr", "Aucune suite comme abc ou 321 de plus de 2 caractères"),
            ("es", "Ninguna secuencia como abc o 321 de más de 2 caracteres"),
        ];
        for (tag, text) in expected {
            let m = Messages::new(tag);
            let d = describe(&p, &m);
            // After the repeat rule, in the order the checker reports them.
            let fields: Vec<&str> = d.rules.iter().map(|s| s.field.as_str()).collect();
            assert_eq!(fields, ["maxRepeat", "maxSequence"], "{tag}");
            let s = &d.rules[1];
            assert_eq!((s.code, s.text.as_str()), ("rule.sequence.max", text), "{tag}");
            // The checker says the same.
            let report = crate::Checker::compile_with(&p, m).unwrap().check_rules("abc", &crate::Context::default());
            let r = report.rules.iter().find(|r| r.id == "sequence.max").unwrap();
            assert_eq!((r.code, r.message.as_str()), ("rule.sequence.max", text), "{tag}");
        }
        // An override of the code changes both.
        let mut o = BTreeMap::new();
        o.insert("rule.sequence.max".to_string(), "Nichts wie abc, höchstens {max}".to_string());
        let m = Messages::with_overrides("de", o);
        assert_eq!(describe(&p, &m).rules[1].text, "Nichts wie abc, höchstens 2");
        let report = crate::Checker::compile_with(&p, m).unwrap().check_rules("x", &crate::Context::default());
        assert_eq!(report.rules[1].message, "Nichts wie abc, höchstens 2");
    }

    #[test]
    fn unique_rule_in_four_languages() {
        let expected = [
            ("en", "At least 1 different character", "At least 5 different characters"),
            ("de", "Mindestens 1 verschiedenes Zeichen", "Mindestens 5 verschiedene Zeichen"),
            ("fr", "Au moins 1 caractère différent", "Au moins 5 caractères différents"),
            ("es", "Al menos 1 carácter distinto", "Al menos 5 caracteres distintos"),
        ];
        for (tag, one, five) in expected {
            for (n, text) in [(1, one), (5, five)] {
                let p = Policy { min_unique: Some(n), max_repeat: Some(2), ..Default::default() };
                let m = Messages::new(tag);
                let d = describe(&p, &m);
                // Before the repeat rule, in the order the checker reports them.
                let fields: Vec<&str> = d.rules.iter().map(|s| s.field.as_str()).collect();
                assert_eq!(fields, ["minUnique", "maxRepeat"], "{tag}");
                assert_eq!((d.rules[0].code, d.rules[0].text.as_str()), ("rule.chars.unique", text), "{tag}");
                let report =
                    crate::Checker::compile_with(&p, m).unwrap().check_rules("aab", &crate::Context::default());
                let r = report.rules.iter().find(|r| r.id == "chars.unique").unwrap();
                assert_eq!((r.code, r.message.as_str()), ("rule.chars.unique", text), "{tag}");
            }
        }
        // An override of the plural code changes both forms.
        let mut o = BTreeMap::new();
        o.insert("rule.chars.unique".to_string(), "{min} verschiedene, bitte".to_string());
        let p = Policy { min_unique: Some(4), ..Default::default() };
        let m = Messages::with_overrides("de", o);
        assert_eq!(describe(&p, &m).rules[0].text, "4 verschiedene, bitte");
        let report = crate::Checker::compile_with(&p, m).unwrap().check_rules("x", &crate::Context::default());
        assert_eq!(report.rules[0].message, "4 verschiedene, bitte");
    }

    #[test]
    fn the_fuzzy_and_scored_dictionary_in_every_language() {
        let mut p = Policy::default();
        let d = CustomDictionary { words: vec!["contoso".into()], ..Default::default() };
        let forms = [
            (0, None, "describe.dictionary.custom"),
            (1, None, "describe.dictionary.custom.fuzzy"),
            (0, Some(5), "describe.dictionary.custom.score"),
            (1, Some(5), "describe.dictionary.custom.score.fuzzy"),
        ];
        for (edit_distance, min_score, code) in forms {
            p.dictionary.custom = Some(CustomDictionary { edit_distance, min_score, ..d.clone() });
            for locale in ["en", "de", "fr", "es"] {
                let out = describe(&p, &Messages::new(locale));
                let s = out.rules.iter().find(|s| s.field == "dictionary.custom").unwrap();
                assert_eq!(s.code, code, "{locale}");
                assert_eq!(s.text.contains('5'), min_score.is_some(), "{locale}: {}", s.text);
                assert!(!s.text.contains("contoso"), "{locale}: {}", s.text);
                assert_clean(&s.text);
            }
        }
        let out = describe(&p, &Messages::english());
        let s = out.rules.iter().find(|s| s.field == "dictionary.custom").unwrap();
        assert_eq!(
            s.text,
            "Must score at least 5 when it contains a dictionary word (even with one character changed, added or removed): 1 for each word, 1 for each other character"
        );
    }

    #[test]
    fn overrides_by_code() {
        let p = fixture(MERAKI).remove(0);
        let mut o = BTreeMap::new();
        o.insert("rule.length.min".to_string(), "{min}+ {unit}".to_string());
        o.insert("describe.expiry.maxAge".to_string(), "Alle {duration} neu".to_string());
        o.insert("class.symbol.one".to_string(), "Symbol".to_string());
        let d = describe(&p, &Messages::with_overrides("de", o));
        assert_eq!(d.rules[0].text, "8+ Zeichen");
        assert_eq!(d.rules[1].text, "Mindestens 3 von: Kleinbuchstabe, Großbuchstabe, Ziffer, Symbol");
        assert_eq!(d.settings[0].text, "Alle 90 Tage neu");
        assert_eq!(d.settings[0].code, "describe.expiry.maxAge");
    }
}
