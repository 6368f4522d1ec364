//! A compiled multi-pattern matcher over clitic-aware tokens.
//!
//! Why a token trie rather than a byte automaton: an Arabic word has several readings
//! (`بدوما` is `ب + دوما`, `بشار` is a name), and a name may carry the article on any of its
//! words (`جيش الإسلام`, `بجيش الاسلام`). The text stage hands every token with its clitic
//! segmentations; the trie is keyed by *bare* word forms (normalized, article removed) and each
//! text token offers all of its bare readings at each step, so alternatives cost a few hash
//! lookups instead of an exponential set of rewritten strings. The longest match wins.

use std::ops::Range;

use raqib_text::{Document, Token, TokenKind};
use rustc_hash::FxHashMap;

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryRef {
    /// Index into [`crate::Lexicon::actors`].
    Actor(u32),
    /// Index into [`crate::Lexicon::places`].
    Place(u32),
    /// Index into a table of another stage (the coder's triggers and frames).
    Other(u32),
}

/// A lexicon match in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token indices.
    pub tokens: Range<usize>,
    /// Byte span in the original.
    pub span: raqib_core::Span,
    /// Every entry the words may stand for (ambiguity is resolved by the caller, by context).
    pub entries: Vec<EntryRef>,
}

#[derive(Debug, Default)]
struct Node {
    next: FxHashMap<Box<str>, u32>,
    values: Vec<EntryRef>,
}

/// The compiled matcher.
#[derive(Debug)]
pub struct Matcher {
    nodes: Vec<Node>,
    patterns: usize,
}

/// Latin articles that may stand alone inside a transliterated name ("Jaish al Islam").
const LATIN_ARTICLES: [&str; 4] = ["al", "el", "ad", "as"];

/// Latin article prefixes glued by a hyphen ("al-Islam", "ash-Sham").
const LATIN_ARTICLE_PREFIXES: [&str; 12] = [
    "al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "adh-", "ath-", "ul-",
];

/// The bare form of a pattern word: the article removed where the rest stays a word.
pub fn bare(word: &str, arabic: bool) -> &str {
    if arabic {
        if let Some(rest) = word.strip_prefix("ال") {
            if rest.chars().count() >= 3 {
                return rest;
            }
        }
        word
    } else {
        for p in LATIN_ARTICLE_PREFIXES {
            if let Some(rest) = word.strip_prefix(p) {
                if rest.len() >= 2 {
                    return rest;
                }
            }
        }
        word.strip_suffix("'s")
            .or_else(|| word.strip_suffix("\u{2019}s"))
            .unwrap_or(word)
    }
}

/// The same slice of the same buffer. Readings are slices of the document's normalized
/// buffer, so comparing where they are is enough to drop repeats, and cheaper than comparing
/// their bytes (a repeat that escapes only costs one more lookup).
#[inline]
fn same_slice(a: &str, b: &str) -> bool {
    std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()
}

/// Every bare reading a text token offers, unsegmented first.
fn readings<'d>(doc: &'d Document, t: &Token, out: &mut Vec<&'d str>) {
    out.clear();
    if t.kind != TokenKind::Word && t.kind != TokenKind::Number {
        return;
    }
    let norm = doc.norm(t);
    if t.arabic {
        for &seg in t.segs.as_slice() {
            let stem = doc.stem(t, seg);
            if !stem.is_empty() && !out.iter().any(|r| same_slice(r, stem)) {
                out.push(stem);
            }
            let b = bare(stem, true);
            if !b.is_empty() && !out.iter().any(|r| same_slice(r, b)) {
                out.push(b);
            }
        }
        if out.is_empty() {
            out.push(norm);
        }
    } else {
        out.push(norm);
        let b = bare(norm, false);
        if b != norm {
            out.push(b);
        }
    }
}

fn is_latin_article(doc: &Document, t: &Token) -> bool {
    !t.arabic && t.kind == TokenKind::Word && LATIN_ARTICLES.contains(&doc.norm(t))
}

/// A quotation mark, which may stand inside a name ("موقع \"روسيا اليوم\"").
fn is_quote(doc: &Document, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(doc.norm(t), "\"" | "«" | "»" | "“" | "”")
}

/// Builds a [`Matcher`].
#[derive(Debug)]
pub struct MatcherBuilder {
    nodes: Vec<Node>,
    patterns: usize,
}

impl Default for MatcherBuilder {
    fn default() -> Self {
        MatcherBuilder::new()
    }
}

impl MatcherBuilder {
    /// An empty builder.
    pub fn new() -> MatcherBuilder {
        MatcherBuilder {
            nodes: vec![Node::default()],
            patterns: 0,
        }
    }

    /// The bare word keys of a name, or `None` when it has no word.
    pub fn keys(name: &str) -> Option<Vec<String>> {
        let doc = raqib_text::analyze(name, &raqib_text::Options::default());
        let mut keys = Vec::new();
        for t in &doc.tokens {
            if t.kind != TokenKind::Word && t.kind != TokenKind::Number {
                continue;
            }
            if is_latin_article(&doc, t) {
                continue;
            }
            keys.push(bare(doc.norm(t), t.arabic).to_string());
        }
        (!keys.is_empty()).then_some(keys)
    }

    /// Add a name standing for `entry`.
    pub fn add_keys(&mut self, keys: &[String], entry: EntryRef) {
        let mut node = 0usize;
        for k in keys {
            let next = match self.nodes[node].next.get(k.as_str()) {
                Some(&n) => n as usize,
                None => {
                    let n = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[node].next.insert(k.as_str().into(), n as u32);
                    n
                }
            };
            node = next;
        }
        let values = &mut self.nodes[node].values;
        if !values.contains(&entry) {
            values.push(entry);
            self.patterns += 1;
        }
    }

    /// Compile.
    pub fn build(self) -> Matcher {
        Matcher {
            nodes: self.nodes,
            patterns: self.patterns,
        }
    }
}

impl Matcher {
    /// Number of (name, entry) patterns compiled.
    pub fn len(&self) -> usize {
        self.patterns
    }

    /// True when nothing was compiled.
    pub fn is_empty(&self) -> bool {
        self.patterns == 0
    }

    /// Every match in token range `range` of the document, left to right, longest first,
    /// not overlapping.
    pub fn find(&self, doc: &Document, range: Range<usize>) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = range.start;
        // Scratch space shared by every position: readings of a token, and the search stack.
        let mut scratch = Vec::with_capacity(8);
        let mut stack = Vec::with_capacity(8);
        while i < range.end {
            match self.longest_at(doc, i, range.end, &mut scratch, &mut stack) {
                Some((end, node)) => {
                    let span = raqib_core::Span::new(
                        doc.tokens[i].span.start,
                        doc.tokens[end - 1].span.end,
                    );
                    out.push(Mention {
                        tokens: i..end,
                        span,
                        entries: self.nodes[node].values.clone(),
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest match starting at token `start`: (end token, trie node).
    fn longest_at<'d>(
        &self,
        doc: &'d Document,
        start: usize,
        limit: usize,
        scratch: &mut Vec<&'d str>,
        stack: &mut Vec<(usize, usize)>,
    ) -> Option<(usize, usize)> {
        let mut best = None;
        // Depth-first over (token index, node); alternatives are few.
        stack.clear();
        stack.push((start, 0));
        while let Some((i, node)) = stack.pop() {
            if i >= limit {
                continue;
            }
            let t = &doc.tokens[i];
            if node != 0 && (is_latin_article(doc, t) || is_quote(doc, t)) {
                stack.push((i + 1, node));
            }
            readings(doc, t, scratch);
            for r in scratch.iter() {
                if let Some(&n) = self.nodes[node].next.get(*r) {
                    let n = n as usize;
                    if !self.nodes[n].values.is_empty()
                        && best.is_none_or(|(e, _): (usize, usize)| i + 1 > e)
                    {
                        best = Some((i + 1, n));
                    }
                    if !self.nodes[n].next.is_empty() {
                        stack.push((i + 1, n));
                    }
                }
            }
        }
        best
    }
}
