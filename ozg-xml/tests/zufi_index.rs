//! The Zuständigkeit index built from XZuFi exports written for these tests
//! (`tests/fixtures/xml/zufi/`): every Gebiet level, both gebietID spellings, padded keys, two
//! exports merged, a Zuständigkeit whose leistungID names no Leistung, a broken object in the middle.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use ozg_core::Catalogue;
use ozg_core::finding::FindingCode;
use ozg_core::id::{ArsLevel, LeikaKey};
use ozg_core::zufi::{BlockerKind, MatchReason, Responsibility, ZufiIndex};
use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::build_index;

fn export(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/xml/zufi")
        .join(name)
}

fn index() -> ZufiIndex {
    build_index(
        &[
            export("export_a_dithmarschen.xml"),
            export("export_b_oberbayern.xml"),
        ],
        ReaderConfig::default(),
        Catalogue::embedded(),
    )
    .unwrap()
}

const WOHNGELD: &str = "99107023017000";
const ABFALL: &str = "99001001002000";

fn key(s: &str) -> LeikaKey {
    s.parse().unwrap()
}

fn units(route: &ozg_core::zufi::Route<'_>) -> Vec<(String, ArsLevel)> {
    route
        .matches
        .iter()
        .map(|m| {
            (
                m.zustaendigkeit.organisationseinheit.id.to_string(),
                m.level,
            )
        })
        .collect()
}

#[test]
fn counts_and_findings() {
    let ix = index();
    let c = ix.counts();
    assert_eq!(c.files, 2);
    assert_eq!(c.objects_skipped, 1, "O-BROKEN");
    assert_eq!(c.leistungen, 3, "L1, L2, S1");
    assert_eq!(ix.len(), 7);
    let codes: Vec<(FindingCode, String)> = ix
        .findings()
        .iter()
        .map(|f| (f.code, f.source.to_string()))
        .collect();
    let has = |code: FindingCode| codes.iter().filter(|(c, _)| *c == code).count();
    assert_eq!(has(FindingCode::ZufiInvalidObject), 1);
    assert_eq!(has(FindingCode::ZufiUnknownLeistung), 1);
    assert_eq!(has(FindingCode::ZufiSignatureServicesMismatch), 1);
    assert_eq!(ix.findings().len(), 3);
    // Each finding names file:line:column inside export A.
    for (_, at) in &codes {
        assert!(at.contains("export_a_dithmarschen.xml:"), "{at}");
        let line: u64 = at.rsplit(':').nth(1).unwrap().parse().unwrap();
        assert!(line > 20, "{at}");
    }
    let lost = ix
        .findings()
        .iter()
        .find(|f| f.code == FindingCode::ZufiUnknownLeistung)
        .unwrap();
    assert!(lost.message.contains("L999"));
    assert_eq!(lost.object.as_deref(), Some("O-LOST"));
    let broken = ix
        .findings()
        .iter()
        .find(|f| f.code == FindingCode::ZufiInvalidObject)
        .unwrap();
    assert!(broken.message.contains("0105"), "{}", broken.message);
}

#[test]
fn route_goes_from_the_gemeinde_to_the_land() {
    let ix = index();
    let averlak = "010515163003".parse().unwrap();
    let r = ix.route_ars(key(WOHNGELD), averlak);
    assert_eq!(
        units(&r),
        [
            ("O-GEM".to_owned(), ArsLevel::Gemeinde),
            ("O-KREIS".to_owned(), ArsLevel::Kreis),
            ("O-LAND".to_owned(), ArsLevel::Land),
        ]
    );
    assert_eq!(r.matches[0].reason, MatchReason::SameArea);
    assert_eq!(r.matches[1].reason, MatchReason::ContainingArea);
    assert_eq!(
        r.matches[1].explanation(&r.query),
        "gebietID 01051 (Kreis) contains 010515163003"
    );
    // The Gemeinde's Zuständigkeit names Spezialisierung S1, whose Leistung is L1.
    assert_eq!(r.matches[0].zustaendigkeit.leika_keys, vec![key(WOHNGELD)]);
    // Channels: from the signatures.
    assert_eq!(
        r.matches[1]
            .zustaendigkeit
            .fit_connect_destination()
            .unwrap()
            .to_string(),
        "0b1ae5a0-3c2f-4b5e-9d6a-7f8e9a0b1c2d"
    );
    assert!(
        r.matches[2]
            .zustaendigkeit
            .fit_connect_destination()
            .is_none()
    );

    // The Amt (bare key with schemeID) serves the Abfallgebühr before the Land (URN, 2 digits).
    let r = ix.route_ars(key(ABFALL), averlak);
    assert_eq!(
        units(&r),
        [
            ("O-AMT".to_owned(), ArsLevel::Gemeindeverband),
            ("O-LAND".to_owned(), ArsLevel::Land),
        ]
    );
}

#[test]
fn merged_exports_and_regierungsbezirk() {
    let ix = index();
    // Export B's Zuständigkeit names Leistung L1 of export A.
    let muenchen = "091620000000".parse().unwrap();
    let r = ix.route_ars(key(WOHNGELD), muenchen);
    assert_eq!(units(&r), [("O-RB".to_owned(), ArsLevel::Regierungsbezirk)]);
    assert!(
        r.matches[0]
            .zustaendigkeit
            .source
            .file
            .ends_with("export_b_oberbayern.xml")
    );
}

#[test]
fn route_by_ozg_id_uses_all_its_leika_keys() {
    let ix = index();
    let cat = Catalogue::embedded();
    let ozg = cat.ozg_for_leika(key(WOHNGELD)).unwrap().id;
    let r = ix
        .route_ozg(ozg, "010515163003".parse().unwrap(), cat)
        .unwrap();
    assert_eq!(r.query.ozg_id, Some(ozg));
    assert!(r.query.leika_keys.contains(&key(WOHNGELD)));
    assert_eq!(
        r.matches[0]
            .zustaendigkeit
            .organisationseinheit
            .id
            .to_string(),
        "O-GEM"
    );
    assert_eq!(r.matches[0].zustaendigkeit.ozg_ids, vec![ozg]);
}

#[test]
fn an_empty_answer_says_what_was_searched() {
    let ix = index();
    // Heide lies in Kreis Dithmarschen but not in Amt 010515163; the Abfallgebühr has only the Land.
    let r = ix.route_ars(key(ABFALL), "091620000000".parse().unwrap());
    assert!(r.is_empty());
    assert_eq!(
        r.query.to_string(),
        "LeiKa 99001001002000 in ARS 091620000000; searched gebietIDs 091620000000 (Gemeinde), \
         091620000 (Gemeindeverband), 09162 (Kreis), 091 (Regierungsbezirk), 09 (Land)"
    );
}

#[test]
fn route_by_ags_maps_through_the_given_register() {
    let ix = index();
    let averlak_ags = "01051003".parse().unwrap();
    let r = ix
        .route_ags(key(WOHNGELD), averlak_ags, |_| "010515163003".parse().ok())
        .unwrap();
    assert_eq!(r.query.ags, Some(averlak_ags));
    assert_eq!(r.matches.len(), 3);
    assert!(ix.route_ags(key(WOHNGELD), averlak_ags, |_| None).is_err());
}

#[test]
fn coverage_of_the_kreis() {
    let ix = index();
    let cat = Catalogue::embedded();
    let cov = ix.coverage("01051".parse().unwrap(), cat);
    let wohngeld = cat.ozg_for_leika(key(WOHNGELD)).unwrap().id;
    let abfall = cat.ozg_for_leika(key(ABFALL)).unwrap().id;
    let row = |id| cov.rows.iter().find(|r| r.ozg_id == id).unwrap();
    assert_eq!(row(wohngeld).responsibility, Responsibility::Full);
    assert!(row(wohngeld).digital_channel);
    assert!(row(wohngeld).units.contains(&"O-KREIS".to_owned()));
    // The Abfallgebühr: the Land is responsible (no channel), the Amt only for part of the Kreis.
    assert_eq!(row(abfall).responsibility, Responsibility::Full);
    assert_eq!(row(abfall).blocker, Some(BlockerKind::NoDigitalChannel));
    assert!(cov.total > 100, "municipal OZG-Leistungen of the catalogue");
    assert_eq!(cov.responsible, 2);
    assert_eq!(cov.digital, 1);
    assert!(cov.blockers().count() >= cov.total - 1);
    // For the Amt alone only the Amt's own Zuständigkeit and the higher ones count.
    let amt = ix.coverage("010515163".parse().unwrap(), cat);
    let r = amt.rows.iter().find(|r| r.ozg_id == abfall).unwrap();
    assert_eq!(r.units, ["O-AMT", "O-LAND"]);
}

#[test]
fn json_of_a_route_is_the_serde_spelling() {
    let ix = index();
    let r = ix.route_ars(key(WOHNGELD), "010515163003".parse().unwrap());
    let v = serde_json::to_value(&r).unwrap();
    let first = &v["matches"][0];
    assert_eq!(first["level"], "Gemeinde");
    assert_eq!(first["reason"], "sameArea");
    assert_eq!(
        first["zustaendigkeit"]["organisationseinheit"]["id"],
        "O-GEM"
    );
    assert_eq!(first["zustaendigkeit"]["leistungID"], "S1");
    assert_eq!(first["zustaendigkeit"]["gebiete"][0]["ars"], "010515163003");
    assert_eq!(first["zustaendigkeit"]["channels"][0]["kind"], "fitConnect");
    assert_eq!(v["query"]["searched"][2], "01051");
}
