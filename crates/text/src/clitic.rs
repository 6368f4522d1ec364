//! Clitic segmentation of normalized Arabic words.
//!
//! Arabic attaches conjunctions, prepositions, the future particle and the article at the front
//! of a word and object/possessive pronouns at its end (وبالغوطة = و + ب + ال + غوطة). The
//! segmentations are offered as **alternatives**: the consumers (lexicon and trigger matchers)
//! try each and keep what matches their dictionaries, so over-segmenting costs little, while
//! the unsegmented form always comes first (بشار is a name, not ب + شار).
//!
//! Proclitics, in this order, each optional:
//! 1. a conjunction و or ف;
//! 2. a preposition ب ل ك, or the future particle س (only before an imperfect prefix ي ت ن ا,
//!    and only when at least 3 letters remain);
//! 3. the article ال (after ل it is written لل: للتنظيم = ل + ال + تنظيم).
//!
//! Enclitic pronouns: هما كما ها هم هن كم كن نا ه, and ي conservatively (at least 3 letters
//! must remain, and never on a word with the article: العسكري is an adjective, not "my
//! soldier"). A pronoun is never split off a word carrying the article either (the two do not
//! combine in Arabic).
//!
//! Stem size: at least 2 letters after removing proclitics or an enclitic alone, at least 3
//! letters when both are removed.
//!
//! Order of the (up to four) segmentations:
//! 1. the whole word;
//! 2. the longest proclitic sequence alone;
//! 3. that proclitic sequence with the enclitic;
//! 4. the enclitic alone;
//! 5. shorter proclitic sequences alone, longest first, while room is left.
//!
//! Duplicates are not repeated, so fewer than four may be offered.

use crate::{Seg, Segs};

const WAW: &str = "و";
const FA: &str = "ف";
const SIN: &str = "س";
const LAM: &str = "ل";
const ARTICLE: &str = "ال";
const PREPOSITIONS: [&str; 3] = ["ب", "ك", "ل"];
const IMPERFECT: [&str; 4] = ["ي", "ت", "ن", "ا"];
/// Enclitic pronouns, longest first.
const PRONOUNS: [&str; 10] = ["هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ي"];

/// A proclitic sequence that may be removed.
#[derive(Debug, Clone, Copy, Default)]
struct Pre {
    /// Bytes.
    bytes: usize,
    /// Letters.
    letters: usize,
    /// Ends with the article.
    article: bool,
}

/// Up to eight proclitic candidates (the combinations are few).
struct Cands {
    n: usize,
    items: [Pre; 8],
}

impl Cands {
    fn push(&mut self, p: Pre) {
        if self.n < self.items.len() {
            self.items[self.n] = p;
            self.n += 1;
        }
    }
}

/// Segmentations of one normalized word (see the module doc for the rules and their order).
pub fn segment(word: &str) -> Segs {
    let mut segs = Segs::whole();
    let letters = word.chars().count();
    if letters < 3 {
        return segs;
    }
    let cands = proclitics(word, letters);
    let mut order = [0usize; 8];
    for (k, o) in order.iter_mut().enumerate() {
        *o = k;
    }
    let order = &mut order[..cands.n];
    // Longest first; at equal length the article reading first.
    order.sort_by(|&a, &b| {
        let (pa, pb) = (cands.items[a], cands.items[b]);
        pb.bytes.cmp(&pa.bytes).then(pb.article.cmp(&pa.article))
    });
    let longest = order.first().map(|&k| cands.items[k]);

    if let Some(p) = longest {
        segs.push(seg(p, 0));
        if !p.article {
            if let Some(s) = enclitic(&word[p.bytes..], letters - p.letters, 3, false) {
                segs.push(seg(p, s));
            }
        }
    }
    let article = longest.is_some_and(|p| p.article);
    if !article {
        if let Some(s) = enclitic(word, letters, 2, true) {
            segs.push(Seg {
                pre: 0,
                article: false,
                suf: s as u8,
            });
        }
    }
    for &k in order.iter().skip(1) {
        segs.push(seg(cands.items[k], 0));
    }
    segs
}

fn seg(p: Pre, suf: usize) -> Seg {
    Seg {
        pre: p.bytes as u8,
        article: p.article,
        suf: suf as u8,
    }
}

/// Valid proclitic sequences of `word` (which has `letters` letters).
fn proclitics(word: &str, letters: usize) -> Cands {
    let mut out = Cands {
        n: 0,
        items: [Pre::default(); 8],
    };
    let mut add = |bytes: usize, n: usize, article: bool, min_stem: usize| {
        if letters >= n + min_stem {
            out.push(Pre {
                bytes,
                letters: n,
                article,
            });
        }
    };
    for conj in ["", WAW, FA] {
        let Some(r1) = word.strip_prefix(conj) else {
            continue;
        };
        let (cb, cn) = (conj.len(), conj.chars().count());
        if cn > 0 {
            add(cb, cn, false, 2);
        }
        if r1.starts_with(ARTICLE) {
            add(cb + ARTICLE.len(), cn + 2, true, 2);
        }
        for prep in PREPOSITIONS {
            let Some(r2) = r1.strip_prefix(prep) else {
                continue;
            };
            let pb = cb + prep.len();
            add(pb, cn + 1, false, 2);
            if prep == LAM {
                if r2.starts_with(LAM) {
                    add(pb + LAM.len(), cn + 2, true, 2);
                }
            } else if r2.starts_with(ARTICLE) {
                add(pb + ARTICLE.len(), cn + 3, true, 2);
            }
        }
        if let Some(r2) = r1.strip_prefix(SIN) {
            if IMPERFECT.iter().any(|p| r2.starts_with(p)) {
                add(cb + SIN.len(), cn + 1, false, 3);
            }
        }
    }
    out
}

/// Byte length of the longest enclitic pronoun of `rest` (which has `letters` letters) leaving
/// at least `min_stem` letters; `ya` allows the conservative ي.
fn enclitic(rest: &str, letters: usize, min_stem: usize, ya: bool) -> Option<usize> {
    for p in PRONOUNS {
        if !rest.ends_with(p) {
            continue;
        }
        let n = p.chars().count();
        let is_ya = p == "ي";
        if is_ya && (!ya || rest.starts_with(ARTICLE)) {
            continue;
        }
        let need = if is_ya { min_stem.max(3) } else { min_stem };
        if letters >= n + need {
            return Some(p.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    /// The stems offered for a word, in order, with article flags.
    fn stems(word: &str) -> Vec<(String, bool)> {
        let n = normalize(word);
        segment(&n)
            .as_slice()
            .iter()
            .map(|s| {
                let stem = n
                    .get(s.pre as usize..n.len() - s.suf as usize)
                    .unwrap_or("")
                    .to_string();
                (stem, s.article)
            })
            .collect()
    }

    #[test]
    fn the_unsegmented_form_always_comes_first() {
        for w in ["بشار", "لبنان", "والي", "والجيش", "بدوما", "فإن", "سوريا", "ليبيا", "كان"] {
            assert_eq!(stems(w)[0].0, normalize(w), "{w}");
        }
    }

    #[test]
    fn proclitics_and_enclitics_are_offered_as_alternatives() {
        // (word, stem that must be offered, its article flag, its pre bytes, its suf bytes)
        let table: &[(&str, &str, bool, usize, usize)] = &[
            ("والجيش", "جيش", true, "وال".len(), 0),
            ("بدوما", "دوما", false, "ب".len(), 0),
            ("للتنظيم", "تنظيم", true, "لل".len(), 0),
            ("وبالغوطة", "غوطه", true, "وبال".len(), 0),
            ("إخلائه", "اخلاي", false, 0, "ه".len()),
            ("مفاوضاته", "مفاوضات", false, 0, "ه".len()),
            ("وقصفت", "قصفت", false, "و".len(), 0),
            ("فإن", "ان", false, "ف".len(), 0),
            ("وسيقوم", "يقوم", false, "وس".len(), 0),
            ("فبالمدينة", "مدينه", true, "فبال".len(), 0),
            ("وللمدينة", "مدينه", true, "ولل".len(), 0),
            ("كالعادة", "عاده", true, "كال".len(), 0),
            ("وقيادتهم", "قيادت", false, "و".len(), "هم".len()),
            ("منازلهما", "منازل", false, 0, "هما".len()),
            ("مواقعنا", "مواقع", false, 0, "نا".len()),
        ];
        for &(word, stem, article, pre, suf) in table {
            let n = normalize(word);
            let segs = segment(&n);
            let hit = segs.as_slice().iter().find(|s| {
                n.get(s.pre as usize..n.len() - s.suf as usize) == Some(stem)
            });
            let Some(s) = hit else {
                panic!("{word}: no segmentation gives {stem}: {:?}", stems(word));
            };
            assert_eq!(
                (s.article, s.pre as usize, s.suf as usize),
                (article, pre, suf),
                "{word}"
            );
        }
    }

    #[test]
    fn order_is_whole_then_proclitic_then_both_then_enclitic() {
        assert_eq!(
            stems("وقيادتهم"),
            [
                ("وقيادتهم".into(), false),
                ("قيادتهم".into(), false),
                ("قيادت".into(), false),
                ("وقيادت".into(), false),
            ]
        );
        assert_eq!(
            stems("والجيش"),
            [("والجيش".into(), false), ("جيش".into(), true), ("الجيش".into(), false)]
        );
    }

    #[test]
    fn stems_keep_at_least_two_letters_and_three_with_both_sides_removed() {
        // به: too short to split at all; بها: ب + ها is fine, ب + ه + ا is not.
        assert_eq!(stems("به"), [("به".into(), false)]);
        assert_eq!(stems("بها"), [("بها".into(), false), ("ها".into(), false)]);
        // لله: لل + ه would leave one letter; ل + له is fine.
        assert_eq!(stems("لله")[..], [("لله".into(), false), ("له".into(), false)]);
        // وبه: و + به fine, و + ب + ه not.
        assert!(stems("وبه").iter().all(|(s, _)| s.chars().count() >= 2));
        // وكتبه: و + كتب + ه keeps 3 letters: offered.
        assert!(stems("وكتبه").contains(&("كتب".into(), false)));
        // ولده: و + لد + ه would keep 2: not offered with both removed.
        assert!(!stems("ولده").contains(&("لد".into(), false)));
    }

    #[test]
    fn future_sin_only_before_imperfect_prefixes() {
        assert!(stems("سيقصف").contains(&("يقصف".into(), false)));
        assert!(!stems("سوريا").contains(&("وريا".into(), false)));
        assert!(!stems("سنة").contains(&("نه".into(), false)));
    }

    #[test]
    fn ya_is_split_conservatively() {
        // No ي off a word with the article.
        assert!(!stems("العسكري").iter().any(|(s, _)| s == "العسكر"));
        // No ي leaving two letters.
        assert!(!stems("علي").iter().any(|(s, _)| s == "عل"));
        assert!(stems("كتابي").contains(&("كتاب".into(), false)));
    }

    #[test]
    fn short_and_non_arabic_inputs_get_the_whole_form_only() {
        for w in ["", "و", "ال", "ab", "bashar"] {
            assert_eq!(segment(w).as_slice().len(), 1, "{w}");
        }
    }
}
