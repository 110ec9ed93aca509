//! Reads every file of a directory once, into one buffer, and prints the milliseconds
//! it took: open, size, read, close, a file at a time, nothing else. Built and run by
//! `read_floor.sh`.

use std::io::Read;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut buf = Vec::new();
    let mut bytes = 0;
    let started = Instant::now();
    for p in &paths {
        let mut f = std::fs::File::open(p).expect("a readable file");
        let size = f.metadata().expect("its size").len() as usize;
        buf.resize(size.max(buf.len()), 0);
        f.read_exact(&mut buf[..size]).expect("its bytes");
        bytes += size;
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    eprintln!("{} files, {bytes} bytes", paths.len());
    println!("{ms:.0}");
}
