//! Benchmark corpora made by repeating the seed pages.

use std::path::PathBuf;

/// The folder holding the seed pages.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds"))
}

/// The seed pages as (file name, text), sorted by name.
pub fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(seeds_dir())
        .expect("the seeds folder is readable")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).expect("seeds are UTF-8");
            (name, text)
        })
        .collect();
    out.sort();
    out
}

/// Pages made by repeating the seeds in turn until they hold at least `bytes` bytes.
pub fn pages(bytes: usize) -> Vec<String> {
    let seeds = seeds();
    let mut out = Vec::new();
    let mut total = 0;
    for (_, text) in seeds.iter().cycle() {
        if total >= bytes {
            break;
        }
        total += text.len();
        out.push(text.clone());
    }
    out
}

/// One live blog of at least `bytes` bytes: the header of the timed CNN snapshot and
/// its posts repeated, to show how cost grows with the size of one document.
pub fn one_live_blog(bytes: usize) -> String {
    let seeds = seeds();
    let (_, src) = seeds
        .iter()
        .find(|(n, _)| n.starts_with("003"))
        .expect("seed 003 is present");
    let first_post = src
        .find("10:46 a.m. ET")
        .expect("seed 003 has its first post");
    let (header, posts) = src.split_at(first_post);
    let mut out = String::with_capacity(bytes + src.len());
    out.push_str(header);
    while out.len() < bytes {
        out.push_str(posts);
        out.push_str("\n\n");
    }
    out
}
