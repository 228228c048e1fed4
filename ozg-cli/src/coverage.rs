//! `ozg coverage EXPORT.xml... (--kreis KEY | --amt ARS9 | --gemeinde ARS)`: which municipal
//! OZG-Leistungen of the catalogue have a responsible unit and a digital channel in the area,
//! with the blockers.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use ozg_core::catalogue::Catalogue;
use ozg_core::id::ArsLevel;
use ozg_core::zufi::{BlockerKind, Coverage, Responsibility, level_name};

use crate::zufi::{load_index, parse_area, report_findings};
use crate::{CliError, Outcome};

/// Output format of `ozg coverage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Summary, then one line per OZG-Leistung with a blocker.
    Text,
    /// The coverage as one JSON object.
    Json,
    /// One row per OZG-Leistung.
    Csv,
}

/// Arguments of `ozg coverage`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("area").required(true).args(["kreis", "amt", "gemeinde"])))]
pub(crate) struct CoverageArgs {
    /// XZuFi 2.2 exports.
    #[arg(required = true, value_name = "EXPORT.xml")]
    exports: Vec<PathBuf>,
    /// Kreisschlüssel (5 digits), e.g. 01051.
    #[arg(long, value_name = "KEY")]
    kreis: Option<String>,
    /// Amt / Gemeindeverband (ARS prefix of 9 digits).
    #[arg(long, value_name = "ARS9")]
    amt: Option<String>,
    /// Gemeinde (ARS, 12 digits).
    #[arg(long, value_name = "ARS")]
    gemeinde: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Same as --format json.
    #[arg(long)]
    json: bool,
}

fn responsibility(r: Responsibility) -> &'static str {
    match r {
        Responsibility::Full => "full",
        Responsibility::Partial => "partial",
        Responsibility::None => "none",
    }
}

fn blocker(b: BlockerKind) -> &'static str {
    match b {
        BlockerKind::NoZustaendigkeit => "no Zuständigkeit in the export",
        BlockerKind::PartialZustaendigkeit => "Zuständigkeiten only for parts of the area",
        BlockerKind::NoDigitalChannel => "no digital channel (no FIT-Connect destination)",
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `ozg coverage`.
pub(crate) fn coverage(
    cat: &Catalogue,
    args: CoverageArgs,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (text, what, level) = match (&args.kreis, &args.amt, &args.gemeinde) {
        (Some(k), _, _) => (k, "--kreis", ArsLevel::Kreis),
        (_, Some(a), _) => (a, "--amt", ArsLevel::Gemeindeverband),
        (_, _, Some(g)) => (g, "--gemeinde", ArsLevel::Gemeinde),
        _ => return Err(CliError::Usage("give --kreis, --amt or --gemeinde".into())),
    };
    let area = parse_area(text, what)?;
    if area.level() != level {
        return Err(CliError::Usage(format!(
            "{what} {text:?} names a {}, not a {}",
            level_name(area.level()),
            level_name(level)
        )));
    }
    let index = load_index(&args.exports, cat)?;
    report_findings(&index);
    let cov: Coverage = index.coverage(area, cat);
    let format = if args.json { Format::Json } else { args.format };
    match format {
        Format::Json => crate::write_json(out, &cov)?,
        Format::Csv => {
            writeln!(
                out,
                "ozgId,name,leikaKeys,responsibility,digitalChannel,units,blocker"
            )?;
            for r in &cov.rows {
                let keys: Vec<String> = r.leika_keys.iter().map(ToString::to_string).collect();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{}",
                    r.ozg_id,
                    csv_field(&r.name),
                    keys.join(" "),
                    responsibility(r.responsibility),
                    r.digital_channel,
                    csv_field(&r.units.join(" ")),
                    r.blocker.map(blocker).unwrap_or("")
                )?;
            }
        }
        Format::Text => {
            writeln!(
                out,
                "{} {}: {} municipal OZG-Leistungen, {} with a responsible unit, {} with a digital channel",
                level_name(cov.level),
                cov.area,
                cov.total,
                cov.responsible,
                cov.digital
            )?;
            for r in &cov.rows {
                if r.blocker.is_none() {
                    writeln!(out, "ok\t{}\t{}\t{}", r.ozg_id, r.name, r.units.join(" "))?;
                }
            }
            for r in cov.blockers() {
                writeln!(
                    out,
                    "blocked\t{}\t{}\t{}{}",
                    r.ozg_id,
                    r.name,
                    r.blocker.map(blocker).unwrap_or(""),
                    if r.units.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", r.units.join(" "))
                    }
                )?;
            }
        }
    }
    Ok(Outcome::Ok)
}
