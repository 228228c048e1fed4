//! Agreements (Vereinbarungen): Nutzervereinbarung, Nachnutzungsvereinbarung/-vertrag, AVV (Art. 28
//! DSGVO), Vereinbarung über gemeinsame Verantwortlichkeit (Art. 26 DSGVO), Verwaltungsvereinbarung.
//!
//! Each [`Agreement`] has parties with roles, covered Onlinedienste and Leistungen, documents,
//! optional AVV details, a cost model, a term and a dated status history. The lifecycle
//! (`Draft → SentForSignature → Signed → InForce → Terminated | Expired`, and back to `Draft` when a
//! draft is rejected) is a modelling proposal: no public source defines these state names.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::code::AgreementDocumentKind;
use crate::id::{AgreementId, OnlinedienstId, ServiceRef};

/// A status with a lifecycle: the set of statuses reachable in one step.
pub trait Lifecycle: Copy + Eq + fmt::Debug + fmt::Display + 'static {
    /// Statuses reachable from `self` in one transition.
    fn allowed_next(self) -> &'static [Self];

    /// Whether `to` may follow `self`.
    fn can_transition_to(self, to: Self) -> bool {
        self.allowed_next().contains(&to)
    }
}

/// Error of a status transition (Statusübergang).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError<S: Lifecycle> {
    /// The lifecycle does not allow this step.
    #[error(
        "illegal transition from {from} to {to}; allowed from {from}: {}",
        list(allowed)
    )]
    Illegal {
        /// Current status.
        from: S,
        /// Requested status.
        to: S,
        /// Statuses allowed from `from`.
        allowed: Vec<S>,
    },
    /// The transition is dated before the last history entry.
    #[error("transition to {to} dated {date} lies before the last history entry ({last})")]
    BeforeLastEntry {
        /// Requested status.
        to: S,
        /// Requested date.
        date: NaiveDate,
        /// Date of the last history entry.
        last: NaiveDate,
    },
}

fn list<S: fmt::Display>(items: &[S]) -> String {
    if items.is_empty() {
        return "none (final status)".to_owned();
    }
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks one transition of a lifecycle: allowed step and not dated before `last`.
pub(crate) fn check_transition<S: Lifecycle>(
    from: S,
    to: S,
    date: NaiveDate,
    last: Option<NaiveDate>,
) -> Result<(), TransitionError<S>> {
    if !from.can_transition_to(to) {
        return Err(TransitionError::Illegal {
            from,
            to,
            allowed: from.allowed_next().to_vec(),
        });
    }
    if let Some(last) = last {
        if date < last {
            return Err(TransitionError::BeforeLastEntry { to, date, last });
        }
    }
    Ok(())
}

/// Kind of agreement (Vereinbarungsart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    /// Nutzervereinbarung: a Kommune uses an Onlinedienst offered e.g. through the ITV.SH shop.
    Nutzervereinbarung,
    /// Nachnutzungsvereinbarung: reuse (Nachnutzung) of an EfA service.
    Nachnutzungsvereinbarung,
    /// Nachnutzungsvertrag (e.g. on the EfA-Marktplatz).
    Nachnutzungsvertrag,
    /// AVV: Auftragsverarbeitungsvertrag under Art. 28 DSGVO.
    Avv,
    /// Vereinbarung über gemeinsame Verantwortlichkeit under Art. 26 DSGVO.
    GemeinsameVerantwortung,
    /// Verwaltungsvereinbarung / Verwaltungsabkommen between Länder.
    Verwaltungsvereinbarung,
}

impl AgreementKind {
    /// The snake_case code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            AgreementKind::Nutzervereinbarung => "nutzervereinbarung",
            AgreementKind::Nachnutzungsvereinbarung => "nachnutzungsvereinbarung",
            AgreementKind::Nachnutzungsvertrag => "nachnutzungsvertrag",
            AgreementKind::Avv => "avv",
            AgreementKind::GemeinsameVerantwortung => "gemeinsame_verantwortung",
            AgreementKind::Verwaltungsvereinbarung => "verwaltungsvereinbarung",
        }
    }

    /// German name.
    pub fn label(self) -> &'static str {
        match self {
            AgreementKind::Nutzervereinbarung => "Nutzervereinbarung",
            AgreementKind::Nachnutzungsvereinbarung => "Nachnutzungsvereinbarung",
            AgreementKind::Nachnutzungsvertrag => "Nachnutzungsvertrag",
            AgreementKind::Avv => "Auftragsverarbeitungsvertrag (Art. 28 DSGVO)",
            AgreementKind::GemeinsameVerantwortung => {
                "Vereinbarung über gemeinsame Verantwortlichkeit (Art. 26 DSGVO)"
            }
            AgreementKind::Verwaltungsvereinbarung => "Verwaltungsvereinbarung",
        }
    }
}

impl fmt::Display for AgreementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Role of a party (Rolle einer Vertragspartei).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// Verantwortlicher (controller, Art. 4 Nr. 7 DSGVO).
    Verantwortlicher,
    /// Auftragsverarbeiter (processor, Art. 28 DSGVO).
    Auftragsverarbeiter,
    /// Unterauftragsverarbeiter (sub-processor).
    Unterauftragsverarbeiter,
    /// Gemeinsam Verantwortlicher (joint controller, Art. 26 DSGVO).
    GemeinsamVerantwortlicher,
    /// Umsetzendes Land (UL): the Land that built the EfA service.
    UmsetzendesLand,
    /// Anschließendes Land (AL): a Land that reuses it.
    AnschliessendesLand,
    /// Anbieter (offering party, e.g. ITV.SH for the shop).
    Anbieter,
    /// Nutzer (using party, e.g. the Kommune).
    Nutzer,
    /// IT-Dienstleister (operator, e.g. Dataport).
    ItDienstleister,
}

impl fmt::Display for PartyRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PartyRole::Verantwortlicher => "verantwortlicher",
            PartyRole::Auftragsverarbeiter => "auftragsverarbeiter",
            PartyRole::Unterauftragsverarbeiter => "unterauftragsverarbeiter",
            PartyRole::GemeinsamVerantwortlicher => "gemeinsam_verantwortlicher",
            PartyRole::UmsetzendesLand => "umsetzendes_land",
            PartyRole::AnschliessendesLand => "anschliessendes_land",
            PartyRole::Anbieter => "anbieter",
            PartyRole::Nutzer => "nutzer",
            PartyRole::ItDienstleister => "it_dienstleister",
        })
    }
}

/// Party (Vertragspartei) of an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Party {
    /// Id of the organisation in this dataset (a Verwaltung id or an IT-Dienstleister id), where it
    /// is one of ours; `None` for outside parties (e.g. another Land, FITKO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// Name of the party as written in the agreement.
    pub name: String,
    /// Roles the party has in this agreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<PartyRole>,
}

impl Party {
    /// Whether the party has this role.
    pub fn has_role(&self, role: PartyRole) -> bool {
        self.roles.contains(&role)
    }
}

/// Document (Vertragsdokument) belonging to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgreementDocument {
    /// Kind of document (Nachnutzungsvertrag, AVV, Leistungsbeschreibung, AGB, …).
    pub kind: AgreementDocumentKind,
    /// Title (Titel) of the document.
    pub title: String,
    /// Where the document is kept: URL, file path or Aktenzeichen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Date (Datum) of the document, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// Sub-processor (Unterauftragsverarbeiter) named in an AVV (annex III of the FIT-Connect AVV).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubProcessor {
    /// Name of the sub-processor.
    pub name: String,
    /// Id of the organisation in this dataset, where it is one of ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// What the sub-processor does (Leistung des Unterauftragnehmers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// Place of processing (Ort der Verarbeitung), where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// Details of an Auftragsverarbeitung (Art. 28 Abs. 3 DSGVO): subject, duration, nature and purpose,
/// type of personal data, categories of data subjects, sub-processors, TOMs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AvvDetails {
    /// Gegenstand und Zweck der Verarbeitung (subject matter and purpose).
    pub purpose: String,
    /// Art der Verarbeitung (nature of the processing), where described.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<String>,
    /// Art der personenbezogenen Daten (categories of personal data).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<String>,
    /// Kategorien betroffener Personen (categories of data subjects).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<String>,
    /// Unterauftragsverhältnisse (sub-processors).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_processors: Vec<SubProcessor>,
    /// Technisch-organisatorische Maßnahmen (TOMs): the measures or a reference to the annex.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub toms: Vec<String>,
    /// Dauer der Verarbeitung (duration), e.g. "Laufzeit der Nutzervereinbarung".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
}

/// Billing period (Abrechnungszeitraum) of an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CostPeriod {
    /// Einmalig (one-off).
    Once,
    /// Monatlich (monthly).
    Monthly,
    /// Jährlich (yearly).
    Yearly,
}

/// Cost model (Kostenmodell). Amounts are in euro cents (integer), optional where unknown.
///
/// Sourced are only "kostenfrei" (SH base components financed by the Land) and the operating-cost
/// share / Umlage between Länder or Kommunen; `pauschal` and `other` are for records of other cases.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum CostModel {
    /// Not recorded (unbekannt).
    #[default]
    Unspecified,
    /// Kostenfrei (free of charge).
    Kostenfrei,
    /// Umlage (levy, e.g. a Digitalumlage by population).
    Umlage {
        /// Basis of the levy (Umlageschlüssel), e.g. "Einwohnerzahl".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        basis: Option<String>,
        /// Amount in euro cents, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount_eur_cents: Option<u64>,
        /// Period of the amount.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period: Option<CostPeriod>,
    },
    /// Betriebskostenanteil (share of operating costs, e.g. charged by the UL to the AL).
    Betriebskostenanteil {
        /// How the share is determined, where described.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        basis: Option<String>,
        /// Amount in euro cents, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount_eur_cents: Option<u64>,
        /// Period of the amount.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period: Option<CostPeriod>,
    },
    /// Pauschale (flat fee).
    Pauschal {
        /// Amount in euro cents, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount_eur_cents: Option<u64>,
        /// Period of the amount.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period: Option<CostPeriod>,
    },
    /// Other arrangement (sonstige Regelung).
    Other {
        /// Description of the arrangement.
        description: String,
        /// Amount in euro cents, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount_eur_cents: Option<u64>,
    },
}

/// Term (Laufzeit) of an agreement. No public source gives concrete terms or notice periods for
/// the agreements modelled here, so everything but the start is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Term {
    /// Beginn (first day of the term).
    pub start: NaiveDate,
    /// Ende (last day of the term), `None` = unbefristet (open-ended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Kündigungsfrist in months, where agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_period_months: Option<u16>,
    /// Automatische Verlängerung (renews automatically at the end).
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_renew: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Term {
    /// An open-ended term from `start`.
    pub fn from(start: NaiveDate) -> Self {
        Term {
            start,
            end: None,
            notice_period_months: None,
            auto_renew: false,
        }
    }

    /// Whether `date` lies within the term (start and end inclusive).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|end| date <= end)
    }
}

/// Status of an agreement (Vereinbarungsstatus). Modelling proposal; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// Entwurf (draft).
    Draft,
    /// Zur Zeichnung versandt (sent for signature).
    SentForSignature,
    /// Gezeichnet (signed by the Kommune).
    Signed,
    /// In Kraft (counter-signed / active).
    InForce,
    /// Gekündigt (terminated).
    Terminated,
    /// Abgelaufen (expired).
    Expired,
}

impl AgreementStatus {
    /// Every status in lifecycle order.
    pub const ALL: &'static [AgreementStatus] = &[
        AgreementStatus::Draft,
        AgreementStatus::SentForSignature,
        AgreementStatus::Signed,
        AgreementStatus::InForce,
        AgreementStatus::Terminated,
        AgreementStatus::Expired,
    ];

    /// The snake_case code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draft",
            AgreementStatus::SentForSignature => "sent_for_signature",
            AgreementStatus::Signed => "signed",
            AgreementStatus::InForce => "in_force",
            AgreementStatus::Terminated => "terminated",
            AgreementStatus::Expired => "expired",
        }
    }
}

impl fmt::Display for AgreementStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Lifecycle for AgreementStatus {
    fn allowed_next(self) -> &'static [Self] {
        use AgreementStatus::*;
        match self {
            Draft => &[SentForSignature],
            SentForSignature => &[Signed, Draft],
            Signed => &[InForce],
            InForce => &[Terminated, Expired],
            Terminated | Expired => &[],
        }
    }
}

/// One dated entry of an agreement's status history (Statushistorie).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgreementEvent {
    /// Date the status was reached.
    pub date: NaiveDate,
    /// The status reached.
    pub status: AgreementStatus,
    /// Note (Vermerk), where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Agreement (Vereinbarung / Vertrag) about the use of Onlinedienste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Agreement {
    /// Our id of the agreement.
    pub id: AgreementId,
    /// Kind of agreement (Vereinbarungsart).
    pub kind: AgreementKind,
    /// Title (Titel).
    pub title: String,
    /// Parties (Vertragsparteien) with their roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// Onlinedienste covered (Vertragsgegenstand).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onlinedienste: Vec<OnlinedienstId>,
    /// Leistungen covered (OZG-IDs or LeiKa keys).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leistungen: Vec<ServiceRef>,
    /// Documents (Vertragsdokumente).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<AgreementDocument>,
    /// AVV details (Art. 28 DSGVO), for an AVV or an agreement with an AVV annex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avv: Option<AvvDetails>,
    /// Cost model (Kostenmodell); `unspecified` when not recorded.
    #[serde(default)]
    pub cost_model: CostModel,
    /// Term (Laufzeit).
    pub term: Term,
    /// Current status.
    pub status: AgreementStatus,
    /// Status history, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<AgreementEvent>,
}

impl Agreement {
    /// A new agreement in status `draft`, with a history entry for `created` (the draft date).
    pub fn new(
        id: AgreementId,
        kind: AgreementKind,
        title: impl Into<String>,
        term: Term,
        created: NaiveDate,
    ) -> Self {
        Agreement {
            id,
            kind,
            title: title.into(),
            parties: Vec::new(),
            onlinedienste: Vec::new(),
            leistungen: Vec::new(),
            documents: Vec::new(),
            avv: None,
            cost_model: CostModel::Unspecified,
            term,
            status: AgreementStatus::Draft,
            history: vec![AgreementEvent {
                date: created,
                status: AgreementStatus::Draft,
                note: None,
            }],
        }
    }

    /// Moves the agreement to `to` on `date`, appending to the history.
    ///
    /// Fails with [`TransitionError::Illegal`] if the lifecycle does not allow the step and with
    /// [`TransitionError::BeforeLastEntry`] if `date` lies before the last history entry.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ozg_core::agreement::{Agreement, AgreementKind, AgreementStatus, Term, TransitionError};
    /// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    /// let mut a = Agreement::new("nv-kiel".parse().unwrap(), AgreementKind::Nutzervereinbarung,
    ///     "Nutzervereinbarung", Term::from(d("2022-04-01")), d("2022-02-01"));
    /// a.transition(AgreementStatus::SentForSignature, d("2022-02-10"), None).unwrap();
    /// let err = a.transition(AgreementStatus::InForce, d("2022-03-01"), None).unwrap_err();
    /// assert!(matches!(err, TransitionError::Illegal { .. }));
    /// a.transition(AgreementStatus::Signed, d("2022-03-01"), Some("gezeichnet".into())).unwrap();
    /// a.transition(AgreementStatus::InForce, d("2022-04-01"), None).unwrap();
    /// assert!(a.in_force_on(d("2022-05-01")));
    /// ```
    pub fn transition(
        &mut self,
        to: AgreementStatus,
        date: NaiveDate,
        note: Option<String>,
    ) -> Result<(), TransitionError<AgreementStatus>> {
        check_transition(self.status, to, date, self.history.last().map(|e| e.date))?;
        self.status = to;
        self.history.push(AgreementEvent {
            date,
            status: to,
            note,
        });
        Ok(())
    }

    /// Whether the agreement is in force (in Kraft) on `date`: the history reached `in_force` on or
    /// before `date`, no `terminated`/`expired` entry is dated on or before `date`, and `date` lies
    /// within the term. Without a dated `in_force` history entry the agreement is never in force.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.not_in_force_reason(date).is_none()
    }

    /// Why the agreement is not in force on `date` (see [`Agreement::in_force_on`]); `None` if it is.
    pub fn not_in_force_reason(&self, date: NaiveDate) -> Option<String> {
        match self.in_force_since() {
            None => return Some(format!("never reached in_force (status {})", self.status)),
            Some(since) if since > date => return Some(format!("in force only from {since}")),
            Some(_) => {}
        }
        if let Some(ended) = self.ended_on() {
            if ended <= date {
                return Some(format!("ended on {ended}"));
            }
        }
        if !self.term.contains(date) {
            let end = self
                .term
                .end
                .map_or_else(|| "open".to_owned(), |e| e.to_string());
            return Some(format!(
                "{date} lies outside the term {} – {end}",
                self.term.start
            ));
        }
        None
    }

    /// Date of the first `in_force` history entry.
    pub fn in_force_since(&self) -> Option<NaiveDate> {
        self.history
            .iter()
            .filter(|e| e.status == AgreementStatus::InForce)
            .map(|e| e.date)
            .min()
    }

    /// Date of the first `terminated` or `expired` history entry.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.history
            .iter()
            .filter(|e| {
                matches!(
                    e.status,
                    AgreementStatus::Terminated | AgreementStatus::Expired
                )
            })
            .map(|e| e.date)
            .min()
    }

    /// Whether the agreement names this Onlinedienst.
    pub fn covers(&self, onlinedienst: &OnlinedienstId) -> bool {
        self.onlinedienste.contains(onlinedienst)
    }

    /// Whether the agreement names this Leistung.
    pub fn covers_leistung(&self, leistung: &ServiceRef) -> bool {
        self.leistungen.contains(leistung)
    }

    /// Whether an organisation of this dataset (Verwaltung or provider id) is a party.
    pub fn has_party(&self, org: &str) -> bool {
        self.parties.iter().any(|p| p.org.as_deref() == Some(org))
    }

    /// The date the current status was reached, from the history.
    pub fn status_since(&self) -> Option<NaiveDate> {
        self.history
            .iter()
            .rev()
            .find(|e| e.status == self.status)
            .map(|e| e.date)
    }
}
