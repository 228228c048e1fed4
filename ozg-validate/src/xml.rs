//! Validation of XML (feature `xml`): documents of our own format (a dataset record by record,
//! any other document whole; every finding with line:column) and XZuFi 2.2 messages (object by
//! object).

use std::io::{BufRead, BufReader, Read};

use ozg_core::document::DocumentKind;
use ozg_xml::document::{DocumentReader, root_kind};
use ozg_xml::xzufi::{NS_XZUFI_2_2, XzufiReader};
use ozg_xml::{ReaderConfig, XmlError, XmlErrorKind};

use crate::codes::Code;
use crate::report::{Report, ValidationFinding};
use crate::stream::{Counter, InputLimits, StreamError, read_capped};
use crate::validator::Validator;
use crate::xml_dataset::DatasetEnd;

/// Whether an XML error stops reading (broken markup, limits, I/O, wrong root) rather than
/// rejecting one value or one XZuFi object.
pub(crate) fn is_fatal(e: &XmlError) -> bool {
    !matches!(
        e.kind(),
        XmlErrorKind::Invalid { .. }
            | XmlErrorKind::Missing { .. }
            | XmlErrorKind::UnexpectedElement { .. }
    )
}

/// The finding of an XML error, at its line and column; the element path ends the message.
pub(crate) fn xml_finding(code: Code, e: &XmlError) -> ValidationFinding {
    let mut message = e.kind().to_string();
    if let Some(path) = e.path().filter(|p| !p.is_empty()) {
        message.push_str(&format!(" (at {path})"));
    }
    let pointer = match e.kind() {
        XmlErrorKind::Invalid { field, .. } if field.starts_with('/') => field.clone(),
        _ => String::new(),
    };
    let f = ValidationFinding::new(code, pointer, message);
    if e.line() > 0 {
        f.at(e.line(), Some(e.column()))
    } else {
        f
    }
}

impl Validator {
    /// Validates an XML document of our own format: well-formedness and structure (`xml.syntax`,
    /// `xml.content`), then the JSON Schema and the semantic rules on what was read. Every finding
    /// carries its JSON pointer and the line and column of the element's start tag. A dataset is
    /// read record by record, the positions recorded in the same pass (its header's schema
    /// findings come after the records'); the positions of any other document's findings are
    /// found together in one more pass over the bytes (none when it is valid). With `kind` given,
    /// another root element is an `xml.syntax` finding.
    ///
    /// ```
    /// use ozg_validate::Validator;
    /// let xml = ozg_xml::document::to_xml_string(&ozg_core::dataset::Dataset::example())?;
    /// let bad = xml.replacen("<url>https://", "<url>ftp://", 1);
    /// let report = Validator::shared()?.validate_xml(None, bad.as_bytes());
    /// let f = report.findings.iter().find(|f| f.code.as_str().ends_with("https")).expect("found");
    /// assert!(f.line.is_some_and(|l| l > 1) && f.pointer.ends_with("/url"), "{f}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_xml(&self, kind: Option<DocumentKind>, xml: &[u8]) -> Report {
        self.validate_xml_with(kind, xml, ReaderConfig::default())
    }

    /// [`Validator::validate_xml`] with the reader's limits.
    pub fn validate_xml_with(
        &self,
        kind: Option<DocumentKind>,
        xml: &[u8],
        config: ReaderConfig,
    ) -> Report {
        if Self::is_xml_dataset(kind, xml) {
            let mut findings = Vec::new();
            let end = self.xml_dataset_stream(xml, config, &mut |f| {
                findings.push(f);
                Ok::<_, std::convert::Infallible>(())
            });
            if let DatasetEnd::Io(e) = &end {
                // Not from a byte slice; reported rather than lost all the same.
                let message = format!("cannot read the input: {e}");
                findings.push(ValidationFinding::new(Code::XmlSyntax, "", message));
            }
            let schema_valid = matches!(end, DatasetEnd::Done { schema_valid: true });
            return Report::new(Some(DocumentKind::Dataset), findings, schema_valid);
        }
        let reader = DocumentReader::with_config(config);
        let (found, value) = match reader.read_json(xml) {
            Ok(v) => v,
            Err(e) => {
                let code = if is_fatal(&e) {
                    Code::XmlSyntax
                } else {
                    Code::XmlContent
                };
                return Report::new(kind, vec![xml_finding(code, &e)], false);
            }
        };
        if let Some(k) = kind.filter(|k| *k != found) {
            let f = ValidationFinding::new(
                Code::XmlSyntax,
                "",
                format!(
                    "expected the root element ozg:{}, found ozg:{}",
                    k.root_element(),
                    found.root_element()
                ),
            )
            .at(1, None);
            return Report::new(Some(k), vec![f], false);
        }
        let mut report = self.validate_value(found, &value);
        drop(value);
        if !report.findings.is_empty() {
            let pointers: Vec<&str> = report.findings.iter().map(|f| f.pointer.as_str()).collect();
            let positions = reader.positions_of(xml, &pointers);
            for (f, at) in report.findings.iter_mut().zip(positions) {
                if let Some(at) = at {
                    f.line = Some(at.line);
                    f.column = Some(at.column);
                }
            }
        }
        report
    }

    /// [`Validator::validate_xml_with`] reading from `input`: a dataset is validated record by
    /// record as it is read (never held whole); any other document is read whole, at most the
    /// reader's total size limit. Errors reading the input are the `Err`; everything wrong with
    /// its content is a finding.
    ///
    /// ```
    /// use ozg_validate::Validator;
    /// let xml = ozg_xml::document::to_xml_string(&ozg_core::dataset::Dataset::example())?;
    /// let report = Validator::shared()?.validate_xml_reader(None, xml.as_bytes(), Default::default())?;
    /// assert!(report.is_valid(), "{report}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_xml_reader<R: Read>(
        &self,
        kind: Option<DocumentKind>,
        input: R,
        config: ReaderConfig,
    ) -> std::io::Result<Report> {
        let mut input = BufReader::with_capacity(1 << 16, input);
        let head = input.fill_buf()?;
        if !Self::is_xml_dataset(kind, head) {
            let bytes = read_capped(input, config.get_max_total_bytes()).map_err(|e| match e {
                StreamError::Io(e) => e,
                other => std::io::Error::other(other.to_string()),
            })?;
            return Ok(self.validate_xml_with(kind, &bytes, config));
        }
        let mut findings = Vec::new();
        let end = self.xml_dataset_stream(input, config, &mut |f| {
            findings.push(f);
            Ok::<_, std::convert::Infallible>(())
        });
        if let DatasetEnd::Io(e) = end {
            return Err(e);
        }
        let schema_valid = matches!(end, DatasetEnd::Done { schema_valid: true });
        Ok(Report::new(
            Some(DocumentKind::Dataset),
            findings,
            schema_valid,
        ))
    }

    /// Whether a document of our XML beginning with `head` is validated record by record: its
    /// root is a dataset, and `kind` admits one.
    fn is_xml_dataset(kind: Option<DocumentKind>, head: &[u8]) -> bool {
        kind.is_none_or(|k| k == DocumentKind::Dataset)
            && root_kind(head) == Some(DocumentKind::Dataset)
    }

    /// XML input of [`Validator::validate_stream`]: an XZuFi message (told from its namespace in
    /// the first 64 KiB) is read object by object, a dataset of our format record by record; any
    /// other document of our format is read whole.
    pub(crate) fn xml_stream<R: Read>(
        &self,
        kind: Option<DocumentKind>,
        input: R,
        limits: InputLimits,
        out: &mut Counter<'_, '_>,
    ) -> Result<(), StreamError> {
        let mut input = BufReader::with_capacity(1 << 16, input);
        let head = input.fill_buf().map_err(StreamError::Io)?;
        let is_xzufi = memchr_find(head, NS_XZUFI_2_2.as_bytes());
        let config = ReaderConfig::default().max_total_bytes(limits.max_total_bytes);
        if is_xzufi && kind.is_none() {
            return xzufi_stream(input, config, out);
        }
        if Self::is_xml_dataset(kind, head) {
            out.summary.documents += 1;
            return match self.xml_dataset_stream(input, config, &mut |f| out.push(f)) {
                DatasetEnd::Done { .. } => Ok(()),
                DatasetEnd::Sink(e) => Err(e),
                DatasetEnd::Io(e) => Err(StreamError::Io(e)),
            };
        }
        let bytes = read_capped(input, limits.max_total_bytes)?;
        out.summary.documents += 1;
        for f in self.validate_xml_with(kind, &bytes, config).findings {
            out.push(f)?;
        }
        Ok(())
    }
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Reads an XZuFi message object by object: an unreadable object is an `xzufi.invalid_object`
/// finding and reading goes on; broken XML ends it with an `xml.syntax` finding.
fn xzufi_stream<R: Read>(
    input: R,
    config: ReaderConfig,
    out: &mut Counter<'_, '_>,
) -> Result<(), StreamError> {
    let reader = match XzufiReader::new(input, config) {
        Ok(r) => r,
        Err(e) => return io_or_finding(e, out),
    };
    for item in reader {
        match item {
            Ok(_) => out.summary.documents += 1,
            Err(e) if is_fatal(&e) => return io_or_finding(e, out),
            Err(e) => {
                out.summary.documents += 1;
                out.push(xml_finding(Code::XzufiInvalidObject, &e))?;
            }
        }
    }
    Ok(())
}

fn io_or_finding(e: XmlError, out: &mut Counter<'_, '_>) -> Result<(), StreamError> {
    match e.kind() {
        XmlErrorKind::Io(io) => Err(StreamError::Io(std::io::Error::new(
            io.kind(),
            io.to_string(),
        ))),
        _ => out.push(xml_finding(Code::XmlSyntax, &e)),
    }
}
