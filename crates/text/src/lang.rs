//! Language identification, used when [`crate::Options::lang`] is `None`.
//!
//! Arabic when Arabic letters outnumber Latin letters (and there is at least one); English when
//! Latin letters dominate and common English function words make up at least 4% of the Latin
//! words (at least one); anything else is [`Lang::Other`].

use crate::token::Counts;
use crate::{Document, Lang};

/// Common English function words (normalized forms).
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "an", "is", "was", "were", "are", "for", "on", "that",
    "with", "by", "at", "from", "as", "said", "has", "have", "had", "it", "its", "his", "her",
    "their", "be", "been", "not", "this", "which", "who", "after", "but",
];

/// How many Latin words to look at, at most.
const SAMPLE: usize = 2000;

/// Detect the language of an analysed document from its letter counts and tokens.
pub(crate) fn detect(doc: &Document, counts: Counts) -> Lang {
    if counts.arabic > 0 && counts.arabic >= counts.latin {
        return Lang::Arabic;
    }
    if counts.latin == 0 || counts.latin < counts.other {
        return Lang::Other;
    }
    let mut words = 0usize;
    let mut hits = 0usize;
    for t in doc
        .tokens
        .iter()
        .filter(|t| t.kind == crate::TokenKind::Word && !t.arabic)
    {
        let n = doc.norm(t);
        if !n.is_ascii() {
            continue;
        }
        words += 1;
        if FUNCTION_WORDS.contains(&n) {
            hits += 1;
        }
        if words >= SAMPLE {
            break;
        }
    }
    if hits > 0 && hits * 25 >= words {
        Lang::English
    } else {
        Lang::Other
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Lang, Options};

    fn lang(text: &str) -> Lang {
        analyze(text, &Options::default()).lang.unwrap()
    }

    #[test]
    fn languages_are_told_apart() {
        let table = [
            ("قصفت الطائرات مدينة دوما", Lang::Arabic),
            ("قال المرصد إن 12 قتلوا في Douma", Lang::Arabic),
            (
                "Syrian jets struck the town of Douma, a monitor said.",
                Lang::English,
            ),
            (
                "Les avions syriens ont frappé la ville de Douma.",
                Lang::Other,
            ),
            ("Сирийские самолёты нанесли удар", Lang::Other),
            ("12 34", Lang::Other),
            ("", Lang::Other),
        ];
        for (text, want) in table {
            assert_eq!(lang(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_given_language_is_kept() {
        let d = analyze(
            "Syrian jets struck the town.",
            &Options {
                lang: Some(Lang::Arabic),
            },
        );
        assert_eq!(d.lang, Some(Lang::Arabic));
    }
}
