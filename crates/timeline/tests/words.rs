//! The word scanner that ids and merge keys are read with agrees, on any text, with
//! the plain definition of a word: a run of letters and digits in lower case, an
//! apostrophe between two of its letters dropped.

use liveline_timeline::text::{Body, Fnv, word_count, word_hash, word_hashes, words};
use proptest::prelude::*;

/// The definition, written the slow, obvious way: one char at a time.
fn reference(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | 'ʼ') && !word.is_empty() && next_alnum {
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

use liveline_testkit::proptest_cases as cases;

/// Text made of the characters words are cut at, and letters of several scripts and
/// cases (some whose lower case is longer in bytes, or two characters).
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("'".to_owned()),
        Just("’".to_owned()),
        Just("ʼ".to_owned()),
        Just(" ".to_owned()),
        Just("—".to_owned()),
        Just(",".to_owned()),
        Just("İ".to_owned()),
        Just("Σ".to_owned()),
        Just("Ⅻ".to_owned()),
        Just("٣".to_owned()),
        "[a-zA-Z0-9]{1,6}",
        // Words longer than the scanner's buffer of lower-cased letters.
        "[a-zA-Z0-9]{60,140}",
        "[à-ÿА-я]{1,3}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(2000)))]

    #[test]
    fn words_are_the_plain_definition(s in text()) {
        let w = words(&s);
        prop_assert_eq!(&w, &reference(&s));
        prop_assert_eq!(word_count(&s), w.len());
        let hashes: Vec<u64> = w.iter().map(|w| word_hash(w)).collect();
        prop_assert_eq!(word_hashes(&s), hashes);
    }

    #[test]
    fn a_body_is_its_blocks_words(a in text(), b in text()) {
        let body = Body::of_texts([a.as_str(), b.as_str()]);
        let blocks: Vec<&[u64]> = body.block_words().collect();
        let (wa, wb) = (word_hashes(&a), word_hashes(&b));
        prop_assert_eq!(blocks, vec![&wa[..], &wb[..]]);
        // Words fed to a second sink on the way are the words, in order.
        let mut both = Body::default();
        let mut seen = Fnv::default();
        both.push_block_and([a.as_str(), b.as_str()], &mut seen);
        let mut alone = Fnv::default();
        for w in words(&a).iter().chain(&words(&b)) {
            alone.str(w);
        }
        prop_assert_eq!(seen.finish(), alone.finish());
        prop_assert_eq!(both.words, [wa, wb].concat());
    }
}

#[test]
fn words_of_news_text() {
    assert_eq!(
        words("CNN’s “Blinken” — says: 100,000 troops! L'Aquila ’tis"),
        [
            "cnns", "blinken", "says", "100", "000", "troops", "laquila", "tis"
        ]
    );
}
