//! The Parquet export (`--format parquet`), built only with the `parquet` cargo feature: the
//! arrow and parquet crates take minutes to compile, and most users never need them.
//!
//! One row per stored event, flat columns for what analysts filter and group on (dates,
//! types, actors, place, coordinates, fatalities, outlet, review) and the whole event as
//! contract JSON in `event_json`, so nothing is lost. Rows are written in row groups of
//! [`ROW_GROUP`] events, Snappy-compressed; memory stays bounded by one row group however many
//! events are exported, since each finished group is handed to the output at once.

use std::io::Write;
use std::sync::{Arc, Mutex};

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::error::Context;
use crate::export::Sink;
use crate::{Result, StoredEvent};

/// Events per row group.
pub const ROW_GROUP: usize = 64 * 1024;

/// The columns, in order, with their Arrow types (all nullable but the keys).
pub const PARQUET_COLUMNS: &[(&str, DataType)] = &[
    ("event_id", DataType::Utf8),
    ("report_id", DataType::Utf8),
    ("report_version", DataType::Int64),
    ("story_id", DataType::Utf8),
    ("date", DataType::Utf8),
    ("date_from_report", DataType::Boolean),
    ("plover", DataType::Utf8),
    ("mode", DataType::Utf8),
    ("cameo", DataType::Utf8),
    ("acled_event_type", DataType::Utf8),
    ("acled_sub_event_type", DataType::Utf8),
    ("status", DataType::Utf8),
    ("main", DataType::Boolean),
    ("confidence", DataType::Float64),
    ("source_codes", DataType::Utf8),
    ("source_names", DataType::Utf8),
    ("target_codes", DataType::Utf8),
    ("target_names", DataType::Utf8),
    ("attribution", DataType::Utf8),
    ("denied_by", DataType::Utf8),
    ("place", DataType::Utf8),
    ("place_id", DataType::Utf8),
    ("admin1", DataType::Utf8),
    ("country", DataType::Utf8),
    ("latitude", DataType::Float64),
    ("longitude", DataType::Float64),
    ("fatalities", DataType::Int64),
    ("outlet", DataType::Utf8),
    ("url", DataType::Utf8),
    ("review", DataType::Utf8),
    ("superseded", DataType::Boolean),
    ("evidence", DataType::Utf8),
    ("event_json", DataType::Utf8),
];

/// A byte buffer the writer fills and the sink drains into the real output after each row
/// group (the writer wants a `Send` sink; the output need not be one).
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("parquet buffer").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Default)]
struct Columns {
    s: Vec<StringBuilder>,
    i: Vec<Int64Builder>,
    f: Vec<Float64Builder>,
    b: Vec<BooleanBuilder>,
}

/// The Parquet sink.
pub(crate) struct Parquet<'w> {
    out: Box<dyn Write + 'w>,
    buf: Shared,
    writer: Option<ArrowWriter<Shared>>,
    schema: SchemaRef,
    cols: Columns,
    rows: usize,
    n: u64,
}

const IO: &str = "writing the Parquet export";

impl<'w> Parquet<'w> {
    /// A sink writing Parquet to `out` (the file starts at the first row group).
    pub(crate) fn new(out: Box<dyn Write + 'w>) -> Parquet<'w> {
        let schema: SchemaRef = Arc::new(Schema::new(
            PARQUET_COLUMNS
                .iter()
                .map(|(name, t)| {
                    Field::new(*name, t.clone(), !matches!(*name, "event_id" | "report_id"))
                })
                .collect::<Vec<_>>(),
        ));
        let mut p = Parquet {
            out,
            buf: Shared::default(),
            writer: None,
            schema,
            cols: Columns::default(),
            rows: 0,
            n: 0,
        };
        p.reset();
        p
    }

    fn writer(&mut self) -> Result<&mut ArrowWriter<Shared>> {
        if self.writer.is_none() {
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_max_row_group_row_count(Some(ROW_GROUP))
                .build();
            let w =
                ArrowWriter::try_new(self.buf.clone(), self.schema.clone(), Some(props)).ctx(IO)?;
            self.writer = Some(w);
        }
        Ok(self.writer.as_mut().expect("writer just made"))
    }

    fn reset(&mut self) {
        let mut c = Columns::default();
        for (_, t) in PARQUET_COLUMNS {
            match t {
                DataType::Utf8 => c.s.push(StringBuilder::new()),
                DataType::Int64 => c.i.push(Int64Builder::new()),
                DataType::Float64 => c.f.push(Float64Builder::new()),
                _ => c.b.push(BooleanBuilder::new()),
            }
        }
        self.cols = c;
        self.rows = 0;
    }

    /// Write the buffered rows as one row group and hand its bytes to the output.
    fn flush_group(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut cols = std::mem::take(&mut self.cols);
        let (mut s, mut i, mut f, mut b) = (0, 0, 0, 0);
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(PARQUET_COLUMNS.len());
        for (_, t) in PARQUET_COLUMNS {
            arrays.push(match t {
                DataType::Utf8 => {
                    s += 1;
                    Arc::new(cols.s[s - 1].finish())
                }
                DataType::Int64 => {
                    i += 1;
                    Arc::new(cols.i[i - 1].finish())
                }
                DataType::Float64 => {
                    f += 1;
                    Arc::new(cols.f[f - 1].finish())
                }
                _ => {
                    b += 1;
                    Arc::new(cols.b[b - 1].finish())
                }
            });
        }
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).ctx(IO)?;
        let w = self.writer()?;
        w.write(&batch).ctx(IO)?;
        w.flush().ctx(IO)?;
        self.drain()?;
        self.reset();
        Ok(())
    }

    fn drain(&mut self) -> Result<()> {
        let bytes = std::mem::take(&mut *self.buf.0.lock().expect("parquet buffer"));
        self.out.write_all(&bytes).ctx(IO)
    }
}

impl<T> Context<T> for std::result::Result<T, parquet::errors::ParquetError> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(std::io::Error::other).ctx(context)
    }
}

impl<T> Context<T> for std::result::Result<T, arrow_schema::ArrowError> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(std::io::Error::other).ctx(context)
    }
}

fn join<'a>(it: impl Iterator<Item = &'a str>) -> Option<String> {
    let v: Vec<&str> = it.collect();
    (!v.is_empty()).then(|| v.join("; "))
}

impl Sink for Parquet<'_> {
    fn write(&mut self, e: &StoredEvent) -> Result<()> {
        let ev = &e.event;
        let place = ev.location.first();
        let json = serde_json::to_string(ev).ctx("serializing an event")?;
        let strings: [Option<String>; 22] = [
            Some(ev.id.clone()),
            Some(e.report_id.clone()),
            Some(e.story_id.clone()),
            e.date.clone(),
            Some(ev.plover.as_str().to_string()),
            ev.mode.clone(),
            Some(ev.cameo.clone()),
            Some(ev.acled.event_type.clone()),
            Some(ev.acled.sub_event_type.clone()),
            Some(ev.status.as_str().to_string()),
            join(ev.source.iter().map(|a| a.code.as_str())),
            join(ev.source.iter().map(|a| a.name.as_str())),
            join(ev.target.iter().map(|a| a.code.as_str())),
            join(ev.target.iter().map(|a| a.name.as_str())),
            join(ev.attribution.iter().map(|a| a.name.as_str())),
            join(ev.denied_by.iter().map(|a| a.name.as_str())),
            place.map(|p| p.name.clone()),
            place.and_then(|p| p.id.clone()),
            place.and_then(|p| p.admin1.clone()),
            place.and_then(|p| p.country.clone()),
            e.outlet.clone(),
            e.url.clone(),
        ];
        let tail: [Option<String>; 3] = [
            Some(e.review.as_str().to_string()),
            Some(ev.evidence.text.clone()),
            Some(json),
        ];
        let ints = [
            Some(e.report_version),
            ev.quantities
                .iter()
                .filter(|q| q.what == "killed")
                .map(|q| q.value.min(i64::MAX as u64) as i64)
                .min(),
        ];
        let floats = [
            Some(ev.confidence),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
        ];
        let bools = [e.date_from_report, ev.main, e.superseded];
        for (b, v) in self.cols.s.iter_mut().zip(strings.iter().chain(&tail)) {
            b.append_option(v.as_deref());
        }
        for (b, v) in self.cols.i.iter_mut().zip(ints) {
            b.append_option(v);
        }
        for (b, v) in self.cols.f.iter_mut().zip(floats) {
            b.append_option(v);
        }
        for (b, v) in self.cols.b.iter_mut().zip(bools) {
            b.append_value(v);
        }
        self.rows += 1;
        self.n += 1;
        if self.rows >= ROW_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64> {
        self.flush_group()?;
        // An empty export is still a valid file (schema, no row group).
        self.writer()?;
        if let Some(w) = self.writer.take() {
            w.close().ctx(IO)?;
        }
        self.drain()?;
        self.out.flush().ctx(IO)?;
        Ok(self.n)
    }
}
