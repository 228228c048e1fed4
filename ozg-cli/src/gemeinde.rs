//! `ozg gemeinde ARS|AGS|PREFIX|NAME`: the embedded Gemeindeverzeichnis of Germany.
//!
//! A 12-digit ARS or an 8-digit AGS shows one Gemeinde with its Land, Bezirk, Kreis and
//! Gemeindeverband; an ARS prefix of 2, 3, 5 or 9 digits lists every Gemeinde under it; anything
//! else is a name search (folded like the catalogue search). Exit 1 when nothing is found.

use std::io::Write;

use clap::{Args, ValueEnum};
use ozg_core::code::Bundesland;
use ozg_core::id::{Ags, Ars, ArsPrefix};
use ozg_core::org::{Gemeinde, Gemeindeverzeichnis};
use serde_json::{Value, json};

use crate::{CliError, Outcome};

/// Output format of `ozg gemeinde`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Human-readable text.
    Text,
    /// A JSON array with one object per Gemeinde.
    Json,
}

/// Arguments of `ozg gemeinde`.
#[derive(Debug, Args)]
pub(crate) struct GemeindeArgs {
    /// A 12-digit ARS, an 8-digit AGS, an ARS prefix (2, 3, 5 or 9 digits: Land, Regierungsbezirk,
    /// Kreis, Gemeindeverband/Amt) or a name to search for.
    query: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// At most this many results of a name search.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

/// What the query names.
enum Query {
    One(Option<&'static Gemeinde>),
    Under(ArsPrefix),
    Search(String),
}

fn parse_query(q: &str) -> Result<Query, CliError> {
    let de = Gemeindeverzeichnis::germany();
    let q = q.trim();
    if q.is_empty() {
        return Err(CliError::Usage(
            "empty query; give an ARS, an AGS, an ARS prefix or a name".to_owned(),
        ));
    }
    if !q.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Query::Search(q.to_owned()));
    }
    let usage = |e: ozg_core::id::IdError| CliError::Usage(e.to_string());
    match q.len() {
        12 => Ok(Query::One(
            de.gemeinde_by_ars(&q.parse::<Ars>().map_err(usage)?),
        )),
        8 => Ok(Query::One(
            de.gemeinde_by_ags(&q.parse::<Ags>().map_err(usage)?),
        )),
        2 | 3 | 5 | 9 => Ok(Query::Under(q.parse().map_err(usage)?)),
        n => Err(CliError::Usage(format!(
            "{q:?} has {n} digits; expected an ARS (12), an AGS (8) or an ARS prefix (2, 3, 5 or 9)"
        ))),
    }
}

fn land_name(de: &Gemeindeverzeichnis, land: Bundesland) -> &str {
    de.land(land).map_or(land.name(), |l| l.name.as_str())
}

/// The JSON object of one result: the Gemeinde (its serde form) with its Land, Bezirk, Kreis
/// and Gemeindeverband.
fn to_json(de: &Gemeindeverzeichnis, g: &Gemeinde) -> Value {
    json!({
        "gemeinde": g,
        "land": de.land(g.land()),
        "bezirk": de.bezirk_of(g),
        "kreis": de.kreis(&g.kreis_key()),
        "verbandKey": g.verband_key(),
        "amtsangehoerig": g.is_amtsangehoerig(),
    })
}

fn write_detail(
    de: &Gemeindeverzeichnis,
    g: &Gemeinde,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(out, "{} {}", g.ars, g.name)?;
    if g.city_district {
        writeln!(out, "  Art:              Stadt-/Ortsteil bzw. Stadtbezirk")?;
    }
    writeln!(out, "  AGS:              {}", g.ags)?;
    writeln!(
        out,
        "  Land:             {:02} {}",
        g.land().number(),
        land_name(de, g.land())
    )?;
    if let Some(b) = de.bezirk_of(g) {
        writeln!(out, "  Bezirk:           {} {}", b.key, b.name)?;
    }
    match de.kreis(&g.kreis_key()) {
        Some(k) if k.kreisfreie_stadt => writeln!(
            out,
            "  Kreis:            {} {} (kreisfreie Stadt)",
            k.key, k.name
        )?,
        Some(k) => writeln!(out, "  Kreis:            {} {}", k.key, k.name)?,
        None => writeln!(
            out,
            "  Kreis:            {} (not in the Kreis list)",
            g.kreis_key()
        )?,
    }
    let kind = if g.is_amtsangehoerig() {
        "amtsangehörig / verbandsangehörig"
    } else {
        "not amtsangehörig"
    };
    writeln!(
        out,
        "  Gemeindeverband:  {} ({kind}; its name is not in the official lists)",
        g.verband_key()
    )?;
    Ok(())
}

fn write_list(rows: &[&Gemeinde], out: &mut dyn Write) -> Result<(), CliError> {
    for g in rows {
        let mark = if g.city_district {
            "  (Stadt-/Ortsteil bzw. Stadtbezirk)"
        } else {
            ""
        };
        writeln!(out, "{}  {}  {}{mark}", g.ars, g.ags, g.name)?;
    }
    Ok(())
}

/// `ozg gemeinde`.
pub(crate) fn run(args: &GemeindeArgs, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let de = Gemeindeverzeichnis::germany();
    let format = if args.json { Format::Json } else { args.format };
    let (rows, single): (Vec<&Gemeinde>, bool) = match parse_query(&args.query)? {
        Query::One(g) => (g.into_iter().collect(), true),
        Query::Under(p) => (de.gemeinden_under(&p).collect(), false),
        Query::Search(text) => (
            de.search(&text).into_iter().take(args.limit).collect(),
            false,
        ),
    };
    if rows.is_empty() {
        return Err(CliError::NotFound(format!(
            "no Gemeinde found for {:?} in the Gemeindeverzeichnis of Germany",
            args.query
        )));
    }
    match format {
        Format::Json => {
            let v: Vec<Value> = rows.iter().map(|g| to_json(de, g)).collect();
            crate::write_json(out, &v)?;
        }
        Format::Text if single => {
            for g in &rows {
                write_detail(de, g, out)?;
            }
        }
        Format::Text => write_list(&rows, out)?,
    }
    Ok(Outcome::Ok)
}
