//! Code JSONL reports from standard input with the embedded lexicon: the coder without the CLI.
//!
//! `cargo run --release -p raqib-extract --example code_stdin < reports.jsonl`

use std::io::{BufRead, Write};
use std::sync::Arc;

fn main() {
    let lexicon = raqib_lexicon::Lexicon::shared().expect("embedded lexicon");
    let coder = raqib_extract::Coder::new(Arc::clone(&lexicon));
    let explain = std::env::args().any(|a| a == "--explain");
    let opts = raqib_extract::CodeOptions { explain };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("read stdin");
        if line.trim().is_empty() {
            continue;
        }
        let input: raqib_core::InputReport = serde_json::from_str(&line).expect("a JSON report");
        match coder.code(&input, &opts) {
            Ok(r) => writeln!(out, "{}", serde_json::to_string(&r).expect("serialize")).unwrap(),
            Err(e) => eprintln!("{e}"),
        }
    }
}
