//! A dataset in our XML validated record by record, with the positions recorded in the same pass,
//! gives the findings of validating its value whole and locating every pointer in a second pass
//! — code, pointer, message, line and column — for every dataset the fixtures hold or give,
//! valid or not, and `validate_stream` gives what `validate_xml` gives.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use ozg_validate::stream::{InputFormat, InputLimits};
use ozg_validate::{DocumentKind, ValidationFinding, Validator};
use ozg_xml::document::{DocumentReader, json_to_xml};
use serde_json::Value;

type Key = (String, String, String, Option<u64>, Option<u64>);

fn key(f: &ValidationFinding) -> Key {
    (
        f.code.as_str().to_owned(),
        f.pointer.clone(),
        f.message.clone(),
        f.line,
        f.column,
    )
}

/// The oracle: the document's value validated whole, its findings positioned by the locating
/// pass of the whole-document reader.
fn whole(v: &Validator, xml: &str) -> Vec<Key> {
    let reader = DocumentReader::new();
    let (kind, value) = reader.read_json(xml.as_bytes()).expect("readable");
    assert_eq!(kind, DocumentKind::Dataset);
    let report = v.validate_value(kind, &value);
    let pointers: Vec<&str> = report.findings.iter().map(|f| f.pointer.as_str()).collect();
    let at = reader.positions_of(xml.as_bytes(), &pointers);
    let mut out: Vec<Key> = report
        .findings
        .iter()
        .zip(at)
        .map(|(f, at)| {
            let mut k = key(f);
            if let Some(at) = at {
                (k.3, k.4) = (Some(at.line), Some(at.column));
            }
            k
        })
        .collect();
    out.sort();
    out
}

fn streamed(v: &Validator, xml: &str) -> Vec<Key> {
    let mut found = Vec::new();
    v.validate_stream(
        None,
        xml.as_bytes(),
        InputFormat::Xml,
        InputLimits::default(),
        &mut |f| {
            found.push(key(&f));
            Ok(())
        },
    )
    .expect("stream");
    found.sort();
    found
}

/// Every dataset in our XML the fixtures hold, and every JSON fixture the XML mapping can write
/// as a dataset (also those the rules or the typed model refuse).
fn datasets() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("xml/own")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("dataset_") {
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    for entry in std::fs::read_dir(root.join("json")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(&std::fs::read_to_string(&path).unwrap())
        else {
            continue;
        };
        if DocumentKind::detect(&value) != Some(DocumentKind::Dataset) {
            continue;
        }
        if let Ok(xml) = json_to_xml(DocumentKind::Dataset, &value) {
            out.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                xml,
            ));
        }
    }
    out
}

#[test]
fn every_dataset_gives_the_findings_and_positions_of_the_whole_document() {
    let v = Validator::shared().unwrap();
    let mut with_findings = 0;
    let all = datasets();
    for (name, xml) in &all {
        let expected = whole(v, xml);
        if !expected.is_empty() {
            with_findings += 1;
            assert!(
                expected.iter().all(|k| k.3.is_some()),
                "{name}: a finding without position {expected:?}"
            );
        }
        assert_eq!(streamed(v, xml), expected, "{name} (validate_stream)");
        let mut report: Vec<Key> = v
            .validate_xml(None, xml.as_bytes())
            .findings
            .iter()
            .map(key)
            .collect();
        report.sort();
        assert_eq!(report, expected, "{name} (validate_xml)");
    }
    assert!(all.len() >= 20, "only {} datasets", all.len());
    assert!(
        with_findings >= 10,
        "only {with_findings} datasets with findings"
    );
}

#[test]
fn broken_xml_ends_the_stream_with_one_positioned_finding() {
    let v = Validator::shared().unwrap();
    let xml = ozg_xml::document::to_xml_string(&ozg_core::dataset::Dataset::example()).unwrap();
    // A code not in its list, in the last section: an `xml.content` finding at its element.
    let needle = "<code>avv</code>";
    let bad = xml.replacen(needle, "<code>nope</code>", 1);
    let e = DocumentReader::new().read_json(bad.as_bytes()).unwrap_err();
    let found = streamed(v, &bad);
    let content: Vec<&Key> = found.iter().filter(|k| k.0 == "xml.content").collect();
    assert_eq!(content.len(), 1, "{found:?}");
    assert_eq!(
        (content[0].3, content[0].4),
        (Some(e.line()), Some(e.column()))
    );
    assert!(content[0].2.contains("agreementDocument/kind"), "{found:?}");
    // Markup broken after the first records: `xml.syntax`, the records before already checked.
    let cut = &xml[..xml.len() / 2];
    let found = streamed(v, cut);
    assert_eq!(
        found.iter().filter(|k| k.0 == "xml.syntax").count(),
        1,
        "{found:?}"
    );
}
