//! Integration tests of `ozg_core::id` with real identifiers from the domain brief (§3).
#![allow(clippy::unwrap_used)]

use std::fmt::Debug;
use std::str::FromStr;

use ozg_core::code::{Bundesland, LeistungsTyp};
use ozg_core::id::{
    AgreementId, Ags, AgsPrefix, Ars, ArsLevel, ArsPrefix, ChannelId, DestinationId,
    DestinationSignature, DvdvKey, GebietId, GemeindeverbandKind, IdError, IdKind, KreisKey,
    LeikaKey, OnlinedienstId, OzgId, ProviderId, ServiceRef, VerwaltungId,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Parses `input`, expecting an error of `kind`; checks that the message names the input and rule.
fn reject<T>(input: &str, kind: IdKind) -> IdError
where
    T: FromStr<Err = IdError> + Debug,
{
    let err = input
        .parse::<T>()
        .expect_err(&format!("{input:?} must be rejected"));
    assert_eq!(err.kind, kind, "kind for {input:?}");
    assert_eq!(err.input, input);
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("\"{input}\"")),
        "message {msg:?} names the input"
    );
    assert!(msg.contains(err.rule), "message {msg:?} names the rule");
    assert!(msg.starts_with(&format!("invalid {kind} ")), "{msg:?}");
    err
}

/// Parses, displays, and JSON round-trips `input`, which must be canonical.
fn round_trip<T>(input: &str) -> T
where
    T: FromStr<Err = IdError> + ToString + Serialize + DeserializeOwned + PartialEq + Debug,
{
    let value: T = input.parse().unwrap();
    assert_eq!(value.to_string(), input);
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(json, format!("\"{input}\""));
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(back, value);
    value
}

/// Deserialising a bad value from JSON fails with a message naming the rule.
fn bad_json<T>(input: &str)
where
    T: FromStr<Err = IdError> + DeserializeOwned + Debug,
{
    let rule = input.parse::<T>().unwrap_err().rule;
    let err = serde_json::from_value::<T>(serde_json::Value::String(input.to_owned())).unwrap_err();
    assert!(err.to_string().contains(rule), "{err}");
    assert!(err.to_string().contains(input), "{err}");
}

#[test]
fn ozg_id() {
    let id: OzgId = round_trip("10110");
    assert_eq!(id.value(), 10110);
    assert_eq!(round_trip::<OzgId>("00042").value(), 42);
    for bad in [
        "",
        "1011",
        "101100",
        "1011a",
        " 10110",
        "10110 ",
        "+1011",
        "١٠١١٠",
    ] {
        reject::<OzgId>(bad, IdKind::OzgId);
    }
    bad_json::<OzgId>("1011");
    // A JSON number is not accepted: leading zeros would be lost.
    assert!(serde_json::from_str::<OzgId>("10110").is_err());
}

#[test]
fn leika_key_lovd() {
    let key: LeikaKey = round_trip("99089003034004");
    assert_eq!(key.group(), 89);
    assert_eq!(key.object(), 3);
    assert_eq!(key.verrichtung(), Some(34));
    assert_eq!(key.verrichtungsdetail(), Some(4));
    assert_eq!(key.kind(), LeistungsTyp::Lovd);
    assert_eq!(key.leistungsobjekt_key().to_string(), "99089003000000");
    assert_eq!(key.leistungsobjekt_key().kind(), LeistungsTyp::Lo);
}

#[test]
fn leika_key_lov_and_lo() {
    let lov: LeikaKey = "99012001001000".parse().unwrap();
    assert_eq!(lov.group(), 12);
    assert_eq!(lov.object(), 1);
    assert_eq!(lov.verrichtung(), Some(1));
    assert_eq!(lov.verrichtungsdetail(), None);
    assert_eq!(lov.kind(), LeistungsTyp::Lov);

    let lo: LeikaKey = "99012001000000".parse().unwrap();
    assert_eq!(lo.verrichtung(), None);
    assert_eq!(lo.kind(), LeistungsTyp::Lo);
    assert_eq!(lov.leistungsobjekt_key(), lo);

    // VVV 000 with a detail counts as LOVD (LO needs both 000).
    let odd: LeikaKey = "99012001000004".parse().unwrap();
    assert_eq!(odd.kind(), LeistungsTyp::Lovd);
}

#[test]
fn leika_key_rejects() {
    let len = reject::<LeikaKey>("9908900303400", IdKind::LeikaKey);
    assert!(len.rule.contains("14"));
    let not99 = reject::<LeikaKey>("98089003034004", IdKind::LeikaKey);
    assert!(not99.rule.contains("99"));
    for bad in [
        "",
        "990890030340041",
        "9908900303400x",
        "99089003034004 ",
        "٩٩٠٨٩٠٠٣٠٣٤٠٠٤",
        "99 089 003 034 004",
    ] {
        reject::<LeikaKey>(bad, IdKind::LeikaKey);
    }
    bad_json::<LeikaKey>("98089003034004");
}

#[test]
fn leika_urn() {
    let urn = "urn:de:fim:leika:leistung:99134005017000";
    let key = LeikaKey::from_urn(urn).unwrap();
    assert_eq!(key.to_string(), "99134005017000");
    assert_eq!(key.urn(), urn);

    for bad in [
        "urn:de:fim:leika:99134005017000",
        "99134005017000",
        "urn:de:fim:leika:leistung:",
        "urn:de:fim:leika:leistung:9913400501700",
        "urn:de:fim:leika:leistung:98134005017000",
        "URN:DE:FIM:LEIKA:LEISTUNG:99134005017000",
    ] {
        let err = LeikaKey::from_urn(bad).unwrap_err();
        assert_eq!(err.kind, IdKind::LeikaUrn, "{bad}");
        assert_eq!(err.input, bad);
        assert!(err.to_string().contains(err.rule));
    }
}

#[test]
fn ags_kiel() {
    let kiel: Ags = round_trip("01002000");
    assert_eq!(kiel.land(), Bundesland::SchleswigHolstein);
    assert_eq!(kiel.regierungsbezirk(), 0);
    assert_eq!(kiel.kreis_key(), "01002".parse::<KreisKey>().unwrap());
    assert_eq!(kiel.gemeinde(), 0);

    let aasbuettel: Ags = round_trip("01061001");
    assert_eq!(aasbuettel.kreis_key().to_string(), "01061");
    assert_eq!(aasbuettel.gemeinde(), 1);

    for bad in [
        "",
        "0100200",
        "010020000",
        "0100200a",
        "0100200٠",
        " 1002000",
    ] {
        reject::<Ags>(bad, IdKind::Ags);
    }
    let land = reject::<Ags>("17002000", IdKind::Ags);
    assert!(land.rule.contains("01-16"));
    reject::<Ags>("00002000", IdKind::Ags);
    bad_json::<Ags>("17002000");
}

#[test]
fn kreis_key() {
    let k: KreisKey = round_trip("01062");
    assert_eq!(k.land(), Bundesland::SchleswigHolstein);
    assert_eq!(k.regierungsbezirk(), 0);
    let rb: KreisKey = round_trip("06435");
    assert_eq!(rb.land(), Bundesland::Hessen);
    assert_eq!(rb.regierungsbezirk(), 4);
    for bad in ["0100", "010020", "99001", "0a001"] {
        reject::<KreisKey>(bad, IdKind::KreisKey);
    }
}

#[test]
fn ars_panketal() {
    let ars: Ars = round_trip("120600181181");
    assert_eq!(ars.land(), Bundesland::Brandenburg);
    assert_eq!(ars.regierungsbezirk(), 0);
    assert_eq!(ars.kreis_key().to_string(), "12060");
    // 12|0|60|0181|181: Land 12, RB 0, Kreis 60, Gemeindeverband 0181 (first digit 0 =
    // amtsfrei), Gemeinde 181.
    assert_eq!(ars.gemeindeverband(), 181);
    assert_eq!(
        ars.verband_kind(),
        GemeindeverbandKind::AmtsfreiOderVerbandsfrei
    );
    assert_eq!(ars.gemeinde(), 181);
    assert_eq!(ars.ags().to_string(), "12060181");
    assert_eq!(
        ars.gebiet_urn(),
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:120600181181"
    );
}

#[test]
fn ars_routing_example() {
    let ars: Ars = round_trip("064350014014");
    assert_eq!(ars.land(), Bundesland::Hessen);
    assert_eq!(ars.regierungsbezirk(), 4);
    assert_eq!(ars.kreis_key().to_string(), "06435");
    assert_eq!(ars.gemeindeverband(), 14);
    assert_eq!(ars.gemeinde(), 14);
    assert_eq!(ars.ags().to_string(), "06435014");
}

#[test]
fn ars_verband_kinds() {
    let amt: Ars = "120645410123".parse().unwrap();
    assert_eq!(
        amt.verband_kind(),
        GemeindeverbandKind::AmtsangehoerigOderVerbandsangehoerig
    );
    let frei: Ars = "010599999123".parse().unwrap();
    assert_eq!(
        frei.verband_kind(),
        GemeindeverbandKind::GemeindefreiesGebiet
    );
    let other: Ars = "010593000123".parse().unwrap();
    assert_eq!(other.verband_kind(), GemeindeverbandKind::Other(3));
    assert_eq!(GemeindeverbandKind::from_digit(5).digit(), 5);
}

#[test]
fn ars_rejects() {
    for bad in [
        "",
        "12060018118",
        "1206001811811",
        "12060018118a",
        "١٢٠٦٠٠١٨١١٨١",
    ] {
        reject::<Ars>(bad, IdKind::Ars);
    }
    reject::<Ars>("170600181181", IdKind::Ars);
    bad_json::<Ars>("12060018118");
}

#[test]
fn ars_prefix_levels() {
    let cases = [
        ("12", ArsLevel::Land),
        ("064", ArsLevel::Regierungsbezirk),
        ("12064", ArsLevel::Kreis),
        ("120645410", ArsLevel::Gemeindeverband),
        ("064350014014", ArsLevel::Gemeinde),
    ];
    for (input, level) in cases {
        let p: ArsPrefix = round_trip(input);
        assert_eq!(p.level(), level, "{input}");
        assert_eq!(p.len(), input.len());
    }
    let full: ArsPrefix = "064350014014".parse().unwrap();
    assert_eq!(full.as_ars(), Some("064350014014".parse().unwrap()));
    assert_eq!("120645410".parse::<ArsPrefix>().unwrap().as_ars(), None);

    for bad in [
        "",
        "1",
        "1234",
        "123456",
        "1234567890",
        "12345678901",
        "1234567890123",
        "12a",
    ] {
        reject::<ArsPrefix>(bad, IdKind::ArsPrefix);
    }
}

#[test]
fn ars_prefix_matches() {
    let amt: Ars = "120645410123".parse().unwrap();
    let panketal: Ars = "120600181181".parse().unwrap();
    for (prefix, amt_in, panketal_in) in [
        ("12", true, true),
        ("120", true, true),
        ("12064", true, false),
        ("120645410", true, false),
        ("120600181181", false, true),
        ("01", false, false),
    ] {
        let p: ArsPrefix = prefix.parse().unwrap();
        assert_eq!(p.matches(&amt), amt_in, "{prefix}");
        assert_eq!(p.matches(&panketal), panketal_in, "{prefix}");
    }
    assert!(ArsPrefix::from(panketal).matches(&panketal));
    assert!(ArsPrefix::from(panketal.kreis_key()).matches(&panketal));
}

#[test]
fn ags_prefix() {
    let kiel: Ags = "01002000".parse().unwrap();
    let aasbuettel: Ags = "01061001".parse().unwrap();
    for (prefix, kiel_in, aas_in) in [
        ("01", true, true),
        ("010", true, true),
        ("01002", true, false),
        ("01061001", false, true),
        ("02", false, false),
    ] {
        let p: AgsPrefix = round_trip(prefix);
        assert_eq!(p.len(), prefix.len());
        assert_eq!(p.matches(&kiel), kiel_in, "{prefix}");
        assert_eq!(p.matches(&aasbuettel), aas_in, "{prefix}");
    }
    assert!(AgsPrefix::from(kiel).matches(&kiel));
    assert!(AgsPrefix::from(kiel.kreis_key()).matches(&kiel));
    for bad in ["", "0", "0100", "010020", "0100200", "010020000", "01a"] {
        reject::<AgsPrefix>(bad, IdKind::AgsPrefix);
    }
}

#[test]
fn prefixes_sort_like_their_text() {
    let mut prefixes: Vec<AgsPrefix> = ["02", "01002000", "010", "01", "01002"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    prefixes.sort();
    let text: Vec<String> = prefixes.iter().map(ToString::to_string).collect();
    assert_eq!(text, ["01", "010", "01002", "01002000", "02"]);
}

#[test]
fn gebiet_urn() {
    let urn = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:120645410";
    let gebiet: GebietId = round_trip(urn);
    assert_eq!(gebiet.ars_prefix().to_string(), "120645410");
    assert_eq!(gebiet.ars_prefix().level(), ArsLevel::Gemeindeverband);
    assert_eq!(GebietId::from(gebiet.ars_prefix()), gebiet);

    for bad in [
        "120645410",
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags:120645410",
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:",
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:1206454101",
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:12064541x",
    ] {
        reject::<GebietId>(bad, IdKind::GebietUrn);
    }
    bad_json::<GebietId>("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:1");
}

#[test]
fn dvdv_key() {
    let wgb: DvdvKey = round_trip("wgb:051110000000");
    assert_eq!(wgb.prefix(), "wgb");
    assert_eq!(wgb.key(), "051110000000");
    assert_eq!(wgb.as_str(), "wgb:051110000000");
    let bab: DvdvKey = round_trip("bab:05111000");
    assert_eq!(bab.prefix(), "bab");
    assert_eq!(bab.key(), "05111000");
    round_trip::<DvdvKey>("wgp:010500100000");
    // Official prefixes of the DVDV-Präfixe list (version 51) in capitals and with an umlaut.
    assert_eq!(round_trip::<DvdvKey>("MELDID:01002000").prefix(), "MELDID");
    assert_eq!(round_trip::<DvdvKey>("töj:01002000").prefix(), "töj");
    round_trip::<DvdvKey>("Bab:05111000");

    for bad in [
        "",
        "bab05111000",
        "bab:",
        ":05111000",
        "1ab:05111000",
        "b-b:05111000",
        "é:05111000",
        "b:05111000",
        "abcdefghijk:1",
        "bab:0511-1000",
        "bab:051110000000000000000000000000000",
        "bab: 05111000",
        "bab:٠٥١١١٠٠٠",
    ] {
        reject::<DvdvKey>(bad, IdKind::DvdvKey);
    }
    bad_json::<DvdvKey>("bab:");
}

#[test]
fn destination_id() {
    let id: DestinationId = round_trip("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    let upper: DestinationId = "3FA85F64-5717-4562-B3FC-2C963F66AFA6".parse().unwrap();
    assert_eq!(upper, id);
    assert_eq!(upper.to_string(), "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    assert_eq!(DestinationId::from_u128(id.as_u128()), id);
    assert_eq!(
        "00000000-0000-0000-0000-000000000001"
            .parse::<DestinationId>()
            .unwrap()
            .as_u128(),
        1
    );

    for bad in [
        "",
        "3fa85f6457174562b3fc2c963f66afa6",
        "3fa85f64-5717-4562-b3fc-2c963f66afa",
        "3fa85f64-5717-4562-b3fc-2c963f66afa67",
        "3fa85f64-5717-4562-b3fc_2c963f66afa6",
        "3fa85f64-5717-4562-b3fc-2c963f66afg6",
        "{3fa85f64-5717-4562-b3fc-2c963f66afa6}",
        "3fa85f64-5717-4562-b3fc-2c963f66af\u{e9}",
    ] {
        reject::<DestinationId>(bad, IdKind::DestinationId);
    }
    bad_json::<DestinationId>("3fa85f64");
}

#[test]
fn destination_signature() {
    let jws = "eyJhbGciOiJQUzUxMiJ9.eyJkZXN0aW5hdGlvbklkIjoiMSJ9.c2lnbmF0dXJlLV8";
    let sig: DestinationSignature = round_trip(jws);
    assert_eq!(sig.header(), "eyJhbGciOiJQUzUxMiJ9");
    assert_eq!(sig.payload(), "eyJkZXN0aW5hdGlvbklkIjoiMSJ9");
    assert_eq!(sig.signature(), "c2lnbmF0dXJlLV8");
    assert_eq!(sig.as_str(), jws);

    for bad in [
        "", "a.b", "a.b.c.d", "a..c", ".b.c", "a.b.", "a.b.c=", "a.b+.c", "a b.c.d",
    ] {
        reject::<DestinationSignature>(bad, IdKind::DestinationSignature);
    }
}

#[test]
fn service_ref() {
    let ozg: ServiceRef = round_trip("10110");
    assert_eq!(ozg.as_ozg(), Some("10110".parse().unwrap()));
    assert_eq!(ozg.as_leika(), None);
    let leika: ServiceRef = round_trip("99089003034004");
    assert_eq!(leika.as_leika(), Some("99089003034004".parse().unwrap()));
    assert_eq!(leika.as_ozg(), None);
    assert_eq!(
        ServiceRef::from("99089003034004".parse::<LeikaKey>().unwrap()),
        leika
    );

    for bad in [
        "",
        "1011",
        "123456",
        "98089003034004",
        "1011x",
        "urn:de:fim:leika:leistung:99134005017000",
    ] {
        reject::<ServiceRef>(bad, IdKind::ServiceRef);
    }
    // A 14-digit key reports the LeiKa rule.
    let err = reject::<ServiceRef>("98089003034004", IdKind::ServiceRef);
    assert!(err.rule.contains("99"));
    bad_json::<ServiceRef>("1234567");
}

#[test]
fn slug_ids() {
    round_trip::<VerwaltungId>("amt-achterwehr");
    round_trip::<OnlinedienstId>("wohngeld.sh:v2");
    round_trip::<ProviderId>("dataport");
    round_trip::<AgreementId>("AV_2024_001");
    round_trip::<ChannelId>("0");
    let max = "a".repeat(128);
    round_trip::<ChannelId>(&max);

    reject::<VerwaltungId>("", IdKind::VerwaltungId);
    reject::<OnlinedienstId>("-x", IdKind::OnlinedienstId);
    reject::<ProviderId>("it provider", IdKind::ProviderId);
    reject::<AgreementId>("vertrag/1", IdKind::AgreementId);
    let too_long = "a".repeat(129);
    let err = too_long.parse::<ChannelId>().unwrap_err();
    assert_eq!(err.kind, IdKind::ChannelId);
    assert!(err.input.ends_with('…') && err.input.len() < too_long.len());
    reject::<VerwaltungId>("Bürgeramt", IdKind::VerwaltungId);

    let id = VerwaltungId::try_from("amt-achterwehr".to_owned()).unwrap();
    assert_eq!(id.as_str(), "amt-achterwehr");
    assert!(VerwaltungId::try_from(" x".to_owned()).is_err());
    let mut set = std::collections::HashSet::new();
    set.insert(id.clone());
    assert!(set.contains("amt-achterwehr"));
    assert_eq!(id.into_string(), "amt-achterwehr");
    bad_json::<ProviderId>(" ");
}

#[test]
fn id_kind_display_names_german_term() {
    assert_eq!(IdKind::OzgId.to_string(), "OZG-ID");
    assert!(
        IdKind::Ags
            .to_string()
            .contains("Amtlicher Gemeindeschlüssel")
    );
    assert!(
        IdKind::Ars
            .to_string()
            .contains("Amtlicher Regionalschlüssel")
    );
    assert!(IdKind::LeikaKey.to_string().contains("LeiKa"));
}

#[test]
fn error_converts_into_crate_error() {
    let err: ozg_core::error::Error = "x".parse::<OzgId>().unwrap_err().into();
    assert!(matches!(err, ozg_core::error::Error::Id(_)));
    assert!(err.to_string().contains("OZG-ID"));
}

#[test]
fn serde_in_structs_reports_field() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Row {
        ags: Ags,
        leistung: ServiceRef,
    }
    let err = serde_json::from_str::<Row>(r#"{"ags":"01002000","leistung":"9"}"#).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("Leistungsreferenz"), "{msg}");
    assert!(msg.contains("\"9\""), "{msg}");
    let err = serde_json::from_str::<Row>(r#"{"ags":1002000,"leistung":"10110"}"#).unwrap_err();
    assert!(err.to_string().contains("an AGS (8 digits)"), "{err}");
}

#[cfg(feature = "schema")]
mod schema {
    use super::*;
    use regex::RegexBuilder;
    use schemars::JsonSchema;

    /// The schema is `{"type":"string","pattern":PATTERN,"description":…}` and the pattern
    /// agrees with `FromStr` on the given inputs.
    fn check<T: JsonSchema + FromStr<Err = IdError>>(pattern: &str, good: &[&str], bad: &[&str]) {
        let schema = schemars::schema_for!(T);
        let value = schema.as_value();
        assert_eq!(value["type"], "string");
        assert_eq!(value["pattern"], pattern);
        assert!(value["description"].as_str().is_some_and(|d| !d.is_empty()));
        // JSON Schema patterns are ECMA-262: `\d` is ASCII, hence `unicode(false)`.
        // Patterns with non-ASCII literals (the DVDV prefix's umlauts) need Unicode mode; they
        // use no `\d`, so the two modes agree on them.
        let re = RegexBuilder::new(pattern)
            .unicode(!pattern.is_ascii())
            .build()
            .unwrap();
        for g in good {
            assert!(re.is_match(g), "pattern {pattern} accepts {g}");
            assert!(g.parse::<T>().is_ok(), "FromStr accepts {g}");
        }
        for b in bad {
            assert!(!re.is_match(b), "pattern {pattern} rejects {b}");
            assert!(b.parse::<T>().is_err(), "FromStr rejects {b}");
        }
    }

    #[test]
    fn schemas_match_parsers() {
        check::<OzgId>(
            OzgId::PATTERN,
            &["10110", "00001"],
            &["1011", "101100", "1011a"],
        );
        check::<LeikaKey>(
            LeikaKey::PATTERN,
            &["99089003034004"],
            &["98089003034004", "9908900303400"],
        );
        check::<KreisKey>(
            KreisKey::PATTERN,
            &["01002", "16077"],
            &["00002", "17002", "0100"],
        );
        check::<Ags>(
            Ags::PATTERN,
            &["01002000", "16077001"],
            &["00002000", "17002000", "0100200"],
        );
        check::<Ars>(
            Ars::PATTERN,
            &["120600181181"],
            &["170600181181", "12060018118"],
        );
        check::<AgsPrefix>(
            AgsPrefix::PATTERN,
            &["01", "010", "01002", "01002000"],
            &["0100", "0"],
        );
        check::<ArsPrefix>(
            ArsPrefix::PATTERN,
            &["12", "120", "12064", "120645410", "120600181181"],
            &["1206", "1206454101"],
        );
        check::<GebietId>(
            GebietId::PATTERN,
            &["urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:120645410"],
            &["urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:1206"],
        );
        check::<DvdvKey>(
            DvdvKey::PATTERN,
            &["bab:05111000", "wgb:051110000000", "MELDID:1", "töj:1"],
            &["bab:", "B:1", "bab05111000", "1ab:1", "b-b:1"],
        );
        check::<DestinationId>(
            DestinationId::PATTERN,
            &[
                "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "3FA85F64-5717-4562-B3FC-2C963F66AFA6",
            ],
            &["3fa85f6457174562b3fc2c963f66afa6"],
        );
        check::<DestinationSignature>(
            DestinationSignature::PATTERN,
            &["a.b.c", "eyJ-_.x.y"],
            &["a.b", "a..c", "a.b.c.d"],
        );
        check::<ServiceRef>(
            ServiceRef::PATTERN,
            &["10110", "99089003034004"],
            &["1234567"],
        );
        check::<VerwaltungId>(
            VerwaltungId::PATTERN,
            &["amt-achterwehr", "a:b.c_d"],
            &["-a", "a b", ""],
        );
        check::<OnlinedienstId>(OnlinedienstId::PATTERN, &["x"], &[""]);
        check::<ProviderId>(ProviderId::PATTERN, &["x"], &[""]);
        check::<AgreementId>(AgreementId::PATTERN, &["x"], &[""]);
        check::<ChannelId>(ChannelId::PATTERN, &["x"], &[""]);
    }
}
