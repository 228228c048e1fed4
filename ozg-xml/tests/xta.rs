//! XTA 2 MessageMetaData: the Wohngeld fixture (domain brief §7.3), round trip, errors.
#![allow(clippy::unwrap_used)]

use ozg_xml::xta::{BusinessScenario, MessageMetaData};
use ozg_xml::{ReaderConfig, XmlErrorKind};

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/xml/xta_wohngeld_metadata.xml"
    ))
    .unwrap()
}

#[test]
fn reads_the_wohngeld_example() {
    let m = MessageMetaData::from_xml_str(&fixture()).unwrap();
    assert_eq!(m.service, "urn:fim:Wohngeld-Mietzuschuss:1.5");
    match &m.business_scenario {
        BusinessScenario::Defined(c) => {
            assert_eq!(c.code, "FIM-WOHNGELD_DATA");
            assert_eq!(c.list_uri, "urn:de:xta:codeliste:business.scenario");
            assert_eq!(c.list_version_id.as_deref(), Some("3.6"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(m.message_type.code, "fim.S05000227.05000227001005");
    assert_eq!(
        m.message_type.payload_schema.as_deref(),
        Some("urn:xoev-de:xfall:standard:fim-s05000227_1.5")
    );
    assert_eq!(m.message_type.list_uri, None);
    let author = m.author.dvdv_key().unwrap();
    assert_eq!((author.prefix(), author.key()), ("wgp", "010500100000"));
    assert_eq!(m.author.category.as_deref(), Some("Wohngeldportal"));
    let reader = m.reader.dvdv_key().unwrap();
    assert_eq!((reader.prefix(), reader.key()), ("wgb", "051110000000"));
    assert_eq!(m.reader.category.as_deref(), Some("Wohngeldbehörde"));
    let origin = m.delivery_attributes.origin.unwrap();
    assert_eq!(origin.to_rfc3339(), "2024-03-14T09:26:53+01:00");
    assert!(m.delivery_attributes.delivery.is_none());
    assert!(m.message_id.starts_with("urn:de:xta:messageid:"));
    assert!(m.unknown.is_empty());
}

#[test]
fn round_trip_is_lossless() {
    let m = MessageMetaData::from_xml_str(&fixture()).unwrap();
    let xml = m.to_xml_string().unwrap();
    let again = MessageMetaData::from_xml_str(&xml).unwrap();
    assert_eq!(again, m);
    assert_eq!(again.to_xml_string().unwrap(), xml);
}

#[test]
fn unknown_elements_are_kept_and_written_back() {
    let xml = fixture().replace(
        "</xta:Qualifier>",
        "</xta:Qualifier>\n  <xta:MsgSize>4711</xta:MsgSize>",
    );
    let m = MessageMetaData::from_xml_str(&xml).unwrap();
    assert_eq!(m.unknown.len(), 1);
    assert_eq!(m.unknown[0].name, "MsgSize");
    assert_eq!(m.unknown[0].text(), "4711");
    let again = MessageMetaData::from_xml_str(&m.to_xml_string().unwrap()).unwrap();
    assert_eq!(again, m);
}

#[test]
fn wrong_namespace_is_reported() {
    let xml = fixture().replace(
        "http://www.osci.eu/ws/2014/10/transport",
        "http://www.osci.eu/ws/2008/05/transport",
    );
    let err = MessageMetaData::from_xml_str(&xml).unwrap_err();
    assert!(
        matches!(err.kind(), XmlErrorKind::WrongNamespace { expected, .. } if expected == "http://www.osci.eu/ws/2014/10/transport"),
        "{err}"
    );
    assert_eq!(err.line(), 7);
}

#[test]
fn missing_reader_is_reported() {
    let xml = fixture();
    let start = xml.find("<xta:Destinations>").unwrap();
    let end = xml.find("</xta:Destinations>").unwrap() + "</xta:Destinations>".len();
    let cut = format!("{}{}", &xml[..start], &xml[end..]);
    let err = MessageMetaData::from_xml_str(&cut).unwrap_err();
    assert!(
        matches!(err.kind(), XmlErrorKind::Missing { name } if name.contains("Reader")),
        "{err}"
    );
}

#[test]
fn invalid_timestamp_has_position_and_path() {
    let xml = fixture().replace("2024-03-14T09:26:53+01:00", "14.03.2024");
    let err = MessageMetaData::from_xml_str(&xml).unwrap_err();
    assert!(matches!(err.kind(), XmlErrorKind::Invalid { field, .. } if field.ends_with("Origin")));
    assert!(err.line() > 1);
    assert!(
        err.path().unwrap().ends_with("/xta:Origin"),
        "{:?}",
        err.path()
    );
}

#[test]
fn invalid_dvdv_key_is_a_typed_error() {
    let xml = fixture().replace("wgb:051110000000", "WGB-051110000000");
    let m = MessageMetaData::from_reader(xml.as_bytes(), ReaderConfig::default()).unwrap();
    assert!(m.reader.dvdv_key().is_err());
}

#[test]
fn unknown_attributes_on_modelled_elements_are_kept_and_written_back() {
    let xml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/xml/xta_unknown_attributes.xml"
    ))
    .unwrap();
    let m = ozg_xml::xta::MessageMetaData::from_xml_str(&xml).unwrap();
    let kept: Vec<(String, String, String)> = m
        .other_attributes
        .iter()
        .map(|k| {
            (
                k.element.clone(),
                k.attribute.name.clone(),
                k.attribute.value.clone(),
            )
        })
        .collect();
    assert!(kept.contains(&("".into(), "quelle".into(), "ozg-test".into())));
    assert!(kept.contains(&(
        "Originators/Author/Identifier".into(),
        "testVermerk".into(),
        "Autor".into()
    )));
    assert!(kept.contains(&(
        "Qualifier/MessageType".into(),
        "hinweis".into(),
        "Antrag".into()
    )));
    assert!(kept.contains(&(
        "DeliveryAttributes".into(),
        "testVermerk".into(),
        "Zeiten".into()
    )));
    assert_eq!(kept.len(), 5);
    let written = m.to_xml_string().unwrap();
    assert_eq!(
        ozg_xml::xta::MessageMetaData::from_xml_str(&written).unwrap(),
        m
    );
}
