//! Online services (Onlinedienste).
//!
//! An [`Onlinedienst`] implements one or more Leistungen (OZG-Leistungen by OZG-ID or LeiKa-Leistungen
//! by Leistungsschlüssel) and carries its Reifegrad, Vertrauensniveau, provider, EfA reuse model and
//! the Basiskomponenten it uses.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::code::{Basiskomponente, EfaModell, Reifegrad, Vertrauensniveau};
use crate::finding::{Finding, FindingCode};
use crate::id::{OnlinedienstId, OzgId, ProviderId, ServiceRef};

/// Onlinedienst (online service): the web application through which a Leistung is applied for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Onlinedienst {
    /// Our id of the Onlinedienst.
    pub id: OnlinedienstId,
    /// Name (Bezeichnung) of the Onlinedienst.
    pub name: String,
    /// Leistungen implemented: OZG-IDs (OZG-Leistungen) or LeiKa-Leistungsschlüssel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leistungen: Vec<ServiceRef>,
    /// Reifegrad (maturity level) according to the OZG Reifegradmodell, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reifegrad: Option<Reifegrad>,
    /// Mindest-Vertrauensniveau (minimum eIDAS level of assurance), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertrauensniveau: Option<Vertrauensniveau>,
    /// IT-Dienstleister (provider) operating the Onlinedienst, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<ProviderId>,
    /// EfA-Nachnutzungsmodell (legal route of reuse), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub efa_modell: Option<EfaModell>,
    /// Basiskomponenten used (ZuFiSH, Servicekonto, Postfach, ePayment, KOP/OZG-Cloud, Bürgerportal).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basiskomponenten: Vec<Basiskomponente>,
    /// Public URL of the Onlinedienst (Link zum Onlinedienst), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Onlinedienst {
    /// A new Onlinedienst with only id and name set.
    pub fn new(id: OnlinedienstId, name: impl Into<String>) -> Self {
        Onlinedienst {
            id,
            name: name.into(),
            leistungen: Vec::new(),
            reifegrad: None,
            vertrauensniveau: None,
            provider: None,
            efa_modell: None,
            basiskomponenten: Vec::new(),
            url: None,
        }
    }

    /// Whether the Onlinedienst lists this Leistung directly.
    pub fn implements(&self, leistung: &ServiceRef) -> bool {
        self.leistungen.contains(leistung)
    }

    /// The OZG-Leistungen this Onlinedienst implements: OZG-IDs directly, LeiKa keys through the
    /// catalogue's LeiKa→OZG mapping. References the catalogue does not know are left out.
    pub fn ozg_leistungen(&self, catalogue: &Catalogue) -> BTreeSet<OzgId> {
        self.leistungen
            .iter()
            .filter_map(|r| resolve_ozg(catalogue, r))
            .collect()
    }

    /// Checks the record on its own (URL syntax, at least one Leistung); pointers are relative to it.
    pub fn validate(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        if self.leistungen.is_empty() {
            out.push(Finding::new(
                FindingCode::ServiceWithoutLeistung,
                "/leistungen",
                format!("Onlinedienst {} implements no Leistung", self.id),
            ));
        }
        if let Some(url) = &self.url {
            if let Err(problem) = crate::channel::check_url(url, false) {
                out.push(Finding::new(
                    FindingCode::ServiceInvalidUrl,
                    "/url",
                    format!("URL \"{url}\" of Onlinedienst {}: {problem}", self.id),
                ));
            }
        }
        out
    }
}

/// The OZG-ID a reference stands for, if the catalogue knows it.
pub(crate) fn resolve_ozg(catalogue: &Catalogue, r: &ServiceRef) -> Option<OzgId> {
    match r {
        ServiceRef::Ozg(id) => catalogue.leistung(*id).map(|l| l.id),
        ServiceRef::Leika(key) => catalogue.ozg_for_leika(*key).map(|l| l.id),
    }
}
