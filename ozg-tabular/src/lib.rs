//! Files people open in office tools and browsers (Tabellen und Berichte): the ozg rollout report
//! ([`RolloutReport`](ozg_core::report::RolloutReport)) as CSV, XLSX and one self-contained HTML
//! page, and a dataset (Datenbestand) as an Excel workbook or German-Excel CSV and back.
//!
//! One reason to change: the office and browser file formats (their layout, encodings, cell
//! types). The numbers themselves come from `ozg-core`; every rendering reads the same typed
//! [`table::Table`]s.
//!
//! ```
//! use ozg_core::{catalogue::Catalogue, dataset::Dataset};
//! let report = Dataset::example().report(Catalogue::embedded());
//! let html = ozg_tabular::html::render(&report);
//! assert!(html.contains("<svg"));
//! let xlsx = ozg_tabular::xlsx::report_workbook(&report)?;
//! assert_eq!(&xlsx[..2], b"PK");
//! # Ok::<(), ozg_tabular::TabularError>(())
//! ```

pub mod csv_out;
pub mod html;
pub mod table;
pub mod workbook;
pub mod xlsx;

use std::path::PathBuf;

/// Error writing or reading a tabular file (Fehler in Tabelle oder Bericht).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TabularError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The XLSX writer failed.
    #[error("cannot write XLSX: {0}")]
    XlsxWrite(String),
    /// The CSV writer failed.
    #[error("cannot write CSV: {0}")]
    CsvWrite(String),
    /// A workbook or CSV file could not be opened as such (not XLSX, missing sheet, …).
    #[error("{0}")]
    Open(String),
    /// Problems in the cells of a workbook or CSV file; each names sheet and cell
    /// (`Rollout!C7: unknown status "life"; expected one of …`).
    #[error("{} problem(s) in the workbook:\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Cells(Vec<workbook::CellProblem>),
    /// The table asked for does not exist.
    #[error("unknown table \"{name}\"; expected one of {}", table::REPORT_TABLES.join(", "))]
    UnknownTable {
        /// The name given.
        name: String,
    },
}

impl From<rust_xlsxwriter::XlsxError> for TabularError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        TabularError::XlsxWrite(e.to_string())
    }
}

/// The Rust examples of the crate README, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
