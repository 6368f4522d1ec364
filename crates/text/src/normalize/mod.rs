//! Normalization for matching.
//!
//! The normalized form is what the lexicon and the trigger matchers compare; the original text
//! is never altered. Normalization is a fixed **sequence** of small character normalizers, one
//! per file, each a `const fn(char) -> Step`:
//!
//! 1. [`invisible`]: bidi controls, zero-width characters, soft hyphen, BOM, variation
//!    selectors are dropped.
//! 2. [`presentation`]: Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFC) become their base
//!    letters (ﻻ → لا, ﺑ → ب, ﷲ → الله); the letters produced run through the whole sequence.
//! 3. [`harakat`]: harakat, Quranic marks and tatweel are dropped.
//! 4. [`alef`]: أ إ آ ٱ (and the rarer wavy-hamza forms) → ا.
//! 5. [`letters`]: ى → ي, ة → ه, and the hamza seats ؤ → و, ئ → ي (so إخلائه and اخلايه meet);
//!    Persian ی → ي and ک → ك.
//! 6. [`digits`]: Arabic-Indic and Persian digits → ASCII, ٫ → `.`, ٬ → `,`, ٪ → `%`.
//! 7. [`latin`]: Latin lowercased with diacritics removed (é → e, ḥ → h, ß → ss), Latin
//!    ligatures and full-width letters to ASCII, combining diacritics dropped.
//!
//! After the sequence, upper-case letters of other scripts are lowercased.
//!
//! The Arabic block (U+0600–06FF) is folded through a 256-entry table computed at compile time
//! from this very sequence, so the hot path is one lookup per character.

pub mod alef;
pub mod digits;
pub mod harakat;
pub mod invisible;
pub mod latin;
pub mod letters;
pub mod presentation;

/// What one normalizer does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Not this normalizer's business: the character goes on unchanged.
    Keep,
    /// The character is left out of the normalized form.
    Drop,
    /// The character becomes another character, which goes on through the sequence.
    Char(char),
    /// The character becomes a short string (ligatures, ß → ss); each of its characters runs
    /// through the whole sequence once more.
    Str(&'static str),
}

/// Outcome of the whole sequence on one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Out {
    Drop,
    Char(char),
    Str(&'static str),
}

/// The sequence, in order.
const fn chain(c: char) -> Out {
    let mut c = c;
    macro_rules! apply {
        ($step:path) => {
            match $step(c) {
                Step::Keep => {}
                Step::Drop => return Out::Drop,
                Step::Char(n) => c = n,
                Step::Str(s) => return Out::Str(s),
            }
        };
    }
    apply!(invisible::step);
    apply!(presentation::step);
    apply!(harakat::step);
    apply!(alef::step);
    apply!(letters::step);
    apply!(digits::step);
    apply!(latin::step);
    Out::Char(c)
}

/// Fold of each character of the Arabic block: its replacement, or 0 when dropped.
const fn build_arabic() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let c = match char::from_u32(0x0600 + i as u32) {
            Some(c) => c,
            None => '\0',
        };
        t[i] = match chain(c) {
            Out::Drop => 0,
            Out::Char(n) => n as u32,
            // No normalizer expands a character of the Arabic block.
            Out::Str(_) => c as u32,
        };
        i += 1;
    }
    t
}

static ARABIC: [u32; 256] = build_arabic();

/// Append the normalized form of one character to `out`.
#[inline(always)]
pub fn fold_char(c: char, out: &mut String) {
    let u = c as u32;
    if u < 0x80 {
        out.push((u as u8).to_ascii_lowercase() as char);
    } else if (0x0600..0x0700).contains(&u) {
        let m = ARABIC[(u - 0x0600) as usize];
        if let Some(n) = char::from_u32(m).filter(|_| m != 0) {
            out.push(n);
        }
    } else {
        fold_slow(c, out, true);
    }
}

#[cold]
fn fold_slow(c: char, out: &mut String, again: bool) {
    match chain(c) {
        Out::Drop => {}
        Out::Char(n) => push_lower(n, out),
        Out::Str(s) => {
            for ch in s.chars() {
                if again {
                    fold_slow(ch, out, false);
                } else {
                    push_lower(ch, out);
                }
            }
        }
    }
}

/// Lowercase letters the sequence left alone (other scripts: Greek, Cyrillic...).
#[inline]
fn push_lower(c: char, out: &mut String) {
    if c.is_uppercase() {
        out.extend(c.to_lowercase());
    } else {
        out.push(c);
    }
}

/// Append the normalized form of `s` to `out` (the normalization of every character, in order).
pub fn normalize_into(s: &str, out: &mut String) {
    for c in s.chars() {
        fold_char(c, out);
    }
}

/// The normalized form of `s`: what a lexicon entry must be turned into to be compared with
/// [`crate::Document::norm`].
///
/// Note that this folds characters only; it does not split clitics (see [`crate::clitic`]).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// Run one normalizer over a string (test helper for the per-normalizer tables).
#[cfg(test)]
pub(crate) fn apply_one(step: fn(char) -> Step, s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match step(c) {
            Step::Keep => out.push(c),
            Step::Drop => {}
            Step::Char(n) => out.push(n),
            Step::Str(t) => out.push_str(t),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::{classify, Class};

    #[test]
    fn the_sequence_normalizes_real_arabic_words() {
        let table = [
            ("أَعْلَنَ", "اعلن"),
            ("إِسْرَائِيل", "اسراييل"),
            ("الـــجيش", "الجيش"),
            ("مستشفى", "مستشفي"),
            ("الغوطة", "الغوطه"),
            ("مؤتمر", "موتمر"),
            ("إخلائه", "اخلايه"),
            ("١٢٠٠", "1200"),
            ("۱۳۹۷", "1397"),
            ("دو\u{200c}ما", "دوما"),
            ("\u{202b}حلب\u{202c}", "حلب"),
            ("ﻻ", "لا"),
            ("ﻷ", "لا"),
            ("ﺍﻟﺠﻴﺶ", "الجيش"),
            ("ﷲ", "الله"),
            ("ٱلرَّحْمَٰن", "الرحمن"),
            ("فارسی", "فارسي"),
            ("Ḥomṣ", "homs"),
            ("AL-ASSAD", "al-assad"),
            ("Straße", "strasse"),
            ("Émile", "emile"),
            ("ΑΘΗΝΑ", "αθηνα"),
            ("e\u{301}", "e"),
        ];
        for (input, want) in table {
            assert_eq!(normalize(input), want, "normalize({input:?})");
        }
    }

    #[test]
    fn the_arabic_table_agrees_with_the_sequence() {
        for u in 0x0600u32..0x0700 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut fast = String::new();
            fold_char(c, &mut fast);
            let mut slow = String::new();
            fold_slow(c, &mut slow, true);
            assert_eq!(fast, slow, "U+{u:04X}");
        }
    }

    #[test]
    fn invisible_and_mark_characters_always_fold_to_nothing() {
        for u in 0u32..0x11_0000 {
            let Some(c) = char::from_u32(u) else { continue };
            if matches!(classify(c), Class::Invisible | Class::Mark) {
                let mut out = String::new();
                fold_char(c, &mut out);
                assert_eq!(out, "", "U+{u:04X} should fold to nothing");
            }
        }
    }

    #[test]
    fn letters_never_fold_to_nothing() {
        for u in 0u32..0x11_0000 {
            let Some(c) = char::from_u32(u) else { continue };
            if matches!(
                classify(c),
                Class::Arabic | Class::Latin | Class::OtherLetter
            ) {
                let mut out = String::new();
                fold_char(c, &mut out);
                assert!(!out.is_empty(), "U+{u:04X} should fold to something");
            }
        }
    }
}
