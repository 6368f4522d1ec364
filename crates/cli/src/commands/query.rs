//! `raqib query`: events from the store, filtered, as a table or JSONL.

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::Context;
use raqib_store::{Filter, Near, Page, ReviewState, StoredEvent};

use super::ingest::DbArgs;

/// Filter flags shared by `query` and `export`.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// First day (YYYY-MM-DD), inclusive: the event's date, else its report's.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// PLOVER event type (ASSAULT, PROTEST...).
    #[arg(long)]
    pub plover: Option<String>,
    /// CAMEO code prefix (19, 195...).
    #[arg(long)]
    pub cameo: Option<String>,
    /// ACLED event type or sub-event type.
    #[arg(long)]
    pub acled: Option<String>,
    /// Actor id, or actor code prefix (SYRREB, RUS...).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only match --actor in this role: source, target, attribution, denier.
    #[arg(long, requires = "actor")]
    pub role: Option<String>,
    /// Place name, admin1, admin2 or place id.
    #[arg(long)]
    pub place: Option<String>,
    /// Events near LAT,LON (with --km).
    #[arg(long, value_name = "LAT,LON")]
    pub near: Option<String>,
    /// Radius for --near, in km.
    #[arg(long, default_value_t = 25.0)]
    pub km: f64,
    /// Event status: asserted, claimed, disputed, intended, stalled, negated.
    #[arg(long)]
    pub status: Option<String>,
    /// Outlet name or id.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Review state: auto, reviewed, published, rejected.
    #[arg(long)]
    pub review: Option<String>,
    /// Only events of this report id.
    #[arg(long)]
    pub report: Option<String>,
    /// Only events of reports of this story.
    #[arg(long)]
    pub story: Option<String>,
    /// Only main events.
    #[arg(long)]
    pub main: bool,
    /// Include events of superseded report versions.
    #[arg(long)]
    pub all_versions: bool,
}

impl FilterArgs {
    /// Check every flag and build the store's filter; all bad values are reported at once.
    pub(crate) fn filter(&self) -> anyhow::Result<Filter> {
        let mut errors = Vec::new();
        let near = match &self.near {
            None => None,
            Some(s) => {
                let parts: Vec<Option<f64>> =
                    s.split(',').map(|p| p.trim().parse::<f64>().ok()).collect();
                match parts.as_slice() {
                    [Some(lat), Some(lon)] => Some(Near {
                        lat: *lat,
                        lon: *lon,
                        km: self.km,
                    }),
                    _ => {
                        errors.push(format!("--near {s:?}: expected LAT,LON (e.g. 33.57,36.40)"));
                        None
                    }
                }
            }
        };
        if let Some(p) = &self.plover {
            if raqib_core::Plover::parse(p).is_none() {
                errors.push(format!("--plover {p:?} is not a PLOVER event type"));
            }
        }
        if let Some(s) = &self.status {
            if raqib_core::Status::parse(&s.to_ascii_lowercase()).is_none() {
                errors.push(format!(
                    "--status {s:?}: expected asserted, claimed, disputed, intended, stalled or negated"
                ));
            }
        }
        let review = match &self.review {
            None => None,
            Some(s) => match ReviewState::parse(s) {
                Some(r) => Some(r),
                None => {
                    errors.push(format!(
                        "--review {s:?}: expected auto, reviewed, published or rejected"
                    ));
                    None
                }
            },
        };
        for (flag, v) in [("--from", &self.from), ("--to", &self.to)] {
            if let Some(d) = v {
                if raqib_lexicon::dates::parse_iso(d).is_none() {
                    errors.push(format!("{flag} {d:?} is not a date of the form YYYY-MM-DD"));
                }
            }
        }
        if !errors.is_empty() {
            anyhow::bail!("{}", errors.join("; "));
        }
        Ok(Filter {
            from: self.from.clone(),
            to: self.to.clone(),
            plover: self.plover.clone(),
            cameo: self.cameo.clone(),
            acled: self.acled.clone(),
            actor: self.actor.clone(),
            actor_role: self.role.clone(),
            place: self.place.clone(),
            near,
            status: self.status.clone(),
            outlet: self.outlet.clone(),
            review,
            report: self.report.clone(),
            story: self.story.clone(),
            main_only: self.main,
            include_superseded: self.all_versions,
        })
    }
}

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// `table` (default on a terminal) or `jsonl`.
    #[arg(long)]
    pub format: Option<String>,
    /// At most this many events.
    #[arg(long, default_value_t = 50)]
    pub limit: u64,
    /// Skip this many first.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Print only the number of matching events.
    #[arg(long, conflicts_with = "by_day")]
    pub count: bool,
    /// Print the number of matching events per day.
    #[arg(long)]
    pub by_day: bool,
}

/// Run the query.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let filter = args.filter.filter()?;
    let table = match args.format.as_deref() {
        None => io::stdout().is_terminal(),
        Some("table") => true,
        Some("jsonl") => false,
        Some(f) => anyhow::bail!("--format {f:?}: expected table or jsonl"),
    };
    let store = args.db.open()?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.count {
        writeln!(out, "{}", store.count(&filter).context("cannot count")?)?;
        out.flush()?;
        return Ok(0);
    }
    if args.by_day {
        for (day, n) in store.count_by_day(&filter).context("cannot count")? {
            if table {
                writeln!(out, "{day}  {n}")?;
            } else {
                writeln!(out, "{}", serde_json::json!({"date": day, "events": n}))?;
            }
        }
        out.flush()?;
        return Ok(0);
    }
    let page = Page {
        limit: args.limit,
        offset: args.offset,
    };
    let events = store
        .query(&filter, &page)
        .context("cannot query the store")?;
    if table {
        write_table(&mut out, &events)?;
    } else {
        for e in &events {
            serde_json::to_writer(&mut out, e)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A readable table, one event per line.
pub(crate) fn write_table(out: &mut impl Write, events: &[StoredEvent]) -> io::Result<()> {
    let cols = [
        ("date", 10),
        ("event", 28),
        ("plover", 9),
        ("cameo", 5),
        ("status", 9),
        ("source", 14),
        ("target", 14),
        ("place", 16),
        ("outlet", 12),
        ("conf", 4),
        ("review", 9),
    ];
    let line = |vals: &[String]| -> String {
        vals.iter()
            .zip(cols)
            .map(|(v, (_, w))| {
                let v = cut(v, w);
                let pad = w.saturating_sub(v.chars().count());
                format!("{v}{}", " ".repeat(pad))
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let head: Vec<String> = cols.iter().map(|(h, _)| h.to_string()).collect();
    writeln!(out, "{}", line(&head))?;
    for e in events {
        let ev = &e.event;
        let codes = |v: &[raqib_core::Actor]| {
            v.iter()
                .map(|a| a.code.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut review = e.review.to_string();
        if !e.corrected.is_empty() {
            review.push('*');
        }
        let vals = [
            e.date.clone().unwrap_or_default(),
            ev.id.clone(),
            ev.plover.as_str().to_string(),
            ev.cameo.clone(),
            ev.status.as_str().to_string(),
            codes(&ev.source),
            codes(&ev.target),
            ev.location
                .first()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            e.outlet.clone().unwrap_or_default(),
            format!("{:.2}", ev.confidence),
            review,
        ];
        writeln!(out, "{}", line(&vals))?;
    }
    if events.is_empty() {
        writeln!(out, "(no events)")?;
    }
    Ok(())
}
