//! Datasets (Datenbestand) with their agreements (Vereinbarungen) and rollout entries, the
//! consistency check (findings) and the rollout report; `load`/`loads`/`dump`/`dumps`.

use std::path::PathBuf;

use chrono::NaiveDate;
use ozg_core::agreement::{Agreement, AgreementStatus, Lifecycle, TransitionError};
use ozg_core::dataset::{Dataset, DatasetError};
use ozg_core::finding::Finding;
use ozg_core::rollout::{RolloutEntry, RolloutStatus};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyString};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::catalogue::PyCatalogue;
use crate::convert::{from_py, reduce, repr_opt, repr_str, to_py};
use crate::error::Error;
use crate::ids::{PyOnlinedienstId, extract_id};

impl From<DatasetError> for Error {
    fn from(e: DatasetError) -> Self {
        match e {
            DatasetError::Io { path, source } => Error::io(&source, &path),
            DatasetError::Json {
                ref pointer,
                line,
                column,
                ..
            } => Error::Parse {
                pointer: Some(pointer.clone()),
                line: (line > 0).then_some(line),
                column: (column > 0).then_some(column),
                message: e.to_string(),
            },
            other => Error::Value(other.to_string()),
        }
    }
}

impl<S: Lifecycle + std::fmt::Display> From<TransitionError<S>> for Error {
    fn from(e: TransitionError<S>) -> Self {
        let (from, to) = match &e {
            TransitionError::Illegal { from, to, .. } => (Some(from.to_string()), to.to_string()),
            TransitionError::BeforeLastEntry { to, .. } => (None, to.to_string()),
        };
        Error::Transition {
            message: e.to_string(),
            from,
            to,
        }
    }
}

/// Parses a snake_case status code through serde (so the error lists what is accepted).
fn parse_code<T: DeserializeOwned>(what: &str, code: &str) -> Result<T, Error> {
    use serde::de::value::{Error as DeError, StrDeserializer};
    T::deserialize(StrDeserializer::<DeError>::new(code))
        .map_err(|e| Error::Value(format!("invalid {what} {code:?}: {e}")))
}

/// Extracts a date from `datetime.date` or an ISO `YYYY-MM-DD` string.
pub(crate) fn extract_date(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if obj.is_instance_of::<PyDate>() {
        return obj.extract::<NaiveDate>();
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return Ok(s.parse::<NaiveDate>().map_err(|e| {
            Error::Value(format!("invalid date {s:?} (expected YYYY-MM-DD): {e}"))
        })?);
    }
    Err(PyTypeError::new_err(
        "expected datetime.date or an ISO date string YYYY-MM-DD",
    ))
}

/// A finding (Befund) of the consistency check or of validation; its serde form is that of
/// `ozg_core::Finding` (`pointer`, `code`, `severity`, `message`) plus, for a finding in an XML
/// file (or a line of NDJSON), `line` and `column` as `ozg validate` writes them.
#[pyclass(frozen, module = "ozg_rs", name = "Finding", skip_from_py_object)]
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PyFinding {
    /// JSON pointer of the offending value (`""` = the document).
    #[pyo3(get)]
    pointer: String,
    /// Stable dotted code of the rule, e.g. `rollout.live_without_agreement`.
    #[pyo3(get)]
    code: String,
    /// `error` or `warning`.
    #[pyo3(get)]
    severity: String,
    /// Human-readable message (English).
    #[pyo3(get)]
    message: String,
    /// 1-based line in the file, where known (XML files, NDJSON lines, syntax errors).
    #[pyo3(get)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    /// 1-based column, where known.
    #[pyo3(get)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    column: Option<u64>,
}

impl PyFinding {
    /// A finding from its parts.
    pub(crate) fn new(pointer: String, code: String, severity: String, message: String) -> Self {
        PyFinding {
            pointer,
            code,
            severity,
            message,
            line: None,
            column: None,
        }
    }

    /// The same finding at a line and column.
    pub(crate) fn at(mut self, line: Option<u64>, column: Option<u64>) -> Self {
        self.line = line;
        self.column = column;
        self
    }
}

impl From<&Finding> for PyFinding {
    fn from(f: &Finding) -> Self {
        PyFinding::new(
            f.pointer.clone(),
            f.code.as_str().to_owned(),
            f.severity.as_str().to_owned(),
            f.message.clone(),
        )
    }
}

#[pymethods]
impl PyFinding {
    /// Builds a finding from its dict form `{"pointer", "code", "severity", "message"}` (and
    /// `line`, `column` where known).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let f: Self = from_py(data, "finding")?;
        if f.severity != "error" && f.severity != "warning" {
            return Err(Error::Value(format!(
                "finding: invalid severity {:?} (expected \"error\" or \"warning\")",
                f.severity
            ))
            .into());
        }
        Ok(f)
    }
    /// `{"pointer", "code", "severity", "message"}` (the serde form of `ozg_core::Finding`), and
    /// `line`, `column` where known.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self)
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), slf.get())
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| {
            let o = o.get();
            (
                &o.pointer,
                &o.code,
                &o.severity,
                &o.message,
                o.line,
                o.column,
            ) == (
                &self.pointer,
                &self.code,
                &self.severity,
                &self.message,
                self.line,
                self.column,
            )
        })
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let at = match (self.line, self.column) {
            (Some(l), Some(c)) => format!(", line={l}, column={c}"),
            (Some(l), None) => format!(", line={l}"),
            _ => String::new(),
        };
        format!(
            "Finding(pointer={}, code={}, severity={}, message={}{at})",
            repr_str(py, &self.pointer),
            repr_str(py, &self.code),
            repr_str(py, &self.severity),
            repr_str(py, &self.message)
        )
    }
}

/// An agreement (Vereinbarung / Vertrag) with its status lifecycle
/// `draft → sent_for_signature → signed → in_force → terminated | expired`.
#[pyclass(module = "ozg_rs", name = "Agreement", skip_from_py_object)]
#[derive(Clone)]
pub struct PyAgreement(pub(crate) Agreement);

#[pymethods]
impl PyAgreement {
    /// Builds an agreement from its dict form (as in the dataset JSON).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py(data, "agreement")?))
    }
    /// Our id of the agreement.
    #[getter]
    fn id(&self) -> String {
        self.0.id.to_string()
    }
    /// Vereinbarungsart code, e.g. `nutzervereinbarung`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.code()
    }
    /// Title.
    #[getter]
    fn title(&self) -> &str {
        &self.0.title
    }
    /// Current status code, e.g. `in_force`.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.code()
    }
    /// The status history as dicts (`date`, `status`, `note`).
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.history)
    }
    /// Moves the agreement to status `to` on `date`; raises `TransitionError` if the lifecycle
    /// forbids it or the date lies before the last history entry.
    #[pyo3(signature = (to, date, note = None))]
    fn transition(
        &mut self,
        to: &str,
        date: &Bound<'_, PyAny>,
        note: Option<String>,
    ) -> PyResult<()> {
        let to: AgreementStatus = parse_code("agreement status", to)?;
        let date = extract_date(date)?;
        Ok(self.0.transition(to, date, note).map_err(Error::from)?)
    }
    /// Whether the agreement is in force on `date`.
    fn in_force_on(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.in_force_on(extract_date(date)?))
    }
    /// Whether the agreement covers the Onlinedienst (`OnlinedienstId` or str).
    fn covers(&self, onlinedienst: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self
            .0
            .covers(&extract_id::<PyOnlinedienstId>(onlinedienst)?))
    }
    /// The agreement as a dict (camelCase keys, as in the dataset JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.borrow().0)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| o.borrow().0 == self.0)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Agreement(id={}, kind='{}', status='{}')",
            repr_str(py, self.0.id.as_ref()),
            self.0.kind.code(),
            self.0.status.code()
        )
    }
}

/// A rollout entry (Rollout-Eintrag): one Onlinedienst at one Verwaltung, with the lifecycle
/// `ordered → agreed → configured → live`, `withdrawn` from any status.
#[pyclass(module = "ozg_rs", name = "RolloutEntry", skip_from_py_object)]
#[derive(Clone)]
pub struct PyRolloutEntry(pub(crate) RolloutEntry);

#[pymethods]
impl PyRolloutEntry {
    /// Builds an entry from its dict form (as in the dataset JSON).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py(data, "rollout entry")?))
    }
    /// The Verwaltung's id.
    #[getter]
    fn verwaltung(&self) -> String {
        self.0.verwaltung.to_string()
    }
    /// The Onlinedienst's id.
    #[getter]
    fn onlinedienst(&self) -> String {
        self.0.onlinedienst.to_string()
    }
    /// Programme phase code (`pilot`, `area_wide`).
    #[getter]
    fn phase(&self) -> &'static str {
        self.0.phase.code()
    }
    /// Current status code, e.g. `live`.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.code()
    }
    /// Go-live date (planned while not live, actual once live).
    #[getter]
    fn go_live(&self) -> Option<NaiveDate> {
        self.0.go_live
    }
    /// Whether the entry is live.
    #[getter]
    fn is_live(&self) -> bool {
        self.0.is_live()
    }
    /// The status history as dicts (`date`, `status`, `note`).
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.history)
    }
    /// Moves the entry to status `to` on `date`; raises `TransitionError` like the Rust model.
    #[pyo3(signature = (to, date, note = None))]
    fn transition(
        &mut self,
        to: &str,
        date: &Bound<'_, PyAny>,
        note: Option<String>,
    ) -> PyResult<()> {
        let to: RolloutStatus = parse_code("rollout status", to)?;
        let date = extract_date(date)?;
        Ok(self
            .0
            .transition_with_note(to, date, note)
            .map_err(Error::from)?)
    }
    /// The entry as a dict (camelCase keys, as in the dataset JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.borrow().0)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| o.borrow().0 == self.0)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "RolloutEntry(verwaltung={}, onlinedienst={}, status='{}')",
            repr_str(py, self.0.verwaltung.as_ref()),
            repr_str(py, self.0.onlinedienst.as_ref()),
            self.0.status.code()
        )
    }
}

/// A dataset (Datenbestand): IT providers, Verwaltungen, Onlinedienste, channels, agreements and
/// rollout entries.
#[pyclass(module = "ozg_rs", name = "Dataset", skip_from_py_object)]
#[derive(Clone)]
pub struct PyDataset(pub(crate) Dataset);

fn catalogue_or_embedded(catalogue: Option<PyRef<'_, PyCatalogue>>) -> PyCatalogue {
    catalogue.map_or_else(PyCatalogue::embedded_ref, |c| (*c).clone())
}

#[pymethods]
impl PyDataset {
    /// An empty dataset of the current schema version.
    #[new]
    fn new() -> Self {
        Self(Dataset::new())
    }
    /// The bundled example dataset (real SH Verwaltungen and catalogue entries; statuses illustrative).
    #[staticmethod]
    fn example() -> Self {
        Self(Dataset::example())
    }
    /// Builds a dataset from its dict form (as in the JSON file).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py(data, "dataset")?))
    }
    /// Format version, e.g. `1.0`.
    #[getter]
    fn schema_version(&self) -> &str {
        &self.0.schema_version
    }
    /// Title.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
    /// Description.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Whether this is example data.
    #[getter]
    fn example_data(&self) -> bool {
        self.0.example
    }
    /// IT providers as dicts.
    #[getter]
    fn it_providers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.it_providers)
    }
    /// Verwaltungen as dicts.
    #[getter]
    fn verwaltungen<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.verwaltungen)
    }
    /// Onlinedienste as dicts.
    #[getter]
    fn onlinedienste<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.onlinedienste)
    }
    /// Delivery channels (Zustellkanäle) as dicts.
    #[getter]
    fn channels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.channels)
    }
    /// The agreements (copies: change them, then store them back with `put`).
    #[getter]
    fn agreements(&self) -> Vec<PyAgreement> {
        self.0.agreements.iter().cloned().map(PyAgreement).collect()
    }
    /// The rollout entries (copies: change them, then store them back with `put`).
    #[getter]
    fn rollout(&self) -> Vec<PyRolloutEntry> {
        self.0.rollout.iter().cloned().map(PyRolloutEntry).collect()
    }
    /// Stores an agreement (replacing the one with the same id) or a rollout entry (replacing the
    /// one with the same Verwaltung and Onlinedienst); appends otherwise.
    fn put(&mut self, item: &Bound<'_, PyAny>) -> PyResult<()> {
        if let Ok(a) = item.cast::<PyAgreement>() {
            let a = a.borrow().0.clone();
            match self.0.agreements.iter_mut().find(|x| x.id == a.id) {
                Some(slot) => *slot = a,
                None => self.0.agreements.push(a),
            }
            return Ok(());
        }
        if let Ok(r) = item.cast::<PyRolloutEntry>() {
            let r = r.borrow().0.clone();
            match self
                .0
                .rollout
                .iter_mut()
                .find(|x| x.verwaltung == r.verwaltung && x.onlinedienst == r.onlinedienst)
            {
                Some(slot) => *slot = r,
                None => self.0.rollout.push(r),
            }
            return Ok(());
        }
        Err(PyTypeError::new_err("expected Agreement or RolloutEntry"))
    }
    /// The consistency check against a catalogue (default: the embedded one): all findings.
    #[pyo3(signature = (catalogue = None))]
    fn check(&self, py: Python<'_>, catalogue: Option<PyRef<'_, PyCatalogue>>) -> Vec<PyFinding> {
        let cat = catalogue_or_embedded(catalogue);
        let findings = py.detach(|| self.0.check(cat.get()));
        findings.iter().map(PyFinding::from).collect()
    }
    /// The rollout report against a catalogue (default: the embedded one), optionally filtered,
    /// as a typed `ozg_rs.report.RolloutReport`.
    #[pyo3(signature = (catalogue = None, *, kreis = None, amt = None, land = None, themenfeld = None, verwaltung = None))]
    #[allow(clippy::too_many_arguments)]
    fn report<'py>(
        &self,
        py: Python<'py>,
        catalogue: Option<PyRef<'_, PyCatalogue>>,
        kreis: Option<&str>,
        amt: Option<&str>,
        land: Option<&str>,
        themenfeld: Option<&str>,
        verwaltung: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cat = catalogue_or_embedded(catalogue);
        let filter = crate::report::filter(kreis, amt, land, themenfeld, verwaltung)?;
        crate::report::report_object(py, &self.0, cat.get(), &filter)
    }
    /// The rollout report against a catalogue (default: the embedded one) as text tables.
    #[pyo3(signature = (catalogue = None))]
    fn report_text(&self, py: Python<'_>, catalogue: Option<PyRef<'_, PyCatalogue>>) -> String {
        let cat = catalogue_or_embedded(catalogue);
        py.detach(|| self.0.report(cat.get()).to_string())
    }
    /// The dataset as a dict (camelCase keys, as in the JSON file).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.borrow().0)
    }
    /// The dataset as pretty-printed JSON.
    fn to_json(&self) -> PyResult<String> {
        Ok(self.0.to_json_pretty().map_err(Error::from)?)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| o.borrow().0 == self.0)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Dataset(title={}, verwaltungen={}, onlinedienste={}, agreements={}, rollout={})",
            repr_opt(py, self.0.title.as_deref()),
            self.0.verwaltungen.len(),
            self.0.onlinedienste.len(),
            self.0.agreements.len(),
            self.0.rollout.len()
        )
    }
}

/// The file formats of `load`/`dump`.
#[derive(Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Format {
    Json,
    Xml,
}

fn format_of(format: Option<&str>, path: Option<&std::path::Path>) -> Result<Format, Error> {
    match format {
        Some(f) => parse_code::<Format>(
            "format (expected \"json\" or \"xml\")",
            &f.to_ascii_lowercase(),
        ),
        None => match path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xml") => Ok(Format::Xml),
            _ => Ok(Format::Json),
        },
    }
}

/// Reads a dataset from our XML format (namespace `urn:ozg-rs:schema:ozg:1`) with the default limits.
fn dataset_from_xml(bytes: &[u8]) -> Result<Dataset, Error> {
    Ok(ozg_xml::document::DocumentReader::new().read::<Dataset, _>(bytes)?)
}

/// Writes a dataset in our XML format.
fn dataset_to_xml(dataset: &Dataset) -> Result<String, Error> {
    Ok(ozg_xml::document::to_xml_string(dataset)?)
}

/// `ozg_rs.load(path, format=None)`: reads a dataset file (format from the extension, default JSON).
#[pyfunction]
#[pyo3(signature = (path, format = None))]
pub(crate) fn load(py: Python<'_>, path: PathBuf, format: Option<&str>) -> PyResult<PyDataset> {
    match format_of(format, Some(&path))? {
        Format::Json => Ok(PyDataset(
            py.detach(|| Dataset::from_path(&path))
                .map_err(Error::from)?,
        )),
        Format::Xml => {
            let bytes = py
                .detach(|| std::fs::read(&path))
                .map_err(|e| Error::io(&e, &path))?;
            Ok(PyDataset(py.detach(|| dataset_from_xml(&bytes))?))
        }
    }
}

/// `ozg_rs.loads(text, format="json")`: parses a dataset from text.
#[pyfunction]
#[pyo3(signature = (text, format = "json"))]
pub(crate) fn loads(py: Python<'_>, text: &str, format: &str) -> PyResult<PyDataset> {
    match format_of(Some(format), None)? {
        Format::Json => {
            let text = text.to_owned();
            Ok(PyDataset(
                py.detach(|| Dataset::from_json_str(&text))
                    .map_err(Error::from)?,
            ))
        }
        Format::Xml => {
            let bytes = text.as_bytes().to_vec();
            Ok(PyDataset(py.detach(|| dataset_from_xml(&bytes))?))
        }
    }
}

/// `ozg_rs.dumps(dataset, format="json")`: the dataset as text.
#[pyfunction]
#[pyo3(signature = (dataset, format = "json"))]
pub(crate) fn dumps(dataset: PyRef<'_, PyDataset>, format: &str) -> PyResult<String> {
    match format_of(Some(format), None)? {
        Format::Json => Ok(dataset.0.to_json_pretty().map_err(Error::from)?),
        Format::Xml => Ok(dataset_to_xml(&dataset.0)?),
    }
}

/// `ozg_rs.dump(dataset, path, format=None)`: writes the dataset to a file.
#[pyfunction]
#[pyo3(signature = (dataset, path, format = None))]
pub(crate) fn dump(
    py: Python<'_>,
    dataset: PyRef<'_, PyDataset>,
    path: PathBuf,
    format: Option<&str>,
) -> PyResult<()> {
    let text = match format_of(format, Some(&path))? {
        Format::Json => dataset.0.to_json_pretty().map_err(Error::from)?,
        Format::Xml => dataset_to_xml(&dataset.0)?,
    };
    py.detach(|| std::fs::write(&path, text))
        .map_err(|e| Error::io(&e, &path))?;
    Ok(())
}

/// Adds the dataset classes and functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDataset>()?;
    m.add_class::<PyAgreement>()?;
    m.add_class::<PyRolloutEntry>()?;
    m.add_class::<PyFinding>()?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(loads, m)?)?;
    m.add_function(wrap_pyfunction!(dump, m)?)?;
    m.add_function(wrap_pyfunction!(dumps, m)?)?;
    Ok(())
}
