//! XZuFi 2.2.0: reading the fixture, conversions to ozg-core types, parse → write → parse.
#![allow(clippy::unwrap_used)]

use ozg_core::channel::Zustellkanal;
use ozg_core::id::{ArsLevel, LeikaKey};
use ozg_xml::xzufi::{self, XzufiObject, XzufiReader};
use ozg_xml::{ReaderConfig, XmlErrorKind};

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/xml/xzufi_2_2_schreibe.xml"
    ))
    .unwrap()
}

fn objects(xml: &str) -> Vec<XzufiObject> {
    xzufi::read_all(xml).unwrap().1
}

#[test]
fn header_is_available_after_construction() {
    let xml = fixture();
    let r = XzufiReader::new(xml.as_bytes(), ReaderConfig::default()).unwrap();
    let h = r.header();
    assert_eq!(h.xzufi_version, "2.2.0");
    assert_eq!(h.root_name, "nachricht");
    assert_eq!(h.produktbezeichnung.as_deref(), Some("ozg-rs test fixture"));
    assert_eq!(h.produkthersteller.as_deref(), Some("ozg contributors"));
    let kopf = h.nachrichtenkopf.as_ref().unwrap();
    assert_eq!(
        kopf.child("nachrichtUUID").unwrap().text(),
        "7d5e2c44-1f0b-4a3e-9c61-2b8f4d7a9e10"
    );
}

#[test]
fn reads_all_object_kinds_in_order() {
    let objs = objects(&fixture());
    let kinds: Vec<&str> = objs
        .iter()
        .map(|o| match o {
            XzufiObject::Leistung(_) => "leistung",
            XzufiObject::Spezialisierung(_) => "spezialisierung",
            XzufiObject::Organisationseinheit(_) => "organisationseinheit",
            XzufiObject::Onlinedienst(_) => "onlinedienst",
            XzufiObject::Loesche(_) => "loesche",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "leistung",
            "leistung",
            "spezialisierung",
            "organisationseinheit",
            "onlinedienst",
            "loesche"
        ]
    );
}

#[test]
fn leistung_maps_to_leika_and_keeps_unknown_children() {
    let objs = objects(&fixture());
    let XzufiObject::Leistung(l) = &objs[0] else {
        panic!()
    };
    assert_eq!(l.id.value, "L100001-99107023017000");
    let key: LeikaKey = "99107023017000".parse().unwrap();
    assert_eq!(l.leika_keys().unwrap(), vec![key]);
    assert_eq!(l.bezeichnung(), Some("Wohngeld Bewilligung"));
    assert_eq!(l.bezeichnung2(), Some("Wohngeld & Mietzuschuss beantragen"));
    let s = l.struktur.as_ref().unwrap();
    assert_eq!(
        s.leistungsobjekt_id.as_ref().unwrap().value,
        "99107023000000"
    );
    assert_eq!(s.verrichtung.as_ref().unwrap().code, "017");
    assert_eq!(
        s.xsi_type.as_deref(),
        Some("xzufi:LeistungsstrukturObjektMitVerrichtung")
    );
    assert_eq!(l.typisierung[0].code, "2/3");
    assert_eq!(l.typisierung[0].list_uri, "urn:de:fim:leika:typisierung");
    let unknown: Vec<&str> = l.unknown.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(unknown, ["kategorie", "versionsinformation"]);
    assert_eq!(l.unknown[0].namespace.as_deref(), Some(xzufi::NS_XZUFI_2_2));
}

#[test]
fn organisationseinheit_maps_to_gebiet_leika_and_fit_connect() {
    let objs = objects(&fixture());
    let XzufiObject::Organisationseinheit(o) = &objs[3] else {
        panic!()
    };
    assert_eq!(o.name(), Some("Wohngeldstelle der Landeshauptstadt Kiel"));
    assert_eq!(o.zustaendigkeit.len(), 2);
    let z = &o.zustaendigkeit[0];
    assert_eq!(
        z.leika_key().unwrap(),
        Some("99107023017000".parse().unwrap())
    );
    let gebiete = z.gebiete().unwrap();
    // Kiel's padded key names the kreisfreie Stadt: Kreis 01002 (Gemeinde and Kreis are one area).
    assert_eq!(gebiete[0].ars_prefix().to_string(), "01002");
    assert_eq!(gebiete[0].ars_prefix().level(), ArsLevel::Kreis);
    assert_eq!(z.rolle.as_ref().unwrap().code, "01");
    let sig = z.destination_signature().unwrap().unwrap();
    match z.fit_connect_channel().unwrap().unwrap() {
        Zustellkanal::FitConnect {
            destination_id,
            destination_signature,
        } => {
            assert_eq!(
                destination_id.to_string(),
                "0b1ae5a0-3c2f-4b5e-9d6a-7f8e9a0b1c2d"
            );
            assert_eq!(destination_signature, Some(sig));
        }
        other => panic!("{other:?}"),
    }
    let z2 = &o.zustaendigkeit[1];
    assert_eq!(
        z2.gebiete().unwrap()[1].ars_prefix().level(),
        ArsLevel::Land
    );
    assert_eq!(z2.fit_connect_channel().unwrap(), None);
}

#[test]
fn onlinedienst_and_loesche() {
    let objs = objects(&fixture());
    let XzufiObject::Onlinedienst(d) = &objs[4] else {
        panic!()
    };
    assert_eq!(d.bezeichnung[0].text, "Wohngeld online beantragen");
    let link = &d.link[0];
    assert_eq!(
        link.typ.as_ref().unwrap().list_uri,
        "urn:xoev-de:fim:codeliste:onlinedienstlinktyp"
    );
    assert_eq!(
        link.link.as_deref(),
        Some("https://wohngeld.example.org/antrag?ort=kiel&lang=de")
    );
    let XzufiObject::Loesche(l) = &objs[5] else {
        panic!()
    };
    assert_eq!(l.element, "leistung");
    assert_eq!(l.id.as_deref(), Some("L099999-99001001000000"));
}

#[test]
fn parse_write_parse_is_equal() {
    let (header, objs) = xzufi::read_all(&fixture()).unwrap();
    let written = xzufi::write_all(&header, &objs).unwrap();
    let (header2, objs2) = xzufi::read_all(&written).unwrap();
    assert_eq!(header2, header);
    assert_eq!(objs2, objs);
    // Writing is deterministic.
    assert_eq!(xzufi::write_all(&header2, &objs2).unwrap(), written);
}

#[test]
fn unqualified_children_are_accepted() {
    let xml = fixture()
        .replace("<xzufi:schreibe>", "<schreibe>")
        .replace("</xzufi:schreibe>", "</schreibe>")
        .replace("<xzufi:leistung>", "<leistung>")
        .replace("</xzufi:leistung>", "</leistung>")
        .replace("<xzufi:id>", "<id>")
        .replace("</xzufi:id>", "</id>");
    // The kept `loesche` child records its (now missing) namespace, so compare the modelled objects.
    assert_eq!(objects(&xml)[..5], objects(&fixture())[..5]);
}

#[test]
fn invalid_leika_key_is_reported_and_reading_continues() {
    let xml = fixture().replace("<code>99001001002000</code>", "<code>12345</code>");
    let r = XzufiReader::new(xml.as_bytes(), ReaderConfig::default()).unwrap();
    let results: Vec<_> = r.collect();
    assert_eq!(results.len(), 6);
    let err = results[1].as_ref().unwrap_err();
    assert!(
        matches!(err.kind(), XmlErrorKind::Invalid { field, value, .. }
            if field == "leistung/referenzLeiKa/code" && value == "12345"),
        "{err}"
    );
    assert!(err.line() > 40, "{}", err.line());
    assert!(results[2].is_ok() && results[5].is_ok());
}

#[test]
fn invalid_gebiet_urn_is_reported() {
    let xml = fixture().replace("schluessel:rs:01<", "schluessel:rs:0<");
    let results: Vec<_> = XzufiReader::new(xml.as_bytes(), ReaderConfig::default())
        .unwrap()
        .collect();
    let err = results[3].as_ref().unwrap_err();
    assert!(
        matches!(err.kind(), XmlErrorKind::Invalid { field, .. } if field == "zustaendigkeit/gebietID")
    );
    assert!(
        err.path()
            .unwrap()
            .ends_with("zustaendigkeit/xzufi:gebietID")
    );
}

#[test]
fn missing_id_is_reported() {
    let xml = fixture().replace("<xzufi:id>D300001</xzufi:id>", "");
    let results: Vec<_> = XzufiReader::new(xml.as_bytes(), ReaderConfig::default())
        .unwrap()
        .collect();
    assert!(matches!(
        results[4].as_ref().unwrap_err().kind(),
        XmlErrorKind::Missing { name } if name == "onlinedienst/id"
    ));
    assert!(results[5].is_ok());
}

#[test]
fn truncated_message_is_an_error_not_a_partial_success() {
    let xml = fixture();
    let cut = &xml[..xml.find("<xzufi:onlinedienst>").unwrap()];
    let results: Vec<_> = XzufiReader::new(cut.as_bytes(), ReaderConfig::default())
        .unwrap()
        .collect();
    let last = results.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(last.kind(), XmlErrorKind::Syntax(_)), "{last}");
}

#[test]
fn unknown_message_level_elements_are_kept() {
    let xml = fixture().replace(
        "<xzufi:loesche>",
        "<xzufi:hinweis>nur Test</xzufi:hinweis>\n  <xzufi:loesche>",
    );
    let objs = objects(&xml);
    assert!(objs.iter().any(|o| matches!(o,
        XzufiObject::Unknown { in_schreibe: false, element } if element.name == "hinweis")));
    let (h, o) = xzufi::read_all(&xml).unwrap();
    assert_eq!(
        xzufi::read_all(&xzufi::write_all(&h, &o).unwrap())
            .unwrap()
            .1,
        o
    );
}
