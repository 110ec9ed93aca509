//! Command-line interface: argument parsing and dispatch.

mod input;
mod json;
mod parse_cmd;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// liveline: turn scraped news text (live blogs above all) into structured,
/// time-stamped documents.
#[derive(Parser, Debug)]
#[command(name = "liveline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse pages into documents (posts, stamps, headlines, contributors, blocks).
    Parse(ParseArgs),
}

/// Output formats of `liveline parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ParseFormat {
    /// One pretty-printed JSON object per input, one after another.
    Json,
    /// One JSON object per input, one per line.
    Jsonl,
    /// Totals only: documents, posts, blocks by kind, diagnostics, bytes, speed.
    Stats,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ParseArgs {
    /// Files or directories; `-` reads standard input. A directory is walked in sorted
    /// order for `*.txt` and `*.text` files and files without an extension.
    #[arg(required = true)]
    paths: Vec<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: ParseFormat,
    /// Decode invalid UTF-8 with replacement characters (and a diagnostic) instead of
    /// failing the file.
    #[arg(long)]
    lossy: bool,
}

/// Run the tool; the exit code follows the design: 0 all inputs done, 1 some failed,
/// 2 usage errors (reported by clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse_cmd::run(&args),
    };
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "liveline: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// A closed pipe on standard output (`liveline ... | head`) ends the run quietly.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
