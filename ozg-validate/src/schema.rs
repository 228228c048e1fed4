//! JSON Schemas (draft 2020-12) of the document types, generated from the Rust model with schemars.
//!
//! Each schema carries `$schema` (the 2020-12 dialect), an absolute versioned `$id` under
//! [`SCHEMA_BASE`], a `title`, and the model's doc comments as descriptions. [`SchemaSet`] lists them;
//! [`write_dir`] writes them, [`check_dir`] compares a directory with what the model generates now.
//!
//! ```
//! use ozg_validate::schema::{SchemaSet, SCHEMA_BASE};
//! use ozg_validate::DocumentKind;
//!
//! let entry = SchemaSet::get(DocumentKind::Dataset);
//! assert_eq!(entry.file_name(), "dataset.schema.json");
//! let schema = entry.schema();
//! assert_eq!(schema["$id"], format!("{SCHEMA_BASE}dataset.schema.json"));
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! ```

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use std::sync::LazyLock;

use ozg_core::document::DocumentKind;
use serde_json::{Map, Value};

use crate::render;

/// Base URI of every schema `$id` (versioned by the minor version of the document format).
pub const SCHEMA_BASE: &str = "https://ozg-rs.github.io/schemas/0.1/";

/// The JSON Schema dialect every schema declares in `$schema` (draft 2020-12).
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The command that rewrites the committed schema files.
pub const REGENERATE_COMMAND: &str = "cargo run -p ozg-cli -- schema --out schemas";

/// Environment variable: when `1`, the drift test of this crate rewrites `schemas/` instead of failing
/// (`OZG_UPDATE_SCHEMAS=1 cargo test -p ozg-validate`).
pub const UPDATE_ENV: &str = "OZG_UPDATE_SCHEMAS";

/// One entry of the [`SchemaSet`]: a document kind and its title. The schema itself comes from
/// [`DocumentKind::json_schema`], the one place schemas are generated.
#[derive(Debug, Clone, Copy)]
pub struct SchemaEntry {
    /// The document kind (Dokumentart).
    pub kind: DocumentKind,
    /// Title written into the schema (`title`).
    pub title: &'static str,
}

impl SchemaEntry {
    /// The short name (`dataset`, `rollout-entry`, …).
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// The file name, `<name>.schema.json`.
    pub fn file_name(&self) -> String {
        self.kind.schema_file_name()
    }

    /// The absolute `$id`, [`SCHEMA_BASE`] + file name.
    pub fn id(&self) -> String {
        format!("{SCHEMA_BASE}{}", self.file_name())
    }

    /// The generated schema as JSON, with `$schema`, `$id` and `title` set.
    pub fn schema(&self) -> Value {
        let mut value = self.kind.json_schema();
        if let Value::Object(map) = &mut value {
            map.insert("$schema".into(), Value::String(DIALECT.into()));
            map.insert("$id".into(), Value::String(self.id()));
            map.insert("title".into(), Value::String(self.title.into()));
        }
        value
    }

    /// The schema rendered as the file content: pretty JSON with a stable key order and a final newline.
    pub fn render(&self) -> String {
        render_json(&self.schema())
    }
}

/// The set of schemas (Schemasatz) this crate publishes, one per [`DocumentKind`].
#[derive(Debug, Clone, Copy)]
pub struct SchemaSet;

static ENTRIES: LazyLock<Vec<SchemaEntry>> = LazyLock::new(|| {
    DocumentKind::ALL
        .iter()
        .map(|&kind| SchemaEntry {
            kind,
            title: kind.title(),
        })
        .collect()
});

impl SchemaSet {
    /// Every entry, in the order of [`DocumentKind::ALL`].
    pub fn entries() -> &'static [SchemaEntry] {
        &ENTRIES
    }

    /// The entry of one document kind.
    pub fn get(kind: DocumentKind) -> &'static SchemaEntry {
        // ENTRIES has one entry per kind, in DocumentKind::ALL order (tested).
        let i = DocumentKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        &ENTRIES[i]
    }

    /// The entry with this file name (`dataset.schema.json`), if any.
    pub fn by_file_name(file_name: &str) -> Option<&'static SchemaEntry> {
        ENTRIES.iter().find(|e| e.file_name() == file_name)
    }
}

/// Renders JSON as the schema files are written: two-space indentation, `$schema`, `$id`, `title`,
/// `description` first, other keys sorted, `$defs` last, and a trailing newline. The output does not
/// depend on serde_json's `preserve_order` feature.
pub fn render_json(value: &Value) -> String {
    render::pretty(value)
}

/// Error writing or reading the schema directory (Schemaverzeichnis).
#[derive(Debug, thiserror::Error)]
#[error("{action} {path}: {source}")]
pub struct SchemaIoError {
    /// What was being done (`writing`, `reading`, `creating directory`).
    pub action: &'static str,
    /// The file or directory.
    pub path: PathBuf,
    /// The I/O error.
    #[source]
    pub source: io::Error,
}

/// Writes every schema of the [`SchemaSet`] into `dir` (created if missing); returns the paths written.
pub fn write_dir(dir: &Path) -> Result<Vec<PathBuf>, SchemaIoError> {
    std::fs::create_dir_all(dir).map_err(|source| SchemaIoError {
        action: "creating directory",
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for entry in SchemaSet::entries() {
        let path = dir.join(entry.file_name());
        std::fs::write(&path, entry.render()).map_err(|source| SchemaIoError {
            action: "writing",
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// How one schema file differs from the generated schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileDrift {
    /// The file does not exist (or cannot be read).
    Missing {
        /// The file name.
        file_name: String,
    },
    /// The file exists but its content differs.
    Differs {
        /// The file name.
        file_name: String,
        /// Line diff: `-` committed, `+` generated.
        diff: String,
    },
}

/// The schema directory is out of date (Schemas veraltet): the files differ from what the model
/// generates. [`fmt::Display`] shows every difference and the command that rewrites the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// The directory checked.
    pub dir: PathBuf,
    /// One entry per file that is missing or differs.
    pub files: Vec<FileDrift>,
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} schema file(s) in {} differ from the model:",
            self.files.len(),
            self.dir.display()
        )?;
        for file in &self.files {
            match file {
                FileDrift::Missing { file_name } => writeln!(f, "\n{file_name}: missing")?,
                FileDrift::Differs { file_name, diff } => writeln!(
                    f,
                    "\n{file_name}: differs (- committed, + generated)\n{diff}"
                )?,
            }
        }
        write!(
            f,
            "\nRegenerate with `{REGENERATE_COMMAND}` (or `{UPDATE_ENV}=1 cargo test -p ozg-validate`)."
        )
    }
}

impl std::error::Error for Drift {}

/// Compares every schema file in `dir` with the generated schema; `Err` lists every difference.
pub fn check_dir(dir: &Path) -> Result<(), Drift> {
    let mut files = Vec::new();
    for entry in SchemaSet::entries() {
        let file_name = entry.file_name();
        let expected = entry.render();
        match std::fs::read_to_string(dir.join(&file_name)) {
            Err(_) => files.push(FileDrift::Missing { file_name }),
            Ok(actual) if actual == expected => {}
            Ok(actual) => files.push(FileDrift::Differs {
                diff: render::line_diff(&actual, &expected),
                file_name,
            }),
        }
    }
    if files.is_empty() {
        Ok(())
    } else {
        Err(Drift {
            dir: dir.to_path_buf(),
            files,
        })
    }
}

/// Every schema as a JSON object keyed by file name (for tools that want them in memory).
pub fn all_schemas() -> Map<String, Value> {
    SchemaSet::entries()
        .iter()
        .map(|e| (e.file_name(), e.schema()))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn one_entry_per_kind_in_order() {
        let kinds: Vec<DocumentKind> = SchemaSet::entries().iter().map(|e| e.kind).collect();
        assert_eq!(kinds, DocumentKind::ALL);
        for kind in DocumentKind::ALL {
            assert_eq!(SchemaSet::get(*kind).kind, *kind);
            assert_eq!(
                SchemaSet::by_file_name(&kind.schema_file_name()).map(|e| e.kind),
                Some(*kind)
            );
        }
    }

    #[test]
    fn every_schema_has_dialect_id_title_and_description() {
        for entry in SchemaSet::entries() {
            let s = entry.schema();
            assert_eq!(s["$schema"], DIALECT, "{}", entry.name());
            let id = s["$id"].as_str().unwrap_or_default();
            assert!(
                id.starts_with("https://") && id.ends_with(".schema.json"),
                "{id}"
            );
            assert!(s["title"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(
                s["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{} has no description",
                entry.name()
            );
            assert!(entry.render().ends_with("}\n"));
        }
    }

    #[test]
    fn check_dir_reports_missing_and_changed_files() {
        let dir = std::env::temp_dir().join(format!("ozg-validate-drift-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let drift = check_dir(&dir).unwrap_err();
        assert_eq!(drift.files.len(), SchemaSet::entries().len());
        write_dir(&dir).unwrap();
        check_dir(&dir).unwrap();
        let path = dir.join("agreement.schema.json");
        let changed = std::fs::read_to_string(&path)
            .unwrap()
            .replacen("\"title\"", "\"titel\"", 1);
        std::fs::write(&path, changed).unwrap();
        let drift = check_dir(&dir).unwrap_err();
        assert_eq!(drift.files.len(), 1);
        let text = drift.to_string();
        assert!(text.contains("agreement.schema.json: differs"), "{text}");
        assert!(text.contains("-   \"titel\""), "{text}");
        assert!(text.contains("+   \"title\""), "{text}");
        assert!(text.contains(REGENERATE_COMMAND), "{text}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
