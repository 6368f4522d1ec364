//! One module per subcommand; each exposes `Args` (what the user typed) and `run`.

use clap::{Parser, Subcommand};

pub mod code;

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
}

/// Run the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Code(args) => code::run(args),
    }
}
