//! `ozg convert` (JSON ⇄ our XML) and `ozg xzufi` (XZuFi 2.2 objects as NDJSON). XML validation is
//! `ozg-validate`'s (feature `xml`).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use ozg_core::document::{AnyDocument, DocumentKind};
use ozg_xml::document::DocumentReader;
use ozg_xml::xzufi::{XzufiObject, XzufiReader};
use ozg_xml::{ReaderConfig, XmlError};
use serde_json::Value;

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

/// `ozg convert IN OUT`: JSON ⇄ our XML. `-` is stdin or stdout.
///
/// JSON in: the bytes are read (at most `--max-input-bytes`), parsed into one JSON value (duplicate
/// keys are an error with their pointer) and dropped; the value is checked against the typed model
/// (an invalid identifier or code is an error with its pointer) and written as XML straight from
/// the value. XML in: read into the typed model (errors with line:column) and written as JSON
/// straight from the model. No second tree, no output string.
pub(crate) fn convert(
    input: &Path,
    output: &Path,
    from: Option<DataFormat>,
    to: Option<DataFormat>,
    stdout: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let from = format_of(input, from, "input")?;
    let to = format_of(output, to, "output")?;
    let name = input.display().to_string();
    let bytes = crate::read_bytes(input)?;
    let mut file;
    let sink: &mut dyn Write = if output.as_os_str() == "-" {
        stdout
    } else {
        file = BufWriter::with_capacity(
            1 << 16,
            File::create(output).map_err(|source| CliError::Io {
                path: output.to_owned(),
                source,
            })?,
        );
        &mut file
    };
    match from {
        DataFormat::Xml => {
            // From the bytes already read (`read_any` on a reader would copy them).
            let text = std::str::from_utf8(&bytes).map_err(|e| {
                CliError::Input(format!(
                    "{name}: not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ))
            })?;
            let doc = DocumentReader::new()
                .read_any_str(text)
                .map_err(|e| CliError::Input(xml_error(&name, &e)))?;
            drop(bytes);
            match to {
                DataFormat::Xml => ozg_xml::document::any_to_writer(&doc, &mut *sink)
                    .map_err(|e| CliError::Input(format!("{name}: {e}")))?,
                DataFormat::Json => {
                    serde_json::to_writer_pretty(&mut *sink, &doc)
                        .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
                    sink.write_all(b"\n")?;
                }
            }
        }
        DataFormat::Json => {
            let value = ozg_core::json::value_from_slice(&bytes).map_err(|e| {
                CliError::Input(format!(
                    "{name}:{}:{}: {}",
                    e.line(),
                    e.column(),
                    e.message()
                ))
            })?;
            drop(bytes);
            let kind = DocumentKind::detect(&value).ok_or_else(|| {
                CliError::Input(format!(
                    "{name}: cannot tell which document kind this JSON is (dataset, catalogue, \
                     agreement, rollout entry, onlinedienst, delivery channel, verwaltung, it provider)"
                ))
            })?;
            // Only valid documents are converted: the typed model checks every value.
            drop(AnyDocument::from_value(kind, &value).map_err(|e| {
                let at = if e.pointer().is_empty() {
                    "/"
                } else {
                    e.pointer()
                };
                CliError::Input(format!("{name}: at {at}: {}", e.message()))
            })?);
            match to {
                DataFormat::Xml => ozg_xml::document::json_to_writer(kind, &value, &mut *sink)
                    .map_err(|e| CliError::Input(format!("{name}: {e}")))?,
                DataFormat::Json => {
                    serde_json::to_writer_pretty(&mut *sink, &value)
                        .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
                    sink.write_all(b"\n")?;
                }
            }
        }
    }
    sink.flush().map_err(|source| CliError::Io {
        path: output.to_owned(),
        source,
    })?;
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
    e.is_fatal()
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
        // The same counts as Python's XzufiReader.counts.
        v["read"] = Value::from(counts.values().sum::<u64>());
        v["skipped"] = Value::from(invalid);
        crate::write_json(out, &v)?;
    } else if invalid > 0 {
        eprintln!(
            "ozg: {name}: {} object(s) read, {invalid} skipped",
            counts.values().sum::<u64>()
        );
    }
    Ok(if invalid > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}
