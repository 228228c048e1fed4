//! Lookup tables over a dataset (Nachschlagetabellen) for the check and the report.

use super::*;

/// Lookup tables over a dataset (first occurrence wins for duplicate ids). Every lookup the
/// check and the report make per rollout entry is a hash lookup, so both run in O(entries).
pub(crate) struct Index<'a> {
    pub(crate) verwaltungen: HashMap<&'a str, &'a Verwaltung>,
    pub(super) providers: HashMap<&'a str, &'a ItProvider>,
    pub(crate) onlinedienste: HashMap<&'a str, &'a Onlinedienst>,
    pub(super) channels: HashMap<&'a str, &'a DeliveryChannel>,
    pub(super) agreements: HashMap<&'a str, &'a Agreement>,
    pub(super) channels_by_verwaltung: HashMap<&'a str, Vec<&'a DeliveryChannel>>,
    pub(super) agreements_by_party: HashMap<&'a str, Vec<&'a Agreement>>,
    /// (agreement address, Onlinedienst id) for every Onlinedienst an agreement names.
    pub(super) agreement_onlinedienste: HashSet<(usize, &'a str)>,
    /// (agreement address, Leistung) for every Leistung an agreement names.
    pub(super) agreement_leistungen: HashSet<(usize, ServiceRef)>,
    /// (channel address, Onlinedienst id) for every Onlinedienst a channel names.
    pub(super) channel_onlinedienste: HashSet<(usize, &'a str)>,
    /// Validation errors per channel address (computed once, not per rollout entry).
    pub(super) channel_errors: HashMap<usize, usize>,
}

/// Identity of a record inside the indexed dataset (its address; stable while the index lives).
fn addr<T>(item: &T) -> usize {
    std::ptr::from_ref(item) as usize
}

/// Why no agreement or channel qualifies (for findings and blockers).
pub(crate) type Why = String;

impl<'a> Index<'a> {
    pub(crate) fn new(ds: &'a Dataset) -> Self {
        fn first<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, &'a T> {
            let mut map = HashMap::with_capacity(items.len());
            for item in items {
                map.entry(id(item)).or_insert(item);
            }
            map
        }
        let mut channels_by_verwaltung: HashMap<&str, Vec<&DeliveryChannel>> = HashMap::new();
        let mut channel_onlinedienste = HashSet::new();
        let mut channel_errors = HashMap::with_capacity(ds.channels.len());
        for c in &ds.channels {
            let errors = c.validate().into_iter().filter(Finding::is_error).count();
            channel_errors.insert(addr(c), errors);
            channels_by_verwaltung
                .entry(c.verwaltung.as_str())
                .or_default()
                .push(c);
            for o in &c.onlinedienste {
                channel_onlinedienste.insert((addr(c), o.as_str()));
            }
        }
        let mut agreements_by_party: HashMap<&str, Vec<&Agreement>> = HashMap::new();
        let mut agreement_onlinedienste = HashSet::new();
        let mut agreement_leistungen = HashSet::new();
        for a in &ds.agreements {
            let mut orgs: Vec<&str> = a.parties.iter().filter_map(|p| p.org.as_deref()).collect();
            orgs.sort_unstable();
            orgs.dedup();
            for org in orgs {
                agreements_by_party.entry(org).or_default().push(a);
            }
            for o in &a.onlinedienste {
                agreement_onlinedienste.insert((addr(a), o.as_str()));
            }
            for l in &a.leistungen {
                agreement_leistungen.insert((addr(a), *l));
            }
        }
        Index {
            verwaltungen: first(&ds.verwaltungen, |v| v.id.as_str()),
            providers: first(&ds.it_providers, |p| p.id.as_str()),
            onlinedienste: first(&ds.onlinedienste, |o| o.id.as_str()),
            channels: first(&ds.channels, |c| c.id.as_str()),
            agreements: first(&ds.agreements, |a| a.id.as_str()),
            channels_by_verwaltung,
            agreements_by_party,
            agreement_onlinedienste,
            agreement_leistungen,
            channel_onlinedienste,
            channel_errors,
        }
    }

    /// Same as [`Agreement::covers`] or [`Agreement::covers_leistung`] for one of the
    /// Onlinedienst's Leistungen, by hash lookups. `agreement` must belong to the indexed dataset.
    pub(super) fn covers(&self, agreement: &Agreement, onlinedienst: &OnlinedienstId) -> bool {
        let a = addr(agreement);
        self.agreement_onlinedienste
            .contains(&(a, onlinedienst.as_str()))
            || self
                .onlinedienste
                .get(onlinedienst.as_str())
                .is_some_and(|o| {
                    o.leistungen
                        .iter()
                        .any(|l| self.agreement_leistungen.contains(&(a, *l)))
                })
    }

    /// Same as [`DeliveryChannel::applies_to`], by a hash lookup. `channel` must belong to the
    /// indexed dataset.
    pub(super) fn applies_to(
        &self,
        channel: &DeliveryChannel,
        onlinedienst: &OnlinedienstId,
    ) -> bool {
        channel.onlinedienste.is_empty()
            || self
                .channel_onlinedienste
                .contains(&(addr(channel), onlinedienst.as_str()))
    }

    /// Finds an agreement for the entry: the referenced one, else any agreement with the
    /// Verwaltung as a party that covers the Onlinedienst. With `on = Some(date)` it must be in
    /// force on that date; with `None` its current status must be `signed` or `in_force`.
    pub(crate) fn agreement_for(
        &self,
        entry: &RolloutEntry,
        on: Option<NaiveDate>,
    ) -> Result<&'a Agreement, Why> {
        let qualifies = |a: &Agreement| match on {
            Some(date) => a.in_force_on(date),
            None => matches!(a.status, AgreementStatus::Signed | AgreementStatus::InForce),
        };
        let why_not = |a: &Agreement| match on {
            Some(date) => a
                .not_in_force_reason(date)
                .unwrap_or_else(|| "in force".to_owned()),
            None => format!("status {}", a.status),
        };
        let when = match on {
            Some(date) => format!("in force on {date}"),
            None => "signed or in force".to_owned(),
        };
        if let Some(id) = &entry.agreement {
            let Some(a) = self.agreements.get(id.as_str()) else {
                return Err(format!("the referenced agreement {id} does not exist"));
            };
            if !self.covers(a, &entry.onlinedienst) {
                return Err(format!(
                    "agreement {id} does not cover Onlinedienst {}",
                    entry.onlinedienst
                ));
            }
            if !qualifies(a) {
                return Err(format!(
                    "agreement {id} is not {when} (status {})",
                    a.status
                ));
            }
            return Ok(a);
        }
        let candidates: Vec<&Agreement> = self
            .agreements_by_party
            .get(entry.verwaltung.as_str())
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|a| self.covers(a, &entry.onlinedienst))
                    .collect()
            })
            .unwrap_or_default();
        if candidates.is_empty() {
            return Err(format!(
                "no agreement with Verwaltung {} as a party covers Onlinedienst {}",
                entry.verwaltung, entry.onlinedienst
            ));
        }
        candidates
            .iter()
            .copied()
            .find(|a| qualifies(a))
            .ok_or_else(|| {
                let ids: Vec<String> = candidates
                    .iter()
                    .map(|a| format!("{} ({})", a.id, why_not(a)))
                    .collect();
                format!("no covering agreement is {when}: {}", ids.join(", "))
            })
    }

    /// Finds a delivery channel for the entry: the referenced one, else any channel of the
    /// Verwaltung that applies to the Onlinedienst. It must validate without errors and, with
    /// `on = Some(date)`, be valid on that date.
    pub(crate) fn channel_for(
        &self,
        entry: &RolloutEntry,
        on: Option<NaiveDate>,
    ) -> Result<&'a DeliveryChannel, Why> {
        let problem = |c: &DeliveryChannel| -> Option<String> {
            if c.verwaltung != entry.verwaltung {
                return Some(format!(
                    "channel {} belongs to Verwaltung {}",
                    c.id, c.verwaltung
                ));
            }
            if !self.applies_to(c, &entry.onlinedienst) {
                return Some(format!(
                    "channel {} is not for Onlinedienst {}",
                    c.id, entry.onlinedienst
                ));
            }
            if let Some(date) = on {
                if !c.is_valid_on(date) {
                    return Some(format!(
                        "channel {} is valid only from {}",
                        c.id,
                        c.valid_from.unwrap_or(date)
                    ));
                }
            }
            let errors = self.channel_errors.get(&addr(c)).copied().unwrap_or(0);
            if errors > 0 {
                return Some(format!("channel {} has {errors} validation error(s)", c.id));
            }
            None
        };
        if let Some(id) = &entry.channel {
            let Some(c) = self.channels.get(id.as_str()) else {
                return Err(format!("the referenced channel {id} does not exist"));
            };
            return match problem(c) {
                None => Ok(c),
                Some(why) => Err(why),
            };
        }
        let candidates: Vec<&DeliveryChannel> = self
            .channels_by_verwaltung
            .get(entry.verwaltung.as_str())
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|c| self.applies_to(c, &entry.onlinedienst))
                    .collect()
            })
            .unwrap_or_default();
        if candidates.is_empty() {
            return Err(format!(
                "Verwaltung {} has no channel for Onlinedienst {}",
                entry.verwaltung, entry.onlinedienst
            ));
        }
        let mut whys = Vec::new();
        for c in candidates {
            match problem(c) {
                None => return Ok(c),
                Some(why) => whys.push(why),
            }
        }
        Err(whys.join("; "))
    }
}
