//! `liveline timeline`: pages to one merged timeline, written in any export format;
//! `liveline formats`: the formats.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use liveline_clean::Pipeline;
use liveline_core::{CleanLog, DocKind, Export, Timeline};
use liveline_export::Formats;
use liveline_timeline::{Extractor, Memo, Merger, Query, infer_dates, merge_all};

use super::{MergeArgs, OutputArgs, QueryArgs, TimelineArgs, input};

/// Run `liveline timeline`; returns the number of inputs that failed.
pub(crate) fn run(
    args: &TimelineArgs,
    input_format: input::InputFormat,
    jobs: usize,
) -> Result<usize> {
    let pipeline = Pipeline::default_pipeline();
    let date = args.out.date;
    // Each worker thread merges the timelines of the pages it worked on as it goes (a
    // slot a thread); the slots are merged at the end. Merging is associative and
    // commutative, so the result is the same however the pages fell to the threads.
    let slots: Vec<Mutex<Merger>> = (0..jobs.max(1)).map(|_| Mutex::default()).collect();
    // And remembers the events of the posts it has met twice (snapshots of a live blog
    // repeat most of its posts); what it gives is what reading the post again gives.
    let memos: Vec<Mutex<Memo>> = (0..jobs.max(1)).map(|_| Mutex::default()).collect();
    let slot = || rayon::current_thread_index().unwrap_or(0) % slots.len();
    let poisoned = || anyhow::anyhow!("a worker thread panicked");
    let formats = Formats::builtin();
    let format = pick_format(&formats, &args.out);
    // The inputs are hashed only when what is written can depend on it (not for
    // jsonl, say): SHA-256 is about a sixth of one thread's work on a long page.
    let hash = format.uses_source_hashes();
    // Once every page is done, on the workers' pool: what the threads' mergers hold is
    // united, merged and written.
    let end = || -> Result<()> {
        let mut slots = slots
            .iter()
            .map(|slot| {
                slot.lock()
                    .map(|mut m| std::mem::take(&mut *m))
                    .map_err(|_| poisoned())
            })
            .collect::<Result<Vec<Merger>>>()?;
        // Each slot unites its versions on a thread of the pool first: the merger that
        // absorbs them all then has little left to unite (and unites that on the pool's
        // threads too).
        if slots.len() > 1 {
            use rayon::prelude::*;
            slots.par_iter_mut().for_each(Merger::unite_pending);
        }
        let mut all = Merger::new();
        for slot in slots {
            all.absorb(slot);
        }
        finish(all.finish(), format, &args.out, &args.query)
    };
    let (failed, ()) = input::for_each_document(
        &args.paths,
        input_format,
        args.lossy,
        jobs,
        hash,
        |page, mut parts| {
            let posts: usize = parts.iter().map(|d| d.posts.len()).sum();
            // The log is not read: it keeps nothing, and no message is made.
            let mut log = CleanLog::discarding();
            // A long page is cleaned in parts on every thread, where the passes allow:
            // in the parts it was parsed in, or else cut into parts.
            if parts.len() > 1 {
                pipeline.run_on_parts(&mut parts, &mut log);
            } else if let Some(doc) = parts.first_mut() {
                pipeline.run_in_parts(doc, &mut log, input::clean_parts(posts, jobs));
            }
            let Some(head) = parts.first_mut() else {
                return Ok(());
            };
            if hash {
                head.source.sha256 = Some(page.sha256());
            }
            let article = head.kind == DocKind::Article;
            let extractor = Extractor {
                reference_date: date,
                source_text: Some(page.text),
            };
            // Extraction starts no parallel work, so a thread holds its memo and its
            // slot alone.
            let page_parts = &parts;
            let extract = |range: std::ops::Range<usize>| -> Result<()> {
                let mut memo = memos[slot()].lock().map_err(|_| poisoned())?;
                let mut merger = slots[slot()].lock().map_err(|_| poisoned())?;
                merger.add_posts_in_parts(page_parts, &extractor, range, Some(&mut memo));
                Ok(())
            };
            if article || posts < 2 * POSTS_A_TASK {
                return extract(0..posts);
            }
            // A long page a range of posts at a time: the versions of a post it repeats
            // are united range by range, and few events are in memory at once.
            let ranges: Vec<_> = (0..posts)
                .step_by(POSTS_A_TASK)
                .map(|start| start..(start + POSTS_A_TASK).min(posts))
                .collect();
            if jobs <= 1 {
                return ranges.into_iter().try_for_each(extract);
            }
            // With threads to spare, on every thread; and the posts are freed on every
            // thread too (on one, freeing a long page's posts takes as long as a
            // tenth of its extraction).
            use rayon::prelude::*;
            ranges.into_par_iter().try_for_each(extract)?;
            parts.into_par_iter().for_each(|part| {
                part.posts
                    .into_par_iter()
                    .with_min_len(POSTS_A_TASK)
                    .for_each(drop)
            });
            Ok(())
        },
        end,
    )?;
    Ok(failed)
}

/// The posts of a long page extracted and united as one task (on as many threads as
/// there are).
const POSTS_A_TASK: usize = 256;

/// Run `liveline merge`: timelines read back and merged; returns the number of inputs
/// that failed.
pub(crate) fn merge(args: &MergeArgs) -> Result<usize> {
    let mut all = Vec::new();
    let mut failures = Vec::new();
    for path in &args.timelines {
        let inp = if path.as_os_str() == "-" {
            input::Input::Stdin
        } else {
            input::Input::File(path.clone())
        };
        let name = inp.display();
        match inp
            .read()
            .map_err(|e| e.to_string())
            .and_then(|b| read_timeline(&b))
        {
            Ok(t) => all.push(t),
            Err(e) => {
                eprintln!("liveline: {name}: {e}");
                failures.push(name);
            }
        }
    }
    if !failures.is_empty() {
        eprintln!(
            "liveline: {} of {} inputs failed: {}",
            failures.len(),
            args.timelines.len(),
            failures.join(", ")
        );
    }
    let formats = Formats::builtin();
    finish(
        merge_all(all),
        pick_format(&formats, &args.out),
        &args.out,
        &args.query,
    )?;
    Ok(failures.len())
}

/// A timeline from the JSON `liveline timeline` writes.
fn read_timeline(bytes: &[u8]) -> std::result::Result<Timeline, String> {
    #[derive(serde::Deserialize)]
    struct Schema {
        schema: Option<String>,
    }
    let s: Schema = serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    match s.schema.as_deref() {
        Some(liveline_core::TIMELINE_SCHEMA) => {}
        Some(other) => {
            return Err(format!(
                "schema {other:?} is not {:?}",
                liveline_core::TIMELINE_SCHEMA
            ));
        }
        None => {
            return Err(format!(
                "no \"schema\": not a timeline ({:?})",
                liveline_core::TIMELINE_SCHEMA
            ));
        }
    }
    serde_json::from_slice(bytes).map_err(|e| format!("not a timeline: {e}"))
}

/// Date what can be dated in the merged `timeline`, filter and write it in `format`.
fn finish(
    mut timeline: Timeline,
    format: &dyn Export,
    out: &OutputArgs,
    query: &QueryArgs,
) -> Result<()> {
    let query = Query {
        since: query.since,
        until: query.until,
        grep: query.grep.clone(),
        by: query.by.clone(),
    };
    infer_dates(&mut timeline, out.date);
    let filtered = (!query.is_empty()).then(|| query.apply(&timeline));
    let shown = filtered.as_ref().unwrap_or(&timeline);
    let written = match &out.output {
        Some(path) => write_atomically(path, |w| export(format, shown, w)),
        None => {
            let stdout = io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            export(format, shown, &mut w)?;
            w.flush().context("writing output")
        }
    };
    // The run ends here: the timeline's memory (a string for every source of every
    // event, many made on other threads) is left to the end of the process rather than
    // freed piece by piece.
    std::mem::forget(timeline);
    written
}

/// The format named in `out`, else the one whose extension the output file has, else
/// json.
fn pick_format<'f>(formats: &'f Formats, out: &OutputArgs) -> &'f (dyn Export + Send + Sync) {
    let by_extension = || {
        let ext = out.output.as_deref()?.extension()?.to_str()?;
        formats.iter().find(|f| f.extension() == ext)
    };
    out.format
        .as_deref()
        .and_then(|n| formats.get(n))
        .or_else(by_extension)
        .or_else(|| formats.get("json"))
        .expect("json is built in")
}

fn export(format: &dyn Export, t: &Timeline, out: &mut dyn Write) -> Result<()> {
    format.write(t, out).map_err(|e| {
        // Keep a closed pipe recognisable (it ends the run quietly).
        let kind = std::error::Error::source(&e)
            .and_then(|s| s.downcast_ref::<io::Error>())
            .map(io::Error::kind);
        match kind {
            Some(k) => anyhow::Error::new(io::Error::new(k, e.to_string())),
            None => anyhow::Error::new(e),
        }
        .context(format!("writing {}", format.name()))
    })
}

/// Write `path` through a temporary file beside it, renamed over `path` once `write`
/// has finished and the data is on disk; on failure the temporary file is removed and
/// `path` is left as it was.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.liveline-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("writing {}", tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("writing {}", tmp.display()))?;
        fs::rename(&tmp, path).with_context(|| format!("renaming to {}", path.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// `liveline formats`: one line a format: name, extension, media type, what it is.
pub(crate) fn list_formats() -> Result<usize> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(
        out,
        "{:<11} {:<10} {:<22} description",
        "format", "extension", "media type"
    )?;
    for f in Formats::builtin().iter() {
        writeln!(
            out,
            "{:<11} {:<10} {:<22} {}",
            f.name(),
            format!(".{}", f.extension()),
            f.media_type(),
            f.description()
        )?;
    }
    out.flush()?;
    Ok(0)
}
