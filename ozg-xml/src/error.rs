//! Errors of the XML layer (XML-Fehler): every error carries a line, a column and, where useful,
//! the element path.

use std::fmt;

/// A configured reader limit (Leselimit) that a document exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// Maximum nesting depth of elements (Verschachtelungstiefe).
    Depth,
    /// Maximum length of one text node in bytes (Textlänge).
    TextLength,
    /// Maximum length of one attribute value in bytes (Attributlänge).
    AttributeLength,
    /// Maximum size of the whole document in bytes (Dokumentgröße).
    TotalBytes,
}

impl Limit {
    /// The name of the [`ReaderConfig`](crate::ReaderConfig) setting behind this limit.
    pub fn setting(self) -> &'static str {
        match self {
            Limit::Depth => "max_depth",
            Limit::TextLength => "max_text_len",
            Limit::AttributeLength => "max_attr_len",
            Limit::TotalBytes => "max_total_bytes",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.setting())
    }
}

/// The description of a well-formedness error (Syntaxfehler): a human-readable message, not a
/// stable kind (see [`XmlErrorKind::Syntax`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    message: String,
}

impl SyntaxError {
    /// Human-readable description, e.g. `end tag </b> does not match start tag <a>`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// What went wrong (Fehlerart) in an [`XmlError`].
///
/// Two families: errors of the document as XML (`Syntax`, `Doctype`, `Entity`, `LimitExceeded`,
/// `Io`, and the document-level `WrongNamespace`/`WrongVersion`), after which nothing more can be
/// read ([`XmlError::is_fatal`]), and content errors (`UnexpectedElement`, `Missing`, `Invalid`)
/// of one record of a well-formed document, after which a streaming reader goes on with the next
/// record ([`XmlError::is_content_error`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum XmlErrorKind {
    /// The document is not well-formed XML (Syntaxfehler): mismatched or missing end tags, several
    /// root elements, an unclosed root at the end of the input, duplicate attributes, invalid UTF-8,
    /// characters not allowed in XML 1.0, an undeclared namespace prefix, …
    ///
    /// What exactly is wrong is only described ([`SyntaxError::message`]), not a kind to match on:
    /// the reader's checks are refined over time.
    Syntax(SyntaxError),
    /// The document contains a document type declaration (`<!DOCTYPE …>`, DTD). DTDs are never
    /// processed: they are the vehicle of entity expansion and external fetches.
    Doctype,
    /// An entity reference other than the five predefined ones (`&lt; &gt; &amp; &apos; &quot;`)
    /// or a malformed character reference (Entitätsreferenz).
    Entity {
        /// The reference as written, without `&` and `;`.
        name: String,
    },
    /// A configured limit was exceeded (Limit überschritten).
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// The configured maximum.
        max: u64,
        /// The value found (at least this much; reading stops at the first excess).
        value: u64,
    },
    /// An element appeared where another was expected (unerwartetes Element).
    UnexpectedElement {
        /// What the reader expected.
        expected: String,
        /// What it found (`{namespace}local` or `end of input`).
        found: String,
    },
    /// An element is in the wrong XML namespace (falscher Namensraum).
    WrongNamespace {
        /// The expected namespace URI.
        expected: String,
        /// The namespace found (empty when none).
        found: String,
    },
    /// The document declares an unsupported version of the standard (falsche Version), e.g. an
    /// `xzufiVersion` other than `2.2.0`.
    WrongVersion {
        /// The supported version.
        expected: String,
        /// The version found (empty when the attribute is missing).
        found: String,
    },
    /// A required element or attribute is missing (Pflichtangabe fehlt).
    Missing {
        /// Name of the missing element or attribute.
        name: String,
    },
    /// A value did not parse into its domain type (ungültiger Wert), e.g. a LeiKa key or a Gebiet URN.
    Invalid {
        /// The element or attribute holding the value.
        field: String,
        /// The offending value.
        value: String,
        /// The domain error (usually an [`ozg_core::id::IdError`]).
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// Reading from or writing to the underlying stream failed (E/A-Fehler).
    Io(std::io::Error),
}

/// An error of the XML reader or writer (XML-Fehler) with its position.
///
/// `line()` and `column()` are 1-based; the column counts bytes from the start of the line.
/// Errors of the writer have no position (line and column 0).
///
/// The error is one pointer wide (its details live on the heap), so the reader's `Result`s stay
/// small on the hot path.
#[derive(Debug)]
pub struct XmlError {
    inner: Box<Inner>,
}

#[derive(Debug)]
struct Inner {
    kind: XmlErrorKind,
    line: u64,
    column: u64,
    path: Option<String>,
    /// Raised at the document level (the root element or outside it): no next record to go on
    /// with.
    top_level: bool,
}

impl XmlError {
    pub(crate) fn new(kind: XmlErrorKind) -> Self {
        XmlError {
            inner: Box::new(Inner {
                kind,
                line: 0,
                column: 0,
                path: None,
                top_level: false,
            }),
        }
    }

    pub(crate) fn at(mut self, line: u64, column: u64) -> Self {
        self.inner.line = line;
        self.inner.column = column;
        self
    }

    pub(crate) fn with_path(mut self, path: &str) -> Self {
        if !path.is_empty() {
            self.inner.path = Some(path.to_owned());
        }
        self
    }

    pub(crate) fn syntax(message: impl Into<String>) -> Self {
        Self::new(XmlErrorKind::syntax(message))
    }

    pub(crate) fn top_level(mut self, top_level: bool) -> Self {
        self.inner.top_level = top_level;
        self
    }

    /// Whether the error ends the read (Abbruchfehler): the document is not well-formed XML, has
    /// a DOCTYPE or an unknown entity, exceeds a limit, is in the wrong namespace or version, the
    /// stream failed, or a content error concerns the root element itself (a wrong root, a
    /// missing child of the root: there is no next record). Decided here once for every caller.
    ///
    /// ```
    /// use ozg_xml::{ReaderConfig, check_well_formed};
    /// let e = check_well_formed("<a></b>".as_bytes(), ReaderConfig::default()).unwrap_err();
    /// assert!(e.is_fatal() && !e.is_content_error());
    /// ```
    pub fn is_fatal(&self) -> bool {
        !self.is_content_error() || self.inner.top_level
    }

    /// Whether the error concerns the content of a well-formed document (Inhaltsfehler: an
    /// unexpected or missing element, an invalid value) rather than its syntax. Unless it is also
    /// [fatal](Self::is_fatal), a streaming reader (e.g.
    /// [`XzufiReader`](crate::xzufi::XzufiReader)) reports it and goes on with the next record.
    pub fn is_content_error(&self) -> bool {
        matches!(
            self.inner.kind,
            XmlErrorKind::UnexpectedElement { .. }
                | XmlErrorKind::Missing { .. }
                | XmlErrorKind::Invalid { .. }
        )
    }

    /// What went wrong.
    pub fn kind(&self) -> &XmlErrorKind {
        &self.inner.kind
    }

    /// Consumes the error and returns what went wrong.
    pub fn into_kind(self) -> XmlErrorKind {
        self.inner.kind
    }

    /// 1-based line of the error (0 when the error has no position, e.g. from a writer).
    pub fn line(&self) -> u64 {
        self.inner.line
    }

    /// 1-based column (bytes from the start of the line) of the error (0 when unknown).
    pub fn column(&self) -> u64 {
        self.inner.column
    }

    /// The element path at the error, e.g. `/xzufi:nachricht/schreibe/leistung/id`, when known.
    pub fn path(&self) -> Option<&str> {
        self.inner.path.as_deref()
    }
}

impl XmlErrorKind {
    pub(crate) fn syntax(message: impl Into<String>) -> Self {
        XmlErrorKind::Syntax(SyntaxError {
            message: message.into(),
        })
    }
}

impl fmt::Display for XmlErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlErrorKind::Syntax(e) => write!(f, "not well-formed XML: {e}"),
            XmlErrorKind::Doctype => f.write_str(
                "document type declarations (DOCTYPE/DTD) are not allowed: DTDs are never processed",
            ),
            XmlErrorKind::Entity { name } if name.starts_with('#') => write!(
                f,
                "character reference `&{name};` is not allowed: it does not denote a character allowed in XML 1.0"
            ),
            XmlErrorKind::Entity { name } => write!(
                f,
                "entity reference `&{name};` is not allowed: only &lt; &gt; &amp; &apos; &quot; and character references are accepted"
            ),
            XmlErrorKind::LimitExceeded { limit, max, value } => write!(
                f,
                "limit {limit} exceeded: found {value}, maximum {max} (raise it with ReaderConfig::{limit})"
            ),
            XmlErrorKind::UnexpectedElement { expected, found } => {
                write!(f, "unexpected {found}, expected {expected}")
            }
            XmlErrorKind::WrongNamespace { expected, found } => {
                write!(f, "wrong namespace \"{found}\", expected \"{expected}\"")
            }
            XmlErrorKind::WrongVersion { expected, found } => {
                write!(f, "unsupported version \"{found}\", expected \"{expected}\"")
            }
            XmlErrorKind::Missing { name } => write!(f, "required `{name}` is missing"),
            XmlErrorKind::Invalid {
                field,
                value,
                source,
            } => write!(f, "invalid value \"{value}\" in `{field}`: {source}"),
            XmlErrorKind::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.inner;
        if e.line > 0 {
            write!(f, "line {}, column {}: ", e.line, e.column)?;
        }
        write!(f, "{}", e.kind)?;
        if let Some(p) = &e.path {
            write!(f, " (at {p})")?;
        }
        Ok(())
    }
}

impl std::error::Error for XmlError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.kind {
            XmlErrorKind::Invalid { source, .. } => Some(source.as_ref()),
            XmlErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for XmlError {
    fn from(e: std::io::Error) -> Self {
        XmlError::new(XmlErrorKind::Io(e))
    }
}
