//! Alef forms are unified: أ إ آ ٱ (and ٲ ٳ ٵ) → ا.

use super::Step;

/// Map hamza-above, hamza-below, madda and wasla alefs to bare alef (U+0627).
pub const fn step(c: char) -> Step {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' | '\u{0675}' => Step::Char('ا'),
        _ => Step::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::super::apply_one;
    use super::step;

    #[test]
    fn alef_forms_become_bare_alef() {
        let table = [
            ("أعلن", "اعلن"),
            ("إسرائيل", "اسرائيل"),
            ("آلاف", "الاف"),
            ("ٱلله", "الله"),
            ("الأسد", "الاسد"),
            ("الإرهاب", "الارهاب"),
            ("القرآن", "القران"),
            ("ادلب", "ادلب"),
        ];
        for (input, want) in table {
            assert_eq!(apply_one(step, input), want, "{input:?}");
        }
    }
}
