//! Lines that are not part of the story.
//!
//! Each rule looks at a line's tokens (normalized forms compared, so أيضاً and ايضا meet):
//!
//! - **read-also link**: a line starting with a "read also" phrase (اقرأ أيضا, إقرأ ايضا,
//!   اقرأ المزيد, شاهد أيضا, Read more, Read also, Also read, See also, Related:) and the link
//!   lines right after it: bulleted lines, or — when the header holds nothing but the phrase —
//!   the one next line if it is short with no final full stop.
//! - **related-links block**: two or more consecutive bulleted lines (starting with `- ` `• `
//!   `* ` `– ` `— ` `· ` `▪ ` `● `) that look like links: fewer than 25 words, no final full
//!   stop. A single such line is kept in the story.
//! - **share line**: a short line (at most 6 words, no final full stop) starting with a
//!   share/subscribe/follow phrase (شارك على, شارك الخبر, تابعونا, اشترك, Share this,
//!   Subscribe, Follow us, Click here...). شارك alone is a share line, but شارك followed by
//!   anything else is not (it also means "took part").
//! - **photo caption**: a line wholly in parentheses mentioning a photo (`(صورة أرشيفية)`,
//!   `(Photo: ...)`), or starting with صورة: / الصورة: / Photo: / Image: / File photo.
//! - **credit line**: a line wholly in parentheses of at most 4 words (`(Reuters)`,
//!   `(أ ف ب)`), or a short line (at most 8 words) holding ©, "Getty Images", or an agency after
//!   a slash (`AFP/Getty Images`, `Photo/AP`).

use super::{count_words, last_punct, Line};
use crate::{Document, TokenKind};

/// Reason for a read-also header and its links.
pub(crate) const READ_ALSO: &str = "read-also link";
/// Reason for a block of related links.
pub(crate) const RELATED: &str = "related-links block";
/// Reason for share/subscribe/follow lines.
pub(crate) const SHARE: &str = "share line";
/// Reason for photo captions.
pub(crate) const PHOTO: &str = "photo caption";
/// Reason for credit lines.
pub(crate) const CREDIT: &str = "credit line";

const BULLETS: &[char] = &['-', '•', '*', '–', '—', '·', '▪', '●', '◦', '■'];

const READ_ALSO_PHRASES: &[&str] = &[
    "اقرا ايضا",
    "اقرا كذلك",
    "اقرا المزيد",
    "اقرا اكثر",
    "شاهد ايضا",
    "شاهد كذلك",
    "اقرا",
    "read more",
    "read also",
    "also read",
    "see also",
    "related :",
    "related stories",
    "related articles",
    "related news",
    "more on this",
];

const SHARE_PHRASES: &[&str] = &[
    "شارك علي",
    "شارك عبر",
    "شارك الخبر",
    "شارك هذا",
    "شارك المقال",
    "شاركوا",
    "تابعونا",
    "تابعنا علي",
    "تابعنا عبر",
    "تابعوا",
    "اشترك",
    "اشتركوا",
    "share this",
    "share on",
    "share :",
    "subscribe",
    "follow us",
    "click here",
    "tweet this",
    "email this",
    "print this",
];

const PHOTO_WORDS: &[&str] = &[
    "صوره",
    "الصوره",
    "ارشيفيه",
    "ارشيف",
    "تعبيريه",
    "photo",
    "file",
    "image",
    "picture",
    "pic",
];

const PHOTO_STARTS: &[&str] = &[
    "صوره :",
    "صوره -",
    "الصوره :",
    "الصوره -",
    "صوره ارشيفيه",
    "photo :",
    "photo credit",
    "image :",
    "picture :",
    "file photo",
];

const AGENCIES: &[&str] = &[
    "afp", "reuters", "ap", "epa", "getty", "anadolu", "sana", "xinhua", "dpa", "ansa",
];

/// What the skip rules need to know about a line.
struct Info<'a> {
    words: usize,
    final_stop: bool,
    bullet: bool,
    /// Normalized forms of the line's tokens after the bullet, if any, space separated.
    body: &'a str,
    in_parens: bool,
}

impl Info<'_> {
    fn link_like(&self) -> bool {
        self.words > 0 && self.words < 25 && !self.final_stop
    }
}

/// True when `s` starts with `phrase` ending at a token boundary.
fn starts_with_phrase(s: &str, phrase: &str) -> bool {
    s.strip_prefix(phrase)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

fn info<'a>(text: &str, doc: &'a Document, l: &Line) -> Info<'a> {
    let toks = &doc.tokens[l.tokens.clone()];
    let (first, last) = (&toks[0], &toks[toks.len() - 1]);
    let norm = doc
        .norm_text
        .get(first.norm.start as usize..last.norm.end as usize)
        .unwrap_or("");
    let first_char = first.span.slice(text).chars().next();
    let bullet = toks.len() > 1
        && matches!(first.kind, TokenKind::Punct | TokenKind::Symbol)
        && first_char.is_some_and(|c| BULLETS.contains(&c))
        && (first.span.end < toks[1].span.start || !matches!(first_char, Some('-' | '*')));
    let body = if bullet {
        doc.norm_text
            .get(toks[1].norm.start as usize..last.norm.end as usize)
            .unwrap_or("")
    } else {
        norm
    };
    let in_parens = toks.len() > 2 && first.span.slice(text) == "(" && last.span.slice(text) == ")";
    Info {
        words: count_words(doc, l),
        final_stop: last_punct(text, doc, l) == Some('.'),
        bullet,
        body,
        in_parens,
    }
}

/// The skip reason of every line, `None` for story lines.
pub(crate) fn classify(text: &str, doc: &Document, lines: &[Line]) -> Vec<Option<&'static str>> {
    let infos: Vec<Info<'_>> = lines.iter().map(|l| info(text, doc, l)).collect();
    let mut out: Vec<Option<&'static str>> = vec![None; lines.len()];

    // Read-also headers and their links.
    let mut i = 0;
    while i < infos.len() {
        let inf = &infos[i];
        let phrase = READ_ALSO_PHRASES
            .iter()
            .find(|p| starts_with_phrase(inf.body, p));
        let Some(phrase) = phrase.filter(|_| inf.words <= 30) else {
            i += 1;
            continue;
        };
        // "اقرا" alone is only a header when nothing or a colon follows.
        let rest = inf.body[phrase.len()..].trim_start_matches([' ', ':', '-', '،']);
        if *phrase == "اقرا" && !rest.is_empty() {
            i += 1;
            continue;
        }
        out[i] = Some(READ_ALSO);
        let mut any_next = rest.is_empty();
        i += 1;
        while i < infos.len() {
            let n = &infos[i];
            if (n.bullet && n.link_like()) || (any_next && n.link_like()) {
                out[i] = Some(READ_ALSO);
                any_next = false;
                i += 1;
            } else {
                break;
            }
        }
    }

    // Blocks of bulleted links.
    let mut i = 0;
    while i < infos.len() {
        let is_link = |k: usize| out[k].is_none() && infos[k].bullet && infos[k].link_like();
        if !is_link(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < infos.len() && is_link(i) {
            i += 1;
        }
        if i - start >= 2 {
            for r in &mut out[start..i] {
                *r = Some(RELATED);
            }
        }
    }

    // Share, photo and credit lines.
    for (k, inf) in infos.iter().enumerate() {
        if out[k].is_none() {
            out[k] = single_line(inf);
        }
    }
    out
}

fn single_line(inf: &Info<'_>) -> Option<&'static str> {
    let s = inf.body;
    if !inf.final_stop
        && inf.words <= 6
        && (s == "شارك" || SHARE_PHRASES.iter().any(|p| starts_with_phrase(s, p)))
    {
        return Some(SHARE);
    }
    let has_word = |list: &[&str]| s.split(' ').any(|w| list.contains(&w));
    if inf.in_parens && has_word(PHOTO_WORDS) {
        return Some(PHOTO);
    }
    let paren_body = if inf.in_parens {
        s.strip_prefix("( ").unwrap_or(s)
    } else {
        s
    };
    if PHOTO_STARTS
        .iter()
        .any(|p| starts_with_phrase(paren_body, p))
        && inf.words <= 40
    {
        return Some(PHOTO);
    }
    if inf.in_parens && inf.words <= 4 {
        return Some(CREDIT);
    }
    if inf.words <= 15 && s.contains('©') {
        return Some(CREDIT);
    }
    if inf.words <= 8 {
        let words: Vec<&str> = s.split(' ').collect();
        let getty = words.windows(2).any(|w| w == ["getty", "images"]);
        let slash_agency = words.windows(2).any(|w| {
            (w[0] == "/" && AGENCIES.contains(&w[1])) || (w[1] == "/" && AGENCIES.contains(&w[0]))
        });
        if getty || slash_agency {
            return Some(CREDIT);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn reasons(text: &str) -> Vec<Option<&'static str>> {
        let d = analyze(text, &Options::default());
        d.paragraphs
            .iter()
            .map(|p| {
                d.skipped
                    .iter()
                    .find(|s| s.span == p.span)
                    .map(|s| s.reason)
            })
            .collect()
    }

    #[test]
    fn single_lines_not_in_the_story_are_recognized() {
        let table: &[(&str, Option<&str>)] = &[
            ("شارك", Some("share line")),
            ("شارك على فيسبوك", Some("share line")),
            ("تابعونا على تويتر", Some("share line")),
            ("Share this", Some("share line")),
            ("Follow us on Twitter", Some("share line")),
            ("Click here to subscribe", Some("share line")),
            ("(صورة أرشيفية)", Some("photo caption")),
            ("صورة: مقاتلون في حلب", Some("photo caption")),
            ("Photo: Syrian soldiers in Aleppo", Some("photo caption")),
            ("(Reuters)", Some("credit line")),
            ("(أ ف ب)", Some("credit line")),
            ("AFP/Getty Images", Some("credit line")),
            ("© 2018 Reuters", Some("credit line")),
            ("شارك آلاف المتظاهرين في مسيرة وسط دمشق", None),
            ("شارك مئات.", None),
            ("وقتل ثلاثة (بينهم طفل) في القصف.", None),
        ];
        for &(line, want) in table {
            let text = format!("عنوان الخبر\n{line}\nنص الخبر هنا.");
            assert_eq!(reasons(&text)[1], want, "{line:?}");
        }
    }

    #[test]
    fn read_also_headers_take_their_link_lines() {
        let text =
            "عنوان\nنص الخبر.\nاقرأ أيضاً:\nالأمم المتحدة تدعو إلى هدنة\nنص آخر طويل من الخبر.";
        assert_eq!(
            reasons(text),
            [
                None,
                None,
                Some("read-also link"),
                Some("read-also link"),
                None
            ]
        );
        let text =
            "عنوان\nنص الخبر.\nإقرأ ايضا: مقتل قيادي في جيش الإسلام\n- هدنة في الغوطة\nنص آخر.";
        assert_eq!(
            reasons(text),
            [
                None,
                None,
                Some("read-also link"),
                Some("read-also link"),
                None
            ]
        );
    }

    #[test]
    fn one_dashed_line_alone_stays_in_the_story() {
        let text = "عنوان\nنص الخبر.\n- مقتل قيادي في جيش الإسلام\nنص آخر.";
        assert_eq!(reasons(text), [None, None, None, None]);
    }

    #[test]
    fn dashed_lines_ending_with_a_full_stop_are_not_links() {
        let text = "عنوان\nنص الخبر.\n- قتل ثلاثة في القصف.\n- وأصيب عشرة آخرون.\nنص آخر.";
        assert_eq!(reasons(text), [None, None, None, None, None]);
    }
}
