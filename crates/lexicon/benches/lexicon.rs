//! The lexicon's costs: compiling the embedded data (`Lexicon::embedded`, paid once per
//! process), and matching — `analyze` + `find_all` against `analyze` alone on the same corpus,
//! so the matcher's share of the text pipeline can be read off (the target is a slowdown of at
//! most 2×). Figures are recorded in docs/PERFORMANCE.md.
//!
//! Corpus: the Arabic event GSR report texts next to the workspace when present, else sentences
//! written here. Run from the workspace root:
//! `cargo bench -p raqib-lexicon --bench lexicon -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use raqib_lexicon::Lexicon;
use raqib_text::{analyze, Options};

const GSR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/external/arabic-event-gsr/reports.jsonl"
);

const SENTENCES: &[&str] = &[
    "دمشق - قتل 12 مدنياً في قصف لقوات النظام على مدينة دوما في الغوطة الشرقية، بحسب المرصد السوري لحقوق الإنسان.",
    "وقالت وزارة الدفاع الروسية إن طائراتها دمرت مواقع لهيئة تحرير الشام في ريف إدلب الجنوبي.",
    "وخرجت الدفعة الرابعة من مقاتلي جيش الإسلام وعائلاتهم باتجاه جرابلس في ريف حلب الشمالي.",
    "وتظاهر الآلاف في ساحة التحرير وسط بغداد احتجاجاً على الفساد، فيما أطلقت قوات الأمن الغاز المسيل للدموع.",
    "وأعلن التحالف بقيادة السعودية اعتراض صاروخ أطلقته جماعة الحوثي باتجاه الرياض.",
    "BEIRUT (Reuters) - Russian jets struck the town of Maarat al-Numan in Idlib province on Monday, the Syrian Observatory said.",
];

fn corpus() -> (Vec<String>, &'static str) {
    if let Ok(raw) = std::fs::read_to_string(GSR) {
        let texts: Vec<String> = raw
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
            .collect();
        if !texts.is_empty() {
            return (texts, "gsr");
        }
    }
    let texts = (0..3000)
        .map(|i| {
            (0..4)
                .map(|k| SENTENCES[(i + k) % SENTENCES.len()])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    (texts, "generated")
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(20);
    g.bench_function("load/embedded", |b| {
        b.iter(|| black_box(Lexicon::embedded().expect("embedded lexicon")))
    });
    g.finish();

    let lex = Lexicon::embedded().expect("embedded lexicon");
    let (texts, name) = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let opts = Options::default();
    let mentions: usize = texts
        .iter()
        .map(|t| lex.find_all(&analyze(t, &opts)).len())
        .sum();
    eprintln!(
        "lexicon: {} actors, {} places, {} patterns; corpus {name}: {} texts, {bytes} bytes, {mentions} mentions",
        lex.actors.len(),
        lex.places.len(),
        lex.matcher().len(),
        texts.len()
    );
    let mut g = c.benchmark_group("matching");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("{name}/analyze"), |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                n += analyze(black_box(t), &opts).tokens.len();
            }
            black_box(n)
        })
    });
    g.bench_function(format!("{name}/analyze+find_all"), |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                let doc = analyze(black_box(t), &opts);
                n += lex.find_all(&doc).len();
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
