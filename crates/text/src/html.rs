//! HTML to plain text, for reports that arrive as web pages.
//!
//! [`html_to_text`] parses with a real HTML5 parser (html5ever, through `scraper`), so
//! entities, unclosed tags and broken markup are handled as browsers do. Call it before
//! [`crate::analyze`]: offsets then refer to the returned text.
//!
//! - `script` `style` `noscript` `nav` `header` `footer` `aside` `form` `iframe` `svg` `head`
//!   `template` `button` `select` `object` `embed` `canvas` and their content are dropped;
//! - block elements (`p` `div` `h1`–`h6` `li` `br` `tr` `article` `section` `blockquote`
//!   `figcaption` `ul` `ol` `table` `pre` `hr`...) become line breaks, table cells a space;
//! - white space within a line is collapsed to one space, lines are trimmed, and there are no
//!   blank lines.
//!
//! The walk over the tree is iterative (no recursion on deep documents), but the parser's tree
//! building is quadratic in the nesting depth: tens of thousands of nested elements take
//! seconds. Real pages are far shallower.

use scraper::{Html, Node};

const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "head", "template", "button", "select", "object", "embed", "canvas", "math",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "br",
    "tr",
    "article",
    "section",
    "blockquote",
    "figcaption",
    "figure",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "pre",
    "hr",
    "main",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "title",
];

/// Tags that make a string look like HTML (after `<` or `</`).
const TELLTALE: &[&str] = &[
    "p", "div", "br", "span", "a", "li", "ul", "h1", "h2", "h3", "img", "table", "tr", "td",
    "body", "head", "meta", "script", "article", "section", "strong", "em", "b", "i",
];

/// Plain text of an HTML document: one line per block, no blank lines.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = Writer::default();
    let root = doc.tree.root();
    let mut node = root;
    'walk: loop {
        // Open `node`.
        let mut descend = true;
        match node.value() {
            Node::Text(t) => out.text(t),
            Node::Element(e) => {
                let name = e.name();
                if DROPPED.contains(&name) {
                    descend = false;
                } else if BLOCKS.contains(&name) {
                    out.newline();
                } else if matches!(name, "td" | "th") {
                    out.space();
                }
            }
            _ => {}
        }
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Close `node` and the ancestors it ends.
        loop {
            if let Node::Element(e) = node.value() {
                if BLOCKS.contains(&e.name()) {
                    out.newline();
                }
            }
            if node == root {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(p) => node = p,
                None => break 'walk,
            }
        }
    }
    out.finish()
}

/// Builds the text line by line.
#[derive(Default)]
struct Writer {
    out: String,
    /// A space is owed before the next text on this line.
    space: bool,
    /// A line break is owed before the next text.
    newline: bool,
}

impl Writer {
    fn text(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.newline {
                if !self.out.is_empty() {
                    self.out.push('\n');
                }
                self.newline = false;
                self.space = false;
            } else if self.space {
                if !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.space = false;
            }
            self.out.push(c);
        }
    }

    fn newline(&mut self) {
        self.newline = true;
        self.space = false;
    }

    fn space(&mut self) {
        self.space = true;
    }

    fn finish(self) -> String {
        self.out
    }
}

/// True when `s` looks like HTML: it has `<html` or `<!doctype`, or at least two tags such as
/// `<p>`, `<div>`, `<br/>`, `</span>` (case-insensitive).
pub fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let mut tags = 0;
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        let at = i + off + 1;
        i = at;
        let rest = &b[at..];
        let starts =
            |p: &str| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        if starts("html") || starts("!doctype") {
            return true;
        }
        let name_start = usize::from(rest.first() == Some(&b'/'));
        let name_len = rest[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = &rest[name_start..name_start + name_len];
        let after = rest.get(name_start + name_len).copied();
        let closes_name = matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'));
        if closes_name
            && TELLTALE
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
        {
            tags += 1;
            if tags >= 2 {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_boilerplate_is_dropped() {
        let html = r#"<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>
<script>var x = "<p>no</p>";</script></head><body>
<header><nav><a href="/">الرئيسية</a> | <a href="/s">سوريا</a></nav></header>
<article><h1>قوات النظام   تقصف
دوما</h1>
<p>دمشق - قتل 12 مدنيا&nbsp;في قصف &laquo;جوي&raquo; &amp; مدفعي.<br>وأضاف المرصد.</p>
<figure><img src="x.jpg"><figcaption>صورة أرشيفية</figcaption></figure>
<ul><li>رابط أول</li><li>رابط <b>ثان</b></li></ul>
<form><input name="q"><button>بحث</button></form>
<noscript>فعّل جافاسكربت</noscript><aside>إعلان</aside>
</article><footer>جميع الحقوق محفوظة</footer><iframe src="x">i</iframe>
<svg><text>svg text</text></svg></body></html>"#;
        let text = html_to_text(html);
        assert_eq!(
            text,
            "قوات النظام تقصف دوما\nدمشق - قتل 12 مدنيا في قصف «جوي» & مدفعي.\nوأضاف المرصد.\nصورة أرشيفية\nرابط أول\nرابط ثان"
        );
    }

    #[test]
    fn inline_elements_keep_words_apart_or_together_as_written() {
        assert_eq!(html_to_text("<p>a<b>b</b> <i>c</i></p><p>d</p>"), "ab c\nd");
        assert_eq!(
            html_to_text("<table><tr><td>1</td><td>2</td></tr></table>"),
            "1 2"
        );
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text("plain text"), "plain text");
    }

    #[test]
    fn deeply_nested_markup_does_not_overflow_the_stack() {
        let html = "<div>".repeat(3_000) + "x";
        assert_eq!(html_to_text(&html), "x");
        let html = "<b>".repeat(3_000) + "y";
        assert_eq!(html_to_text(&html), "y");
    }

    #[test]
    fn html_is_told_from_plain_text() {
        let table = [
            ("<!doctype html><p>x", true),
            ("<HTML><body>", true),
            ("<p>one</p><p>two</p>", true),
            ("text<br/>more<br>", true),
            ("<div class=\"a\">x</div>", true),
            ("قال إن 3 < 5 وإن 7 > 2", false),
            ("a <b> alone", false),
            ("", false),
            ("<", false),
        ];
        for (s, want) in table {
            assert_eq!(looks_like_html(s), want, "{s:?}");
        }
    }
}
