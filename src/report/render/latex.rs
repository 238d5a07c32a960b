//! LaTeX for papers: a complete document (booktabs rules, longtable so a table of many
//! allies breaks across pages) that compiles as it is, or whose tables can be pasted into
//! a paper that loads the same two packages. The skeleton is [`super::markup`].

use super::markup::{Grid, Markup};
use crate::report::escape;

#[derive(Debug)]
pub(super) struct Latex;

/// A text column with a cell longer than this wraps.
const LONG: usize = 30;

impl Markup for Latex {
    fn escape(&self, text: &str) -> String {
        escape::latex(text)
    }

    fn begin(&self, title: &str) -> String {
        format!(
            "\\documentclass{{article}}\n\\usepackage[T1]{{fontenc}}\n\\usepackage[utf8]{{inputenc}}\n\\usepackage[a4paper,landscape,margin=1.5cm]{{geometry}}\n\\usepackage{{booktabs,longtable}}\n\\setlength{{\\tabcolsep}}{{4pt}}\n\\begin{{document}}\n\\section*{{{title}}}\n\n"
        )
    }

    fn end(&self) -> String {
        "\\end{document}\n".to_string()
    }

    fn heading(&self, text: &str) -> String {
        format!("\\subsection*{{{text}}}\n\n")
    }

    fn paragraph(&self, text: &str) -> String {
        format!("{text}\n\n")
    }

    fn facts(&self, facts: &[(String, String)]) -> String {
        let items: String = facts
            .iter()
            .map(|(label, value)| format!("  \\item[{label}:] {value}\n"))
            .collect();
        format!("\\begin{{description}}\\setlength{{\\itemsep}}{{0pt}}\n{items}\\end{{description}}\n\n")
    }

    fn table(&self, grid: &Grid) -> String {
        let spec: String = (0..grid.header.len())
            .map(|c| match grid.numeric[c] {
                true => "r",
                // A long text (binding constraints, reasons) wraps in a paragraph column.
                false if grid.rows.iter().any(|r| r[c].chars().count() > LONG) => "p{5cm}",
                false => "l",
            })
            .collect();
        let line = |cells: &[String]| format!("{} \\\\\n", cells.join(" & "));
        let mut out = format!("{{\\footnotesize\n\\begin{{longtable}}{{{spec}}}\n");
        if !grid.caption.is_empty() {
            out.push_str(&format!("\\caption*{{{}}} \\\\\n", grid.caption));
        }
        out.push_str("\\toprule\n");
        out.push_str(&line(&grid.header));
        out.push_str("\\midrule\n\\endhead\n");
        for row in &grid.rows {
            out.push_str(&line(row));
        }
        if let Some(totals) = &grid.totals {
            out.push_str("\\midrule\n");
            out.push_str(&line(totals));
        }
        out.push_str("\\bottomrule\n\\end{longtable}\n}\n\n");
        out
    }
}
