//! Normalised words, shingles and the stable hashes that ids and merge keys are made
//! of. The hashes are FNV-1a and SplitMix64, written out here so that ids never change
//! with a dependency's version.

/// FNV-1a, 64 bits.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Feed bytes.
    pub fn write(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    /// Feed a string and a separator that no string holds, so that ("ab", "c") and
    /// ("a", "bc") differ.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.write(s.as_bytes()).write(&[0xff])
    }

    /// The hash, mixed once more so that close inputs give far-apart values.
    pub fn finish(&self) -> u64 {
        mix(self.0)
    }
}

/// SplitMix64's finaliser: a bijection of u64 that spreads every input bit.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The words of `s` for comparing texts: runs of letters and digits in lower case, with
/// apostrophes inside a word dropped ("CNN's" and "CNN’s" are both "cnns"). Quotes,
/// dashes, punctuation and white space only separate words.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | 'ʼ')
            && !word.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // Inside a word: skip it.
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// How many words [`words`] finds in `s`, without making them.
pub fn word_count(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if !in_word {
                n += 1;
                in_word = true;
            }
        } else if matches!(c, '\'' | '’' | 'ʼ')
            && in_word
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // Inside a word.
        } else {
            in_word = false;
        }
    }
    n
}

/// The hashes of the `n`-word shingles of `words` (one shingle of all the words when
/// there are fewer than `n`; none for no words), sorted and without repeats.
pub fn shingles(words: &[String], n: usize) -> Vec<u64> {
    let mut out: Vec<u64> = if words.len() < n {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![hash_words(words)]
        }
    } else {
        words.windows(n).map(hash_words).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The hash of a run of words.
pub fn hash_words(words: &[String]) -> u64 {
    let mut h = Fnv::default();
    for w in words {
        h.str(w);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_count_agrees_with_words() {
        for s in [
            "",
            "CNN's \"talks\" - on Friday, 21 January",
            "'quoted' it’s ʼx l'",
            "één twee — drie…",
            "a''b a'",
        ] {
            assert_eq!(word_count(s), words(s).len(), "{s:?}");
        }
    }

    #[test]
    fn words_ignore_case_quotes_and_punctuation() {
        assert_eq!(
            words("CNN’s “Blinken” — says: 100,000 troops!"),
            ["cnns", "blinken", "says", "100", "000", "troops"]
        );
        assert_eq!(words("CNN's 'Blinken'"), words("CNN’s “Blinken”"));
        assert_eq!(words("Zelensky's Kyiv"), ["zelenskys", "kyiv"]);
        assert!(words(" — … ").is_empty());
    }

    #[test]
    fn shingles_of_short_and_long_texts() {
        let w = words("one two three four");
        assert_eq!(shingles(&w, 3).len(), 2);
        assert_eq!(shingles(&words("one two"), 3).len(), 1);
        assert!(shingles(&[], 3).is_empty());
    }

    #[test]
    fn hashes_are_stable() {
        // Ids are made of these: they must never change.
        assert_eq!(Fnv::default().write(b"a").0, 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix(0), 0xe220_a839_7b1d_cdaf);
    }
}
