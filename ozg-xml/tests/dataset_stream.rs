//! The record-by-record JSON → XML conversion of datasets writes exactly what the whole-document
//! writer writes, whatever the order of the JSON members and however large the sections.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use ozg_core::dataset::{Dataset, DatasetError};
use ozg_xml::document::{
    DatasetConvertError, DatasetXmlWriter, json_dataset_to_writer, json_dataset_to_writer_with,
    to_xml_string,
};
use serde_json::Value;

fn streamed(json: &str) -> Result<String, DatasetConvertError> {
    let out = json_dataset_to_writer(json.as_bytes(), Vec::new())?;
    Ok(String::from_utf8(out).expect("UTF-8"))
}

#[test]
fn every_dataset_fixture_converts_to_the_bytes_of_the_whole_document_writer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/json");
    let mut converted = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        match Dataset::from_json_str(&text) {
            Ok(ds) => {
                let whole = to_xml_string(&ds).expect("whole");
                assert_eq!(
                    streamed(&text).expect("streamed"),
                    whole,
                    "{}",
                    path.display()
                );
                converted += 1;
            }
            Err(DatasetError::Json { pointer, .. }) => {
                // A fixture that is not a dataset (or not a valid one) fails here too, at the same place.
                if let Err(DatasetConvertError::Json(DatasetError::Json { pointer: p, .. })) =
                    streamed(&text)
                {
                    if !pointer.is_empty() {
                        assert_eq!(p, pointer, "{}", path.display());
                    }
                } else {
                    panic!("{} read whole fails but streams", path.display());
                }
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert!(converted >= 5, "only {converted} dataset fixtures");
}

#[test]
fn members_in_any_order_give_the_format_order() {
    let ds = Dataset::example();
    let value = serde_json::to_value(&ds).unwrap();
    let Value::Object(map) = value else {
        panic!("object")
    };
    // Reversed: rollout first, schemaVersion last.
    let mut text = String::from("{");
    for (i, (k, v)) in map.iter().rev().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(k).unwrap());
        text.push(':');
        text.push_str(&serde_json::to_string(v).unwrap());
    }
    text.push('}');
    assert!(
        text.starts_with("{\"verwaltungen\"") || text.starts_with("{\"title\""),
        "{}",
        &text[..40]
    );
    assert_eq!(streamed(&text).unwrap(), to_xml_string(&ds).unwrap());
}

#[test]
fn large_sections_go_through_temporary_files_in_the_chosen_directory() {
    let mut ds = Dataset::example();
    let entry = ds.rollout[0].clone();
    // About 40,000 rollout entries: several MiB of XML, beyond the in-memory part of a section.
    let mut rollout = Vec::new();
    for i in 0..40_000 {
        let mut e = entry.clone();
        e.verwaltung = format!("v{i}").parse().unwrap();
        rollout.push(e);
    }
    ds.rollout = rollout;
    let json = ds.to_json_pretty().unwrap();
    let dir = std::env::temp_dir().join(format!("ozg-spool-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let writer = DatasetXmlWriter::new(Vec::new()).unwrap().spool_in(&dir);
    let out = json_dataset_to_writer_with(json.as_bytes(), writer).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.len() > 4 << 20, "{} bytes", out.len());
    assert_eq!(out, to_xml_string(&ds).unwrap());
    // The spools are unnamed: nothing is left behind.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    std::fs::remove_dir(&dir).unwrap();

    // A spool directory that does not exist is an I/O error, not a panic.
    let writer = DatasetXmlWriter::new(Vec::new())
        .unwrap()
        .spool_in(dir.join("missing"));
    let e = json_dataset_to_writer_with(json.as_bytes(), writer).unwrap_err();
    assert!(matches!(e, DatasetConvertError::Xml(_)), "{e}");
}

#[test]
fn bad_input_is_a_typed_error_with_pointer_and_line() {
    let e =
        streamed("{\"schemaVersion\": \"1.0\",\n\"rollout\": [{\"verwaltung\": 1}]}").unwrap_err();
    let DatasetConvertError::Json(DatasetError::Json { pointer, line, .. }) = e else {
        panic!("{e}")
    };
    assert_eq!((pointer.as_str(), line), ("/rollout/0/verwaltung", 2));
    // A value XML cannot carry (a control character) is an XML error.
    let e = streamed(r#"{"schemaVersion": "1.0", "title": "a\u0001b"}"#).unwrap_err();
    assert!(matches!(e, DatasetConvertError::Xml(_)), "{e}");
    let e = streamed("[]").unwrap_err();
    assert!(matches!(e, DatasetConvertError::Json(_)), "{e}");
}

mod xml_to_json {
    use super::*;
    use ozg_xml::ReaderConfig;
    use ozg_xml::document::{read_dataset_records, xml_dataset_to_json_writer};

    fn json_of(xml: &str) -> Result<String, ozg_xml::XmlError> {
        let out = xml_dataset_to_json_writer(xml.as_bytes(), ReaderConfig::default(), Vec::new())?;
        Ok(String::from_utf8(out).expect("UTF-8"))
    }

    #[test]
    fn every_dataset_fixture_gives_the_json_of_the_dataset_read_whole() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/xml/own");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("dataset") {
                continue;
            }
            let xml = std::fs::read_to_string(&path).expect("read");
            let ds: Dataset = ozg_xml::document::from_xml_str(&xml).expect(&name);
            assert_eq!(
                json_of(&xml).expect(&name),
                ds.to_json_pretty().unwrap(),
                "{name}"
            );
            n += 1;
        }
        assert!(n >= 2, "{n} dataset fixtures");
    }

    #[test]
    fn records_come_one_by_one_and_large_sections_are_spooled() {
        let mut ds = Dataset::example();
        let entry = ds.rollout[0].clone();
        ds.rollout = (0..30_000)
            .map(|i| {
                let mut e = entry.clone();
                e.verwaltung = format!("v{i}").parse().unwrap();
                e
            })
            .collect();
        let xml = to_xml_string(&ds).unwrap();
        assert_eq!(json_of(&xml).unwrap(), ds.to_json_pretty().unwrap());
        let mut got = Dataset::new();
        let mut last = None;
        let header = read_dataset_records(xml.as_bytes(), ReaderConfig::default(), |i, r| {
            if let ozg_core::dataset::DatasetRecord::Rollout(_) = &r {
                assert_eq!(Some(i), last.map_or(Some(0), |l: usize| Some(l + 1)));
                last = Some(i);
            }
            r.push_to(&mut got);
            Ok::<(), std::convert::Infallible>(())
        })
        .unwrap();
        let mut whole = header.into_dataset();
        std::mem::swap(&mut whole.rollout, &mut got.rollout);
        whole.verwaltungen = got.verwaltungen;
        whole.it_providers = got.it_providers;
        whole.onlinedienste = got.onlinedienste;
        whole.channels = got.channels;
        whole.agreements = got.agreements;
        assert_eq!(whole, ds);
    }

    #[test]
    fn errors_are_positioned_at_the_record_and_name_the_value() {
        let ds = Dataset::example();
        let xml = to_xml_string(&ds).unwrap();
        // An invalid identifier in the third Verwaltung: the model rejects it.
        let mut seen = 0;
        let bad: String = xml
            .split_inclusive('\n')
            .map(|line| {
                if line.trim_start().starts_with("<id>") && line.contains("flensburg") && seen == 0
                {
                    seen += 1;
                    line.replace("flensburg", "Flens Burg")
                } else {
                    line.to_owned()
                }
            })
            .collect();
        assert_ne!(bad, xml);
        let e = json_of(&bad).unwrap_err();
        assert!(e.line() > 1, "{e}");
        // The first <id> with "flensburg" is the agreement nv-itvsh-flensburg (the fourth).
        assert!(e.to_string().contains("/agreements/3/id"), "{e}");
        assert!(e.to_string().contains("Flens Burg"), "{e}");
        // Positioned inside the record: between its <id> and the start of the next record.
        let lines: Vec<&str> = xml.lines().collect();
        let id_line = lines
            .iter()
            .position(|l| l.contains("nv-itvsh-flensburg"))
            .unwrap() as u64
            + 1;
        let next = lines
            .iter()
            .position(|l| l.contains("nv-itvsh-neumuenster"))
            .unwrap() as u64
            + 1;
        assert!(
            id_line <= e.line() && e.line() < next,
            "{e} ({id_line}..{next})"
        );
        // Broken XML: the reader's position.
        let cut = &xml[..xml.len() / 2];
        let e = json_of(cut).unwrap_err();
        assert!(e.is_fatal(), "{e}");
        // Another document kind is not a dataset.
        let agreement = ozg_xml::document::to_xml_string(&ds.agreements[0]).unwrap();
        assert!(json_of(&agreement).is_err());
        // Missing schemaVersion.
        let no_version = xml.replacen("  <schemaVersion>1.0</schemaVersion>\n", "", 1);
        assert_ne!(no_version, xml);
        let e = json_of(&no_version).unwrap_err();
        assert!(e.to_string().contains("schemaVersion"), "{e}");
    }
}
