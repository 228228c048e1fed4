//! The document types (Dokumentarten) that have a JSON Schema and can be validated.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

/// Document type (Dokumentart) of a data file: which model type, and so which JSON Schema, it follows.
///
/// Not to be confused with `ozg_core::code::DocumentKind`, the kind of an agreement document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// A whole dataset (Datenbestand) of an IT provider: providers, Verwaltungen, Onlinedienste,
    /// channels, agreements and rollout (`ozg_core::dataset::Dataset`).
    Dataset,
    /// The OZG-Umsetzungskatalog as shipped in `ozg-core/data/catalogue.json`
    /// (`ozg_core::catalogue::Catalogue`).
    Catalogue,
    /// One online service (Onlinedienst, `ozg_core::service::Onlinedienst`).
    Onlinedienst,
    /// One agreement (Vereinbarung, `ozg_core::agreement::Agreement`).
    Agreement,
    /// One rollout entry (Anbindung einer Verwaltung an ein Onlinedienst,
    /// `ozg_core::rollout::RolloutEntry`).
    RolloutEntry,
    /// One delivery channel (Zustellkanal einer Verwaltung, `ozg_core::channel::DeliveryChannel`).
    DeliveryChannel,
    /// One administrative unit (Verwaltung, `ozg_core::org::Verwaltung`).
    Verwaltung,
    /// One IT provider (IT-Dienstleister, `ozg_core::org::ItProvider`).
    ItProvider,
}

impl DocumentKind {
    /// Every document kind, in the order of [`crate::schema::SchemaSet`].
    pub const ALL: &'static [DocumentKind] = &[
        DocumentKind::Dataset,
        DocumentKind::Catalogue,
        DocumentKind::Onlinedienst,
        DocumentKind::Agreement,
        DocumentKind::RolloutEntry,
        DocumentKind::DeliveryChannel,
        DocumentKind::Verwaltung,
        DocumentKind::ItProvider,
    ];

    /// The stable short name (`dataset`, `rollout-entry`, …), used in file names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Dataset => "dataset",
            DocumentKind::Catalogue => "catalogue",
            DocumentKind::Onlinedienst => "onlinedienst",
            DocumentKind::Agreement => "agreement",
            DocumentKind::RolloutEntry => "rollout-entry",
            DocumentKind::DeliveryChannel => "delivery-channel",
            DocumentKind::Verwaltung => "verwaltung",
            DocumentKind::ItProvider => "it-provider",
        }
    }

    /// The schema file name, `<name>.schema.json`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// Guesses the kind of a parsed JSON document from its shape (Dokumentart aus der Struktur):
    /// a dataset has `schemaVersion`, the catalogue `leistungen` and `leika`, a delivery channel
    /// `kanal`, a rollout entry `verwaltung` + `onlinedienst`, an agreement `parties` or `costModel`,
    /// an Onlinedienst `leistungen` or `reifegrad`, a Verwaltung `kind` plus one of its location
    /// fields or a known Verwaltung kind, an IT provider `id` + `name` otherwise.
    /// `None` when the value is not an object or fits none of these.
    ///
    /// ```
    /// use ozg_validate::DocumentKind;
    /// let v = serde_json::json!({"schemaVersion": "1", "verwaltungen": []});
    /// assert_eq!(DocumentKind::detect(&v), Some(DocumentKind::Dataset));
    /// assert_eq!(DocumentKind::detect(&serde_json::json!([1])), None);
    /// ```
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
        let verwaltung_field = ["ags", "ars", "kreis", "gemeinden", "land"]
            .iter()
            .any(|k| has(k));
        if verwaltung_field {
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

/// Whether `code` is the serialised form of an `ozg_core::org::VerwaltungKind`.
fn is_verwaltung_kind(code: &str) -> bool {
    serde_json::from_value::<ozg_core::org::VerwaltungKind>(Value::String(code.to_owned())).is_ok()
}

impl serde::Serialize for DocumentKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
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

    /// Parses a [`DocumentKind::name`]; `_` is accepted for `-`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        DocumentKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == wanted)
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
        }
        assert_eq!("rollout_entry".parse(), Ok(DocumentKind::RolloutEntry));
        assert!("datasets".parse::<DocumentKind>().is_err());
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
}
