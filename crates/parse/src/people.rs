//! Bylines ("By A, B and C, CNN") and contributor lines ("From CNN's A in Kyiv").

use liveline_core::{Byline, Contributor, Span};

use liveline_core::news::is_outlet;

/// Split "A, B and C" into names, at commas and at the word "and". Any white space
/// (pages often use no-break spaces) may stand around them.
fn split_names(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let mut start = 0;
    std::iter::from_fn(move || {
        while start <= b.len() {
            let mut j = start;
            let (cut, next) = loop {
                match b.get(j) {
                    None => break (b.len(), b.len() + 1),
                    Some(b',') => break (j, j + 1),
                    Some(b'a')
                        if b[j..].starts_with(b"and")
                            && spaced(s[..j].chars().next_back())
                            && spaced(s[j + 3..].chars().next()) =>
                    {
                        break (j, j + 3);
                    }
                    _ => j += 1,
                }
            };
            let name = s[start..cut].trim();
            start = next;
            if !name.is_empty() {
                return Some(name);
            }
        }
        None
    })
}

/// The last " in " of `s`: "Ana Ruiz in Kyiv" is ("Ana Ruiz", "Kyiv").
fn split_location(s: &str) -> Option<(&str, &str)> {
    let at = memchr::memrchr_iter(b' ', s.as_bytes()).find(|&at| s[at..].starts_with(" in "))?;
    Some((&s[..at], &s[at + 4..]))
}

/// "CNN's Ana Ruiz" or "CNN’s Ana Ruiz": the outlet and what follows the possessive.
fn possessive(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    memchr::memchr_iter(b's', b).find_map(|at| {
        if b.get(at + 1) != Some(&b' ') {
            return None;
        }
        let head = &s[..at];
        let outlet = head.strip_suffix('\'').or_else(|| head.strip_suffix('’'))?;
        Some((outlet, &s[at + 2..]))
    })
}

/// A name is one to five words, each starting with a capital letter (particles such
/// as "de" and "van" aside).
fn looks_like_name(s: &str) -> bool {
    let mut count = 0;
    for w in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        count += 1;
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let particle = matches!(
            w,
            "de" | "da" | "van" | "von" | "der" | "al" | "bin" | "la" | "le" | "di" | "du"
        );
        if count > 5 || (count == 1 && !capital) || !(capital || particle) {
            return false;
        }
    }
    count > 0
}

/// "By Aditi Sangal, Melissa Mahtani and Meg Wagner, CNN": authors and outlet.
pub(crate) fn byline(line: &str, span: Span) -> Option<Byline<'_>> {
    let rest = line.strip_prefix("By ")?;
    let (names, outlet) = match rest.rsplit_once(", ") {
        Some((names, last)) if is_outlet(last) => (names, Some(last)),
        _ => (rest, None),
    };
    let authors: Vec<&str> = split_names(names).collect();
    if authors.is_empty() || !authors.iter().all(|a| looks_like_name(a)) {
        return None;
    }
    Some(Byline {
        authors: authors.into_iter().map(Into::into).collect(),
        outlet: outlet.map(Into::into),
        span,
    })
}

/// "From CNN's Tim Lister and Oleksandra Ochman in Kyiv" (straight or curly apostrophe):
/// each contributor with outlet and location. A location written only after the last
/// name is taken to apply to every name.
pub(crate) fn contributors(line: &str) -> Option<Vec<Contributor<'_>>> {
    let rest = line.strip_prefix("From ")?;
    let (outlet, names) = possessive(rest)?;
    if outlet.is_empty() || outlet.bytes().filter(|&b| b == b' ').count() > 3 {
        return None;
    }
    // Room for one: most posts have one contributor (an empty list takes room for
    // four at its first).
    let mut out: Vec<Contributor<'_>> = Vec::with_capacity(1);
    for part in split_names(names) {
        let (name, location) = match split_location(part) {
            Some((n, l)) if !l.is_empty() => (n.trim(), Some(l.trim())),
            _ => (part, None),
        };
        if !looks_like_name(name) {
            return None;
        }
        out.push(Contributor {
            name: name.into(),
            outlet: Some(outlet.into()),
            location: location.map(Into::into),
        });
    }
    if out.is_empty() {
        return None;
    }
    let located = out.iter().filter(|c| c.location.is_some()).count();
    if located == 1 && out.last().is_some_and(|c| c.location.is_some()) {
        let loc = out.last().and_then(|c| c.location.clone());
        for c in &mut out {
            c.location = loc.clone();
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_with_outlet() {
        let b = byline(
            "By Aditi Sangal, Melissa Mahtani and Meg Wagner, CNN",
            Span::new(0, 1),
        )
        .unwrap();
        assert_eq!(b.authors, ["Aditi Sangal", "Melissa Mahtani", "Meg Wagner"]);
        assert_eq!(b.outlet.as_deref(), Some("CNN"));
        let b = byline("By Jane Doe and John Roe", Span::default()).unwrap();
        assert_eq!(b.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(b.outlet, None);
        assert!(byline("By the way, this is a sentence.", Span::default()).is_none());
    }

    #[test]
    fn contributors_with_locations_and_apostrophes() {
        let c = contributors("From CNN’s Vasco Cotovio in London").unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].name, "Vasco Cotovio");
        assert_eq!(c[0].outlet.as_deref(), Some("CNN"));
        assert_eq!(c[0].location.as_deref(), Some("London"));
        let c =
            contributors("From CNN's Jennifer Hansler, Kylie Atwood and Veronica Stracqualursi")
                .unwrap();
        let names: Vec<_> = c.iter().map(|c| c.name.as_ref()).collect();
        assert_eq!(
            names,
            ["Jennifer Hansler", "Kylie Atwood", "Veronica Stracqualursi"]
        );
        let c = contributors("From CNN's Tim Lister and Oleksandra Ochman in Kyiv").unwrap();
        assert!(c.iter().all(|c| c.location.as_deref() == Some("Kyiv")));
        let c = contributors("From CNN's Ana Ruiz in Madrid and Li Wei in Beijing").unwrap();
        assert_eq!(c[0].location.as_deref(), Some("Madrid"));
        assert_eq!(c[1].location.as_deref(), Some("Beijing"));
        assert!(contributors("From the start, the talks were difficult.").is_none());
        let c =
            contributors("From CNN's Jennifer Hansler,\u{a0}Kylie Atwood\u{a0}and\u{a0}Ann Lee")
                .unwrap();
        let names: Vec<_> = c.iter().map(|c| c.name.as_ref()).collect();
        assert_eq!(names, ["Jennifer Hansler", "Kylie Atwood", "Ann Lee"]);
        assert_eq!(
            split_names("Sandy Anderson and Andrea Land, Dan Brand").collect::<Vec<_>>(),
            ["Sandy Anderson", "Andrea Land", "Dan Brand"]
        );
    }
}
