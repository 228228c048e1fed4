//! Rollout report (Rollout-Bericht): counts per status and phase, coverage per Themenfeld and per
//! Kreis, and the blockers of entries that are not live.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::code::{CodeList, Themenfeld};
use crate::dataset::{Dataset, Index};
use crate::id::{KreisKey, OnlinedienstId, OzgId, VerwaltungId};
use crate::org::Gemeindeverzeichnis;
use crate::rollout::{ProgrammePhase, RolloutStatus};

/// Number of rollout entries in one status, split by programme phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusCount {
    /// The status.
    pub status: RolloutStatus,
    /// Entries in this status, all phases.
    pub total: usize,
    /// Of these, in the Pilotphase.
    pub pilot: usize,
    /// Of these, in the flächendeckender Rollout.
    pub area_wide: usize,
}

/// Number of rollout entries in one programme phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PhaseCount {
    /// The phase.
    pub phase: ProgrammePhase,
    /// Entries in this phase.
    pub total: usize,
    /// Of these, live.
    pub live: usize,
}

/// Coverage of one Themenfeld: OZG-Leistungen with at least one live Onlinedienst somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemenfeldCoverage {
    /// The Themenfeld.
    pub themenfeld: Themenfeld,
    /// OZG-Leistungen of the Themenfeld with at least one live Onlinedienst in the dataset.
    pub live_leistungen: usize,
    /// OZG-Leistungen of the Themenfeld in the catalogue.
    pub total_leistungen: usize,
    /// The covered OZG-IDs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub live_ozg_ids: Vec<OzgId>,
}

/// Coverage of one Kreis: Verwaltungen of the dataset in it with at least one live Onlinedienst.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KreisCoverage {
    /// Kreisschlüssel; `None` groups Verwaltungen without a known Kreis (e.g. Landesbehörden).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kreis: Option<KreisKey>,
    /// Name of the Kreis / kreisfreie Stadt from the Gemeindeverzeichnis, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Verwaltungen of the dataset in this Kreis.
    pub verwaltungen: usize,
    /// Of these, with at least one live Onlinedienst.
    pub verwaltungen_live: usize,
    /// Live rollout entries in this Kreis.
    pub live_entries: usize,
}

/// Kind of blocker (Hindernis) of a rollout entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BlockerKind {
    /// The Verwaltung or Onlinedienst of the entry is not in the dataset.
    InvalidReference,
    /// No signed or in-force agreement covers the Onlinedienst for the Verwaltung.
    NoAgreement,
    /// No valid delivery channel (Zustellkanal) for the Verwaltung and Onlinedienst.
    NoChannel,
    /// The ZuFi entry is missing or not maintained.
    NoZufiEntry,
    /// The entry was withdrawn (zurückgezogen).
    Withdrawn,
    /// Nothing missing: waiting for the go-live (bereit für Go-Live).
    AwaitingGoLive,
}

impl fmt::Display for BlockerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BlockerKind::InvalidReference => "invalid_reference",
            BlockerKind::NoAgreement => "no_agreement",
            BlockerKind::NoChannel => "no_channel",
            BlockerKind::NoZufiEntry => "no_zufi_entry",
            BlockerKind::Withdrawn => "withdrawn",
            BlockerKind::AwaitingGoLive => "awaiting_go_live",
        })
    }
}

/// One reason why an entry is not live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlockerReason {
    /// Kind of blocker.
    pub kind: BlockerKind,
    /// Details (which agreement or channel, and what is wrong with it).
    pub detail: String,
}

/// Blocker (Hindernis): a rollout entry that is not live, with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Blocker {
    /// JSON pointer of the rollout entry, e.g. `/rollout/3`.
    pub pointer: String,
    /// The Verwaltung.
    pub verwaltung: VerwaltungId,
    /// The Onlinedienst.
    pub onlinedienst: OnlinedienstId,
    /// Current status.
    pub status: RolloutStatus,
    /// Programme phase.
    pub phase: ProgrammePhase,
    /// Reasons (at least one).
    pub reasons: Vec<BlockerReason>,
}

/// Rollout report (Rollout-Bericht) of a dataset against a catalogue. `Display` renders text tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolloutReport {
    /// Title of the dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether the dataset is example data (Beispieldaten; statuses illustrative).
    #[serde(default)]
    pub example: bool,
    /// Rollout entries in total.
    pub entries: usize,
    /// Live rollout entries.
    pub live_entries: usize,
    /// Verwaltungen in the dataset.
    pub verwaltungen: usize,
    /// Verwaltungen with at least one live Onlinedienst (angebunden).
    pub verwaltungen_live: usize,
    /// Distinct Onlinedienste live in at least one Verwaltung.
    pub onlinedienste_live: usize,
    /// Counts per status (every status listed, also with 0).
    pub by_status: Vec<StatusCount>,
    /// Counts per programme phase (every phase listed).
    pub by_phase: Vec<PhaseCount>,
    /// Coverage per Themenfeld (every Themenfeld listed).
    pub themenfelder: Vec<ThemenfeldCoverage>,
    /// Coverage per Kreis, sorted by Kreisschlüssel (no Kreis last).
    pub kreise: Vec<KreisCoverage>,
    /// Entries that are not live, in dataset order.
    pub blockers: Vec<Blocker>,
}

impl RolloutReport {
    /// Builds the report (same as [`Dataset::report`]).
    ///
    /// ```
    /// use ozg_core::{catalogue::Catalogue, dataset::Dataset};
    /// let report = Dataset::example().report(Catalogue::embedded());
    /// assert!(report.live_entries > 0);
    /// println!("{report}");
    /// ```
    pub fn build(ds: &Dataset, catalogue: &Catalogue) -> RolloutReport {
        let index = Index::new(ds);

        let by_status = RolloutStatus::ALL
            .iter()
            .map(|&status| {
                let of = |phase| {
                    ds.rollout
                        .iter()
                        .filter(|e| e.status == status && e.phase == phase)
                        .count()
                };
                let (pilot, area_wide) = (of(ProgrammePhase::Pilot), of(ProgrammePhase::AreaWide));
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
                total: ds.rollout.iter().filter(|e| e.phase == phase).count(),
                live: ds
                    .rollout
                    .iter()
                    .filter(|e| e.phase == phase && e.is_live())
                    .count(),
            })
            .collect();

        let live: Vec<_> = ds.rollout.iter().filter(|e| e.is_live()).collect();
        let live_services: BTreeSet<&str> = live.iter().map(|e| e.onlinedienst.as_str()).collect();
        let live_verwaltungen: BTreeSet<&str> =
            live.iter().map(|e| e.verwaltung.as_str()).collect();

        // Themenfeld coverage
        let live_ozg: BTreeSet<OzgId> = live_services
            .iter()
            .filter_map(|id| index.onlinedienste.get(id))
            .flat_map(|o| o.ozg_leistungen(catalogue))
            .collect();
        let themenfelder = Themenfeld::all()
            .iter()
            .map(|&tf| {
                let in_tf: Vec<OzgId> = catalogue
                    .leistungen()
                    .iter()
                    .filter(|l| l.themenfeld == tf)
                    .map(|l| l.id)
                    .collect();
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

        // Kreis coverage
        let de = Gemeindeverzeichnis::germany();
        let mut kreise: BTreeMap<(bool, Option<KreisKey>), KreisCoverage> = BTreeMap::new();
        for v in &ds.verwaltungen {
            let kreis = v
                .kreis
                .or(v.ags.map(|a| a.kreis_key()))
                .or(v.ars.map(|a| a.kreis_key()));
            let entry = kreise
                .entry((kreis.is_none(), kreis))
                .or_insert_with(|| KreisCoverage {
                    kreis,
                    name: kreis.and_then(|k| de.kreis(&k)).map(|k| k.name.clone()),
                    verwaltungen: 0,
                    verwaltungen_live: 0,
                    live_entries: 0,
                });
            entry.verwaltungen += 1;
            if live_verwaltungen.contains(v.id.as_str()) {
                entry.verwaltungen_live += 1;
            }
            entry.live_entries += live.iter().filter(|e| e.verwaltung == v.id).count();
        }

        // Blockers
        let blockers = ds
            .rollout
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.is_live())
            .map(|(i, e)| {
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
            })
            .collect();

        RolloutReport {
            title: ds.title.clone(),
            example: ds.example,
            entries: ds.rollout.len(),
            live_entries: live.len(),
            verwaltungen: ds.verwaltungen.len(),
            verwaltungen_live: ds
                .verwaltungen
                .iter()
                .filter(|v| live_verwaltungen.contains(v.id.as_str()))
                .count(),
            onlinedienste_live: live_services.len(),
            by_status,
            by_phase,
            themenfelder,
            kreise: kreise.into_values().collect(),
            blockers,
        }
    }
}

/// A minimal text table: left-aligned first column, right-aligned others.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Columns (0-based) that are left-aligned; the others are right-aligned.
    left: Vec<usize>,
}

impl Table {
    fn new(header: &[&str], left: &[usize]) -> Self {
        Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            left: left.to_vec(),
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn render(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cols = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: &[String]| -> fmt::Result {
            for (c, cell) in cells.iter().enumerate().take(cols) {
                let pad = widths[c].saturating_sub(cell.chars().count());
                if c > 0 {
                    f.write_str("  ")?;
                }
                if self.left.contains(&c) {
                    // no trailing blanks after the last column
                    let pad = if c + 1 == cols { 0 } else { pad };
                    write!(f, "{cell}{}", " ".repeat(pad))?;
                } else {
                    write!(f, "{}{cell}", " ".repeat(pad))?;
                }
            }
            writeln!(f)
        };
        line(f, &self.header)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(f, &rule)?;
        for row in &self.rows {
            line(f, row)?;
        }
        Ok(())
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "–".into();
    }
    format!("{:.1} %", part as f64 * 100.0 / whole as f64)
}

impl fmt::Display for RolloutReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Rollout-Bericht: {}",
            self.title.as_deref().unwrap_or("(ohne Titel)")
        )?;
        if self.example {
            writeln!(f, "Beispieldaten – Status illustrativ")?;
        }
        writeln!(
            f,
            "{} Einträge, {} live; {} von {} Verwaltungen angebunden; {} Onlinedienste live",
            self.entries,
            self.live_entries,
            self.verwaltungen_live,
            self.verwaltungen,
            self.onlinedienste_live
        )?;

        writeln!(f, "\nStatus")?;
        let mut t = Table::new(&["status", "total", "pilot", "area_wide"], &[0]);
        for s in &self.by_status {
            t.row(vec![
                s.status.to_string(),
                s.total.to_string(),
                s.pilot.to_string(),
                s.area_wide.to_string(),
            ]);
        }
        t.render(f)?;

        writeln!(f, "\nPhase")?;
        let mut t = Table::new(&["phase", "total", "live"], &[0]);
        for p in &self.by_phase {
            t.row(vec![
                p.phase.to_string(),
                p.total.to_string(),
                p.live.to_string(),
            ]);
        }
        t.render(f)?;

        writeln!(
            f,
            "\nThemenfelder (OZG-Leistungen mit mindestens einem live Onlinedienst)"
        )?;
        let mut t = Table::new(&["Themenfeld", "live", "gesamt", "Anteil"], &[0]);
        for c in &self.themenfelder {
            let name = c.themenfeld.label().unwrap_or_else(|| c.themenfeld.code());
            t.row(vec![
                name.to_owned(),
                c.live_leistungen.to_string(),
                c.total_leistungen.to_string(),
                percent(c.live_leistungen, c.total_leistungen),
            ]);
        }
        t.render(f)?;

        writeln!(
            f,
            "\nKreise (Verwaltungen mit mindestens einem live Onlinedienst)"
        )?;
        let mut t = Table::new(
            &["Kreis", "Verwaltungen", "live", "Anteil", "live Einträge"],
            &[0],
        );
        for k in &self.kreise {
            let name = match (&k.kreis, &k.name) {
                (Some(key), Some(name)) => format!("{key} {name}"),
                (Some(key), None) => key.to_string(),
                (None, _) => "(ohne Kreis)".to_owned(),
            };
            t.row(vec![
                name,
                k.verwaltungen.to_string(),
                k.verwaltungen_live.to_string(),
                percent(k.verwaltungen_live, k.verwaltungen),
                k.live_entries.to_string(),
            ]);
        }
        t.render(f)?;

        writeln!(
            f,
            "\nHindernisse ({} Einträge nicht live)",
            self.blockers.len()
        )?;
        let mut t = Table::new(
            &["Eintrag", "Verwaltung", "Onlinedienst", "Status", "Grund"],
            &[0, 1, 2, 3, 4],
        );
        for b in &self.blockers {
            for (n, r) in b.reasons.iter().enumerate() {
                let first = n == 0;
                let cell = |s: String| if first { s } else { String::new() };
                t.row(vec![
                    cell(b.pointer.clone()),
                    cell(b.verwaltung.to_string()),
                    cell(b.onlinedienst.to_string()),
                    cell(b.status.to_string()),
                    format!("{}: {}", r.kind, r.detail),
                ]);
            }
        }
        t.render(f)
    }
}
