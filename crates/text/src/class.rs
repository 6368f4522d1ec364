//! Character classes for the tokenizer.
//!
//! One job: say what a character is (letter of which script, digit, punctuation, space, line
//! break, invisible mark, combining mark, symbol). ASCII and the Arabic block go through
//! 128- and 256-entry tables built at compile time; the rest is a `match` on ranges.

/// What a character is, as far as tokenization cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    /// White space and control characters (NUL included): separate tokens.
    Space,
    /// Line terminators: separate tokens, end sentences and paragraphs.
    Break,
    /// Bidi and zero-width marks, soft hyphen, BOM, variation selectors: ignored, never split.
    Invisible,
    /// Combining marks (harakat, tatweel, Latin combining diacritics): continue a word.
    Mark,
    /// Arabic-script letter (presentation forms included).
    Arabic,
    /// Latin-script letter.
    Latin,
    /// Letter of any other script.
    OtherLetter,
    /// Decimal digit (ASCII, Arabic-Indic, Persian, other numerics).
    Digit,
    /// Punctuation.
    Punct,
    /// Anything else: symbols, emoji.
    Symbol,
}

use Class::*;

const fn ascii_class(b: u8) -> Class {
    match b {
        b'\n' | b'\r' | 0x0B | 0x0C => Break,
        0..=0x1F | b' ' | 0x7F => Space,
        b'0'..=b'9' => Digit,
        b'a'..=b'z' | b'A'..=b'Z' => Latin,
        b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~' => Symbol,
        _ => Punct,
    }
}

const fn arabic_block_class(u: u32) -> Class {
    match u {
        0x0600..=0x0605 => Invisible,
        0x0606..=0x060B => Symbol,
        0x060C | 0x060D => Punct,
        0x060E | 0x060F => Symbol,
        0x0610..=0x061A => Mark,
        0x061B => Punct,
        0x061C => Invisible,
        0x061D..=0x061F => Punct,
        0x0620..=0x063F => Arabic,
        0x0640 => Mark,
        0x0641..=0x064A => Arabic,
        0x064B..=0x065F => Mark,
        0x0660..=0x0669 => Digit,
        0x066A..=0x066C => Punct,
        0x066D => Symbol,
        0x066E | 0x066F => Arabic,
        0x0670 => Mark,
        0x0671..=0x06D3 => Arabic,
        0x06D4 => Punct,
        0x06D5 => Arabic,
        0x06D6..=0x06ED => Mark,
        0x06EE | 0x06EF => Arabic,
        0x06F0..=0x06F9 => Digit,
        0x06FA..=0x06FC => Arabic,
        0x06FD | 0x06FE => Symbol,
        _ => Arabic,
    }
}

const fn build_ascii() -> [Class; 128] {
    let mut t = [Space; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_class(i as u8);
        i += 1;
    }
    t
}

const fn build_arabic() -> [Class; 256] {
    let mut t = [Arabic; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = arabic_block_class(0x0600 + i as u32);
        i += 1;
    }
    t
}

static ASCII: [Class; 128] = build_ascii();
static ARABIC: [Class; 256] = build_arabic();

/// The class of a character.
#[inline(always)]
pub(crate) fn classify(c: char) -> Class {
    let u = c as u32;
    if u < 0x80 {
        return ASCII[u as usize];
    }
    if (0x0600..0x0700).contains(&u) {
        return ARABIC[(u - 0x0600) as usize];
    }
    classify_other(c)
}

#[cold]
fn classify_other(c: char) -> Class {
    let u = c as u32;
    match u {
        0x0085 | 0x2028 | 0x2029 => Break,
        0x00AD
        | 0x034F
        | 0x180E
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x206F
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xE0000..=0xE007F
        | 0xE0100..=0xE01EF => Invisible,
        0x0080..=0x009F => Space,
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => Space,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F => {
            Mark
        }
        0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF => Punct,
        0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x02AF => Latin,
        0x02BB | 0x02BC | 0x02BE | 0x02BF => Punct,
        0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Latin,
        0xFB00..=0xFB06 => Latin,
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Latin,
        0x0750..=0x077F | 0x0870..=0x0887 | 0x0889..=0x088E | 0x08A0..=0x08C9 => Arabic,
        0x0888 => Symbol,
        0x0890..=0x089F | 0x08CA..=0x08FF => Mark,
        0xFC5E..=0xFC63 | 0xFCF2..=0xFCF4 => Mark,
        0xFB50..=0xFBB1 | 0xFBD3..=0xFD3D | 0xFD50..=0xFDC7 | 0xFDF0..=0xFDFB => Arabic,
        0xFD3E | 0xFD3F => Punct,
        0xFB50..=0xFDFF => Symbol,
        0xFE73 => Arabic,
        0xFE70..=0xFE7F => Mark,
        0xFE80..=0xFEFC => Arabic,
        0x2010..=0x2027 | 0x2030..=0x205E | 0x2E00..=0x2E7F | 0x3001..=0x303F => Punct,
        0xFE10..=0xFE19 | 0xFE30..=0xFE4F | 0xFE50..=0xFE6B => Punct,
        0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => Punct,
        _ => {
            if c.is_alphabetic() {
                OtherLetter
            } else if c.is_numeric() {
                Digit
            } else if c.is_whitespace() || c.is_control() {
                Space
            } else {
                Symbol
            }
        }
    }
}

/// True for apostrophe-like characters that may sit inside a Latin word (`'` `’` `‘` `ʼ` `ʻ`
/// `ʾ` `ʿ`).
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '\u{02BE}' | '\u{02BF}'
    )
}

/// True for hyphens that may join Latin words (`-`, U+2010, U+2011).
#[inline]
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// True for separators allowed inside a number when a digit follows (`.` `,` `٫` `٬`).
#[inline]
pub(crate) fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_common_characters() {
        let table: &[(char, Class)] = &[
            ('ب', Arabic),
            ('ة', Arabic),
            ('ﻻ', Arabic),
            ('َ', Mark),
            ('ـ', Mark),
            ('a', Latin),
            ('é', Latin),
            ('ḥ', Latin),
            ('Ж', OtherLetter),
            ('٣', Digit),
            ('۳', Digit),
            ('7', Digit),
            ('،', Punct),
            ('؛', Punct),
            ('؟', Punct),
            ('«', Punct),
            ('—', Punct),
            ('…', Punct),
            ('\u{200c}', Invisible),
            ('\u{202e}', Invisible),
            ('\u{061c}', Invisible),
            ('\u{feff}', Invisible),
            ('\u{00ad}', Invisible),
            ('\n', Break),
            ('\u{2029}', Break),
            ('\0', Space),
            ('\u{a0}', Space),
            ('😀', Symbol),
            ('$', Symbol),
        ];
        for &(c, want) in table {
            assert_eq!(classify(c), want, "{c:?} U+{:04X}", c as u32);
        }
    }
}
