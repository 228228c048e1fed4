//! `ozg report`: the rollout report of a dataset, filtered, as text, JSON, CSV, XLSX or HTML; and the
//! XLSX branch of `ozg convert` (dataset ⇄ Excel workbook).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use ozg_core::catalogue::Catalogue;
use ozg_core::code::{Bundesland, CodeList, Themenfeld};
use ozg_core::dataset::Dataset;
use ozg_core::id::{ArsLevel, ArsPrefix, KreisKey, VerwaltungId};
use ozg_core::report::ReportFilter;
use ozg_tabular::csv_out::{self, CsvOptions};
use ozg_tabular::table::report_tables;
use ozg_tabular::{TabularError, html, workbook, xlsx};

use crate::{CliError, Outcome};

/// Output format of `ozg report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Terminal tables.
    Text,
    /// The report as JSON (serde form of `RolloutReport`).
    Json,
    /// CSV, one table per file (`--out DIR`) or one table (`--table NAME`) to stdout or `--out FILE`.
    Csv,
    /// XLSX workbook, one sheet per table.
    Xlsx,
    /// One self-contained HTML page.
    Html,
}

/// Arguments of `ozg report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Dataset file (JSON or XLSX); the bundled example when omitted.
    dataset: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text", conflicts_with = "json")]
    format: Format,
    /// Same as --format json.
    #[arg(long)]
    json: bool,
    /// Output file (xlsx, html, one csv table) or directory (csv, one file per table); default stdout.
    #[arg(long, short, value_name = "PATH")]
    out: Option<PathBuf>,
    /// CSV: only this table (kennzahlen, status, phasen, themenfelder, kreise, gemeindeverbaende, hindernisse).
    #[arg(long, value_name = "NAME")]
    table: Option<String>,
    /// CSV: start with a UTF-8 byte-order mark (German Excel).
    #[arg(long)]
    bom: bool,
    /// CSV: field delimiter, ',' (RFC 4180) or ';' (German Excel, with decimal comma).
    #[arg(long, default_value = ",", value_parser = parse_delimiter)]
    delimiter: u8,
    /// Only this Kreis (5-digit Kreisschlüssel).
    #[arg(long, value_name = "KEY")]
    kreis: Option<KreisKey>,
    /// Only this Amt / Gemeindeverband (9-digit ARS prefix).
    #[arg(long, value_name = "ARS9", value_parser = parse_amt)]
    amt: Option<ArsPrefix>,
    /// Only this Land (2-digit code, e.g. 01).
    #[arg(long, value_name = "KEY", value_parser = parse_land)]
    land: Option<Bundesland>,
    /// Only this Themenfeld (code, e.g. familie_kind).
    #[arg(long, value_name = "CODE", value_parser = parse_themenfeld)]
    themenfeld: Option<Themenfeld>,
    /// Only this Verwaltung (id).
    #[arg(long, value_name = "ID")]
    verwaltung: Option<VerwaltungId>,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "\\t" | "\t" => Ok(b'\t'),
        _ => Err(format!("delimiter \"{s}\": expected ',' or ';'")),
    }
}

fn parse_amt(s: &str) -> Result<ArsPrefix, String> {
    let p: ArsPrefix = s
        .parse()
        .map_err(|e: ozg_core::id::IdError| e.to_string())?;
    if p.level() != ArsLevel::Gemeindeverband {
        return Err(format!(
            "\"{s}\" is not a Gemeindeverband key: expected the 9-digit ARS prefix of an Amt"
        ));
    }
    Ok(p)
}

fn parse_land(s: &str) -> Result<Bundesland, String> {
    Bundesland::from_code(s).map_err(|e| e.to_string())
}

fn parse_themenfeld(s: &str) -> Result<Themenfeld, String> {
    Themenfeld::from_code(s).map_err(|e| e.to_string())
}

fn tab_err(e: TabularError) -> CliError {
    match e {
        TabularError::Io { path, source } => CliError::Io { path, source },
        TabularError::UnknownTable { .. } => CliError::Usage(e.to_string()),
        other => CliError::Input(other.to_string()),
    }
}

/// Whether the path names an Excel workbook (`.xlsx`).
pub(crate) fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Loads a dataset from JSON or XLSX (by extension), or the bundled example.
fn load(path: Option<&Path>) -> Result<Dataset, CliError> {
    match path {
        Some(p) if is_xlsx(p) => workbook::read_xlsx_file(p).map_err(tab_err),
        _ => crate::dataset::load(path),
    }
}

fn write_bytes(out: &mut dyn Write, path: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match path {
        Some(p) if p.as_os_str() != "-" => {
            std::fs::write(p, bytes).map_err(|source| CliError::Io {
                path: p.to_owned(),
                source,
            })
        }
        _ => Ok(out.write_all(bytes)?),
    }
}

/// `ozg report [DATASET] [filters] [--format …]`.
pub(crate) fn run(
    cat: &Catalogue,
    args: ReportArgs,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let format = if args.json { Format::Json } else { args.format };
    if format != Format::Csv && (args.table.is_some() || args.bom || args.delimiter != b',') {
        return Err(CliError::Usage(
            "--table, --bom and --delimiter apply to --format csv only".into(),
        ));
    }
    let ds = load(args.dataset.as_deref())?;
    let filter = ReportFilter {
        kreis: args.kreis,
        amt: args.amt,
        land: args.land,
        themenfeld: args.themenfeld,
        verwaltung: args.verwaltung,
    };
    let report = ds.report_with(cat, &filter);
    let out_path = args.out.as_deref();
    match format {
        Format::Text => {
            let mut s = String::new();
            let label = args.dataset.as_deref().map_or_else(
                || "bundled example dataset (Beispieldaten, statuses illustrative)".to_owned(),
                |p| p.display().to_string(),
            );
            s.push_str(&format!(
                "Dataset: {label}\nCatalogue: OZG-Umsetzungskatalog, Stand {}\n\n{report}",
                cat.meta().as_of
            ));
            write_bytes(out, out_path, s.as_bytes())?;
        }
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError::Input(format!("cannot serialise JSON: {e}")))?;
            s.push('\n');
            write_bytes(out, out_path, s.as_bytes())?;
        }
        Format::Html => write_bytes(out, out_path, html::render(&report).as_bytes())?,
        Format::Xlsx => {
            let bytes = xlsx::report_workbook(&report).map_err(tab_err)?;
            write_bytes(out, out_path, &bytes)?;
        }
        Format::Csv => {
            let options = CsvOptions {
                delimiter: args.delimiter,
                bom: args.bom,
            };
            let tables = report_tables(&report);
            match (&args.table, out_path) {
                (Some(name), path) => {
                    let t = csv_out::find(&tables, name).map_err(tab_err)?;
                    let bytes = csv_out::table_csv(t, options).map_err(tab_err)?;
                    write_bytes(out, path, &bytes)?;
                }
                (None, Some(dir)) => {
                    for p in csv_out::write_tables(&tables, dir, options).map_err(tab_err)? {
                        writeln!(out, "{}", p.display())?;
                    }
                }
                (None, None) => {
                    return Err(CliError::Usage(
                        "--format csv writes one file per table: give --out DIR, or --table NAME for one table".into(),
                    ));
                }
            }
        }
    }
    Ok(Outcome::Ok)
}

/// The XLSX branch of `ozg convert`: dataset JSON → workbook, or workbook → dataset JSON (the
/// workbook's dataset is checked like a JSON dataset; errors stop the conversion, exit 1).
pub(crate) fn convert_xlsx(
    cat: &Catalogue,
    codelists: &ozg_core::codelist::CodeListRegistry,
    input: &Path,
    output: &Path,
    stdout: &mut dyn Write,
) -> Result<Outcome, CliError> {
    if is_xlsx(input) {
        let ds = workbook::read_xlsx_file(input).map_err(tab_err)?;
        let findings = ds.check_with_codes(cat, codelists);
        if findings.iter().any(|f| f.is_error()) {
            let mut msg = format!(
                "{}: the workbook's dataset is inconsistent:",
                input.display()
            );
            for f in findings.iter().filter(|f| f.is_error()) {
                let at = workbook::pointer_cell(&f.pointer).unwrap_or_else(|| f.pointer.clone());
                msg.push_str(&format!("\n{at}: {} ({})", f.message, f.pointer));
            }
            return Err(CliError::Input(msg));
        }
        if is_xlsx(output) {
            let bytes = workbook::dataset_to_xlsx(&ds).map_err(tab_err)?;
            return write_bytes(stdout, Some(output), &bytes).map(|()| Outcome::Ok);
        }
        let json = ds
            .to_json_pretty()
            .map_err(|e| CliError::Input(e.to_string()))?;
        write_bytes(stdout, Some(output), json.as_bytes())?;
        return Ok(Outcome::Ok);
    }
    let text = crate::read_text(input)?;
    let ds = Dataset::from_json_str(&text)
        .map_err(|e| CliError::Input(format!("{}: {e}", input.display())))?;
    let bytes = workbook::dataset_to_xlsx(&ds).map_err(tab_err)?;
    write_bytes(stdout, Some(output), &bytes)?;
    Ok(Outcome::Ok)
}
