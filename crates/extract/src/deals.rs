//! Agreements and evacuations of one report, read off its coded events and sentences.

use raqib_core::{
    Actor, Agreement, Batch, Evacuation, Event, Evidence, Plover, Quantity, Status, Term,
};

use crate::sentence::{party, Context, Draft};

/// Term kinds and the words that name them (bare, normalized forms).
const TERMS: &[(&str, &[&str])] = &[
    (
        "evacuation",
        &[
            "خروج",
            "اخلاء",
            "اجلاء",
            "نقل",
            "evacuation",
            "leave",
            "exit",
            "ترحيل",
        ],
    ),
    (
        "status-settlement",
        &[
            "تسويه",
            "المصالحه",
            "مصالحه",
            "settlement",
            "reconciliation",
        ],
    ),
    (
        "return-of-institutions",
        &["مؤسسات", "موسسات", "المؤسسات", "الموسسات", "institutions"],
    ),
    (
        "prisoner-release",
        &[
            "المختطفين",
            "مختطفين",
            "الافراج",
            "الاسري",
            "المعتقلين",
            "release",
            "detainees",
            "hostages",
            "holds",
        ],
    ),
    (
        "disarmament",
        &["السلاح", "الاسلحه", "اسلحته", "سلاحه", "weapons", "arms"],
    ),
    (
        "guarantee",
        &["ضمانه", "ضمانات", "ملاحقته", "guarantee", "pursued"],
    ),
    ("ceasefire", &["هدنه", "النار", "ceasefire", "truce"]),
    ("amnesty", &["عفو", "amnesty"]),
    (
        "humanitarian-access",
        &["مساعدات", "انسانيه", "aid", "humanitarian"],
    ),
];

fn has_word(cx: &Context, range: std::ops::Range<usize>, ws: &[&str]) -> Option<usize> {
    let doc = cx.doc;
    range.into_iter().find(|&i| {
        let t = &doc.tokens[i];
        std::iter::once(doc.norm(t))
            .chain(t.segs.as_slice().iter().map(|s| doc.stem(t, *s)))
            .any(|w| ws.contains(&w))
    })
}

/// Agreements and evacuations of the report.
pub fn read(cx: &Context, drafts: &[Draft], events: &[Event]) -> (Vec<Agreement>, Vec<Evacuation>) {
    let doc = cx.doc;
    let plover = |d: &Draft| cx.tables.types[d.ty as usize].plover;
    let agree: Vec<&Draft> = drafts
        .iter()
        .filter(|d| plover(d) == Plover::Agree)
        .collect();
    let retreats: Vec<(&Draft, &Event)> = drafts
        .iter()
        .zip(events_by_trigger(cx, drafts, events))
        .filter(|(d, _)| plover(d) == Plover::Retreat)
        .filter_map(|(d, e)| e.map(|e| (d, e)))
        .collect();
    let mut agreements = Vec::new();
    // Sentences that speak of a deal: those holding an agreement word.
    let deal_sentences: Vec<usize> = doc
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            has_word(
                cx,
                s.tokens.clone(),
                &[
                    "اتفاق",
                    "الاتفاق",
                    "اتفاقات",
                    "اتفاقيه",
                    "deal",
                    "agreement",
                    "agreements",
                ],
            )
            .is_some()
        })
        .map(|(i, _)| i)
        .collect();
    if !agree.is_empty() || !deal_sentences.is_empty() {
        let mut parties: Vec<Actor> = Vec::new();
        let add = |v: &mut Vec<Actor>, a: &Actor| {
            if !v.iter().any(|x| party(&x.code) == party(&a.code)) {
                v.push(Actor {
                    text: None,
                    span: None,
                    ..a.clone()
                });
            }
        };
        for d in &agree {
            for a in d.source.iter().chain(&d.target) {
                add(&mut parties, a);
            }
        }
        for (d, _) in &retreats {
            for a in &d.source {
                add(&mut parties, a);
            }
        }
        // Mediators: actors after "رعاية", "إشراف", "وساطة", "mediation", "sponsorship".
        let mut mediators = Vec::new();
        for s in &doc.sentences {
            if let Some(i) = has_word(
                cx,
                s.tokens.clone(),
                &[
                    "رعايه",
                    "اشرف",
                    "وساطه",
                    "mediation",
                    "sponsorship",
                    "رعته",
                    "برعايه",
                ],
            ) {
                for a in cx
                    .mentions
                    .actors
                    .iter()
                    .filter(|a| a.tokens.start > i && a.tokens.start <= i + 6)
                {
                    add(&mut mediators, &a.actor);
                }
                if let Some(c) = (i + 1..(i + 3).min(s.tokens.end)).find_map(|k| {
                    let t = &doc.tokens[k];
                    let w = raqib_lexicon::matcher::bare(doc.norm(t), t.arabic);
                    cx.tables
                        .nationality
                        .get(w)
                        .or_else(|| cx.tables.nationality.get(doc.norm(t)))
                }) {
                    add(
                        &mut mediators,
                        &Actor {
                            name: c.clone(),
                            code: format!("{c}GOV"),
                            id: None,
                            text: None,
                            span: None,
                        },
                    );
                }
            }
        }
        let mut terms = Vec::new();
        for &si in &deal_sentences {
            let s = &doc.sentences[si];
            for (kind, ws) in TERMS {
                if let Some(i) = has_word(cx, s.tokens.clone(), ws) {
                    if !terms.iter().any(|t: &Term| t.kind == *kind) {
                        let t = &doc.tokens[i];
                        terms.push(Term {
                            kind: kind.to_string(),
                            text: t.span.slice(cx.text).to_string(),
                            span: t.span,
                        });
                    }
                }
            }
        }
        let any = |st: Status| retreats.iter().any(|(_, e)| e.status == st);
        let completed = (0..doc.sentences.len()).any(|si| {
            has_word(
                cx,
                doc.sentences[si].tokens.clone(),
                &["اكتملت", "اكتمل", "completed", "اكتمال"],
            )
            .is_some()
        });
        let denied = agree
            .iter()
            .any(|d| !d.denied_by.is_empty() || d.status == Some(Status::Negated));
        let status = if completed {
            "completed"
        } else if any(Status::Stalled) {
            "stalled"
        } else if retreats.iter().any(|(_, e)| {
            matches!(e.status, Status::Asserted | Status::Claimed) && !e.quantities.is_empty()
        }) {
            "implementing"
        } else if denied {
            "negotiating"
        } else {
            "agreed"
        };
        let first = agree.first().copied();
        let evidence = first.map(|d| {
            let s = &doc.sentences[d.sentence];
            Evidence {
                span: s.span,
                text: s.span.slice(cx.text).to_string(),
            }
        });
        let location = retreats
            .iter()
            .flat_map(|(d, _)| d.location.iter().cloned())
            .chain(agree.iter().flat_map(|d| d.location.iter().cloned()))
            .take(1)
            .collect();
        agreements.push(Agreement {
            name: "agreement".into(),
            parties,
            mediators,
            terms,
            status: status.into(),
            location,
            events: events
                .iter()
                .filter(|e| e.plover == Plover::Agree)
                .map(|e| e.id.clone())
                .collect(),
            date: first.and_then(|d| d.date.clone()),
            // A deal denied is, in the denier's words, still under negotiation: the status is
            // theirs to claim.
            claimed_by: if status == "negotiating" {
                agree
                    .iter()
                    .flat_map(|d| d.denied_by.iter().take(1).cloned())
                    .take(1)
                    .collect()
            } else {
                first
                    .map(|d| d.attribution.iter().rev().take(1).cloned().collect())
                    .unwrap_or_default()
            },
            denied_by: agree
                .iter()
                .flat_map(|d| d.denied_by.iter().cloned())
                .collect(),
            evidence,
        });
    }
    // Evacuations: retreats of a group away from a place.
    let mut evacuations = Vec::new();
    let evac: Vec<&(&Draft, &Event)> = retreats
        .iter()
        .filter(|(d, _)| {
            matches!(
                cx.tables.types[d.ty as usize].name.as_str(),
                "evacuate" | "withdraw"
            )
        })
        .collect();
    if !evac.is_empty() {
        let group: Vec<Actor> = evac
            .iter()
            .flat_map(|(d, _)| d.source.iter().take(1).cloned())
            .take(1)
            .collect();
        let origin: Vec<_> = evac
            .iter()
            .flat_map(|(d, _)| d.location.iter().cloned())
            .take(1)
            .collect();
        let mut destinations = Vec::new();
        for (d, _) in &evac {
            for p in &d.destinations {
                if !destinations
                    .iter()
                    .any(|x: &raqib_core::Place| x.id == p.id)
                {
                    destinations.push(p.clone());
                }
            }
        }
        let mut batches: Vec<Batch> = Vec::new();
        let mut completed = None;
        let mut totals = Vec::new();
        let mut who = Vec::new();
        for (_, e) in &evac {
            let q = |w: &str| {
                e.quantities
                    .iter()
                    .find(|q| q.what == w && !q.ordinal)
                    .cloned()
            };
            let st = match e.status {
                Status::Stalled => "stalled",
                Status::Intended => "planned",
                _ => "departed",
            };
            if let Some(o) = e.quantities.iter().find(|q| q.what == "batch" && q.ordinal) {
                batches.push(Batch {
                    ordinal: o.value as u32,
                    status: st.into(),
                    date: e.date.clone(),
                    people: q("people"),
                    fighters: q("fighters"),
                    buses: q("buses"),
                });
            } else if let Some(n) = e
                .quantities
                .iter()
                .find(|q| q.what == "batch" && !q.ordinal)
            {
                completed = Some(n.value as u32);
            } else if let Some(p) = q("people") {
                totals.push(Quantity { ..p });
            }
            for (w, words) in [
                ("fighters", ["مسلحي", "مقاتلي", "fighters"]),
                ("families", ["عائلاتهم", "وعائلاتهم", "families"]),
            ] {
                if e.evidence
                    .text
                    .split_whitespace()
                    .any(|x| words.iter().any(|y| x.contains(y)))
                    && !who.contains(&w.to_string())
                {
                    who.push(w.to_string());
                }
            }
        }
        // A halt of the evacuation or of the agreement's implementation stalls it.
        let halt = retreats
            .iter()
            .find(|(_, e)| e.status == Status::Stalled)
            .map(|(_, e)| e);
        // "X put the number at about 1,300": another voice's figure for the batch just told.
        let tellings = |d: &Draft| {
            let told: Vec<usize> = d
                .told
                .iter()
                .map(|r| doc.sentences.partition_point(|s| s.tokens.end <= r.start))
                .collect();
            std::iter::once(d.sentence).chain(told)
        };
        let telling: Vec<usize> = drafts.iter().flat_map(tellings).collect();
        for (d, e) in &evac {
            let Some(ordinal) = e
                .quantities
                .iter()
                .find(|q| q.what == "batch" && q.ordinal)
                .map(|q| q.value)
            else {
                continue;
            };
            // The sentence right after one of the batch's tellings, itself telling nothing.
            let Some(next) = tellings(d)
                .map(|si| si + 1)
                .find(|&n| n < doc.sentences.len() && !telling.contains(&n))
            else {
                continue;
            };
            let range = doc.sentences[next].tokens.clone();
            if let Some(people) = restated_figure(cx, range) {
                if let Some(b) = batches
                    .iter()
                    .find(|b| b.ordinal == ordinal as u32)
                    .cloned()
                {
                    batches.push(Batch {
                        people: Some(people),
                        fighters: None,
                        buses: None,
                        ..b
                    });
                }
            }
        }
        let status = if batches.iter().any(|b| b.status == "stalled") || halt.is_some() {
            "stalled"
        } else if agreements.first().is_some_and(|a| a.status == "completed") {
            "completed"
        } else if evac.iter().any(|(_, e)| {
            matches!(
                e.status,
                Status::Asserted | Status::Claimed | Status::Disputed
            )
        }) {
            "ongoing"
        } else {
            "planned"
        };
        evacuations.push(Evacuation {
            group,
            who,
            origin,
            destinations,
            batches_completed: completed,
            batches,
            status: status.into(),
            agreement: (!agreements.is_empty()).then_some(0),
            totals,
            date: halt
                .and_then(|e| e.date.clone())
                .or_else(|| evac.first().and_then(|(_, e)| e.date.clone())),
            attribution: evac
                .first()
                .map(|(_, e)| e.attribution.clone())
                .unwrap_or_default(),
        });
    }
    (agreements, evacuations)
}

/// A sentence that only restates a count in another voice ("put the number at about 1,300",
/// "قدّر العدد بنحو 1300", "estimated the figure at"): its people count.
fn restated_figure(cx: &Context, range: std::ops::Range<usize>) -> Option<Quantity> {
    let verb = has_word(
        cx,
        range.clone(),
        &[
            "put",
            "puts",
            "estimated",
            "estimates",
            "قدر",
            "وقدر",
            "يقدر",
            "فيما",
        ],
    )?;
    let noun = has_word(
        cx,
        range.clone(),
        &[
            "number",
            "figure",
            "toll",
            "total",
            "العدد",
            "عددهم",
            "الرقم",
            "عدد",
        ],
    )?;
    if noun < verb {
        return None;
    }
    crate::quantity::find(cx.forms, cx.text, range.clone())
        .into_iter()
        .find(|q| !q.ordinal && q.what == "people")
        .or_else(|| crate::quantity::bare_number(cx.forms, cx.text, noun..range.end, "people"))
}

fn events_by_trigger<'e>(
    cx: &Context,
    drafts: &[Draft],
    events: &'e [Event],
) -> Vec<Option<&'e Event>> {
    let by_start: rustc_hash::FxHashMap<usize, &Event> =
        events.iter().map(|e| (e.trigger.span.start, e)).collect();
    drafts
        .iter()
        .map(|d| {
            by_start
                .get(&cx.doc.tokens[d.trigger.start].span.start)
                .copied()
        })
        .collect()
}
