//! Stable finding codes (Prüfcodes) of the validation: the JSON and document layer, the JSON Schema
//! layer (`schema.<keyword>`) and ozg-core's semantic rules ([`FindingCode`]).

use std::fmt;

use ozg_core::finding::{FindingCode, Severity};
use serde::{Serialize, Serializer};

/// Code of a finding reported by the validator (Prüfcode). Serialises as its stable dotted string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The input is not well-formed JSON (`json.syntax`). An input error: the CLI exits 2.
    JsonSyntax,
    /// An object has the same key twice (`json.duplicate_key`); the pointer names the second one.
    /// An input error: the CLI exits 2.
    DuplicateKey,
    /// The input is not well-formed XML or not our XML format or XZuFi (`xml.syntax`): broken
    /// markup, a limit, a wrong root element or namespace. An input error: the CLI exits 2.
    XmlSyntax,
    /// An XML document of our format whose content does not fit its document kind (`xml.content`),
    /// e.g. a number where a code is expected; positioned at the element.
    XmlContent,
    /// One object of an XZuFi message cannot be read (`xzufi.invalid_object`); the rest of the
    /// message is still read.
    XzufiInvalidObject,
    /// The document kind could not be told from the document's shape (`document.unknown_kind`).
    UnknownDocumentKind,
    /// The document passes the JSON Schema but the model rejects it (`document.model`), e.g. a rule
    /// of an identifier that a `pattern` cannot express.
    Model,
    /// A JSON Schema keyword failed (`schema.<keyword>`, e.g. `schema.required`).
    Schema(SchemaKeyword),
    /// A semantic rule of ozg-core failed (e.g. `rollout.live_without_agreement`).
    Rule(FindingCode),
}

macro_rules! schema_keywords {
    ($( $(#[$doc:meta])* $variant:ident => $kw:literal, )+) => {
        /// JSON Schema keyword (Schlüsselwort) whose check failed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum SchemaKeyword {
            $( $(#[$doc])* $variant, )+
        }

        impl SchemaKeyword {
            /// Every keyword this crate reports.
            pub const ALL: &'static [SchemaKeyword] = &[$(SchemaKeyword::$variant,)+];

            /// The keyword as spelled in JSON Schema (`additionalProperties`, …).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( SchemaKeyword::$variant => $kw, )+
                }
            }

            /// The keyword for a spelling; unknown spellings map to [`SchemaKeyword::Other`].
            pub fn from_keyword(keyword: &str) -> SchemaKeyword {
                match keyword {
                    $( $kw => SchemaKeyword::$variant, )+
                    _ => SchemaKeyword::Other,
                }
            }
        }
    };
}

schema_keywords! {
    /// `type`: wrong JSON type.
    Type => "type",
    /// `required`: a required property is missing.
    Required => "required",
    /// `additionalProperties`: a property the schema does not allow.
    AdditionalProperties => "additionalProperties",
    /// `pattern`: a string does not match its regular expression.
    Pattern => "pattern",
    /// `format`: a string is not a valid date, e-mail, URI, …
    Format => "format",
    /// `enum`: a value outside the code list.
    Enum => "enum",
    /// `const`: a value other than the one allowed.
    Const => "const",
    /// `oneOf`: not exactly one of the alternatives fits.
    OneOf => "oneOf",
    /// `anyOf`: none of the alternatives fits.
    AnyOf => "anyOf",
    /// `minimum`.
    Minimum => "minimum",
    /// `maximum`.
    Maximum => "maximum",
    /// `exclusiveMinimum`.
    ExclusiveMinimum => "exclusiveMinimum",
    /// `exclusiveMaximum`.
    ExclusiveMaximum => "exclusiveMaximum",
    /// `minLength`.
    MinLength => "minLength",
    /// `maxLength`.
    MaxLength => "maxLength",
    /// `minItems`.
    MinItems => "minItems",
    /// `maxItems`.
    MaxItems => "maxItems",
    /// `uniqueItems`.
    UniqueItems => "uniqueItems",
    /// `minProperties`.
    MinProperties => "minProperties",
    /// `maxProperties`.
    MaxProperties => "maxProperties",
    /// `multipleOf`.
    MultipleOf => "multipleOf",
    /// `not`.
    Not => "not",
    /// `false` schema: nothing is allowed here.
    FalseSchema => "falseSchema",
    /// `unevaluatedProperties`.
    UnevaluatedProperties => "unevaluatedProperties",
    /// Any other keyword.
    Other => "other",
}

impl Code {
    /// The stable dotted code string (`json.syntax`, `schema.required`, `dataset.unknown_verwaltung`, …).
    pub fn as_str(self) -> String {
        match self {
            Code::JsonSyntax => "json.syntax".to_owned(),
            Code::DuplicateKey => "json.duplicate_key".to_owned(),
            Code::XmlSyntax => "xml.syntax".to_owned(),
            Code::XmlContent => "xml.content".to_owned(),
            Code::XzufiInvalidObject => "xzufi.invalid_object".to_owned(),
            Code::UnknownDocumentKind => "document.unknown_kind".to_owned(),
            Code::Model => "document.model".to_owned(),
            Code::Schema(kw) => format!("schema.{}", kw.as_str()),
            Code::Rule(code) => code.as_str().to_owned(),
        }
    }

    /// The severity findings with this code have: errors, except the warnings among ozg-core's rules.
    pub fn severity(self) -> Severity {
        match self {
            Code::Rule(code) => code.severity(),
            _ => Severity::Error,
        }
    }

    /// Whether the finding means the input could not be read as a document at all (not well-formed
    /// JSON or XML, a duplicate key): the CLI exits 2 for these, as every command does for
    /// unreadable input, and 1 for all other findings.
    pub fn is_input_error(self) -> bool {
        matches!(
            self,
            Code::JsonSyntax | Code::DuplicateKey | Code::XmlSyntax
        )
    }

    /// Every code the validator can report, in a stable order: document layer, schema layer, rules.
    pub fn all() -> Vec<Code> {
        let mut all = vec![
            Code::JsonSyntax,
            Code::DuplicateKey,
            Code::XmlSyntax,
            Code::XmlContent,
            Code::XzufiInvalidObject,
            Code::UnknownDocumentKind,
            Code::Model,
        ];
        all.extend(SchemaKeyword::ALL.iter().map(|k| Code::Schema(*k)));
        all.extend(FindingCode::ALL.iter().map(|c| Code::Rule(*c)));
        all
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::all()
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

/// Error for a code string the validator does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown finding code \"{0}\"")]
pub struct UnknownCode(pub String);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let all = Code::all();
        let mut seen = std::collections::HashSet::new();
        for code in &all {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
        }
        assert!(all.contains(&Code::Schema(SchemaKeyword::Required)));
        assert_eq!(
            Code::Schema(SchemaKeyword::AdditionalProperties).as_str(),
            "schema.additionalProperties"
        );
        assert_eq!(
            SchemaKeyword::from_keyword("dependentSchemas"),
            SchemaKeyword::Other
        );
    }
}
