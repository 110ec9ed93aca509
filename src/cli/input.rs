//! Inputs: files, directories walked in sorted order, and standard input.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use std::time::Instant;

use anyhow::Result;
use liveline_core::{Diagnostic, Document, Level, Span};
use liveline_parse::{decode, decode_lossy, parse};
use sha2::{Digest, Sha256};

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// How the input is named in output and messages.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(p) => p.display().to_string(),
        }
    }

    /// Read all of the input.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
            Input::File(p) => fs::read(p),
        }
    }
}

/// Expand the paths given on the command line into inputs: a directory becomes the
/// page files below it (see `is_text_name`) in sorted order; hidden entries and
/// subdirectories holding a [`SKIP_MARKER`] file are skipped. A path that cannot be
/// listed is reported in `errors` and the others go on.
pub(crate) fn expand(paths: &[PathBuf], errors: &mut Vec<(String, String)>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out, errors);
        } else {
            out.push(Input::File(p.clone()));
        }
    }
    out
}

/// A file whose presence keeps directory walks out of the directory holding it.
pub(crate) const SKIP_MARKER: &str = ".liveline-skip";

fn walk(dir: &Path, out: &mut Vec<Input>, errors: &mut Vec<(String, String)>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push((dir.display().to_string(), e.to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().starts_with('.'))
            .unwrap_or(false);
        if name {
            continue;
        }
        if p.is_dir() {
            // A directory marked with a `.liveline-skip` file holds no pages (goldens,
            // outputs): the walk passes it by. Named on the command line, it is read.
            if !p.join(SKIP_MARKER).exists() {
                walk(&p, out, errors);
            }
        } else if p.is_file() && is_text_name(&p) {
            out.push(Input::File(p));
        }
    }
}

/// Whether a file met in a directory walk is taken as a page: `*.txt`, `*.text` or a
/// name without an extension. (Files named on the command line are always taken.)
fn is_text_name(p: &Path) -> bool {
    match p.extension() {
        None => true,
        Some(e) => e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("text"),
    }
}

/// The SHA-256 of `bytes` in lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// One input read and parsed, as given to the work of [`map_documents`].
pub(crate) struct Page<'t> {
    /// The input's bytes as read.
    pub bytes: &'t [u8],
    /// The text parsed (the bytes decoded).
    pub text: &'t str,
    /// Seconds spent parsing it.
    pub parse_secs: f64,
}

/// What came of one input.
enum Outcome<R> {
    /// The work's result.
    Done(R),
    /// The input could not be read or decoded: its name and why.
    Failed(String, String),
}

/// Read, decode and parse one input and run `work` on it.
fn one<R>(
    inp: &Input,
    lossy: bool,
    work: &(impl Fn(Page<'_>, Document<'_>) -> Result<R> + Sync),
) -> Result<Outcome<R>> {
    let name = inp.display();
    let bytes = match inp.read() {
        Ok(b) => b,
        Err(e) => return Ok(Outcome::Failed(name, e.to_string())),
    };
    let (text, bad) = if lossy {
        decode_lossy(&bytes)
    } else {
        match decode(&bytes) {
            Ok(s) => (s.into(), None),
            Err(e) => return Ok(Outcome::Failed(name, e.to_string())),
        }
    };
    let started = Instant::now();
    let mut doc = parse(&text);
    let parse_secs = started.elapsed().as_secs_f64();
    if let Some(e) = bad {
        let message = format!("{e}; decoded with replacement characters");
        let span = Span::new(e.offset(), e.offset());
        doc.diagnostics.insert(
            0,
            Diagnostic::new(Level::Error, "invalid_utf8", message, span),
        );
    }
    doc.source.path = Some(name);
    doc.source.bytes = bytes.len() as u64;
    let page = Page {
        bytes: &bytes,
        text: &text,
        parse_secs,
    };
    Ok(Outcome::Done(work(page, doc)?))
}

/// The number of worker threads for `--jobs`: as asked, else every core.
pub(crate) fn jobs(asked: Option<usize>) -> usize {
    asked
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Read, decode and parse each input of `paths`, run `work` on each document (its
/// `source` path and size set) on `jobs` threads, and hand the results to `sink` in the
/// order of the inputs, whatever the number of threads. An input that cannot be read
/// or decoded is reported on standard error, in its place in that order, with its
/// name (and, for bad UTF-8, the byte offset, line and column), and the others go on;
/// with `lossy`, bad UTF-8 is replaced and the document carries an `invalid_utf8`
/// diagnostic. Inputs are taken a batch at a time, so that memory holds one batch's
/// results, not the corpus's. Returns the number of inputs that failed, after a
/// summary line naming them.
pub(crate) fn map_documents<R: Send>(
    paths: &[PathBuf],
    lossy: bool,
    jobs: usize,
    work: impl Fn(Page<'_>, Document<'_>) -> Result<R> + Sync,
    mut sink: impl FnMut(R) -> Result<()>,
) -> Result<usize> {
    let mut failures: Vec<(String, String)> = Vec::new();
    let inputs = expand(paths, &mut failures);
    for (name, e) in &failures {
        eprintln!("liveline: {name}: {e}");
    }
    let total = inputs.len() + failures.len();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| anyhow::anyhow!("starting {jobs} threads: {e}"))?;
    for batch in inputs.chunks(jobs.max(1) * 4) {
        let outcomes: Vec<Result<Outcome<R>>> = if jobs <= 1 {
            batch.iter().map(|inp| one(inp, lossy, &work)).collect()
        } else {
            use rayon::prelude::*;
            pool.install(|| batch.par_iter().map(|inp| one(inp, lossy, &work)).collect())
        };
        for outcome in outcomes {
            match outcome? {
                Outcome::Done(r) => sink(r)?,
                Outcome::Failed(name, e) => {
                    eprintln!("liveline: {name}: {e}");
                    failures.push((name, e));
                }
            }
        }
    }
    if !failures.is_empty() {
        let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
        eprintln!(
            "liveline: {} of {total} inputs failed: {}",
            failures.len(),
            names.join(", ")
        );
    }
    Ok(failures.len())
}
