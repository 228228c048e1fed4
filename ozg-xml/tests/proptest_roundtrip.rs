//! Property tests: generated datasets survive JSON → XML → JSON unchanged, both typed
//! (`Dataset` → XML → `Dataset`) and at the JSON value level (including `null` members, empty
//! arrays and strings with any whitespace and markup characters).
#![allow(clippy::unwrap_used)]

use ozg_core::dataset::Dataset;
use ozg_xml::document::{DocumentKind, from_xml_str, json_to_xml, to_xml_string, xml_to_json};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use serde_json::{Map, Value, json};

/// Free text with whitespace (incl. CR and tab), markup characters, umlauts and astral chars.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ \\t\\r\\na-zA-Z0-9äöüßÄ<>&\"'\\]\\[/€🙂.-]{0,24}").unwrap()
}

fn id() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Za-z0-9][A-Za-z0-9._:-]{0,12}").unwrap()
}

fn date() -> impl Strategy<Value = String> {
    (1990u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn service_ref() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex("[0-9]{5}").unwrap(),
        proptest::string::string_regex("99[0-9]{12}").unwrap(),
    ]
}

/// An optional member: absent, or present (and, when `nulls`, sometimes `null`).
fn opt<S: Strategy<Value = Value> + 'static>(s: S, nulls: bool) -> BoxedStrategy<Option<Value>> {
    if nulls {
        prop_oneof![Just(None), Just(Some(Value::Null)), s.prop_map(Some)].boxed()
    } else {
        prop_oneof![Just(None), s.prop_map(Some)].boxed()
    }
}

fn put(map: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        map.insert(key.to_owned(), v);
    }
}

fn reifegrad() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u8..=4).prop_map(|l| json!({"model": "1.x", "level": l})),
        (0u8..=7).prop_map(|l| json!({"model": "2.0", "level": l})),
    ]
}

fn onlinedienst(nulls: bool) -> impl Strategy<Value = Value> {
    (
        id(),
        text(),
        proptest::collection::vec(service_ref(), 0..4),
        opt(reifegrad(), nulls),
        opt(
            select(vec!["niedrig", "substanziell", "hoch"]).prop_map(Value::from),
            nulls,
        ),
        subsequence(
            vec![
                "ZuFiSH",
                "Servicekonto",
                "Postfach",
                "ePayment",
                "KOP",
                "Bürgerportal",
            ],
            0..=6,
        ),
        opt(text().prop_map(Value::from), nulls),
        opt(id().prop_map(Value::from), nulls),
        opt(
            select(vec!["verwaltungsabkommen", "fit_store", "efa_marktplatz"])
                .prop_map(Value::from),
            nulls,
        ),
    )
        .prop_map(
            move |(id, name, leistungen, reifegrad, vn, bk, url, provider, efa)| {
                let mut m = Map::new();
                m.insert("id".into(), id.into());
                m.insert("name".into(), name.into());
                if !leistungen.is_empty() || nulls {
                    m.insert("leistungen".into(), json!(leistungen));
                }
                put(&mut m, "reifegrad", reifegrad);
                put(&mut m, "vertrauensniveau", vn);
                if !bk.is_empty() {
                    m.insert("basiskomponenten".into(), json!(bk));
                }
                put(&mut m, "url", url);
                put(&mut m, "provider", provider);
                put(&mut m, "efaModell", efa);
                Value::Object(m)
            },
        )
}

fn verwaltung(nulls: bool) -> impl Strategy<Value = Value> {
    (
        id(),
        text(),
        select(vec![
            "amt",
            "amtsfreie_gemeinde",
            "stadt",
            "kreisfreie_stadt",
            "kreis",
            "other",
        ]),
        opt(
            proptest::string::string_regex("(0[1-9]|1[0-6])[0-9]{6}")
                .unwrap()
                .prop_map(Value::from),
            nulls,
        ),
        opt(
            (1u8..=16).prop_map(|l| Value::from(format!("{l:02}"))),
            nulls,
        ),
    )
        .prop_map(|(id, name, kind, ags, land)| {
            let mut m = Map::new();
            m.insert("id".into(), id.into());
            m.insert("name".into(), name.into());
            m.insert("kind".into(), kind.into());
            put(&mut m, "ags", ags);
            put(&mut m, "land", land);
            Value::Object(m)
        })
}

fn kanal(nulls: bool) -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(|u| json!({"type": "webservice", "url": u})),
        text().prop_map(|a| json!({"type": "fullmail", "address": a})),
        opt(text().prop_map(Value::from), nulls).prop_map(|p| {
            let mut m = Map::new();
            m.insert("type".into(), "nachrichtenbroker".into());
            put(&mut m, "postfach", p);
            Value::Object(m)
        }),
        proptest::string::string_regex(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )
        .unwrap()
        .prop_map(|d| json!({"type": "fitConnect", "destinationId": d})),
        text().prop_map(|f| json!({"type": "dDatabox", "funktionspostfach": f})),
    ]
}

fn channel(nulls: bool) -> impl Strategy<Value = Value> {
    (
        id(),
        id(),
        kanal(nulls),
        opt(date().prop_map(Value::from), nulls),
    )
        .prop_map(|(id, verwaltung, kanal, valid_from)| {
            let mut m = Map::new();
            m.insert("id".into(), id.into());
            m.insert("verwaltung".into(), verwaltung.into());
            m.insert("kanal".into(), kanal);
            put(&mut m, "validFrom", valid_from);
            Value::Object(m)
        })
}

fn cost_model() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "unspecified"})),
        Just(json!({"type": "kostenfrei"})),
        (any::<u64>(), select(vec!["once", "monthly", "yearly"]))
            .prop_map(|(a, p)| json!({"type": "pauschal", "amountEurCents": a, "period": p})),
    ]
}

fn agreement(nulls: bool) -> impl Strategy<Value = Value> {
    (
        id(),
        select(vec!["nutzervereinbarung", "avv", "nachnutzungsvertrag"]),
        text(),
        date(),
        any::<bool>(),
        opt(any::<u16>().prop_map(Value::from), nulls),
        cost_model(),
        proptest::collection::vec(id(), 0..3),
    )
        .prop_map(|(id, kind, title, start, auto, notice, cost, ods)| {
            let mut term = Map::new();
            term.insert("start".into(), start.into());
            if auto {
                term.insert("autoRenew".into(), true.into());
            }
            put(&mut term, "noticePeriodMonths", notice);
            let mut m = Map::new();
            m.insert("id".into(), id.into());
            m.insert("kind".into(), kind.into());
            m.insert("title".into(), title.into());
            m.insert("term".into(), Value::Object(term));
            m.insert("status".into(), "draft".into());
            m.insert("costModel".into(), cost);
            if !ods.is_empty() {
                m.insert("onlinedienste".into(), json!(ods));
            }
            Value::Object(m)
        })
}

fn rollout(nulls: bool) -> impl Strategy<Value = Value> {
    (
        id(),
        id(),
        select(vec!["pilot", "area_wide"]),
        select(vec!["ordered", "agreed", "configured", "live", "withdrawn"]),
        opt(date().prop_map(Value::from), nulls),
        opt(id().prop_map(Value::from), nulls),
    )
        .prop_map(|(v, o, phase, status, go_live, agreement)| {
            let mut m = Map::new();
            m.insert("verwaltung".into(), v.into());
            m.insert("onlinedienst".into(), o.into());
            m.insert("phase".into(), phase.into());
            m.insert("status".into(), status.into());
            put(&mut m, "goLive", go_live);
            put(&mut m, "agreement", agreement);
            Value::Object(m)
        })
}

/// A dataset as JSON; with `nulls`, optional members may be `null` and arrays may be empty.
fn dataset(nulls: bool) -> impl Strategy<Value = Value> {
    (
        opt(text().prop_map(Value::from), nulls),
        opt(text().prop_map(Value::from), nulls),
        any::<bool>(),
        proptest::collection::vec(verwaltung(nulls), 0..3),
        proptest::collection::vec(onlinedienst(nulls), 0..3),
        proptest::collection::vec(channel(nulls), 0..3),
        proptest::collection::vec(agreement(nulls), 0..2),
        proptest::collection::vec(rollout(nulls), 0..3),
    )
        .prop_map(
            move |(title, description, example, vs, ods, chs, ags, ros)| {
                let mut m = Map::new();
                m.insert("schemaVersion".into(), "1.0".into());
                put(&mut m, "title", title);
                put(&mut m, "description", description);
                if example {
                    m.insert("example".into(), true.into());
                }
                for (key, items) in [
                    ("verwaltungen", vs),
                    ("onlinedienste", ods),
                    ("channels", chs),
                    ("agreements", ags),
                    ("rollout", ros),
                ] {
                    if !items.is_empty() || nulls {
                        m.insert(key.into(), Value::Array(items));
                    }
                }
                Value::Object(m)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Typed: Dataset → XML → Dataset is the identity, and so is the JSON of it.
    #[test]
    fn dataset_round_trips_through_xml(value in dataset(false)) {
        let d: Dataset = serde_json::from_value(value.clone()).unwrap();
        // The generated JSON is already canonical (what serde writes).
        prop_assert_eq!(&serde_json::to_value(&d).unwrap(), &value);
        let xml = to_xml_string(&d).unwrap();
        let back: Dataset = from_xml_str(&xml).unwrap();
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(serde_json::to_value(&back).unwrap(), value);
    }

    /// Value level: any JSON the schema allows — with `null`s and empty arrays — is unchanged.
    #[test]
    fn dataset_json_round_trips_losslessly(value in dataset(true)) {
        let xml = json_to_xml(DocumentKind::Dataset, &value).unwrap();
        let (kind, back) = xml_to_json(&xml).unwrap();
        prop_assert_eq!(kind, DocumentKind::Dataset);
        prop_assert_eq!(&back, &value);
        // And it still deserialises into a Dataset.
        prop_assert!(serde_json::from_value::<Dataset>(back).is_ok());
    }
}
