//! The rollout report for Python: `Dataset.report(...)` with filters returns the typed
//! `ozg_rs.report.RolloutReport` (dataclasses in `python/ozg_rs/report.py`, built from the serde
//! dict); its `to_html`/`to_xlsx`/`to_csv`/`tables` call the renderings of `ozg-tabular` here.

use std::path::PathBuf;

use ozg_core::catalogue::Catalogue;
use ozg_core::code::{Bundesland, CodeList, Themenfeld};
use ozg_core::dataset::Dataset;
use ozg_core::report::{ReportFilter, RolloutReport};
use ozg_tabular::csv_out::{self, CsvOptions};
use ozg_tabular::table::{Cell, report_tables};
use ozg_tabular::{TabularError, html, xlsx};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn tab_err(e: TabularError) -> PyErr {
    match e {
        TabularError::Io { path, source } => PyOSError::new_err((
            source.raw_os_error().unwrap_or(0),
            source.to_string(),
            path.display().to_string(),
        )),
        other => value_error(other),
    }
}

/// The filter from the keyword arguments of `Dataset.report` (strings as on the CLI).
pub(crate) fn filter(
    kreis: Option<&str>,
    amt: Option<&str>,
    land: Option<&str>,
    themenfeld: Option<&str>,
    verwaltung: Option<&str>,
) -> PyResult<ReportFilter> {
    let amt = amt
        .map(|s| {
            let p: ozg_core::id::ArsPrefix = s.parse().map_err(value_error)?;
            if p.level() != ozg_core::id::ArsLevel::Gemeindeverband {
                return Err(value_error(format!(
                    "amt \"{s}\": expected the 9-digit ARS prefix of an Amt (Gemeindeverband)"
                )));
            }
            Ok(p)
        })
        .transpose()?;
    Ok(ReportFilter {
        kreis: kreis.map(str::parse).transpose().map_err(value_error)?,
        amt,
        land: land
            .map(Bundesland::from_code)
            .transpose()
            .map_err(value_error)?,
        themenfeld: themenfeld
            .map(Themenfeld::from_code)
            .transpose()
            .map_err(value_error)?,
        verwaltung: verwaltung
            .map(str::parse)
            .transpose()
            .map_err(value_error)?,
    })
}

/// Builds the report and wraps it as `ozg_rs.report.RolloutReport`.
pub(crate) fn report_object<'py>(
    py: Python<'py>,
    ds: &Dataset,
    cat: &Catalogue,
    filter: &ReportFilter,
) -> PyResult<Bound<'py, PyAny>> {
    let report = py.detach(|| ds.report_with(cat, filter));
    let dict = crate::catalogue::to_py(py, &report)?;
    py.import("ozg_rs.report")?
        .getattr("RolloutReport")?
        .call_method1("_from_dict", (dict,))
}

fn from_dict(d: &Bound<'_, PyAny>) -> PyResult<RolloutReport> {
    pythonize::depythonize(d).map_err(|e| value_error(format!("not a report dict: {e}")))
}

/// The report (its dict) as one self-contained HTML page.
#[pyfunction]
fn _report_html(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<String> {
    let r = from_dict(report)?;
    Ok(py.detach(|| html::render(&r)))
}

/// Writes the report (its dict) as an XLSX workbook to `path`.
#[pyfunction]
fn _report_xlsx(py: Python<'_>, report: &Bound<'_, PyAny>, path: PathBuf) -> PyResult<()> {
    let r = from_dict(report)?;
    let bytes = py.detach(|| xlsx::report_workbook(&r)).map_err(tab_err)?;
    std::fs::write(&path, bytes).map_err(|e| {
        PyOSError::new_err((
            e.raw_os_error().unwrap_or(0),
            e.to_string(),
            path.display().to_string(),
        ))
    })
}

/// Writes one CSV file per table into `directory`; returns the paths written.
#[pyfunction]
#[pyo3(signature = (report, directory, delimiter = ",", bom = false))]
fn _report_csv(
    report: &Bound<'_, PyAny>,
    directory: PathBuf,
    delimiter: &str,
    bom: bool,
) -> PyResult<Vec<String>> {
    let r = from_dict(report)?;
    let delimiter = match delimiter {
        "," => b',',
        ";" => b';',
        other => {
            return Err(value_error(format!(
                "delimiter \"{other}\": expected ',' or ';'"
            )));
        }
    };
    let paths = csv_out::write_tables(
        &report_tables(&r),
        &directory,
        CsvOptions { delimiter, bom },
    )
    .map_err(tab_err)?;
    Ok(paths.iter().map(|p| p.display().to_string()).collect())
}

/// The report tables: name → (headers, rows) with ints, floats (shares 0–1), strings or None.
#[pyfunction]
fn _report_tables<'py>(py: Python<'py>, report: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let r = from_dict(report)?;
    let out = PyDict::new(py);
    for t in report_tables(&r) {
        let headers: Vec<&str> = t.columns.iter().map(|c| c.header).collect();
        let rows: Vec<Vec<Py<PyAny>>> = t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| -> PyResult<Py<PyAny>> {
                        Ok(match c {
                            Cell::Text(s) => s.into_pyobject(py)?.into_any().unbind(),
                            Cell::Int(n) => n.into_pyobject(py)?.into_any().unbind(),
                            Cell::Percent(Some(p)) => p.into_pyobject(py)?.into_any().unbind(),
                            Cell::Date(d) => d.into_pyobject(py)?.into_any().unbind(),
                            Cell::Percent(None) | Cell::Empty => py.None(),
                        })
                    })
                    .collect()
            })
            .collect::<PyResult<_>>()?;
        out.set_item(t.name, (headers, rows))?;
    }
    Ok(out)
}

/// Registers the report functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_report_html, m)?)?;
    m.add_function(wrap_pyfunction!(_report_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(_report_csv, m)?)?;
    m.add_function(wrap_pyfunction!(_report_tables, m)?)?;
    Ok(())
}
