//! CSV (RFC 4180) of the report tables: one table per file, UTF-8, optionally with BOM and `;`
//! as delimiter for German Excel.

use std::path::{Path, PathBuf};

use crate::TabularError;
use crate::table::{Cell, Table};

/// CSV options (CSV-Optionen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Field delimiter: `b','` (RFC 4180) or `b';'` (German Excel). With `;` numbers use a
    /// decimal comma, as German Excel expects.
    pub delimiter: u8,
    /// Start the file with a UTF-8 byte-order mark (German Excel needs it to read UTF-8).
    pub bom: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: b',',
            bom: false,
        }
    }
}

/// One cell as CSV text: counts as digits, shares as percent with one decimal (no `%` sign),
/// dates ISO; text as is (the writer quotes where RFC 4180 requires).
fn cell_text(cell: &Cell, decimal_comma: bool) -> String {
    match cell {
        Cell::Percent(Some(p)) => {
            let s = format!("{:.1}", p * 100.0);
            if decimal_comma {
                s.replace('.', ",")
            } else {
                s
            }
        }
        Cell::Percent(None) => String::new(),
        other => other.display(),
    }
}

/// Writes one table as CSV bytes (header row, then the rows; CRLF line ends as RFC 4180).
pub fn table_csv(table: &Table, options: CsvOptions) -> Result<Vec<u8>, TabularError> {
    let mut buf = Vec::new();
    if options.bom {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(options.delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        w.write_record(table.columns.iter().map(|c| c.header))
            .map_err(|e| TabularError::CsvWrite(e.to_string()))?;
        let decimal_comma = options.delimiter == b';';
        for row in &table.rows {
            w.write_record(row.iter().map(|c| cell_text(c, decimal_comma)))
                .map_err(|e| TabularError::CsvWrite(e.to_string()))?;
        }
        w.flush()
            .map_err(|e| TabularError::CsvWrite(e.to_string()))?;
    }
    Ok(buf)
}

/// Writes every table to `dir/<name>.csv` (creating `dir`); returns the files written.
pub fn write_tables(
    tables: &[Table],
    dir: &Path,
    options: CsvOptions,
) -> Result<Vec<PathBuf>, TabularError> {
    std::fs::create_dir_all(dir).map_err(|source| TabularError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut written = Vec::with_capacity(tables.len());
    for t in tables {
        let path = dir.join(format!("{}.csv", t.name));
        let bytes = table_csv(t, options)?;
        std::fs::write(&path, bytes).map_err(|source| TabularError::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// The table named `name` among `tables`.
pub fn find<'t>(tables: &'t [Table], name: &str) -> Result<&'t Table, TabularError> {
    tables
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| TabularError::UnknownTable {
            name: name.to_owned(),
        })
}
