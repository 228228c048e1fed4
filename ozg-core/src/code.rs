//! Code lists (Codelisten) as typed enums, and the generic XÖV code value ([`XoevCode`]).
//!
//! Every list implements [`CodeList`]: it knows its `listURI` and `listVersionID`, the code of each
//! value and (where the source names it) the German label. Codes and labels are hard-coded from the
//! project's real data, `shared/data/code_lists.json` and `shared/data/ozg_themenfelder.csv`; each
//! enum names the list it comes from.
//!
//! List URIs: where the source names an official XÖV/XRepository URN it is used (Bundesland,
//! LeiKa-Typisierung, FIM-Vertrauensniveau). Lists without an official URN get a **project URN**
//! under [`PROJECT_URN_PREFIX`] (`urn:ozg-rs:codeliste:<name>`) with `listVersionID` `1`. These
//! project URNs are ours; they are not registered in XRepository and must not be passed off as official.
//!
//! ```
//! use ozg_core::code::{Bundesland, CodeList, Themenfeld};
//!
//! let land = Bundesland::from_code("01")?;
//! assert_eq!(land, Bundesland::SchleswigHolstein);
//! assert_eq!(land.label(), Some("Schleswig-Holstein"));
//!
//! let xoev = land.to_xoev();
//! assert_eq!(xoev.list_uri, "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland");
//! assert_eq!(Bundesland::from_xoev(&xoev)?, land);
//!
//! let feld = Themenfeld::from_label("Familie & Kind")?;
//! assert_eq!(feld.code(), "familie_kind");
//! assert_eq!(feld.kdn_id(), 6);
//! # Ok::<(), ozg_core::code::CodeError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// Prefix of the project's own code-list URNs (`urn:ozg-rs:codeliste:<name>`), used for lists that
/// have no official XÖV URN. Not an official namespace.
pub const PROJECT_URN_PREFIX: &str = "urn:ozg-rs:codeliste:";

/// XÖV code value (XÖV-Codewert): a code with the `listURI` and `listVersionID` of its code list and
/// an optional `name`, as carried by XÖV/XZuFi messages
/// (`<x listURI="…" listVersionID="…"><code>…</code></x>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct XoevCode {
    /// `listURI` of the code list (Codeliste), a URN.
    #[serde(rename = "listURI")]
    pub list_uri: String,
    /// `listVersionID` of the code list version, if given.
    #[serde(
        rename = "listVersionID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub list_version_id: Option<String>,
    /// The code value (Code) itself.
    pub code: String,
    /// The display name (Name) of the code, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl XoevCode {
    /// Builds an XÖV code value (XÖV-Codewert) without a name.
    pub fn new(
        list_uri: impl Into<String>,
        list_version_id: Option<String>,
        code: impl Into<String>,
    ) -> Self {
        Self {
            list_uri: list_uri.into(),
            list_version_id,
            code: code.into(),
            name: None,
        }
    }
}

/// Error of a code list (Codeliste) lookup or of a value built from code lists.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// The code is not in the list (unbekannter Code).
    #[error("unknown code \"{code}\" in list {list}; expected one of {expected}")]
    Unknown {
        /// `listURI` (or name) of the list that was searched.
        list: &'static str,
        /// The code that was given.
        code: String,
        /// The accepted codes, comma separated.
        expected: String,
    },
    /// An XÖV code value names another list (falsche Codeliste).
    #[error("wrong code list: expected listURI {expected}, found {found}")]
    WrongList {
        /// The `listURI` the enum belongs to.
        expected: &'static str,
        /// The `listURI` that was found.
        found: String,
    },
    /// A Reifegrad level (Reifegradstufe) outside the range of its model.
    #[error("Reifegrad level {level} is out of range for model {model}: expected 0..={max}")]
    ReifegradOutOfRange {
        /// The Reifegrad model (Reifegradmodell).
        model: ReifegradModell,
        /// The level that was given.
        level: u8,
        /// The highest level of the model.
        max: u8,
    },
    /// Reifegrade of different models cannot be combined (gemischte Reifegradmodelle).
    #[error("cannot combine Reifegrade of model {first} and model {other}")]
    MixedReifegradModels {
        /// Model of the first criterion.
        first: ReifegradModell,
        /// The first differing model.
        other: ReifegradModell,
    },
}

/// A code list (Codeliste): a closed set of values with an XÖV `listURI`, codes and labels.
pub trait CodeList: Sized + Copy + 'static {
    /// `listURI` of the list: official URN where one exists, else a project URN under
    /// [`PROJECT_URN_PREFIX`].
    const LIST_URI: &'static str;
    /// `listVersionID` of the list version, if known.
    const LIST_VERSION_ID: Option<&'static str>;

    /// The code (Code) of this value.
    fn code(&self) -> &'static str;

    /// The German label (Bezeichnung) from the real list; `None` where the source gives no name.
    fn label(&self) -> Option<&'static str>;

    /// All values, in list order.
    fn all() -> &'static [Self];

    /// Looks a value up by its code (exact match).
    fn from_code(code: &str) -> Result<Self, CodeError> {
        Self::all()
            .iter()
            .copied()
            .find(|v| v.code() == code)
            .ok_or_else(|| CodeError::Unknown {
                list: Self::LIST_URI,
                code: code.to_owned(),
                expected: Self::all()
                    .iter()
                    .map(|v| v.code())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// This value as an XÖV code value (with `listURI`, `listVersionID`, code and label as name).
    fn to_xoev(&self) -> XoevCode {
        XoevCode {
            list_uri: Self::LIST_URI.to_owned(),
            list_version_id: Self::LIST_VERSION_ID.map(str::to_owned),
            code: self.code().to_owned(),
            name: self.label().map(str::to_owned),
        }
    }

    /// Reads an XÖV code value; the `listURI` must be this list's (the version and name are not checked).
    fn from_xoev(value: &XoevCode) -> Result<Self, CodeError> {
        if value.list_uri != Self::LIST_URI {
            return Err(CodeError::WrongList {
                expected: Self::LIST_URI,
                found: value.list_uri.clone(),
            });
        }
        Self::from_code(&value.code)
    }
}

/// Builds the JSON Schema description of a code list: title, list URI and `code = label` pairs.
#[cfg(feature = "schema")]
fn schema_description<C: CodeList>(title: &str) -> String {
    let values = C::all()
        .iter()
        .map(|v| match v.label() {
            Some(label) => format!("{} = {}", v.code(), label),
            None => v.code().to_owned(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!("{title} (listURI {}): {values}", C::LIST_URI)
}

macro_rules! code_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            uri: $uri:expr,
            version: $ver:expr,
            title: $title:literal,
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $label:expr, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
        }

        impl CodeList for $name {
            const LIST_URI: &'static str = $uri;
            const LIST_VERSION_ID: Option<&'static str> = $ver;

            fn code(&self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            fn label(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => $label,)+
                }
            }

            fn all() -> &'static [Self] {
                Self::ALL
            }
        }

        impl fmt::Display for $name {
            /// Writes the code.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $name {
            type Err = CodeError;

            fn from_str(s: &str) -> Result<Self, CodeError> {
                Self::from_code(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::id::ParseVisitor::<Self>(
                    std::marker::PhantomData,
                    concat!("a code of the list ", $title),
                ))
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }

            fn schema_id() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(concat!("ozg_core::code::", stringify!($name)))
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "enum": [$($code),+],
                    "description": schema_description::<$name>($title),
                })
            }
        }
    };
}

code_list! {
    /// OZG-Themenfeld (subject area of the OZG-Umsetzungskatalog), 14 values.
    ///
    /// Source: `shared/data/ozg_themenfelder.csv` (KDN `ozg_subject`: `kdn_id`, `name`) with the code
    /// `fim_portal_code` from the FIM-Portal enum `OzgThemenfeld` (matched by name). The code is the
    /// FIM-Portal code, the label the KDN name. No official list URN is known: project URN.
    pub enum Themenfeld {
        uri: "urn:ozg-rs:codeliste:themenfeld",
        version: Some("1"),
        title: "OZG-Themenfeld",
        /// Arbeit & Ruhestand (KDN id 1).
        ArbeitRuhestand = "arbeit_ruhestand" => Some("Arbeit & Ruhestand"),
        /// Bauen & Wohnen (KDN id 2).
        BauenWohnen = "bauen_wohnen" => Some("Bauen & Wohnen"),
        /// Bildung (KDN id 3).
        Bildung = "bildung" => Some("Bildung"),
        /// Ein- & Auswanderung (KDN id 4).
        EinAuswanderung = "ein_auswanderung" => Some("Ein- & Auswanderung"),
        /// Engagement & Hobby (KDN id 5).
        EngagementHobby = "engagement_hobby" => Some("Engagement & Hobby"),
        /// Familie & Kind (KDN id 6).
        FamilieKind = "familie_kind" => Some("Familie & Kind"),
        /// Forschung & Förderung (KDN id 7).
        ForschungFoerderung = "forschung_foerderung" => Some("Forschung & Förderung"),
        /// Gesundheit (KDN id 8).
        Gesundheit = "gesundheit" => Some("Gesundheit"),
        /// Mobilität & Reisen (KDN id 9).
        MobilitaetReisen = "mobilitaet_reisen" => Some("Mobilität & Reisen"),
        /// Querschnitt (KDN id 10; FIM-Portal code `querschnittsleistungen`).
        Querschnitt = "querschnittsleistungen" => Some("Querschnitt"),
        /// Recht & Ordnung (KDN id 11).
        RechtOrdnung = "recht_ordnung" => Some("Recht & Ordnung"),
        /// Steuern & Zoll (KDN id 12).
        SteuernZoll = "steuern_zoll" => Some("Steuern & Zoll"),
        /// Umwelt (KDN id 13).
        Umwelt = "umwelt" => Some("Umwelt"),
        /// Unternehmensführung & -entwicklung (KDN id 14).
        UnternehmensfuehrungEntwicklung = "unternehmensfuehrung_entwicklung" => Some("Unternehmensführung & -entwicklung"),
    }
}

impl Themenfeld {
    /// The KDN id (`ozg_subject.id`, 1–14) of this Themenfeld.
    pub fn kdn_id(self) -> u8 {
        // ALL is declared in KDN id order 1..=14.
        Self::ALL
            .iter()
            .position(|v| *v == self)
            .map_or(0, |i| i as u8 + 1)
    }

    /// Looks a Themenfeld up by its KDN id (1–14).
    pub fn from_kdn_id(id: u8) -> Result<Self, CodeError> {
        usize::from(id)
            .checked_sub(1)
            .and_then(|i| Self::ALL.get(i))
            .copied()
            .ok_or_else(|| CodeError::Unknown {
                list: "KDN ozg_subject id",
                code: id.to_string(),
                expected: "1..=14".to_owned(),
            })
    }

    /// Looks a Themenfeld up by its KDN/Umsetzungskatalog name, e.g. `"Familie & Kind"`.
    /// Surrounding whitespace is ignored (the KDN dump had `"Querschnitt "`); otherwise exact.
    pub fn from_label(label: &str) -> Result<Self, CodeError> {
        let wanted = label.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.label() == Some(wanted))
            .ok_or_else(|| CodeError::Unknown {
                list: "OZG-Themenfeld names (KDN)",
                code: label.to_owned(),
                expected: Self::ALL
                    .iter()
                    .filter_map(|v| v.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

code_list! {
    /// Reifegradmodell (OZG maturity model version): 1.x (stages 0–4, in force until 2025) or 2.0
    /// (stages 0–7, since July 2025). No official list URN is known: project URN.
    pub enum ReifegradModell {
        uri: "urn:ozg-rs:codeliste:reifegradmodell",
        version: Some("1"),
        title: "OZG-Reifegradmodell",
        /// Reifegradmodell 1.x (stufen 0–4; Modell 1.1 of June 2020).
        V1 = "1.x" => Some("Reifegradmodell 1.x"),
        /// Reifegradmodell 2.0 (stufen 0–7, 13 criteria; stage names not known).
        V2 = "2.0" => Some("Reifegradmodell 2.0"),
    }
}

impl ReifegradModell {
    /// The highest stage (Stufe) of the model: 4 for 1.x, 7 for 2.0.
    pub fn max_level(self) -> u8 {
        match self {
            Self::V1 => 4,
            Self::V2 => 7,
        }
    }
}

/// Labels of the Reifegradmodell 1.x stages, from `code_lists.json` → `ozg_reifegrad_1x`.
const REIFEGRAD_V1_LABELS: [&str; 5] = [
    "Offline",
    "Information",
    "Formular-Assistent",
    "Online-Leistung",
    "Online-Transaktion",
];

/// Reifegrad (OZG maturity level) of an online service: a stage (Stufe) of a [`ReifegradModell`].
///
/// Built only through [`Reifegrad::new`], [`Reifegrad::v1`] or [`Reifegrad::v2`], so the level is
/// always within its model. Serde form: `{"model":"1.x","level":3}`.
///
/// ```
/// use ozg_core::code::Reifegrad;
///
/// let r = Reifegrad::v1(3)?;
/// assert_eq!(r.label(), Some("Online-Leistung"));
/// assert_eq!(r.is_ozg_compliant(), Some(true));
/// assert!(Reifegrad::v1(5).is_err());
/// assert_eq!(Reifegrad::v2(6)?.is_ozg_compliant(), None);
/// # Ok::<(), ozg_core::code::CodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "ReifegradRepr", into = "ReifegradRepr")]
pub struct Reifegrad {
    model: ReifegradModell,
    level: u8,
}

/// Wire form of [`Reifegrad`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ReifegradRepr {
    model: ReifegradModell,
    level: u8,
}

impl TryFrom<ReifegradRepr> for Reifegrad {
    type Error = CodeError;

    fn try_from(r: ReifegradRepr) -> Result<Self, CodeError> {
        Reifegrad::new(r.model, r.level)
    }
}

impl From<Reifegrad> for ReifegradRepr {
    fn from(r: Reifegrad) -> Self {
        ReifegradRepr {
            model: r.model,
            level: r.level,
        }
    }
}

impl Reifegrad {
    /// Builds a Reifegrad; errors when `level` exceeds the model's highest stage.
    pub fn new(model: ReifegradModell, level: u8) -> Result<Self, CodeError> {
        if level > model.max_level() {
            return Err(CodeError::ReifegradOutOfRange {
                model,
                level,
                max: model.max_level(),
            });
        }
        Ok(Self { model, level })
    }

    /// A stage of Reifegradmodell 1.x (0–4).
    pub fn v1(level: u8) -> Result<Self, CodeError> {
        Self::new(ReifegradModell::V1, level)
    }

    /// A stage of Reifegradmodell 2.0 (0–7).
    pub fn v2(level: u8) -> Result<Self, CodeError> {
        Self::new(ReifegradModell::V2, level)
    }

    /// The model (Reifegradmodell).
    pub fn model(&self) -> ReifegradModell {
        self.model
    }

    /// The stage (Stufe).
    pub fn level(&self) -> u8 {
        self.level
    }

    /// The stage name: for 1.x Offline, Information, Formular-Assistent, Online-Leistung,
    /// Online-Transaktion; `None` for 2.0 (its stage names were not found).
    pub fn label(&self) -> Option<&'static str> {
        match self.model {
            ReifegradModell::V1 => REIFEGRAD_V1_LABELS.get(usize::from(self.level)).copied(),
            ReifegradModell::V2 => None,
        }
    }

    /// Whether the OZG obligation counts as fulfilled (OZG-konform): 1.x from stage 3 on.
    /// `None` for 2.0, whose threshold is not known.
    pub fn is_ozg_compliant(&self) -> Option<bool> {
        match self.model {
            ReifegradModell::V1 => Some(self.level >= 3),
            ReifegradModell::V2 => None,
        }
    }

    /// Overall Reifegrad (Gesamtreifegrad) of criteria ratings: the lowest stage determines it.
    /// `Ok(None)` for no criteria; an error when the criteria mix models.
    ///
    /// ```
    /// use ozg_core::code::Reifegrad;
    ///
    /// let criteria = [Reifegrad::v1(4)?, Reifegrad::v1(2)?, Reifegrad::v1(3)?];
    /// assert_eq!(Reifegrad::overall(&criteria)?, Some(Reifegrad::v1(2)?));
    /// assert!(Reifegrad::overall(&[Reifegrad::v1(4)?, Reifegrad::v2(4)?]).is_err());
    /// # Ok::<(), ozg_core::code::CodeError>(())
    /// ```
    pub fn overall(criteria: &[Reifegrad]) -> Result<Option<Reifegrad>, CodeError> {
        let Some(first) = criteria.first() else {
            return Ok(None);
        };
        if let Some(other) = criteria.iter().find(|c| c.model != first.model) {
            return Err(CodeError::MixedReifegradModels {
                first: first.model,
                other: other.model,
            });
        }
        Ok(criteria.iter().min().copied())
    }
}

impl fmt::Display for Reifegrad {
    /// Writes e.g. `1.x/3 (Online-Leistung)` or `2.0/5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.model.code(), self.level)?;
        if let Some(label) = self.label() {
            write!(f, " ({label})")?;
        }
        Ok(())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Reifegrad {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Reifegrad")
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ozg_core::code::Reifegrad")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Reifegrad (OZG maturity level): model 1.x with stages 0-4 (0 = Offline; 1 = Information; 2 = Formular-Assistent; 3 = Online-Leistung; 4 = Online-Transaktion) or model 2.0 with stages 0-7 (names not known).",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "model": { "const": "1.x" },
                        "level": { "type": "integer", "minimum": 0, "maximum": 4 }
                    },
                    "required": ["model", "level"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "model": { "const": "2.0" },
                        "level": { "type": "integer", "minimum": 0, "maximum": 7 }
                    },
                    "required": ["model", "level"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

code_list! {
    /// Vertrauensniveau (eIDAS level of assurance, eIDAS-VO (EU) Nr. 910/2014): niedrig, substanziell, hoch.
    ///
    /// Source: `code_lists.json` → `vertrauensniveau_eidas`; the code is the German term, so it is also
    /// the label ([`Vertrauensniveau::english`] gives the English one). No official list URN: project URN.
    /// Ordered from low to high.
    pub enum Vertrauensniveau {
        uri: "urn:ozg-rs:codeliste:vertrauensniveau-eidas",
        version: Some("1"),
        title: "Vertrauensniveau (eIDAS)",
        /// niedrig (low).
        Niedrig = "niedrig" => Some("niedrig"),
        /// substanziell (substantial), e.g. ELSTER certificate.
        Substanziell = "substanziell" => Some("substanziell"),
        /// hoch (high), e.g. Online-Ausweis.
        Hoch = "hoch" => Some("hoch"),
    }
}

impl Vertrauensniveau {
    /// The English eIDAS term: low, substantial, high.
    pub fn english(self) -> &'static str {
        match self {
            Self::Niedrig => "low",
            Self::Substanziell => "substantial",
            Self::Hoch => "high",
        }
    }
}

code_list! {
    /// Vertrauensniveau of the FIM code list `urn:xoev-de:fim:codeliste:vertrauensniveau`
    /// (codes 00, 10, 15, 20, 30, 40). The names of the codes were **not** found, so every
    /// `label()` is `None`; no mapping to [`Vertrauensniveau`] is offered.
    ///
    /// Source: `code_lists.json` → `vertrauensniveau_fim_codes`.
    pub enum VertrauensniveauFim {
        uri: "urn:xoev-de:fim:codeliste:vertrauensniveau",
        version: None,
        title: "Vertrauensniveau (FIM)",
        /// Code 00 (name not known).
        Code00 = "00" => None,
        /// Code 10 (name not known).
        Code10 = "10" => None,
        /// Code 15 (name not known).
        Code15 = "15" => None,
        /// Code 20 (name not known).
        Code20 = "20" => None,
        /// Code 30 (name not known).
        Code30 = "30" => None,
        /// Code 40 (name not known).
        Code40 = "40" => None,
    }
}

/// Meaning of Typisierung 2, 3 and 2/3 (described together by the source).
const TYP_2_3: &str = "Regelungskompetenz Bund, Vollzug durch Landesebene oder kommunale Ebene (Typ 2 und 3 gemeinsam beschrieben)";

code_list! {
    /// LeiKa-Typisierung (which level regulates and which executes a Leistung), 21 codes of
    /// `urn:de:fim:leika:typisierung`. Meanings are known only for 1–5; `label()` is `None` otherwise.
    ///
    /// Source: `code_lists.json` → `leika_typisierung` (codes: FIM-Portal OpenAPI; meanings:
    /// digital-direkt.nrw).
    pub enum Typisierung {
        uri: "urn:de:fim:leika:typisierung",
        version: None,
        title: "LeiKa-Typisierung",
        /// Typ 1: Regelungs- und Vollzugskompetenz auf Bundesebene.
        Typ1 = "1" => Some("Regelungs- und Vollzugskompetenz auf Bundesebene"),
        /// Typ 2: Regelung Bund, Vollzug Land oder Kommune.
        Typ2 = "2" => Some(TYP_2_3),
        /// Typ 2a (meaning not known).
        Typ2a = "2a" => None,
        /// Typ 2b (meaning not known).
        Typ2b = "2b" => None,
        /// Typ 3: Regelung Bund, Vollzug Land oder Kommune.
        Typ3 = "3" => Some(TYP_2_3),
        /// Typ 3a (meaning not known).
        Typ3a = "3a" => None,
        /// Typ 3b (meaning not known).
        Typ3b = "3b" => None,
        /// Typ 2/3: Regelung Bund, Vollzug Land oder Kommune.
        Typ2Und3 = "2/3" => Some(TYP_2_3),
        /// Typ 2/3a (meaning not known).
        Typ2Und3a = "2/3a" => None,
        /// Typ 2/3b (meaning not known).
        Typ2Und3b = "2/3b" => None,
        /// Typ 4: Regelung Land, Vollzug Land oder Kommune.
        Typ4 = "4" => Some("Regelungskompetenz auf Landesebene, Vollzug durch Landesebene oder kommunale Ebene"),
        /// Typ 4a (meaning not known).
        Typ4a = "4a" => None,
        /// Typ 4b (meaning not known).
        Typ4b = "4b" => None,
        /// Typ 5: Regelung und Vollzug kommunal.
        Typ5 = "5" => Some("Regelungs- und Vollzugskompetenz auf kommunaler Ebene"),
        /// Typ 6 (meaning not known).
        Typ6 = "6" => None,
        /// Typ 7 (meaning not known).
        Typ7 = "7" => None,
        /// Typ 8 (meaning not known).
        Typ8 = "8" => None,
        /// Typ 9 (meaning not known).
        Typ9 = "9" => None,
        /// Typ 10 (meaning not known).
        Typ10 = "10" => None,
        /// Typ 11 (meaning not known).
        Typ11 = "11" => None,
        /// Typ 12 (meaning not known).
        Typ12 = "12" => None,
    }
}

impl Typisierung {
    /// Index of this value in [`CodeList::all`] (0–20), the bit used by [`TypisierungSet`].
    fn index(self) -> u32 {
        Self::ALL
            .iter()
            .position(|v| *v == self)
            .map_or(0, |i| i as u32)
    }

    /// Whether Kommunen execute Leistungen of this type (kommunaler Vollzug): the 2, 3, 2/3,
    /// 4 families (with their a/b variants) and 5. Types 1 and 6–12 are not municipal.
    pub fn is_municipal(self) -> bool {
        !matches!(
            self,
            Self::Typ1
                | Self::Typ6
                | Self::Typ7
                | Self::Typ8
                | Self::Typ9
                | Self::Typ10
                | Self::Typ11
                | Self::Typ12
        )
    }
}

/// Set of LeiKa-Typisierungen (Typisierung of one Leistung; the KDN data holds values like `1, 2/3`).
///
/// Stored as a bit set over the 21 codes and iterated in list order. Serde: a JSON array of codes
/// (`["1","2/3"]`); [`FromStr`]/[`Display`](fmt::Display) use the KDN comma form (`1, 2/3`; the empty
/// string is the empty set).
///
/// ```
/// use ozg_core::code::{Typisierung, TypisierungSet};
///
/// let set: TypisierungSet = "1, 2/3".parse()?;
/// assert!(set.contains(Typisierung::Typ2Und3));
/// assert!(set.is_municipal());
/// assert_eq!(set.to_string(), "1, 2/3");
/// assert!("".parse::<TypisierungSet>()?.is_empty());
/// # Ok::<(), ozg_core::code::CodeError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypisierungSet(u32);

impl TypisierungSet {
    /// The empty set.
    pub const fn new() -> Self {
        Self(0)
    }

    /// Adds a Typisierung; returns whether it was new.
    pub fn insert(&mut self, t: Typisierung) -> bool {
        let bit = 1 << t.index();
        let new = self.0 & bit == 0;
        self.0 |= bit;
        new
    }

    /// Removes a Typisierung; returns whether it was present.
    pub fn remove(&mut self, t: Typisierung) -> bool {
        let bit = 1 << t.index();
        let present = self.0 & bit != 0;
        self.0 &= !bit;
        present
    }

    /// Whether the set holds `t`.
    pub fn contains(&self, t: Typisierung) -> bool {
        self.0 & (1 << t.index()) != 0
    }

    /// Number of Typisierungen in the set.
    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty (no Typisierung recorded).
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The Typisierungen in list order.
    pub fn iter(&self) -> impl Iterator<Item = Typisierung> + '_ {
        let bits = self.0;
        Typisierung::ALL
            .iter()
            .copied()
            .filter(move |t| bits & (1 << t.index()) != 0)
    }

    /// Whether any member is executed by Kommunen (see [`Typisierung::is_municipal`]): the
    /// Leistungen a municipal IT provider has to care about.
    pub fn is_municipal(&self) -> bool {
        self.iter().any(Typisierung::is_municipal)
    }
}

impl FromIterator<Typisierung> for TypisierungSet {
    fn from_iter<I: IntoIterator<Item = Typisierung>>(iter: I) -> Self {
        let mut set = Self::new();
        set.extend(iter);
        set
    }
}

impl Extend<Typisierung> for TypisierungSet {
    fn extend<I: IntoIterator<Item = Typisierung>>(&mut self, iter: I) {
        for t in iter {
            self.insert(t);
        }
    }
}

impl From<Typisierung> for TypisierungSet {
    fn from(t: Typisierung) -> Self {
        let mut set = Self::new();
        set.insert(t);
        set
    }
}

impl FromStr for TypisierungSet {
    type Err = CodeError;

    /// Parses the KDN comma form: codes separated by `,` with optional spaces (`1, 2/3`); an empty
    /// or blank string is the empty set; an empty item (`1,,2`) is an error.
    fn from_str(s: &str) -> Result<Self, CodeError> {
        if s.trim().is_empty() {
            return Ok(Self::new());
        }
        s.split(',')
            .map(|item| Typisierung::from_code(item.trim()))
            .collect()
    }
}

impl fmt::Display for TypisierungSet {
    /// Writes the KDN comma form, e.g. `1, 2/3` (empty set: empty string).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(t.code())?;
        }
        Ok(())
    }
}

impl Serialize for TypisierungSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for t in self.iter() {
            seq.serialize_element(&t)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for TypisierungSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor;

        impl<'de> Visitor<'de> for SetVisitor {
            type Value = TypisierungSet;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of LeiKa-Typisierung codes")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TypisierungSet, A::Error> {
                let mut set = TypisierungSet::new();
                while let Some(t) = seq.next_element::<Typisierung>()? {
                    set.insert(t);
                }
                Ok(set)
            }
        }

        deserializer.deserialize_seq(SetVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for TypisierungSet {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("TypisierungSet")
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ozg_core::code::TypisierungSet")
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": generator.subschema_for::<Typisierung>(),
            "uniqueItems": true,
            "description": "Set of LeiKa-Typisierungen (codes of urn:de:fim:leika:typisierung).",
        })
    }
}

code_list! {
    /// Leistungstyp (kind of LeiKa-Leistung): Leistungsobjekt (lo), with Verrichtung (lov), with
    /// Verrichtung and Verrichtungsdetail (lovd).
    ///
    /// Source: `code_lists.json` → `leistungstyp_xzufi` (codes: FIM-Portal `LeistungsTyp`; the
    /// expansions are inferred from dewiki text). No official list URN: project URN.
    pub enum LeistungsTyp {
        uri: "urn:ozg-rs:codeliste:leistungstyp",
        version: Some("1"),
        title: "Leistungstyp (LeiKa)",
        /// Leistungsobjekt (LO): VVV and DDD are 000.
        Lo = "lo" => Some("Leistungsobjekt"),
        /// Leistungsobjekt mit Verrichtung (LOV): DDD is 000.
        Lov = "lov" => Some("Leistungsobjekt mit Verrichtung"),
        /// Leistungsobjekt mit Verrichtung und Verrichtungsdetail (LOVD).
        Lovd = "lovd" => Some("Leistungsobjekt mit Verrichtung und Verrichtungsdetail"),
    }
}

code_list! {
    /// Basiskomponente of the Schleswig-Holstein OZG rollout (base component paid by the Land,
    /// offered by ITV.SH).
    ///
    /// Source: `code_lists.json` → `sh_basiskomponenten` (ITV.SH pages). Codes as in the list; the
    /// label is the list's `name` where given, otherwise the code itself (which is the German name).
    /// No official list URN: project URN.
    pub enum Basiskomponente {
        uri: "urn:ozg-rs:codeliste:basiskomponente-sh",
        version: Some("1"),
        title: "Basiskomponente (Schleswig-Holstein)",
        /// ZuFiSH, Zuständigkeitsfinder SH.
        ZuFiSh = "ZuFiSH" => Some("Zuständigkeitsfinder SH"),
        /// Servicekonto (authentication).
        Servicekonto = "Servicekonto" => Some("Servicekonto"),
        /// Postfach (integrated into the Servicekonto).
        Postfach = "Postfach" => Some("Postfach"),
        /// ePayment (payment of fees).
        EPayment = "ePayment" => Some("ePayment"),
        /// KOP, Kommunales OSI-Plugin (today OZG-Cloud).
        Kop = "KOP" => Some("Kommunales OSI-Plugin (heute OZG-Cloud)"),
        /// Bürgerportal SH.
        Buergerportal = "Bürgerportal" => Some("Bürgerportal SH"),
    }
}

code_list! {
    /// Bundesland (federal state) by Länderschlüssel 01–16 (Destatis).
    ///
    /// Source: `code_lists.json` → `bundesland`; list URI and version as given there.
    pub enum Bundesland {
        uri: "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland",
        version: Some("2010-04-01"),
        title: "Bundesland",
        /// 01 Schleswig-Holstein.
        SchleswigHolstein = "01" => Some("Schleswig-Holstein"),
        /// 02 Hamburg.
        Hamburg = "02" => Some("Hamburg"),
        /// 03 Niedersachsen.
        Niedersachsen = "03" => Some("Niedersachsen"),
        /// 04 Bremen.
        Bremen = "04" => Some("Bremen"),
        /// 05 Nordrhein-Westfalen.
        NordrheinWestfalen = "05" => Some("Nordrhein-Westfalen"),
        /// 06 Hessen.
        Hessen = "06" => Some("Hessen"),
        /// 07 Rheinland-Pfalz.
        RheinlandPfalz = "07" => Some("Rheinland-Pfalz"),
        /// 08 Baden-Württemberg.
        BadenWuerttemberg = "08" => Some("Baden-Württemberg"),
        /// 09 Bayern.
        Bayern = "09" => Some("Bayern"),
        /// 10 Saarland.
        Saarland = "10" => Some("Saarland"),
        /// 11 Berlin.
        Berlin = "11" => Some("Berlin"),
        /// 12 Brandenburg.
        Brandenburg = "12" => Some("Brandenburg"),
        /// 13 Mecklenburg-Vorpommern.
        MecklenburgVorpommern = "13" => Some("Mecklenburg-Vorpommern"),
        /// 14 Sachsen.
        Sachsen = "14" => Some("Sachsen"),
        /// 15 Sachsen-Anhalt.
        SachsenAnhalt = "15" => Some("Sachsen-Anhalt"),
        /// 16 Thüringen.
        Thueringen = "16" => Some("Thüringen"),
    }
}

impl Bundesland {
    /// The Länderschlüssel as a number (1–16).
    pub fn number(self) -> u8 {
        Self::ALL
            .iter()
            .position(|v| *v == self)
            .map_or(0, |i| i as u8 + 1)
    }

    /// The Bundesland of a Länderschlüssel number (1–16); `None` otherwise.
    pub fn from_number(n: u8) -> Option<Self> {
        usize::from(n)
            .checked_sub(1)
            .and_then(|i| Self::ALL.get(i))
            .copied()
    }

    /// The Land's name, e.g. `Schleswig-Holstein` (every Land has one).
    pub fn name(self) -> &'static str {
        self.label().unwrap_or_else(|| self.code())
    }
}

code_list! {
    /// EfA-Nachnutzungsmodell (legal model for reusing an "Einer für Alle" online service).
    ///
    /// Source: `code_lists.json` → `efa_nachnutzungsmodelle` (OZG-Leitfaden, govdigital). No official
    /// list URN: project URN.
    pub enum EfaModell {
        uri: "urn:ozg-rs:codeliste:efa-nachnutzungsmodell",
        version: Some("1"),
        title: "EfA-Nachnutzungsmodell",
        /// Leistungsspezifische Verwaltungsvereinbarung (Blaupause Verwaltungsabkommen).
        Verwaltungsabkommen = "verwaltungsabkommen" => Some("Leistungsspezifische Verwaltungsvereinbarung nach Blaupause 'Verwaltungsabkommen zur Umsetzung eines digitalen Online-Dienstes'"),
        /// FIT-Store (bilateral contracts with FITKO AöR).
        FitStore = "fit_store" => Some("FIT-Store (bilaterale Verträge mit der FITKO AöR)"),
        /// Marktplatz für EfA-Leistungen (govdigital).
        EfaMarktplatz = "efa_marktplatz" => Some("Marktplatz für EfA-Leistungen (govdigital), Produkt des IT-Planungsrats"),
        /// Interöffentliches Kooperationsmodell NRW.
        NrwInteroeffentlich = "nrw_interoeffentlich" => Some("Interöffentliches Kooperationsmodell NRW (vorgestellt März 2021)"),
    }
}

code_list! {
    /// Dokumentart of an agreement document (Vertragsdokument).
    ///
    /// Source: `code_lists.json` → `efa_vertragsdokumente` (Dataport OSI documentation) for the first
    /// six codes; `nutzervereinbarung`, `verwaltungsvereinbarung`, `datenschutzerklaerung` and `other`
    /// are project additions. Labels are the list's `name` where given, else the German term the code
    /// spells; `other` has none. No official list URN: project URN.
    pub enum DocumentKind {
        uri: "urn:ozg-rs:codeliste:dokumentart",
        version: Some("1"),
        title: "Dokumentart (Vertragsdokument)",
        /// Nachnutzungsvertrag (reuse contract).
        Nachnutzungsvertrag = "nachnutzungsvertrag" => Some("Nachnutzungsvertrag"),
        /// Abstimmungsschreiben (letter of agreement).
        Abstimmungsschreiben = "abstimmungsschreiben" => Some("Abstimmungsschreiben"),
        /// Leistungsbeschreibung (service description).
        Leistungsbeschreibung = "leistungsbeschreibung" => Some("Leistungsbeschreibung"),
        /// AGB (general terms and conditions).
        Agb = "agb" => Some("AGB"),
        /// AVV, Auftragsverarbeitungsvertrag (Art. 28 DSGVO).
        Avv = "avv" => Some("Auftragsverarbeitungsvertrag (Art. 28 DSGVO)"),
        /// Vereinbarung über gemeinsame Verantwortlichkeit (Art. 26 DSGVO).
        Art26Vereinbarung = "art26_vereinbarung" => Some("Vereinbarung über gemeinsame Verantwortlichkeit (Art. 26 DSGVO)"),
        /// Nutzervereinbarung (user agreement; project addition).
        Nutzervereinbarung = "nutzervereinbarung" => Some("Nutzervereinbarung"),
        /// Verwaltungsvereinbarung (administrative agreement; project addition).
        Verwaltungsvereinbarung = "verwaltungsvereinbarung" => Some("Verwaltungsvereinbarung"),
        /// Datenschutzerklärung (privacy notice; project addition).
        Datenschutzerklaerung = "datenschutzerklaerung" => Some("Datenschutzerklärung"),
        /// Another document (sonstiges Dokument; project addition).
        Other = "other" => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_per_list() {
        fn check<C: CodeList + fmt::Debug>() {
            let codes: Vec<_> = C::all().iter().map(|c| c.code()).collect();
            let mut sorted = codes.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), codes.len(), "{}", C::LIST_URI);
        }
        check::<Themenfeld>();
        check::<ReifegradModell>();
        check::<Vertrauensniveau>();
        check::<VertrauensniveauFim>();
        check::<Typisierung>();
        check::<LeistungsTyp>();
        check::<Basiskomponente>();
        check::<Bundesland>();
        check::<EfaModell>();
        check::<DocumentKind>();
    }

    #[test]
    fn bundesland_numbers() {
        assert_eq!(
            Bundesland::from_number(1),
            Some(Bundesland::SchleswigHolstein)
        );
        assert_eq!(Bundesland::from_number(16), Some(Bundesland::Thueringen));
        assert_eq!(Bundesland::from_number(0), None);
        assert_eq!(Bundesland::from_number(17), None);
        for land in Bundesland::all() {
            assert_eq!(format!("{:02}", land.number()), land.code());
        }
    }

    #[test]
    fn themenfeld_kdn_ids() {
        assert_eq!(Themenfeld::ArbeitRuhestand.kdn_id(), 1);
        assert_eq!(Themenfeld::Querschnitt.kdn_id(), 10);
        assert_eq!(
            Themenfeld::from_kdn_id(14),
            Ok(Themenfeld::UnternehmensfuehrungEntwicklung)
        );
        assert!(Themenfeld::from_kdn_id(0).is_err());
        assert!(Themenfeld::from_kdn_id(15).is_err());
        assert_eq!(
            Themenfeld::from_label("Querschnitt "),
            Ok(Themenfeld::Querschnitt)
        );
        assert!(Themenfeld::from_label("Familie und Kind").is_err());
    }

    #[test]
    fn typisierung_bits_fit() {
        assert_eq!(Typisierung::all().len(), 21);
        let all: TypisierungSet = Typisierung::all().iter().copied().collect();
        assert_eq!(all.len(), 21);
        assert_eq!(all.iter().collect::<Vec<_>>(), Typisierung::all());
    }

    #[test]
    fn typisierung_set_insert_remove() {
        let mut set = TypisierungSet::new();
        assert!(set.insert(Typisierung::Typ5));
        assert!(!set.insert(Typisierung::Typ5));
        assert!(set.is_municipal());
        assert!(set.remove(Typisierung::Typ5));
        assert!(!set.remove(Typisierung::Typ5));
        assert!(set.is_empty());
        assert!(!set.is_municipal());
    }

    #[test]
    fn typisierung_set_rejects_empty_item() {
        assert!("1,,2".parse::<TypisierungSet>().is_err());
        assert!("1, 13".parse::<TypisierungSet>().is_err());
    }

    #[test]
    fn reifegrad_ranges() {
        assert!(Reifegrad::v1(4).is_ok());
        assert_eq!(
            Reifegrad::v1(5),
            Err(CodeError::ReifegradOutOfRange {
                model: ReifegradModell::V1,
                level: 5,
                max: 4
            })
        );
        assert!(Reifegrad::v2(7).is_ok());
        assert!(Reifegrad::v2(8).is_err());
    }
}
