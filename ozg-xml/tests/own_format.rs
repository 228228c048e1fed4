//! Our own XML format: round trips of every document type, lossless JSON ↔ XML at the value
//! level, reading any document, and errors with line, column, element path and rule.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use ozg_core::agreement::Agreement;
use ozg_core::catalogue::{Catalogue, CatalogueDocument};
use ozg_core::channel::DeliveryChannel;
use ozg_core::dataset::Dataset;
use ozg_core::rollout::RolloutEntry;
use ozg_core::service::Onlinedienst;
use ozg_xml::document::{
    self, AnyDocument, DocumentReader, DocumentType, NAMESPACE, XmlDocument, from_reader,
    from_xml_str, json_to_xml, read_any, to_writer, to_xml_string, xml_to_json,
};
use ozg_xml::{ReaderConfig, XmlError, XmlErrorKind};
use serde_json::json;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/json")
}

/// Every JSON fixture that parses as a dataset (the good ones and the bad ones whose defect is
/// semantic).
fn parsing_fixtures() -> Vec<(String, Dataset)> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    for p in entries {
        let text = std::fs::read_to_string(&p).unwrap();
        if let Ok(d) = Dataset::from_json_str(&text) {
            out.push((p.file_name().unwrap().to_string_lossy().into_owned(), d));
        }
    }
    out
}

fn round_trip<T: XmlDocument + PartialEq + std::fmt::Debug>(doc: &T) -> T {
    let xml = to_xml_string(doc).unwrap();
    let back: T = from_xml_str(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(
        serde_json::to_value(&back).unwrap(),
        serde_json::to_value(doc).unwrap(),
        "JSON differs after XML round trip"
    );
    back
}

/// (line, column) of byte offset `at` in `s` (1-based, column in bytes).
fn position(s: &str, at: usize) -> (u64, u64) {
    let before = &s[..at];
    let line = before.matches('\n').count() as u64 + 1;
    let col = (at - before.rfind('\n').map_or(0, |i| i + 1)) as u64 + 1;
    (line, col)
}

#[test]
fn every_parsing_fixture_round_trips() {
    let all = parsing_fixtures();
    assert!(all.len() >= 30, "only {} fixtures parse", all.len());
    for name in ["good_full.json", "good_base.json", "good_minimal.json"] {
        assert!(all.iter().any(|(n, _)| n == name), "{name} missing");
    }
    for (name, d) in &all {
        let back = round_trip(d);
        assert_eq!(&back, d, "{name}");
    }
}

#[test]
fn example_dataset_round_trips() {
    let d = Dataset::example();
    assert_eq!(round_trip(&d), d);
}

#[test]
fn catalogue_round_trips_quickly() {
    let doc = Catalogue::embedded().to_document();
    assert!(doc.leika.len() > 5000);
    let t = std::time::Instant::now();
    let xml = to_xml_string(&doc).unwrap();
    let write = t.elapsed();
    let t = std::time::Instant::now();
    let back: CatalogueDocument = from_xml_str(&xml).unwrap();
    let read = t.elapsed();
    eprintln!(
        "catalogue: {} bytes XML, write {write:?}, read {read:?}",
        xml.len()
    );
    assert_eq!(
        serde_json::to_value(&back).unwrap(),
        serde_json::to_value(&doc).unwrap()
    );
    // The catalogue built from the XML is the same catalogue.
    let cat = Catalogue::from_document(back).unwrap();
    assert_eq!(cat.leika().len(), Catalogue::embedded().leika().len());
    // Generous even for unoptimised builds on a busy machine; release takes milliseconds.
    assert!(write.as_secs() < 10 && read.as_secs() < 20);
}

#[test]
fn standalone_document_types_round_trip() {
    let d: Dataset = Dataset::from_json_str(
        &std::fs::read_to_string(fixtures().join("good_full.json")).unwrap(),
    )
    .unwrap();
    for a in &d.agreements {
        let back: Agreement = round_trip(a);
        assert_eq!(&back, a);
    }
    for r in &d.rollout {
        assert_eq!(&round_trip::<RolloutEntry>(r), r);
    }
    for o in &d.onlinedienste {
        assert_eq!(&round_trip::<Onlinedienst>(o), o);
    }
    for c in &d.channels {
        assert_eq!(&round_trip::<DeliveryChannel>(c), c);
    }
    assert!(d.channels.len() >= 6);
}

#[test]
fn format_shape_is_as_documented() {
    let d: Dataset = Dataset::from_json_str(
        &std::fs::read_to_string(fixtures().join("good_full.json")).unwrap(),
    )
    .unwrap();
    let xml = to_xml_string(&d).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ozg:dataset xmlns:ozg=\"urn:ozg-rs:schema:ozg:1\""));
    assert_eq!(NAMESPACE, "urn:ozg-rs:schema:ozg:1");
    // Arrays: wrapper + item elements named after the item type.
    assert!(
        xml.contains("<verwaltungen>\n    <verwaltung>\n      <id>kiel</id>"),
        "{xml}"
    );
    // Code values with listURI, listVersionID, code and German label.
    assert!(xml.contains(
        "<land listURI=\"urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland\" listVersionID=\"2010-04-01\">\n        <code>01</code>\n        <name>Schleswig-Holstein</name>\n      </land>"
    ), "{xml}");
    // Tagged unions: one element per variant.
    assert!(
        xml.contains("<kanal>\n        <webservice>\n          <url>https://"),
        "{xml}"
    );
    assert!(
        xml.contains("<reifegrad>\n        <model-1.x>\n          <level>4</level>"),
        "{xml}"
    );
    assert!(xml.contains("<reifegrad>\n        <model-2.0>"), "{xml}");
    // The element names are the JSON member names.
    assert!(xml.contains("<schemaVersion>1.0</schemaVersion>"));
    assert!(xml.contains("<destinationId>"));
}

#[test]
fn json_xml_json_is_lossless_at_the_value_level() {
    let value = json!({
        "$schema": "https://example.org/dataset.schema.json",
        "schemaVersion": "1.0",
        "title": null,
        "description": "  leading and trailing spaces, tabs\tand\nnew lines\r\n, <&> \"quotes\" 'apostrophes' ]]> ü € 🙂 ",
        "example": false,
        "itProviders": [],
        "verwaltungen": [
            {"id": "kiel", "name": "", "kind": "kreisfreie_stadt", "ags": "01002000",
             "ars": null, "gemeinden": [], "kreis": "01002", "land": "01"}
        ],
        "onlinedienste": [
            {"id": "x.y:z-1", "name": "   ", "leistungen": ["10092", "99107023017000"],
             "reifegrad": {"model": "2.0", "level": 7}, "vertrauensniveau": null,
             "basiskomponenten": ["Bürgerportal", "ePayment"], "url": null, "provider": null}
        ],
        "agreements": [
            {"id": "a", "kind": "avv", "title": "T", "status": "draft",
             "term": {"start": "2024-02-29", "end": null, "noticePeriodMonths": 65535, "autoRenew": true},
             "costModel": {"type": "umlage", "amountEurCents": 18446744073709551615u64, "basis": null, "period": "yearly"},
             "parties": [], "onlinedienste": [], "leistungen": [], "documents": [], "history": [],
             "avv": {"purpose": "p", "dataCategories": [], "toms": ["a", "b"], "subProcessors": [], "dataSubjects": []}}
        ],
        "channels": [
            {"id": "c", "verwaltung": "kiel", "onlinedienste": [],
             "kanal": {"type": "xta", "reader": "dvdv:abc123", "service": "s", "transport": "osci",
                       "businessScenario": {"listURI": "urn:xoev-de:xta:codeliste:business-scenario", "listVersionID": "1", "code": "FIM_x", "name": "  N  "}},
             "validFrom": null},
            {"id": "d", "verwaltung": "kiel", "kanal": {"type": "nachrichtenbroker", "postfach": null}}
        ],
        "rollout": [
            {"verwaltung": "kiel", "onlinedienst": "x.y:z-1", "phase": "pilot", "status": "ordered",
             "history": [], "zufiEntry": {"maintained": false, "reference": null}, "goLive": null}
        ]
    });
    let xml = json_to_xml(DocumentType::Dataset, &value).unwrap();
    assert!(xml.contains("<title xsi:nil=\"true\"></title>"), "{xml}");
    assert!(xml.contains("<itProviders></itProviders>"), "{xml}");
    assert!(xml.contains("<jsonSchema>https://example.org/dataset.schema.json</jsonSchema>"));
    let (kind, back) = xml_to_json(&xml).unwrap();
    assert_eq!(kind, DocumentType::Dataset);
    assert_eq!(back, value, "{xml}");
    // And the value is a valid dataset that survives the typed round trip too.
    let d: Dataset = serde_json::from_value(value).unwrap();
    assert_eq!(round_trip(&d), d);
    // Absent members stay absent.
    let minimal = json!({"schemaVersion": "1.0"});
    let xml = json_to_xml(DocumentType::Dataset, &minimal).unwrap();
    assert_eq!(xml_to_json(&xml).unwrap().1, minimal);
}

#[test]
fn writer_refuses_values_xml_cannot_carry_or_the_schema_does_not_know() {
    let bad_char = json!({"schemaVersion": "1.0", "title": "a\u{1}b"});
    let e = json_to_xml(DocumentType::Dataset, &bad_char).unwrap_err();
    assert!(e.to_string().contains("not allowed in XML 1.0"), "{e}");
    let unknown = json!({"schemaVersion": "1.0", "colour": "blue"});
    let e = json_to_xml(DocumentType::Dataset, &unknown).unwrap_err();
    assert!(e.to_string().contains("/colour"), "{e}");
    let wrong_type = json!({"schemaVersion": 1});
    let e = json_to_xml(DocumentType::Dataset, &wrong_type).unwrap_err();
    assert!(e.to_string().contains("expected a string"), "{e}");
    let null_required = json!({"schemaVersion": null});
    assert!(json_to_xml(DocumentType::Dataset, &null_required).is_err());
}

#[test]
fn read_any_detects_the_root_element() {
    let d: Dataset = Dataset::from_json_str(
        &std::fs::read_to_string(fixtures().join("good_full.json")).unwrap(),
    )
    .unwrap();
    let cases: Vec<(String, DocumentType)> = vec![
        (to_xml_string(&d).unwrap(), DocumentType::Dataset),
        (
            to_xml_string(&d.agreements[0]).unwrap(),
            DocumentType::Agreement,
        ),
        (
            to_xml_string(&d.rollout[0]).unwrap(),
            DocumentType::RolloutEntry,
        ),
        (
            to_xml_string(&d.onlinedienste[0]).unwrap(),
            DocumentType::Onlinedienst,
        ),
        (
            to_xml_string(&d.channels[0]).unwrap(),
            DocumentType::DeliveryChannel,
        ),
    ];
    for (xml, kind) in cases {
        let any = read_any(&xml).unwrap();
        assert_eq!(any.document_type(), kind);
        assert_eq!(any.to_xml_string().unwrap(), xml);
        assert_eq!(xml_to_json(&xml).unwrap().1, any.to_json_value().unwrap());
    }
    match read_any(&to_xml_string(&d).unwrap()).unwrap() {
        AnyDocument::Dataset(back) => assert_eq!(*back, d),
        other => panic!("{other:?}"),
    }
    // Reading a dataset as an agreement names the expected root.
    let e = from_xml_str::<Agreement>(&to_xml_string(&d).unwrap()).unwrap_err();
    assert!(
        matches!(e.kind(), XmlErrorKind::UnexpectedElement { .. }),
        "{e}"
    );
    assert!(e.to_string().contains("ozg:agreement"), "{e}");
    assert_eq!((e.line(), e.column()), (2, 1));
}

#[test]
fn reader_and_writer_streams() {
    let d = Dataset::example();
    let mut buf = Vec::new();
    to_writer(&d, &mut buf).unwrap();
    let back: Dataset = from_reader(buf.as_slice()).unwrap();
    assert_eq!(back, d);
    let any = DocumentReader::new().read_any(buf.as_slice()).unwrap();
    assert_eq!(any.document_type(), DocumentType::Dataset);
    // The size limit holds for readers too.
    let small = DocumentReader::with_config(ReaderConfig::new().max_total_bytes(100));
    let e = small.read::<Dataset, _>(buf.as_slice()).unwrap_err();
    assert!(
        matches!(e.kind(), XmlErrorKind::LimitExceeded { .. }),
        "{e}"
    );
}

fn onlinedienst_xml() -> String {
    let o: Onlinedienst = serde_json::from_value(json!({
        "id": "wohngeld", "name": "Wohngeld", "leistungen": ["10092", "99107023017000"],
        "basiskomponenten": ["ZuFiSH"], "vertrauensniveau": "substanziell",
        "reifegrad": {"model": "1.x", "level": 3}
    }))
    .unwrap();
    to_xml_string(&o).unwrap()
}

fn expect_at(xml: &str, e: &XmlError, needle: &str) {
    let at = xml
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {xml}"));
    assert_eq!((e.line(), e.column()), position(xml, at), "{e}\n{xml}");
}

#[test]
fn bad_leika_key_reports_line_column_path_and_rule() {
    let xml = onlinedienst_xml();
    let bad = xml.replace("<serviceRef>99107023017000", "<serviceRef>98107023017000");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    expect_at(&bad, &e, "<serviceRef>98");
    assert_eq!(e.path(), Some("/ozg:onlinedienst/leistungen/serviceRef"));
    match e.kind() {
        XmlErrorKind::Invalid { field, value, .. } => {
            assert_eq!(field, "/leistungen/1");
            assert_eq!(value, "98107023017000");
        }
        other => panic!("{other:?}"),
    }
    let msg = e.to_string();
    let (line, col) = (e.line(), e.column());
    assert!(
        msg.starts_with(&format!("line {line}, column {col}: ")),
        "{msg}"
    );
    assert!(msg.contains("must start with 99"), "{msg}");
    // The rule of the identifier is in the message chain.
    let source = std::error::Error::source(&e).unwrap().to_string();
    assert!(source.contains("99"), "{source}");

    // Inside a whole dataset, deep in the tree.
    let d = Dataset::example();
    let xml = to_xml_string(&d).unwrap();
    let needle = "<ags>";
    let at = xml.find(needle).unwrap();
    let bad = format!("{}<ags>1x{}", &xml[..at], &xml[at + needle.len() + 2..]);
    let e = from_xml_str::<Dataset>(&bad).unwrap_err();
    assert_eq!((e.line(), e.column()), position(&bad, at), "{e}");
    assert!(
        e.path().unwrap().ends_with("/verwaltungen/verwaltung/ags"),
        "{e}"
    );
}

#[test]
fn code_values_are_checked() {
    let xml = onlinedienst_xml();
    // Unknown code.
    let bad = xml.replace("<code>ZuFiSH</code>", "<code>ZuFi</code>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    expect_at(&bad, &e, "<basiskomponente ");
    assert!(e.to_string().contains("ZuFi"), "{e}");
    // Wrong list.
    let bad = xml.replace(
        "listURI=\"urn:ozg-rs:codeliste:basiskomponente-sh\"",
        "listURI=\"urn:example:other\"",
    );
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    expect_at(&bad, &e, "<basiskomponente ");
    assert!(e.to_string().contains("urn:example:other"), "{e}");
    // Wrong list version.
    let bad = xml.replacen("listVersionID=\"1\"", "listVersionID=\"9\"", 1);
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(matches!(e.kind(), XmlErrorKind::WrongVersion { .. }), "{e}");
    // listURI and listVersionID may be left out (fixed in the XSD), the name is ignored.
    let lenient = xml
        .replace(
            " listURI=\"urn:ozg-rs:codeliste:basiskomponente-sh\" listVersionID=\"1\"",
            "",
        )
        .replace("<name>ZuFiSH</name>", "<name>anything</name>");
    assert!(lenient.contains("<basiskomponente>"), "{lenient}");
    assert!(from_xml_str::<Onlinedienst>(&lenient).is_ok());
}

#[test]
fn structural_errors_have_positions() {
    let xml = onlinedienst_xml();
    // Unknown element.
    let bad = xml.replace("<name>Wohngeld</name>", "<nme>Wohngeld</nme>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(
        matches!(e.kind(), XmlErrorKind::UnexpectedElement { .. }),
        "{e}"
    );
    expect_at(&bad, &e, "<nme>");
    // Missing required element: reported at the element that lacks it.
    let bad = xml.replace("  <name>Wohngeld</name>\n", "");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(
        matches!(e.kind(), XmlErrorKind::Missing { name } if name == "name"),
        "{e}"
    );
    expect_at(&bad, &e, "<ozg:onlinedienst");
    // Duplicate element.
    let bad = xml.replace(
        "<name>Wohngeld</name>",
        "<name>Wohngeld</name><name>B</name>",
    );
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    expect_at(&bad, &e, "<name>B");
    // Qualified child element.
    let bad = xml.replace("<name>Wohngeld</name>", "<ozg:name>Wohngeld</ozg:name>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(e.to_string().contains("unqualified"), "{e}");
    // Bad integer.
    let bad = xml.replace("<level>3</level>", "<level>three</level>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    expect_at(&bad, &e, "<level>");
    assert!(e.to_string().contains("expected an integer"), "{e}");
    // Out-of-range level: the model's rule, at the element.
    let bad = xml.replace("<level>3</level>", "<level>9</level>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(e.line() >= 2, "{e}");
    // Unknown variant element.
    let bad = xml.replace("model-1.x>", "model-3.0>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(e.to_string().contains("<model-1.x>, <model-2.0>"), "{e}");
    // Nil where no null is allowed.
    let bad = xml.replace("<name>Wohngeld</name>", "<name xsi:nil=\"true\"/>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(e.to_string().contains("not nillable"), "{e}");
    expect_at(&bad, &e, "<name ");
    // Unknown attribute.
    let bad = xml.replace("<name>Wohngeld</name>", "<name lang=\"de\">Wohngeld</name>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(e.to_string().contains("attribute lang"), "{e}");
    // Wrong namespace of the root.
    let bad = xml.replace(NAMESPACE, "urn:ozg-rs:schema:ozg:2");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(
        matches!(e.kind(), XmlErrorKind::WrongNamespace { .. }),
        "{e}"
    );
}

#[test]
fn hardening_applies_to_our_format() {
    let xml = onlinedienst_xml();
    // DOCTYPE with an entity: refused before anything is expanded.
    let bad = xml.replacen(
        "<ozg:onlinedienst",
        "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>\n<ozg:onlinedienst",
        1,
    );
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(matches!(e.kind(), XmlErrorKind::Doctype), "{e}");
    assert_eq!((e.line(), e.column()), (2, 1));
    // Undeclared entity.
    let bad = xml.replace("<name>Wohngeld</name>", "<name>&xxe;</name>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(matches!(e.kind(), XmlErrorKind::Entity { .. }), "{e}");
    // Limits from the DocumentReader.
    let reader = DocumentReader::with_config(ReaderConfig::new().max_text_len(4));
    let e = reader.read_str::<Onlinedienst>(&xml).unwrap_err();
    assert!(
        matches!(e.kind(), XmlErrorKind::LimitExceeded { .. }),
        "{e}"
    );
    assert!(e.line() > 0);
    // Not well-formed.
    let bad = xml.replace("</name>", "</nam>");
    let e = from_xml_str::<Onlinedienst>(&bad).unwrap_err();
    assert!(matches!(e.kind(), XmlErrorKind::Syntax { .. }), "{e}");
}

#[test]
fn xsd_is_available_from_the_api() {
    let xsd = document::xsd().unwrap();
    assert!(xsd.contains("targetNamespace=\"urn:ozg-rs:schema:ozg:1\""));
    for d in DocumentType::ALL {
        assert!(xsd.contains(&format!(
            "<xs:element name=\"{}\" type=\"ozg:{}\"/>",
            d.root_element(),
            d.type_name()
        )));
    }
}
