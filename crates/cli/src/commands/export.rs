//! `raqib export`: events from the store as ACLED CSV, JSONL, GeoJSON, Phoenix TSV, PLOVER
//! JSON lines, or Parquet (with the `parquet` cargo feature).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use raqib_store::export::{self, Format};

use super::ingest::DbArgs;
use super::query::FilterArgs;

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    /// csv (ACLED columns), jsonl, geojson, phoenix (CAMEO TSV), plover (POLECAT-style), or
    /// parquet (when built with `--features parquet`).
    #[arg(long)]
    pub format: String,
    /// Write here instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Export the matching events.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let format = Format::parse(&args.format).map_err(|e| anyhow::anyhow!("--format: {e}"))?;
    let filter = args.filter.filter()?;
    let store = args.db.open()?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let n = export::export(&*store, &filter, format, &mut out).context("cannot export")?;
    out.flush()?;
    if let Some(p) = &args.output {
        eprintln!("raqib: wrote {n} records to {}", p.display());
    }
    Ok(0)
}
