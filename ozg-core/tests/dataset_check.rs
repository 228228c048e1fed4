//! Consistency check (`Dataset::check`) and report of datasets: the bundled example and the
//! fixtures under `tests/fixtures/json/` (good ones check clean, each bad one has one defect).

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use ozg_core::catalogue::Catalogue;
use ozg_core::code::CodeList;
use ozg_core::dataset::{Dataset, DatasetError};
use ozg_core::finding::{Finding, FindingCode};
use ozg_core::report::BlockerKind;
use ozg_core::rollout::{ProgrammePhase, RolloutStatus};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/json")
        .join(name)
}

fn load(name: &str) -> Dataset {
    match Dataset::from_path(fixture(name)) {
        Ok(d) => d,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn check(name: &str) -> Vec<Finding> {
    load(name).check(Catalogue::embedded())
}

#[test]
fn example_is_consistent_and_labelled() {
    let ds = Dataset::example();
    assert!(ds.example);
    let title = ds.title.as_deref().unwrap_or_default();
    assert!(
        title.contains("Beispieldaten – Status illustrativ"),
        "{title}"
    );
    let findings = ds.check(Catalogue::embedded());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn example_uses_real_sh_verwaltungen_and_catalogue_entries() {
    let ds = Dataset::example();
    let de = ozg_core::org::Gemeindeverzeichnis::germany();
    let cat = Catalogue::embedded();
    for v in &ds.verwaltungen {
        let kreis = v.kreis.expect("every example Verwaltung has a Kreis");
        assert!(de.kreis(&kreis).is_some(), "{}", v.id);
        assert_eq!(kreis.land(), ozg_core::code::Bundesland::SchleswigHolstein);
        if let Some(ags) = v.ags {
            assert!(de.gemeinde_by_ags(&ags).is_some(), "{}", v.id);
        }
    }
    let names: Vec<&str> = ds.verwaltungen.iter().map(|v| v.name.as_str()).collect();
    for n in ["Kiel", "Lübeck", "Flensburg", "Neumünster", "Dithmarschen"] {
        assert!(names.iter().any(|x| x.contains(n)), "{n} missing");
    }
    for o in &ds.onlinedienste {
        assert!(!o.leistungen.is_empty());
        for r in &o.leistungen {
            assert!(cat.resolve(*r), "{r} of {}", o.id);
        }
    }
    // every channel variant, an AVV, a Nutzervereinbarung, every rollout status
    let kinds: std::collections::BTreeSet<&str> =
        ds.channels.iter().map(|c| c.kanal.kind()).collect();
    assert_eq!(kinds.len(), 6, "{kinds:?}");
    use ozg_core::agreement::AgreementKind;
    assert!(
        ds.agreements
            .iter()
            .any(|a| a.kind == AgreementKind::Avv && a.avv.is_some())
    );
    assert!(
        ds.agreements
            .iter()
            .any(|a| a.kind == AgreementKind::Nutzervereinbarung)
    );
    for s in RolloutStatus::ALL {
        assert!(ds.rollout.iter().any(|e| e.status == *s), "no entry in {s}");
    }
}

#[test]
fn example_report() {
    let report = Dataset::example().report(Catalogue::embedded());
    assert!(report.example);
    assert_eq!(report.entries, 11);
    assert_eq!(report.live_entries, 6);
    assert_eq!(report.verwaltungen, 5);
    assert_eq!(report.verwaltungen_live, 4);
    let live = report
        .by_status
        .iter()
        .find(|s| s.status == RolloutStatus::Live)
        .unwrap();
    assert_eq!((live.total, live.pilot, live.area_wide), (6, 1, 5));
    assert_eq!(report.by_status.iter().map(|s| s.total).sum::<usize>(), 11);
    let pilot = report
        .by_phase
        .iter()
        .find(|p| p.phase == ProgrammePhase::Pilot)
        .unwrap();
    assert_eq!((pilot.total, pilot.live), (1, 1));
    // Wohngeld (10092) is in Arbeit & Ruhestand, Bauvorbescheid und Baugenehmigung (10519) in Bauen & Wohnen
    assert_eq!(report.themenfelder.len(), 14);
    let covered: Vec<u32> = report
        .themenfelder
        .iter()
        .flat_map(|t| t.live_ozg_ids.iter().map(|id| id.value()))
        .collect();
    assert_eq!(covered, vec![10092, 10519]);
    let bw = report
        .themenfelder
        .iter()
        .find(|t| t.themenfeld.code() == "bauen_wohnen")
        .unwrap();
    assert_eq!((bw.live_leistungen, bw.total_leistungen), (1, 58));
    // Kreise: Flensburg has nothing live
    assert_eq!(report.kreise.len(), 5);
    let fl = report
        .kreise
        .iter()
        .find(|k| k.kreis.map(|k| k.to_string()) == Some("01001".into()))
        .unwrap();
    assert_eq!((fl.verwaltungen, fl.verwaltungen_live), (1, 0));
    assert_eq!(fl.name.as_deref(), Some("Flensburg, Stadt"));
    // blockers
    assert_eq!(report.blockers.len(), 5);
    let kinds = |pointer: &str| -> Vec<BlockerKind> {
        report
            .blockers
            .iter()
            .find(|b| b.pointer == pointer)
            .unwrap()
            .reasons
            .iter()
            .map(|r| r.kind)
            .collect()
    };
    assert_eq!(kinds("/rollout/2"), vec![BlockerKind::AwaitingGoLive]);
    assert_eq!(
        kinds("/rollout/4"),
        vec![BlockerKind::NoChannel, BlockerKind::NoZufiEntry]
    );
    assert_eq!(
        kinds("/rollout/5"),
        vec![BlockerKind::NoAgreement, BlockerKind::NoZufiEntry]
    );
    assert_eq!(kinds("/rollout/6"), vec![BlockerKind::Withdrawn]);
    // serialisable and displayable
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["byStatus"][3]["status"], "live");
    let back: ozg_core::report::RolloutReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
    let text = report.to_string();
    assert!(text.contains("Beispieldaten – Status illustrativ"));
    assert!(text.contains("Arbeit & Ruhestand"));
    assert!(text.contains("01051 Dithmarschen"));
    assert!(text.contains("no_agreement: agreement nv-itvsh-flensburg"));
}

#[test]
fn example_round_trips() {
    let ds = Dataset::example();
    let json = ds.to_json_pretty().unwrap();
    assert_eq!(Dataset::from_json_str(&json).unwrap(), ds);
    // the user-facing copy in examples/ is the bundled example
    let copy = Dataset::from_path(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/dataset.json"),
    )
    .unwrap();
    assert_eq!(copy, ds);
}

#[test]
fn good_fixtures_check_clean() {
    for name in ["good_full.json", "good_base.json", "good_minimal.json"] {
        let findings = check(name);
        assert!(findings.is_empty(), "{name}: {findings:#?}");
        let ds = load(name);
        let json = ds.to_json_pretty().unwrap();
        assert_eq!(Dataset::from_json_str(&json).unwrap(), ds, "{name}");
    }
}

#[test]
fn good_full_report_counts() {
    let report = load("good_full.json").report(Catalogue::embedded());
    assert_eq!(report.entries, 10);
    assert_eq!(report.live_entries, 5);
    // Verwaltungen without Kreis (Landesbehörde, other) are grouped last
    let last = report.kreise.last().unwrap();
    assert_eq!((last.kreis, last.verwaltungen), (None, 2));
    let dith = report
        .kreise
        .iter()
        .find(|k| k.name.as_deref() == Some("Dithmarschen"))
        .unwrap();
    assert_eq!((dith.verwaltungen, dith.verwaltungen_live), (4, 2));
}

/// Each semantic bad fixture: exactly one finding, with this code at this pointer.
const BAD: &[(&str, FindingCode, &str)] = &[
    (
        "bad_webservice_http.json",
        FindingCode::WebserviceNotHttps,
        "/channels/1/kanal/url",
    ),
    (
        "bad_webservice_url.json",
        FindingCode::InvalidUrl,
        "/channels/1/kanal/url",
    ),
    (
        "bad_fullmail_address.json",
        FindingCode::InvalidEmail,
        "/channels/1/kanal/address",
    ),
    (
        "bad_ddatabox_address.json",
        FindingCode::InvalidEmail,
        "/channels/1/kanal/funktionspostfach",
    ),
    (
        "bad_xta_empty_service.json",
        FindingCode::EmptyValue,
        "/channels/1/kanal/service",
    ),
    (
        "bad_signature_mismatch.json",
        FindingCode::SignatureDestinationMismatch,
        "/channels/1/kanal/destinationSignature",
    ),
    (
        "bad_live_without_agreement.json",
        FindingCode::LiveWithoutAgreement,
        "/rollout/0/status",
    ),
    (
        "bad_live_before_agreement_in_force.json",
        FindingCode::LiveWithoutAgreement,
        "/rollout/0/status",
    ),
    (
        "bad_live_without_channel.json",
        FindingCode::LiveWithoutChannel,
        "/rollout/0/status",
    ),
    (
        "bad_live_without_date.json",
        FindingCode::LiveWithoutDate,
        "/rollout/0/goLive",
    ),
    (
        "bad_unknown_verwaltung.json",
        FindingCode::UnknownVerwaltung,
        "/rollout/1/verwaltung",
    ),
    (
        "bad_unknown_onlinedienst.json",
        FindingCode::UnknownOnlinedienst,
        "/rollout/1/onlinedienst",
    ),
    (
        "bad_unknown_agreement.json",
        FindingCode::UnknownAgreement,
        "/rollout/1/agreement",
    ),
    (
        "bad_unknown_channel.json",
        FindingCode::UnknownChannel,
        "/rollout/1/channel",
    ),
    (
        "bad_unknown_provider.json",
        FindingCode::UnknownProvider,
        "/onlinedienste/1/provider",
    ),
    (
        "bad_unknown_leistung.json",
        FindingCode::UnknownLeistung,
        "/onlinedienste/1/leistungen/1",
    ),
    (
        "bad_unknown_leika.json",
        FindingCode::UnknownLeistung,
        "/onlinedienste/1/leistungen/1",
    ),
    (
        "bad_channel_unknown_verwaltung.json",
        FindingCode::UnknownVerwaltung,
        "/channels/1/verwaltung",
    ),
    (
        "bad_duplicate_id.json",
        FindingCode::DuplicateId,
        "/onlinedienste/2/id",
    ),
    (
        "bad_duplicate_rollout_entry.json",
        FindingCode::DuplicateId,
        "/rollout/2",
    ),
    (
        "bad_history_unsorted.json",
        FindingCode::AgreementHistoryUnsorted,
        "/agreements/0/history/1/date",
    ),
    (
        "bad_illegal_transition.json",
        FindingCode::AgreementIllegalTransition,
        "/agreements/0/history/2/status",
    ),
    (
        "bad_status_mismatch.json",
        FindingCode::RolloutStatusMismatch,
        "/rollout/1/status",
    ),
    (
        "bad_term_end_before_start.json",
        FindingCode::TermEndBeforeStart,
        "/agreements/1/term/end",
    ),
    (
        "bad_go_live_before_ordered.json",
        FindingCode::GoLiveBeforeOrdered,
        "/rollout/1/goLive",
    ),
    (
        "bad_kreis_mismatch.json",
        FindingCode::KeyMismatch,
        "/verwaltungen/0/kreis",
    ),
    (
        "bad_agreement_does_not_cover.json",
        FindingCode::AgreementDoesNotCover,
        "/rollout/1/agreement",
    ),
    (
        "bad_channel_does_not_fit.json",
        FindingCode::ChannelDoesNotFit,
        "/rollout/1/channel",
    ),
];

#[test]
fn each_bad_fixture_has_exactly_its_defect() {
    let mut failures = Vec::new();
    for (name, code, pointer) in BAD {
        let findings = check(name);
        let ok = matches!(findings.as_slice(), [f] if f.code == *code && f.pointer == *pointer && f.is_error() && !f.message.is_empty());
        if !ok {
            let got: Vec<String> = findings.iter().map(ToString::to_string).collect();
            failures.push(format!(
                "{name}: expected {code} at {pointer}, got {got:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_fixture_is_covered_by_a_test() {
    let dir = fixture("");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.starts_with("bad_") {
            let known = BAD.iter().any(|(n, _, _)| *n == name)
                || PARSE_ERRORS.iter().any(|(n, _, _)| *n == name);
            assert!(known, "{name} is not listed in BAD or PARSE_ERRORS");
        }
    }
}

/// Each bad fixture that must not parse: pointer of the failing value and a word of the message.
const PARSE_ERRORS: &[(&str, &str, &str)] = &[
    (
        "bad_syntax_trailing_comma.json",
        "/verwaltungen/0",
        "key must be a string",
    ),
    (
        "bad_unknown_field.json",
        "/rollout/1/bemerkung",
        "unknown field `bemerkung`",
    ),
    ("bad_ozg_id.json", "/onlinedienste/0/leistungen/0", "1009"),
    ("bad_ags.json", "/verwaltungen/0/ags", "0100200"),
    ("bad_status_code.json", "/rollout/1/status", "bestellt"),
    ("bad_date.json", "/rollout/0/goLive", "input"),
    (
        "bad_channel_type.json",
        "/channels/0/kanal/type",
        "unknown variant `kop`",
    ),
    (
        "bad_missing_field.json",
        "/onlinedienste/1",
        "missing field `name`",
    ),
    ("bad_verwaltung_id.json", "/verwaltungen/0/id", "Kiel Stadt"),
    ("bad_dvdv_key.json", "/channels/1/kanal", "wgb-051110000000"),
    (
        "bad_destination_id.json",
        "/channels/1/kanal",
        "3fa85f64-5717-4562-b3fc",
    ),
    ("bad_xta_transport.json", "/channels/1/kanal", "xta_ws_3"),
];

#[test]
fn parse_errors_carry_pointer_and_position() {
    let mut failures = Vec::new();
    for (name, pointer, needle) in PARSE_ERRORS {
        let err = Dataset::from_path(fixture(name)).expect_err(name);
        let DatasetError::Json {
            file,
            pointer: p,
            line,
            column,
            message,
        } = &err
        else {
            panic!("{name}: {err}");
        };
        let shown = err.to_string();
        let ok = p == pointer
            && message.contains(needle)
            && *line > 1
            && *column > 0
            && file.as_ref().is_some_and(|f| f.ends_with(name))
            && shown.contains(&format!("{name}:{line}:{column}: at {pointer}"));
        if !ok {
            failures.push(format!(
                "{name}: expected {pointer} / {needle:?}, got {p} {line}:{column} {message:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn io_and_trailing_garbage_errors() {
    let err = Dataset::from_path(fixture("does_not_exist.json")).unwrap_err();
    assert!(matches!(err, DatasetError::Io { .. }), "{err}");
    let err = Dataset::from_json_str(r#"{"schemaVersion":"1.0"} x"#).unwrap_err();
    assert!(
        matches!(err, DatasetError::Json { column: 25, .. }),
        "{err}"
    );
    let err = Dataset::from_json_str("").unwrap_err();
    assert!(matches!(err, DatasetError::Json { .. }), "{err}");
}

#[test]
fn check_lists_every_violation() {
    // combine several defects: all are reported, not just the first
    let mut ds = load("good_base.json");
    ds.schema_version = "9.9".into();
    ds.rollout[1].verwaltung = "luebeck".parse().unwrap();
    ds.rollout[1].onlinedienst = "bauantrag".parse().unwrap();
    ds.agreements[0].term.end = Some("2020-01-01".parse().unwrap());
    ds.onlinedienste[0].url = Some("wohngeld.example".into());
    let findings = ds.check(Catalogue::embedded());
    let codes: Vec<(FindingCode, &str)> = findings
        .iter()
        .map(|f| (f.code, f.pointer.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (FindingCode::SchemaVersion, "/schemaVersion"),
            (FindingCode::ServiceInvalidUrl, "/onlinedienste/0/url"),
            (FindingCode::TermEndBeforeStart, "/agreements/0/term/end"),
            // the term now ends before go-live, so the live entry loses its agreement
            (FindingCode::LiveWithoutAgreement, "/rollout/0/status"),
            (FindingCode::UnknownVerwaltung, "/rollout/1/verwaltung"),
            (FindingCode::UnknownOnlinedienst, "/rollout/1/onlinedienst"),
        ],
        "{findings:#?}"
    );
}

#[test]
fn implicit_agreement_and_channel_are_found() {
    // a live entry without explicit references is fine when the Verwaltung is a party of a
    // covering agreement and has a channel for the Onlinedienst
    let mut ds = load("good_base.json");
    ds.rollout[0].agreement = None;
    ds.rollout[0].channel = None;
    assert!(ds.check(Catalogue::embedded()).is_empty());
    // … coverage via a Leistung of the Onlinedienst counts too
    ds.agreements[0].onlinedienste.clear();
    ds.agreements[0].leistungen = vec!["10092".parse().unwrap()];
    assert!(ds.check(Catalogue::embedded()).is_empty());
    // … but not when the Verwaltung is not a party
    ds.agreements[0].parties[0].org = Some("dataport".into());
    let findings = ds.check(Catalogue::embedded());
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].code, FindingCode::LiveWithoutAgreement);
}

#[test]
fn warnings_for_incomplete_agreements() {
    let mut ds = load("good_base.json");
    let mut avv = ds.agreements[0].clone();
    avv.id = "avv".parse().unwrap();
    avv.kind = ozg_core::agreement::AgreementKind::Avv;
    avv.parties[0].org = Some("Amt Nirgendwo".into());
    let mut art26 = avv.clone();
    art26.id = "art26".parse().unwrap();
    art26.kind = ozg_core::agreement::AgreementKind::GemeinsameVerantwortung;
    art26.parties.clear();
    ds.agreements.push(avv);
    ds.agreements.push(art26);
    let findings = ds.check(Catalogue::embedded());
    let codes: Vec<(FindingCode, &str)> = findings
        .iter()
        .map(|f| (f.code, f.pointer.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (
                FindingCode::AgreementUnknownParty,
                "/agreements/1/parties/0/org"
            ),
            (FindingCode::AvvIncomplete, "/agreements/1/avv"),
            (FindingCode::AvvIncomplete, "/agreements/1/parties"),
            (
                FindingCode::AgreementWithoutParties,
                "/agreements/2/parties"
            ),
            (
                FindingCode::JointControllersIncomplete,
                "/agreements/2/parties"
            ),
        ]
    );
    assert!(findings.iter().all(|f| !f.is_error()));
}
