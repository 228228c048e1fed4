//! The result of validating one document (Prüfbericht).

use std::fmt;

use ozg_core::finding::{Finding, Severity};
use serde::Serialize;

use crate::codes::Code;
use ozg_core::document::DocumentKind;

/// One finding of the validator (Prüfergebnis): where, which rule, how bad, and a message in plain words.
///
/// It has the fields of ozg-core's [`Finding`] and converts from it; its [`Code`] additionally covers
/// the JSON, document and JSON Schema layers (`json.syntax`, `schema.required`, …), which
/// `ozg_core::finding::FindingCode` does not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationFinding {
    /// JSON pointer (RFC 6901) to the offending value; `""` is the whole document.
    pub pointer: String,
    /// 1-based line where known: of the syntax error, of the NDJSON record, or of the XML element.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based column where known (syntax errors, XML elements).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// Stable code (`schema.pattern`, `dataset.unknown_verwaltung`, …).
    pub code: Code,
    /// Severity (Schweregrad).
    pub severity: Severity,
    /// Message in plain words (English).
    pub message: String,
}

impl ValidationFinding {
    /// A finding with the severity its code prescribes.
    pub fn new(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        ValidationFinding {
            pointer: pointer.into(),
            line: None,
            column: None,
            severity: code.severity(),
            code,
            message: message.into(),
        }
    }

    /// The same finding at a line (and column).
    pub fn at(mut self, line: u64, column: Option<u64>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// Whether this finding is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl From<Finding> for ValidationFinding {
    fn from(f: Finding) -> Self {
        ValidationFinding {
            pointer: f.pointer,
            line: None,
            column: None,
            code: Code::Rule(f.code),
            severity: f.severity,
            message: f.message,
        }
    }
}

impl fmt::Display for ValidationFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        if let Some(line) = self.line {
            write!(f, "{line}:")?;
            if let Some(column) = self.column {
                write!(f, "{column}:")?;
            }
            f.write_str(" ")?;
        }
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.code, pointer, self.message
        )
    }
}

/// Validation report (Prüfbericht) of one document: its kind and every finding, schema findings first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The document kind validated against; `None` if it could not be told.
    pub kind: Option<DocumentKind>,
    /// Every finding, JSON/schema layer first, then the semantic rules.
    pub findings: Vec<ValidationFinding>,
    #[serde(rename = "schemaValid")]
    schema_valid: bool,
}

impl Report {
    /// A report of these findings (`schema_valid`: the JSON Schema alone accepts the document).
    pub fn new(
        kind: Option<DocumentKind>,
        findings: Vec<ValidationFinding>,
        schema_valid: bool,
    ) -> Self {
        Report {
            kind,
            findings,
            schema_valid,
        }
    }

    /// No finding of severity error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(ValidationFinding::is_error)
    }

    /// The verdict of the JSON Schema alone: well-formed JSON of a known kind that the schema accepts.
    pub fn schema_valid(&self) -> bool {
        self.schema_valid
    }

    /// Number of findings of severity error.
    pub fn error_count(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    /// Number of findings of severity warning.
    pub fn warning_count(&self) -> usize {
        self.findings.len() - self.error_count()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        write!(
            f,
            "{} error(s), {} warning(s)",
            self.error_count(),
            self.warning_count()
        )
    }
}
