//! `ozg validate FILE...` and `ozg schema [--out DIR]`.
//!
//! JSON documents are validated against their JSON Schema (compiled once) and then against the semantic
//! rules of the model; a JSON array of documents and NDJSON (`.ndjson`, `.jsonl`: one document per line)
//! are validated document by document. With `--schema FILE` any JSON Schema is used instead (schema
//! rules only). Every finding is reported, not just the first.

use std::io::Write;
use std::path::{Path, PathBuf};

use ozg_core::finding::Severity;
use ozg_validate::{Code, DocumentKind, ValidationFinding, Validator};
use serde_json::{Value, json};

use crate::{CliError, Outcome};

/// Output format of `ozg validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// One line per finding: `FILE:LOCATION: severity[code] message`, then a summary per file.
    Text,
    /// One JSON object per finding and line (file, pointer or line/column, code, severity, message).
    Json,
}

/// Where a finding is: a JSON pointer, possibly within a line of an NDJSON file, or an XML position.
#[derive(Debug, Clone, Default)]
pub(crate) struct Location {
    pub(crate) pointer: Option<String>,
    pub(crate) line: Option<u64>,
    pub(crate) column: Option<u64>,
}

/// One finding with its file and location, as printed.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) location: Location,
    pub(crate) code: String,
    pub(crate) severity: Severity,
    pub(crate) message: String,
}

impl Row {
    fn from_finding(f: ValidationFinding, prefix: &str, line: Option<u64>) -> Row {
        Row {
            location: Location {
                pointer: Some(format!("{prefix}{}", f.pointer)),
                line,
                column: None,
            },
            code: f.code.to_string(),
            severity: f.severity,
            message: f.message,
        }
    }

    fn json_syntax(e: &serde_json::Error, line_offset: u64) -> Row {
        Row {
            location: Location {
                pointer: None,
                line: Some(e.line() as u64 + line_offset),
                column: Some(e.column() as u64),
            },
            code: Code::JsonSyntax.to_string(),
            severity: Severity::Error,
            message: format!("not well-formed JSON: {e}"),
        }
    }
}

/// Options of `ozg validate`.
#[derive(Debug)]
pub(crate) struct Options {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) kind: Option<DocumentKind>,
    pub(crate) schema: Option<PathBuf>,
    pub(crate) format: Format,
    pub(crate) quiet: bool,
}

enum Checker<'a> {
    Model(&'a Validator),
    Custom(jsonschema::Validator),
}

impl Checker<'_> {
    fn check(
        &self,
        kind: Option<DocumentKind>,
        value: &Value,
        prefix: &str,
        line: Option<u64>,
        rows: &mut Vec<Row>,
    ) {
        match self {
            Checker::Model(v) => {
                let report = v.validate_value_as(kind, value);
                rows.extend(
                    report
                        .findings
                        .into_iter()
                        .map(|f| Row::from_finding(f, prefix, line)),
                );
            }
            Checker::Custom(v) => {
                for e in v.iter_errors(value) {
                    rows.push(Row {
                        location: Location {
                            pointer: Some(format!("{prefix}{}", e.instance_path())),
                            line,
                            column: None,
                        },
                        code: "schema.custom".to_owned(),
                        severity: Severity::Error,
                        message: e.to_string(),
                    });
                }
            }
        }
    }
}

fn compile_custom(path: &Path) -> Result<jsonschema::Validator, CliError> {
    let text = crate::read_text(path)?;
    let schema: Value = serde_json::from_str(&text).map_err(|e| {
        CliError::Input(format!(
            "{}:{}:{}: schema is not well-formed JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|e| CliError::Input(format!("{}: not a usable JSON Schema: {e}", path.display())))
}

/// How a file's content is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Json,
    Ndjson,
    Xml,
}

fn layout(path: &Path, text: &str) -> Layout {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xml") => Layout::Xml,
        Some("ndjson" | "jsonl") => Layout::Ndjson,
        Some("json") => Layout::Json,
        _ if text.trim_start().starts_with('<') => Layout::Xml,
        _ => Layout::Json,
    }
}

/// Validates one file's text; returns its findings.
fn validate_text(
    checker: &Checker<'_>,
    kind: Option<DocumentKind>,
    path: &Path,
    text: &str,
) -> Vec<Row> {
    let mut rows = Vec::new();
    match layout(path, text) {
        Layout::Xml => crate::xml::validate_xml(checker_validator(checker), text, &mut rows),
        Layout::Ndjson => {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let n = i as u64 + 1;
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => checker.check(kind, &v, "", Some(n), &mut rows),
                    Err(e) => rows.push(Row::json_syntax(&e, i as u64)),
                }
            }
        }
        Layout::Json => match serde_json::from_str::<Value>(text) {
            Err(e) => rows.push(Row::json_syntax(&e, 0)),
            // A top-level array is a list of documents (unless a custom schema judges the whole file).
            Ok(Value::Array(items)) if matches!(checker, Checker::Model(_)) => {
                for (i, item) in items.iter().enumerate() {
                    checker.check(kind, item, &format!("/{i}"), None, &mut rows);
                }
            }
            Ok(v) => checker.check(kind, &v, "", None, &mut rows),
        },
    }
    rows
}

fn checker_validator<'a>(checker: &'a Checker<'a>) -> Option<&'a Validator> {
    match checker {
        Checker::Model(v) => Some(v),
        Checker::Custom(_) => None,
    }
}

fn location_text(file: &str, loc: &Location) -> String {
    let mut s = file.to_owned();
    if let Some(line) = loc.line {
        s.push_str(&format!(":{line}"));
        if let Some(col) = loc.column {
            s.push_str(&format!(":{col}"));
        }
    }
    if let Some(p) = &loc.pointer {
        s.push_str(&format!(":{}", if p.is_empty() { "/" } else { p }));
    }
    s
}

fn print_rows(
    file: &str,
    rows: &[Row],
    format: Format,
    quiet: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match format {
        Format::Json => {
            for r in rows {
                let mut obj = json!({
                    "file": file,
                    "code": r.code,
                    "severity": r.severity.as_str(),
                    "message": r.message,
                });
                if let Some(p) = &r.location.pointer {
                    obj["pointer"] = Value::from(p.as_str());
                }
                if let Some(l) = r.location.line {
                    obj["line"] = Value::from(l);
                }
                if let Some(c) = r.location.column {
                    obj["column"] = Value::from(c);
                }
                let line =
                    serde_json::to_string(&obj).map_err(|e| CliError::Input(e.to_string()))?;
                writeln!(out, "{line}")?;
            }
        }
        Format::Text => {
            for r in rows {
                writeln!(
                    out,
                    "{}: {}[{}] {}",
                    location_text(file, &r.location),
                    r.severity.as_str(),
                    r.code,
                    r.message
                )?;
            }
            let errors = rows
                .iter()
                .filter(|r| r.severity == Severity::Error)
                .count();
            if !quiet || errors > 0 {
                if rows.is_empty() {
                    writeln!(out, "{file}: valid")?;
                } else {
                    writeln!(
                        out,
                        "{file}: {errors} error(s), {} warning(s)",
                        rows.len() - errors
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// `ozg validate`.
pub(crate) fn validate(
    validator: &Validator,
    opts: Options,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    if opts.files.is_empty() {
        return Err(CliError::Usage(
            "ozg validate needs at least one FILE (or - for stdin)".to_owned(),
        ));
    }
    if opts.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(CliError::Usage(
            "stdin (-) can be given only once".to_owned(),
        ));
    }
    let checker = match &opts.schema {
        Some(path) => Checker::Custom(compile_custom(path)?),
        None => Checker::Model(validator),
    };
    // Read every file first: an unreadable file is a usage/I-O error (exit 2) and nothing is half-done.
    let mut inputs = Vec::with_capacity(opts.files.len());
    for path in &opts.files {
        inputs.push((path, crate::read_text(path)?));
    }
    let mut any_error = false;
    for (path, text) in inputs {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_owned()
        } else {
            path.display().to_string()
        };
        let rows = validate_text(&checker, opts.kind, path, &text);
        any_error |= rows.iter().any(|r| r.severity == Severity::Error);
        print_rows(&name, &rows, opts.format, opts.quiet, out)?;
    }
    Ok(if any_error {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// `ozg schema [--out DIR]`: writes the JSON Schemas, or prints the list and the dataset schema.
pub(crate) fn schema(
    out_dir: Option<&Path>,
    name: Option<&str>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    use ozg_validate::schema::{SchemaSet, write_dir};
    if let Some(dir) = out_dir {
        let written = write_dir(dir).map_err(|e| CliError::Input(e.to_string()))?;
        for p in written {
            writeln!(out, "wrote {}", p.display())?;
        }
        return Ok(Outcome::Ok);
    }
    let kind = match name {
        Some(n) => n
            .parse::<DocumentKind>()
            .map_err(|e| CliError::Usage(e.to_string()))?,
        None => DocumentKind::Dataset,
    };
    let entry = SchemaSet::get(kind);
    out.write_all(entry.render().as_bytes())?;
    Ok(Outcome::Ok)
}
