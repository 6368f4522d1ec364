//! Letter folding for matching: alef maqsura, ta marbuta, hamza seats, Persian letters.
//!
//! - ى (alef maqsura) → ي: writers mix them freely at word ends (على/علي, مستشفى/مستشفي).
//! - ة (ta marbuta) → ه: often typed as ه (الغوطة/الغوطه).
//! - ؤ → و and ئ → ي: the hamza seat is dropped (مؤتمر → موتمر, إخلائه → اخلايه), so the
//!   spellings with and without hamza meet. A bare hamza ء is kept.
//! - Persian ی → ي, ک → ك, ۀ → ه: Persian keyboards produce them in Arabic text.

use super::Step;

/// Fold ى ة ؤ ئ and the Persian yeh, kaf and heh-with-yeh.
pub const fn step(c: char) -> Step {
    match c {
        'ى' | 'ئ' | 'ی' => Step::Char('ي'),
        'ة' | 'ۀ' => Step::Char('ه'),
        'ؤ' => Step::Char('و'),
        'ک' => Step::Char('ك'),
        _ => Step::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::super::apply_one;
    use super::step;

    #[test]
    fn ya_ta_marbuta_and_hamza_seats_fold() {
        let table = [
            ("مستشفى", "مستشفي"),
            ("على", "علي"),
            ("الغوطة", "الغوطه"),
            ("حماة", "حماه"),
            ("مؤتمر", "موتمر"),
            ("رئيس", "رييس"),
            ("إخلائه", "إخلايه"),
            ("شهداء", "شهداء"),
            ("ایران", "ايران"),
            ("کرمانشاه", "كرمانشاه"),
            ("فارسی", "فارسي"),
        ];
        for (input, want) in table {
            assert_eq!(apply_one(step, input), want, "{input:?}");
        }
    }
}
