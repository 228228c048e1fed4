//! Document kinds (Dokumentarten): the model types a data file can hold, in one place.
//!
//! [`DocumentKind`] names each kind once — its short name (`dataset`, `rollout-entry`, …), its
//! JSON Schema file name, its XML root element and its JSON Schema — and [`AnyDocument`] holds a
//! document of any kind. `ozg-validate` (JSON Schemas, validation), `ozg-xml` (our XML format), the
//! CLI and the Python package all use these; none keeps a list of its own.
//!
//! Not to be confused with [`crate::code::AgreementDocumentKind`], the kind of a document attached to
//! an agreement (Vertragsdokument).
//!
//! ```
//! use ozg_core::document::DocumentKind;
//!
//! let kind: DocumentKind = "rollout-entry".parse()?;
//! assert_eq!(kind.schema_file_name(), "rollout-entry.schema.json");
//! assert_eq!(kind.root_element(), "rolloutEntry");
//! let v = serde_json::json!({"schemaVersion": "1", "verwaltungen": []});
//! assert_eq!(DocumentKind::detect(&v), Some(DocumentKind::Dataset));
//! # Ok::<(), ozg_core::document::UnknownDocumentKind>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::agreement::Agreement;
use crate::catalogue::CatalogueDocument;
use crate::channel::DeliveryChannel;
use crate::dataset::Dataset;
use crate::org::{ItProvider, Verwaltung};
use crate::rollout::RolloutEntry;
use crate::service::Onlinedienst;

macro_rules! document_kinds {
    ($( $(#[$doc:meta])* $variant:ident($ty:ty) => $name:literal, $root:literal, $type_name:literal, $title:literal; )+) => {
        /// Document kind (Dokumentart) of a data file: which model type, and so which JSON Schema and
        /// which XML root element, it has.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DocumentKind {
            $( $(#[$doc])* $variant, )+
        }

        impl DocumentKind {
            /// Every document kind, in a stable order (the order of the schema set and the XSD).
            pub const ALL: &'static [DocumentKind] = &[$(DocumentKind::$variant,)+];

            /// The stable short name (`dataset`, `rollout-entry`, …), used in schema file names, on the
            /// command line and in Python.
            pub fn name(self) -> &'static str {
                match self { $( DocumentKind::$variant => $name, )+ }
            }

            /// Local name of the root element in our XML format (Wurzelelement), e.g. `rolloutEntry`.
            pub fn root_element(self) -> &'static str {
                match self { $( DocumentKind::$variant => $root, )+ }
            }

            /// Name of the Rust model type, which is also its JSON Schema and XSD type name.
            pub fn type_name(self) -> &'static str {
                match self { $( DocumentKind::$variant => $type_name, )+ }
            }

            /// Title of the kind's JSON Schema, German and English.
            pub fn title(self) -> &'static str {
                match self { $( DocumentKind::$variant => $title, )+ }
            }

            /// The JSON Schema (draft 2020-12) that schemars generates for the kind's model type,
            /// without `$id` and `title` (`ozg-validate` adds those). The one place schemas are
            /// generated: `ozg-validate` publishes them, `ozg-xml` compiles its mapping from them.
            #[cfg(feature = "schema")]
            pub fn json_schema(self) -> Value {
                fn generate<T: schemars::JsonSchema>() -> Value {
                    schemars::generate::SchemaSettings::draft2020_12()
                        .into_generator()
                        .into_root_schema_for::<T>()
                        .to_value()
                }
                match self { $( DocumentKind::$variant => generate::<$ty>(), )+ }
            }
        }

        /// A document of any kind (beliebiges Dokument).
        #[derive(Debug, Clone, PartialEq)]
        pub enum AnyDocument {
            $( $(#[$doc])* $variant(Box<$ty>), )+
        }

        impl AnyDocument {
            /// The document's kind.
            pub fn kind(&self) -> DocumentKind {
                match self { $( AnyDocument::$variant(_) => DocumentKind::$variant, )+ }
            }

            /// Deserialises a document of `kind` from any serde deserializer (e.g.
            /// `serde_json::Deserializer::from_reader`, for reading straight into the model).
            pub fn deserialize_as<'de, D: Deserializer<'de>>(
                kind: DocumentKind,
                deserializer: D,
            ) -> Result<AnyDocument, D::Error> {
                Ok(match kind {
                    $( DocumentKind::$variant => AnyDocument::$variant(Box::new(<$ty>::deserialize(deserializer)?)), )+
                })
            }

            /// Deserialises a document of `kind` from its JSON value; the error names the JSON
            /// pointer of the failing value.
            pub fn from_value(kind: DocumentKind, value: &Value) -> Result<AnyDocument, crate::json::JsonError> {
                Ok(match kind {
                    $( DocumentKind::$variant => AnyDocument::$variant(Box::new(typed_from_value::<$ty>(value)?)), )+
                })
            }
        }

        impl Serialize for AnyDocument {
            /// Serialises the document itself (its kind is not written).
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self { $( AnyDocument::$variant(d) => d.serialize(serializer), )+ }
            }
        }
    };
}

document_kinds! {
    /// A whole dataset (Datenbestand) of an IT provider: providers, Verwaltungen, Onlinedienste,
    /// channels, agreements and rollout ([`Dataset`]).
    Dataset(Dataset) => "dataset", "dataset", "Dataset", "OZG dataset (Datenbestand)";
    /// The OZG-Umsetzungskatalog as a file (Katalogdatei, [`CatalogueDocument`]).
    Catalogue(CatalogueDocument) => "catalogue", "catalogue", "CatalogueDocument", "OZG-Umsetzungskatalog (catalogue)";
    /// One online service (Onlinedienst, [`Onlinedienst`]).
    Onlinedienst(Onlinedienst) => "onlinedienst", "onlinedienst", "Onlinedienst", "Onlinedienst (online service)";
    /// One agreement (Vereinbarung, [`Agreement`]).
    Agreement(Agreement) => "agreement", "agreement", "Agreement", "Vereinbarung (agreement)";
    /// One rollout entry (Rollout-Eintrag: Anbindung einer Verwaltung an ein Onlinedienst, [`RolloutEntry`]).
    RolloutEntry(RolloutEntry) => "rollout-entry", "rolloutEntry", "RolloutEntry", "Rollout-Eintrag (rollout entry)";
    /// One delivery channel (Zustellkanal einer Verwaltung, [`DeliveryChannel`]).
    DeliveryChannel(DeliveryChannel) => "delivery-channel", "deliveryChannel", "DeliveryChannel", "Zustellkanal (delivery channel)";
    /// One administrative unit (Verwaltung, [`Verwaltung`]).
    Verwaltung(Verwaltung) => "verwaltung", "verwaltung", "Verwaltung", "Verwaltung (administrative unit)";
    /// One IT provider (IT-Dienstleister, [`ItProvider`]).
    ItProvider(ItProvider) => "it-provider", "itProvider", "ItProvider", "IT-Dienstleister (IT provider)";
}

/// Deserialises `value`; on failure the error carries the JSON pointer of the failing value.
fn typed_from_value<T: DeserializeOwned>(value: &Value) -> Result<T, crate::json::JsonError> {
    // The plain path first; the path-tracking one only to locate an error.
    if let Ok(doc) = T::deserialize(value) {
        return Ok(doc);
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = crate::finding::pointer_from_path(e.path());
        crate::json::JsonError::data(pointer, &e.into_inner())
    })
}

impl DocumentKind {
    /// The JSON Schema file name, `<name>.schema.json`.
    pub fn schema_file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The document kind with this XML root element local name.
    pub fn from_root_element(local: &str) -> Option<DocumentKind> {
        Self::ALL
            .iter()
            .copied()
            .find(|d| d.root_element() == local)
    }

    /// Guesses the kind of a parsed JSON document from its shape (Dokumentart aus der Struktur):
    /// a dataset has `schemaVersion`, the catalogue `leistungen` and `leika`, a delivery channel
    /// `kanal`, a rollout entry `verwaltung` + `onlinedienst`, an agreement `parties` or `costModel`,
    /// an Onlinedienst `leistungen` or `reifegrad`, a Verwaltung `kind` plus one of its location
    /// fields or a known Verwaltung kind, an IT provider `id` + `name` otherwise.
    /// `None` when the value is not an object or fits none of these.
    pub fn detect(value: &Value) -> Option<DocumentKind> {
        let obj = value.as_object()?;
        let has = |k: &str| obj.contains_key(k);
        if has("schemaVersion") {
            return Some(DocumentKind::Dataset);
        }
        if has("leika") && has("leistungen") {
            return Some(DocumentKind::Catalogue);
        }
        if has("kanal") {
            return Some(DocumentKind::DeliveryChannel);
        }
        if has("verwaltung") && has("onlinedienst") {
            return Some(DocumentKind::RolloutEntry);
        }
        if has("parties") || has("costModel") || has("term") || has("avv") {
            return Some(DocumentKind::Agreement);
        }
        if has("leistungen")
            || has("reifegrad")
            || has("vertrauensniveau")
            || has("basiskomponenten")
            || has("efaModell")
        {
            return Some(DocumentKind::Onlinedienst);
        }
        if ["ags", "ars", "kreis", "gemeinden", "land"]
            .iter()
            .any(|k| has(k))
        {
            return Some(DocumentKind::Verwaltung);
        }
        if has("id") && has("name") {
            let verwaltung_kind = obj
                .get("kind")
                .and_then(Value::as_str)
                .is_some_and(is_verwaltung_kind);
            return Some(if verwaltung_kind {
                DocumentKind::Verwaltung
            } else {
                DocumentKind::ItProvider
            });
        }
        None
    }
}

/// Whether `code` is the serialised form of a [`crate::org::VerwaltungKind`].
fn is_verwaltung_kind(code: &str) -> bool {
    crate::org::VerwaltungKind::deserialize(serde::de::value::StrDeserializer::<
        serde::de::value::Error,
    >::new(code))
    .is_ok()
}

impl fmt::Display for DocumentKind {
    /// Writes the short name, e.g. `rollout-entry`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for DocumentKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for DocumentKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Error for an unknown document kind name (unbekannte Dokumentart).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown document kind \"{0}\"; expected one of dataset, catalogue, onlinedienst, agreement, rollout-entry, delivery-channel, verwaltung, it-provider"
)]
pub struct UnknownDocumentKind(pub String);

impl FromStr for DocumentKind {
    type Err = UnknownDocumentKind;

    /// Parses a [`DocumentKind::name`]; `_` is accepted for `-`, and the XML root element name
    /// (`rolloutEntry`) too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        DocumentKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == wanted || k.root_element() == s.trim())
            .ok_or_else(|| UnknownDocumentKind(s.to_owned()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_round_trip() {
        for kind in DocumentKind::ALL {
            assert_eq!(kind.name().parse::<DocumentKind>(), Ok(*kind));
            assert_eq!(kind.root_element().parse::<DocumentKind>(), Ok(*kind));
            assert_eq!(
                DocumentKind::from_root_element(kind.root_element()),
                Some(*kind)
            );
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(serde_json::from_str::<DocumentKind>(&json).unwrap(), *kind);
        }
        assert_eq!("rollout_entry".parse(), Ok(DocumentKind::RolloutEntry));
        assert!("datasets".parse::<DocumentKind>().is_err());
        assert_eq!(DocumentKind::from_root_element("nope"), None);
    }

    #[test]
    fn detection_by_shape() {
        let cases = [
            (
                json!({"kanal": {"type": "fullmail"}}),
                DocumentKind::DeliveryChannel,
            ),
            (
                json!({"verwaltung": "a", "onlinedienst": "b", "status": "live"}),
                DocumentKind::RolloutEntry,
            ),
            (json!({"id": "a", "parties": []}), DocumentKind::Agreement),
            (
                json!({"id": "a", "name": "x", "leistungen": ["00001"]}),
                DocumentKind::Onlinedienst,
            ),
            (
                json!({"id": "a", "name": "x", "ags": "01001000"}),
                DocumentKind::Verwaltung,
            ),
            (
                json!({"id": "a", "name": "x", "kind": "amt"}),
                DocumentKind::Verwaltung,
            ),
            (
                json!({"id": "dataport", "name": "Dataport AöR"}),
                DocumentKind::ItProvider,
            ),
            (
                json!({"meta": {}, "leistungen": [], "leika": []}),
                DocumentKind::Catalogue,
            ),
        ];
        for (value, kind) in cases {
            assert_eq!(DocumentKind::detect(&value), Some(kind), "{value}");
        }
        assert_eq!(DocumentKind::detect(&json!({"x": 1})), None);
        assert_eq!(DocumentKind::detect(&json!("dataset")), None);
    }

    #[test]
    fn any_document_from_value_names_the_pointer() {
        let ok = AnyDocument::from_value(
            DocumentKind::ItProvider,
            &json!({"id": "dataport", "name": "Dataport"}),
        )
        .unwrap();
        assert_eq!(ok.kind(), DocumentKind::ItProvider);
        assert_eq!(serde_json::to_value(&ok).unwrap()["id"], "dataport");
        let err = AnyDocument::from_value(
            DocumentKind::Onlinedienst,
            &json!({"id": "x", "name": "y", "leistungen": ["00001", "123"]}),
        )
        .unwrap_err();
        assert_eq!(err.pointer(), "/leistungen/1");
    }

    #[cfg(feature = "schema")]
    #[test]
    fn only_a_dataset_has_the_dataset_only_members() {
        use crate::dataset::DATASET_ONLY_MEMBERS;
        for kind in DocumentKind::ALL {
            let schema = kind.json_schema();
            let props = schema["properties"].as_object().expect("an object type");
            for m in DATASET_ONLY_MEMBERS {
                assert_eq!(
                    props.contains_key(m),
                    *kind == DocumentKind::Dataset,
                    "{kind}: {m}"
                );
            }
        }
    }

    #[cfg(feature = "schema")]
    #[test]
    fn every_kind_has_a_schema_of_its_type() {
        for kind in DocumentKind::ALL {
            let schema = kind.json_schema();
            assert_eq!(schema["title"], kind.type_name(), "{kind}");
            assert_eq!(
                schema["$schema"],
                "https://json-schema.org/draft/2020-12/schema"
            );
        }
    }
}
