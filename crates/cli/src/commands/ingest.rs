//! `raqib ingest`: code reports and store them in one go (or store coded-report JSONL).
//!
//! Reading reuses [`crate::input`]: text, HTML, directories and JSONL, with the same flags as
//! `raqib code`. A JSONL line that already is a coded report (it has `events` and
//! `text_sha256`) is stored as it is; any other line is coded first. Reports are stored in
//! batches of `--batch`, one transaction each, so a killed run loses at most the batch in
//! flight and running it again completes the store (already stored reports are skipped).
//! Reports that cannot be read or coded go to the store's dead letters with the reason.

use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use raqib_core::{InputReport, Report};
use raqib_store::{EventStore, IngestStats};
use rayon::prelude::*;

use crate::input::{self, IngestLine, ReadOptions, Reader};

/// The store flag every storage command shares.
#[derive(Debug, Clone, clap::Args)]
pub struct DbArgs {
    /// The store: a SQLite file (created when missing) or a `postgres://…` URL.
    #[arg(long, global = true, default_value = raqib_store::DEFAULT_PATH)]
    pub db: String,
}

impl DbArgs {
    /// Open the store.
    pub(crate) fn open(&self) -> anyhow::Result<Box<dyn EventStore>> {
        raqib_store::open(&self.db).with_context(|| {
            if raqib_store::is_postgres_url(&self.db) {
                "cannot open the PostgreSQL store".to_string()
            } else {
                format!("cannot open the store {}", self.db)
            }
        })
    }
}

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files, HTML files, directories or JSONL files (raw or already coded); none or `-`
    /// reads standard input.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
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
    /// Worker threads for coding (default: all cores).
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
    /// Reports per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// One thing read: a coded report, a report to code, or a failure.
enum Work {
    /// A JSONL line not yet parsed (parsed by the workers, in parallel).
    Line {
        origin: String,
        text: String,
        /// Id of a line without one: file stem and line number.
        default_id: String,
    },
    Coded(Box<Report>),
    Raw {
        origin: String,
        report: Box<InputReport>,
    },
    Failed {
        origin: String,
        id: Option<String>,
        input: Option<String>,
        reason: String,
    },
}

/// Store every input; exit status 1 when some report failed, 0 otherwise.
pub fn run(args: Args) -> anyhow::Result<u8> {
    if let Some(d) = &args.date {
        raqib_lexicon::dates::parse_iso(d)
            .with_context(|| format!("--date {d:?} is not a date of the form YYYY-MM-DD"))?;
    }
    if args.max_bytes == 0 || args.batch == 0 {
        anyhow::bail!("--max-bytes and --batch must be above 0");
    }
    let opts = ReadOptions {
        max_bytes: args.max_bytes,
        lossy: args.lossy,
        html: args.html,
        id: args.id.clone(),
        date: args.date.clone(),
        source: args.source.clone(),
        lang: args.lang.clone(),
    };
    let files = input::expand(&args.paths).context("cannot list the input paths")?;
    let mut store = args.db.open()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let mut coder: Option<raqib_extract::Coder> = None;
    let code_opts = raqib_extract::CodeOptions::default();
    let progress = !args.quiet && io::stderr().is_terminal();
    let mut stats = IngestStats::default();
    let mut failed = 0usize;
    let mut source = Source::new(files, opts);
    loop {
        let chunk = source.next_chunk(args.batch);
        if chunk.is_empty() {
            break;
        }
        let needs_coder = |w: &Work| match w {
            Work::Raw { .. } => true,
            Work::Line { text, .. } => !input::looks_coded(text),
            _ => false,
        };
        if coder.is_none() && chunk.iter().any(needs_coder) {
            let lexicon = raqib_lexicon::Lexicon::shared().context("cannot load the lexicon")?;
            coder = Some(raqib_extract::Coder::new(Arc::clone(&lexicon)));
        }
        let code = |origin: String, report: Box<InputReport>| -> Work {
            let c = coder.as_ref().expect("coder loaded for raw reports");
            match c.code(&report, &code_opts) {
                Ok(r) if r.error.is_none() => Work::Coded(Box::new(r)),
                Ok(r) => Work::Failed {
                    reason: format!("{origin}: {}", r.error.unwrap_or_default()),
                    id: Some(r.id),
                    input: serde_json::to_string(&report).ok(),
                    origin,
                },
                Err(e) => Work::Failed {
                    reason: format!("{origin}: {e}"),
                    id: report.id.clone(),
                    input: serde_json::to_string(&report).ok(),
                    origin,
                },
            }
        };
        let done: Vec<Work> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|w| match w {
                    Work::Raw { origin, report } => code(origin, report),
                    Work::Line {
                        origin,
                        text,
                        default_id,
                    } => match classify(origin, text, default_id) {
                        Work::Raw { origin, report } => code(origin, report),
                        w => w,
                    },
                    w => w,
                })
                .collect()
        });
        let mut reports = Vec::with_capacity(done.len());
        let mut dead = Vec::new();
        for w in done {
            match w {
                Work::Coded(r) => reports.push(*r),
                Work::Failed {
                    origin,
                    id,
                    input,
                    reason,
                } => dead.push((origin, id, input, reason)),
                Work::Raw { .. } | Work::Line { .. } => unreachable!("coded above"),
            }
        }
        stats += store
            .ingest(&reports)
            .context("cannot store a batch of reports")?;
        for (origin, id, input, reason) in dead {
            failed += 1;
            if !args.quiet {
                eprintln!("raqib: {reason}");
            }
            store
                .dead_letter(id.as_deref(), &origin, input.as_deref(), &reason)
                .context("cannot store a dead letter")?;
        }
        if progress {
            eprint!(
                "\rraqib: {} new, {} revised, {} unchanged, {} events, {failed} failed",
                stats.new, stats.revised, stats.unchanged, stats.events
            );
        }
    }
    if progress {
        eprintln!();
    }
    if !args.quiet {
        eprintln!(
            "raqib: stored {} new reports and {} revisions ({} events, {} near-duplicates); \
             {} already stored; {failed} failed{}",
            stats.new,
            stats.revised,
            stats.events,
            stats.near_duplicates,
            stats.unchanged,
            if failed > 0 {
                " (kept as dead letters)"
            } else {
                ""
            }
        );
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// The inputs as [`Work`]: JSONL files are read here (a line may be a coded report); other
/// files go through [`crate::input::Reader`] as for `raqib code`.
struct Source {
    files: std::vec::IntoIter<PathBuf>,
    opts: ReadOptions,
    n_files: usize,
    jsonl: Option<Lines>,
    text: Option<Reader>,
}

impl Source {
    fn new(files: Vec<PathBuf>, opts: ReadOptions) -> Source {
        Source {
            n_files: files.len(),
            files: files.into_iter(),
            opts,
            jsonl: None,
            text: None,
        }
    }

    fn next_chunk(&mut self, n: usize) -> Vec<Work> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            match self.next() {
                Some(w) => out.push(w),
                None => break,
            }
        }
        out
    }

    fn next(&mut self) -> Option<Work> {
        loop {
            if let Some(l) = &mut self.jsonl {
                if let Some(w) = l.next() {
                    return Some(w);
                }
                self.jsonl = None;
            }
            if let Some(r) = &mut self.text {
                if let Some(item) = r.next() {
                    let origin = item.origin.to_string();
                    return Some(match item.report {
                        Ok(report) => Work::Raw {
                            origin,
                            report: Box::new(report),
                        },
                        Err(reason) => Work::Failed {
                            origin,
                            id: None,
                            input: None,
                            reason,
                        },
                    });
                }
                self.text = None;
            }
            let path = self.files.next()?;
            let is_stdin = path.as_os_str() == "-";
            if is_stdin {
                // Peek without consuming: standard input's buffer is shared by every handle.
                let jsonl = match io::stdin().lock().fill_buf() {
                    Ok(b) => b
                        .iter()
                        .find(|c| !c.is_ascii_whitespace())
                        .is_some_and(|&c| c == b'{'),
                    Err(_) => false,
                };
                if jsonl {
                    self.jsonl = Some(Lines::new(Box::new(io::stdin()), "<stdin>", &self.opts));
                    continue;
                }
            } else if is_jsonl(&path) {
                let name = path.display().to_string();
                match File::open(&path) {
                    Ok(f) => self.jsonl = Some(Lines::new(Box::new(f), &name, &self.opts)),
                    Err(e) => {
                        return Some(Work::Failed {
                            reason: format!("cannot open {name}: {e}"),
                            origin: name,
                            id: None,
                            input: None,
                        })
                    }
                }
                continue;
            }
            // `--id` names a text report only when it is the one input, as for `raqib code`.
            let mut opts = self.opts.clone();
            if self.n_files > 1 && !is_stdin {
                opts.id = None;
            }
            self.text = Some(Reader::new(vec![path], opts));
        }
    }
}

fn is_jsonl(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("jsonl" | "ndjson")
    )
}

/// JSONL lines, each bounded in size, as [`Work`] (the line reading is
/// [`input::JsonlLines`], shared with `raqib code`).
struct Lines {
    lines: input::JsonlLines,
    stem: String,
}

impl Lines {
    fn new(r: Box<dyn Read>, path: &str, opts: &ReadOptions) -> Lines {
        Lines {
            lines: input::JsonlLines::new(r, path, opts.max_bytes, opts.lossy),
            stem: input::id_from_path(Path::new(path)),
        }
    }

    fn next(&mut self) -> Option<Work> {
        let (origin, text) = self.lines.next()?;
        let default_id = format!("{}-{}", self.stem, origin.line.unwrap_or(0));
        Some(match text {
            Ok(text) => Work::Line {
                origin: origin.to_string(),
                text,
                default_id,
            },
            Err(reason) => Work::Failed {
                origin: origin.to_string(),
                id: None,
                input: None,
                reason,
            },
        })
    }
}

/// A coded report, a raw report, or a failure, from [`input::classify_ingest_line`].
fn classify(origin: String, text: String, default_id: String) -> Work {
    let at = input::Origin {
        path: origin.clone(),
        line: None,
    };
    match input::classify_ingest_line(&at, &text, &default_id) {
        IngestLine::Coded(r) => Work::Coded(r),
        IngestLine::Raw(report) => Work::Raw { origin, report },
        IngestLine::Failed { id, reason } => Work::Failed {
            origin,
            id,
            input: Some(text),
            reason,
        },
    }
}
