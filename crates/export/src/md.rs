//! `md`: a readable timeline in Markdown, grouped by day (undated events last): each
//! event a heading with its local and UTC time and headline, its paragraphs, its
//! captions with credits, its byline and its sources. Text is escaped so that nothing
//! in it is read as Markdown or HTML.

use std::io::Write;

use liveline_core::{Event, Export, ExportError, Precision, Timeline};

use crate::text::{
    byline, captions, day_heading, local_date, local_label, paragraphs, source_ref, title,
    utc_label,
};

/// The `md` format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Markdown;

/// `s` as a Markdown code span, shown as it is whatever it holds: between runs of
/// backticks longer than any in it, line breaks made spaces (a code span is on one
/// line here). A space goes inside the backticks when `s` starts or ends with a
/// backtick, or starts and ends with a space (CommonMark takes one off each end then).
pub fn code_span(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let spaced = s.starts_with(' ') && s.ends_with(' ') && !s.trim_start_matches(' ').is_empty();
    let pad = if s.starts_with('`') || s.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// `s` escaped so that Markdown reads it as text: the characters that mark up inline
/// text (`\\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|`, `&`, `~`) backslash-escaped
/// everywhere, and what would open a block at the start of a line (`#`, `-`, `+`, `=`,
/// "1." or "1)") escaped there; line breaks become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let s = s.replace(['\n', '\r'], " ");
    let start = s.trim_start();
    out.push_str(&s[..s.len() - start.len()]);
    let digits = start.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in start.char_indices() {
        let opens_block = (i == 0 && matches!(c, '#' | '-' | '+' | '='))
            || (digits > 0 && i == digits && matches!(c, '.' | ')'));
        if opens_block
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The heading an event is grouped under: its day ("Friday 21 January 2022"), the
/// month or year it is known to ("2014"), or "Undated".
pub fn group(e: &Event) -> String {
    match (local_date(e), &e.when) {
        (Some(d), _) => day_heading(d),
        (None, Some(w)) => w.local.to_string(),
        (None, None) => "Undated".to_owned(),
    }
}

fn event(out: &mut dyn Write, e: &Event) -> std::io::Result<()> {
    let mut heading = match &e.when {
        Some(w) => {
            let mut h = local_label(w);
            if w.precision == Precision::Minute
                && let Some(u) = utc_label(w)
            {
                h.push_str(" · ");
                h.push_str(&u);
            }
            h
        }
        None => "undated".to_owned(),
    };
    heading = escape(&heading);
    match &e.headline {
        Some(h) => writeln!(out, "### {heading} — {}\n", escape(h))?,
        None => writeln!(
            out,
            "### {heading} — {}\n",
            e.kind.as_str().replace('_', " ")
        )?,
    }
    for p in paragraphs(e) {
        writeln!(out, "{}\n", escape(p))?;
    }
    for (caption, credit) in captions(e) {
        match credit {
            Some(c) => writeln!(out, "*Picture:* {} *({})*\n", escape(caption), escape(c))?,
            None => writeln!(out, "*Picture:* {}\n", escape(caption))?,
        }
    }
    if !e.contributors.is_empty() {
        writeln!(out, "By {}  ", escape(&byline(e)))?;
    }
    let sources: Vec<String> = e
        .sources
        .iter()
        .map(|s| code_span(&source_ref(s)))
        .collect();
    writeln!(
        out,
        "Sources: {} · id {}\n",
        sources.join(", "),
        code_span(&e.id)
    )?;
    Ok(())
}

impl Export for Markdown {
    fn name(&self) -> &str {
        "md"
    }

    fn extension(&self) -> &str {
        "md"
    }

    fn media_type(&self) -> &str {
        "text/markdown"
    }

    fn description(&self) -> &str {
        "a readable timeline grouped by day: times, headlines, text, captions, bylines, sources"
    }

    fn write(&self, t: &Timeline, out: &mut dyn Write) -> Result<(), ExportError> {
        writeln!(out, "# {}\n", escape(&title(t)))?;
        writeln!(
            out,
            "{} events from {} sources:\n",
            t.events.len(),
            t.sources.len()
        )?;
        for s in &t.sources {
            writeln!(
                out,
                "- `{}`{}",
                s.id,
                s.title
                    .as_deref()
                    .map(|t| format!(" — {}", escape(t)))
                    .unwrap_or_default()
            )?;
        }
        writeln!(out)?;
        let mut last: Option<String> = None;
        for e in &t.events {
            let group = group(e);
            if last.as_ref() != Some(&group) {
                writeln!(out, "## {}\n", escape(&group))?;
                last = Some(group);
            }
            event(out, e)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping_keeps_text_text() {
        assert_eq!(
            escape("a *b* _c_ [d](e) <f> & g|h ~i~ `j` \\"),
            "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\& g\\|h \\~i\\~ \\`j\\` \\\\"
        );
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("2022. A year"), "2022\\. A year");
        assert_eq!(
            escape("Ukraine-Russia 2.5 percent."),
            "Ukraine-Russia 2.5 percent."
        );
        assert_eq!(escape("two\nlines"), "two lines");
    }
}
