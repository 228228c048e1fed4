//! Tests of the embedded OZG catalogue: counts, real entries, search, loading errors, extend,
//! and drift between the committed data and the shared sources.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::collections::HashSet;
use std::path::Path;

use ozg_core::catalogue::{Adressat, Catalogue, CatalogueError, MatchKind, SearchItem, normalize};
use ozg_core::code::{CodeList, Themenfeld, Typisierung};
use ozg_core::id::{LeikaKey, OzgId, ServiceRef};

fn ozg(s: &str) -> OzgId {
    s.parse().unwrap()
}

fn leika_key(s: &str) -> LeikaKey {
    s.parse().unwrap()
}

#[test]
fn counts_are_exact() {
    let cat = Catalogue::embedded();
    assert_eq!(cat.themenfelder().len(), 14);
    assert_eq!(cat.lagen().len(), 55);
    assert_eq!(cat.leistungen().len(), 557);
    assert_eq!(cat.leika().len(), 5249);
    let with_key = cat.leika().iter().filter(|r| r.key.is_some()).count();
    assert_eq!(with_key, 4813);
    assert_eq!(cat.leika().iter().filter(|r| r.key.is_none()).count(), 436);
    assert_eq!(
        cat.leika().iter().filter(|r| r.ozg_id.is_none()).count(),
        26
    );
    let distinct: HashSet<LeikaKey> = cat.leika().iter().filter_map(|r| r.key).collect();
    assert_eq!(distinct.len(), 4813);
    assert_eq!(
        cat.leika()
            .iter()
            .filter(|r| r.typisierung.is_empty())
            .count(),
        8
    );

    let counts = cat.meta().counts;
    assert_eq!(counts.themenfelder, 14);
    assert_eq!(counts.lagen, 55);
    assert_eq!(counts.leistungen, 557);
    assert_eq!(counts.leika, 5249);
    assert_eq!(counts.leika_with_key, 4813);
    assert_eq!(counts.leika_without_key, 436);
    assert_eq!(counts.leika_without_ozg_id, 26);
}

#[test]
fn meta_has_attribution_date_and_gap() {
    let meta = Catalogue::embedded().meta();
    assert!(meta.attribution.contains("© 2020 Gert Hammes"));
    assert!(meta.attribution.contains("kdn-nrw/OZG-Datenbank-NRW"));
    assert_eq!(meta.licence, "MIT");
    assert_eq!(meta.as_of.to_string(), "2019-10-05");
    assert_eq!(meta.official_ozg_leistungen, Some(575));
    assert!(meta.known_gaps.iter().any(|g| g.contains("557 of the 575")));
}

#[test]
fn every_themenfeld_in_code_list_order_with_published_counts() {
    let cat = Catalogue::embedded();
    assert_eq!(cat.themenfelder(), Themenfeld::all());
    // Counts per Themenfeld from the domain brief (§ 2.3).
    let expected = [
        (Themenfeld::UnternehmensfuehrungEntwicklung, 78),
        (Themenfeld::Gesundheit, 62),
        (Themenfeld::MobilitaetReisen, 60),
        (Themenfeld::BauenWohnen, 58),
        (Themenfeld::Umwelt, 48),
        (Themenfeld::EngagementHobby, 40),
        (Themenfeld::FamilieKind, 37),
        (Themenfeld::SteuernZoll, 35),
        (Themenfeld::ArbeitRuhestand, 30),
        (Themenfeld::ForschungFoerderung, 28),
        (Themenfeld::Bildung, 27),
        (Themenfeld::EinAuswanderung, 21),
        (Themenfeld::Querschnitt, 18),
        (Themenfeld::RechtOrdnung, 15),
    ];
    for (tf, n) in expected {
        assert_eq!(cat.by_themenfeld(tf).count(), n, "{tf}");
    }
}

#[test]
fn elterngeld_is_familie_kind_geburt() {
    let cat = Catalogue::embedded();
    let l = cat.leistung(ozg("10000")).expect("10000");
    assert_eq!(l.name, "Elterngeld");
    assert_eq!(l.themenfeld, Themenfeld::FamilieKind);
    let lage = cat.lage_of(l).expect("Lage");
    assert_eq!(lage.name, "Geburt");
    assert_eq!(lage.themenfeld, Themenfeld::FamilieKind);
    assert_eq!(lage.adressat, None);
    assert!(cat.by_lage("Geburt").any(|x| x.id == l.id));
    assert!(cat.by_lage(lage.id).any(|x| x.id == l.id));
    assert!(
        cat.by_themenfeld(Themenfeld::FamilieKind)
            .any(|x| x.id == l.id)
    );
    assert_eq!(cat.leika_of(l.id).count(), 4);
    assert!(
        cat.lagen_in(Themenfeld::FamilieKind)
            .any(|x| x.name == "Geburt")
    );
}

#[test]
fn leika_key_maps_to_its_ozg_leistung() {
    let cat = Catalogue::embedded();
    let key = leika_key("99001001000000");
    let row = cat.leika_by_key(key).expect("row");
    assert_eq!(row.name, "Abfallgebühr");
    assert_eq!(row.ozg_id, Some(ozg("10110")));
    assert!(row.typisierung.contains(Typisierung::Typ5));
    assert_eq!(row.sdg1, Some(true));
    assert_eq!(row.sdg2, Some(false));
    let l = cat.ozg_for_leika(key).expect("OZG-Leistung");
    assert_eq!(l.id, ozg("10110"));
    assert!(cat.leika_of(l.id).any(|r| r.key == Some(key)));

    let altpapier = cat.leika_by_key(leika_key("99001002000000")).expect("row");
    assert_eq!(altpapier.gesetzeskuerzel.as_deref(), Some("KrWG"));
    assert!(
        altpapier
            .rechtsgrundlage
            .as_deref()
            .is_some_and(|r| r.contains("gesetze-im-internet.de/krwg"))
    );

    assert!(cat.resolve(ServiceRef::Leika(key)));
    assert!(cat.resolve(ServiceRef::Ozg(ozg("10110"))));
    assert!(!cat.resolve(ServiceRef::Ozg(ozg("99999"))));
    assert!(!cat.resolve(ServiceRef::Leika(leika_key("99999999999999"))));
    assert_eq!(
        cat.name_of(ServiceRef::Ozg(ozg("10000"))),
        Some("Elterngeld")
    );
}

#[test]
fn every_leika_row_resolves_and_leistungen_have_rows() {
    let cat = Catalogue::embedded();
    for row in cat.leika() {
        if let Some(id) = row.ozg_id {
            assert!(cat.leistung(id).is_some(), "{}", row.name);
        }
        if let Some(key) = row.key {
            assert!(key.to_string().starts_with("99"));
            assert!(std::ptr::eq(cat.leika_by_key(key).unwrap(), row));
        }
    }
    // Every OZG-Leistung has at least one LeiKa row (SOURCES.md).
    for l in cat.leistungen() {
        assert!(cat.leika_of(l.id).next().is_some(), "{}", l.id);
    }
}

#[test]
fn typisierung_sets_parse_multi_values() {
    let cat = Catalogue::embedded();
    let both = cat
        .leika()
        .iter()
        .filter(|r| {
            r.typisierung.contains(Typisierung::Typ1)
                && r.typisierung.contains(Typisierung::Typ2Und3)
        })
        .count();
    assert_eq!(both, 20);
    let typ2_3 = cat
        .leika()
        .iter()
        .filter(|r| r.typisierung.len() == 1 && r.typisierung.contains(Typisierung::Typ2Und3))
        .count();
    assert_eq!(typ2_3, 3566);
}

#[test]
fn municipal_filter_excludes_typ1_only_rows() {
    let cat = Catalogue::embedded();
    let municipal: Vec<_> = cat.municipal_leistungen().collect();
    assert!(!municipal.is_empty());
    // 2/3 (3566) + 4 (625) + 5 (42) + "1, 2/3" (20) + 2 (18) + "1, 2" (1).
    assert_eq!(municipal.len(), 4272);
    for r in &municipal {
        assert!(
            r.typisierung.iter().any(|t| t != Typisierung::Typ1),
            "{}",
            r.name
        );
    }
    let abfall = cat.leika_by_key(leika_key("99001001000000")).unwrap();
    assert!(municipal.iter().any(|r| std::ptr::eq(*r, abfall)));
    let typ1_only = cat
        .leika()
        .iter()
        .find(|r| r.typisierung.len() == 1 && r.typisierung.contains(Typisierung::Typ1))
        .expect("a Typ-1-only row");
    assert!(!municipal.iter().any(|r| std::ptr::eq(*r, typ1_only)));
}

#[test]
fn search_is_umlaut_insensitive_and_ranked() {
    let cat = Catalogue::embedded();
    for q in [
        "Fuehrerschein",
        "führerschein",
        "FÜHRERSCHEIN",
        "fuhrerschein",
    ] {
        let hits = cat.search(q);
        assert!(!hits.is_empty(), "{q}");
        assert!(
            hits[0].item.name().contains("Führerschein"),
            "{q}: {:?}",
            hits[0]
        );
    }
    let hits = cat.search("Fuehrerschein");
    assert_ne!(hits[0].kind, MatchKind::Fuzzy);
    // Sorted by kind, best first.
    assert!(hits.windows(2).all(|w| w[0].kind <= w[1].kind));
    // Both OZG-Leistungen and LeiKa rows are searched.
    assert!(
        hits.iter()
            .any(|h| matches!(h.item, SearchItem::Leistung(_)))
    );
    assert!(hits.iter().any(|h| matches!(h.item, SearchItem::Leika(_))));

    let elterngeld = cat.search("Elterngeld");
    assert_eq!(elterngeld[0].kind, MatchKind::Exact);
    assert_eq!(
        elterngeld[0].item.service_ref(),
        Some(ServiceRef::Ozg(ozg("10000")))
    );

    // Typing errors: approximate hits.
    let typo = cat.search("Elterngled");
    assert_eq!(typo[0].kind, MatchKind::Fuzzy);
    assert_eq!(typo[0].item.name(), "Elterngeld");
    assert_eq!(
        cat.search("Hund anmelden")[0].item.name(),
        "Hundehaltung Anmeldung"
    );

    let bau = cat.search_top("Bau", 10);
    assert_eq!(bau.len(), 10);
    assert!(bau[0].kind <= MatchKind::Prefix);
    assert!(cat.search("").is_empty());
    assert!(cat.search(" -- ").is_empty());
    assert!(cat.search("xqzxqzxqz").is_empty());
    // Every non-fuzzy hit contains each query word.
    for h in cat.search("Bau Genehmigung") {
        if h.kind != MatchKind::Fuzzy {
            let n = normalize(h.item.name());
            assert!(n.contains("bau") && n.contains("genehmigung"), "{n}");
        }
    }
}

const SMALL: &str = r#"{
"formatVersion": 1,
"meta": {"source": "test", "licence": "MIT", "attribution": "test", "asOf": "2024-01-01",
         "knownGaps": ["test gap"]},
"themenfelder": [{"code": "familie_kind", "kdnId": 6, "name": "Familie & Kind"}],
"lagen": [{"id": 26, "name": "Geburt", "themenfeld": "familie_kind", "adressat": "buerger"}],
"leistungen": [{"id": "10000", "name": "Elterngeld (neu)", "lage": 26, "themenfeld": "familie_kind"},
               {"id": "19999", "name": "Kindergeld Testleistung", "lage": 26, "themenfeld": "familie_kind"}],
"leika": [{"key": "99001001000000", "name": "Abfallgebühr neu", "ozgId": "19999", "typisierung": ["1"]},
          {"key": "99999999999901", "name": "Neue Leistung", "ozgId": "19999"}]
}"#;

#[test]
fn extend_replaces_and_adds() {
    let mut cat = Catalogue::embedded_fresh().unwrap();
    let other = Catalogue::from_json_str(SMALL).unwrap();
    cat.extend(other).unwrap();

    assert_eq!(cat.leistungen().len(), 558);
    assert_eq!(cat.leika().len(), 5250);
    assert_eq!(cat.leistung(ozg("10000")).unwrap().name, "Elterngeld (neu)");
    assert_eq!(cat.leistungen()[0].id, ozg("10000"), "replaced in place");
    let neu = cat.leistung(ozg("19999")).unwrap();
    assert_eq!(neu.name, "Kindergeld Testleistung");
    let abfall = cat.leika_by_key(leika_key("99001001000000")).unwrap();
    assert_eq!(abfall.name, "Abfallgebühr neu");
    assert_eq!(
        cat.ozg_for_leika(leika_key("99001001000000")).unwrap().id,
        ozg("19999")
    );
    assert!(cat.leika_of(ozg("10110")).all(|r| r.name != "Abfallgebühr"));
    assert_eq!(cat.lage(26).unwrap().adressat, Some(Adressat::Buerger));
    assert!(
        cat.search("Testleistung")
            .iter()
            .any(|h| h.item.name() == "Kindergeld Testleistung")
    );

    let meta = cat.meta();
    assert_eq!(meta.as_of.to_string(), "2024-01-01");
    assert_eq!(meta.official_ozg_leistungen, Some(575));
    assert!(meta.known_gaps.iter().any(|g| g == "test gap"));
    assert!(meta.known_gaps.iter().any(|g| g.contains("557 of the 575")));
    assert!(meta.attribution.contains("Gert Hammes"));
    assert_eq!(meta.counts.leistungen, 558);
}

#[test]
fn extend_that_breaks_consistency_fails_and_keeps_self() {
    let mut cat = Catalogue::embedded_fresh().unwrap();
    // Moves Lage "Geburt" to another Themenfeld: its existing Leistungen would disagree.
    let other = Catalogue::from_json_str(
        r#"{"formatVersion":1,"meta":{"source":"t","licence":"t","attribution":"t","asOf":"2020-01-01"},
        "themenfelder":[{"code":"bildung","kdnId":3,"name":"Bildung"}],
        "lagen":[{"id":26,"name":"Geburt","themenfeld":"bildung"}]}"#,
    )
    .unwrap();
    let err = cat.extend(other).unwrap_err();
    assert!(
        matches!(err, CatalogueError::ThemenfeldMismatch { .. }),
        "{err}"
    );
    assert_eq!(cat.lage(26).unwrap().themenfeld, Themenfeld::FamilieKind);
    assert_eq!(cat.meta().as_of.to_string(), "2019-10-05");
}

#[test]
fn to_json_round_trips_the_embedded_file_exactly() {
    let cat = Catalogue::embedded();
    assert_eq!(cat.to_json(), Catalogue::embedded_json());
    let again = Catalogue::from_json_str(&cat.to_json()).unwrap();
    assert_eq!(again.to_document(), cat.to_document());
}

fn err_of(json: &str) -> CatalogueError {
    Catalogue::from_json_str(json).unwrap_err()
}

#[test]
fn broken_json_has_line_column_and_pointer() {
    let mut text = Catalogue::embedded_json().to_owned();
    // Break the OZG-ID of the first LeiKa row (line 4 of the leika block).
    text = text.replacen("\"ozgId\":\"10110\"", "\"ozgId\":\"1011\"", 1);
    let err = err_of(&text);
    match &err {
        CatalogueError::Json {
            pointer,
            line,
            column,
            message,
        } => {
            assert_eq!(pointer, "/leika/0/ozgId");
            assert_eq!(*line, 637);
            assert!(*column > 0);
            assert!(message.contains("OZG-ID"), "{message}");
        }
        other => panic!("unexpected {other}"),
    }
    assert!(err.to_string().contains("line 637"), "{err}");

    let err = err_of("{\"formatVersion\": 1, \"meta\": {");
    assert!(matches!(err, CatalogueError::Json { line: 1, .. }), "{err}");

    let err = err_of(r#"{"formatVersion": 1, "meta": {}, "extra": 1}"#);
    assert!(matches!(err, CatalogueError::Json { .. }), "{err}");
}

#[test]
fn broken_file_error_names_path_and_location() {
    let dir = std::env::temp_dir().join(format!("ozg-core-cat-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.json");
    std::fs::write(
        &path,
        "{\n\"formatVersion\": 1,\n\"meta\": {\"source\": 5}\n}\n",
    )
    .unwrap();
    let err = Catalogue::from_path(&path).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("broken.json"), "{text}");
    assert!(text.contains("line 3"), "{text}");
    assert_eq!(err.pointer(), Some("/meta/source"));

    // Truncated file: the error is at the end.
    std::fs::write(&path, "{\n\"formatVersion\": 1,\n\"meta\": {\n").unwrap();
    let err = Catalogue::from_path(&path).unwrap_err();
    assert!(err.to_string().contains("line 4"), "{err}");

    let missing = dir.join("missing.json");
    let err = Catalogue::from_path(&missing).unwrap_err();
    assert!(matches!(err, CatalogueError::Io { .. }));
    assert!(err.to_string().contains("missing.json"));

    std::fs::write(&path, SMALL).unwrap();
    assert_eq!(Catalogue::from_path(&path).unwrap().leistungen().len(), 2);
    assert_eq!(
        Catalogue::from_reader(SMALL.as_bytes())
            .unwrap()
            .leika()
            .len(),
        2
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn semantic_errors_name_where() {
    let err = err_of(&SMALL.replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
    assert!(
        matches!(err, CatalogueError::UnsupportedFormatVersion { ref found } if found == "2"),
        "{err}"
    );

    let err = err_of(&SMALL.replace("\"id\": \"19999\"", "\"id\": \"10000\""));
    assert!(
        matches!(err, CatalogueError::DuplicateOzgId { ref pointer, ref first, .. }
            if pointer == "/leistungen/1" && first == "/leistungen/0"),
        "{err}"
    );

    let err = err_of(&SMALL.replace("99999999999901", "99001001000000"));
    assert!(
        matches!(err, CatalogueError::DuplicateLeikaKey { ref pointer, .. } if pointer == "/leika/1"),
        "{err}"
    );

    let err = err_of(&SMALL.replace("\"ozgId\": \"19999\"}", "\"ozgId\": \"12345\"}"));
    assert!(
        matches!(err, CatalogueError::UnknownOzgId { ref pointer, .. } if pointer == "/leika/1/ozgId"),
        "{err}"
    );
    assert!(err.to_string().contains("12345"));

    let err = err_of(&SMALL.replace(
        "\"themenfeld\": \"familie_kind\", \"adressat\"",
        "\"themenfeld\": \"bildung\", \"adressat\"",
    ));
    assert!(
        matches!(err, CatalogueError::UnknownThemenfeld { ref pointer, themenfeld: Themenfeld::Bildung }
            if pointer == "/lagen/0/themenfeld"),
        "{err}"
    );

    let err = err_of(&SMALL.replace(
        "\"lage\": 26, \"themenfeld\": \"familie_kind\"}]",
        "\"lage\": 27, \"themenfeld\": \"familie_kind\"}]",
    ));
    assert!(
        matches!(err, CatalogueError::UnknownLage { ref pointer, lage: 27 } if pointer == "/leistungen/1/lage"),
        "{err}"
    );

    let err = err_of(&SMALL.replace("\"kdnId\": 6", "\"kdnId\": 7"));
    assert!(
        matches!(err, CatalogueError::InvalidThemenfeld { ref pointer, .. } if pointer == "/themenfelder/0"),
        "{err}"
    );

    let err = err_of(&SMALL.replace(
        "\"themenfeld\": \"familie_kind\", \"adressat\"",
        "\"themenfeld\": \"familie\", \"adressat\"",
    ));
    assert!(
        matches!(err, CatalogueError::Json { ref pointer, .. } if pointer == "/lagen/0/themenfeld"),
        "{err}"
    );

    let err = err_of(&SMALL.replace("\"typisierung\": [\"1\"]", "\"typisierung\": [\"13\"]"));
    assert!(
        matches!(err, CatalogueError::Json { ref pointer, .. } if pointer.starts_with("/leika/0/typisierung")),
        "{err}"
    );
}

#[test]
fn generated_data_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let shared = root.join("..").join("shared").join("data");
    assert!(
        shared.join("ozg_leistungen.csv").exists(),
        "{} is missing: the drift test of gen_data.py needs the shared CSV sources",
        shared.display()
    );
    let output = std::process::Command::new("python3")
        .arg(root.join("scripts").join("gen_data.py"))
        .arg("--shared")
        .arg(&shared)
        .arg("--check")
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed for the drift check of gen_data.py: {e}"));
    assert!(
        output.status.success(),
        "gen_data.py --check failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
