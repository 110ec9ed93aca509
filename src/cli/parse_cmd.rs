//! `liveline parse`: pages to documents.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result};
use liveline_core::Document;

use super::input;
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
        let blocks = doc.blocks();
        for b in blocks {
            *self.blocks.entry(b.kind.as_str()).or_default() += 1;
        }
        for d in &doc.diagnostics {
            *self.diagnostics.entry(d.code.to_string()).or_default() += 1;
        }
    }

    /// Add another's counts to these.
    fn merge(&mut self, o: Stats) {
        self.documents += o.documents;
        self.posts += o.posts;
        self.stamped += o.stamped;
        self.placed += o.placed;
        self.bytes += o.bytes;
        for (k, n) in o.blocks {
            *self.blocks.entry(k).or_default() += n;
        }
        for (k, n) in o.diagnostics {
            *self.diagnostics.entry(k).or_default() += n;
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
pub(crate) fn run(
    args: &ParseArgs,
    input_format: input::InputFormat,
    jobs: usize,
) -> Result<usize> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut stats = Stats::default();
    let mut parse_secs = 0.0;
    // Each document is parsed and rendered (or counted) on a worker; the results are
    // written (or added up) here, in input order.
    let (failed, ()) = input::map_documents(
        &args.paths,
        input_format,
        args.lossy,
        jobs,
        args.format != ParseFormat::Stats,
        |page, mut doc| {
            let mut one = Stats::default();
            let mut rendered = Vec::new();
            match args.format {
                ParseFormat::Stats => one.add(&doc),
                ParseFormat::Json | ParseFormat::Jsonl => {
                    doc.source.sha256 = Some(page.sha256());
                    // A JSONL record's other fields ride along as "record".
                    let mut v = serde_json::to_value(&doc).context("writing JSON")?;
                    if let (Some(r), Some(obj)) = (page.record, v.as_object_mut()) {
                        obj.insert("record".into(), serde_json::Value::Object(r.clone()));
                    }
                    if args.format == ParseFormat::Json {
                        liveline_export::pretty::write_pretty(&mut rendered, &v)
                            .context("writing JSON")?;
                    } else {
                        serde_json::to_writer(&mut rendered, &v).context("writing JSON")?;
                        rendered.push(b'\n');
                    }
                }
            }
            Ok((page.parse_secs, one, rendered))
        },
        |(secs, one, rendered)| {
            parse_secs += secs;
            stats.merge(one);
            out.write_all(&rendered).context("writing output")
        },
        || Ok(()),
    )?;
    if args.format == ParseFormat::Stats {
        stats
            .write(&mut out, parse_secs)
            .context("writing output")?;
    }
    out.flush().context("writing output")?;
    Ok(failed)
}
