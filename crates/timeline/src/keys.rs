//! Merge keys: two versions of an event that share a key are the same event.
//!
//! A version's keys are
//! - one **exact** key: the hash of all its words (quotes, case and spacing aside);
//! - **near-duplicate** keys: a MinHash signature of its 3-word shingles cut into
//!   [`BANDS`] bands of [`ROWS`] rows, one key a band (locality-sensitive hashing).
//!   The signature is a one-permutation MinHash: each shingle is hashed once and
//!   kept, when least, in the one of [`HASHES`] bins its hash falls in; a bin no
//!   shingle fell in takes the value of another, chosen by a fixed sequence of probes
//!   (optimal densification), so that two texts that fill the same bins fill the
//!   empty ones alike. Each slot is equal in two signatures with probability the
//!   Jaccard similarity J of the shingle sets, as with sixty hash functions, for one
//!   hash a shingle instead of sixty. Two texts whose shingle sets have Jaccard
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

use crate::text::{Body, Fnv, hash_words, mix, shingles};

/// Slots of a MinHash signature (bins of the one-permutation hash).
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

/// The MinHash signature of a shingle set (repeats allowed): for each of [`HASHES`]
/// bins, the least hash that falls in it; then each empty bin filled from the first
/// full bin of its own fixed sequence of probes. All slots are `u64::MAX` for no
/// shingles.
pub fn signature(shingles: &[u64]) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    let mut full = 0u64;
    for &s in shingles {
        let h = mix(s);
        let bin = bin(h);
        sig[bin] = sig[bin].min(h);
        full |= 1 << bin;
    }
    if full == 0 || full.count_ones() as usize == HASHES {
        return sig;
    }
    let filled = sig;
    for (i, slot) in sig.iter_mut().enumerate() {
        if full & (1 << i) != 0 {
            continue;
        }
        // Probe bins mix(i, attempt) until a full one: the sequence depends on the bin
        // alone, never on the text.
        let mut attempt = 0u64;
        loop {
            let j = ((u128::from(mix((i as u64) << 32 | attempt)) * HASHES as u128) >> 64) as usize;
            if full & (1 << j) != 0 {
                *slot = filled[j];
                break;
            }
            attempt += 1;
        }
    }
    sig
}

const _: () = assert!(HASHES <= 64, "the bins are a 64-bit set");

/// The bin of a hash: the high part of h · [`HASHES`], so that bins split the range
/// evenly and the values in bin i all lie below those in bin i + 1.
fn bin(h: u64) -> usize {
    ((u128::from(h) * HASHES as u128) >> 64) as usize
}

/// The keys of one version of an event of `kind`, whose body is `body`, sorted and
/// without repeats; none for a body without words.
pub fn keys(kind: EventKind, body: &Body) -> Vec<u64> {
    let tag = kind.as_str();
    let all = &body.words;
    if all.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(BANDS + 3);
    out.push(
        Fnv::default()
            .str(tag)
            .str("exact")
            .write(&hash_words(all).to_le_bytes())
            .finish(),
    );
    let sig = signature(&shingles(all, 3));
    for (band, rows) in sig.chunks(ROWS).enumerate() {
        let mut h = Fnv::default();
        h.str(tag).str("band").write(&(band as u64).to_le_bytes());
        for r in rows {
            h.write(&r.to_le_bytes());
        }
        out.push(h.finish());
    }
    for b in body
        .block_words()
        .filter(|b| b.len() >= LEAD_MIN_WORDS)
        .take(2)
    {
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
    use crate::text::word_hashes;

    fn body(paras: &[&str]) -> Body {
        Body::of_texts(paras.iter().copied())
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
    fn the_signature_estimates_jaccard_without_bias() {
        // Sets of 200 shingles (every bin full) and of 30 (most bins filled by
        // densification) sharing k of them, for k across the range: the mean estimate
        // over 60 pairs is within 0.04 of the true similarity.
        let mut seed = 7u64;
        let mut next = || {
            seed = crate::text::mix(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
            seed
        };
        for (size, shared) in [
            (200usize, 20usize),
            (200, 60),
            (200, 100),
            (200, 140),
            (200, 180),
            (30, 3),
            (30, 10),
            (30, 18),
            (30, 26),
        ] {
            let truth = shared as f64 / (2 * size - shared) as f64;
            let mut total = 0.0;
            for _ in 0..60 {
                let common: Vec<u64> = (0..shared).map(|_| next()).collect();
                let mut a = common.clone();
                let mut b = common;
                a.extend((shared..size).map(|_| next()));
                b.extend((shared..size).map(|_| next()));
                total += estimated_jaccard(&signature(&a), &signature(&b));
            }
            let mean = total / 60.0;
            assert!(
                (mean - truth).abs() < 0.04,
                "{size}, {shared}: {mean} vs {truth}"
            );
        }
        assert!(signature(&[]).iter().all(|&s| s == u64::MAX));
        let one = signature(&[42]);
        assert!(
            one.iter().all(|&s| s == one[0]),
            "one shingle fills every bin"
        );
    }

    #[test]
    fn estimated_jaccard_tracks_overlap() {
        let a = shingles(&word_hashes(&[P1, P2, P3].join(" ")), 3);
        let b = shingles(&word_hashes(&[P1, P2].join(" ")), 3);
        let j = estimated_jaccard(&signature(&a), &signature(&b));
        assert!((0.45..=0.9).contains(&j), "{j}");
        assert_eq!(estimated_jaccard(&signature(&a), &signature(&a)), 1.0);
    }
}
