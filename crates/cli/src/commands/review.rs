//! `raqib review`: the review queue and review states (auto → reviewed → published, or
//! rejected), and the audit log.

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::Context;
use raqib_store::{Page, ReviewState};

use super::ingest::DbArgs;

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Review subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Events not yet reviewed, lowest confidence first.
    Queue {
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: u64,
        /// `table` (default on a terminal) or `jsonl`.
        #[arg(long)]
        format: Option<String>,
    },
    /// Set an event's review state: reviewed, published or rejected.
    Set {
        /// The event id.
        event_id: String,
        /// reviewed, published or rejected.
        state: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
        /// Who (default: $USER).
        #[arg(long)]
        user: Option<String>,
    },
    /// The audit log (corrections, reviews, revisions), newest first.
    Log {
        /// Only this event's entries.
        event_id: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: u64,
    },
}

/// Run the subcommand.
pub fn run(args: Args) -> anyhow::Result<u8> {
    match args.command {
        Sub::Queue { limit, format } => {
            let table = match format.as_deref() {
                None => io::stdout().is_terminal(),
                Some("table") => true,
                Some("jsonl") => false,
                Some(f) => anyhow::bail!("--format {f:?}: expected table or jsonl"),
            };
            let store = args.db.open()?;
            let events = store
                .review_queue(&Page { limit, offset: 0 })
                .context("cannot read the review queue")?;
            let mut out = BufWriter::new(io::stdout().lock());
            if table {
                super::query::write_table(&mut out, &events)?;
            } else {
                for e in &events {
                    serde_json::to_writer(&mut out, e)?;
                    out.write_all(b"\n")?;
                }
            }
            out.flush()?;
        }
        Sub::Set {
            event_id,
            state,
            note,
            user,
        } => {
            let st = match ReviewState::parse(&state) {
                Some(s) if s != ReviewState::Auto => s,
                _ => anyhow::bail!("{state:?}: expected reviewed, published or rejected"),
            };
            let mut store = args.db.open()?;
            let a = store
                .set_review(&event_id, st, &super::edit::user(&user), note.as_deref())
                .with_context(|| format!("cannot review event {event_id}"))?;
            println!(
                "{event_id}: {} -> {} (by {} at {})",
                a.old.unwrap_or_default(),
                a.new.unwrap_or_default(),
                a.user,
                a.at
            );
        }
        Sub::Log { event_id, limit } => {
            let store = args.db.open()?;
            let log = store
                .audit_log(event_id.as_deref(), &Page { limit, offset: 0 })
                .context("cannot read the audit log")?;
            let mut out = BufWriter::new(io::stdout().lock());
            for a in log {
                serde_json::to_writer(&mut out, &a)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
    }
    Ok(0)
}
