//! XLSX of the report: one sheet per table, header row frozen, autofilter, column widths,
//! counts as numbers, shares as percent-formatted numbers, dates as dates.

use chrono::Datelike;
use ozg_core::report::RolloutReport;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

use crate::TabularError;
use crate::table::{Cell, ColumnKind, Table, report_tables};

/// Cell formats shared by the sheets.
pub(crate) struct Formats {
    pub(crate) header: Format,
    pub(crate) text: Format,
    pub(crate) percent: Format,
    pub(crate) date: Format,
}

impl Formats {
    pub(crate) fn new() -> Self {
        Formats {
            header: Format::new().set_bold().set_align(FormatAlign::Center),
            // "@": the cell is text, so Excel keeps leading zeros when the user edits it.
            text: Format::new().set_num_format("@"),
            percent: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

/// An Excel date of a `NaiveDate` (years 1900–9999; others are written as text).
pub(crate) fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// Excel's limit of rows per sheet (header included).
pub const MAX_ROWS: usize = 1_048_576;

/// Column widths from the header and the first rows (enough to size the columns; big tables are
/// not scanned twice).
fn widths(table: &Table, rows: &[Vec<Cell>]) -> Vec<f64> {
    let mut w: Vec<usize> = table
        .columns
        .iter()
        .map(|c| c.header.chars().count())
        .collect();
    for row in rows.iter().take(2000) {
        for (wc, cell) in w.iter_mut().zip(row) {
            *wc = (*wc).max(cell.display().chars().count());
        }
    }
    w.iter()
        .zip(&table.columns)
        .map(|(w, col)| {
            let min = if col.kind == ColumnKind::Date { 11 } else { 6 };
            (*w).clamp(min, 60) as f64 + 2.0
        })
        .collect()
}

/// Writes rows of a table into `sheet` (header row 0), with widths, frozen header and
/// autofilter. Layout first, then the rows in order, so a low-memory sheet can stream them.
pub(crate) fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    rows: &[Vec<Cell>],
    f: &Formats,
) -> Result<(), TabularError> {
    for (c, w) in widths(table, rows).into_iter().enumerate() {
        sheet.set_column_width(c as u16, w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.columns.is_empty() {
        sheet.autofilter(0, 0, rows.len() as u32, table.columns.len() as u16 - 1)?;
    }
    for (c, col) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, col.header, &f.header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) => {
                    sheet.write_string_with_format(r, col, s, &f.text)?;
                }
                Cell::Int(n) => {
                    sheet.write_number(r, col, *n as f64)?;
                }
                Cell::Percent(Some(p)) => {
                    sheet.write_number_with_format(r, col, *p, &f.percent)?;
                }
                Cell::Percent(None) | Cell::Empty => {}
                Cell::Date(d) => match excel_date(*d) {
                    Some(x) => {
                        sheet.write_datetime_with_format(r, col, x, &f.date)?;
                    }
                    None => {
                        sheet.write_string_with_format(r, col, d.to_string(), &f.text)?;
                    }
                },
            }
        }
    }
    Ok(())
}

/// The report as an XLSX workbook (bytes): one sheet per table of [`report_tables`].
pub fn report_workbook(report: &RolloutReport) -> Result<Vec<u8>, TabularError> {
    tables_workbook(&report_tables(report))
}

/// Tables as an XLSX workbook (bytes), one sheet per table named by its German title. A table
/// longer than Excel's row limit continues on sheets `Title (2)`, `Title (3)`, …; large tables
/// are streamed (low-memory sheets).
pub fn tables_workbook(tables: &[Table]) -> Result<Vec<u8>, TabularError> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    for t in tables {
        let chunks: Vec<&[Vec<Cell>]> = if t.rows.is_empty() {
            vec![&t.rows[..]]
        } else {
            t.rows.chunks(MAX_ROWS - 1).collect()
        };
        for (i, rows) in chunks.into_iter().enumerate() {
            let sheet = if rows.len() > 10_000 {
                wb.add_worksheet_with_low_memory()
            } else {
                wb.add_worksheet()
            };
            if i == 0 {
                sheet.set_name(t.title)?;
            } else {
                sheet.set_name(format!("{} ({})", t.title, i + 1))?;
            }
            write_table(sheet, t, rows, &f)?;
        }
    }
    Ok(wb.save_to_buffer()?)
}
