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
//! Enclitic pronouns (the longest that fits): هما كما ها هم هن كم كن نا ه, and ي conservatively (at least 3 letters
//! must remain, and never on a word with the article: العسكري is an adjective, not "my
//! soldier"). A pronoun is never split off a word carrying the article either (the two do not
//! combine in Arabic).
//!
//! A final ه written ة in the original (ta marbuta, folded to ه for matching) is never a
//! pronoun: [`segment_written`] takes that from the tokenizer.
//!
//! Stem size: at least 2 letters after removing proclitics or an enclitic alone, at least 3
//! letters when both are removed.
//!
//! Order of the (up to four) segmentations:
//! 1. the whole word;
//! 2. the longest proclitic sequence alone;
//! 3. the longest proclitic sequence (without the article) that still leaves a 3-letter stem
//!    once the enclitic is removed, with the enclitic (وكتبه → و + كتب + ه);
//! 4. the enclitic alone;
//! 5. shorter proclitic sequences alone, longest first, while room is left.
//!
//! Duplicates are not repeated, so fewer than four may be offered.

use crate::{Seg, Segs};

const WAW: char = 'و';
const FA: char = 'ف';
const SIN: char = 'س';
const LAM: char = 'ل';
const ALEF: char = 'ا';
const HA: char = 'ه';
const YA: char = 'ي';

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

/// The first four and last three letters of a word, and its length.
struct Shape {
    head: [char; 4],
    /// `tail[0]` is the last letter.
    tail: [char; 3],
    letters: usize,
    /// The final ه was written ة.
    ta_marbuta: bool,
}

impl Shape {
    fn of(word: &str) -> Shape {
        let mut head = ['\0'; 4];
        let mut tail = ['\0'; 3];
        let mut letters = 0;
        for c in word.chars() {
            if letters < 4 {
                head[letters] = c;
            }
            tail = [c, tail[0], tail[1]];
            letters += 1;
        }
        Shape {
            head,
            tail,
            letters,
            ta_marbuta: false,
        }
    }

    fn has_article_at(&self, k: usize) -> bool {
        self.head.get(k) == Some(&ALEF) && self.head.get(k + 1) == Some(&LAM)
    }

    /// Bytes of the first `n` letters.
    fn head_bytes(&self, n: usize) -> usize {
        // Proclitic letters take two bytes each in UTF-8.
        debug_assert!(self.head[..n].iter().all(|c| c.len_utf8() == 2));
        2 * n
    }
}

/// Segmentations of one normalized word (see the module doc for the rules and their order).
pub fn segment(word: &str) -> Segs {
    segment_written(word, false)
}

/// Segmentations of one normalized word whose original spelling ended with ة (ta marbuta)
/// when `ta_marbuta` is true: its final ه (folded from ة) is then not a pronoun, so no
/// segmentation strips it (وزارة offers no وزار + ه).
pub fn segment_written(word: &str, ta_marbuta: bool) -> Segs {
    let mut segs = Segs::whole();
    if word.len() < 6 && word.chars().nth(2).is_none() {
        return segs;
    }
    // Most words neither start with a proclitic letter nor end with a pronoun letter.
    let first = word.chars().next();
    let last = word.chars().next_back();
    let front = matches!(first, Some(WAW | FA | 'ب' | 'ك' | LAM | SIN | ALEF));
    let back = matches!(last, Some(HA | ALEF | 'م' | 'ن' | YA));
    let shape_flags = ta_marbuta;
    if !front && !back {
        return segs;
    }
    let mut shape = Shape::of(word);
    shape.ta_marbuta = shape_flags;
    let letters = shape.letters;
    if letters < 3 {
        return segs;
    }
    let cands = proclitics(&shape);
    let mut order = [0usize; 8];
    for (k, o) in order.iter_mut().enumerate() {
        *o = k;
    }
    let order = &mut order[..cands.n];
    // Longest first; at equal length the article reading first.
    order.sort_unstable_by(|&a, &b| {
        let (pa, pb) = (cands.items[a], cands.items[b]);
        pb.bytes.cmp(&pa.bytes).then(pb.article.cmp(&pa.article))
    });
    let longest = order.first().map(|&k| cands.items[k]);

    if let Some(p) = longest {
        segs.push(seg(p, 0));
    }
    let article = longest.is_some_and(|p| p.article);
    if !article {
        // The longest proclitic sequence that leaves room for an enclitic.
        let both = order.iter().map(|&k| cands.items[k]).find_map(|p| {
            let s = enclitic(&shape, letters - p.letters, 3, false)?;
            (!p.article).then_some((p, s))
        });
        if let Some((p, s)) = both {
            segs.push(seg(p, s));
        }
        let ya = !shape.has_article_at(0);
        if let Some(s) = enclitic(&shape, letters, 2, ya) {
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

/// Valid proclitic sequences of a word.
fn proclitics(w: &Shape) -> Cands {
    let mut out = Cands {
        n: 0,
        items: [Pre::default(); 8],
    };
    let mut add = |n: usize, article: bool, min_stem: usize| {
        if w.letters >= n + min_stem && out.n < out.items.len() {
            out.items[out.n] = Pre {
                bytes: w.head_bytes(n),
                letters: n,
                article,
            };
            out.n += 1;
        }
    };
    for conj in 0..2 {
        if conj == 1 && !matches!(w.head[0], WAW | FA) {
            continue;
        }
        if conj == 1 {
            add(1, false, 2);
        }
        if w.has_article_at(conj) {
            add(conj + 2, true, 2);
        }
        let first = w.head[conj];
        if matches!(first, 'ب' | 'ك' | LAM) {
            add(conj + 1, false, 2);
            if first == LAM {
                if w.head[conj + 1] == LAM {
                    add(conj + 2, true, 2);
                }
            } else if w.has_article_at(conj + 1) {
                add(conj + 3, true, 2);
            }
        }
        if first == SIN && matches!(w.head[conj + 1], YA | 'ت' | 'ن' | ALEF) {
            add(conj + 1, false, 3);
        }
    }
    out
}

/// Byte length of the enclitic pronoun at the end of a word whose remaining part has
/// `letters` letters, when it leaves at least `min_stem`; `ya` allows the conservative ي.
///
/// The last letters decide which pronoun it can be: ا م ه/ك from the end is هما/كما, ا ه/ن is
/// ها/نا, م/ن ه/ك is هم/كم/هن/كن, ه is ه, ي is ي.
fn enclitic(w: &Shape, letters: usize, min_stem: usize, ya: bool) -> Option<usize> {
    let (n, need) = match w.tail {
        [ALEF, 'م', HA | 'ك'] => (3, min_stem),
        [ALEF, HA | 'ن', _] | ['م' | 'ن', HA | 'ك', _] => (2, min_stem),
        [HA, _, _] if !w.ta_marbuta => (1, min_stem),
        [YA, _, _] if ya => (1, min_stem.max(3)),
        _ => return None,
    };
    // Every pronoun letter takes two bytes in UTF-8.
    (letters >= n + need).then_some(2 * n)
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
        for w in [
            "بشار",
            "لبنان",
            "والي",
            "والجيش",
            "بدوما",
            "فإن",
            "سوريا",
            "ليبيا",
            "كان",
        ] {
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
            let hit = segs
                .as_slice()
                .iter()
                .find(|s| n.get(s.pre as usize..n.len() - s.suf as usize) == Some(stem));
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
            [
                ("والجيش".into(), false),
                ("جيش".into(), true),
                ("الجيش".into(), false)
            ]
        );
    }

    #[test]
    fn stems_keep_at_least_two_letters_and_three_with_both_sides_removed() {
        // به: too short to split at all; بها: ب + ها is fine, ب + ه + ا is not.
        assert_eq!(stems("به"), [("به".into(), false)]);
        assert_eq!(stems("بها"), [("بها".into(), false), ("ها".into(), false)]);
        // لله: لل + ه would leave one letter; ل + له and لل + ه (as a pronoun) are fine.
        assert_eq!(
            stems("لله")[..],
            [
                ("لله".into(), false),
                ("له".into(), false),
                ("لل".into(), false)
            ]
        );
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
    fn a_final_ta_marbuta_is_not_a_pronoun() {
        let n = normalize("وزارة");
        assert!(segment(&n).as_slice().iter().any(|s| s.suf == 2));
        assert!(segment_written(&n, true)
            .as_slice()
            .iter()
            .all(|s| s.suf == 0));
        let d = crate::analyze("وزارة مفاوضاته", &crate::Options::default());
        assert!(d.tokens[0].segs.as_slice().iter().all(|s| s.suf == 0));
        assert!(d.tokens[1].segs.as_slice().iter().any(|s| s.suf == 2));
    }

    #[test]
    fn short_and_non_arabic_inputs_get_the_whole_form_only() {
        for w in ["", "و", "ال", "ab", "bashar"] {
            assert_eq!(segment(w).as_slice().len(), 1, "{w}");
        }
    }
}
