//! `ozg codelist show|lookup`: Genericode code lists (XÖV Codelisten) read with
//! `ozg_xml::genericode`, and the global `--codelist FILE` option that loads newer list versions
//! into the registry the checks use.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use ozg_core::codelist::{Cell, CodeListDocument, CodeListRegistry};
use ozg_xml::ReaderConfig;

use crate::{CliError, Outcome};

/// Output of `ozg codelist show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ShowFormat {
    /// Metadata, then the rows as an aligned table.
    Table,
    /// The whole list in its JSON form (identification, annotation, XÖV metadata, column set, rows).
    Json,
    /// The rows as CSV (RFC 4180) with the column ids as header; absent and empty values are empty.
    Csv,
}

/// Output of `ozg codelist lookup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LookupFormat {
    /// `column: value` lines.
    Text,
    /// The row as a JSON object by column id.
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum CodelistCommand {
    /// Show a Genericode code list: metadata (identification, XÖV metadata, columns, keys) and rows.
    Show {
        /// Genericode file (`-` for stdin).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ShowFormat,
    },
    /// Look a code up by the list's recommended key; exit 1 when it is not in the list.
    Lookup {
        /// Genericode file (`-` for stdin).
        file: PathBuf,
        /// The code (value of the recommended key column).
        key: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: LookupFormat,
        /// Print JSON (same as `--format json`).
        #[arg(long)]
        json: bool,
    },
}

/// Reads a Genericode file (or stdin) with the hardened reader; errors name file and line:column.
pub(crate) fn read_list(path: &Path) -> Result<CodeListDocument, CliError> {
    let result = if path.as_os_str() == "-" {
        ozg_xml::genericode::read(std::io::stdin().lock(), ReaderConfig::default())
    } else {
        let file = std::fs::File::open(path).map_err(|source| CliError::Io {
            path: path.to_owned(),
            source,
        })?;
        ozg_xml::genericode::read(file, ReaderConfig::default())
    };
    result.map_err(|e| {
        if matches!(e.kind(), ozg_xml::XmlErrorKind::Io(_)) {
            if let ozg_xml::XmlErrorKind::Io(source) = e.into_kind() {
                return CliError::Io {
                    path: path.to_owned(),
                    source,
                };
            }
            return CliError::Input(format!("{}: I/O error", path.display()));
        }
        CliError::Input(format!("{}: {e}", path.display()))
    })
}

/// The registry the checks use: the embedded lists plus every `--codelist FILE` (a newer
/// version of a list is pinned over the embedded one).
pub(crate) fn registry(
    files: &[PathBuf],
) -> Result<std::borrow::Cow<'static, CodeListRegistry>, CliError> {
    if files.is_empty() {
        return Ok(std::borrow::Cow::Borrowed(CodeListRegistry::builtin()));
    }
    let mut reg = CodeListRegistry::builtin().clone();
    for f in files {
        reg.insert(read_list(f)?);
    }
    Ok(std::borrow::Cow::Owned(reg))
}

pub(crate) fn run(cmd: CodelistCommand, out: &mut dyn Write) -> Result<Outcome, CliError> {
    match cmd {
        CodelistCommand::Show { file, format } => {
            let doc = read_list(&file)?;
            match format {
                ShowFormat::Json => crate::write_json(out, &doc)?,
                ShowFormat::Csv => write_csv(&doc, out)?,
                ShowFormat::Table => write_table(&doc, out)?,
            }
            Ok(Outcome::Ok)
        }
        CodelistCommand::Lookup {
            file,
            key,
            format,
            json,
        } => {
            let doc = read_list(&file)?;
            if doc.key_column().is_none() {
                return Err(CliError::Input(format!(
                    "{}: the list has no single-column key to look codes up by",
                    file.display()
                )));
            }
            let Some(row) = doc.row_by_key(&key) else {
                return Err(CliError::NotFound(format!(
                    "code \"{key}\" is not in {} version {} ({})",
                    doc.canonical_uri(),
                    doc.version(),
                    file.display()
                )));
            };
            let columns = &doc.column_set().columns;
            if json || format == LookupFormat::Json {
                let mut map = serde_json::Map::new();
                for (c, cell) in columns.iter().zip(&row.cells) {
                    match cell {
                        Cell::Absent => {}
                        Cell::Empty => {
                            map.insert(c.id.clone(), serde_json::Value::Null);
                        }
                        Cell::Text(t) => {
                            map.insert(c.id.clone(), serde_json::Value::String(t.clone()));
                        }
                    }
                }
                crate::write_json(out, &map)?;
            } else {
                for (c, cell) in columns.iter().zip(&row.cells) {
                    if let Some(t) = cell.as_str() {
                        writeln!(out, "{}: {t}", c.id)?;
                    }
                }
            }
            Ok(Outcome::Ok)
        }
    }
}

fn csv_field(s: &str, out: &mut String) {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn write_csv(doc: &CodeListDocument, out: &mut dyn Write) -> Result<(), CliError> {
    let columns = &doc.column_set().columns;
    let mut line = String::new();
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        csv_field(&c.id, &mut line);
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())?;
    for row in doc.rows() {
        line.clear();
        for i in 0..columns.len() {
            if i > 0 {
                line.push(',');
            }
            csv_field(row.cell(i).as_str().unwrap_or_default(), &mut line);
        }
        line.push_str("\r\n");
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

fn write_table(doc: &CodeListDocument, out: &mut dyn Write) -> Result<(), CliError> {
    let id = doc.identification();
    writeln!(out, "Code list:   {}", id.short_name)?;
    if let Some(l) = id.long_name() {
        writeln!(out, "Long name:   {l}")?;
    }
    writeln!(out, "listURI:     {}", id.canonical_uri)?;
    writeln!(
        out,
        "Version:     {} ({})",
        id.version, id.canonical_version_uri
    )?;
    if let Some(a) = &id.agency {
        let name = a
            .long_names
            .first()
            .map(|l| l.value.as_str())
            .or(a.short_name.as_deref())
            .unwrap_or_default();
        writeln!(out, "Agency:      {name}")?;
    }
    let meta = doc.xoev_metadata();
    if let Some(v) = &meta.valid_from {
        writeln!(out, "Valid from:  {v}")?;
    }
    if let Some(v) = &meta.codelist_description {
        writeln!(
            out,
            "Description: {}",
            v.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    let set = doc.column_set();
    let rec = set.recommended_key().map(|k| k.id.as_str());
    for c in &set.columns {
        writeln!(
            out,
            "Column:      {} ({}, {})",
            c.id,
            c.use_.as_str(),
            c.data_type
        )?;
    }
    for k in &set.keys {
        let mark = if Some(k.id.as_str()) == rec {
            ", recommended"
        } else {
            ""
        };
        writeln!(
            out,
            "Key:         {} ({}{mark})",
            k.id,
            k.columns.join(", ")
        )?;
    }
    writeln!(out, "Rows:        {}", doc.len())?;
    writeln!(out)?;
    let n = set.columns.len();
    let mut widths: Vec<usize> = set.columns.iter().map(|c| c.id.chars().count()).collect();
    for row in doc.rows() {
        for (i, w) in widths.iter_mut().enumerate() {
            let len = row.cell(i).as_str().map_or(0, |s| s.chars().count());
            *w = (*w).max(len.min(60));
        }
    }
    let mut line = String::new();
    let mut emit =
        |cells: &mut dyn Iterator<Item = &str>, out: &mut dyn Write| -> Result<(), CliError> {
            line.clear();
            for (i, s) in cells.enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                line.push_str(s);
                if i + 1 < n {
                    let pad = widths[i].saturating_sub(s.chars().count());
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
            Ok(())
        };
    emit(&mut set.columns.iter().map(|c| c.id.as_str()), out)?;
    for row in doc.rows() {
        emit(
            &mut (0..n).map(|i| row.cell(i).as_str().unwrap_or_default()),
            out,
        )?;
    }
    Ok(())
}
