//! The LSH band keys of the stored reports, in memory, so that an SQLite ingest finds a new
//! report's near-duplicate candidates without a table of band rows.
//!
//! Each report has [`near::BANDS`] band keys. Stored as rows (`report_bands`, one B-tree entry
//! per key, at random places since the keys are hashes), they were a seventh of the writing
//! thread's instructions on a fresh store and a quarter of an ingest's time on a growing one
//! (every key dirties a page of a large index). The signatures are stored with the reports
//! anyway (`reports.minhash`), so the index is rebuilt from them: at a store handle's first
//! ingest, and then only for the reports other handles (processes) wrote since (`catch_up`).
//!
//! An entry is a 32-bit fingerprint of a band key and a report key (8 bytes, ~10 with the
//! table's slack: ~160 bytes a report, 32 MB for the ~200 k reports of 1 M events). Two keys
//! may share a fingerprint; the reports they name are then candidates that the signature
//! comparison of the plan (`near::similarity` against [`near::THRESHOLD`]) turns down, as it
//! does any candidate, so a collision costs a lookup and can never link two stories.

use rustc_hash::FxHashMap;

use crate::near::{self, Signature};

/// Band-key fingerprints and the reports that have them, complete up to a report key.
#[derive(Debug, Default)]
pub(crate) struct BandIndex {
    /// Fingerprint → the first report with it (nearly every fingerprint has one).
    first: FxHashMap<u32, u32>,
    /// Fingerprint → the later reports with it (copies of one story share band keys).
    more: FxHashMap<u32, Vec<u32>>,
    covered: i64,
}

/// The fingerprint of a band key. Band keys are hashes, but their top bits hold the band's
/// number (`near::band_keys`); one more mix (the signatures' own) spreads every bit over the
/// 32 kept.
fn fingerprint(key: i64) -> u32 {
    near::splitmix(key as u64) as u32
}

impl BandIndex {
    /// The report key up to which every stored report's band keys are in the index.
    pub fn covered(&self) -> i64 {
        self.covered
    }

    /// Record that every report up to `rk` is in the index.
    pub fn cover(&mut self, rk: i64) {
        self.covered = self.covered.max(rk);
    }

    /// Add the band keys of report `rk`. Report keys beyond `u32::MAX` (four billion
    /// reports) are refused.
    pub fn insert(&mut self, rk: i64, keys: &[i64]) -> Result<(), String> {
        let rk = u32::try_from(rk).map_err(|_| {
            format!("report key {rk} is beyond the near-duplicate index's 32-bit range")
        })?;
        for &key in keys {
            let f = fingerprint(key);
            match self.first.entry(f) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(rk);
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    if *o.get() != rk {
                        let more = self.more.entry(f).or_default();
                        if !more.contains(&rk) {
                            more.push(rk);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Add the band keys of report `rk`'s signature.
    pub fn insert_signature(&mut self, rk: i64, sig: &Signature) -> Result<(), String> {
        self.insert(rk, &near::band_keys(sig))
    }

    /// The reports that may have band key `key` (every report that has it, and rarely one
    /// whose key shares its fingerprint), in increasing key order.
    pub fn reports_with(&self, key: i64) -> Vec<i64> {
        let f = fingerprint(key);
        let Some(&first) = self.first.get(&f) else {
            return Vec::new();
        };
        let mut out: Vec<i64> = std::iter::once(first)
            .chain(self.more.get(&f).into_iter().flatten().copied())
            .map(i64::from)
            .collect();
        out.sort_unstable();
        out
    }

    /// The number of (fingerprint, report) entries.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.first.len() + self.more.values().map(Vec::len).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(i: u64) -> i64 {
        (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 6) as i64
    }

    #[test]
    fn every_report_with_a_key_is_found_and_others_rarely() {
        let mut ix = BandIndex::default();
        for rk in 1..=20_000 {
            let keys: Vec<i64> = (0..16).map(|b| key(rk * 16 + b)).collect();
            ix.insert(rk as i64, &keys).unwrap();
        }
        for rk in 1..=20_000u64 {
            for b in 0..16 {
                assert!(ix.reports_with(key(rk * 16 + b)).contains(&(rk as i64)));
            }
        }
        // 320,000 fingerprints of 2^32: about 0.0075 % of absent keys collide.
        let false_hits = (1_000_000..1_100_000)
            .filter(|&i| !ix.reports_with(key(i)).is_empty())
            .count();
        assert!(false_hits < 100, "{false_hits} of 100,000");
    }

    #[test]
    fn shared_keys_list_every_report_once_in_key_order() {
        let mut ix = BandIndex::default();
        ix.insert(9, &[key(1), key(2)]).unwrap();
        ix.insert(4, &[key(1)]).unwrap();
        ix.insert(7, &[key(1), key(1)]).unwrap();
        ix.insert(4, &[key(1)]).unwrap();
        assert_eq!(ix.reports_with(key(1)), vec![4, 7, 9]);
        assert_eq!(ix.reports_with(key(2)), vec![9]);
        assert!(ix.reports_with(key(3)).is_empty());
        assert_eq!(ix.len(), 4);
    }

    #[test]
    fn report_keys_beyond_32_bits_are_refused() {
        let mut ix = BandIndex::default();
        assert!(ix.insert(i64::from(u32::MAX) + 1, &[key(1)]).is_err());
        assert!(ix.insert(-1, &[key(1)]).is_err());
        assert!(ix.reports_with(key(1)).is_empty());
    }

    #[test]
    fn signatures_add_their_band_keys() {
        let text = "government forces shelled the town of douma in eastern ghouta on friday \
                    killing at least twelve civilians and wounding dozens more";
        let sig = near::signature(text).unwrap();
        let mut ix = BandIndex::default();
        assert!(near::band_keys(&sig)
            .iter()
            .all(|&k| ix.reports_with(k).is_empty()));
        ix.insert_signature(3, &sig).unwrap();
        ix.cover(3);
        assert!(near::band_keys(&sig)
            .iter()
            .all(|&k| ix.reports_with(k) == vec![3]));
        assert_eq!(ix.covered(), 3);
    }
}
