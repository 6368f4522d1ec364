//! Report structure: lines become paragraphs; each is the headline, the lead, a body
//! paragraph, or a skipped line (related links, share buttons, photo captions, credits).
//!
//! Rules:
//! - Every line holding at least one token is a paragraph (blank lines and lines of only
//!   invisible marks are not). Its span runs from its first token to its last.
//! - Lines that are not part of the story are found first (see [`skip`]); they are
//!   [`Part::Skipped`], listed in [`Document::skipped`], and have no sentences.
//! - The first story line is the [`Part::Headline`] when the report has at least two story
//!   lines and that first line has fewer than 25 words, does not end with a full stop and has
//!   no dateline. The next story line (or the first, when there is no headline) is the
//!   [`Part::Lead`]; every later one is [`Part::Body`].
//! - Lead and body paragraphs get a dateline when they start with one (see [`dateline`]).

pub(crate) mod dateline;
pub(crate) mod skip;

use std::ops::Range;

use crate::sentence::{self, Para};
use crate::{Document, Paragraph, Part, SkippedLine, Span, TokenKind};

/// Most words a headline may have.
const HEADLINE_MAX_WORDS: usize = 24;

/// One non-empty line.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// From its first token to its last.
    pub span: Span,
    /// Its tokens.
    pub tokens: Range<usize>,
}

/// Cut the tokens into lines at the given line-break positions.
pub(crate) fn lines(doc: &Document, breaks: &[usize]) -> Vec<Line> {
    let mut out = Vec::new();
    let tokens = &doc.tokens;
    let mut k = 0;
    let mut bounds = breaks.iter().copied().chain(std::iter::once(usize::MAX));
    while k < tokens.len() {
        // Next break after token k.
        let start = tokens[k].span.start;
        let limit = loop {
            match bounds.next() {
                Some(b) if b < start => continue,
                Some(b) => break b,
                None => break usize::MAX,
            }
        };
        let first = k;
        while k < tokens.len() && tokens[k].span.start < limit {
            k += 1;
        }
        out.push(Line {
            span: Span::new(tokens[first].span.start, tokens[k - 1].span.end),
            tokens: first..k,
        });
    }
    out
}

/// Build paragraphs, skipped lines and sentences.
pub(crate) fn build(text: &str, doc: &mut Document, breaks: &[usize]) {
    let lines = lines(doc, breaks);
    let reasons = skip::classify(text, doc, &lines);
    let story: Vec<usize> = (0..lines.len()).filter(|&i| reasons[i].is_none()).collect();

    let mut headline = None;
    if story.len() >= 2 {
        let l = &lines[story[0]];
        let p = para(text, doc, l);
        let words = count_words(doc, l);
        let ends_with_stop = last_punct(text, doc, l) == Some('.');
        if words <= HEADLINE_MAX_WORDS && !ends_with_stop && dateline::find(&p).is_none() {
            headline = Some(story[0]);
        }
    }
    let lead = story.iter().copied().find(|&i| Some(i) != headline);

    let mut sentences = Vec::new();
    let mut paragraphs = Vec::with_capacity(lines.len());
    let mut skipped = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let s0 = sentences.len();
        let idx = paragraphs.len();
        let (part, dl) = if let Some(reason) = reasons[i] {
            skipped.push(SkippedLine {
                span: l.span,
                reason,
            });
            (Part::Skipped, None)
        } else {
            let p = para(text, doc, l);
            sentence::split(&p, idx, &mut sentences);
            if Some(i) == headline {
                (Part::Headline, None)
            } else {
                let part = if Some(i) == lead {
                    Part::Lead
                } else {
                    Part::Body
                };
                (part, dateline::find(&p))
            }
        };
        paragraphs.push(Paragraph {
            span: l.span,
            part,
            sentences: s0..sentences.len(),
            dateline: dl,
        });
    }
    doc.sentences = sentences;
    doc.paragraphs = paragraphs;
    doc.skipped = skipped;
}

/// The sentence splitter's view of a line.
pub(crate) fn para<'a>(text: &'a str, doc: &'a Document, l: &Line) -> Para<'a> {
    Para {
        text,
        tokens: &doc.tokens,
        range: l.tokens.clone(),
        norm: &doc.norm_text,
    }
}

/// Number of word tokens of a line.
pub(crate) fn count_words(doc: &Document, l: &Line) -> usize {
    doc.tokens[l.tokens.clone()]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
}

/// The line's last token when it is punctuation.
pub(crate) fn last_punct(text: &str, doc: &Document, l: &Line) -> Option<char> {
    let t = doc.tokens.get(l.tokens.end.checked_sub(1)?)?;
    if t.kind != TokenKind::Punct {
        return None;
    }
    t.span.slice(text).chars().next()
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options, Part};

    const REPORT: &str = "\
قوات النظام تقصف دوما بالبراميل المتفجرة
دمشق - قتل 12 مدنيا على الأقل وأصيب العشرات بجروح في قصف جوي على مدينة دوما في الغوطة الشرقية، بحسب ما أفاد المرصد السوري لحقوق الإنسان.

- الأمم المتحدة تدعو إلى هدنة في الغوطة
- مقتل قيادي في جيش الإسلام بغارة روسية
وقال مدير المرصد رامي عبد الرحمن إن الطائرات استهدفت سوقا شعبية. وأضاف أن الحصيلة مرشحة للارتفاع.
شارك على فيسبوك
(صورة أرشيفية)
وكانت الفصائل المعارضة قد أعلنت رفضها لأي اتفاق لا يضمن وقف القصف.";

    #[test]
    fn headline_lead_body_and_skipped_related_links() {
        let d = analyze(REPORT, &Options::default());
        let parts: Vec<Part> = d.paragraphs.iter().map(|p| p.part).collect();
        assert_eq!(
            parts,
            [
                Part::Headline,
                Part::Lead,
                Part::Skipped,
                Part::Skipped,
                Part::Body,
                Part::Skipped,
                Part::Skipped,
                Part::Body
            ]
        );
        let reasons: Vec<&str> = d.skipped.iter().map(|s| s.reason).collect();
        assert_eq!(
            reasons,
            [
                "related-links block",
                "related-links block",
                "share line",
                "photo caption"
            ]
        );
        assert_eq!(
            d.skipped[0].span.slice(REPORT),
            "- الأمم المتحدة تدعو إلى هدنة في الغوطة"
        );
        for p in d.paragraphs.iter().filter(|p| p.part == Part::Skipped) {
            assert!(p.sentences.is_empty(), "skipped lines have no sentences");
        }
        for s in &d.sentences {
            assert!(
                !s.span.slice(REPORT).starts_with("- "),
                "no sentence from a related link"
            );
        }
        let body = &d.paragraphs[4];
        assert_eq!(body.sentences.len(), 2);
        let lead = &d.paragraphs[1];
        assert_eq!(lead.dateline.map(|s| s.slice(REPORT)), Some("دمشق -"));
        assert_eq!(d.paragraphs[0].dateline, None);
        assert_eq!(d.lang, Some(crate::Lang::Arabic));
    }

    #[test]
    fn every_sentence_points_back_to_its_paragraph() {
        let d = analyze(REPORT, &Options::default());
        for (i, p) in d.paragraphs.iter().enumerate() {
            for s in &d.sentences[p.sentences.clone()] {
                assert_eq!(s.paragraph, i);
                assert!(p.span.contains(s.span));
            }
        }
    }

    #[test]
    fn a_single_line_report_is_all_lead() {
        let text = "وقال الضابط في الشرطة المحلية خالد منصور، ان الاعتداء وقع في اطراف منغورا.";
        let d = analyze(text, &Options::default());
        assert_eq!(d.paragraphs.len(), 1);
        assert_eq!(d.paragraphs[0].part, Part::Lead);
        assert_eq!(d.paragraphs[0].dateline, None);
    }

    #[test]
    fn a_first_line_ending_with_a_full_stop_is_not_a_headline() {
        let d = analyze("قتل ثلاثة في قصف.\nوقال المرصد ذلك.", &Options::default());
        assert_eq!(d.paragraphs[0].part, Part::Lead);
        assert_eq!(d.paragraphs[1].part, Part::Body);
    }

    #[test]
    fn blank_and_invisible_lines_are_not_paragraphs() {
        let d = analyze(
            "\n\n  \u{200f}\n عنوان \r\n\r\nنص الخبر.\n",
            &Options::default(),
        );
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(
            d.paragraphs[0]
                .span
                .slice("\n\n  \u{200f}\n عنوان \r\n\r\nنص الخبر.\n"),
            "عنوان"
        );
    }

    #[test]
    fn english_report_with_dateline_and_read_also() {
        let text = "\
Syrian jets pound Douma
DAMASCUS, April 2 (Reuters) - Syrian government jets struck the town of Douma on Monday, killing at least 12 people, a war monitor said.
Read more:
Russia calls for truce in Eastern Ghouta
The Syrian Observatory for Human Rights said the toll could rise.
Share this
AFP/Getty Images";
        let d = analyze(text, &Options::default());
        let parts: Vec<Part> = d.paragraphs.iter().map(|p| p.part).collect();
        assert_eq!(
            parts,
            [
                Part::Headline,
                Part::Lead,
                Part::Skipped,
                Part::Skipped,
                Part::Body,
                Part::Skipped,
                Part::Skipped
            ]
        );
        let reasons: Vec<&str> = d.skipped.iter().map(|s| s.reason).collect();
        assert_eq!(
            reasons,
            [
                "read-also link",
                "read-also link",
                "share line",
                "credit line"
            ]
        );
        assert_eq!(
            d.paragraphs[1].dateline.map(|s| s.slice(text)),
            Some("DAMASCUS, April 2 (Reuters) -")
        );
        assert_eq!(d.lang, Some(crate::Lang::English));
    }
}
