//! Elements the typed model does not cover (nicht modellierte Elemente), kept as a namespace-aware
//! tree so that nothing is dropped without a trace and a writer can emit them again.

/// An element kept as it was read (unmodelliertes Element): namespace, local name, attributes
/// and children. Whitespace-only text between child elements is not kept.
///
/// Attribute values holding QNames (e.g. `xsi:type="p:T"`) keep their prefix as written; the
/// prefix binding itself is not recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawElement {
    /// Namespace URI (Namensraum), `None` for an unqualified element.
    pub namespace: Option<String>,
    /// Local name (lokaler Name).
    pub name: String,
    /// Attributes other than namespace declarations.
    pub attributes: Vec<RawAttribute>,
    /// Child elements and text, in document order.
    pub children: Vec<RawNode>,
}

/// An attribute of a [`RawElement`] (Attribut).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawAttribute {
    /// Namespace URI, `None` for an unqualified attribute.
    pub namespace: Option<String>,
    /// Local name.
    pub name: String,
    /// Value after reference resolution and attribute-value normalisation.
    pub value: String,
}

/// A child element the typed model does not cover, kept as read (unmodelliertes Kindelement),
/// with its place among its siblings: a writer puts it back after the same number of modelled
/// children, so the written document keeps the order of the one read (and its schema's
/// sequence). Dereferences to the [`RawElement`]; its JSON form is the element's with `after`.
///
/// ```
/// use ozg_xml::{KeptChild, RawElement};
/// let e = RawElement { namespace: None, name: "x".into(), attributes: vec![], children: vec![] };
/// let kept = KeptChild::from(e);
/// assert_eq!((kept.name.as_str(), kept.after), ("x", None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeptChild {
    /// How many modelled child elements of the parent come before it; `None` (e.g. for a child
    /// added by a program): after all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<usize>,
    /// The element.
    #[serde(flatten)]
    pub element: RawElement,
}

impl From<RawElement> for KeptChild {
    fn from(element: RawElement) -> Self {
        KeptChild {
            after: None,
            element,
        }
    }
}

impl std::ops::Deref for KeptChild {
    type Target = RawElement;

    fn deref(&self) -> &RawElement {
        &self.element
    }
}

/// A child of a [`RawElement`] (Kindknoten).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RawNode {
    /// A child element.
    Element(RawElement),
    /// Character data (references resolved, CDATA merged).
    Text(String),
}

impl RawElement {
    /// The concatenated text of this element and all its descendants (Textinhalt).
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for c in &self.children {
            match c {
                RawNode::Text(t) => out.push_str(t),
                RawNode::Element(e) => e.collect_text(out),
            }
        }
    }

    /// The first child element with this local name (any namespace).
    pub fn child(&self, name: &str) -> Option<&RawElement> {
        self.children.iter().find_map(|c| match c {
            RawNode::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    /// Serialises the element as a self-contained XML fragment (namespace prefixes `n0`, `n1`, …
    /// are declared where needed).
    ///
    /// ```
    /// use ozg_xml::{RawElement, RawNode};
    /// let e = RawElement {
    ///     namespace: Some("urn:example".into()),
    ///     name: "x".into(),
    ///     attributes: vec![],
    ///     children: vec![RawNode::Text("a < b".into())],
    /// };
    /// assert_eq!(e.to_xml_string(), r#"<n0:x xmlns:n0="urn:example">a &lt; b</n0:x>"#);
    /// ```
    pub fn to_xml_string(&self) -> String {
        let mut w = crate::writer::XmlWriter::new(Vec::new());
        // Writing to a Vec cannot fail.
        let _ = w.raw_element(self);
        String::from_utf8(w.into_inner()).unwrap_or_default()
    }
}
