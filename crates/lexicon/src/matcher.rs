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

/// A trie node. Children are keyed by the hash of their word ([`word_hash`]), so a document's
/// readings are hashed once and every matcher run over it probes with those hashes; the child
/// keeps its word to confirm the match, and children whose words share a hash are chained.
#[derive(Debug, Default)]
struct Node {
    /// First child by word hash.
    next: FxHashMap<u64, u32>,
    /// The word that leads here from the parent.
    word: Box<str>,
    /// The next child of the same parent whose word has the same hash ([`NONE`] when none).
    sibling: u32,
    values: Vec<EntryRef>,
}

/// No node.
const NONE: u32 = u32::MAX;

/// The hash a word is keyed by in every matcher.
#[inline]
pub fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// The compiled matcher.
#[derive(Debug)]
pub struct Matcher {
    nodes: Vec<Node>,
    patterns: usize,
    /// One bit per first word's hash, about sixteen bits per first word: a small table that
    /// stays in cache and refuses most tokens before the root's map is probed.
    first_words: Box<[u64]>,
    /// `first_words`' bit count minus one.
    first_mask: u64,
}

impl Matcher {
    /// Whether a word with hash `h` may begin a pattern.
    #[inline]
    fn may_begin(&self, h: u64) -> bool {
        let bit = (h >> 20) & self.first_mask;
        self.first_words[(bit >> 6) as usize] & (1 << (bit & 63)) != 0
    }
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
fn token_readings<'d>(doc: &'d Document, t: &Token, out: &mut Vec<&'d str>) {
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

/// The readings of a run of a document's tokens, each hashed once: what every matcher looks
/// up. Build it once per document ([`Readings::new`]) and run all matchers with
/// [`Matcher::find_in`]; [`Matcher::find`] builds one for its range.
#[derive(Debug)]
pub struct Readings<'d> {
    doc: &'d Document,
    /// First token covered.
    base: usize,
    /// Per covered token, where its readings start in `items` (one more entry at the end).
    starts: Vec<u32>,
    /// (reading, its hash), token after token.
    items: Vec<(&'d str, u64)>,
    /// Per covered token: may be skipped inside a name (a Latin article or a quotation mark).
    skippable: Vec<bool>,
}

impl<'d> Readings<'d> {
    /// The readings of every token of `doc`.
    pub fn new(doc: &'d Document) -> Readings<'d> {
        Readings::over(doc, 0..doc.tokens.len())
    }

    /// The readings of tokens `range` of `doc`.
    pub fn over(doc: &'d Document, range: Range<usize>) -> Readings<'d> {
        let range = range.start.min(doc.tokens.len())..range.end.min(doc.tokens.len());
        let n = range.len();
        let mut r = Readings {
            doc,
            base: range.start,
            starts: Vec::with_capacity(n + 1),
            items: Vec::with_capacity(n * 2),
            skippable: Vec::with_capacity(n),
        };
        let mut scratch = Vec::with_capacity(8);
        for t in &doc.tokens[range] {
            r.starts.push(r.items.len() as u32);
            token_readings(doc, t, &mut scratch);
            r.items.extend(scratch.iter().map(|w| (*w, word_hash(w))));
            r.skippable
                .push(is_latin_article(doc, t) || is_quote(doc, t));
        }
        r.starts.push(r.items.len() as u32);
        r
    }

    /// The document read.
    pub fn doc(&self) -> &'d Document {
        self.doc
    }

    /// The tokens covered.
    pub fn tokens(&self) -> Range<usize> {
        self.base..self.base + self.skippable.len()
    }

    /// The readings of token `i` (empty outside the covered run).
    #[inline]
    fn of(&self, i: usize) -> &[(&'d str, u64)] {
        match i.checked_sub(self.base) {
            Some(k) if k + 1 < self.starts.len() => {
                &self.items[self.starts[k] as usize..self.starts[k + 1] as usize]
            }
            _ => &[],
        }
    }

    #[inline]
    fn skippable(&self, i: usize) -> bool {
        i.checked_sub(self.base)
            .and_then(|k| self.skippable.get(k))
            .copied()
            .unwrap_or(false)
    }
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
        let doc = raqib_text::tokenize(name);
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
            let h = word_hash(k);
            let next = match child(&self.nodes, node, k, h) {
                Some(n) => n,
                None => {
                    let n = self.nodes.len();
                    // A new child goes first in its hash's chain.
                    let sibling = self.nodes[node].next.insert(h, n as u32).unwrap_or(NONE);
                    self.nodes.push(Node {
                        word: k.as_str().into(),
                        sibling,
                        ..Node::default()
                    });
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
        let firsts = self.nodes[0].next.len();
        let bits = (firsts * 16).next_power_of_two().clamp(1 << 12, 1 << 21);
        let mut first_words = vec![0u64; bits / 64].into_boxed_slice();
        let first_mask = bits as u64 - 1;
        for &h in self.nodes[0].next.keys() {
            let bit = (h >> 20) & first_mask;
            first_words[(bit >> 6) as usize] |= 1 << (bit & 63);
        }
        Matcher {
            nodes: self.nodes,
            patterns: self.patterns,
            first_words,
            first_mask,
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
        self.find_in(&Readings::over(doc, range.clone()), range)
    }

    /// [`Matcher::find`] with the readings already made (once per document for many
    /// matchers); tokens of `range` outside the readings' run match nothing.
    pub fn find_in(&self, readings: &Readings, range: Range<usize>) -> Vec<Mention> {
        let doc = readings.doc;
        let mut out = Vec::new();
        let mut i = range.start;
        let end = range.end.min(readings.tokens().end);
        // The search stack, shared by every position.
        let mut stack = Vec::with_capacity(8);
        while i < end {
            // Most tokens begin nothing: the first-word bitset refuses them without a probe.
            if readings.of(i).iter().all(|&(_, h)| !self.may_begin(h)) {
                i += 1;
                continue;
            }
            match self.longest_at(readings, i, end, &mut stack) {
                Some((stop, node)) => {
                    let span = raqib_core::Span::new(
                        doc.tokens[i].span.start,
                        doc.tokens[stop - 1].span.end,
                    );
                    out.push(Mention {
                        tokens: i..stop,
                        span,
                        entries: self.nodes[node].values.clone(),
                    });
                    i = stop;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest match starting at token `start`: (end token, trie node).
    fn longest_at(
        &self,
        readings: &Readings,
        start: usize,
        limit: usize,
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
            if node != 0 && readings.skippable(i) {
                stack.push((i + 1, node));
            }
            for &(r, h) in readings.of(i) {
                if let Some(n) = child(&self.nodes, node, r, h) {
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

/// The child of `node` reached by `word` (whose hash is `h`).
#[inline]
fn child(nodes: &[Node], node: usize, word: &str, h: u64) -> Option<usize> {
    let mut c = *nodes[node].next.get(&h)?;
    while c != NONE {
        let n = &nodes[c as usize];
        if &*n.word == word {
            return Some(c as usize);
        }
        c = n.sibling;
    }
    None
}
