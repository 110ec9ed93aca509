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

use crate::text::{Body, Fnv, WordSink, hash_words, mix, push_block_hashes_and};

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
    let mut bins = Bins::default();
    for &s in shingles {
        bins.add(s);
    }
    bins.densified()
}

/// The least hash of the shingles met so far in each bin of a signature, and which
/// bins have one.
#[derive(Clone, Copy, Debug)]
struct Bins {
    least: [u64; HASHES],
    /// Bit i set: bin i has a shingle.
    full: u64,
}

impl Default for Bins {
    fn default() -> Self {
        Bins {
            least: [u64::MAX; HASHES],
            full: 0,
        }
    }
}

impl Bins {
    /// Count a shingle's hash.
    #[inline]
    fn add(&mut self, shingle: u64) {
        let h = mix(shingle);
        let bin = bin(h);
        self.least[bin] = self.least[bin].min(h);
        self.full |= 1 << bin;
    }

    /// The signature: each empty bin filled (see [`signature`]).
    fn densified(&self) -> [u64; HASHES] {
        let mut sig = self.least;
        let full = self.full;
        if full == 0 || full.count_ones() as usize == HASHES {
            return sig;
        }
        for (i, slot) in sig.iter_mut().enumerate() {
            if full & (1 << i) != 0 {
                continue;
            }
            // Probe bins mix(i, attempt) until a full one: the sequence depends on the
            // bin alone, never on the text.
            let mut attempt = 0u64;
            loop {
                let j =
                    ((u128::from(mix((i as u64) << 32 | attempt)) * HASHES as u128) >> 64) as usize;
                if full & (1 << j) != 0 {
                    *slot = self.least[j];
                    break;
                }
                attempt += 1;
            }
        }
        sig
    }
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
    let mut k = Keyer::default();
    for b in body.block_words() {
        k.push_block(b);
    }
    k.keys(kind)
}

/// The multiplier of [`hash_words`]'s polynomial.
const POLY: u64 = 0x9e37_79b9_7f4a_7c15;

/// [`keys`] made block by block: a body's words go in a block at a time, and what the
/// keys need of them so far is all a `Keyer` holds (the exact key's polynomial, the
/// last two words, the signature's bins, the leads), so that a body whose first blocks
/// were met before can go on from where those blocks left it
/// ([`Memo`](crate::Memo) keeps it block by block).
#[derive(Clone, Debug, Default)]
pub struct Keyer {
    /// [`hash_words`] of all the words so far, before its last mix.
    exact: u64,
    /// How many words so far.
    words: usize,
    /// The last two words, the earlier first (zeros before there are two).
    last: [u64; 2],
    /// The 3-word shingles so far.
    bins: Bins,
    /// The lead hashes of the first blocks of at least [`LEAD_MIN_WORDS`] words.
    leads: [u64; 2],
    /// How many of `leads` there are.
    lead_count: usize,
}

impl Keyer {
    /// Add a block whose words' hashes are `block` ([`word_hash`](crate::text::word_hash)
    /// of each).
    pub fn push_block(&mut self, block: &[u64]) {
        for &w in block {
            self.exact = self.exact.wrapping_mul(POLY).wrapping_add(w);
            if self.words >= 2 {
                // hash_words of the three words, written out.
                let [a, b] = self.last;
                let h = a.wrapping_mul(POLY).wrapping_add(b);
                let h = h.wrapping_mul(POLY).wrapping_add(w);
                self.bins.add(mix(h ^ 3));
            }
            self.last = [self.last[1], w];
            self.words += 1;
        }
        if self.lead_count < 2 && block.len() >= LEAD_MIN_WORDS {
            self.leads[self.lead_count] = hash_words(&block[..LEAD_WORDS.min(block.len())]);
            self.lead_count += 1;
        }
    }

    /// Add a block made of the words of `texts` (a label and a text, say), feeding each
    /// word to `also` too (an id being hashed); `words` is room for the block's words.
    pub(crate) fn push_texts(
        &mut self,
        texts: &[&str],
        also: &mut impl WordSink,
        words: &mut Vec<u64>,
    ) {
        words.clear();
        push_block_hashes_and(texts.iter().copied(), words, also);
        self.push_block(words);
    }

    /// How many words have gone in.
    pub fn words(&self) -> usize {
        self.words
    }

    /// What, besides the words in order, the keys depend on: how the words were cut into
    /// blocks, as far as the leads see it. Two keyers given the same words and the same
    /// value here hold the same.
    pub(crate) fn cut(&self) -> u64 {
        let mut h = self.lead_count as u64;
        for &l in &self.leads[..self.lead_count] {
            h = mix(h ^ l);
        }
        h
    }

    /// The keys of the body so far for an event of `kind`: [`keys`] of its blocks.
    pub fn keys(&self, kind: EventKind) -> Vec<u64> {
        let tag = kind.as_str();
        if self.words == 0 {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(BANDS + 3);
        let exact = mix(self.exact ^ self.words as u64);
        out.push(
            Fnv::default()
                .str(tag)
                .str("exact")
                .write(&exact.to_le_bytes())
                .finish(),
        );
        // Fewer than three words make one shingle of all of them.
        let sig = if self.words < 3 {
            signature(&[hash_words(&self.last[2 - self.words..])])
        } else {
            self.bins.densified()
        };
        for (band, rows) in sig.chunks(ROWS).enumerate() {
            let mut h = Fnv::default();
            h.str(tag).str("band").write(&(band as u64).to_le_bytes());
            for r in rows {
                h.write(&r.to_le_bytes());
            }
            out.push(h.finish());
        }
        for lead in &self.leads[..self.lead_count] {
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
}

/// The Jaccard similarity two signatures estimate: the share of equal slots.
pub fn estimated_jaccard(a: &[u64; HASHES], b: &[u64; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{shingles, word_hashes};

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

    /// The keys as first written: each part from all the words at once.
    fn keys_at_once(kind: EventKind, body: &Body) -> Vec<u64> {
        let tag = kind.as_str();
        let all = &body.words;
        if all.is_empty() {
            return Vec::new();
        }
        let fnv = |part: &str, v: u64| {
            Fnv::default()
                .str(tag)
                .str(part)
                .write(&v.to_le_bytes())
                .finish()
        };
        let mut out = vec![fnv("exact", hash_words(all))];
        let sig = signature(&shingles(all, 3));
        for (band, rows) in sig.chunks(ROWS).enumerate() {
            // The band's number and rows as one run of bytes.
            let bytes: Vec<u8> = std::iter::once(band as u64)
                .chain(rows.iter().copied())
                .flat_map(u64::to_le_bytes)
                .collect();
            out.push(Fnv::default().str(tag).str("band").write(&bytes).finish());
        }
        for b in body
            .block_words()
            .filter(|b| b.len() >= LEAD_MIN_WORDS)
            .take(2)
        {
            out.push(fnv("lead", hash_words(&b[..LEAD_WORDS.min(b.len())])));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn keys_made_block_by_block_are_those_made_at_once() {
        // Bodies of 0 to 7 blocks of 0 to 30 words drawn from a small vocabulary (so
        // that shingles repeat), and the three seeds' paragraphs above.
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = mix(seed.wrapping_add(POLY));
            seed % n
        };
        let mut bodies = vec![
            body(&[P1, P2, P3]),
            body(&[]),
            body(&["", "One", "two words"]),
        ];
        for _ in 0..400 {
            let mut b = Body::default();
            for _ in 0..next(8) {
                let words: Vec<u64> = (0..next(31)).map(|_| next(40)).collect();
                b.push_block_hashes(&words);
            }
            bodies.push(b);
        }
        let mut counted = [0usize; 3];
        for b in &bodies {
            for kind in [EventKind::Post, EventKind::Article] {
                assert_eq!(keys(kind, b), keys_at_once(kind, b), "{b:?}");
            }
            counted[b.words.len().min(3).div_ceil(2)] += 1;
        }
        // Bodies of no words, of one or two, and of three or more were all met.
        assert!(counted.iter().all(|&c| c > 0), "{counted:?}");
        // A keyer says how many words went in.
        let mut k = Keyer::default();
        for b in bodies[0].block_words() {
            k.push_block(b);
        }
        assert_eq!(k.words(), bodies[0].words.len());
    }
}
