//! Code values (Codewerte) of the XÖV/FIM code lists as frozen, hashable, ordered, picklable
//! Python classes with `code`, `label`, `list_uri`, `list_version_id`, `all()` and `from_code()`.

use ozg_core::code::{
    Basiskomponente, Bundesland, CodeList, DocumentKind, EfaModell, LeistungsTyp, Reifegrad,
    ReifegradModell, Themenfeld, Typisierung, Vertrauensniveau, VertrauensniveauFim, XoevCode,
};
use pyo3::PyClass;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};

use crate::error::Error;

/// A Python class wrapping an `ozg_core` code list enum.
pub(crate) trait CodeClass:
    PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync
{
    /// The wrapped code list enum.
    type Rust: CodeList;
    /// The wrapped value.
    fn rust(&self) -> Self::Rust;
}

/// Extracts a code value from an instance of its class or from its code as `str`.
pub(crate) fn extract_code<P: CodeClass>(obj: &Bound<'_, PyAny>) -> PyResult<P::Rust> {
    if let Ok(v) = obj.cast::<P>() {
        return Ok(v.get().rust());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(P::Rust::from_code(&s.to_cow()?).map_err(Error::from)?);
    }
    Err(PyTypeError::new_err(format!(
        "expected {} or str, got {}",
        <P as PyClass>::NAME,
        obj.get_type().name()?
    )))
}

/// An XÖV code value as a dict in its serde form `{"listURI", "listVersionID"?, "code", "name"?}`
/// (members without a value left out), as in datasets, the CLI and the JSON Schemas.
pub(crate) fn xoev_dict<'py>(py: Python<'py>, v: &XoevCode) -> PyResult<Bound<'py, PyDict>> {
    Ok(crate::convert::to_py(py, v)?.cast_into::<PyDict>()?)
}

/// Generates a code class; `$extra` adds methods.
macro_rules! py_code {
    ($(#[$meta:meta])* $py:ident($rust:ty), $name:literal, { $($extra:tt)* }) => {
        $(#[$meta])*
        #[pyclass(frozen, eq, hash, ord, module = "ozg_rs", name = $name, skip_from_py_object)]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $py(pub(crate) $rust);

        impl CodeClass for $py {
            type Rust = $rust;
            fn rust(&self) -> $rust {
                self.0
            }
        }

        #[pymethods]
        impl $py {
            /// Looks the value up by its code; raises `CodeError` listing the valid codes.
            #[new]
            fn new(code: &Bound<'_, PyAny>) -> PyResult<Self> {
                extract_code::<Self>(code).map(Self)
            }

            /// Looks the value up by its code; raises `CodeError` listing the valid codes.
            #[classmethod]
            fn from_code(_cls: &Bound<'_, PyType>, code: &str) -> PyResult<Self> {
                Ok(Self(<$rust>::from_code(code).map_err(Error::from)?))
            }

            /// All values of the list, in list order.
            #[classmethod]
            fn all(_cls: &Bound<'_, PyType>) -> Vec<Self> {
                <$rust>::all().iter().copied().map(Self).collect()
            }

            /// `listURI` of the code list (project URNs start with `urn:ozg-rs:codeliste:`).
            #[classattr]
            fn list_uri() -> &'static str {
                <$rust as CodeList>::LIST_URI
            }

            /// `listVersionID` of the code list, if known.
            #[classattr]
            fn list_version_id() -> Option<&'static str> {
                <$rust as CodeList>::LIST_VERSION_ID
            }

            /// The code (Code).
            #[getter]
            fn code(&self) -> &'static str {
                self.0.code()
            }

            /// The German label (Bezeichnung) from the real list; `None` where the source gives none.
            #[getter]
            fn label(&self) -> Option<&'static str> {
                self.0.label()
            }

            /// The XÖV code value as a dict (`listURI`, `listVersionID`, `code`, `name`; members
            /// without a value left out), the serde form of `XoevCode`.
            // pyo3 methods receive `&self` (the object lives in Python), so `to_*` cannot take `self`
            #[allow(clippy::wrong_self_convention)]
            fn to_xoev<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                xoev_dict(py, &self.0.to_xoev())
            }

            fn __str__(&self) -> &'static str {
                self.0.code()
            }

            fn __repr__(&self) -> String {
                format!("{}('{}')", $name, self.0.code())
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (&'static str,)) {
                (slf.get_type(), (slf.get().0.code(),))
            }

            $($extra)*
        }
    };
}

py_code!(
    /// OZG-Themenfeld (subject area of the OZG-Umsetzungskatalog), 14 values.
    PyThemenfeld(Themenfeld), "Themenfeld", {
    /// The KDN id of the Themenfeld (1–14).
    #[getter]
    fn kdn_id(&self) -> u8 {
        self.0.kdn_id()
    }
});
py_code!(
    /// Reifegradmodell (OZG maturity model version): `1.x` or `2.0`.
    PyReifegradModell(ReifegradModell), "ReifegradModell", {
    /// Highest stage (Stufe) of the model.
    #[getter]
    fn max_level(&self) -> u8 {
        self.0.max_level()
    }
});
py_code!(
    /// Vertrauensniveau (eIDAS level of assurance): niedrig, substanziell, hoch.
    PyVertrauensniveau(Vertrauensniveau), "Vertrauensniveau", {
    /// English name of the level.
    #[getter]
    fn english(&self) -> &'static str {
        self.0.english()
    }
});
py_code!(
    /// FIM-Vertrauensniveau (codes 00–40 of the FIM code list).
    PyVertrauensniveauFim(VertrauensniveauFim), "VertrauensniveauFim", {});
py_code!(
    /// Typisierung (LeiKa typification: which level regulates and executes the service).
    PyTypisierung(Typisierung), "Typisierung", {
    /// Whether this Typisierung concerns municipalities (Kommunen).
    #[getter]
    fn is_municipal(&self) -> bool {
        self.0.is_municipal()
    }
});
py_code!(
    /// Leistungstyp of a LeiKa key: `lo`, `lov`, `lovd`.
    PyLeistungsTyp(LeistungsTyp), "LeistungsTyp", {});
py_code!(
    /// Basiskomponente (base component of the Schleswig-Holstein OZG platform).
    PyBasiskomponente(Basiskomponente), "Basiskomponente", {});
py_code!(
    /// Bundesland (federal state), codes `01`–`16`.
    PyBundesland(Bundesland), "Bundesland", {
    /// Länderschlüssel as a number (1–16).
    #[getter]
    fn number(&self) -> u8 {
        self.0.number()
    }
    /// Name of the Land.
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }
});
py_code!(
    /// EfA-Modell (how an "Einer für Alle" service is shared).
    PyEfaModell(EfaModell), "EfaModell", {});
py_code!(
    /// Dokumentart (kind of agreement document).
    PyDocumentKind(DocumentKind), "DocumentKind", {});

/// Reifegrad (OZG maturity level): a stage (Stufe) of a Reifegradmodell.
#[pyclass(
    frozen,
    eq,
    hash,
    ord,
    module = "ozg_rs",
    name = "Reifegrad",
    skip_from_py_object
)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyReifegrad(pub(crate) Reifegrad);

#[pymethods]
impl PyReifegrad {
    /// Builds a Reifegrad; raises `CodeError` if the level is outside the model's range.
    #[new]
    fn new(model: &Bound<'_, PyAny>, level: u8) -> PyResult<Self> {
        let model = extract_code::<PyReifegradModell>(model)?;
        Ok(Self(Reifegrad::new(model, level).map_err(Error::from)?))
    }

    /// A stage of Reifegradmodell 1.x (0–4).
    #[staticmethod]
    fn v1(level: u8) -> PyResult<Self> {
        Ok(Self(Reifegrad::v1(level).map_err(Error::from)?))
    }

    /// A stage of Reifegradmodell 2.0 (0–7).
    #[staticmethod]
    fn v2(level: u8) -> PyResult<Self> {
        Ok(Self(Reifegrad::v2(level).map_err(Error::from)?))
    }

    /// The overall Reifegrad of several criteria: their minimum (same model only; `None` if empty).
    #[staticmethod]
    fn overall(criteria: Vec<PyRef<'_, PyReifegrad>>) -> PyResult<Option<Self>> {
        let criteria: Vec<Reifegrad> = criteria.iter().map(|r| r.0).collect();
        Ok(Reifegrad::overall(&criteria)
            .map_err(Error::from)?
            .map(Self))
    }

    /// The model.
    #[getter]
    fn model(&self) -> PyReifegradModell {
        PyReifegradModell(self.0.model())
    }

    /// The stage (Stufe).
    #[getter]
    fn level(&self) -> u8 {
        self.0.level()
    }

    /// Name of the stage (only known for model 1.x).
    #[getter]
    fn label(&self) -> Option<&'static str> {
        self.0.label()
    }

    /// Whether the stage meets the OZG (1.x: stage ≥ 3); `None` where unknown (2.0).
    fn is_ozg_compliant(&self) -> Option<bool> {
        self.0.is_ozg_compliant()
    }

    /// The serde form `{"model": ..., "level": ...}`.
    #[allow(clippy::wrong_self_convention)]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("model", self.0.model().code())?;
        d.set_item("level", self.0.level())?;
        Ok(d)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Reifegrad('{}', {})", self.0.model().code(), self.0.level())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (&'static str, u8)) {
        let r = slf.get().0;
        (slf.get_type(), (r.model().code(), r.level()))
    }
}

/// Adds the code classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyThemenfeld>()?;
    m.add_class::<PyReifegradModell>()?;
    m.add_class::<PyReifegrad>()?;
    m.add_class::<PyVertrauensniveau>()?;
    m.add_class::<PyVertrauensniveauFim>()?;
    m.add_class::<PyTypisierung>()?;
    m.add_class::<PyLeistungsTyp>()?;
    m.add_class::<PyBasiskomponente>()?;
    m.add_class::<PyBundesland>()?;
    m.add_class::<PyEfaModell>()?;
    m.add_class::<PyDocumentKind>()?;
    Ok(())
}
