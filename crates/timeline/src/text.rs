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

    /// Where the hashing stands: what it goes on from.
    pub(crate) fn state(&self) -> u64 {
        self.0
    }

    /// Hashing that goes on from `state` (what [`Fnv::state`] gave).
    pub(crate) fn from_state(state: u64) -> Self {
        Fnv(state)
    }
}

/// SplitMix64's finaliser: a bijection of u64 that spreads every input bit.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What the words of a text are fed to as [`scan_words`] reads them.
pub trait WordSink {
    /// Some bytes of the current word (normalised: lower case, no apostrophes).
    fn bytes(&mut self, b: &[u8]);
    /// The current word has ended.
    fn end(&mut self);
}

/// `char::is_alphanumeric`, told at once for the characters of the General Punctuation
/// block (U+2000 to U+206F: spaces, dashes, curly quotes, the ellipsis), none of which is
/// a letter or digit, and which news text is full of; the others through Unicode's
/// tables, as `char` does.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

/// Feed the words of `s` to `sink` without building them: runs of letters and digits
/// in lower case, with apostrophes inside a word dropped ("CNN's" and "CNN’s" are both
/// "cnns"). Quotes, dashes, punctuation and white space only separate words.
pub fn scan_words(s: &str, sink: &mut impl WordSink) {
    let b = s.as_bytes();
    let mut in_word = false;
    let mut i = 0;
    // Whether the character at byte `j` is a letter or digit.
    let alnum_at = |j: usize| {
        b.get(j).is_some_and(|&c| {
            if c < 0x80 {
                c.is_ascii_alphanumeric()
            } else {
                s[j..].chars().next().is_some_and(is_alphanumeric)
            }
        })
    };
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_alphanumeric() {
                sink.bytes(&[c.to_ascii_lowercase()]);
                in_word = true;
            } else if c == b'\'' && in_word && alnum_at(i + 1) {
                // Inside a word: skip it.
            } else if in_word {
                sink.end();
                in_word = false;
            }
            i += 1;
            continue;
        }
        let ch = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        let len = ch.len_utf8();
        if is_alphanumeric(ch) {
            let mut buf = [0u8; 4];
            for l in ch.to_lowercase() {
                sink.bytes(l.encode_utf8(&mut buf).as_bytes());
            }
            in_word = true;
        } else if matches!(ch, '’' | 'ʼ') && in_word && alnum_at(i + len) {
            // Inside a word: skip it.
        } else if in_word {
            sink.end();
            in_word = false;
        }
        i += len;
    }
    if in_word {
        sink.end();
    }
}

impl WordSink for Fnv {
    fn bytes(&mut self, b: &[u8]) {
        self.write(b);
    }

    /// A word is fed as [`Fnv::str`] feeds a string: its bytes, then a separator.
    fn end(&mut self) {
        self.write(&[0xff]);
    }
}

/// Feeds words to two sinks.
struct Tee<'a, A, B>(&'a mut A, &'a mut B);

impl<A: WordSink, B: WordSink> WordSink for Tee<'_, A, B> {
    fn bytes(&mut self, b: &[u8]) {
        self.0.bytes(b);
        self.1.bytes(b);
    }

    fn end(&mut self) {
        self.0.end();
        self.1.end();
    }
}

/// Takes words and does nothing with them.
struct Nothing;

impl WordSink for Nothing {
    fn bytes(&mut self, _: &[u8]) {}
    fn end(&mut self) {}
}

/// Collects words as strings.
#[derive(Default)]
struct Collect {
    word: Vec<u8>,
    out: Vec<String>,
}

impl WordSink for Collect {
    fn bytes(&mut self, b: &[u8]) {
        self.word.extend_from_slice(b);
    }

    fn end(&mut self) {
        let w = std::mem::take(&mut self.word);
        self.out.push(
            String::from_utf8(w)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        );
    }
}

/// The words of `s` for comparing texts, as [`scan_words`] finds them.
pub fn words(s: &str) -> Vec<String> {
    let mut c = Collect::default();
    scan_words(s, &mut c);
    c.out
}

/// Collects the hash of each word: [`word_hash`] without building the word.
struct Hashes<'v> {
    word: Fnv,
    out: &'v mut Vec<u64>,
}

impl<'v> Hashes<'v> {
    fn appending_to(out: &'v mut Vec<u64>) -> Self {
        Hashes {
            word: Fnv::default(),
            out,
        }
    }
}

impl WordSink for Hashes<'_> {
    fn bytes(&mut self, b: &[u8]) {
        self.word.write(b);
    }

    fn end(&mut self) {
        self.out.push(std::mem::take(&mut self.word).finish());
    }
}

/// The hash of one word (as [`words`] makes them).
pub fn word_hash(word: &str) -> u64 {
    Fnv::default().write(word.as_bytes()).finish()
}

/// Append the hash of each word of `s` ([`word_hash`] of each of [`words`]) to `out`.
pub fn push_word_hashes(s: &str, out: &mut Vec<u64>) {
    scan_words(s, &mut Hashes::appending_to(out));
}

/// The hashes of the words of `s`.
pub fn word_hashes(s: &str) -> Vec<u64> {
    let mut out = Vec::new();
    push_word_hashes(s, &mut out);
    out
}

/// The words of an event's body as hashes ([`word_hash`]), block by block: what merge
/// keys are made of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// The hash of each word, in order.
    pub words: Vec<u64>,
    /// Where each block's words are in `words`.
    pub blocks: Vec<std::ops::Range<usize>>,
}

impl Body {
    /// A body of one block a text.
    pub fn of_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Body {
        let mut b = Body::default();
        for t in texts {
            b.push_block([t]);
        }
        b
    }

    /// Add a block made of the words of `texts` (a label and a text, say).
    pub fn push_block<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) {
        self.push_block_and(texts, &mut Nothing);
    }

    /// [`Body::push_block`], feeding each word to `also` too (an id being hashed), so
    /// that the texts are read once.
    pub fn push_block_and<'a>(
        &mut self,
        texts: impl IntoIterator<Item = &'a str>,
        also: &mut impl WordSink,
    ) {
        let start = self.words.len();
        push_block_hashes_and(texts, &mut self.words, also);
        self.blocks.push(start..self.words.len());
    }

    /// Add a block whose words' hashes are known (what [`Body::push_block`] would add
    /// for its texts).
    pub fn push_block_hashes(&mut self, hashes: &[u64]) {
        let start = self.words.len();
        self.words.extend_from_slice(hashes);
        self.blocks.push(start..self.words.len());
    }

    /// The words of each block.
    pub fn block_words(&self) -> impl Iterator<Item = &[u64]> {
        self.blocks.iter().map(|r| &self.words[r.clone()])
    }
}

/// Append the hash of each word of `texts` ([`push_word_hashes`] of each) to `out`,
/// feeding each word to `also` too (an id being hashed), so that the texts are read
/// once.
pub(crate) fn push_block_hashes_and<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    out: &mut Vec<u64>,
    also: &mut impl WordSink,
) {
    for t in texts {
        scan_words(t, &mut Tee(&mut Hashes::appending_to(out), also));
    }
}

/// How many words [`words`] finds in `s`, without making them.
pub fn word_count(s: &str) -> usize {
    struct Count(usize);
    impl WordSink for Count {
        fn bytes(&mut self, _: &[u8]) {}
        fn end(&mut self) {
            self.0 += 1;
        }
    }
    let mut n = Count(0);
    scan_words(s, &mut n);
    n.0
}

/// The hash of a run of words given by their hashes ([`word_hash`]): a polynomial in
/// them, mixed; it depends on their order.
pub fn hash_words(words: &[u64]) -> u64 {
    let mut h = 0u64;
    for &w in words {
        h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(w);
    }
    mix(h ^ words.len() as u64)
}

/// The hashes of the `n`-word shingles of `words` (word hashes; one shingle of all
/// the words when there are fewer than `n`; none for no words), in text order, repeats
/// kept.
pub fn shingles(words: &[u64], n: usize) -> Vec<u64> {
    if words.len() < n {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![hash_words(words)]
        }
    } else {
        words.windows(n).map(hash_words).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_are_those_of_char() {
        // Every Unicode scalar value, so that a Unicode version that puts a letter in
        // the block told at once fails here.
        let differ: Vec<char> = (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_alphanumeric(c) != c.is_alphanumeric())
            .collect();
        assert!(differ.is_empty(), "{differ:?}");
    }

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
        let w = word_hashes("one two three four");
        assert_eq!(shingles(&w, 3).len(), 2);
        assert_eq!(shingles(&word_hashes("one two"), 3).len(), 1);
        let ab = shingles(&word_hashes("a b c"), 3);
        let ba = shingles(&word_hashes("b a c"), 3);
        assert_ne!(ab, ba, "order counts");
        assert!(shingles(&[], 3).is_empty());
    }

    #[test]
    fn hashes_are_stable() {
        // Ids are made of these: they must never change.
        assert_eq!(Fnv::default().write(b"a").0, 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix(0), 0xe220_a839_7b1d_cdaf);
    }
}
