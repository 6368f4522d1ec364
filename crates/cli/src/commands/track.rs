//! `raqib track`: what the stored reports say together (`spec/tracking.md`): incidents told
//! by several reports, agreements through their life, evacuations batch by batch.
//!
//! The picture is rebuilt from the store's current reports on each call
//! ([`raqib_track::Tracker::from_reports`]); the same reports in any order give the same
//! picture.

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::Context;
use raqib_core::track::{Incident, TrackedAgreement, TrackedEvacuation};
use raqib_core::{Actor, DateRef, Place, Quantity};
use raqib_track::{Explanation, Tracker};

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
    /// The store: a SQLite file or a `postgres://…` URL.
    #[arg(long, global = true, default_value = raqib_store::DEFAULT_PATH)]
    db: String,
    /// `table` (default on a terminal) or `jsonl`.
    #[arg(long, global = true)]
    format: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// One real-world event per line, as every report tells it.
    Incidents,
    /// One agreement per line, with its status history.
    Agreements,
    /// One evacuation operation per line, batch by batch.
    Evacuations,
    /// Why an incident holds its versions, and why nearby events are not in it.
    Explain {
        /// The incident id (`inc-…`).
        incident: String,
    },
}

/// Run it.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let table = match args.format.as_deref() {
        None => io::stdout().is_terminal(),
        Some("table") => true,
        Some("jsonl") => false,
        Some(f) => anyhow::bail!("--format {f:?}: expected table or jsonl"),
    };
    let store = raqib_store::open(&args.db).with_context(|| {
        if raqib_store::is_postgres_url(&args.db) {
            "cannot open the PostgreSQL store".to_string()
        } else {
            format!("cannot open the store {}", args.db)
        }
    })?;
    let reports = store.reports().context("cannot read the stored reports")?;
    let tracker = Tracker::build(reports);
    let mut out = BufWriter::new(io::stdout().lock());
    match args.what {
        What::Incidents => {
            for i in tracker.incidents() {
                if table {
                    incident_table(&mut out, &i)?;
                } else {
                    writeln!(out, "{}", serde_json::to_string(&i)?)?;
                }
            }
        }
        What::Agreements => {
            for a in tracker.agreements() {
                if table {
                    agreement_table(&mut out, &a)?;
                } else {
                    writeln!(out, "{}", serde_json::to_string(&a)?)?;
                }
            }
        }
        What::Evacuations => {
            for e in tracker.evacuations() {
                if table {
                    evacuation_table(&mut out, &e)?;
                } else {
                    writeln!(out, "{}", serde_json::to_string(&e)?)?;
                }
            }
        }
        What::Explain { incident } => match tracker.explain(&incident) {
            None => {
                out.flush()?;
                eprintln!("raqib: no incident {incident:?} in {}", args.db);
                return Ok(1);
            }
            Some(x) if table => explain_table(&mut out, &x)?,
            Some(x) => writeln!(out, "{}", serde_json::to_string(&x)?)?,
        },
    }
    out.flush()?;
    Ok(0)
}

fn codes(v: &[Actor]) -> String {
    if v.is_empty() {
        return "-".into();
    }
    let mut c: Vec<&str> = Vec::new();
    for a in v {
        if !c.contains(&a.code.as_str()) {
            c.push(a.code.as_str());
        }
    }
    c.join(",")
}

fn places(v: &[Place]) -> String {
    if v.is_empty() {
        return "-".into();
    }
    v.iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn date(d: Option<&DateRef>) -> String {
    match d.and_then(|d| d.value.as_deref()) {
        Some(v) if d.is_some_and(|d| d.inferred) => format!("{v}~"),
        Some(v) => v.to_string(),
        None => "?".into(),
    }
}

fn qty(q: Option<&Quantity>) -> String {
    match q {
        None => "-".into(),
        Some(q) => format!(
            "{}{}{}",
            if q.approx { "~" } else { "" },
            if q.at_least { ">" } else { "" },
            q.value
        ),
    }
}

fn incident_table(out: &mut impl Write, i: &Incident) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}  {:<9} source {}  target {}  at {}  claimed by {}  denied by {}",
        i.id,
        date(i.date.as_ref()),
        i.plover.as_str(),
        codes(&i.source),
        codes(&i.target),
        places(&i.location),
        codes(&i.claimed_by),
        codes(&i.denied_by),
    )?;
    for v in &i.versions {
        let qs: Vec<String> = v
            .quantities
            .iter()
            .map(|q| format!("{} {}", q.what, qty(Some(q))))
            .collect();
        writeln!(
            out,
            "    {}  {}  {:<9} {}  said by {}{}{}",
            v.report,
            date(v.date.as_ref()),
            v.status.as_str(),
            v.event,
            codes(&v.attribution),
            if v.denied_by.is_empty() {
                String::new()
            } else {
                format!("  denied by {}", codes(&v.denied_by))
            },
            if qs.is_empty() {
                String::new()
            } else {
                format!("  [{}]", qs.join(", "))
            },
        )?;
    }
    Ok(())
}

fn agreement_table(out: &mut impl Write, a: &TrackedAgreement) -> io::Result<()> {
    writeln!(
        out,
        "{}  {:<12} parties {}  mediators {}  at {}  terms {}",
        a.id,
        a.status,
        codes(&a.parties),
        codes(&a.mediators),
        places(&a.location),
        if a.terms.is_empty() {
            "-".to_string()
        } else {
            a.terms.join(",")
        },
    )?;
    for h in &a.history {
        writeln!(
            out,
            "    {}  {:<12} {}  claimed by {}{}",
            date(h.date.as_ref()),
            h.status,
            h.report,
            codes(&h.claimed_by),
            if h.denied_by.is_empty() {
                String::new()
            } else {
                format!("  denied by {}", codes(&h.denied_by))
            },
        )?;
    }
    Ok(())
}

fn evacuation_table(out: &mut impl Write, e: &TrackedEvacuation) -> io::Result<()> {
    writeln!(
        out,
        "{}  {:<10} group {}  from {}  to {}",
        e.id,
        e.status,
        codes(&e.group),
        places(&e.origin),
        places(&e.destinations),
    )?;
    for s in &e.status_history {
        writeln!(
            out,
            "    {}  {:<10} {}",
            date(s.date.as_ref()),
            s.status,
            s.report
        )?;
    }
    for b in &e.batches {
        writeln!(
            out,
            "    batch {}  {}  {}",
            b.ordinal,
            b.status,
            date(b.date.as_ref())
        )?;
        for v in &b.versions {
            writeln!(
                out,
                "        {}  {}  {}  people {}  fighters {}  buses {}  from {}",
                v.report,
                v.status,
                date(v.date.as_ref()),
                qty(v.people.as_ref()),
                qty(v.fighters.as_ref()),
                qty(v.buses.as_ref()),
                codes(&v.source),
            )?;
        }
    }
    for t in &e.totals {
        writeln!(
            out,
            "    total {} by {}  {}  from {}",
            qty(Some(&t.people)),
            date(t.date.as_ref()),
            t.report,
            codes(&t.source),
        )?;
    }
    Ok(())
}

fn explain_table(out: &mut impl Write, x: &Explanation) -> io::Result<()> {
    writeln!(out, "incident {}", x.incident)?;
    for v in &x.versions {
        writeln!(out, "  {} {}", v.report, v.event)?;
        writeln!(out, "    {}", v.summary)?;
        for l in &v.links {
            writeln!(
                out,
                "    with {} {} (score {}):",
                l.report, l.event, l.score
            )?;
            for r in &l.reasons {
                writeln!(out, "      {r}")?;
            }
        }
    }
    if !x.not_linked.is_empty() {
        writeln!(out, "not linked:")?;
        for n in &x.not_linked {
            writeln!(
                out,
                "  {} {}{}",
                n.report,
                n.event,
                n.incident
                    .as_ref()
                    .map(|i| format!(" (in {i})"))
                    .unwrap_or_default()
            )?;
            writeln!(out, "    {}", n.summary)?;
            for r in &n.reasons {
                writeln!(out, "    {r}")?;
            }
        }
    }
    Ok(())
}
