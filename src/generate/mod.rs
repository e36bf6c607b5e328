//! Password generation: random passwords that pass every rule of a canonical policy that a
//! password alone (plus an optional context) can be checked against.
//!
//! ```text
//! generate(&policy, &GenerateOptions { length: Some(24), count: 5, exclude: Some(Exclude::Ambiguous), context: None })
//!     -> Ok(Generated { passwords, length: 24, alphabet, alphabet_size, entropy_bits })
//! ```
//!
//! How a password is made, in bounded time:
//! 1. the alphabet is what the policy allows (see `alphabet`): printable ASCII minus what
//!    `allowed`/`forbidden` exclude; with no `allowed` set, ASCII letters, digits and the symbols
//!    (the restricted `symbols` set if any, else ASCII punctuation); `exclude: ambiguous` drops
//!    `Il1O0`. Every character is one code point, one UTF-16 unit and one grapheme, so the length
//!    is the same in every unit;
//! 2. the characters each `classes`, `sets` and N-of-M requirement needs are picked first (for an
//!    N-of-M rule, the N requirements closest to being met), uniformly from the characters that
//!    meet them;
//! 3. they are put at uniformly random positions (Fisher–Yates) and the other positions are filled
//!    uniformly from the whole alphabet, never extending a run beyond `maxRepeat` or a sequence
//!    (`abc`, `321`) beyond `maxSequence`, and with new characters only at the last free
//!    positions, when they are needed to reach `minUnique` distinct characters;
//! 4. the result is checked with the checker. Only the rules that a random password fails by bad
//!    luck (common password, dictionary words, context tokens, history, minimum strength) can fail
//!    here; for those the password is made again, at most `MAX_ATTEMPTS` times, then the policy is
//!    reported `unsatisfiable` at that length.
//!
//! Randomness comes only from the platform CSPRNG (`random::OsRandom`); every choice is an
//! unbiased `random::uniform_below` (rejection sampling, no modulo bias).

mod alphabet;
mod build;
pub mod random;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::check::{Checker, Context, ANALYSIS_LIMIT_CODE_POINTS};
use crate::error::{ErrorCode, PolicyError, Result};
use crate::policy::{CharClass, CharSet, LengthUnit, Policy};

pub use alphabet::AMBIGUOUS;
use build::{arrange, Demands, Limits, Mode};
use random::{OsRandom, RandomSource};

/// The length used when neither the caller nor the policy's minimum asks for more.
pub const DEFAULT_LENGTH: u32 = 20;
/// The most passwords one call generates.
pub const MAX_COUNT: u32 = 1000;
/// The longest password generated (the checker's analysis limit, so every rule sees all of it).
pub const MAX_LENGTH: u32 = ANALYSIS_LIMIT_CODE_POINTS as u32;
/// Passwords made per requested password before giving up on the "luck" rules.
pub const MAX_ATTEMPTS: u32 = 64;
/// The shortest password (in code points) that zxcvbn can give each score: its estimate of a
/// password is at most the brute-force bound 10^length + 1 guesses, and score s needs at least
/// 10^3 + 5, 10^6 + 5, 10^8 + 5, 10^10 + 5 guesses for s = 1, 2, 3, 4.
pub const MIN_LENGTH_FOR_SCORE: [u32; 5] = [0, 4, 7, 9, 11];

/// Characters left out of the alphabet on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Exclude {
    /// `I`, `l`, `1`, `O` and `0`.
    Ambiguous,
}

impl Exclude {
    pub fn as_str(self) -> &'static str {
        match self {
            Exclude::Ambiguous => "ambiguous",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenerateOptions {
    /// In the policy's length unit. Default: the larger of the policy's minimum, `DEFAULT_LENGTH`
    /// and the number of required characters, capped by the policy's maximum.
    #[serde(default)]
    pub length: Option<u32>,
    /// How many passwords, 1 to `MAX_COUNT`. Default 1.
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub exclude: Option<Exclude>,
    /// The user's data, for the context, custom dictionary and history rules (and zxcvbn).
    #[serde(default)]
    pub context: Option<Context>,
}

fn one() -> u32 {
    1
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions { length: None, count: 1, exclude: None, context: None }
    }
}

impl GenerateOptions {
    /// Parses options from JSON (`{"length": 24, "count": 5, "exclude": "ambiguous",
    /// "context": {...}}`; `null` or `{}` for the defaults). Errors name the field
    /// (`options.length`, `context.username`) and never repeat a context value.
    pub fn from_json(text: &str) -> Result<GenerateOptions> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            PolicyError::new(
                ErrorCode::InvalidJson,
                Some("options".into()),
                format!("the options are not valid JSON (line {}, column {})", e.line(), e.column()),
            )
        })?;
        let obj = match value {
            Value::Null => return Ok(GenerateOptions::default()),
            Value::Object(o) => o,
            _ => return Err(PolicyError::field("options", "expected an object")),
        };
        let mut out = GenerateOptions::default();
        let number = |key: &str, v: &Value| -> Result<Option<u32>> {
            match v {
                Value::Null => Ok(None),
                _ => v
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(Some)
                    .ok_or_else(|| PolicyError::field(format!("options.{key}"), "expected a whole number")),
            }
        };
        for (key, v) in &obj {
            match key.as_str() {
                "length" => out.length = number(key, v)?,
                "count" => out.count = number(key, v)?.unwrap_or(1),
                "exclude" => {
                    out.exclude = match v {
                        Value::Null => None,
                        Value::String(s) if s == "ambiguous" => Some(Exclude::Ambiguous),
                        _ => return Err(PolicyError::field("options.exclude", "expected \"ambiguous\" or null")),
                    }
                }
                "context" => {
                    out.context = match v {
                        Value::Null => None,
                        _ => Some(Context::from_json(&v.to_string())?),
                    }
                }
                other => {
                    return Err(PolicyError::field(
                        format!("options.{other}"),
                        format!("unknown option `{other}`; expected length, count, exclude or context"),
                    ))
                }
            }
        }
        Ok(out)
    }
}

/// Generated passwords and what they were made from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Generated {
    pub passwords: Vec<String>,
    /// The length of each password in the policy's unit (also its length in graphemes and code
    /// points, and in UTF-16 units unless a requirement forced a character outside the BMP).
    pub length: u32,
    /// The characters the free positions were drawn from, in code point order.
    pub alphabet: String,
    pub alphabet_size: u32,
    /// A lower bound on the entropy of each password, in bits:
    /// `free × log2(alphabetSize − excluded)`, where `free` is the fewest positions filled from
    /// the whole alphabet in any of these passwords (the length minus the required characters
    /// placed first) and `excluded` is the most characters a position may have to avoid: 2 with
    /// a `maxRepeat` rule shorter than the password (its two neighbours), plus, with a
    /// `maxSequence` rule shorter than the password, 4 × the most alphabet characters that count
    /// as one letter (`c` and `C`; a digit is one character): those one step from either
    /// neighbour (`b`, `B`, `d`, `D` next to `c`). With `minUnique` N, up to N of the free
    /// positions (the last ones) may have to avoid the N − 1 characters used already too. The
    /// required characters, their positions and the rare passwords redrawn for the luck rules are
    /// not counted.
    pub entropy_bits: f64,
}

/// Generates passwords for a policy, from the platform CSPRNG. The policy is validated first:
/// an unsatisfiable policy, or options that no password of the policy can meet, give an
/// `unsatisfiable` error naming the conflict.
pub fn generate(policy: &Policy, options: &GenerateOptions) -> Result<Generated> {
    let checker = Checker::compile(policy)?;
    generate_with_checker(&checker, options)
}

/// `generate` for an already compiled policy (the JS `PasswordPolicy` object keeps one).
pub fn generate_with_checker(checker: &Checker, options: &GenerateOptions) -> Result<Generated> {
    let mut rng = OsRandom::new();
    generate_with(checker, options, &mut rng)
}

/// `generate` with any random source: only for tests with a deterministic source.
pub(crate) fn generate_with(
    checker: &Checker,
    options: &GenerateOptions,
    rng: &mut dyn RandomSource,
) -> Result<Generated> {
    if options.count == 0 {
        return Err(PolicyError::field("options.count", format!("must be 1 to {MAX_COUNT}")));
    }
    if options.count > MAX_COUNT {
        return Err(PolicyError::new(
            ErrorCode::TooLarge,
            Some("options.count".into()),
            format!("at most {MAX_COUNT} passwords per call, not {}", options.count),
        ));
    }
    let default_ctx = Context::default();
    let ctx = options.context.as_ref().unwrap_or(&default_ctx);
    let plan = Plan::new(checker.policy(), options, ctx)?;
    if plan.fill.len() < 2 {
        // One character to draw from: every password would be the same (entropy 0).
        return Err(PolicyError::unsatisfiable(
            "allowed",
            format!(
                "the policy leaves {} to draw passwords from: every generated password would be the same",
                if plan.fill.is_empty() { "no character" } else { "one character" }
            ),
        ));
    }
    let mut passwords = Vec::with_capacity(options.count as usize);
    let mut fewest_free = usize::MAX;
    for _ in 0..options.count {
        let (pw, free) = plan.one(checker, ctx, rng)?;
        passwords.push(pw);
        fewest_free = fewest_free.min(free);
    }
    let size = plan.fill.len();
    let excluded = plan.excluded();
    let per_char = (size.saturating_sub(excluded).max(1) as f64).log2();
    // Positions that may have to take a new character (`minUnique`): at most N, the last free ones.
    let unique = plan.limits.unique.map_or(0, |n| n as usize).saturating_sub(1);
    let per_new = (size.saturating_sub(excluded + unique).max(1) as f64).log2();
    let entropy_bits = if fewest_free == usize::MAX {
        0.0
    } else if unique == 0 {
        fewest_free as f64 * per_char
    } else {
        let forced = fewest_free.min(unique + 1);
        (fewest_free - forced) as f64 * per_char + forced as f64 * per_new
    };
    Ok(Generated {
        passwords,
        length: plan.length,
        alphabet: plan.fill.iter().collect(),
        alphabet_size: u32::try_from(size).unwrap_or(u32::MAX),
        entropy_bits,
    })
}

/// What to look for, for one requirement.
#[derive(Debug, Clone)]
enum Matcher {
    Class(CharClass),
    Set(CharSet),
}

struct Demand {
    matcher: Matcher,
    min: u32,
    path: String,
}

/// Everything that does not change from one password to the next.
struct Plan {
    length: u32,
    unit: LengthUnit,
    fill: Vec<char>,
    demands: Demands,
    /// Wider pools for `Mode::Cover`, when the required characters may not fit the length.
    cover: Option<Demands>,
    limits: Limits,
    strength: bool,
    exclude_note: &'static str,
}

/// An N-of-M rule: how many of its demands are still required, and their range in the demand list.
type Choice = (u32, std::ops::Range<usize>);

/// The demands of a policy on the characters: the class and set minimums first (all mandatory,
/// how many: the second value), then each N-of-M rule's requirements, with the number still
/// required and the range of its demands (a requirement with a zero minimum is met already).
fn requirements(p: &Policy) -> (Vec<Demand>, usize, Vec<Choice>) {
    let mut list: Vec<Demand> = Vec::new();
    for (i, c) in p.classes.iter().enumerate().filter(|(_, c)| c.min > 0) {
        list.push(Demand { matcher: Matcher::Class(c.class), min: c.min, path: format!("classes[{i}]") });
    }
    for (i, s) in p.sets.iter().enumerate().filter(|(_, s)| s.min > 0) {
        list.push(Demand { matcher: Matcher::Set(s.chars.clone()), min: s.min, path: format!("sets[{i}]") });
    }
    let mandatory = list.len();
    let mut rules: Vec<Choice> = Vec::new();
    for (i, t) in p.types.iter().enumerate() {
        let start = list.len();
        let mut trivially_met = 0;
        for (j, r) in t.of.iter().enumerate() {
            let matcher = match (&r.class, &r.chars) {
                (Some(c), _) => Matcher::Class(*c),
                (None, Some(s)) => Matcher::Set(s.clone()),
                (None, None) => continue,
            };
            if r.min == 0 {
                trivially_met += 1;
                continue;
            }
            list.push(Demand { matcher, min: r.min, path: format!("types[{i}].of[{j}]") });
        }
        let required = t.required.saturating_sub(trivially_met);
        if required > 0 {
            rules.push((required, start..list.len()));
        }
    }
    (list, mandatory, rules)
}

/// The length below which zxcvbn rates every password under the policy's `minStrength` (0 without one).
fn strength_length(p: &Policy) -> u32 {
    p.min_strength.and_then(|s| MIN_LENGTH_FOR_SCORE.get(usize::from(s)).copied()).unwrap_or(0)
}

/// The length to generate: the one asked for (within the policy's range and the generator's
/// limit), or the default: at least 20, the policy's minimum, what the requirements need
/// (`bound`) and what the strength asks for, at most the policy's maximum.
fn choose_length(p: &Policy, options: &GenerateOptions, bound: u32) -> Result<u32> {
    let min = p.length.min.unwrap_or(0);
    let max = p.length.max;
    let strength_len = strength_length(p);
    let length = match options.length {
        Some(0) => return Err(PolicyError::field("options.length", "must be at least 1")),
        Some(l) if l > MAX_LENGTH => {
            return Err(PolicyError::new(
                ErrorCode::TooLarge,
                Some("options.length".into()),
                format!("at most {MAX_LENGTH} characters, not {l}"),
            ))
        }
        Some(l) if l < min => {
            return Err(PolicyError::unsatisfiable(
                "options.length",
                format!("the requested length {l} is below the policy's minimum length {min}"),
            ))
        }
        Some(l) if max.is_some_and(|m| l > m) => {
            return Err(PolicyError::unsatisfiable(
                "options.length",
                format!("the requested length {l} is above the policy's maximum length {}", max.unwrap_or(0)),
            ))
        }
        Some(l) => l,
        None => {
            if min > MAX_LENGTH {
                return Err(PolicyError::new(
                    ErrorCode::TooLarge,
                    Some("length.min".into()),
                    format!("the policy's minimum length {min} is beyond the generator's limit of {MAX_LENGTH}"),
                ));
            }
            let unique = p.min_unique.unwrap_or(0);
            let want = min.max(DEFAULT_LENGTH).max(bound).max(strength_len).max(unique).min(MAX_LENGTH);
            max.map_or(want, |m| want.min(m)).max(1)
        }
    };
    Ok(length)
}

/// Whether passwords of `length` can be made at all: long enough for the strength asked, for the
/// required characters, with characters left to fill with and, with one character only, no run
/// longer than the policy allows. Each failure is `unsatisfiable` at the field to change.
fn feasible(
    p: &Policy,
    options: &GenerateOptions,
    length: u32,
    demands: &Demands,
    bound: u32,
    fill: &[char],
    exclude_note: &str,
) -> Result<()> {
    let max = p.length.max;
    let strength_len = strength_length(p);
    if let Some(s) = p.min_strength {
        if length < strength_len {
            return Err(PolicyError::unsatisfiable(
                "minStrength",
                format!(
                    "a strength of {s} needs at least {strength_len} characters (zxcvbn rates every password of {length} \
                     characters below {s}); {}",
                    if options.length.is_some() {
                        format!("ask for a length of {strength_len} or more")
                    } else {
                        format!("the policy's maximum length {} is too short", max.unwrap_or(length))
                    }
                ),
            ));
        }
    }
    if u64::from(length) < demands.placement_floor() {
        return Err(PolicyError::unsatisfiable(
            "length",
            format!(
                "a requirement alone needs {}, more than the length {length}{exclude_note}",
                plural(demands.placement_floor(), "character", "characters")
            ),
        ));
    }
    if let Some(n) = p.min_unique {
        if length < n {
            return Err(PolicyError::unsatisfiable(
                if options.length.is_some() { "options.length" } else { "minUnique" },
                format!("{n} different characters need a password of at least {n} characters, not {length}"),
            ));
        }
        if demands.universe.len() < n as usize {
            return Err(PolicyError::unsatisfiable(
                "minUnique",
                format!(
                    "requires {n} different characters but the generator can use only {}{exclude_note}",
                    plural(demands.universe.len() as u64, "character", "characters")
                ),
            ));
        }
    }
    if fill.is_empty() && length > bound {
        return Err(PolicyError::unsatisfiable(
            if p.allowed.is_some() { "allowed" } else { "forbidden" },
            format!("no character the policy allows is left to generate from{exclude_note}"),
        ));
    }
    if let Some(m) = p.max_repeat {
        if demands.universe.len() == 1 && length > m {
            return Err(PolicyError::unsatisfiable(
                "maxRepeat",
                format!(
                    "only one character ({}) can be used{exclude_note}, and no character may repeat more than {m} \
                     times in a row, so no password is longer than {m}; the length is {length}",
                    quote(&demands.universe)
                ),
            ));
        }
    }
    Ok(())
}

/// The characters that can meet each demand (`meets`): the preferred ones, else the fallback
/// tiers (ASCII literals, then characters of the classes still unmet), and those tiers. A
/// mandatory demand, or an N-of-M rule, that no character can meet is `unsatisfiable`.
fn pools(
    list: &[Demand],
    mandatory: usize,
    rules: &[Choice],
    preferred: &[char],
    filter: &alphabet::Filter,
    meets: &dyn Fn(&Matcher, char) -> bool,
    exclude_note: &str,
) -> Result<(Vec<Vec<char>>, Vec<char>)> {
    let mut pools: Vec<Vec<char>> =
        list.iter().map(|d| preferred.iter().copied().filter(|c| meets(&d.matcher, *c)).collect()).collect();
    let mut fallback: Vec<char> = Vec::new();
    let short = |pools: &[Vec<char>]| pools.iter().any(Vec::is_empty) || preferred.len() < 3;
    if short(&pools) {
        fallback = alphabet::fallback_literals(filter, preferred);
        let refill = |pools: &mut Vec<Vec<char>>, extra: &[char]| {
            for (pool, d) in pools.iter_mut().zip(list) {
                if pool.is_empty() {
                    pool.extend(extra.iter().copied().filter(|c| meets(&d.matcher, *c)));
                }
            }
        };
        refill(&mut pools, &fallback);
        // Classes to look for beyond ASCII: those of the requirements still unmet, or all of
        // them when almost nothing is left to fill with.
        let mut wanted: Vec<CharClass> = Vec::new();
        for (pool, d) in pools.iter().zip(list) {
            match (&d.matcher, pool.is_empty()) {
                (Matcher::Class(c), true) => wanted.push(*c),
                (Matcher::Set(s), true) => wanted.extend(s.classes.iter().copied()),
                _ => {}
            }
        }
        if preferred.len() + fallback.len() < 3 {
            wanted.extend(CharClass::ALL);
        }
        if !wanted.is_empty() {
            let mut seen: Vec<char> = preferred.to_vec();
            seen.extend(fallback.iter().copied());
            seen.sort_unstable();
            let more = alphabet::fallback_classes(filter, &seen, &wanted);
            refill(&mut pools, &more);
            fallback.extend(more);
            fallback.sort_unstable();
            fallback.dedup();
        }
    }
    for (i, (pool, d)) in pools.iter_mut().zip(list).enumerate() {
        pool.sort_unstable();
        pool.dedup();
        if pool.is_empty() && i < mandatory {
            return Err(PolicyError::unsatisfiable(
                d.path.clone(),
                format!(
                    "requires {} but no character the policy allows can be generated for it{exclude_note} \
                     (the generator uses characters that stand on their own: no controls, marks or joiners)",
                    describe(&d.matcher, d.min)
                ),
            ));
        }
    }
    for (i, (n, range)) in rules.iter().enumerate() {
        let possible = range.clone().filter(|d| pools.get(*d).is_some_and(|p| !p.is_empty())).count() as u32;
        if possible < *n {
            let path = list
                .get(range.start)
                .map_or_else(|| format!("types[{i}]"), |d| d.path.split(".of").next().unwrap_or("types").to_string());
            return Err(PolicyError::unsatisfiable(
                path,
                format!("needs {n} more of its requirements but only {possible} can be met with the characters the policy allows{exclude_note}"),
            ));
        }
    }
    Ok((pools, fallback))
}

fn quote(chars: &[char]) -> String {
    let s: String = chars.iter().take(40).collect();
    if chars.len() > 40 {
        format!("“{s}…”")
    } else {
        format!("“{s}”")
    }
}

impl Plan {
    fn new(p: &Policy, options: &GenerateOptions, ctx: &Context) -> Result<Plan> {
        let exclude_ambiguous = options.exclude == Some(Exclude::Ambiguous);
        let filter = alphabet::Filter::new(p, exclude_ambiguous, ctx);
        let exclude_note = match (exclude_ambiguous, filter.bans_tokens()) {
            (true, true) => {
                " once the ambiguous characters Il1O0 and the one-character dictionary or context words are left out"
            }
            (true, false) => " once the ambiguous characters Il1O0 are left out (exclude: ambiguous)",
            (false, true) => " once the one-character dictionary or context words are left out",
            (false, false) => "",
        };

        let (list, mandatory, rules) = requirements(p);

        // Kinds are looked up many times per character (once per requirement): remember them.
        let kinds: std::cell::RefCell<std::collections::HashMap<char, crate::policy::Kind>> = Default::default();
        let meets = |m: &Matcher, c: char| {
            let k = *kinds.borrow_mut().entry(c).or_insert_with(|| filter.kind(c));
            match m {
                Matcher::Class(cl) => cl.contains(k),
                Matcher::Set(s) => s.contains(c, k),
            }
        };

        // Pools: preferred characters first, then the fallback tiers for what they cannot meet.
        let preferred = alphabet::preferred(&filter);
        let (pools, fallback) = pools(&list, mandatory, &rules, &preferred, &filter, &meets, exclude_note)?;

        // The fill alphabet.
        let mut fill: Vec<char> = preferred.clone();
        if fill.len() < 3 {
            fill.extend(fallback.iter().copied().filter(|c| c.len_utf16() == 1));
            fill.sort_unstable();
            fill.dedup();
        }

        // Every placeable character and the demands it meets.
        let build = |pools: Vec<Vec<char>>| {
            let mut universe: Vec<char> = fill.clone();
            for pool in &pools {
                universe.extend(pool.iter().copied());
            }
            universe.sort_unstable();
            universe.dedup();
            let member: Vec<Vec<bool>> =
                universe.iter().map(|c| list.iter().map(|d| meets(&d.matcher, *c)).collect()).collect();
            Demands {
                pools,
                mins: list.iter().map(|d| d.min).collect(),
                mandatory,
                rules: rules.clone(),
                universe,
                member,
                preferred: preferred.clone(),
            }
        };
        let demands = build(pools);

        // The length.
        let bound = u32::try_from(demands.placement_bound()).unwrap_or(u32::MAX);
        let length = choose_length(p, options, bound)?;
        feasible(p, options, length, &demands, bound, &fill, exclude_note)?;
        // When the required characters might not fit, a second set of pools for `Mode::Cover`:
        // every character the generator can use (the fallback tiers too), so that one character
        // can meet several requirements (`§` is a symbol and in a set).
        let cover = if u64::from(length) < demands.placement_bound() {
            let mut everything: Vec<char> = preferred.clone();
            everything.extend(alphabet::fallback_literals(&filter, &preferred));
            everything.sort_unstable();
            everything.dedup();
            let wanted: Vec<CharClass> = list
                .iter()
                .flat_map(|d| match &d.matcher {
                    Matcher::Class(c) => vec![*c],
                    Matcher::Set(s) => s.classes.clone(),
                })
                .collect();
            let more = alphabet::fallback_classes(&filter, &everything, &wanted);
            everything.extend(more);
            everything.sort_unstable();
            everything.dedup();
            Some(build(
                list.iter().map(|d| everything.iter().copied().filter(|c| meets(&d.matcher, *c)).collect()).collect(),
            ))
        } else {
            None
        };
        Ok(Plan {
            length,
            cover,
            unit: p.length.unit,
            fill,
            demands,
            limits: Limits { repeat: p.max_repeat, sequence: p.max_sequence, unique: p.min_unique },
            strength: p.min_strength.is_some(),
            exclude_note,
        })
    }

    /// The most characters of the fill alphabet one position may have to avoid to keep the runs
    /// within the limits (see `Generated::entropy_bits`).
    fn excluded(&self) -> usize {
        let shorter = |limit: Option<u32>| limit.is_some_and(|m| m < self.length);
        let repeat = if shorter(self.limits.repeat) { 2 } else { 0 };
        let sequence = if shorter(self.limits.sequence) {
            // The most fill characters with one sequence key (`a` and `A`).
            let mut keys: Vec<_> = self.fill.iter().filter_map(|c| crate::check::sequence::key(*c)).collect();
            keys.sort_unstable();
            let most = keys.chunk_by(|a, b| a == b).map(<[_]>::len).max().unwrap_or(0);
            4 * most
        } else {
            0
        };
        repeat + sequence
    }

    /// Length of `chars` in the policy's unit.
    fn units(&self, chars: &[char]) -> usize {
        match self.unit {
            LengthUnit::Utf16 => chars.iter().map(|c| c.len_utf16()).sum(),
            LengthUnit::Graphemes | LengthUnit::CodePoints => chars.len(),
        }
    }

    /// One password that passes the checker, and how many of its characters were free.
    fn one(&self, checker: &Checker, ctx: &Context, rng: &mut dyn RandomSource) -> Result<(String, usize)> {
        /// Why the last attempt did not give a password.
        enum Failure {
            /// The required characters took this many units, more than the length.
            TooLong(usize),
            /// `arrange` found no layout within `maxRepeat`, `maxSequence` and `minUnique` (a tiny
            /// alphabet).
            Stuck,
            /// The checker's failed rules.
            Rules(Vec<&'static str>),
        }
        let length = self.length as usize;
        let mut last = Failure::Stuck;
        for _ in 0..MAX_ATTEMPTS {
            let mut required = self.demands.place(Mode::Random, rng)?;
            if self.units(&required) > length {
                required = self.cover.as_ref().unwrap_or(&self.demands).place(Mode::Cover, rng)?;
                if self.units(&required) > length {
                    last = Failure::TooLong(self.units(&required));
                    continue;
                }
            }
            // Characters outside the BMP take two UTF-16 units.
            let n = length - (self.units(&required) - required.len());
            let Some(chars) = arrange(&required, n, &self.fill, self.limits, rng)? else {
                last = Failure::Stuck;
                continue;
            };
            let password: String = chars.iter().collect();
            let report =
                if self.strength { checker.check(&password, ctx) } else { checker.check_rules(&password, ctx) };
            if report.ok {
                return Ok((password, n - required.len()));
            }
            last = Failure::Rules(report.violations.iter().map(|v| v.id).collect());
        }
        Err(match last {
            Failure::TooLong(units) => PolicyError::unsatisfiable(
                "length",
                format!(
                    "the required characters do not fit in {length} (the generator needs {} for them, sharing characters \
                     between requirements where it can){}",
                    plural(units as u64, "position", "positions"),
                    self.exclude_note
                ),
            ),
            Failure::Stuck => {
                let (path, rule) = match (self.limits.repeat, self.limits.sequence) {
                    (Some(m), None) => {
                        ("maxRepeat", format!(" without repeating a character more than {m} times in a row"))
                    }
                    (None, Some(s)) => ("maxSequence", format!(" without a sequence (abc, 321) longer than {s}")),
                    (Some(m), Some(s)) => (
                        "maxRepeat",
                        format!(
                            " without repeating a character more than {m} times in a row or a sequence (abc, 321) \
                             longer than {s}"
                        ),
                    ),
                    (None, None) => ("allowed", String::new()),
                };
                let (path, rule) = match self.limits.unique {
                    Some(u) if u > 1 => {
                        let and = if rule.is_empty() { String::new() } else { format!("{rule} and") };
                        let path = if rule.is_empty() { "minUnique" } else { path };
                        (path, format!("{and} with {u} different characters"))
                    }
                    _ => (path, rule),
                };
                PolicyError::unsatisfiable(
                    path,
                    format!(
                        "could not lay out a password of {length} characters from the characters {}{rule}{}",
                        quote(&self.fill),
                        self.exclude_note
                    ),
                )
            }
            Failure::Rules(ids) => {
                let path = match ids.first().copied().unwrap_or("") {
                    id if id.starts_with("dictionary") => "dictionary",
                    id if id.starts_with("context") => "context",
                    id if id.starts_with("history") => "history",
                    id if id.starts_with("strength") => "minStrength",
                    id if id.starts_with("repeat") => "maxRepeat",
                    id if id.starts_with("sequence") => "maxSequence",
                    "chars.unique" => "minUnique",
                    _ => "",
                };
                PolicyError::unsatisfiable(
                    path,
                    format!(
                        "{MAX_ATTEMPTS} random passwords of length {length} in a row failed {}: the policy's dictionary, \
                         context or strength rules leave too few passwords of this length{}",
                        ids.join(", "),
                        if self.strength { "; try a longer length" } else { "" }
                    ),
                )
            }
        })
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn describe(m: &Matcher, min: u32) -> String {
    let n = u64::from(min);
    match m {
        Matcher::Class(c) => plural(n, c.noun(), c.plural()),
        Matcher::Set(s) => {
            let chars: Vec<char> = s.literal_chars();
            let what = plural(n, "character", "characters");
            if chars.is_empty() {
                format!("{what} of a set")
            } else {
                format!("{what} of {}", quote(&chars))
            }
        }
    }
}

#[cfg(test)]
mod tests;
