//! The embedded Gemeindeverzeichnis of Germany, from the Rust statics that
//! `scripts/gen_gemeinden.py` generates into `ozg-core/data/gemeinden_de.rs` (no parse at start).

use std::sync::OnceLock;

use chrono::NaiveDate;

use super::register::{
    Bezirk, Gemeinde, Gemeindeverzeichnis, GemeindeverzeichnisMeta, Kreis, Land,
};
use crate::code::Bundesland;
use crate::id::{Ags, Ars, ArsPrefix, KreisKey};

mod data {
    include!("../../data/gemeinden_de.rs");
}

fn meta() -> GemeindeverzeichnisMeta {
    GemeindeverzeichnisMeta {
        source: Some(format!(
            "{}: code lists {} (Gemeinden and city-state districts; AGS from the matching AGS list), \
             {}, {} and {}, as published on XRepository in Genericode",
            data::AGENCY,
            data::RS_LIST,
            data::KREIS_LIST,
            data::BEZIRK_LIST,
            data::LAND_LIST
        )),
        licence: Some(format!(
            "Official key lists of the {}; the files carry no licence statement of their own. Attribution: {}.",
            data::AGENCY,
            data::AGENCY
        )),
        territorial_status: NaiveDate::parse_from_str(data::RS_VERSION, "%Y-%m-%d").ok(),
        notes: vec![
            format!(
                "Versions: Regionalschlüssel {}, Kreise {}, Bezirke {}, Bundesländer {}.",
                data::RS_VERSION,
                data::KREIS_VERSION,
                data::BEZIRK_VERSION,
                data::LAND_VERSION
            ),
            "The names of the Gemeindeverbände (in Schleswig-Holstein the Ämter) are not in these \
             lists and stay unknown; their keys are ARS digits 1-9."
                .to_owned(),
            "kreisfreieStadt is derived by the Destatis key rule (the Kreis has one Gemeinde whose \
             ARS ends in 0000000)."
                .to_owned(),
        ],
    }
}

fn build() -> Gemeindeverzeichnis {
    let laender = data::LAENDER
        .iter()
        .filter_map(|&(n, name)| {
            Bundesland::from_number(n).map(|land| Land {
                land,
                name: name.to_owned(),
            })
        })
        .collect();
    let bezirke = data::BEZIRKE
        .iter()
        .map(|&(key, name, city_district)| Bezirk {
            key: ArsPrefix::from_raw(u64::from(key), 3),
            name: name.to_owned(),
            city_district,
        })
        .collect();
    let kreise = data::KREISE
        .iter()
        .map(|&(key, name, city_district, kreisfreie_stadt)| Kreis {
            key: KreisKey::from_raw(key),
            name: name.to_owned(),
            kreisfreie_stadt,
            city_district,
        })
        .collect();
    let gemeinden = data::GEMEINDEN
        .iter()
        .map(|&(ars, ags, name, city_district)| Gemeinde {
            ars: Ars::from_raw(ars),
            ags: Ags::from_raw(ags),
            name: name.to_owned(),
            city_district,
        })
        .collect();
    let by_ags = data::BY_AGS.iter().map(|&i| u32::from(i)).collect();
    Gemeindeverzeichnis::from_sorted_parts(meta(), laender, bezirke, kreise, gemeinden, by_ags)
}

impl Gemeindeverzeichnis {
    /// The embedded Gemeindeverzeichnis of Germany: all 11,227 rows of the Regionalschlüssel list
    /// 2026-04-30 of the Statistisches Bundesamt (10,944 Gemeinden and 283 districts of the city
    /// states), 518 Kreise (2026-01-31), 36 Bezirke (2019-07-31) and the 16 Länder. Built once
    /// from generated Rust statics (no parsing); the Gemeindeverbände's names are unknown.
    pub fn germany() -> &'static Gemeindeverzeichnis {
        static DE: OnceLock<Gemeindeverzeichnis> = OnceLock::new();
        DE.get_or_init(build)
    }
}
