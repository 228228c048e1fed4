//! The Gemeindeverzeichnis (register of Gemeinden and Kreise) as Python classes.

use std::path::PathBuf;
use std::sync::Arc;

use ozg_core::org::{Gemeinde, Gemeindeverzeichnis, GemeindeverzeichnisError, Kreis};
use pyo3::prelude::*;

use crate::catalogue::to_py;
use crate::error::Error;
use crate::ids::{PyAgs, PyKreisKey, extract_id};

impl From<GemeindeverzeichnisError> for Error {
    fn from(e: GemeindeverzeichnisError) -> Self {
        match e {
            GemeindeverzeichnisError::Io { path, source } => Error::io(&source, &path),
            GemeindeverzeichnisError::InFile { path, source } => match Error::from(*source) {
                Error::Parse {
                    message,
                    pointer,
                    line,
                    column,
                } => Error::Parse {
                    message: format!("{}: {message}", path.display()),
                    pointer,
                    line,
                    column,
                },
                other => other,
            },
            GemeindeverzeichnisError::UnknownFormat { .. } => Error::Value(e.to_string()),
            GemeindeverzeichnisError::Json {
                ref pointer,
                line,
                column,
                ..
            } => Error::Parse {
                pointer: Some(pointer.clone()),
                line: Some(line),
                column: Some(column),
                message: e.to_string(),
            },
            GemeindeverzeichnisError::Csv { line, .. } => Error::Parse {
                pointer: None,
                line: Some(line),
                column: None,
                message: e.to_string(),
            },
            other => Error::Parse {
                pointer: None,
                line: None,
                column: None,
                message: other.to_string(),
            },
        }
    }
}

/// A Gemeinde (municipality) with its Amtlicher Gemeindeschlüssel (AGS) and official name.
#[pyclass(
    frozen,
    eq,
    hash,
    module = "ozg_rs",
    name = "Gemeinde",
    skip_from_py_object
)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyGemeinde(pub(crate) Gemeinde);

#[pymethods]
impl PyGemeinde {
    /// Amtlicher Gemeindeschlüssel (AGS).
    #[getter]
    fn ags(&self) -> PyAgs {
        PyAgs(self.0.ags)
    }
    /// Official name, e.g. "Kiel, Landeshauptstadt".
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Kreisschlüssel of its Kreis (the first five digits of the AGS).
    #[getter]
    fn kreis_key(&self) -> PyKreisKey {
        PyKreisKey(self.0.kreis_key())
    }
    /// `{"ags": ..., "name": ...}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __repr__(&self) -> String {
        format!("Gemeinde(ags='{}', name={:?})", self.0.ags, self.0.name)
    }
}

/// A Kreis (district) or kreisfreie Stadt with its Kreisschlüssel.
#[pyclass(
    frozen,
    eq,
    hash,
    module = "ozg_rs",
    name = "Kreis",
    skip_from_py_object
)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyKreis(pub(crate) Kreis);

#[pymethods]
impl PyKreis {
    /// Kreisschlüssel (5 digits).
    #[getter]
    fn key(&self) -> PyKreisKey {
        PyKreisKey(self.0.key)
    }
    /// Name, e.g. "Kreis Dithmarschen".
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Whether it is a kreisfreie Stadt rather than a Kreis.
    #[getter]
    fn kreisfreie_stadt(&self) -> bool {
        self.0.kreisfreie_stadt
    }
    /// `{"key": ..., "name": ..., "kreisfreieStadt": ...}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __repr__(&self) -> String {
        format!(
            "Kreis(key='{}', name={:?}, kreisfreie_stadt={})",
            self.0.key,
            self.0.name,
            if self.0.kreisfreie_stadt {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// Where the register lives: the embedded one of Schleswig-Holstein, or one loaded from a file.
enum Source {
    Embedded(&'static Gemeindeverzeichnis),
    Loaded(Arc<Gemeindeverzeichnis>),
}

/// The Gemeindeverzeichnis (register of Gemeinden and Kreise): lookups by AGS and
/// Kreisschlüssel, the Gemeinden of a Kreis, and name search.
#[pyclass(frozen, module = "ozg_rs", name = "Gemeindeverzeichnis")]
pub struct PyGemeindeverzeichnis(Source);

impl PyGemeindeverzeichnis {
    fn get(&self) -> &Gemeindeverzeichnis {
        match &self.0 {
            Source::Embedded(g) => g,
            Source::Loaded(g) => g,
        }
    }
}

#[pymethods]
impl PyGemeindeverzeichnis {
    /// The embedded register of Germany (11,227 Gemeinden and city-state districts, 518 Kreise).
    #[staticmethod]
    fn germany() -> Self {
        PyGemeindeverzeichnis(Source::Embedded(Gemeindeverzeichnis::germany()))
    }
    /// Reads a register file (`.csv` with columns `ags,name`, or `.json` in the register format).
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let loaded = py.detach(|| Gemeindeverzeichnis::from_path(&path).map_err(Error::from))?;
        Ok(PyGemeindeverzeichnis(Source::Loaded(Arc::new(loaded))))
    }
    /// Parses a register from JSON text (the register format, `formatVersion` 1).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let loaded = Gemeindeverzeichnis::from_json_str(text).map_err(Error::from)?;
        Ok(PyGemeindeverzeichnis(Source::Loaded(Arc::new(loaded))))
    }
    /// Parses a register from CSV text (columns `ags,name`).
    #[staticmethod]
    fn from_csv(text: &str) -> PyResult<Self> {
        let loaded = Gemeindeverzeichnis::from_csv_str(text).map_err(Error::from)?;
        Ok(PyGemeindeverzeichnis(Source::Loaded(Arc::new(loaded))))
    }
    /// Metadata of the register (source, licence, territorial status, notes); `None` if absent.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.get().meta())
    }
    /// The Gemeinde with this AGS, or `None`.
    fn gemeinde(&self, ags: &Bound<'_, PyAny>) -> PyResult<Option<PyGemeinde>> {
        let ags = extract_id::<PyAgs>(ags)?;
        Ok(self.get().gemeinde_by_ags(&ags).cloned().map(PyGemeinde))
    }
    /// The Kreis with this Kreisschlüssel, or `None`.
    fn kreis(&self, key: &Bound<'_, PyAny>) -> PyResult<Option<PyKreis>> {
        let key = extract_id::<PyKreisKey>(key)?;
        Ok(self.get().kreis(&key).cloned().map(PyKreis))
    }
    /// The Gemeinden of a Kreis (by Kreisschlüssel or `Kreis`), in register order.
    fn gemeinden_in(&self, kreis: &Bound<'_, PyAny>) -> PyResult<Vec<PyGemeinde>> {
        let key = match kreis.cast::<PyKreis>() {
            Ok(k) => k.get().0.key,
            Err(_) => extract_id::<PyKreisKey>(kreis)?,
        };
        Ok(self
            .get()
            .gemeinden_under(&key.into())
            .cloned()
            .map(PyGemeinde)
            .collect())
    }
    /// Searches Gemeinde names (case-, umlaut- and punctuation-insensitive); best match first.
    #[pyo3(signature = (text, limit = None))]
    fn search(&self, text: &str, limit: Option<usize>) -> Vec<PyGemeinde> {
        let hits = self.get().search(text);
        hits.into_iter()
            .take(limit.unwrap_or(usize::MAX))
            .cloned()
            .map(PyGemeinde)
            .collect()
    }
    /// All Gemeinden, in register order.
    fn gemeinden(&self) -> Vec<PyGemeinde> {
        self.get()
            .gemeinden()
            .iter()
            .cloned()
            .map(PyGemeinde)
            .collect()
    }
    /// All Kreise, in register order.
    fn kreise(&self) -> Vec<PyKreis> {
        self.get().kreise().iter().cloned().map(PyKreis).collect()
    }
    fn __len__(&self) -> usize {
        self.get().len()
    }
    fn __contains__(&self, ags: &Bound<'_, PyAny>) -> bool {
        extract_id::<PyAgs>(ags).is_ok_and(|ags| self.get().gemeinde_by_ags(&ags).is_some())
    }
    fn __repr__(&self) -> String {
        format!(
            "Gemeindeverzeichnis({} Gemeinden, {} Kreise)",
            self.get().len(),
            self.get().kreise().len()
        )
    }
}

/// Adds the Gemeindeverzeichnis classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyGemeinde>()?;
    m.add_class::<PyKreis>()?;
    m.add_class::<PyGemeindeverzeichnis>()?;
    Ok(())
}
