//! Code lists as documents and the registry of their versions: construction checks, pinning,
//! look-ups in a named version, the enums and the dataset checked against loaded lists, the
//! embedded DVDV prefix list and its drift against the shared source.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::Path;

use ozg_core::code::{Bundesland, CodeList};
use ozg_core::codelist::{
    Cell, CodeListDocument, CodeListError, CodeListRegistry, Column, ColumnSet, ColumnUse,
    Identification, Key, LookupError, Row, dvdv, list_uris,
};
use ozg_core::dataset::Dataset;
use ozg_core::finding::{FindingCode, Severity};
use ozg_core::id::DvdvKey;

fn land_list(version: &str, rows: &[(&str, &str)]) -> CodeListDocument {
    CodeListDocument::new(
        Identification::new(
            "Bundesland",
            version,
            list_uris::BUNDESLAND,
            format!("{}_{version}", list_uris::BUNDESLAND),
        ),
        ColumnSet::new(
            vec![
                Column::new("SCHLUESSEL", ColumnUse::Required),
                Column::new("Bezeichnung", ColumnUse::Required),
            ],
            vec![Key::new("codeKey", ["SCHLUESSEL"])],
        ),
        rows.iter()
            .map(|(k, v)| Row::new(vec![Cell::text(*k), Cell::text(*v)]))
            .collect(),
    )
    .unwrap()
}

/// The 16 Länder as the enum names them (taken from the enum, so nothing is retyped here).
fn all_laender() -> Vec<(&'static str, &'static str)> {
    Bundesland::all()
        .iter()
        .map(|l| (l.code(), l.label().unwrap()))
        .collect()
}

#[test]
fn construction_checks_the_parts() {
    let ident = || Identification::new("t", "1", "urn:example:t", "urn:example:t_1");
    let cols = || {
        vec![
            Column::new("code", ColumnUse::Required),
            Column::new("note", ColumnUse::Optional),
        ]
    };
    let key = || vec![Key::new("k", ["code"])];
    let err = CodeListDocument::new(
        ident(),
        ColumnSet::new(cols(), key()),
        vec![
            Row::new(vec![Cell::text("a")]),
            Row::new(vec![Cell::text("a"), Cell::Empty]),
        ],
    )
    .unwrap_err();
    assert_eq!(
        err,
        CodeListError::DuplicateKeyValue {
            key: "k".into(),
            value: "a".into(),
            row: 2,
            first_row: 1
        }
    );
    let err = CodeListDocument::new(
        ident(),
        ColumnSet::new(cols(), key()),
        vec![Row::new(vec![Cell::Empty])],
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            CodeListError::MissingValue {
                row: 1,
                what: "required",
                ..
            }
        ),
        "{err}"
    );
    let err = CodeListDocument::new(
        ident(),
        ColumnSet::new(cols(), vec![Key::new("k", ["nope"])]),
        vec![],
    )
    .unwrap_err();
    assert!(
        matches!(err, CodeListError::UnknownColumn { ref column, .. } if column == "nope"),
        "{err}"
    );
    let err = CodeListDocument::new(
        ident(),
        ColumnSet::new(cols(), key()),
        vec![Row::new(vec![Cell::text("a"), Cell::Empty, Cell::Empty])],
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            CodeListError::RowLength {
                found: 3,
                expected: 2,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn rows_serialise_by_column_id_keeping_empty_apart_from_absent() {
    let doc = land_list("2010-04-01", &all_laender());
    let v = serde_json::to_value(&doc).unwrap();
    assert_eq!(
        v["rows"][0],
        serde_json::json!({"SCHLUESSEL": "01", "Bezeichnung": "Schleswig-Holstein"})
    );
    let doc = CodeListDocument::new(
        Identification::new("t", "1", "urn:example:t", "urn:example:t_1"),
        ColumnSet::new(
            vec![
                Column::new("a", ColumnUse::Required),
                Column::new("b", ColumnUse::Optional),
            ],
            vec![],
        ),
        vec![
            Row::new(vec![Cell::text("x"), Cell::Empty]),
            Row::new(vec![Cell::text("y")]),
        ],
    )
    .unwrap();
    let v = serde_json::to_value(&doc).unwrap();
    assert_eq!(
        v["rows"],
        serde_json::json!([{"a": "x", "b": null}, {"a": "y"}])
    );
}

#[test]
fn registry_pins_the_newest_version_and_looks_up_in_the_named_one() {
    let mut reg = CodeListRegistry::new();
    let mut old: Vec<_> = all_laender();
    old.truncate(15);
    reg.insert(land_list("2009-01-01", &old));
    assert_eq!(
        reg.pinned_version(list_uris::BUNDESLAND),
        Some("2009-01-01")
    );
    reg.insert(land_list("2010-04-01", &all_laender()));
    assert_eq!(
        reg.pinned_version(list_uris::BUNDESLAND),
        Some("2010-04-01"),
        "newer wins"
    );
    assert_eq!(
        reg.versions(list_uris::BUNDESLAND).collect::<Vec<_>>(),
        ["2009-01-01", "2010-04-01"]
    );
    // An older file loaded later does not move the pin.
    reg.insert(land_list("2008-01-01", &old));
    assert_eq!(
        reg.pinned_version(list_uris::BUNDESLAND),
        Some("2010-04-01")
    );
    assert_eq!(reg.len(), 3);

    assert_eq!(
        reg.label(list_uris::BUNDESLAND, None, "16").unwrap(),
        Some("Thüringen")
    );
    assert_eq!(
        reg.lookup(list_uris::BUNDESLAND, Some("2009-01-01"), "16")
            .unwrap_err(),
        LookupError::UnknownCode {
            list_uri: list_uris::BUNDESLAND.into(),
            version: "2009-01-01".into(),
            code: "16".into()
        }
    );
    assert!(matches!(
        reg.lookup(list_uris::BUNDESLAND, Some("1999"), "01"),
        Err(LookupError::UnknownVersion { .. })
    ));
    assert!(matches!(
        reg.lookup("urn:example:none", None, "01"),
        Err(LookupError::UnknownList { .. })
    ));
    reg.pin(list_uris::BUNDESLAND, "2009-01-01").unwrap();
    assert!(
        reg.lookup(list_uris::BUNDESLAND, None, "16").is_err(),
        "pinned to the old version"
    );
    assert!(reg.pin(list_uris::BUNDESLAND, "1999").is_err());
}

#[test]
fn enums_check_themselves_against_a_loaded_list() {
    let mut out = Vec::new();
    // No list loaded: nothing to check against, no finding.
    Bundesland::Thueringen.check_in(&CodeListRegistry::new(), "/land", &mut out);
    assert!(out.is_empty());
    let mut reg = CodeListRegistry::new();
    let mut fifteen = all_laender();
    fifteen.retain(|(c, _)| *c != "16");
    reg.insert(land_list("2010-04-01", &fifteen));
    Bundesland::Thueringen.check_in(&reg, "/verwaltungen/3/land", &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].code, FindingCode::UnknownCode);
    assert_eq!(out[0].pointer, "/verwaltungen/3/land");
    assert_eq!(out[0].severity, Severity::Error);
    out.clear();
    Bundesland::Hamburg.check_in(&reg, "/land", &mut out);
    assert!(out.is_empty());
    // A code in a version that is not loaded: a warning, then the pinned version is checked.
    reg.check_code(
        list_uris::BUNDESLAND,
        Some("2020-01-01"),
        "02",
        "/x",
        &mut out,
    );
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].code, FindingCode::CodeListVersionNotLoaded);
}

#[test]
fn dvdv_keys_know_their_category_and_unknown_prefixes_are_warnings() {
    assert_eq!(dvdv::prefixes().len(), 118);
    assert_eq!(dvdv::EMBEDDED_VERSION, "51");
    let k: DvdvKey = "wgb:051110000000".parse().unwrap();
    assert_eq!(k.behoerdenkategorie(), Some("Wohngeldbehörde"));
    assert!(k.vergebende_stelle().is_some());
    for p in dvdv::prefixes() {
        let key: DvdvKey = format!("{}:1", p.prefix)
            .parse()
            .unwrap_or_else(|e| panic!("official prefix {}: {e}", p.prefix));
        assert_eq!(key.behoerdenkategorie(), Some(p.behoerdenkategorie));
    }
    let reg = CodeListRegistry::builtin();
    assert_eq!(reg.pinned_version(list_uris::DVDV_PRAEFIX), Some("51"));
    let mut out = Vec::new();
    reg.check_dvdv_prefix(
        &"zzq:1".parse().unwrap(),
        "/channels/0/kanal/reader",
        &mut out,
    );
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].code, FindingCode::UnknownDvdvPrefix);
    assert_eq!(out[0].severity, Severity::Warning);
    out.clear();
    reg.check_dvdv_prefix(&"MELDID:1".parse().unwrap(), "/x", &mut out);
    assert!(out.is_empty());
    // The bundled example passes, DVDV prefixes included.
    let ds = Dataset::example();
    assert!(reg.check_dataset(&ds).is_empty());
}

#[test]
fn embedded_dvdv_list_matches_the_shared_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let shared = root.join("..").join("shared").join("data");
    assert!(
        shared.join("genericode/dvdv_praefixe_51.xml").exists(),
        "{} is missing: the drift check of the embedded DVDV list needs ../shared/data",
        shared.display()
    );
    let output = std::process::Command::new("python3")
        .arg(root.join("scripts").join("gen_codelists.py"))
        .arg("--shared")
        .arg(&shared)
        .arg("--check")
        .output()
        .expect("python3 runs (the drift check needs it)");
    assert!(
        output.status.success(),
        "gen_codelists.py --check failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
