//! The text stage of raqib: Arabic and English reports turned into tokens, clitic
//! segmentations, sentences, clauses and story structure, every piece carrying **byte** offsets
//! into the original text.
//!
//! Why it is built this way: matching needs a normalized form (alef forms folded, harakat and
//! tatweel gone, digits in ASCII) but evidence must be shown in the original. So the original is
//! never altered; each token keeps its [`Span`] in the original and a range into one shared
//! normalized buffer ([`Document::norm_text`]), and clitic segmentations are byte lengths into
//! that normalized form rather than new strings. The whole analysis is a handful of vectors,
//! with no allocation per token.
//!
//! Entry point: [`analyze`]. Modules, one job each:
//!
//! - [`normalize`]: the character normalizers for matching (one per file) and their sequence;
//! - `token`: tokenization into words, numbers, punctuation and symbols;
//! - [`clitic`]: clitic segmentation of Arabic words;
//! - `sentence`: sentences and clauses;
//! - `structure`: paragraphs, headline/lead/body, skipped lines, datelines;
//! - `lang`: language identification;
//! - [`html`]: HTML to plain text (call it before [`analyze`] on web pages).
//!
//! [`analyze`] never panics, whatever the `&str` (empty, NUL bytes, lone combining marks, RTL
//! overrides, a megabyte on one line), and its memory is linear in the input. Normalized
//! offsets are `u32` ([`Token::norm`]), so only the first GiB of a text is analysed.
#![deny(missing_docs)]

mod class;
pub mod clitic;
pub mod html;
mod lang;
pub mod normalize;
mod sentence;
mod structure;
mod token;

use std::ops::Range;

pub use html::{html_to_text, looks_like_html};
pub use normalize::normalize;
pub use sentence::MAX_SENTENCE_TOKENS;

pub use raqib_core::Span;

/// A report's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Arabic.
    Arabic,
    /// English.
    English,
    /// Anything else.
    Other,
}

impl Lang {
    /// The contract's code: `ar`, `en`, `other`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Arabic => "ar",
            Lang::English => "en",
            Lang::Other => "other",
        }
    }

    /// Parse `ar`/`en`/anything.
    pub fn from_code(s: &str) -> Lang {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" | "ara" | "arabic" => Lang::Arabic,
            "en" | "eng" | "english" => Lang::English,
            _ => Lang::Other,
        }
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (Arabic or Latin), possibly with internal apostrophes or hyphens in Latin.
    Word,
    /// Digits, possibly with `.`/`,`/`٫`/`٬` inside ("3.5", "1,146", "١٢٠٠").
    Number,
    /// Punctuation: . , ، ؛ ; : ؟ ? ! « » " ( ) - – — and the like.
    Punct,
    /// Anything else (symbols, emoji).
    Symbol,
}

/// One way of splitting a normalized Arabic word into proclitics, stem and enclitic.
///
/// Lengths are in bytes of the token's normalized form (see [`Document::norm`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Seg {
    /// Bytes of proclitics at the front, article included (`وبال` in `وبالمدينة`).
    pub pre: u8,
    /// Whether the proclitics end with the article ال (or the ل of لل).
    pub article: bool,
    /// Bytes of the attached pronoun at the end (`ه` `ها` `هم` `هن` `كم` `نا`...).
    pub suf: u8,
}

/// Up to four segmentations of a token, the unsegmented form always first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Segs {
    n: u8,
    items: [Seg; 4],
}

impl Segs {
    /// Segmentations holding only the unsegmented form.
    pub fn whole() -> Segs {
        Segs {
            n: 1,
            items: [Seg::default(); 4],
        }
    }

    /// Add a segmentation (ignored past four, or when already present).
    pub fn push(&mut self, s: Seg) {
        if (self.n as usize) < self.items.len() && !self.as_slice().contains(&s) {
            self.items[self.n as usize] = s;
            self.n += 1;
        }
    }

    /// The segmentations, unsegmented first.
    pub fn as_slice(&self) -> &[Seg] {
        &self.items[..self.n as usize]
    }
}

/// A token of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub span: Span,
    /// Byte range of the normalized form in [`Document::norm_text`].
    pub norm: Range<u32>,
    /// What it is.
    pub kind: TokenKind,
    /// True for Arabic-script words.
    pub arabic: bool,
    /// Clitic segmentations (Arabic words; Latin words have only the whole form).
    pub segs: Segs,
}

/// Where a paragraph stands in the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The title line.
    Headline,
    /// The first story paragraph.
    Lead,
    /// Any later story paragraph.
    Body,
    /// Not part of the story (see [`SkippedLine`]).
    Skipped,
}

/// A paragraph: one line (or block of lines) of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte span in the original.
    pub span: Span,
    /// Its part of the story.
    pub part: Part,
    /// Indices into [`Document::sentences`] (empty for skipped paragraphs).
    pub sentences: Range<usize>,
    /// A dateline at its start ("دمشق - ", "DAMASCUS, April 2 - "), when there is one.
    pub dateline: Option<Span>,
}

/// A sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the original (trimmed of surrounding white space).
    pub span: Span,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    /// Clauses as token index ranges, split at `؛` and `;` (one clause when there is none).
    pub clauses: Vec<Range<usize>>,
    /// Index of its paragraph in [`Document::paragraphs`].
    pub paragraph: usize,
}

/// A line that is not part of the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedLine {
    /// Byte span of the line.
    pub span: Span,
    /// `related-links block`, `read-also link`, `share line`, `photo caption`, `credit line`.
    pub reason: &'static str,
}

/// Options of the analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language when known; detected otherwise.
    pub lang: Option<Lang>,
}

/// A report analysed.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The language.
    pub lang: Option<Lang>,
    /// All normalized token forms, concatenated, one space between consecutive tokens (so the
    /// normalized text of tokens `i..j` is `norm_text[tokens[i].norm.start..tokens[j-1].norm.end]`).
    pub norm_text: String,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Paragraphs in order, skipped ones included.
    pub paragraphs: Vec<Paragraph>,
    /// Lines left out of the story.
    pub skipped: Vec<SkippedLine>,
}

impl Document {
    /// The normalized form of a token.
    pub fn norm(&self, t: &Token) -> &str {
        self.norm_text
            .get(t.norm.start as usize..t.norm.end as usize)
            .unwrap_or("")
    }

    /// The stem of a token under one segmentation (proclitics and enclitic removed).
    pub fn stem(&self, t: &Token, s: Seg) -> &str {
        let n = self.norm(t);
        let end = n.len().saturating_sub(s.suf as usize);
        n.get(s.pre as usize..end).unwrap_or("")
    }
}

/// Analyse a report's text: tokens (with normalized forms and clitic segmentations),
/// paragraphs and their parts, skipped lines, sentences and clauses, and the language (detected
/// when [`Options::lang`] is `None`; always `Some` afterwards).
///
/// The text is taken as plain text; convert web pages with [`html_to_text`] first.
pub fn analyze(text: &str, opts: &Options) -> Document {
    let text = limit(text);
    let mut doc = Document {
        norm_text: String::with_capacity(text.len() + text.len() / 8),
        tokens: Vec::with_capacity(text.len() / 6),
        ..Document::default()
    };
    let mut breaks = Vec::new();
    let counts = token::tokenize(text, &mut doc.norm_text, &mut doc.tokens, &mut breaks);
    doc.lang = Some(opts.lang.unwrap_or_else(|| lang::detect(&doc, counts)));
    structure::build(text, &mut doc, &breaks);
    doc
}

/// The tokens of a short text (a name, a word list entry): normalized forms and clitic
/// segmentations as [`analyze`] makes them, without sentences, paragraphs or language. The
/// lexicon keys each of its tens of thousands of names with it at start-up, where the report
/// structure would cost twice the tokens.
pub fn tokenize(text: &str) -> Document {
    let text = limit(text);
    let mut doc = Document {
        norm_text: String::with_capacity(text.len() + text.len() / 8),
        tokens: Vec::with_capacity(text.len() / 6 + 1),
        ..Document::default()
    };
    let mut breaks = Vec::new();
    token::tokenize(text, &mut doc.norm_text, &mut doc.tokens, &mut breaks);
    doc
}

/// Longest text analysed: the normalized form is at most three times longer than the original
/// (ﷲ → الله, one space between tokens), and its offsets must fit in `u32`.
const MAX_INPUT: usize = 1 << 30;

/// `text` cut to [`MAX_INPUT`] bytes at a char boundary.
fn limit(text: &str) -> &str {
    if text.len() <= MAX_INPUT {
        return text;
    }
    let mut end = MAX_INPUT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
