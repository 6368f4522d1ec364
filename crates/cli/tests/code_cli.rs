//! `raqib code` as a user runs it: inputs (files, directories, JSONL, standard input, HTML),
//! options (`--id`, `--date`, `--source`, `--lang`, `--html`, `--explain`, `-o`, `-j`), order,
//! determinism and provenance.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use sha2::{Digest, Sha256};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/reports")
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_raqib"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("raqib runs");
    if let Some(data) = stdin {
        // raqib may exit before reading (a bad option): a closed pipe is fine here.
        let _ = child.stdin.take().unwrap().write_all(data);
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    out
}

fn reports(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn stdin_text_takes_id_date_source_and_lang_from_options() {
    let text = "قصفت قوات النظام مدينة دوما أمس الجمعة بالصواريخ، وفق ما ذكره ناشطون.";
    let o = run(
        &[
            "code",
            "--id",
            "my-report",
            "--date",
            "2018-04-07",
            "--source",
            "SANA",
            "--lang",
            "ar",
        ],
        Some(text.as_bytes()),
    );
    assert!(o.status.success(), "{}", err(&o));
    let r = &reports(&o)[0];
    assert_eq!(r["id"], "my-report");
    assert_eq!(r["date"], "2018-04-07");
    assert_eq!(r["source"], "SANA");
    assert_eq!(r["lang"], "ar");
    assert_eq!(r["text"], text);
    assert_eq!(r["text_sha256"], hex(text));
    assert!(!r["coder"]["raqib"].as_str().unwrap().is_empty());
    assert!(!r["coder"]["lexicon"].as_str().unwrap().is_empty());
    let ev = &r["events"][0];
    assert_eq!(ev["plover"], "ASSAULT");
    // "أمس الجمعة" resolved against the report date: the day before, a Friday.
    assert_eq!(ev["date"]["value"], "2018-04-06", "{ev}");
    // Without a date, relative dates are left unresolved rather than guessed.
    let o = run(&["code"], Some(text.as_bytes()));
    let r = &reports(&o)[0];
    assert_eq!(r["id"], "stdin");
    assert!(r["date"].is_null());
    for e in r["events"].as_array().unwrap() {
        assert!(e["date"].is_null() || e["date"]["value"].is_null(), "{e}");
    }
}

fn hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn stdin_jsonl_is_detected() {
    let input = "{\"id\": \"a\", \"text\": \"Russian jets bombed Douma on Friday, killing five civilians, activists said.\", \"date\": \"2018-04-07\", \"url\": \"https://example.invalid/a\"}\n\
                 \n\
                 {\"id\": \"b\", \"text\": \"Clashes in Idlib.\"}\n";
    let o = run(&["code", "-"], Some(input.as_bytes()));
    assert!(o.status.success(), "{}", err(&o));
    let rs = reports(&o);
    assert_eq!(rs.len(), 2, "the blank line is skipped");
    assert_eq!(rs[0]["url"], "https://example.invalid/a");
    assert_eq!(rs[0]["lang"], "en");
    assert_eq!(rs[1]["id"], "b");
}

#[test]
fn ids_come_from_file_names_and_directories_are_read_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("b-report.ar.txt"), "قصفت الطائرات مدينة حلب.").unwrap();
    std::fs::write(d.join("a-report.en.txt"), "Rebels shelled Aleppo.").unwrap();
    std::fs::write(d.join("sub/c.html"), "<p>Clashes in Idlib.</p>").unwrap();
    std::fs::write(d.join(".hidden.txt"), "Clashes in Idlib.").unwrap();
    std::fs::write(d.join("picture.png"), [0x89, b'P', b'N', b'G', 0, 0, 0xff]).unwrap();
    std::fs::write(d.join("notes.json"), "{}").unwrap();
    let o = run(&["code", d.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", err(&o));
    let ids: Vec<String> = reports(&o)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a-report", "b-report", "c"]);
    let rs = reports(&o);
    assert_eq!(rs[2]["text"].as_str().unwrap().trim(), "Clashes in Idlib.");
}

#[test]
fn output_file_threads_and_reruns_give_the_same_bytes() {
    // Enough JSONL lines to span several chunks of parallel work.
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("many.jsonl");
    let sentences = [
        "قصفت قوات النظام مدينة دوما بالصواريخ.",
        "Russian jets bombed Idlib on Friday, killing 5 civilians.",
        "تظاهر المئات في مدينة الباب احتجاجاً على ارتفاع الأسعار.",
        "The two sides agreed on a ceasefire in Eastern Ghouta.",
    ];
    let mut lines = String::new();
    for i in 0..600 {
        let v = serde_json::json!({
            "id": format!("r{i:04}"),
            "text": sentences[i % sentences.len()],
            "date": "2018-04-07",
        });
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    std::fs::write(&jsonl, lines).unwrap();
    let out1 = dir.path().join("j1.jsonl");
    let o = run(
        &[
            "code",
            "-j",
            "1",
            jsonl.to_str().unwrap(),
            "-o",
            out1.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(o.stdout.is_empty(), "-o writes nothing on standard output");
    let o2 = run(&["code", "-j", "2", jsonl.to_str().unwrap()], None);
    let a = std::fs::read(&out1).unwrap();
    assert_eq!(a, o2.stdout, "-j1 and -j2 differ");
    let ids: Vec<String> = reports(&o2)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..600).map(|i| format!("r{i:04}")).collect();
    assert_eq!(ids, want, "input order is kept");
    let o3 = run(&["code", "-j", "2", jsonl.to_str().unwrap()], None);
    assert_eq!(o2.stdout, o3.stdout, "two runs differ");
    // Event ids are unique within a report.
    for r in reports(&o2) {
        let ids: std::collections::BTreeSet<&str> = r["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids.len(),
            r["events"].as_array().unwrap().len(),
            "{}",
            r["id"]
        );
    }
}

#[test]
fn explain_html_and_bad_options() {
    let o = run(
        &[
            "code",
            "--explain",
            "--date",
            "2018-04-07",
            examples().to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    for r in reports(&o) {
        let sentences = r["sentences"].as_array().expect("--explain adds sentences");
        assert!(!sentences.is_empty(), "{}", r["id"]);
        assert!(sentences
            .iter()
            .all(|s| s["notes"].is_array() && s["part"].is_string()));
    }
    let o = run(&["code"], Some(b"x"));
    assert!(
        reports(&o)[0].get("sentences").is_none(),
        "no sentences without --explain"
    );
    // --html on a file without an HTML extension.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("page.txt");
    std::fs::write(
        &p,
        "<div>Rebels <b>shelled</b> Aleppo.</div><script>x()</script>",
    )
    .unwrap();
    let o = run(&["code", "--html", p.to_str().unwrap()], None);
    let text = reports(&o)[0]["text"].as_str().unwrap().to_string();
    assert!(
        text.contains("Rebels shelled Aleppo.") && !text.contains("x()"),
        "{text:?}"
    );
    // Bad option values are refused before anything is read.
    for (args, want) in [
        (vec!["code", "--date", "07/04/2018"], "--date"),
        (vec!["code", "--date", "2018-13-01"], "--date"),
        (vec!["code", "--max-bytes", "0"], "--max-bytes"),
        (vec!["code", "--jobs", "x"], "--jobs"),
    ] {
        let o = run(&args, Some(b"x"));
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(err(&o).contains(want), "{args:?}: {}", err(&o));
        assert!(o.stdout.is_empty());
    }
    // An unwritable output is a clear error.
    let o = run(&["code", "-o", "/nonexistent-dir/out.jsonl"], Some(b"x"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("/nonexistent-dir/out.jsonl"),
        "{}",
        err(&o)
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_raqib"))
        .args(["code", examples().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(!e.contains("panicked"), "{e}");
    assert_eq!(out.status.code(), Some(0), "{e}");
}
