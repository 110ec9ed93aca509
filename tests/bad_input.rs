//! Bad input: every case goes on for the other inputs, names the file (and the record
//! or byte offset where it applies), keeps what was already written, and exits as
//! DESIGN.md says (0 all done, 1 some inputs failed, 2 usage).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn liveline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_liveline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("liveline-bad-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn documents(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn by_name<'d>(docs: &'d [serde_json::Value], name: &str) -> &'d serde_json::Value {
    docs.iter()
        .find(|d| d["source"]["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} missing"))
}

#[test]
fn odd_pages_are_read_and_broken_ones_fail_alone() {
    let d = Dir::new("pages");
    let seed = std::fs::read("seeds/003_8ceedb8b0327a9e8.txt").unwrap();
    d.file("a-good.txt", &seed);
    d.file("b-empty.txt", b"");
    d.file("c-blank.txt", b"\n\n  \n\t\n\r\n");
    d.file(
        "d-bom.txt",
        b"\xEF\xBB\xBFTitle of the page\n\nA paragraph.\n",
    );
    d.file(
        "e-crlf.txt",
        b"Title of the page\r\n\r\nA paragraph.\r\nAnother one.\r\n",
    );
    d.file(
        "f-cr.txt",
        b"Title of the page\r\rA paragraph.\rAnother one.\r",
    );
    d.file("g-nul.txt", b"Title of the page\n\nA \x00 in the text.\n");
    let mut binary = vec![0x89u8, b'P', b'N', b'G', 0, 0, 0x1a];
    binary.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    d.file("h-binary.txt", &binary);
    d.file("i-latin1.txt", b"Title\n\nCaf\xe9 au lait.\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/nonexistent/page.txt", d.0.join("j-gone.txt")).unwrap();
    let out = liveline(&["parse", d.0.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("h-binary.txt: invalid UTF-8 at byte 0 (line 1, column 1)"),
        "{err}"
    );
    assert!(
        err.contains("i-latin1.txt: invalid UTF-8 at byte 10 (line 3, column 4)"),
        "{err}"
    );
    #[cfg(unix)]
    assert!(err.contains("j-gone.txt: No such file"), "{err}");
    let docs = documents(&out);
    assert_eq!(docs.len(), 7, "every other page is parsed");
    assert_eq!(
        by_name(&docs, "a-good.txt")["posts"]
            .as_array()
            .unwrap()
            .len(),
        9
    );
    for empty in ["b-empty.txt", "c-blank.txt"] {
        let codes: Vec<&str> = by_name(&docs, empty)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["empty_document"], "{empty}");
    }
    for (name, blocks) in [
        ("d-bom.txt", 1),
        ("e-crlf.txt", 2),
        ("f-cr.txt", 2),
        ("g-nul.txt", 1),
    ] {
        let doc = by_name(&docs, name);
        assert_eq!(doc["title"]["text"], "Title of the page", "{name}");
        let texts: Vec<&str> = doc["posts"][0]["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts.len(), blocks, "{name}: {texts:?}");
        assert!(texts.iter().all(|t| !t.contains('\r')), "{name}: {texts:?}");
    }
    // The NUL byte is kept by the parser and marked; cleaning removes it.
    assert!(
        by_name(&docs, "g-nul.txt")["posts"][0]["blocks"][0]["text"]
            .as_str()
            .unwrap()
            .contains('\0')
    );
    // With --lossy the Latin-1 page is read, with a diagnostic at the bad byte.
    let lossy = liveline(&[
        "parse",
        &d.0.join("i-latin1.txt").to_string_lossy(),
        "--format",
        "jsonl",
        "--lossy",
    ]);
    assert_eq!(lossy.status.code(), Some(0));
    let doc = &documents(&lossy)[0];
    assert_eq!(doc["diagnostics"][0]["code"], "invalid_utf8");
    assert_eq!(doc["diagnostics"][0]["span"], serde_json::json!([10, 10]));
}

#[test]
fn huge_lines_and_many_lines() {
    let d = Dir::new("huge");
    // 100 MB without a line break, and a million one-character lines.
    let long = d.file("long.txt", &b"word ".repeat(20 << 20));
    let many = d.file("many.txt", &b"x\n".repeat(1_000_000));
    let out = liveline(&["parse", &long, &many, "--format", "stats"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats = String::from_utf8_lossy(&out.stdout);
    assert!(stats.starts_with("documents     2\n"), "{stats}");
    assert!(stats.contains("blocks        1000001\n"), "{stats}");
    assert!(
        stats.contains(&format!("bytes         {}\n", (100 << 20) + 2_000_000)),
        "{stats}"
    );
}

#[test]
fn output_to_a_full_disk_is_an_error_that_says_so() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_liveline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["parse", "seeds/", "--format", "json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("No space left on device"), "{err}");
    // -o into a place that cannot hold it leaves nothing behind.
    let d = Dir::new("full");
    let target = d.0.join("t.json");
    std::fs::write(&target, "the old file\n").unwrap();
    let out = liveline(&[
        "timeline",
        "seeds/",
        "-o",
        &d.0.join("no/dir/t.json").to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "the old file\n");
    assert_eq!(std::fs::read_dir(&d.0).unwrap().count(), 1);
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let d = Dir::new("pipe");
    // Enough output to fill a pipe: the seeds under many names.
    for n in 0..30 {
        for s in std::fs::read_dir("seeds").unwrap() {
            let s = s.unwrap().path();
            if s.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(
                    &s,
                    d.0.join(format!("{n}-{}", s.file_name().unwrap().to_string_lossy())),
                )
                .unwrap();
            }
        }
    }
    let dir = d.0.to_str().unwrap().to_owned();
    let timeline = d.file("timeline.json", &liveline(&["timeline", "seeds/"]).stdout);
    for args in [
        vec!["parse", dir.as_str(), "--format", "json"],
        vec!["parse", dir.as_str(), "--format", "jsonl"],
        vec!["clean", dir.as_str()],
        vec!["clean", dir.as_str(), "--format", "json"],
        vec!["timeline", "seeds/", "--format", "html"],
        vec!["timeline", "seeds/", "--format", "tei"],
        vec![
            "merge",
            timeline.as_str(),
            timeline.as_str(),
            "--format",
            "jsonl",
        ],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_liveline"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[cfg(unix)]
#[test]
fn a_directory_that_vanishes_mid_run_fails_its_files_alone() {
    let d = Dir::new("vanish");
    let pages = d.0.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    for n in 0..3 {
        std::fs::copy(
            "seeds/001_50594763789ce23b.txt",
            pages.join(format!("{n}.txt")),
        )
        .unwrap();
    }
    // The run first waits on a named pipe; the directory goes while it waits.
    let fifo = d.0.join("first.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let child = Command::new(env!("CARGO_BIN_EXE_liveline"))
        .args([
            "--jobs",
            "1",
            "parse",
            fifo.to_str().unwrap(),
            pages.to_str().unwrap(),
            "--format",
            "stats",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_dir_all(&pages).unwrap();
    let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    w.write_all(b"A page from the pipe\n\nIts one paragraph.\n")
        .unwrap();
    drop(w);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for n in 0..3 {
        assert!(
            err.contains(&format!("pages/{n}.txt: No such file")),
            "{err}"
        );
    }
    assert!(err.contains("3 of 4 inputs failed"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("documents     1\n"));
}

#[test]
#[cfg(target_os = "linux")]
fn unreadable_files_fail_alone_and_say_why() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new("unreadable");
    let good = d.file("a-good.txt", b"Title of the page\n\nA paragraph.\n");
    // A file whose every read fails: the process's own memory, read from address 0.
    let io_error = "/proc/self/mem";
    // A file without read permission (which the superuser can still read).
    let locked = d.file("b-locked.txt", b"Locked page\n\nA paragraph.\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_here = std::fs::File::open(&locked).is_ok();
    for command in ["parse", "clean", "timeline"] {
        let mut args = vec![command, io_error, &good, &locked];
        if command == "parse" {
            args.extend(["--format", "jsonl"]);
        }
        let out = liveline(&args);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("/proc/self/mem: Input/output error"),
            "{command}: {err}"
        );
        if readable_here {
            assert!(!err.contains("b-locked.txt:"), "{command}: {err}");
        } else {
            assert!(
                err.contains("b-locked.txt: Permission denied"),
                "{command}: {err}"
            );
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("A paragraph."),
            "{command}: the good page is there"
        );
    }
}
