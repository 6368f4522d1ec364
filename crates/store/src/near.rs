//! Near-duplicate detection: MinHash over word 3-shingles of the normalized text.
//!
//! The same wire story republished by several outlets differs in a headline, a byline, a
//! sentence added or cut. Word shingles of the normalized text survive those edits well: a
//! 200-word story with ten words changed keeps a Jaccard similarity near 0.75, while two
//! different stories on the same town share almost no 3-word sequence.
//!
//! The signature is one-permutation MinHash (Li, Owen & Zhang 2012) with rotation
//! densification (Shrivastava & Li 2014): each shingle is hashed **once** and falls into one of
//! [`BINS`] bins keeping its minimum, so signing costs one hash per word, not one per word and
//! permutation — ingest speed does not depend on it. Candidates are found with LSH banding
//! ([`BANDS`] bands of [`ROWS`] bins: a pair at Jaccard 0.5 becomes a candidate with
//! probability 0.65, at 0.7 with 0.99) and confirmed by the estimated similarity
//! ([`THRESHOLD`]).

/// Bins of a signature.
pub const BINS: usize = 64;
/// LSH bands.
pub const BANDS: usize = 16;
/// Bins per band.
pub const ROWS: usize = BINS / BANDS;
/// Estimated Jaccard similarity at or above which two reports are copies of one story.
pub const THRESHOLD: f64 = 0.5;
/// Reports with fewer shingles than this are too short to compare and start their own story.
pub const MIN_SHINGLES: usize = 8;

/// A MinHash signature.
pub type Signature = [u64; BINS];

/// Words of the text, normalized: lower case, Arabic diacritics and tatweel removed, alef,
/// ya and ta marbuta forms unified, Arabic-Indic digits folded to ASCII, punctuation dropped.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for_each_word_char(text, |c| match c {
        Some(c) => cur.push(c),
        None => out.push(std::mem::take(&mut cur)),
    });
    out
}

/// The characters of [`words`] in order, `Some` for each character of a word and `None`
/// after each word, without building the words.
fn for_each_word_char(text: &str, mut f: impl FnMut(Option<char>)) {
    let mut in_word = false;
    for c in text.chars() {
        let c = match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        };
        if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                f(Some(c.to_ascii_lowercase()));
            } else {
                c.to_lowercase().for_each(|l| f(Some(l)));
            }
        } else if in_word {
            in_word = false;
            f(None);
        }
    }
    if in_word {
        f(None);
    }
}

/// [`word_hash`] of each of [`words`], without allocating a string per word (signing was a
/// tenth of an ingest's CPU, most of it building those strings).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut h = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for_each_word_char(text, |c| match c {
        Some(c) => {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
            }
        }
        None => {
            out.push(h);
            h = FNV_OFFSET;
        }
    });
    out
}

/// SplitMix64's finalizer: a well-spread 64-bit hash of `x`.
pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[cfg(test)]
fn word_hash(w: &str) -> u64 {
    // FNV-1a: stable across platforms and releases (the signature is stored).
    let mut h = FNV_OFFSET;
    for b in w.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The signature of a text, or `None` when it has fewer than [`MIN_SHINGLES`] shingles.
pub fn signature(text: &str) -> Option<Signature> {
    let hs = word_hashes(text);
    if hs.len() < 3 || hs.len() - 2 < MIN_SHINGLES {
        return None;
    }
    let mut bins = [u64::MAX; BINS];
    let mut filled = [false; BINS];
    for w in hs.windows(3) {
        let h = splitmix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42));
        let bin = (h >> 58) as usize;
        let v = h & ((1 << 58) - 1);
        if v < bins[bin] {
            bins[bin] = v;
        }
        filled[bin] = true;
    }
    // Rotation densification: an empty bin borrows the next filled bin's value, salted by the
    // distance, so two texts agree on it exactly when they agree on the borrowed bin.
    let mut out = bins;
    for i in 0..BINS {
        if filled[i] {
            continue;
        }
        let mut k = 1;
        while !filled[(i + k) % BINS] {
            k += 1;
        }
        out[i] = splitmix(bins[(i + k) % BINS] ^ (k as u64).wrapping_mul(0x9E37_79B9)) >> 6;
    }
    Some(out)
}

/// Estimated Jaccard similarity of the shingle sets of two signatures.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / BINS as f64
}

/// The LSH band keys of a signature: one integer per band, the band's index in the top bits.
pub fn band_keys(sig: &Signature) -> [i64; BANDS] {
    let mut out = [0i64; BANDS];
    for (b, o) in out.iter_mut().enumerate() {
        let mut h = b as u64;
        for v in &sig[b * ROWS..(b + 1) * ROWS] {
            h = splitmix(h ^ v);
        }
        *o = (((b as u64) << 58) | (h & ((1 << 58) - 1))) as i64;
    }
    out
}

/// The signature as stored (little-endian bytes).
pub fn to_bytes(sig: &Signature) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored signature, or `None` when the bytes are not one.
pub fn from_bytes(b: &[u8]) -> Option<Signature> {
    if b.len() != BINS * 8 {
        return None;
    }
    let mut out = [0u64; BINS];
    for (i, c) in b.chunks_exact(8).enumerate() {
        out[i] = u64::from_le_bytes(c.try_into().ok()?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Government forces shelled the town of Douma in Eastern Ghouta on Friday, \
        killing at least twelve civilians and wounding dozens more, according to local medical \
        sources. The shelling came a day after rebels fired rockets at residential districts of \
        the capital. Residents said the bombardment continued into the night and that several \
        buildings collapsed near the main market, where rescue workers searched for survivors \
        under the rubble until the early morning hours.";

    #[test]
    fn word_hashes_hash_the_words() {
        for text in [
            STORY,
            "أحمدُ إلى مدرسةٍ ٣ — ÉCOLE İstanbul ﷺ x",
            "",
            "  ,, ",
            "ΣΑΣ straße ٤٥٦۷",
        ] {
            let want: Vec<u64> = words(text).iter().map(|w| word_hash(w)).collect();
            assert_eq!(word_hashes(text), want, "{text}");
        }
    }

    #[test]
    fn arabic_forms_are_unified() {
        assert_eq!(words("أحمدُ إلى مدرسةٍ ٣"), vec!["احمد", "الي", "مدرسه", "3"]);
    }

    #[test]
    fn small_edits_keep_similarity_high() {
        let edited = STORY
            .replace("Friday", "Friday morning")
            .replace("twelve", "13")
            .replace("dozens more", "many others");
        let a = signature(STORY).unwrap();
        let b = signature(&format!("(Reuters) - {edited} Reporting by staff.")).unwrap();
        assert!(similarity(&a, &b) >= THRESHOLD, "{}", similarity(&a, &b));
        assert!(band_keys(&a)
            .iter()
            .zip(band_keys(&b))
            .any(|(x, y)| *x == y));
    }

    #[test]
    fn different_stories_are_not_similar() {
        let other = "The United Nations envoy met opposition delegates in Geneva on Tuesday to \
            discuss a new round of talks on a political transition, a prisoner exchange and \
            humanitarian access to besieged areas, his office said in a statement after the \
            meeting, which lasted more than three hours.";
        let a = signature(STORY).unwrap();
        let b = signature(other).unwrap();
        assert!(similarity(&a, &b) < 0.2, "{}", similarity(&a, &b));
    }

    #[test]
    fn signature_roundtrips_through_bytes() {
        let a = signature(STORY).unwrap();
        assert_eq!(from_bytes(&to_bytes(&a)), Some(a));
        assert!(signature("too short").is_none());
    }
}
