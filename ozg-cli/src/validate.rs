//! `ozg validate FILE...` and `ozg schema [--out DIR]`.
//!
//! Every file is validated as a stream by `ozg-validate` ([`Validator::validate_stream`]): NDJSON
//! (`.ndjson`, `.jsonl`) line by line, a top-level JSON array element by element, XZuFi object by
//! object, a document of our XML format whole with line:column for every finding. With
//! `--schema FILE` any JSON Schema judges each JSON file as a whole (schema rules only).
//!
//! All files are validated, whatever happens to one of them; the exit status is the worst of all:
//! 0 valid (warnings allowed), 1 findings, 2 an input error (a file that cannot be read or is too
//! large, JSON or XML that is not well-formed, a duplicate key).

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use ozg_validate::{
    Code, DocumentKind, InputFormat, InputLimits, SchemaKeyword, StreamError, StreamSummary,
    ValidationFinding, Validator,
};
use serde::Serialize;
use serde_json::Value;

use crate::{CliError, Outcome};

/// Output format of `ozg validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// One line per finding, `FILE:LINE:COLUMN:POINTER: severity[code] message`, then one summary
    /// line per file (`FILE: valid` for a valid file).
    Text,
    /// One JSON object for the run: `{"valid", "files": [{"file", "valid", "documents", "errors",
    /// "warnings", "error"?}], "findings": [...]}`; a valid run has `"valid": true` and no findings.
    Json,
    /// One JSON object per finding and line (`file`, `pointer`, `line`, `column`, `code`,
    /// `severity`, `message`); a valid file prints nothing.
    Ndjson,
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

/// A finding with its file, as printed in the machine-readable formats.
#[derive(Debug, Serialize)]
struct FileFinding<'a> {
    file: &'a str,
    #[serde(flatten)]
    finding: &'a ValidationFinding,
}

/// What one file gave, for the summary.
#[derive(Debug, Serialize)]
struct FileResult {
    file: String,
    valid: bool,
    documents: u64,
    errors: u64,
    warnings: u64,
    /// Why the file could not be validated to its end (unreadable, too large).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip)]
    status: Outcome2,
}

/// Exit status of one file; the run exits with the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Outcome2 {
    #[default]
    Ok,
    Findings,
    InputError,
}

/// Where the findings go while the files are read.
struct Printer<'o> {
    format: Format,
    quiet: bool,
    out: &'o mut dyn Write,
    /// Findings kept for `--format json` (printed at the end as one document).
    kept: Vec<(String, ValidationFinding)>,
}

impl Printer<'_> {
    fn finding(&mut self, file: &str, f: ValidationFinding) -> std::io::Result<()> {
        match self.format {
            Format::Ndjson => {
                let line = serde_json::to_string(&FileFinding { file, finding: &f })
                    .map_err(std::io::Error::other)?;
                writeln!(self.out, "{line}")
            }
            Format::Json => {
                self.kept.push((file.to_owned(), f));
                Ok(())
            }
            Format::Text => writeln!(self.out, "{}", text_line(file, &f)),
        }
    }

    fn file_done(&mut self, r: &FileResult) -> std::io::Result<()> {
        if self.format != Format::Text {
            return Ok(());
        }
        if let Some(e) = &r.error {
            writeln!(self.out, "{}: error: {e}", r.file)?;
        } else if !self.quiet || r.errors > 0 {
            if r.errors == 0 && r.warnings == 0 {
                writeln!(self.out, "{}: valid", r.file)?;
            } else {
                writeln!(
                    self.out,
                    "{}: {} error(s), {} warning(s)",
                    r.file, r.errors, r.warnings
                )?;
            }
        }
        Ok(())
    }
}

fn text_line(file: &str, f: &ValidationFinding) -> String {
    let mut s = file.to_owned();
    if let Some(line) = f.line {
        s.push_str(&format!(":{line}"));
        if let Some(col) = f.column {
            s.push_str(&format!(":{col}"));
        }
    }
    let pointer = if f.pointer.is_empty() {
        "/"
    } else {
        &f.pointer
    };
    format!(
        "{s}:{pointer}: {}[{}] {}",
        f.severity.as_str(),
        f.code,
        f.message
    )
}

fn compile_custom(path: &Path) -> Result<jsonschema::Validator, CliError> {
    let text = crate::read_text(path)?;
    let schema: Value = ozg_core::json::value_from_str(&text).map_err(|e| {
        CliError::Input(format!(
            "{}:{}:{}: schema is not usable JSON: {}",
            path.display(),
            e.line(),
            e.column(),
            e.message()
        ))
    })?;
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|e| CliError::Input(format!("{}: not a usable JSON Schema: {e}", path.display())))
}

/// How a file's content is laid out: by extension, else by its first non-blank byte.
fn layout(path: &Path, input: &mut dyn BufRead) -> std::io::Result<InputFormat> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match ext.as_deref() {
        Some("xml") => InputFormat::Xml,
        Some("ndjson" | "jsonl") => InputFormat::Ndjson,
        Some("json") => InputFormat::Json,
        _ => {
            let head = input.fill_buf()?;
            match head.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'<') => InputFormat::Xml,
                _ => InputFormat::Json,
            }
        }
    })
}

fn open(path: &Path) -> Result<Box<dyn BufRead>, std::io::Error> {
    Ok(if path.as_os_str() == "-" {
        Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, File::open(path)?))
    })
}

/// Validates one file, passing its findings to the printer.
fn validate_file(
    validator: &Validator,
    custom: Option<&jsonschema::Validator>,
    kind: Option<DocumentKind>,
    path: &Path,
    name: &str,
    printer: &mut Printer<'_>,
) -> Result<FileResult, CliError> {
    let limits = InputLimits {
        max_total_bytes: crate::input_limit(),
        ..InputLimits::default()
    };
    let mut result = FileResult {
        file: name.to_owned(),
        valid: false,
        documents: 0,
        errors: 0,
        warnings: 0,
        error: None,
        status: Outcome2::InputError,
    };
    let mut input = match open(path) {
        Ok(i) => i,
        Err(e) => {
            result.error = Some(e.to_string());
            return Ok(result);
        }
    };
    let format = match layout(path, &mut input) {
        Ok(f) => f,
        Err(e) => {
            result.error = Some(format!("cannot read: {e}"));
            return Ok(result);
        }
    };
    let mut write_error = None;
    let mut sink = |f: ValidationFinding| {
        printer.finding(name, f).inspect_err(|e| {
            write_error = Some(e.kind());
        })
    };
    let outcome = match (custom, format) {
        (Some(schema), InputFormat::Json) => custom_file(schema, input, limits, &mut sink),
        (Some(_), _) => {
            result.error = Some(
                "--schema applies to JSON files; validate XML against schemas/ozg.xsd, NDJSON \
                 without --schema"
                    .to_owned(),
            );
            return Ok(result);
        }
        (None, format) => validator.validate_stream(kind, input, format, limits, &mut sink),
    };
    match outcome {
        Ok(s) => {
            result.documents = s.documents;
            result.errors = s.errors;
            result.warnings = s.warnings;
            result.valid = s.errors == 0;
            result.status = if s.input_errors > 0 {
                Outcome2::InputError
            } else if s.errors > 0 {
                Outcome2::Findings
            } else {
                Outcome2::Ok
            };
        }
        Err(StreamError::Sink(e)) => {
            return Err(CliError::Io {
                path: PathBuf::from("<stdout>"),
                source: std::io::Error::new(write_error.unwrap_or(e.kind()), e.to_string()),
            });
        }
        Err(e @ StreamError::TooLarge { .. }) => {
            result.error = Some(format!("{e} (raise it with --max-input-bytes)"));
        }
        Err(e) => result.error = Some(e.to_string()),
    }
    Ok(result)
}

/// A JSON file judged as a whole by a custom JSON Schema.
fn custom_file(
    schema: &jsonschema::Validator,
    input: Box<dyn BufRead>,
    limits: InputLimits,
    sink: &mut dyn FnMut(ValidationFinding) -> std::io::Result<()>,
) -> Result<StreamSummary, StreamError> {
    let bytes = read_limited(input, limits.max_total_bytes)?;
    let mut summary = StreamSummary {
        documents: 1,
        ..StreamSummary::default()
    };
    let mut push = |f: ValidationFinding, summary: &mut StreamSummary| {
        summary.errors += 1;
        if f.code.is_input_error() {
            summary.input_errors += 1;
        }
        sink(f).map_err(StreamError::Sink)
    };
    match ozg_core::json::value_from_slice(&bytes) {
        Err(e) => {
            let code = match e.kind() {
                ozg_core::json::JsonErrorKind::DuplicateKey => Code::DuplicateKey,
                _ => Code::JsonSyntax,
            };
            let f = ValidationFinding::new(code, e.pointer(), e.message().to_owned())
                .at(e.line() as u64, Some(e.column() as u64));
            push(f, &mut summary)?;
        }
        Ok(value) => {
            for e in schema.iter_errors(&value) {
                let keyword = SchemaKeyword::from_keyword(e.kind().keyword());
                let f = ValidationFinding::new(
                    Code::Schema(keyword),
                    e.instance_path().as_str(),
                    e.to_string(),
                );
                push(f, &mut summary)?;
            }
        }
    }
    Ok(summary)
}

fn read_limited(input: impl Read, limit: u64) -> Result<Vec<u8>, StreamError> {
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(StreamError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(StreamError::TooLarge {
            what: "the input".into(),
            limit,
        });
    }
    Ok(bytes)
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
    let custom = match &opts.schema {
        Some(path) => Some(compile_custom(path)?),
        None => None,
    };
    let mut printer = Printer {
        format: opts.format,
        quiet: opts.quiet,
        out,
        kept: Vec::new(),
    };
    let mut results = Vec::with_capacity(opts.files.len());
    for path in &opts.files {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_owned()
        } else {
            path.display().to_string()
        };
        let r = validate_file(
            validator,
            custom.as_ref(),
            opts.kind,
            path,
            &name,
            &mut printer,
        )?;
        if let Some(e) = &r.error {
            eprintln!("ozg: error: {name}: {e}");
        }
        printer.file_done(&r)?;
        results.push(r);
    }
    let worst = results.iter().map(|r| r.status).max().unwrap_or_default();
    if opts.format == Format::Json {
        let findings: Vec<FileFinding<'_>> = printer
            .kept
            .iter()
            .map(|(file, finding)| FileFinding { file, finding })
            .collect();
        let run = serde_json::json!({
            "valid": worst == Outcome2::Ok,
            "files": results,
            "findings": findings,
        });
        crate::write_json(printer.out, &run)?;
    }
    match worst {
        Outcome2::Ok => Ok(Outcome::Ok),
        Outcome2::Findings => Ok(Outcome::Findings),
        Outcome2::InputError => Ok(Outcome::InputError),
    }
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
