//! `liveline parse seeds/ --format json` matches the hand-checked goldens in
//! `seeds/expected/`, one document per seed, in sorted order.
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
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: liveline::core::Document<'static> = serde_json::from_str(&text).unwrap();
        // Writing the model back gives the same JSON.
        let again = serde_json::to_value(&doc).unwrap();
        let want: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(again, want, "{}", path.display());
    }
}
