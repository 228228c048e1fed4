//! The crate-wide error type (Fehler) of `ozg-core` and its [`Result`] alias.
//!
//! Each module has its own typed error (e.g. [`IdError`], [`CodeError`]); [`Error`] gathers them so
//! that callers mixing several modules can use `?` throughout.
//!
//! ```
//! use ozg_core::error::{Error, Result};
//! use ozg_core::id::OzgId;
//!
//! fn parse(s: &str) -> Result<OzgId> {
//!     Ok(s.parse::<OzgId>()?)
//! }
//! assert!(matches!(parse("123"), Err(Error::Id(_))));
//! ```

use crate::agreement::{AgreementStatus, TransitionError};
use crate::code::CodeError;
use crate::dataset::DatasetError;
use crate::id::IdError;
use crate::rollout::RolloutStatus;

/// Any error of `ozg-core` (Fehler).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An identifier did not parse (ungültige Kennung).
    #[error(transparent)]
    Id(#[from] IdError),
    /// A code list lookup failed (ungültiger Code).
    #[error(transparent)]
    Code(#[from] CodeError),
    /// A dataset could not be read or written (Datenbestand).
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    /// An agreement status transition was refused (Vereinbarungsstatus).
    #[error(transparent)]
    AgreementTransition(#[from] TransitionError<AgreementStatus>),
    /// A rollout status transition was refused (Rollout-Status).
    #[error(transparent)]
    RolloutTransition(#[from] TransitionError<RolloutStatus>),
}

/// `Result` with [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
