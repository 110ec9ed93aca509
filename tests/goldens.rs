//! `liveline parse seeds/ --format json` matches the hand-checked goldens in
//! `seeds/expected/<seed>.json`, one document per seed, in sorted order, and
//! `liveline clean <seed>` matches `seeds/expected/<seed>.clean.txt`.
//!
//! To see a difference, run `cargo run -- parse seeds/FILE.txt` and compare with the
//! golden by eye; a golden is only replaced after the new output has been checked
//! against the seed text line by line.

use std::path::Path;
use std::process::Command;

fn documents(out: &str) -> Vec<serde_json::Value> {
    serde_json::Deserializer::from_str(out)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .expect("the output is a stream of JSON objects")
}

/// The standard output of `liveline ARGS` run from the project root, which must succeed.
fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_liveline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Check that `liveline ARGS` prints `want` byte for byte; `what` names the golden in
/// the message, which shows the first differing line.
fn assert_output(args: &[&str], want: &str, what: &str) {
    let got = run(args);
    if got != want {
        let line = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
        panic!(
            "{what} differs at line {}:\n  got:  {}\n  want: {}",
            line + 1,
            got.lines().nth(line).unwrap_or("<end>"),
            want.lines().nth(line).unwrap_or("<end>")
        );
    }
}

#[test]
fn parse_output_matches_the_goldens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let got = documents(&run(&["parse", "seeds/", "--format", "json"]));
    let mut goldens: Vec<_> = std::fs::read_dir(root.join("seeds/expected"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().contains(".clean.")
        })
        .collect();
    goldens.sort();
    assert_eq!(got.len(), goldens.len(), "one document per seed");
    for (doc, path) in got.iter().zip(&goldens) {
        let text = std::fs::read_to_string(path).unwrap();
        let want: serde_json::Value = serde_json::from_str(&text).unwrap();
        // The pretty form of each document is byte for byte its golden file.
        let seed = doc["source"]["path"].as_str().unwrap();
        assert_output(&["parse", seed], &text, &path.display().to_string());
        assert_eq!(*doc, want, "{}", path.display());
    }
}

#[test]
fn goldens_read_back_into_the_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(root.join("seeds/expected")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: liveline::core::Document<'static> = serde_json::from_str(&text).unwrap();
        // Writing the model back gives the same JSON.
        let again = serde_json::to_value(&doc).unwrap();
        let want: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(again, want, "{}", path.display());
    }
}

#[test]
fn clean_text_matches_the_goldens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5);
    for seed in seeds {
        let stem = seed.file_stem().unwrap().to_str().unwrap();
        let golden = root.join(format!("seeds/expected/{stem}.clean.txt"));
        let want = std::fs::read_to_string(&golden).unwrap();
        assert_output(
            &["clean", seed.to_str().unwrap()],
            &want,
            &golden.display().to_string(),
        );
    }
}

#[test]
fn directory_walks_pass_by_the_goldens() {
    // `seeds/expected/` holds a `.liveline-skip` marker: walking `seeds/` reads the five
    // pages only, not the `.clean.txt` goldens beside the JSON ones.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_liveline"))
        .current_dir(root)
        .args(["parse", "seeds/", "--format", "jsonl"])
        .output()
        .unwrap();
    let paths: Vec<String> = documents(std::str::from_utf8(&out.stdout).unwrap())
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths.len(), 5, "{paths:?}");
    assert!(paths.iter().all(|p| !p.contains("expected")), "{paths:?}");
}

#[test]
fn merged_timeline_of_the_three_cnn_snapshots_matches_its_golden() {
    // `seeds/expected/timeline/001-002-003.json`: 22 posts and 3 year items, checked
    // against the three pages (every headline, block, credit and contributor found in
    // each source's span; minute times equal to the stamps; every mention's span its
    // text), in whatever order the pages are given.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let want =
        std::fs::read_to_string(root.join("seeds/expected/timeline/001-002-003.json")).unwrap();
    let pages = [
        "seeds/001_50594763789ce23b.txt",
        "seeds/002_2771fdcf0c5c0c53.txt",
        "seeds/003_8ceedb8b0327a9e8.txt",
    ];
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let mut args = vec!["timeline"];
        args.extend(order.iter().map(|&i| pages[i]));
        assert_output(&args, &want, &format!("the timeline of {args:?}"));
    }
    // It reads back into the model, and merging it with itself changes nothing.
    let t: liveline::core::Timeline = serde_json::from_str(&want).unwrap();
    assert_eq!(t.events.len(), 25);
    use liveline::timeline::Merge;
    assert_eq!(t.merge(&t), t);
}

#[test]
fn every_export_format_of_the_merged_cnn_snapshots_matches_its_golden() {
    // `seeds/expected/timeline/001-002-003.<format>`: the timeline of the JSON golden
    // above in every other format, checked against it (every event, headline,
    // paragraph, time and source present and escaped as the format needs) and read.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (format, file) in [
        ("jsonl", "001-002-003.jsonl"),
        ("csv", "001-002-003.csv"),
        ("md", "001-002-003.md"),
        ("html", "001-002-003.html"),
        ("timelinejs", "001-002-003.timelinejs.json"),
        ("tei", "001-002-003.tei.xml"),
        ("tilse", "001-002-003.tilse.txt"),
        ("jsonld", "001-002-003.jsonld"),
    ] {
        let path = root.join("seeds/expected/timeline").join(file);
        let want = std::fs::read_to_string(&path).unwrap();
        assert_output(
            &[
                "timeline",
                "seeds/001_50594763789ce23b.txt",
                "seeds/002_2771fdcf0c5c0c53.txt",
                "seeds/003_8ceedb8b0327a9e8.txt",
                "--format",
                format,
            ],
            &want,
            &path.display().to_string(),
        );
    }
}
