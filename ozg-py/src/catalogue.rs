//! The OZG-Umsetzungskatalog (catalogue) and its entries as Python classes.

use std::path::PathBuf;
use std::sync::Arc;

use ozg_core::catalogue::{
    Catalogue, CatalogueError, Lage, LeikaLeistung, MatchKind, OzgLeistung, SearchItem,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyString};

use crate::codes::{PyThemenfeld, PyTypisierung, extract_code};
use crate::error::Error;
use crate::ids::{PyLeikaKey, PyOzgId, PyServiceRef, extract_id};

pub(crate) use crate::convert::to_py;
use crate::convert::{from_py, reduce, repr_str};

impl From<CatalogueError> for Error {
    fn from(e: CatalogueError) -> Self {
        match e {
            CatalogueError::Io { path, source } => Error::io(&source, &path),
            CatalogueError::Json {
                pointer,
                line,
                column,
                message,
            } => Error::Parse {
                message: format!(
                    "invalid catalogue JSON at line {line}, column {column} (at \"{pointer}\"): {message}"
                ),
                pointer: Some(pointer),
                line: Some(line),
                column: Some(column),
            },
            CatalogueError::InFile { path, source } => match Error::from(*source) {
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
            other => Error::Parse {
                pointer: other.pointer().map(str::to_owned),
                message: other.to_string(),
                line: None,
                column: None,
            },
        }
    }
}

/// A Lage (Lebenslage or Unternehmenslage) of the catalogue.
#[pyclass(frozen, module = "ozg_rs", name = "Lage", skip_from_py_object)]
#[derive(Clone)]
pub struct PyLage(pub(crate) Lage);

#[pymethods]
impl PyLage {
    /// Builds the entry from its dict form (camelCase keys, as in the catalogue file).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py(data, "Lage")?))
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.get().0)
    }
    /// KDN id of the Lage.
    #[getter]
    fn id(&self) -> u32 {
        self.0.id
    }
    /// Name, e.g. "Geburt".
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Its Themenfeld.
    #[getter]
    fn themenfeld(&self) -> PyThemenfeld {
        PyThemenfeld(self.0.themenfeld)
    }
    /// Adressat (`buerger`/`unternehmen`); `None` = not known (always so in the embedded data).
    #[getter]
    fn adressat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.adressat)
    }
    /// The entry as a dict (camelCase keys, as in the catalogue file).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| o.get().0 == self.0)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Lage(id={}, name={}, themenfeld='{}')",
            self.0.id,
            repr_str(py, &self.0.name),
            self.0.themenfeld
        )
    }
}

/// An OZG-Leistung (Leistungsbündel of the OZG-Umsetzungskatalog).
#[pyclass(frozen, module = "ozg_rs", name = "OzgLeistung", skip_from_py_object)]
#[derive(Clone)]
pub struct PyOzgLeistung(pub(crate) OzgLeistung);

#[pymethods]
impl PyOzgLeistung {
    /// Builds the entry from its dict form (camelCase keys, as in the catalogue file).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py(data, "OZG-Leistung")?))
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.get().0)
    }
    /// OZG-ID.
    #[getter]
    fn id(&self) -> PyOzgId {
        PyOzgId(self.0.id)
    }
    /// Name, e.g. "Elterngeld".
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Id of its Lage.
    #[getter]
    fn lage(&self) -> u32 {
        self.0.lage
    }
    /// Its Themenfeld.
    #[getter]
    fn themenfeld(&self) -> PyThemenfeld {
        PyThemenfeld(self.0.themenfeld)
    }
    /// The entry as a dict (camelCase keys, as in the catalogue file).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| o.get().0 == self.0)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "OzgLeistung(id='{}', name={})",
            self.0.id,
            repr_str(py, &self.0.name)
        )
    }
}

/// A LeiKa-Leistung with its assignment to an OZG-Leistung.
#[pyclass(frozen, module = "ozg_rs", name = "LeikaLeistung", skip_from_py_object)]
#[derive(Clone)]
pub struct PyLeikaLeistung(pub(crate) LeikaLeistung);

#[pymethods]
impl PyLeikaLeistung {
    /// Builds the entry from its dict form (camelCase keys, as in the catalogue file).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self(from_py(data, "LeiKa-Leistung")?))
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce(slf.as_any(), &slf.get().0)
    }
    /// LeiKa key; `None` = "nicht im LeiKa".
    #[getter]
    fn key(&self) -> Option<PyLeikaKey> {
        self.0.key.map(PyLeikaKey)
    }
    /// Name (Bezeichnung).
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// OZG-ID of its OZG-Leistung; `None` = not assigned.
    #[getter]
    fn ozg_id(&self) -> Option<PyOzgId> {
        self.0.ozg_id.map(PyOzgId)
    }
    /// Typisierung codes (empty = not recorded).
    #[getter]
    fn typisierung(&self) -> Vec<PyTypisierung> {
        self.0.typisierung.iter().map(PyTypisierung).collect()
    }
    /// Rechtsgrundlage (legal basis, free text).
    #[getter]
    fn rechtsgrundlage(&self) -> Option<&str> {
        self.0.rechtsgrundlage.as_deref()
    }
    /// Gesetze (names of the laws).
    #[getter]
    fn gesetze(&self) -> Option<&str> {
        self.0.gesetze.as_deref()
    }
    /// Gesetzeskürzel (abbreviations of the laws).
    #[getter]
    fn gesetzeskuerzel(&self) -> Option<&str> {
        self.0.gesetzeskuerzel.as_deref()
    }
    /// KDN flag "SDG1" (meaning undocumented).
    #[getter]
    fn sdg1(&self) -> Option<bool> {
        self.0.sdg1
    }
    /// KDN flag "SDG2" (meaning undocumented).
    #[getter]
    fn sdg2(&self) -> Option<bool> {
        self.0.sdg2
    }
    /// Whether Kommunen execute it (Typisierung 2/3, 4 or 5 families).
    #[getter]
    fn is_municipal(&self) -> bool {
        self.0.is_municipal()
    }
    /// The entry as a dict (camelCase keys, as in the catalogue file).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| o.get().0 == self.0)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let name = repr_str(py, &self.0.name);
        match self.0.key {
            Some(k) => format!("LeikaLeistung(key='{k}', name={name})"),
            None => format!("LeikaLeistung(key=None, name={name})"),
        }
    }
}

/// Name of a match kind, as exposed to Python.
fn match_kind_name(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Exact => "exact",
        MatchKind::Word => "word",
        MatchKind::Prefix => "prefix",
        MatchKind::Substring => "substring",
        MatchKind::Fuzzy => "fuzzy",
    }
}

/// A search hit (Treffer): the entry, how it matched and a score.
#[pyclass(frozen, module = "ozg_rs", name = "SearchHit", skip_from_py_object)]
pub struct PySearchHit {
    item: Py<PyAny>,
    name: String,
    kind: &'static str,
    score: f32,
}

/// The match kinds, best first.
const MATCH_KINDS: [MatchKind; 5] = [
    MatchKind::Exact,
    MatchKind::Word,
    MatchKind::Prefix,
    MatchKind::Substring,
    MatchKind::Fuzzy,
];

#[pymethods]
impl PySearchHit {
    /// A hit of `item` (an `OzgLeistung` or a `LeikaLeistung`) matched as `kind` (`exact`,
    /// `word`, `prefix`, `substring` or `fuzzy`) with `score`; what `Catalogue.search` returns,
    /// and how a hit is unpickled.
    #[new]
    fn new(item: &Bound<'_, PyAny>, kind: &str, score: f32) -> PyResult<Self> {
        let name = if let Ok(l) = item.cast::<PyOzgLeistung>() {
            l.get().0.name.to_string()
        } else if let Ok(l) = item.cast::<PyLeikaLeistung>() {
            l.get().0.name.to_string()
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "SearchHit: item must be an OzgLeistung or a LeikaLeistung, not {}",
                item.get_type().name()?
            )));
        };
        let kind = MATCH_KINDS
            .into_iter()
            .map(match_kind_name)
            .find(|k| *k == kind)
            .ok_or_else(|| {
                Error::Value(format!(
                    "SearchHit: invalid kind {kind:?}; expected one of exact, word, prefix, substring, fuzzy"
                ))
            })?;
        Ok(PySearchHit {
            item: item.clone().unbind(),
            name,
            kind,
            score,
        })
    }
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, pyo3::types::PyType>,
        (Py<PyAny>, &'static str, f32),
    ) {
        let hit = slf.get();
        (
            slf.get_type(),
            (hit.item.clone_ref(slf.py()), hit.kind, hit.score),
        )
    }
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(o) = other.cast::<Self>() else {
            return Ok(false);
        };
        let o = o.get();
        if (o.kind, o.score) != (self.kind, self.score) {
            return Ok(false);
        }
        self.item.bind(py).eq(o.item.bind(py))
    }
    /// The entry: an `OzgLeistung` or a `LeikaLeistung`.
    #[getter]
    fn item(&self, py: Python<'_>) -> Py<PyAny> {
        self.item.clone_ref(py)
    }
    /// Name of the entry.
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }
    /// How it matched: `exact`, `word`, `prefix`, `substring` or `fuzzy` (best first).
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind
    }
    /// Score (higher is better).
    #[getter]
    fn score(&self) -> f32 {
        self.score
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "SearchHit(name={}, kind='{}', score={:.3})",
            repr_str(py, &self.name),
            self.kind,
            self.score
        )
    }
}

/// The catalogue behind a `Catalogue` object: the embedded one or one read from a file.
#[derive(Clone)]
enum CatRef {
    Embedded(&'static Catalogue),
    Owned(Arc<Catalogue>),
}

/// The OZG-Umsetzungskatalog: Themenfelder, Lagen, OZG-Leistungen and LeiKa-Leistungen, indexed.
#[pyclass(frozen, module = "ozg_rs", name = "Catalogue", skip_from_py_object)]
#[derive(Clone)]
pub struct PyCatalogue(CatRef);

impl PyCatalogue {
    pub(crate) fn get(&self) -> &Catalogue {
        match &self.0 {
            CatRef::Embedded(c) => c,
            CatRef::Owned(c) => c,
        }
    }
    pub(crate) fn embedded_ref() -> Self {
        PyCatalogue(CatRef::Embedded(Catalogue::embedded()))
    }
}

fn leistungen<'a>(it: impl Iterator<Item = &'a OzgLeistung>) -> Vec<PyOzgLeistung> {
    it.cloned().map(PyOzgLeistung).collect()
}

fn leika_rows<'a>(it: impl Iterator<Item = &'a LeikaLeistung>) -> Vec<PyLeikaLeistung> {
    it.cloned().map(PyLeikaLeistung).collect()
}

#[pymethods]
impl PyCatalogue {
    /// The catalogue embedded in the library (KDN data, state 2019-10-05).
    #[staticmethod]
    fn embedded() -> Self {
        Self::embedded_ref()
    }

    /// Reads a catalogue file (JSON, format version 1).
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let cat = py
            .detach(|| Catalogue::from_path(&path))
            .map_err(Error::from)?;
        Ok(Self(CatRef::Owned(Arc::new(cat))))
    }

    /// Parses a catalogue from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let text = text.to_owned();
        let cat = py
            .detach(|| Catalogue::from_json_str(&text))
            .map_err(Error::from)?;
        Ok(Self(CatRef::Owned(Arc::new(cat))))
    }

    /// The catalogue as JSON text (format version 1).
    fn to_json(&self) -> String {
        self.get().to_json()
    }

    /// Metadata: `source`, `licence`, `attribution`, `as_of` (date), `official_ozg_leistungen`,
    /// `known_gaps` and `counts` (themenfelder, lagen, leistungen, leika, leika_with_key, …).
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let m = self.get().meta();
        let d = PyDict::new(py);
        d.set_item("source", &m.source)?;
        d.set_item("licence", &m.licence)?;
        d.set_item("attribution", &m.attribution)?;
        d.set_item("as_of", m.as_of)?;
        d.set_item("official_ozg_leistungen", m.official_ozg_leistungen)?;
        d.set_item("known_gaps", &m.known_gaps)?;
        let c = &m.counts;
        let counts = PyDict::new(py);
        counts.set_item("themenfelder", c.themenfelder)?;
        counts.set_item("lagen", c.lagen)?;
        counts.set_item("leistungen", c.leistungen)?;
        counts.set_item("leika", c.leika)?;
        counts.set_item("leika_with_key", c.leika_with_key)?;
        counts.set_item("leika_without_key", c.leika_without_key)?;
        counts.set_item("leika_without_ozg_id", c.leika_without_ozg_id)?;
        d.set_item("counts", counts)?;
        Ok(d)
    }

    /// The Themenfelder.
    fn themenfelder(&self) -> Vec<PyThemenfeld> {
        self.get()
            .themenfelder()
            .iter()
            .copied()
            .map(PyThemenfeld)
            .collect()
    }

    /// All Lagen.
    fn lagen(&self) -> Vec<PyLage> {
        self.get().lagen().iter().cloned().map(PyLage).collect()
    }

    /// A Lage by id or exact name; `None` if unknown.
    fn lage(&self, lage: &Bound<'_, PyAny>) -> PyResult<Option<PyLage>> {
        let cat = self.get();
        let found = if lage.is_instance_of::<PyInt>() {
            cat.lage(lage.extract()?)
        } else {
            cat.lage_by_name(&lage.cast::<PyString>()?.to_cow()?)
        };
        Ok(found.cloned().map(PyLage))
    }

    /// All OZG-Leistungen.
    fn leistungen(&self) -> Vec<PyOzgLeistung> {
        leistungen(self.get().leistungen().iter())
    }

    /// All LeiKa rows.
    fn leika(&self) -> Vec<PyLeikaLeistung> {
        leika_rows(self.get().leika().iter())
    }

    /// The OZG-Leistung with this OZG-ID (`OzgId` or str); `None` if unknown.
    fn leistung(&self, id: &Bound<'_, PyAny>) -> PyResult<Option<PyOzgLeistung>> {
        let id = extract_id::<PyOzgId>(id)?;
        Ok(self.get().leistung(id).cloned().map(PyOzgLeistung))
    }

    /// The LeiKa row with this key (`LeikaKey` or str); `None` if unknown.
    fn leika_by_key(&self, key: &Bound<'_, PyAny>) -> PyResult<Option<PyLeikaLeistung>> {
        let key = extract_id::<PyLeikaKey>(key)?;
        Ok(self.get().leika_by_key(key).cloned().map(PyLeikaLeistung))
    }

    /// The OZG-Leistung a LeiKa key is assigned to; `None` if none.
    fn ozg_for_leika(&self, key: &Bound<'_, PyAny>) -> PyResult<Option<PyOzgLeistung>> {
        let key = extract_id::<PyLeikaKey>(key)?;
        Ok(self.get().ozg_for_leika(key).cloned().map(PyOzgLeistung))
    }

    /// The LeiKa rows of an OZG-Leistung.
    fn leika_of(&self, id: &Bound<'_, PyAny>) -> PyResult<Vec<PyLeikaLeistung>> {
        let id = extract_id::<PyOzgId>(id)?;
        Ok(leika_rows(self.get().leika_of(id)))
    }

    /// The OZG-Leistungen of a Themenfeld (`Themenfeld` or its code).
    fn by_themenfeld(&self, themenfeld: &Bound<'_, PyAny>) -> PyResult<Vec<PyOzgLeistung>> {
        let t = extract_code::<PyThemenfeld>(themenfeld)?;
        Ok(leistungen(self.get().by_themenfeld(t)))
    }

    /// The OZG-Leistungen of a Lage, given by id (int) or exact name (str).
    fn by_lage(&self, lage: &Bound<'_, PyAny>) -> PyResult<Vec<PyOzgLeistung>> {
        let cat = self.get();
        if lage.is_instance_of::<PyInt>() {
            let id: u32 = lage.extract()?;
            Ok(leistungen(cat.by_lage(id)))
        } else {
            let name = lage.cast::<PyString>()?.to_cow()?;
            Ok(leistungen(cat.by_lage(name.as_ref())))
        }
    }

    /// The LeiKa rows whose Typisierung contains the given code (`Typisierung` or str, e.g. "2/3").
    fn by_typisierung(&self, typisierung: &Bound<'_, PyAny>) -> PyResult<Vec<PyLeikaLeistung>> {
        let t = extract_code::<PyTypisierung>(typisierung)?;
        Ok(leika_rows(
            self.get()
                .leika()
                .iter()
                .filter(|r| r.typisierung.contains(t)),
        ))
    }

    /// The LeiKa rows executed by Kommunen (Typisierung 2/3, 4 or 5 families).
    fn municipal_leistungen(&self) -> Vec<PyLeikaLeistung> {
        leika_rows(self.get().municipal_leistungen())
    }

    /// Searches names of OZG-Leistungen and LeiKa rows (case- and umlaut-insensitive, tolerant of
    /// typing errors); best hits first, at most `limit`.
    #[pyo3(signature = (query, limit = None))]
    fn search(
        &self,
        py: Python<'_>,
        query: &str,
        limit: Option<usize>,
    ) -> PyResult<Vec<PySearchHit>> {
        let hits = self.get().search_top(query, limit.unwrap_or(usize::MAX));
        hits.into_iter()
            .map(|h| {
                let (item, name) = match h.item {
                    SearchItem::Leistung(l) => (
                        Py::new(py, PyOzgLeistung(l.clone()))?.into_any(),
                        l.name.to_string(),
                    ),
                    SearchItem::Leika(l) => (
                        Py::new(py, PyLeikaLeistung(l.clone()))?.into_any(),
                        l.name.to_string(),
                    ),
                };
                Ok(PySearchHit {
                    item,
                    name,
                    kind: match_kind_name(h.kind),
                    score: h.score,
                })
            })
            .collect()
    }

    /// Whether the catalogue knows this OZG-ID or LeiKa key (`ServiceRef`, `OzgId`, `LeikaKey` or str).
    fn resolve(&self, reference: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.get().resolve(service_ref(reference)?))
    }

    /// The name of the entry an OZG-ID or LeiKa key refers to; `None` if unknown.
    fn name_of(&self, reference: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
        Ok(self
            .get()
            .name_of(service_ref(reference)?)
            .map(str::to_owned))
    }

    fn __repr__(&self) -> String {
        let m = self.get().meta();
        format!(
            "Catalogue(as_of='{}', leistungen={}, leika={})",
            m.as_of, m.counts.leistungen, m.counts.leika
        )
    }

    /// Two catalogues are equal when their contents are (metadata, Themenfelder, Lagen,
    /// OZG-Leistungen, LeiKa rows), e.g. a catalogue and its pickled copy.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        let Ok(o) = other.cast::<Self>() else {
            return false;
        };
        let (a, b) = (self.get(), o.get().get());
        std::ptr::eq(a, b)
            || (a.meta() == b.meta()
                && a.themenfelder() == b.themenfelder()
                && a.lagen() == b.lagen()
                && a.leistungen() == b.leistungen()
                && a.leika() == b.leika())
    }

    /// Number of OZG-Leistungen (`len(catalogue)`).
    fn __len__(&self) -> usize {
        self.get().leistungen().len()
    }

    /// Iterates over the OZG-Leistungen in OZG-ID order (`for leistung in catalogue`).
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
        pyo3::types::PyList::new(py, leistungen(self.get().leistungen().iter()))?.try_iter()
    }

    /// `x in catalogue`: whether an OZG-ID (`OzgId`), a LeiKa key (`LeikaKey`), a `ServiceRef` or a
    /// str of either is in the catalogue; any other value (or a str that is neither) is not.
    fn __contains__(&self, item: &Bound<'_, PyAny>) -> bool {
        service_ref(item).is_ok_and(|r| self.get().resolve(r))
    }

    /// Pickling and `copy`: the embedded catalogue pickles as a reference to itself, any other
    /// through its serde form (`Catalogue.from_json(catalogue.to_json())`).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, pyo3::types::PyTuple>)> {
        let cls = slf.get_type();
        match &slf.get().0 {
            CatRef::Embedded(_) => Ok((
                cls.getattr("embedded")?,
                pyo3::types::PyTuple::empty(slf.py()),
            )),
            CatRef::Owned(c) => Ok((
                cls.getattr("from_json")?,
                pyo3::types::PyTuple::new(slf.py(), [c.to_json()])?,
            )),
        }
    }
}

/// Extracts a service reference from `ServiceRef`, `OzgId`, `LeikaKey` or str.
pub(crate) fn service_ref(obj: &Bound<'_, PyAny>) -> PyResult<ozg_core::id::ServiceRef> {
    if let Ok(v) = obj.cast::<PyOzgId>() {
        return Ok(v.get().0.into());
    }
    if let Ok(v) = obj.cast::<PyLeikaKey>() {
        return Ok(v.get().0.into());
    }
    extract_id::<PyServiceRef>(obj)
}

/// `ozg_rs.catalogue()`: the embedded catalogue.
#[pyfunction]
pub(crate) fn catalogue() -> PyCatalogue {
    PyCatalogue::embedded_ref()
}

/// Adds the catalogue classes and functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCatalogue>()?;
    m.add_class::<PyLage>()?;
    m.add_class::<PyOzgLeistung>()?;
    m.add_class::<PyLeikaLeistung>()?;
    m.add_class::<PySearchHit>()?;
    m.add_function(wrap_pyfunction!(catalogue, m)?)?;
    Ok(())
}
