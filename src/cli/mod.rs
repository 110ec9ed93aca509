//! Command-line interface: argument parsing and dispatch.

mod clean_cmd;
mod input;
mod parse_cmd;
mod timeline_cmd;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use liveline_core::jiff;

/// liveline: turn scraped news text (live blogs above all) into structured,
/// time-stamped documents.
#[derive(Parser, Debug)]
#[command(name = "liveline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Threads to read, parse, clean and extract with (default: every core). The
    /// output is the same whatever the number.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    jobs: Option<usize>,
    /// How the inputs hold pages: `text` (a page a file, perhaps gzip-compressed) or
    /// `jsonl` (a page a line: `{"id": ..., "text": ...}`, other fields carried through).
    #[arg(long, global = true, value_enum, default_value = "text")]
    input: input::InputFormat,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse pages into documents (posts, stamps, headlines, contributors, blocks).
    Parse(ParseArgs),
    /// Parse and clean pages: plain text or cleaned documents, with a log of changes.
    Clean(CleanArgs),
    /// Parse, clean and merge pages into one timeline of events.
    Timeline(TimelineArgs),
    /// Merge timelines written by separate runs (the reduce step over shards).
    Merge(MergeArgs),
    /// List the timeline output formats with their extension and media type.
    Formats,
}

/// Where and how a timeline is written.
#[derive(clap::Args, Debug)]
pub(crate) struct OutputArgs {
    /// Output format (`liveline formats` lists them); default: the one whose extension
    /// `-o` has, else json.
    #[arg(long, value_name = "NAME", value_parser = format_name)]
    format: Option<String>,
    /// Write to this file instead of standard output: through a temporary file in the
    /// same directory, renamed when complete, so that an interrupted run never leaves a
    /// half-written file.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<std::path::PathBuf>,
    /// The date (YYYY-MM-DD) for pages that give none and whose posts match no dated
    /// snapshot, and for times written without a date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
}

/// Which events of a timeline are written.
#[derive(clap::Args, Debug)]
pub(crate) struct QueryArgs {
    /// Keep events at or after this: a day (YYYY-MM-DD, the events' local date) or an
    /// instant with its offset (2022-01-21T13:45:00Z). Undated events are left out.
    #[arg(long, value_name = "WHEN")]
    since: Option<liveline_timeline::Bound>,
    /// Keep events at or before this (a day or an instant, as for --since).
    #[arg(long, value_name = "WHEN")]
    until: Option<liveline_timeline::Bound>,
    /// Keep events whose headline, text or captions match this regular expression
    /// (case-insensitive); repeat to require several.
    #[arg(long, value_name = "REGEX", value_parser = grep_pattern)]
    grep: Vec<liveline_timeline::query::Regex>,
    /// Keep events by a contributor whose name or outlet holds this (case-insensitive);
    /// repeat to accept several.
    #[arg(long, value_name = "NAME")]
    by: Vec<String>,
}

#[derive(clap::Args, Debug)]
pub(crate) struct TimelineArgs {
    /// Files or directories, as for `parse`; `-` reads standard input. Snapshots of the
    /// same live blog are merged.
    #[arg(required = true)]
    paths: Vec<std::path::PathBuf>,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    query: QueryArgs,
    /// Decode invalid UTF-8 with replacement characters instead of failing the file.
    #[arg(long)]
    lossy: bool,
}

#[derive(clap::Args, Debug)]
pub(crate) struct MergeArgs {
    /// Timelines written by `liveline timeline` (JSON, "schema": "liveline/timeline@1");
    /// `-` reads standard input.
    #[arg(required = true)]
    timelines: Vec<std::path::PathBuf>,
    #[command(flatten)]
    out: OutputArgs,
    #[command(flatten)]
    query: QueryArgs,
}

/// Output formats of `liveline clean`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum CleanFormat {
    /// Clean plain text: title, byline, posts with stamps and headlines, paragraphs,
    /// captions with credits; boilerplate left out.
    Text,
    /// The cleaned documents as JSON, one pretty object per input.
    Json,
}

/// Quote policies of `liveline clean --quotes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum QuotesArg {
    /// As written.
    Keep,
    /// ASCII quotes and dashes.
    Straight,
    /// Typographic quotes.
    Curly,
}

#[derive(clap::Args, Debug)]
pub(crate) struct CleanArgs {
    /// Files or directories, as for `parse`; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: CleanFormat,
    /// Run only these passes, in this order (repeatable): mojibake, unicode, whitespace, credits,
    /// quotes, reflow, boilerplate, duplicates. Default: all of them.
    #[arg(long = "pass", value_name = "NAME")]
    passes: Vec<String>,
    /// Leave out a pass (repeatable).
    #[arg(long = "no-pass", value_name = "NAME")]
    no_passes: Vec<String>,
    /// A file of extra boilerplate patterns, one a line (`*` any text, `#` a digit;
    /// each pattern matches a whole block).
    #[arg(long, value_name = "FILE")]
    boilerplate: Option<std::path::PathBuf>,
    /// How to write quotes and dashes.
    #[arg(long, value_enum, default_value = "keep")]
    quotes: QuotesArg,
    /// Print what each pass changed to standard error.
    #[arg(long)]
    log: bool,
    /// Decode invalid UTF-8 with replacement characters instead of failing the file.
    #[arg(long)]
    lossy: bool,
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

/// A `--format` name: one of the built-in formats.
fn format_name(s: &str) -> Result<String, String> {
    let formats = liveline_export::Formats::builtin();
    if formats.get(s).is_some() {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "not a format; one of: {}",
            formats.names().join(", ")
        ))
    }
}

/// A `--grep` pattern, compiled (a bad one is a usage error).
fn grep_pattern(s: &str) -> Result<liveline_timeline::query::Regex, String> {
    liveline_timeline::query::pattern(s).map_err(|e| e.to_string())
}

/// Run the tool; the exit code follows the design: 0 all inputs done, 1 some failed,
/// 2 usage errors (reported by clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse_cmd::run(&args, cli.input, input::jobs(cli.jobs)),
        Command::Clean(args) => clean_cmd::run(&args, cli.input, input::jobs(cli.jobs)),
        Command::Timeline(args) => timeline_cmd::run(&args, cli.input, input::jobs(cli.jobs)),
        Command::Merge(args) => timeline_cmd::merge(&args),
        Command::Formats => timeline_cmd::list_formats(),
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
        let io_kind = c.downcast_ref::<io::Error>().map(io::Error::kind);
        // serde_json keeps the io::Error inside without exposing it as a source.
        let json_kind = c
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io_kind.or(json_kind) == Some(io::ErrorKind::BrokenPipe)
    })
}
