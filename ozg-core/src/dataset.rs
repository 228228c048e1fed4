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
                Dataset::from_json_str(include_str!("../data/example_dataset.json"))
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

/// Lookup tables over a dataset (first occurrence wins for duplicate ids). Every lookup the
/// check and the report make per rollout entry is a hash lookup, so both run in O(entries).
pub(crate) struct Index<'a> {
    pub(crate) verwaltungen: HashMap<&'a str, &'a Verwaltung>,
    providers: HashMap<&'a str, &'a ItProvider>,
    pub(crate) onlinedienste: HashMap<&'a str, &'a Onlinedienst>,
    channels: HashMap<&'a str, &'a DeliveryChannel>,
    agreements: HashMap<&'a str, &'a Agreement>,
    channels_by_verwaltung: HashMap<&'a str, Vec<&'a DeliveryChannel>>,
    agreements_by_party: HashMap<&'a str, Vec<&'a Agreement>>,
    /// (agreement address, Onlinedienst id) for every Onlinedienst an agreement names.
    agreement_onlinedienste: HashSet<(usize, &'a str)>,
    /// (agreement address, Leistung) for every Leistung an agreement names.
    agreement_leistungen: HashSet<(usize, ServiceRef)>,
    /// (channel address, Onlinedienst id) for every Onlinedienst a channel names.
    channel_onlinedienste: HashSet<(usize, &'a str)>,
    /// Validation errors per channel address (computed once, not per rollout entry).
    channel_errors: HashMap<usize, usize>,
}

/// Identity of a record inside the indexed dataset (its address; stable while the index lives).
fn addr<T>(item: &T) -> usize {
    std::ptr::from_ref(item) as usize
}

/// Why no agreement or channel qualifies (for findings and blockers).
pub(crate) type Why = String;

impl<'a> Index<'a> {
    pub(crate) fn new(ds: &'a Dataset) -> Self {
        fn first<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, &'a T> {
            let mut map = HashMap::with_capacity(items.len());
            for item in items {
                map.entry(id(item)).or_insert(item);
            }
            map
        }
        let mut channels_by_verwaltung: HashMap<&str, Vec<&DeliveryChannel>> = HashMap::new();
        let mut channel_onlinedienste = HashSet::new();
        let mut channel_errors = HashMap::with_capacity(ds.channels.len());
        for c in &ds.channels {
            let errors = c.validate().into_iter().filter(Finding::is_error).count();
            channel_errors.insert(addr(c), errors);
            channels_by_verwaltung
                .entry(c.verwaltung.as_str())
                .or_default()
                .push(c);
            for o in &c.onlinedienste {
                channel_onlinedienste.insert((addr(c), o.as_str()));
            }
        }
        let mut agreements_by_party: HashMap<&str, Vec<&Agreement>> = HashMap::new();
        let mut agreement_onlinedienste = HashSet::new();
        let mut agreement_leistungen = HashSet::new();
        for a in &ds.agreements {
            let mut orgs: Vec<&str> = a.parties.iter().filter_map(|p| p.org.as_deref()).collect();
            orgs.sort_unstable();
            orgs.dedup();
            for org in orgs {
                agreements_by_party.entry(org).or_default().push(a);
            }
            for o in &a.onlinedienste {
                agreement_onlinedienste.insert((addr(a), o.as_str()));
            }
            for l in &a.leistungen {
                agreement_leistungen.insert((addr(a), *l));
            }
        }
        Index {
            verwaltungen: first(&ds.verwaltungen, |v| v.id.as_str()),
            providers: first(&ds.it_providers, |p| p.id.as_str()),
            onlinedienste: first(&ds.onlinedienste, |o| o.id.as_str()),
            channels: first(&ds.channels, |c| c.id.as_str()),
            agreements: first(&ds.agreements, |a| a.id.as_str()),
            channels_by_verwaltung,
            agreements_by_party,
            agreement_onlinedienste,
            agreement_leistungen,
            channel_onlinedienste,
            channel_errors,
        }
    }

    /// Same as [`Agreement::covers`] or [`Agreement::covers_leistung`] for one of the
    /// Onlinedienst's Leistungen, by hash lookups. `agreement` must belong to the indexed dataset.
    fn covers(&self, agreement: &Agreement, onlinedienst: &OnlinedienstId) -> bool {
        let a = addr(agreement);
        self.agreement_onlinedienste
            .contains(&(a, onlinedienst.as_str()))
            || self
                .onlinedienste
                .get(onlinedienst.as_str())
                .is_some_and(|o| {
                    o.leistungen
                        .iter()
                        .any(|l| self.agreement_leistungen.contains(&(a, *l)))
                })
    }

    /// Same as [`DeliveryChannel::applies_to`], by a hash lookup. `channel` must belong to the
    /// indexed dataset.
    fn applies_to(&self, channel: &DeliveryChannel, onlinedienst: &OnlinedienstId) -> bool {
        channel.onlinedienste.is_empty()
            || self
                .channel_onlinedienste
                .contains(&(addr(channel), onlinedienst.as_str()))
    }

    /// Finds an agreement for the entry: the referenced one, else any agreement with the
    /// Verwaltung as a party that covers the Onlinedienst. With `on = Some(date)` it must be in
    /// force on that date; with `None` its current status must be `signed` or `in_force`.
    pub(crate) fn agreement_for(
        &self,
        entry: &RolloutEntry,
        on: Option<NaiveDate>,
    ) -> Result<&'a Agreement, Why> {
        let qualifies = |a: &Agreement| match on {
            Some(date) => a.in_force_on(date),
            None => matches!(a.status, AgreementStatus::Signed | AgreementStatus::InForce),
        };
        let why_not = |a: &Agreement| match on {
            Some(date) => a
                .not_in_force_reason(date)
                .unwrap_or_else(|| "in force".to_owned()),
            None => format!("status {}", a.status),
        };
        let when = match on {
            Some(date) => format!("in force on {date}"),
            None => "signed or in force".to_owned(),
        };
        if let Some(id) = &entry.agreement {
            let Some(a) = self.agreements.get(id.as_str()) else {
                return Err(format!("the referenced agreement {id} does not exist"));
            };
            if !self.covers(a, &entry.onlinedienst) {
                return Err(format!(
                    "agreement {id} does not cover Onlinedienst {}",
                    entry.onlinedienst
                ));
            }
            if !qualifies(a) {
                return Err(format!(
                    "agreement {id} is not {when} (status {})",
                    a.status
                ));
            }
            return Ok(a);
        }
        let candidates: Vec<&Agreement> = self
            .agreements_by_party
            .get(entry.verwaltung.as_str())
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|a| self.covers(a, &entry.onlinedienst))
                    .collect()
            })
            .unwrap_or_default();
        if candidates.is_empty() {
            return Err(format!(
                "no agreement with Verwaltung {} as a party covers Onlinedienst {}",
                entry.verwaltung, entry.onlinedienst
            ));
        }
        candidates
            .iter()
            .copied()
            .find(|a| qualifies(a))
            .ok_or_else(|| {
                let ids: Vec<String> = candidates
                    .iter()
                    .map(|a| format!("{} ({})", a.id, why_not(a)))
                    .collect();
                format!("no covering agreement is {when}: {}", ids.join(", "))
            })
    }

    /// Finds a delivery channel for the entry: the referenced one, else any channel of the
    /// Verwaltung that applies to the Onlinedienst. It must validate without errors and, with
    /// `on = Some(date)`, be valid on that date.
    pub(crate) fn channel_for(
        &self,
        entry: &RolloutEntry,
        on: Option<NaiveDate>,
    ) -> Result<&'a DeliveryChannel, Why> {
        let problem = |c: &DeliveryChannel| -> Option<String> {
            if c.verwaltung != entry.verwaltung {
                return Some(format!(
                    "channel {} belongs to Verwaltung {}",
                    c.id, c.verwaltung
                ));
            }
            if !self.applies_to(c, &entry.onlinedienst) {
                return Some(format!(
                    "channel {} is not for Onlinedienst {}",
                    c.id, entry.onlinedienst
                ));
            }
            if let Some(date) = on {
                if !c.is_valid_on(date) {
                    return Some(format!(
                        "channel {} is valid only from {}",
                        c.id,
                        c.valid_from.unwrap_or(date)
                    ));
                }
            }
            let errors = self.channel_errors.get(&addr(c)).copied().unwrap_or(0);
            if errors > 0 {
                return Some(format!("channel {} has {errors} validation error(s)", c.id));
            }
            None
        };
        if let Some(id) = &entry.channel {
            let Some(c) = self.channels.get(id.as_str()) else {
                return Err(format!("the referenced channel {id} does not exist"));
            };
            return match problem(c) {
                None => Ok(c),
                Some(why) => Err(why),
            };
        }
        let candidates: Vec<&DeliveryChannel> = self
            .channels_by_verwaltung
            .get(entry.verwaltung.as_str())
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|c| self.applies_to(c, &entry.onlinedienst))
                    .collect()
            })
            .unwrap_or_default();
        if candidates.is_empty() {
            return Err(format!(
                "Verwaltung {} has no channel for Onlinedienst {}",
                entry.verwaltung, entry.onlinedienst
            ));
        }
        let mut whys = Vec::new();
        for c in candidates {
            match problem(c) {
                None => return Ok(c),
                Some(why) => whys.push(why),
            }
        }
        Err(whys.join("; "))
    }
}

struct Checker<'a, 'c> {
    ds: &'a Dataset,
    catalogue: &'c Catalogue,
    index: &'c Index<'a>,
    out: Vec<Finding>,
}

impl Checker<'_, '_> {
    fn push(&mut self, code: FindingCode, pointer: String, message: String) {
        self.out.push(Finding::new(code, pointer, message));
    }

    fn run(&mut self) {
        if self.ds.schema_version != SCHEMA_VERSION {
            self.push(
                FindingCode::SchemaVersion,
                "/schemaVersion".into(),
                format!(
                    "schema version \"{}\"; this library knows {SCHEMA_VERSION}",
                    self.ds.schema_version
                ),
            );
        }
        self.duplicates();
        self.verwaltungen();
        self.onlinedienste();
        self.channels();
        self.agreements();
        self.rollout();
    }

    fn duplicates(&mut self) {
        let ds = self.ds;
        self.duplicate_ids("itProviders", ds.it_providers.iter().map(|p| p.id.as_str()));
        self.duplicate_ids(
            "verwaltungen",
            ds.verwaltungen.iter().map(|v| v.id.as_str()),
        );
        self.duplicate_ids(
            "onlinedienste",
            ds.onlinedienste.iter().map(|o| o.id.as_str()),
        );
        self.duplicate_ids("channels", ds.channels.iter().map(|c| c.id.as_str()));
        self.duplicate_ids("agreements", ds.agreements.iter().map(|a| a.id.as_str()));
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, e) in ds.rollout.iter().enumerate() {
            if let Some(first) = seen.insert((e.verwaltung.as_str(), e.onlinedienst.as_str()), i) {
                seen.insert((e.verwaltung.as_str(), e.onlinedienst.as_str()), first);
                self.push(
                    FindingCode::DuplicateId,
                    format!("/rollout/{i}"),
                    format!(
                        "second rollout entry for Verwaltung {} and Onlinedienst {} (first at /rollout/{first})",
                        e.verwaltung, e.onlinedienst
                    ),
                );
            }
        }
    }

    fn duplicate_ids<'x>(&mut self, collection: &str, ids: impl Iterator<Item = &'x str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            match seen.get(id) {
                Some(first) => {
                    let first = *first;
                    self.push(
                        FindingCode::DuplicateId,
                        format!("/{collection}/{i}/id"),
                        format!("duplicate id \"{id}\" (first at /{collection}/{first})"),
                    );
                }
                None => {
                    seen.insert(id, i);
                }
            }
        }
    }

    fn verwaltungen(&mut self) {
        let de = Gemeindeverzeichnis::germany();
        for (i, v) in self.ds.verwaltungen.iter().enumerate() {
            let base = format!("/verwaltungen/{i}");
            if let (Some(ags), Some(kreis)) = (v.ags, v.kreis) {
                if ags.kreis_key() != kreis {
                    self.push(
                        FindingCode::KeyMismatch,
                        format!("{base}/kreis"),
                        format!(
                            "AGS {ags} of {} lies in Kreis {}, not {kreis}",
                            v.id,
                            ags.kreis_key()
                        ),
                    );
                }
            }
            if let (Some(ars), Some(ags)) = (v.ars, v.ags) {
                // The register's AGS for the ARS where it has one (the lists know one Gemeinde
                // whose AGS is not the ARS without digits 6–9), else the key rule.
                if de.ags_for_ars(&ars).unwrap_or_else(|| ars.ags()) != ags {
                    self.push(
                        FindingCode::KeyMismatch,
                        format!("{base}/ars"),
                        format!("ARS {ars} of {} does not contain AGS {ags}", v.id),
                    );
                }
            }
            if let (Some(ars), Some(kreis)) = (v.ars, v.kreis) {
                if ars.kreis_key() != kreis {
                    self.push(
                        FindingCode::KeyMismatch,
                        format!("{base}/ars"),
                        format!(
                            "ARS {ars} of {} lies in Kreis {}, not {kreis}",
                            v.id,
                            ars.kreis_key()
                        ),
                    );
                }
            }
            let kreis = v.kreis.or(v.ags.map(|a| a.kreis_key()));
            for (j, g) in v.gemeinden.iter().enumerate() {
                if let Some(k) = kreis {
                    if g.kreis_key() != k {
                        self.push(
                            FindingCode::KeyMismatch,
                            format!("{base}/gemeinden/{j}"),
                            format!(
                                "Gemeinde {g} of {} lies in Kreis {}, not {k}",
                                v.id,
                                g.kreis_key()
                            ),
                        );
                    }
                }
                if de.gemeinde_by_ags(g).is_none() {
                    self.push(
                        FindingCode::UnknownGebiet,
                        format!("{base}/gemeinden/{j}"),
                        format!("AGS {g} is not in the Gemeindeverzeichnis of Germany"),
                    );
                }
            }
            if let Some(ags) = v.ags {
                if de.gemeinde_by_ags(&ags).is_none() {
                    self.push(
                        FindingCode::UnknownGebiet,
                        format!("{base}/ags"),
                        format!("AGS {ags} is not in the Gemeindeverzeichnis of Germany"),
                    );
                }
            }
            if let Some(ars) = v.ars {
                if !de.contains_ars(&ars) {
                    self.push(
                        FindingCode::UnknownGebiet,
                        format!("{base}/ars"),
                        format!("ARS {ars} is not in the Gemeindeverzeichnis of Germany"),
                    );
                }
            }
            if let Some(k) = v.kreis {
                if de.kreis(&k).is_none() {
                    self.push(
                        FindingCode::UnknownGebiet,
                        format!("{base}/kreis"),
                        format!("Kreisschlüssel {k} is not in the Kreis list of Germany"),
                    );
                }
            }
        }
    }

    fn onlinedienste(&mut self) {
        for (i, o) in self.ds.onlinedienste.iter().enumerate() {
            let base = format!("/onlinedienste/{i}");
            for f in o.validate() {
                self.out.push(f.prefixed(&base));
            }
            if let Some(p) = &o.provider {
                if !self.index.providers.contains_key(p.as_str()) {
                    self.push(
                        FindingCode::UnknownProvider,
                        format!("{base}/provider"),
                        format!("IT-Dienstleister {p} is not in the dataset"),
                    );
                }
            }
            self.leistungen(&base, &o.leistungen);
        }
    }

    fn leistungen(&mut self, base: &str, leistungen: &[crate::id::ServiceRef]) {
        for (j, r) in leistungen.iter().enumerate() {
            if !self.catalogue.resolve(*r) {
                let what = match r {
                    crate::id::ServiceRef::Ozg(_) => "OZG-ID",
                    crate::id::ServiceRef::Leika(_) => "LeiKa key",
                };
                self.push(
                    FindingCode::UnknownLeistung,
                    format!("{base}/leistungen/{j}"),
                    format!("{what} {r} is not in the catalogue"),
                );
            }
        }
    }

    fn onlinedienst_ref(&mut self, pointer: String, id: &OnlinedienstId) {
        if !self.index.onlinedienste.contains_key(id.as_str()) {
            self.push(
                FindingCode::UnknownOnlinedienst,
                pointer,
                format!("Onlinedienst {id} is not in the dataset"),
            );
        }
    }

    fn verwaltung_ref(&mut self, pointer: String, id: &VerwaltungId) {
        if !self.index.verwaltungen.contains_key(id.as_str()) {
            self.push(
                FindingCode::UnknownVerwaltung,
                pointer,
                format!("Verwaltung {id} is not in the dataset"),
            );
        }
    }

    fn channels(&mut self) {
        for (i, c) in self.ds.channels.iter().enumerate() {
            let base = format!("/channels/{i}");
            self.verwaltung_ref(format!("{base}/verwaltung"), &c.verwaltung);
            for (j, o) in c.onlinedienste.iter().enumerate() {
                self.onlinedienst_ref(format!("{base}/onlinedienste/{j}"), o);
            }
            for f in c.validate() {
                self.out.push(f.prefixed(&base));
            }
        }
    }

    fn history<S: Lifecycle>(
        &mut self,
        base: &str,
        status: S,
        history: &[(NaiveDate, S)],
        codes: [FindingCode; 3],
    ) {
        let [unsorted, illegal, mismatch] = codes;
        for (j, pair) in history.windows(2).enumerate() {
            let ((d0, s0), (d1, s1)) = (pair[0], pair[1]);
            if d1 < d0 {
                self.push(
                    unsorted,
                    format!("{base}/history/{}/date", j + 1),
                    format!("history entry dated {d1} follows one dated {d0}"),
                );
            }
            if !s0.can_transition_to(s1) {
                self.push(
                    illegal,
                    format!("{base}/history/{}/status", j + 1),
                    format!(
                        "{s1} cannot follow {s0}; allowed after {s0}: {}",
                        list(s0.allowed_next())
                    ),
                );
            }
        }
        if let Some((_, last)) = history.last() {
            if *last != status {
                self.push(
                    mismatch,
                    format!("{base}/status"),
                    format!("status is {status} but the last history entry is {last}"),
                );
            }
        }
    }

    fn agreements(&mut self) {
        let index = self.index;
        for (i, a) in self.ds.agreements.iter().enumerate() {
            let base = format!("/agreements/{i}");
            for (j, o) in a.onlinedienste.iter().enumerate() {
                self.onlinedienst_ref(format!("{base}/onlinedienste/{j}"), o);
            }
            self.leistungen(&base, &a.leistungen);
            if a.parties.is_empty() {
                self.push(
                    FindingCode::AgreementWithoutParties,
                    format!("{base}/parties"),
                    format!("agreement {} names no parties", a.id),
                );
            }
            for (j, p) in a.parties.iter().enumerate() {
                if let Some(org) = &p.org {
                    if !index.verwaltungen.contains_key(org.as_str())
                        && !index.providers.contains_key(org.as_str())
                    {
                        self.push(
                            FindingCode::AgreementUnknownParty,
                            format!("{base}/parties/{j}/org"),
                            format!("party org \"{org}\" is neither a Verwaltung nor an IT-Dienstleister of the dataset"),
                        );
                    }
                }
            }
            if let Some(end) = a.term.end {
                if end < a.term.start {
                    self.push(
                        FindingCode::TermEndBeforeStart,
                        format!("{base}/term/end"),
                        format!("term ends {end}, before it starts {}", a.term.start),
                    );
                }
            }
            let history: Vec<(NaiveDate, AgreementStatus)> =
                a.history.iter().map(|e| (e.date, e.status)).collect();
            self.history(
                &base,
                a.status,
                &history,
                [
                    FindingCode::AgreementHistoryUnsorted,
                    FindingCode::AgreementIllegalTransition,
                    FindingCode::AgreementStatusMismatch,
                ],
            );
            let has = |role: PartyRole| a.parties.iter().filter(|p| p.has_role(role)).count();
            match a.kind {
                AgreementKind::Avv => {
                    if a.avv.is_none() {
                        self.push(
                            FindingCode::AvvIncomplete,
                            format!("{base}/avv"),
                            "AVV without details (purpose, data categories, data subjects, …; Art. 28 Abs. 3 DSGVO)".into(),
                        );
                    }
                    if has(PartyRole::Verantwortlicher) == 0
                        || has(PartyRole::Auftragsverarbeiter) == 0
                    {
                        self.push(
                            FindingCode::AvvIncomplete,
                            format!("{base}/parties"),
                            "an AVV needs a party with role verantwortlicher and one with role auftragsverarbeiter".into(),
                        );
                    }
                }
                AgreementKind::GemeinsameVerantwortung
                    if has(PartyRole::GemeinsamVerantwortlicher) < 2 =>
                {
                    self.push(
                        FindingCode::JointControllersIncomplete,
                        format!("{base}/parties"),
                        "an Art. 26 agreement needs at least two parties with role gemeinsam_verantwortlicher".into(),
                    );
                }
                _ => {}
            }
        }
    }

    fn rollout(&mut self) {
        let index = self.index;
        for (i, e) in self.ds.rollout.iter().enumerate() {
            let base = format!("/rollout/{i}");
            self.verwaltung_ref(format!("{base}/verwaltung"), &e.verwaltung);
            self.onlinedienst_ref(format!("{base}/onlinedienst"), &e.onlinedienst);
            if let Some(id) = &e.agreement {
                match index.agreements.get(id.as_str()) {
                    None => self.push(
                        FindingCode::UnknownAgreement,
                        format!("{base}/agreement"),
                        format!("agreement {id} is not in the dataset"),
                    ),
                    Some(a) => {
                        if index.onlinedienste.contains_key(e.onlinedienst.as_str())
                            && !index.covers(a, &e.onlinedienst)
                        {
                            self.push(
                                FindingCode::AgreementDoesNotCover,
                                format!("{base}/agreement"),
                                format!("agreement {id} covers neither Onlinedienst {} nor its Leistungen", e.onlinedienst),
                            );
                        }
                    }
                }
            }
            if let Some(id) = &e.channel {
                match index.channels.get(id.as_str()) {
                    None => self.push(
                        FindingCode::UnknownChannel,
                        format!("{base}/channel"),
                        format!("channel {id} is not in the dataset"),
                    ),
                    Some(c) => {
                        if c.verwaltung != e.verwaltung {
                            self.push(
                                FindingCode::ChannelDoesNotFit,
                                format!("{base}/channel"),
                                format!(
                                    "channel {id} belongs to Verwaltung {}, not {}",
                                    c.verwaltung, e.verwaltung
                                ),
                            );
                        } else if !index.applies_to(c, &e.onlinedienst) {
                            self.push(
                                FindingCode::ChannelDoesNotFit,
                                format!("{base}/channel"),
                                format!("channel {id} is not for Onlinedienst {}", e.onlinedienst),
                            );
                        }
                    }
                }
            }
            let history: Vec<(NaiveDate, RolloutStatus)> =
                e.history.iter().map(|h| (h.date, h.status)).collect();
            self.history(
                &base,
                e.status,
                &history,
                [
                    FindingCode::RolloutHistoryUnsorted,
                    FindingCode::RolloutIllegalTransition,
                    FindingCode::RolloutStatusMismatch,
                ],
            );
            if let (Some(go_live), Some(ordered)) = (e.go_live, e.ordered_on()) {
                if go_live < ordered {
                    self.push(
                        FindingCode::GoLiveBeforeOrdered,
                        format!("{base}/goLive"),
                        format!("go-live {go_live} lies before the order date {ordered}"),
                    );
                }
            }
            if e.status == RolloutStatus::Live {
                let Some(date) = e.go_live_date() else {
                    self.push(
                        FindingCode::LiveWithoutDate,
                        format!("{base}/goLive"),
                        "live entry without go-live date (neither goLive nor a dated live history entry)".into(),
                    );
                    continue;
                };
                if let Err(why) = index.agreement_for(e, Some(date)) {
                    self.push(
                        FindingCode::LiveWithoutAgreement,
                        format!("{base}/status"),
                        format!(
                            "live since {date} without an agreement in force on that date: {why}"
                        ),
                    );
                }
                if let Err(why) = index.channel_for(e, Some(date)) {
                    self.push(
                        FindingCode::LiveWithoutChannel,
                        format!("{base}/status"),
                        format!("live since {date} without a valid delivery channel: {why}"),
                    );
                }
            }
        }
    }
}

fn list<S: fmt::Display>(items: &[S]) -> String {
    if items.is_empty() {
        return "nothing (final status)".into();
    }
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Counts the findings of each severity: `(errors, warnings)`.
pub fn count_by_severity(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}
