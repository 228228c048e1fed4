//! The Zuständigkeit index from Python (`ozg_rs.zufi.Index`): built from XZuFi exports in one
//! streaming pass (interpreter released), with route and coverage queries. Results are the serde
//! JSON form of the Rust types as dicts (via pythonize), the same as `ozg route --format json`.

use std::path::PathBuf;

use ozg_core::catalogue::Catalogue;
use ozg_core::id::{Ags, ArsLevel, ArsPrefix, DestinationSignature, LeikaKey, OzgId};
use ozg_core::zufi::{ZufiIndex, normalise_ars_key};
use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::{IndexError, build_index};
use pyo3::prelude::*;

use crate::error::Error;

fn to_py<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, v)?)
}

fn area(s: &str, what: &str) -> Result<ArsPrefix, Error> {
    normalise_ars_key(s.trim())
        .map(|(p, _)| p)
        .map_err(|e| Error::Value(format!("{what} {s:?}: {e}")))
}

/// Zuständigkeit index of one or more XZuFi 2.2 exports (Zuständigkeitsverzeichnis).
#[pyclass(frozen, module = "ozg_rs.zufi", name = "Index", skip_from_py_object)]
pub struct PyIndex {
    index: ZufiIndex,
}

#[pymethods]
impl PyIndex {
    /// `Index(paths)`: reads the exports (a path or a list of paths) in one streaming pass each.
    /// Bad values inside objects become `findings` (the stream goes on); raises `OzgIOError` for a
    /// file that cannot be read and `XmlSyntaxError` for an export that is not well-formed XZuFi.
    #[new]
    fn new(py: Python<'_>, paths: Bound<'_, PyAny>) -> PyResult<Self> {
        let paths: Vec<PathBuf> = match paths.extract::<PathBuf>() {
            Ok(p) => vec![p],
            Err(_) => paths.extract()?,
        };
        let built =
            py.detach(|| build_index(&paths, ReaderConfig::default(), Catalogue::embedded()));
        let index = built.map_err(|e| match e {
            IndexError::Io { path, source } => Error::io(&source, &path),
            IndexError::Xml { path, source } => Error::Xml {
                message: format!("{}: {source}", path.display()),
                line: (source.line() > 0).then_some(source.line()),
                column: (source.column() > 0).then_some(source.column()),
                path: source.path().map(str::to_owned),
            },
            other => Error::Value(other.to_string()),
        })?;
        Ok(PyIndex { index })
    }

    /// Refuses pickling and `copy` with a `TypeError`: the index has no serialised form to
    /// rebuild it from (its results are plain dicts and pickle).
    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<()> {
        Err(crate::convert::unpicklable(
            slf.as_any(),
            "it is built from XZuFi export files and has no serialised form; build it again \
             with Index(paths), or pickle its results (route(), coverage(), zustaendigkeiten(), \
             findings: plain dicts)",
        ))
    }

    /// Number of Zuständigkeiten.
    fn __len__(&self) -> usize {
        self.index.len()
    }

    /// Counts: files, objectsRead, objectsSkipped, leistungen, zustaendigkeiten.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.index.counts())
    }

    /// The findings met while building (code, severity, source {file, line, column}, object,
    /// message).
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.index.findings())
    }

    /// Every Zuständigkeit as a dict (organisationseinheit, leistungID, leikaKeys, ozgIds, rolle,
    /// gebiete, channels, source).
    fn zustaendigkeiten<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.index.zustaendigkeiten())
    }

    /// `route(leika=None, ars=None, *, ags=None, ozg=None)`: who serves the Leistung (a LeiKa key,
    /// or every key of an OZG-ID) in the area (an ARS or prefix, or a Gemeinde by AGS), most
    /// specific Gebiet first: `{"query": …, "matches": [...]}`; an empty `matches` with
    /// `query.searched` says what was searched.
    #[pyo3(signature = (leika = None, ars = None, *, ags = None, ozg = None))]
    fn route<'py>(
        &self,
        py: Python<'py>,
        leika: Option<&str>,
        ars: Option<&str>,
        ags: Option<&str>,
        ozg: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (area, ags) = match (ars, ags) {
            (Some(a), None) => (area(a, "ars")?, None),
            (None, Some(g)) => {
                let g: Ags = g.parse().map_err(Error::from)?;
                let ars = ozg_core::org::Gemeindeverzeichnis::germany()
                    .ars_for_ags(&g)
                    .or_else(|| self.index.ars_for_ags_in_exports(g))
                    .ok_or_else(|| {
                        Error::Value(format!(
                            "AGS {g} is not in the Gemeindeverzeichnis of Germany and no export names it by its ARS; give ars= instead"
                        ))
                    })?;
                (ArsPrefix::from(ars), Some(g))
            }
            _ => return Err(Error::Value("give exactly one of ars= or ags=".into()).into()),
        };
        let route = match (leika, ozg) {
            (Some(k), None) => {
                let k: LeikaKey = k.parse().map_err(Error::from)?;
                self.index.route_keys(vec![k], area, ags, None)
            }
            (None, Some(o)) => {
                let o: OzgId = o.parse().map_err(Error::from)?;
                let mut r = self
                    .index
                    .route_ozg(o, area, Catalogue::embedded())
                    .map_err(|e| Error::Value(e.to_string()))?;
                r.query.ags = ags;
                r
            }
            _ => return Err(Error::Value("give exactly one of leika= or ozg=".into()).into()),
        };
        to_py(py, &route)
    }

    /// `coverage(*, kreis=None, amt=None, gemeinde=None)`: the municipal OZG-Leistungen of the
    /// embedded catalogue with a responsible unit and a digital channel in the area, per row with
    /// its blocker (like `ozg coverage --format json`).
    #[pyo3(signature = (*, kreis = None, amt = None, gemeinde = None))]
    fn coverage<'py>(
        &self,
        py: Python<'py>,
        kreis: Option<&str>,
        amt: Option<&str>,
        gemeinde: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (text, what, level) = match (kreis, amt, gemeinde) {
            (Some(k), None, None) => (k, "kreis", ArsLevel::Kreis),
            (None, Some(a), None) => (a, "amt", ArsLevel::Gemeindeverband),
            (None, None, Some(g)) => (g, "gemeinde", ArsLevel::Gemeinde),
            _ => {
                return Err(
                    Error::Value("give exactly one of kreis=, amt= or gemeinde=".into()).into(),
                );
            }
        };
        let a = area(text, what)?;
        if a.level() != level {
            return Err(Error::Value(format!(
                "{what}={text:?} names a {}, not a {}",
                ozg_core::zufi::level_name(a.level()),
                ozg_core::zufi::level_name(level)
            ))
            .into());
        }
        to_py(py, &self.index.coverage(a, Catalogue::embedded()))
    }

    fn __repr__(&self) -> String {
        let c = self.index.counts();
        format!(
            "Index(files={}, zustaendigkeiten={}, findings={})",
            c.files,
            c.zustaendigkeiten,
            self.index.findings().len()
        )
    }
}

/// `ozg_rs.zufi.signature_claims(jws)`: the decoded claims of a FIT-Connect DestinationSignature
/// (submissionHost, iss, services [{gebietIDs, leistungIDs}], destinationId, iat, jti; not
/// verified). Raises `InvalidIdentifierError` for a value that is not a compact JWS and
/// `ArgumentError` for a payload that cannot be decoded.
#[pyfunction]
pub(crate) fn signature_claims<'py>(py: Python<'py>, jws: &str) -> PyResult<Bound<'py, PyAny>> {
    let sig: DestinationSignature = jws.parse().map_err(Error::from)?;
    let claims = sig.claims().map_err(|e| Error::Value(e.to_string()))?;
    to_py(py, &claims)
}

/// Adds the index class and functions (as `zufi_*`; `ozg_rs.zufi` re-exports them).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyIndex>()?;
    m.add(
        "zufi_signature_claims",
        wrap_pyfunction!(signature_claims, m)?,
    )?;
    Ok(())
}
