//! Errors reading or validating a catalogue (Katalogfehler), with where they are.

use std::path::PathBuf;

use super::FORMAT_VERSION;
use crate::code::Themenfeld;
use crate::id::{LeikaKey, OzgId};

/// Error reading or validating a catalogue (Katalogfehler). Each variant says where: a file path,
/// line and column, or the JSON pointer of the offending member.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogueError {
    /// The file could not be read (E/A-Fehler).
    #[error("cannot read catalogue file {}: {source}", path.display())]
    Io {
        /// The path that was read.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Reading from a reader failed.
    #[error("cannot read catalogue: {0}")]
    Read(#[source] std::io::Error),
    /// An error in a catalogue file, wrapped with the file's path.
    #[error("catalogue file {}: {source}", path.display())]
    InFile {
        /// The file.
        path: PathBuf,
        /// The error in it.
        #[source]
        source: Box<CatalogueError>,
    },
    /// Invalid JSON or a member of the wrong type/value (JSON-Fehler).
    #[error("invalid catalogue JSON at line {line}, column {column} (at \"{pointer}\"): {message}")]
    Json {
        /// JSON pointer of the member being read (`""` = the document).
        pointer: String,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// The file has a format version this crate does not read.
    #[error("unsupported catalogue formatVersion {found}; expected {FORMAT_VERSION}")]
    UnsupportedFormatVersion {
        /// The version found (as written).
        found: String,
    },
    /// A Themenfeld entry disagrees with the code list (Themenfeld) or is listed twice.
    #[error("{pointer}: Themenfeld \"{code}\": {message}")]
    InvalidThemenfeld {
        /// JSON pointer of the entry.
        pointer: String,
        /// The Themenfeld code.
        code: Themenfeld,
        /// What was wrong.
        message: String,
    },
    /// Two Lagen with the same id.
    #[error("{pointer}: duplicate Lage id {id} (first at {first})")]
    DuplicateLage {
        /// JSON pointer of the second entry.
        pointer: String,
        /// The Lage id.
        id: u32,
        /// JSON pointer of the first entry.
        first: String,
    },
    /// Two OZG-Leistungen with the same OZG-ID.
    #[error("{pointer}: duplicate OZG-ID {id} (first at {first})")]
    DuplicateOzgId {
        /// JSON pointer of the second entry.
        pointer: String,
        /// The OZG-ID.
        id: OzgId,
        /// JSON pointer of the first entry.
        first: String,
    },
    /// Two LeiKa rows with the same LeiKa key.
    #[error("{pointer}: duplicate LeiKa key {key} (first at {first})")]
    DuplicateLeikaKey {
        /// JSON pointer of the second entry.
        pointer: String,
        /// The LeiKa key.
        key: LeikaKey,
        /// JSON pointer of the first entry.
        first: String,
    },
    /// A Lage names a Themenfeld that is not listed in `themenfelder`.
    #[error("{pointer}: Themenfeld \"{themenfeld}\" is not listed in /themenfelder")]
    UnknownThemenfeld {
        /// JSON pointer of the member.
        pointer: String,
        /// The Themenfeld.
        themenfeld: Themenfeld,
    },
    /// An OZG-Leistung names a Lage id that is not in `lagen`.
    #[error("{pointer}: Lage {lage} is not in /lagen")]
    UnknownLage {
        /// JSON pointer of the member.
        pointer: String,
        /// The Lage id.
        lage: u32,
    },
    /// An OZG-Leistung's Themenfeld differs from its Lage's.
    #[error(
        "{pointer}: Themenfeld \"{found}\" differs from the Themenfeld \"{expected}\" of its Lage"
    )]
    ThemenfeldMismatch {
        /// JSON pointer of the member.
        pointer: String,
        /// The Lage's Themenfeld.
        expected: Themenfeld,
        /// The Themenfeld given.
        found: Themenfeld,
    },
    /// A LeiKa row names an OZG-ID that is not in `leistungen`.
    #[error("{pointer}: OZG-ID {ozg_id} is not in /leistungen")]
    UnknownOzgId {
        /// JSON pointer of the member.
        pointer: String,
        /// The OZG-ID.
        ozg_id: OzgId,
    },
}

impl CatalogueError {
    /// The JSON pointer of the offending member, where the error has one.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Self::Io { .. } | Self::Read(_) | Self::UnsupportedFormatVersion { .. } => None,
            Self::InFile { source, .. } => source.pointer(),
            Self::Json { pointer, .. }
            | Self::InvalidThemenfeld { pointer, .. }
            | Self::DuplicateLage { pointer, .. }
            | Self::DuplicateOzgId { pointer, .. }
            | Self::DuplicateLeikaKey { pointer, .. }
            | Self::UnknownThemenfeld { pointer, .. }
            | Self::UnknownLage { pointer, .. }
            | Self::ThemenfeldMismatch { pointer, .. }
            | Self::UnknownOzgId { pointer, .. } => Some(pointer),
        }
    }
}

/// Location of a serde_json error: JSON pointer, line, column and message.
pub(crate) struct JsonLocation {
    pub(crate) pointer: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

/// Deserialises JSON text, reporting errors with JSON pointer, line and column.
///
/// The fast path parses without tracking the path; only when that fails is the text parsed again
/// with `serde_path_to_error` to find the JSON pointer.
pub(crate) fn from_json_located<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, JsonLocation> {
    if let Ok(value) = serde_json::from_str::<T>(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| JsonLocation {
        pointer: crate::finding::pointer_from_path(e.path()),
        line: e.inner().line(),
        column: e.inner().column(),
        message: e.inner().to_string(),
    })?;
    de.end().map_err(|e| JsonLocation {
        pointer: String::new(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    Ok(value)
}

impl From<JsonLocation> for CatalogueError {
    fn from(l: JsonLocation) -> Self {
        Self::Json {
            pointer: l.pointer,
            line: l.line,
            column: l.column,
            message: l.message,
        }
    }
}
