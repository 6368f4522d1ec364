//! The embedded lexicon data: it loads, `check` finds no error, it holds enough named actors,
//! and the matcher finds the actors and places of sentences written for this test (Arabic and
//! English, with clitics, the article and transliterations), each at its exact words.
//!
//! Load time is not asserted here (it depends on the machine and the build profile): it is
//! measured by `cargo bench -p raqib-lexicon --bench lexicon` and recorded in
//! docs/PERFORMANCE.md.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use raqib_lexicon::{ActorKind, EntryRef, Lexicon};

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::embedded().expect("the embedded lexicon loads"))
}

#[test]
fn check_finds_no_error() {
    let problems = raqib_lexicon::check::check(lexicon());
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == "error")
        .map(|p| format!("{}: {}", p.file, p.message))
        .collect();
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
    for p in &problems {
        assert_eq!(p.severity, "warning", "unknown severity: {p:?}");
    }
}

#[test]
fn at_least_600_distinct_named_actors() {
    let lex = lexicon();
    let named: BTreeSet<&str> = lex
        .actors
        .iter()
        .filter(|a| a.kind != ActorKind::Generic)
        .map(|a| a.id.as_str())
        .collect();
    assert!(
        named.len() >= 600,
        "only {} distinct named actors",
        named.len()
    );
    // Every outlet is an actor with a MED, NGO or IGO code.
    for a in lex.actors.iter().filter(|a| a.kind == ActorKind::Outlet) {
        assert!(
            ["MED", "NGO", "IGO", "GOV"]
                .iter()
                .any(|r| a.code.contains(r)),
            "outlet {} has code {}",
            a.id,
            a.code
        );
    }
    assert!(lex.places.len() > 3000, "{} places", lex.places.len());
    assert!(!lex.version.is_empty());
}

/// What a mention must stand for (among its entries).
#[derive(Debug, Clone, Copy)]
enum Want {
    /// A place: gazetteer id and country.
    Place(&'static str, &'static str),
    /// A named actor: id and code.
    Actor(&'static str, &'static str),
    /// An actor whose code starts with the first and ends with the second string.
    Code(&'static str, &'static str),
    /// A generic actor with this roles-only code.
    Generic(&'static str),
}

/// (sentence, the exact words of the mention, what it stands for)
const CASES: &[(&str, &str, Want)] = &[
    // Arabic: plain, with the article, with proclitics (و ب ل), multi-word names.
    (
        "قصفت قوات النظام مدينة دوما",
        "قوات النظام",
        Want::Code("SYR", "MIL"),
    ),
    (
        "قصفت قوات النظام مدينة دوما",
        "دوما",
        Want::Place("gn:170592", "SYR"),
    ),
    (
        "وسقطت قذائف على أحياء بدوما صباحاً",
        "بدوما",
        Want::Place("gn:170592", "SYR"),
    ),
    (
        "اشتبك مقاتلو جيش الإسلام مع قوات الأسد في حرستا",
        "جيش الإسلام",
        Want::Actor("jaish-al-islam", "SYRREB"),
    ),
    (
        "اشتبك مقاتلو جيش الإسلام مع قوات الأسد في حرستا",
        "قوات الأسد",
        Want::Code("SYR", "MIL"),
    ),
    (
        "اشتبك مقاتلو جيش الإسلام مع قوات الأسد في حرستا",
        "حرستا",
        Want::Place("gn:169897", "SYR"),
    ),
    (
        "اشتبك مقاتلو جيش الإسلام مع قوات الأسد في حرستا",
        "مقاتلو",
        Want::Generic("REB"),
    ),
    (
        "وصلت حافلات المهجرين إلى جرابلس بريف حلب الشمالي",
        "جرابلس",
        Want::Place("gn:169179", "SYR"),
    ),
    (
        "وصلت حافلات المهجرين إلى جرابلس بريف حلب الشمالي",
        "بريف حلب الشمالي",
        Want::Place("raqib:sy-northern-aleppo-countryside", "SYR"),
    ),
    (
        "أعلن تنظيم الدولة الإسلامية مسؤوليته عن تفجير في بغداد",
        "تنظيم الدولة الإسلامية",
        Want::Actor("isis", "IMGINSRAD"),
    ),
    (
        "أعلن تنظيم الدولة الإسلامية مسؤوليته عن تفجير في بغداد",
        "بغداد",
        Want::Place("gn:98182", "IRQ"),
    ),
    (
        "قالت وزارة الدفاع الروسية إن طائراتها قصفت مواقع لهيئة تحرير الشام في إدلب",
        "وزارة الدفاع الروسية",
        Want::Code("RUS", "MIL"),
    ),
    (
        "قالت وزارة الدفاع الروسية إن طائراتها قصفت مواقع لهيئة تحرير الشام في إدلب",
        "لهيئة تحرير الشام",
        Want::Actor("hayat-tahrir-al-sham", "SYRREBRAD"),
    ),
    (
        "قالت وزارة الدفاع الروسية إن طائراتها قصفت مواقع لهيئة تحرير الشام في إدلب",
        "إدلب",
        Want::Place("gn:169389", "SYR"),
    ),
    (
        "شن الطيران الروسي غارات على ريف إدلب الجنوبي",
        "الطيران الروسي",
        Want::Code("RUS", "MIL"),
    ),
    (
        "قتل مدنيون في قصف على ساحة العباسيين في دمشق",
        "مدنيون",
        Want::Generic("CVL"),
    ),
    (
        "قتل مدنيون في قصف على ساحة العباسيين في دمشق",
        "ساحة العباسيين",
        Want::Place("raqib:sy-damascus-abbasiyin", "SYR"),
    ),
    (
        "قتل مدنيون في قصف على ساحة العباسيين في دمشق",
        "دمشق",
        Want::Place("gn:170654", "SYR"),
    ),
    (
        "دخلت قوات سوريا الديمقراطية مدينة الرقة",
        "قوات سوريا الديمقراطية",
        Want::Actor("sdf", "SYRREB"),
    ),
    (
        "دخلت قوات سوريا الديمقراطية مدينة الرقة",
        "الرقة",
        Want::Place("gn:172955", "SYR"),
    ),
    (
        "استهدف الحرس الثوري الإيراني قاعدة عين الأسد في الأنبار",
        "الحرس الثوري الإيراني",
        Want::Actor("irgc", "IRNMIL"),
    ),
    (
        "استهدف الحرس الثوري الإيراني قاعدة عين الأسد في الأنبار",
        "قاعدة عين الأسد",
        Want::Place("raqib:iq-ain-al-asad", "IRQ"),
    ),
    (
        "نقلت وكالة رويترز عن المرصد السوري أن الاشتباكات تجددت",
        "وكالة رويترز",
        Want::Actor("reuters", "GBRMED"),
    ),
    (
        "نقلت وكالة رويترز عن المرصد السوري أن الاشتباكات تجددت",
        "المرصد السوري",
        Want::Actor("sohr", "GBRNGO"),
    ),
    (
        "وذكرت وكالة سانا أن وحدات الجيش دخلت البلدة",
        "وكالة سانا",
        Want::Actor("sana", "SYRGOVMED"),
    ),
    (
        "دعت الأمم المتحدة إلى وقف إطلاق النار في الموصل",
        "الأمم المتحدة",
        Want::Actor("united-nations", "IGOUNO"),
    ),
    (
        "دعت الأمم المتحدة إلى وقف إطلاق النار في الموصل",
        "الموصل",
        Want::Place("gn:99072", "IRQ"),
    ),
    (
        "أطلقت جماعة الحوثي صاروخاً باتجاه الرياض",
        "جماعة الحوثي",
        Want::Actor("houthis", "YEMREB"),
    ),
    (
        "وقال حزب الله إن مقاتليه صدوا الهجوم",
        "حزب الله",
        Want::Actor("hezbollah", "LBNREB"),
    ),
    // English: transliterations, Latin articles, demonyms with forces.
    (
        "Russian jets bombed Idlib on Friday.",
        "Russian jets",
        Want::Code("RUS", "MIL"),
    ),
    (
        "Russian jets bombed Idlib on Friday.",
        "Idlib",
        Want::Place("gn:169389", "SYR"),
    ),
    (
        "Fighters of Jaish al Islam left Douma by bus.",
        "Jaish al Islam",
        Want::Actor("jaish-al-islam", "SYRREB"),
    ),
    (
        "Fighters of Jaish al Islam left Douma by bus.",
        "Douma",
        Want::Place("gn:170592", "SYR"),
    ),
    (
        "The Islamic State claimed the bombing in Mosul.",
        "Islamic State",
        Want::Actor("isis", "IMGINSRAD"),
    ),
    (
        "The Islamic State claimed the bombing in Mosul.",
        "Mosul",
        Want::Place("gn:99072", "IRQ"),
    ),
    (
        "Turkish troops and the Free Syrian Army entered Afrin.",
        "Turkish troops",
        Want::Code("TUR", "MIL"),
    ),
    (
        "Turkish troops and the Free Syrian Army entered Afrin.",
        "Free Syrian Army",
        Want::Actor("free-syrian-army", "SYRREB"),
    ),
    (
        "Turkish troops and the Free Syrian Army entered Afrin.",
        "Afrin",
        Want::Place("gn:174186", "SYR"),
    ),
    (
        "Israeli aircraft struck Hamas positions in Gaza City, the UN said.",
        "Hamas",
        Want::Actor("hamas", "PSEREB"),
    ),
    (
        "Israeli aircraft struck Hamas positions in Gaza City, the UN said.",
        "Gaza City",
        Want::Place("gn:281133", "PSE"),
    ),
    (
        "Houthi rebels fired a missile at Riyadh.",
        "Riyadh",
        Want::Place("gn:108410", "SAU"),
    ),
    (
        "Syrian Democratic Forces captured Raqqa from ISIS",
        "Syrian Democratic Forces",
        Want::Actor("sdf", "SYRREB"),
    ),
    (
        "Syrian Democratic Forces captured Raqqa from ISIS",
        "ISIS",
        Want::Actor("isis", "IMGINSRAD"),
    ),
    (
        "Syrian Democratic Forces captured Raqqa from ISIS",
        "Raqqa",
        Want::Place("gn:172955", "SYR"),
    ),
    (
        "Government forces shelled Eastern Ghouta overnight.",
        "Eastern Ghouta",
        Want::Place("raqib:sy-eastern-ghouta", "SYR"),
    ),
];

fn fits(lex: &Lexicon, e: EntryRef, want: Want) -> bool {
    match (e, want) {
        (EntryRef::Place(i), Want::Place(id, country)) => {
            let p = lex.place_at(i);
            p.id == id && p.country == country
        }
        (EntryRef::Actor(i), Want::Actor(id, code)) => {
            let a = lex.actor_at(i);
            a.id == id && a.code == code
        }
        (EntryRef::Actor(i), Want::Code(start, end)) => {
            let a = lex.actor_at(i);
            a.kind != ActorKind::Generic && a.code.starts_with(start) && a.code.ends_with(end)
        }
        (EntryRef::Actor(i), Want::Generic(code)) => {
            let a = lex.actor_at(i);
            a.kind == ActorKind::Generic && a.code == code
        }
        _ => false,
    }
}

#[test]
fn mentions_are_found_at_their_exact_words() {
    let lex = lexicon();
    let mut failures = Vec::new();
    for &(sentence, words, want) in CASES {
        assert!(
            sentence.contains(words),
            "bad case: {words:?} not in {sentence:?}"
        );
        let doc = raqib_text::analyze(sentence, &raqib_text::Options::default());
        let mentions = lex.find_all(&doc);
        let found = mentions.iter().find(|m| m.span.slice(sentence) == words);
        match found {
            None => {
                let seen: Vec<&str> = mentions.iter().map(|m| m.span.slice(sentence)).collect();
                failures.push(format!(
                    "{sentence:?}: no mention {words:?} (found {seen:?})"
                ));
            }
            Some(m) if !m.entries.iter().any(|&e| fits(lex, e, want)) => {
                let what: Vec<String> = m
                    .entries
                    .iter()
                    .map(|&e| match e {
                        EntryRef::Actor(i) => {
                            let a = lex.actor_at(i);
                            format!("actor {} {}", a.id, a.code)
                        }
                        EntryRef::Place(i) => {
                            let p = lex.place_at(i);
                            format!("place {} {}", p.id, p.country)
                        }
                        EntryRef::Other(i) => format!("other {i}"),
                    })
                    .collect();
                failures.push(format!(
                    "{sentence:?}: {words:?} stands for {what:?}, not {want:?}"
                ));
            }
            Some(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} mentions wrong:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn no_mention_in_text_without_names() {
    let lex = lexicon();
    for text in [
        "",
        "   \n\t",
        "وقال إن الوضع هادئ نسبياً في الوقت الحالي.",
        "The weather was mild and nothing else happened.",
        "\u{200f}\u{200e}\u{202e}\u{feff}",
    ] {
        let doc = raqib_text::analyze(text, &raqib_text::Options::default());
        let m = lex.find_all(&doc);
        assert!(
            m.is_empty(),
            "{text:?}: {:?}",
            m.iter().map(|m| m.span.slice(text)).collect::<Vec<_>>()
        );
    }
}
