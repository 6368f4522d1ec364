//! The one lookup table of date words, and what each token of a document is to the recognizer.
//!
//! Every word the recognizer knows (month and weekday names, ordinals, function words such as
//! أمس or `yesterday`) is folded to the text stage's normalized form and put into one
//! [`FxHashMap`], built once. A token is classified once by looking up its normalized form, then
//! its clitic stems (and, as a fallback when the segmenter offers none, the form with a leading
//! و/ف and ب/ل/ك stripped). A 64-Kbit filter on the length and the first and last four bytes
//! of a form rejects most words before they are hashed.

use std::sync::OnceLock;

use chrono::Weekday;
use raqib_text::{Document, Token};
use rustc_hash::FxHashMap;

/// A part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pod {
    Dawn,
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

impl Pod {
    /// The name written into a mention.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Pod::Dawn => "dawn",
            Pod::Morning => "morning",
            Pod::Noon => "noon",
            Pod::Afternoon => "afternoon",
            Pod::Evening => "evening",
            Pod::Night => "night",
        }
    }
}

/// A calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cal {
    Greg,
    Hijri,
}

/// A month name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MonthName {
    /// 1–12.
    pub m: u8,
    pub cal: Cal,
    /// An English name: only accepted capitalized in the original.
    pub en: bool,
    /// Ambiguous alone (آب "father", ماي, صفر "zero", `jan`...): needs a day, a year or شهر.
    pub strict: bool,
}

/// The first word of a two-word month name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Head {
    Kanun,
    Tishrin,
    Rabi,
    Jumada,
    Dhu,
}

/// A weekday name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Wd {
    pub day: Weekday,
    pub en: bool,
    /// Ambiguous alone (الاثنين "the two"): needs a word like يوم or أمس before it.
    pub ctx: bool,
}

/// Function words of date expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum W {
    // Arabic.
    Fi,
    Min,
    Mundhu,
    Hatta,
    Khilal,
    Qabl,
    Baad,
    Am,
    AlAm,
    Shahr,
    AlShahr,
    Yawm,
    AlYawm,
    Ams,
    Awwal,
    Ghadan,
    Ghad,
    AlLayla,
    Part(Pod),
    PartAdv(Pod),
    AlAyyam,
    Ayyam,
    Past,
    Recent,
    Qalila,
    AlYawmayn,
    Yawmayn,
    AlSaat,
    Saah,
    AlUsbu,
    Usbu,
    AlUsbuayn,
    Usbuayn,
    Asabi,
    Hadha,
    Current,
    Next,
    Start,
    Edge,
    HijriMark,
    MiladiMark,
    Al,
    // English.
    EnPrep,
    LateEarly(Pod),
    Of,
    The,
    Last,
    EnNext,
    This,
    Yesterday,
    Today,
    Tonight,
    Tomorrow,
    EnPart(Pod),
    Day,
    Days,
    Before,
    Ago,
    EnPast,
    EnRecent,
    Few,
    Couple,
    Week,
    Weeks,
    Month,
    Year,
    Earlier,
    Hours,
    A,
    OrdSuffix,
    Prayers,
}

/// What a word is to the recognizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lex {
    Month(MonthName),
    Head(Head),
    Weekday(Wd),
    /// Arabic ordinal day word: الاول..العاشر (1–10), العشرين (20), الثلاثين (30).
    Ord(u8),
    /// الحادي / الواحد: 1 inside a compound ordinal only.
    OrdUnit(u8),
    /// عشر in الحادي عشر.
    Teen,
    /// والعشرين / والثلاثين in compound ordinals.
    OrdTens(u8),
    /// A cardinal count word (ثلاثة, `two`).
    Card(u8),
    W(W),
}

impl Lex {
    /// Whether a match can start at this word (context-only words cannot).
    pub(super) fn is_trigger(self) -> bool {
        match self {
            Lex::Teen | Lex::OrdTens(_) => false,
            Lex::Ord(_)
            | Lex::OrdUnit(_)
            | Lex::Month(_)
            | Lex::Head(_)
            | Lex::Weekday(_)
            | Lex::Card(_) => true,
            Lex::W(w) => !matches!(
                w,
                W::Fi
                    | W::Min
                    | W::Hatta
                    | W::Past
                    | W::Recent
                    | W::Qalila
                    | W::Current
                    | W::Next
                    | W::Edge
                    | W::HijriMark
                    | W::MiladiMark
                    | W::Ayyam
                    | W::Asabi
                    | W::Saah
                    | W::Of
                    | W::Days
                    | W::Weeks
                    | W::Hours
                    | W::Ago
                    | W::Before
                    | W::Few
                    | W::Couple
                    | W::OrdSuffix
                    | W::Prayers
                    | W::PartAdv(_)
            ),
        }
    }
}

/// Fold a table word exactly as the text stage normalizes tokens (alef forms to ا, ى and ئ to
/// ي, ة to ه, harakat and tatweel removed, Latin lowercased).
pub(super) fn fold(s: &str) -> String {
    raqib_text::normalize(s)
}

const BLOOM_BITS: u32 = 16;

/// Filter hash of a form: its length with its first and last four bytes (no full hashing).
fn bloom_hash(s: &str) -> usize {
    let b = s.as_bytes();
    let word = |bytes: &[u8]| bytes.iter().fold(0u32, |x, &c| (x << 8) | u32::from(c));
    let first = word(&b[..b.len().min(4)]);
    let last = word(&b[b.len().saturating_sub(4)..]);
    let x = (u64::from(first) << 32 | u64::from(last)) ^ (b.len() as u64).wrapping_mul(0x9E37_79B9);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BLOOM_BITS)) as usize
}

/// The word table.
pub(super) struct Table {
    map: FxHashMap<Box<str>, Lex>,
    bloom: Vec<u64>,
}

impl Table {
    fn insert(&mut self, key: &str, lex: Lex) {
        let k = fold(key);
        let h = bloom_hash(&k);
        self.bloom[h / 64] |= 1 << (h % 64);
        if let Some(old) = self.map.get(k.as_str()) {
            debug_assert!(
                *old == lex,
                "date word {key:?} entered twice: {old:?} / {lex:?}"
            );
            return;
        }
        self.map.insert(k.into_boxed_str(), lex);
    }

    /// The entry of an exact (normalized) form.
    #[inline]
    pub(super) fn get(&self, s: &str) -> Option<Lex> {
        if s.is_empty() {
            return None;
        }
        let h = bloom_hash(s);
        if self.bloom[h / 64] & (1 << (h % 64)) == 0 {
            return None;
        }
        self.map.get(s).copied()
    }

    /// Number of distinct forms (for tests).
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.map.len()
    }
}

/// The table, built on first use.
pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            map: FxHashMap::default(),
            bloom: vec![0; (1usize << BLOOM_BITS) / 64],
        };
        let mut add = |k: &str, l: Lex| t.insert(k, l);
        super::months::entries(&mut add);
        super::weekdays::entries(&mut add);
        super::numbers::entries(&mut add);
        super::relative::entries(&mut add);
        t
    })
}

/// Classify a word token: its normalized form, then its clitic stems, then a cheap fallback
/// stripping of و/ف and ب/ل/ك(+ال).
pub(super) fn lookup(doc: &Document, t: &Token) -> Option<Lex> {
    let tab = table();
    let n = doc.norm(t);
    if n.is_empty() || n.len() > 48 {
        return None;
    }
    if let Some(l) = tab.get(n) {
        return Some(l);
    }
    if !t.arabic {
        for suf in ["'s", "’s"] {
            if let Some(s) = n.strip_suffix(suf) {
                return tab.get(s);
            }
        }
        return None;
    }
    for seg in t.segs.as_slice() {
        if seg.suf != 0 || seg.pre == 0 {
            continue;
        }
        let pre = seg.pre as usize;
        if seg.article && pre >= 4 {
            if let Some(with) = n.get(pre - 4..) {
                if with.starts_with("ال") {
                    if let Some(l) = tab.get(with) {
                        return Some(l);
                    }
                }
            }
        }
        if let Some(l) = n.get(pre..).and_then(|s| tab.get(s)) {
            return Some(l);
        }
    }
    let mut rest = n;
    if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
        if r.len() >= 4 {
            if let Some(l) = tab.get(r) {
                return Some(l);
            }
        }
        rest = r;
    }
    let r = rest
        .strip_prefix('ب')
        .or_else(|| rest.strip_prefix('ل'))
        .or_else(|| rest.strip_prefix('ك'))?;
    if r.len() >= 6 {
        if let Some(l) = tab.get(r) {
            return Some(l);
        }
        if let Some(r2) = r.strip_prefix("ال") {
            if r2.len() >= 6 {
                return tab.get(r2);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_text_stage() {
        assert_eq!(fold("الأربعاء"), "الاربعاء");
        assert_eq!(fold("الجمعة"), "الجمعه");
        assert_eq!(fold("غداً"), "غدا");
        assert_eq!(fold("جمادى"), "جمادي");
        assert_eq!(fold("هـ"), "ه");
        assert_eq!(fold("April"), "april");
        assert_eq!(fold("أوائل"), "اوايل");
    }

    #[test]
    fn table_is_built_and_found() {
        let t = table();
        assert!(t.len() > 200);
        assert!(matches!(t.get("نيسان"), Some(Lex::Month(_))));
        assert!(matches!(t.get("الاثنين"), Some(Lex::Weekday(_))));
        assert_eq!(t.get("امس"), Some(Lex::W(W::Ams)));
        assert_eq!(t.get("احد"), None);
    }
}
