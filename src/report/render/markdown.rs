//! Markdown for proposals: headings, fact lists, pipe tables (numbers aligned right, the
//! totals row in bold) and the notes. The skeleton is [`super::markup`].

use super::markup::{Grid, Markup};
use crate::report::escape;

#[derive(Debug)]
pub(super) struct Markdown;

impl Markup for Markdown {
    fn escape(&self, text: &str) -> String {
        escape::markdown(text)
    }

    fn begin(&self, title: &str) -> String {
        format!("# {title}\n\n")
    }

    fn end(&self) -> String {
        String::new()
    }

    fn heading(&self, text: &str) -> String {
        format!("## {text}\n\n")
    }

    fn paragraph(&self, text: &str) -> String {
        format!("{text}\n\n")
    }

    fn facts(&self, facts: &[(String, String)]) -> String {
        let mut out: String = facts
            .iter()
            .map(|(label, value)| format!("- **{label}:** {value}\n"))
            .collect();
        out.push('\n');
        out
    }

    fn table(&self, grid: &Grid) -> String {
        let bold = |t: &String| {
            if t.is_empty() {
                String::new()
            } else {
                format!("**{t}**")
            }
        };
        let totals: Option<Vec<String>> =
            grid.totals.as_ref().map(|t| t.iter().map(bold).collect());
        let lines: Vec<&Vec<String>> = std::iter::once(&grid.header)
            .chain(&grid.rows)
            .chain(totals.as_ref())
            .collect();
        let widths: Vec<usize> = (0..grid.header.len())
            .map(|c| {
                lines
                    .iter()
                    .map(|l| l[c].chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(3)
            })
            .collect();
        let line = |cells: &[String]| -> String {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .zip(&grid.numeric)
                .map(|((t, &w), &n)| {
                    if n {
                        format!("{t:>w$}")
                    } else {
                        format!("{t:<w$}")
                    }
                })
                .collect();
            format!("| {} |\n", padded.join(" | "))
        };
        let rule: Vec<String> = widths
            .iter()
            .zip(&grid.numeric)
            .map(|(&w, &n)| {
                let dashes = "-".repeat(w - 1);
                if n {
                    format!("{dashes}:")
                } else {
                    format!(":{dashes}")
                }
            })
            .collect();
        let mut out = String::new();
        if !grid.caption.is_empty() {
            out.push_str(&format!("**{}**\n\n", grid.caption));
        }
        out.push_str(&line(&grid.header));
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in lines.iter().skip(1) {
            out.push_str(&line(row));
        }
        out.push('\n');
        out
    }
}
