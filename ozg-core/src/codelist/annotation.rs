//! Annotations of a code list (`Annotation` with `Description` and `AppInfo`), kept as a
//! namespace-aware tree, and the XÖV metadata read from them.

use serde::{Deserialize, Serialize};

/// A Genericode `Annotation` (Anmerkung): the elements of its `Description` and `AppInfo`
/// parts, kept whole and in order, whatever their namespace. XÖV code lists put their
/// metadata (`xoev-cl-4:shortName`, `validFrom`, …) into `Description` and markers such as
/// `recommendedKeyColumn` into `AppInfo`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Annotation {
    /// Children of `Description` (Beschreibung), in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub description: Vec<AnnotationElement>,
    /// Children of `AppInfo` (Anwendungsinformation), in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub app_info: Vec<AnnotationElement>,
}

impl Annotation {
    /// Whether neither part holds an element.
    pub fn is_empty(&self) -> bool {
        self.description.is_empty() && self.app_info.is_empty()
    }

    /// Whether `AppInfo` holds an element with this local name (any namespace), e.g.
    /// `recommendedKeyColumn`.
    pub fn has_app_info(&self, name: &str) -> bool {
        self.app_info.iter().any(|e| e.name == name)
    }

    /// The text of the first `Description` element with this local name (any namespace).
    pub fn description_text(&self, name: &str) -> Option<String> {
        self.description
            .iter()
            .find(|e| e.name == name)
            .map(AnnotationElement::text)
    }
}

/// An element inside an annotation (Anmerkungselement), as read: namespace URI, local name,
/// attributes and children. Whitespace-only text between child elements is layout and not kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnnotationElement {
    /// Namespace URI (Namensraum), `None` for an unqualified element.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Local name (lokaler Name), e.g. `validFrom`.
    pub name: String,
    /// Attributes other than namespace declarations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AnnotationAttribute>,
    /// Child elements and text, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<AnnotationNode>,
}

impl AnnotationElement {
    /// An element with text content only.
    pub fn with_text(namespace: Option<&str>, name: &str, text: &str) -> Self {
        AnnotationElement {
            namespace: namespace.map(str::to_owned),
            name: name.to_owned(),
            attributes: Vec::new(),
            children: if text.is_empty() {
                Vec::new()
            } else {
                vec![AnnotationNode::Text(text.to_owned())]
            },
        }
    }

    /// The concatenated text of the element and its descendants (Textinhalt).
    pub fn text(&self) -> String {
        fn collect(e: &AnnotationElement, out: &mut String) {
            for c in &e.children {
                match c {
                    AnnotationNode::Text(t) => out.push_str(t),
                    AnnotationNode::Element(child) => collect(child, out),
                }
            }
        }
        let mut out = String::new();
        collect(self, &mut out);
        out
    }
}

/// An attribute of an [`AnnotationElement`] (Attribut).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnnotationAttribute {
    /// Namespace URI, `None` for an unqualified attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Local name.
    pub name: String,
    /// Value (references resolved).
    pub value: String,
}

/// A child of an [`AnnotationElement`] (Kindknoten).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum AnnotationNode {
    /// A child element.
    Element(AnnotationElement),
    /// Character data.
    Text(String),
}

/// The XÖV metadata of a code list (Metadaten nach XÖV-Codelisten-Handbuch), read from the
/// annotation whatever the generation of the metadata namespace: `xoev-cl-4` (handbook 1.x:
/// `shortName`, `codelistDescription`, `validFrom`, …), `xoev-cl-2` (`nameKurz`,
/// `beschreibung-codeliste`, `datumGueltigkeitAb`, …) and the first XÖV namespace
/// (`beschreibung`, `datumgueltigkeitab`). `None` where the list gives no value; the
/// annotation itself keeps every element, also those not named here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct XoevMetadata {
    /// Kurzname (`shortName`, `nameKurz`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Beschreibung der Codeliste (`codelistDescription`, `beschreibung-codeliste`, `beschreibung`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codelist_description: Option<String>,
    /// Beschreibung der Version (`versionDescription`, `beschreibung-versionCodeliste`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_description: Option<String>,
    /// Kurzname des Herausgebers (`agencyShortName`, `herausgebernameKurz`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_short_name: Option<String>,
    /// Gültig ab (`validFrom`, `datumGueltigkeitAb`, `datumgueltigkeitab`), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Version des XÖV-Handbuchs (`versionHandbook`, `versionXOEVHandbuch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_handbook: Option<String>,
}

/// Whether a namespace URI is one of the XÖV code-list metadata namespaces
/// (`http://xoev.de/schemata/genericode/N`, `http://www.xoev.de/schemata/xoev-gc-codelist-1_0`).
pub(crate) fn is_xoev_namespace(ns: &str) -> bool {
    ns.starts_with("http://xoev.de/schemata/genericode/")
        || ns.starts_with("http://www.xoev.de/schemata/")
}

impl XoevMetadata {
    /// Reads the metadata from the `Description` part of an annotation.
    pub fn from_annotation(annotation: &Annotation) -> Self {
        let find = |names: &[&str]| {
            annotation
                .description
                .iter()
                .filter(|e| e.namespace.as_deref().is_some_and(is_xoev_namespace))
                .find(|e| names.contains(&e.name.as_str()))
                .map(AnnotationElement::text)
        };
        XoevMetadata {
            short_name: find(&["shortName", "nameKurz"]),
            codelist_description: find(&[
                "codelistDescription",
                "beschreibung-codeliste",
                "beschreibung",
            ]),
            version_description: find(&["versionDescription", "beschreibung-versionCodeliste"]),
            agency_short_name: find(&["agencyShortName", "herausgebernameKurz"]),
            valid_from: find(&["validFrom", "datumGueltigkeitAb", "datumgueltigkeitab"]),
            version_handbook: find(&["versionHandbook", "versionXOEVHandbuch"]),
        }
    }
}
