//! Tests of the organisations module: the embedded SH Gemeindeverzeichnis, CSV/JSON loading and
//! the serde form of Verwaltung and ItProvider.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use ozg_core::code::Bundesland;
use ozg_core::id::{Ags, KreisKey};
use ozg_core::org::{
    Gemeindeverzeichnis, GemeindeverzeichnisError, ItProvider, Verwaltung, VerwaltungKind,
};

fn ags(s: &str) -> Ags {
    s.parse().unwrap()
}

fn kreis(s: &str) -> KreisKey {
    s.parse().unwrap()
}

#[test]
fn sh_counts() {
    let sh = Gemeindeverzeichnis::schleswig_holstein();
    assert_eq!(sh.len(), 1106);
    assert_eq!(sh.kreise().len(), 15);
    assert_eq!(sh.kreise().iter().filter(|k| k.kreisfreie_stadt).count(), 4);
    let total: usize = sh
        .kreise()
        .iter()
        .map(|k| sh.gemeinden_in(k.key).count())
        .sum();
    assert_eq!(total, 1106);
    assert!(
        sh.gemeinden()
            .iter()
            .all(|g| g.ags.land() == Bundesland::SchleswigHolstein)
    );
    let meta = sh.meta().expect("meta");
    assert_eq!(
        meta.territorial_status.map(|d| d.to_string()).as_deref(),
        Some("2021-01-25")
    );
    assert!(
        meta.source
            .as_deref()
            .is_some_and(|s| s.contains("MietNEinV"))
    );
    assert!(meta.notes.iter().any(|n| n.contains("ARS")));
}

#[test]
fn kiel_and_dithmarschen() {
    let sh = Gemeindeverzeichnis::schleswig_holstein();
    let kiel = sh.gemeinde(ags("01002000")).expect("Kiel");
    assert_eq!(kiel.name, "Kiel, Landeshauptstadt");
    assert_eq!(kiel.kreis_key(), kreis("01002"));
    let k = sh.kreis(kreis("01002")).unwrap();
    assert_eq!(k.name, "Stadt Kiel");
    assert!(k.kreisfreie_stadt);

    let dith = sh.kreis(kreis("01051")).expect("Dithmarschen");
    assert_eq!(dith.name, "Kreis Dithmarschen");
    assert!(!dith.kreisfreie_stadt);
    // 116 = gemeinden_count of 01051 in sh_kreise.csv.
    assert_eq!(sh.gemeinden_in(dith.key).count(), 116);
    assert!(sh.gemeinden_in(dith.key).all(|g| g.kreis_key() == dith.key));
    assert_eq!(
        sh.gemeinde(ags("01061001")).map(|g| g.name.as_str()),
        Some("Aasbüttel")
    );
    assert!(sh.kreis(kreis("01052")).is_none());
    assert_eq!(sh.gemeinden_in(kreis("01052")).count(), 0);
}

/// The 15 Kreise with their Gemeinde counts as in the source table `sh_kreise.csv` (see `ozg-core/DATA.md`),
/// written out so that the check runs without the source files.
#[test]
fn kreis_counts_match_the_source_table() {
    let table = [
        ("01001", "Stadt Flensburg", 1),
        ("01002", "Stadt Kiel", 1),
        ("01003", "Hansestadt Lübeck", 1),
        ("01004", "Stadt Neumünster", 1),
        ("01051", "Kreis Dithmarschen", 116),
        ("01053", "Kreis Herzogtum Lauenburg", 132),
        ("01054", "Kreis Nordfriesland", 133),
        ("01055", "Kreis Ostholstein", 36),
        ("01056", "Kreis Pinneberg", 49),
        ("01057", "Kreis Plön", 85),
        ("01058", "Kreis Rendsburg-Eckernförde", 165),
        ("01059", "Kreis Schleswig-Flensburg", 125),
        ("01060", "Kreis Segeberg", 95),
        ("01061", "Kreis Steinburg", 111),
        ("01062", "Kreis Stormarn", 55),
    ];
    let sh = Gemeindeverzeichnis::schleswig_holstein();
    for (key, name, count) in table {
        assert_eq!(sh.gemeinden_in(kreis(key)).count(), count, "{key}");
        assert_eq!(sh.kreis(kreis(key)).unwrap().name, name);
    }
    assert_eq!(sh.kreise().len(), table.len());
    assert_eq!(table.iter().map(|t| t.2).sum::<usize>(), 1106);
}

#[test]
fn search_gemeinden() {
    let sh = Gemeindeverzeichnis::schleswig_holstein();
    assert_eq!(sh.search("kiel")[0].ags, ags("01002000"));
    assert_eq!(sh.search("Luebeck")[0].name, "Lübeck, Hansestadt");
    assert!(
        sh.search("Aasbuettel")
            .iter()
            .any(|g| g.ags == ags("01061001"))
    );
    assert!(sh.search("").is_empty());
    assert!(sh.search("zzzzqqq").is_empty());
}

#[test]
fn csv_loading_other_land() {
    let csv = "name,ags,extra\r\n\"Hamburg, Freie und Hansestadt\",02000000,x\r\nBremen,04011000,\"a \"\"b\"\"\"\r\n";
    let v = Gemeindeverzeichnis::from_csv_str(csv).unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(
        v.gemeinde(ags("02000000")).unwrap().name,
        "Hamburg, Freie und Hansestadt"
    );
    assert_eq!(v.gemeinde(ags("04011000")).unwrap().name, "Bremen");
    assert!(v.kreise().is_empty());
    assert_eq!(v.gemeinden_in(kreis("04011")).count(), 1);
}

#[test]
fn csv_errors_have_line_numbers() {
    let e =
        Gemeindeverzeichnis::from_csv_str("ags,name\n02000000,Hamburg\n0400,Bremen\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 3, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("AGS"), "{e}");

    let e = Gemeindeverzeichnis::from_csv_str("ags,name\n02000000,Hamburg,extra\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
        "{e}"
    );

    let e = Gemeindeverzeichnis::from_csv_str("ags,bezeichnung\n02000000,Hamburg\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 1, .. }),
        "{e}"
    );

    let e = Gemeindeverzeichnis::from_csv_str("ags,name\n02000000,\"Hamburg\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
        "{e}"
    );

    let e = Gemeindeverzeichnis::from_csv_str("ags,name\n02000000,Hamburg\n\n02000000,Hamburg 2\n")
        .unwrap_err();
    match e {
        GemeindeverzeichnisError::DuplicateAgs {
            location, first, ..
        } => {
            assert_eq!(location, "CSV line 4");
            assert_eq!(first, "CSV line 2");
        }
        other => panic!("{other}"),
    }

    let e = Gemeindeverzeichnis::from_csv_str("ags,name\n02000000,\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
        "{e}"
    );
    assert!(Gemeindeverzeichnis::from_csv_str("").is_err());
}

#[test]
fn json_loading_and_errors() {
    let json = r#"{"formatVersion":1,
"kreise":[{"key":"04011","name":"Stadt Bremen","kreisfreieStadt":true}],
"gemeinden":[{"ags":"04011000","name":"Bremen, Stadt"}]}"#;
    let v = Gemeindeverzeichnis::from_json_str(json).unwrap();
    assert_eq!(v.kreis(kreis("04011")).unwrap().name, "Stadt Bremen");
    assert!(v.meta().is_none());

    let e = Gemeindeverzeichnis::from_json_str(&json.replace("04011000", "0401100")).unwrap_err();
    match e {
        GemeindeverzeichnisError::Json { pointer, line, .. } => {
            assert_eq!(pointer, "/gemeinden/0/ags");
            assert_eq!(line, 3);
        }
        other => panic!("{other}"),
    }
    let e = Gemeindeverzeichnis::from_json_str(&json.replace("04011000", "04012000")).unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::UnknownKreis { .. }),
        "{e}"
    );
    let e = Gemeindeverzeichnis::from_json_str(
        &json.replace("\"formatVersion\":1", "\"formatVersion\":2"),
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            GemeindeverzeichnisError::UnsupportedFormatVersion { found: 2 }
        ),
        "{e}"
    );
}

#[test]
fn from_path_dispatches_on_extension() {
    let dir = std::env::temp_dir().join(format!("ozg-core-org-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("hb.csv");
    std::fs::write(&csv, "ags,name\n04011000,Bremen\n04012000,Bremerhaven\n").unwrap();
    assert_eq!(Gemeindeverzeichnis::from_path(&csv).unwrap().len(), 2);
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "ags,name\nx,Bremen\n").unwrap();
    let e = Gemeindeverzeichnis::from_path(&bad).unwrap_err();
    assert!(
        e.to_string().contains("bad.csv") && e.to_string().contains("line 2"),
        "{e}"
    );
    let e = Gemeindeverzeichnis::from_path(dir.join("x.txt")).unwrap_err();
    assert!(matches!(e, GemeindeverzeichnisError::UnknownFormat { .. }));
    let e = Gemeindeverzeichnis::from_path(dir.join("missing.json")).unwrap_err();
    assert!(matches!(e, GemeindeverzeichnisError::Io { .. }));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn verwaltung_serde_is_camel_case_and_strict() {
    let json = r#"{"id":"test-amt","name":"Test-Amt (fixture)","kind":"amt",
        "kreis":"01051","gemeinden":["01051011","01051012"],"land":"01"}"#;
    let v: Verwaltung = serde_json::from_str(json).unwrap();
    assert_eq!(v.kind, VerwaltungKind::Amt);
    assert_eq!(v.kreis, Some(kreis("01051")));
    assert!(v.covers(ags("01051011")));
    assert!(!v.covers(ags("01002000")));
    assert_eq!(v.land, Some(Bundesland::SchleswigHolstein));
    let back = serde_json::to_value(&v).unwrap();
    assert_eq!(back["kind"], "amt");
    assert!(back.get("ags").is_none());
    assert!(serde_json::from_str::<Verwaltung>(&json.replace("\"kind\"", "\"art\"")).is_err());

    let k: VerwaltungKind = serde_json::from_str("\"amtsfreie_gemeinde\"").unwrap();
    assert_eq!(k, VerwaltungKind::AmtsfreieGemeinde);

    let p: ItProvider =
        serde_json::from_str(r#"{"id":"dataport","name":"Dataport AöR","kind":"AöR"}"#).unwrap();
    assert_eq!(p.url, None);
    assert!(serde_json::from_str::<ItProvider>(r#"{"id":"x","name":"y","foo":1}"#).is_err());
}
