//! `ozg-py`: the Python package `ozg-rs` (import `ozg_rs`; pyo3 extension module `ozg_rs._ozg`, built by maturin).
//!
//! The Python-facing API lives in `python/ozg_rs/` (re-exports, the hand-kept stub `_ozg.pyi`,
//! exception classes); this crate wraps the `ozg-core` model in Python classes:
//! identifiers and code values ([`ids`], [`codes`]), the catalogue ([`catalogue`]), datasets
//! ([`dataset`]), the Gemeindeverzeichnis ([`org`]), XZuFi reading ([`xzufi`]), XTA metadata
//! ([`xta`]) and FIT-Connect metadata ([`fitconnect`]). Errors map to the classes of `ozg_rs._errors` in the
//! private module `error`.

pub mod catalogue;
pub mod codelists;
pub mod codes;
mod convert;
pub mod dataset;
mod error;
pub mod fitconnect;
pub mod ids;
pub mod org;
mod report;
pub mod validate;
pub mod xta;
pub mod xzufi;
pub mod zufi;

use pyo3::prelude::*;

/// The extension module `ozg_rs._ozg` (private; `import ozg_rs` re-exports it).
#[pymodule]
#[pyo3(name = "_ozg")]
fn ozg_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    ids::register(m)?;
    codes::register(m)?;
    codelists::register(m)?;
    catalogue::register(m)?;
    dataset::register(m)?;
    xzufi::register(m)?;
    org::register(m)?;
    fitconnect::register(m)?;
    xta::register(m)?;
    validate::register(m)?;
    zufi::register(m)?;
    report::register(m)?;
    Ok(())
}
