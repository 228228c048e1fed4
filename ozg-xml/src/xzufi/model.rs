use ozg_core::channel::Zustellkanal;
use ozg_core::id::{DestinationSignature, IdError, LeikaKey};
use ozg_core::signature::{DestinationClaims, SignatureError};
use ozg_core::zufi::{GebietKey, parse_gebiet_id};

use super::{SCHEME_FIT_CONNECT_DESTINATION, XZUFI_VERSION};
pub use crate::common::{CodeElement, Wrapper};
use crate::raw::{KeptChild, RawAttribute, RawElement};

/// An XZuFi identifier element (Identifikator: `id`, `idSekundaer`, `leistungID`, `gebietID`, …):
/// the text plus its attributes (`schemeID`, `schemeAgencyID`, …) as written.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XzufiId {
    /// The identifier text (trimmed).
    pub value: String,
    /// All attributes, in document order.
    pub attributes: Vec<RawAttribute>,
}

impl XzufiId {
    /// An identifier without attributes.
    pub fn new(value: impl Into<String>) -> Self {
        XzufiId {
            value: value.into(),
            attributes: Vec::new(),
        }
    }

    /// An unqualified attribute's value.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.namespace.is_none() && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The `schemeID` attribute (Schema der Kennung).
    pub fn scheme_id(&self) -> Option<&str> {
        self.attribute("schemeID")
    }
}

/// A text with an optional language (`languageCode`), e.g. `modulText/inhalt` (Text in einer Sprache).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalizedText {
    /// Attribute `languageCode`, e.g. `de`.
    pub language: Option<String>,
    /// The text.
    pub text: String,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

impl LocalizedText {
    /// The German text of a list (no `languageCode` counts as German), else the first one.
    pub fn german_or_first(texts: &[LocalizedText]) -> Option<&str> {
        texts
            .iter()
            .find(|t| {
                t.language
                    .as_deref()
                    .is_none_or(|l| l.eq_ignore_ascii_case("de"))
            })
            .or_else(|| texts.first())
            .map(|t| t.text.as_str())
    }
}

/// A text module of a Leistung (Textmodul, `modulText`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModulText {
    /// `leikaTextmodul`: which module, e.g. code `02` = Leistungsbezeichnung, `03` = Leistungsbezeichnung II.
    #[serde(rename = "leikaTextmodul")]
    pub textmodul: Option<CodeElement>,
    /// `inhalt`: the text, per language.
    pub inhalt: Vec<LocalizedText>,
    /// Further children, kept as read.
    pub unknown: Vec<KeptChild>,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

impl ModulText {
    /// The German (or, failing that, the first) text.
    pub fn text(&self) -> Option<&str> {
        LocalizedText::german_or_first(&self.inhalt)
    }
}

/// The structure of a Leistung (Leistungsstruktur, `struktur`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Leistungsstruktur {
    /// `xsi:type`, e.g. `xzufi:LeistungsstrukturObjektMitVerrichtung`: a type in the XZuFi
    /// namespace with the prefix `xzufi:` (the one the writer declares), whatever prefix the input
    /// bound to it; a type in another namespace as written.
    pub xsi_type: Option<String>,
    /// `leistungsobjektID` (Leistungsobjekt).
    #[serde(rename = "leistungsobjektID")]
    pub leistungsobjekt_id: Option<XzufiId>,
    /// `verrichtung/verrichtungLeiKa` (Verrichtung as LeiKa code).
    pub verrichtung: Option<CodeElement>,
    /// The attributes and other children of the `verrichtung` wrapper; `None` when it has none
    /// (also when there is no wrapper), `Some` (perhaps empty) for a wrapper without
    /// `verrichtungLeiKa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verrichtung_wrapper: Option<Wrapper>,
    /// `verrichtungsdetail` (Verrichtungsdetail), kept as read because its content varies.
    pub verrichtungsdetail: Option<RawElement>,
    /// Further children, kept as read.
    pub unknown: Vec<KeptChild>,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

/// A Leistung (Verwaltungsleistung, `leistung`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Leistung {
    /// `id`.
    pub id: XzufiId,
    /// `referenzLeiKa`: LeiKa code values (LeiKa-Schlüssel), checked to be valid LeiKa keys on reading.
    #[serde(rename = "referenzLeiKa")]
    pub referenz_leika: Vec<CodeElement>,
    /// `modulText`: the text modules.
    #[serde(rename = "modulText")]
    pub texte: Vec<ModulText>,
    /// `struktur`.
    pub struktur: Option<Leistungsstruktur>,
    /// `typisierung`: Typisierung codes (1, 2, 2/3, …).
    pub typisierung: Vec<CodeElement>,
    /// Children the model does not cover (e.g. `informationsbereichSDG`, `kategorie`,
    /// `versionsinformation`, `modulFachlicheFreigabe`), kept as read.
    pub unknown: Vec<KeptChild>,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

impl Leistung {
    /// The LeiKa keys of `referenzLeiKa` (LeiKa-Schlüssel).
    pub fn leika_keys(&self) -> Result<Vec<LeikaKey>, IdError> {
        self.referenz_leika.iter().map(|c| c.code.parse()).collect()
    }

    /// The text of the module with `leikaTextmodul` code `code`.
    pub fn modul_text(&self, code: &str) -> Option<&str> {
        self.texte
            .iter()
            .find(|m| m.textmodul.as_ref().is_some_and(|c| c.code == code))
            .and_then(ModulText::text)
    }

    /// Leistungsbezeichnung (text module `02`).
    pub fn bezeichnung(&self) -> Option<&str> {
        self.modul_text("02")
    }

    /// Leistungsbezeichnung II (text module `03`).
    pub fn bezeichnung2(&self) -> Option<&str> {
        self.modul_text("03")
    }
}

/// A Spezialisierung of a Leistung (`spezialisierung`): the id and text modules are modelled, the
/// rest is kept as read.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Spezialisierung {
    /// `id`.
    pub id: XzufiId,
    /// `modulText`.
    #[serde(rename = "modulText")]
    pub texte: Vec<ModulText>,
    /// Further children, kept as read.
    pub unknown: Vec<KeptChild>,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

/// A Zuständigkeit of an Organisationseinheit (`zustaendigkeit`): which Leistung in which Gebiete.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Zustaendigkeit {
    /// `leistungID`, usually a LeiKa URN `urn:de:fim:leika:leistung:<key>` (checked on reading).
    #[serde(rename = "leistungID")]
    pub leistung_id: Option<XzufiId>,
    /// `gebietID`+: Gebiet URNs (checked on reading).
    #[serde(rename = "gebietID")]
    pub gebiet_id: Vec<XzufiId>,
    /// `rolle` (Zuständigkeitsrolle), e.g. `01`/`02`.
    pub rolle: Option<CodeElement>,
    /// `idSekundaer`: secondary ids, e.g. the FIT-Connect DestinationSignature (checked on reading).
    pub id_sekundaer: Vec<XzufiId>,
    /// Further children, kept as read.
    pub unknown: Vec<KeptChild>,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

/// Why a Zuständigkeit could not be turned into a FIT-Connect channel.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChannelError {
    /// The `idSekundaer` value is not a compact JWS.
    #[error("invalid DestinationSignature: {0}")]
    Signature(IdError),
    /// The JWS payload's claims cannot be decoded.
    #[error("DestinationSignature: {0}")]
    Claims(SignatureError),
}

impl Zustaendigkeit {
    /// The LeiKa key of `leistungID` (from its URN); `Ok(None)` when there is no `leistungID`.
    pub fn leika_key(&self) -> Result<Option<LeikaKey>, IdError> {
        self.leistung_id
            .as_ref()
            .map(|id| LeikaKey::from_urn(&id.value))
            .transpose()
    }

    /// The Gebiete (`gebietID`): the areas as ARS prefixes of their level, with the spelling seen
    /// (URN, or bare key with `schemeID`) and whether the key was padded with zeros.
    pub fn gebiet_keys(&self) -> Result<Vec<GebietKey>, IdError> {
        self.gebiet_id
            .iter()
            .map(|g| parse_gebiet_id(&g.value, g.scheme_id()))
            .collect()
    }

    /// The Gebiete as Gebiet-IDs (normalised URNs), whichever spelling the export used.
    pub fn gebiete(&self) -> Result<Vec<ozg_core::id::GebietId>, IdError> {
        Ok(self
            .gebiet_keys()?
            .into_iter()
            .map(|k| ozg_core::id::GebietId::from(k.prefix))
            .collect())
    }

    /// The FIT-Connect DestinationSignature (`idSekundaer` with schemeID
    /// `urn:de:fitko:fit-connect:xzufi:destination`), if any.
    pub fn destination_signature(&self) -> Result<Option<DestinationSignature>, IdError> {
        self.id_sekundaer
            .iter()
            .find(|i| i.scheme_id() == Some(SCHEME_FIT_CONNECT_DESTINATION))
            .map(|i| i.value.parse())
            .transpose()
    }

    /// The decoded claims of the DestinationSignature (not verified); `Ok(None)` when there is
    /// none. An `idSekundaer` that is not a compact JWS is an [`ChannelError::Signature`].
    pub fn destination_claims(&self) -> Result<Option<DestinationClaims>, ChannelError> {
        let Some(sig) = self
            .destination_signature()
            .map_err(ChannelError::Signature)?
        else {
            return Ok(None);
        };
        sig.claims().map(Some).map_err(ChannelError::Claims)
    }

    /// The FIT-Connect delivery channel (Zustellkanal) of this Zuständigkeit: the Destination-ID is
    /// the `destinationId` claim of the DestinationSignature ([`DestinationSignature::claimed_destination_id`];
    /// the signature is not verified). `Ok(None)` when there is no DestinationSignature.
    pub fn fit_connect_channel(&self) -> Result<Option<Zustellkanal>, ChannelError> {
        let Some(sig) = self
            .destination_signature()
            .map_err(ChannelError::Signature)?
        else {
            return Ok(None);
        };
        let destination_id = sig.claimed_destination_id().map_err(ChannelError::Claims)?;
        Ok(Some(Zustellkanal::FitConnect {
            destination_id,
            destination_signature: Some(sig),
        }))
    }
}

/// An Organisationseinheit (Behörde/Amt, `organisationseinheit`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisationseinheit {
    /// `id`.
    pub id: XzufiId,
    /// `name/name`: the names, per language.
    pub name: Vec<LocalizedText>,
    /// The attributes and other children of the `name` wrapper; `None` when it has none (also
    /// when there is no wrapper), `Some` (perhaps empty) for a wrapper without names. A second
    /// `name` wrapper is kept whole in `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_wrapper: Option<Wrapper>,
    /// `zustaendigkeit`: the Zuständigkeiten.
    pub zustaendigkeit: Vec<Zustaendigkeit>,
    /// Further children, kept as read.
    pub unknown: Vec<KeptChild>,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

impl Organisationseinheit {
    /// The German (or first) name.
    pub fn name(&self) -> Option<&str> {
        LocalizedText::german_or_first(&self.name)
    }
}

/// A typed link of an Onlinedienst (`link`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnlinedienstLink {
    /// `typ`: link type code (list `urn:xoev-de:fim:codeliste:onlinedienstlinktyp`, e.g. `01`).
    pub typ: Option<CodeElement>,
    /// `link`: the URL.
    pub link: Option<String>,
    /// Attributes of the inner `link` element (the URL), kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub link_attributes: Vec<RawAttribute>,
    /// Further children, kept as read.
    pub unknown: Vec<KeptChild>,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

/// An Onlinedienst (`onlinedienst`, OnlinedienstErweitert).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Onlinedienst {
    /// `id`.
    pub id: XzufiId,
    /// `bezeichnung`, per language.
    pub bezeichnung: Vec<LocalizedText>,
    /// `link`s.
    pub link: Vec<OnlinedienstLink>,
    /// Further children, kept as read.
    pub unknown: Vec<KeptChild>,
    /// Attributes the model does not cover, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

/// One child of a `loesche` operation (Löschauftrag): the element as read, with its local name and
/// the id it names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Loeschung {
    /// Local name of the child, e.g. `leistungID` (the object kind).
    pub element: String,
    /// The id: the child's own text when it has no child elements, else the text of its `id` child.
    pub id: Option<String>,
    /// The child as read (written back unchanged).
    pub raw: RawElement,
}

/// One object of an XZuFi message, in document order (XZuFi-Objekt).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
// Objects are yielded one at a time and moved once; boxing would cost an allocation per object.
#[allow(clippy::large_enum_variant)]
pub enum XzufiObject {
    /// `schreibe/leistung`.
    Leistung(Leistung),
    /// `schreibe/spezialisierung`.
    Spezialisierung(Spezialisierung),
    /// `schreibe/organisationseinheit`.
    Organisationseinheit(Organisationseinheit),
    /// `schreibe/onlinedienst`.
    Onlinedienst(Onlinedienst),
    /// A child of `loesche`.
    Loesche(Loeschung),
    /// The start of a `schreibe`/`loesche` operation the writer would not reproduce on its own
    /// (it groups consecutive objects of one operation into one element): one with attributes,
    /// or one directly after an operation of the same kind. Yielded before the objects of that
    /// operation; not counted as an object in [`ReadCounts`](super::ReadCounts). Written: the open
    /// operation is closed and this one opened. (An empty operation without attributes carries
    /// nothing and is not kept unless it follows one of its kind.)
    Operation(Operation),
    /// An element the model does not know, kept as read: a child of `schreibe` (`in_schreibe`) or
    /// of the message root.
    Unknown {
        /// Whether it was inside `schreibe` (else directly under the root).
        in_schreibe: bool,
        /// The element.
        element: RawElement,
    },
}

/// The kind of an operation (Operation): `schreibe` (anlegen/ändern) or `loesche` (löschen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationKind {
    /// `schreibe`.
    Schreibe,
    /// `loesche`.
    Loesche,
}

/// A `schreibe`/`loesche` element as an explicit operation boundary (Operation), see
/// [`XzufiObject::Operation`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// `schreibe` or `loesche`.
    pub operation: OperationKind,
    /// The element's attributes, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_attributes: Vec<RawAttribute>,
}

/// The message head (Nachrichtenkopf) and root attributes, available right after
/// [`XzufiReader::new`](super::XzufiReader::new).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XzufiHeader {
    /// Local name of the root element as read (its official name is not confirmed by the sources).
    pub root_name: String,
    /// Root attribute `xzufiVersion` as read (`2.2.0` or `2.2`); written back as it is.
    pub xzufi_version: String,
    /// Root attribute `produktbezeichnung` (product name of the producing software).
    pub produktbezeichnung: Option<String>,
    /// Root attribute `produkthersteller` (producer of the software).
    pub produkthersteller: Option<String>,
    /// Other root attributes (e.g. `xsi:schemaLocation`), kept as read.
    pub other_attributes: Vec<RawAttribute>,
    /// `nachrichtenkopf`, kept as read.
    pub nachrichtenkopf: Option<RawElement>,
    /// `transaktionID`, if present.
    pub transaktion_id: Option<String>,
    /// Attributes of `transaktionID`, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transaktion_id_attributes: Vec<RawAttribute>,
    /// `transaktionPosition`, if present.
    pub transaktion_position: Option<String>,
    /// Attributes of `transaktionPosition`, kept as read and written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transaktion_position_attributes: Vec<RawAttribute>,
    /// Other children before the first `schreibe`/`loesche`, kept as read.
    pub unknown: Vec<KeptChild>,
}

impl XzufiHeader {
    /// A header for writing, with the given root element local name.
    pub fn new(root_name: impl Into<String>) -> Self {
        XzufiHeader {
            root_name: root_name.into(),
            xzufi_version: XZUFI_VERSION.to_owned(),
            produktbezeichnung: None,
            produkthersteller: None,
            other_attributes: Vec::new(),
            nachrichtenkopf: None,
            transaktion_id: None,
            transaktion_id_attributes: Vec::new(),
            transaktion_position: None,
            transaktion_position_attributes: Vec::new(),
            unknown: Vec::new(),
        }
    }
}
