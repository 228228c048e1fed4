//! The Gemeindeverzeichnis (register of Gemeinden and Kreise) as Python classes.

use std::path::PathBuf;
use std::sync::Arc;

use ozg_core::org::{Gemeinde, Gemeindeverzeichnis, GemeindeverzeichnisError, Kreis};
use pyo3::prelude::*;

use crate::catalogue::to_py;
use crate::convert::{from_py, reduce, reduce_with, repr_str};
use crate::error::Error;
use crate::ids::{PyAgs, PyArs, PyArsPrefix, PyKreisKey, extract_id};

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

/// A Gemeinde (municipality) with its Amtlicher Regionalschlüssel (ARS), Amtlicher
/// Gemeindeschlüssel (AGS) and official name; in the city states also a Stadt-/Ortsteil bzw.
/// Stadtbezirk.
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
    /// Builds a Gemeinde from its dict form (`ars`, `ags`, `name`, optional `cityDistrict`).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py(data, "Gemeinde")?))
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.get().0)
    }
    /// Amtlicher Regionalschlüssel (ARS, 12 digits).
    #[getter]
    fn ars(&self) -> PyArs {
        PyArs(self.0.ars)
    }
    /// Amtlicher Gemeindeschlüssel (AGS).
    #[getter]
    fn ags(&self) -> PyAgs {
        PyAgs(self.0.ags)
    }
    /// Whether the row is a city-state district (Stadt-/Ortsteil bzw. Stadtbezirk).
    #[getter]
    fn city_district(&self) -> bool {
        self.0.city_district
    }
    /// Key of the Gemeindeverband (9-digit ARS prefix, e.g. the Amt in Schleswig-Holstein).
    #[getter]
    fn verband_key(&self) -> PyArsPrefix {
        PyArsPrefix(self.0.verband_key())
    }
    /// Whether the Gemeinde belongs to an Amt or Verband (ARS digit 6 is 5).
    #[getter]
    fn amtsangehoerig(&self) -> bool {
        self.0.is_amtsangehoerig()
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
    /// `{"ars": ..., "ags": ..., "name": ...}` (plus `"cityDistrict": True` for a district).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Gemeinde(ars='{}', ags='{}', name={})",
            self.0.ars,
            self.0.ags,
            repr_str(py, &self.0.name)
        )
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
    /// Builds a Kreis from its dict form (`key`, `name`, `kreisfreieStadt`, optional `cityDistrict`).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py(data, "Kreis")?))
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.get().0)
    }
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
    /// Whether the row is a city-state district (Stadt-/Ortsteil bzw. Stadtbezirk).
    #[getter]
    fn city_district(&self) -> bool {
        self.0.city_district
    }
    /// `{"key": ..., "name": ..., "kreisfreieStadt": ...}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Kreis(key='{}', name={}, kreisfreie_stadt={})",
            self.0.key,
            repr_str(py, &self.0.name),
            if self.0.kreisfreie_stadt {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// Where the register lives: the embedded one of Germany, or one loaded from a file.
enum Source {
    Embedded(&'static Gemeindeverzeichnis),
    Loaded(Arc<Gemeindeverzeichnis>),
}

/// The Gemeindeverzeichnis (register of Gemeinden and Kreise): lookups by ARS, AGS, ARS prefix
/// and Kreisschlüssel, and name search; iterates over its Gemeinden in ARS order.
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
    /// The register as a dict in its file format (`formatVersion` 2: `meta`, `kreise`, `bezirke`,
    /// `gemeinden`), as `from_json` reads it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.get().to_document())
    }
    /// The register as JSON text in its file format (`formatVersion` 2), as `from_json` reads it.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let text = py.detach(|| serde_json::to_string(&self.get().to_document()));
        Ok(text.map_err(|e| Error::Value(e.to_string()))?)
    }
    /// Pickling and `copy`: the embedded register pickles as a reference to itself
    /// (`Gemeindeverzeichnis.germany()`), any other through its file format
    /// (`Gemeindeverzeichnis.from_json(register.to_json())`).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, pyo3::types::PyTuple>)> {
        let py = slf.py();
        match &slf.get().0 {
            Source::Embedded(_) => {
                reduce_with(slf.as_any(), "germany", pyo3::types::PyTuple::empty(py))
            }
            Source::Loaded(_) => {
                let text = slf.get().to_json(py)?;
                reduce_with(
                    slf.as_any(),
                    "from_json",
                    pyo3::types::PyTuple::new(py, [text])?,
                )
            }
        }
    }
    /// Two registers are equal when their documents are (metadata, Kreise, Bezirke, Gemeinden).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        let Ok(o) = other.cast::<Self>() else {
            return false;
        };
        let (a, b) = (self.get(), o.get().get());
        std::ptr::eq(a, b)
            || (a.meta() == b.meta()
                && a.kreise() == b.kreise()
                && a.bezirke() == b.bezirke()
                && a.gemeinden() == b.gemeinden())
    }
    /// Metadata of the register (source, licence, territorial status, notes); `None` if absent.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.get().meta())
    }
    /// The Gemeinde with this ARS (12 digits) or AGS (8 digits), or `None`.
    fn gemeinde(&self, key: &Bound<'_, PyAny>) -> PyResult<Option<PyGemeinde>> {
        let found = match extract_id::<PyArs>(key) {
            Ok(ars) => self.get().gemeinde_by_ars(&ars),
            Err(_) => self.get().gemeinde_by_ags(&extract_id::<PyAgs>(key)?),
        };
        Ok(found.cloned().map(PyGemeinde))
    }
    /// The Gemeinde with this ARS, or `None`.
    fn by_ars(&self, ars: &Bound<'_, PyAny>) -> PyResult<Option<PyGemeinde>> {
        let ars = extract_id::<PyArs>(ars)?;
        Ok(self.get().gemeinde_by_ars(&ars).cloned().map(PyGemeinde))
    }
    /// The Gemeinde with this AGS, or `None`.
    fn by_ags(&self, ags: &Bound<'_, PyAny>) -> PyResult<Option<PyGemeinde>> {
        let ags = extract_id::<PyAgs>(ags)?;
        Ok(self.get().gemeinde_by_ags(&ags).cloned().map(PyGemeinde))
    }
    /// The ARS of the Gemeinde with this AGS, or `None`.
    fn ars_for_ags(&self, ags: &Bound<'_, PyAny>) -> PyResult<Option<PyArs>> {
        let ags = extract_id::<PyAgs>(ags)?;
        Ok(self.get().ars_for_ags(&ags).map(PyArs))
    }
    /// The Kreis with this Kreisschlüssel, or `None`.
    fn kreis(&self, key: &Bound<'_, PyAny>) -> PyResult<Option<PyKreis>> {
        let key = extract_id::<PyKreisKey>(key)?;
        Ok(self.get().kreis(&key).cloned().map(PyKreis))
    }
    /// All Gemeinden under an ARS prefix (2, 3, 5, 9 or 12 digits: Land, Regierungsbezirk, Kreis,
    /// Gemeindeverband, Gemeinde), or of a `Kreis`, in ARS order.
    fn under(&self, prefix: &Bound<'_, PyAny>) -> PyResult<Vec<PyGemeinde>> {
        let prefix = match prefix.cast::<PyKreis>() {
            Ok(k) => k.get().0.key.into(),
            Err(_) => extract_id::<PyArsPrefix>(prefix)?,
        };
        Ok(self
            .get()
            .gemeinden_under(&prefix)
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
    /// All Gemeinden, in ARS order.
    fn gemeinden(&self) -> Vec<PyGemeinde> {
        self.get()
            .gemeinden()
            .iter()
            .cloned()
            .map(PyGemeinde)
            .collect()
    }
    /// All Kreise, sorted by Kreisschlüssel.
    fn kreise(&self) -> Vec<PyKreis> {
        self.get().kreise().iter().cloned().map(PyKreis).collect()
    }
    fn __len__(&self) -> usize {
        self.get().len()
    }
    /// `x in register`: a `Gemeinde` of the register, or an ARS or AGS (object or string) it has.
    fn __contains__(&self, key: &Bound<'_, PyAny>) -> bool {
        if let Ok(g) = key.cast::<PyGemeinde>() {
            return self.get().gemeinde_by_ars(&g.get().0.ars) == Some(&g.get().0);
        }
        extract_id::<PyArs>(key).is_ok_and(|ars| self.get().contains_ars(&ars))
            || extract_id::<PyAgs>(key).is_ok_and(|ags| self.get().gemeinde_by_ags(&ags).is_some())
    }
    fn __iter__(slf: PyRef<'_, Self>) -> GemeindeIter {
        let register = match &slf.0 {
            Source::Embedded(g) => Source::Embedded(g),
            Source::Loaded(g) => Source::Loaded(Arc::clone(g)),
        };
        GemeindeIter { register, next: 0 }
    }
    fn __repr__(&self) -> String {
        format!(
            "Gemeindeverzeichnis({} Gemeinden, {} Kreise)",
            self.get().len(),
            self.get().kreise().len()
        )
    }
}

/// Iterator over the Gemeinden of a Gemeindeverzeichnis, in ARS order.
#[pyclass(module = "ozg_rs", name = "GemeindeIterator")]
pub struct GemeindeIter {
    register: Source,
    next: usize,
}

#[pymethods]
impl GemeindeIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    /// Pickling and `copy`, like a list iterator: `iter(register)` advanced to the same place.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (PyGemeindeverzeichnis,), usize)> {
        let register = PyGemeindeverzeichnis(match &self.register {
            Source::Embedded(g) => Source::Embedded(g),
            Source::Loaded(g) => Source::Loaded(Arc::clone(g)),
        });
        Ok((
            py.import("builtins")?.getattr("iter")?,
            (register,),
            self.next,
        ))
    }
    fn __setstate__(&mut self, next: usize) {
        self.next = next;
    }
    fn __repr__(&self) -> String {
        let len = match &self.register {
            Source::Embedded(g) => g.len(),
            Source::Loaded(g) => g.len(),
        };
        format!(
            "GemeindeIterator(position={}, of={len})",
            self.next.min(len)
        )
    }
    fn __next__(&mut self) -> Option<PyGemeinde> {
        let register: &Gemeindeverzeichnis = match &self.register {
            Source::Embedded(g) => g,
            Source::Loaded(g) => g,
        };
        let g = register.gemeinden().get(self.next)?.clone();
        self.next += 1;
        Some(PyGemeinde(g))
    }
}

/// Adds the Gemeindeverzeichnis classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyGemeinde>()?;
    m.add_class::<PyKreis>()?;
    m.add_class::<PyGemeindeverzeichnis>()?;
    m.add_class::<GemeindeIter>()?;
    Ok(())
}
