//! `liveline clean`: pages to clean text or cleaned documents.

use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result, bail};
use liveline_clean::{Boilerplate, Pipeline, QuotePolicy, Quotes, pass_by_name, plain_text};
use liveline_core::CleanLog;

use super::{CleanArgs, CleanFormat, QuotesArg, input};

/// The pipeline the arguments ask for.
fn pipeline(args: &CleanArgs) -> Result<Pipeline> {
    let names: Vec<String> = if args.passes.is_empty() {
        Pipeline::default_pipeline()
            .names()
            .map(str::to_owned)
            .collect()
    } else {
        args.passes.clone()
    };
    for n in names.iter().chain(&args.no_passes) {
        if pass_by_name(n).is_none() {
            bail!(
                "no pass named {n:?} (passes: mojibake, unicode, whitespace, credits, quotes, reflow, boilerplate, duplicates)"
            );
        }
    }
    let user_list = match &args.boilerplate {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("reading the boilerplate list {}", path.display()))?,
        ),
        None => None,
    };
    let mut builder = Pipeline::builder();
    for n in names.iter().filter(|n| !args.no_passes.contains(n)) {
        builder = match n.as_str() {
            "quotes" => builder.pass(Quotes::new(match args.quotes {
                QuotesArg::Keep => QuotePolicy::Keep,
                QuotesArg::Straight => QuotePolicy::Straight,
                QuotesArg::Curly => QuotePolicy::Curly,
            })),
            "boilerplate" => {
                builder.pass(Boilerplate::built_in().rules_from(user_list.as_deref().unwrap_or("")))
            }
            other => builder.boxed(pass_by_name(other).context("checked above")?),
        };
    }
    Ok(builder.build())
}

/// Run `liveline clean`; returns the number of inputs that failed.
pub(crate) fn run(
    args: &CleanArgs,
    input_format: input::InputFormat,
    jobs: usize,
) -> Result<usize> {
    let pipeline = pipeline(args)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut first = true;
    // Each document is cleaned and rendered on a worker; its log and output are
    // written here, in input order.
    let (failed, ()) = input::map_documents(
        &args.paths,
        input_format,
        args.lossy,
        jobs,
        args.format == CleanFormat::Json,
        |page, mut doc| {
            // Without `--log` the log keeps nothing (and no message is made).
            let mut log = if args.log {
                CleanLog::default()
            } else {
                CleanLog::discarding()
            };
            // A long page in parts on every thread, where the passes allow (the same
            // document and log).
            let parts = input::clean_parts(doc.posts.len(), jobs);
            pipeline.run_in_parts(&mut doc, &mut log, parts);
            let mut messages = String::new();
            if args.log {
                let name = doc.source.path.as_deref().unwrap_or("-");
                for e in &log.entries {
                    messages.push_str(&format!(
                        "{name}: {} at bytes {}..{}: {}\n",
                        e.pass, e.span.start, e.span.end, e.what
                    ));
                }
            }
            let mut rendered = Vec::new();
            match args.format {
                CleanFormat::Text => rendered.extend_from_slice(plain_text(&doc).as_bytes()),
                CleanFormat::Json => {
                    doc.source.sha256 = Some(page.sha256());
                    liveline_export::pretty::write_pretty(&mut rendered, &doc)
                        .context("writing JSON")?;
                }
            }
            Ok((messages, rendered))
        },
        |(messages, rendered)| {
            eprint!("{messages}");
            if args.format == CleanFormat::Text && !first {
                out.write_all(format!("{}\n\n", "=".repeat(72)).as_bytes())
                    .context("writing output")?;
            }
            out.write_all(&rendered).context("writing output")?;
            first = false;
            Ok(())
        },
        || Ok(()),
    )?;
    out.flush().context("writing output")?;
    Ok(failed)
}
