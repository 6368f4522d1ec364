//! Digits to ASCII: Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits → `0`–`9`; the
//! Arabic decimal separator ٫ → `.`, thousands separator ٬ → `,`, percent sign ٪ → `%`.

use super::Step;

/// Map Arabic-Indic and Persian digits and the Arabic number punctuation to ASCII.
pub const fn step(c: char) -> Step {
    let u = c as u32;
    match u {
        0x0660..=0x0669 => Step::Char((b'0' + (u - 0x0660) as u8) as char),
        0x06F0..=0x06F9 => Step::Char((b'0' + (u - 0x06F0) as u8) as char),
        0x066B => Step::Char('.'),
        0x066C => Step::Char(','),
        0x066A => Step::Char('%'),
        _ => Step::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::super::apply_one;
    use super::step;

    #[test]
    fn eastern_digits_become_ascii() {
        let table = [
            ("١٢٠٠", "1200"),
            ("٢٠١٨", "2018"),
            ("۱۳۹۷", "1397"),
            ("٣٫٥", "3.5"),
            ("١٬١٤٦", "1,146"),
            ("٥٠٪", "50%"),
            ("قتل ٣٠ شخصا", "قتل 30 شخصا"),
            ("24", "24"),
        ];
        for (input, want) in table {
            assert_eq!(apply_one(step, input), want, "{input:?}");
        }
    }
}
