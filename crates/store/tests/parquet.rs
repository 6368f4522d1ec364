//! `--format parquet` (only with the `parquet` feature): the file reads back with the parquet
//! crate's own reader, one row per event, with the columns and the whole event JSON.
//!
//! `cargo test -p raqib-store --features parquet --test parquet` (CI's Spark stage runs it).
#![cfg(feature = "parquet")]

mod common;

use arrow_array::{Array, Float64Array, Int64Array, StringArray};
use common::*;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use raqib_store::export::{self, Format};
use raqib_store::{EventStore, Filter};

/// The bytes as a file (what the reader takes without another dependency).
fn file_of(bytes: &[u8]) -> std::fs::File {
    use std::io::{Seek, Write};
    let mut f = tempfile::tempfile().unwrap();
    f.write_all(bytes).unwrap();
    f.rewind().unwrap();
    f
}

fn exports_every_event_and_reads_back(s: &mut dyn EventStore) {
    let mut a = event("r1-e1");
    a.quantities[0].value = 7;
    let mut b = event("r1-e2");
    b.location.clear();
    b.quantities.clear();
    s.ingest(&[
        report("r1", STORY_A, "SANA", vec![a.clone(), b.clone()]),
        report("r2", STORY_B, "Reuters", vec![event("r2-e1")]),
    ])
    .unwrap();
    let mut buf = Vec::new();
    let n = export::export(&*s, &Filter::default(), Format::Parquet, &mut buf).unwrap();
    assert_eq!(n, 3);
    assert_eq!(&buf[..4], b"PAR1", "starts with the Parquet magic");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file_of(&buf))
        .unwrap()
        .build()
        .unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let col = |name: &str| batch.column_by_name(name).unwrap().clone();
        let ids = col("event_id");
        let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
        let json = col("event_json");
        let json = json.as_any().downcast_ref::<StringArray>().unwrap();
        let lat = col("latitude");
        let lat = lat.as_any().downcast_ref::<Float64Array>().unwrap();
        let fat = col("fatalities");
        let fat = fat.as_any().downcast_ref::<Int64Array>().unwrap();
        let outlet = col("outlet");
        let outlet = outlet.as_any().downcast_ref::<StringArray>().unwrap();
        for i in 0..batch.num_rows() {
            let e: raqib_core::Event = serde_json::from_str(json.value(i)).unwrap();
            assert_eq!(e.id, ids.value(i));
            rows.push((
                e,
                (!lat.is_null(i)).then(|| lat.value(i)),
                (!fat.is_null(i)).then(|| fat.value(i)),
                outlet.value(i).to_string(),
            ));
        }
    }
    rows.sort_by(|x, y| x.0.id.cmp(&y.0.id));
    let ids: Vec<&str> = rows.iter().map(|r| r.0.id.as_str()).collect();
    assert_eq!(ids, ["r1-e1", "r1-e2", "r2-e1"]);
    assert_eq!(rows[0].0, a, "the event JSON is the whole event");
    assert_eq!(rows[1].0, b);
    assert_eq!((rows[0].1, rows[0].2), (Some(33.571), Some(7)));
    assert_eq!(
        (rows[1].1, rows[1].2),
        (None, None),
        "no place, no count: nulls"
    );
    assert_eq!(rows[2].3, "Reuters");
}

fn an_empty_export_is_a_valid_file(s: &mut dyn EventStore) {
    let mut buf = Vec::new();
    let n = export::export(&*s, &Filter::default(), Format::Parquet, &mut buf).unwrap();
    assert_eq!(n, 0);
    let b = ParquetRecordBatchReaderBuilder::try_new(file_of(&buf)).unwrap();
    assert_eq!(b.metadata().file_metadata().num_rows(), 0);
    assert!(b.schema().field_with_name("event_json").is_ok());
}

#[test]
fn sqlite_exports_parquet() {
    let (_d, mut s) = sqlite_store();
    exports_every_event_and_reads_back(&mut *s);
    let (_d, mut s) = sqlite_store();
    an_empty_export_is_a_valid_file(&mut *s);
}

#[test]
fn postgres_exports_parquet() {
    let Some(mut g) = pg_store("parquet_export") else {
        eprintln!("skipped: RAQIB_TEST_PG_URL not set");
        return;
    };
    exports_every_event_and_reads_back(&mut **g.store.as_mut().unwrap());
}

#[test]
fn format_parse_accepts_parquet() {
    assert_eq!(Format::parse("parquet").unwrap(), Format::Parquet);
}
