//! Route queries: who serves LeiKa key L in area A, most specific Gebiet first.

use std::fmt;

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::id::{Ags, Ars, ArsLevel, ArsPrefix, LeikaKey, OzgId};

use super::gebiet::{PackedPrefix, level_name};
use super::index::{IndexedZustaendigkeit, ZufiIndex};

/// What a route query asked (Suchanfrage), echoed in every answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteQuery {
    /// The LeiKa keys searched (one, or all of an OZG-Leistung's).
    pub leika_keys: Vec<LeikaKey>,
    /// The area asked for.
    pub ars: ArsPrefix,
    /// The AGS the area was found from, when asked by AGS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ags: Option<Ags>,
    /// The OZG-Leistung the keys were taken from, when asked by OZG-ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ozg_id: Option<OzgId>,
    /// The areas searched, most specific first (the area and the higher levels containing it).
    pub searched: Vec<PackedPrefix>,
}

/// Why a Zuständigkeit matched (Trefferart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchReason {
    /// Its `gebietID` is the area asked for.
    SameArea,
    /// Its `gebietID` is a higher level that contains the area asked for.
    ContainingArea,
}

/// One answer of a route query (Treffer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteMatch<'a> {
    /// The LeiKa key that matched.
    pub leika_key: LeikaKey,
    /// The `gebietID` that matched.
    pub matched_gebiet: PackedPrefix,
    /// Its level.
    #[serde(serialize_with = "ser_level")]
    pub level: ArsLevel,
    /// Why it matched.
    pub reason: MatchReason,
    /// The Zuständigkeit.
    pub zustaendigkeit: &'a IndexedZustaendigkeit,
}

fn ser_level<S: serde::Serializer>(l: &ArsLevel, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(level_name(*l))
}

impl RouteMatch<'_> {
    /// The reason in words, e.g. "gebietID 01051 (Kreis) contains 010510044044".
    pub fn explanation(&self, query: &RouteQuery) -> String {
        match self.reason {
            MatchReason::SameArea => format!(
                "gebietID {} ({}) is the area asked for",
                self.matched_gebiet,
                level_name(self.level)
            ),
            MatchReason::ContainingArea => format!(
                "gebietID {} ({}) contains {}",
                self.matched_gebiet,
                level_name(self.level),
                query.ars
            ),
        }
    }
}

/// The answer to a route query (Zuständigkeitsauskunft): the matches, most specific Gebiet first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Route<'a> {
    /// What was searched.
    pub query: RouteQuery,
    /// The matches (Gemeinde → Gemeindeverband → Kreis → Regierungsbezirk → Land).
    pub matches: Vec<RouteMatch<'a>>,
}

impl Route<'_> {
    /// Whether nothing serves the query.
    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// The most specific match.
    pub fn first(&self) -> Option<&RouteMatch<'_>> {
        self.matches.first()
    }
}

impl fmt::Display for RouteQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<String> = self.leika_keys.iter().map(ToString::to_string).collect();
        write!(f, "LeiKa {}", keys.join(", "))?;
        if let Some(o) = self.ozg_id {
            write!(f, " (OZG-ID {o})")?;
        }
        write!(f, " in ")?;
        if let Some(a) = self.ags {
            write!(f, "AGS {a} = ")?;
        }
        write!(f, "ARS {}; searched gebietIDs ", self.ars)?;
        let s: Vec<String> = self
            .searched
            .iter()
            .map(|p| format!("{p} ({})", level_name(p.level())))
            .collect();
        f.write_str(&s.join(", "))
    }
}

/// Why a route query could not be asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RouteError {
    /// The AGS is not in the Gemeindeverzeichnis used.
    #[error("AGS {0} is not in the Gemeindeverzeichnis")]
    UnknownAgs(Ags),
    /// The OZG-ID is not in the catalogue or has no LeiKa keys.
    #[error("OZG-ID {0} has no LeiKa keys in the catalogue")]
    UnknownOzgId(OzgId),
}

impl ZufiIndex {
    /// Who serves `leika` in `area`: the Zuständigkeiten whose `gebietID` is the area or a
    /// higher level containing it, most specific first. A Zuständigkeit with several matching
    /// Gebiete appears once, at its most specific one.
    ///
    /// See the crate README for an end-to-end example; `ozg_xml::xzufi::index` builds the index.
    pub fn route(&self, leika: LeikaKey, area: ArsPrefix) -> Route<'_> {
        self.route_keys(vec![leika], area, None, None)
    }

    /// [`route`](Self::route) for a full ARS.
    pub fn route_ars(&self, leika: LeikaKey, ars: Ars) -> Route<'_> {
        self.route(leika, ArsPrefix::from(ars))
    }

    /// [`route`](Self::route) by AGS: the AGS is mapped to its ARS by `ars_for_ags` (e.g.
    /// `|a| Gemeindeverzeichnis::germany().ars_for_ags(&a)`).
    pub fn route_ags(
        &self,
        leika: LeikaKey,
        ags: Ags,
        ars_for_ags: impl FnOnce(Ags) -> Option<Ars>,
    ) -> Result<Route<'_>, RouteError> {
        let ars = ars_for_ags(ags).ok_or(RouteError::UnknownAgs(ags))?;
        Ok(self.route_keys(vec![leika], ArsPrefix::from(ars), Some(ags), None))
    }

    /// [`route`](Self::route) for every LeiKa key of an OZG-Leistung of `catalogue`.
    pub fn route_ozg(
        &self,
        ozg: OzgId,
        area: ArsPrefix,
        catalogue: &Catalogue,
    ) -> Result<Route<'_>, RouteError> {
        let mut keys: Vec<LeikaKey> = catalogue.leika_of(ozg).filter_map(|r| r.key).collect();
        keys.sort();
        keys.dedup();
        if keys.is_empty() {
            return Err(RouteError::UnknownOzgId(ozg));
        }
        Ok(self.route_keys(keys, area, None, Some(ozg)))
    }

    /// The general form: several keys (each match names its key), an area, and what the query
    /// came from.
    pub fn route_keys(
        &self,
        leika_keys: Vec<LeikaKey>,
        area: ArsPrefix,
        ags: Option<Ags>,
        ozg_id: Option<OzgId>,
    ) -> Route<'_> {
        let packed = PackedPrefix::from(area);
        let searched: Vec<PackedPrefix> = packed.ancestors().collect();
        let mut matches: Vec<RouteMatch<'_>> = Vec::new();
        for &level in &searched {
            for &key in &leika_keys {
                for &i in self.exact(key.value(), level) {
                    let z = &self.records[i as usize];
                    if matches
                        .iter()
                        .any(|m| std::ptr::eq(m.zustaendigkeit, z) && m.leika_key == key)
                    {
                        continue;
                    }
                    matches.push(RouteMatch {
                        leika_key: key,
                        matched_gebiet: level,
                        level: level.level(),
                        reason: if level == packed {
                            MatchReason::SameArea
                        } else {
                            MatchReason::ContainingArea
                        },
                        zustaendigkeit: z,
                    });
                }
            }
        }
        Route {
            query: RouteQuery {
                leika_keys,
                ars: area,
                ags,
                ozg_id,
                searched,
            },
            matches,
        }
    }
}

impl ZufiIndex {
    /// The ARS of the Gemeinde with this AGS as the exports themselves name it (a Gemeinde-level
    /// `gebietID` whose AGS part is `ags`), for when no Gemeindeverzeichnis with ARS is at hand.
    pub fn ars_for_ags_in_exports(&self, ags: Ags) -> Option<Ars> {
        self.records
            .iter()
            .flat_map(|z| z.gebiete.iter())
            .filter(|g| g.ars.len() == 12)
            .find_map(|g| {
                let ars: Ars = g.ars.to_string().parse().ok()?;
                (ars.ags() == ags).then_some(ars)
            })
    }
}
