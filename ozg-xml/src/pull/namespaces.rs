//! Namespace resolution of the pull parser (Namensräume): prefixes bound on a scoped stack,
//! a tag's namespace an index into it; the constraints of Namespaces in XML 1.0 (reserved
//! prefixes, no undeclared prefixes, no empty prefix bindings, unique expanded attribute names).

use std::io::Read;
use std::ops::Range;

use super::{AttrRec, PullParser};
use crate::error::{Limit, XmlError, XmlErrorKind};
use crate::tokenizer::eq_bytes;

/// Namespace URI bound to the `xml` prefix (always in scope).
pub(super) const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";
/// Namespace URI of namespace declarations (the `xmlns` prefix).
pub(super) const NS_XMLNS: &str = "http://www.w3.org/2000/xmlns/";
/// In-scope namespace declarations allowed at once (bounds memory and the cost of resolution).
pub(super) const MAX_NS_BINDINGS: usize = 1024;

/// One namespace declaration in scope (Namensraumbindung): prefix and URI stored in `ns_buf`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Binding {
    pub(super) start: usize,
    pub(super) prefix_len: usize,
    pub(super) uri_len: usize,
}

impl<R: Read> PullParser<R> {
    /// Resolves the namespaces of the start tag the tokenizer has put into `tag`.
    pub(super) fn store_start(&mut self, start: u64) -> Result<(), XmlError> {
        self.attrs.clear();
        self.tag_local_in_path = false;
        let name = self.tag.name.clone();
        let prefix = match self.tag.colon {
            Some(c) => {
                self.tag_local = c + 1..name.end;
                name.start..c
            }
            None => {
                self.tag_local = name.clone();
                0..0
            }
        };
        // One pass: check every attribute, bind the namespace declarations, keep the others with
        // their prefix; the prefixes are resolved once all declarations of the tag are known.
        for i in 0..self.tag.attrs.len() {
            let a = self.tag.attrs[i].clone();
            let value_len = a.value.len();
            if value_len > self.config.get_max_attr_len() {
                return Err(self.error_at(
                    XmlErrorKind::LimitExceeded {
                        limit: Limit::AttributeLength,
                        max: self.config.get_max_attr_len() as u64,
                        value: value_len as u64,
                    },
                    start,
                ));
            }
            let key = &self.tag.buf.as_bytes()[a.name.clone()];
            if key.starts_with(b"xmlns") {
                match a.colon {
                    None if key.len() == 5 => {
                        self.bind(0..0, a.value, start)?;
                        continue;
                    }
                    Some(c) if c == a.name.start + 5 => {
                        self.bind(c + 1..a.name.end, a.value, start)?;
                        continue;
                    }
                    _ => {}
                }
            }
            let (p, l) = match a.colon {
                Some(c) => (a.name.start..c, c + 1..a.name.end),
                None => (0..0, a.name.clone()),
            };
            self.attrs.push(AttrRec {
                prefix: p,
                ns: None,
                local: l,
                value: a.value,
            });
        }
        if &self.tag.buf[prefix.clone()] == "xmlns" {
            return Err(self.error_at(
                XmlErrorKind::syntax("the prefix \"xmlns\" is not allowed on an element name"),
                start,
            ));
        }
        self.tag_ns = match self.resolve(&self.tag.buf[prefix.clone()], true) {
            Some(ns) => ns,
            None => {
                let p = &self.tag.buf[prefix];
                return Err(self.error_at(
                    XmlErrorKind::syntax(format!("undeclared namespace prefix \"{p}\"")),
                    start,
                ));
            }
        };
        for i in 0..self.attrs.len() {
            let range = self.attrs[i].prefix.clone();
            if range.is_empty() {
                continue;
            }
            match self.resolve(&self.tag.buf[range.clone()], false) {
                Some(ns) => self.attrs[i].ns = ns,
                None => {
                    let p = &self.tag.buf[range];
                    return Err(self.error_at(
                        XmlErrorKind::syntax(format!(
                            "undeclared namespace prefix \"{p}\" on an attribute"
                        )),
                        start,
                    ));
                }
            }
        }
        self.check_expanded_names(start)
    }

    /// Namespaces in XML 1.0, section 6.3: no two attributes of a tag have the same expanded
    /// name (namespace and local name). Names as written were checked by the tokenizer, so only
    /// prefixed attributes with different prefixes can collide.
    pub(super) fn check_expanded_names(&self, start: u64) -> Result<(), XmlError> {
        let qualified = self.attrs.iter().filter(|a| a.ns.is_some()).count();
        if qualified < 2 {
            return Ok(());
        }
        let key = |a: &AttrRec| (a.ns.map(|i| self.ns_uri(i)), &self.tag.buf[a.local.clone()]);
        // Pairwise for the usual few, a hash set beyond (pairwise is quadratic).
        let mut seen = std::collections::HashSet::new();
        let prefixed = || self.attrs.iter().filter(|a| a.ns.is_some());
        for (i, a) in prefixed().enumerate() {
            let (ns, local) = key(a);
            let dup = if qualified < 16 {
                prefixed().take(i).any(|b| key(b) == (ns, local))
            } else {
                !seen.insert((ns, local))
            };
            if dup {
                return Err(self.error_at(
                    XmlErrorKind::syntax(format!(
                        "duplicate attribute {{{}}}{local}: two prefixes of the same namespace",
                        ns.unwrap_or("")
                    )),
                    start,
                ));
            }
        }
        Ok(())
    }

    /// Declares `prefix` (empty: the default namespace) as `uri` for the current element.
    pub(super) fn bind(
        &mut self,
        prefix: Range<usize>,
        uri: Range<usize>,
        start: u64,
    ) -> Result<(), XmlError> {
        let prefix = &self.tag.buf[prefix];
        let uri = &self.tag.buf[uri];
        let message = match prefix {
            "xml" if uri != NS_XML => {
                Some(format!("the prefix \"xml\" cannot be bound to \"{uri}\""))
            }
            "xml" => return Ok(()),
            "xmlns" => Some("the prefix \"xmlns\" cannot be declared".to_owned()),
            // Namespaces in XML 1.0 (section 5): only the default namespace can be undeclared.
            p if !p.is_empty() && uri.is_empty() => Some(format!(
                "the prefix \"{p}\" cannot be bound to an empty namespace name"
            )),
            _ if uri == NS_XML || uri == NS_XMLNS => Some(format!(
                "the namespace \"{uri}\" cannot be bound to a prefix other than its reserved one"
            )),
            _ if self.bindings.len() >= MAX_NS_BINDINGS + 2 => Some(format!(
                "more than {MAX_NS_BINDINGS} namespace declarations in scope"
            )),
            _ => None,
        };
        if let Some(message) = message {
            return Err(self.error_at(XmlErrorKind::syntax(message), start));
        }
        self.bindings_changed();
        self.bindings.push(Binding {
            start: self.ns_buf.len(),
            prefix_len: prefix.len(),
            uri_len: uri.len(),
        });
        self.ns_buf.push_str(prefix);
        self.ns_buf.push_str(uri);
        Ok(())
    }

    /// Resolves a prefix to a binding: `Some(None)` for no namespace (no prefix and no default
    /// namespace, or no prefix on an attribute), `None` for an undeclared prefix.
    pub(super) fn resolve(&self, prefix: &str, use_default: bool) -> Option<Option<u32>> {
        if prefix.is_empty() && !use_default {
            return Some(None);
        }
        let cached = self.resolve_cache.get();
        if let Some(b) = self.bindings.get(cached as usize)
            && eq_bytes(
                &self.ns_buf.as_bytes()[b.start..b.start + b.prefix_len],
                prefix.as_bytes(),
            )
        {
            // Only bindings with a URI are cached, and the cache is reset whenever a binding is
            // added or goes out of scope, so no inner binding can shadow this one.
            return Some(Some(cached));
        }
        for (i, b) in self.bindings.iter().enumerate().rev() {
            if eq_bytes(
                &self.ns_buf.as_bytes()[b.start..b.start + b.prefix_len],
                prefix.as_bytes(),
            ) {
                return if b.uri_len == 0 {
                    // `xmlns=""` undeclares the default namespace; `xmlns:p=""` unbinds `p`.
                    if prefix.is_empty() { Some(None) } else { None }
                } else {
                    self.resolve_cache.set(i as u32);
                    Some(Some(i as u32))
                };
            }
        }
        if prefix.is_empty() { Some(None) } else { None }
    }

    /// The namespace URI a QName in content (e.g. the value of `xsi:type`) names with its prefix,
    /// the default namespace for none; `None` for an undeclared prefix or no namespace.
    pub(crate) fn qname_namespace(&self, qname: &str) -> Option<&str> {
        let prefix = qname.split_once(':').map_or("", |(p, _)| p);
        match self.resolve(prefix, true) {
            Some(Some(i)) => Some(self.ns_uri(i)),
            _ => None,
        }
    }

    /// Forgets the caches that depend on the binding stack.
    pub(super) fn bindings_changed(&self) {
        self.resolve_cache.set(u32::MAX);
        self.ns_cache.set((u32::MAX, 0, 0, false));
    }

    /// Whether the current tag's namespace is `ns`. `ns` is a constant (`'static`, so its address
    /// identifies its content) and the result is cached per binding and constant.
    pub(super) fn ns_equals(&self, ns: &'static str) -> bool {
        let Some(i) = self.tag_ns else {
            return false;
        };
        let key = (i, ns.as_ptr() as usize, ns.len());
        let (ci, cp, cl, hit) = self.ns_cache.get();
        if (ci, cp, cl) == key {
            return hit;
        }
        let hit = self.ns_uri(i) == ns;
        self.ns_cache.set((key.0, key.1, key.2, hit));
        hit
    }

    /// The URI of namespace binding `i`.
    pub(super) fn ns_uri(&self, i: u32) -> &str {
        match self.bindings.get(i as usize) {
            Some(b) => {
                let s = b.start + b.prefix_len;
                &self.ns_buf[s..s + b.uri_len]
            }
            None => "",
        }
    }
}
