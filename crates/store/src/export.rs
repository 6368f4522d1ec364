//! Exports: one [`Sink`] per format, fed the stored events one by one.
//!
//! - `jsonl`: one [`StoredEvent`] per line (the event with where it comes from);
//! - `csv`: ACLED's column layout. As ACLED does, one row per real event: copies of one
//!   story (near-duplicates) telling the same event (type, date, place) are one row, its
//!   `source` names every outlet and its `fatalities` is the lowest count any of them gives;
//! - `geojson`: a FeatureCollection of the located events (coordinates `[lon, lat]`);
//! - `phoenix`: Phoenix-style CAMEO TSV;
//! - `plover`: POLECAT-style PLOVER JSON lines;
//! - `parquet`: one row per event, flat columns and the event's JSON, only when the crate is
//!   built with the `parquet` feature (`--format parquet` says so otherwise).

use std::collections::HashMap;
use std::io::Write;

use serde_json::json;

use crate::error::Context;
use crate::{Error, EventStore, Filter, Result, StoredEvent};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One stored event per line.
    Jsonl,
    /// ACLED CSV.
    Csv,
    /// GeoJSON FeatureCollection.
    GeoJson,
    /// Phoenix-style CAMEO TSV.
    Phoenix,
    /// POLECAT-style PLOVER JSON lines.
    Plover,
    /// Apache Parquet (with the `parquet` cargo feature only; [`Format::parse`] refuses it
    /// otherwise).
    Parquet,
}

impl Format {
    /// Parse a format name.
    pub fn parse(s: &str) -> Result<Format> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" | "acled" => Format::Csv,
            "geojson" => Format::GeoJson,
            "phoenix" | "tsv" => Format::Phoenix,
            "plover" | "polecat" => Format::Plover,
            "parquet" if cfg!(feature = "parquet") => Format::Parquet,
            "parquet" => {
                return Err(Error::invalid(
                    "format",
                    "parquet is not built into this raqib (build it with `--features parquet`); \
                     use csv or jsonl",
                ))
            }
            _ => {
                return Err(Error::invalid(
                    "format",
                    format!("{s:?}: expected csv, jsonl, geojson, phoenix or plover"),
                ))
            }
        })
    }
}

/// Where exported events go.
pub trait Sink {
    /// Take one event.
    fn write(&mut self, e: &StoredEvent) -> Result<()>;
    /// Write what is buffered and the closing lines; returns the number of records written.
    fn finish(self: Box<Self>) -> Result<u64>;
}

/// The sink of a format over a writer.
pub fn sink<'w>(format: Format, out: Box<dyn Write + 'w>) -> Box<dyn Sink + 'w> {
    match format {
        Format::Jsonl => Box::new(Jsonl { out, n: 0 }),
        Format::Csv => Box::new(AcledCsv {
            out,
            rows: Vec::new(),
            groups: HashMap::new(),
        }),
        Format::GeoJson => Box::new(GeoJson {
            out,
            n: 0,
            started: false,
        }),
        Format::Phoenix => Box::new(Phoenix {
            out,
            n: 0,
            header: false,
        }),
        Format::Plover => Box::new(Plover { out, n: 0 }),
        #[cfg(feature = "parquet")]
        Format::Parquet => Box::new(crate::export_parquet::Parquet::new(out)),
        // Not reachable through `Format::parse`; a caller naming the variant directly gets
        // an export that fails at once.
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => Box::new(NoParquet),
    }
}

/// Export every event matching `filter` (oldest first for CSV, as ACLED files are) to `out`.
pub fn export(
    store: &dyn EventStore,
    filter: &Filter,
    format: Format,
    out: impl Write,
) -> Result<u64> {
    let mut s = sink(format, Box::new(out));
    store.for_each_event(filter, &mut |e| s.write(&e))?;
    s.finish()
}

const IO: &str = "writing the export";

#[cfg(not(feature = "parquet"))]
struct NoParquet;

#[cfg(not(feature = "parquet"))]
impl Sink for NoParquet {
    fn write(&mut self, _: &StoredEvent) -> Result<()> {
        Err(Error::invalid(
            "format",
            "parquet is not built into this raqib",
        ))
    }
    fn finish(self: Box<Self>) -> Result<u64> {
        Err(Error::invalid(
            "format",
            "parquet is not built into this raqib",
        ))
    }
}

struct Jsonl<'w> {
    out: Box<dyn Write + 'w>,
    n: u64,
}

impl Sink for Jsonl<'_> {
    fn write(&mut self, e: &StoredEvent) -> Result<()> {
        serde_json::to_writer(&mut self.out, e).ctx(IO)?;
        self.out.write_all(b"\n").ctx(IO)?;
        self.n += 1;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<u64> {
        self.out.flush().ctx(IO)?;
        Ok(self.n)
    }
}

/// ACLED's columns, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 26] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
];

/// ISO alpha-3 → (ISO numeric, ACLED country name, ACLED region), for the countries raqib's
/// reporting covers; others keep their alpha-3 code as country and leave iso/region empty.
const COUNTRIES: &[(&str, u16, &str, &str)] = &[
    ("SYR", 760, "Syria", "Middle East"),
    ("IRQ", 368, "Iraq", "Middle East"),
    ("LBN", 422, "Lebanon", "Middle East"),
    ("JOR", 400, "Jordan", "Middle East"),
    ("TUR", 792, "Turkey", "Middle East"),
    ("ISR", 376, "Israel", "Middle East"),
    ("PSE", 275, "Palestine", "Middle East"),
    ("YEM", 887, "Yemen", "Middle East"),
    ("SAU", 682, "Saudi Arabia", "Middle East"),
    ("IRN", 364, "Iran", "Middle East"),
    ("ARE", 784, "United Arab Emirates", "Middle East"),
    ("QAT", 634, "Qatar", "Middle East"),
    ("KWT", 414, "Kuwait", "Middle East"),
    ("BHR", 48, "Bahrain", "Middle East"),
    ("OMN", 512, "Oman", "Middle East"),
    ("EGY", 818, "Egypt", "Northern Africa"),
    ("LBY", 434, "Libya", "Northern Africa"),
    ("TUN", 788, "Tunisia", "Northern Africa"),
    ("DZA", 12, "Algeria", "Northern Africa"),
    ("MAR", 504, "Morocco", "Northern Africa"),
    ("SDN", 729, "Sudan", "Northern Africa"),
    ("SSD", 728, "South Sudan", "Eastern Africa"),
    ("SOM", 706, "Somalia", "Eastern Africa"),
    ("ETH", 231, "Ethiopia", "Eastern Africa"),
    ("MLI", 466, "Mali", "Western Africa"),
    ("NGA", 566, "Nigeria", "Western Africa"),
    ("AFG", 4, "Afghanistan", "Caucasus and Central Asia"),
    ("PAK", 586, "Pakistan", "South Asia"),
    ("RUS", 643, "Russia", "Europe"),
    ("UKR", 804, "Ukraine", "Europe"),
    ("CYP", 196, "Cyprus", "Europe"),
    ("USA", 840, "United States", "North America"),
];

fn country(alpha3: &str) -> Option<&'static (&'static str, u16, &'static str, &'static str)> {
    COUNTRIES.iter().find(|c| c.0.eq_ignore_ascii_case(alpha3))
}

/// ACLED's actor type (`inter`) from a CAMEO-style actor code: 1 state forces, 2 rebels,
/// 3 political militias, 6 protesters, 7 civilians, 8 external/other forces.
pub fn inter(code: &str, protest: bool) -> Option<u8> {
    let c = code.to_ascii_uppercase();
    let roles: Vec<&str> = (3..c.len())
        .step_by(3)
        .filter_map(|i| c.get(i..i + 3))
        .collect();
    let country = c.get(..3).unwrap_or("");
    let has = |r: &str| roles.contains(&r);
    if matches!(country, "IGO" | "IMG" | "PKO") && !has("REB") && !has("INS") {
        return Some(8);
    }
    if has("REB") || has("INS") {
        return Some(2);
    }
    if has("MIL") || has("GOV") || has("COP") || has("SPY") || has("JUD") {
        return Some(1);
    }
    if has("OPP") {
        return Some(if protest { 6 } else { 3 });
    }
    if has("CVL") || has("REF") || has("MED") || has("NGO") || has("EDU") || has("HLH") {
        return Some(if protest { 6 } else { 7 });
    }
    None
}

fn time_precision(e: &StoredEvent) -> u8 {
    if e.date_from_report {
        return 2;
    }
    match e.event.date.as_ref().map(|d| d.precision.as_str()) {
        Some("day") => 1,
        Some("week") => 2,
        _ => 3,
    }
}

fn fmt_f(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.4}")).unwrap_or_default()
}

struct AcledCsv<'w> {
    out: Box<dyn Write + 'w>,
    /// Rows in order (later copies merged into the first): (fields, fatalities, sources).
    rows: Vec<(Vec<String>, Option<u64>, Vec<String>)>,
    groups: HashMap<(String, String, Option<String>, String), usize>,
}

impl Sink for AcledCsv<'_> {
    fn write(&mut self, e: &StoredEvent) -> Result<()> {
        let ev = &e.event;
        let place = ev.location.first();
        let fatalities = ev
            .quantities
            .iter()
            .filter(|q| q.what == "killed")
            .map(|q| q.value)
            .min();
        let outlet = e.outlet.clone().unwrap_or_else(|| e.report_id.clone());
        let key = (
            e.story_id.clone(),
            ev.plover.as_str().to_string(),
            e.date.clone(),
            place.map(|p| p.name.to_lowercase()).unwrap_or_default(),
        );
        if let Some(&i) = self.groups.get(&key) {
            let row = &mut self.rows[i];
            row.1 = match (row.1, fatalities) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if !row.2.contains(&outlet) {
                row.2.push(outlet);
            }
            return Ok(());
        }
        let protest = ev.plover == raqib_core::Plover::Protest;
        let alpha3 = place
            .and_then(|p| p.country.clone())
            .or_else(|| {
                ev.source
                    .first()
                    .and_then(|a| a.code.get(..3).map(str::to_string))
            })
            .unwrap_or_else(|| "XXX".into())
            .to_ascii_uppercase();
        let c = country(&alpha3);
        let i1 = ev.source.first().and_then(|a| inter(&a.code, protest));
        let i2 = ev.target.first().and_then(|a| inter(&a.code, protest));
        let interaction = match (i1, i2) {
            (Some(a), Some(b)) => format!("{}{}", a.min(b), a.max(b)),
            (Some(a), None) | (None, Some(a)) => format!("{a}0"),
            (None, None) => String::new(),
        };
        let names = |v: &[raqib_core::Actor]| {
            v.iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let date = e.date.clone().unwrap_or_default();
        let fields = vec![
            format!("{alpha3}{}", e.key),
            date.clone(),
            date.get(..4).unwrap_or("").to_string(),
            time_precision(e).to_string(),
            ev.acled.event_type.clone(),
            ev.acled.sub_event_type.clone(),
            ev.source
                .first()
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            names(ev.source.get(1..).unwrap_or(&[])),
            i1.map(|v| v.to_string()).unwrap_or_default(),
            ev.target
                .first()
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            names(ev.target.get(1..).unwrap_or(&[])),
            i2.map(|v| v.to_string()).unwrap_or_default(),
            interaction,
            c.map(|c| c.1.to_string()).unwrap_or_default(),
            c.map(|c| c.3.to_string()).unwrap_or_default(),
            c.map(|c| c.2.to_string()).unwrap_or(alpha3.clone()),
            place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
            place.and_then(|p| p.admin2.clone()).unwrap_or_default(),
            place.map(|p| p.name.clone()).unwrap_or_default(),
            fmt_f(place.and_then(|p| p.lat)),
            fmt_f(place.and_then(|p| p.lon)),
            place.map(|p| p.precision.to_string()).unwrap_or_default(),
            String::new(), // source: filled at finish
            String::new(), // source_scale: not known to raqib
            ev.evidence.text.clone(),
            String::new(), // fatalities: filled at finish
        ];
        self.groups.insert(key, self.rows.len());
        self.rows.push((fields, fatalities, vec![outlet]));
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64> {
        let mut w = csv::Writer::from_writer(&mut self.out);
        let csv_err = |e: csv::Error| -> Error {
            Error::from(crate::ErrorKind::Io {
                context: IO.into(),
                source: std::io::Error::other(e),
            })
        };
        w.write_record(ACLED_COLUMNS).map_err(csv_err)?;
        // ACLED files run oldest first.
        self.rows.sort_by(|a, b| a.0[1].cmp(&b.0[1]));
        let n = self.rows.len() as u64;
        for (mut fields, fat, mut sources) in std::mem::take(&mut self.rows) {
            sources.sort();
            fields[22] = sources.join("; ");
            fields[25] = fat.unwrap_or(0).to_string();
            w.write_record(&fields).map_err(csv_err)?;
        }
        w.flush().ctx(IO)?;
        drop(w);
        self.out.flush().ctx(IO)?;
        Ok(n)
    }
}

struct GeoJson<'w> {
    out: Box<dyn Write + 'w>,
    n: u64,
    started: bool,
}

impl GeoJson<'_> {
    fn start(&mut self) -> Result<()> {
        if !self.started {
            self.out
                .write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")
                .ctx(IO)?;
            self.started = true;
        }
        Ok(())
    }
}

impl Sink for GeoJson<'_> {
    fn write(&mut self, e: &StoredEvent) -> Result<()> {
        self.start()?;
        let ev = &e.event;
        let Some(p) = ev
            .location
            .iter()
            .find(|p| p.lat.is_some() && p.lon.is_some())
        else {
            return Ok(());
        };
        let (Some(lat), Some(lon)) = (p.lat, p.lon) else {
            return Ok(());
        };
        if !lat.is_finite() || !lon.is_finite() {
            return Ok(());
        }
        let codes = |v: &[raqib_core::Actor]| v.iter().map(|a| a.code.clone()).collect::<Vec<_>>();
        let f = json!({
            "type": "Feature",
            "id": ev.id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "event_id": ev.id,
                "report_id": e.report_id,
                "story_id": e.story_id,
                "date": e.date,
                "plover": ev.plover.as_str(),
                "mode": ev.mode,
                "cameo": ev.cameo,
                "acled_event_type": ev.acled.event_type,
                "acled_sub_event_type": ev.acled.sub_event_type,
                "status": ev.status.as_str(),
                "source": codes(&ev.source),
                "target": codes(&ev.target),
                "place": p.name,
                "admin1": p.admin1,
                "country": p.country,
                "geo_precision": p.precision,
                "fatalities": ev.quantities.iter().filter(|q| q.what == "killed").map(|q| q.value).min(),
                "confidence": ev.confidence,
                "review": e.review.as_str(),
                "outlet": e.outlet,
                "url": e.url,
            }
        });
        if self.n > 0 {
            self.out.write_all(b",\n").ctx(IO)?;
        }
        serde_json::to_writer(&mut self.out, &f).ctx(IO)?;
        self.n += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64> {
        self.start()?;
        self.out.write_all(b"\n]}\n").ctx(IO)?;
        self.out.flush().ctx(IO)?;
        Ok(self.n)
    }
}

/// Phoenix TSV columns.
pub const PHOENIX_COLUMNS: [&str; 13] = [
    "date",
    "source",
    "target",
    "cameo",
    "root_code",
    "quad_class",
    "goldstein",
    "lat",
    "lon",
    "place",
    "url",
    "report_id",
    "event_id",
];

/// CAMEO quad class of a root code: 1 verbal cooperation (01–05), 2 material cooperation
/// (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20).
pub fn quad_class(root: u8) -> Option<u8> {
    match root {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

struct Phoenix<'w> {
    out: Box<dyn Write + 'w>,
    n: u64,
    header: bool,
}

impl Sink for Phoenix<'_> {
    fn write(&mut self, e: &StoredEvent) -> Result<()> {
        if !self.header {
            writeln!(self.out, "{}", PHOENIX_COLUMNS.join("\t")).ctx(IO)?;
            self.header = true;
        }
        let ev = &e.event;
        let root = ev.cameo.get(..2).unwrap_or("");
        let quad = root.parse::<u8>().ok().and_then(quad_class);
        let place = ev.location.first();
        let code = |v: &[raqib_core::Actor]| v.first().map(|a| a.code.clone()).unwrap_or_default();
        let fields = [
            e.date.as_deref().unwrap_or("").replace('-', ""),
            code(&ev.source),
            code(&ev.target),
            ev.cameo.clone(),
            root.to_string(),
            quad.map(|q| q.to_string()).unwrap_or_default(),
            String::new(),
            fmt_f(place.and_then(|p| p.lat)),
            fmt_f(place.and_then(|p| p.lon)),
            place.map(|p| p.name.clone()).unwrap_or_default(),
            e.url.clone().unwrap_or_default(),
            e.report_id.clone(),
            ev.id.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| tsv(f)).collect();
        writeln!(self.out, "{}", line.join("\t")).ctx(IO)?;
        self.n += 1;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<u64> {
        if !self.header {
            writeln!(self.out, "{}", PHOENIX_COLUMNS.join("\t")).ctx(IO)?;
        }
        self.out.flush().ctx(IO)?;
        Ok(self.n)
    }
}

struct Plover<'w> {
    out: Box<dyn Write + 'w>,
    n: u64,
}

impl Sink for Plover<'_> {
    fn write(&mut self, e: &StoredEvent) -> Result<()> {
        let ev = &e.event;
        let p = ev.location.first();
        let first = |v: &[raqib_core::Actor]| v.first().cloned();
        let (a, r) = (first(&ev.source), first(&ev.target));
        let v = json!({
            "event_id": ev.id,
            "story_id": e.story_id,
            "report_id": e.report_id,
            "event_date": e.date,
            "story_date": e.report_date,
            "event_type": ev.plover.as_str(),
            "event_mode": ev.mode,
            "event_text": ev.evidence.text,
            "publisher": e.outlet,
            "url": e.url,
            "actor": a.as_ref().map(|x| &x.name),
            "actor_code": a.as_ref().map(|x| &x.code),
            "actor_country": a.as_ref().and_then(|x| x.code.get(..3)),
            "actor_id": a.as_ref().and_then(|x| x.id.as_ref()),
            "recipient": r.as_ref().map(|x| &x.name),
            "recipient_code": r.as_ref().map(|x| &x.code),
            "recipient_country": r.as_ref().and_then(|x| x.code.get(..3)),
            "recipient_id": r.as_ref().and_then(|x| x.id.as_ref()),
            "place_name": p.map(|p| &p.name),
            "admin1": p.and_then(|p| p.admin1.as_ref()),
            "country": p.and_then(|p| p.country.as_ref()),
            "latitude": p.and_then(|p| p.lat),
            "longitude": p.and_then(|p| p.lon),
            "geo_precision": p.map(|p| p.precision),
            "status": ev.status.as_str(),
            "attribution": ev.attribution.iter().map(|x| &x.name).collect::<Vec<_>>(),
            "denied_by": ev.denied_by.iter().map(|x| &x.name).collect::<Vec<_>>(),
            "cameo": ev.cameo,
            "fatalities": ev.quantities.iter().filter(|q| q.what == "killed").map(|q| q.value).min(),
            "confidence": ev.confidence,
            "review": e.review.as_str(),
        });
        serde_json::to_writer(&mut self.out, &v).ctx(IO)?;
        self.out.write_all(b"\n").ctx(IO)?;
        self.n += 1;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<u64> {
        self.out.flush().ctx(IO)?;
        Ok(self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inter_codes_follow_acled() {
        assert_eq!(inter("SYRGOVMIL", false), Some(1));
        assert_eq!(inter("SYRREB", false), Some(2));
        assert_eq!(inter("SYRCVL", false), Some(7));
        assert_eq!(inter("SYRCVL", true), Some(6));
        assert_eq!(inter("IGO", false), Some(8));
        assert_eq!(inter("SYR", false), None);
    }

    #[test]
    fn parquet_is_refused_unless_built_in() {
        let r = Format::parse("parquet");
        if cfg!(feature = "parquet") {
            assert_eq!(r.unwrap(), Format::Parquet);
        } else {
            let e = r.unwrap_err().to_string();
            assert!(e.contains("--features parquet"), "{e}");
        }
    }

    #[test]
    fn quad_classes() {
        assert_eq!(quad_class(4), Some(1));
        assert_eq!(quad_class(7), Some(2));
        assert_eq!(quad_class(11), Some(3));
        assert_eq!(quad_class(19), Some(4));
    }
}
