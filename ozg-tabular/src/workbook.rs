//! A dataset (Datenbestand) as an Excel workbook and back, and read from CSV files exported by
//! German Excel (`;`, Windows-1252 or UTF-8 with BOM).
//!
//! Sheets: `Datenbestand` (title, description, …), `IT-Dienstleister`, `Verwaltungen`,
//! `Onlinedienste`, `Kanäle`, `Vereinbarungen`, `Rollout`. Row 1 holds the JSON member names as
//! headers; one record per row. Identifiers and codes are text cells (leading zeros stay); code
//! columns with a small list get an Excel validation list; dates are Excel dates; lists of ids
//! are comma-separated; nested structures (history, parties, Zustellkanal, …) are compact JSON in
//! one cell. Reading reports every problem with sheet and cell and never panics.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use ozg_core::agreement::{Agreement, AgreementKind, AgreementStatus};
use ozg_core::code::{Bundesland, EfaModell, Vertrauensniveau};
use ozg_core::dataset::Dataset;
use ozg_core::org::VerwaltungKind;
use ozg_core::rollout::{ProgrammePhase, RolloutStatus};
use rust_xlsxwriter::{DataValidation, Workbook};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::TabularError;
use crate::xlsx::{Formats, excel_date};

/// One problem in a cell of a workbook or CSV file (Zellfehler): `Rollout!C7: …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// Sheet (or CSV file) name.
    pub sheet: String,
    /// Cell in A1 notation (`C7`), or the row (`7`) when no column applies.
    pub cell: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}: {}", self.sheet, self.cell, self.message)
    }
}

/// How a column is written and read.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// Text (identifiers too).
    Text,
    /// A code of a small list (validation list in Excel); the list comes from the JSON Schema.
    Code(fn() -> Vec<String>),
    /// A date (Excel date; ISO text accepted).
    Date,
    /// true/false.
    Bool,
    /// A list of strings, comma-separated.
    List,
    /// Any JSON value, as compact JSON text.
    Json,
}

struct Sheet {
    name: &'static str,
    /// JSON member of the dataset holding the records.
    member: &'static str,
    columns: &'static [(&'static str, Kind)],
}

fn codes<T: schemars::JsonSchema>() -> Vec<String> {
    fn collect(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(s)) = m.get("const") {
                    out.push(s.clone());
                }
                if let Some(Value::Array(a)) = m.get("enum") {
                    out.extend(a.iter().filter_map(|x| x.as_str().map(str::to_owned)));
                }
                for (k, x) in m {
                    if k != "const" && k != "enum" {
                        collect(x, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    let schema = schemars::schema_for!(T);
    let mut out = Vec::new();
    collect(&schema.to_value(), &mut out);
    out.dedup();
    out
}

const SHEETS: &[Sheet] = &[
    Sheet {
        name: "IT-Dienstleister",
        member: "itProviders",
        columns: &[
            ("id", Kind::Text),
            ("name", Kind::Text),
            ("kind", Kind::Text),
            ("url", Kind::Text),
        ],
    },
    Sheet {
        name: "Verwaltungen",
        member: "verwaltungen",
        columns: &[
            ("id", Kind::Text),
            ("name", Kind::Text),
            ("kind", Kind::Code(codes::<VerwaltungKind>)),
            ("ags", Kind::Text),
            ("ars", Kind::Text),
            ("kreis", Kind::Text),
            ("gemeinden", Kind::List),
            ("land", Kind::Code(codes::<Bundesland>)),
        ],
    },
    Sheet {
        name: "Onlinedienste",
        member: "onlinedienste",
        columns: &[
            ("id", Kind::Text),
            ("name", Kind::Text),
            ("leistungen", Kind::List),
            ("reifegrad", Kind::Json),
            ("vertrauensniveau", Kind::Code(codes::<Vertrauensniveau>)),
            ("provider", Kind::Text),
            ("efaModell", Kind::Code(codes::<EfaModell>)),
            ("basiskomponenten", Kind::List),
            ("url", Kind::Text),
        ],
    },
    Sheet {
        name: "Kanäle",
        member: "channels",
        columns: &[
            ("id", Kind::Text),
            ("verwaltung", Kind::Text),
            ("onlinedienste", Kind::List),
            ("kanal", Kind::Json),
            ("validFrom", Kind::Date),
        ],
    },
    Sheet {
        name: "Vereinbarungen",
        member: "agreements",
        columns: &[
            ("id", Kind::Text),
            ("kind", Kind::Code(codes::<AgreementKind>)),
            ("title", Kind::Text),
            ("status", Kind::Code(codes::<AgreementStatus>)),
            ("parties", Kind::Json),
            ("onlinedienste", Kind::List),
            ("leistungen", Kind::List),
            ("documents", Kind::Json),
            ("avv", Kind::Json),
            ("costModel", Kind::Json),
            ("term", Kind::Json),
            ("history", Kind::Json),
        ],
    },
    Sheet {
        name: "Rollout",
        member: "rollout",
        columns: &[
            ("verwaltung", Kind::Text),
            ("onlinedienst", Kind::Text),
            ("status", Kind::Code(codes::<RolloutStatus>)),
            ("phase", Kind::Code(codes::<ProgrammePhase>)),
            ("goLive", Kind::Date),
            ("agreement", Kind::Text),
            ("channel", Kind::Text),
            ("zufiEntry", Kind::Json),
            ("history", Kind::Json),
        ],
    },
];

/// The sheet holding the dataset's own fields (key/value rows).
const META_SHEET: &str = "Datenbestand";
const META_KEYS: &[(&str, Kind)] = &[
    ("schemaVersion", Kind::Text),
    ("title", Kind::Text),
    ("description", Kind::Text),
    ("example", Kind::Bool),
    ("$schema", Kind::Text),
];

/// Column letters of a 0-based column index (0 → A, 26 → AA).
pub fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

fn to_value<T: serde::Serialize>(x: &T) -> Result<Value, TabularError> {
    serde_json::to_value(x).map_err(|e| TabularError::XlsxWrite(e.to_string()))
}

/// Writes the dataset as an XLSX workbook (bytes).
pub fn dataset_to_xlsx(ds: &Dataset) -> Result<Vec<u8>, TabularError> {
    let json = to_value(ds)?;
    let f = Formats::new();
    let mut wb = Workbook::new();

    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET)?;
    meta.write_string_with_format(0, 0, "key", &f.header)?;
    meta.write_string_with_format(0, 1, "value", &f.header)?;
    let mut r = 1;
    for (key, kind) in META_KEYS {
        if let Some(v) = json.get(*key) {
            meta.write_string_with_format(r, 0, *key, &f.text)?;
            match (kind, v) {
                (Kind::Bool, Value::Bool(b)) => {
                    meta.write_boolean(r, 1, *b)?;
                }
                (_, Value::String(s)) => {
                    meta.write_string_with_format(r, 1, s, &f.text)?;
                }
                (_, other) => {
                    meta.write_string_with_format(r, 1, other.to_string(), &f.text)?;
                }
            }
            r += 1;
        }
    }
    meta.set_column_width(0, 16)?;
    meta.set_column_width(1, 100)?;
    meta.set_freeze_panes(1, 0)?;

    for sheet in SHEETS {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name)?;
        let records = json
            .get(sheet.member)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut widths: Vec<usize> = sheet.columns.iter().map(|(h, _)| h.len()).collect();
        for (c, (h, _)) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &f.header)?;
        }
        for (i, rec) in records.iter().enumerate() {
            let row = i as u32 + 1;
            let Value::Object(obj) = rec else {
                return Err(TabularError::XlsxWrite(format!(
                    "/{}/{i} is not an object",
                    sheet.member
                )));
            };
            if let Some(k) = obj
                .keys()
                .find(|k| !sheet.columns.iter().any(|(h, _)| h == k))
            {
                // Never lose a field silently.
                return Err(TabularError::XlsxWrite(format!(
                    "/{}/{i}/{k} has no column in sheet {}",
                    sheet.member, sheet.name
                )));
            }
            for (c, (h, kind)) in sheet.columns.iter().enumerate() {
                let Some(v) = obj.get(*h) else { continue };
                let col = c as u16;
                let text = match (kind, v) {
                    (Kind::Date, Value::String(s)) => {
                        match s.parse::<chrono::NaiveDate>().ok().and_then(excel_date) {
                            Some(d) => {
                                ws.write_datetime_with_format(row, col, d, &f.date)?;
                                widths[c] = widths[c].max(10);
                                continue;
                            }
                            None => s.clone(),
                        }
                    }
                    (Kind::Bool, Value::Bool(b)) => {
                        ws.write_boolean(row, col, *b)?;
                        continue;
                    }
                    (Kind::List, Value::Array(items)) => items
                        .iter()
                        .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(", "),
                    (Kind::Json, other) => other.to_string(),
                    (_, Value::String(s)) => s.clone(),
                    (_, other) => other.to_string(),
                };
                widths[c] = widths[c].max(text.chars().count());
                ws.write_string_with_format(row, col, &text, &f.text)?;
            }
        }
        let last = (records.len() as u32).max(1);
        for (c, (_, kind)) in sheet.columns.iter().enumerate() {
            ws.set_column_width(c as u16, (widths[c].clamp(8, 60) + 2) as f64)?;
            if let Kind::Code(list) = kind {
                let values = list();
                let joined: usize = values.iter().map(|v| v.len() + 1).sum();
                // Excel limits an inline list to 255 characters.
                if !values.is_empty() && joined <= 255 {
                    let dv = DataValidation::new().allow_list_strings(&values)?;
                    ws.add_data_validation(1, c as u16, last.max(1000), c as u16, &dv)?;
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, records.len() as u32, sheet.columns.len() as u16 - 1)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// A cell value as read, independent of the file type.
#[derive(Debug, Clone, PartialEq)]
enum Raw {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// An Excel date serial number.
    Date(f64),
}

/// Rows of one sheet (row 0 = header), with the sheet's first row/column offset.
struct Grid {
    name: String,
    rows: Vec<Vec<Raw>>,
}

fn raw_of(d: &Data) -> Raw {
    match d {
        Data::Empty => Raw::Empty,
        Data::String(s) if s.trim().is_empty() => Raw::Empty,
        Data::String(s) => Raw::Text(s.clone()),
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Float(x) => Raw::Number(*x),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(x) => Raw::Date(x.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Text(s.clone()),
        Data::Error(e) => Raw::Text(format!("#{e:?}")),
    }
}

/// An Excel serial date as a `NaiveDate` (1900 date system).
fn serial_date(serial: f64) -> Option<chrono::NaiveDate> {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    if !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// Reads the cell value of `kind` into JSON, or a problem message.
fn cell_value(raw: &Raw, header: &str, kind: Kind) -> Result<Option<Value>, String> {
    let text = |raw: &Raw| -> Option<String> {
        match raw {
            Raw::Empty => None,
            Raw::Text(s) => Some(s.trim().to_owned()),
            Raw::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => Some(format!("{}", *x as i64)),
            Raw::Number(x) => Some(x.to_string()),
            Raw::Bool(b) => Some(b.to_string()),
            Raw::Date(x) => serial_date(*x).map(|d| d.to_string()),
        }
    };
    match kind {
        Kind::Text => Ok(text(raw).map(Value::String)),
        Kind::Code(list) => {
            let Some(s) = text(raw) else { return Ok(None) };
            let values = list();
            if values.contains(&s) {
                Ok(Some(Value::String(s)))
            } else {
                Err(format!(
                    "unknown {header} \"{s}\"; expected one of {}",
                    values.join(", ")
                ))
            }
        }
        Kind::Date => {
            match raw {
                Raw::Date(x) | Raw::Number(x) => serial_date(*x)
                    .map(|d| Some(Value::String(d.to_string())))
                    .ok_or_else(|| format!("{header}: {x} is not a date")),
                Raw::Text(s) => {
                    let s = s.trim();
                    // German Excel shows dates as TT.MM.JJJJ; accept that and ISO.
                    let parsed = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%d.%m.%Y"));
                    parsed.map(|d| Some(Value::String(d.to_string()))).map_err(|_| {
                    format!("{header}: \"{s}\" is not a date (expected YYYY-MM-DD or TT.MM.JJJJ)")
                })
                }
                Raw::Bool(b) => Err(format!("{header}: {b} is not a date")),
                Raw::Empty => Ok(None),
            }
        }
        Kind::Bool => match raw {
            Raw::Bool(b) => Ok(Some(Value::Bool(*b))),
            Raw::Empty => Ok(None),
            other => match text(other).as_deref().map(str::to_lowercase).as_deref() {
                Some("true" | "wahr" | "ja" | "1") => Ok(Some(Value::Bool(true))),
                Some("false" | "falsch" | "nein" | "0") => Ok(Some(Value::Bool(false))),
                Some(s) => Err(format!("{header}: \"{s}\" is not true/false")),
                None => Ok(None),
            },
        },
        Kind::List => Ok(text(raw).map(|s| {
            Value::Array(
                s.split([',', ';'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(|x| Value::String(x.to_owned()))
                    .collect(),
            )
        })),
        Kind::Json => match text(raw) {
            None => Ok(None),
            Some(s) => serde_json::from_str(&s)
                .map(Some)
                .map_err(|e| format!("{header}: not valid JSON: {e}")),
        },
    }
}

/// Turns the grids into a dataset, collecting every problem.
fn dataset_from_grids(grids: &[Grid]) -> Result<Dataset, TabularError> {
    let mut problems = Vec::new();
    let mut doc = Map::new();
    let problem = |sheet: &str, cell: String, message: String| CellProblem {
        sheet: sheet.to_owned(),
        cell,
        message,
    };

    if let Some(meta) = grids.iter().find(|g| g.name == META_SHEET) {
        for (r, row) in meta.rows.iter().enumerate().skip(1) {
            let key = match row.first() {
                Some(Raw::Text(k)) => k.trim().to_owned(),
                Some(Raw::Empty) | None => continue,
                Some(_) => {
                    problems.push(problem(
                        META_SHEET,
                        format!("A{}", r + 1),
                        "expected a key".into(),
                    ));
                    continue;
                }
            };
            let Some((_, kind)) = META_KEYS.iter().find(|(k, _)| *k == key) else {
                problems.push(problem(
                    META_SHEET,
                    format!("A{}", r + 1),
                    format!(
                        "unknown key \"{key}\"; expected one of {}",
                        META_KEYS
                            .iter()
                            .map(|(k, _)| *k)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
                continue;
            };
            match cell_value(row.get(1).unwrap_or(&Raw::Empty), &key, *kind) {
                Ok(Some(v)) => {
                    doc.insert(key, v);
                }
                Ok(None) => {}
                Err(m) => problems.push(problem(META_SHEET, format!("B{}", r + 1), m)),
            }
        }
    }
    if !doc.contains_key("schemaVersion") {
        doc.insert(
            "schemaVersion".into(),
            Value::String(ozg_core::dataset::SCHEMA_VERSION.into()),
        );
    }

    for sheet in SHEETS {
        let Some(grid) = grids.iter().find(|g| g.name == sheet.name) else {
            continue;
        };
        let Some(header) = grid.rows.first() else {
            continue;
        };
        // Map columns by header name, so reordered columns still read.
        let mut cols: Vec<Option<(&'static str, Kind)>> = Vec::with_capacity(header.len());
        for (c, h) in header.iter().enumerate() {
            let name = match h {
                Raw::Text(s) => s.trim().to_owned(),
                Raw::Empty => {
                    cols.push(None);
                    continue;
                }
                other => format!("{other:?}"),
            };
            match sheet.columns.iter().find(|(n, _)| *n == name) {
                Some(&col) => cols.push(Some(col)),
                None => {
                    problems.push(problem(
                        sheet.name,
                        format!("{}1", column_letters(c)),
                        format!(
                            "unknown column \"{name}\"; expected one of {}",
                            sheet
                                .columns
                                .iter()
                                .map(|(n, _)| *n)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                    cols.push(None);
                }
            }
        }
        let mut records = Vec::new();
        for (r, row) in grid.rows.iter().enumerate().skip(1) {
            if row.iter().all(|x| *x == Raw::Empty) {
                continue;
            }
            let mut obj = Map::new();
            let mut cell_of: BTreeMap<&str, String> = BTreeMap::new();
            let before = problems.len();
            for (c, raw) in row.iter().enumerate() {
                let Some(Some((name, kind))) = cols.get(c) else {
                    if *raw != Raw::Empty && cols.get(c).is_some() {
                        problems.push(problem(
                            sheet.name,
                            format!("{}{}", column_letters(c), r + 1),
                            "value in a column without a known header".into(),
                        ));
                    }
                    continue;
                };
                let cell = format!("{}{}", column_letters(c), r + 1);
                match cell_value(raw, name, *kind) {
                    Ok(Some(v)) => {
                        obj.insert((*name).to_owned(), v);
                    }
                    Ok(None) => {}
                    Err(m) => problems.push(problem(sheet.name, cell.clone(), m)),
                }
                cell_of.insert(name, cell);
            }
            if problems.len() > before {
                continue;
            }
            // Type check of the record: errors name the cell of the failing member.
            if let Err(m) = check_record(sheet.member, &Value::Object(obj.clone())) {
                let (member, message) = m;
                let cell = cell_of
                    .get(member.as_str())
                    .cloned()
                    .unwrap_or_else(|| format!("{}", r + 1));
                problems.push(problem(sheet.name, cell, message));
                continue;
            }
            records.push(Value::Object(obj));
        }
        if !records.is_empty() {
            doc.insert(sheet.member.to_owned(), Value::Array(records));
        }
    }
    if !problems.is_empty() {
        return Err(TabularError::Cells(problems));
    }
    serde_json::from_value(Value::Object(doc)).map_err(|e| TabularError::Open(e.to_string()))
}

/// Deserialises one record as its type; on error returns (first member of the path, message).
fn check_record(member: &str, v: &Value) -> Result<(), (String, String)> {
    fn one<T: DeserializeOwned>(v: &Value) -> Result<(), (String, String)> {
        serde_path_to_error::deserialize::<_, T>(v)
            .map(|_| ())
            .map_err(|e| {
                let path = e.path().to_string();
                let first = path.split(['.', '[']).next().unwrap_or("").to_owned();
                let inner = e.into_inner().to_string();
                let msg = if path == "." || path.is_empty() {
                    inner
                } else {
                    format!("{path}: {inner}")
                };
                (first, msg)
            })
    }
    match member {
        "itProviders" => one::<ozg_core::org::ItProvider>(v),
        "verwaltungen" => one::<ozg_core::org::Verwaltung>(v),
        "onlinedienste" => one::<ozg_core::service::Onlinedienst>(v),
        "channels" => one::<ozg_core::channel::DeliveryChannel>(v),
        "agreements" => one::<Agreement>(v),
        _ => one::<ozg_core::rollout::RolloutEntry>(v),
    }
}

/// Reads a dataset from XLSX bytes. Every problem is reported with sheet and cell; the caller
/// runs the same consistency check as for JSON ([`Dataset::check`]).
pub fn dataset_from_xlsx(bytes: &[u8]) -> Result<Dataset, TabularError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| TabularError::Open(format!("not an XLSX workbook: {e}")))?;
    let names = wb.sheet_names();
    let mut grids = Vec::new();
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| TabularError::Open(format!("sheet {name}: {e}")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Raw>> = Vec::new();
        // Pad to absolute positions so cell names match what Excel shows.
        for _ in 0..r0 {
            rows.push(Vec::new());
        }
        for row in range.rows() {
            let mut cells: Vec<Raw> = (0..c0).map(|_| Raw::Empty).collect();
            cells.extend(row.iter().map(raw_of));
            rows.push(cells);
        }
        grids.push(Grid { name, rows });
    }
    dataset_from_grids(&grids)
}

/// Reads a dataset file written by [`dataset_to_xlsx`] (or edited in Excel).
pub fn read_xlsx_file(path: &Path) -> Result<Dataset, TabularError> {
    let bytes = std::fs::read(path).map_err(|source| TabularError::Io {
        path: path.to_owned(),
        source,
    })?;
    dataset_from_xlsx(&bytes).map_err(|e| match e {
        TabularError::Open(m) => TabularError::Open(format!("{}: {m}", path.display())),
        other => other,
    })
}

/// Decodes CSV bytes from German Excel: UTF-8 (with or without BOM), else Windows-1252.
pub fn decode_csv(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Reads one CSV file as the sheet `sheet` (a sheet name such as `Rollout`, or `Datenbestand`);
/// delimiter `;` or `,` told from the header line.
fn csv_grid(sheet: &str, bytes: &[u8]) -> Result<Grid, TabularError> {
    let text = decode_csv(bytes);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in rd.records().enumerate() {
        let rec = rec.map_err(|e| {
            TabularError::Cells(vec![CellProblem {
                sheet: sheet.to_owned(),
                cell: format!("{}", i + 1),
                message: format!("CSV syntax: {e}"),
            }])
        })?;
        rows.push(
            rec.iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Raw::Empty
                    } else {
                        Raw::Text(s.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        name: sheet.to_owned(),
        rows,
    })
}

/// Reads a dataset from CSV files, one per sheet: `(sheet name, bytes)`, e.g.
/// `("Rollout", …)`. Sheets not given stay empty.
pub fn dataset_from_csv(files: &[(&str, &[u8])]) -> Result<Dataset, TabularError> {
    let mut grids = Vec::new();
    for (name, bytes) in files {
        if *name != META_SHEET && !SHEETS.iter().any(|s| s.name == *name) {
            return Err(TabularError::Open(format!(
                "unknown sheet \"{name}\"; expected one of {META_SHEET}, {}",
                sheet_names().join(", ")
            )));
        }
        grids.push(csv_grid(name, bytes)?);
    }
    dataset_from_grids(&grids)
}

/// Reads a dataset from a directory of CSV files named after the sheets (`Rollout.csv`, …).
pub fn read_csv_dir(dir: &Path) -> Result<Dataset, TabularError> {
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    for name in std::iter::once(META_SHEET).chain(SHEETS.iter().map(|s| s.name)) {
        let path = dir.join(format!("{name}.csv"));
        match std::fs::read(&path) {
            Ok(b) => files.push((name, b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(TabularError::Io { path, source }),
        }
    }
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    dataset_from_csv(&refs)
}

/// The sheet cell of a dataset JSON pointer, e.g. `/rollout/4/status` → `Rollout!C6`
/// (`Rollout!6` when the member has no column); `None` for pointers outside the record sheets.
pub fn pointer_cell(pointer: &str) -> Option<String> {
    let mut parts = pointer.trim_start_matches('/').split('/');
    let member = parts.next()?;
    let index: usize = parts.next()?.parse().ok()?;
    let sheet = SHEETS.iter().find(|s| s.member == member)?;
    let row = index + 2;
    let column = parts
        .next()
        .and_then(|field| sheet.columns.iter().position(|(n, _)| *n == field));
    Some(match column {
        Some(c) => format!("{}!{}{row}", sheet.name, column_letters(c)),
        None => format!("{}!{row}", sheet.name),
    })
}

/// Names of the record sheets, in order.
pub fn sheet_names() -> Vec<&'static str> {
    SHEETS.iter().map(|s| s.name).collect()
}
