//! Validation (Prüfung) of documents: JSON Schema plus the semantic rules of ozg-core, via
//! `ozg-validate`; and the JSON Schemas themselves as dicts.

use std::path::PathBuf;

use ozg_validate::schema::SchemaSet;
use ozg_validate::{DocumentKind, Report, Validator};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::catalogue::to_py;
use crate::dataset::{PyAgreement, PyDataset, PyFinding, PyRolloutEntry};
use crate::error::Error;

fn validator() -> Result<&'static Validator, Error> {
    Validator::shared().map_err(|e| Error::Value(e.to_string()))
}

fn kind_of(name: &str) -> Result<DocumentKind, Error> {
    name.parse::<DocumentKind>().map_err(|_| {
        let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
        Error::Value(format!(
            "unknown document kind {name:?}; expected one of {}",
            names.join(", ")
        ))
    })
}

fn findings(report: &Report) -> Vec<PyFinding> {
    report
        .findings
        .iter()
        .map(|f| {
            PyFinding::new(
                f.pointer.clone(),
                f.code.as_str(),
                f.severity.as_str().to_owned(),
                f.message.clone(),
            )
        })
        .collect()
}

/// `ozg.validate(path_or_obj, kind=None)`: validates a JSON file (path as `str`/`os.PathLike`), a
/// JSON-like object (dict/list), or a `Dataset`/`Agreement`/`RolloutEntry`, and returns every
/// finding (`pointer`, `code`, `severity`, `message`); an empty list means valid. `kind` names
/// the document kind (`dataset`, `catalogue`, `onlinedienst`, `agreement`, `rollout-entry`,
/// `delivery-channel`, `verwaltung`, `it-provider`); by default it is told from the shape.
#[pyfunction]
#[pyo3(signature = (path_or_obj, kind = None))]
pub(crate) fn validate(
    py: Python<'_>,
    path_or_obj: &Bound<'_, PyAny>,
    kind: Option<&str>,
) -> PyResult<Vec<PyFinding>> {
    let kind = kind.map(kind_of).transpose()?;
    let v = validator()?;
    let typed = |value: Result<serde_json::Value, serde_json::Error>, k: DocumentKind| {
        value
            .map(|value| (Some(kind.unwrap_or(k)), value))
            .map_err(|e| Error::Value(e.to_string()))
    };
    let (kind, value) = if let Ok(d) = path_or_obj.cast::<PyDataset>() {
        typed(serde_json::to_value(&d.borrow().0), DocumentKind::Dataset)?
    } else if let Ok(a) = path_or_obj.cast::<PyAgreement>() {
        typed(serde_json::to_value(&a.borrow().0), DocumentKind::Agreement)?
    } else if let Ok(r) = path_or_obj.cast::<PyRolloutEntry>() {
        typed(
            serde_json::to_value(&r.borrow().0),
            DocumentKind::RolloutEntry,
        )?
    } else if path_or_obj.is_instance_of::<PyDict>() || path_or_obj.is_instance_of::<PyList>() {
        let value: serde_json::Value = pythonize::depythonize(path_or_obj)
            .map_err(|e| Error::Value(format!("not a JSON-like object: {e}")))?;
        (kind, value)
    } else if path_or_obj.is_instance_of::<PyString>() || path_or_obj.hasattr("__fspath__")? {
        let path: PathBuf = path_or_obj.extract()?;
        let report = py.detach(|| -> Result<Report, Error> {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&e, &path))?;
            Ok(v.validate_json_str(kind, &text))
        })?;
        return Ok(findings(&report));
    } else {
        return Err(Error::Value(format!(
            "validate() takes a path, a dict/list, a Dataset, an Agreement or a RolloutEntry, not {}",
            path_or_obj.get_type().name()?
        ))
        .into());
    };
    let report = py.detach(|| v.validate_value_as(kind, &value));
    Ok(findings(&report))
}

/// `ozg.validate_json(text, kind=None)`: validates JSON text; see `validate`.
#[pyfunction]
#[pyo3(signature = (text, kind = None))]
pub(crate) fn validate_json(
    py: Python<'_>,
    text: &str,
    kind: Option<&str>,
) -> PyResult<Vec<PyFinding>> {
    let kind = kind.map(kind_of).transpose()?;
    let v = validator()?;
    let report = py.detach(|| v.validate_json_str(kind, text));
    Ok(findings(&report))
}

/// `ozg.schema(name)`: the JSON Schema (draft 2020-12) of a document kind as a dict.
#[pyfunction]
pub(crate) fn schema<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let kind = kind_of(name)?;
    to_py(py, &SchemaSet::get(kind).schema())
}

/// `ozg.schema_names()`: the document kinds that have a schema.
#[pyfunction]
pub(crate) fn schema_names() -> Vec<&'static str> {
    DocumentKind::ALL.iter().map(|k| k.name()).collect()
}

/// Adds the validation functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(schema_names, m)?)?;
    Ok(())
}
