//! Parse one page and print each post's UTC time, headline and contributors.
//!
//! Run: `cargo run --example parse_one -- seeds/003_8ceedb8b0327a9e8.txt`

use liveline::core::Parse;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: parse_one FILE")?;
    let bytes = std::fs::read(&path)?;
    let text = liveline::parse::decode(&bytes).map_err(|e| format!("{path}: {e}"))?;
    let doc = liveline::parse::Parser.parse(text);

    let title = doc.title.as_ref().map_or("(untitled)", |t| &t.text);
    println!("{title} — {:?}, {} posts", doc.kind, doc.posts.len());
    for post in &doc.posts {
        let when = match post.stamp.as_ref() {
            Some(s) => s
                .utc
                .map_or_else(|| format!("{} (not placed)", s.text), |t| t.to_string()),
            None => "(no time)".to_owned(),
        };
        let headline = post.headline.as_ref().map_or("(no headline)", |h| &h.text);
        let by: Vec<&str> = post.contributors.iter().map(|c| c.name.as_ref()).collect();
        println!("{when:<22} {headline}");
        if !by.is_empty() {
            println!("{:<22} by {}", "", by.join(", "));
        }
    }
    for d in &doc.diagnostics {
        eprintln!(
            "{path}: {:?} {} at bytes {}..{}: {}",
            d.level, d.code, d.span.start, d.span.end, d.message
        );
    }
    Ok(())
}
