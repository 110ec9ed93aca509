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

/// The pages of `benches/scripts/end_to_end.sh`'s directory, in memory: page `n` (of
/// `count`) is seed `n % 5` followed by a line of its own ("Page n of the benchmark
/// corpus, saved for the run."), so that every page differs from the others as
/// snapshots of one page do. With each, its file name (`page-00042.txt`).
pub fn benchmark_pages(count: usize) -> Vec<(String, String)> {
    let seeds = seeds();
    (0..count)
        .map(|n| {
            let (_, seed) = &seeds[n % seeds.len()];
            let text = format!("{seed}\nPage {n} of the benchmark corpus, saved for the run.\n");
            (format!("page-{n:05}.txt"), text)
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn benchmark_pages_are_the_seeds_in_turn_each_with_a_line_of_its_own() {
        let seeds = seeds();
        let pages = benchmark_pages(12);
        assert_eq!(pages.len(), 12);
        for (n, (name, text)) in pages.iter().enumerate() {
            assert_eq!(name, &format!("page-{n:05}.txt"));
            let rest = text
                .strip_prefix(seeds[n % seeds.len()].1.as_str())
                .expect("the page opens with its seed");
            assert_eq!(
                rest,
                format!("\nPage {n} of the benchmark corpus, saved for the run.\n")
            );
        }
    }
}
