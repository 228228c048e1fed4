//! Rollout lifecycle per Verwaltung × Onlinedienst.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use ozg_core::agreement::{Lifecycle, TransitionError};
use ozg_core::rollout::{ProgrammePhase, RolloutEntry, RolloutStatus};
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn entry() -> RolloutEntry {
    RolloutEntry::new(
        "kiel".parse().unwrap(),
        "wohngeld".parse().unwrap(),
        ProgrammePhase::Pilot,
        d("2022-02-01"),
    )
}

#[test]
fn lifecycle_table() {
    use RolloutStatus::*;
    let allowed: Vec<(RolloutStatus, Vec<RolloutStatus>)> = RolloutStatus::ALL
        .iter()
        .map(|s| (*s, s.allowed_next().to_vec()))
        .collect();
    assert_eq!(
        allowed,
        vec![
            (Ordered, vec![Agreed, Withdrawn]),
            (Agreed, vec![Configured, Withdrawn]),
            (Configured, vec![Live, Withdrawn]),
            (Live, vec![Withdrawn]),
            (Withdrawn, vec![]),
        ]
    );
}

#[test]
fn every_illegal_transition_is_a_typed_error() {
    for &from in RolloutStatus::ALL {
        for &to in RolloutStatus::ALL {
            let mut e = entry();
            e.status = from;
            let before = e.clone();
            match e.transition(to, d("2022-03-01")) {
                Ok(()) => assert!(from.can_transition_to(to), "{from} -> {to} accepted"),
                Err(err) => {
                    assert!(!from.can_transition_to(to), "{from} -> {to} rejected");
                    assert_eq!(
                        err,
                        TransitionError::Illegal {
                            from,
                            to,
                            allowed: from.allowed_next().to_vec()
                        }
                    );
                    assert_eq!(e, before);
                }
            }
        }
    }
}

#[test]
fn happy_path_sets_go_live_and_history() {
    let mut e = entry();
    e.go_live = Some(d("2022-06-01")); // planned
    e.transition(RolloutStatus::Agreed, d("2022-03-01"))
        .unwrap();
    e.transition_with_note(
        RolloutStatus::Configured,
        d("2022-04-01"),
        Some("ZuFiSH gepflegt".into()),
    )
    .unwrap();
    assert!(!e.is_live());
    e.transition(RolloutStatus::Live, d("2022-05-16")).unwrap();
    assert!(e.is_live());
    assert_eq!(
        e.go_live,
        Some(d("2022-05-16")),
        "actual go-live replaces the planned date"
    );
    assert_eq!(e.go_live_date(), Some(d("2022-05-16")));
    assert_eq!(e.ordered_on(), Some(d("2022-02-01")));
    assert_eq!(e.status_on(d("2022-01-31")), None);
    assert_eq!(e.status_on(d("2022-03-31")), Some(RolloutStatus::Agreed));
    assert_eq!(e.status_on(d("2022-05-16")), Some(RolloutStatus::Live));
    // switched off again
    e.transition(RolloutStatus::Withdrawn, d("2023-01-01"))
        .unwrap();
    assert_eq!(e.history.len(), 5);
    assert_eq!(e.go_live_date(), Some(d("2022-05-16")));
    let err = e
        .transition(RolloutStatus::Ordered, d("2023-02-01"))
        .unwrap_err();
    assert!(err.to_string().contains("none (final status)"), "{err}");
}

#[test]
fn transition_before_last_entry_is_an_error() {
    let mut e = entry();
    let err = e
        .transition(RolloutStatus::Agreed, d("2022-01-31"))
        .unwrap_err();
    assert_eq!(
        err,
        TransitionError::BeforeLastEntry {
            to: RolloutStatus::Agreed,
            date: d("2022-01-31"),
            last: d("2022-02-01")
        }
    );
    assert_eq!(
        err.to_string(),
        "transition to agreed dated 2022-01-31 lies before the last history entry (2022-02-01)"
    );
    assert_eq!(e.status, RolloutStatus::Ordered);
    assert_eq!(e.history.len(), 1);
}

#[test]
fn json_shape() {
    let mut e = entry();
    e.transition(RolloutStatus::Agreed, d("2022-03-01"))
        .unwrap();
    e.agreement = Some("nv-kiel".parse().unwrap());
    e.zufi_entry =
        Some(serde_json::from_value(json!({"maintained": true, "reference": "OE-1"})).unwrap());
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(
        v,
        json!({
            "verwaltung": "kiel", "onlinedienst": "wohngeld", "phase": "pilot", "status": "agreed",
            "history": [{"date": "2022-02-01", "status": "ordered"}, {"date": "2022-03-01", "status": "agreed"}],
            "agreement": "nv-kiel", "zufiEntry": {"maintained": true, "reference": "OE-1"}
        })
    );
    assert_eq!(serde_json::from_value::<RolloutEntry>(v).unwrap(), e);
    assert_eq!(
        serde_json::to_value(ProgrammePhase::AreaWide).unwrap(),
        "area_wide"
    );
    assert!(serde_json::from_value::<RolloutEntry>(json!({
        "verwaltung": "kiel", "onlinedienst": "wohngeld", "phase": "flaeche", "status": "ordered"
    }))
    .is_err());
}
