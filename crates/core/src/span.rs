//! Offsets into the original report text.
//!
//! Inside raqib every stage counts in **bytes** of the original UTF-8 text (cheap to slice, and
//! what tokenizers produce). The output contract counts in **characters** (Unicode scalar values).
//! [`CharIndex`] converts once, at the output edge.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of offsets into a report's original text.
///
/// Serialized as a two-element array `[start, end]`, as the contract writes spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First offset inside the range.
    pub start: usize,
    /// First offset past the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Number of offsets covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one offset.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this (byte) span covers, or `""` when it does not fall on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// Converts byte offsets of one text into character offsets.
///
/// Built once per report in O(n); each conversion is a binary search over the positions of
/// multi-byte characters only, so ASCII-heavy text costs almost nothing. Each position carries
/// the extra bytes of all wide characters up to it, so a conversion never scans: the coder
/// converts every span of a report, and summing over the prefix made that quadratic in the
/// length of Arabic text (3 % of the coder's time on ordinary news, more on long reports).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// For every char longer than one byte, in order: its byte offset, and the extra bytes
    /// (beyond one per char) of it and every wide char before it.
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CharIndex {
    /// Index the text.
    pub fn new(text: &str) -> CharIndex {
        let mut extra = 0;
        let wide = text
            .char_indices()
            .filter(|(_, c)| c.len_utf8() > 1)
            .map(|(i, c)| {
                extra += c.len_utf8() - 1;
                (i, extra)
            })
            .collect();
        CharIndex {
            wide,
            len: text.len(),
        }
    }

    /// The character offset of a byte offset (which must be a char boundary or the end).
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // Wide chars starting before `byte`, and the extra bytes they take.
        let n = self.wide.partition_point(|&(i, _)| i < byte);
        let extra = n.checked_sub(1).map_or(0, |k| self.wide[k].1);
        byte - extra
    }

    /// Convert a byte span into a character span.
    pub fn span(&self, span: Span) -> Span {
        Span::new(self.char_of(span.start), self.char_of(span.end))
    }
}

/// A table turning character offsets back into byte offsets, for consumers of the contract.
pub fn char_to_byte(text: &str, ch: usize) -> Option<usize> {
    if ch == 0 {
        return Some(0);
    }
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .nth(ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_arabic_as_one_char_each() {
        let text = "قصف Douma دوما";
        let idx = CharIndex::new(text);
        let byte = text.find("Douma").unwrap();
        assert_eq!(idx.char_of(byte), 4);
        let b2 = text.find("دوما").unwrap();
        assert_eq!(idx.char_of(b2), 10);
        assert_eq!(idx.char_of(text.len()), text.chars().count());
    }

    #[test]
    fn span_serializes_as_pair() {
        let s = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn char_of_counts_every_char_once_in_mixed_text() {
        let text = "aب😀c دوما\u{200f}x";
        let idx = CharIndex::new(text);
        for (n, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_of(b), n, "byte {b}");
        }
        assert_eq!(idx.char_of(text.len()), text.chars().count());
        assert_eq!(CharIndex::new("").char_of(0), 0);
    }

    #[test]
    fn char_to_byte_roundtrips() {
        let text = "أمس الجمعة x";
        let idx = CharIndex::new(text);
        for (b, _) in text.char_indices() {
            assert_eq!(char_to_byte(text, idx.char_of(b)), Some(b));
        }
    }
}
