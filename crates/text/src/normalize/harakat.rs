//! Harakat, Quranic annotation marks and tatweel are dropped.

use super::Step;

/// Drop U+064B–065F (harakat), U+0670 (superscript alef), U+0610–061A, U+06D6–06ED (Quranic
/// marks), U+08CA–08FF and U+0890–089F (extended marks), U+0640 (tatweel), and the presentation
/// forms of harakat (U+FE70–FE7F but U+FE73, U+FC5E–FC63).
pub const fn step(c: char) -> Step {
    match c as u32 {
        0x0610..=0x061A | 0x0640 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED => Step::Drop,
        0x0890..=0x089F | 0x08CA..=0x08FF => Step::Drop,
        0xFC5E..=0xFC63 => Step::Drop,
        0xFE73 => Step::Keep,
        0xFE70..=0xFE7F => Step::Drop,
        _ => Step::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::super::apply_one;
    use super::step;

    #[test]
    fn harakat_and_tatweel_are_stripped_from_real_words() {
        let table = [
            ("مُحَمَّد", "محمد"),
            ("قَصَفَتْ", "قصفت"),
            ("الجَيْشُ", "الجيش"),
            ("كِتَابٌ", "كتاب"),
            ("شُهَدَاءَ", "شهداء"),
            ("هٰذا", "هذا"),
            ("الـــحكومة", "الحكومة"),
            ("ســـوريا", "سوريا"),
            ("بِسْمِ ٱللَّهِ", "بسم ٱلله"),
            ("صلى الله عليه وسلمﷺ", "صلى الله عليه وسلمﷺ"),
        ];
        for (input, want) in table {
            assert_eq!(apply_one(step, input), want, "{input:?}");
        }
    }
}
