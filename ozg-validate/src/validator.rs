//! Validation of documents (Prüfung von Datendateien): JSON Schema first, then ozg-core's semantic rules.

use std::collections::HashMap;
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError};
use ozg_core::catalogue::Catalogue;
use ozg_core::codelist::CodeListRegistry;
use ozg_core::dataset::Dataset;
use ozg_core::document::{AnyDocument, DocumentKind};
use ozg_core::finding::{Finding, FindingScope};
use ozg_core::json::{JsonError, JsonErrorKind};
use serde_json::Value;

use crate::codes::{Code, SchemaKeyword};
use crate::report::{Report, ValidationFinding};
use crate::schema::SchemaSet;

/// A schema of the [`SchemaSet`] that the `jsonschema` crate refuses to compile (a bug of this crate).
#[derive(Debug, thiserror::Error)]
#[error("the generated {kind} schema does not compile: {message}")]
pub struct BuildError {
    /// The document kind whose schema failed.
    pub kind: DocumentKind,
    /// The compiler's message.
    pub message: String,
}

/// Validator (Prüfer) of OZG documents: the JSON Schemas of every [`DocumentKind`], compiled once
/// (draft 2020-12, `format` asserted), plus the catalogue the semantic rules check against.
///
/// ```
/// use ozg_validate::{DocumentKind, Validator};
///
/// let validator = Validator::shared()?;
/// let report = validator.validate_json_str(Some(DocumentKind::Verwaltung), r#"{"id": "x"}"#);
/// assert!(!report.is_valid());
/// assert!(report.findings.iter().any(|f| f.code.as_str() == "schema.required"));
/// # Ok::<(), ozg_validate::BuildError>(())
/// ```
pub struct Validator {
    schemas: HashMap<DocumentKind, jsonschema::Validator>,
    catalogue: Option<Catalogue>,
    codelists: Option<CodeListRegistry>,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("kinds", &self.schemas.keys().collect::<Vec<_>>())
            .field("own_catalogue", &self.catalogue.is_some())
            .field("own_codelists", &self.codelists.is_some())
            .finish()
    }
}

static SHARED: OnceLock<Result<Validator, String>> = OnceLock::new();

impl Validator {
    /// Compiles every schema of the [`SchemaSet`]; the semantic rules use the embedded catalogue
    /// ([`Catalogue::embedded`]).
    pub fn new() -> Result<Validator, BuildError> {
        let mut schemas = HashMap::new();
        for entry in SchemaSet::entries() {
            let compiled = jsonschema::options()
                .with_draft(Draft::Draft202012)
                .should_validate_formats(true)
                .build(&entry.schema())
                .map_err(|e| BuildError {
                    kind: entry.kind,
                    message: e.to_string(),
                })?;
            schemas.insert(entry.kind, compiled);
        }
        Ok(Validator {
            schemas,
            catalogue: None,
            codelists: None,
        })
    }

    /// A process-wide validator with the embedded catalogue, compiled on first use.
    pub fn shared() -> Result<&'static Validator, BuildError> {
        let result = SHARED.get_or_init(|| Validator::new().map_err(|e| e.message));
        match result {
            Ok(v) => Ok(v),
            Err(message) => Err(BuildError {
                kind: DocumentKind::Dataset,
                message: message.clone(),
            }),
        }
    }

    /// Uses `catalogue` (e.g. the embedded one extended by a Land's own entries) for the semantic rules.
    pub fn with_catalogue(mut self, catalogue: Catalogue) -> Validator {
        self.catalogue = Some(catalogue);
        self
    }

    /// Checks codes and keys against the lists of `registry` (e.g. the embedded lists plus a
    /// newer Genericode version loaded by the user) instead of the embedded ones
    /// ([`CodeListRegistry::builtin`]).
    pub fn with_codelists(mut self, registry: CodeListRegistry) -> Validator {
        self.codelists = Some(registry);
        self
    }

    /// The code lists (Codelisten) the semantic rules check codes and keys against.
    pub fn codelists(&self) -> &CodeListRegistry {
        self.codelists
            .as_ref()
            .unwrap_or_else(|| CodeListRegistry::builtin())
    }

    /// The catalogue the semantic rules check LeiKa keys and OZG-IDs against.
    pub fn catalogue(&self) -> &Catalogue {
        self.catalogue
            .as_ref()
            .unwrap_or_else(|| Catalogue::embedded())
    }

    /// Validates JSON text. With `kind` `None` the kind is told from the document's shape
    /// ([`DocumentKind::detect`]). Malformed JSON yields one `json.syntax` finding with line and
    /// column, a duplicate key one `json.duplicate_key` finding with its pointer.
    pub fn validate_json_str(&self, kind: Option<DocumentKind>, text: &str) -> Report {
        match ozg_core::json::value_from_str(text) {
            Ok(value) => self.validate_value_as(kind, &value),
            Err(e) => Report::new(kind, vec![json_error_finding(&e)], false),
        }
    }

    /// Validates a parsed document of a known kind; see [`Validator::validate_value_as`].
    pub fn validate_value(&self, kind: DocumentKind, value: &Value) -> Report {
        self.validate_value_as(Some(kind), value)
    }

    /// Validates a parsed document: every JSON Schema error, then (if the document deserialises into
    /// the model) every finding of the semantic rules. With `kind` `None` the kind is detected.
    pub fn validate_value_as(&self, kind: Option<DocumentKind>, value: &Value) -> Report {
        let Some(kind) = kind.or_else(|| DocumentKind::detect(value)) else {
            return Report::new(
                None,
                vec![ValidationFinding::new(
                    Code::UnknownDocumentKind,
                    "",
                    "cannot tell the document kind from its shape; name it explicitly \
                     (dataset, catalogue, onlinedienst, agreement, rollout-entry, delivery-channel, \
                     verwaltung, it-provider)",
                )],
                false,
            );
        };
        let mut findings = self.schema_findings(kind, value);
        let schema_valid = findings.is_empty();
        match self.semantic_findings(kind, value) {
            Ok(rule_findings) => findings.extend(rule_findings.into_iter().map(Into::into)),
            Err(model_finding) => {
                // The schema errors already explain why the model refuses the document.
                if schema_valid {
                    findings.push(model_finding);
                }
            }
        }
        Report::new(Some(kind), findings, schema_valid)
    }

    /// Whether the JSON Schema of `kind` accepts `value` (no semantic rules; fastest check).
    pub fn is_schema_valid(&self, kind: DocumentKind, value: &Value) -> bool {
        self.schemas.get(&kind).is_some_and(|s| s.is_valid(value))
    }

    /// Every JSON Schema error of `value` as findings (pointer = instance path, code `schema.<keyword>`).
    pub fn schema_findings(&self, kind: DocumentKind, value: &Value) -> Vec<ValidationFinding> {
        let Some(schema) = self.schemas.get(&kind) else {
            return Vec::new();
        };
        // Most documents are valid: the boolean check is cheaper than collecting errors.
        if schema.is_valid(value) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for error in schema.iter_errors(value) {
            push_schema_findings(&error, &mut out);
        }
        out
    }

    fn semantic_findings(
        &self,
        kind: DocumentKind,
        value: &Value,
    ) -> Result<Vec<Finding>, ValidationFinding> {
        let catalogue = self.catalogue();
        let codelists = self.codelists();
        let doc = AnyDocument::from_value(kind, value).map_err(|e| {
            ValidationFinding::new(Code::Model, e.pointer(), e.message().to_owned())
        })?;
        let mut ds = empty_dataset();
        let prefix = match doc {
            AnyDocument::Dataset(d) => return Ok(d.check_with_codes(catalogue, codelists)),
            AnyDocument::Catalogue(doc) => {
                Catalogue::from_document(*doc)
                    .map_err(|e| ValidationFinding::new(Code::Model, "", e.to_string()))?;
                return Ok(Vec::new());
            }
            AnyDocument::Onlinedienst(d) => {
                ds.onlinedienste.push(*d);
                "/onlinedienste/0"
            }
            AnyDocument::Agreement(d) => {
                ds.agreements.push(*d);
                "/agreements/0"
            }
            AnyDocument::RolloutEntry(d) => {
                ds.rollout.push(*d);
                "/rollout/0"
            }
            AnyDocument::DeliveryChannel(d) => {
                ds.channels.push(*d);
                "/channels/0"
            }
            AnyDocument::Verwaltung(d) => {
                ds.verwaltungen.push(*d);
                "/verwaltungen/0"
            }
            AnyDocument::ItProvider(d) => {
                ds.it_providers.push(*d);
                "/itProviders/0"
            }
        };
        Ok(single_record_findings(&ds, catalogue, codelists, prefix))
    }
}

/// The finding for JSON that cannot be read: `json.syntax` at line:column, or
/// `json.duplicate_key` at the pointer of the second key.
pub(crate) fn json_error_finding(e: &JsonError) -> ValidationFinding {
    let (code, what) = match e.kind() {
        JsonErrorKind::DuplicateKey => (Code::DuplicateKey, "duplicate key"),
        _ => (Code::JsonSyntax, "not well-formed JSON"),
    };
    let message = match e.kind() {
        JsonErrorKind::DuplicateKey => e.message().to_owned(),
        _ => format!("{what}: {}", e.message()),
    };
    let f = ValidationFinding::new(code, e.pointer(), message);
    if e.line() > 0 {
        f.at(e.line() as u64, Some(e.column() as u64))
    } else {
        f
    }
}

/// The semantic rules of ozg-core for a dataset read from any format (e.g. XML via ozg-xml):
/// references, catalogue existence of LeiKa keys and OZG-IDs, dates, rollout consistency.
/// The same as [`Dataset::check`]; pointers refer to the dataset's JSON form.
pub fn validate_dataset(dataset: &Dataset, catalogue: &Catalogue) -> Vec<Finding> {
    dataset.check(catalogue)
}

fn empty_dataset() -> Dataset {
    Dataset::new()
}

/// Runs the dataset rules on a dataset holding one record at `prefix`, drops what cannot be judged
/// from a single record (rules of [`FindingScope::CrossRecord`]) and makes pointers relative to
/// the record.
fn single_record_findings(
    dataset: &Dataset,
    catalogue: &Catalogue,
    codelists: &CodeListRegistry,
    prefix: &str,
) -> Vec<Finding> {
    dataset
        .check_with_codes(catalogue, codelists)
        .into_iter()
        .filter(|f| f.code.scope() == FindingScope::Record)
        .filter_map(|mut f| {
            let rest = f.pointer.strip_prefix(prefix)?;
            if !(rest.is_empty() || rest.starts_with('/')) {
                return None;
            }
            f.pointer = rest.to_owned();
            Some(f)
        })
        .collect()
}

const MAX_SHOWN: usize = 60;

/// A short rendering of a JSON value for messages.
fn show(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= MAX_SHOWN {
        text
    } else {
        let cut: String = text.chars().take(MAX_SHOWN).collect();
        format!("{cut}…")
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn list(values: &[Value]) -> String {
    const MAX: usize = 12;
    let mut parts: Vec<String> = values.iter().take(MAX).map(show).collect();
    if values.len() > MAX {
        parts.push(format!("… ({} in all)", values.len()));
    }
    parts.join(", ")
}

/// Adds the findings of one schema error. A failed `oneOf`/`anyOf` where exactly one alternative has
/// the right shape (right JSON type, right `type` tag) — e.g. an optional identifier (`X` or `null`),
/// or a tagged variant — is reported through that alternative's own errors, which point at the field
/// actually wrong; otherwise as one `schema.oneOf`/`schema.anyOf` finding naming the closest variant.
fn push_schema_findings(error: &ValidationError<'_>, out: &mut Vec<ValidationFinding>) {
    if let ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } =
        error.kind()
    {
        let here = error.instance_path().as_str();
        // A documented code list: `oneOf` of `const` values, each with its description.
        let constants: Option<Vec<Value>> = context
            .iter()
            .map(|errors| match errors.as_slice() {
                [e] if e.instance_path().as_str() == here => match e.kind() {
                    ValidationErrorKind::Constant { expected_value } => {
                        Some(Value::clone(expected_value))
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect();
        if let Some(values) = constants.filter(|v| !v.is_empty()) {
            out.push(ValidationFinding::new(
                Code::Schema(SchemaKeyword::Enum),
                here,
                format!(
                    "{} is not one of: {}",
                    show(error.instance()),
                    list(&values)
                ),
            ));
            return;
        }
        let fitting: Vec<&Vec<ValidationError<'static>>> = context
            .iter()
            .filter(|errors| !errors.iter().any(|e| is_shape_mismatch(e, here)))
            .collect();
        if let [only] = fitting.as_slice() {
            if !only.is_empty() {
                for inner in only.iter() {
                    push_schema_findings(inner, out);
                }
                return;
            }
        }
    }
    out.push(schema_finding(error));
}

/// Whether `e` says the alternative does not fit at all: a wrong JSON type at the alternative's own
/// location, or a wrong `const` tag directly below it (`/type` of a tagged variant).
fn is_shape_mismatch(e: &ValidationError<'_>, here: &str) -> bool {
    let path = e.instance_path().as_str();
    match e.kind() {
        ValidationErrorKind::Type { .. } => path == here,
        ValidationErrorKind::Constant { .. } => path
            .strip_prefix(here)
            .is_some_and(|rest| rest.len() > 1 && rest.matches('/').count() == 1),
        _ => false,
    }
}

fn schema_finding(error: &ValidationError<'_>) -> ValidationFinding {
    let kind = error.kind();
    let keyword = SchemaKeyword::from_keyword(kind.keyword());
    let instance: &Value = error.instance();
    let message = match kind {
        ValidationErrorKind::Required { property } => {
            format!("required property {} is missing", show(property))
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            format!("expected {expected}, found {}", json_type(instance))
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let names: Vec<String> = unexpected.iter().map(|n| format!("\"{n}\"")).collect();
            format!("property {} is not allowed here", names.join(", "))
        }
        ValidationErrorKind::Pattern { pattern } => {
            format!(
                "{} does not have the required form (pattern {pattern})",
                show(instance)
            )
        }
        ValidationErrorKind::Format { format } => {
            let what = match format.as_str() {
                "date" => "a date (YYYY-MM-DD)",
                "date-time" => "a date and time (RFC 3339)",
                "email" => "an e-mail address",
                "uri" => "an absolute URI",
                "uuid" => "a UUID",
                other => other,
            };
            format!("{} is not {what}", show(instance))
        }
        ValidationErrorKind::Enum { options } => match options.as_array() {
            Some(values) => format!("{} is not one of: {}", show(instance), list(values)),
            None => format!("{} is not an allowed value", show(instance)),
        },
        ValidationErrorKind::Constant { expected_value } => {
            format!("{} must be {}", show(instance), show(expected_value))
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            closest_variant(instance, context)
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            format!(
                "{} fits more than one of the allowed variants",
                show(instance)
            )
        }
        ValidationErrorKind::Minimum { limit } => {
            format!("{} is less than the minimum {limit}", show(instance))
        }
        ValidationErrorKind::Maximum { limit } => {
            format!("{} is greater than the maximum {limit}", show(instance))
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            format!("{} must be greater than {limit}", show(instance))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            format!("{} must be less than {limit}", show(instance))
        }
        ValidationErrorKind::MinLength { limit } => {
            format!("{} is shorter than {limit} character(s)", show(instance))
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("{} is longer than {limit} character(s)", show(instance))
        }
        ValidationErrorKind::MinItems { limit } => format!("needs at least {limit} item(s)"),
        ValidationErrorKind::MaxItems { limit } => format!("allows at most {limit} item(s)"),
        ValidationErrorKind::UniqueItems => "items must be unique; some appear twice".to_owned(),
        ValidationErrorKind::FalseSchema => "no value is allowed here".to_owned(),
        _ => {
            let text = error.to_string();
            if text.chars().count() > 200 {
                format!("{}…", text.chars().take(200).collect::<String>())
            } else {
                text
            }
        }
    };
    ValidationFinding::new(
        Code::Schema(keyword),
        error.instance_path().as_str(),
        message,
    )
}

/// Message for a failed `oneOf`/`anyOf`: names the variant that came closest (fewest errors) and its
/// first error, which is usually what the author got wrong.
/// `f` for a value found at `prefix` inside a larger document (a record of a dataset, an element
/// of an array): its pointer, and the pointer a `oneOf`/`anyOf` message ends with, made absolute.
pub(crate) fn within(mut f: ValidationFinding, prefix: &str) -> ValidationFinding {
    if prefix.is_empty() {
        return f;
    }
    if let Some((head, at)) = f.message.rsplit_once(" at /")
        && f.message
            .contains(" fits none of the allowed variants; closest: ")
    {
        f.message = format!("{head} at {prefix}/{at}");
    }
    f.pointer = format!("{prefix}{}", f.pointer);
    f
}

fn closest_variant(instance: &Value, context: &[Vec<ValidationError<'static>>]) -> String {
    let best = context
        .iter()
        .filter(|errors| !errors.is_empty())
        .min_by_key(|errors| {
            // A wrong tag (`const`/`enum` on a `type` field) means "another variant"; rank it last.
            let wrong_tag = errors
                .iter()
                .any(|e| matches!(e.kind(), ValidationErrorKind::Constant { .. }));
            (wrong_tag, errors.len())
        });
    match best.and_then(|errors| errors.first()) {
        Some(first) => {
            let inner = schema_finding(first);
            let at = if inner.pointer.is_empty() {
                String::new()
            } else {
                format!(" at {}", inner.pointer)
            };
            format!(
                "{} fits none of the allowed variants; closest: {}{at}",
                show(instance),
                inner.message
            )
        }
        None => format!("{} fits none of the allowed variants", show(instance)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_single_record_gets_only_findings_of_record_scope() {
        let v = Validator::shared().unwrap();
        // Live without agreement or channel in the "dataset" of one record, and an unknown
        // Verwaltung: all of these need other records and must not be reported.
        let entry = serde_json::json!({
            "verwaltung": "gibt-es-nicht", "onlinedienst": "auch-nicht", "phase": "pilot",
            "status": "live", "goLive": "2022-05-02",
            "history": [{"date": "2022-05-02", "status": "live"}, {"date": "2022-01-01", "status": "ordered"}]
        });
        let report = v.validate_value(DocumentKind::RolloutEntry, &entry);
        assert!(
            !report.findings.is_empty(),
            "the unsorted history is a record-scope finding"
        );
        for f in &report.findings {
            if let Code::Rule(code) = f.code {
                assert_eq!(code.scope(), FindingScope::Record, "{f}");
            }
        }
        // The same entry in a dataset gets the cross-record findings.
        let ds = serde_json::json!({"schemaVersion": "1.0", "rollout": [entry]});
        let report = v.validate_value(DocumentKind::Dataset, &ds);
        assert!(
            report
                .findings
                .iter()
                .any(|f| matches!(f.code, Code::Rule(c) if c.scope() == FindingScope::CrossRecord)),
            "{report}"
        );
    }

    #[test]
    fn long_values_are_shortened() {
        let long = Value::String("x".repeat(500));
        assert!(show(&long).ends_with('…'));
        assert!(show(&long).chars().count() <= MAX_SHOWN + 1);
    }
}
