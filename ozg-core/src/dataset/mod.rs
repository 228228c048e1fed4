//! The dataset document (Datenbestand): IT-Dienstleister, Verwaltungen, Onlinedienste, delivery
//! channels, agreements and rollout entries of one municipal IT provider, plus its consistency
//! check ([`Dataset::check`]) and report ([`Dataset::report`]).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agreement::{Agreement, AgreementKind, AgreementStatus, Lifecycle, PartyRole};
use crate::catalogue::Catalogue;
use crate::channel::DeliveryChannel;
use crate::finding::{Finding, FindingCode, Severity};
use crate::id::{AgreementId, ChannelId, OnlinedienstId, ProviderId, ServiceRef, VerwaltungId};
use crate::org::{Gemeindeverzeichnis, ItProvider, Verwaltung};
use crate::report::{ReportFilter, RolloutReport};
use crate::rollout::{RolloutEntry, RolloutStatus};
use crate::service::Onlinedienst;

/// The dataset schema version this library writes and fully understands.
pub const SCHEMA_VERSION: &str = "1.0";

/// The top-level members that, among the document kinds, only a dataset has (Merkmale eines
/// Datenbestands): a JSON object whose first member is one of them is a dataset, so a reader can
/// go record by record from its first byte. (`title`, `description` and `onlinedienste` are
/// members of other kinds too.)
pub const DATASET_ONLY_MEMBERS: [&str; 8] = [
    "$schema",
    "schemaVersion",
    "itProviders",
    "verwaltungen",
    "channels",
    "agreements",
    "rollout",
    "example",
];

/// Dataset (Datenbestand): the document an IT provider keeps about its OZG rollout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dataset {
    /// URI of the JSON Schema the file claims to follow (for editors), where given.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the dataset format (Formatversion), currently `1.0`.
    pub schema_version: String,
    /// Title (Titel) of the dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Description (Beschreibung).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Marks example data (Beispieldaten) whose statuses are illustrative, not real.
    #[serde(default, skip_serializing_if = "is_false")]
    pub example: bool,
    /// IT-Dienstleister (IT providers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub it_providers: Vec<ItProvider>,
    /// Verwaltungen (the administrations that get connected).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verwaltungen: Vec<Verwaltung>,
    /// Onlinedienste (online services).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onlinedienste: Vec<Onlinedienst>,
    /// Zustellkanäle (delivery channels) of the Verwaltungen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<DeliveryChannel>,
    /// Vereinbarungen (agreements).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    /// Rollout entries (Verwaltung × Onlinedienst).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rollout: Vec<RolloutEntry>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Error reading or writing a dataset (Fehler beim Lesen des Datenbestands).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DatasetError {
    /// The JSON is malformed or does not fit the model.
    #[error("{}", json_message(file.as_deref(), pointer, *line, *column, message))]
    Json {
        /// File the JSON came from, if read from a file.
        file: Option<PathBuf>,
        /// JSON pointer (RFC 6901) to the value that failed; `""` = the document.
        pointer: String,
        /// Line (1-based; 0 if unknown).
        line: usize,
        /// Column (1-based; 0 if unknown).
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The file could not be read.
    #[error("cannot read dataset file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The dataset could not be serialised.
    #[error("cannot serialise dataset: {0}")]
    Serialize(#[source] serde_json::Error),
}

fn json_message(
    file: Option<&Path>,
    pointer: &str,
    line: usize,
    column: usize,
    message: &str,
) -> String {
    let at = if pointer.is_empty() { "/" } else { pointer };
    match file {
        Some(f) => format!("{}:{line}:{column}: at {at}: {message}", f.display()),
        None => format!("line {line}, column {column}: at {at}: {message}"),
    }
}

impl Dataset {
    /// An empty dataset of the current schema version.
    pub fn new() -> Self {
        Dataset {
            schema: None,
            schema_version: SCHEMA_VERSION.to_owned(),
            title: None,
            description: None,
            example: false,
            it_providers: Vec::new(),
            verwaltungen: Vec::new(),
            onlinedienste: Vec::new(),
            channels: Vec::new(),
            agreements: Vec::new(),
            rollout: Vec::new(),
        }
    }

    /// Parses a dataset from JSON. Errors carry the JSON pointer of the failing value and the
    /// line:column of the position.
    ///
    /// ```
    /// use ozg_core::dataset::{Dataset, DatasetError};
    /// let err = Dataset::from_json_str(r#"{"schemaVersion":"1.0","rollout":[{"status":"x"}]}"#).unwrap_err();
    /// let DatasetError::Json { pointer, line, .. } = err else { panic!() };
    /// assert_eq!(pointer, "/rollout/0/status");
    /// assert_eq!(line, 1);
    /// ```
    pub fn from_json_str(json: &str) -> Result<Dataset, DatasetError> {
        Self::parse(json, None)
    }

    /// Reads and parses a dataset file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Dataset, DatasetError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| DatasetError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, Some(path))
    }

    fn parse(json: &str, file: Option<&Path>) -> Result<Dataset, DatasetError> {
        let mut de = serde_json::Deserializer::from_str(json);
        let result: Result<Dataset, _> = serde_path_to_error::deserialize(&mut de);
        let dataset = result.map_err(|e| {
            // serde's derived visitors reject a duplicate member at the object; the strict reader
            // (only on this error path) names the duplicate key itself.
            if let Err(dup) = crate::json::value_from_str(json)
                && dup.kind() == crate::json::JsonErrorKind::DuplicateKey
            {
                return DatasetError::Json {
                    file: file.map(Path::to_path_buf),
                    pointer: dup.pointer().to_owned(),
                    line: dup.line(),
                    column: dup.column(),
                    message: dup.message().to_owned(),
                };
            }
            let pointer = crate::finding::pointer_from_path(e.path());
            let inner = e.into_inner();
            json_error(file, pointer, &inner)
        })?;
        de.end().map_err(|e| json_error(file, String::new(), &e))?;
        Ok(dataset)
    }

    /// Serialises the dataset as pretty-printed JSON (two-space indentation, trailing newline).
    pub fn to_json_pretty(&self) -> Result<String, DatasetError> {
        let mut s = serde_json::to_string_pretty(self).map_err(DatasetError::Serialize)?;
        s.push('\n');
        Ok(s)
    }

    /// The bundled example dataset (Beispieldaten): real Schleswig-Holstein Verwaltungen, real IT
    /// providers and real catalogue entries; all statuses, dates and channels are illustrative.
    pub fn example() -> Dataset {
        static EXAMPLE: OnceLock<Dataset> = OnceLock::new();
        EXAMPLE
            .get_or_init(|| {
                // The bundled file is checked by the crate's tests; failing here is a build defect.
                #[allow(clippy::expect_used)]
                Dataset::from_json_str(include_str!("../../data/example_dataset.json"))
                    .expect("bundled example_dataset.json parses (covered by tests)")
            })
            .clone()
    }

    /// The Verwaltung with this id.
    pub fn verwaltung(&self, id: &VerwaltungId) -> Option<&Verwaltung> {
        self.verwaltungen.iter().find(|v| &v.id == id)
    }

    /// The IT-Dienstleister with this id.
    pub fn it_provider(&self, id: &ProviderId) -> Option<&ItProvider> {
        self.it_providers.iter().find(|p| &p.id == id)
    }

    /// The Onlinedienst with this id.
    pub fn onlinedienst(&self, id: &OnlinedienstId) -> Option<&Onlinedienst> {
        self.onlinedienste.iter().find(|o| &o.id == id)
    }

    /// The delivery channel with this id.
    pub fn channel(&self, id: &ChannelId) -> Option<&DeliveryChannel> {
        self.channels.iter().find(|c| &c.id == id)
    }

    /// The agreement with this id.
    pub fn agreement(&self, id: &AgreementId) -> Option<&Agreement> {
        self.agreements.iter().find(|a| &a.id == id)
    }

    /// Whether `agreement` covers the Onlinedienst: it names the Onlinedienst, or one of the
    /// Leistungen the Onlinedienst implements.
    pub fn agreement_covers(&self, agreement: &Agreement, onlinedienst: &OnlinedienstId) -> bool {
        agreement.covers(onlinedienst)
            || self
                .onlinedienst(onlinedienst)
                .is_some_and(|o| o.leistungen.iter().any(|l| agreement.covers_leistung(l)))
    }

    /// Consistency check (Konsistenzprüfung): lists every violation with a JSON pointer.
    ///
    /// ```
    /// use ozg_core::{catalogue::Catalogue, dataset::Dataset};
    /// let findings = Dataset::example().check(Catalogue::embedded());
    /// assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
    /// ```
    pub fn check(&self, catalogue: &Catalogue) -> Vec<Finding> {
        self.check_with_codes(catalogue, crate::codelist::CodeListRegistry::builtin())
    }

    /// [`check`](Self::check) with the codes and keys checked against the lists of `registry`
    /// (e.g. newer versions loaded from Genericode files), see
    /// [`CodeListRegistry::check_dataset`](crate::codelist::CodeListRegistry::check_dataset).
    pub fn check_with_codes(
        &self,
        catalogue: &Catalogue,
        registry: &crate::codelist::CodeListRegistry,
    ) -> Vec<Finding> {
        let index = Index::new(self);
        let mut checker = Checker {
            ds: self,
            catalogue,
            index: &index,
            out: Vec::new(),
        };
        checker.run();
        checker.out.extend(registry.check_dataset(self));
        checker.out
    }

    /// Rollout report (Rollout-Bericht): counts, coverage per Themenfeld and Kreis, blockers.
    pub fn report(&self, catalogue: &Catalogue) -> RolloutReport {
        RolloutReport::build(self, catalogue)
    }

    /// Rollout report of the scope `filter` selects (Kreis, Amt, Land, Themenfeld, Verwaltung).
    pub fn report_with(&self, catalogue: &Catalogue, filter: &ReportFilter) -> RolloutReport {
        RolloutReport::build_with(self, catalogue, filter)
    }
}

impl Default for Dataset {
    fn default() -> Self {
        Dataset::new()
    }
}

fn json_error(file: Option<&Path>, pointer: String, e: &serde_json::Error) -> DatasetError {
    let (line, column) = (e.line(), e.column());
    let full = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    DatasetError::Json {
        file: file.map(Path::to_path_buf),
        pointer,
        line,
        column,
        message,
    }
}

mod check;
mod index;
mod stream;

pub use stream::{DatasetHeader, DatasetRecord, DatasetSection, RecordStreamError, read_records};

use check::Checker;
pub(crate) use index::Index;

/// Counts the findings of each severity: `(errors, warnings)`.
pub fn count_by_severity(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}
