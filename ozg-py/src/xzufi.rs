//! XZuFi 2.2.0 reading from Python: a streaming iterator over the objects of a transfer message.
//!
//! The iterator holds the Rust [`XzufiReader`] over a buffered file; objects are parsed in batches
//! with the interpreter detached (`py.detach`), so other Python threads run meanwhile.

use std::collections::VecDeque;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::Mutex;

use ozg_xml::xzufi::{LocalizedText, XzufiId, XzufiObject, XzufiReader};
use ozg_xml::{ReaderConfig, XmlError, XmlErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::codes::xoev_dict;
use crate::error::Error;
use crate::ids::{PyGebietId, PyLeikaKey};

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

fn id_dict<'py>(py: Python<'py>, id: &XzufiId) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("value", &id.value)?;
    let attrs = PyDict::new(py);
    for a in &id.attributes {
        attrs.set_item(&a.name, &a.value)?;
    }
    d.set_item("attributes", attrs)?;
    Ok(d)
}

fn texts_list<'py>(py: Python<'py>, texts: &[LocalizedText]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for t in texts {
        let d = PyDict::new(py);
        d.set_item("language", &t.language)?;
        d.set_item("text", &t.text)?;
        list.append(d)?;
    }
    Ok(list)
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
    /// The modelled content as a dict (`kind`, `id`, and the kind's fields; elements the model
    /// does not cover are left out).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("kind", self.kind())?;
        match &self.0 {
            XzufiObject::Leistung(l) => {
                d.set_item("id", id_dict(py, &l.id)?)?;
                let refs = PyList::empty(py);
                for r in &l.referenz_leika {
                    refs.append(xoev_dict(py, r)?)?;
                }
                d.set_item("referenzLeiKa", refs)?;
                let texte = PyList::empty(py);
                for t in &l.texte {
                    let td = PyDict::new(py);
                    td.set_item(
                        "leikaTextmodul",
                        t.textmodul.as_ref().map(|c| xoev_dict(py, c)).transpose()?,
                    )?;
                    td.set_item("inhalt", texts_list(py, &t.inhalt)?)?;
                    texte.append(td)?;
                }
                d.set_item("modulText", texte)?;
                let typ = PyList::empty(py);
                for t in &l.typisierung {
                    typ.append(xoev_dict(py, t)?)?;
                }
                d.set_item("typisierung", typ)?;
            }
            XzufiObject::Spezialisierung(s) => {
                d.set_item("id", id_dict(py, &s.id)?)?;
            }
            XzufiObject::Organisationseinheit(o) => {
                d.set_item("id", id_dict(py, &o.id)?)?;
                d.set_item("name", texts_list(py, &o.name)?)?;
                let zs = PyList::empty(py);
                for z in &o.zustaendigkeit {
                    let zd = PyDict::new(py);
                    zd.set_item(
                        "leistungID",
                        z.leistung_id.as_ref().map(|i| id_dict(py, i)).transpose()?,
                    )?;
                    let gebiete = PyList::empty(py);
                    for g in &z.gebiet_id {
                        gebiete.append(id_dict(py, g)?)?;
                    }
                    zd.set_item("gebietID", gebiete)?;
                    zd.set_item(
                        "rolle",
                        z.rolle.as_ref().map(|c| xoev_dict(py, c)).transpose()?,
                    )?;
                    zs.append(zd)?;
                }
                d.set_item("zustaendigkeit", zs)?;
            }
            XzufiObject::Onlinedienst(o) => {
                d.set_item("id", id_dict(py, &o.id)?)?;
                d.set_item("bezeichnung", texts_list(py, &o.bezeichnung)?)?;
                let links = PyList::empty(py);
                for l in &o.link {
                    let ld = PyDict::new(py);
                    ld.set_item("typ", l.typ.as_ref().map(|c| xoev_dict(py, c)).transpose()?)?;
                    ld.set_item("link", &l.link)?;
                    links.append(ld)?;
                }
                d.set_item("link", links)?;
            }
            XzufiObject::Loesche(l) => {
                d.set_item("element", &l.element)?;
                d.set_item("id", &l.id)?;
            }
            XzufiObject::Unknown {
                in_schreibe,
                element,
            } => {
                d.set_item("element", &element.name)?;
                d.set_item("namespace", &element.namespace)?;
                d.set_item("in_schreibe", in_schreibe)?;
            }
            _ => {}
        }
        Ok(d)
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
    xzufi_version: String,
    root_name: String,
}

/// What `__next__` changes: the parser (`None` once exhausted or broken) and the parsed batch.
struct ReaderState {
    reader: Option<XzufiReader<BufReader<File>>>,
    buffer: VecDeque<Result<XzufiObject, XmlError>>,
}

impl PyXzufiReader {
    /// The next object, under the lock (no Python objects are touched here).
    fn next_object(&self) -> Result<Option<XzufiObject>, Error> {
        // A panic while parsing cannot leave the state in a way that matters (at worst a batch is
        // lost), so a poisoned lock is taken over.
        let mut guard = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let state = &mut *guard;
        loop {
            if let Some(item) = state.buffer.pop_front() {
                match item {
                    Ok(obj) => return Ok(Some(obj)),
                    Err(e) => {
                        let fatal = !matches!(
                            e.kind(),
                            XmlErrorKind::Invalid { .. } | XmlErrorKind::Missing { .. }
                        );
                        if fatal {
                            state.reader = None;
                            state.buffer.clear();
                        } else if self.skip_invalid {
                            continue;
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
            state.buffer.extend(reader.by_ref().take(BATCH));
            if state.buffer.is_empty() {
                state.reader = None;
                return Ok(None);
            }
        }
    }
}

#[pymethods]
impl PyXzufiReader {
    /// `xzufiVersion` of the message (always `2.2.0`).
    #[getter]
    fn xzufi_version(&self) -> &str {
        &self.xzufi_version
    }
    /// Local name of the root element.
    #[getter]
    fn root_name(&self) -> &str {
        &self.root_name
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyXzufiObject>> {
        // Fast path, without releasing the interpreter: the lock is free and an object is parsed
        // already (`try_lock` never waits, so holding the interpreter here cannot deadlock).
        if let Ok(mut state) = self.state.try_lock()
            && matches!(state.buffer.front(), Some(Ok(_)))
            && let Some(Ok(obj)) = state.buffer.pop_front()
        {
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
/// XZuFi 2.2.0, `OzgIOError` if the file cannot be read. An object with an invalid value raises
/// when reached, unless `skip_invalid` is set (then it is skipped).
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
    let header = opened.header();
    Ok(PyXzufiReader {
        xzufi_version: header.xzufi_version.clone(),
        root_name: header.root_name.clone(),
        state: Mutex::new(ReaderState {
            reader: Some(opened),
            buffer: VecDeque::new(),
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
