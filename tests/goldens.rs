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

#[test]
fn parse_output_matches_the_goldens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_liveline"))
        .current_dir(root)
        .args(["parse", "seeds/", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = documents(std::str::from_utf8(&out.stdout).unwrap());
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
        if *doc != want {
            // Point at the first differing line of the pretty forms.
            let mine = Command::new(env!("CARGO_BIN_EXE_liveline"))
                .current_dir(root)
                .args(["parse", doc["source"]["path"].as_str().unwrap()])
                .output()
                .unwrap();
            let mine = String::from_utf8_lossy(&mine.stdout);
            let line = mine
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{} differs from its golden at line {}:\n  got:  {}\n  want: {}",
                path.display(),
                line + 1,
                mine.lines().nth(line).unwrap_or(""),
                text.lines().nth(line).unwrap_or("")
            );
        }
        // The pretty form is byte for byte the golden file.
        let pretty = Command::new(env!("CARGO_BIN_EXE_liveline"))
            .current_dir(root)
            .args(["parse", doc["source"]["path"].as_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&pretty.stdout),
            text,
            "{}",
            path.display()
        );
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
        let out = Command::new(env!("CARGO_BIN_EXE_liveline"))
            .current_dir(root)
            .args(["clean", seed.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success());
        let got = String::from_utf8(out.stdout).unwrap();
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            panic!(
                "{} differs at line {}:\n  got:  {}\n  want: {}",
                golden.display(),
                line + 1,
                got.lines().nth(line).unwrap_or("<end>"),
                want.lines().nth(line).unwrap_or("<end>")
            );
        }
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
