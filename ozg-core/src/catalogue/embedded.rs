//! The embedded catalogue from the Rust statics that `scripts/gen_data.py` generates into
//! `ozg-core/data/catalogue_data.rs` (the content of `catalogue.json`), so that start-up parses no
//! JSON. Codes and keys are stored as their strings and parsed by their types here; the
//! crate's tests check that the result equals the catalogue read from `catalogue.json`.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{
    Catalogue, CatalogueCounts, CatalogueError, CatalogueMeta, Lage, LeikaLeistung, OzgLeistung,
};
use crate::code::{CodeList, Themenfeld};

mod data {
    include!("../../data/catalogue_data.rs");
}

/// A problem in the generated statics, reported like a problem in the JSON file.
fn invalid(pointer: String, message: String) -> CatalogueError {
    CatalogueError::Json {
        pointer,
        line: 0,
        column: 0,
        message: format!("embedded catalogue_data.rs: {message}"),
    }
}

fn opt(s: Option<&'static str>) -> Option<Cow<'static, str>> {
    s.map(Cow::Borrowed)
}

/// Builds the catalogue from the statics (validated and indexed like a file).
pub(super) fn build() -> Result<Catalogue, CatalogueError> {
    let meta = CatalogueMeta {
        source: data::SOURCE.to_owned(),
        licence: data::LICENCE.to_owned(),
        attribution: data::ATTRIBUTION.to_owned(),
        as_of: NaiveDate::from_ymd_opt(data::AS_OF.0, data::AS_OF.1, data::AS_OF.2)
            .ok_or_else(|| invalid("/meta/asOf".to_owned(), "invalid date".to_owned()))?,
        official_ozg_leistungen: data::OFFICIAL_OZG_LEISTUNGEN,
        known_gaps: data::KNOWN_GAPS.iter().map(|g| (*g).to_owned()).collect(),
        counts: CatalogueCounts::default(),
    };
    // Pointers are formatted only for an error (not once per row).
    let themenfeld = |code: &str, pointer: &dyn Fn() -> String| {
        Themenfeld::from_code(code).map_err(|e| invalid(pointer(), e.to_string()))
    };
    let themenfelder = data::THEMENFELDER
        .iter()
        .enumerate()
        .map(|(i, c)| themenfeld(c, &|| format!("/themenfelder/{i}/code")))
        .collect::<Result<Vec<_>, _>>()?;
    let lagen = data::LAGEN
        .iter()
        .enumerate()
        .map(|(i, &(id, name, tf))| {
            Ok(Lage {
                id,
                name: Cow::Borrowed(name),
                themenfeld: themenfeld(tf, &|| format!("/lagen/{i}/themenfeld"))?,
                adressat: None,
            })
        })
        .collect::<Result<Vec<_>, CatalogueError>>()?;
    let leistungen = data::LEISTUNGEN
        .iter()
        .enumerate()
        .map(|(i, &(id, name, lage, tf))| {
            Ok(OzgLeistung {
                id: id.parse().map_err(|e: crate::id::IdError| {
                    invalid(format!("/leistungen/{i}/id"), e.to_string())
                })?,
                name: Cow::Borrowed(name),
                lage,
                themenfeld: themenfeld(tf, &|| format!("/leistungen/{i}/themenfeld"))?,
            })
        })
        .collect::<Result<Vec<_>, CatalogueError>>()?;
    let leika = data::LEIKA
        .iter()
        .enumerate()
        .map(
            |(i, &(key, name, ozg_id, typ, rg, gesetze, kuerzel, sdg1, sdg2))| {
                // The pointer is formatted only when there is an error (not once per row).
                let id_err = |field: &'static str| {
                    move |e: crate::id::IdError| {
                        invalid(format!("/leika/{i}/{field}"), e.to_string())
                    }
                };
                Ok(LeikaLeistung {
                    key: key.map(str::parse).transpose().map_err(id_err("key"))?,
                    name: Cow::Borrowed(name),
                    ozg_id: ozg_id
                        .map(str::parse)
                        .transpose()
                        .map_err(id_err("ozgId"))?,
                    typisierung: typ.parse().map_err(|e: crate::code::CodeError| {
                        invalid(format!("/leika/{i}/typisierung"), e.to_string())
                    })?,
                    rechtsgrundlage: opt(rg),
                    gesetze: opt(gesetze),
                    gesetzeskuerzel: opt(kuerzel),
                    sdg1,
                    sdg2,
                })
            },
        )
        .collect::<Result<Vec<_>, CatalogueError>>()?;
    Catalogue::build(meta, themenfelder, lagen, leistungen, leika)
}
