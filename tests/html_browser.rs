//! The `html` export in a real headless Chromium: the exported seeds timeline shows
//! every event; typing into the search box leaves exactly the events that hold every
//! word typed; a screenshot of each state is saved under `target/html-test/`.
//!
//! Chromium (Debian's `chromium`) is driven over the DevTools protocol on a pipe
//! (`--remote-debugging-pipe`: commands on file descriptor 3, replies on 4, each a JSON
//! message ended by a NUL byte), so no driver or WebSocket library is needed. When
//! `chromium` is missing the test installs it with apt-get (`.ci/run` does so first).

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn chromium() -> PathBuf {
    let found = || {
        ["chromium", "chromium-browser"].iter().find_map(|name| {
            let out = Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()?;
            let path = String::from_utf8(out.stdout).ok()?.trim().to_owned();
            (!path.is_empty()).then(|| PathBuf::from(path))
        })
    };
    if let Some(p) = found() {
        return p;
    }
    eprintln!("chromium is missing: installing it with apt-get");
    let _ = Command::new("sh")
        .args([
            "-c",
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
        ])
        .stdout(Stdio::null())
        .status();
    found().expect("chromium is needed for this test: apt-get install -y chromium")
}

/// A Chromium driven over the DevTools pipe.
struct Browser {
    child: Child,
    commands: std::io::PipeWriter,
    replies: mpsc::Receiver<Value>,
    next_id: u64,
    _profile: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    fn start() -> Browser {
        let (cmd_read, cmd_write) = std::io::pipe().unwrap();
        let (reply_read, reply_write) = std::io::pipe().unwrap();
        let profile =
            std::env::temp_dir().join(format!("liveline-chromium-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();
        let (cr, rw) = (cmd_read.as_raw_fd(), reply_write.as_raw_fd());
        let mut cmd = Command::new(chromium());
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--remote-debugging-pipe",
            "--window-size=1200,1600",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                // Move both ends out of the way first, so that neither is overwritten.
                let a = libc::fcntl(cr, libc::F_DUPFD, 10);
                let b = libc::fcntl(rw, libc::F_DUPFD, 10);
                if a < 0 || b < 0 || libc::dup2(a, 3) < 0 || libc::dup2(b, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("chromium starts");
        drop(cmd_read);
        drop(reply_write);
        // Replies are read on a thread, so that waiting for one can time out.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(reply_read);
            let mut buf = Vec::new();
            while r.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                buf.pop_if(|b| *b == 0);
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(v).is_err()
                {
                    break;
                }
                buf.clear();
            }
        });
        Browser {
            child,
            commands: cmd_write,
            replies: rx,
            next_id: 0,
            _profile: TempDir(profile),
        }
    }

    /// Send a command (to a page session when `session` is given) and wait for its
    /// reply's result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let reply = self
                .replies
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no reply to {method} within 60 s"));
            if reply["id"] == json!(id) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// Evaluate `js` in the page and return its value.
    fn eval(&mut self, session: &str, js: &str) -> Value {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({ "expression": js, "returnByValue": true }),
        );
        assert!(r.get("exceptionDetails").is_none(), "{js}: {r}");
        r["result"]["value"].clone()
    }

    fn screenshot(&mut self, session: &str, path: &Path) {
        let r = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({ "format": "png" }),
        );
        let png = base64_decode(r["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG comes back");
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(value(c)) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

fn liveline(args: &[&str]) {
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
}

/// The words a reader can search: headline, paragraphs, captions, credits, byline.
fn searchable(e: &Value) -> String {
    let mut s = String::new();
    s.push_str(e["headline"].as_str().unwrap_or(""));
    s.push(' ');
    s.push_str(e["text"].as_str().unwrap_or(""));
    for b in e["blocks"].as_array().unwrap() {
        for item in std::iter::once(b).chain(b["items"].as_array().into_iter().flatten()) {
            if matches!(item["kind"].as_str(), Some("caption" | "gallery"))
                || b["kind"] == "gallery"
            {
                s.push(' ');
                s.push_str(item["text"].as_str().unwrap_or(""));
                s.push(' ');
                s.push_str(item["credit"].as_str().unwrap_or(""));
            }
        }
    }
    for c in e["contributors"].as_array().unwrap() {
        s.push(' ');
        s.push_str(c["name"].as_str().unwrap_or(""));
    }
    s.to_lowercase()
}

#[test]
fn the_html_timeline_shows_every_event_and_its_search_box_filters_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/html-test");
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("seeds.html");
    let json = dir.join("seeds.json");
    let args = ["timeline", "seeds/", "--date", "2022-01-22"];
    liveline(&[&args[..], &["-o", html.to_str().unwrap()]].concat());
    liveline(&[&args[..], &["-o", json.to_str().unwrap()]].concat());
    let timeline: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let events = timeline["events"].as_array().unwrap();
    let mut all_ids: Vec<String> = events
        .iter()
        .map(|e| format!("e{}", e["id"].as_str().unwrap()))
        .collect();
    all_ids.sort();

    let mut b = Browser::start();
    let target = b.call(
        None,
        "Target.createTarget",
        json!({ "url": format!("file://{}", html.display()) }),
    );
    let attached = b.call(
        None,
        "Target.attachToTarget",
        json!({ "targetId": target["targetId"], "flatten": true }),
    );
    let session = attached["sessionId"].as_str().unwrap().to_owned();
    let s = session.as_str();
    let started = Instant::now();
    // The new tab starts on about:blank, itself "complete": wait for the page's own load.
    let loaded = "location.protocol === 'file:' && document.readyState === 'complete'";
    while b.eval(s, loaded) != json!(true) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the page loads"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let visible_ids = "Array.from(document.querySelectorAll('li.event'))\
        .filter(e => e.getClientRects().length > 0).map(e => e.id).sort()";

    // Every event of the timeline is on the page, and shown.
    let shown: Vec<String> = serde_json::from_value(b.eval(s, visible_ids)).unwrap();
    assert_eq!(shown, all_ids);
    assert_eq!(
        b.eval(s, "document.getElementById('count').textContent"),
        json!(format!("{} events", events.len()))
    );
    // The chart is there, drawn inline.
    assert!(
        b.eval(s, "document.querySelectorAll('.chart svg rect.bar').length")
            .as_u64()
            > Some(0)
    );
    b.screenshot(s, &dir.join("all-events.png"));

    // Type into the search box, key by key.
    b.eval(s, "document.getElementById('q').focus()");
    let query = "Lavrov powell";
    for c in query.chars() {
        b.call(
            Some(s),
            "Input.dispatchKeyEvent",
            json!({ "type": "keyDown", "text": c.to_string(), "key": c.to_string() }),
        );
        b.call(
            Some(s),
            "Input.dispatchKeyEvent",
            json!({ "type": "keyUp", "key": c.to_string() }),
        );
    }
    assert_eq!(
        b.eval(s, "document.getElementById('q').value"),
        json!(query)
    );
    let mut want: Vec<String> = events
        .iter()
        .filter(|e| {
            let text = searchable(e);
            query
                .to_lowercase()
                .split_whitespace()
                .all(|w| text.contains(w))
        })
        .map(|e| format!("e{}", e["id"].as_str().unwrap()))
        .collect();
    want.sort();
    assert!(!want.is_empty() && want.len() < events.len(), "{want:?}");
    let shown: Vec<String> = serde_json::from_value(b.eval(s, visible_ids)).unwrap();
    assert_eq!(shown, want);
    assert_eq!(
        b.eval(s, "document.getElementById('count').textContent"),
        json!(format!(
            "{} {} of {}",
            want.len(),
            if want.len() == 1 { "event" } else { "events" },
            events.len()
        ))
    );
    // Days left without events are hidden too.
    let days: u64 = b
        .eval(
            s,
            "Array.from(document.querySelectorAll('section.day')).filter(d => d.getClientRects().length > 0).length",
        )
        .as_u64()
        .unwrap();
    assert!(days >= 1 && days <= want.len() as u64);
    b.screenshot(s, &dir.join("search.png"));

    // A word no event holds: nothing shown, and the page says so.
    b.eval(s, "const q = document.getElementById('q'); q.value = 'zzqx'; q.dispatchEvent(new Event('input'))");
    let shown: Vec<String> = serde_json::from_value(b.eval(s, visible_ids)).unwrap();
    assert!(shown.is_empty());
    assert_eq!(
        b.eval(
            s,
            "document.getElementById('none').getClientRects().length > 0"
        ),
        json!(true)
    );
    let _ = b.call(None, "Browser.close", json!({}));
    // The page asks for nothing outside itself.
    let page = std::fs::read_to_string(&html).unwrap();
    for outside in ["http://", "https://", "src=", "@import", "url("] {
        let allowed = outside == "http://"
            && page.matches(outside).count() == page.matches("http://www.w3.org/2000/svg").count();
        assert!(
            allowed || !page.contains(outside),
            "the page refers to {outside}"
        );
    }
    let mut png = Vec::new();
    std::fs::File::open(dir.join("search.png"))
        .unwrap()
        .read_to_end(&mut png)
        .unwrap();
    assert!(png.len() > 1000);
}
