//! One module per subcommand; each exposes `Args` (what the user typed) and `run`.

use clap::{Parser, Subcommand};

pub mod code;
pub mod edit;
pub mod eval;
pub mod export;
pub mod gazetteer;
pub mod ingest;
pub mod lexicon;
pub mod query;
pub mod review;
pub mod serve;
pub mod token;
pub mod track;

/// raqib codes Arabic and English conflict reporting into auditable event data.
#[derive(Debug, Parser)]
#[command(name = "raqib", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Code reports (text files, directories, JSONL, HTML, or stdin) into coded-report JSONL.
    Code(code::Args),
    /// Code reports and store them (or store coded-report JSONL) in a SQLite or PostgreSQL store.
    Ingest(ingest::Args),
    /// Query stored events by date, type, actor, place, status, outlet.
    Query(query::Args),
    /// Export stored events as ACLED CSV, JSONL, GeoJSON, Phoenix TSV or PLOVER JSON lines.
    Export(export::Args),
    /// Correct a stored event; the correction survives re-ingests and is audited.
    Edit(edit::Args),
    /// Review stored events: the queue, review states, the audit log.
    Review(review::Args),
    /// Track across reports: incidents, agreements, evacuations (spec/tracking.md).
    Track(track::Args),
    /// Check the lexicon data, or show the mentions the lexicon finds in a text.
    Lexicon(lexicon::Args),
    /// Rebuild gazetteer rows from a GeoNames dump.
    Gazetteer(gazetteer::Args),
    /// Score coded reports against gold files (spec/score.py) or sentence labels.
    Eval(eval::Args),
    /// Serve the HTTP API and the web dashboard over a store.
    Serve(serve::Args),
    /// Create, list or revoke API tokens for `raqib serve`.
    Token(token::Args),
}

/// Run the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Code(args) => code::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Query(args) => query::run(args),
        Command::Export(args) => export::run(args),
        Command::Edit(args) => edit::run(args),
        Command::Review(args) => review::run(args),
        Command::Track(args) => track::run(args),
        Command::Lexicon(args) => lexicon::run(args),
        Command::Gazetteer(args) => gazetteer::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Token(args) => token::run(args),
    }
}
