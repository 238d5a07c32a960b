//! Text fields made safe for the format they go into, one function per format: control
//! and bidirectional-override characters replaced, formulas neutralised in CSV, markup
//! escaped in Markdown and HTML. Every exporter of a format writes names, titles and
//! notes through its function.

use std::borrow::Cow;

/// Stands in for a character that must not reach an output (ESC, BEL, U+202E …).
pub(super) const REPLACEMENT: char = '\u{FFFD}';

/// Control characters (C0, DEL, C1) and the invisible characters that reorder text
/// (bidirectional marks, embeddings, overrides and isolates).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Replaces unsafe characters: those in `keep` stay, tab, line feed and carriage return
/// become spaces, the rest [`REPLACEMENT`].
fn clean<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep.contains(&c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if keep.contains(&c) || !is_unsafe(c) => c,
                '\t' | '\n' | '\r' => ' ',
                _ => REPLACEMENT,
            })
            .collect(),
    )
}

/// A field of a terminal table or text line: on one line, nothing a terminal obeys.
pub(super) fn plain(text: &str) -> Cow<'_, str> {
    clean(text, &[])
}

/// A CSV text field before quoting (the `csv` writer quotes): unsafe characters
/// replaced, line breaks and tabs kept, a would-be formula prefixed with a single quote.
pub(super) fn csv_text(text: &str) -> String {
    let text = clean(text, &['\t', '\n', '\r']);
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && text.parse::<rust_decimal::Decimal>().is_err();
    if formula {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// LaTeX text: unsafe characters replaced, the ten special characters escaped, Greek
/// letters and the mathematical signs the outputs use (β, Δ, λ, Σ, ≤, ≥, −, →, ∞ …)
/// written as math, and any other character that pdfLaTeX's `T1` fonts cannot set
/// written as its code point, `[U+0416]`, so that a plain pdfLaTeX compiles every
/// document whatever the scenario's names hold.
pub(super) fn latex(text: &str) -> String {
    let text = plain(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            '\u{FFFD}' => out.push('?'),
            c if t1_sets(c) => out.push(c),
            c => match latex_math(c) {
                Some(math) => {
                    out.push('$');
                    out.push_str(math);
                    out.push('$');
                }
                None => out.push_str(&format!("[U+{:04X}]", u32::from(c))),
            },
        }
    }
    out
}

/// Whether pdfLaTeX with `fontenc` T1 and `inputenc` utf8 sets the character as text:
/// ASCII, Latin-1, Latin Extended-A but for the few letters T1 has no glyph for, and the
/// common punctuation (dashes, quotes, daggers, bullet, ellipsis, per mille, euro, ™).
fn t1_sets(c: char) -> bool {
    match u32::from(c) {
        0x20..=0x7E | 0xA0..=0xFF => true,
        0x126 | 0x127 | 0x138 | 0x13F | 0x140 | 0x149 | 0x166 | 0x167 => false,
        0x100..=0x17E => true,
        0x2010..=0x2016 | 0x2018..=0x201A | 0x201C..=0x201E | 0x2020..=0x2022 => true,
        0x2026 | 0x2030 | 0x2039 | 0x203A | 0x20AC | 0x2122 => true,
        _ => false,
    }
}

/// The math-mode form of a Greek letter or a mathematical sign.
fn latex_math(c: char) -> Option<&'static str> {
    #[rustfmt::skip]
    const GREEK_UPPER: [&str; 25] = [
        "\\mathrm{A}", "\\mathrm{B}", "\\Gamma", "\\Delta", "\\mathrm{E}", "\\mathrm{Z}",
        "\\mathrm{H}", "\\Theta", "\\mathrm{I}", "\\mathrm{K}", "\\Lambda", "\\mathrm{M}",
        "\\mathrm{N}", "\\Xi", "\\mathrm{O}", "\\Pi", "\\mathrm{P}", "?", "\\Sigma",
        "\\mathrm{T}", "\\Upsilon", "\\Phi", "\\mathrm{X}", "\\Psi", "\\Omega",
    ];
    #[rustfmt::skip]
    const GREEK_LOWER: [&str; 25] = [
        "\\alpha", "\\beta", "\\gamma", "\\delta", "\\epsilon", "\\zeta", "\\eta",
        "\\theta", "\\iota", "\\kappa", "\\lambda", "\\mu", "\\nu", "\\xi", "o", "\\pi",
        "\\rho", "\\varsigma", "\\sigma", "\\tau", "\\upsilon", "\\phi", "\\chi", "\\psi",
        "\\omega",
    ];
    let code = u32::from(c);
    let greek = |table: &'static [&'static str; 25], first: u32| {
        let index = usize::try_from(code - first).ok()?;
        table.get(index).copied().filter(|t| *t != "?")
    };
    match code {
        0x391..=0x3A9 => greek(&GREEK_UPPER, 0x391),
        0x3B1..=0x3C9 => greek(&GREEK_LOWER, 0x3B1),
        _ => Some(match c {
            '−' => "-",
            '≤' => "\\leq",
            '≥' => "\\geq",
            '≠' => "\\neq",
            '≈' => "\\approx",
            '∞' => "\\infty",
            '∑' => "\\sum",
            '→' => "\\to",
            '←' => "\\leftarrow",
            '′' => "'",
            '″' => "''",
            _ => return None,
        }),
    }
}

/// Markdown text (a heading, a table cell, a list item): on one line, with the
/// characters that make markup or HTML (`\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|`,
/// `~`, `_` but inside a word, and `&` before a name or `#`) escaped with a backslash.
pub(super) fn markdown(text: &str) -> String {
    let text = plain(text);
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let entity = c == '&' && next.is_some_and(|n| n.is_alphanumeric() || n == '#');
        // An underscore inside a word (`bilateral_credit`) makes no emphasis.
        let inside = |n: Option<char>| n.is_some_and(char::is_alphanumeric);
        let emphasis = c == '_' && !(i > 0 && inside(chars.get(i - 1).copied()) && inside(next));
        if entity || emphasis || matches!(c, '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// HTML text, for content and attribute values alike: `&`, `<`, `>`, `"` and `'` as
/// entities, unsafe characters replaced (line breaks and tabs kept).
pub(super) fn html(text: &str) -> String {
    let text = clean(text, &['\t', '\n']);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces the unsafe characters of a markup document made by another library (the
/// SVG charts), keeping its line breaks and tabs; its markup is already escaped.
pub(super) fn markup(text: &str) -> Cow<'_, str> {
    clean(text, &['\t', '\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_escapes_its_special_characters() {
        assert_eq!(
            latex("R&D 50% $5 #1 a_b {x}"),
            "R\\&D 50\\% \\$5 \\#1 a\\_b \\{x\\}"
        );
        assert_eq!(
            latex("\\input{x} ~^"),
            "\\textbackslash{}input\\{x\\} \\textasciitilde{}\\textasciicircum{}"
        );
        assert_eq!(latex("β ≤ 1 \u{1b}[31m"), "$\\beta$ $\\leq$ 1 ?[31m");
        assert_eq!(latex("ΣΑς · ×"), "$\\Sigma$$\\mathrm{A}$$\\varsigma$ · ×");
        assert_eq!(latex("Уa ħ 日"), "[U+0423]a [U+0127] [U+65E5]");
    }

    /// A field as the CSV writers write it: neutralised, then quoted by the `csv` crate.
    fn csv(text: &str) -> String {
        crate::report::csv::record(&[text.to_string()])
            .trim_end_matches('\n')
            .to_string()
    }

    #[test]
    fn csv_neutralises_formulas_but_not_numbers() {
        assert_eq!(csv("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv("+1+2"), "'+1+2");
        assert_eq!(csv("-2+3"), "'-2+3");
        assert_eq!(csv("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv("\tx"), "'\tx");
        assert_eq!(csv("\rx"), "\"'\rx\"");
        assert_eq!(csv("-5"), "-5");
        assert_eq!(csv("-0.25"), "-0.25");
        assert_eq!(csv("+7"), "+7");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("Côte d'Ivoire"), "Côte d'Ivoire");
    }

    #[test]
    fn control_and_bidi_characters_do_not_pass() {
        for text in [
            "a\u{1b}[31mb",
            "a\u{7}b",
            "a\u{202E}b",
            "a\u{2066}b",
            "a\u{85}b",
        ] {
            for out in [
                plain(text).into_owned(),
                csv(text),
                markdown(text),
                html(text),
            ] {
                assert!(!out.chars().any(is_unsafe), "{out:?}");
                assert!(out.contains(REPLACEMENT), "{out:?}");
            }
        }
        assert_eq!(plain("a\nb\tc"), "a b c");
        assert_eq!(html("a\nb"), "a\nb");
    }

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(
            markdown("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            markdown("a|b *c* _d_ [e](f) `g`"),
            "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\`"
        );
        assert_eq!(markdown("Bosnia & Herzegovina"), "Bosnia & Herzegovina");
        assert_eq!(markdown("&lt;"), "\\&lt;");
        assert_eq!(markdown("-5"), "-5");
        assert_eq!(markdown("bilateral_credit"), "bilateral_credit");
    }

    #[test]
    fn html_escapes_every_special_character() {
        assert_eq!(
            html("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
