//! `ozg catalogue …`: statistics, lookups and search over the OZG-Umsetzungskatalog.

use std::io::Write;

use ozg_core::catalogue::{Catalogue, LeikaLeistung, OzgLeistung, SearchItem, ThemenfeldEntry};
use ozg_core::code::CodeList;
use ozg_core::id::ServiceRef;
use serde_json::{Value, json};

use crate::output::{self, Format};
use crate::{CliError, Outcome};

/// `ozg catalogue stats`: provenance, state, counts and the known gaps.
pub(crate) fn stats(
    cat: &Catalogue,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let meta = cat.meta();
    let c = meta.counts;
    if format != Format::Text {
        // The serde form of the metadata (CatalogueMeta), plus the counts and the Leistungen per
        // Themenfeld (each a ThemenfeldEntry as in the catalogue file, plus `leistungen`).
        let mut per_themenfeld = Vec::new();
        for t in cat.themenfelder() {
            let mut entry = serde_json::to_value(ThemenfeldEntry::from(*t))?;
            if let Value::Object(members) = &mut entry {
                members.insert(
                    "leistungen".to_owned(),
                    Value::from(cat.by_themenfeld(*t).count()),
                );
            }
            per_themenfeld.push(entry);
        }
        let mut v = serde_json::to_value(meta)?;
        if let Value::Object(members) = &mut v {
            members.insert("counts".to_owned(), serde_json::to_value(c)?);
            members.insert("perThemenfeld".to_owned(), Value::Array(per_themenfeld));
        }
        output::write_value(out, format, &v)?;
        return Ok(Outcome::Ok);
    }
    writeln!(out, "OZG-Umsetzungskatalog (Stand {})", meta.as_of)?;
    writeln!(out, "  Quelle:       {}", meta.source)?;
    writeln!(out, "  Lizenz:       {}", meta.licence)?;
    writeln!(out, "  Namensnennung: {}", meta.attribution)?;
    writeln!(out, "  Themenfelder: {}", c.themenfelder)?;
    writeln!(out, "  Lagen:        {}", c.lagen)?;
    match meta.official_ozg_leistungen {
        Some(official) => writeln!(
            out,
            "  OZG-Leistungen: {} (official catalogue: {official}; {} missing from the data)",
            c.leistungen,
            (official as usize).saturating_sub(c.leistungen)
        )?,
        None => writeln!(out, "  OZG-Leistungen: {}", c.leistungen)?,
    }
    writeln!(
        out,
        "  LeiKa rows:   {} ({} with key, {} \"nicht im LeiKa\", {} without OZG-Leistung)",
        c.leika, c.leika_with_key, c.leika_without_key, c.leika_without_ozg_id
    )?;
    writeln!(
        out,
        "  Municipal (Typ 2/3, 4, 5): {}",
        cat.municipal_leistungen().count()
    )?;
    writeln!(
        out,
        "\n  Themenfeld                               OZG-Leistungen"
    )?;
    for t in cat.themenfelder() {
        writeln!(
            out,
            "  {:<40} {:>5}",
            t.label().unwrap_or(t.code()),
            cat.by_themenfeld(*t).count()
        )?;
    }
    if !meta.known_gaps.is_empty() {
        writeln!(out, "\n  Known gaps:")?;
        for g in &meta.known_gaps {
            writeln!(out, "  - {g}")?;
        }
    }
    Ok(Outcome::Ok)
}

/// `catalogue show OZG-ID`: the OZG-Leistung, its Lage, its Themenfeld and its LeiKa rows, each in
/// its serde form (as in the catalogue file).
fn leistung_json(cat: &Catalogue, l: &OzgLeistung) -> Value {
    let leika: Vec<&LeikaLeistung> = cat.leika_of(l.id).collect();
    json!({
        "kind": "ozgLeistung",
        "leistung": l,
        "lage": cat.lage_of(l),
        "themenfeld": ThemenfeldEntry::from(l.themenfeld),
        "leika": leika,
    })
}

/// `ozg catalogue show <OZG-ID or LeiKa key>`.
pub(crate) fn show(
    cat: &Catalogue,
    id: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let reference: ServiceRef = id.trim().parse().map_err(|e| {
        CliError::Usage(format!(
            "{e} (expected an OZG-ID of 5 digits or a LeiKa key of 14 digits)"
        ))
    })?;
    match reference {
        ServiceRef::Ozg(ozg) => {
            let Some(l) = cat.leistung(ozg) else {
                return Err(CliError::NotFound(format!(
                    "OZG-ID {ozg} is not in the catalogue"
                )));
            };
            if format != Format::Text {
                output::write_value(out, format, &leistung_json(cat, l))?;
                return Ok(Outcome::Ok);
            }
            writeln!(out, "OZG-Leistung {} – {}", l.id, l.name)?;
            writeln!(
                out,
                "  Themenfeld: {}",
                l.themenfeld.label().unwrap_or(l.themenfeld.code())
            )?;
            if let Some(lage) = cat.lage_of(l) {
                writeln!(out, "  Lage:       {}", lage.name)?;
            }
            writeln!(out, "  LeiKa-Leistungen:")?;
            for r in cat.leika_of(l.id) {
                print_leika_line(r, out)?;
            }
        }
        ServiceRef::Leika(key) => {
            let Some(r) = cat.leika_by_key(key) else {
                return Err(CliError::NotFound(format!(
                    "LeiKa key {key} is not in the catalogue"
                )));
            };
            let ozg = cat.ozg_for_leika(key);
            if format != Format::Text {
                // The LeiKa row and its OZG-Leistung in their serde forms, as for an OZG-ID.
                let v = json!({
                    "kind": "leikaLeistung",
                    "leika": r,
                    "leistungsTyp": key.kind().code(),
                    "urn": key.urn(),
                    "leistung": ozg,
                });
                output::write_value(out, format, &v)?;
                return Ok(Outcome::Ok);
            }
            writeln!(out, "LeiKa-Leistung {key} – {}", r.name)?;
            writeln!(out, "  URN:          {}", key.urn())?;
            writeln!(out, "  Leistungstyp: {}", key.kind().code())?;
            writeln!(out, "  Typisierung:  {}", r.typisierung)?;
            match ozg {
                Some(l) => writeln!(out, "  OZG-Leistung: {} – {}", l.id, l.name)?,
                None => writeln!(out, "  OZG-Leistung: (none in the data)")?,
            }
            if let Some(rg) = &r.rechtsgrundlage {
                writeln!(out, "  Rechtsgrundlage: {rg}")?;
            }
        }
    }
    Ok(Outcome::Ok)
}

fn print_leika_line(r: &LeikaLeistung, out: &mut dyn Write) -> std::io::Result<()> {
    let key = r
        .key
        .map_or_else(|| "nicht im LeiKa".to_owned(), |k| k.to_string());
    let typ = if r.typisierung.is_empty() {
        "-".to_owned()
    } else {
        r.typisierung.to_string()
    };
    writeln!(out, "    {key:<15} [{typ:<6}] {}", r.name)
}

/// `ozg catalogue search <text>`: exit 1 when nothing matches (an empty array for `--format json`,
/// nothing for `ndjson`, a note on stderr for text).
pub(crate) fn search(
    cat: &Catalogue,
    text: &str,
    limit: usize,
    format: Format,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let hits = cat.search_top(text, limit);
    let found = if hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Ok
    };
    if format != Format::Text {
        let v: Vec<Value> = hits
            .iter()
            .map(|h| {
                let (kind, ozg_id) = match h.item {
                    SearchItem::Leistung(l) => ("ozgLeistung", Some(l.id)),
                    SearchItem::Leika(l) => ("leikaLeistung", l.ozg_id),
                };
                json!({
                    "kind": kind,
                    "id": h.item.service_ref().map(|r| r.to_string()),
                    "name": h.item.name(),
                    "ozgId": ozg_id,
                    "match": format!("{:?}", h.kind).to_lowercase(),
                    "score": h.score,
                })
            })
            .collect();
        output::write_records(out, format, &v)?;
        return Ok(found);
    }
    if hits.is_empty() {
        eprintln!("ozg: no match for \"{text}\"");
        return Ok(found);
    }
    for h in &hits {
        let id = h
            .item
            .service_ref()
            .map_or_else(|| "nicht im LeiKa".to_owned(), |r| r.to_string());
        let kind = match h.item {
            SearchItem::Leistung(_) => "OZG ",
            SearchItem::Leika(_) => "LeiKa",
        };
        writeln!(out, "{kind} {id:<15} {}", h.item.name())?;
    }
    Ok(found)
}
