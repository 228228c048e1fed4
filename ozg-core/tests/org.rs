//! Tests of the organisations module: known facts of the embedded Gemeindeverzeichnis of Germany
//! (no ../shared needed; `gemeinden_data.rs` compares it with the source lists), CSV/JSON loading
//! and the serde form of Verwaltung and ItProvider.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use ozg_core::code::Bundesland;
use ozg_core::id::{Ags, Ars, ArsPrefix, GemeindeverbandKind, KreisKey};
use ozg_core::org::{
    Gemeinde, Gemeindeverzeichnis, GemeindeverzeichnisError, ItProvider, Verwaltung, VerwaltungKind,
};

fn ags(s: &str) -> Ags {
    s.parse().unwrap()
}

fn ars(s: &str) -> Ars {
    s.parse().unwrap()
}

fn prefix(s: &str) -> ArsPrefix {
    s.parse().unwrap()
}

fn kreis(s: &str) -> KreisKey {
    s.parse().unwrap()
}

#[test]
fn germany_counts_per_land() {
    let de = Gemeindeverzeichnis::germany();
    assert_eq!(de.len(), 11_227);
    assert_eq!(de.kreise().len(), 518);
    assert_eq!(de.bezirke().len(), 36);
    assert_eq!(de.laender().len(), 16);
    // Rows per Land (with city-state districts), as the Regionalschlüssel list 2026-04-30 has them.
    let table = [
        (Bundesland::SchleswigHolstein, 1104, 0),
        (Bundesland::Hamburg, 183, 182),
        (Bundesland::Niedersachsen, 965, 0),
        (Bundesland::Bremen, 91, 89),
        (Bundesland::NordrheinWestfalen, 396, 0),
        (Bundesland::Hessen, 425, 0),
        (Bundesland::RheinlandPfalz, 2301, 0),
        (Bundesland::BadenWuerttemberg, 1103, 0),
        (Bundesland::Bayern, 2217, 0),
        (Bundesland::Saarland, 53, 0),
        (Bundesland::Berlin, 13, 12),
        (Bundesland::Brandenburg, 413, 0),
        (Bundesland::MecklenburgVorpommern, 726, 0),
        (Bundesland::Sachsen, 418, 0),
        (Bundesland::SachsenAnhalt, 218, 0),
        (Bundesland::Thueringen, 601, 0),
    ];
    for (land, rows, districts) in table {
        let p = prefix(&format!("{:02}", land.number()));
        assert_eq!(de.gemeinden_under(&p).count(), rows, "{land:?}");
        assert!(de.gemeinden_under(&p).all(|g| g.land() == land));
        assert_eq!(
            de.gemeinden_under(&p).filter(|g| g.city_district).count(),
            districts,
            "{land:?}"
        );
        assert_eq!(de.land(land).map(|l| l.name.as_str()), Some(land.name()));
    }
    assert_eq!(table.iter().map(|t| t.1).sum::<usize>(), 11_227);
    let meta = de.meta().expect("meta");
    assert_eq!(
        meta.territorial_status.map(|d| d.to_string()).as_deref(),
        Some("2026-04-30")
    );
    assert!(
        meta.source
            .as_deref()
            .is_some_and(|s| s.contains("Statistisches Bundesamt, Wiesbaden"))
    );
    assert!(meta.notes.iter().any(|n| n.contains("Ämter")));
}

#[test]
fn kiel_by_ars_and_ags() {
    let de = Gemeindeverzeichnis::germany();
    let kiel = de.gemeinde_by_ars(&ars("010020000000")).expect("Kiel");
    assert_eq!(kiel.name, "Kiel, Landeshauptstadt");
    assert_eq!(kiel.ags, ags("01002000"));
    assert_eq!(kiel.kreis_key(), kreis("01002"));
    assert!(!kiel.city_district);
    assert_eq!(de.gemeinde_by_ags(&ags("01002000")), Some(kiel));
    assert_eq!(de.ars_for_ags(&ags("01002000")), Some(ars("010020000000")));
    assert_eq!(de.ags_for_ars(&ars("010020000000")), Some(ags("01002000")));
    let k = de.kreis(&kreis("01002")).unwrap();
    assert_eq!(k.name, "Kiel, Landeshauptstadt");
    assert!(k.kreisfreie_stadt);
    // Schleswig-Holstein has no Regierungsbezirke.
    assert!(de.bezirk_of(kiel).is_none());
    assert!(de.gemeinde_by_ars(&ars("010020000001")).is_none());
    assert!(de.gemeinde_by_ags(&ags("01002001")).is_none());
}

#[test]
fn amtsangehoerige_gemeinde_and_its_amt() {
    let de = Gemeindeverzeichnis::germany();
    let averlak = de.gemeinde_by_ars(&ars("010515163003")).expect("Averlak");
    assert_eq!(averlak.name, "Averlak");
    assert_eq!(averlak.ags, ags("01051003"));
    assert!(averlak.is_amtsangehoerig());
    assert_eq!(averlak.verband_key(), prefix("010515163"));
    let amt: Vec<&str> = de
        .gemeinden_under(&prefix("010515163"))
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(amt.len(), 14);
    assert_eq!(amt.first(), Some(&"Averlak"));
    assert!(amt.contains(&"Sankt Michaelisdonn"));
    // An amtsfreie Gemeinde: digit 6 of the ARS is 0.
    let brunsbuettel = de.gemeinde_by_ags(&ags("01051011")).expect("Brunsbüttel");
    assert_eq!(brunsbuettel.ars, ars("010510011011"));
    assert!(!brunsbuettel.is_amtsangehoerig());
    assert_eq!(
        brunsbuettel.verband_kind(),
        GemeindeverbandKind::AmtsfreiOderVerbandsfrei
    );
    // Kreis Dithmarschen: 116 Gemeinden, as in the 2021 list.
    assert_eq!(de.gemeinden_under(&prefix("01051")).count(), 116);
    assert_eq!(
        de.kreis(&kreis("01051"))
            .map(|k| (k.name.as_str(), k.kreisfreie_stadt)),
        Some(("Dithmarschen", false))
    );
    // A 12-digit prefix is the Gemeinde itself; an unknown prefix yields nothing.
    assert_eq!(de.gemeinden_under(&prefix("010515163003")).count(), 1);
    assert_eq!(de.gemeinden_under(&prefix("01052")).count(), 0);
    assert_eq!(de.gemeinden_under(&prefix("010515164")).count(), 0);
}

#[test]
fn city_states_and_bezirke() {
    let de = Gemeindeverzeichnis::germany();
    let berlin = de.gemeinde_by_ars(&ars("110000000000")).expect("Berlin");
    assert_eq!(berlin.name, "Berlin, Stadt");
    assert!(!berlin.city_district);
    let mitte = de
        .gemeinde_by_ars(&ars("110010001001"))
        .expect("Berlin-Mitte");
    assert_eq!(mitte.name, "Mitte");
    assert!(mitte.city_district);
    let kreis_mitte = de.kreis(&kreis("11001")).unwrap();
    assert!(kreis_mitte.city_district && !kreis_mitte.kreisfreie_stadt);
    assert!(de.kreis(&kreis("11000")).unwrap().kreisfreie_stadt);
    let altstadt = de.gemeinde_by_ags(&ags("02101101")).unwrap();
    assert_eq!(altstadt.name, "Hamburg-Altstadt, OT 101");
    assert_eq!(
        de.bezirk_of(altstadt)
            .map(|b| (b.name.as_str(), b.city_district)),
        Some(("Bezirk Hamburg-Mitte", true))
    );
    let koeln = de.gemeinde_by_ags(&ags("05315000")).unwrap();
    assert_eq!(
        de.bezirk_of(koeln).map(|b| b.name.as_str()),
        Some("Reg.-Bez. Köln")
    );
    assert_eq!(de.gemeinden_under(&prefix("053")).count(), 99);
    // Kreise per Land: 106 kreisfreie Städte by the key rule; 117 city-state district rows.
    assert_eq!(
        de.kreise().iter().filter(|k| k.kreisfreie_stadt).count(),
        106
    );
    assert_eq!(de.kreise().iter().filter(|k| k.city_district).count(), 117);
}

#[test]
fn ags_and_ars_can_disagree() {
    // The AGS list gives Uder (Thüringen) 16061119; its ARS has Gemeinde part 097.
    let de = Gemeindeverzeichnis::germany();
    let uder = de.gemeinde_by_ars(&ars("160615051097")).unwrap();
    assert_eq!(uder.name, "Uder");
    assert_eq!(uder.ags, ags("16061119"));
    assert_ne!(uder.ars.ags(), uder.ags);
    assert_eq!(de.ars_for_ags(&ags("16061119")), Some(uder.ars));
    assert!(de.gemeinde_by_ags(&ags("16061097")).is_none());
}

#[test]
fn every_ags_and_ars_resolves_to_its_row() {
    let de = Gemeindeverzeichnis::germany();
    for g in de.gemeinden() {
        assert_eq!(de.gemeinde_by_ars(&g.ars), Some(g));
        assert_eq!(de.gemeinde_by_ags(&g.ags), Some(g));
        assert_eq!(
            de.gemeinden_under(&g.verband_key())
                .filter(|x| *x == g)
                .count(),
            1
        );
    }
    assert!(de.gemeinden().windows(2).all(|w| w[0].ars < w[1].ars));
}

#[test]
fn search_gemeinden() {
    let de = Gemeindeverzeichnis::germany();
    assert_eq!(de.search("kiel")[0].ars, ars("010020000000"));
    assert_eq!(de.search("Luebeck")[0].name, "Lübeck, Hansestadt");
    assert_eq!(de.search("KOELN")[0].ags, ags("05315000"));
    assert!(
        de.search("Aasbuettel")
            .iter()
            .any(|g| g.ags == ags("01061001"))
    );
    assert!(de.search("").is_empty());
    assert!(de.search("zzzzqqq").is_empty());
}

#[test]
fn csv_loading_with_ars_or_ags() {
    let csv = "name,ars,extra\r\n\"Hamburg, Freie und Hansestadt\",020000000000,x\r\nBremen,040110000000,\"a \"\"b\"\"\"\r\n";
    let v = Gemeindeverzeichnis::from_csv_str(csv).unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(
        v.gemeinde_by_ags(&ags("02000000")).unwrap().name,
        "Hamburg, Freie und Hansestadt"
    );
    assert_eq!(v.gemeinde_by_ags(&ags("04011000")).unwrap().name, "Bremen");
    assert!(v.kreise().is_empty());
    assert_eq!(v.gemeinden_under(&prefix("04011")).count(), 1);
    // Gemeinden are sorted by ARS whatever the input order.
    let v =
        Gemeindeverzeichnis::from_csv_str("ars,name\n040110000000,B\n020000000000,H\n").unwrap();
    assert_eq!(v.gemeinden()[0].name, "H");
    // Only an AGS column: the ARS comes from the embedded register.
    let v = Gemeindeverzeichnis::from_csv_str("ags,name\n01051003,Averlak\n").unwrap();
    assert_eq!(v.gemeinden()[0].ars, ars("010515163003"));
    let e = Gemeindeverzeichnis::from_csv_str("ags,name\n01051999,Nowhere\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }) && e.to_string().contains("ars"),
        "{e}"
    );
}

#[test]
fn csv_errors_have_line_numbers() {
    let e = Gemeindeverzeichnis::from_csv_str("ars,name\n020000000000,Hamburg\n0400,Bremen\n")
        .unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 3, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("ARS"), "{e}");

    let e =
        Gemeindeverzeichnis::from_csv_str("ars,name\n020000000000,Hamburg,extra\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
        "{e}"
    );

    let e =
        Gemeindeverzeichnis::from_csv_str("ars,bezeichnung\n020000000000,Hamburg\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 1, .. }),
        "{e}"
    );

    let e = Gemeindeverzeichnis::from_csv_str("ars,name\n020000000000,\"Hamburg\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
        "{e}"
    );

    let e = Gemeindeverzeichnis::from_csv_str(
        "ars,name\n020000000000,Hamburg\n\n020000000000,Hamburg 2\n",
    )
    .unwrap_err();
    match e {
        GemeindeverzeichnisError::DuplicateArs {
            location, first, ..
        } => {
            assert_eq!(location, "CSV line 4");
            assert_eq!(first, "CSV line 2");
        }
        other => panic!("{other}"),
    }
    let e = Gemeindeverzeichnis::from_csv_str(
        "ars,ags,name\n020000000000,02000000,Hamburg\n020000000001,02000000,Hamburg 2\n",
    )
    .unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::DuplicateAgs { .. }),
        "{e}"
    );

    let e = Gemeindeverzeichnis::from_csv_str("ars,name\n020000000000,\n").unwrap_err();
    assert!(
        matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
        "{e}"
    );
    assert!(Gemeindeverzeichnis::from_csv_str("").is_err());
}

#[test]
fn json_loading_and_errors() {
    let json = r#"{"formatVersion":2,
"kreise":[{"key":"04011","name":"Bremen, Stadt","kreisfreieStadt":true}],
"gemeinden":[{"ars":"040110000000","ags":"04011000","name":"Bremen, Stadt"}]}"#;
    let v = Gemeindeverzeichnis::from_json_str(json).unwrap();
    assert_eq!(v.kreis(&kreis("04011")).unwrap().name, "Bremen, Stadt");
    assert!(v.meta().is_none());
    // The document round-trips.
    let back = serde_json::to_string(&v.to_document()).unwrap();
    assert_eq!(
        Gemeindeverzeichnis::from_json_str(&back)
            .unwrap()
            .gemeinden(),
        v.gemeinden()
    );

    let e = Gemeindeverzeichnis::from_json_str(&json.replace("\"04011000\"", "\"0401100\""))
        .unwrap_err();
    match e {
        GemeindeverzeichnisError::Json { pointer, line, .. } => {
            assert_eq!(pointer, "/gemeinden/0/ags");
            assert_eq!(line, 3);
        }
        other => panic!("{other}"),
    }
    let e = Gemeindeverzeichnis::from_json_str(
        &json.replace("\"formatVersion\":2", "\"formatVersion\":1"),
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            GemeindeverzeichnisError::UnsupportedFormatVersion { found: 1 }
        ) && e.to_string().contains("ars"),
        "{e}"
    );
    let e = Gemeindeverzeichnis::from_json_str(&json.replace("\"ars\":\"040110000000\",", ""))
        .unwrap_err();
    assert!(e.to_string().contains("ars"), "{e}");
}

#[test]
fn gemeinde_serde_form() {
    let de = Gemeindeverzeichnis::germany();
    let mitte = de.gemeinde_by_ars(&ars("110010001001")).unwrap();
    let v = serde_json::to_value(mitte).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"ars": "110010001001", "ags": "11001001", "name": "Mitte", "cityDistrict": true})
    );
    let kiel = serde_json::to_value(de.gemeinde_by_ags(&ags("01002000")).unwrap()).unwrap();
    assert!(kiel.get("cityDistrict").is_none());
    let back: Gemeinde = serde_json::from_value(v).unwrap();
    assert_eq!(&back, mitte);
}

#[test]
fn from_path_dispatches_on_extension() {
    let dir = std::env::temp_dir().join(format!("ozg-core-org-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("hb.csv");
    std::fs::write(
        &csv,
        "ars,name\n040110000000,Bremen\n040120000000,Bremerhaven\n",
    )
    .unwrap();
    assert_eq!(Gemeindeverzeichnis::from_path(&csv).unwrap().len(), 2);
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "ars,name\nx,Bremen\n").unwrap();
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
