//! The `coder` fuzz target's check, shared with the regression replay
//! (`tests/fuzz_regressions.rs`) so that a saved crash input is judged by the same asserts.

use raqib_core::{InputReport, Report};
use raqib_extract::{CodeOptions, Coder};
use serde_json::Value;

/// Report dates: none, an ordinary day, a leap day, the ends of the accepted range.
pub const DATES: [Option<&str>; 5] = [
    None,
    Some("2018-04-07"),
    Some("2020-02-29"),
    Some("0000-01-01"),
    Some("9999-12-31"),
];

/// How to present the bytes to the coder.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// The report date.
    pub date: Option<&'static str>,
    /// Give the bytes as `html` instead of `text`.
    pub html: bool,
    /// Code with `--explain`.
    pub explain: bool,
}

impl Mode {
    /// The mode the fuzz target derives from an input's first byte.
    pub fn from_byte(b: u8) -> Mode {
        Mode {
            date: DATES[usize::from(b & 7) % DATES.len()],
            html: b & 0x40 != 0,
            explain: b & 0x80 != 0,
        }
    }
}

/// Arbitrary bytes (lossy UTF-8) as a report: coding succeeds, every span is a character
/// range of the coded text whose slice is the object's `text`, confidences are in [0, 1],
/// and the report survives a JSON round trip unchanged.
pub fn check(coder: &Coder, data: &[u8], mode: Mode) {
    let body = String::from_utf8_lossy(data).into_owned();
    let input = InputReport {
        id: Some("fuzz".into()),
        text: (!mode.html).then(|| body.clone()),
        html: mode.html.then(|| body.clone()),
        date: mode.date.map(String::from),
        ..Default::default()
    };
    let opts = CodeOptions {
        explain: mode.explain,
    };
    let r = coder.code(&input, &opts).expect("a report with text codes");
    if !mode.html {
        assert_eq!(r.text, body, "the coded text is the input text");
    }
    for e in &r.events {
        assert!(
            (0.0..=1.0).contains(&e.confidence),
            "confidence {} of {}",
            e.confidence,
            e.id
        );
    }
    let json = serde_json::to_string(&r).expect("serializable");
    let back: Report = serde_json::from_str(&json).expect("reads back");
    assert!(back == r, "JSON round trip changed the report:\n{json}");
    let v: Value = serde_json::from_str(&json).expect("JSON");
    let text = &r.text;
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    walk(&v, text, &bounds, "report");
}

fn walk(v: &Value, text: &str, b: &[usize], path: &str) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Array(sp)) = o.get("span") {
                let (s, e) = (
                    sp[0].as_u64().expect("span start") as usize,
                    sp[1].as_u64().expect("span end") as usize,
                );
                assert!(
                    s <= e && e < b.len(),
                    "{path}: span [{s}, {e}] outside {} chars",
                    b.len() - 1
                );
                if let Some(Value::String(t)) = o.get("text") {
                    assert_eq!(t, &text[b[s]..b[e]], "{path}: text of span [{s}, {e}]");
                }
            }
            for (k, x) in o.iter().filter(|(k, _)| *k != "text") {
                walk(x, text, b, &format!("{path}.{k}"));
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, text, b, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}
