//! Merge keys: two versions of an event that share a key are the same event.
//!
//! A version's keys are
//! - one **exact** key: the hash of all its words (quotes, case and spacing aside);
//! - **near-duplicate** keys: a MinHash signature of its 3-word shingles
//!   ([`HASHES`] hash functions) cut into [`BANDS`] bands of [`ROWS`] rows, one key
//!   a band (locality-sensitive hashing). Two texts whose shingle sets have Jaccard
//!   similarity J share a band with probability 1 − (1 − J^5)^12: 0.4 % at J = 0.2,
//!   3 % at 0.3, 32 % at 0.5, 89 % at 0.7, 99.1 % at 0.8, 99.998 % at 0.9. Two different
//!   posts on the same story share few 3-word runs (J below 0.05 on the seeds), so they
//!   practically never share a band; a post whose headline, apostrophes or a sentence
//!   changed keeps most of them;
//! - **lead** keys: the hash of the first 20 words of each of the first two blocks of
//!   at least 12 words. A post trimmed to its first paragraphs in one snapshot keeps
//!   its lead; the second block covers a snapshot that prints the photo caption as the
//!   first paragraph and one that does not.
//!
//! Every key also hashes the event's kind, so a bullet never merges with a post.
//!
//! Because versions are the same when they share *any* key, the keys of a merged event
//! are the union of its versions' keys, and merging is single-linkage clustering on
//! them: the result does not depend on the order in which timelines are merged.

use liveline_core::EventKind;

use crate::text::{Fnv, hash_words, mix, shingles};

/// MinHash functions.
pub const HASHES: usize = 60;
/// Bands of the signature.
pub const BANDS: usize = 12;
/// Rows a band.
pub const ROWS: usize = 5;
/// Words of a lead key.
pub const LEAD_WORDS: usize = 20;
/// The fewest words a block needs to give a lead key.
pub const LEAD_MIN_WORDS: usize = 12;

const _: () = assert!(BANDS * ROWS == HASHES);

fn kind_tag(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Post => "post",
        EventKind::Bullet => "bullet",
        EventKind::YearItem => "year_item",
        EventKind::Article => "article",
    }
}

/// The MinHash signature of a shingle set: for each hash function, the least value.
pub fn signature(shingles: &[u64]) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    for &s in shingles {
        // h_i(s) = a_i·s + b_i (mod 2^64), a_i odd: one multiply and one add a
        // function; the shingle hash is mixed once first, so that its bits are even.
        let s = mix(s);
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = s
                .wrapping_mul(SEEDS[i] | 1)
                .wrapping_add(SEEDS[(i + 1) % HASHES]);
            *slot = (*slot).min(h);
        }
    }
    sig
}

/// Per-function seeds: SplitMix64 of 1, 2, 3, ...
const SEEDS: [u64; HASHES] = {
    let mut s = [0u64; HASHES];
    let mut i = 0;
    while i < HASHES {
        let mut x = (i as u64 + 1).wrapping_add(0x9e37_79b9_7f4a_7c15);
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        s[i] = x ^ (x >> 31);
        i += 1;
    }
    s
};

/// The keys of one version of an event of `kind`, whose body is `blocks` (each block's
/// words, in order), sorted and without repeats.
pub fn keys(kind: EventKind, blocks: &[Vec<String>]) -> Vec<u64> {
    let tag = kind_tag(kind);
    let all: Vec<String> = blocks.iter().flatten().cloned().collect();
    if all.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(BANDS + 3);
    out.push(
        Fnv::default()
            .str(tag)
            .str("exact")
            .write(&hash_words(&all).to_le_bytes())
            .finish(),
    );
    let sig = signature(&shingles(&all, 3));
    for (band, rows) in sig.chunks(ROWS).enumerate() {
        let mut h = Fnv::default();
        h.str(tag).str("band").write(&(band as u64).to_le_bytes());
        for r in rows {
            h.write(&r.to_le_bytes());
        }
        out.push(h.finish());
    }
    for b in blocks.iter().filter(|b| b.len() >= LEAD_MIN_WORDS).take(2) {
        let lead = hash_words(&b[..LEAD_WORDS.min(b.len())]);
        out.push(
            Fnv::default()
                .str(tag)
                .str("lead")
                .write(&lead.to_le_bytes())
                .finish(),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The Jaccard similarity two signatures estimate: the share of equal slots.
pub fn estimated_jaccard(a: &[u64; HASHES], b: &[u64; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn body(paras: &[&str]) -> Vec<Vec<String>> {
        paras.iter().map(|p| words(p)).collect()
    }

    const P1: &str = "US Secretary of State Antony Blinken said his meeting today with Russian Foreign Minister Sergey Lavrov in Geneva was not a negotiation but a candid exchange.";
    const P2: &str = "He said the United States and its allies were committed to defending certain fundamental principles, and that there was no room to trade them away.";
    const P3: &str = "Blinken said there was no trade space when it came to the sovereign right of the Ukrainian people to write their own future.";

    fn share(a: &[u64], b: &[u64]) -> bool {
        a.iter().any(|k| b.binary_search(k).is_ok())
    }

    #[test]
    fn same_text_with_other_quotes_shares_the_exact_key() {
        let a = keys(EventKind::Post, &body(&["CNN's view, “quoted”."]));
        let b = keys(EventKind::Post, &body(&["CNN’s view, \"quoted\"."]));
        assert_eq!(a, b);
        let bullet = keys(EventKind::Bullet, &body(&["CNN's view, “quoted”."]));
        assert!(!share(&a, &bullet), "kinds never share keys");
    }

    #[test]
    fn trimmed_version_shares_a_lead_key() {
        let full = keys(EventKind::Post, &body(&[P1, P2, P3]));
        let trimmed = keys(EventKind::Post, &body(&[P1]));
        assert!(share(&full, &trimmed));
    }

    #[test]
    fn different_posts_share_nothing() {
        let a = keys(EventKind::Post, &body(&[P1, P3]));
        let b = keys(EventKind::Post, &body(&[P2]));
        assert!(!share(&a, &b));
    }

    #[test]
    fn the_hash_family_estimates_jaccard_without_bias() {
        // Sets of 200 shingles sharing k of them, for k across the range: the mean
        // estimate over 40 pairs is within 0.04 of the true similarity.
        let mut seed = 7u64;
        let mut next = || {
            seed = crate::text::mix(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
            seed
        };
        for shared in [20usize, 60, 100, 140, 180] {
            let truth = shared as f64 / (400 - shared) as f64;
            let mut total = 0.0;
            for _ in 0..40 {
                let common: Vec<u64> = (0..shared).map(|_| next()).collect();
                let mut a = common.clone();
                let mut b = common;
                a.extend((shared..200).map(|_| next()));
                b.extend((shared..200).map(|_| next()));
                total += estimated_jaccard(&signature(&a), &signature(&b));
            }
            let mean = total / 40.0;
            assert!((mean - truth).abs() < 0.04, "{shared}: {mean} vs {truth}");
        }
    }

    #[test]
    fn estimated_jaccard_tracks_overlap() {
        let a = shingles(&words(&[P1, P2, P3].join(" ")), 3);
        let b = shingles(&words(&[P1, P2].join(" ")), 3);
        let j = estimated_jaccard(&signature(&a), &signature(&b));
        assert!((0.45..=0.9).contains(&j), "{j}");
        assert_eq!(estimated_jaccard(&signature(&a), &signature(&a)), 1.0);
    }
}
