//! `liveline parse`: pages to documents.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::time::Instant;

use anyhow::{Context, Result};
use liveline_core::{Diagnostic, Document, Level, Span};
use liveline_parse::{decode, decode_lossy, parse};

use super::input::{self, Input};
use super::json;
use super::{ParseArgs, ParseFormat};

/// Totals for `--format stats`.
#[derive(Default)]
struct Stats {
    documents: u64,
    posts: u64,
    stamped: u64,
    placed: u64,
    blocks: BTreeMap<&'static str, u64>,
    diagnostics: BTreeMap<String, u64>,
    bytes: u64,
}

impl Stats {
    fn add(&mut self, doc: &Document<'_>) {
        self.documents += 1;
        self.bytes += doc.source.bytes;
        self.posts += doc.posts.len() as u64;
        for p in &doc.posts {
            if let Some(s) = &p.stamp {
                self.stamped += 1;
                if s.utc.is_some() {
                    self.placed += 1;
                }
            }
        }
        let blocks = doc
            .preamble
            .iter()
            .chain(doc.posts.iter().flat_map(|p| &p.blocks))
            .chain(&doc.trailer);
        for b in blocks {
            *self.blocks.entry(b.kind.as_str()).or_default() += 1;
        }
        for d in &doc.diagnostics {
            *self.diagnostics.entry(d.code.to_string()).or_default() += 1;
        }
    }

    fn write(&self, out: &mut dyn Write, secs: f64) -> io::Result<()> {
        writeln!(out, "documents     {}", self.documents)?;
        writeln!(out, "posts         {}", self.posts)?;
        writeln!(out, "stamped posts {}", self.stamped)?;
        writeln!(out, "placed in UTC {}", self.placed)?;
        writeln!(out, "blocks        {}", self.blocks.values().sum::<u64>())?;
        for (k, n) in &self.blocks {
            writeln!(out, "  {k:<12}{n}")?;
        }
        writeln!(
            out,
            "diagnostics   {}",
            self.diagnostics.values().sum::<u64>()
        )?;
        for (k, n) in &self.diagnostics {
            writeln!(out, "  {k:<30}{n}")?;
        }
        writeln!(out, "bytes         {}", self.bytes)?;
        let mbs = if secs > 0.0 {
            self.bytes as f64 / 1e6 / secs
        } else {
            0.0
        };
        writeln!(out, "seconds       {secs:.3}")?;
        writeln!(out, "MB/s          {mbs:.1}")
    }
}

/// Run `liveline parse`; returns the number of inputs that failed.
pub(crate) fn run(args: &ParseArgs) -> Result<usize> {
    let mut failures: Vec<(String, String)> = Vec::new();
    let inputs = input::expand(&args.paths, &mut failures);
    let total = inputs.len() + failures.len();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut stats = Stats::default();
    let mut parse_secs = 0.0;
    for inp in &inputs {
        let name = inp.display();
        let bytes = match inp.read() {
            Ok(b) => b,
            Err(e) => {
                report(&name, &e.to_string());
                failures.push((name, e.to_string()));
                continue;
            }
        };
        let (text, bad) = if args.lossy {
            decode_lossy(&bytes)
        } else {
            match decode(&bytes) {
                Ok(s) => (s.into(), None),
                Err(e) => {
                    report(&name, &e.to_string());
                    failures.push((name, e.to_string()));
                    continue;
                }
            }
        };
        let started = Instant::now();
        let mut doc = parse(&text);
        parse_secs += started.elapsed().as_secs_f64();
        if let Some(e) = bad {
            doc.diagnostics.insert(
                0,
                Diagnostic::new(
                    Level::Error,
                    "invalid_utf8",
                    format!("{e}; decoded with replacement characters"),
                    Span::new(e.offset(), e.offset()),
                ),
            );
        }
        doc.source.path = Some(match inp {
            Input::Stdin => "-".to_owned(),
            Input::File(_) => name.clone(),
        });
        doc.source.bytes = bytes.len() as u64;
        match args.format {
            ParseFormat::Stats => stats.add(&doc),
            ParseFormat::Json | ParseFormat::Jsonl => {
                doc.source.sha256 = Some(input::sha256_hex(&bytes));
                if args.format == ParseFormat::Json {
                    json::write_pretty(&mut out, &doc).context("writing JSON")?;
                } else {
                    serde_json::to_writer(&mut out, &doc).context("writing JSON")?;
                    out.write_all(b"\n").context("writing output")?;
                }
            }
        }
    }
    if args.format == ParseFormat::Stats {
        stats
            .write(&mut out, parse_secs)
            .context("writing output")?;
    }
    out.flush().context("writing output")?;
    if !failures.is_empty() {
        let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
        eprintln!(
            "liveline: {} of {} inputs failed: {}",
            failures.len(),
            total,
            names.join(", ")
        );
    }
    Ok(failures.len())
}

fn report(name: &str, msg: &str) {
    eprintln!("liveline: {name}: {msg}");
}
