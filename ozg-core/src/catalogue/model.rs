//! The catalogue's entries (Katalogeinträge): Lagen, OZG-Leistungen, LeiKa-Leistungen, the
//! metadata and the file form of the whole catalogue.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(doc)]
use super::{Catalogue, FORMAT_VERSION};
use crate::code::{CodeList, Themenfeld, TypisierungSet};
use crate::id::{LeikaKey, OzgId};

/// Addressee of a Lage (Adressat): Lebenslage for citizens or Unternehmens-/Geschäftslage for
/// businesses. Not recorded in the embedded data (always `None` there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Adressat {
    /// Lebenslage: the Lage addresses citizens (Bürgerinnen und Bürger).
    Buerger,
    /// Unternehmenslage (Geschäftslage): the Lage addresses businesses (Unternehmen).
    Unternehmen,
}

/// Lage (Lebenslage or Unternehmenslage) of the OZG catalogue: groups OZG-Leistungen within a
/// Themenfeld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lage {
    /// Id of the Lage (KDN `ozg_situation.id`).
    pub id: u32,
    /// Name of the Lage, e.g. "Geburt".
    pub name: Cow<'static, str>,
    /// The Themenfeld the Lage belongs to.
    pub themenfeld: Themenfeld,
    /// Adressat (citizens or businesses); `None` = not known (always so in the embedded data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adressat: Option<Adressat>,
}

/// OZG-Leistung (Leistungsbündel of the OZG-Umsetzungskatalog), identified by its OZG-ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OzgLeistung {
    /// OZG-ID (OZG-Leistungsschlüssel), e.g. `10000`.
    pub id: OzgId,
    /// Name of the OZG-Leistung, e.g. "Elterngeld".
    pub name: Cow<'static, str>,
    /// Id of its Lage ([`Lage::id`]).
    pub lage: u32,
    /// Its Themenfeld (the Lage's).
    pub themenfeld: Themenfeld,
}

/// LeiKa-Leistung (Verwaltungsleistung of the Leistungskatalog) with its assignment to an
/// OZG-Leistung, as recorded in the KDN data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeikaLeistung {
    /// LeiKa-Leistungsschlüssel; `None` = "nicht im LeiKa" (the source has no key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<LeikaKey>,
    /// Name (Bezeichnung) of the Leistung.
    pub name: Cow<'static, str>,
    /// OZG-ID of the OZG-Leistung it belongs to; `None` = not assigned in the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ozg_id: Option<OzgId>,
    /// LeiKa-Typisierung (regulating and executing level); empty = not recorded.
    #[serde(default, skip_serializing_if = "TypisierungSet::is_empty")]
    pub typisierung: TypisierungSet,
    /// Rechtsgrundlage (legal basis; free text, URLs in `[...]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rechtsgrundlage: Option<Cow<'static, str>>,
    /// Gesetze (names of the laws).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gesetze: Option<Cow<'static, str>>,
    /// Gesetzeskürzel (abbreviations of the laws).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gesetzeskuerzel: Option<Cow<'static, str>>,
    /// KDN flag `relevance1`, labelled "SDG1" (meaning undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdg1: Option<bool>,
    /// KDN flag `relevance2`, labelled "SDG2" (meaning undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdg2: Option<bool>,
}

impl LeikaLeistung {
    /// Whether Kommunen execute this Leistung (kommunaler Vollzug; Typisierung 2/3, 4 or 5
    /// families, see [`TypisierungSet::is_municipal`]).
    pub fn is_municipal(&self) -> bool {
        self.typisierung.is_municipal()
    }
}

/// Counts of the catalogue's entries (Mengengerüst), computed when the catalogue is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CatalogueCounts {
    /// Number of Themenfelder.
    pub themenfelder: usize,
    /// Number of Lagen.
    pub lagen: usize,
    /// Number of OZG-Leistungen.
    pub leistungen: usize,
    /// Number of LeiKa rows.
    pub leika: usize,
    /// LeiKa rows with a LeiKa key.
    pub leika_with_key: usize,
    /// LeiKa rows "nicht im LeiKa" (without key).
    pub leika_without_key: usize,
    /// LeiKa rows without OZG-Leistung.
    pub leika_without_ozg_id: usize,
}

/// Metadata of a catalogue (Katalog-Metadaten): provenance, licence, state and known gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueMeta {
    /// Where the data comes from (Quelle).
    pub source: String,
    /// Licence of the data (Lizenz).
    pub licence: String,
    /// Attribution notice the licence requires (Namensnennung), e.g. "© 2020 Gert Hammes".
    pub attribution: String,
    /// State of the data (Stand), e.g. 2019-10-05.
    pub as_of: NaiveDate,
    /// Number of OZG-Leistungen of the official catalogue at `as_of`, if known (575 for 2019).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_ozg_leistungen: Option<u32>,
    /// Known gaps of the data (bekannte Lücken).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_gaps: Vec<String>,
    /// Counts of the entries; computed, not read from or written to the file.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub counts: CatalogueCounts,
}

/// A Themenfeld entry of the catalogue file: code, KDN id and name, which must agree with
/// [`Themenfeld`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemenfeldEntry {
    /// Themenfeld code (FIM-Portal `OzgThemenfeld`).
    pub code: Themenfeld,
    /// KDN id (`ozg_subject.id`).
    pub kdn_id: u8,
    /// Name (Bezeichnung), e.g. "Familie & Kind".
    pub name: String,
}

impl From<Themenfeld> for ThemenfeldEntry {
    fn from(t: Themenfeld) -> Self {
        Self {
            code: t,
            kdn_id: t.kdn_id(),
            name: t.label().unwrap_or_default().to_owned(),
        }
    }
}

/// The catalogue file as a document (Katalogdatei, format version 1), before validation and
/// indexing. [`Catalogue::from_document`] validates it; [`Catalogue::to_document`] gives it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueDocument {
    /// Format version of the file; must be [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Metadata (provenance, licence, state, known gaps).
    pub meta: CatalogueMeta,
    /// The Themenfelder.
    #[serde(default)]
    pub themenfelder: Vec<ThemenfeldEntry>,
    /// The Lagen.
    #[serde(default)]
    pub lagen: Vec<Lage>,
    /// The OZG-Leistungen.
    #[serde(default)]
    pub leistungen: Vec<OzgLeistung>,
    /// The LeiKa rows.
    #[serde(default)]
    pub leika: Vec<LeikaLeistung>,
}

/// Selects a Lage by id or by name, for [`Catalogue::by_lage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LageSelector<'a> {
    /// By Lage id ([`Lage::id`]).
    Id(u32),
    /// By exact name ([`Lage::name`]).
    Name(&'a str),
}

impl From<u32> for LageSelector<'_> {
    fn from(id: u32) -> Self {
        Self::Id(id)
    }
}

impl<'a> From<&'a str> for LageSelector<'a> {
    fn from(name: &'a str) -> Self {
        Self::Name(name)
    }
}
