//! The random source of the generator and unbiased selection from it.
//!
//! Production randomness comes only from the platform CSPRNG through `getrandom` (the OS source
//! natively, `crypto.getRandomValues` in browsers and Node on wasm32). Nothing here is seeded or
//! time-based. The `RandomSource` trait exists so that tests can drive the selection logic with a
//! deterministic source; the public `generate` functions always use `OsRandom`.

use crate::error::{ErrorCode, PolicyError, Result};

/// A source of uniformly random 32-bit words.
pub trait RandomSource {
    fn next_u32(&mut self) -> Result<u32>;
}

/// The platform CSPRNG, read 256 bytes at a time (one call into the OS or into JavaScript per 64
/// words instead of one per word).
pub struct OsRandom {
    buf: [u8; 256],
    pos: usize,
}

impl OsRandom {
    pub fn new() -> Self {
        OsRandom { buf: [0; 256], pos: 256 }
    }
}

impl Default for OsRandom {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for OsRandom {
    // Never print buffered random bytes: they are the next passwords' characters.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OsRandom")
    }
}

impl Drop for OsRandom {
    fn drop(&mut self) {
        self.buf = [0; 256];
    }
}

/// The error when the platform random source fails (no `crypto.getRandomValues`, an OS error).
pub fn random_unavailable(detail: impl std::fmt::Display) -> PolicyError {
    PolicyError::new(
        ErrorCode::InvalidField,
        None,
        format!("the platform's cryptographic random source is unavailable ({detail}); no password was generated"),
    )
}

impl RandomSource for OsRandom {
    fn next_u32(&mut self) -> Result<u32> {
        if self.pos + 4 > self.buf.len() {
            getrandom::getrandom(&mut self.buf).map_err(random_unavailable)?;
            self.pos = 0;
        }
        let word = self.buf.get(self.pos..self.pos + 4).and_then(|b| <[u8; 4]>::try_from(b).ok());
        self.pos += 4;
        word.map(u32::from_le_bytes).ok_or_else(|| random_unavailable("buffer"))
    }
}

/// Draws that may be rejected in a row before the source is declared broken. With a working
/// source a draw is rejected with probability below 1/2 (below 2^-22 for n < 1000), so this
/// bound is never reached; it only turns a stuck source into an error instead of a hang.
const MAX_REJECTIONS: u32 = 128;

/// A uniformly random integer in `0..n`, without modulo bias: a 32-bit word is accepted only
/// below the largest multiple of `n` that fits in 2^32 (rejection sampling), then reduced mod `n`.
/// Every residue then has exactly `floor(2^32 / n)` accepted words. `n == 1` draws nothing.
pub fn uniform_below(rng: &mut dyn RandomSource, n: u32) -> Result<u32> {
    match n {
        0 => Err(PolicyError::field("n", "cannot choose from an empty range")),
        1 => Ok(0),
        _ => {
            let range = 1u64 << 32;
            let n64 = u64::from(n);
            let limit = range - range % n64;
            for _ in 0..MAX_REJECTIONS {
                let x = u64::from(rng.next_u32()?);
                if x < limit {
                    return Ok((x % n64) as u32);
                }
            }
            Err(random_unavailable("the source keeps returning out-of-range words"))
        }
    }
}

/// A uniformly random element of `items`.
pub fn choose<T: Copy>(rng: &mut dyn RandomSource, items: &[T]) -> Result<T> {
    let n = u32::try_from(items.len()).map_err(|_| PolicyError::field("n", "too many items to choose from"))?;
    let i = uniform_below(rng, n)?;
    items.get(i as usize).copied().ok_or_else(|| PolicyError::field("n", "cannot choose from an empty list"))
}

/// Unbiased in-place Fisher–Yates shuffle: every permutation has probability 1/len!.
pub fn shuffle<T>(rng: &mut dyn RandomSource, items: &mut [T]) -> Result<()> {
    for i in (1..items.len()).rev() {
        let bound = u32::try_from(i + 1).map_err(|_| PolicyError::field("n", "too many items to shuffle"))?;
        let j = uniform_below(rng, bound)? as usize;
        items.swap(i, j);
    }
    Ok(())
}

/// SplitMix64: a small deterministic generator, for tests only (never used by `generate`).
#[cfg(test)]
pub(crate) struct SplitMix(pub u64);

#[cfg(test)]
impl RandomSource for SplitMix {
    fn next_u32(&mut self) -> Result<u32> {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(((z ^ (z >> 31)) >> 32) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replays a fixed list of words.
    struct Script(Vec<u32>);
    impl RandomSource for Script {
        fn next_u32(&mut self) -> Result<u32> {
            if self.0.is_empty() {
                return Err(random_unavailable("script exhausted"));
            }
            Ok(self.0.remove(0))
        }
    }

    #[test]
    fn rejects_the_biased_tail() {
        // n = 3: 2^32 % 3 == 1, so only u32::MAX is rejected.
        let mut s = Script(vec![u32::MAX, 7]);
        assert_eq!(uniform_below(&mut s, 3).unwrap(), 1);
        assert!(s.0.is_empty());
        // n = 3 * 2^30: the accepted words are 0 .. 3 * 2^30; everything above is redrawn.
        let n = 3u32 << 30;
        let mut s = Script(vec![n, u32::MAX, n - 1]);
        assert_eq!(uniform_below(&mut s, n).unwrap(), n - 1);
        // A power of two never rejects.
        let mut s = Script(vec![u32::MAX]);
        assert_eq!(uniform_below(&mut s, 1 << 20).unwrap(), (1 << 20) - 1);
        // n = 1 draws nothing; n = 0 is an error.
        let mut s = Script(vec![]);
        assert_eq!(uniform_below(&mut s, 1).unwrap(), 0);
        assert!(uniform_below(&mut s, 0).is_err());
    }

    #[test]
    fn a_stuck_source_is_an_error_not_a_hang() {
        struct Stuck;
        impl RandomSource for Stuck {
            fn next_u32(&mut self) -> Result<u32> {
                Ok(u32::MAX)
            }
        }
        assert!(uniform_below(&mut Stuck, 3).is_err());
    }

    #[test]
    fn every_residue_gets_the_same_number_of_words() {
        // The accepted words 0..limit split into exactly limit / n per residue, for any n.
        for n in [3u64, 7, 10, 62, 94, 1000, 3 << 30, (1 << 32) - 1] {
            let range = 1u64 << 32;
            let limit = range - range % n;
            assert_eq!(limit % n, 0, "n = {n}");
            assert!(range - limit < n);
        }
    }

    #[test]
    fn no_modulo_bias_for_a_large_non_power_of_two() {
        // n = 3 * 2^30: plain `x % n` would give the lowest third of the range twice the weight
        // (0 .. 2^30 is hit by x and by x + n). Bucket the indices by thirds: they must be even.
        let n = 3u32 << 30;
        let mut rng = SplitMix(42);
        let mut buckets = [0u32; 3];
        let draws = 300_000;
        for _ in 0..draws {
            let i = uniform_below(&mut rng, n).unwrap();
            buckets[(i >> 30) as usize] += 1;
        }
        let expected = f64::from(draws) / 3.0;
        let chi2: f64 = buckets.iter().map(|&b| (f64::from(b) - expected).powi(2) / expected).sum();
        // df = 2, critical value at p = 0.001 is 13.816. Modulo bias would give chi2 ≈ 37,500.
        assert!(chi2 < 13.816, "chi2 = {chi2}, buckets {buckets:?}");
    }

    #[test]
    fn shuffle_is_uniform_over_permutations() {
        let mut rng = SplitMix(7);
        let mut counts = std::collections::BTreeMap::new();
        let trials = 60_000;
        for _ in 0..trials {
            let mut v = [0u8, 1, 2];
            shuffle(&mut rng, &mut v).unwrap();
            *counts.entry(v).or_insert(0u32) += 1;
        }
        assert_eq!(counts.len(), 6);
        let expected = f64::from(trials) / 6.0;
        let chi2: f64 = counts.values().map(|&c| (f64::from(c) - expected).powi(2) / expected).sum();
        // df = 5, critical value at p = 0.001 is 20.515.
        assert!(chi2 < 20.515, "chi2 = {chi2}");
    }

    #[test]
    fn os_source_works() {
        let mut rng = OsRandom::new();
        let words: Vec<u32> = (0..200).map(|_| rng.next_u32().unwrap()).collect();
        let distinct: std::collections::BTreeSet<u32> = words.iter().copied().collect();
        assert!(distinct.len() > 190);
        assert_eq!(format!("{rng:?}"), "OsRandom");
    }
}
