//! XZuFi 2.2.0 reading from Python: a streaming iterator over the objects of a transfer message.
//!
//! The iterator holds the Rust [`XzufiReader`] over a buffered file; objects are parsed in batches
//! with the interpreter detached (`py.detach`), so other Python threads run meanwhile.

use std::collections::VecDeque;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::error::Error;
use crate::ids::{PyGebietId, PyLeikaKey};
use ozg_xml::xzufi::{LocalizedText, ReadCounts, XzufiHeader, XzufiObject, XzufiReader};
use ozg_xml::{ReaderConfig, XmlError, XmlErrorKind};
use pyo3::prelude::*;

/// Objects parsed per detached batch.
const BATCH: usize = 256;

impl From<XmlError> for Error {
    fn from(e: XmlError) -> Self {
        let (line, column, path) = (e.line(), e.column(), e.path().map(str::to_owned));
        let message = e.to_string();
        match e.into_kind() {
            XmlErrorKind::Io(io) => Error::Io {
                message,
                filename: None,
                errno: io.raw_os_error(),
            },
            _ => Error::Xml {
                message,
                line: (line > 0).then_some(line),
                column: (column > 0).then_some(column),
                path,
            },
        }
    }
}

/// One object of an XZuFi message (XZuFi-Objekt): a Leistung, Spezialisierung,
/// Organisationseinheit, Onlinedienst, a deletion (`loesche`) or an element the model does not know.
#[pyclass(
    frozen,
    module = "ozg_rs.xzufi",
    name = "XzufiObject",
    skip_from_py_object
)]
pub struct PyXzufiObject(XzufiObject);

#[pymethods]
impl PyXzufiObject {
    /// `leistung`, `spezialisierung`, `organisationseinheit`, `onlinedienst`, `loesche` or `unknown`.
    #[getter]
    fn kind(&self) -> &'static str {
        match &self.0 {
            XzufiObject::Leistung(_) => "leistung",
            XzufiObject::Spezialisierung(_) => "spezialisierung",
            XzufiObject::Organisationseinheit(_) => "organisationseinheit",
            XzufiObject::Onlinedienst(_) => "onlinedienst",
            XzufiObject::Loesche(_) => "loesche",
            _ => "unknown",
        }
    }
    /// The object's `id` text (for `loesche`: the id to delete); `None` for unknown elements.
    #[getter]
    fn id(&self) -> Option<&str> {
        match &self.0 {
            XzufiObject::Leistung(l) => Some(&l.id.value),
            XzufiObject::Spezialisierung(s) => Some(&s.id.value),
            XzufiObject::Organisationseinheit(o) => Some(&o.id.value),
            XzufiObject::Onlinedienst(o) => Some(&o.id.value),
            XzufiObject::Loesche(l) => l.id.as_deref(),
            _ => None,
        }
    }
    /// The name: Leistungsbezeichnung of a Leistung, `name` of an Organisationseinheit,
    /// `bezeichnung` of an Onlinedienst (German text where several languages are given).
    #[getter]
    fn name(&self) -> Option<&str> {
        match &self.0 {
            XzufiObject::Leistung(l) => l.bezeichnung(),
            XzufiObject::Organisationseinheit(o) => o.name(),
            XzufiObject::Onlinedienst(o) => LocalizedText::german_or_first(&o.bezeichnung),
            _ => None,
        }
    }
    /// LeiKa keys a Leistung references (`referenzLeiKa`), or the Leistung an
    /// Organisationseinheit is responsible for (`zustaendigkeit/leistungID`); raises
    /// `InvalidIdentifierError` on a malformed key.
    #[getter]
    fn leika_keys(&self) -> PyResult<Vec<PyLeikaKey>> {
        match &self.0 {
            XzufiObject::Leistung(l) => Ok(l
                .leika_keys()
                .map_err(Error::from)?
                .into_iter()
                .map(PyLeikaKey)
                .collect()),
            XzufiObject::Organisationseinheit(o) => {
                let mut keys = Vec::new();
                for z in &o.zustaendigkeit {
                    if let Some(k) = z.leika_key().map_err(Error::from)? {
                        keys.push(PyLeikaKey(k));
                    }
                }
                Ok(keys)
            }
            _ => Ok(Vec::new()),
        }
    }
    /// Gebiet-IDs of an Organisationseinheit's Zuständigkeiten.
    #[getter]
    fn gebiete(&self) -> PyResult<Vec<PyGebietId>> {
        let mut out = Vec::new();
        if let XzufiObject::Organisationseinheit(o) = &self.0 {
            for z in &o.zustaendigkeit {
                out.extend(
                    z.gebiete()
                        .map_err(Error::from)?
                        .into_iter()
                        .map(PyGebietId),
                );
            }
        }
        Ok(out)
    }
    /// The object as a dict in its one JSON spelling (the serde form, the same as a line of
    /// `ozg xzufi`): `kind`, the fields in camelCase with XÖV codes as
    /// `listURI`/`listVersionID`/`code`, `idSekundaer`, and what the model does not cover
    /// (`unknown` elements, `otherAttributes`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize::pythonize(py, &self.0)?)
    }
    /// The decoded claims of each Zuständigkeit's DestinationSignature (an Organisationseinheit;
    /// `None` where a Zuständigkeit has none; empty for other objects). Raises `ArgumentError`
    /// for a payload that cannot be decoded.
    fn destination_claims<'py>(&self, py: Python<'py>) -> PyResult<Vec<Option<Bound<'py, PyAny>>>> {
        let mut out = Vec::new();
        if let XzufiObject::Organisationseinheit(o) = &self.0 {
            for z in &o.zustaendigkeit {
                let claims = z
                    .destination_claims()
                    .map_err(|e| Error::Value(e.to_string()))?;
                out.push(claims.map(|c| pythonize::pythonize(py, &c)).transpose()?);
            }
        }
        Ok(out)
    }
    fn __repr__(&self) -> String {
        match (self.id(), self.name()) {
            (Some(id), Some(name)) => format!(
                "XzufiObject(kind='{}', id={id:?}, name={name:?})",
                self.kind()
            ),
            (Some(id), None) => format!("XzufiObject(kind='{}', id={id:?})", self.kind()),
            _ => format!("XzufiObject(kind='{}')", self.kind()),
        }
    }
}

/// Streaming reader of an XZuFi 2.2.0 message (iterator over `XzufiObject`s); memory does not
/// grow with the file.
#[pyclass(module = "ozg_rs.xzufi", name = "XzufiReader")]
pub struct PyXzufiReader {
    /// The reader; in a `Mutex` only to make the class `Sync` as pyo3 requires (the parser keeps
    /// `Cell`s). `__next__` has `&mut self` and so reaches it with `get_mut`, never locking.
    reader: Mutex<Option<XzufiReader<BufReader<File>>>>,
    /// Parsed items with whether each error was fatal (nothing more can be read).
    buffer: VecDeque<(Result<XzufiObject, XmlError>, bool)>,
    skip_invalid: bool,
    path: PathBuf,
    header: XzufiHeader,
    counts: ReadCounts,
    skipped: Vec<(String, u64, u64)>,
}

impl PyXzufiReader {
    /// The reader, through exclusive access (a poisoned lock cannot happen: it is never locked).
    fn reader_mut(&mut self) -> &mut Option<XzufiReader<BufReader<File>>> {
        self.reader
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[pymethods]
impl PyXzufiReader {
    /// `xzufiVersion` of the message as written (`2.2.0` or `2.2`).
    #[getter]
    fn xzufi_version(&self) -> &str {
        &self.header.xzufi_version
    }
    /// Local name of the root element.
    #[getter]
    fn root_name(&self) -> &str {
        &self.header.root_name
    }
    /// The message header as a dict (serde form): root name and attributes, `nachrichtenkopf`
    /// (as read, with its children), `transaktionID`, `transaktionPosition`, other children.
    #[getter]
    fn header<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize::pythonize(py, &self.header)?)
    }
    /// Objects read and skipped so far: `{"read": n, "skipped": m}` (the same counts as
    /// `ozg xzufi --summary`).
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize::pythonize(py, &self.counts)?)
    }
    /// The objects skipped with `skip_invalid=True`, each as `(message, line, column)`.
    #[getter]
    fn skipped(&self) -> Vec<(String, u64, u64)> {
        self.skipped.clone()
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyXzufiObject>> {
        loop {
            if let Some((item, fatal)) = self.buffer.pop_front() {
                match item {
                    Ok(obj) => {
                        self.counts.read += 1;
                        return Ok(Some(PyXzufiObject(obj)));
                    }
                    Err(e) => {
                        // The same decision as the CLI: fatal only when the reader cannot go on.
                        if fatal {
                            *self.reader_mut() = None;
                            self.buffer.clear();
                        } else {
                            self.counts.skipped += 1;
                            if self.skip_invalid {
                                self.skipped.push((e.to_string(), e.line(), e.column()));
                                continue;
                            }
                        }
                        let err = match Error::from(e) {
                            Error::Io { message, errno, .. } => Error::Io {
                                message: format!("{}: {message}", self.path.display()),
                                filename: Some(self.path.display().to_string()),
                                errno,
                            },
                            other => other,
                        };
                        return Err(err.into());
                    }
                }
            }
            let Some(reader) = self.reader_mut().as_mut() else {
                return Ok(None);
            };
            let batch: Vec<_> = py.detach(|| {
                let mut batch = Vec::with_capacity(BATCH);
                while batch.len() < BATCH {
                    let Some(item) = reader.next() else { break };
                    let fatal = item.is_err() && reader.failed();
                    batch.push((item, fatal));
                }
                batch
            });
            if batch.is_empty() {
                *self.reader_mut() = None;
                return Ok(None);
            }
            self.buffer.extend(batch);
        }
    }
    fn __repr__(&self) -> String {
        format!("XzufiReader(path={:?})", self.path.display().to_string())
    }
}

/// `ozg_rs.xzufi.read(path, skip_invalid=False)`: opens an XZuFi 2.2.0 message for streaming.
///
/// Raises `XmlSyntaxError` (with `line`/`column`) for malformed XML or a message that is not
/// XZuFi 2.2, `OzgIOError` if the file cannot be read. An object with an invalid value raises
/// when reached, unless `skip_invalid` is set: then it is skipped (listed in `skipped`, counted
/// in `counts`) and reading goes on, as `ozg xzufi` does.
#[pyfunction]
#[pyo3(signature = (path, skip_invalid = false))]
pub(crate) fn read(py: Python<'_>, path: PathBuf, skip_invalid: bool) -> PyResult<PyXzufiReader> {
    let opened = py.detach(|| -> Result<XzufiReader<BufReader<File>>, Error> {
        let file = File::open(&path).map_err(|e| Error::io(&e, &path))?;
        Ok(XzufiReader::new(
            BufReader::with_capacity(1 << 16, file),
            ReaderConfig::default(),
        )?)
    })?;
    let header = opened.header().clone();
    Ok(PyXzufiReader {
        header,
        counts: ReadCounts::default(),
        skipped: Vec::new(),
        reader: Mutex::new(Some(opened)),
        buffer: VecDeque::new(),
        skip_invalid,
        path,
    })
}

/// Adds the XZuFi classes and functions to the module (as `xzufi_read`; `ozg_rs.xzufi.read` re-exports it).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyXzufiObject>()?;
    m.add_class::<PyXzufiReader>()?;
    m.add("xzufi_read", wrap_pyfunction!(read, m)?)?;
    Ok(())
}
