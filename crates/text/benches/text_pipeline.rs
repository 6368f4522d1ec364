//! Throughput of the text stage (normalize + tokenize + clitics + sentences + structure).
//!
//! Uses the Arabic event GSR reports (`shared/external/arabic-event-gsr/reports.jsonl` next to
//! the workspace) when present, else a corpus generated from sentences written here.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use raqib_text::{analyze, Options};

const GSR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/external/arabic-event-gsr/reports.jsonl"
);

const SENTENCES: &[&str] = &[
    "دمشق - قتل 12 مدنيا على الأقل وأصيب العشرات بجروح في قصف جوي على مدينة دوما في الغوطة الشرقية، بحسب ما أفاد المرصد السوري لحقوق الإنسان.",
    "وقال مدير المرصد رامي عبد الرحمن إن الطائرات الحربية استهدفت سوقاً شعبية وسط المدينة؛ حيث تجمع المئات لشراء حاجياتهم.",
    "وأضاف أن «الحصيلة مرشحة للارتفاع بسبب وجود جرحى في حالات خطرة»، مشيراً إلى أن فرق الدفاع المدني ما زالت تبحث عن ناجين.",
    "وكانت الفصائل المعارضة قد أعلنت رفضها لأي اتفاق لا يضمن وقف القصف وإدخال المساعدات الإنسانية إلى المناطق المحاصرة.",
    "من جهته، قال مصدر عسكري لوكالة الأنباء الرسمية (سانا) إن وحدات الجيش دمرت مقرات للإرهابيين في محيط حرستا وعربين.",
    "وتظاهر آلاف الأشخاص أمس الجمعة في ساحة التحرير وسط بغداد احتجاجاً على تردي الخدمات وانتشار الفساد، فيما أطلقت قوات الأمن الغاز المسيل للدموع.",
    "BEIRUT (Reuters) - Syrian government jets struck the town of Douma on Monday, killing at least 12 people, a war monitor said.",
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
    let mut texts = Vec::new();
    for i in 0..3000 {
        let mut t = String::from("قوات النظام تقصف دوما\n");
        for k in 0..4 {
            t.push_str(SENTENCES[(i + k) % SENTENCES.len()]);
            t.push(if k % 2 == 0 { ' ' } else { '\n' });
        }
        texts.push(t);
    }
    (texts, "generated")
}

fn bench(c: &mut Criterion) {
    let (texts, name) = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let joined = texts.join("\n");
    let opts = Options::default();

    let mut g = c.benchmark_group("text_pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("analyze/{name}/per-report"), |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                n += analyze(black_box(t), &opts).tokens.len();
            }
            n
        })
    });
    g.throughput(Throughput::Bytes(joined.len() as u64));
    g.bench_function(format!("analyze/{name}/one-document"), |b| {
        b.iter(|| analyze(black_box(&joined), &opts).tokens.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
