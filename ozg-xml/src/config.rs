//! Reader configuration (Leserkonfiguration) with safe limits.

/// Limits of the hardened XML reader (Leserkonfiguration).
///
/// The defaults are safe for untrusted input and large enough for real XZuFi/PVOG exports:
///
/// | setting | default |
/// |---|---|
/// | [`max_depth`](Self::max_depth) | 256 |
/// | [`max_text_len`](Self::max_text_len) | 16 MiB |
/// | [`max_attr_len`](Self::max_attr_len) | 64 KiB |
/// | [`max_total_bytes`](Self::max_total_bytes) | 8 GiB |
///
/// DOCTYPEs and non-predefined entities are always rejected; that is not configurable.
///
/// ```
/// use ozg_xml::ReaderConfig;
/// let config = ReaderConfig::new().max_depth(64).max_text_len(1 << 20);
/// assert_eq!(config.get_max_depth(), 64);
/// assert_eq!(config.get_max_text_len(), 1 << 20);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderConfig {
    max_depth: usize,
    max_text_len: usize,
    max_attr_len: usize,
    max_total_bytes: u64,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            max_depth: 256,
            max_text_len: 16 * 1024 * 1024,
            max_attr_len: 64 * 1024,
            max_total_bytes: 8 * 1024 * 1024 * 1024,
        }
    }
}

impl ReaderConfig {
    /// The default configuration (same as [`Default::default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Maximum element nesting depth (Verschachtelungstiefe); the root element has depth 1.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Maximum length in bytes of one text node (Textknoten) after resolving references,
    /// CDATA sections included. Comments and processing instructions are bounded by the same value.
    pub fn max_text_len(mut self, len: usize) -> Self {
        self.max_text_len = len;
        self
    }

    /// Maximum length in bytes of one attribute value (Attributwert).
    pub fn max_attr_len(mut self, len: usize) -> Self {
        self.max_attr_len = len;
        self
    }

    /// Maximum size of the document in bytes (Dokumentgröße).
    pub fn max_total_bytes(mut self, bytes: u64) -> Self {
        self.max_total_bytes = bytes;
        self
    }

    /// The configured maximum depth.
    pub fn get_max_depth(&self) -> usize {
        self.max_depth
    }

    /// The configured maximum text length.
    pub fn get_max_text_len(&self) -> usize {
        self.max_text_len
    }

    /// The configured maximum attribute length.
    pub fn get_max_attr_len(&self) -> usize {
        self.max_attr_len
    }

    /// The configured maximum document size.
    pub fn get_max_total_bytes(&self) -> u64 {
        self.max_total_bytes
    }
}
