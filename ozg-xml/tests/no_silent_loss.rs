//! What the XZuFi and XTA models keep beyond their fields (issue 13 item 5), seen through the
//! public API: attributes of code values and their children, wrappers, repeated single
//! children, operation boundaries; the whole-document check is `roundtrip_infoset.rs`.
#![allow(clippy::unwrap_used)]

use ozg_core::code::XoevCode;
use ozg_xml::xta::MessageMetaData;
use ozg_xml::xzufi::{
    self, CodeElement, Operation, OperationKind, XzufiObject, XzufiReader, read_all,
};
use ozg_xml::{XmlErrorKind, XmlErrorKind::UnexpectedElement};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../tests/fixtures/xml/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn message(body: &str) -> String {
    format!(
        r#"<x:nachricht xmlns:x="http://xoev.de/schemata/xzufi/2_2_0" xmlns:e="urn:e" xzufiVersion="2.2.0">{body}</x:nachricht>"#
    )
}

fn attr(list: &[ozg_xml::RawAttribute], name: &str) -> Option<String> {
    list.iter()
        .find(|a| a.name == name)
        .map(|a| a.value.clone())
}

#[test]
fn code_values_keep_the_attributes_of_the_element_and_of_code_and_name() {
    let (_, objects) = read_all(&fixture("xzufi_unknown_attributes.xml")).unwrap();
    let XzufiObject::Leistung(l) = &objects[1] else {
        panic!("{:?}", objects[1]);
    };
    let r = &l.referenz_leika[0];
    assert_eq!(r.code, "99107023017000");
    assert_eq!(r.list_uri, "urn:de:fim:leika:leistung");
    assert_eq!(
        attr(&r.other_attributes, "testVermerk").as_deref(),
        Some("Referenz")
    );
    assert_eq!(attr(&r.code_attributes, "geprueft").as_deref(), Some("ja"));
    let lang = r.name_attributes.iter().find(|a| a.name == "lang").unwrap();
    assert_eq!(
        lang.namespace.as_deref(),
        Some("http://www.w3.org/XML/1998/namespace")
    );
    // An empty listURI is not the absent one: it is kept and written back.
    let t = &l.typisierung[0];
    assert_eq!(t.list_uri, "");
    assert_eq!(attr(&t.other_attributes, "listURI").as_deref(), Some(""));
    let written = xzufi::write_all(&xzufi::XzufiHeader::new("nachricht"), &objects).unwrap();
    let line = written
        .lines()
        .find(|l| l.contains("<xzufi:typisierung"))
        .unwrap();
    assert!(line.contains(r#"listURI="""#), "{line}");
    // xml:lang is written with its reserved prefix, never with a declared one.
    assert!(written.contains(r#"<name xml:lang="de""#), "{written}");
    assert!(!written.contains("XML/1998/namespace"), "{written}");
}

#[test]
fn a_code_element_without_extras_has_the_json_form_of_xoev_code() {
    let code = XoevCode::new("urn:de:fim:leika:typisierung", Some("1".into()), "2/3");
    let plain = CodeElement::from(code.clone());
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        serde_json::to_value(&code).unwrap()
    );
    let (_, objects) = read_all(&fixture("xzufi_unknown_attributes.xml")).unwrap();
    let json = serde_json::to_value(&objects[1]).unwrap();
    let r = &json["referenzLeiKa"][0];
    assert_eq!(r["code"], "99107023017000");
    assert_eq!(r["codeAttributes"][0]["name"], "geprueft");
    assert_eq!(r["otherAttributes"].as_array().unwrap().len(), 2);
}

#[test]
fn wrappers_keep_their_attributes_and_other_children_inside() {
    let (_, objects) = read_all(&fixture("xzufi_unknown_attributes.xml")).unwrap();
    let XzufiObject::Leistung(l) = &objects[1] else {
        panic!()
    };
    let s = l.struktur.as_ref().unwrap();
    let w = s.verrichtung_wrapper.as_ref().unwrap();
    assert_eq!(
        attr(&w.other_attributes, "testVermerk").as_deref(),
        Some("Verrichtung")
    );
    assert_eq!(w.unknown[0].name, "verrichtungHinweis");
    assert!(s.unknown.is_empty());
    // A wrapper without verrichtungLeiKa is kept too.
    let XzufiObject::Leistung(l2) = &objects[2] else {
        panic!()
    };
    let s2 = l2.struktur.as_ref().unwrap();
    assert!(s2.verrichtung.is_none());
    assert!(s2.verrichtung_wrapper.is_some());
    let o = objects
        .iter()
        .find_map(|o| match o {
            XzufiObject::Organisationseinheit(o) => Some(o),
            _ => None,
        })
        .unwrap();
    let nw = o.name_wrapper.as_ref().unwrap();
    assert_eq!(nw.unknown[0].name, "kurzbezeichnung");
    assert!(o.unknown.is_empty());
    // The standard fixture has no extras: its wrappers add nothing to the model or the JSON.
    let (_, plain) = read_all(&fixture("xzufi_2_2_schreibe.xml")).unwrap();
    let json = serde_json::to_string(&plain).unwrap();
    for member in [
        "Wrapper",
        "codeAttributes",
        "nameAttributes",
        "linkAttributes",
    ] {
        assert!(!json.contains(member), "{member} in {json}");
    }
}

#[test]
fn a_repeated_single_child_is_kept_not_overwritten() {
    let xml = message(
        "<x:schreibe><x:organisationseinheit><x:id>O</x:id><x:zustaendigkeit>\
         <x:leistungID>L1</x:leistungID><x:leistungID>L2</x:leistungID>\
         <x:rolle><code>01</code></x:rolle><x:rolle><code>02</code></x:rolle>\
         </x:zustaendigkeit></x:organisationseinheit></x:schreibe>",
    );
    let (_, objects) = read_all(&xml).unwrap();
    let XzufiObject::Organisationseinheit(o) = &objects[0] else {
        panic!()
    };
    let z = &o.zustaendigkeit[0];
    assert_eq!(z.leistung_id.as_ref().unwrap().value, "L1");
    assert_eq!(z.rolle.as_ref().unwrap().code, "01");
    let kept: Vec<String> = z.unknown.iter().map(|e| e.text()).collect();
    assert_eq!(kept, ["L2", "02"]);
}

#[test]
fn code_children_in_a_foreign_namespace_or_repeated_are_errors() {
    for body in [
        "<x:rolle><e:code>01</e:code></x:rolle>",
        "<x:rolle><code>01</code><code>02</code></x:rolle>",
    ] {
        let xml = message(&format!(
            "<x:schreibe><x:organisationseinheit><x:id>O</x:id><x:zustaendigkeit>{body}\
             </x:zustaendigkeit></x:organisationseinheit></x:schreibe>"
        ));
        let mut r = XzufiReader::new(xml.as_bytes(), Default::default()).unwrap();
        let e = r.next().unwrap().unwrap_err();
        assert!(matches!(e.kind(), UnexpectedElement { .. }), "{body}: {e}");
        assert!(!r.failed());
    }
}

#[test]
fn operation_boundaries_and_attributes_are_objects_only_where_needed() {
    // A plain message yields no markers.
    let (_, plain) = read_all(&fixture("xzufi_2_2_schreibe.xml")).unwrap();
    assert!(!plain.iter().any(|o| matches!(o, XzufiObject::Operation(_))));

    let xml = message(
        r#"<x:schreibe e:op="1"><x:onlinedienst><x:id>D1</x:id></x:onlinedienst></x:schreibe>
           <x:schreibe><x:onlinedienst><x:id>D2</x:id></x:onlinedienst></x:schreibe>
           <x:loesche/>
           <x:loesche><x:leistungID>L</x:leistungID></x:loesche>"#,
    );
    let mut reader = XzufiReader::new(xml.as_bytes(), Default::default()).unwrap();
    let objects: Vec<XzufiObject> = reader.by_ref().collect::<Result<_, _>>().unwrap();
    let kinds: Vec<String> = objects
        .iter()
        .map(|o| match o {
            XzufiObject::Operation(Operation {
                operation,
                other_attributes,
            }) => format!("{operation:?}{}", other_attributes.len()),
            XzufiObject::Onlinedienst(d) => d.id.value.clone(),
            XzufiObject::Loesche(l) => l.id.clone().unwrap(),
            other => format!("{other:?}"),
        })
        .collect();
    // The first schreibe has an attribute, the second follows a schreibe; the first loesche is
    // empty (nothing to keep, as if it were not there), so the second needs no marker.
    assert_eq!(kinds, ["Schreibe1", "D1", "Schreibe0", "D2", "L"]);
    // Markers are not objects in the counts.
    assert_eq!(reader.counts().read, 3);
    let written = xzufi::write_all(&xzufi::XzufiHeader::new("nachricht"), &objects).unwrap();
    assert_eq!(written.matches("<xzufi:schreibe").count(), 2, "{written}");
    assert_eq!(written.matches("<xzufi:loesche").count(), 1, "{written}");
    assert!(written.contains(r#"a0:op="1""#), "{written}");
    let json = serde_json::to_value(&objects[0]).unwrap();
    assert_eq!(json["kind"], "operation");
    assert_eq!(json["operation"], "schreibe");
    assert_eq!(objects[0], {
        let (_, again) = read_all(&written).unwrap();
        again[0].clone()
    });
    let _ = OperationKind::Loesche;
}

#[test]
fn xta_keeps_unknown_elements_in_their_parent_and_attributes_on_code_children() {
    let m = MessageMetaData::from_xml_str(&fixture("xta_unknown_within.xml")).unwrap();
    let within: Vec<(&str, &str)> = m
        .unknown_within
        .iter()
        .map(|k| (k.element.as_str(), k.raw.name.as_str()))
        .collect();
    assert_eq!(
        within,
        [
            ("Originators/Author", "Kontakt"),
            ("Originators", "Hinweis"),
            ("MsgIdentification", "Bezug"),
            ("Qualifier/BusinessScenario", "Szenario"),
            ("Qualifier", "Qualifizierung"),
        ]
    );
    assert!(m.unknown.is_empty());
    let on = |path: &str| -> Vec<String> {
        m.other_attributes
            .iter()
            .filter(|k| k.element == path)
            .map(|k| k.attribute.name.clone())
            .collect()
    };
    assert_eq!(
        on("Qualifier/BusinessScenario/Defined/code"),
        ["testVermerk"]
    );
    assert_eq!(on("Qualifier/BusinessScenario/Defined/name"), ["lang", "n"]);
    assert_eq!(on("Qualifier/BusinessScenario/Defined"), ["d"]);
    assert_eq!(on("Qualifier/MessageType/code"), ["c"]);
    assert_eq!(on("DeliveryAttributes/Origin"), ["quelle"]);
    assert_eq!(on("MsgIdentification/MessageID"), ["erzeugt"]);
    let again = MessageMetaData::from_xml_str(&m.to_xml_string().unwrap()).unwrap();
    assert_eq!(again, m);
    // A required listURI that is empty is kept as given (it was dropped before, and the
    // document then failed to read back).
    let xml = fixture("xta_wohngeld_metadata.xml").replace(
        r#"listURI="urn:de:xta:codeliste:business.scenario""#,
        r#"listURI="""#,
    );
    let m = MessageMetaData::from_xml_str(&xml).unwrap();
    let written = m.to_xml_string().unwrap();
    assert_eq!(MessageMetaData::from_xml_str(&written).unwrap(), m);
    let _ = XmlErrorKind::Doctype;
}

#[test]
fn the_json_form_reads_back_to_the_same_objects() {
    // The dict form (Python pickling goes through it) keeps the kept attributes, wrappers and
    // operation markers too.
    let (_, objects) = read_all(&fixture("xzufi_unknown_attributes.xml")).unwrap();
    let json = serde_json::to_string(&objects).unwrap();
    let again: Vec<XzufiObject> = serde_json::from_str(&json).unwrap();
    assert_eq!(again, objects);
}

/// The local names of the child elements of the first `tag` element in `xml`, in order.
fn child_names(xml: &str, tag: &str) -> Vec<String> {
    let start = xml.find(&format!("<{tag}")).unwrap();
    let body = &xml[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find(&format!("</{tag}>")).unwrap()];
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find(['>', ' ']).unwrap();
        let name = &rest[..end];
        let self_closing = rest[..rest.find('>').unwrap()].ends_with('/');
        if name.starts_with('/') {
            depth -= 1;
        } else {
            if depth == 0 {
                let local = name.rsplit(':').next().unwrap().trim_end_matches('/');
                names.push(local.to_owned());
            }
            if !self_closing {
                depth += 1;
            }
        }
    }
    names
}

#[test]
fn unknown_children_are_written_back_where_they_were() {
    // Unknown elements before, between and after the modelled children of a Leistung, of its
    // struktur and of a Zuständigkeit.
    let xml = message(
        r#"<x:schreibe><x:leistung><x:versionsinformation>1</x:versionsinformation><x:id>L1</x:id><x:kategorie>k</x:kategorie><x:referenzLeiKa listURI="urn:de:fim:leika:leistung"><code>99107023017000</code></x:referenzLeiKa><x:struktur><x:vorher>v</x:vorher><x:leistungsobjektID>O1</x:leistungsobjektID><x:nachher>n</x:nachher></x:struktur><x:informationsbereichSDG>i</x:informationsbereichSDG><x:typisierung listURI="urn:xoev-de:fim:codeliste:leistungstypisierung"><code>1</code></x:typisierung><x:gueltigkeit>g</x:gueltigkeit></x:leistung><x:organisationseinheit><x:id>O</x:id><x:zustaendigkeit><x:vorne>1</x:vorne><x:leistungID>L1</x:leistungID><x:mitte>2</x:mitte><x:gebietID>urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:010020000000</x:gebietID></x:zustaendigkeit></x:organisationseinheit></x:schreibe>"#,
    );
    let (header, objects) = read_all(&xml).unwrap();
    let XzufiObject::Leistung(l) = &objects[0] else {
        panic!("{:?}", objects[0]);
    };
    let places: Vec<(&str, Option<usize>)> = l
        .unknown
        .iter()
        .map(|k| (k.name.as_str(), k.after))
        .collect();
    assert_eq!(
        places,
        [
            ("versionsinformation", Some(0)),
            ("kategorie", Some(1)),
            ("informationsbereichSDG", Some(3)),
            ("gueltigkeit", Some(4)),
        ]
    );
    let written = xzufi::write_all(&header, &objects).unwrap();
    for tag in ["x:leistung", "x:struktur", "x:zustaendigkeit"] {
        assert_eq!(
            child_names(&written, &tag.replace("x:", "xzufi:")),
            child_names(&xml, tag),
            "{tag} in\n{written}"
        );
    }
    // A child without a place (added by a program) goes after the modelled ones.
    let mut l = l.clone();
    l.unknown.push(
        ozg_xml::RawElement {
            namespace: Some(xzufi::NS_XZUFI_2_2.into()),
            name: "neu".into(),
            attributes: vec![],
            children: vec![],
        }
        .into(),
    );
    let written = xzufi::write_all(&header, &[XzufiObject::Leistung(l)]).unwrap();
    assert_eq!(
        child_names(&written, "xzufi:leistung")
            .last()
            .map(String::as_str),
        Some("neu")
    );
}

#[test]
fn xsi_type_in_the_xzufi_namespace_gets_the_writers_prefix() {
    // Bound to `x` by the input, or the default namespace: written as `xzufi:`, which the
    // writer declares; a type in another namespace is kept as written.
    let cases = [
        (
            r#"<x:struktur xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:LeistungsstrukturObjektMitVerrichtung"/>"#,
            "xzufi:LeistungsstrukturObjektMitVerrichtung",
        ),
        (
            r#"<struktur xmlns="http://xoev.de/schemata/xzufi/2_2_0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="LeistungsstrukturObjekt"/>"#,
            "xzufi:LeistungsstrukturObjekt",
        ),
        (
            r#"<x:struktur xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="e:Eigener"/>"#,
            "e:Eigener",
        ),
    ];
    for (struktur, expected) in cases {
        let xml = message(&format!(
            "<x:schreibe><x:leistung><x:id>L1</x:id>{struktur}</x:leistung></x:schreibe>"
        ));
        let (header, objects) = read_all(&xml).unwrap();
        let XzufiObject::Leistung(l) = &objects[0] else {
            panic!("{:?}", objects[0]);
        };
        let s = l.struktur.as_ref().unwrap();
        assert_eq!(s.xsi_type.as_deref(), Some(expected));
        let written = xzufi::write_all(&header, &objects).unwrap();
        assert!(
            written.contains(&format!("xsi:type=\"{expected}\"")),
            "{written}"
        );
        let (_, again) = read_all(&written).unwrap();
        assert_eq!(again, objects);
    }
}
