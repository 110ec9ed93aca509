//! The `liveline` command line: inputs, formats, errors and exit codes.

use sha2::Digest;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn liveline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_liveline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn jsonl_gives_one_document_per_line_in_sorted_order() {
    let out = liveline(&["parse", "seeds/", "--format", "jsonl"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let paths: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(paths.len(), 5);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(paths[0].ends_with("000_6702938250d3d516.txt"));
}

#[test]
fn stats_counts_documents_posts_and_blocks() {
    let out = liveline(&["parse", "seeds/", "--format", "stats"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let value = |key: &str| -> String {
        text.lines()
            .find(|l| l.starts_with(key))
            .map(|l| l[key.len()..].trim().to_owned())
            .unwrap_or_else(|| panic!("no {key} in {text}"))
    };
    assert_eq!(value("documents"), "5");
    // 1 (VOA body) + 4 + 20 + 9 + 1 (article body).
    assert_eq!(value("posts"), "35");
    assert_eq!(value("stamped posts"), "13");
    assert_eq!(value("placed in UTC"), "13");
    assert_eq!(value("bytes"), "50075");
    assert!(text.contains("  bullet      6"));
    assert!(text.contains("declared_post_count_mismatch  2"));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out = liveline_with_stdin(
        &["parse", "-", "--format", "jsonl"],
        b"A short page\n\nOne line of text.\n",
    );
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"]["path"], "-");
    assert_eq!(doc["title"]["text"], "A short page");
}

#[test]
fn invalid_utf8_fails_that_file_only_and_names_the_byte() {
    let dir = tmp("invalid_utf8");
    std::fs::write(dir.join("a_good.txt"), "Fine title\n\nFine text.\n").unwrap();
    std::fs::write(dir.join("b_bad.txt"), b"Title\n\nBad \xFF byte.\n").unwrap();
    std::fs::write(dir.join("c_good.txt"), "Another title\n\nMore text.\n").unwrap();
    let out = liveline(&["parse", dir.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("b_bad.txt: invalid UTF-8 at byte 11 (line 3, column 5)"),
        "{stderr}"
    );
    assert!(stderr.contains("1 of 3 inputs failed"), "{stderr}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        2,
        "the other files are still parsed"
    );

    let out = liveline(&[
        "parse",
        dir.join("b_bad.txt").to_str().unwrap(),
        "--lossy",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"][0]["code"], "invalid_utf8");
    assert_eq!(doc["diagnostics"][0]["span"], serde_json::json!([11, 11]));
    assert_eq!(doc["posts"][0]["blocks"][0]["text"], "Bad \u{FFFD} byte.");
}

#[test]
fn a_missing_file_is_reported_and_the_rest_go_on() {
    let out = liveline(&[
        "parse",
        "no/such/file.txt",
        "seeds/000_6702938250d3d516.txt",
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(liveline(&["parse"]).status.code(), Some(2));
    assert_eq!(
        liveline(&["parse", "seeds/", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(liveline(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn clean_prints_text_without_interface_strings_or_doubled_blocks() {
    let out = liveline(&["clean", "seeds/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for gone in [
        "Sort byDropdown arrow",
        "Accessibility links",
        "GO DEEPER",
        "Read all the details here.",
        "02:56 - Source: CNN",
        "What we covered here",
    ] {
        assert!(!text.contains(gone), "{gone:?} is still in the clean text");
    }
    // Each caption once, with its credit.
    let caption = "[Caption] A British Air Force Eurofighter Typhoon stands at a NATO airport in Romania on 01 July 2021. (Christophe Gateau/picture alliance/Getty Images)";
    assert_eq!(text.matches(caption).count(), 1);
    assert!(!text.contains('\u{a0}'), "no-break spaces are plain spaces");
    assert!(text.contains("8:49 a.m. ET, January 21, 2022 (2022-01-21T13:49:00Z)"));
    assert!(text.contains("By Vasco Cotovio (CNN, London)"));
}

#[test]
fn clean_options_choose_passes_quotes_and_user_lists() {
    let dir = tmp("clean_options");
    let page = dir.join("page.txt");
    std::fs::write(
        &page,
        "A page\n\nFollow us on every network\n\nShe said \u{201c}yes\u{201d}.\n",
    )
    .unwrap();
    let list = dir.join("list.txt");
    std::fs::write(&list, "# ours\nFollow us on *\n").unwrap();
    let p = page.to_str().unwrap();
    let out = liveline(&[
        "clean",
        p,
        "--boilerplate",
        list.to_str().unwrap(),
        "--quotes",
        "straight",
        "--log",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("Follow us"), "{text}");
    assert!(text.contains("She said \"yes\"."), "{text}");
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(log.contains("boilerplate at bytes 8..34"), "{log}");
    // Without the boilerplate pass the line stays.
    let out = liveline(&[
        "clean",
        p,
        "--boilerplate",
        list.to_str().unwrap(),
        "--no-pass",
        "boilerplate",
    ]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("Follow us"));
    // JSON keeps the marked block, with its span.
    let out = liveline(&[
        "clean",
        p,
        "--boilerplate",
        list.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The line stands under the title, so it is in the preamble.
    let marked = &doc["preamble"][0];
    assert_eq!(marked["kind"], "boilerplate");
    assert_eq!(marked["label"], "user list");
    assert_eq!(marked["span"], serde_json::json!([8, 34]));
    // An unknown pass is a usage error of ours: exit 1 with a message.
    let out = liveline(&["clean", p, "--pass", "nonesuch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no pass named \"nonesuch\""));
}

#[test]
fn clean_joins_hard_wrapped_paragraphs_and_keeps_the_lines_in_json() {
    let dir = tmp("clean_wrapped");
    let page = dir.join("wrapped.txt");
    std::fs::write(
        &page,
        "Talks in Geneva\n\n\
         The foreign ministers of both countries met in Geneva on Friday for\n\n\
         talks that lasted ninety minutes, according to officials who spoke\n\n\
         on condition of anonymity.\n\n\
         A second paragraph follows.\n",
    )
    .unwrap();
    let p = page.to_str().unwrap();
    let out = liveline(&["clean", p]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "\nThe foreign ministers of both countries met in Geneva on Friday for talks that \
             lasted ninety minutes, according to officials who spoke on condition of anonymity.\n\n\
             A second paragraph follows.\n"
        ),
        "{text}"
    );
    let out = liveline(&["clean", p, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // An article: its first paragraph stands in the preamble as the standfirst, and
    // takes the lines wrapped into the body.
    let standfirst = &doc["preamble"][0];
    assert_eq!(standfirst["kind"], "standfirst");
    assert!(
        standfirst["text"]
            .as_str()
            .unwrap()
            .ends_with("who spoke on condition of anonymity.")
    );
    assert_eq!(standfirst["span"], serde_json::json!([17, 84]));
    let blocks = doc["posts"][0]["blocks"].as_array().unwrap();
    let kinds: Vec<_> = blocks
        .iter()
        .map(|b| (b["kind"].as_str().unwrap(), b["label"].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("boilerplate", Some("joined")),
            ("boilerplate", Some("joined")),
            ("paragraph", None)
        ]
    );
    // The joined lines keep their text and their own spans into the file.
    assert_eq!(blocks[0]["span"], serde_json::json!([86, 152]));
    assert_eq!(blocks[1]["text"], "on condition of anonymity.");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::io::Read;
    // Enough output to fill a pipe: the seeds six times over.
    let dir = tmp("closed_pipe");
    for (name, text) in liveline_testkit::corpus::seeds() {
        for i in 0..6 {
            std::fs::write(dir.join(format!("{i}_{name}")), &text).unwrap();
        }
    }
    let dir = dir.to_str().unwrap();
    let runs = [
        ["parse", dir, "--format", "json"],
        ["parse", dir, "--format", "jsonl"],
        ["clean", dir, "--format", "text"],
        ["clean", dir, "--format", "json"],
    ];
    for args in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_liveline"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, then close the pipe, as `| head -c 100` does.
        let mut first = [0u8; 100];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn timeline_merges_snapshots_and_dates_undated_pages_only_when_asked() {
    let out = liveline(&["timeline", "seeds/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["schema"], "liveline/timeline@1");
    assert_eq!(t["sources"].as_array().unwrap().len(), 5);
    let events = t["events"].as_array().unwrap();
    let count = |kind: &str| events.iter().filter(|e| e["kind"] == kind).count();
    assert_eq!(
        (
            count("post"),
            count("year_item"),
            count("bullet"),
            count("article")
        ),
        (22, 3, 6, 1)
    );
    // The VOA bulletin and the article give no date: their events stay undated, last.
    let undated: Vec<_> = events.iter().filter(|e| e["when"].is_null()).collect();
    assert_eq!(undated.len(), 7);
    assert!(
        events[events.len() - 7..]
            .iter()
            .all(|e| e["when"].is_null())
    );
    // With a reference date they take it, at day precision.
    let out = liveline(&[
        "timeline",
        "seeds/000_6702938250d3d516.txt",
        "--date",
        "2022-01-22",
    ]);
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for e in t["events"].as_array().unwrap() {
        assert_eq!(e["when"]["local"], "2022-01-22");
        assert_eq!(e["when"]["precision"], "day");
    }
    // A bad date is a usage error.
    let out = liveline(&["timeline", "seeds/", "--date", "2022-13-01"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn timeline_queries_filter_by_time_text_and_contributor() {
    let events = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["timeline", "seeds/", "--date", "2022-01-22"];
        all.extend_from_slice(args);
        let out = liveline(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Blinken posts by Michael Conte from 8:45 ET (13:45 UTC) on the 21st.
    let t = events(&[
        "--since",
        "2022-01-21T13:45:00Z",
        "--until",
        "2022-01-21",
        "--grep",
        "blinken",
        "--by",
        "conte",
    ]);
    let got: Vec<(&str, &str)> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["when"]["local"].as_str().unwrap(),
                e["headline"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "2022-01-21T08:49",
                "Blinken: Meeting with Russia was \"not a negotiation,\" but an exchange of concerns and ideas"
            ),
            (
                "2022-01-21T08:55",
                "Blinken: US prepared for another Biden-Putin meeting \"if it proves useful and productive\""
            ),
        ]
    );
    // Only the sources of the events kept (the 8:49 post is in all three snapshots).
    let ids: Vec<&str> = t["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["id"].as_str().unwrap()[..3])
        .collect();
    assert_eq!(ids, ["001", "002", "003"]);
    // A day bound is the local day: the 22nd holds the VOA bulletin and the article.
    let t = events(&["--since", "2022-01-22"]);
    let kinds: Vec<&str> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 7);
    assert!(kinds.iter().all(|k| *k == "bullet" || *k == "article"));
    // The year items of 2013 to 2015 reach a bound inside 2014.
    let t = events(&["--until", "2014-06-30", "--since", "2014-01-01"]);
    assert_eq!(t["events"].as_array().unwrap().len(), 1);
    assert_eq!(t["events"][0]["when"]["local"], "2014");
    // Several patterns must all match.
    let t = events(&["--grep", "lavrov", "--grep", "powell"]);
    assert_eq!(t["events"].as_array().unwrap().len(), 1);
    // Bad patterns and bounds are usage errors.
    for bad in [&["--grep", "("][..], &["--since", "yesterday"]] {
        let mut all = vec!["timeline", "seeds/"];
        all.extend_from_slice(bad);
        let out = liveline(&all);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(bad[0]));
    }
}

#[test]
fn formats_lists_every_export_format() {
    let out = liveline(&["formats"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for (name, ext, media) in [
        ("json", ".json", "application/json"),
        ("jsonl", ".jsonl", "application/jsonl"),
        ("csv", ".csv", "text/csv"),
        ("md", ".md", "text/markdown"),
        ("html", ".html", "text/html"),
        ("timelinejs", ".json", "application/json"),
        ("tei", ".xml", "application/tei+xml"),
        ("tilse", ".txt", "text/plain"),
        ("jsonld", ".jsonld", "application/ld+json"),
    ] {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} missing:\n{text}"));
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!((cells[1], cells[2]), (ext, media), "{line}");
    }
}

#[test]
fn timeline_output_files_are_written_whole_or_not_at_all() {
    let dir = std::env::temp_dir().join(format!("liveline-cli-o-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The format follows the extension of -o; --format overrides it.
    let csv = dir.join("t.csv");
    let out = liveline(&[
        "timeline",
        "seeds/003_8ceedb8b0327a9e8.txt",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("id,kind,utc,"));
    assert_eq!(text.matches("\r\n").count(), 10, "a header and 9 posts");
    let md = dir.join("t.txt");
    let out = liveline(&[
        "timeline",
        "seeds/003_8ceedb8b0327a9e8.txt",
        "--format",
        "md",
        "-o",
        md.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));
    // Writing over a file replaces it whole; no temporary file is left beside it.
    let out = liveline(&[
        "timeline",
        "seeds/001_50594763789ce23b.txt",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .matches("\r\n")
            .count(),
        5
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    // A directory that does not exist: an error naming it, exit 1, nothing written.
    let missing = dir.join("no/such/dir/t.json");
    let out = liveline(&[
        "timeline",
        "seeds/001_50594763789ce23b.txt",
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir"));
    // An unknown format is a usage error that lists the formats.
    let out = liveline(&["timeline", "seeds/", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("timelinejs"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_page_shared_among_threads_gives_the_same_timeline() {
    // One live blog of 900 posts: the posts of seed 003 copied a hundred times, a word
    // changed in each copy, with pages of seeds around it. With several jobs the
    // long page is parsed in two parts and cleaned in them, and its posts are extracted
    // a range at a time on every thread.
    let dir = std::env::temp_dir().join(format!("liveline-cli-long-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let blog = std::fs::read_to_string("seeds/003_8ceedb8b0327a9e8.txt").unwrap();
    let (head, body) = blog.split_once("\n10:46").unwrap();
    let mut long = format!("{head}\n");
    for copy in 0..100 {
        long.push_str(&format!(
            "10:46{}\n",
            body.replace("Blinken", &format!("Blinken{copy}"))
        ));
    }
    std::fs::write(dir.join("b-long.txt"), &long).unwrap();
    for s in ["001_50594763789ce23b.txt", "004_b2b26671748500da.txt"] {
        std::fs::copy(format!("seeds/{s}"), dir.join(format!("a-{s}"))).unwrap();
    }
    let d = dir.to_str().unwrap();
    let run = |jobs: &str| liveline(&["timeline", d, "--date", "2022-01-22", "--jobs", jobs]);
    let one = run("1");
    assert_eq!(one.status.code(), Some(0));
    let t: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    // Near-duplicates merge (one word changed in each copy), so count the posts of
    // the long page the events were found in: all of them.
    let mut posts: Vec<u64> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["sources"].as_array().unwrap())
        .filter(|s| s["source"] == "b-long.txt")
        .map(|s| s["post"].as_u64().unwrap())
        .collect();
    posts.sort();
    posts.dedup();
    assert_eq!(posts.len(), 900);
    // Over a MiB: with threads to spare it is hashed on a thread of its own while it
    // is parsed, to the same hash.
    assert!(long.len() > 1 << 20);
    let sha = sha2::Sha256::digest(long.as_bytes());
    let hex: String = sha.iter().map(|b| format!("{b:02x}")).collect();
    let long_source = t["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "b-long.txt")
        .unwrap();
    assert_eq!(long_source["sha256"], hex.as_str());
    for jobs in ["2", "3"] {
        let many = run(jobs);
        assert_eq!(many.status.code(), Some(0));
        assert!(many.stdout == one.stdout, "{jobs} jobs: another timeline");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_is_the_same_whatever_the_number_of_jobs() {
    // Seeds copied under several names, with inputs that fail among them.
    let dir = std::env::temp_dir().join(format!("liveline-cli-jobs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let seeds: Vec<_> = std::fs::read_dir("seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    for copy in 0..4 {
        for s in &seeds {
            let name = format!("{copy}-{}", s.file_name().unwrap().to_string_lossy());
            std::fs::copy(s, dir.join(name)).unwrap();
        }
        std::fs::write(
            dir.join(format!("{copy}-bad.txt")),
            b"ok\n\xff\xfe broken\n",
        )
        .unwrap();
    }
    let d = dir.to_str().unwrap();
    for args in [
        vec!["parse", d, "--format", "jsonl"],
        vec!["clean", d],
        vec!["timeline", d, "--date", "2022-01-22"],
    ] {
        let run = |jobs: &str| {
            let mut all = args.clone();
            all.extend(["--jobs", jobs]);
            liveline(&all)
        };
        let one = run("1");
        assert_eq!(one.status.code(), Some(1), "{args:?}: four inputs fail");
        let stderr = String::from_utf8_lossy(&one.stderr).into_owned();
        assert!(
            stderr.contains("0-bad.txt") && stderr.contains("4 of 24 inputs failed"),
            "{stderr}"
        );
        for jobs in ["2", "4"] {
            let many = run(jobs);
            assert_eq!(many.stdout, one.stdout, "{args:?} with {jobs} jobs");
            assert_eq!(
                String::from_utf8_lossy(&many.stderr),
                stderr,
                "{args:?} with {jobs} jobs"
            );
            assert_eq!(many.status.code(), Some(1));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merging_shard_timelines_gives_the_timeline_of_the_whole() {
    let dir = std::env::temp_dir().join(format!("liveline-cli-merge-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let pages = [
        "seeds/001_50594763789ce23b.txt",
        "seeds/002_2771fdcf0c5c0c53.txt",
        "seeds/003_8ceedb8b0327a9e8.txt",
        "seeds/000_6702938250d3d516.txt",
    ];
    let whole = liveline(&[&["timeline"][..], &pages[..], &["--date", "2022-01-22"]].concat());
    assert!(whole.status.success());
    // Shards of one or two pages each, each run on its own (the map step).
    let shards: Vec<String> = [&pages[0..2], &pages[2..3], &pages[3..4]]
        .iter()
        .enumerate()
        .map(|(n, shard)| {
            let out = dir
                .join(format!("shard-{n}.json"))
                .to_string_lossy()
                .into_owned();
            let r = liveline(
                &[
                    &["timeline"][..],
                    shard,
                    &["--date", "2022-01-22", "-o", &out],
                ]
                .concat(),
            );
            assert!(r.status.success());
            out
        })
        .collect();
    // The reduce step, in any order, gives the same bytes as the single run.
    for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0]] {
        let mut args = vec!["merge"];
        args.extend(order.iter().map(|&i| shards[i].as_str()));
        let merged = liveline(&args);
        assert!(merged.status.success());
        assert_eq!(merged.stdout, whole.stdout, "{order:?}");
    }
    // A merged timeline merges again to itself; formats and queries apply.
    let again = dir.join("again.json");
    std::fs::write(&again, &whole.stdout).unwrap();
    let r = liveline(&["merge", again.to_str().unwrap(), again.to_str().unwrap()]);
    assert_eq!(r.stdout, whole.stdout);
    let r = liveline(&[
        "merge",
        again.to_str().unwrap(),
        "--format",
        "csv",
        "--grep",
        "powell",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&r.stdout).matches("\r\n").count(),
        2
    );
    // Inputs that are not timelines fail on their own; the others are merged.
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"schema\": \"liveline/document@1\"}").unwrap();
    let r = liveline(&[
        "merge",
        &shards[0],
        bad.to_str().unwrap(),
        "no-such.json",
        &shards[1],
        &shards[2],
    ]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("bad.json: schema \"liveline/document@1\""),
        "{err}"
    );
    assert!(
        err.contains("no-such.json") && err.contains("2 of 5 inputs failed"),
        "{err}"
    );
    assert_eq!(r.stdout, whole.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jsonl_records_and_gzip_inputs() {
    use std::io::Write as _;
    let dir = std::env::temp_dir().join(format!("liveline-cli-jsonl-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let page = std::fs::read_to_string("seeds/003_8ceedb8b0327a9e8.txt").unwrap();
    let good = |id: &str| {
        serde_json::json!({ "id": id, "text": page, "url": format!("https://example.org/{id}"), "lang": "en" })
            .to_string()
    };
    let lines = [
        good("a"),
        "{not json".to_owned(),
        "{\"id\": \"no-text\"}".to_owned(),
        "{\"id\": \"n\", \"text\": 5}".to_owned(),
        "[1, 2]".to_owned(),
        String::new(),
        good("b"),
    ];
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let out = liveline(&[
        "--input",
        "jsonl",
        "parse",
        corpus.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for (record, why) in [
        (2, "not JSON"),
        (3, "no \"text\" field"),
        (4, "\"text\" is a number, not a string"),
        (5, "not a JSON object"),
    ] {
        assert!(
            err.contains(&format!("corpus.jsonl: record {record}: {why}")),
            "record {record}: {err}"
        );
    }
    assert!(err.contains("4 of 6 inputs failed"), "{err}");
    // The good records: parsed, named by their id, other fields carried through in order.
    let docs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["source"]["path"], "b");
    assert_eq!(docs[1]["posts"].as_array().unwrap().len(), 9);
    let keys: Vec<&String> = docs[1]["record"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "url", "lang"]);
    // Read from standard input the same way.
    let piped = liveline_with_stdin(
        &["--input", "jsonl", "parse", "-", "--format", "jsonl"],
        (lines.join("\n") + "\n").as_bytes(),
    );
    assert_eq!(piped.stdout.iter().filter(|&&b| b == b'\n').count(), 2);
    // Gzip: a page file and a JSONL file, compressed; a truncated stream fails where it
    // breaks, after the records before it.
    let gz = |data: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    };
    std::fs::write(dir.join("page.txt.gz"), gz(page.as_bytes())).unwrap();
    let plain = liveline(&[
        "parse",
        "seeds/003_8ceedb8b0327a9e8.txt",
        "--format",
        "stats",
    ]);
    let zipped = liveline(&[
        "parse",
        dir.join("page.txt.gz").to_str().unwrap(),
        "--format",
        "stats",
    ]);
    let counts = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| !l.starts_with("seconds") && !l.starts_with("MB/s"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(counts(&zipped), counts(&plain));
    let many: String = (0..40).map(|i| good(&format!("r{i}")) + "\n").collect();
    let whole = gz(many.as_bytes());
    // The first record costs most of the compressed bytes: cut near the end.
    std::fs::write(dir.join("cut.jsonl.gz"), &whole[..whole.len() - 64]).unwrap();
    let out = liveline(&[
        "--input",
        "jsonl",
        "parse",
        dir.join("cut.jsonl.gz").to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cut.jsonl.gz: record") && err.contains("gzip stream truncated"),
        "{err}"
    );
    let done = out.stdout.iter().filter(|&&b| b == b'\n').count();
    assert!(done > 0 && done < 40, "{done} records before the break");
    // A directory walk takes *.txt.gz pages.
    let listed = liveline(&["parse", dir.to_str().unwrap(), "--format", "stats"]);
    assert!(String::from_utf8_lossy(&listed.stdout).starts_with("documents     1\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Run liveline with `input` on its standard input.
fn liveline_with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_liveline"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn no_progress_bar_outside_a_terminal_and_symlink_loops_are_reported() {
    // Standard error is a pipe here: nothing but messages may reach it.
    let out = liveline(&["clean", "seeds/"]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    #[cfg(unix)]
    {
        let dir = std::env::temp_dir().join(format!("liveline-cli-loop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::copy("seeds/001_50594763789ce23b.txt", dir.join("a/page.txt")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("a/up")).unwrap();
        let out = liveline(&["parse", dir.to_str().unwrap(), "--format", "stats"]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("a/up: symbolic link loop"), "{err}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("documents     1\n"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
