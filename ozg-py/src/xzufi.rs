//! XZuFi 2.2.0 reading from Python: a streaming iterator over the objects of a transfer message.
//!
//! The iterator holds the Rust [`XzufiReader`] over a buffered file; objects are parsed in batches
//! with the interpreter detached (`py.detach`), so other Python threads run meanwhile.

use std::collections::VecDeque;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::convert::{from_py_strict, reduce, unpicklable};
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
    /// `leistung`, `spezialisierung`, `organisationseinheit`, `onlinedienst`, `loesche`,
    /// `operation` (a `schreibe`/`loesche` boundary with attributes, repeated or empty) or `unknown`.
    #[getter]
    fn kind(&self) -> &'static str {
        match &self.0 {
            XzufiObject::Leistung(_) => "leistung",
            XzufiObject::Spezialisierung(_) => "spezialisierung",
            XzufiObject::Organisationseinheit(_) => "organisationseinheit",
            XzufiObject::Onlinedienst(_) => "onlinedienst",
            XzufiObject::Loesche(_) => "loesche",
            XzufiObject::Operation(_) => "operation",
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
    /// Builds an object from its dict form (as `to_dict()` gives it); a member the model does not
    /// know is a `ParseError` naming its JSON pointer. The values are not checked as the reader
    /// checks them (`leika_keys` and `gebiete` raise on malformed keys when asked).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py_strict(data, "XZuFi object")?))
    }
    /// Pickling and `copy` through the dict form: `XzufiObject.from_dict(obj.to_dict())`.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.get().0)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| o.get().0 == self.0)
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
///
/// One reader may be shared by several threads: each `next()` takes the next objects under a lock
/// (waited for with the interpreter released), so every object is returned exactly once and no
/// thread sees a borrow error.
#[pyclass(frozen, module = "ozg_rs.xzufi", name = "XzufiReader")]
pub struct PyXzufiReader {
    state: Mutex<ReaderState>,
    skip_invalid: bool,
    path: PathBuf,
    header: XzufiHeader,
}

/// What `__next__` changes: the parser (`None` once exhausted or broken), the parsed batch (each
/// item with whether its error was fatal: nothing more can be read), the counts and the skipped.
struct ReaderState {
    reader: Option<XzufiReader<BufReader<File>>>,
    buffer: VecDeque<(Result<XzufiObject, XmlError>, bool)>,
    counts: ReadCounts,
    skipped: Vec<(String, u64, u64)>,
}

impl PyXzufiReader {
    /// The state under the lock. A panic while parsing cannot leave it in a way that matters (at
    /// worst a batch is lost), so a poisoned lock is taken over.
    fn lock(&self) -> std::sync::MutexGuard<'_, ReaderState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The next object, under the lock (no Python objects are touched here).
    fn next_object(&self) -> Result<Option<XzufiObject>, Error> {
        let mut guard = self.lock();
        let state = &mut *guard;
        loop {
            if let Some((item, fatal)) = state.buffer.pop_front() {
                match item {
                    Ok(obj) => {
                        state.counts.read += 1;
                        return Ok(Some(obj));
                    }
                    Err(e) => {
                        // The same decision as the CLI: fatal only when the reader cannot go on.
                        if fatal {
                            state.reader = None;
                            state.buffer.clear();
                        } else {
                            state.counts.skipped += 1;
                            if self.skip_invalid {
                                state.skipped.push((e.to_string(), e.line(), e.column()));
                                continue;
                            }
                        }
                        return Err(match Error::from(e) {
                            Error::Io { message, errno, .. } => Error::Io {
                                message,
                                filename: Some(self.path.display().to_string()),
                                errno,
                            },
                            other => other,
                        });
                    }
                }
            }
            let Some(reader) = state.reader.as_mut() else {
                return Ok(None);
            };
            while state.buffer.len() < BATCH {
                let Some(item) = reader.next() else { break };
                let fatal = item.is_err() && reader.failed();
                state.buffer.push_back((item, fatal));
            }
            if state.buffer.is_empty() {
                state.reader = None;
                return Ok(None);
            }
        }
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
        let counts = py.detach(|| self.lock().counts);
        Ok(pythonize::pythonize(py, &counts)?)
    }
    /// The objects skipped with `skip_invalid=True`, each as `(message, line, column)`.
    #[getter]
    fn skipped(&self, py: Python<'_>) -> Vec<(String, u64, u64)> {
        py.detach(|| self.lock().skipped.clone())
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    /// Refuses pickling and `copy` with a `TypeError`: the reader holds an open file and its
    /// position under a lock.
    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<()> {
        Err(unpicklable(
            slf.as_any(),
            "it reads an open file; pickle the XzufiObjects it yields, or open the file again \
             with ozg_rs.xzufi.read(path)",
        ))
    }
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyXzufiObject>> {
        // Fast path, without releasing the interpreter: the lock is free and an object is parsed
        // already (`try_lock` never waits, so holding the interpreter here cannot deadlock).
        if let Ok(mut state) = self.state.try_lock()
            && matches!(state.buffer.front(), Some((Ok(_), _)))
            && let Some((Ok(obj), _)) = state.buffer.pop_front()
        {
            state.counts.read += 1;
            return Ok(Some(PyXzufiObject(obj)));
        }
        // Otherwise lock, parse and pop with the interpreter released: a thread waiting for the
        // lock does not hold the interpreter the thread that has the lock needs.
        Ok(py.detach(|| self.next_object())?.map(PyXzufiObject))
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
        state: Mutex::new(ReaderState {
            reader: Some(opened),
            buffer: VecDeque::new(),
            counts: ReadCounts::default(),
            skipped: Vec::new(),
        }),
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
