//! Behaviour of the coder on sentences written for these tests (not from any evaluation set).

use std::sync::Arc;

use raqib_core::{InputReport, Plover, Report, Status};
use raqib_extract::{CodeOptions, Coder};

fn code(text: &str, date: &str) -> Report {
    let lex = raqib_lexicon::Lexicon::shared().expect("lexicon");
    let coder = Coder::new(Arc::clone(&lex));
    let input = InputReport {
        id: Some("t".into()),
        text: Some(text.into()),
        date: Some(date.into()),
        ..Default::default()
    };
    coder.code(&input, &CodeOptions::default()).expect("coded")
}

fn codes(actors: &[raqib_core::Actor]) -> Vec<&str> {
    actors.iter().map(|a| a.code.as_str()).collect()
}

#[test]
fn denial_later_in_text_marks_claim_disputed() {
    let r = code(
        "قصف في إدلب\nوقال مصدر عسكري إن هيئة تحرير الشام قصفت بلدة سراقب بالصواريخ، الأمر الذي نفته الهيئة لاحقا.",
        "2019-05-10",
    );
    let e = r
        .events
        .iter()
        .find(|e| e.plover == Plover::Assault)
        .expect("an assault");
    assert_eq!(e.status, Status::Disputed, "{e:#?}");
    assert!(
        codes(&e.denied_by).iter().any(|c| c.starts_with("SYR")),
        "{:?}",
        e.denied_by
    );
    assert!(!e.attribution.is_empty());
}

#[test]
fn clashes_between_two_sides_are_symmetric() {
    let r = code(
        "اشتباكات في درعا\nاندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في مدينة درعا أمس الأحد.",
        "2018-06-25",
    );
    let e = r
        .events
        .iter()
        .find(|e| e.plover == Plover::Assault)
        .expect("an assault");
    assert!(e.symmetric);
    assert_eq!(e.source.len() + e.target.len(), 2, "{e:#?}");
    assert_eq!(
        e.date.as_ref().and_then(|d| d.value.as_deref()),
        Some("2018-06-24")
    );
    assert!(
        e.location.iter().any(|p| p.name.contains("Dar")),
        "{:?}",
        e.location
    );
}

#[test]
fn halted_departure_is_stalled() {
    let r = code(
        "تعثر الإجلاء\nتوقف خروج الدفعة الثانية من مقاتلي حركة أحرار الشام من مدينة حرستا اليوم الخميس.",
        "2018-03-22",
    );
    let e = r
        .events
        .iter()
        .find(|e| e.plover == Plover::Retreat)
        .expect("a retreat");
    assert_eq!(e.status, Status::Stalled);
    assert!(e
        .quantities
        .iter()
        .any(|q| q.ordinal && q.value == 2 && q.what == "batch"));
}

#[test]
fn negated_event_is_negated() {
    let r = code(
        "هدوء في حماة\nلم تقصف الطائرات الحربية مدينة حماة أمس.",
        "2019-01-02",
    );
    if let Some(e) = r.events.iter().find(|e| e.plover == Plover::Assault) {
        assert_eq!(e.status, Status::Negated);
        assert!(!e.main);
    }
}

#[test]
fn english_passive_subject_is_the_target() {
    let r = code(
        "Attack in Aleppo\nAt least five civilians were killed in an air strike on Aleppo on Monday, the Syrian Observatory for Human Rights said.",
        "2016-09-27",
    );
    let e = r
        .events
        .iter()
        .find(|e| e.plover == Plover::Assault)
        .expect("an assault");
    assert!(
        codes(&e.target).iter().any(|c| c.ends_with("CVL")),
        "{e:#?}"
    );
    assert!(!e.attribution.is_empty(), "{e:#?}");
    assert_eq!(
        e.date.as_ref().and_then(|d| d.value.as_deref()),
        Some("2016-09-26")
    );
}

#[test]
fn related_links_are_not_coded() {
    let r = code(
        "غارات على ريف إدلب\nشنت طائرات حربية روسية غارات على بلدة خان شيخون اليوم.\n- قصف على حلب يوقع قتلى\n- مظاهرات في درعا ضد النظام\nوقال ناشطون إن الغارات أسفرت عن دمار كبير.",
        "2019-04-10",
    );
    assert_eq!(r.skipped.len(), 2, "{:?}", r.skipped);
    for e in &r.events {
        assert!(!e.evidence.text.starts_with('-'), "{:?}", e.evidence.text);
    }
}

#[test]
fn headline_and_lead_telling_the_same_event_are_merged() {
    let r = code(
        "قوات النظام تقصف دوما\nقصفت قوات النظام مدينة دوما في الغوطة الشرقية بالمدفعية اليوم.",
        "2018-02-20",
    );
    let n = r
        .events
        .iter()
        .filter(|e| e.plover == Plover::Assault)
        .count();
    assert_eq!(n, 1, "{:#?}", r.events);
}

#[test]
fn spans_are_character_offsets_into_the_text() {
    let r = code("قصف\nقصفت قوات النظام مدينة دوما اليوم.", "2018-02-20");
    let chars: Vec<char> = r.text.chars().collect();
    for e in &r.events {
        let [s, t] = [e.trigger.span.start, e.trigger.span.end];
        let got: String = chars[s..t].iter().collect();
        assert_eq!(got, e.trigger.text);
        let [s, t] = [e.evidence.span.start, e.evidence.span.end];
        let got: String = chars[s..t].iter().collect();
        assert_eq!(got, e.evidence.text);
    }
}

/// Whether the report holds a main event of this type.
fn main_of(r: &Report, p: Plover) -> bool {
    r.events.iter().any(|e| e.plover == p && e.main)
}

#[test]
fn an_attack_told_with_its_means_and_toll_is_main_talk_about_killing_is_not() {
    let told = code(
        "وقال مصدر في الشرطة إن ثلاثة أشخاص قتلوا وأصيب سبعة آخرون بانفجار سيارة مفخخة في سوق بمدينة الموصل صباح أمس.",
        "2009-03-02",
    );
    assert!(main_of(&told, Plover::Assault), "{:#?}", told.events);
    let talk = code(
        "وقال الكاتب إن القتل لا يحل الخلافات السياسية وإن على الجميع نبذ العنف.",
        "2009-03-02",
    );
    assert!(!main_of(&talk, Plover::Assault), "{:#?}", talk.events);
    let trial = code(
        "وأصدرت المحكمة حكما بسجن ثلاثة متهمين بتهم القتل والخطف في البصرة.",
        "2009-03-02",
    );
    assert!(!main_of(&trial, Plover::Assault), "{:#?}", trial.events);
}

#[test]
fn future_and_threatened_attacks_are_intended() {
    let future = code(
        "وقال القيادي إن العبوات ستنفجر في الطريق إذا تقدمت القوات.",
        "2009-03-02",
    );
    assert!(
        future
            .events
            .iter()
            .filter(|e| e.plover == Plover::Assault)
            .all(|e| e.status == Status::Intended),
        "{:#?}",
        future.events
    );
    let threat = code(
        "هددت الحكومة أمس بقصف مواقع المسلحين في الجبال إذا لم يسلموا أسلحتهم.",
        "2009-03-02",
    );
    assert!(
        threat
            .events
            .iter()
            .filter(|e| e.plover == Plover::Assault)
            .all(|e| e.status == Status::Intended),
        "{:#?}",
        threat.events
    );
}

#[test]
fn a_new_crowd_is_a_protest_protesters_already_told_of_are_not_a_new_one() {
    let new = code(
        "وتجمع آلاف المتظاهرين أمام مبنى البرلمان في بيروت أمس مطالبين باستقالة الحكومة.",
        "2009-03-02",
    );
    assert!(main_of(&new, Plover::Protest), "{:#?}", new.events);
    let march = code(
        "وخرج المئات في مسيرة وسط عمان بعد صلاة الجمعة.",
        "2009-03-02",
    );
    assert!(main_of(&march, Plover::Protest), "{:#?}", march.events);
    assert!(
        !march.events.iter().any(|e| e.plover == Plover::Retreat),
        "{:#?}",
        march.events
    );
    let more = code("وهتف المتظاهرون بشعارات ضد الفساد.", "2009-03-02");
    assert!(!main_of(&more, Plover::Protest), "{:#?}", more.events);
    let riot_police = code(
        "ونشرت السلطات عناصر من شرطة مكافحة الشغب في الساحة الرئيسية.",
        "2009-03-02",
    );
    assert!(
        !riot_police
            .events
            .iter()
            .any(|e| e.plover == Plover::Protest),
        "{:#?}",
        riot_police.events
    );
}

#[test]
fn a_dateline_is_where_the_report_was_filed_not_where_it_happened() {
    let r = code(
        "BEIRUT, May 3 - Government forces shelled the town of Saraqeb on Sunday, a war monitor said.",
        "2019-05-06",
    );
    let e = r
        .events
        .iter()
        .find(|e| e.plover == Plover::Assault)
        .expect("an assault");
    assert!(
        e.location.iter().all(|p| p.name != "Beirut"),
        "{:?}",
        e.location
    );
}

#[test]
fn a_halted_implementation_stalls_the_evacuation_and_totals_stay_apart_from_batches() {
    let r = code(
        "خروج الدفعة الثانية من مسلحي المعارضة من مدينة الرستن\nأعلن مصدر عسكري خروج الدفعة الثانية من مسلحي المعارضة وعائلاتهم من مدينة الرستن باتجاه إدلب.\nوقال المصدر إن نحو ثلاثة آلاف شخص غادروا المدينة منذ بدء تنفيذ الاتفاق.\nوكان تنفيذ الاتفاق قد توقف أمس بسبب خلافات بين الفصائل.",
        "2018-05-10",
    );
    let ev = r.evacuations.first().expect("an evacuation");
    assert_eq!(ev.status, "stalled", "{ev:#?}");
    assert!(ev.totals.iter().any(|q| q.value == 3000), "{:?}", ev.totals);
    assert!(
        ev.batches
            .iter()
            .all(|b| b.people.as_ref().is_none_or(|q| q.value != 3000)),
        "{:?}",
        ev.batches
    );
}

#[test]
fn where_a_speaker_sits_is_not_where_the_event_happened() {
    let r = code(
        "أعلن مركز المصالحة الروسي في حميميم اليوم خروج الدفعة الثالثة من مسلحي المعارضة من مدينة الرستن.",
        "2018-05-10",
    );
    let e = r
        .events
        .iter()
        .find(|e| e.plover == Plover::Retreat)
        .expect("a departure");
    assert!(
        e.location.iter().all(|p| !p.name.contains("Hmeimim")),
        "{:?}",
        e.location
    );
}
