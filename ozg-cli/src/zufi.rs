//! Shared by `ozg route`, `ozg coverage` and `ozg check --zufi`: the Zuständigkeit index of the
//! exports given on the command line, and its findings.

use std::io::Write;
use std::path::{Path, PathBuf};

use ozg_core::catalogue::Catalogue;
use ozg_core::id::{Ags, Ars, ArsPrefix};
use ozg_core::zufi::{ZufiIndex, normalise_ars_key};
use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::{IndexError, build_index};

use crate::output::{self, Format};
use crate::{CliError, Outcome};

/// Builds the index of `paths` (one streaming pass each).
pub(crate) fn load_index(paths: &[PathBuf], cat: &Catalogue) -> Result<ZufiIndex, CliError> {
    build_index(paths, ReaderConfig::default(), cat).map_err(|e| match e {
        IndexError::Io { path, source } => CliError::Io { path, source },
        other => CliError::Input(other.to_string()),
    })
}

/// Writes the index's findings to stderr, one per line (`file:line:column: code message`).
pub(crate) fn report_findings(index: &ZufiIndex) {
    for f in index.findings() {
        eprintln!("ozg: {f}");
    }
    let c = index.counts();
    if c.objects_skipped > 0 || !index.findings().is_empty() {
        eprintln!(
            "ozg: {} file(s), {} object(s) read, {} skipped, {} Zuständigkeit(en), {} finding(s)",
            c.files,
            c.objects_read,
            c.objects_skipped,
            c.zustaendigkeiten,
            index.findings().len()
        );
    }
}

/// An area argument: 2, 3, 5, 9 or 12 digits, padded keys normalised to their level.
pub(crate) fn parse_area(s: &str, what: &str) -> Result<ArsPrefix, CliError> {
    normalise_ars_key(s.trim())
        .map(|(p, _)| p)
        .map_err(|e| CliError::Usage(format!("{what} {s:?}: {e}")))
}

/// The ARS of an AGS through the embedded Gemeindeverzeichnis of Germany (Regionalschlüssel
/// 2026-04-30), else through the Gemeinde-level `gebietID`s of the exports.
pub(crate) fn ars_for_ags(index: &ZufiIndex, ags: Ags) -> Result<Ars, CliError> {
    ozg_core::org::Gemeindeverzeichnis::germany()
        .ars_for_ags(&ags)
        .or_else(|| index.ars_for_ags_in_exports(ags))
        .ok_or_else(|| {
            CliError::Usage(format!(
                "AGS {ags} is not in the Gemeindeverzeichnis of Germany (Regionalschlüssel 2026-04-30) \
                 and no export names it by its ARS; give --ars instead"
            ))
        })
}

/// `ozg check DATASET --zufi EXPORT…`: the dataset's own findings plus the cross-check with the
/// exports (`zufi.*` codes, each with the dataset pointer and the export's file:line:column).
pub(crate) fn check(
    cat: &Catalogue,
    registry: &ozg_core::codelist::CodeListRegistry,
    dataset: Option<&Path>,
    exports: &[PathBuf],
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let ds = crate::dataset::load(dataset)?;
    let index = load_index(exports, cat)?;
    report_findings(&index);
    let findings = ds.check_with_codes(cat, registry);
    let cross = ozg_core::zufi::cross_check(&ds, &index, cat, today());
    let name = dataset.map_or_else(
        || "bundled example dataset".to_owned(),
        |p| p.display().to_string(),
    );
    if format != Format::Text {
        let file = output::file_label(dataset);
        let mut all: Vec<serde_json::Value> = Vec::with_capacity(findings.len() + cross.len());
        for f in &findings {
            all.push(output::with_file(&file, f)?);
        }
        for f in &cross {
            all.push(output::with_file(&file, f)?);
        }
        output::write_records(out, format, &all)?;
    } else {
        for f in &findings {
            writeln!(out, "{name}: {f}")?;
        }
        for f in &cross {
            write!(out, "{name}: {} {}: {}", f.pointer, f.code, f.message)?;
            match &f.source {
                Some(s) => writeln!(out, " (export {s})")?,
                None => writeln!(out)?,
            }
        }
        let errors = findings.iter().filter(|f| f.is_error()).count()
            + cross
                .iter()
                .filter(|f| f.severity == ozg_core::finding::Severity::Error)
                .count();
        writeln!(
            out,
            "{name}: {errors} error(s), {} warning(s)",
            findings.len() + cross.len() - errors
        )?;
    }
    let errors = findings.iter().any(|f| f.is_error())
        || cross
            .iter()
            .any(|f| f.severity == ozg_core::finding::Severity::Error);
    Ok(if errors {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// Today's date (UTC) for "agreement in force".
fn today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}
