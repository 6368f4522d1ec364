//! End-to-end throughput of the coder: `Coder::code` on every report of a corpus, one thread.
//!
//! Corpus: the Arabic event GSR reports (`shared/external/arabic-event-gsr/reports.jsonl` next
//! to the workspace) when present, else reports generated from the lexicon's own actor and
//! place names in news-sentence shapes written here. Two measurements of the same work:
//! bytes per second (`coder/<corpus>/bytes`) and sentences per second
//! (`coder/<corpus>/sentences`). `RAQIB_BENCH_CORPUS=generated` forces the generated corpus.
//! Figures are recorded in docs/PERFORMANCE.md.
//!
//! Run from the workspace root:
//! `cargo bench -p raqib-extract --bench coder -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use raqib_core::InputReport;
use raqib_extract::{CodeOptions, Coder};
use raqib_lexicon::{ActorKind, Lexicon};

const GSR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/external/arabic-event-gsr/reports.jsonl"
);

/// Sentence shapes: `{A}`/`{B}` an actor, `{P}`/`{Q}` a place.
const SHAPES: &[&str] = &[
    "قصفت {A} مدينة {P} بالصواريخ أمس، ما أدى إلى مقتل 5 مدنيين وإصابة العشرات.",
    "وقال {A} في بيان إن {B} استهدف مواقعه في محيط {P} بالقذائف المدفعية.",
    "اندلعت اشتباكات عنيفة بين {A} و{B} على أطراف {P} منذ صباح الجمعة.",
    "ونفى {B} أن يكون قد شن هجوماً على {P}، متهماً {A} بخرق الهدنة.",
    "خرجت الدفعة الثالثة من مقاتلي {A} وعائلاتهم من {P} باتجاه {Q} في 40 حافلة.",
    "تظاهر المئات في {P} احتجاجاً على الحصار الذي يفرضه {A}، وفق ما ذكره ناشطون.",
    "أعلن {A} التوصل إلى اتفاق مع {B} لوقف إطلاق النار في {P} برعاية روسية.",
    "وهدد {A} بشن عملية عسكرية واسعة في {P} إذا لم ينسحب {B} خلال أيام.",
];

struct Names {
    actors: Vec<String>,
    places: Vec<String>,
}

fn names(lex: &Lexicon) -> Names {
    let actors = lex
        .actors
        .iter()
        .filter(|a| a.kind != ActorKind::Generic && a.kind != ActorKind::Person)
        .filter_map(|a| a.name_ar.clone())
        .collect();
    let places = lex
        .places
        .iter()
        .filter(|p| p.country == "SYR" || p.country == "IRQ" || p.country == "YEM")
        .filter_map(|p| {
            p.names
                .iter()
                .find(|n| n.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)))
                .cloned()
        })
        .collect();
    Names { actors, places }
}

/// A small deterministic generator (no dependency, same corpus on every run).
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, v: &'a [String]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        &v[(self.0 >> 33) as usize % v.len()]
    }
}

fn generated(lex: &Lexicon) -> Vec<InputReport> {
    let n = names(lex);
    let mut rng = Lcg(7);
    (0..2000)
        .map(|i| {
            let mut text = String::new();
            for k in 0..4 {
                let shape = SHAPES[(i * 3 + k) % SHAPES.len()];
                let s = shape
                    .replace("{A}", rng.pick(&n.actors))
                    .replace("{B}", rng.pick(&n.actors))
                    .replace("{P}", rng.pick(&n.places))
                    .replace("{Q}", rng.pick(&n.places));
                text.push_str(&s);
                text.push(if k % 2 == 0 { ' ' } else { '\n' });
            }
            InputReport {
                id: Some(format!("gen-{i}")),
                text: Some(text),
                date: Some("2018-04-07".into()),
                ..Default::default()
            }
        })
        .collect()
}

fn corpus(lex: &Lexicon) -> (Vec<InputReport>, &'static str) {
    // RAQIB_BENCH_CORPUS=generated measures the generated corpus even when the GSR is there.
    let forced = std::env::var("RAQIB_BENCH_CORPUS").is_ok_and(|v| v == "generated");
    if let Some(raw) = (!forced)
        .then(|| std::fs::read_to_string(GSR).ok())
        .flatten()
    {
        let reports: Vec<InputReport> = raw
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        if !reports.is_empty() {
            return (reports, "gsr");
        }
    }
    (generated(lex), "generated")
}

fn bench(c: &mut Criterion) {
    let lex = Arc::new(Lexicon::embedded().expect("embedded lexicon"));
    let (reports, name) = corpus(&lex);
    let coder = Coder::new(Arc::clone(&lex));
    let opts = CodeOptions::default();
    let bytes: usize = reports
        .iter()
        .map(|r| r.text.as_deref().map_or(0, str::len))
        .sum();
    let sentences: usize = reports
        .iter()
        .map(|r| {
            let t = r.text.as_deref().unwrap_or("");
            raqib_text::analyze(t, &raqib_text::Options::default())
                .sentences
                .len()
        })
        .sum();
    let events: usize = reports
        .iter()
        .map(|r| coder.code(r, &opts).map_or(0, |rep| rep.events.len()))
        .sum();
    eprintln!(
        "coder corpus {name}: {} reports, {bytes} bytes, {sentences} sentences, {events} events",
        reports.len()
    );
    let run = || {
        let mut n = 0usize;
        for r in &reports {
            if let Ok(rep) = coder.code(black_box(r), &opts) {
                n += rep.events.len();
            }
        }
        black_box(n)
    };
    let mut g = c.benchmark_group("coder");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("{name}/bytes"), |b| b.iter(run));
    g.throughput(Throughput::Elements(sentences as u64));
    g.bench_function(format!("{name}/sentences"), |b| b.iter(run));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
