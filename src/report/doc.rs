//! The document model: every result (plan, comparison, sweep, tracking, re-plan,
//! explanation, pledge scorecard) is first built into one [`Document`] — a title, key
//! facts, a list of blocks (headings, paragraphs, fact lists, tables, charts) and closing
//! notes — and every human format renders a `Document`, once, behind one trait
//! ([`super::render::Render`]). Cells hold raw values (exact money, fractions); each format
//! decides how to show them from the column's [`Kind`].

use crate::money::Money;

/// One result, ready for any format.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The heading: usually the scenario's title.
    pub title: String,
    /// A short name for sheet names and file-like uses (the file stem).
    pub name: String,
    /// Key facts stated under the title (money unit, objective, key, …).
    pub facts: Vec<Fact>,
    pub blocks: Vec<Block>,
    /// Closing notes, one paragraph each (definitions, caveats), in every format.
    pub notes: Vec<String>,
    /// What only the documents carry (Markdown, LaTeX, HTML, Excel), after the notes:
    /// the assumptions in full, the inputs, the sources. The terminal and CSV leave it out.
    pub appendix: Vec<Block>,
}

/// A labelled value: `Objective: leximin`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

impl Fact {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Fact {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// One piece of a document, in reading order.
#[derive(Clone, Debug)]
pub enum Block {
    /// A section heading (below the document title).
    Heading(String),
    Paragraph(String),
    Facts(Vec<Fact>),
    Table(Table),
    Chart(Chart),
}

/// A table: named columns of one kind each, rows, and an optional totals row.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// A short identifier: the sheet name in Excel, the anchor in HTML (`Plan`).
    pub id: String,
    /// The caption shown above the table; may be empty.
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// The totals row, shown last and set apart; its cells follow the columns.
    pub totals: Option<Vec<Cell>>,
    /// The family the table belongs to (one table per ally): a spreadsheet shows the
    /// family as one sheet, every table's rows under one header, instead of a sheet each.
    pub family: Option<Family>,
}

/// A family of tables a spreadsheet shows on one sheet: the sheet's id and caption, and
/// the first column that names each row's table (`Ally`, and this table's `FRA`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    pub sheet: String,
    pub caption: String,
    pub label: String,
    pub member: String,
}

/// A column: its headers, what its cells hold, and how it behaves on a narrow terminal
/// and in a spreadsheet.
#[derive(Clone, Debug)]
pub struct Column {
    /// The machine header, as CSV writes it (`fair_effort`, `2025`).
    pub key: String,
    /// The human header (`Fair effort`).
    pub name: String,
    /// The unit stated with the header where a format has room (`EUR million`, `%`).
    pub unit: Option<String>,
    pub kind: Kind,
    /// None: always shown. Some(rank): may be left out on a narrow terminal, the highest
    /// rank first.
    pub drop: Option<u8>,
    /// Repeated at the left of every part when a wide table is split for the terminal.
    pub repeat: bool,
    /// A spreadsheet recomputes the cell from other columns of its row.
    pub formula: Option<Formula>,
    /// The totals cell is the sum of the column (a live SUM in a spreadsheet).
    pub summed: bool,
    /// A sentence a narrow terminal prints under the table when it leaves the column out
    /// (the binding constraints in words instead of a column of codes).
    pub when_dropped: Option<String>,
}

impl Column {
    /// A column with headers and kind; always shown, no formula.
    pub fn new(key: impl Into<String>, name: impl Into<String>, kind: Kind) -> Self {
        Column {
            key: key.into(),
            name: name.into(),
            unit: None,
            kind,
            drop: None,
            repeat: false,
            formula: None,
            summed: false,
            when_dropped: None,
        }
    }

    pub fn unit(self, unit: impl Into<String>) -> Self {
        let unit = unit.into();
        Column {
            unit: (!unit.is_empty()).then_some(unit),
            ..self
        }
    }

    /// May be left out on a narrow terminal; higher ranks go first.
    pub fn optional(self, rank: u8) -> Self {
        Column {
            drop: Some(rank),
            ..self
        }
    }

    /// Repeated at the left of each part of a split table (the row's name).
    pub fn repeated(self) -> Self {
        Column {
            repeat: true,
            ..self
        }
    }

    pub fn formula(self, formula: Formula) -> Self {
        Column {
            formula: Some(formula),
            ..self
        }
    }

    /// What a narrow terminal says instead of the column when it leaves it out.
    pub fn when_dropped(self, sentence: impl Into<String>) -> Self {
        Column {
            when_dropped: Some(sentence.into()),
            ..self
        }
    }

    pub fn summed(self) -> Self {
        Column {
            summed: true,
            ..self
        }
    }

    /// Whether the column's cells are aligned right (numbers) rather than left (text).
    pub fn is_numeric(&self) -> bool {
        !matches!(self.kind, Kind::Text)
    }
}

/// What a column holds, and so how each format shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Money; human formats show it with thousands separators, exact (`None`) or
    /// rounded to `places` decimals; CSV and spreadsheets hold the exact value.
    Money {
        places: Option<u32>,
    },
    /// A change of money, shown with a sign (`+1,200`, `-300`).
    Delta {
        places: Option<u32>,
    },
    /// A plain number (`f64`) with this many decimals.
    Ratio {
        places: u32,
    },
    /// A burden index: a ratio where 1 is exactly fair (coloured on a terminal).
    Index {
        places: u32,
    },
    /// A fraction shown as a percentage with this many decimals (0.25 → 25.0).
    Percent {
        places: u32,
    },
    /// A whole number (counts, years).
    Integer,
}

/// One cell. Cells hold raw values; formats decide how to show them.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A machine code and its words: CSV and JSON write the code (`pledged:2026`), every
    /// format read by people the words (`pledge 2026`).
    Coded {
        code: String,
        words: String,
    },
    Money(Money),
    Number(f64),
    Integer(i64),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text(text.into())
    }

    /// A number, or empty when absent.
    pub fn number(v: Option<f64>) -> Self {
        v.map_or(Cell::Empty, Cell::Number)
    }

    /// The cell as a number, for charts and spreadsheets.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Cell::Money(m) => Some(m.to_f64()),
            Cell::Number(v) => Some(*v),
            Cell::Integer(i) => Some(*i as f64),
            Cell::Empty | Cell::Text(_) | Cell::Coded { .. } => None,
        }
    }
}

/// A cell a spreadsheet recomputes from other cells of its row (column indices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Formula {
    /// The sum of these columns (an ally's total over its years).
    Sum(Vec<usize>),
    /// The first column less the second (delivered − planned).
    Difference(usize, usize),
    /// The first column over the second, empty when the second is zero (fulfilment).
    Ratio(usize, usize),
}

/// A chart: what it shows, not how it is drawn (HTML draws it as SVG, Excel as a native
/// chart, text formats leave it out).
#[derive(Clone, Debug)]
pub struct Chart {
    pub title: String,
    /// A sentence under the chart saying how to read it.
    pub caption: String,
    pub kind: ChartKind,
    /// The categories along the horizontal axis (allies, years, parameter values), or
    /// the columns of a heatmap.
    pub categories: Vec<String>,
    /// The label of the category axis (`Bilateral credit rate`).
    pub x_label: String,
    /// The label of the value axis, with its unit (`EUR million`).
    pub y_label: String,
    pub series: Vec<Series>,
    /// A horizontal reference line (β = 1.0), if any.
    pub reference: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Bars side by side, one per series in each category.
    Bars,
    /// Bars stacked per category; series with [`Series::marker`] are drawn as marks
    /// over the stack instead (a fair share against what makes it up).
    Stacked,
    /// One line per series across the categories.
    Lines,
    /// Rows are the series, columns the categories; each value a shade.
    Heatmap,
    /// Changes either side of zero, one row per category (a parameter moved down and
    /// up), the series side by side in each row: horizontal bars in every format, the
    /// first category at the top.
    Tornado,
}

/// One named series of values, one per category (None where there is no value).
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// Drawn as a mark (a tick or dot) rather than a bar.
    pub marker: bool,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Self {
        Series {
            name: name.into(),
            values,
            marker: false,
        }
    }

    pub fn marker(self) -> Self {
        Series {
            marker: true,
            ..self
        }
    }
}

impl Document {
    pub fn new(title: impl Into<String>, name: impl Into<String>) -> Self {
        Document {
            title: title.into(),
            name: name.into(),
            ..Document::default()
        }
    }

    /// The tables of the document, in order (the appendix's last).
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks
            .iter()
            .chain(&self.appendix)
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
    }

    /// The charts of the document, in order.
    pub fn charts(&self) -> impl Iterator<Item = &Chart> {
        self.blocks
            .iter()
            .chain(&self.appendix)
            .filter_map(|b| match b {
                Block::Chart(c) => Some(c),
                _ => None,
            })
    }
}
