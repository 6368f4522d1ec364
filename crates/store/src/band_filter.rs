//! A Bloom filter of the LSH band keys a store holds, so that an ingest looks up only the
//! band keys that may have a match.
//!
//! Each report has [`near::BANDS`] band keys, and nearly all of a new report's keys match
//! nothing stored (only copies of one story share them). Looking every key up in
//! `report_bands` was a tenth of the SQLite writing thread's instructions (callgrind, 2,000
//! synthetic reports); with the filter, a key that is surely absent costs three bit tests.
//!
//! The filter never answers "absent" for a stored key: it holds the keys of every report up to
//! [`BandFilter::covered`] (reports have increasing keys), a backend adds the keys of newer
//! reports before asking (`catch_up`, from their stored signatures, so reports written by other
//! processes are covered too), and keys of a transaction that rolls back stay as harmless false
//! positives. It starts at 2 MiB and is rebuilt four times larger when it holds more than one
//! key per ten bits (a false positive rate under 2 %).

use crate::near::{self, Signature};

/// Bits of a new filter (2 MiB).
const INITIAL_BITS: usize = 1 << 24;
/// Bits per key below which the filter asks to be rebuilt larger.
const MIN_BITS_PER_KEY: usize = 10;

/// A Bloom filter of band keys, with the report key up to which it is complete.
#[derive(Debug, Clone)]
pub(crate) struct BandFilter {
    words: Vec<u64>,
    keys: usize,
    covered: i64,
}

impl Default for BandFilter {
    fn default() -> BandFilter {
        BandFilter::with_bits(INITIAL_BITS)
    }
}

/// The three bit positions of `key` in a filter of `bits` bits (a power of two).
fn positions(key: i64, bits: usize) -> [usize; 3] {
    // Band keys are hashes already; one more mix spreads their low bits over three probes.
    let mut h = key as u64;
    h ^= h >> 31;
    h = h.wrapping_mul(0x7fb5_d329_728e_a185);
    h ^= h >> 27;
    h = h.wrapping_mul(0x81da_def4_bc2d_d44d);
    h ^= h >> 33;
    let mask = (bits - 1) as u64;
    [
        (h & mask) as usize,
        ((h >> 21) & mask) as usize,
        (h.rotate_left(22) & mask) as usize,
    ]
}

impl BandFilter {
    fn with_bits(bits: usize) -> BandFilter {
        debug_assert!(bits.is_power_of_two() && bits >= 64);
        BandFilter {
            words: vec![0; bits / 64],
            keys: 0,
            covered: 0,
        }
    }

    fn bits(&self) -> usize {
        self.words.len() * 64
    }

    /// The report key up to which every stored report's band keys are in the filter.
    pub fn covered(&self) -> i64 {
        self.covered
    }

    /// Say that the filter is complete up to report `rk` only (after a rollback: it holds the
    /// keys of later reports that were never committed, whose keys others may reuse).
    pub fn set_covered(&mut self, rk: i64) {
        self.covered = rk;
    }

    /// Record that every report up to `rk` is in the filter.
    pub fn cover(&mut self, rk: i64) {
        self.covered = self.covered.max(rk);
    }

    /// True when the filter is too full and should be rebuilt (see [`BandFilter::rebuilt`]).
    pub fn is_full(&self) -> bool {
        self.keys * MIN_BITS_PER_KEY > self.bits()
    }

    /// An empty filter four times larger than this one, covering nothing.
    pub fn rebuilt(&self) -> BandFilter {
        BandFilter::with_bits(self.bits() * 4)
    }

    /// Add one band key.
    pub fn insert(&mut self, key: i64) {
        let bits = self.bits();
        for p in positions(key, bits) {
            self.words[p / 64] |= 1 << (p % 64);
        }
        self.keys += 1;
    }

    /// Add the band keys of a signature.
    pub fn insert_signature(&mut self, sig: &Signature) {
        for k in near::band_keys(sig) {
            self.insert(k);
        }
    }

    /// False when `key` is surely not stored (among the covered reports).
    pub fn may_contain(&self, key: i64) -> bool {
        let bits = self.bits();
        positions(key, bits)
            .iter()
            .all(|&p| self.words[p / 64] & (1 << (p % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(i: u64) -> i64 {
        (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 6) as i64
    }

    #[test]
    fn inserted_keys_are_always_found_and_others_rarely() {
        let mut f = BandFilter::with_bits(1 << 20);
        for i in 0..50_000 {
            f.insert(key(i));
        }
        assert!((0..50_000).all(|i| f.may_contain(key(i))));
        let false_positives = (1_000_000..1_100_000)
            .filter(|&i| f.may_contain(key(i)))
            .count();
        // 20 bits a key, three probes: about 0.3 %.
        assert!(false_positives < 1_000, "{false_positives} of 100,000");
        assert!(!f.is_full());
    }

    #[test]
    fn a_full_filter_asks_for_a_larger_one_that_covers_nothing() {
        let mut f = BandFilter::with_bits(1 << 10);
        f.cover(7);
        for i in 0..200 {
            f.insert(key(i));
        }
        assert!(f.is_full());
        let g = f.rebuilt();
        assert_eq!(g.bits(), 1 << 12);
        assert_eq!(g.covered(), 0);
        assert!(!g.may_contain(key(1)));
    }

    #[test]
    fn signatures_add_their_band_keys() {
        let text = "government forces shelled the town of douma in eastern ghouta on friday \
                    killing at least twelve civilians and wounding dozens more";
        let sig = near::signature(text).unwrap();
        let mut f = BandFilter::default();
        assert!(near::band_keys(&sig).iter().all(|&k| !f.may_contain(k)));
        f.insert_signature(&sig);
        assert!(near::band_keys(&sig).iter().all(|&k| f.may_contain(k)));
    }
}
