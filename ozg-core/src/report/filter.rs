//! Scope of a report (Berichtsumfang): which Verwaltungen and Themenfelder it covers.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::code::CodeList;

use crate::code::{Bundesland, Themenfeld};
use crate::id::{ArsPrefix, KreisKey, VerwaltungId};
use crate::org::Verwaltung;

/// Filter of a report (Berichtsfilter). Every field that is set must match (the filters combine
/// with AND); an empty filter covers the whole dataset.
///
/// - `kreis`: Verwaltungen of this Kreis (their `kreis`, else the Kreis of their AGS or ARS);
/// - `amt`: Verwaltungen whose ARS lies under this prefix (normally the 9-digit
///   Gemeindeverband of an Amt);
/// - `land`: Verwaltungen of this Land (their `land`, else the Land of their keys);
/// - `themenfeld`: rollout entries whose Onlinedienst implements an OZG-Leistung of this
///   Themenfeld, and only this Themenfeld in the coverage table;
/// - `verwaltung`: just this Verwaltung.
///
/// Rollout entries whose Verwaltung is not in the dataset are out of scope as soon as one of the
/// area filters (`kreis`, `amt`, `land`, `verwaltung`) is set.
///
/// ```
/// use ozg_core::{catalogue::Catalogue, dataset::Dataset, report::ReportFilter};
/// let filter = ReportFilter { kreis: Some("01051".parse()?), ..ReportFilter::default() };
/// let report = Dataset::example().report_with(Catalogue::embedded(), &filter);
/// assert!(report.kreise.iter().all(|k| k.kreis == filter.kreis));
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportFilter {
    /// Only this Kreis (Kreisschlüssel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kreis: Option<KreisKey>,
    /// Only this Amt / Gemeindeverband (ARS prefix, normally 9 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amt: Option<ArsPrefix>,
    /// Only this Land.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land: Option<Bundesland>,
    /// Only this Themenfeld.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub themenfeld: Option<Themenfeld>,
    /// Only this Verwaltung.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verwaltung: Option<VerwaltungId>,
}

impl ReportFilter {
    /// Whether no filter is set (the report covers the whole dataset).
    pub fn is_empty(&self) -> bool {
        *self == ReportFilter::default()
    }

    /// Whether one of the area filters (Kreis, Amt, Land, Verwaltung) is set.
    pub fn restricts_area(&self) -> bool {
        self.kreis.is_some()
            || self.amt.is_some()
            || self.land.is_some()
            || self.verwaltung.is_some()
    }

    /// Whether the Verwaltung is in scope of the area filters.
    pub fn matches_verwaltung(&self, v: &Verwaltung) -> bool {
        if let Some(id) = &self.verwaltung {
            if &v.id != id {
                return false;
            }
        }
        if let Some(k) = self.kreis {
            if kreis_of(v) != Some(k) {
                return false;
            }
        }
        if let Some(land) = self.land {
            let of = v.land.or_else(|| kreis_of(v).map(|k| k.land()));
            if of != Some(land) {
                return false;
            }
        }
        if let Some(amt) = self.amt {
            if !v.ars.is_some_and(|a| amt.matches(&a)) {
                return false;
            }
        }
        true
    }
}

/// The Kreis of a Verwaltung: its `kreis`, else the Kreis of its AGS, else of its ARS.
pub(crate) fn kreis_of(v: &Verwaltung) -> Option<KreisKey> {
    v.kreis
        .or(v.ags.map(|a| a.kreis_key()))
        .or(v.ars.map(|a| a.kreis_key()))
}

impl fmt::Display for ReportFilter {
    /// German summary of the scope, e.g. `Kreis 01051, Themenfeld Familie & Kind`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(k) = self.kreis {
            parts.push(format!("Kreis {k}"));
        }
        if let Some(a) = self.amt {
            parts.push(format!("Amt/Gemeindeverband {a}"));
        }
        if let Some(l) = self.land {
            parts.push(format!("Land {}", l.label().unwrap_or_else(|| l.code())));
        }
        if let Some(t) = self.themenfeld {
            parts.push(format!(
                "Themenfeld {}",
                t.label().unwrap_or_else(|| t.code())
            ));
        }
        if let Some(v) = &self.verwaltung {
            parts.push(format!("Verwaltung {v}"));
        }
        if parts.is_empty() {
            f.write_str("gesamter Datenbestand")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}
