//! `ozg route EXPORT.xml... --leika KEY (--ars ARS | --ags AGS)` (or `--ozg ID` for all LeiKa keys
//! of an OZG-Leistung): who serves a Leistung in an area, most specific Gebiet first.
//! Exit 0 when something serves the query, 1 when nothing does, 2 on errors.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use ozg_core::catalogue::Catalogue;
use ozg_core::id::{Ags, ArsPrefix, LeikaKey, OzgId};
use ozg_core::zufi::{Route, level_name};

use crate::zufi::{ars_for_ags, load_index, parse_area, report_findings};
use crate::{CliError, Outcome};

/// Output format of `ozg route`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One line per match.
    Text,
    /// The query, the matches and the exports' findings as one JSON object.
    Json,
}

/// Arguments of `ozg route`.
#[derive(Debug, Args)]
pub(crate) struct RouteArgs {
    /// XZuFi 2.2 exports (merged: a Zuständigkeit may name a Leistung of another export).
    #[arg(required = true, value_name = "EXPORT.xml")]
    exports: Vec<PathBuf>,
    /// LeiKa key (14 digits) of the Leistung.
    #[arg(
        long,
        value_name = "KEY",
        required_unless_present = "ozg",
        conflicts_with = "ozg"
    )]
    leika: Option<LeikaKey>,
    /// OZG-ID: every LeiKa key of this OZG-Leistung in the catalogue.
    #[arg(long, value_name = "ID")]
    ozg: Option<OzgId>,
    /// The area: an ARS (12 digits) or a prefix of 2, 3, 5 or 9 digits; padded keys are read as
    /// their level (010510000000 = Kreis 01051).
    #[arg(
        long,
        value_name = "ARS",
        required_unless_present = "ags",
        conflicts_with = "ags"
    )]
    ars: Option<String>,
    /// The Gemeinde by AGS (8 digits).
    #[arg(long, value_name = "AGS")]
    ags: Option<Ags>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Same as --format json.
    #[arg(long)]
    json: bool,
}

/// `ozg route`.
pub(crate) fn route(
    cat: &Catalogue,
    args: RouteArgs,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let index = load_index(&args.exports, cat)?;
    report_findings(&index);
    let (area, ags): (ArsPrefix, Option<Ags>) = match (&args.ars, args.ags) {
        (Some(a), _) => (parse_area(a, "--ars")?, None),
        (None, Some(g)) => (ArsPrefix::from(ars_for_ags(&index, g)?), Some(g)),
        (None, None) => return Err(CliError::Usage("give --ars or --ags".into())),
    };
    let route: Route<'_> = match (args.leika, args.ozg) {
        (Some(k), _) => index.route_keys(vec![k], area, ags, None),
        (None, Some(o)) => {
            let mut r = index
                .route_ozg(o, area, cat)
                .map_err(|e| CliError::Usage(e.to_string()))?;
            r.query.ags = ags;
            r
        }
        (None, None) => return Err(CliError::Usage("give --leika or --ozg".into())),
    };
    let json = args.json || args.format == Format::Json;
    if json {
        let v = serde_json::json!({
            "query": &route.query,
            "matches": &route.matches,
            "findings": index.findings(),
            "counts": index.counts(),
        });
        crate::write_json(out, &v)?;
    } else if route.is_empty() {
        writeln!(out, "nothing serves {}", route.query)?;
    } else {
        for m in &route.matches {
            let z = m.zustaendigkeit;
            let unit = &z.organisationseinheit;
            write!(
                out,
                "{}\t{}\t{} {}",
                level_name(m.level),
                m.matched_gebiet,
                &*unit.id,
                unit.name.as_deref().unwrap_or("")
            )?;
            if let Some(r) = &z.rolle {
                write!(out, "\trolle {}", &**r)?;
            }
            match z.fit_connect_destination() {
                Some(d) => write!(out, "\tFIT-Connect {d}")?,
                None => write!(out, "\tno channel in the export")?,
            }
            writeln!(
                out,
                "\tLeiKa {}\t{}\t{}",
                m.leika_key,
                m.explanation(&route.query),
                z.source
            )?;
        }
    }
    Ok(if route.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}
