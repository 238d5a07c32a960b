//! What `solve`'s documents say from the explanation: each ally's reason in words, and
//! the two assumptions the plan is most sensitive to.

use crate::explain::{summary, Summary};
use crate::report::Report;

/// The summary of a report that knows its scenario.
pub fn of(report: &Report<'_>) -> Option<Summary> {
    summary(report.scenario?, report.plan)
}

/// The HTML section appended to a scenario of the report.
pub fn html(report: &Report<'_>, escape: fn(&str) -> String) -> String {
    let Some(summary) = of(report) else {
        return String::new();
    };
    let mut out = String::from("<h3>Why each ally pays what it pays</h3>\n");
    if let Some(line) = crate::report::build::inputs::most_sensitive(&summary.assumptions) {
        out.push_str(&format!("<p>{}</p>\n", escape(&line)));
    }
    out.push_str("<table class=\"reasons\">\n<tr><th>Ally</th><th>Reason</th></tr>\n");
    for (id, reason) in &summary.reasons {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>\n",
            escape(id),
            escape(reason)
        ));
    }
    out.push_str("</table>\n");
    out
}
