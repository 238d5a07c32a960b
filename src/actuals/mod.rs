//! Actuals: the amounts each ally delivered in the years that have passed, read from a
//! YAML or CSV file and checked against a scenario (known allies and years, amounts that
//! are numbers and not negative, no duplicates, every ally in every year given), with
//! the bilateral aid allies actually gave in those years where the file states it.

mod csv;
mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::money::Money;
use crate::scenario::limits::{parse_number, NumberError};
use crate::scenario::schema::suggest;
use crate::scenario::{read_input, Origin, Problem, Scenario, Severity};

/// Checked actuals: the first `years.len()` years of the scenario, in order, with an
/// amount for every ally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actuals {
    /// The past years, a prefix of the scenario's years.
    pub years: Vec<i32>,
    /// `delivered[i][k]`: what scenario ally `i` delivered in past year `k`.
    pub delivered: Vec<Vec<Money>>,
    /// `bilateral[i][k]`: the bilateral aid ally `i` actually gave in past year `k`, where
    /// the file gives it (empty when it gives none).
    pub bilateral: Vec<Vec<Option<Money>>>,
}

impl Actuals {
    /// Number of past years.
    pub fn past(&self) -> usize {
        self.years.len()
    }

    /// What ally `i` delivered over all past years.
    pub fn total(&self, i: usize) -> Money {
        self.delivered[i].iter().sum()
    }

    /// The bilateral aid ally `i` actually gave in past year `k`, when the file says.
    pub fn bilateral_given(&self, i: usize, k: usize) -> Option<Money> {
        self.bilateral.get(i)?.get(k).copied().flatten()
    }

    /// Whether the file gives any bilateral aid actually given.
    pub fn has_bilateral(&self) -> bool {
        self.bilateral.iter().flatten().any(Option::is_some)
    }
}

/// Actuals that could not be read: every problem found, as for a scenario.
pub type InvalidActuals = crate::scenario::InvalidInput;

/// One amount as written: year, ally and amount text, with where each was written.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub path: String,
    pub year: (String, Origin),
    pub ally: (String, Origin),
    pub amount: (String, Origin),
}

/// What a reader found: the entries, the unit the file states (if any) and problems.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub entries: Vec<Entry>,
    /// Bilateral aid actually given (optional, any allies).
    pub bilateral: Vec<Entry>,
    pub currency: Option<(String, Origin)>,
    pub unit: Option<(String, Origin)>,
    pub problems: Vec<Problem>,
}

pub(crate) fn problem(origin: &Origin, path: &str, message: impl Into<String>) -> Problem {
    let mut p = Problem::new(Severity::Error, path, message);
    p.origin = Some(origin.clone());
    p
}

/// Reads an actuals file (CSV for a `.csv` name, YAML otherwise) and checks it.
pub fn load(path: &Path, scenario: &Scenario) -> Result<Actuals, InvalidActuals> {
    let file = Arc::new(path.to_path_buf());
    let text = read_input(path).map_err(|e| InvalidActuals {
        problems: vec![problem(
            &Origin {
                file: file.clone(),
                line: 0,
                column: 0,
            },
            "",
            format!("cannot read the actuals: {e}"),
        )],
    })?;
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    parse(&text, file, is_csv, scenario)
}

/// Parses actuals text; `file` names it in messages.
pub fn parse(
    text: &str,
    file: Arc<PathBuf>,
    is_csv: bool,
    scenario: &Scenario,
) -> Result<Actuals, InvalidActuals> {
    let read = if is_csv {
        csv::read(text, &file)
    } else {
        yaml::read(text, &file)
    };
    check(read, &file, scenario)
}

fn start(file: &Arc<PathBuf>) -> Origin {
    Origin {
        file: file.clone(),
        line: 1,
        column: 1,
    }
}

/// What the entries say per scenario ally and year: the amount (None when it could not
/// be read) and where it was written.
type Cells = Vec<Vec<Option<(Option<Money>, Origin)>>>;

/// Checks what was read against the scenario; every problem at once.
fn check(read: Read, file: &Arc<PathBuf>, scenario: &Scenario) -> Result<Actuals, InvalidActuals> {
    let mut problems = read.problems;
    for (given, wanted, field) in [
        (read.currency, &scenario.currency, "currency"),
        (read.unit, &scenario.unit, "unit"),
    ] {
        if let Some((text, origin)) = given.filter(|(t, _)| !t.trim().eq_ignore_ascii_case(wanted))
        {
            let mut p = problem(
                &origin,
                field,
                format!("the actuals are in {field} `{text}` but the scenario's is `{wanted}`"),
            );
            p.hint = Some(format!(
                "convert the amounts to {} {}",
                scenario.currency, scenario.unit
            ));
            problems.push(p);
        }
    }
    let (cells, seen) = collect(&read.entries, scenario, &mut problems);
    let past = coverage(&cells, &seen, file, scenario, &mut problems);
    let (given, given_years) = collect(&read.bilateral, scenario, &mut problems);
    for (y, origin) in given_years.iter().filter(|(y, _)| *y >= past) {
        problems.push(problem(
            origin,
            "bilateral",
            format!(
                "bilateral aid is given for {} but the actuals deliver nothing that year",
                scenario.years[*y]
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(InvalidActuals { problems });
    }
    let amount = |c: &Option<(Option<Money>, Origin)>| c.as_ref().and_then(|(m, _)| *m);
    let bilateral = if read.bilateral.is_empty() {
        Vec::new()
    } else {
        given
            .iter()
            .map(|row| row[..past].iter().map(amount).collect())
            .collect()
    };
    Ok(Actuals {
        years: scenario.years[..past].to_vec(),
        delivered: cells
            .iter()
            .map(|row| {
                row[..past]
                    .iter()
                    .map(|c| amount(c).unwrap_or(Money::ZERO))
                    .collect()
            })
            .collect(),
        bilateral,
    })
}

/// Places each entry in its cell; returns the cells and the years seen, in file order.
fn collect(
    entries: &[Entry],
    scenario: &Scenario,
    problems: &mut Vec<Problem>,
) -> (Cells, Vec<(usize, Origin)>) {
    let mut cells: Cells = vec![vec![None; scenario.year_count()]; scenario.allies.len()];
    let mut seen: Vec<(usize, Origin)> = Vec::new();
    for entry in entries {
        let year = year_index(entry, scenario, problems);
        let ally = ally_index(entry, scenario, problems);
        let amount = amount(entry, problems);
        let Some(y) = year else { continue };
        if !seen.iter().any(|(k, _)| *k == y) {
            seen.push((y, entry.year.1.clone()));
        }
        let Some(i) = ally else { continue };
        match &cells[i][y] {
            Some((_, first)) => problems.push(problem(
                &entry.ally.1,
                &entry.path,
                format!(
                    "{} in {} is given twice (first at line {})",
                    scenario.allies[i].id, scenario.years[y], first.line
                ),
            )),
            None => cells[i][y] = Some((amount, entry.ally.1.clone())),
        }
    }
    (cells, seen)
}

fn year_index(entry: &Entry, scenario: &Scenario, problems: &mut Vec<Problem>) -> Option<usize> {
    let (text, origin) = &entry.year;
    let Ok(year) = text.trim().parse::<i32>() else {
        problems.push(problem(
            origin,
            &entry.path,
            format!("`{text}` is not a year"),
        ));
        return None;
    };
    let found = scenario.years.iter().position(|y| *y == year);
    if found.is_none() {
        let (first, last) = (scenario.years[0], scenario.years[scenario.year_count() - 1]);
        problems.push(problem(
            origin,
            &entry.path,
            format!("{year} is not a year of the scenario ({first}–{last})"),
        ));
    }
    found
}

fn ally_index(entry: &Entry, scenario: &Scenario, problems: &mut Vec<Problem>) -> Option<usize> {
    let (id, origin) = &entry.ally;
    let found = scenario.allies.iter().position(|a| a.id == id.trim());
    if found.is_none() {
        let ids: Vec<&str> = scenario.allies.iter().map(|a| a.id.as_str()).collect();
        let mut p = problem(
            origin,
            &entry.path,
            format!("the scenario has no ally `{id}`"),
        );
        p.hint = suggest(id.trim(), &ids).map(|s| format!("did you mean `{s}`?"));
        problems.push(p);
    }
    found
}

fn amount(entry: &Entry, problems: &mut Vec<Problem>) -> Option<Money> {
    let (text, origin) = &entry.amount;
    match parse_number(text) {
        Ok(v) if v.is_sign_negative() && !v.is_zero() => {
            problems.push(problem(
                origin,
                &entry.path,
                format!("a delivered amount cannot be negative, found {v}"),
            ));
            None
        }
        Ok(v) => Some(Money::new(v)),
        Err(NumberError::NotANumber) => {
            problems.push(problem(
                origin,
                &entry.path,
                format!("`{text}` is not an amount"),
            ));
            None
        }
        Err(e) => {
            problems.push(problem(origin, &entry.path, e.message(text.trim())));
            None
        }
    }
}

/// The number of past years: the years given must be the scenario's first ones, and
/// every ally needs an amount in each of them.
fn coverage(
    cells: &Cells,
    seen: &[(usize, Origin)],
    file: &Arc<PathBuf>,
    scenario: &Scenario,
    problems: &mut Vec<Problem>,
) -> usize {
    let past = seen.iter().map(|(y, _)| y + 1).max().unwrap_or(0);
    if seen.is_empty() && problems.is_empty() {
        problems.push(problem(&start(file), "", "the actuals give no amounts"));
    }
    for (y, &year) in scenario.years.iter().enumerate().take(past) {
        let Some((_, origin)) = seen.iter().find(|(k, _)| *k == y) else {
            let later = seen.iter().find(|(k, _)| *k > y).map(|(_, o)| o.clone());
            let mut p = problem(
                &later.unwrap_or_else(|| start(file)),
                "",
                format!("the actuals skip {year}: past years run from the scenario's first year without gaps"),
            );
            p.hint = Some(format!("give what each ally delivered in {year}"));
            problems.push(p);
            continue;
        };
        let missing: Vec<&str> = (0..scenario.allies.len())
            .filter(|&i| cells[i][y].is_none())
            .map(|i| scenario.allies[i].id.as_str())
            .collect();
        if !missing.is_empty() {
            let mut p = problem(
                origin,
                &year.to_string(),
                format!("no amount for {} in {year}", missing.join(", ")),
            );
            p.hint = Some("write 0 for an ally that delivered nothing".to_string());
            problems.push(p);
        }
    }
    past
}
