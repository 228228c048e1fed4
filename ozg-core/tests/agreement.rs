//! Agreement lifecycle, `in_force_on`, coverage and the serde shape of cost models and terms.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use ozg_core::agreement::{
    Agreement, AgreementKind, AgreementStatus, CostModel, CostPeriod, Lifecycle, Term,
    TransitionError,
};
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn agreement(term: Term) -> Agreement {
    Agreement::new(
        "nv-kiel".parse().unwrap(),
        AgreementKind::Nutzervereinbarung,
        "NV",
        term,
        d("2022-01-03"),
    )
}

fn in_force(term: Term) -> Agreement {
    let mut a = agreement(term);
    a.transition(AgreementStatus::SentForSignature, d("2022-01-10"), None)
        .unwrap();
    a.transition(AgreementStatus::Signed, d("2022-02-01"), None)
        .unwrap();
    a.transition(
        AgreementStatus::InForce,
        d("2022-03-01"),
        Some("gegengezeichnet".into()),
    )
    .unwrap();
    a
}

#[test]
fn lifecycle_table() {
    use AgreementStatus::*;
    let allowed: Vec<(AgreementStatus, Vec<AgreementStatus>)> = AgreementStatus::ALL
        .iter()
        .map(|s| (*s, s.allowed_next().to_vec()))
        .collect();
    assert_eq!(
        allowed,
        vec![
            (Draft, vec![SentForSignature]),
            (SentForSignature, vec![Signed, Draft]),
            (Signed, vec![InForce]),
            (InForce, vec![Terminated, Expired]),
            (Terminated, vec![]),
            (Expired, vec![]),
        ]
    );
}

#[test]
fn every_illegal_transition_is_a_typed_error() {
    for &from in AgreementStatus::ALL {
        for &to in AgreementStatus::ALL {
            let mut a = agreement(Term::from(d("2022-01-01")));
            a.status = from;
            let before = a.clone();
            let result = a.transition(to, d("2022-06-01"), None);
            if from.can_transition_to(to) {
                assert!(result.is_ok(), "{from} -> {to}");
                assert_eq!(a.status, to);
                assert_eq!(
                    a.history.last().map(|e| (e.date, e.status)),
                    Some((d("2022-06-01"), to))
                );
            } else {
                let err = result.unwrap_err();
                assert_eq!(
                    err,
                    TransitionError::Illegal {
                        from,
                        to,
                        allowed: from.allowed_next().to_vec()
                    }
                );
                assert_eq!(a, before, "failed transition must not change the agreement");
            }
        }
    }
}

#[test]
fn error_messages_name_the_allowed_steps() {
    let mut a = agreement(Term::from(d("2022-01-01")));
    let err = a
        .transition(AgreementStatus::InForce, d("2022-01-04"), None)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "illegal transition from draft to in_force; allowed from draft: sent_for_signature"
    );
    let mut done = in_force(Term::from(d("2022-03-01")));
    done.transition(AgreementStatus::Expired, d("2023-01-01"), None)
        .unwrap();
    let err = done
        .transition(AgreementStatus::InForce, d("2023-02-01"), None)
        .unwrap_err();
    assert!(
        err.to_string()
            .ends_with("allowed from expired: none (final status)"),
        "{err}"
    );
}

#[test]
fn transition_before_last_entry_is_an_error() {
    let mut a = agreement(Term::from(d("2022-01-01")));
    let err = a
        .transition(AgreementStatus::SentForSignature, d("2022-01-02"), None)
        .unwrap_err();
    assert_eq!(
        err,
        TransitionError::BeforeLastEntry {
            to: AgreementStatus::SentForSignature,
            date: d("2022-01-02"),
            last: d("2022-01-03")
        }
    );
    assert_eq!(a.status, AgreementStatus::Draft);
    // the same day is fine
    a.transition(AgreementStatus::SentForSignature, d("2022-01-03"), None)
        .unwrap();
    // rejection back to draft
    a.transition(
        AgreementStatus::Draft,
        d("2022-01-05"),
        Some("abgelehnt".into()),
    )
    .unwrap();
    assert_eq!(a.history.len(), 3);
    assert_eq!(a.status_since(), Some(d("2022-01-05")));
}

#[test]
fn in_force_on_uses_history_and_term() {
    let a = in_force(Term {
        start: d("2022-03-01"),
        end: Some(d("2023-12-31")),
        notice_period_months: Some(3),
        auto_renew: false,
    });
    assert!(!a.in_force_on(d("2022-02-28")));
    assert!(
        a.in_force_on(d("2022-03-01")),
        "in force on the day it reached in_force"
    );
    assert!(a.in_force_on(d("2023-12-31")), "term end is inclusive");
    assert!(!a.in_force_on(d("2024-01-01")), "after the term");
    assert_eq!(a.in_force_since(), Some(d("2022-03-01")));

    // terminated: not in force from the termination date on
    let mut t = a.clone();
    t.transition(AgreementStatus::Terminated, d("2022-09-30"), None)
        .unwrap();
    assert!(t.in_force_on(d("2022-09-29")));
    assert!(!t.in_force_on(d("2022-09-30")));
    assert_eq!(t.ended_on(), Some(d("2022-09-30")));
    assert_eq!(
        t.not_in_force_reason(d("2022-10-01")).as_deref(),
        Some("ended on 2022-09-30")
    );

    // in_force reached before the term starts: only in force from the term start
    let early = in_force(Term::from(d("2022-04-01")));
    assert!(!early.in_force_on(d("2022-03-15")));
    assert!(early.in_force_on(d("2022-04-01")));
    assert!(
        early
            .not_in_force_reason(d("2022-03-15"))
            .unwrap()
            .contains("outside the term")
    );

    // signed only: never in force, whatever the term
    let mut signed = agreement(Term::from(d("2020-01-01")));
    signed
        .transition(AgreementStatus::SentForSignature, d("2022-01-10"), None)
        .unwrap();
    signed
        .transition(AgreementStatus::Signed, d("2022-02-01"), None)
        .unwrap();
    assert!(!signed.in_force_on(d("2022-06-01")));
    assert_eq!(
        signed.not_in_force_reason(d("2022-06-01")).as_deref(),
        Some("never reached in_force (status signed)")
    );
}

#[test]
fn covers_and_parties() {
    let a: Agreement = serde_json::from_value(json!({
        "id": "avv", "kind": "avv", "title": "AVV",
        "parties": [{"org": "kiel", "name": "Kiel", "roles": ["verantwortlicher"]},
                    {"name": "FITKO AöR", "roles": ["auftragsverarbeiter"]}],
        "onlinedienste": ["wohngeld"], "leistungen": ["99107023017000"],
        "term": {"start": "2022-01-01"}, "status": "draft"
    }))
    .unwrap();
    assert!(a.covers(&"wohngeld".parse().unwrap()));
    assert!(!a.covers(&"bauantrag".parse().unwrap()));
    assert!(a.covers_leistung(&"99107023017000".parse().unwrap()));
    assert!(!a.covers_leistung(&"10092".parse().unwrap()));
    assert!(a.has_party("kiel"));
    assert!(!a.has_party("FITKO AöR"));
    assert_eq!(
        a.cost_model,
        CostModel::Unspecified,
        "missing costModel is unspecified"
    );
    assert!(a.history.is_empty());
}

#[test]
fn cost_model_and_term_json() {
    let cases = [
        json!({"type": "unspecified"}),
        json!({"type": "kostenfrei"}),
        json!({"type": "umlage", "basis": "Einwohnerzahl"}),
        json!({"type": "betriebskostenanteil", "amountEurCents": 123456, "period": "yearly"}),
        json!({"type": "pauschal", "amountEurCents": 5000, "period": "once"}),
        json!({"type": "pauschal"}),
        json!({"type": "other", "description": "nach Aufwand", "amountEurCents": 0}),
    ];
    for case in cases {
        let c: CostModel = serde_json::from_value(case.clone()).unwrap();
        assert_eq!(serde_json::to_value(&c).unwrap(), case);
    }
    let c: CostModel =
        serde_json::from_value(json!({"type": "umlage", "period": "monthly"})).unwrap();
    assert_eq!(
        c,
        CostModel::Umlage {
            basis: None,
            amount_eur_cents: None,
            period: Some(CostPeriod::Monthly)
        }
    );
    for bad in [
        json!({"type": "pauschal", "amountEurCents": -1}),
        json!({"type": "pauschal", "amountEurCents": 12.5}),
        json!({"type": "pauschal", "amount": 5}),
        json!({"type": "other"}),
        json!({"type": "gratis"}),
    ] {
        assert!(
            serde_json::from_value::<CostModel>(bad.clone()).is_err(),
            "{bad}"
        );
    }
    let t: Term = serde_json::from_value(
        json!({"start": "2022-01-01", "noticePeriodMonths": 6, "autoRenew": true}),
    )
    .unwrap();
    assert_eq!(t.notice_period_months, Some(6));
    assert!(t.auto_renew && t.end.is_none());
    assert_eq!(
        serde_json::to_value(Term::from(d("2022-01-01"))).unwrap(),
        json!({"start": "2022-01-01"})
    );
    assert!(serde_json::from_value::<Term>(json!({"end": "2022-01-01"})).is_err());
}

#[test]
fn agreement_json_round_trip_with_everything() {
    let mut a = in_force(Term::from(d("2022-03-01")));
    a.avv = Some(serde_json::from_value(json!({
        "purpose": "Betrieb", "dataCategories": ["Kontaktdaten"], "dataSubjects": ["Antragstellende"],
        "subProcessors": [{"name": "RZ"}], "toms": ["Anlage IV"], "duration": "Laufzeit"
    })).unwrap());
    a.documents = vec![
        serde_json::from_value(json!({"kind": "art26_vereinbarung", "title": "Art. 26"})).unwrap(),
    ];
    a.cost_model = CostModel::Kostenfrei;
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["status"], "in_force");
    assert_eq!(v["history"][3]["note"], "gegengezeichnet");
    assert_eq!(v["kind"], "nutzervereinbarung");
    assert_eq!(serde_json::from_value::<Agreement>(v).unwrap(), a);
    for (kind, code) in [
        (AgreementKind::Avv, "avv"),
        (
            AgreementKind::GemeinsameVerantwortung,
            "gemeinsame_verantwortung",
        ),
        (AgreementKind::Nachnutzungsvertrag, "nachnutzungsvertrag"),
    ] {
        assert_eq!(serde_json::to_value(kind).unwrap(), code);
        assert_eq!(kind.code(), code);
    }
}

#[test]
fn transition_errors_convert_into_the_crate_error() {
    fn advance(a: &mut Agreement) -> ozg_core::error::Result<()> {
        a.transition(AgreementStatus::Signed, d("2022-01-04"), None)?;
        Ok(())
    }
    let mut a = agreement(Term::from(d("2022-01-01")));
    let err = advance(&mut a).unwrap_err();
    assert!(
        matches!(
            err,
            ozg_core::error::Error::AgreementTransition(TransitionError::Illegal { .. })
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("illegal transition from draft to signed")
    );
}
