//! Serde shape and validation of the model types: Onlinedienst, Zustellkanal, DeliveryChannel,
//! Rückkanal, Finding.

#![allow(clippy::unwrap_used)]

use ozg_core::catalogue::Catalogue;
use ozg_core::channel::{DeliveryChannel, Empfangspunkt, Rueckkanal, XtaTransport, Zustellkanal};
use ozg_core::finding::{Finding, FindingCode, Severity};
use ozg_core::service::Onlinedienst;
use serde_json::json;

fn kanal(v: serde_json::Value) -> Zustellkanal {
    serde_json::from_value(v).unwrap()
}

fn codes(findings: &[Finding]) -> Vec<(FindingCode, &str)> {
    findings
        .iter()
        .map(|f| (f.code, f.pointer.as_str()))
        .collect()
}

#[test]
fn zustellkanal_json_shape_round_trips() {
    let cases = [
        json!({"type": "fullmail", "address": "poststelle@kiel.example"}),
        json!({"type": "nachrichtenbroker"}),
        json!({"type": "nachrichtenbroker", "postfach": "kiel"}),
        json!({"type": "webservice", "url": "https://ozg-cloud.example/x"}),
        json!({"type": "xta", "reader": "wgb:051110000000", "author": "wgp:010500100000",
               "service": "urn:fim:Wohngeld-Mietzuschuss:1.5",
               "businessScenario": {"listURI": "urn:de:xta:codeliste:business.scenario", "listVersionID": "3.6", "code": "FIM-WOHNGELD_DATA"},
               "transport": "xta_ws_2", "empfangspunkt": "osci_client"}),
        json!({"type": "fitConnect", "destinationId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}),
        json!({"type": "dDatabox", "funktionspostfach": "bauaufsicht@kiel.example"}),
    ];
    for case in cases {
        let k = kanal(case.clone());
        assert_eq!(serde_json::to_value(&k).unwrap(), case);
        assert_eq!(case["type"], k.kind());
        assert!(k.validate().is_empty(), "{case}");
    }
}

#[test]
fn zustellkanal_rejects_bad_ids_and_unknown_fields() {
    let bad = [
        json!({"type": "xta", "reader": "051110000000", "service": "s", "transport": "osci"}),
        json!({"type": "fitConnect", "destinationId": "not-a-uuid"}),
        json!({"type": "fitConnect", "destinationId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "destinationSignature": "abc"}),
        json!({"type": "webservice", "url": "https://x.example", "port": 443}),
        json!({"type": "fullmail"}),
        json!({"type": "kop", "url": "https://x.example"}),
        json!({"address": "a@b.example"}),
    ];
    for case in bad {
        assert!(
            serde_json::from_value::<Zustellkanal>(case.clone()).is_err(),
            "{case}"
        );
    }
}

#[test]
fn webservice_must_be_https_with_host() {
    let check = |url: &str| {
        codes(&Zustellkanal::Webservice { url: url.into() }.validate())
            .first()
            .map(|c| c.0)
    };
    assert_eq!(check("https://ozg-cloud.example"), None);
    assert_eq!(check("https://10.0.0.1:8443/path?q=1#f"), None);
    assert_eq!(
        check("http://ozg-cloud.example"),
        Some(FindingCode::WebserviceNotHttps)
    );
    assert_eq!(
        check("ftp://ozg-cloud.example"),
        Some(FindingCode::WebserviceNotHttps)
    );
    assert_eq!(check("https://"), Some(FindingCode::InvalidUrl));
    assert_eq!(check("https:// x.example"), Some(FindingCode::InvalidUrl));
    assert_eq!(check("ozg-cloud.example"), Some(FindingCode::InvalidUrl));
    assert_eq!(check(""), Some(FindingCode::InvalidUrl));
}

#[test]
fn addresses_and_required_values() {
    let f = Zustellkanal::Fullmail {
        address: "kiel.example".into(),
    }
    .validate();
    assert_eq!(codes(&f), vec![(FindingCode::InvalidEmail, "/address")]);
    assert_eq!(f[0].severity, Severity::Error);
    let f = Zustellkanal::DDatabox {
        funktionspostfach: "a @b.example".into(),
    }
    .validate();
    assert_eq!(
        codes(&f),
        vec![(FindingCode::InvalidEmail, "/funktionspostfach")]
    );
    let f = Zustellkanal::Nachrichtenbroker {
        postfach: Some(" ".into()),
    }
    .validate();
    assert_eq!(codes(&f), vec![(FindingCode::EmptyValue, "/postfach")]);
    let f = kanal(
        json!({"type": "xta", "reader": "bab:01002000", "service": "urn:a b", "transport": "osci",
                         "businessScenario": {"listURI": "", "code": ""}}),
    )
    .validate();
    assert_eq!(
        codes(&f),
        vec![
            (FindingCode::EmptyValue, "/service"),
            (FindingCode::IncompleteCode, "/businessScenario/listURI"),
            (FindingCode::IncompleteCode, "/businessScenario/code"),
        ]
    );
}

fn b64(s: &str) -> String {
    // base64url without padding, test-only encoder
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes = s.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[test]
fn fit_connect_signature_payload_is_checked() {
    let dest = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    let sig = |payload: &str| format!("{}.{}.c2ln", b64(r#"{"alg":"PS512"}"#), b64(payload));
    let with = |payload: &str| {
        kanal(json!({"type": "fitConnect", "destinationId": dest, "destinationSignature": sig(payload)})).validate()
    };
    assert!(with(&format!(r#"{{"destinationId":"{dest}"}}"#)).is_empty());
    assert!(with(&format!(r#"{{"destinationId":"{}"}}"#, dest.to_uppercase())).is_empty());
    let f = with(r#"{"destinationId":"00000000-0000-4000-8000-000000000000"}"#);
    assert_eq!(
        codes(&f),
        vec![(
            FindingCode::SignatureDestinationMismatch,
            "/destinationSignature"
        )]
    );
    let f = with(r#"{"iss":"x"}"#);
    assert_eq!(
        codes(&f),
        vec![(FindingCode::SignatureUndecodable, "/destinationSignature")]
    );
    assert_eq!(f[0].severity, Severity::Warning);
    let f = with("not json");
    assert_eq!(
        codes(&f),
        vec![(FindingCode::SignatureUndecodable, "/destinationSignature")]
    );
}

#[test]
fn delivery_channel_scope_and_prefix() {
    let c: DeliveryChannel = serde_json::from_value(json!({
        "id": "kiel-web", "verwaltung": "kiel", "onlinedienste": ["wohngeld"],
        "kanal": {"type": "webservice", "url": "http://x.example"}, "validFrom": "2022-04-01"
    }))
    .unwrap();
    assert!(c.applies_to(&"wohngeld".parse().unwrap()));
    assert!(!c.applies_to(&"bauantrag".parse().unwrap()));
    assert!(c.is_valid_on("2022-04-01".parse().unwrap()));
    assert!(!c.is_valid_on("2022-03-31".parse().unwrap()));
    assert_eq!(
        codes(&c.validate()),
        vec![(FindingCode::WebserviceNotHttps, "/kanal/url")]
    );
    let all: DeliveryChannel = serde_json::from_value(json!({
        "id": "kiel-broker", "verwaltung": "kiel", "kanal": {"type": "nachrichtenbroker"}
    }))
    .unwrap();
    assert!(all.applies_to(&"bauantrag".parse().unwrap()));
    assert!(all.is_valid_on("1990-01-01".parse().unwrap()));
    assert!(serde_json::from_value::<DeliveryChannel>(json!({
        "id": "x", "verwaltung": "kiel", "kanal": {"type": "nachrichtenbroker"}, "gueltigAb": "2022-01-01"
    }))
    .is_err());
}

#[test]
fn rueckkanal_shapes_and_validation() {
    let cases = [
        json!({"type": "eMail", "address": "a@b.example", "pgpPublicKey": "-----BEGIN PGP PUBLIC KEY BLOCK-----"}),
        json!({"type": "deMail", "address": "a@b.de-mail.example"}),
        json!({"type": "fink", "postfachRef": "ref", "host": "postfach.example"}),
        json!({"type": "elster", "accountId": "1", "lieferantenId": "2", "transferTicket": "3"}),
    ];
    for case in cases {
        let r: Rueckkanal = serde_json::from_value(case.clone()).unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap(), case);
        assert!(r.validate().is_empty());
    }
    let r = Rueckkanal::Fink {
        postfach_ref: String::new(),
        host: "h".into(),
    };
    assert_eq!(
        codes(&r.validate()),
        vec![(FindingCode::EmptyValue, "/postfachRef")]
    );
    let r = Rueckkanal::EMail {
        address: "x".into(),
        pgp_public_key: None,
    };
    assert_eq!(
        codes(&r.validate()),
        vec![(FindingCode::InvalidEmail, "/address")]
    );
}

#[test]
fn small_enums_parse_codes_and_labels() {
    assert_eq!(
        "XTA-WS 1.*".parse::<XtaTransport>().unwrap(),
        XtaTransport::XtaWs1
    );
    assert_eq!(
        "osci".parse::<XtaTransport>().unwrap().label(),
        "OSCI-Transport"
    );
    assert_eq!(
        "OSCI-Client".parse::<Empfangspunkt>().unwrap(),
        Empfangspunkt::OsciClient
    );
    let err = "smtp".parse::<XtaTransport>().unwrap_err();
    assert!(
        err.to_string().contains("xta_ws_1, xta_ws_2, osci"),
        "{err}"
    );
}

#[test]
fn onlinedienst_resolves_ozg_leistungen() {
    let o: Onlinedienst = serde_json::from_value(json!({
        "id": "wohngeld", "name": "Wohngeld",
        "leistungen": ["10092", "99107023017000", "99115003012000", "10602"],
        "reifegrad": {"model": "1.x", "level": 3}, "vertrauensniveau": "substanziell",
        "provider": "dataport", "efaModell": "efa_marktplatz", "basiskomponenten": ["ZuFiSH", "KOP"],
        "url": "https://wohngeld.example"
    }))
    .unwrap();
    let ids: Vec<u32> = o
        .ozg_leistungen(Catalogue::embedded())
        .iter()
        .map(|i| i.value())
        .collect();
    // 10092 directly, the Wohngeld LeiKa key maps to 10092, Meldebestätigung to 10559; 10602 is unknown
    assert_eq!(ids, vec![10092, 10559]);
    assert!(o.implements(&"10092".parse().unwrap()));
    assert!(o.validate().is_empty());
    let mut bare = Onlinedienst::new("x".parse().unwrap(), "X");
    bare.url = Some("mailto:x@y.example".into());
    assert_eq!(
        codes(&bare.validate()),
        vec![
            (FindingCode::ServiceWithoutLeistung, "/leistungen"),
            (FindingCode::ServiceInvalidUrl, "/url")
        ]
    );
    assert!(
        serde_json::from_value::<Onlinedienst>(
            json!({"id": "x", "name": "X", "leistung": ["10092"]})
        )
        .is_err()
    );
}

#[test]
fn finding_serialises_with_stable_code() {
    let f = Finding::new(FindingCode::LiveWithoutAgreement, "/rollout/3/status", "m");
    let v = serde_json::to_value(&f).unwrap();
    assert_eq!(
        v,
        json!({"pointer": "/rollout/3/status", "code": "rollout.live_without_agreement", "severity": "error", "message": "m"})
    );
    assert_eq!(serde_json::from_value::<Finding>(v).unwrap(), f);
    assert!(Severity::Error > Severity::Warning);
}
