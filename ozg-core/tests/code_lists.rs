//! Integration tests of `ozg_core::code` against the real lists in `shared/data`.
#![allow(clippy::unwrap_used)]

use std::fmt::Debug;

use ozg_core::code::{
    Basiskomponente, Bundesland, CodeError, CodeList, DocumentKind, EfaModell, LeistungsTyp,
    PROJECT_URN_PREFIX, Reifegrad, ReifegradModell, Themenfeld, Typisierung, TypisierungSet,
    Vertrauensniveau, VertrauensniveauFim, XoevCode,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Every value round-trips code → enum → XoevCode → enum and through JSON; unknown codes and
/// foreign lists are rejected.
fn check_list<C>(count: usize)
where
    C: CodeList
        + Debug
        + PartialEq
        + Serialize
        + DeserializeOwned
        + std::str::FromStr<Err = CodeError>,
{
    assert_eq!(C::all().len(), count, "{}", C::LIST_URI);
    for value in C::all() {
        let code = value.code();
        assert_eq!(C::from_code(code).unwrap(), *value);
        assert_eq!(code.parse::<C>().unwrap(), *value);

        let xoev = value.to_xoev();
        assert_eq!(xoev.list_uri, C::LIST_URI);
        assert_eq!(xoev.list_version_id.as_deref(), C::LIST_VERSION_ID);
        assert_eq!(xoev.code, code);
        assert_eq!(xoev.name.as_deref(), value.label());
        assert_eq!(C::from_xoev(&xoev).unwrap(), *value);

        let json = serde_json::to_string(value).unwrap();
        assert_eq!(json, serde_json::to_string(code).unwrap());
        assert_eq!(serde_json::from_str::<C>(&json).unwrap(), *value);
    }

    let err = C::from_code("no-such-code").unwrap_err();
    match &err {
        CodeError::Unknown {
            list,
            code,
            expected,
        } => {
            assert_eq!(*list, C::LIST_URI);
            assert_eq!(code, "no-such-code");
            assert!(expected.contains(C::all()[0].code()));
        }
        other => panic!("unexpected {other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains("no-such-code") && msg.contains(C::LIST_URI),
        "{msg}"
    );
    assert!(
        serde_json::from_str::<C>("\"no-such-code\"")
            .unwrap_err()
            .to_string()
            .contains("no-such-code")
    );

    let mut foreign = C::all()[0].to_xoev();
    foreign.list_uri = "urn:de:example:other".to_owned();
    assert_eq!(
        C::from_xoev(&foreign),
        Err(CodeError::WrongList {
            expected: C::LIST_URI,
            found: "urn:de:example:other".to_owned()
        })
    );
}

#[test]
fn all_lists_round_trip() {
    check_list::<Themenfeld>(14);
    check_list::<ReifegradModell>(2);
    check_list::<Vertrauensniveau>(3);
    check_list::<VertrauensniveauFim>(6);
    check_list::<Typisierung>(21);
    check_list::<LeistungsTyp>(3);
    check_list::<Basiskomponente>(6);
    check_list::<Bundesland>(16);
    check_list::<EfaModell>(4);
    check_list::<DocumentKind>(10);
}

#[test]
fn official_and_project_uris() {
    assert_eq!(
        Bundesland::LIST_URI,
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland"
    );
    assert_eq!(Bundesland::LIST_VERSION_ID, Some("2010-04-01"));
    assert_eq!(Typisierung::LIST_URI, "urn:de:fim:leika:typisierung");
    assert_eq!(
        VertrauensniveauFim::LIST_URI,
        "urn:xoev-de:fim:codeliste:vertrauensniveau"
    );
    for uri in [
        Themenfeld::LIST_URI,
        ReifegradModell::LIST_URI,
        Vertrauensniveau::LIST_URI,
        LeistungsTyp::LIST_URI,
        Basiskomponente::LIST_URI,
        EfaModell::LIST_URI,
        DocumentKind::LIST_URI,
    ] {
        assert!(uri.starts_with(PROJECT_URN_PREFIX), "{uri}");
    }
    assert_eq!(Themenfeld::LIST_VERSION_ID, Some("1"));
}

#[test]
fn xoev_code_serde() {
    let xoev = Bundesland::Brandenburg.to_xoev();
    let json = serde_json::to_value(&xoev).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "listURI": "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland",
            "listVersionID": "2010-04-01",
            "code": "12",
            "name": "Brandenburg"
        })
    );
    let bare: XoevCode =
        serde_json::from_str(r#"{"listURI":"urn:de:fim:leika:typisierung","code":"2/3"}"#).unwrap();
    assert_eq!(bare.list_version_id, None);
    assert_eq!(
        Typisierung::from_xoev(&bare).unwrap(),
        Typisierung::Typ2Und3
    );
    assert!(serde_json::from_str::<XoevCode>(r#"{"listURI":"u","code":"1","extra":1}"#).is_err());
    assert_eq!(
        XoevCode::new("urn:de:fim:leika:typisierung", None, "5"),
        XoevCode {
            list_uri: "urn:de:fim:leika:typisierung".into(),
            list_version_id: None,
            code: "5".into(),
            name: None
        }
    );
    // The version is not checked, only the list URI.
    let mut other_version = Bundesland::Berlin.to_xoev();
    other_version.list_version_id = Some("2099-01-01".into());
    assert_eq!(
        Bundesland::from_xoev(&other_version),
        Ok(Bundesland::Berlin)
    );
}

#[test]
fn themenfelder_match_csv() {
    // shared/data/ozg_themenfelder.csv: kdn_id, name, fim_portal_code.
    let csv = [
        (1, "Arbeit & Ruhestand", "arbeit_ruhestand"),
        (2, "Bauen & Wohnen", "bauen_wohnen"),
        (3, "Bildung", "bildung"),
        (4, "Ein- & Auswanderung", "ein_auswanderung"),
        (5, "Engagement & Hobby", "engagement_hobby"),
        (6, "Familie & Kind", "familie_kind"),
        (7, "Forschung & Förderung", "forschung_foerderung"),
        (8, "Gesundheit", "gesundheit"),
        (9, "Mobilität & Reisen", "mobilitaet_reisen"),
        (10, "Querschnitt", "querschnittsleistungen"),
        (11, "Recht & Ordnung", "recht_ordnung"),
        (12, "Steuern & Zoll", "steuern_zoll"),
        (13, "Umwelt", "umwelt"),
        (
            14,
            "Unternehmensführung & -entwicklung",
            "unternehmensfuehrung_entwicklung",
        ),
    ];
    for (id, name, code) in csv {
        let t = Themenfeld::from_code(code).unwrap();
        assert_eq!(t.kdn_id(), id);
        assert_eq!(t.label(), Some(name));
        assert_eq!(Themenfeld::from_label(name).unwrap(), t);
        assert_eq!(Themenfeld::from_kdn_id(id).unwrap(), t);
    }
    let err = Themenfeld::from_label("Familie und Kind").unwrap_err();
    assert!(err.to_string().contains("Familie und Kind"));
    assert!(err.to_string().contains("Familie & Kind"));
}

#[test]
fn bundeslaender() {
    assert_eq!(
        Bundesland::from_code("01"),
        Ok(Bundesland::SchleswigHolstein)
    );
    assert_eq!(Bundesland::Thueringen.label(), Some("Thüringen"));
    assert_eq!(Bundesland::BadenWuerttemberg.name(), "Baden-Württemberg");
    assert_eq!(Bundesland::Brandenburg.number(), 12);
    assert!(Bundesland::from_code("1").is_err());
    assert!(Bundesland::from_code("17").is_err());
    assert!(Bundesland::all().iter().all(|l| l.label().is_some()));
}

#[test]
fn labels_none_where_unknown() {
    assert!(
        VertrauensniveauFim::all()
            .iter()
            .all(|v| v.label().is_none())
    );
    let known: Vec<&str> = Typisierung::all()
        .iter()
        .filter(|t| t.label().is_some())
        .map(|t| t.code())
        .collect();
    assert_eq!(known, ["1", "2", "3", "2/3", "4", "5"]);
    assert_eq!(
        Typisierung::Typ5.label(),
        Some("Regelungs- und Vollzugskompetenz auf kommunaler Ebene")
    );
    assert_eq!(DocumentKind::Other.label(), None);
    assert_eq!(
        DocumentKind::Avv.label(),
        Some("Auftragsverarbeitungsvertrag (Art. 28 DSGVO)")
    );
    assert_eq!(
        Basiskomponente::Kop.label(),
        Some("Kommunales OSI-Plugin (heute OZG-Cloud)")
    );
    assert_eq!(Basiskomponente::Buergerportal.code(), "Bürgerportal");
}

#[test]
fn typisierung_codes_in_list_order() {
    let codes: Vec<&str> = Typisierung::all().iter().map(|t| t.code()).collect();
    assert_eq!(
        codes,
        [
            "1", "2", "2a", "2b", "3", "3a", "3b", "2/3", "2/3a", "2/3b", "4", "4a", "4b", "5",
            "6", "7", "8", "9", "10", "11", "12"
        ]
    );
    let municipal: Vec<&str> = Typisierung::all()
        .iter()
        .filter(|t| t.is_municipal())
        .map(|t| t.code())
        .collect();
    assert_eq!(
        municipal,
        [
            "2", "2a", "2b", "3", "3a", "3b", "2/3", "2/3a", "2/3b", "4", "4a", "4b", "5"
        ]
    );
}

#[test]
fn typisierung_set_kdn_values() {
    // Raw values observed in the KDN data (domain brief §2.4).
    let cases: [(&str, &[Typisierung], bool); 8] = [
        ("2/3", &[Typisierung::Typ2Und3], true),
        ("1", &[Typisierung::Typ1], false),
        ("4", &[Typisierung::Typ4], true),
        ("5", &[Typisierung::Typ5], true),
        ("1, 2/3", &[Typisierung::Typ1, Typisierung::Typ2Und3], true),
        ("2", &[Typisierung::Typ2], true),
        ("6", &[Typisierung::Typ6], false),
        ("1, 2", &[Typisierung::Typ1, Typisierung::Typ2], true),
    ];
    for (raw, members, municipal) in cases {
        let set: TypisierungSet = raw.parse().unwrap();
        assert_eq!(set.iter().collect::<Vec<_>>(), members, "{raw}");
        assert_eq!(set.len(), members.len());
        assert_eq!(set.is_municipal(), municipal, "{raw}");
        assert_eq!(set.to_string(), raw);
    }
    let empty: TypisierungSet = "".parse().unwrap();
    assert!(empty.is_empty());
    assert!(!empty.is_municipal());
    assert_eq!(empty.to_string(), "");
    assert!("  ".parse::<TypisierungSet>().unwrap().is_empty());

    // Order of the input does not matter; output is in list order.
    let set: TypisierungSet = "5,1 ,  2/3".parse().unwrap();
    assert_eq!(set.to_string(), "1, 2/3, 5");

    let err = "1, 13".parse::<TypisierungSet>().unwrap_err();
    assert!(err.to_string().contains("\"13\""));
    assert!("1,".parse::<TypisierungSet>().is_err());
    assert!("1;2".parse::<TypisierungSet>().is_err());
}

#[test]
fn typisierung_set_serde() {
    let set: TypisierungSet = "1, 2/3".parse().unwrap();
    let json = serde_json::to_string(&set).unwrap();
    assert_eq!(json, r#"["1","2/3"]"#);
    assert_eq!(serde_json::from_str::<TypisierungSet>(&json).unwrap(), set);
    assert_eq!(serde_json::to_string(&TypisierungSet::new()).unwrap(), "[]");
    assert_eq!(
        serde_json::from_str::<TypisierungSet>(r#"["2/3","1","1"]"#).unwrap(),
        set
    );
    let err = serde_json::from_str::<TypisierungSet>(r#"["1","x"]"#).unwrap_err();
    assert!(err.to_string().contains("\"x\""), "{err}");
    assert!(serde_json::from_str::<TypisierungSet>(r#""1, 2/3""#).is_err());

    let collected: TypisierungSet = [Typisierung::Typ5, Typisierung::Typ1].into_iter().collect();
    assert_eq!(collected.to_string(), "1, 5");
    assert_eq!(TypisierungSet::from(Typisierung::Typ4).len(), 1);
}

#[test]
fn reifegrad_v1() {
    let labels: Vec<_> = (0..=4)
        .map(|l| Reifegrad::v1(l).unwrap().label().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "Offline",
            "Information",
            "Formular-Assistent",
            "Online-Leistung",
            "Online-Transaktion"
        ]
    );
    assert_eq!(Reifegrad::v1(2).unwrap().is_ozg_compliant(), Some(false));
    assert_eq!(Reifegrad::v1(3).unwrap().is_ozg_compliant(), Some(true));
    assert_eq!(
        Reifegrad::v1(4).unwrap().to_string(),
        "1.x/4 (Online-Transaktion)"
    );
    let err = Reifegrad::v1(5).unwrap_err();
    assert_eq!(
        err,
        CodeError::ReifegradOutOfRange {
            model: ReifegradModell::V1,
            level: 5,
            max: 4
        }
    );
    assert!(err.to_string().contains("0..=4"));
}

#[test]
fn reifegrad_v2() {
    for level in 0..=7 {
        let r = Reifegrad::v2(level).unwrap();
        assert_eq!(r.model(), ReifegradModell::V2);
        assert_eq!(r.level(), level);
        assert_eq!(r.label(), None);
        assert_eq!(r.is_ozg_compliant(), None);
    }
    assert!(Reifegrad::v2(8).is_err());
    assert_eq!(Reifegrad::v2(5).unwrap().to_string(), "2.0/5");
    assert_eq!(ReifegradModell::V1.max_level(), 4);
    assert_eq!(ReifegradModell::V2.max_level(), 7);
}

#[test]
fn reifegrad_overall() {
    assert_eq!(Reifegrad::overall(&[]), Ok(None));
    let criteria: Vec<Reifegrad> = [4, 3, 2, 4, 3, 4, 4, 4, 4, 3]
        .into_iter()
        .map(|l| Reifegrad::v1(l).unwrap())
        .collect();
    assert_eq!(
        Reifegrad::overall(&criteria),
        Ok(Some(Reifegrad::v1(2).unwrap()))
    );
    assert_eq!(
        Reifegrad::overall(&[Reifegrad::v1(3).unwrap(), Reifegrad::v2(1).unwrap()]),
        Err(CodeError::MixedReifegradModels {
            first: ReifegradModell::V1,
            other: ReifegradModell::V2
        })
    );
}

#[test]
fn reifegrad_serde() {
    let r = Reifegrad::v1(3).unwrap();
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"model":"1.x","level":3}"#
    );
    assert_eq!(
        serde_json::from_str::<Reifegrad>(r#"{"model":"2.0","level":5}"#).unwrap(),
        Reifegrad::v2(5).unwrap()
    );
    let err = serde_json::from_str::<Reifegrad>(r#"{"model":"1.x","level":5}"#).unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
    assert!(serde_json::from_str::<Reifegrad>(r#"{"model":"3.0","level":1}"#).is_err());
    assert!(serde_json::from_str::<Reifegrad>(r#"{"model":"1.x","level":1,"x":0}"#).is_err());
    assert!(serde_json::from_str::<Reifegrad>(r#"{"model":"1.x"}"#).is_err());
    assert!(serde_json::from_str::<Reifegrad>(r#"{"model":"1.x","level":-1}"#).is_err());
}

#[test]
fn vertrauensniveau_order_and_english() {
    assert!(Vertrauensniveau::Niedrig < Vertrauensniveau::Substanziell);
    assert!(Vertrauensniveau::Substanziell < Vertrauensniveau::Hoch);
    let en: Vec<_> = Vertrauensniveau::all()
        .iter()
        .map(|v| v.english())
        .collect();
    assert_eq!(en, ["low", "substantial", "high"]);
}

#[test]
fn code_error_into_crate_error() {
    let err: ozg_core::error::Error = Bundesland::from_code("99").unwrap_err().into();
    assert!(matches!(err, ozg_core::error::Error::Code(_)));
    assert!(err.to_string().contains("\"99\""));
}

#[cfg(feature = "schema")]
#[test]
fn code_list_schemas() {
    let schema = schemars::schema_for!(Bundesland);
    let v = schema.as_value();
    assert_eq!(v["type"], "string");
    let codes: Vec<&str> = v["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 16);
    assert_eq!(codes[0], "01");
    let desc = v["description"].as_str().unwrap();
    assert!(desc.contains("01 = Schleswig-Holstein"), "{desc}");
    assert!(desc.contains(Bundesland::LIST_URI), "{desc}");

    let fim = schemars::schema_for!(VertrauensniveauFim);
    assert_eq!(fim.as_value()["enum"].as_array().unwrap().len(), 6);

    let set = schemars::schema_for!(TypisierungSet);
    let v = set.as_value();
    assert_eq!(v["type"], "array");
    assert_eq!(v["uniqueItems"], true);

    let reifegrad = schemars::schema_for!(Reifegrad);
    assert_eq!(reifegrad.as_value()["oneOf"].as_array().unwrap().len(), 2);

    let xoev = schemars::schema_for!(XoevCode);
    let props = xoev.as_value()["properties"].as_object().unwrap();
    assert!(props.contains_key("listURI") && props.contains_key("listVersionID"));
}
