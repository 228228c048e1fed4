//! Building the report: one pass over the rollout entries, one over the Verwaltungen.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::area::{self, is_municipal, verband_of};
use super::filter::kreis_of;
use super::{
    Blocker, BlockerKind, BlockerReason, GemeindeverbandCoverage, KreisCoverage, PhaseCount,
    ReportFilter, ReportSources, RolloutReport, StatusCount, ThemenfeldCoverage,
};
use crate::catalogue::Catalogue;
use crate::code::{CodeList, Themenfeld};
use crate::dataset::{Dataset, Index};
use crate::id::{Ags, ArsPrefix, KreisKey, OzgId};
use crate::org::{Verwaltung, VerwaltungKind};
use crate::rollout::{ProgrammePhase, RolloutEntry, RolloutStatus};

impl RolloutReport {
    /// Builds the report of the whole dataset (same as [`Dataset::report`]).
    ///
    /// ```
    /// use ozg_core::{catalogue::Catalogue, dataset::Dataset};
    /// let report = Dataset::example().report(Catalogue::embedded());
    /// assert!(report.live_entries > 0);
    /// println!("{report}");
    /// ```
    pub fn build(ds: &Dataset, catalogue: &Catalogue) -> RolloutReport {
        Self::build_with(ds, catalogue, &ReportFilter::default())
    }

    /// Builds the report of the scope `filter` selects (same as [`Dataset::report_with`]).
    pub fn build_with(ds: &Dataset, catalogue: &Catalogue, filter: &ReportFilter) -> RolloutReport {
        let index = Index::new(ds);

        // OZG-Leistungen per Onlinedienst (each Onlinedienst resolved once).
        let ozg_of: HashMap<&str, BTreeSet<OzgId>> = ds
            .onlinedienste
            .iter()
            .map(|o| (o.id.as_str(), o.ozg_leistungen(catalogue)))
            .collect();
        let in_themenfeld = |e: &RolloutEntry, tf: Themenfeld| {
            ozg_of.get(e.onlinedienst.as_str()).is_some_and(|ids| {
                ids.iter()
                    .any(|id| catalogue.leistung(*id).is_some_and(|l| l.themenfeld == tf))
            })
        };

        // Verwaltungen in scope (first occurrence of an id, as the index).
        let scoped: Vec<&Verwaltung> = ds
            .verwaltungen
            .iter()
            .filter(|v| filter.matches_verwaltung(v))
            .collect();
        let scoped_ids: HashSet<&str> = scoped.iter().map(|v| v.id.as_str()).collect();
        let entry_in_scope = |e: &RolloutEntry| {
            (!filter.restricts_area() || scoped_ids.contains(e.verwaltung.as_str()))
                && filter.themenfeld.is_none_or(|tf| in_themenfeld(e, tf))
        };

        // The one pass over the entries.
        let mut status_phase: HashMap<(RolloutStatus, ProgrammePhase), usize> = HashMap::new();
        let mut live_by_verwaltung: HashMap<&str, usize> = HashMap::new();
        let mut live_services: BTreeSet<&str> = BTreeSet::new();
        let mut entries = 0;
        let mut live_entries = 0;
        let mut blockers = Vec::new();
        for (i, e) in ds.rollout.iter().enumerate() {
            if !entry_in_scope(e) {
                continue;
            }
            entries += 1;
            *status_phase.entry((e.status, e.phase)).or_default() += 1;
            if e.is_live() {
                live_entries += 1;
                *live_by_verwaltung.entry(e.verwaltung.as_str()).or_default() += 1;
                live_services.insert(e.onlinedienst.as_str());
            } else {
                blockers.push(blocker(&index, i, e));
            }
        }
        let count = |s, p| status_phase.get(&(s, p)).copied().unwrap_or(0);
        let by_status = RolloutStatus::ALL
            .iter()
            .map(|&status| {
                let pilot = count(status, ProgrammePhase::Pilot);
                let area_wide = count(status, ProgrammePhase::AreaWide);
                StatusCount {
                    status,
                    total: pilot + area_wide,
                    pilot,
                    area_wide,
                }
            })
            .collect();
        let by_phase = ProgrammePhase::ALL
            .iter()
            .map(|&phase| PhaseCount {
                phase,
                total: RolloutStatus::ALL.iter().map(|&s| count(s, phase)).sum(),
                live: count(RolloutStatus::Live, phase),
            })
            .collect();

        // Themenfeld coverage.
        let live_ozg: BTreeSet<OzgId> = live_services
            .iter()
            .filter_map(|id| ozg_of.get(id))
            .flatten()
            .copied()
            .collect();
        let themenfelder = Themenfeld::all()
            .iter()
            .filter(|tf| filter.themenfeld.is_none_or(|f| f == **tf))
            .map(|&tf| {
                let in_tf: Vec<OzgId> = catalogue.by_themenfeld(tf).map(|l| l.id).collect();
                let live_ozg_ids: Vec<OzgId> = in_tf
                    .iter()
                    .copied()
                    .filter(|id| live_ozg.contains(id))
                    .collect();
                ThemenfeldCoverage {
                    themenfeld: tf,
                    live_leistungen: live_ozg_ids.len(),
                    total_leistungen: in_tf.len(),
                    live_ozg_ids,
                }
            })
            .collect();

        let (kreise, gemeindeverbaende, verwaltungen_live) = areas(&scoped, &live_by_verwaltung);

        let (gemeindeverzeichnis_source, gemeindeverzeichnis_as_of) = area::register_source();
        RolloutReport {
            title: ds.title.clone(),
            example: ds.example,
            entries,
            live_entries,
            verwaltungen: scoped.len(),
            verwaltungen_live,
            onlinedienste_live: live_services.len(),
            by_status,
            by_phase,
            themenfelder,
            kreise,
            gemeindeverbaende,
            blockers,
            filter: filter.clone(),
            sources: ReportSources {
                catalogue_source: catalogue.meta().source.clone(),
                catalogue_as_of: catalogue.meta().as_of,
                gemeindeverzeichnis_source,
                gemeindeverzeichnis_as_of,
            },
        }
    }
}

/// Coverage per Kreis and per Gemeindeverband, and the number of live Verwaltungen.
fn areas(
    scoped: &[&Verwaltung],
    live_by_verwaltung: &HashMap<&str, usize>,
) -> (Vec<KreisCoverage>, Vec<GemeindeverbandCoverage>, usize) {
    struct Area {
        cov: KreisCoverage,
        served: HashSet<Ags>,
        served_municipal: HashSet<Ags>,
    }
    struct Verband {
        name: Option<(bool, String)>,
        kreis: KreisKey,
        verwaltungen: usize,
        verwaltungen_live: usize,
        listed: HashSet<Ags>,
        served: HashSet<Ags>,
    }
    let mut kreise: BTreeMap<(bool, Option<KreisKey>), Area> = BTreeMap::new();
    let mut verbaende: BTreeMap<ArsPrefix, Verband> = BTreeMap::new();
    let mut verwaltungen_live = 0;
    // Gemeinden served by live Kreis-level Verwaltungen, per Kreis (for the Gemeindeverbände).
    let mut served_all: HashSet<Ags> = HashSet::new();
    for v in scoped {
        let kreis = kreis_of(v);
        let live = live_by_verwaltung.get(v.id.as_str()).copied().unwrap_or(0);
        let served = area::served_gemeinden(v);
        let a = kreise
            .entry((kreis.is_none(), kreis))
            .or_insert_with(|| Area {
                cov: KreisCoverage {
                    kreis,
                    name: kreis.and_then(area::kreis_name),
                    verwaltungen: 0,
                    verwaltungen_live: 0,
                    live_entries: 0,
                    gemeinden: kreis.map_or(0, |k| area::gemeinden_of_kreis(k).len()),
                    gemeinden_served: 0,
                    gemeinden_served_municipal: 0,
                },
                served: HashSet::new(),
                served_municipal: HashSet::new(),
            });
        a.cov.verwaltungen += 1;
        a.cov.live_entries += live;
        if live > 0 {
            verwaltungen_live += 1;
            a.cov.verwaltungen_live += 1;
            // Only Gemeinden of this Kreis count for it.
            let own = served.iter().filter(|g| Some(g.kreis_key()) == kreis);
            if is_municipal(v.kind) {
                a.served_municipal.extend(own.clone());
            }
            a.served.extend(own);
            served_all.extend(served.iter().copied());
        }
        if let (Some(verband), Some(kreis)) = (verband_of(v), kreis) {
            let vb = verbaende.entry(verband).or_insert_with(|| Verband {
                name: None,
                kreis,
                verwaltungen: 0,
                verwaltungen_live: 0,
                listed: area::gemeinden_of_verband(verband).into_iter().collect(),
                served: HashSet::new(),
            });
            vb.verwaltungen += 1;
            let is_amt = v.kind == VerwaltungKind::Amt;
            if vb.name.as_ref().is_none_or(|(amt, _)| !amt && is_amt) {
                vb.name = Some((is_amt, v.name.clone()));
            }
            if v.kind != VerwaltungKind::Kreis {
                vb.listed.extend(served.iter().copied());
            }
            if live > 0 {
                vb.verwaltungen_live += 1;
            }
        }
    }
    let gemeindeverbaende = verbaende
        .into_iter()
        .map(|(ars, mut vb)| {
            vb.served = vb
                .listed
                .iter()
                .copied()
                .filter(|g| served_all.contains(g))
                .collect();
            GemeindeverbandCoverage {
                ars,
                name: vb.name.map(|(_, n)| n).unwrap_or_default(),
                kreis: vb.kreis,
                verwaltungen: vb.verwaltungen,
                verwaltungen_live: vb.verwaltungen_live,
                gemeinden: vb.listed.len(),
                gemeinden_served: vb.served.len(),
            }
        })
        .collect();
    let kreise = kreise
        .into_values()
        .map(|mut a| {
            a.cov.gemeinden_served = a.served.len();
            a.cov.gemeinden_served_municipal = a.served_municipal.len();
            // Gemeinden a Verwaltung lists but the register lacks still count as Gemeinden.
            a.cov.gemeinden = a.cov.gemeinden.max(a.cov.gemeinden_served);
            a.cov
        })
        .collect();
    (kreise, gemeindeverbaende, verwaltungen_live)
}

/// The blocker of the entry at `i` (not live).
fn blocker(index: &Index<'_>, i: usize, e: &RolloutEntry) -> Blocker {
    let mut reasons = Vec::new();
    let reason = |kind, detail: String| BlockerReason { kind, detail };
    if e.status == RolloutStatus::Withdrawn {
        reasons.push(reason(
            BlockerKind::Withdrawn,
            "the entry was withdrawn".into(),
        ));
    } else {
        if !index.verwaltungen.contains_key(e.verwaltung.as_str()) {
            reasons.push(reason(
                BlockerKind::InvalidReference,
                format!("Verwaltung {} is not in the dataset", e.verwaltung),
            ));
        }
        if !index.onlinedienste.contains_key(e.onlinedienst.as_str()) {
            reasons.push(reason(
                BlockerKind::InvalidReference,
                format!("Onlinedienst {} is not in the dataset", e.onlinedienst),
            ));
        }
        if let Err(why) = index.agreement_for(e, None) {
            reasons.push(reason(BlockerKind::NoAgreement, why));
        }
        if let Err(why) = index.channel_for(e, None) {
            reasons.push(reason(BlockerKind::NoChannel, why));
        }
        if !e.zufi_entry.as_ref().is_some_and(|z| z.maintained) {
            reasons.push(reason(
                BlockerKind::NoZufiEntry,
                "ZuFi entry missing or not maintained".into(),
            ));
        }
        if reasons.is_empty() {
            let detail = match e.go_live {
                Some(d) => format!("all prerequisites met; go-live planned for {d}"),
                None => "all prerequisites met; no go-live date set".into(),
            };
            reasons.push(reason(BlockerKind::AwaitingGoLive, detail));
        }
    }
    Blocker {
        pointer: format!("/rollout/{i}"),
        verwaltung: e.verwaltung.clone(),
        onlinedienst: e.onlinedienst.clone(),
        status: e.status,
        phase: e.phase,
        reasons,
    }
}
