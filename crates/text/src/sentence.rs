//! Sentence and clause splitting inside one paragraph (one line).
//!
//! - `.` `؟` `?` `!` end a sentence; `،` `,` `؛` `;` do not. A line break always ends one
//!   (sentences never cross paragraphs, which are lines).
//! - Quotes and brackets (`«»` `“”` `""` `()` `[]` `{}`) are tracked: inside an open quote or
//!   bracket, `.` `?` `!` do not end the sentence; a closing quote right after such a mark
//!   ends it (`«الوضع خطير.» وأضاف` → two sentences). An unclosed quote runs to the end of the
//!   line.
//! - An ellipsis (`…`, or two dots or more) ends a sentence only at the end of the line or
//!   before a capitalized word: Arabic writers use it mid-sentence.
//! - Terminal marks and closing quotes/brackets right after the end stay with the sentence
//!   (`?!`, `.»`, `.)`).
//! - Not an end: a `.` inside a number (that is one token), after a title or month abbreviation
//!   (Mr. Mrs. Ms. Dr. Gen. Maj. Lt. Col. Capt. Sgt. St. Prof. Gov. Sen. Jan.–Dec. vs. …),
//!   after `No.` before a number, after a single capital initial (`J. Smith`, `U.S.`, `U.N.`),
//!   inside or after dotted lower-case abbreviations (`e.g.`, `i.e.`, `a.m.`, `p.m.`), after
//!   `etc.` `Inc.` `Ltd.` `Co.` `Jr.` unless a capitalized word follows, and after a single
//!   Arabic letter followed by a word (`د.`, `م.`, `أ.` before a name).
//! - Clauses: a sentence is cut after each `؛` or `;` (the mark stays at the end of its clause,
//!   so clauses tile the sentence; no clause is empty).

use std::ops::Range;

use crate::{Sentence, Span, Token, TokenKind};

/// Abbreviations whose dot never ends a sentence (compared with the original text).
const ALWAYS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Maj", "Lt", "Col", "Capt", "Sgt", "St", "Prof", "Rev", "Gov",
    "Sen", "Rep", "Brig", "Adm", "Cpl", "Pvt", "Cmdr", "Hon", "Pres", "Mt", "Ft", "vs", "Vs",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "MR",
    "DR",
];

/// Abbreviations whose dot ends a sentence only when a capitalized word follows.
const UNLESS_CAPITAL: &[&str] = &["etc", "Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "Bros"];

/// The first character of a token in the original text.
#[inline]
fn first_char(text: &str, t: &Token) -> char {
    text.get(t.span.start..)
        .and_then(|s| s.chars().next())
        .unwrap_or('\0')
}

#[inline]
fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '«' | '“' | '‹')
}

#[inline]
fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '»' | '”' | '›')
}

#[inline]
fn is_terminal_mark(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '؟' | '…')
}

#[inline]
fn is_clause_mark(c: char) -> bool {
    matches!(c, '؛' | ';')
}

/// The tokens of one paragraph, with the text they come from.
pub(crate) struct Para<'a> {
    /// The original text.
    pub text: &'a str,
    /// All tokens of the document.
    pub tokens: &'a [Token],
    /// The paragraph's tokens.
    pub range: Range<usize>,
    /// The normalized buffer.
    pub norm: &'a str,
}

impl Para<'_> {
    fn punct(&self, k: usize) -> Option<char> {
        let t = self.tokens.get(k)?;
        (self.range.contains(&k) && t.kind == TokenKind::Punct).then(|| first_char(self.text, t))
    }

    fn word_text(&self, k: usize) -> Option<&str> {
        let t = self.tokens.get(k)?;
        (self.range.contains(&k) && t.kind == TokenKind::Word).then(|| t.span.slice(self.text))
    }

    /// True when tokens `a` and `b` touch (no space between them).
    fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.span.end == y.span.start,
            _ => false,
        }
    }

    fn is_capitalized_word(&self, k: usize) -> bool {
        self.word_text(k)
            .and_then(|w| w.chars().next())
            .is_some_and(|c| c.is_uppercase())
    }

    /// True when the `.` at token `k` ends a sentence (abbreviation rules).
    fn dot_ends(&self, k: usize) -> bool {
        if k == self.range.start || !self.adjacent(k - 1, k) {
            return true;
        }
        let p = k - 1;
        let Some(word) = self.word_text(p) else {
            return true;
        };
        let next_is_word = self.word_text(k + 1).is_some();
        let t = &self.tokens[p];
        if t.arabic {
            let norm = self
                .norm
                .get(t.norm.start as usize..t.norm.end as usize)
                .unwrap_or("");
            return !(norm.chars().count() == 1 && next_is_word);
        }
        if ALWAYS.contains(&word) {
            return false;
        }
        if word == "No" {
            let next_number = self
                .tokens
                .get(k + 1)
                .is_some_and(|n| self.range.contains(&(k + 1)) && n.kind == TokenKind::Number);
            return !next_number;
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_uppercase() {
                return false;
            }
            // e.g. / i.e. / a.m.: a letter right after the dot, or a dot right before the letter.
            let letter_after = self.adjacent(k, k + 1) && self.word_text(k + 1).is_some();
            let dot_before =
                p > self.range.start && self.adjacent(p - 1, p) && self.punct(p - 1) == Some('.');
            return !(letter_after || dot_before);
        }
        if UNLESS_CAPITAL.contains(&word) {
            return self.is_capitalized_word(k + 1);
        }
        true
    }
}

/// Split one paragraph's tokens into sentences, appended to `out`.
pub(crate) fn split(p: &Para<'_>, paragraph: usize, out: &mut Vec<Sentence>) {
    let end = p.range.end.min(p.tokens.len());
    let mut start = p.range.start;
    let mut depth: u32 = 0;
    let mut straight_open = false;
    let mut k = start;
    while k < end {
        let mut ends = false;
        if let Some(c) = p.punct(k) {
            let prev_terminal = k > start && p.punct(k - 1).is_some_and(is_terminal_mark);
            if is_opener(c) {
                depth += 1;
            } else if is_closer(c) || (c == '"' && straight_open) {
                if c == '"' {
                    straight_open = false;
                }
                let was = depth;
                depth = depth.saturating_sub(1);
                ends = was == 1 && prev_terminal;
            } else if c == '"' {
                straight_open = true;
                depth += 1;
            } else if is_terminal_mark(c) && depth == 0 {
                // A run of dots is an ellipsis, like `…`.
                let mut last = k;
                while c == '.' && last + 1 < end && p.punct(last + 1) == Some('.') {
                    last += 1;
                }
                if c == '…' || last > k {
                    // An ellipsis ends a sentence only before a capital or at the end.
                    ends = last + 1 >= end || p.is_capitalized_word(last + 1);
                    k = last;
                } else {
                    ends = c != '.' || p.dot_ends(k);
                }
            }
        }
        k += 1;
        if ends {
            // Keep trailing terminal marks and closing quotes/brackets.
            while k < end {
                match p.punct(k) {
                    Some(c) if is_terminal_mark(c) => k += 1,
                    Some(c) if is_closer(c) || (c == '"' && straight_open) => {
                        if c == '"' {
                            straight_open = false;
                        }
                        depth = depth.saturating_sub(1);
                        k += 1;
                    }
                    _ => break,
                }
            }
            push(p, start..k, paragraph, out);
            start = k;
        }
    }
    if start < end {
        push(p, start..end, paragraph, out);
    }
}

/// The most tokens a sentence may have. Longer runs (a transcript or a scraped page without
/// punctuation, an unclosed quote) are cut into pieces of at most this many tokens, so that
/// every later stage, which works sentence by sentence, costs time linear in the text. The
/// longest sentence of the GSR reports has under 300 words.
pub const MAX_SENTENCE_TOKENS: usize = 512;

/// Push the sentence `tokens`, cut into pieces of at most [`MAX_SENTENCE_TOKENS`]: each cut
/// goes after the last comma or clause mark of the second half of the piece, else at the limit.
fn push(p: &Para<'_>, tokens: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let mut start = tokens.start;
    while tokens.end - start > MAX_SENTENCE_TOKENS {
        let limit = start + MAX_SENTENCE_TOKENS;
        let cut = (start + MAX_SENTENCE_TOKENS / 2..limit)
            .rev()
            .find(|&k| {
                p.punct(k)
                    .is_some_and(|c| matches!(c, '،' | ',' | '؛' | ';' | ':'))
            })
            .map_or(limit, |k| k + 1);
        push_one(p, start..cut, paragraph, out);
        start = cut;
    }
    push_one(p, start..tokens.end, paragraph, out);
}

fn push_one(p: &Para<'_>, tokens: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let first = &p.tokens[tokens.start];
    let last = &p.tokens[tokens.end - 1];
    let mut clauses = Vec::new();
    let mut c0 = tokens.start;
    for k in tokens.clone() {
        let cut = p.punct(k).is_some_and(is_clause_mark);
        // Never leave an empty clause before or after the mark.
        if cut && k + 1 < tokens.end && (k > c0 || !clauses.is_empty()) {
            clauses.push(c0..k + 1);
            c0 = k + 1;
        }
    }
    clauses.push(c0..tokens.end);
    out.push(Sentence {
        span: Span::new(first.span.start, last.span.end),
        tokens,
        clauses,
        paragraph,
    });
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Document, Options};

    fn sentences(text: &str) -> Vec<String> {
        let d = analyze(text, &Options::default());
        d.sentences
            .iter()
            .map(|s| s.span.slice(text).to_string())
            .collect()
    }

    fn doc(text: &str) -> Document {
        analyze(text, &Options::default())
    }

    #[test]
    fn a_run_without_punctuation_is_cut_into_bounded_sentences() {
        use super::MAX_SENTENCE_TOKENS as M;
        // 3M words, no punctuation: cut at the limit.
        let text = "قصفت قوات النظام مدينة دوما ".repeat(3 * M / 5 + 1);
        let d = doc(&text);
        assert!(d.sentences.len() >= 3, "{} sentences", d.sentences.len());
        assert!(d.sentences.iter().all(|s| s.tokens.len() <= M));
        assert_eq!(d.sentences[0].tokens.len(), M);
        // Contiguous: together they cover every token.
        for w in d.sentences.windows(2) {
            assert_eq!(w[0].tokens.end, w[1].tokens.start);
        }
        assert_eq!(d.sentences.last().unwrap().tokens.end, d.tokens.len());
        // With commas, the cut goes after the last comma of the second half.
        let text = "قصفت قوات النظام مدينة دوما، ".repeat(M / 3);
        let d = doc(&text);
        let first = d.sentences[0].span.slice(&text);
        assert!(first.ends_with('،'), "{:?}", &first[first.len() - 20..]);
        assert!(d.sentences.iter().all(|s| s.tokens.len() <= M));
        // Ordinary sentences are untouched.
        assert_eq!(
            sentences("قصفت قوات النظام دوما. وقال المرصد ذلك."),
            ["قصفت قوات النظام دوما.", "وقال المرصد ذلك."]
        );
    }

    #[test]
    fn full_stops_question_and_exclamation_marks_end_sentences() {
        assert_eq!(
            sentences("قصفت الطائرات المدينة. قتل ثلاثة؟ نعم! انتهى"),
            ["قصفت الطائرات المدينة.", "قتل ثلاثة؟", "نعم!", "انتهى"]
        );
    }

    #[test]
    fn commas_and_semicolons_do_not_end_sentences() {
        assert_eq!(
            sentences("قال، ثم أضاف؛ وانتهى; done"),
            ["قال، ثم أضاف؛ وانتهى; done"]
        );
    }

    #[test]
    fn arabic_semicolon_splits_clauses_not_sentences() {
        let text = "وحذر من إشعال الوضع؛ حيث يقول جيش النظام إنه سيرد.";
        let d = doc(text);
        assert_eq!(d.sentences.len(), 1);
        let s = &d.sentences[0];
        assert_eq!(s.clauses.len(), 2);
        let clause_text = |r: &std::ops::Range<usize>| {
            let a = d.tokens[r.start].span.start;
            let b = d.tokens[r.end - 1].span.end;
            &text[a..b]
        };
        assert_eq!(clause_text(&s.clauses[0]), "وحذر من إشعال الوضع؛");
        assert_eq!(clause_text(&s.clauses[1]), "حيث يقول جيش النظام إنه سيرد.");
    }

    #[test]
    fn a_sentence_without_semicolon_has_one_clause_covering_it() {
        let d = doc("قتل ثلاثة.");
        assert_eq!(d.sentences[0].clauses, vec![d.sentences[0].tokens.clone()]);
        let d = doc("؛ قتل ثلاثة؛");
        assert_eq!(d.sentences[0].clauses.len(), 1);
    }

    #[test]
    fn a_full_stop_inside_guillemets_does_not_end_the_sentence() {
        assert_eq!(
            sentences("قال «إن القصف. مستمر» أمس. ثم غادر."),
            ["قال «إن القصف. مستمر» أمس.", "ثم غادر."]
        );
    }

    #[test]
    fn a_closing_quote_after_a_full_stop_ends_the_sentence() {
        assert_eq!(
            sentences("قال: «الوضع خطير.» وأضاف أن القصف مستمر."),
            ["قال: «الوضع خطير.»", "وأضاف أن القصف مستمر."]
        );
        assert_eq!(
            sentences("He said \"it is over.\" Then he left."),
            ["He said \"it is over.\"", "Then he left."]
        );
    }

    #[test]
    fn parentheses_hold_their_full_stops() {
        assert_eq!(
            sentences("The group (founded in 2012. or so) fought. Then"),
            ["The group (founded in 2012. or so) fought.", "Then"]
        );
    }

    #[test]
    fn a_line_break_ends_a_sentence_even_inside_an_open_quote() {
        assert_eq!(
            sentences("قال «إن القصف\nمستمر» أمس."),
            ["قال «إن القصف", "مستمر» أمس."]
        );
    }

    #[test]
    fn decimal_numbers_are_not_split() {
        assert_eq!(
            sentences("ارتفع 3.5 في المئة إلى 1.200 قتيل."),
            ["ارتفع 3.5 في المئة إلى 1.200 قتيل."]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let table: &[(&str, usize)] = &[
            ("U.S. forces struck. Then", 2),
            ("The U.N. envoy arrived.", 1),
            ("Mr. Assad and Gen. Ali Mamlouk met Dr. Smith.", 1),
            ("Lt. Col. Ahmed spoke on Jan. 5 at 10 a.m. local time.", 1),
            ("J. Smith reported, e.g. in Douma, i.e. near Damascus.", 1),
            ("He was No. 2 in the group.", 1),
            ("Guns, rockets, etc. were found.", 1),
            ("Guns, rockets, etc. The army said.", 2),
            ("وقال د. محمد إن القصف مستمر.", 1),
            ("وأكد م. أحمد ذلك.", 1),
            ("وقال أ. خالد إنه غادر.", 1),
        ];
        for &(text, n) in table {
            assert_eq!(sentences(text).len(), n, "{text:?}: {:?}", sentences(text));
        }
    }

    #[test]
    fn trailing_marks_and_closers_stay_with_their_sentence() {
        assert_eq!(
            sentences("حقا؟! نعم. لا.» ثم"),
            ["حقا؟!", "نعم.", "لا.»", "ثم"]
        );
    }

    #[test]
    fn an_ellipsis_ends_a_sentence_only_at_the_end_or_before_a_capital() {
        assert_eq!(
            sentences("مع الغرب... بالصواريخ والقنابل. ثم…"),
            ["مع الغرب... بالصواريخ والقنابل.", "ثم…"]
        );
        assert_eq!(
            sentences("He waited... Then he left"),
            ["He waited...", "Then he left"]
        );
        assert_eq!(sentences("He waited… and left"), ["He waited… and left"]);
    }

    #[test]
    fn sentence_spans_are_trimmed() {
        assert_eq!(sentences("  قتل ثلاثة.   ثم  "), ["قتل ثلاثة.", "ثم"]);
    }
}
