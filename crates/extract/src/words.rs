//! Whether a token is one of a few words: the coder's most frequent question.
//!
//! The rules ask it hundreds of thousands of times per megabyte ("is the token before the
//! trigger ردا or عقب?"), so both sides are hashed once: a token's forms (its normalized form
//! and the stem of each clitic segmentation) once per document in [`TokenForms`], a rule's word
//! list once per process in a [`WordSet`] (the `words!` macro keeps one per
//! call site). A question is then a few integer tests, and a string comparison only when the
//! hashes agree.

use std::ops::{Deref, Range};

use raqib_lexicon::matcher::word_hash as hash;
use raqib_text::Document;

/// The first slot a hash probes.
#[inline]
fn slot(h: u64, mask: usize) -> usize {
    (h >> 32) as usize & mask
}

/// No word in a [`WordSet`] slot.
const EMPTY: u32 = u32::MAX;

/// A list of normalized words a rule asks about: an open-addressing table keyed by the words'
/// hashes, at most half full, so a word not listed is refused after a probe or two.
#[derive(Debug)]
pub struct WordSet {
    words: Box<[&'static str]>,
    hashes: Box<[u64]>,
    /// Index into `words` per slot, or [`EMPTY`].
    slots: Box<[u32]>,
    mask: usize,
}

impl WordSet {
    /// The set of `words` (normalized forms, as the text stage writes them).
    pub fn new(words: &[&'static str]) -> WordSet {
        let hashes: Box<[u64]> = words.iter().map(|w| hash(w)).collect();
        let cap = (words.len() * 2).next_power_of_two().max(4);
        let mut slots = vec![EMPTY; cap].into_boxed_slice();
        let mask = cap - 1;
        for (k, &h) in hashes.iter().enumerate() {
            let mut s = slot(h, mask);
            // A word listed twice keeps its first place.
            while slots[s] != EMPTY && words[slots[s] as usize] != words[k] {
                s = (s + 1) & mask;
            }
            if slots[s] == EMPTY {
                slots[s] = k as u32;
            }
        }
        WordSet {
            words: words.into(),
            hashes,
            slots,
            mask,
        }
    }

    /// Whether `form`, whose hash is `h`, is in the set.
    #[inline]
    fn holds(&self, form: &str, h: u64) -> bool {
        self.position(form, h).is_some()
    }

    /// Where `form`, whose hash is `h`, stands in the list.
    #[inline]
    fn position(&self, form: &str, h: u64) -> Option<usize> {
        let mut s = slot(h, self.mask);
        loop {
            let k = self.slots[s];
            if k == EMPTY {
                return None;
            }
            let k = k as usize;
            if self.hashes[k] == h && self.words[k] == form {
                return Some(k);
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Whether `form` is in the set (hashing it; for forms outside a document).
    pub fn contains(&self, form: &str) -> bool {
        self.holds(form, hash(form))
    }
}

/// Words with a value each ("خمسه" → 5): a [`WordSet`] and the values in its order.
#[derive(Debug)]
pub struct WordMap<V> {
    set: WordSet,
    values: Box<[V]>,
}

impl<V: Copy> WordMap<V> {
    /// The map of `pairs` (the first pair of a word wins).
    pub fn new(pairs: &[(&'static str, V)]) -> WordMap<V> {
        let words: Vec<&'static str> = pairs.iter().map(|(w, _)| *w).collect();
        WordMap {
            set: WordSet::new(&words),
            values: pairs.iter().map(|(_, v)| *v).collect(),
        }
    }

    /// The value of `form`.
    pub fn get(&self, form: &str) -> Option<V> {
        self.set.position(form, hash(form)).map(|k| self.values[k])
    }
}

/// A [`WordSet`] built once for the call site: `words!["ردا", "اثر"]`.
macro_rules! words {
    ($($w:expr),+ $(,)?) => {{
        static SET: std::sync::LazyLock<$crate::words::WordSet> =
            std::sync::LazyLock::new(|| $crate::words::WordSet::new(&[$($w),+]));
        &*SET
    }};
}
pub(crate) use words;

/// A document with each token's forms hashed: its normalized form, then the stem of every
/// clitic segmentation that differs from it. Dereferences to the document.
#[derive(Debug)]
pub struct TokenForms<'d> {
    doc: &'d Document,
    /// Per token, where its forms start in `items` (one more entry at the end).
    starts: Vec<u32>,
    /// (form, its hash), token after token.
    items: Vec<(&'d str, u64)>,
}

impl<'d> TokenForms<'d> {
    /// The forms of every token of `doc`.
    pub fn new(doc: &'d Document) -> TokenForms<'d> {
        let mut starts = Vec::with_capacity(doc.tokens.len() + 1);
        let mut items = Vec::with_capacity(doc.tokens.len() * 2);
        for t in &doc.tokens {
            starts.push(items.len() as u32);
            let first = items.len();
            let norm = doc.norm(t);
            items.push((norm, hash(norm)));
            for s in t.segs.as_slice() {
                let stem = doc.stem(t, *s);
                if !items[first..].iter().any(|(f, _)| *f == stem) {
                    items.push((stem, hash(stem)));
                }
            }
        }
        starts.push(items.len() as u32);
        TokenForms { doc, starts, items }
    }

    /// The document.
    pub fn doc(&self) -> &'d Document {
        self.doc
    }

    /// The forms of token `i` (none past the end).
    #[inline]
    pub fn forms(&self, i: usize) -> &[(&'d str, u64)] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Whether token `i`, whole or stripped of a clitic reading, is one of `set`.
    #[inline]
    pub fn is(&self, i: usize, set: &WordSet) -> bool {
        self.forms(i).iter().any(|&(f, h)| set.holds(f, h))
    }

    /// The value of the first form of token `i` that `map` holds.
    #[inline]
    pub fn lookup<V: Copy>(&self, i: usize, map: &WordMap<V>) -> Option<V> {
        self.forms(i)
            .iter()
            .find_map(|&(f, h)| map.set.position(f, h).map(|k| map.values[k]))
    }

    /// Whether any token of `range` is one of `set`.
    pub fn any_in(&self, range: Range<usize>, set: &WordSet) -> bool {
        range.into_iter().any(|i| self.is(i, set))
    }
}

impl Deref for TokenForms<'_> {
    type Target = Document;

    fn deref(&self) -> &Document {
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_its_listed_word_whole_or_stripped_of_clitics() {
        let doc = raqib_text::analyze("وبالمدينة قصف ردا عليه", &raqib_text::Options::default());
        let forms = TokenForms::new(&doc);
        assert!(forms.is(0, words!["مدينه"]));
        assert!(forms.is(2, words!["اثر", "ردا"]));
        assert!(!forms.is(1, words!["ردا", "اثر"]));
        assert!(!forms.is(9, words!["ردا"]));
        assert!(forms.any_in(0..4, words!["قصف"]));
        assert!(!forms.any_in(0..2, words!["ردا"]));
    }

    #[test]
    fn a_set_of_many_words_refuses_the_others() {
        let list: Vec<&'static str> = (0..200)
            .map(|i| &*Box::leak(format!("w{i}").into_boxed_str()))
            .collect();
        let set = WordSet::new(&list);
        assert!(list.iter().all(|w| set.contains(w)));
        assert!(!set.contains("w200") && !set.contains("w") && !set.contains(""));
    }
}
