//! `ozg report`, `ozg check`, `ozg example`: work on a dataset (Datenbestand).

use std::io::Write;
use std::path::Path;

use ozg_core::catalogue::Catalogue;
use ozg_core::dataset::Dataset;

use crate::output::{self, Format};
use crate::{CliError, Outcome};

/// Loads a dataset file, or the bundled example when `path` is `None`.
pub(crate) fn load(path: Option<&Path>) -> Result<Dataset, CliError> {
    let Some(path) = path else {
        return Ok(Dataset::example());
    };
    let text = crate::read_text(path)?;
    Dataset::from_json_str(&text).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))
}

fn label(path: Option<&Path>) -> String {
    path.map_or_else(
        || "bundled example dataset (Beispieldaten, statuses illustrative)".to_owned(),
        |p| p.display().to_string(),
    )
}

/// `ozg check [DATASET]`: exit 1 when there are errors. Machine output: the findings, each with the
/// `file` it is in (`<example>` for the bundled example, `<stdin>` for `-`).
pub(crate) fn check(
    cat: &Catalogue,
    registry: &ozg_core::codelist::CodeListRegistry,
    path: Option<&Path>,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let ds = load(path)?;
    let findings = ds.check_with_codes(cat, registry);
    if format != Format::Text {
        let file = output::file_label(path);
        let records = findings
            .iter()
            .map(|f| output::with_file(&file, f))
            .collect::<Result<Vec<_>, _>>()?;
        output::write_records(out, format, &records)?;
    } else {
        let name = label(path);
        for f in &findings {
            writeln!(out, "{name}: {f}")?;
        }
        let errors = findings.iter().filter(|f| f.is_error()).count();
        writeln!(
            out,
            "{name}: {errors} error(s), {} warning(s)",
            findings.len() - errors
        )?;
    }
    Ok(if findings.iter().any(|f| f.is_error()) {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// `ozg example`: the bundled example dataset as JSON (pretty; one line for `--format ndjson`).
pub(crate) fn example(format: Format, out: &mut dyn Write) -> Result<Outcome, CliError> {
    if format == Format::Ndjson {
        output::write_ndjson(out, &Dataset::example())?;
        return Ok(Outcome::Ok);
    }
    let text = Dataset::example()
        .to_json_pretty()
        .map_err(|e| CliError::Input(e.to_string()))?;
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(Outcome::Ok)
}
