//! `ozg convert` (JSON ⇄ our XML) and `ozg xzufi` (XZuFi 2.2 objects as NDJSON), plus XML validation for
//! `ozg validate`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::Path;

use ozg_core::finding::Severity;
use ozg_validate::{DocumentKind, Validator};
use ozg_xml::document::{AnyDocument, DocumentReader, DocumentType};
use ozg_xml::xzufi::{XzufiObject, XzufiReader};
use ozg_xml::{ReaderConfig, XmlError, XmlErrorKind};
use serde_json::Value;

use crate::validate::{Location, Row};
use crate::{CliError, Outcome};

/// A data format of `ozg convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DataFormat {
    /// JSON (the serde form of the model; what the JSON Schemas describe).
    Json,
    /// Our XML format (namespace `urn:ozg-rs:schema:ozg:1`, XSD `schemas/ozg.xsd`).
    Xml,
}

fn format_of(path: &Path, given: Option<DataFormat>, role: &str) -> Result<DataFormat, CliError> {
    if let Some(f) = given {
        return Ok(f);
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => Ok(DataFormat::Json),
        Some("xml") => Ok(DataFormat::Xml),
        _ => Err(CliError::Usage(format!(
            "cannot tell the {role} format of {} from its extension; use --{} json|xml",
            path.display(),
            if role == "input" { "from" } else { "to" }
        ))),
    }
}

/// `FILE:LINE:COLUMN: what (at element path)` — the position once, in the form editors jump to.
fn xml_error(file: &str, e: &XmlError) -> String {
    let mut s = format!("{file}:{}:{}: {}", e.line(), e.column(), e.kind());
    if let Some(path) = e.path().filter(|p| !p.is_empty()) {
        s.push_str(&format!(" (at {path})"));
    }
    s
}

/// Maps a document type of our XML format to the validator's document kind.
fn kind_of(doc_type: DocumentType) -> DocumentKind {
    match doc_type {
        DocumentType::Dataset => DocumentKind::Dataset,
        DocumentType::Catalogue => DocumentKind::Catalogue,
        DocumentType::Agreement => DocumentKind::Agreement,
        DocumentType::RolloutEntry => DocumentKind::RolloutEntry,
        DocumentType::Onlinedienst => DocumentKind::Onlinedienst,
        DocumentType::DeliveryChannel => DocumentKind::DeliveryChannel,
    }
}

fn doc_type_of(value: &Value) -> Option<DocumentType> {
    match DocumentKind::detect(value)? {
        DocumentKind::Dataset => Some(DocumentType::Dataset),
        DocumentKind::Catalogue => Some(DocumentType::Catalogue),
        DocumentKind::Agreement => Some(DocumentType::Agreement),
        DocumentKind::RolloutEntry => Some(DocumentType::RolloutEntry),
        DocumentKind::Onlinedienst => Some(DocumentType::Onlinedienst),
        DocumentKind::DeliveryChannel => Some(DocumentType::DeliveryChannel),
        _ => None,
    }
}

/// Deserialises a JSON value into the document type; errors name the JSON pointer.
fn typed(doc_type: DocumentType, value: Value) -> Result<AnyDocument, String> {
    fn de<T: serde::de::DeserializeOwned>(value: Value) -> Result<Box<T>, String> {
        serde_path_to_error::deserialize::<_, T>(value)
            .map(Box::new)
            .map_err(|e| {
                let pointer = ozg_core::finding::pointer_from_path(e.path());
                format!(
                    "at {}: {}",
                    if pointer.is_empty() { "/" } else { &pointer },
                    e.inner()
                )
            })
    }
    Ok(match doc_type {
        DocumentType::Dataset => AnyDocument::Dataset(de(value)?),
        DocumentType::Catalogue => AnyDocument::Catalogue(de(value)?),
        DocumentType::Agreement => AnyDocument::Agreement(de(value)?),
        DocumentType::RolloutEntry => AnyDocument::RolloutEntry(de(value)?),
        DocumentType::Onlinedienst => AnyDocument::Onlinedienst(de(value)?),
        DocumentType::DeliveryChannel => AnyDocument::DeliveryChannel(de(value)?),
    })
}

/// `ozg convert IN OUT`: JSON ⇄ our XML. `-` is stdin or stdout.
pub(crate) fn convert(
    input: &Path,
    output: &Path,
    from: Option<DataFormat>,
    to: Option<DataFormat>,
    stdout: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let from = format_of(input, from, "input")?;
    let to = format_of(output, to, "output")?;
    let text = crate::read_text(input)?;
    let name = input.display().to_string();
    // Read into the typed model, so that only valid documents are converted (an invalid identifier or
    // code is an error with its location, not silently carried over).
    let doc = match from {
        DataFormat::Xml => DocumentReader::new()
            .read_any_str(&text)
            .map_err(|e| CliError::Input(xml_error(&name, &e)))?,
        DataFormat::Json => {
            let value: Value = serde_json::from_str(&text).map_err(|e| {
                CliError::Input(format!(
                    "{name}:{}:{}: not well-formed JSON: {e}",
                    e.line(),
                    e.column()
                ))
            })?;
            let doc_type = doc_type_of(&value).ok_or_else(|| {
                CliError::Input(format!(
                    "{name}: cannot tell which document type this JSON is (dataset, catalogue, agreement, \
                     rollout entry, onlinedienst, delivery channel)"
                ))
            })?;
            typed(doc_type, value).map_err(|e| CliError::Input(format!("{name}: {e}")))?
        }
    };
    let rendered = match to {
        DataFormat::Xml => doc
            .to_xml_string()
            .map_err(|e| CliError::Input(format!("{name}: {e}")))?,
        DataFormat::Json => {
            let value = doc
                .to_json_value()
                .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
            let mut s =
                serde_json::to_string_pretty(&value).map_err(|e| CliError::Input(e.to_string()))?;
            s.push('\n');
            s
        }
    };
    if output.as_os_str() == "-" {
        stdout.write_all(rendered.as_bytes())?;
    } else {
        std::fs::write(output, rendered).map_err(|source| CliError::Io {
            path: output.to_owned(),
            source,
        })?;
    }
    Ok(Outcome::Ok)
}

fn object_kind(o: &XzufiObject) -> &'static str {
    match o {
        XzufiObject::Leistung(_) => "leistung",
        XzufiObject::Spezialisierung(_) => "spezialisierung",
        XzufiObject::Organisationseinheit(_) => "organisationseinheit",
        XzufiObject::Onlinedienst(_) => "onlinedienst",
        XzufiObject::Loesche(_) => "loesche",
        _ => "unknown",
    }
}

/// Whether an error of the XZuFi reader ends the stream (broken XML, limits, I/O) rather than
/// rejecting one object (a bad value or a missing element inside it).
fn is_fatal(e: &XmlError) -> bool {
    !matches!(
        e.kind(),
        XmlErrorKind::Invalid { .. }
            | XmlErrorKind::Missing { .. }
            | XmlErrorKind::UnexpectedElement { .. }
    )
}

/// `ozg xzufi FILE`: streams the objects of an XZuFi 2.2 message as NDJSON, or counts them (`--summary`).
/// Objects with invalid content are reported on stderr and counted; the stream goes on. Exit 1 if any
/// object was invalid, 2 if the message itself is broken (not XML, wrong namespace or version, truncated).
pub(crate) fn xzufi(path: &Path, summary: bool, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let name = path.display().to_string();
    let input: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(File::open(path).map_err(|source| CliError::Io {
            path: path.to_owned(),
            source,
        })?)
    };
    let reader = XzufiReader::new(
        BufReader::with_capacity(1 << 16, input),
        ReaderConfig::default(),
    )
    .map_err(|e| CliError::Input(xml_error(&name, &e)))?;
    let version = reader.header().xzufi_version.clone();
    let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut invalid = 0u64;
    for item in reader {
        match item {
            Ok(obj) => {
                *counts.entry(object_kind(&obj)).or_default() += 1;
                if !summary {
                    crate::output::write_ndjson(out, &obj)?;
                }
            }
            Err(e) if is_fatal(&e) => return Err(CliError::Input(xml_error(&name, &e))),
            Err(e) => {
                invalid += 1;
                eprintln!("ozg: {}", xml_error(&name, &e));
            }
        }
    }
    if summary {
        let mut v =
            serde_json::json!({ "file": name, "xzufiVersion": version, "invalid": invalid });
        for (k, n) in &counts {
            v[*k] = Value::from(*n);
        }
        v["total"] = Value::from(counts.values().sum::<u64>());
        crate::write_json(out, &v)?;
    }
    Ok(if invalid > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// How many findings of one XML document get a line:column (each needs a pass over the document).
const MAX_POSITIONED: usize = 200;

/// Validates an XML document of our format: XML errors with line:column, then the JSON Schema and the
/// semantic rules on what was read (pointers into the document).
pub(crate) fn validate_xml(validator: Option<&Validator>, text: &str, rows: &mut Vec<Row>) {
    match DocumentReader::new().read_json(text.as_bytes()) {
        Err(e) => rows.push(Row {
            location: Location {
                pointer: None,
                line: Some(e.line()),
                column: Some(e.column()),
            },
            code: "xml.syntax".to_owned(),
            severity: Severity::Error,
            message: e.to_string(),
        }),
        Ok((doc_type, value)) => {
            let Some(validator) = validator else {
                rows.push(Row {
                    location: Location::default(),
                    code: "xml.custom_schema".to_owned(),
                    severity: Severity::Error,
                    message: "--schema applies to JSON files; validate XML files against schemas/ozg.xsd instead".to_owned(),
                });
                return;
            };
            let report = validator.validate_value(kind_of(doc_type), &value);
            let reader = DocumentReader::new();
            for f in report.findings {
                // Each position costs a pass over the document: position the first findings only.
                let at = if rows.len() < MAX_POSITIONED {
                    reader.position_of(text.as_bytes(), &f.pointer)
                } else {
                    None
                };
                rows.push(Row {
                    location: Location {
                        line: at.as_ref().map(|p| p.line),
                        column: at.as_ref().map(|p| p.column),
                        pointer: Some(f.pointer),
                    },
                    code: f.code.to_string(),
                    severity: f.severity,
                    message: f.message,
                });
            }
        }
    }
}
