//! Validation (Prüfung) of documents: JSON Schema plus the semantic rules of ozg-core, via
//! `ozg-validate`; and the JSON Schemas themselves as dicts.

use std::io::{BufRead, Read};
use std::path::PathBuf;
use std::sync::Mutex;

use ozg_validate::schema::SchemaSet;
use ozg_validate::{DocumentKind, Report, Validator};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyMapping, PySequence, PyString, PyTuple};

use crate::catalogue::to_py;
use crate::convert;
use crate::dataset::{PyAgreement, PyDataset, PyFinding, PyRolloutEntry};
use crate::error::Error;

fn validator() -> Result<&'static Validator, Error> {
    Validator::shared().map_err(|e| Error::Value(e.to_string()))
}

fn kind_of(name: &str) -> Result<DocumentKind, Error> {
    // The exact names first: `FromStr` normalises case and `_` with two allocations per call.
    if let Some(kind) = DocumentKind::ALL.iter().find(|k| k.name() == name) {
        return Ok(*kind);
    }
    name.parse::<DocumentKind>().map_err(|_| {
        let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
        Error::Value(format!(
            "unknown document kind {name:?}; expected one of {}",
            names.join(", ")
        ))
    })
}

/// The last `kind` argument and its parse: callers validating many records pass the same `str`
/// object each time, so identity (with the strong reference keeping the address from reuse)
/// answers without decoding the name again.
static LAST_KIND: Mutex<Option<(Py<PyString>, DocumentKind)>> = Mutex::new(None);

/// Parses the `kind` argument (a document kind name) of the validation functions.
fn kind_arg(kind: Option<&Bound<'_, PyString>>) -> Result<Option<DocumentKind>, Error> {
    let Some(kind) = kind else {
        return Ok(None);
    };
    // `try_lock`: a busy or poisoned cache is skipped, never waited for.
    let mut last = LAST_KIND.try_lock().ok();
    if let Some(Some((name, parsed))) = last.as_deref() {
        if name.is(kind) {
            return Ok(Some(*parsed));
        }
    }
    let name = kind
        .to_cow()
        .map_err(|e| Error::Value(format!("invalid document kind: {e}")))?;
    let parsed = kind_of(&name)?;
    if let Some(last) = last.as_deref_mut() {
        *last = Some((kind.clone().unbind(), parsed));
    }
    Ok(Some(parsed))
}

/// Validations smaller than this many JSON values run without releasing the interpreter: for a
/// small object, handing the GIL over and back costs more than the validation itself.
const DETACH_NODES: usize = 512;

/// Number of items `validate_many` converts before it validates them (with the interpreter
/// released) and turns their findings into Python objects; bounds memory on long iterables.
const MANY_CHUNK: usize = 1024;

/// One document to validate, taken from a Python argument (the Python part of the work).
enum Job {
    /// A parsed value of the given (or detected) kind, with its number of JSON values.
    Value {
        kind: Option<DocumentKind>,
        value: serde_json::Value,
        nodes: usize,
    },
    /// A JSON or XML file to read and validate.
    Path(PathBuf),
}

impl Job {
    /// Takes a path, a JSON-like object or one of our model objects apart into Rust data.
    fn from_py(obj: &Bound<'_, PyAny>, kind: Option<DocumentKind>) -> Result<Job, PyErr> {
        let typed = |value: Result<serde_json::Value, serde_json::Error>, k: DocumentKind| {
            value
                .map(|value| Job::Value {
                    kind: Some(kind.unwrap_or(k)),
                    value,
                    nodes: DETACH_NODES,
                })
                .map_err(|e| PyErr::from(Error::Value(e.to_string())))
        };
        if obj.is_instance_of::<PyDict>() || obj.is_instance_of::<PyList>() {
            let converted = convert::to_json(obj)?;
            Ok(Job::Value {
                kind,
                value: converted.value,
                nodes: converted.nodes,
            })
        } else if let Ok(d) = obj.cast::<PyDataset>() {
            typed(serde_json::to_value(&d.borrow().0), DocumentKind::Dataset)
        } else if let Ok(a) = obj.cast::<PyAgreement>() {
            typed(serde_json::to_value(&a.borrow().0), DocumentKind::Agreement)
        } else if let Ok(r) = obj.cast::<PyRolloutEntry>() {
            typed(
                serde_json::to_value(&r.borrow().0),
                DocumentKind::RolloutEntry,
            )
        } else if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
            Ok(Job::Path(obj.extract()?))
        } else if obj.is_instance_of::<PyTuple>()
            || obj.cast::<PyMapping>().is_ok()
            || obj.cast::<PySequence>().is_ok()
        {
            // other JSON-like containers (tuple, OrderedDict-likes, collections.abc types)
            let converted = convert::to_json(obj)?;
            Ok(Job::Value {
                kind,
                value: converted.value,
                nodes: converted.nodes,
            })
        } else {
            Err(Error::Value(format!(
                "validate() takes a path, a dict/list (or other mapping/sequence), a Dataset, an \
                 Agreement or a RolloutEntry, not {}",
                obj.get_type().name()?
            ))
            .into())
        }
    }

    /// Whether running this job is long enough to release the interpreter for it.
    fn is_long(&self) -> bool {
        match self {
            Job::Value { nodes, .. } => *nodes >= DETACH_NODES,
            Job::Path(_) => true,
        }
    }

    /// Validates (the Rust part of the work; needs no interpreter).
    fn run(&self, v: &Validator, kind: Option<DocumentKind>) -> Result<Report, Error> {
        match self {
            Job::Value { kind, value, .. } => Ok(v.validate_value_as(*kind, value)),
            Job::Path(path) => {
                let file = std::fs::File::open(path).map_err(|e| Error::io(&e, path))?;
                let mut input = std::io::BufReader::with_capacity(1 << 16, file);
                let head = input.fill_buf().map_err(|e| Error::io(&e, path))?;
                if is_xml(path, head) {
                    // A dataset is validated record by record as it is read, never held whole.
                    return v
                        .validate_xml_reader(kind, input, Default::default())
                        .map_err(|e| Error::io(&e, path));
                }
                let mut bytes = Vec::new();
                input
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io(&e, path))?;
                let text = String::from_utf8(bytes).map_err(|e| {
                    Error::Value(format!(
                        "{}: not UTF-8 (invalid byte at offset {})",
                        path.display(),
                        e.utf8_error().valid_up_to()
                    ))
                })?;
                Ok(v.validate_json_str(kind, &text))
            }
        }
    }
}

/// Whether a file is XML: by its extension `.xml`, else by its first non-blank byte `<`.
fn is_xml(path: &std::path::Path, bytes: &[u8]) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("xml") => true,
        Some(ext) if ext.eq_ignore_ascii_case("json") => false,
        _ => bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<'),
    }
}

/// The findings of a report as Python `Finding`s (moving the strings, not copying them).
fn findings(report: Report) -> Vec<PyFinding> {
    report
        .findings
        .into_iter()
        .map(|f| {
            PyFinding::new(
                f.pointer,
                f.code.as_str(),
                f.severity.as_str().to_owned(),
                f.message,
            )
            .at(f.line, f.column)
        })
        .collect()
}

/// Raises `ozg_rs.ValidationError` (with every finding) if the report holds an error.
fn raise_if_invalid(report: Report) -> Result<Vec<PyFinding>, Error> {
    if report.is_valid() {
        return Ok(findings(report));
    }
    let errors = report.error_count();
    let first = report
        .findings
        .iter()
        .find(|f| f.is_error())
        .map(|f| format!("; first: {f}"))
        .unwrap_or_default();
    Err(Error::Validation {
        message: format!("document is not valid: {errors} error(s){first}"),
        findings: findings(report),
    })
}

/// `ozg_rs.validate(path_or_obj, kind=None, raise_on_error=False)`: validates a JSON file (path as
/// `str`/`os.PathLike`), a JSON-like object (dict/list of str, int, float, bool, None), or a
/// `Dataset`/`Agreement`/`RolloutEntry`, and returns every finding (`pointer`, `code`, `severity`,
/// `message`); an empty list means valid. `kind` names the document kind (`dataset`, `catalogue`,
/// `onlinedienst`, `agreement`, `rollout-entry`, `delivery-channel`, `verwaltung`,
/// `it-provider`); by default it is told from the shape. With `raise_on_error` a document with a
/// finding of severity error raises `ozg_rs.ValidationError` carrying the findings instead.
#[pyfunction]
#[pyo3(signature = (path_or_obj, kind = None, raise_on_error = false))]
pub(crate) fn validate(
    py: Python<'_>,
    path_or_obj: &Bound<'_, PyAny>,
    kind: Option<&Bound<'_, PyString>>,
    raise_on_error: bool,
) -> PyResult<Vec<PyFinding>> {
    let kind = kind_arg(kind)?;
    let v = validator()?;
    let job = Job::from_py(path_or_obj, kind)?;
    let report = if job.is_long() {
        py.detach(|| job.run(v, kind))?
    } else {
        job.run(v, kind)?
    };
    if raise_on_error {
        Ok(raise_if_invalid(report)?)
    } else {
        Ok(findings(report))
    }
}

/// `ozg_rs.validate_many(items, kind=None)`: validates every item of an iterable (each anything
/// `validate` takes) and returns one list of findings per item, in order. The items are converted
/// in chunks and each chunk is validated in one go with the interpreter released, so this is the
/// fast way to check many small records. An item that is not JSON-like raises `ozg_rs.ArgumentError`
/// naming its index.
#[pyfunction]
#[pyo3(signature = (items, kind = None))]
pub(crate) fn validate_many(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    kind: Option<&Bound<'_, PyString>>,
) -> PyResult<Vec<Vec<PyFinding>>> {
    let kind = kind_arg(kind)?;
    let v = validator()?;
    let mut out = Vec::new();
    let mut chunk: Vec<Job> = Vec::with_capacity(MANY_CHUNK);
    let flush = |chunk: &mut Vec<Job>, out: &mut Vec<Vec<PyFinding>>| -> PyResult<()> {
        let reports: Vec<Result<Report, Error>> =
            py.detach(|| chunk.iter().map(|job| job.run(v, kind)).collect());
        chunk.clear();
        for report in reports {
            out.push(findings(report?));
        }
        Ok(())
    };
    for (index, item) in items.try_iter()?.enumerate() {
        let job = Job::from_py(&item?, kind).map_err(|e| {
            let message = e.value(py).to_string();
            PyErr::from(Error::Value(format!("item {index}: {message}")))
        })?;
        chunk.push(job);
        if chunk.len() == MANY_CHUNK {
            flush(&mut chunk, &mut out)?;
        }
    }
    flush(&mut chunk, &mut out)?;
    Ok(out)
}

/// `ozg_rs.validate_xml(source, kind=None, raise_on_error=False)`: validates an XML document of our
/// format — a path (`str`/`os.PathLike`) or its bytes — like `ozg validate`: well-formedness
/// (`xml.syntax`), content (`xml.content`), the JSON Schema and the semantic rules; pointers refer
/// to the document's JSON form. `kind`, when given, is the expected root element's document kind.
#[pyfunction]
#[pyo3(signature = (source, kind = None, raise_on_error = false))]
pub(crate) fn validate_xml(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    kind: Option<&Bound<'_, PyString>>,
    raise_on_error: bool,
) -> PyResult<Vec<PyFinding>> {
    let kind = kind_arg(kind)?;
    let v = validator()?;
    let bytes = if let Ok(b) = source.cast::<pyo3::types::PyBytes>() {
        b.as_bytes().to_vec()
    } else if source.is_instance_of::<PyString>() || source.hasattr("__fspath__")? {
        // From a path: a dataset is validated record by record as it is read.
        let path: PathBuf = source.extract()?;
        let file = std::fs::File::open(&path).map_err(|e| Error::io(&e, &path))?;
        let report = py
            .detach(|| v.validate_xml_reader(kind, file, Default::default()))
            .map_err(|e| Error::io(&e, &path))?;
        return if raise_on_error {
            Ok(raise_if_invalid(report)?)
        } else {
            Ok(findings(report))
        };
    } else {
        return Err(Error::Value(format!(
            "validate_xml() takes a path or bytes, not {}",
            source.get_type().name()?
        ))
        .into());
    };
    let report = py.detach(|| v.validate_xml(kind, &bytes));
    if raise_on_error {
        Ok(raise_if_invalid(report)?)
    } else {
        Ok(findings(report))
    }
}

/// `ozg_rs.validate_json(text, kind=None)`: validates JSON text; see `validate`.
#[pyfunction]
#[pyo3(signature = (text, kind = None, raise_on_error = false))]
pub(crate) fn validate_json(
    py: Python<'_>,
    text: &str,
    kind: Option<&Bound<'_, PyString>>,
    raise_on_error: bool,
) -> PyResult<Vec<PyFinding>> {
    let kind = kind_arg(kind)?;
    let v = validator()?;
    let report = if text.len() >= 4096 {
        py.detach(|| v.validate_json_str(kind, text))
    } else {
        v.validate_json_str(kind, text)
    };
    if raise_on_error {
        Ok(raise_if_invalid(report)?)
    } else {
        Ok(findings(report))
    }
}

/// `ozg_rs.schema(name)`: the JSON Schema (draft 2020-12) of a document kind as a dict.
#[pyfunction]
pub(crate) fn schema<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let kind = kind_of(name)?;
    to_py(py, &SchemaSet::get(kind).schema())
}

/// `ozg_rs.schema_names()`: the document kinds that have a schema.
#[pyfunction]
pub(crate) fn schema_names() -> Vec<&'static str> {
    DocumentKind::ALL.iter().map(|k| k.name()).collect()
}

/// Adds the validation functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(validate_xml, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(schema_names, m)?)?;
    Ok(())
}
