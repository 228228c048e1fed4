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

    /// Looks a value up by its label (Bezeichnung, exact match), e.g. `XTA-WS 1.*`.
    fn from_label(label: &str) -> Result<Self, CodeError> {
        Self::all()
            .iter()
            .copied()
            .find(|v| v.label() == Some(label))
            .ok_or_else(|| CodeError::Unknown {
                list: Self::LIST_URI,
                code: label.to_owned(),
                expected: Self::all()
                    .iter()
                    .filter_map(|v| v.label())
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

    /// Checks this value against the list in a registry (Prüfung gegen die geladene Codeliste):
    /// the version [`LIST_VERSION_ID`](Self::LIST_VERSION_ID) names when it is loaded, else
    /// the pinned one. Adds `code.unknown` at `pointer` when the code is missing there; nothing
    /// when the registry holds no version of the list.
    fn check_in(
        &self,
        registry: &crate::codelist::CodeListRegistry,
        pointer: &str,
        out: &mut Vec<crate::finding::Finding>,
    ) {
        let version =
            Self::LIST_VERSION_ID.filter(|v| registry.get(Self::LIST_URI, Some(v)).is_ok());
        registry.check_code(Self::LIST_URI, version, self.code(), pointer, out);
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
pub(crate) fn schema_description<C: CodeList>(title: &str) -> String {
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

        impl $crate::code::CodeList for $name {
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

        impl ::std::fmt::Display for $name {
            /// Writes the code.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::code::CodeList::code(self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::code::CodeError;

            fn from_str(s: &str) -> Result<Self, $crate::code::CodeError> {
                <Self as $crate::code::CodeList>::from_code(s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::code::CodeList::code(self))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
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
                std::borrow::Cow::Borrowed(concat!(module_path!(), "::", stringify!($name)))
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "enum": [$($code),+],
                    "description": $crate::code::schema_description::<$name>($title),
                })
            }
        }
    };
}

pub(crate) use code_list;

mod reifegrad;
mod themenfeld;
mod typisierung;
mod vertrauensniveau;

pub use reifegrad::*;
pub use themenfeld::*;
pub use typisierung::*;
pub use vertrauensniveau::*;

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
    pub enum AgreementDocumentKind {
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
        check::<AgreementDocumentKind>();
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
