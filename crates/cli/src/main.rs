//! The `raqib` command line: a thin binary that parses arguments and hands each subcommand to
//! its module in [`commands`].

mod commands;
// The reader lives in the library target, shared with the tests and the fuzz targets.
use raqib_cli::input;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: the coder allocates many small, short-lived strings and vectors per report, and
/// glibc's malloc and free took a fifth of `raqib code`'s instructions (docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("raqib: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
