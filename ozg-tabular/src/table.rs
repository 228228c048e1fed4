//! Typed tables (Tabellen): the one intermediate form every rendering (CSV, XLSX, HTML) reads,
//! so the formats cannot disagree on columns or values.

use chrono::NaiveDate;
use ozg_core::code::CodeList;
use ozg_core::report::RolloutReport;

/// One cell value (Zellwert), typed so spreadsheets get numbers as numbers and dates as dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (identifiers and codes too: their leading zeros stay).
    Text(String),
    /// A count (Anzahl).
    Int(u64),
    /// A share (Anteil) as a fraction 0.0–1.0; `None` when the whole is 0 (shown as "–").
    Percent(Option<f64>),
    /// A date.
    Date(NaiveDate),
    /// No value.
    Empty,
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The share `part / whole` (`None` when `whole` is 0).
    pub fn share(part: usize, whole: usize) -> Cell {
        Cell::Percent((whole > 0).then(|| part as f64 / whole as f64))
    }

    /// A count.
    pub fn count(n: usize) -> Cell {
        Cell::Int(n as u64)
    }

    /// The share of a [`Cell::Percent`] (None for other cells or no base).
    pub fn percent(&self) -> Option<f64> {
        match self {
            Cell::Percent(p) => *p,
            _ => None,
        }
    }

    /// The value as plain text (numbers with `.`, percentages with one decimal and ` %`).
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Percent(Some(p)) => format!("{:.1} %", p * 100.0),
            Cell::Percent(None) => "–".to_owned(),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// Kind of a column (Spaltentyp), for alignment and formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text or codes.
    Text,
    /// Counts.
    Count,
    /// Shares (percent).
    Percent,
    /// Dates.
    Date,
}

/// A column: German header and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Header (Spaltenüberschrift), German.
    pub header: &'static str,
    /// Kind of the values.
    pub kind: ColumnKind,
}

/// A table (Tabelle) of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Machine name (file and `--table` name), e.g. `kreise`.
    pub name: &'static str,
    /// German title (sheet name, heading), e.g. `Kreise`.
    pub title: &'static str,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(
        name: &'static str,
        title: &'static str,
        columns: &[(&'static str, ColumnKind)],
    ) -> Self {
        Table {
            name,
            title,
            columns: columns
                .iter()
                .map(|&(header, kind)| Column { header, kind })
                .collect(),
            rows: Vec::new(),
        }
    }
}

/// Names of the report tables, in order (for `--table`).
pub const REPORT_TABLES: &[&str] = &[
    "kennzahlen",
    "status",
    "phasen",
    "themenfelder",
    "kreise",
    "gemeindeverbaende",
    "hindernisse",
];

/// The report as tables: Kennzahlen, Status, Phasen, Themenfelder, Kreise, Gemeindeverbände,
/// Hindernisse (one row per blocker reason).
pub fn report_tables(report: &RolloutReport) -> Vec<Table> {
    use ColumnKind::{Count, Percent, Text};
    let mut out = Vec::with_capacity(REPORT_TABLES.len());

    let mut t = Table::new(
        "kennzahlen",
        "Kennzahlen",
        &[("Kennzahl", Text), ("Wert", Count)],
    );
    for (label, value) in [
        ("Einträge", report.entries),
        ("live Einträge", report.live_entries),
        ("Verwaltungen", report.verwaltungen),
        ("Verwaltungen angebunden", report.verwaltungen_live),
        ("Onlinedienste live", report.onlinedienste_live),
        ("Hindernisse", report.blockers.len()),
    ] {
        t.rows.push(vec![Cell::text(label), Cell::count(value)]);
    }
    out.push(t);

    let mut t = Table::new(
        "status",
        "Status",
        &[
            ("Status", Text),
            ("gesamt", Count),
            ("Pilotphase", Count),
            ("flächendeckend", Count),
        ],
    );
    for s in &report.by_status {
        t.rows.push(vec![
            Cell::text(s.status.to_string()),
            Cell::count(s.total),
            Cell::count(s.pilot),
            Cell::count(s.area_wide),
        ]);
    }
    out.push(t);

    let mut t = Table::new(
        "phasen",
        "Phasen",
        &[("Phase", Text), ("gesamt", Count), ("live", Count)],
    );
    for p in &report.by_phase {
        t.rows.push(vec![
            Cell::text(p.phase.to_string()),
            Cell::count(p.total),
            Cell::count(p.live),
        ]);
    }
    out.push(t);

    let mut t = Table::new(
        "themenfelder",
        "Themenfelder",
        &[
            ("Code", Text),
            ("Themenfeld", Text),
            ("OZG-Leistungen live", Count),
            ("OZG-Leistungen gesamt", Count),
            ("Anteil", Percent),
        ],
    );
    for c in &report.themenfelder {
        t.rows.push(vec![
            Cell::text(c.themenfeld.code()),
            Cell::text(c.themenfeld.label().unwrap_or_else(|| c.themenfeld.code())),
            Cell::count(c.live_leistungen),
            Cell::count(c.total_leistungen),
            Cell::share(c.live_leistungen, c.total_leistungen),
        ]);
    }
    out.push(t);

    let mut t = Table::new(
        "kreise",
        "Kreise",
        &[
            ("Kreisschlüssel", Text),
            ("Kreis", Text),
            ("Verwaltungen", Count),
            ("Verwaltungen live", Count),
            ("Anteil Verwaltungen", Percent),
            ("live Einträge", Count),
            ("Gemeinden", Count),
            ("Gemeinden versorgt", Count),
            ("Anteil Gemeinden", Percent),
            ("Gemeinden kommunal versorgt", Count),
        ],
    );
    for k in &report.kreise {
        t.rows.push(vec![
            k.kreis.map_or(Cell::Empty, |k| Cell::text(k.to_string())),
            Cell::text(kreis_label(k)),
            Cell::count(k.verwaltungen),
            Cell::count(k.verwaltungen_live),
            Cell::share(k.verwaltungen_live, k.verwaltungen),
            Cell::count(k.live_entries),
            Cell::count(k.gemeinden),
            Cell::count(k.gemeinden_served),
            Cell::share(k.gemeinden_served, k.gemeinden),
            Cell::count(k.gemeinden_served_municipal),
        ]);
    }
    out.push(t);

    let mut t = Table::new(
        "gemeindeverbaende",
        "Gemeindeverbände",
        &[
            ("Regionalschlüssel", Text),
            ("Name", Text),
            ("Kreisschlüssel", Text),
            ("Verwaltungen", Count),
            ("Verwaltungen live", Count),
            ("Gemeinden", Count),
            ("Gemeinden versorgt", Count),
            ("Anteil Gemeinden", Percent),
        ],
    );
    for g in &report.gemeindeverbaende {
        t.rows.push(vec![
            Cell::text(g.ars.to_string()),
            Cell::text(g.name.clone()),
            Cell::text(g.kreis.to_string()),
            Cell::count(g.verwaltungen),
            Cell::count(g.verwaltungen_live),
            Cell::count(g.gemeinden),
            Cell::count(g.gemeinden_served),
            Cell::share(g.gemeinden_served, g.gemeinden),
        ]);
    }
    out.push(t);

    let mut t = Table::new(
        "hindernisse",
        "Hindernisse",
        &[
            ("Eintrag", Text),
            ("Verwaltung", Text),
            ("Onlinedienst", Text),
            ("Status", Text),
            ("Phase", Text),
            ("Grund", Text),
            ("Details", Text),
        ],
    );
    for b in &report.blockers {
        for r in &b.reasons {
            t.rows.push(vec![
                Cell::text(b.pointer.clone()),
                Cell::text(b.verwaltung.to_string()),
                Cell::text(b.onlinedienst.to_string()),
                Cell::text(b.status.to_string()),
                Cell::text(b.phase.to_string()),
                Cell::text(r.kind.to_string()),
                Cell::text(r.detail.clone()),
            ]);
        }
    }
    out.push(t);
    out
}

/// "01051 Kreis Dithmarschen", the key alone, or "(ohne Kreis)".
pub(crate) fn kreis_label(k: &ozg_core::report::KreisCoverage) -> String {
    match (&k.kreis, &k.name) {
        (Some(_), Some(name)) => name.clone(),
        (Some(key), None) => key.to_string(),
        (None, _) => "(ohne Kreis)".to_owned(),
    }
}
