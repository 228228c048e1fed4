//! Cross-check of a dataset with a Zuständigkeit index (Abgleich Rollout ↔ ZuFi).

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::channel::Zustellkanal;
use crate::dataset::Dataset;
use crate::finding::{FindingCode, Severity};
use crate::id::{ArsPrefix, LeikaKey, OnlinedienstId, ServiceRef};
use crate::org::Verwaltung;
use crate::rollout::RolloutStatus;

use super::gebiet::{PackedPrefix, normalise_ars_key};
use super::index::{SourcePosition, ZufiIndex};

/// A finding of the cross-check (Abgleichsbefund): the dataset pointer and, where the export
/// has one, the position of the Zuständigkeit concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossCheckFinding {
    /// Stable code (`zufi.live_without_zustaendigkeit`, `zufi.destination_mismatch`,
    /// `zufi.zustaendigkeit_without_agreement`).
    pub code: FindingCode,
    /// Severity.
    pub severity: Severity,
    /// JSON pointer into the dataset.
    pub pointer: String,
    /// Where in the export, when a Zuständigkeit is concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourcePosition>,
    /// What disagrees (English).
    pub message: String,
}

fn finding(
    code: FindingCode,
    pointer: String,
    source: Option<SourcePosition>,
    message: String,
) -> CrossCheckFinding {
    CrossCheckFinding {
        code,
        severity: code.severity(),
        pointer,
        source,
        message,
    }
}

/// The area of a Verwaltung: its ARS (normalised to its level, so an Amt's `010515163000` is the
/// Gemeindeverband `010515163`), else its Kreis.
fn area_of(v: &Verwaltung) -> Option<ArsPrefix> {
    if let Some(ars) = v.ars {
        return normalise_ars_key(&ars.to_string()).ok().map(|(p, _)| p);
    }
    v.kreis.map(ArsPrefix::from)
}

fn leika_keys_of(
    dataset: &Dataset,
    onlinedienst: &OnlinedienstId,
    catalogue: &Catalogue,
) -> Vec<LeikaKey> {
    let mut keys = Vec::new();
    for o in dataset
        .onlinedienste
        .iter()
        .filter(|o| &o.id == onlinedienst)
    {
        for r in &o.leistungen {
            match r {
                ServiceRef::Leika(k) => keys.push(*k),
                ServiceRef::Ozg(id) => keys.extend(catalogue.leika_of(*id).filter_map(|l| l.key)),
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Compares a dataset with an export (`ozg check DATASET --zufi EXPORT…`):
///
/// - `zufi.live_without_zustaendigkeit`: a rollout entry `live` whose Verwaltung's Gebiet is
///   served by no Zuständigkeit for any LeiKa key of the Onlinedienst (not at the Gebiet, not above
///   it, not inside it);
/// - `zufi.destination_mismatch`: a FIT-Connect channel whose Destination-ID is not the one the
///   export's signatures give for the Verwaltung's Gebiet and the channel's Leistungen;
/// - `zufi.zustaendigkeit_without_agreement`: a Zuständigkeit whose Gebiet is a Verwaltung's, for a
///   Leistung an Onlinedienst of the dataset implements, with no agreement in force on `date` that
///   covers that Onlinedienst and names the Verwaltung as a party.
///
/// Verwaltungen without ARS or Kreis cannot be placed and are left out.
pub fn cross_check(
    dataset: &Dataset,
    index: &ZufiIndex,
    catalogue: &Catalogue,
    date: NaiveDate,
) -> Vec<CrossCheckFinding> {
    let mut out = Vec::new();
    let verwaltung = |id| dataset.verwaltungen.iter().find(|v| v.id == id);
    for (i, entry) in dataset.rollout.iter().enumerate() {
        if entry.status != RolloutStatus::Live {
            continue;
        }
        let Some(area) = verwaltung(entry.verwaltung.clone()).and_then(area_of) else {
            continue;
        };
        let keys = leika_keys_of(dataset, &entry.onlinedienst, catalogue);
        if keys.is_empty() {
            continue;
        }
        let served = !index.route_keys(keys.clone(), area, None, None).is_empty()
            || index.serves_inside(&keys, area);
        if !served {
            out.push(finding(
                FindingCode::ZufiLiveWithoutZustaendigkeit,
                format!("/rollout/{i}"),
                None,
                format!(
                    "{} is live at {} (Gebiet {area}), but the export has no Zuständigkeit for {} there",
                    entry.onlinedienst,
                    entry.verwaltung,
                    short_list(&keys)
                ),
            ));
        }
    }
    for (i, channel) in dataset.channels.iter().enumerate() {
        let Zustellkanal::FitConnect { destination_id, .. } = &channel.kanal else {
            continue;
        };
        let Some(area) = verwaltung(channel.verwaltung.clone()).and_then(area_of) else {
            continue;
        };
        // A channel without a list of Onlinedienste applies to all of them.
        let mut keys: Vec<LeikaKey> = dataset
            .onlinedienste
            .iter()
            .filter(|o| channel.applies_to(&o.id))
            .flat_map(|o| leika_keys_of(dataset, &o.id, catalogue))
            .collect();
        keys.sort();
        keys.dedup();
        let route = index.route_keys(keys, area, None, None);
        let with_destination: Vec<_> = route
            .matches
            .iter()
            .filter_map(|m| m.zustaendigkeit.fit_connect_destination().map(|d| (d, m)))
            .collect();
        if with_destination.is_empty() || with_destination.iter().any(|(d, _)| d == destination_id)
        {
            continue;
        }
        let (other, m) = with_destination[0];
        out.push(finding(
            FindingCode::ZufiDestinationMismatch,
            format!("/channels/{i}/kanal/destinationId"),
            Some(m.zustaendigkeit.source.clone()),
            format!(
                "channel {} names Destination {destination_id}, the export's DestinationSignature for {} in {} names {other}",
                channel.id, m.leika_key, m.matched_gebiet
            ),
        ));
    }
    for (j, v) in dataset.verwaltungen.iter().enumerate() {
        let Some(area) = area_of(v) else { continue };
        let area = PackedPrefix::from(area);
        for z in index.zustaendigkeiten() {
            if !z.gebiete.iter().any(|g| g.ars == area) {
                continue;
            }
            let services: Vec<&OnlinedienstId> = dataset
                .onlinedienste
                .iter()
                .filter(|o| {
                    leika_keys_of(dataset, &o.id, catalogue)
                        .iter()
                        .any(|k| z.leika_keys.contains(k))
                })
                .map(|o| &o.id)
                .collect();
            if services.is_empty() {
                continue;
            }
            let agreed = dataset.agreements.iter().any(|a| {
                a.in_force_on(date)
                    && services.iter().any(|s| a.covers(s))
                    && a.parties
                        .iter()
                        .any(|p| p.org.as_deref() == Some(v.id.as_str()))
            });
            if !agreed {
                out.push(finding(
                    FindingCode::ZufiZustaendigkeitWithoutAgreement,
                    format!("/verwaltungen/{j}"),
                    Some(z.source.clone()),
                    format!(
                        "the export makes {} ({}) responsible in {area} for {}, but no agreement in force on {date} covers {} for {}",
                        &*z.organisationseinheit.id,
                        z.organisationseinheit.name.as_deref().unwrap_or("no name"),
                        &*z.leistung_id,
                        services.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
                        v.id
                    ),
                ));
            }
        }
    }
    out
}

/// At most three keys, then how many more.
fn short_list(keys: &[LeikaKey]) -> String {
    let mut s: Vec<String> = keys.iter().take(3).map(ToString::to_string).collect();
    if keys.len() > 3 {
        s.push(format!("{} more", keys.len() - 3));
    }
    s.join(", ")
}

impl ZufiIndex {
    /// Whether some Zuständigkeit for one of `keys` has a Gebiet inside `area` (below it).
    pub fn serves_inside(&self, keys: &[LeikaKey], area: ArsPrefix) -> bool {
        let a = PackedPrefix::from(area);
        self.records.iter().any(|z| {
            z.leika_keys.iter().any(|k| keys.contains(k))
                && z.gebiete.iter().any(|g| g.ars != a && a.contains(g.ars))
        })
    }
}
