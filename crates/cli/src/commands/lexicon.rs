//! `raqib lexicon`: validate the lexicon data (`check`) and show what the matcher finds in a
//! text (`find`, a debugging aid).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use raqib_core::CharIndex;
use raqib_lexicon::{EntryRef, Lexicon};

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Validate the lexicon (ids, codes, dates, roles, aliases, places) and print its counts
    /// and load time; exit status 1 when an error-severity problem is found.
    Check(CheckArgs),
    /// Show the actor and place mentions the lexicon's matcher finds in a text.
    Find(FindArgs),
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// A data directory laid out like `data/` (`lexicon/**.toml`, `gazetteer/*.tsv`) instead
    /// of the lexicon embedded in the binary.
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// Print only the problems and the summary line, not the counts.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
struct FindArgs {
    /// The text (several arguments are joined by spaces); `-` or nothing reads standard input.
    text: Vec<String>,
    /// A data directory laid out like `data/` instead of the embedded lexicon.
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// Date (YYYY-MM-DD) at which actors' codes are shown (codes over time).
    #[arg(long)]
    date: Option<String>,
    /// One JSON object per mention instead of text lines.
    #[arg(long)]
    json: bool,
}

/// Run `raqib lexicon …`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    match args.command {
        Sub::Check(a) => check(a),
        Sub::Find(a) => find(a),
    }
}

/// Load the lexicon the user asked for; also returns what it is and how long it took.
fn load(dir: Option<&PathBuf>) -> anyhow::Result<(Lexicon, String, f64)> {
    let t0 = Instant::now();
    let (lex, what) = match dir {
        Some(d) => (
            Lexicon::from_dir(d)
                .with_context(|| format!("cannot load the lexicon from {}", d.display()))?,
            d.display().to_string(),
        ),
        None => (
            Lexicon::embedded().context("cannot load the embedded lexicon")?,
            "embedded".to_string(),
        ),
    };
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    Ok((lex, what, ms))
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let (lex, what, ms) = load(args.lexicon.as_ref())?;
    let t0 = Instant::now();
    let problems = raqib_lexicon::check::check(&lex);
    let check_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let named = lex
        .actors
        .iter()
        .filter(|a| a.kind != raqib_lexicon::ActorKind::Generic)
        .count();
    println!(
        "lexicon {} ({what}): {} actors ({named} named, {} generic), {} places, {} patterns; \
         loaded in {ms:.1} ms, checked in {check_ms:.1} ms",
        lex.version,
        lex.actors.len(),
        lex.actors.len() - named,
        lex.places.len(),
        lex.matcher().len(),
    );
    if !args.quiet {
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for a in &lex.actors {
            *kinds.entry(a.kind.as_str()).or_default() += 1;
        }
        println!("actors by kind:");
        print_counts(kinds, usize::MAX);
        let mut countries: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &lex.places {
            *countries.entry(p.country.as_str()).or_default() += 1;
        }
        println!("places by country ({} countries):", countries.len());
        print_counts(countries, 24);
    }
    let errors = problems.iter().filter(|p| p.severity == "error").count();
    let warnings = problems.len() - errors;
    for p in &problems {
        println!("{}: {}: {}", p.severity, p.file, p.message);
    }
    println!("{errors} errors, {warnings} warnings");
    Ok(if errors > 0 { 1 } else { 0 })
}

/// Counts, largest first, several to a line; past `limit` entries, one summary line.
fn print_counts(counts: BTreeMap<&str, usize>, limit: usize) {
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rest: Vec<(&str, usize)> = v.split_off(limit.min(v.len()));
    for row in v.chunks(8) {
        let cells: Vec<String> = row
            .iter()
            .map(|(k, n)| format!("{} {n}", if k.is_empty() { "(none)" } else { k }))
            .collect();
        println!("  {}", cells.join(", "));
    }
    if !rest.is_empty() {
        println!(
            "  ... {} more with {} in all",
            rest.len(),
            rest.iter().map(|(_, n)| n).sum::<usize>()
        );
    }
}

fn find(args: FindArgs) -> anyhow::Result<u8> {
    if let Some(d) = &args.date {
        raqib_lexicon::dates::parse_iso(d)
            .with_context(|| format!("--date {d:?} is not a date of the form YYYY-MM-DD"))?;
    }
    let text = if args.text.is_empty() || args.text == ["-"] {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read standard input as UTF-8 text")?;
        s
    } else {
        args.text.join(" ")
    };
    let (lex, _, _) = load(args.lexicon.as_ref())?;
    let doc = raqib_text::analyze(&text, &raqib_text::Options::default());
    let idx = CharIndex::new(&text);
    let mentions = lex.find_all(&doc);
    for m in &mentions {
        let span = idx.span(m.span);
        let surface = m.span.slice(&text);
        if args.json {
            let entries: Vec<serde_json::Value> = m
                .entries
                .iter()
                .map(|e| entry_json(&lex, *e, args.date.as_deref()))
                .collect();
            let v = serde_json::json!({
                "text": surface,
                "span": [span.start, span.end],
                "entries": entries,
            });
            println!("{v}");
        } else {
            let entries: Vec<String> = m
                .entries
                .iter()
                .map(|e| entry_line(&lex, *e, args.date.as_deref()))
                .collect();
            println!(
                "[{}, {}) {surface:?}: {}",
                span.start,
                span.end,
                entries.join(" | ")
            );
        }
    }
    if !args.json {
        println!("{} mentions", mentions.len());
    }
    Ok(0)
}

fn entry_line(lex: &Lexicon, e: EntryRef, date: Option<&str>) -> String {
    match e {
        EntryRef::Actor(i) => {
            let a = lex.actor_at(i);
            format!(
                "actor {} {} {:?} ({})",
                a.id,
                a.code_on(date),
                a.name,
                a.kind.as_str()
            )
        }
        EntryRef::Place(i) => {
            let p = lex.place_at(i);
            let admin1 = if p.admin1.is_empty() {
                String::new()
            } else {
                format!(", {}", p.admin1)
            };
            format!(
                "place {} {:?} ({}{admin1}, {})",
                p.id, p.name, p.country, p.feature
            )
        }
        EntryRef::Other(i) => format!("other {i}"),
    }
}

fn entry_json(lex: &Lexicon, e: EntryRef, date: Option<&str>) -> serde_json::Value {
    match e {
        EntryRef::Actor(i) => {
            let a = lex.actor_at(i);
            serde_json::json!({
                "type": "actor",
                "id": a.id,
                "name": a.name,
                "code": a.code_on(date),
                "kind": a.kind.as_str(),
                "country": a.country,
            })
        }
        EntryRef::Place(i) => {
            let p = lex.place_at(i);
            serde_json::json!({
                "type": "place",
                "id": p.id,
                "name": p.name,
                "country": p.country,
                "admin1": p.admin1,
                "feature": p.feature,
                "lat": p.lat,
                "lon": p.lon,
            })
        }
        EntryRef::Other(i) => serde_json::json!({"type": "other", "index": i}),
    }
}
