//! The consistency check of a dataset (Konsistenzprüfung): every rule and its findings.

use super::*;

pub(super) struct Checker<'a, 'c> {
    pub(super) ds: &'a Dataset,
    pub(super) catalogue: &'c Catalogue,
    pub(super) index: &'c Index<'a>,
    pub(super) out: Vec<Finding>,
}

impl Checker<'_, '_> {
    fn push(&mut self, code: FindingCode, pointer: String, message: String) {
        self.out.push(Finding::new(code, pointer, message));
    }

    pub(super) fn run(&mut self) {
        if self.ds.schema_version != SCHEMA_VERSION {
            self.push(
                FindingCode::SchemaVersion,
                "/schemaVersion".into(),
                format!(
                    "schema version \"{}\"; this library knows {SCHEMA_VERSION}",
                    self.ds.schema_version
                ),
            );
        }
        self.duplicates();
        self.verwaltungen();
        self.onlinedienste();
        self.channels();
        self.agreements();
        self.rollout();
    }

    fn duplicates(&mut self) {
        let ds = self.ds;
        self.duplicate_ids("itProviders", ds.it_providers.iter().map(|p| p.id.as_str()));
        self.duplicate_ids(
            "verwaltungen",
            ds.verwaltungen.iter().map(|v| v.id.as_str()),
        );
        self.duplicate_ids(
            "onlinedienste",
            ds.onlinedienste.iter().map(|o| o.id.as_str()),
        );
        self.duplicate_ids("channels", ds.channels.iter().map(|c| c.id.as_str()));
        self.duplicate_ids("agreements", ds.agreements.iter().map(|a| a.id.as_str()));
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, e) in ds.rollout.iter().enumerate() {
            if let Some(first) = seen.insert((e.verwaltung.as_str(), e.onlinedienst.as_str()), i) {
                seen.insert((e.verwaltung.as_str(), e.onlinedienst.as_str()), first);
                self.push(
                    FindingCode::DuplicateId,
                    format!("/rollout/{i}"),
                    format!(
                        "second rollout entry for Verwaltung {} and Onlinedienst {} (first at /rollout/{first})",
                        e.verwaltung, e.onlinedienst
                    ),
                );
            }
        }
    }

    fn duplicate_ids<'x>(&mut self, collection: &str, ids: impl Iterator<Item = &'x str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            match seen.get(id) {
                Some(first) => {
                    let first = *first;
                    self.push(
                        FindingCode::DuplicateId,
                        format!("/{collection}/{i}/id"),
                        format!("duplicate id \"{id}\" (first at /{collection}/{first})"),
                    );
                }
                None => {
                    seen.insert(id, i);
                }
            }
        }
    }

    fn verwaltungen(&mut self) {
        let de = Gemeindeverzeichnis::germany();
        for (i, v) in self.ds.verwaltungen.iter().enumerate() {
            let base = format!("/verwaltungen/{i}");
            if let (Some(ags), Some(kreis)) = (v.ags, v.kreis) {
                if ags.kreis_key() != kreis {
                    self.push(
                        FindingCode::KeyMismatch,
                        format!("{base}/kreis"),
                        format!(
                            "AGS {ags} of {} lies in Kreis {}, not {kreis}",
                            v.id,
                            ags.kreis_key()
                        ),
                    );
                }
            }
            if let (Some(ars), Some(ags)) = (v.ars, v.ags) {
                // The register's AGS for the ARS where it has one (the lists know one Gemeinde
                // whose AGS is not the ARS without digits 6–9), else the key rule.
                if de.ags_for_ars(&ars).unwrap_or_else(|| ars.ags()) != ags {
                    self.push(
                        FindingCode::KeyMismatch,
                        format!("{base}/ars"),
                        format!("ARS {ars} of {} does not contain AGS {ags}", v.id),
                    );
                }
            }
            if let (Some(ars), Some(kreis)) = (v.ars, v.kreis) {
                if ars.kreis_key() != kreis {
                    self.push(
                        FindingCode::KeyMismatch,
                        format!("{base}/ars"),
                        format!(
                            "ARS {ars} of {} lies in Kreis {}, not {kreis}",
                            v.id,
                            ars.kreis_key()
                        ),
                    );
                }
            }
            let kreis = v.kreis.or(v.ags.map(|a| a.kreis_key()));
            for (j, g) in v.gemeinden.iter().enumerate() {
                if let Some(k) = kreis {
                    if g.kreis_key() != k {
                        self.push(
                            FindingCode::KeyMismatch,
                            format!("{base}/gemeinden/{j}"),
                            format!(
                                "Gemeinde {g} of {} lies in Kreis {}, not {k}",
                                v.id,
                                g.kreis_key()
                            ),
                        );
                    }
                }
                if de.gemeinde_by_ags(g).is_none() {
                    self.push(
                        FindingCode::UnknownGebiet,
                        format!("{base}/gemeinden/{j}"),
                        format!("AGS {g} is not in the Gemeindeverzeichnis of Germany"),
                    );
                }
            }
            if let Some(ags) = v.ags {
                if de.gemeinde_by_ags(&ags).is_none() {
                    self.push(
                        FindingCode::UnknownGebiet,
                        format!("{base}/ags"),
                        format!("AGS {ags} is not in the Gemeindeverzeichnis of Germany"),
                    );
                }
            }
            if let Some(ars) = v.ars {
                if !de.contains_ars(&ars) {
                    self.push(
                        FindingCode::UnknownGebiet,
                        format!("{base}/ars"),
                        format!("ARS {ars} is not in the Gemeindeverzeichnis of Germany"),
                    );
                }
            }
            if let Some(k) = v.kreis {
                if de.kreis(&k).is_none() {
                    self.push(
                        FindingCode::UnknownGebiet,
                        format!("{base}/kreis"),
                        format!("Kreisschlüssel {k} is not in the Kreis list of Germany"),
                    );
                }
            }
        }
    }

    fn onlinedienste(&mut self) {
        for (i, o) in self.ds.onlinedienste.iter().enumerate() {
            let base = format!("/onlinedienste/{i}");
            for f in o.validate() {
                self.out.push(f.prefixed(&base));
            }
            if let Some(p) = &o.provider {
                if !self.index.providers.contains_key(p.as_str()) {
                    self.push(
                        FindingCode::UnknownProvider,
                        format!("{base}/provider"),
                        format!("IT-Dienstleister {p} is not in the dataset"),
                    );
                }
            }
            self.leistungen(&base, &o.leistungen);
        }
    }

    fn leistungen(&mut self, base: &str, leistungen: &[crate::id::ServiceRef]) {
        for (j, r) in leistungen.iter().enumerate() {
            if !self.catalogue.resolve(*r) {
                let what = match r {
                    crate::id::ServiceRef::Ozg(_) => "OZG-ID",
                    crate::id::ServiceRef::Leika(_) => "LeiKa key",
                };
                self.push(
                    FindingCode::UnknownLeistung,
                    format!("{base}/leistungen/{j}"),
                    format!("{what} {r} is not in the catalogue"),
                );
            }
        }
    }

    fn onlinedienst_ref(&mut self, pointer: String, id: &OnlinedienstId) {
        if !self.index.onlinedienste.contains_key(id.as_str()) {
            self.push(
                FindingCode::UnknownOnlinedienst,
                pointer,
                format!("Onlinedienst {id} is not in the dataset"),
            );
        }
    }

    fn verwaltung_ref(&mut self, pointer: String, id: &VerwaltungId) {
        if !self.index.verwaltungen.contains_key(id.as_str()) {
            self.push(
                FindingCode::UnknownVerwaltung,
                pointer,
                format!("Verwaltung {id} is not in the dataset"),
            );
        }
    }

    fn channels(&mut self) {
        for (i, c) in self.ds.channels.iter().enumerate() {
            let base = format!("/channels/{i}");
            self.verwaltung_ref(format!("{base}/verwaltung"), &c.verwaltung);
            for (j, o) in c.onlinedienste.iter().enumerate() {
                self.onlinedienst_ref(format!("{base}/onlinedienste/{j}"), o);
            }
            for f in c.validate() {
                self.out.push(f.prefixed(&base));
            }
        }
    }

    fn history<S: Lifecycle>(
        &mut self,
        base: &str,
        status: S,
        history: &[(NaiveDate, S)],
        codes: [FindingCode; 3],
    ) {
        let [unsorted, illegal, mismatch] = codes;
        for (j, pair) in history.windows(2).enumerate() {
            let ((d0, s0), (d1, s1)) = (pair[0], pair[1]);
            if d1 < d0 {
                self.push(
                    unsorted,
                    format!("{base}/history/{}/date", j + 1),
                    format!("history entry dated {d1} follows one dated {d0}"),
                );
            }
            if !s0.can_transition_to(s1) {
                self.push(
                    illegal,
                    format!("{base}/history/{}/status", j + 1),
                    format!(
                        "{s1} cannot follow {s0}; allowed after {s0}: {}",
                        list(s0.allowed_next())
                    ),
                );
            }
        }
        if let Some((_, last)) = history.last() {
            if *last != status {
                self.push(
                    mismatch,
                    format!("{base}/status"),
                    format!("status is {status} but the last history entry is {last}"),
                );
            }
        }
    }

    fn agreements(&mut self) {
        let index = self.index;
        for (i, a) in self.ds.agreements.iter().enumerate() {
            let base = format!("/agreements/{i}");
            for (j, o) in a.onlinedienste.iter().enumerate() {
                self.onlinedienst_ref(format!("{base}/onlinedienste/{j}"), o);
            }
            self.leistungen(&base, &a.leistungen);
            if a.parties.is_empty() {
                self.push(
                    FindingCode::AgreementWithoutParties,
                    format!("{base}/parties"),
                    format!("agreement {} names no parties", a.id),
                );
            }
            for (j, p) in a.parties.iter().enumerate() {
                if let Some(org) = &p.org {
                    if !index.verwaltungen.contains_key(org.as_str())
                        && !index.providers.contains_key(org.as_str())
                    {
                        self.push(
                            FindingCode::AgreementUnknownParty,
                            format!("{base}/parties/{j}/org"),
                            format!("party org \"{org}\" is neither a Verwaltung nor an IT-Dienstleister of the dataset"),
                        );
                    }
                }
            }
            if let Some(end) = a.term.end {
                if end < a.term.start {
                    self.push(
                        FindingCode::TermEndBeforeStart,
                        format!("{base}/term/end"),
                        format!("term ends {end}, before it starts {}", a.term.start),
                    );
                }
            }
            let history: Vec<(NaiveDate, AgreementStatus)> =
                a.history.iter().map(|e| (e.date, e.status)).collect();
            self.history(
                &base,
                a.status,
                &history,
                [
                    FindingCode::AgreementHistoryUnsorted,
                    FindingCode::AgreementIllegalTransition,
                    FindingCode::AgreementStatusMismatch,
                ],
            );
            let has = |role: PartyRole| a.parties.iter().filter(|p| p.has_role(role)).count();
            match a.kind {
                AgreementKind::Avv => {
                    if a.avv.is_none() {
                        self.push(
                            FindingCode::AvvIncomplete,
                            format!("{base}/avv"),
                            "AVV without details (purpose, data categories, data subjects, …; Art. 28 Abs. 3 DSGVO)".into(),
                        );
                    }
                    if has(PartyRole::Verantwortlicher) == 0
                        || has(PartyRole::Auftragsverarbeiter) == 0
                    {
                        self.push(
                            FindingCode::AvvIncomplete,
                            format!("{base}/parties"),
                            "an AVV needs a party with role verantwortlicher and one with role auftragsverarbeiter".into(),
                        );
                    }
                }
                AgreementKind::GemeinsameVerantwortung
                    if has(PartyRole::GemeinsamVerantwortlicher) < 2 =>
                {
                    self.push(
                        FindingCode::JointControllersIncomplete,
                        format!("{base}/parties"),
                        "an Art. 26 agreement needs at least two parties with role gemeinsam_verantwortlicher".into(),
                    );
                }
                _ => {}
            }
        }
    }

    fn rollout(&mut self) {
        let index = self.index;
        for (i, e) in self.ds.rollout.iter().enumerate() {
            let base = format!("/rollout/{i}");
            self.verwaltung_ref(format!("{base}/verwaltung"), &e.verwaltung);
            self.onlinedienst_ref(format!("{base}/onlinedienst"), &e.onlinedienst);
            if let Some(id) = &e.agreement {
                match index.agreements.get(id.as_str()) {
                    None => self.push(
                        FindingCode::UnknownAgreement,
                        format!("{base}/agreement"),
                        format!("agreement {id} is not in the dataset"),
                    ),
                    Some(a) => {
                        if index.onlinedienste.contains_key(e.onlinedienst.as_str())
                            && !index.covers(a, &e.onlinedienst)
                        {
                            self.push(
                                FindingCode::AgreementDoesNotCover,
                                format!("{base}/agreement"),
                                format!("agreement {id} covers neither Onlinedienst {} nor its Leistungen", e.onlinedienst),
                            );
                        }
                    }
                }
            }
            if let Some(id) = &e.channel {
                match index.channels.get(id.as_str()) {
                    None => self.push(
                        FindingCode::UnknownChannel,
                        format!("{base}/channel"),
                        format!("channel {id} is not in the dataset"),
                    ),
                    Some(c) => {
                        if c.verwaltung != e.verwaltung {
                            self.push(
                                FindingCode::ChannelDoesNotFit,
                                format!("{base}/channel"),
                                format!(
                                    "channel {id} belongs to Verwaltung {}, not {}",
                                    c.verwaltung, e.verwaltung
                                ),
                            );
                        } else if !index.applies_to(c, &e.onlinedienst) {
                            self.push(
                                FindingCode::ChannelDoesNotFit,
                                format!("{base}/channel"),
                                format!("channel {id} is not for Onlinedienst {}", e.onlinedienst),
                            );
                        }
                    }
                }
            }
            let history: Vec<(NaiveDate, RolloutStatus)> =
                e.history.iter().map(|h| (h.date, h.status)).collect();
            self.history(
                &base,
                e.status,
                &history,
                [
                    FindingCode::RolloutHistoryUnsorted,
                    FindingCode::RolloutIllegalTransition,
                    FindingCode::RolloutStatusMismatch,
                ],
            );
            if let (Some(go_live), Some(ordered)) = (e.go_live, e.ordered_on()) {
                if go_live < ordered {
                    self.push(
                        FindingCode::GoLiveBeforeOrdered,
                        format!("{base}/goLive"),
                        format!("go-live {go_live} lies before the order date {ordered}"),
                    );
                }
            }
            if e.status == RolloutStatus::Live {
                let Some(date) = e.go_live_date() else {
                    self.push(
                        FindingCode::LiveWithoutDate,
                        format!("{base}/goLive"),
                        "live entry without go-live date (neither goLive nor a dated live history entry)".into(),
                    );
                    continue;
                };
                if let Err(why) = index.agreement_for(e, Some(date)) {
                    self.push(
                        FindingCode::LiveWithoutAgreement,
                        format!("{base}/status"),
                        format!(
                            "live since {date} without an agreement in force on that date: {why}"
                        ),
                    );
                }
                if let Err(why) = index.channel_for(e, Some(date)) {
                    self.push(
                        FindingCode::LiveWithoutChannel,
                        format!("{base}/status"),
                        format!("live since {date} without a valid delivery channel: {why}"),
                    );
                }
            }
        }
    }
}

fn list<S: fmt::Display>(items: &[S]) -> String {
    if items.is_empty() {
        return "nothing (final status)".into();
    }
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
