//! `ozg-py`: the Python package `ozg` (pyo3 extension module `ozg._ozg`, built by maturin).
//!
//! The Python-facing API lives in `python/ozg/` (re-exports, the hand-kept stub `_ozg.pyi`,
//! exception classes); this crate wraps the `ozg-core` model in Python classes:
//! identifiers and code values ([`ids`], [`codes`]). Errors map to `ozg._errors` in [`error`].

pub mod codes;
mod error;
pub mod ids;

use pyo3::prelude::*;

/// The extension module `ozg._ozg` (private; `import ozg` re-exports it).
#[pymodule]
#[pyo3(name = "_ozg")]
fn ozg_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    ids::register(m)?;
    codes::register(m)?;
    Ok(())
}
