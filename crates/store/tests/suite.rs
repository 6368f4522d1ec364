//! The one test suite every [`EventStore`] backend passes (SQLite always; PostgreSQL when
//! `RAQIB_TEST_PG_URL` is set — `eval "$(scripts/ci/start-postgres.sh)"` sets it).

mod common;

use common::*;
use raqib_core::{Plover, Status};
use raqib_store::export::{self, Format, ACLED_COLUMNS, PHOENIX_COLUMNS};
use raqib_store::{Edit, EventStore, Filter, Near, Page, ReviewState};

macro_rules! suite {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    let (_dir, mut s) = super::sqlite_store();
                    super::$name(&mut *s);
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let Some(mut g) = super::pg_store(stringify!($name)) else {
                        eprintln!("skipped: RAQIB_TEST_PG_URL not set");
                        return;
                    };
                    super::$name(&mut **g.store.as_mut().unwrap());
                }
            )*
        }
    };
}

suite!(
    idempotent_reingest_stores_once,
    report_reads_back_whole,
    revised_article_supersedes_old_version,
    dead_letters_are_kept_with_reason,
    near_duplicates_share_a_story,
    every_filter_selects_what_it_says,
    injection_strings_return_nothing_and_break_nothing,
    edit_survives_reingest_and_is_audited,
    review_queue_is_lowest_confidence_first,
    exports_parse_back,
    counts_by_day,
    counts_follow_every_change,
);

fn ids(v: &[raqib_store::StoredEvent]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|e| e.event.id.clone()).collect();
    v.sort();
    v
}

fn q(s: &dyn EventStore, f: Filter) -> Vec<String> {
    ids(&s.query(&f, &Page::ALL).unwrap())
}

fn idempotent_reingest_stores_once(s: &mut dyn EventStore) {
    let batch = vec![
        report("r1", STORY_A, "SANA", vec![event("r1-e1"), event("r1-e2")]),
        report("r2", STORY_B, "Reuters", vec![event("r2-e1")]),
        report("r3", "short text", "Enab Baladi", vec![]),
    ];
    let a = s.ingest(&batch).unwrap();
    assert_eq!((a.new, a.unchanged, a.events), (3, 0, 3));
    let b = s.ingest(&batch).unwrap();
    assert_eq!((b.new, b.revised, b.unchanged, b.events), (0, 0, 3, 0));
    // The same report twice in one batch is stored once too.
    let c = s
        .ingest(&[
            batch[0].clone(),
            batch[0].clone(),
            report("r4", "x y", "SANA", vec![]),
        ])
        .unwrap();
    assert_eq!((c.new, c.unchanged), (1, 2));
    let st = s.stats().unwrap();
    assert_eq!((st.reports, st.versions, st.events), (4, 4, 3));
    assert_eq!(s.count(&Filter::default()).unwrap(), 3);
    assert!(s.integrity_check().unwrap().is_empty());
}

fn report_reads_back_whole(s: &mut dyn EventStore) {
    let r = rich_report("rich");
    s.ingest(std::slice::from_ref(&r)).unwrap();
    assert_eq!(s.report("rich").unwrap().as_ref(), Some(&r));
    assert_eq!(s.reports().unwrap(), vec![r]);
    assert_eq!(s.report("nope").unwrap(), None);
}

fn revised_article_supersedes_old_version(s: &mut dyn EventStore) {
    let v1 = report("r1", STORY_A, "SANA", vec![event("r1-e1"), event("r1-e2")]);
    s.ingest(std::slice::from_ref(&v1)).unwrap();
    let mut e = event("r1-e1");
    e.plover = Plover::Coerce;
    e.cameo = "17".into();
    let v2 = report(
        "r1",
        &format!("{STORY_A} Updated."),
        "SANA",
        vec![e, event("r1-e3")],
    );
    let st = s.ingest(std::slice::from_ref(&v2)).unwrap();
    assert_eq!((st.new, st.revised), (0, 1));
    assert_eq!(s.report("r1").unwrap().as_ref(), Some(&v2));
    let versions = s.report_versions("r1").unwrap();
    assert_eq!(versions.len(), 2);
    assert!(versions[0].superseded && !versions[1].superseded);
    assert_eq!(versions[0].story_id, versions[1].story_id);
    assert_eq!(q(s, Filter::default()), vec!["r1-e1", "r1-e3"]);
    let all = s
        .query(
            &Filter {
                include_superseded: true,
                ..Default::default()
            },
            &Page::ALL,
        )
        .unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all.iter().filter(|e| e.superseded).count(), 2);
    assert_eq!(
        s.event("r1-e1").unwrap().unwrap().event.plover,
        Plover::Coerce
    );
    // Ingesting the old text again changes nothing.
    assert_eq!(s.ingest(&[v1]).unwrap().unchanged, 1);
    assert_eq!(s.report("r1").unwrap().as_ref(), Some(&v2));
    let log = s.audit_log(None, &Page::default()).unwrap();
    assert!(log.iter().any(|a| a.action == "revise"
        && a.report_id.as_deref() == Some("r1")
        && a.new.as_deref() == Some("2")));
    assert!(s.integrity_check().unwrap().is_empty());
}

fn dead_letters_are_kept_with_reason(s: &mut dyn EventStore) {
    s.dead_letter(
        Some("bad1"),
        "in.jsonl:3",
        Some("{\"id\":\"bad1\"}"),
        "no text",
    )
    .unwrap();
    s.dead_letter(Some("bad1"), "in.jsonl:3", None, "no text")
        .unwrap();
    s.dead_letter(None, "x.txt", None, "invalid UTF-8 at byte offset 3")
        .unwrap();
    let d = s.dead_letters().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].report_id.as_deref(), Some("bad1"));
    assert_eq!(d[0].attempts, 2);
    assert_eq!(d[0].input.as_deref(), Some("{\"id\":\"bad1\"}"));
    assert_eq!(d[1].report_id, None);
    assert!(d[1].reason.contains("UTF-8"));
    assert_eq!(s.stats().unwrap().dead_letters, 2);
}

fn near_duplicates_share_a_story(s: &mut dyn EventStore) {
    s.ingest(&[report("sana-1", STORY_A, "SANA", vec![event("sana-1-e1")])])
        .unwrap();
    let st = s
        .ingest(&[
            report("afp-1", &story_a_copy(), "AFP", vec![event("afp-1-e1")]),
            report("un-1", STORY_B, "UN News", vec![]),
        ])
        .unwrap();
    assert_eq!(st.near_duplicates, 1);
    fn story(s: &dyn EventStore, id: &str) -> String {
        s.report_versions(id).unwrap()[0].story_id.clone()
    }
    assert_eq!(story(s, "sana-1"), story(s, "afp-1"));
    assert_ne!(story(s, "sana-1"), story(s, "un-1"));
    // A copy within the same batch as its original links too.
    s.ingest(&[
        report("x-1", &format!("{STORY_B} Extra line."), "X", vec![]),
        report("x-2", &format!("Geneva: {STORY_B}"), "Y", vec![]),
    ])
    .unwrap();
    assert_eq!(story(s, "x-1"), story(s, "un-1"));
    assert_eq!(story(s, "x-2"), story(s, "un-1"));
    let by_story = q(
        s,
        Filter {
            story: Some(story(s, "sana-1")),
            ..Default::default()
        },
    );
    assert_eq!(by_story, vec!["afp-1-e1", "sana-1-e1"]);
}

/// Four events that differ in every filtered field.
fn filter_fixture(s: &mut dyn EventStore) {
    let e1 = event("a-e1"); // ASSAULT 195, Douma, 2018-04-06, SYRGOVMIL → SYRCVL
    let mut e2 = event("a-e2");
    e2.plover = Plover::Protest;
    e2.cameo = "141".into();
    e2.acled.event_type = "Protests".into();
    e2.acled.sub_event_type = "Peaceful protest".into();
    e2.source = vec![actor("SYRCVL", "protesters", None)];
    e2.target = vec![actor("SYRGOV", "government", Some("syr-gov"))];
    e2.location = vec![place("Idlib", "Idlib", 35.93, 36.63)];
    e2.date = Some(day("2018-05-10"));
    e2.status = Status::Claimed;
    e2.attribution = vec![actor("SYRMED", "Enab Baladi", Some("enab-baladi"))];
    e2.main = false;
    let mut e3 = event("b-e1");
    e3.plover = Plover::Accuse;
    e3.cameo = "112".into();
    e3.acled.event_type = "Strategic developments".into();
    e3.acled.sub_event_type = "Other".into();
    e3.source = vec![actor("RUSGOV", "Russian foreign ministry", Some("ru-mfa"))];
    e3.target = vec![actor("USAGOV", "United States", Some("us-gov"))];
    e3.location = vec![];
    e3.date = None; // takes the report's date, 2018-04-07
    e3.status = Status::Disputed;
    e3.denied_by = vec![actor("USAGOV", "United States", Some("us-gov"))];
    let mut e4 = event("b-e2");
    e4.location = vec![place("Harasta", "Rif Dimashq", 33.558, 36.365)];
    e4.date = Some(day("2018-03-01"));
    s.ingest(&[
        report("a", STORY_A, "SANA", vec![e1, e2]),
        report("b", STORY_B, "Reuters", vec![e3, e4]),
    ])
    .unwrap();
}

fn every_filter_selects_what_it_says(s: &mut dyn EventStore) {
    filter_fixture(s);
    let f = |f: Filter| q(s, f);
    let all = vec!["a-e1", "a-e2", "b-e1", "b-e2"];
    assert_eq!(f(Filter::default()), all);
    let d = |from: &str, to: &str| Filter {
        from: Some(from.into()),
        to: Some(to.into()),
        ..Default::default()
    };
    assert_eq!(f(d("2018-04-01", "2018-04-30")), vec!["a-e1", "b-e1"]);
    assert_eq!(f(d("2018-04-07", "2018-04-07")), vec!["b-e1"]);
    assert_eq!(
        f(Filter {
            from: Some("2018-05-01".into()),
            ..Default::default()
        }),
        vec!["a-e2"]
    );
    let one = |g: fn(&mut Filter, String), v: &str| {
        let mut x = Filter::default();
        g(&mut x, v.to_string());
        x
    };
    assert_eq!(
        f(one(|x, v| x.plover = Some(v), "ASSAULT")),
        vec!["a-e1", "b-e2"]
    );
    assert_eq!(f(one(|x, v| x.plover = Some(v), "protest")), vec!["a-e2"]);
    assert_eq!(f(one(|x, v| x.cameo = Some(v), "19")), vec!["a-e1", "b-e2"]);
    assert_eq!(f(one(|x, v| x.cameo = Some(v), "1")), all);
    assert_eq!(f(one(|x, v| x.cameo = Some(v), "11")), vec!["b-e1"]);
    assert_eq!(f(one(|x, v| x.acled = Some(v), "Protests")), vec!["a-e2"]);
    assert_eq!(
        f(one(
            |x, v| x.acled = Some(v),
            "shelling/artillery/missile attack"
        )),
        vec!["a-e1", "b-e2"]
    );
    assert_eq!(f(one(|x, v| x.actor = Some(v), "RUS")), vec!["b-e1"]);
    assert_eq!(
        f(one(|x, v| x.actor = Some(v), "SYRGOV")),
        vec!["a-e1", "a-e2", "b-e2"]
    );
    assert_eq!(f(one(|x, v| x.actor = Some(v), "us-gov")), vec!["b-e1"]);
    assert_eq!(
        f(one(|x, v| x.actor = Some(v), "enab-baladi")),
        vec!["a-e2"]
    );
    let role = Filter {
        actor: Some("SYRCVL".into()),
        actor_role: Some("source".into()),
        ..Default::default()
    };
    assert_eq!(f(role), vec!["a-e2"]);
    let denier = Filter {
        actor: Some("USA".into()),
        actor_role: Some("denier".into()),
        ..Default::default()
    };
    assert_eq!(f(denier), vec!["b-e1"]);
    assert_eq!(f(one(|x, v| x.place = Some(v), "douma")), vec!["a-e1"]);
    assert_eq!(
        f(one(|x, v| x.place = Some(v), "Rif Dimashq")),
        vec!["a-e1", "b-e2"]
    );
    assert_eq!(f(one(|x, v| x.place = Some(v), "geo-idlib")), vec!["a-e2"]);
    let near = |km: f64| Filter {
        near: Some(Near {
            lat: 33.571,
            lon: 36.402,
            km,
        }),
        ..Default::default()
    };
    assert_eq!(f(near(1.0)), vec!["a-e1"]);
    assert_eq!(f(near(10.0)), vec!["a-e1", "b-e2"]);
    assert_eq!(f(near(500.0)), vec!["a-e1", "a-e2", "b-e2"]);
    assert_eq!(f(one(|x, v| x.status = Some(v), "claimed")), vec!["a-e2"]);
    assert_eq!(f(one(|x, v| x.status = Some(v), "disputed")), vec!["b-e1"]);
    assert_eq!(
        f(one(|x, v| x.outlet = Some(v), "reuters")),
        vec!["b-e1", "b-e2"]
    );
    assert_eq!(f(one(|x, v| x.report = Some(v), "a")), vec!["a-e1", "a-e2"]);
    assert_eq!(
        f(Filter {
            main_only: true,
            ..Default::default()
        }),
        vec!["a-e1", "b-e1", "b-e2"]
    );
    // Filters combine.
    let both = Filter {
        plover: Some("ASSAULT".into()),
        place: Some("Harasta".into()),
        ..Default::default()
    };
    assert_eq!(f(both), vec!["b-e2"]);
    // Latest first, paged.
    let page1 = s
        .query(
            &Filter::default(),
            &Page {
                limit: 2,
                offset: 0,
            },
        )
        .unwrap();
    let page2 = s
        .query(
            &Filter::default(),
            &Page {
                limit: 2,
                offset: 2,
            },
        )
        .unwrap();
    let order: Vec<_> = page1
        .iter()
        .chain(&page2)
        .map(|e| e.event.id.as_str())
        .collect();
    assert_eq!(order, vec!["a-e2", "b-e1", "a-e1", "b-e2"]);
    assert_eq!(
        s.count(&one(|x, v| x.plover = Some(v), "ASSAULT")).unwrap(),
        2
    );
}

fn injection_strings_return_nothing_and_break_nothing(s: &mut dyn EventStore) {
    filter_fixture(s);
    let before = s.count(&Filter::default()).unwrap();
    type Setter = fn(&mut Filter, String);
    let setters: &[(&str, Setter)] = &[
        ("from", |x, v| x.from = Some(v)),
        ("to", |x, v| x.to = Some(v)),
        ("plover", |x, v| x.plover = Some(v)),
        ("cameo", |x, v| x.cameo = Some(v)),
        ("acled", |x, v| x.acled = Some(v)),
        ("actor", |x, v| x.actor = Some(v)),
        ("actor_role", |x, v| {
            x.actor = Some("SYR".into());
            x.actor_role = Some(v)
        }),
        ("place", |x, v| x.place = Some(v)),
        ("status", |x, v| x.status = Some(v)),
        ("outlet", |x, v| x.outlet = Some(v)),
        ("report", |x, v| x.report = Some(v)),
        ("story", |x, v| x.story = Some(v)),
    ];
    for (name, set) in setters {
        for nasty in NASTY {
            let mut f = Filter::default();
            set(&mut f, nasty.to_string());
            match s.query(&f, &Page::ALL) {
                // Refused as invalid, or matched nothing: both fine.
                Err(e) => assert!(
                    matches!(e.kind, raqib_store::ErrorKind::Invalid { .. }),
                    "{name}={nasty:?}: {e}"
                ),
                Ok(v) => assert!(v.is_empty(), "{name}={nasty:?} matched {:?}", ids(&v)),
            }
            if let Ok(n) = s.count(&f) {
                assert_eq!(n, 0, "{name}={nasty:?}");
            }
        }
    }
    for nasty in NASTY {
        assert!(s.event(nasty).unwrap().is_none());
        assert!(s.report(nasty).unwrap().is_none());
        assert!(s
            .edit(
                nasty,
                &Edit {
                    set: vec![("plover".into(), "AID".into())],
                    note: None,
                    user: "x".into()
                }
            )
            .is_err());
    }
    assert_eq!(s.count(&Filter::default()).unwrap(), before);
    assert!(s.integrity_check().unwrap().is_empty());
}

fn edit_survives_reingest_and_is_audited(s: &mut dyn EventStore) {
    let r = report("r1", STORY_A, "SANA", vec![event("r1-e1"), event("r1-e2")]);
    s.ingest(std::slice::from_ref(&r)).unwrap();
    let entries = s
        .edit(
            "r1-e1",
            &Edit {
                set: vec![
                    ("plover".into(), "COERCE".into()),
                    ("place".into(), "Harasta".into()),
                    ("fatalities".into(), "9".into()),
                    ("source".into(), "RUSMIL|Russian forces|ru-mil".into()),
                ],
                note: Some("the source says Harasta, not Douma".into()),
                user: "maya".into(),
            },
        )
        .unwrap();
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0].old.as_deref(), Some("ASSAULT"));
    assert_eq!(entries[0].new.as_deref(), Some("COERCE"));
    assert_eq!(entries[1].old.as_deref(), Some("Douma"));
    assert_eq!(entries[2].old.as_deref(), Some("12"));
    let check = |s: &dyn EventStore| {
        let e = s.event("r1-e1").unwrap().unwrap();
        assert_eq!(e.event.plover, Plover::Coerce);
        assert_eq!(e.event.location[0].name, "Harasta");
        assert_eq!(e.corrected, vec!["plover", "place", "fatalities", "source"]);
        // The event left Douma and the Syrian army's events, and joined Harasta's and the
        // Russian forces' (by code prefix, by id, by role).
        let by_place = |p: &str| Filter {
            place: Some(p.into()),
            ..Default::default()
        };
        assert_eq!(q(s, by_place("douma")), vec!["r1-e2"]);
        let by_actor = |a: &str, role: Option<&str>| Filter {
            actor: Some(a.into()),
            actor_role: role.map(str::to_string),
            ..Default::default()
        };
        assert_eq!(q(s, by_actor("SYRGOV", None)), vec!["r1-e2"]);
        assert_eq!(q(s, by_actor("syrian-army", Some("source"))), vec!["r1-e2"]);
        assert_eq!(q(s, by_actor("RUS", None)), vec!["r1-e1"]);
        assert_eq!(q(s, by_actor("ru-mil", Some("source"))), vec!["r1-e1"]);
        assert!(q(s, by_actor("ru-mil", Some("target"))).is_empty());
        let coerce = Filter {
            plover: Some("COERCE".into()),
            ..Default::default()
        };
        assert_eq!(q(s, coerce), vec!["r1-e1"]);
        let harasta = Filter {
            place: Some("harasta".into()),
            ..Default::default()
        };
        assert_eq!(q(s, harasta), vec!["r1-e1"]);
        let rep = s.report("r1").unwrap().unwrap();
        assert_eq!(rep.events[0].plover, Plover::Coerce);
        assert_eq!(rep.events[1].plover, Plover::Assault);
    };
    check(s);
    // Re-ingest the same report: nothing changes.
    s.ingest(std::slice::from_ref(&r)).unwrap();
    check(s);
    // A revised article with the same event ids: the correction still applies.
    let r2 = report(
        "r1",
        &format!("{STORY_A} (updated)"),
        "SANA",
        vec![event("r1-e1"), event("r1-e2")],
    );
    assert_eq!(s.ingest(&[r2]).unwrap().revised, 1);
    check(s);
    let log = s.audit_log(Some("r1-e1"), &Page::default()).unwrap();
    assert_eq!(log.len(), 4);
    assert!(log.iter().all(|a| a.user == "maya"
        && a.action == "edit"
        && a.note.as_deref() == Some("the source says Harasta, not Douma")
        && !a.at.is_empty()));
    // Bad edits are refused whole.
    assert!(s
        .edit(
            "r1-e1",
            &Edit {
                set: vec![
                    ("plover".into(), "AID".into()),
                    ("evidence".into(), "x".into())
                ],
                note: None,
                user: "maya".into()
            }
        )
        .is_err());
    assert_eq!(
        s.event("r1-e1").unwrap().unwrap().event.plover,
        Plover::Coerce
    );
    assert!(matches!(
        s.edit(
            "nope",
            &Edit {
                set: vec![("plover".into(), "AID".into())],
                note: None,
                user: "m".into()
            }
        )
        .unwrap_err()
        .kind,
        raqib_store::ErrorKind::NoSuchEvent(_)
    ));
    assert!(s.integrity_check().unwrap().is_empty());
}

fn review_queue_is_lowest_confidence_first(s: &mut dyn EventStore) {
    let mk = |id: &str, c: f64| {
        let mut e = event(id);
        e.confidence = c;
        e
    };
    s.ingest(&[report(
        "r1",
        STORY_A,
        "SANA",
        vec![mk("hi", 0.9), mk("lo", 0.2), mk("mid", 0.5)],
    )])
    .unwrap();
    let queue = |s: &dyn EventStore| -> Vec<String> {
        s.review_queue(&Page::default())
            .unwrap()
            .into_iter()
            .map(|e| e.event.id)
            .collect()
    };
    assert_eq!(queue(s), vec!["lo", "mid", "hi"]);
    assert!(s
        .set_review("lo", ReviewState::Published, "maya", None)
        .is_err());
    let a = s
        .set_review("lo", ReviewState::Reviewed, "maya", Some("checked"))
        .unwrap();
    assert_eq!(
        (a.old.as_deref(), a.new.as_deref()),
        (Some("auto"), Some("reviewed"))
    );
    s.set_review("lo", ReviewState::Published, "maya", None)
        .unwrap();
    s.set_review("mid", ReviewState::Rejected, "omar", None)
        .unwrap();
    assert_eq!(queue(s), vec!["hi"]);
    assert_eq!(
        s.event("lo").unwrap().unwrap().review,
        ReviewState::Published
    );
    let published = Filter {
        review: Some(ReviewState::Published),
        ..Default::default()
    };
    assert_eq!(q(s, published), vec!["lo"]);
    let auto = Filter {
        review: Some(ReviewState::Auto),
        ..Default::default()
    };
    assert_eq!(q(s, auto), vec!["hi"]);
    assert!(s
        .set_review("nope", ReviewState::Reviewed, "m", None)
        .is_err());
    assert_eq!(s.audit_log(Some("lo"), &Page::default()).unwrap().len(), 2);
}

fn exports_parse_back(s: &mut dyn EventStore) {
    filter_fixture(s);
    // A copy of story A from another outlet giving a lower death toll.
    let mut copy = event("afp-e1");
    copy.quantities[0].value = 9;
    s.ingest(&[report("afp", &story_a_copy(), "AFP", vec![copy])])
        .unwrap();
    let run = |s: &dyn EventStore, f: Format| {
        let mut out = Vec::new();
        let n = export::export(s, &Filter::default(), f, &mut out).unwrap();
        (n, String::from_utf8(out).unwrap())
    };
    // CSV: ACLED's header exactly; the copy merged into one row with both outlets and the
    // lowest count.
    let (n, csv) = run(s, Format::Csv);
    assert_eq!(n, 4);
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ACLED_COLUMNS);
    assert_eq!(
        csv.lines().next().unwrap(),
        "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,\
         assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,iso,region,country,admin1,\
         admin2,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities"
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    let douma = rows.iter().find(|r| &r[18] == "Douma").unwrap();
    assert!(douma[0].starts_with("SYR") && douma[0][3..].parse::<u64>().is_ok());
    assert_eq!(&douma[1], "2018-04-06");
    assert_eq!(&douma[2], "2018");
    assert_eq!(&douma[3], "1");
    assert_eq!(&douma[8], "1");
    assert_eq!(&douma[11], "7");
    assert_eq!(&douma[12], "17");
    assert_eq!(&douma[13], "760");
    assert_eq!(&douma[15], "Syria");
    assert_eq!(&douma[22], "AFP; SANA");
    assert_eq!(&douma[25], "9");
    let dates: Vec<&str> = rows.iter().map(|r| r.get(1).unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "ACLED order: oldest first");
    // GeoJSON: valid, located events only, [lon, lat].
    let (n, gj) = run(s, Format::GeoJson);
    let v: serde_json::Value = serde_json::from_str(&gj).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let feats = v["features"].as_array().unwrap();
    assert_eq!(feats.len() as u64, n);
    assert_eq!(n, 4); // b-e1 has no place
    let f = feats.iter().find(|f| f["id"] == "a-e1").unwrap();
    assert_eq!(
        f["geometry"]["coordinates"],
        serde_json::json!([36.402, 33.571])
    );
    // Phoenix TSV.
    let (n, tsv) = run(s, Format::Phoenix);
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0].split('\t').collect::<Vec<_>>(), PHOENIX_COLUMNS);
    assert_eq!(lines.len() as u64, n + 1);
    let a = lines.iter().find(|l| l.ends_with("\ta-e1")).unwrap();
    let cols: Vec<&str> = a.split('\t').collect();
    assert_eq!(cols.len(), PHOENIX_COLUMNS.len());
    assert_eq!(
        &cols[..6],
        &["20180406", "SYRGOVMIL", "SYRCVL", "195", "19", "4"]
    );
    // PLOVER JSON lines and JSONL parse back.
    let (n, pl) = run(s, Format::Plover);
    assert_eq!(pl.lines().count() as u64, n);
    for l in pl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["event_type"].is_string());
    }
    let (n, jl) = run(s, Format::Jsonl);
    assert_eq!(n, 5);
    for l in jl.lines() {
        let e: raqib_store::StoredEvent = serde_json::from_str(l).unwrap();
        assert!(!e.story_id.is_empty());
    }
    // Parquet only with the `parquet` feature (tests/parquet.rs tests the export itself).
    assert_eq!(Format::parse("parquet").is_ok(), cfg!(feature = "parquet"));
}

fn counts_by_day(s: &mut dyn EventStore) {
    filter_fixture(s);
    let all = s.count_by_day(&Filter::default()).unwrap();
    assert_eq!(
        all,
        vec![
            ("2018-03-01".to_string(), 1),
            ("2018-04-06".to_string(), 1),
            ("2018-04-07".to_string(), 1),
            ("2018-05-10".to_string(), 1),
        ]
    );
    let assault = s
        .count_by_day(&Filter {
            plover: Some("ASSAULT".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(assault.len(), 2);
}

/// Counts by day and totals equal the events a query returns, for filters the daily counts
/// answer (SQLite keeps them pre-aggregated; PostgreSQL counts the events, so there the test
/// checks the same numbers by the other road), and the store's own check finds no difference.
fn assert_counts_match_events(s: &dyn EventStore, step: &str) {
    let filters = [
        Filter::default(),
        Filter {
            plover: Some("assault".into()),
            ..Default::default()
        },
        Filter {
            plover: Some("COERCE".into()),
            from: Some("2018-01-01".into()),
            ..Default::default()
        },
        Filter {
            to: Some("2018-04-06".into()),
            status: Some("Asserted".into()),
            ..Default::default()
        },
        Filter {
            main_only: true,
            ..Default::default()
        },
        Filter {
            review: Some(ReviewState::Auto),
            ..Default::default()
        },
        Filter {
            review: Some(ReviewState::Rejected),
            ..Default::default()
        },
    ];
    for f in filters {
        let events = s.query(&f, &Page::ALL).unwrap();
        let mut want: std::collections::BTreeMap<String, u64> = Default::default();
        for e in &events {
            if let Some(d) = &e.date {
                *want.entry(d.clone()).or_default() += 1;
            }
        }
        let want: Vec<(String, u64)> = want.into_iter().collect();
        let got = s.count_by_day(&f).unwrap();
        assert_eq!(got, want, "{step}: counts by day for {f:?}");
        assert_eq!(
            s.count(&f).unwrap(),
            events.len() as u64,
            "{step}: count for {f:?}"
        );
    }
    let problems = s.integrity_check().unwrap();
    assert!(problems.is_empty(), "{step}: {problems:?}");
}

fn counts_follow_every_change(s: &mut dyn EventStore) {
    let mut undated = event("r2-e2");
    undated.date = None;
    let batch = vec![
        report("r1", STORY_A, "SANA", vec![event("r1-e1"), event("r1-e2")]),
        report("r2", STORY_B, "Reuters", vec![event("r2-e1"), undated]),
    ];
    s.ingest(&batch).unwrap();
    assert_counts_match_events(s, "ingest");
    assert_eq!(s.count_by_day(&Filter::default()).unwrap().len(), 2);
    s.ingest(&batch).unwrap();
    assert_counts_match_events(s, "re-ingest");
    // A revised version: its old events leave the counts, the new ones come in.
    let mut moved = event("r1-e1");
    moved.date = Some(day("2018-04-20"));
    moved.plover = Plover::Coerce;
    let v2 = report(
        "r1",
        &format!("{STORY_A} Updated."),
        "SANA",
        vec![moved, event("r1-e3")],
    );
    assert_eq!(s.ingest(std::slice::from_ref(&v2)).unwrap().revised, 1);
    assert_counts_match_events(s, "revised version");
    // An edit that moves an event to another day, type and status.
    s.edit(
        "r1-e3",
        &Edit {
            set: vec![
                ("date".into(), "2018-05-01".into()),
                ("plover".into(), "PROTEST".into()),
                ("status".into(), "claimed".into()),
            ],
            note: None,
            user: "maya".into(),
        },
    )
    .unwrap();
    assert_counts_match_events(s, "edit");
    // Review decisions move the event id's events between review states.
    s.set_review("r2-e1", ReviewState::Rejected, "maya", None)
        .unwrap();
    assert_counts_match_events(s, "rejection");
    s.set_review("r2-e1", ReviewState::Reviewed, "maya", None)
        .unwrap();
    s.set_review("r1-e1", ReviewState::Published, "maya", None)
        .unwrap_err();
    s.set_review("r1-e1", ReviewState::Reviewed, "maya", None)
        .unwrap();
    assert_counts_match_events(s, "review");
    // A reviewed event's id in a newer version keeps its review state and its edit.
    let v3 = report(
        "r1",
        &format!("{STORY_A} Updated twice."),
        "SANA",
        vec![event("r1-e1"), event("r1-e3"), event("r1-e4")],
    );
    assert_eq!(s.ingest(std::slice::from_ref(&v3)).unwrap().revised, 1);
    assert_counts_match_events(s, "second revision");
    let reviewed = Filter {
        review: Some(ReviewState::Reviewed),
        ..Default::default()
    };
    assert_eq!(s.count(&reviewed).unwrap(), 2);
}
