//! The document kind named by the first element of an XML text, told from its first bytes
//! (Dokumentart erkennen), to choose a reader before reading.

use super::DocumentKind;

/// The document kind whose root element (by its local name, any prefix) is the first element
/// of `head` — the first bytes of a document, e.g. a peeked read buffer. `None` when `head`
/// holds no complete start tag name, when something other than the XML declaration, processing
/// instructions, comments and white space comes first (a DOCTYPE, say), or when the name is none
/// of ours. The namespace is not checked here: the reader checks it.
///
/// ```
/// use ozg_xml::document::{DocumentKind, root_kind};
/// let head = b"<?xml version=\"1.0\"?>\n<!-- export -->\n<ozg:dataset xmlns:ozg=\"urn:ozg-rs:schema:ozg:1\">";
/// assert_eq!(root_kind(head), Some(DocumentKind::Dataset));
/// assert_eq!(root_kind(b"<!DOCTYPE x><dataset/>"), None);
/// assert_eq!(root_kind(b"<data"), None); // the name may go on
/// ```
pub fn root_kind(head: &[u8]) -> Option<DocumentKind> {
    let mut rest = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let skip_past = |r: &[u8], end: &[u8]| -> Option<usize> {
        r.windows(end.len())
            .position(|w| w == end)
            .map(|i| i + end.len())
    };
    loop {
        while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = rest {
            rest = tail;
        }
        if rest.starts_with(b"<?") {
            rest = &rest[skip_past(rest, b"?>")?..];
        } else if rest.starts_with(b"<!--") {
            rest = &rest[skip_past(rest, b"-->")?..];
        } else if let [b'<', tail @ ..] = rest {
            let end = tail
                .iter()
                .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/'))?;
            let qname = &tail[..end];
            let local = qname
                .iter()
                .position(|&b| b == b':')
                .map_or(qname, |i| &qname[i + 1..]);
            return DocumentKind::ALL
                .iter()
                .copied()
                .find(|k| k.root_element().as_bytes() == local);
        } else {
            return None;
        }
    }
}
