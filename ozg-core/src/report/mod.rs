//! Rollout report (Rollout-Bericht): counts per status and phase, coverage per Themenfeld, per
//! Kreis and per Gemeindeverband (Verwaltungen and the Gemeinden they serve), and the blockers of
//! entries that are not live; optionally restricted to a scope ([`ReportFilter`]).
//!
//! Cost: one pass over the rollout entries plus one over the Verwaltungen, with hash lookups
//! (O(entries + Verwaltungen + Gemeinden of the areas)); no rescans per Verwaltung.
//!
//! # Which Gemeinden a Verwaltung serves
//!
//! Coverage per Kreis and per Gemeindeverband counts the Gemeinden of the area (from the
//! Gemeindeverzeichnis) that a Verwaltung with at least one live entry in scope serves
//! ([`served_gemeinden`]):
//!
//! - an explicit `gemeinden` list of the Verwaltung wins (plus its own `ags`);
//! - otherwise an **Amt** serves its amtsangehörige Gemeinden: the Gemeinden under the
//!   Gemeindeverband (first 9 digits) of its ARS;
//! - an **amtsfreie Gemeinde** or **Stadt** serves itself (its `ags`);
//! - a **Kreis** serves all Gemeinden of the Kreis, for the Leistungen the Kreis provides
//!   (Kreis-level Leistungen); a **kreisfreie Stadt** is Kreis and Gemeinde at once;
//! - a **Landesbehörde** or other Verwaltung serves no Gemeinde in this count.
//!
//! Because a live Kreisverwaltung would count every Gemeinde of its Kreis, the report gives
//! both figures: `gemeindenServed` (any live Verwaltung, Kreis-level included) and
//! `gemeindenServedMunicipal` (only Verwaltungen of the municipal level: Amt, Gemeinde, Stadt,
//! kreisfreie Stadt).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::code::Themenfeld;
use crate::id::{ArsPrefix, KreisKey, OnlinedienstId, OzgId, VerwaltungId};
use crate::rollout::{ProgrammePhase, RolloutStatus};

mod area;
mod build;
mod filter;
mod text;

pub use area::served_gemeinden;
pub use filter::ReportFilter;

/// Number of rollout entries in one status, split by programme phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusCount {
    /// The status.
    pub status: RolloutStatus,
    /// Entries in this status, all phases.
    pub total: usize,
    /// Of these, in the Pilotphase.
    pub pilot: usize,
    /// Of these, in the flächendeckender Rollout.
    pub area_wide: usize,
}

/// Number of rollout entries in one programme phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PhaseCount {
    /// The phase.
    pub phase: ProgrammePhase,
    /// Entries in this phase.
    pub total: usize,
    /// Of these, live.
    pub live: usize,
}

/// Coverage of one Themenfeld: OZG-Leistungen with at least one live Onlinedienst somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemenfeldCoverage {
    /// The Themenfeld.
    pub themenfeld: Themenfeld,
    /// OZG-Leistungen of the Themenfeld with at least one live Onlinedienst in the dataset.
    pub live_leistungen: usize,
    /// OZG-Leistungen of the Themenfeld in the catalogue.
    pub total_leistungen: usize,
    /// The covered OZG-IDs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub live_ozg_ids: Vec<OzgId>,
}

/// Coverage of one Kreis: Verwaltungen of the dataset in it with at least one live Onlinedienst,
/// and the Gemeinden of the Kreis they serve (see the [module docs](self) for the rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KreisCoverage {
    /// Kreisschlüssel; `None` groups Verwaltungen without a known Kreis (e.g. Landesbehörden).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kreis: Option<KreisKey>,
    /// Name of the Kreis / kreisfreie Stadt from the Gemeindeverzeichnis, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Verwaltungen of the dataset in this Kreis.
    pub verwaltungen: usize,
    /// Of these, with at least one live Onlinedienst.
    pub verwaltungen_live: usize,
    /// Live rollout entries in this Kreis.
    pub live_entries: usize,
    /// Gemeinden of the Kreis in the Gemeindeverzeichnis (0 when the Kreis is not in it).
    pub gemeinden: usize,
    /// Of these, served by a Verwaltung with a live entry (Kreis-level Leistungen included).
    pub gemeinden_served: usize,
    /// Of these, served by a live Verwaltung of the municipal level (Amt, Gemeinde, Stadt).
    pub gemeinden_served_municipal: usize,
}

/// Coverage of one Gemeindeverband (e.g. an Amt): its Gemeinden and how many of them a live
/// Verwaltung serves. Listed for every Gemeindeverband (first 9 ARS digits) of a Verwaltung in
/// scope that has an ARS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GemeindeverbandCoverage {
    /// Regionalschlüssel of the Gemeindeverband (9 digits).
    pub ars: ArsPrefix,
    /// Name: the Verwaltung of kind Amt of this Gemeindeverband, else the first Verwaltung in it.
    pub name: String,
    /// Kreisschlüssel of the Kreis it lies in.
    pub kreis: KreisKey,
    /// Verwaltungen of the dataset in this Gemeindeverband.
    pub verwaltungen: usize,
    /// Of these, with at least one live Onlinedienst.
    pub verwaltungen_live: usize,
    /// Gemeinden of the Gemeindeverband (from the Gemeindeverzeichnis, else the Gemeinden its
    /// Verwaltungen list).
    pub gemeinden: usize,
    /// Of these, served by a live Verwaltung (Kreis-level Leistungen included).
    pub gemeinden_served: usize,
}

/// Sources of the report's reference data (Datenquellen), for the footer of a rendering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportSources {
    /// Source of the catalogue (Quelle des OZG-Umsetzungskatalogs).
    pub catalogue_source: String,
    /// State of the catalogue (Stand).
    pub catalogue_as_of: NaiveDate,
    /// Source of the Gemeindeverzeichnis, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gemeindeverzeichnis_source: Option<String>,
    /// Gebietsstand (version) of the Gemeindeverzeichnis, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gemeindeverzeichnis_as_of: Option<NaiveDate>,
}

/// Kind of blocker (Hindernis) of a rollout entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BlockerKind {
    /// The Verwaltung or Onlinedienst of the entry is not in the dataset.
    InvalidReference,
    /// No signed or in-force agreement covers the Onlinedienst for the Verwaltung.
    NoAgreement,
    /// No valid delivery channel (Zustellkanal) for the Verwaltung and Onlinedienst.
    NoChannel,
    /// The ZuFi entry is missing or not maintained.
    NoZufiEntry,
    /// The entry was withdrawn (zurückgezogen).
    Withdrawn,
    /// Nothing missing: waiting for the go-live (bereit für Go-Live).
    AwaitingGoLive,
}

impl fmt::Display for BlockerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BlockerKind::InvalidReference => "invalid_reference",
            BlockerKind::NoAgreement => "no_agreement",
            BlockerKind::NoChannel => "no_channel",
            BlockerKind::NoZufiEntry => "no_zufi_entry",
            BlockerKind::Withdrawn => "withdrawn",
            BlockerKind::AwaitingGoLive => "awaiting_go_live",
        })
    }
}

/// One reason why an entry is not live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlockerReason {
    /// Kind of blocker.
    pub kind: BlockerKind,
    /// Details (which agreement or channel, and what is wrong with it).
    pub detail: String,
}

/// Blocker (Hindernis): a rollout entry that is not live, with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Blocker {
    /// JSON pointer of the rollout entry, e.g. `/rollout/3`.
    pub pointer: String,
    /// The Verwaltung.
    pub verwaltung: VerwaltungId,
    /// The Onlinedienst.
    pub onlinedienst: OnlinedienstId,
    /// Current status.
    pub status: RolloutStatus,
    /// Programme phase.
    pub phase: ProgrammePhase,
    /// Reasons (at least one).
    pub reasons: Vec<BlockerReason>,
}

/// Rollout report (Rollout-Bericht) of a dataset against a catalogue. `Display` renders text tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolloutReport {
    /// Title of the dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether the dataset is example data (Beispieldaten; statuses illustrative).
    #[serde(default)]
    pub example: bool,
    /// Rollout entries in scope.
    pub entries: usize,
    /// Live rollout entries.
    pub live_entries: usize,
    /// Verwaltungen in scope.
    pub verwaltungen: usize,
    /// Verwaltungen with at least one live Onlinedienst (angebunden).
    pub verwaltungen_live: usize,
    /// Distinct Onlinedienste live in at least one Verwaltung.
    pub onlinedienste_live: usize,
    /// Counts per status (every status listed, also with 0).
    pub by_status: Vec<StatusCount>,
    /// Counts per programme phase (every phase listed).
    pub by_phase: Vec<PhaseCount>,
    /// Coverage per Themenfeld (every Themenfeld listed).
    pub themenfelder: Vec<ThemenfeldCoverage>,
    /// Coverage per Kreis, sorted by Kreisschlüssel (no Kreis last).
    pub kreise: Vec<KreisCoverage>,
    /// Coverage per Gemeindeverband (Amt), sorted by ARS.
    #[serde(default)]
    pub gemeindeverbaende: Vec<GemeindeverbandCoverage>,
    /// Entries in scope that are not live, in dataset order.
    pub blockers: Vec<Blocker>,
    /// The scope the report was restricted to (empty = the whole dataset).
    #[serde(default, skip_serializing_if = "ReportFilter::is_empty")]
    pub filter: ReportFilter,
    /// Sources and dates of the catalogue and the Gemeindeverzeichnis.
    pub sources: ReportSources,
}
