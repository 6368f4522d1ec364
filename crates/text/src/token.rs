//! Tokenization: the original text cut into words, numbers, punctuation and symbols, each
//! token's normalized form appended to the shared buffer.
//!
//! Rules:
//! - A **word** is a run of letters of one script (Arabic, Latin, or any other); a change of
//!   script ends it ("Douma2018" → `Douma` `2018`, Arabic directly followed by Latin → two
//!   tokens). Combining marks (harakat, tatweel, accents) continue a word and are dropped from
//!   its normalized form. Invisible marks (zero-width, bidi) inside a word do not split it
//!   (`دو\u{200c}ما` is one token) but are never at a token's edge.
//! - In Latin words an apostrophe (`'` `’` `ʼ` `ʿ`...) or a hyphen (`-`, U+2010, U+2011)
//!   between two letters stays inside the word, normalized to `'` and `-`: `al-Islam` is one
//!   word, `al-islam`; `Qur’an` is `qur'an`. The English possessive is split off as its own word
//!   token: `al-Assad's` → `al-Assad` + `'s`.
//! - A **number** is a run of digits (any script, normalized to ASCII); `.` `,` `٫` `٬` stay
//!   inside when a digit follows ("3.5", "1,146", "1.200", "١٢٠٠").
//! - Every **punctuation** character is a token of its own (so `U.S.` is `U` `.` `S` `.`:
//!   multi-token names are matched token by token); anything else that is not a space is a
//!   one-character **symbol** token (emoji included).
//!
//! The normalized forms of consecutive tokens are separated by one space in
//! [`crate::Document::norm_text`].

use crate::class::{classify, is_apostrophe, is_hyphen, is_number_separator, Class};
use crate::normalize::fold_char;
use crate::{clitic, Segs, Span, Token, TokenKind};

/// Letter counts gathered while tokenizing (for language identification).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counts {
    /// Arabic-script letters.
    pub arabic: usize,
    /// Latin letters.
    pub latin: usize,
    /// Letters of other scripts.
    pub other: usize,
}

/// The character starting at byte `i`, if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Position of the first character at or after `i` that is not invisible.
#[inline]
fn skip_invisible(text: &str, mut i: usize) -> (usize, Option<char>) {
    while let Some(c) = char_at(text, i) {
        if classify(c) != Class::Invisible {
            return (i, Some(c));
        }
        i += c.len_utf8();
    }
    (i, None)
}

struct Sink<'a> {
    norm: &'a mut String,
    tokens: &'a mut Vec<Token>,
    /// The word being finished ended with ة in the original.
    ta_marbuta: bool,
}

impl Sink<'_> {
    /// Start a token's normalized form; returns its start in the buffer.
    #[inline]
    fn begin(&mut self) -> usize {
        if !self.norm.is_empty() {
            self.norm.push(' ');
        }
        self.norm.len()
    }

    #[inline]
    fn finish(
        &mut self,
        start: usize,
        end: usize,
        norm_start: usize,
        kind: TokenKind,
        arabic: bool,
    ) {
        let segs = if arabic {
            let ta_marbuta = std::mem::take(&mut self.ta_marbuta);
            clitic::segment_written(self.norm.get(norm_start..).unwrap_or(""), ta_marbuta)
        } else {
            Segs::whole()
        };
        self.tokens.push(Token {
            span: Span { start, end },
            norm: norm_start as u32..self.norm.len() as u32,
            kind,
            arabic,
            segs,
        });
    }
}

/// Tokenize `text`, appending tokens to `tokens`, normalized forms to `norm` and the byte
/// offsets of line breaks to `breaks`.
pub(crate) fn tokenize(
    text: &str,
    norm: &mut String,
    tokens: &mut Vec<Token>,
    breaks: &mut Vec<usize>,
) -> Counts {
    let mut sink = Sink {
        norm,
        tokens,
        ta_marbuta: false,
    };
    let mut counts = Counts::default();
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let len = c.len_utf8();
        match classify(c) {
            Class::Break => {
                breaks.push(i);
                i += len;
            }
            Class::Space | Class::Invisible | Class::Mark => i += len,
            cls @ (Class::Arabic | Class::Latin | Class::OtherLetter) => {
                i = word(text, i, cls, &mut sink, &mut counts);
            }
            Class::Digit => i = number(text, i, &mut sink),
            Class::Punct => {
                if is_apostrophe(c) && possessive_at(text, i, sink.tokens) {
                    let ns = sink.begin();
                    sink.norm.push_str("'s");
                    sink.finish(i, i + len + 1, ns, TokenKind::Word, false);
                    i += len + 1;
                } else {
                    single(c, i, TokenKind::Punct, &mut sink);
                    i += len;
                }
            }
            Class::Symbol => {
                single(c, i, TokenKind::Symbol, &mut sink);
                i += len;
            }
        }
    }
    counts
}

/// A one-character token.
#[inline]
fn single(c: char, i: usize, kind: TokenKind, sink: &mut Sink<'_>) {
    let ns = sink.begin();
    fold_char(c, sink.norm);
    sink.finish(i, i + c.len_utf8(), ns, kind, false);
}

/// True when the apostrophe at `i` starts an English possessive `'s` right after a Latin word.
fn possessive_at(text: &str, i: usize, tokens: &[Token]) -> bool {
    let after_word = tokens
        .last()
        .is_some_and(|t| t.span.end == i && t.kind == TokenKind::Word && !t.arabic);
    if !after_word {
        return false;
    }
    let Some(a) = char_at(text, i) else {
        return false;
    };
    let s = i + a.len_utf8();
    if !matches!(char_at(text, s), Some('s' | 'S')) {
        return false;
    }
    !char_at(text, s + 1).is_some_and(|c| c.is_alphanumeric())
}

/// Scan a word of script `script` starting at `start`; returns the position after it.
fn word(
    text: &str,
    start: usize,
    script: Class,
    sink: &mut Sink<'_>,
    counts: &mut Counts,
) -> usize {
    let ns = sink.begin();
    let rest = text.get(start..).unwrap_or("");
    let mut it = rest.char_indices();
    let mut end = 0;
    let mut letters = 0usize;
    let mut last = '\0';
    while let Some((off, c)) = it.next() {
        let cls = classify(c);
        if cls == script {
            fold_char(c, sink.norm);
            letters += 1;
            last = c;
            end = off + c.len_utf8();
        } else if cls == Class::Mark {
            fold_char(c, sink.norm);
            end = off + c.len_utf8();
        } else if cls == Class::Invisible {
            // Continue only when a letter of the script or a mark follows the invisible run;
            // then jump over the run (once: no rescanning).
            let mut ahead = it.clone();
            let mut resume = it.clone();
            let next = loop {
                match ahead.next() {
                    Some((_, d)) if classify(d) == Class::Invisible => resume = ahead.clone(),
                    other => break other.map(|(_, d)| classify(d)),
                }
            };
            match next {
                Some(n) if n == script || n == Class::Mark => it = resume,
                _ => break,
            }
        } else if script == Class::Latin && (is_apostrophe(c) || is_hyphen(c)) {
            let at = start + off + c.len_utf8();
            if !char_at(text, at).is_some_and(|n| classify(n) == Class::Latin) {
                break;
            }
            if is_apostrophe(c) && possessive_rest(text, at) {
                break;
            }
            sink.norm.push(if is_hyphen(c) { '-' } else { '\'' });
        } else {
            break;
        }
    }
    match script {
        Class::Arabic => counts.arabic += letters,
        Class::Latin => counts.latin += letters,
        _ => counts.other += letters,
    }
    // ة and its presentation forms.
    sink.ta_marbuta = matches!(last, '\u{0629}' | '\u{FE93}' | '\u{FE94}');
    sink.finish(
        start,
        start + end,
        ns,
        TokenKind::Word,
        script == Class::Arabic,
    );
    start + end
}

/// True when the text at `i` is `s` or `S` not followed by a letter or digit.
fn possessive_rest(text: &str, i: usize) -> bool {
    matches!(char_at(text, i), Some('s' | 'S'))
        && !char_at(text, i + 1).is_some_and(|c| c.is_alphanumeric())
}

/// Scan a number starting at `start`; returns the position after it.
fn number(text: &str, start: usize, sink: &mut Sink<'_>) -> usize {
    let ns = sink.begin();
    let mut j = start;
    let mut end = start;
    while let Some(c) = char_at(text, j) {
        let len = c.len_utf8();
        match classify(c) {
            Class::Digit => {
                fold_char(c, sink.norm);
                j += len;
                end = j;
            }
            Class::Invisible => {
                let (k, next) = skip_invisible(text, j);
                if next.is_some_and(|n| classify(n) == Class::Digit) {
                    j = k;
                } else {
                    break;
                }
            }
            _ if is_number_separator(c)
                && char_at(text, j + len).is_some_and(|n| classify(n) == Class::Digit) =>
            {
                fold_char(c, sink.norm);
                j += len;
            }
            _ => break,
        }
    }
    sink.finish(start, end, ns, TokenKind::Number, false);
    end
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options, TokenKind};

    fn toks(text: &str) -> Vec<(String, String, TokenKind)> {
        let d = analyze(text, &Options::default());
        d.tokens
            .iter()
            .map(|t| {
                (
                    t.span.slice(text).to_string(),
                    d.norm(t).to_string(),
                    t.kind,
                )
            })
            .collect()
    }

    /// (original text, normalized form, kind) of one token.
    type Expected = (&'static str, &'static str, TokenKind);

    fn norms(text: &str) -> Vec<String> {
        toks(text).into_iter().map(|t| t.1).collect()
    }

    #[test]
    fn numbers_with_internal_separators_stay_one_token() {
        use TokenKind::*;
        let table: &[(&str, &[Expected])] = &[
            ("3.5", &[("3.5", "3.5", Number)]),
            ("1,146", &[("1,146", "1,146", Number)]),
            ("1.200", &[("1.200", "1.200", Number)]),
            ("١٢٠٠", &[("١٢٠٠", "1200", Number)]),
            ("٣٫٥", &[("٣٫٥", "3.5", Number)]),
            ("24.", &[("24", "24", Number), (".", ".", Punct)]),
            (
                "2011-2012",
                &[
                    ("2011", "2011", Number),
                    ("-", "-", Punct),
                    ("2012", "2012", Number),
                ],
            ),
            ("1,", &[("1", "1", Number), (",", ",", Punct)]),
        ];
        for (input, want) in table {
            let got = toks(input);
            let want: Vec<_> = want
                .iter()
                .map(|(a, b, k)| (a.to_string(), b.to_string(), *k))
                .collect();
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn each_punctuation_character_is_its_own_token() {
        let got = norms("قال: «نعم»، (لا)؛ حقا؟! ...—");
        assert_eq!(
            got,
            [
                "قال", ":", "«", "نعم", "»", "،", "(", "لا", ")", "؛", "حقا", "؟", "!", ".", ".",
                ".", "—"
            ]
        );
    }

    #[test]
    fn script_changes_split_tokens() {
        use TokenKind::*;
        let got = toks("Douma2018 دوماDouma");
        assert_eq!(
            got,
            vec![
                ("Douma".into(), "douma".into(), Word),
                ("2018".into(), "2018".into(), Number),
                ("دوما".into(), "دوما".into(), Word),
                ("Douma".into(), "douma".into(), Word),
            ]
        );
    }

    #[test]
    fn arabic_flag_is_set_on_arabic_words_only() {
        let d = analyze("قصف Douma ٣", &Options::default());
        let flags: Vec<bool> = d.tokens.iter().map(|t| t.arabic).collect();
        assert_eq!(flags, [true, false, false]);
    }

    #[test]
    fn zero_width_marks_do_not_split_a_word() {
        let text = "دو\u{200c}ما \u{200f}حلب\u{200f}";
        let got = toks(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "دو\u{200c}ما");
        assert_eq!(got[0].1, "دوما");
        assert_eq!(got[1].0, "حلب", "invisible marks are not at a token's edge");
    }

    #[test]
    fn harakat_and_tatweel_stay_in_the_span_but_not_in_the_norm() {
        let got = toks("قَصَفَتْ الـــطائرات");
        assert_eq!(got[0].0, "قَصَفَتْ");
        assert_eq!(got[0].1, "قصفت");
        assert_eq!(got[1].1, "الطايرات");
    }

    #[test]
    fn hyphenated_latin_names_are_one_word() {
        assert_eq!(norms("al-Islam"), ["al-islam"]);
        assert_eq!(norms("Jabhat al-Nusra"), ["jabhat", "al-nusra"]);
        assert_eq!(norms("Qur’an"), ["qur'an"]);
        assert_eq!(norms("- al -"), ["-", "al", "-"]);
    }

    #[test]
    fn english_possessive_is_split_off() {
        assert_eq!(norms("al-Assad's forces"), ["al-assad", "'s", "forces"]);
        assert_eq!(norms("Assad’s"), ["assad", "'s"]);
        assert_eq!(norms("O'Brien's"), ["o'brien", "'s"]);
        assert_eq!(norms("'s"), ["'", "s"]);
    }

    #[test]
    fn symbols_and_emoji_are_single_tokens() {
        let got = toks("$5 😀😀");
        let kinds: Vec<TokenKind> = got.iter().map(|t| t.2).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Symbol,
                TokenKind::Number,
                TokenKind::Symbol,
                TokenKind::Symbol
            ]
        );
    }

    #[test]
    fn norm_text_separates_tokens_with_one_space() {
        let d = analyze("قتل ٣ أشخاص.", &Options::default());
        assert_eq!(d.norm_text, "قتل 3 اشخاص .");
    }
}
