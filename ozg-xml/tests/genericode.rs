//! Genericode reader and writer: every official list in ../shared/data/genericode reads,
//! re-writes and reads back equal; fixtures of other shapes (another standard, several keys,
//! no ColumnRef, annotations of unknown namespaces) and bad input with positions.
#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};

use ozg_core::codelist::{Cell, CodeListError, ColumnUse, dvdv};
use ozg_xml::{ReaderConfig, XmlErrorKind, genericode};

fn shared_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/genericode");
    assert!(
        dir.join("bundesland_2010-04-01.xml").exists(),
        "the shared Genericode lists are missing: expected them in {} (../shared/data/genericode from the worktree)",
        dir.display()
    );
    dir
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/genericode")
        .join(name)
}

/// (file, rows, canonical URI, version, key column ids of the recommended key, columns)
type Expected = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const SHARED: &[Expected] = &[
    (
        "regionalschluessel_2026-04-30.xml",
        11227,
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs",
        "2026-04-30",
        &["SCHLUESSEL"],
        &["SCHLUESSEL", "Bezeichnung", "Hinweis"],
    ),
    (
        "ags_2026-04-30.xml",
        11227,
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags",
        "2026-04-30",
        &["SCHLUESSEL"],
        &["SCHLUESSEL", "Bezeichnung", "Hinweis"],
    ),
    (
        "kreis_2026-01-31.xml",
        518,
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:kreis",
        "2026-01-31",
        &["SCHLUESSEL"],
        &["SCHLUESSEL", "Bezeichnung", "Hinweis"],
    ),
    (
        "bezirk_2019-07-31.xml",
        36,
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bezirk",
        "2019-07-31",
        &["SCHLUESSEL"],
        &["SCHLUESSEL", "Bezeichnung", "Hinweis"],
    ),
    (
        "bundesland_2010-04-01.xml",
        16,
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland",
        "2010-04-01",
        &["SCHLUESSEL"],
        &["SCHLUESSEL", "Bezeichnung"],
    ),
    (
        "dvdv_praefixe_51.xml",
        118,
        "urn:xoev-de:bund:bmi:bit:codeliste:dvdv.praefix",
        "51",
        &["praefix"],
        &["praefix", "vergebendestelle", "behoerdenkategorie"],
    ),
];

#[test]
fn every_shared_list_reads_writes_and_reads_back_equal() {
    let dir = shared_dir();
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    assert_eq!(
        files.len(),
        SHARED.len(),
        "files in {}: {files:?}",
        dir.display()
    );
    for &(file, rows, uri, version, key, columns) in SHARED {
        let doc = genericode::from_path(dir.join(file), ReaderConfig::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(doc.len(), rows, "{file}");
        assert_eq!(doc.canonical_uri(), uri, "{file}");
        assert_eq!(doc.version(), version, "{file}");
        assert_eq!(
            doc.identification().canonical_version_uri,
            format!("{uri}_{version}"),
            "{file}"
        );
        let set = doc.column_set();
        let ids: Vec<&str> = set.columns.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, columns, "{file}");
        let rec = set.recommended_key().unwrap();
        assert_eq!(rec.columns, key, "{file}");
        assert!(rec.is_recommended(), "{file}: the key is marked");
        assert_eq!(doc.key_column(), Some(0), "{file}");
        // Every key value is present and unique (the reader checked; the index agrees).
        for row in doc.rows() {
            let k = row.cell(0).as_str().unwrap();
            assert!(std::ptr::eq(doc.row_by_key(k).unwrap(), row), "{file}: {k}");
        }
        let xml = genericode::to_xml_string(&doc).unwrap();
        let again =
            genericode::from_xml_str(&xml).unwrap_or_else(|e| panic!("{file} re-read: {e}"));
        assert_eq!(again, doc, "{file}: written and read back");
        // And the writer is stable.
        assert_eq!(genericode::to_xml_string(&again).unwrap(), xml, "{file}");
    }
}

#[test]
fn real_values_and_metadata() {
    let dir = shared_dir();
    let rs = genericode::from_path(
        dir.join("regionalschluessel_2026-04-30.xml"),
        ReaderConfig::default(),
    )
    .unwrap();
    let kiel = rs.row_by_key("010020000000").unwrap();
    assert_eq!(
        rs.value(kiel, "Bezeichnung"),
        Some("Kiel, Landeshauptstadt")
    );
    assert_eq!(rs.label(kiel), Some("Kiel, Landeshauptstadt"));
    // `<Value ColumnRef="Hinweis"/>`: present but empty, not absent.
    assert_eq!(kiel.cells[2], Cell::Empty);
    let hinweise = rs
        .rows()
        .iter()
        .filter(|r| r.cell(2).as_str().is_some())
        .count();
    assert!(hinweise > 0, "the city-state districts carry a Hinweis");
    assert_eq!(rs.column_set().columns[2].use_, ColumnUse::Optional);
    let meta = rs.xoev_metadata();
    assert_eq!(meta.short_name.as_deref(), Some("Regionalschlüssel"));
    assert_eq!(meta.valid_from.as_deref(), Some("2026-04-01"));
    assert_eq!(meta.version_handbook.as_deref(), Some("1.2"));
    assert_eq!(meta.agency_short_name.as_deref(), Some("Destatis"));
    assert_eq!(
        rs.identification().agency.as_ref().unwrap().long_names[0].value,
        "Statistisches Bundesamt, Wiesbaden"
    );

    // xoev-cl-2 metadata (other element names) and the first XÖV namespace with schemaLocation.
    let bezirk =
        genericode::from_path(dir.join("bezirk_2019-07-31.xml"), ReaderConfig::default()).unwrap();
    let meta = bezirk.xoev_metadata();
    assert_eq!(meta.short_name.as_deref(), Some("Bezirk"));
    assert_eq!(meta.valid_from.as_deref(), Some("2019-07-31"));
    assert_eq!(meta.version_handbook.as_deref(), Some("2.1"));
    // An element the metadata struct does not name is kept in the annotation.
    let a = bezirk.annotation().unwrap();
    assert!(
        a.description
            .iter()
            .any(|e| e.name == "aenderungZurVorversion")
    );
    let land = genericode::from_path(
        dir.join("bundesland_2010-04-01.xml"),
        ReaderConfig::default(),
    )
    .unwrap();
    assert!(land.schema_location().unwrap().contains("genericode.xsd"));
    assert_eq!(
        land.xoev_metadata().valid_from.as_deref(),
        Some("2010-04-01")
    );
    assert_eq!(land.column_set().keys.len(), 2);
    assert_eq!(
        land.label(land.row_by_key("01").unwrap()),
        Some("Schleswig-Holstein")
    );
}

#[test]
fn embedded_dvdv_list_equals_the_published_file() {
    let dir = shared_dir();
    let read =
        genericode::from_path(dir.join("dvdv_praefixe_51.xml"), ReaderConfig::default()).unwrap();
    assert_eq!(
        &read,
        dvdv::prefix_list(),
        "regenerate with scripts/gen_codelists.py"
    );
    assert_eq!(dvdv::prefixes().len(), 118);
}

#[test]
fn streaming_reader_yields_rows_one_by_one() {
    let dir = shared_dir();
    let file = std::fs::File::open(dir.join("kreis_2026-01-31.xml")).unwrap();
    let mut r =
        genericode::GenericodeReader::new(std::io::BufReader::new(file), ReaderConfig::default())
            .unwrap();
    assert_eq!(r.header().identification.short_name, "Kreis");
    let mut n = 0;
    while let Some(row) = r.next_row().unwrap() {
        assert!(row.cell(0).as_str().unwrap().len() == 5);
        n += 1;
    }
    assert_eq!(n, 518);
    assert!(r.next_row().unwrap().is_none());
}

#[test]
fn a_list_of_another_shape_with_several_keys() {
    let doc = genericode::from_path(fixture("several_keys.xml"), ReaderConfig::default()).unwrap();
    assert_eq!(doc.len(), 4);
    let set = doc.column_set();
    assert_eq!(set.columns.len(), 5);
    assert_eq!(set.keys.len(), 3);
    assert_eq!(
        set.recommended_key().unwrap().id,
        "codeKey",
        "the marked key, not the first"
    );
    assert_eq!(
        set.keys[2].columns,
        ["rgb", "gueltigAb"],
        "a key over two columns"
    );
    assert_eq!(
        set.columns[3].datatype_library.as_deref(),
        Some("http://www.w3.org/2001/XMLSchema-datatypes")
    );
    assert_eq!(
        doc.identification().long_names[1].lang.as_deref(),
        Some("en")
    );
    // Values without ColumnRef follow the previous value's column.
    let g = doc.row_by_key("g").unwrap();
    assert_eq!(doc.value(g, "name"), Some("grün"));
    assert_eq!(g.cell(4), &Cell::Absent, "left out");
    // Values out of column order, empty Value, empty SimpleValue, spaces kept.
    let r2 = doc.row_by_key("r2").unwrap();
    assert_eq!(doc.value(r2, "gueltigAb"), Some("2025-06-01"));
    assert_eq!(r2.cell(4), &Cell::Empty);
    assert_eq!(doc.row_by_key("b").unwrap().cell(4), &Cell::text(""));
    assert_eq!(
        doc.value(doc.row_by_key("r").unwrap(), "hinweis"),
        Some("  mit Leerzeichen  ")
    );
    assert!(doc.row_by_key("b").unwrap().annotation.is_some());
    // Unknown annotation elements (own namespace, attributes, mixed children) are kept.
    let a = doc.annotation().unwrap();
    let custom = a.description.iter().find(|e| e.name == "pflege").unwrap();
    assert_eq!(custom.namespace.as_deref(), Some("urn:example:pflege"));
    assert_eq!(custom.attributes[0].value, "2024");
    assert_eq!(custom.text(), "Testteam gepflegt & geprüft");
    assert_eq!(
        doc.xoev_metadata().short_name.as_deref(),
        Some("Testfarben")
    );
    assert_eq!(
        doc.xoev_metadata().valid_from.as_deref(),
        Some("2024-01-01")
    );
    assert!(doc.schema_location().is_some());
    let xml = genericode::to_xml_string(&doc).unwrap();
    assert!(xml.contains("xmlns:xoev-cl-3="), "{xml}");
    let again = genericode::from_xml_str(&xml).unwrap();
    assert_eq!(again, doc);
}

fn error_of(name: &str) -> ozg_xml::XmlError {
    genericode::from_path(fixture(name), ReaderConfig::default()).unwrap_err()
}

fn source(e: &ozg_xml::XmlError) -> &CodeListError {
    match e.kind() {
        XmlErrorKind::Invalid { source, .. } => source.downcast_ref::<CodeListError>().unwrap(),
        other => panic!("expected an invalid value, got {other:?}"),
    }
}

#[test]
fn bad_input_is_a_typed_error_with_position() {
    let e = error_of("not_genericode.xml");
    assert!(
        matches!(e.kind(), XmlErrorKind::UnexpectedElement { .. }),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (2, 1));

    let e = error_of("error_unknown_column.xml");
    assert!(
        matches!(source(&e), CodeListError::UnknownColumn { column, .. } if column == "farbe"),
        "{e}"
    );
    assert_eq!((e.line(), e.column()), (16, 7));

    let e = error_of("error_duplicate_key.xml");
    assert!(
        matches!(source(&e), CodeListError::DuplicateKeyValue { value, row: 3, first_row: 1, .. } if value == "a"),
        "{e}"
    );
    assert_eq!(e.line(), 17);

    let e = error_of("error_missing_required.xml");
    assert!(
        matches!(source(&e), CodeListError::MissingValue { row: 2, column, what: "required" } if column == "name"),
        "{e}"
    );
    assert_eq!(e.line(), 16);

    let e = error_of("error_missing_version.xml");
    assert!(
        matches!(e.kind(), XmlErrorKind::Missing { name } if name == "Identification/Version"),
        "{e}"
    );
    assert!(e.line() > 0);

    // Wrong namespace on the root.
    let e = genericode::from_xml_str("<CodeList xmlns=\"urn:other\"/>").unwrap_err();
    assert!(
        matches!(e.kind(), XmlErrorKind::WrongNamespace { .. }),
        "{e}"
    );
    // Truncated input never panics.
    let full = std::fs::read_to_string(fixture("several_keys.xml")).unwrap();
    for cut in (0..full.len()).step_by(97) {
        if full.is_char_boundary(cut) {
            assert!(
                genericode::from_xml_str(&full[..cut]).is_err(),
                "cut at {cut}"
            );
        }
    }
}
