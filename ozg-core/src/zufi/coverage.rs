//! Coverage of an area by an export: which municipal OZG-Leistungen have a responsible unit and a
//! digital channel there.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::id::{ArsLevel, ArsPrefix, LeikaKey, OzgId};

use super::gebiet::{PackedPrefix, level_name};
use super::index::ZufiIndex;

/// How far an OZG-Leistung has a responsible unit in the area (Zuständigkeitsabdeckung).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Responsibility {
    /// A Zuständigkeit's Gebiet is the area or contains it.
    Full,
    /// Only Zuständigkeiten for parts of the area (e.g. some Gemeinden of the Kreis).
    Partial,
    /// No Zuständigkeit for any of its LeiKa keys in or above the area.
    None,
}

/// What blocks an OZG-Leistung in the area (Hindernis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BlockerKind {
    /// No Zuständigkeit at all.
    NoZustaendigkeit,
    /// Zuständigkeiten only for parts of the area.
    PartialZustaendigkeit,
    /// A responsible unit, but no digital channel derivable from the export.
    NoDigitalChannel,
}

/// One OZG-Leistung of the coverage (Zeile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageRow {
    /// OZG-ID.
    pub ozg_id: OzgId,
    /// Name of the OZG-Leistung.
    pub name: String,
    /// Its municipal LeiKa keys (kommunaler Vollzug by Typisierung).
    pub leika_keys: Vec<LeikaKey>,
    /// Whether a unit is responsible.
    pub responsibility: Responsibility,
    /// Whether a digital channel (FIT-Connect destination) is derivable for a responsible unit.
    pub digital_channel: bool,
    /// Ids of the responsible Organisationseinheiten.
    pub units: Vec<String>,
    /// What blocks it, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocker: Option<BlockerKind>,
}

/// Coverage of an area (Abdeckung): per municipal OZG-Leistung of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// The area.
    pub area: PackedPrefix,
    /// Its level.
    #[serde(serialize_with = "ser_level")]
    pub level: ArsLevel,
    /// OZG-Leistungen with municipal LeiKa keys.
    pub total: usize,
    /// … of which have a unit responsible for the whole area.
    pub responsible: usize,
    /// … of which have a digital channel.
    pub digital: usize,
    /// One row per OZG-Leistung, by OZG-ID.
    pub rows: Vec<CoverageRow>,
}

fn ser_level<S: serde::Serializer>(l: &ArsLevel, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(level_name(*l))
}

impl Coverage {
    /// The rows with a blocker.
    pub fn blockers(&self) -> impl Iterator<Item = &CoverageRow> {
        self.rows.iter().filter(|r| r.blocker.is_some())
    }
}

#[derive(Default)]
struct KeyState {
    full: BTreeSet<String>,
    partial: BTreeSet<String>,
    digital: bool,
}

impl ZufiIndex {
    /// Coverage of `area` (a Kreis, an Amt/Gemeindeverband or a Gemeinde) by the export, for the
    /// OZG-Leistungen of `catalogue` executed by Kommunen (their LeiKa rows of Typisierung 2/3,
    /// 4 or 5 families).
    pub fn coverage(&self, area: ArsPrefix, catalogue: &Catalogue) -> Coverage {
        let a = PackedPrefix::from(area);
        let mut keys: HashMap<u64, KeyState> = HashMap::new();
        for z in &self.records {
            let full = z.gebiete.iter().any(|g| g.ars.contains(a));
            let partial = !full && z.gebiete.iter().any(|g| a.contains(g.ars));
            if !full && !partial {
                continue;
            }
            let digital = z.fit_connect_destination().is_some();
            for k in &z.leika_keys {
                let s = keys.entry(k.value()).or_default();
                let unit = z.organisationseinheit.id.to_string();
                if full {
                    s.full.insert(unit);
                    s.digital |= digital;
                } else {
                    s.partial.insert(unit);
                }
            }
        }
        let mut by_ozg: BTreeMap<OzgId, Vec<LeikaKey>> = BTreeMap::new();
        for row in catalogue.municipal_leistungen() {
            if let (Some(k), Some(o)) = (row.key, row.ozg_id) {
                by_ozg.entry(o).or_default().push(k);
            }
        }
        let mut rows = Vec::with_capacity(by_ozg.len());
        for (ozg_id, mut leika_keys) in by_ozg {
            leika_keys.sort();
            leika_keys.dedup();
            let mut units = BTreeSet::new();
            let mut full = false;
            let mut partial = false;
            let mut digital = false;
            for k in &leika_keys {
                if let Some(s) = keys.get(&k.value()) {
                    full |= !s.full.is_empty();
                    partial |= !s.partial.is_empty();
                    digital |= s.digital;
                    units.extend(s.full.iter().cloned());
                    units.extend(s.partial.iter().cloned());
                }
            }
            let responsibility = if full {
                Responsibility::Full
            } else if partial {
                Responsibility::Partial
            } else {
                Responsibility::None
            };
            let blocker = match responsibility {
                Responsibility::None => Some(BlockerKind::NoZustaendigkeit),
                Responsibility::Partial => Some(BlockerKind::PartialZustaendigkeit),
                Responsibility::Full if !digital => Some(BlockerKind::NoDigitalChannel),
                Responsibility::Full => None,
            };
            rows.push(CoverageRow {
                ozg_id,
                name: catalogue
                    .leistung(ozg_id)
                    .map(|l| l.name.to_string())
                    .unwrap_or_default(),
                leika_keys,
                responsibility,
                digital_channel: digital,
                units: units.into_iter().collect(),
                blocker,
            });
        }
        Coverage {
            area: a,
            level: area.level(),
            total: rows.len(),
            responsible: rows
                .iter()
                .filter(|r| r.responsibility == Responsibility::Full)
                .count(),
            digital: rows.iter().filter(|r| r.digital_channel).count(),
            rows,
        }
    }
}
