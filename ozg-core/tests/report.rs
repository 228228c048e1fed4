//! Rollout report: filters (Kreis, Amt, Land, Themenfeld, Verwaltung), coverage per Kreis and per
//! Gemeindeverband counted in Gemeinden, and the served-Gemeinden rule.

#![allow(clippy::unwrap_used)]

use ozg_core::catalogue::Catalogue;
use ozg_core::code::{Bundesland, CodeList, Themenfeld};
use ozg_core::dataset::Dataset;
use ozg_core::org::{Verwaltung, VerwaltungKind};
use ozg_core::report::{ReportFilter, served_gemeinden};
use ozg_core::rollout::RolloutStatus;

/// The Gemeinden of the Gemeindeverband 010515163 in the Gemeindeverzeichnis of Germany.
fn verband_gemeinden() -> usize {
    let prefix = "010515163".parse().unwrap();
    ozg_core::org::Gemeindeverzeichnis::germany()
        .gemeinden_under(&prefix)
        .count()
}

/// The example plus the Amt of the Gemeindeverband 010515163 in Dithmarschen (no `gemeinden`
/// list: its amtsangehörige Gemeinden come from the register) with one live entry copied from
/// Kiel's.
fn with_amt() -> Dataset {
    let mut ds = Dataset::example();
    let amt: Verwaltung = serde_json::from_value(serde_json::json!({
        "id": "amt-test",
        "name": "Amt Test",
        "kind": "amt",
        "ars": "010515163000",
        "kreis": "01051",
        "land": "01"
    }))
    .unwrap();
    ds.verwaltungen.push(amt);
    let mut entry = ds
        .rollout
        .iter()
        .find(|e| e.verwaltung.as_str() == "kiel" && e.is_live())
        .unwrap()
        .clone();
    entry.verwaltung = "amt-test".parse().unwrap();
    entry.agreement = None;
    entry.channel = None;
    ds.rollout.push(entry);
    ds
}

#[test]
fn kreis_filter_keeps_only_that_kreis() {
    let ds = Dataset::example();
    let filter = ReportFilter {
        kreis: Some("01002".parse().unwrap()),
        ..ReportFilter::default()
    };
    let r = ds.report_with(Catalogue::embedded(), &filter);
    assert_eq!(r.verwaltungen, 1);
    assert_eq!(r.kreise.len(), 1);
    assert_eq!(r.kreise[0].name.as_deref(), Some("Kiel, Landeshauptstadt"));
    let kiel_entries = ds
        .rollout
        .iter()
        .filter(|e| e.verwaltung.as_str() == "kiel")
        .count();
    assert_eq!(r.entries, kiel_entries);
    assert!(r.blockers.iter().all(|b| b.verwaltung.as_str() == "kiel"));
    assert_eq!(r.filter, filter);
    assert!(r.to_string().contains("Filter: Kreis 01002"), "{r}");
}

#[test]
fn filters_combine_and_an_empty_scope_is_empty() {
    let ds = Dataset::example();
    let cat = Catalogue::embedded();
    // Kiel is not in Dithmarschen: nothing left.
    let r = ds.report_with(
        cat,
        &ReportFilter {
            kreis: Some("01051".parse().unwrap()),
            verwaltung: Some("kiel".parse().unwrap()),
            ..ReportFilter::default()
        },
    );
    assert_eq!((r.verwaltungen, r.entries, r.kreise.len()), (0, 0, 0));
    // Land Schleswig-Holstein: everything; Land Hamburg: nothing.
    let sh = ds.report_with(
        cat,
        &ReportFilter {
            land: Some(Bundesland::SchleswigHolstein),
            ..ReportFilter::default()
        },
    );
    let all = ds.report(cat);
    assert_eq!(sh.entries, all.entries);
    assert_eq!(sh.verwaltungen, all.verwaltungen);
    let hh = ds.report_with(
        cat,
        &ReportFilter {
            land: Some(Bundesland::Hamburg),
            ..ReportFilter::default()
        },
    );
    assert_eq!(hh.entries, 0);
}

#[test]
fn themenfeld_filter_restricts_entries_and_table() {
    let ds = Dataset::example();
    let cat = Catalogue::embedded();
    let all = ds.report(cat);
    let covered: Vec<Themenfeld> = all
        .themenfelder
        .iter()
        .filter(|t| t.live_leistungen > 0)
        .map(|t| t.themenfeld)
        .collect();
    assert!(!covered.is_empty());
    let mut sum_live = 0;
    for tf in Themenfeld::all() {
        let r = ds.report_with(
            cat,
            &ReportFilter {
                themenfeld: Some(*tf),
                ..ReportFilter::default()
            },
        );
        assert_eq!(r.themenfelder.len(), 1);
        assert_eq!(r.themenfelder[0].themenfeld, *tf);
        assert!(r.entries <= all.entries);
        if !covered.contains(tf) {
            assert_eq!(r.themenfelder[0].live_leistungen, 0);
        }
        sum_live += r.live_entries;
    }
    // Every live entry's Onlinedienst has at least one Themenfeld.
    assert!(sum_live >= all.live_entries);
}

#[test]
fn amt_serves_its_gemeinden_and_kreis_serves_all() {
    let ds = with_amt();
    let amt = ds.verwaltungen.last().unwrap();
    let n = verband_gemeinden();
    assert!(n > 1, "the Amt has several Gemeinden");
    assert_eq!(served_gemeinden(amt).len(), n);
    let kreis = ds
        .verwaltungen
        .iter()
        .find(|v| v.kind == VerwaltungKind::Kreis)
        .unwrap();
    let all_dithmarschen = served_gemeinden(kreis).len();
    assert_eq!(all_dithmarschen, 116);

    let r = ds.report(Catalogue::embedded());
    let dith = r
        .kreise
        .iter()
        .find(|k| k.kreis == Some("01051".parse().unwrap()))
        .unwrap();
    assert_eq!(dith.gemeinden, 116);
    assert_eq!(dith.verwaltungen, 2);
    // The Kreisverwaltung is live in the example: Kreis-level Leistungen reach every Gemeinde;
    // at the municipal level only the Amt's Gemeinden are served.
    assert_eq!(dith.gemeinden_served, 116);
    assert_eq!(dith.gemeinden_served_municipal, n);

    assert_eq!(r.gemeindeverbaende.len(), 1);
    let gv = &r.gemeindeverbaende[0];
    assert_eq!(gv.ars.to_string(), "010515163");
    assert_eq!(gv.name, "Amt Test");
    assert_eq!((gv.verwaltungen, gv.verwaltungen_live), (1, 1));
    assert_eq!((gv.gemeinden, gv.gemeinden_served), (n, n));

    // The Amt filter selects the Amt alone.
    let only = ds.report_with(
        Catalogue::embedded(),
        &ReportFilter {
            amt: Some("010515163".parse().unwrap()),
            ..ReportFilter::default()
        },
    );
    assert_eq!(
        (only.verwaltungen, only.entries, only.live_entries),
        (1, 1, 1)
    );
}

#[test]
fn withdrawn_amt_serves_nobody() {
    let mut ds = with_amt();
    let last = ds.rollout.last_mut().unwrap();
    last.status = RolloutStatus::Withdrawn;
    last.history.clear();
    let r = ds.report(Catalogue::embedded());
    let dith = r
        .kreise
        .iter()
        .find(|k| k.kreis == Some("01051".parse().unwrap()))
        .unwrap();
    assert_eq!(dith.gemeinden_served_municipal, 0);
    assert_eq!(r.gemeindeverbaende[0].verwaltungen_live, 0);
    // Its Gemeinden are still reached by the live Kreisverwaltung (Kreis-level Leistungen).
    assert_eq!(r.gemeindeverbaende[0].gemeinden_served, verband_gemeinden());
}

#[test]
fn report_json_round_trips_with_sources() {
    let r = with_amt().report(Catalogue::embedded());
    assert_eq!(r.sources.catalogue_as_of.to_string(), "2019-10-05");
    let json = serde_json::to_value(&r).unwrap();
    assert!(json.get("filter").is_none(), "empty filter is omitted");
    assert!(json["sources"]["catalogueAsOf"].is_string());
    assert!(json["kreise"][0]["gemeindenServed"].is_number());
    let back: ozg_core::RolloutReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
}
