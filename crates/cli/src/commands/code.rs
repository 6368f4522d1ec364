//! `raqib code`: reports in, coded-report JSONL out.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use rayon::prelude::*;

use crate::input::{self, Item, ReadOptions, Reader};

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files, HTML files, directories or JSONL files; none or `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Write here instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Report date (YYYY-MM-DD) for plain-text input; anchors relative dates.
    #[arg(long)]
    pub date: Option<String>,
    /// Report id for a single plain-text input (default: file name up to its first dot).
    #[arg(long)]
    pub id: Option<String>,
    /// Outlet name for plain-text input.
    #[arg(long)]
    pub source: Option<String>,
    /// Language of plain-text input (`ar`, `en`); detected when absent.
    #[arg(long)]
    pub lang: Option<String>,
    /// Treat plain files as HTML (HTML is also detected by extension and content).
    #[arg(long)]
    pub html: bool,
    /// Replace invalid UTF-8 instead of refusing the report.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse reports larger than this many bytes.
    #[arg(long, default_value_t = 4 * 1024 * 1024)]
    pub max_bytes: usize,
    /// Add sentences and, per sentence, the triggers, arguments and frames behind each event.
    #[arg(long)]
    pub explain: bool,
    /// Worker threads (default: all cores); output keeps input order.
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
    /// Write reports that failed to read or code as JSON lines with their reason instead of
    /// only reporting them on standard error.
    #[arg(long)]
    pub keep_failed: bool,
}

impl Args {
    pub(crate) fn read_options(&self) -> anyhow::Result<ReadOptions> {
        if let Some(d) = &self.date {
            raqib_lexicon::dates::parse_iso(d)
                .with_context(|| format!("--date {d:?} is not a date of the form YYYY-MM-DD"))?;
        }
        if self.max_bytes == 0 {
            anyhow::bail!("--max-bytes must be above 0");
        }
        Ok(ReadOptions {
            max_bytes: self.max_bytes,
            lossy: self.lossy,
            html: self.html,
            id: self.id.clone(),
            date: self.date.clone(),
            source: self.source.clone(),
            lang: self.lang.clone(),
        })
    }
}

/// Code every input; exit status 1 when some report failed, 0 otherwise.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let opts = args.read_options()?;
    let files = input::expand(&args.paths).context("cannot list the input paths")?;
    let lexicon = raqib_lexicon::Lexicon::shared().context("cannot load the lexicon")?;
    let coder = raqib_extract::Coder::new(Arc::clone(&lexicon));
    let code_opts = raqib_extract::CodeOptions {
        explain: args.explain,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let progress = io::stderr().is_terminal();
    let mut reader = Reader::new(files, opts);
    let (mut done, mut failed) = (0usize, 0usize);
    loop {
        let chunk: Vec<Item> = reader.next_chunk(256);
        if chunk.is_empty() {
            break;
        }
        let results: Vec<Result<String, String>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|item| code_item(&coder, &code_opts, item))
                .collect()
        });
        for (item, r) in chunk.iter().zip(results) {
            done += 1;
            match r {
                Ok(line) => {
                    out.write_all(line.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("raqib: {e}");
                    if args.keep_failed {
                        let v = serde_json::json!({
                            "id": item.report.as_ref().ok().and_then(|r| r.id.clone()),
                            "origin": item.origin.to_string(),
                            "error": e,
                        });
                        writeln!(out, "{v}")?;
                    }
                }
            }
        }
        if progress {
            eprint!("\rraqib: {done} reports coded, {failed} failed");
        }
    }
    out.flush()?;
    if progress {
        eprintln!();
    }
    if failed > 0 {
        eprintln!("raqib: {failed} of {done} reports could not be coded");
        return Ok(1);
    }
    Ok(0)
}

fn code_item(
    coder: &raqib_extract::Coder,
    opts: &raqib_extract::CodeOptions,
    item: &Item,
) -> Result<String, String> {
    let input = item.report.as_ref().map_err(|e| e.clone())?;
    let report = coder
        .code(input, opts)
        .map_err(|e| format!("{}: {e}", item.origin))?;
    serde_json::to_string(&report).map_err(|e| format!("{}: {e}", item.origin))
}
