//! Code lists (XÖV Codelisten, Genericode 1.0): `ozg_rs.codelists.read(path)` → `CodeListDocument`
//! (read with `ozg_xml::genericode`, kept in Rust; rows become dicts only when asked for) and the
//! versioned `CodeListRegistry` of `ozg_core::codelist`.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use ozg_core::codelist::{Cell, CodeListDocument, CodeListRegistry, LookupError, Row};
use ozg_xml::{ReaderConfig, genericode};
use pyo3::exceptions::{PyKeyError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::catalogue::to_py;
use crate::convert::reduce_with;
use crate::dataset::{PyDataset, PyFinding};
use crate::error::Error;

/// Reads a Genericode file; errors name the file (I/O → `OzgIOError`, XML → `XmlSyntaxError`).
fn read_file(path: &std::path::Path) -> Result<CodeListDocument, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(&e, path))?;
    genericode::read(file, ReaderConfig::default()).map_err(|e| match Error::from(e) {
        Error::Xml {
            message,
            line,
            column,
            path: element,
        } => Error::Xml {
            message: format!("{}: {message}", path.display()),
            line,
            column,
            path: element,
        },
        Error::Io { message, errno, .. } => Error::Io {
            message: format!("{}: {message}", path.display()),
            filename: Some(path.display().to_string()),
            errno,
        },
        other => other,
    })
}

fn row_dict<'py>(
    py: Python<'py>,
    doc: &CodeListDocument,
    row: &Row,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (c, cell) in doc.column_set().columns.iter().zip(&row.cells) {
        match cell {
            Cell::Absent => {}
            Cell::Empty => d.set_item(&c.id, py.None())?,
            Cell::Text(t) => d.set_item(&c.id, t)?,
        }
    }
    Ok(d)
}

/// One version of a code list (Codeliste) read from Genericode: identification, XÖV metadata,
/// columns, keys and rows (a row is a dict by column id; an empty value is `None`, a left-out
/// one is missing).
#[pyclass(
    frozen,
    module = "ozg_rs.codelists",
    name = "CodeListDocument",
    skip_from_py_object
)]
#[derive(Clone)]
pub struct PyCodeListDocument(pub(crate) Arc<CodeListDocument>);

#[pymethods]
impl PyCodeListDocument {
    /// Parses a code list from Genericode XML text (as `ozg_rs.codelists.read(text)` does).
    #[staticmethod]
    fn from_xml(py: Python<'_>, text: &str) -> PyResult<Self> {
        let text = text.to_owned();
        let doc = py.detach(|| genericode::from_xml_str(&text).map_err(Error::from))?;
        Ok(Self(Arc::new(doc)))
    }
    /// Pickling and `copy` through the Genericode XML, the list's lossless form (the dict form
    /// leaves out row annotations): `CodeListDocument.from_xml(doc.to_xml())`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let xml = slf.get().to_xml()?;
        reduce_with(slf.as_any(), "from_xml", (xml,))
    }
    /// `CanonicalUri`, the XÖV `listURI`.
    #[getter]
    fn canonical_uri(&self) -> &str {
        self.0.canonical_uri()
    }
    /// `Version`, the XÖV `listVersionID`.
    #[getter]
    fn version(&self) -> &str {
        self.0.version()
    }
    /// `ShortName` of the identification.
    #[getter]
    fn short_name(&self) -> &str {
        &self.0.identification().short_name
    }
    /// The identification as a dict (shortName, longNames, version, canonicalUri, …).
    #[getter]
    fn identification<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.identification())
    }
    /// The XÖV metadata (shortName, codelistDescription, validFrom, …) as a dict.
    #[getter]
    fn xoev_metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.xoev_metadata())
    }
    /// The list's annotation (every element kept) as a dict, or `None`.
    #[getter]
    fn annotation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.annotation())
    }
    /// The column ids, in order.
    #[getter]
    fn column_ids(&self) -> Vec<String> {
        self.0
            .column_set()
            .columns
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }
    /// The column set (columns and keys) as a dict.
    #[getter]
    fn column_set<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.column_set())
    }
    /// The column ids of the recommended key, or `None` when the list declares no key.
    #[getter]
    fn key_columns(&self) -> Option<Vec<String>> {
        self.0
            .column_set()
            .recommended_key()
            .map(|k| k.columns.clone())
    }
    /// All rows as dicts by column id, in document order.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for row in self.0.rows() {
            list.append(row_dict(py, &self.0, row)?)?;
        }
        Ok(list)
    }
    /// The row whose recommended key has this value, as a dict; `None` when it is not in the list.
    fn lookup<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.0
            .row_by_key(key)
            .map(|r| row_dict(py, &self.0, r))
            .transpose()
    }
    /// The label (Bezeichnung) of a code, `None` when unknown or the list names no label column.
    fn label(&self, key: &str) -> Option<String> {
        self.0
            .row_by_key(key)
            .and_then(|r| self.0.label(r))
            .map(str::to_owned)
    }
    /// The whole list as a dict (identification, annotation, xoevMetadata, columnSet, rows).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.0)
    }
    /// The list as Genericode XML text.
    fn to_xml(&self) -> PyResult<String> {
        Ok(genericode::to_xml_string(&self.0).map_err(Error::from)?)
    }
    /// Writes the list as a Genericode file.
    fn write(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let doc = self.0.clone();
        py.detach(|| -> Result<(), Error> {
            let file = std::fs::File::create(&path).map_err(|e| Error::io(&e, &path))?;
            genericode::write(&doc, std::io::BufWriter::new(file)).map_err(Error::from)
        })?;
        Ok(())
    }
    fn __len__(&self) -> usize {
        self.0.len()
    }
    fn __contains__(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
    fn __eq__(&self, other: &Self) -> bool {
        self.0 == other.0
    }
    fn __repr__(&self) -> String {
        format!(
            "CodeListDocument({:?}, version={:?}, rows={})",
            self.0.canonical_uri(),
            self.0.version(),
            self.0.len()
        )
    }
}

/// The registry of code lists by list URI and version (Codelisten-Register), each list pinned
/// to one version (the newest loaded, unless pinned explicitly). Safe to share between threads.
#[pyclass(
    frozen,
    module = "ozg_rs.codelists",
    name = "CodeListRegistry",
    skip_from_py_object
)]
pub struct PyCodeListRegistry(RwLock<CodeListRegistry>);

impl PyCodeListRegistry {
    fn read(&self) -> PyResult<std::sync::RwLockReadGuard<'_, CodeListRegistry>> {
        self.0
            .read()
            .map_err(|_| PyRuntimeError::new_err("code list registry lock poisoned"))
    }
    fn write(&self) -> PyResult<std::sync::RwLockWriteGuard<'_, CodeListRegistry>> {
        self.0
            .write()
            .map_err(|_| PyRuntimeError::new_err("code list registry lock poisoned"))
    }
}

fn lookup_error(e: LookupError) -> PyErr {
    PyKeyError::new_err(e.to_string())
}

#[pymethods]
impl PyCodeListRegistry {
    /// An empty registry, or (`builtin=True`) one holding the lists embedded in ozg (DVDV-Präfixe 51).
    #[new]
    #[pyo3(signature = (builtin = false))]
    fn new(builtin: bool) -> Self {
        PyCodeListRegistry(RwLock::new(if builtin {
            CodeListRegistry::builtin().clone()
        } else {
            CodeListRegistry::new()
        }))
    }
    /// Adds a list version; pins the list to it when it is the first or newer than the pinned one.
    fn insert(&self, doc: PyRef<'_, PyCodeListDocument>) -> PyResult<()> {
        self.write()?.insert_arc(doc.0.clone());
        Ok(())
    }
    /// Reads a Genericode file and inserts it; returns the document.
    fn load(&self, py: Python<'_>, path: PathBuf) -> PyResult<PyCodeListDocument> {
        let doc = Arc::new(py.detach(|| read_file(&path))?);
        self.write()?.insert_arc(doc.clone());
        Ok(PyCodeListDocument(doc))
    }
    /// Pins a list to one of its loaded versions (`KeyError` when not loaded).
    fn pin(&self, list_uri: &str, version: &str) -> PyResult<()> {
        self.write()?.pin(list_uri, version).map_err(lookup_error)
    }
    /// The version a list is pinned to, `None` when the list is not loaded.
    fn pinned_version(&self, list_uri: &str) -> PyResult<Option<String>> {
        Ok(self.read()?.pinned_version(list_uri).map(str::to_owned))
    }
    /// The loaded versions of a list, oldest first.
    fn versions(&self, list_uri: &str) -> PyResult<Vec<String>> {
        Ok(self.read()?.versions(list_uri).map(str::to_owned).collect())
    }
    /// The URIs of the loaded lists, sorted.
    fn list_uris(&self) -> PyResult<Vec<String>> {
        Ok(self.read()?.list_uris().map(str::to_owned).collect())
    }
    /// A list in a version (default: the pinned one); `KeyError` when not loaded.
    #[pyo3(signature = (list_uri, version = None))]
    fn get(&self, list_uri: &str, version: Option<&str>) -> PyResult<PyCodeListDocument> {
        let reg = self.read()?;
        let doc = reg.get(list_uri, version).map_err(lookup_error)?;
        Ok(PyCodeListDocument(doc.clone()))
    }
    /// The row of a code in a list version (default: the pinned one) as a dict; `KeyError`
    /// when the list, the version or the code is not there.
    #[pyo3(signature = (list_uri, key, version = None))]
    fn lookup<'py>(
        &self,
        py: Python<'py>,
        list_uri: &str,
        key: &str,
        version: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let reg = self.read()?;
        let e = reg.lookup(list_uri, version, key).map_err(lookup_error)?;
        row_dict(py, e.list, e.row)
    }
    /// The label (Bezeichnung) of a code (`None` when the list names no label column);
    /// `KeyError` when the list, the version or the code is not there.
    #[pyo3(signature = (list_uri, key, version = None))]
    fn label(&self, list_uri: &str, key: &str, version: Option<&str>) -> PyResult<Option<String>> {
        let reg = self.read()?;
        Ok(reg
            .label(list_uri, version, key)
            .map_err(lookup_error)?
            .map(str::to_owned))
    }
    /// Checks the codes and keys of a dataset against the loaded lists (DVDV prefixes against
    /// the embedded list when the registry holds none): the findings.
    fn check_dataset(
        &self,
        py: Python<'_>,
        dataset: PyRef<'_, PyDataset>,
    ) -> PyResult<Vec<PyFinding>> {
        let reg = self.read()?;
        let ds = &dataset.0;
        let findings = py.detach(|| reg.check_dataset(ds));
        Ok(findings.iter().map(PyFinding::from).collect())
    }
    fn __len__(&self) -> PyResult<usize> {
        Ok(self.read()?.len())
    }
    /// Pickling and `copy`: an empty registry, then `__setstate__` with the list versions (each
    /// pickled as a `CodeListDocument`) and the pinned version of each list.
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, pyo3::types::PyType>,
        (bool,),
        (Vec<PyCodeListDocument>, Vec<(String, String)>),
    )> {
        let reg = slf.get().read()?;
        let documents = reg.documents().cloned().map(PyCodeListDocument).collect();
        let pins = reg
            .list_uris()
            .filter_map(|u| Some((u.to_owned(), reg.pinned_version(u)?.to_owned())))
            .collect();
        Ok((slf.get_type(), (false,), (documents, pins)))
    }
    /// Restores what `__reduce__` gave: inserts the list versions, then pins each list.
    fn __setstate__(
        &self,
        state: (Vec<PyRef<'_, PyCodeListDocument>>, Vec<(String, String)>),
    ) -> PyResult<()> {
        let mut reg = self.write()?;
        for doc in state.0 {
            reg.insert_arc(doc.0.clone());
        }
        for (uri, version) in state.1 {
            reg.pin(&uri, &version).map_err(lookup_error)?;
        }
        Ok(())
    }
    /// Two registries are equal when they hold equal list versions and pin the same versions.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<Self>() else {
            return Ok(false);
        };
        if std::ptr::eq(self, other.get()) {
            return Ok(true);
        }
        let (a, b) = (self.read()?, other.get().read()?);
        let pins = |r: &CodeListRegistry| -> Vec<(String, Option<String>)> {
            r.list_uris()
                .map(|u| (u.to_owned(), r.pinned_version(u).map(str::to_owned)))
                .collect()
        };
        Ok(pins(&a) == pins(&b) && a.documents().eq(b.documents()))
    }
    fn __contains__(&self, list_uri: &str) -> PyResult<bool> {
        Ok(self.read()?.contains_list(list_uri))
    }
    fn __repr__(&self) -> PyResult<String> {
        let reg = self.read()?;
        let lists: Vec<String> = reg
            .list_uris()
            .map(|u| format!("{u}@{}", reg.pinned_version(u).unwrap_or_default()))
            .collect();
        Ok(format!("CodeListRegistry([{}])", lists.join(", ")))
    }
}

/// `ozg_rs.codelists.read(path_or_text)`: reads a Genericode code list from a file (`str` path
/// or `os.PathLike`) or from XML text (a `str` starting with `<`).
#[pyfunction]
fn codelists_read(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<PyCodeListDocument> {
    if let Ok(s) = source.cast::<PyString>() {
        let text = s.to_cow()?;
        if text.trim_start().starts_with('<') {
            let text = text.into_owned();
            let doc = py.detach(|| genericode::from_xml_str(&text).map_err(Error::from))?;
            return Ok(PyCodeListDocument(Arc::new(doc)));
        }
    }
    let path: PathBuf = source.extract()?;
    let doc = py.detach(|| read_file(&path))?;
    Ok(PyCodeListDocument(Arc::new(doc)))
}

/// Adds the code-list classes and function (`ozg_rs.codelists` re-exports them).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCodeListDocument>()?;
    m.add_class::<PyCodeListRegistry>()?;
    m.add_function(wrap_pyfunction!(codelists_read, m)?)?;
    Ok(())
}
