//! The output contract: every line `raqib code` writes validates against
//! `schema/coded-report.schema.json` (JSON Schema 2020-12), and every span slices the report's
//! `text` by characters, with the evidence, trigger and mention texts equal to their slices.
//!
//! Inputs: the example reports of the repository, fixtures written here (Arabic and English
//! text, HTML, JSONL with every input field, `--explain`), and the shared seed and storyline
//! reports when `../shared` is there.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> PathBuf {
    root().join("../shared")
}

fn schema() -> Value {
    let p = root().join("schema/coded-report.schema.json");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema is a valid 2020-12 schema")
}

/// Run `raqib code ARGS` and return its output lines, parsed; the run must succeed.
fn code(args: &[&str], inputs: &[&Path]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_raqib"))
        .arg("code")
        .args(args)
        .args(inputs)
        .output()
        .expect("raqib runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "raqib code {args:?} {inputs:?} failed: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Character boundaries of a text: `bounds[i]` is the byte offset of character `i`.
fn char_bounds(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn span_of(v: &Value) -> Option<(usize, usize)> {
    let a = v.as_array()?;
    if a.len() != 2 {
        return None;
    }
    Some((a[0].as_u64()? as usize, a[1].as_u64()? as usize))
}

/// Check every `span` under `v`: inside the text, and equal to the object's `text` when it
/// has one. Returns the number of spans checked.
fn check_spans(
    v: &Value,
    text: &str,
    bounds: &[usize],
    path: &str,
    errors: &mut Vec<String>,
) -> usize {
    let chars = bounds.len() - 1;
    let mut n = 0;
    match v {
        Value::Object(o) => {
            if let Some(sp) = o.get("span").filter(|s| !s.is_null()) {
                n += 1;
                match span_of(sp) {
                    Some((s, e)) if s <= e && e <= chars => {
                        let slice = &text[bounds[s]..bounds[e]];
                        if let Some(Value::String(t)) = o.get("text") {
                            if t != slice {
                                errors.push(format!(
                                    "{path}: text {t:?} but span [{s}, {e}] slices {slice:?}"
                                ));
                            }
                        }
                    }
                    _ => errors.push(format!("{path}: span {sp} outside 0..={chars}")),
                }
            }
            for (k, x) in o {
                if k != "text" {
                    n += check_spans(x, text, bounds, &format!("{path}.{k}"), errors);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                n += check_spans(x, text, bounds, &format!("{path}[{i}]"), errors);
            }
        }
        _ => {}
    }
    n
}

/// Validate reports against the schema and their spans against their text.
fn check_reports(reports: &[Value], what: &str) -> (usize, usize) {
    assert!(!reports.is_empty(), "{what}: no report coded");
    let v = validator();
    let mut errors = Vec::new();
    let (mut events, mut spans) = (0, 0);
    for r in reports {
        let id = r
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        for e in v.iter_errors(r) {
            errors.push(format!(
                "{what} {id}: schema: {} at {}",
                e,
                e.instance_path()
            ));
        }
        let Some(text) = r.get("text").and_then(Value::as_str) else {
            errors.push(format!("{what} {id}: no text"));
            continue;
        };
        let bounds = char_bounds(text);
        let chars = bounds.len() - 1;
        events += r["events"].as_array().map_or(0, Vec::len);
        spans += check_spans(r, text, &bounds, &format!("{what} {id}"), &mut errors);
        if let Some(st) = r.get("structure") {
            let mut all: Vec<&Value> = vec![&st["headline"], &st["lead"]];
            if let Some(p) = st["paragraphs"].as_array() {
                all.extend(p);
            }
            for sp in all.into_iter().filter(|s| !s.is_null()) {
                spans += 1;
                match span_of(sp) {
                    Some((s, e)) if s <= e && e <= chars => {}
                    _ => errors.push(format!("{what} {id}: structure span {sp} outside text")),
                }
            }
        }
        // Trigger and evidence: the trigger lies inside its evidence sentence.
        for (i, ev) in r["events"].as_array().into_iter().flatten().enumerate() {
            let t = span_of(&ev["trigger"]["span"]);
            let s = span_of(&ev["evidence"]["span"]);
            if let (Some(t), Some(s)) = (t, s) {
                if !(s.0 <= t.0 && t.1 <= s.1) {
                    errors.push(format!(
                        "{what} {id}: event {i}: trigger {t:?} outside its evidence {s:?}"
                    ));
                }
            }
        }
    }
    assert!(
        errors.is_empty(),
        "{} problems:\n{}",
        errors.len(),
        errors.join("\n")
    );
    (events, spans)
}

const AR_EVACUATION: &str = "خروج الدفعة الرابعة من مقاتلي جيش الإسلام من دوما
دمشق - قالت وكالة سانا إن الدفعة الرابعة من مسلحي جيش الإسلام وعائلاتهم خرجت أمس الجمعة من مدينة دوما باتجاه جرابلس في 30 حافلة، تنفيذاً للاتفاق الذي رعته روسيا.
وأضافت أن أكثر من 1200 شخص خرجوا حتى الآن، فيما تعطلت عملية الإجلاء مساء الخميس بسبب خلافات.
ونفى جيش الإسلام أن يكون قد قصف حي العباسيين بالقذائف، بينما قال المرصد السوري إن قوات النظام قصفت بلدة حرستا بالصواريخ.
اقرأ أيضاً: قصف على إدلب
";

const EN_STRIKE: &str = "Russian jets strike Idlib town
BEIRUT, April 2 (Reuters) - Russian warplanes bombed the town of Maarat al-Numan in Idlib province on Sunday, killing at least 12 civilians, the Syrian Observatory for Human Rights said.
The Syrian army denied that it had targeted civilians. Rebels threatened to retaliate against government positions in Hama.
Protesters rallied in Idlib city on Friday against the strikes.
";

const HTML_PAGE: &str = "<!DOCTYPE html><html><head><title>قصف على دوما</title>
<script>var x = '<p>not text</p>';</script><style>p { color: red }</style></head>
<body><h1>قصف على دوما</h1><p>قصفت قوات النظام مدينة دوما أمس بالصواريخ، ما أدى إلى مقتل 5 مدنيين.</p>
<p>وقال ناشطون إن الطيران الروسي شن غارات على بلدة حرستا&nbsp;في الغوطة الشرقية.</p>
<ul class=\"related\"><li><a href=\"/x\">اقرأ أيضاً</a></li></ul></body></html>";

fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let jsonl = [
        serde_json::json!({"id": "j-ar", "text": AR_EVACUATION, "date": "2018-04-07",
            "source": "SANA", "lang": "ar", "url": "https://example.invalid/1"}),
        serde_json::json!({"id": "j-en", "text": EN_STRIKE, "date": "2018-04-02",
            "source": "Reuters", "lang": "en", "url": null}),
        serde_json::json!({"id": "j-html", "html": HTML_PAGE, "date": "2018-04-07"}),
        serde_json::json!({"text": "Clashes between the Syrian army and Jaish al-Islam in Douma."}),
        serde_json::json!({"id": "j-empty", "text": ""}),
        serde_json::json!({"id": "j-crlf", "text": "قصفت الطائرات مدينة حلب.\r\nوقال ناشطون إن 3 مدنيين قتلوا.\r\n", "date": "2018-01-31"}),
    ];
    let lines: Vec<String> = jsonl.iter().map(Value::to_string).collect();
    vec![
        write("evacuation.ar.txt", AR_EVACUATION),
        write("strike.en.txt", EN_STRIKE),
        write("page.html", HTML_PAGE),
        write("batch.jsonl", &(lines.join("\n") + "\n")),
    ]
}

#[test]
fn the_schema_rejects_what_breaks_the_contract() {
    let v = validator();
    let reports = code(&[], &[&root().join("examples/reports")]);
    let good = reports
        .iter()
        .find(|r| r["events"].as_array().is_some_and(|e| !e.is_empty()))
        .expect("an example report with events")
        .clone();
    assert!(v.is_valid(&good));
    type Breaker = Box<dyn Fn(&mut Value)>;
    let broken: Vec<(&str, Breaker)> = vec![
        (
            "no text_sha256",
            Box::new(|r| {
                r.as_object_mut().unwrap().remove("text_sha256");
            }),
        ),
        (
            "event without evidence",
            Box::new(|r| {
                r["events"][0].as_object_mut().unwrap().remove("evidence");
            }),
        ),
        (
            "unknown PLOVER type",
            Box::new(|r| r["events"][0]["plover"] = "FIGHT".into()),
        ),
        (
            "unknown status",
            Box::new(|r| r["events"][0]["status"] = "rumoured".into()),
        ),
        (
            "span of one number",
            Box::new(|r| r["events"][0]["trigger"]["span"] = serde_json::json!([3])),
        ),
        (
            "span of three numbers",
            Box::new(|r| r["events"][0]["evidence"]["span"] = serde_json::json!([1, 2, 3])),
        ),
        (
            "negative offset",
            Box::new(|r| r["events"][0]["trigger"]["span"] = serde_json::json!([-1, 2])),
        ),
        (
            "cameo as a number",
            Box::new(|r| r["events"][0]["cameo"] = serde_json::json!(190)),
        ),
        (
            "confidence above 1",
            Box::new(|r| r["events"][0]["confidence"] = serde_json::json!(1.5)),
        ),
        (
            "actor code in lower case",
            Box::new(|r| {
                r["events"][0]["source"] = serde_json::json!([{"name": "x", "code": "syrreb", "id": null, "text": null, "span": null}]);
            }),
        ),
        (
            "actor without id",
            Box::new(|r| {
                r["events"][0]["target"] = serde_json::json!([{"name": "x", "code": "SYRREB", "text": null, "span": null}]);
            }),
        ),
        (
            "date as a bare string",
            Box::new(|r| r["events"][0]["date"] = "2018-04-06".into()),
        ),
    ];
    for (what, f) in broken {
        let mut r = good.clone();
        f(&mut r);
        assert!(!v.is_valid(&r), "the schema accepts a report with {what}");
    }
    // Added fields are allowed: raqib may add to the contract.
    let mut r = good.clone();
    r["events"][0]["extra_field"] = "x".into();
    r["new_top_level"] = serde_json::json!({"a": 1});
    assert!(v.is_valid(&r));
}

#[test]
fn examples_validate_and_spans_slice_the_text() {
    let reports = code(&[], &[&root().join("examples/reports")]);
    let (events, spans) = check_reports(&reports, "examples");
    assert!(
        events > 0 && spans > events,
        "{events} events, {spans} spans"
    );
    let explained = code(
        &["--explain", "--date", "2018-04-07"],
        &[&root().join("examples/reports")],
    );
    check_reports(&explained, "examples --explain");
    assert!(explained.iter().all(|r| r.get("sentences").is_some()));
}

#[test]
fn fixtures_validate_and_spans_slice_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let files = fixtures(dir.path());
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let reports = code(&["--date", "2018-04-07"], &paths);
    assert_eq!(
        reports.len(),
        3 + 6,
        "one report per text file and per JSONL line"
    );
    let (events, _) = check_reports(&reports, "fixtures");
    assert!(events >= 5, "only {events} events coded from the fixtures");
    let explained = code(&["--explain", "-j", "1"], &paths);
    check_reports(&explained, "fixtures --explain");
    // HTML: the report carries the extracted text, not the markup.
    for r in reports
        .iter()
        .filter(|r| r["id"] == "page" || r["id"] == "j-html")
    {
        let text = r["text"].as_str().unwrap();
        assert!(!text.contains('<') && text.contains("دوما"), "{text}");
        assert!(!text.contains("not text"), "script text kept: {text}");
    }
    // JSONL fields come through.
    let j = reports.iter().find(|r| r["id"] == "j-ar").unwrap();
    assert_eq!(j["source"], "SANA");
    assert_eq!(j["url"], "https://example.invalid/1");
    assert_eq!(j["date"], "2018-04-07");
    let anon = reports
        .iter()
        .find(|r| r["id"] == "batch-4")
        .expect("id from file and line");
    assert!(anon["text"].as_str().unwrap().starts_with("Clashes"));
}

#[test]
fn shared_reports_validate_when_present() {
    let seed = shared().join("seed");
    let story = shared().join("storyline/reports.jsonl");
    if !seed.exists() && !story.exists() {
        eprintln!("../shared not present: skipped");
        return;
    }
    if seed.exists() {
        let texts: Vec<PathBuf> = std::fs::read_dir(&seed)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        let paths: Vec<&Path> = texts.iter().map(PathBuf::as_path).collect();
        let reports = code(&["--date", "2018-04-07"], &paths);
        check_reports(&reports, "seed");
    }
    if story.exists() {
        let reports = code(&["--explain"], &[&story]);
        check_reports(&reports, "storyline");
    }
}
