//! `ozg convert` (JSON ⇄ our XML) and `ozg xzufi` (XZuFi 2.2 objects as NDJSON). XML validation is
//! `ozg-validate`'s (feature `xml`).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
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

/// The output file (buffered), or `None` for `-` (stdout).
fn create_output(output: &Path) -> Result<Option<BufWriter<File>>, CliError> {
    if output.as_os_str() == "-" {
        return Ok(None);
    }
    let file = File::create(output).map_err(|source| CliError::Io {
        path: output.to_owned(),
        source,
    })?;
    Ok(Some(BufWriter::with_capacity(1 << 16, file)))
}

/// Where a streamed conversion keeps its large sections: next to the output file (`None` for
/// stdout: the system's temporary directory).
fn spool_dir_for(output: &Path) -> Option<std::path::PathBuf> {
    (output.as_os_str() != "-").then(|| {
        output
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_owned()
    })
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
/// A dataset's JSON (beginning with one of its members, as ozg writes it) is converted record by
/// record: each record is read, checked against the typed model and written as XML, its section
/// spooled until the sections can be joined in the format's order (memory: one record plus at most
/// 1 MiB per section; larger sections wait in unnamed temporary files next to the output). Other
/// JSON is read whole (at most `--max-input-bytes`) into one JSON value (duplicate keys are an
/// error with their pointer), checked against the typed model and written as XML straight from the
/// value. XML of a dataset is converted to JSON record by record in the same way (sections
/// spooled until they can be joined in the JSON form's order; value errors at the line:column of
/// the record holding them); other XML is read into the typed model (errors with line:column)
/// and written as JSON straight from the model.
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
    let io_error = |source| CliError::Io {
        path: input.to_owned(),
        source,
    };
    // The input is opened once (stdin cannot be read twice): what the peek read stays buffered.
    let mut head = BufReader::with_capacity(1 << 16, capped(input)?);
    if (from, to) == (DataFormat::Json, DataFormat::Xml)
        && starts_like_a_dataset(head.fill_buf().map_err(io_error)?)
    {
        return convert_dataset_stream(head, input, output, stdout);
    }
    if (from, to) == (DataFormat::Xml, DataFormat::Json)
        && ozg_xml::document::root_kind(head.fill_buf().map_err(io_error)?)
            == Some(DocumentKind::Dataset)
    {
        return convert_dataset_xml_stream(head, input, output, stdout);
    }
    let mut bytes = Vec::new();
    head.read_to_end(&mut bytes).map_err(io_error)?;
    drop(head);
    let mut file = create_output(output)?;
    let sink: &mut dyn Write = match &mut file {
        Some(f) => f,
        None => stdout,
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

/// The input, failing with an error once it passes `--max-input-bytes`.
fn capped(input: &Path) -> Result<Capped<Box<dyn Read>>, CliError> {
    Ok(Capped {
        inner: crate::open_input(input)?,
        left: crate::input_limit(),
    })
}

/// A reader that fails (instead of ending) after its limit: a streamed input larger than
/// `--max-input-bytes` is an error, like for the whole-file commands.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(std::io::Error::other(format!(
                "input larger than the limit of {} bytes (raise it with --max-input-bytes)",
                crate::input_limit()
            )));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Whether the JSON text begins with a dataset's member (`{"schemaVersion": …`, as ozg and
/// every serde writer of the model write it): such a dataset is converted record by record.
/// Other documents (and a dataset beginning with `title`, say) are read whole.
fn starts_like_a_dataset(head: &[u8]) -> bool {
    let mut rest = head;
    let skip_ws = |r: &mut &[u8]| {
        while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = *r {
            *r = tail;
        }
    };
    skip_ws(&mut rest);
    let [b'{', tail @ ..] = rest else {
        return false;
    };
    rest = tail;
    skip_ws(&mut rest);
    let [b'"', tail @ ..] = rest else {
        return false;
    };
    let Some(end) = tail.iter().position(|&b| b == b'"' || b == b'\\') else {
        return false;
    };
    if tail.get(end) != Some(&b'"') {
        return false;
    }
    ozg_core::dataset::DATASET_ONLY_MEMBERS
        .iter()
        .any(|m| m.as_bytes() == &tail[..end])
}

/// `ozg convert` of a dataset from XML to JSON, record by record (memory: one record plus at most
/// 1 MiB per section; larger sections wait in unnamed temporary files next to the output).
fn convert_dataset_xml_stream(
    input: impl Read,
    input_path: &Path,
    output: &Path,
    stdout: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let name = input_path.display().to_string();
    let mut file = create_output(output)?;
    let sink: &mut dyn Write = match &mut file {
        Some(f) => f,
        None => stdout,
    };
    let spool_dir = spool_dir_for(output);
    let config = ReaderConfig::default().max_total_bytes(crate::input_limit());
    ozg_xml::document::xml_dataset_to_json_writer_in(input, config, &mut *sink, spool_dir)
        .map_err(|e| CliError::Input(xml_error(&name, &e)))?;
    sink.flush().map_err(|source| CliError::Io {
        path: output.to_owned(),
        source,
    })?;
    Ok(Outcome::Ok)
}

/// `ozg convert` of a dataset from JSON to XML, record by record: memory is one record plus the
/// sections' spools (temporary files next to the output), whatever the size of the dataset.
fn convert_dataset_stream(
    input: impl Read,
    input_path: &Path,
    output: &Path,
    stdout: &mut dyn Write,
) -> Result<Outcome, CliError> {
    use ozg_xml::document::{DatasetConvertError, DatasetXmlWriter, json_dataset_to_writer_with};
    let name = input_path.display().to_string();
    let mut file = create_output(output)?;
    let sink: &mut dyn Write = match &mut file {
        Some(f) => f,
        None => stdout,
    };
    let mut writer =
        DatasetXmlWriter::new(&mut *sink).map_err(|e| CliError::Input(format!("{name}: {e}")))?;
    if let Some(dir) = spool_dir_for(output) {
        writer = writer.spool_in(dir);
    }
    match json_dataset_to_writer_with(input, writer) {
        Ok(_) => {}
        Err(DatasetConvertError::Json(ozg_core::dataset::DatasetError::Json {
            pointer,
            line,
            column,
            message,
            ..
        })) => {
            let at = if pointer.is_empty() { "/" } else { &pointer };
            return Err(CliError::Input(format!(
                "{name}:{line}:{column}: at {at}: {message}"
            )));
        }
        Err(DatasetConvertError::Xml(e)) if matches!(e.kind(), ozg_xml::XmlErrorKind::Io(_)) => {
            let ozg_xml::XmlErrorKind::Io(source) = e.into_kind() else {
                return Err(CliError::Input(format!("{name}: I/O error")));
            };
            return Err(CliError::Io {
                path: output.to_owned(),
                source,
            });
        }
        Err(e) => return Err(CliError::Input(format!("{name}: {e}"))),
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
        XzufiObject::Operation(_) => "operation",
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
