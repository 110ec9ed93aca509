fn main() {
    let pages = liveline_testkit::corpus::pages(8 << 20);
    let mut n = 0;
    for _ in 0..3 {
        for p in &pages {
            n += liveline_parse::parse(p).posts.len();
        }
    }
    println!("{n}");
}
