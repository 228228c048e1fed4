//! Rollout tracking (Kommunaler OZG-Rollout) per Verwaltung × Onlinedienst.
//!
//! The steps named by the sources are: order in the shop, formal declaration of reuse, choice of the
//! delivery channel, ZuFiSH entry, go-live. The status names `ordered → agreed → configured → live`
//! with the side exit `withdrawn` are a modelling proposal; the sources give steps, not state names.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agreement::{Lifecycle, TransitionError, check_transition};
use crate::id::{AgreementId, ChannelId, OnlinedienstId, VerwaltungId};

/// Programme phase (Projektphase) of the SH Kommunaler OZG-Rollout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgrammePhase {
    /// Pilotierung with the Pilotkommunen (project ended 31 March 2022).
    Pilot,
    /// Flächendeckender Rollout (area-wide rollout, from 2022).
    AreaWide,
}

impl ProgrammePhase {
    /// Every phase.
    pub const ALL: &'static [ProgrammePhase] = &[ProgrammePhase::Pilot, ProgrammePhase::AreaWide];

    /// The snake_case code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            ProgrammePhase::Pilot => "pilot",
            ProgrammePhase::AreaWide => "area_wide",
        }
    }
}

impl fmt::Display for ProgrammePhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Rollout status of one Verwaltung × Onlinedienst (modelling proposal, see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RolloutStatus {
    /// Bestellt (ordered in the shop).
    Ordered,
    /// Vereinbart (reuse formally declared / agreement signed).
    Agreed,
    /// Konfiguriert (delivery channel and ZuFi entry set up).
    Configured,
    /// Live (online for citizens).
    Live,
    /// Zurückgezogen (withdrawn, or switched off after going live).
    Withdrawn,
}

impl RolloutStatus {
    /// Every status in lifecycle order.
    pub const ALL: &'static [RolloutStatus] = &[
        RolloutStatus::Ordered,
        RolloutStatus::Agreed,
        RolloutStatus::Configured,
        RolloutStatus::Live,
        RolloutStatus::Withdrawn,
    ];

    /// The snake_case code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            RolloutStatus::Ordered => "ordered",
            RolloutStatus::Agreed => "agreed",
            RolloutStatus::Configured => "configured",
            RolloutStatus::Live => "live",
            RolloutStatus::Withdrawn => "withdrawn",
        }
    }
}

impl fmt::Display for RolloutStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Lifecycle for RolloutStatus {
    fn allowed_next(self) -> &'static [Self] {
        use RolloutStatus::*;
        match self {
            Ordered => &[Agreed, Withdrawn],
            Agreed => &[Configured, Withdrawn],
            Configured => &[Live, Withdrawn],
            Live => &[Withdrawn],
            Withdrawn => &[],
        }
    }
}

/// One dated entry of a rollout entry's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolloutEvent {
    /// Date the status was reached.
    pub date: NaiveDate,
    /// The status reached.
    pub status: RolloutStatus,
    /// Note (Vermerk), where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// State of the entry in the Zuständigkeitsfinder (ZuFi / ZuFiSH): Leistung, Organisationseinheit,
/// Onlinedienst link and Kommunikationskanal maintained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ZufiEntry {
    /// Whether the ZuFi entry is maintained (gepflegt).
    pub maintained: bool,
    /// Reference of the entry (e.g. the Organisationseinheit id in ZuFiSH), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Rollout entry (Rollout-Eintrag): one Onlinedienst at one Verwaltung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolloutEntry {
    /// The Verwaltung that connects the Onlinedienst.
    pub verwaltung: VerwaltungId,
    /// The Onlinedienst.
    pub onlinedienst: OnlinedienstId,
    /// Programme phase (Pilot or flächendeckend).
    pub phase: ProgrammePhase,
    /// Current status.
    pub status: RolloutStatus,
    /// Status history, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<RolloutEvent>,
    /// The agreement that covers this use, where recorded; if absent the check looks for an
    /// agreement covering the Onlinedienst with the Verwaltung as a party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementId>,
    /// The delivery channel used, where recorded; if absent the check looks for a channel of the
    /// Verwaltung that applies to the Onlinedienst.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ChannelId>,
    /// ZuFi entry state, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zufi_entry: Option<ZufiEntry>,
    /// Go-live date (Go-Live-Termin): planned while not live, actual once live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_live: Option<NaiveDate>,
}

impl RolloutEntry {
    /// A new entry in status `ordered` with a history entry dated `ordered_on`.
    pub fn new(
        verwaltung: VerwaltungId,
        onlinedienst: OnlinedienstId,
        phase: ProgrammePhase,
        ordered_on: NaiveDate,
    ) -> Self {
        RolloutEntry {
            verwaltung,
            onlinedienst,
            phase,
            status: RolloutStatus::Ordered,
            history: vec![RolloutEvent {
                date: ordered_on,
                status: RolloutStatus::Ordered,
                note: None,
            }],
            agreement: None,
            channel: None,
            zufi_entry: None,
            go_live: None,
        }
    }

    /// Moves the entry to `to` on `date`, appending to the history. Going live sets `go_live` to
    /// `date` (the actual date replaces a planned one).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ozg_core::rollout::{ProgrammePhase, RolloutEntry, RolloutStatus};
    /// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    /// let mut e = RolloutEntry::new("kiel".parse().unwrap(), "wohngeld".parse().unwrap(),
    ///     ProgrammePhase::AreaWide, d("2022-05-02"));
    /// assert!(e.transition(RolloutStatus::Live, d("2022-06-01")).is_err());
    /// e.transition(RolloutStatus::Agreed, d("2022-05-20")).unwrap();
    /// assert!(e.transition(RolloutStatus::Configured, d("2022-05-19")).is_err()); // before last entry
    /// e.transition(RolloutStatus::Configured, d("2022-06-01")).unwrap();
    /// e.transition(RolloutStatus::Live, d("2022-07-01")).unwrap();
    /// assert_eq!(e.go_live, Some(d("2022-07-01")));
    /// ```
    pub fn transition(
        &mut self,
        to: RolloutStatus,
        date: NaiveDate,
    ) -> Result<(), TransitionError<RolloutStatus>> {
        self.transition_with_note(to, date, None)
    }

    /// Like [`RolloutEntry::transition`], with a note in the history entry.
    pub fn transition_with_note(
        &mut self,
        to: RolloutStatus,
        date: NaiveDate,
        note: Option<String>,
    ) -> Result<(), TransitionError<RolloutStatus>> {
        check_transition(self.status, to, date, self.history.last().map(|e| e.date))?;
        self.status = to;
        self.history.push(RolloutEvent {
            date,
            status: to,
            note,
        });
        if to == RolloutStatus::Live {
            self.go_live = Some(date);
        }
        Ok(())
    }

    /// Date of the first `ordered` history entry.
    pub fn ordered_on(&self) -> Option<NaiveDate> {
        self.history
            .iter()
            .find(|e| e.status == RolloutStatus::Ordered)
            .map(|e| e.date)
    }

    /// The go-live date of a live (or formerly live) entry: `goLive`, else the date of the `live`
    /// history entry.
    pub fn go_live_date(&self) -> Option<NaiveDate> {
        self.go_live.or_else(|| {
            self.history
                .iter()
                .find(|e| e.status == RolloutStatus::Live)
                .map(|e| e.date)
        })
    }

    /// Whether the entry is live now.
    pub fn is_live(&self) -> bool {
        self.status == RolloutStatus::Live
    }

    /// The status on `date` according to the history (`None` before the first entry).
    pub fn status_on(&self, date: NaiveDate) -> Option<RolloutStatus> {
        self.history
            .iter()
            .take_while(|e| e.date <= date)
            .last()
            .map(|e| e.status)
    }
}
