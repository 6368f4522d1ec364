//! Throughput of each stage on the same texts, one thread: the text stage
//! (`raqib_text::analyze`), lexicon matching and dates (`find_all` + `find_dates` on an analysed
//! document), and the whole coder (`Coder::code`, which runs both again plus extraction).
//!
//! Corpora: the Arabic event GSR reports next to the workspace (`gsr`, skipped when absent) and
//! a generated Arabic news corpus (`news`, [`raqib_lexicon::synth::NewsGenerator`], seed 1) of
//! `RAQIB_BENCH_MB` megabytes of text (default 4: criterion repeats every pass; the 100 MB
//! end-to-end run is `scripts/bench.sh`). Throughput is text bytes; the sentence count of each
//! corpus is printed so sentences/s = sentences / time. Run from the workspace root:
//! `cargo bench -p raqib-extract --bench stages -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use raqib_core::InputReport;
use raqib_extract::{CodeOptions, Coder};
use raqib_lexicon::synth::NewsGenerator;
use raqib_lexicon::Lexicon;
use raqib_text::{analyze, Options};

const GSR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/external/arabic-event-gsr/reports.jsonl"
);

fn gsr() -> Option<Vec<InputReport>> {
    let raw = std::fs::read_to_string(GSR).ok()?;
    let v: Vec<InputReport> = raw
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|r: &InputReport| r.text.is_some())
        .collect();
    (!v.is_empty()).then_some(v)
}

fn news(lex: &Lexicon) -> Vec<InputReport> {
    let mb: f64 = std::env::var("RAQIB_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4.0);
    let mut bytes = 0usize;
    NewsGenerator::new(lex, 1)
        .take_while(|a| {
            bytes += a.text.len();
            bytes as f64 <= mb * 1e6
        })
        .map(|a| InputReport {
            id: Some(a.id),
            text: Some(a.text),
            date: Some(a.date),
            source: Some(a.source),
            ..Default::default()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let lex = Arc::new(Lexicon::embedded().expect("embedded lexicon"));
    let coder = Coder::new(Arc::clone(&lex));
    let opts = CodeOptions::default();
    let mut corpora = Vec::new();
    if let Some(g) = gsr() {
        corpora.push(("gsr", g));
    }
    corpora.push(("news", news(&lex)));
    for (name, reports) in &corpora {
        let texts: Vec<&str> = reports.iter().filter_map(|r| r.text.as_deref()).collect();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let docs: Vec<_> = texts
            .iter()
            .map(|t| analyze(t, &Options::default()))
            .collect();
        let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
        eprintln!(
            "stages corpus {name}: {} reports, {bytes} bytes, {sentences} sentences",
            reports.len()
        );
        let mut g = c.benchmark_group(format!("stages/{name}"));
        g.sample_size(10);
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("text", |b| {
            b.iter(|| {
                let mut n = 0;
                for t in &texts {
                    n += analyze(black_box(t), &Options::default()).tokens.len();
                }
                black_box(n)
            })
        });
        g.bench_function("lexicon+dates", |b| {
            b.iter(|| {
                let mut n = 0;
                for (t, d) in texts.iter().zip(&docs) {
                    n += lex.find_all(black_box(d)).len();
                    n += raqib_lexicon::dates::find_dates(d, t, None).len();
                }
                black_box(n)
            })
        });
        g.bench_function("coder", |b| {
            b.iter(|| {
                let mut n = 0;
                for r in reports {
                    n += coder
                        .code(black_box(r), &opts)
                        .map_or(0, |r| r.events.len());
                }
                black_box(n)
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
