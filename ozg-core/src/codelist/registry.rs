//! The registry of code lists by list URI and version, with one pinned version per list.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use super::document::{CodeListDocument, Row, compare_versions};
use super::dvdv;
use crate::finding::{Finding, FindingCode};

/// `CanonicalUri`s of the official lists ozg checks values against (Kennungen amtlicher Codelisten).
pub mod list_uris {
    /// Amtlicher Regionalschlüssel (ARS) of every Gemeinde (Destatis).
    pub const REGIONALSCHLUESSEL: &str =
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs";
    /// Amtlicher Gemeindeschlüssel (AGS) of every Gemeinde (Destatis).
    pub const AGS: &str = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags";
    /// Kreise (Destatis).
    pub const KREIS: &str = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:kreis";
    /// Bundesländer (Destatis).
    pub const BUNDESLAND: &str =
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland";
    /// Bezirke / Regierungsbezirke (Destatis).
    pub const BEZIRK: &str = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bezirk";
    /// DVDV-Präfixe (BMI/ITZBund).
    pub const DVDV_PRAEFIX: &str = "urn:xoev-de:bund:bmi:bit:codeliste:dvdv.praefix";
}

/// Why a look-up in the registry found nothing (Nachschlagefehler).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LookupError {
    /// No version of the list is loaded.
    #[error("no version of code list {list_uri} is loaded")]
    UnknownList {
        /// The `listURI`.
        list_uri: String,
    },
    /// The list is loaded, but not in this version.
    #[error("code list {list_uri} is not loaded in version {version}; loaded: {loaded}")]
    UnknownVersion {
        /// The `listURI`.
        list_uri: String,
        /// The `listVersionID` asked for.
        version: String,
        /// The loaded versions, comma-separated.
        loaded: String,
    },
    /// The list has no single-column recommended key to look codes up by.
    #[error("code list {list_uri} version {version} has no single-column key to look codes up by")]
    NoKey {
        /// The `listURI`.
        list_uri: String,
        /// The version.
        version: String,
    },
    /// The code is not in that version of the list.
    #[error("code \"{code}\" is not in code list {list_uri} version {version}")]
    UnknownCode {
        /// The `listURI`.
        list_uri: String,
        /// The version looked in.
        version: String,
        /// The code.
        code: String,
    },
}

/// A row found by [`CodeListRegistry::lookup`] (Eintrag), with the list version it came from.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The list version.
    pub list: &'a CodeListDocument,
    /// The row.
    pub row: &'a Row,
}

impl<'a> Entry<'a> {
    /// The text of the value in the column with this id.
    pub fn value(&self, column_id: &str) -> Option<&'a str> {
        self.list.value(self.row, column_id)
    }

    /// The label (Bezeichnung), see [`super::ColumnSet::label_column`].
    pub fn label(&self) -> Option<&'a str> {
        self.list.label(self.row)
    }
}

#[derive(Debug, Clone, Default)]
struct Versions {
    /// Sorted by [`compare_versions`], oldest first.
    versions: Vec<Arc<CodeListDocument>>,
    pinned: String,
}

/// Code lists by list URI and version (Codelisten-Register), each list pinned to one version.
///
/// [`insert`](Self::insert) pins a list to the version inserted when it is the first or newer
/// than the pinned one, so loading a newer list file takes effect without a new release;
/// [`pin`](Self::pin) pins explicitly. Look-ups name a version (`listVersionID`) or take the
/// pinned one.
///
/// ```
/// use ozg_core::codelist::{CodeListRegistry, list_uris};
/// let reg = CodeListRegistry::builtin();
/// assert_eq!(reg.pinned_version(list_uris::DVDV_PRAEFIX), Some("51"));
/// let e = reg.lookup(list_uris::DVDV_PRAEFIX, None, "wgb")?;
/// assert_eq!(e.value("behoerdenkategorie"), Some("Wohngeldbehörde"));
/// # Ok::<(), ozg_core::codelist::LookupError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CodeListRegistry {
    lists: BTreeMap<String, Versions>,
}

impl CodeListRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The registry of the lists embedded in ozg: DVDV-Präfixe version 51.
    pub fn builtin() -> &'static CodeListRegistry {
        static REG: OnceLock<CodeListRegistry> = OnceLock::new();
        REG.get_or_init(|| {
            let mut r = CodeListRegistry::new();
            r.insert(dvdv::prefix_list().clone());
            r
        })
    }

    /// Adds a list version (replacing one with the same URI and version, which is returned) and
    /// pins the list to it when it is the list's first version or newer than the pinned one.
    pub fn insert(&mut self, doc: CodeListDocument) -> Option<Arc<CodeListDocument>> {
        self.insert_arc(Arc::new(doc))
    }

    /// [`insert`](Self::insert) for a shared document.
    pub fn insert_arc(&mut self, doc: Arc<CodeListDocument>) -> Option<Arc<CodeListDocument>> {
        let entry = self
            .lists
            .entry(doc.canonical_uri().to_owned())
            .or_default();
        let version = doc.version().to_owned();
        let newer = entry.versions.is_empty()
            || compare_versions(&version, &entry.pinned) == std::cmp::Ordering::Greater;
        let old = match entry.versions.binary_search_by(|d| {
            compare_versions(d.version(), &version).then_with(|| d.version().cmp(&version))
        }) {
            Ok(i) => Some(std::mem::replace(&mut entry.versions[i], doc)),
            Err(i) => {
                entry.versions.insert(i, doc);
                None
            }
        };
        if newer {
            entry.pinned = version;
        }
        old
    }

    /// Pins a list to one of its loaded versions.
    pub fn pin(&mut self, list_uri: &str, version: &str) -> Result<(), LookupError> {
        let entry = self
            .lists
            .get_mut(list_uri)
            .ok_or_else(|| LookupError::UnknownList {
                list_uri: list_uri.to_owned(),
            })?;
        if !entry.versions.iter().any(|d| d.version() == version) {
            return Err(LookupError::UnknownVersion {
                list_uri: list_uri.to_owned(),
                version: version.to_owned(),
                loaded: entry
                    .versions
                    .iter()
                    .map(|d| d.version())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        entry.pinned = version.to_owned();
        Ok(())
    }

    /// The version a list is pinned to.
    pub fn pinned_version(&self, list_uri: &str) -> Option<&str> {
        self.lists.get(list_uri).map(|v| v.pinned.as_str())
    }

    /// The loaded versions of a list, oldest first.
    pub fn versions(&self, list_uri: &str) -> impl Iterator<Item = &str> + '_ {
        self.lists
            .get(list_uri)
            .into_iter()
            .flat_map(|v| v.versions.iter().map(|d| d.version()))
    }

    /// The URIs of the loaded lists, sorted.
    pub fn list_uris(&self) -> impl Iterator<Item = &str> + '_ {
        self.lists.keys().map(String::as_str)
    }

    /// Every loaded list version.
    pub fn documents(&self) -> impl Iterator<Item = &Arc<CodeListDocument>> + '_ {
        self.lists.values().flat_map(|v| v.versions.iter())
    }

    /// Number of loaded list versions.
    pub fn len(&self) -> usize {
        self.lists.values().map(|v| v.versions.len()).sum()
    }

    /// Whether no list is loaded.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Whether a version of this list is loaded.
    pub fn contains_list(&self, list_uri: &str) -> bool {
        self.lists.contains_key(list_uri)
    }

    /// A list in a version (`None`: the pinned one).
    pub fn get(
        &self,
        list_uri: &str,
        version: Option<&str>,
    ) -> Result<&Arc<CodeListDocument>, LookupError> {
        let entry = self
            .lists
            .get(list_uri)
            .ok_or_else(|| LookupError::UnknownList {
                list_uri: list_uri.to_owned(),
            })?;
        let version = version.unwrap_or(&entry.pinned);
        entry
            .versions
            .iter()
            .find(|d| d.version() == version)
            .ok_or_else(|| LookupError::UnknownVersion {
                list_uri: list_uri.to_owned(),
                version: version.to_owned(),
                loaded: entry
                    .versions
                    .iter()
                    .map(|d| d.version())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Looks a code up by the recommended key of a list version (`None`: the pinned version).
    pub fn lookup(
        &self,
        list_uri: &str,
        version: Option<&str>,
        key: &str,
    ) -> Result<Entry<'_>, LookupError> {
        let list = self.get(list_uri, version)?;
        if list.key_column().is_none() {
            return Err(LookupError::NoKey {
                list_uri: list_uri.to_owned(),
                version: list.version().to_owned(),
            });
        }
        match list.row_by_key(key) {
            Some(row) => Ok(Entry { list, row }),
            None => Err(LookupError::UnknownCode {
                list_uri: list_uri.to_owned(),
                version: list.version().to_owned(),
                code: key.to_owned(),
            }),
        }
    }

    /// The label (Bezeichnung) of a code (`Ok(None)` when the list names no label column).
    pub fn label(
        &self,
        list_uri: &str,
        version: Option<&str>,
        key: &str,
    ) -> Result<Option<&str>, LookupError> {
        self.lookup(list_uri, version, key).map(|e| e.label())
    }

    /// Checks a code against a loaded list (Codeprüfung) and reports at `pointer`:
    /// nothing when the list is not loaded (there is nothing to check against) or the code is
    /// in it; `code.unknown` (error) when the code is missing from the named version (or the
    /// pinned one when `version` is `None`); `code.version_not_loaded` (warning) when the
    /// named version is not loaded, after which the pinned version is checked.
    pub fn check_code(
        &self,
        list_uri: &str,
        version: Option<&str>,
        code: &str,
        pointer: &str,
        out: &mut Vec<Finding>,
    ) {
        if !self.contains_list(list_uri) {
            return;
        }
        let version = match version {
            Some(v) if self.get(list_uri, Some(v)).is_err() => {
                out.push(Finding::new(
                    FindingCode::CodeListVersionNotLoaded,
                    pointer,
                    format!(
                        "code list {list_uri} is not loaded in version {v}; checked against the pinned version {}",
                        self.pinned_version(list_uri).unwrap_or_default()
                    ),
                ));
                None
            }
            other => other,
        };
        match self.lookup(list_uri, version, code) {
            Ok(_) | Err(LookupError::NoKey { .. }) | Err(LookupError::UnknownList { .. }) => {}
            Err(e) => out.push(Finding::new(
                FindingCode::UnknownCode,
                pointer,
                e.to_string(),
            )),
        }
    }
}
