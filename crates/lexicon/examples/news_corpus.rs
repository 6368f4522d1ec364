//! Write a synthetic Arabic news corpus as JSONL reports (`raqib code` input), or count the
//! text bytes and sentences of a JSONL corpus, for the end-to-end benchmark
//! (`scripts/bench.sh`, docs/PERFORMANCE.md).
//!
//! ```sh
//! cargo run --release -p raqib-lexicon --example news_corpus -- generate 100 /tmp/news.jsonl
//! cargo run --release -p raqib-lexicon --example news_corpus -- stats /tmp/news.jsonl
//! ```
//!
//! `generate MB PATH [SEED]` writes articles from [`raqib_lexicon::synth::NewsGenerator`]
//! until their texts reach MB megabytes (10^6 bytes); `stats PATH` prints
//! `reports=N text_bytes=N sentences=N` with sentences as the text stage splits them.

use std::io::{BufRead, BufWriter, Write};

use raqib_lexicon::synth::NewsGenerator;
use raqib_lexicon::Lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") if args.len() >= 3 => {
            let mb: f64 = args[1].parse()?;
            let seed: u64 = args.get(3).map_or(Ok(1), |s| s.parse())?;
            let lex = Lexicon::shared()?;
            let mut out = BufWriter::new(std::fs::File::create(&args[2])?);
            let (mut bytes, mut reports, mut sentences) = (0usize, 0usize, 0usize);
            for a in NewsGenerator::new(&lex, seed) {
                if bytes as f64 >= mb * 1e6 {
                    break;
                }
                bytes += a.text.len();
                reports += 1;
                sentences += a.sentences;
                let line = serde_json::json!({
                    "id": a.id, "date": a.date, "source": a.source, "lang": "ar", "text": a.text,
                });
                writeln!(out, "{line}")?;
            }
            out.flush()?;
            println!("reports={reports} text_bytes={bytes} sentences_written={sentences}");
        }
        Some("stats") if args.len() >= 2 => {
            let f = std::io::BufReader::new(std::fs::File::open(&args[1])?);
            let (mut bytes, mut reports, mut sentences) = (0usize, 0usize, 0usize);
            for line in f.lines() {
                let v: serde_json::Value = match serde_json::from_str(&line?) {
                    Ok(v) => v,
                    Err(_) => continue,
                };
                let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
                    continue;
                };
                reports += 1;
                bytes += text.len();
                sentences += raqib_text::analyze(text, &raqib_text::Options::default())
                    .sentences
                    .len();
            }
            println!("reports={reports} text_bytes={bytes} sentences={sentences}");
        }
        _ => {
            eprintln!("usage: news_corpus generate MB PATH [SEED] | news_corpus stats PATH");
            std::process::exit(2);
        }
    }
    Ok(())
}
