//! XML validation (feature `xml`): our format with positions from the read, XZuFi object by object.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::PathBuf;

use ozg_core::dataset::Dataset;
use ozg_validate::{Code, DocumentKind, InputFormat, InputLimits, ValidationFinding, Validator};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/xml")
        .join(name)
}

fn example_xml() -> String {
    ozg_xml::document::to_xml_string(&Dataset::example()).unwrap()
}

/// 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap();
    text[..at].matches('\n').count() as u64 + 1
}

#[test]
fn a_valid_document_has_no_findings() {
    let v = Validator::shared().unwrap();
    let report = v.validate_xml(None, example_xml().as_bytes());
    assert!(report.findings.is_empty(), "{report}");
    assert_eq!(report.kind, Some(DocumentKind::Dataset));
    for file in ["own/dataset_example.xml", "own/agreement_0.xml"] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        assert!(v.validate_xml(None, &bytes).is_valid(), "{file}");
    }
}

#[test]
fn findings_carry_pointer_line_and_column_of_their_element() {
    let xml = example_xml();
    // Two rule findings in different records: both positioned, each at its own element.
    let bad = xml.replacen("<url>https://", "<url>http://", 1).replacen(
        "<goLive>",
        "<goLive>1999-01-01</goLive><x>",
        0,
    );
    let report = Validator::shared()
        .unwrap()
        .validate_xml(None, bad.as_bytes());
    let https = report
        .findings
        .iter()
        .find(|f| f.code.as_str() == "channel.webservice_not_https")
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(https.line, Some(line_of(&bad, "<url>http://")), "{https}");
    assert!(https.column.is_some_and(|c| c > 1));
    assert!(https.pointer.starts_with("/channels/"), "{https}");
}

#[test]
fn schema_findings_are_positioned_too() {
    let xml = example_xml();
    let bad = xml.replacen("<ags>01", "<ags>1", 1);
    let report = Validator::shared()
        .unwrap()
        .validate_xml(None, bad.as_bytes());
    let f: &ValidationFinding = report
        .findings
        .iter()
        .find(|f| f.pointer.ends_with("/ags"))
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(f.line, Some(line_of(&bad, "<ags>1")), "{f}");
}

#[test]
fn broken_xml_is_one_syntax_finding_with_its_position() {
    let v = Validator::shared().unwrap();
    let report = v.validate_xml(
        None,
        b"<?xml version=\"1.0\"?>\n<ozg:dataset xmlns:ozg=\"urn:ozg-rs:schema:ozg:1\">\n<x",
    );
    assert_eq!(report.findings.len(), 1, "{report}");
    assert_eq!(report.findings[0].code, Code::XmlSyntax);
    assert!(report.findings[0].code.is_input_error());
    assert_eq!(report.findings[0].line, Some(3));
    let wrong = v.validate_xml(Some(DocumentKind::Agreement), example_xml().as_bytes());
    assert_eq!(wrong.findings[0].code, Code::XmlSyntax, "{wrong}");
}

#[test]
fn xzufi_messages_are_read_object_by_object() {
    let v = Validator::shared().unwrap();
    let text = std::fs::read_to_string(fixture("xzufi_2_2_schreibe.xml")).unwrap();
    let mut found = Vec::new();
    let summary = v
        .validate_stream(
            None,
            text.as_bytes(),
            InputFormat::Xml,
            InputLimits::default(),
            &mut |f| {
                found.push(f);
                Ok(())
            },
        )
        .unwrap();
    assert!(summary.documents > 1, "{summary:?}");
    assert!(found.is_empty(), "{found:?}");
    // Truncated: the objects before the break are read, then one syntax finding.
    let cut = &text[..text.len() * 2 / 3];
    let mut found = Vec::new();
    let summary = v
        .validate_stream(
            None,
            cut.as_bytes(),
            InputFormat::Xml,
            InputLimits::default(),
            &mut |f| {
                found.push(f);
                Ok(())
            },
        )
        .unwrap();
    assert_eq!(
        found.last().map(|f| f.code),
        Some(Code::XmlSyntax),
        "{found:?}"
    );
    assert_eq!(summary.input_errors, 1);
}
