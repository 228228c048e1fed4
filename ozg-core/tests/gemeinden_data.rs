//! The embedded Gemeindeverzeichnis of Germany against its sources in `../shared/data/genericode/`:
//! the generator's drift check, and a field-by-field comparison of every row of the five lists
//! (read here by a small scanner of their Genericode rows, independent of the generator).
//!
//! Both tests need `../shared`; without it they fail with a message saying so.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ozg_core::code::Bundesland;
use ozg_core::id::{Ags, ArsPrefix, KreisKey};
use ozg_core::org::Gemeindeverzeichnis;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn shared() -> PathBuf {
    let shared = root().join("..").join("shared").join("data");
    assert!(
        shared.join("genericode").is_dir(),
        "{} is missing: these tests compare the embedded Gemeindeverzeichnis with the official \
         lists there (check out the shared data next to the repository)",
        shared.join("genericode").display()
    );
    shared
}

/// One row of a Genericode list: SCHLUESSEL, Bezeichnung, Hinweis (None when the value is absent
/// or empty).
struct Row {
    key: String,
    name: String,
    hint: Option<String>,
}

/// The value of `<Value ColumnRef="col">…</Value>` in a row's text.
fn value(row: &str, col: &str) -> Option<String> {
    let open = format!("<Value ColumnRef=\"{col}\"");
    let start = row.find(&open)? + open.len();
    let rest = &row[start..];
    if rest.trim_start().starts_with("/>") {
        return None;
    }
    let end = rest.find("</Value>")?;
    let body = &rest[..end];
    let sv = body.find("<SimpleValue>")? + "<SimpleValue>".len();
    let sv_end = body.find("</SimpleValue>")?;
    let text = &body[sv..sv_end];
    assert!(
        !text.contains('&'),
        "entity in {text:?}: extend the scanner"
    );
    Some(text.to_owned())
}

fn rows(file: &str) -> Vec<Row> {
    let path = shared().join("genericode").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.split("<Row>")
        .skip(1)
        .map(|chunk| {
            let row = &chunk[..chunk.find("</Row>").unwrap()];
            Row {
                key: value(row, "SCHLUESSEL").unwrap(),
                name: value(row, "Bezeichnung").unwrap(),
                hint: value(row, "Hinweis"),
            }
        })
        .collect()
}

const CITY_DISTRICT: &str = "Stadt-/Ortsteil bzw. Stadtbezirk";

fn is_city_district(hint: &Option<String>) -> bool {
    match hint.as_deref() {
        None => false,
        Some(CITY_DISTRICT) => true,
        Some(other) => panic!("unexpected Hinweis {other:?}"),
    }
}

#[test]
fn embedded_data_equals_the_source_lists_field_by_field() {
    let de = Gemeindeverzeichnis::germany();

    // Regionalschlüssel: every row, in order.
    let rs = rows("regionalschluessel_2026-04-30.xml");
    assert_eq!(rs.len(), 11_227);
    let mut sorted: Vec<&Row> = rs.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    assert_eq!(de.gemeinden().len(), sorted.len());
    for (g, row) in de.gemeinden().iter().zip(&sorted) {
        assert_eq!(g.ars.to_string(), row.key);
        assert_eq!(g.name, row.name, "{}", row.key);
        assert_eq!(g.city_district, is_city_district(&row.hint), "{}", row.key);
    }

    // AGS list: every AGS names the same row (name and Hinweis); all but one AGS is the ARS
    // without the Gemeindeverband digits.
    let ags = rows("ags_2026-04-30.xml");
    assert_eq!(ags.len(), 11_227);
    let mut exceptions = Vec::new();
    for row in &ags {
        let key: Ags = row.key.parse().unwrap();
        let g = de
            .gemeinde_by_ags(&key)
            .unwrap_or_else(|| panic!("AGS {}", row.key));
        assert_eq!(g.ags, key);
        assert_eq!(g.name, row.name, "AGS {}", row.key);
        assert_eq!(
            g.city_district,
            is_city_district(&row.hint),
            "AGS {}",
            row.key
        );
        if g.ars.ags() != key {
            exceptions.push((g.ars.to_string(), row.key.clone()));
        }
    }
    assert_eq!(
        exceptions,
        vec![("160615051097".to_owned(), "16061119".to_owned())]
    );

    // Kreise: every row, with its name and Hinweis.
    let kreise = rows("kreis_2026-01-31.xml");
    assert_eq!(kreise.len(), 518);
    assert_eq!(de.kreise().len(), kreise.len());
    for row in &kreise {
        let key: KreisKey = row.key.parse().unwrap();
        let k = de
            .kreis(&key)
            .unwrap_or_else(|| panic!("Kreis {}", row.key));
        assert_eq!(k.name, row.name);
        assert_eq!(k.city_district, is_city_district(&row.hint), "{}", row.key);
        // kreisfreie Stadt by the key rule: one Gemeinde, ARS ending in 0000000.
        let under: Vec<_> = de.gemeinden_under(&ArsPrefix::from(key)).collect();
        let rule = under.len() == 1 && under[0].ars.to_string().ends_with("0000000");
        assert_eq!(k.kreisfreie_stadt, rule, "{}", row.key);
    }

    // Bezirke.
    let bezirke = rows("bezirk_2019-07-31.xml");
    assert_eq!(bezirke.len(), 36);
    assert_eq!(de.bezirke().len(), bezirke.len());
    for row in &bezirke {
        let b = de.bezirk(&row.key.parse().unwrap()).unwrap();
        assert_eq!(b.name, row.name);
        assert_eq!(b.city_district, is_city_district(&row.hint), "{}", row.key);
    }

    // Länder: the list's names are the names of ozg_core::code::Bundesland.
    let laender = rows("bundesland_2010-04-01.xml");
    assert_eq!(laender.len(), 16);
    for row in &laender {
        let land = Bundesland::from_number(row.key.parse().unwrap()).unwrap();
        assert_eq!(de.land(land).unwrap().name, row.name);
        assert_eq!(land.name(), row.name);
    }

    // Counts per Kreis agree with the source rows.
    let mut per_kreis: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &rs {
        *per_kreis.entry(&row.key[..5]).or_default() += 1;
    }
    for (key, count) in per_kreis {
        let p: ArsPrefix = key.parse().unwrap();
        assert_eq!(de.gemeinden_under(&p).count(), count, "{key}");
    }
}

#[test]
fn generated_data_is_up_to_date() {
    let shared = shared();
    let output = std::process::Command::new("python3")
        .arg(root().join("scripts").join("gen_gemeinden.py"))
        .arg("--shared")
        .arg(&shared)
        .arg("--check")
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 is needed for the drift check of gen_gemeinden.py: {e}")
        });
    assert!(
        output.status.success(),
        "gen_gemeinden.py --check failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
