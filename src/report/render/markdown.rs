//! Markdown for proposals: headings, fact lists, pipe tables (numbers aligned right, the
//! totals row in bold) and the notes. The skeleton is [`super::markup`].

use super::markup::{Grid, Markup};
use crate::report::escape;

#[derive(Debug)]
pub struct Markdown;

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
        let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
        let mut out = String::new();
        if !grid.caption.is_empty() {
            out.push_str(&format!("**{}**\n\n", grid.caption));
        }
        out.push_str(&line(&grid.header));
        let rule: Vec<String> = grid
            .numeric
            .iter()
            .map(|&n| if n { "---:" } else { ":---" }.to_string())
            .collect();
        out.push_str(&line(&rule));
        for row in &grid.rows {
            out.push_str(&line(row));
        }
        if let Some(totals) = &grid.totals {
            let bold: Vec<String> = totals
                .iter()
                .map(|t| {
                    if t.is_empty() {
                        String::new()
                    } else {
                        format!("**{t}**")
                    }
                })
                .collect();
            out.push_str(&line(&bold));
        }
        out.push('\n');
        out
    }
}
