//! Name search for actors and places, Arabic-aware.
//!
//! Names and queries go through raqib-text's normalization (harakat and tatweel dropped, alef
//! forms unified, ى/ي and ة/ه folded, Latin lowercased without diacritics); each query word
//! also offers its clitic segmentations (وبدمشق → دمشق), and the article ال is ignored on both
//! sides. A name matches when every query word starts one of its words. The Arabic names and
//! aliases come from the lexicon, by the stored actor or place id.

/// The normalized words of a name, article removed.
fn words(s: &str) -> Vec<String> {
    let norm = raqib_text::normalize(s);
    norm.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| strip_article(w).to_string())
        .collect()
}

fn strip_article(w: &str) -> &str {
    match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    }
}

/// The forms one query word may stand for: itself and its clitic stems.
fn query_forms(word: &str) -> Vec<String> {
    let mut out = vec![strip_article(word).to_string()];
    for seg in raqib_text::clitic::segment(word).as_slice() {
        let end = word.len().saturating_sub(seg.suf as usize);
        if let Some(stem) = word.get(seg.pre as usize..end) {
            let stem = strip_article(stem);
            if !stem.is_empty() && !out.iter().any(|o| o == stem) {
                out.push(stem.to_string());
            }
        }
    }
    out
}

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Query {
    /// Per query word, the forms it may stand for.
    words: Vec<Vec<String>>,
}

impl Query {
    /// Compile a query; `None` when it has no words.
    pub fn new(q: &str) -> Option<Query> {
        let norm = raqib_text::normalize(q);
        let words: Vec<Vec<String>> = norm
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(query_forms)
            .collect();
        (!words.is_empty()).then_some(Query { words })
    }

    /// Whether any of `names` matches.
    pub fn matches<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> bool {
        names.into_iter().any(|n| self.matches_one(n))
    }

    fn matches_one(&self, name: &str) -> bool {
        let ws = words(name);
        self.words.iter().all(|forms| {
            forms
                .iter()
                .any(|f| ws.iter().any(|w| w.starts_with(f.as_str())))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_search_ignores_harakat_alef_forms_and_clitics() {
        let q = |s: &str| Query::new(s).unwrap();
        // Harakat in the query.
        assert!(q("دِمَشْق").matches(["دمشق"]));
        // Alef forms: إدلب written with a bare alef.
        assert!(q("ادلب").matches(["إدلب"]));
        // Clitics: "and in Damascus".
        assert!(q("وبدمشق").matches(["دمشق"]));
        // The article on either side.
        assert!(q("الغوطة").matches(["غوطة دمشق"]));
        assert!(q("غوطه").matches(["الغوطة الشرقية"]));
        // Latin, case and diacritics.
        assert!(q("jaish al-islam").matches(["Jaish al-Islam"]));
        assert!(q("DOUMA").matches(["Douma"]));
        // Every word must match.
        assert!(!q("دمشق حلب").matches(["دمشق"]));
        assert!(!q("حمص").matches(["دمشق"]));
    }
}
