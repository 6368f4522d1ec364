//! Invisible characters: bidi controls, zero-width characters, soft hyphen, BOM, variation
//! selectors. They are dropped from the normalized form and never split a token
//! (`دو\u{200c}ما` is one token whose normalized form is `دوما`).

use super::Step;

/// Drop U+200B–200F, U+202A–202E, U+2060–2064, U+2066–206F, U+FEFF, U+061C, U+00AD, the Arabic
/// number signs U+0600–0605, U+180E, variation selectors and tag characters.
pub const fn step(c: char) -> Step {
    match c as u32 {
        0x00AD
        | 0x034F
        | 0x0600..=0x0605
        | 0x061C
        | 0x180E
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x206F
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xE0000..=0xE007F
        | 0xE0100..=0xE01EF => Step::Drop,
        _ => Step::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::super::apply_one;
    use super::step;

    #[test]
    fn bidi_and_zero_width_marks_are_dropped_from_arabic_words() {
        let table = [
            ("دو\u{200c}ما", "دوما"),
            ("\u{200f}دمشق\u{200e}", "دمشق"),
            ("\u{202b}حلب\u{202c}", "حلب"),
            ("\u{2067}إدلب\u{2069}", "إدلب"),
            ("\u{feff}بيروت", "بيروت"),
            ("\u{061c}١٢", "١٢"),
            ("الرق\u{00ad}ة", "الرقة"),
            ("حمص\u{200d}", "حمص"),
        ];
        for (input, want) in table {
            assert_eq!(apply_one(step, input), want, "{input:?}");
        }
    }
}
