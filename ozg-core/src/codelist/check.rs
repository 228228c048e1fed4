//! The check of a dataset's codes and keys against the code lists of a registry
//! (Codeprüfung eines Datenbestands).

use super::dvdv;
use super::list_uris;
use super::registry::CodeListRegistry;
use crate::channel::Zustellkanal;
use crate::code::CodeList;
use crate::dataset::Dataset;
use crate::finding::{Finding, FindingCode};
use crate::id::DvdvKey;

impl CodeListRegistry {
    /// Checks every code and key of a dataset that a loaded list covers, with the JSON pointer
    /// of each finding:
    ///
    /// - the code-list enums (`land`, `vertrauensniveau`, `efaModell`, `basiskomponenten`) via
    ///   [`CodeList::check_in`];
    /// - AGS, ARS and Kreisschlüssel of the Verwaltungen against the AGS, Regionalschlüssel and
    ///   Kreis lists (`code.unknown` when the key is not in the pinned version);
    /// - XÖV code values (`businessScenario`) in the version their `listVersionID` names;
    /// - the prefix of every DVDV key against the DVDV prefix list of the registry, or the
    ///   embedded version 51 when the registry holds none (`channel.unknown_dvdv_prefix`, a
    ///   warning: the key stays valid, a newer list may know the prefix).
    ///
    /// Lists the registry does not hold are not checked.
    pub fn check_dataset(&self, ds: &Dataset) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, v) in ds.verwaltungen.iter().enumerate() {
            let p = format!("/verwaltungen/{i}");
            if let Some(land) = v.land {
                land.check_in(self, &format!("{p}/land"), &mut out);
            }
            if let Some(ags) = &v.ags {
                self.check_code(
                    list_uris::AGS,
                    None,
                    &ags.to_string(),
                    &format!("{p}/ags"),
                    &mut out,
                );
            }
            if let Some(ars) = &v.ars {
                self.check_code(
                    list_uris::REGIONALSCHLUESSEL,
                    None,
                    &ars.to_string(),
                    &format!("{p}/ars"),
                    &mut out,
                );
            }
            if let Some(kreis) = &v.kreis {
                self.check_code(
                    list_uris::KREIS,
                    None,
                    &kreis.to_string(),
                    &format!("{p}/kreis"),
                    &mut out,
                );
            }
            for (j, ags) in v.gemeinden.iter().enumerate() {
                self.check_code(
                    list_uris::AGS,
                    None,
                    &ags.to_string(),
                    &format!("{p}/gemeinden/{j}"),
                    &mut out,
                );
            }
        }
        for (i, o) in ds.onlinedienste.iter().enumerate() {
            let p = format!("/onlinedienste/{i}");
            if let Some(v) = o.vertrauensniveau {
                v.check_in(self, &format!("{p}/vertrauensniveau"), &mut out);
            }
            if let Some(e) = o.efa_modell {
                e.check_in(self, &format!("{p}/efaModell"), &mut out);
            }
            for (j, b) in o.basiskomponenten.iter().enumerate() {
                b.check_in(self, &format!("{p}/basiskomponenten/{j}"), &mut out);
            }
        }
        for (i, c) in ds.channels.iter().enumerate() {
            if let Zustellkanal::Xta {
                reader,
                author,
                business_scenario,
                ..
            } = &c.kanal
            {
                let p = format!("/channels/{i}/kanal");
                self.check_dvdv_prefix(reader, &format!("{p}/reader"), &mut out);
                if let Some(a) = author {
                    self.check_dvdv_prefix(a, &format!("{p}/author"), &mut out);
                }
                if let Some(code) = business_scenario {
                    self.check_code(
                        &code.list_uri,
                        code.list_version_id.as_deref(),
                        &code.code,
                        &format!("{p}/businessScenario"),
                        &mut out,
                    );
                }
            }
        }
        out
    }

    /// Checks a DVDV key's prefix against the registry's DVDV prefix list (the embedded
    /// version 51 when the registry holds none); adds a `channel.unknown_dvdv_prefix` warning.
    pub fn check_dvdv_prefix(&self, key: &DvdvKey, pointer: &str, out: &mut Vec<Finding>) {
        let (known, version) = if self.contains_list(list_uris::DVDV_PRAEFIX) {
            (
                dvdv::prefix_in(self, key.prefix()).is_some(),
                self.pinned_version(list_uris::DVDV_PRAEFIX)
                    .unwrap_or_default()
                    .to_owned(),
            )
        } else {
            (
                dvdv::prefix(key.prefix()).is_some(),
                dvdv::EMBEDDED_VERSION.to_owned(),
            )
        };
        if !known {
            out.push(Finding::new(
                FindingCode::UnknownDvdvPrefix,
                pointer,
                format!(
                    "DVDV prefix \"{}\" of {key} is not in the DVDV prefix list (version {version}); load a newer list with --codelist if it is new",
                    key.prefix()
                ),
            ));
        }
    }
}
