//! OZG-Umsetzungskatalog (OZG implementation catalogue): Themenfelder, Lagen, OZG-Leistungen and
//! the LeiKa-Leistungen mapped to them, with lookups and a name search.
//!
//! The crate embeds the catalogue of the KDN OZG-Datenbank (state 2019-10-05; 557 of the 575
//! OZG-Leistungen, see [`CatalogueMeta::known_gaps`]); [`Catalogue::embedded`] parses it once. A
//! newer or additional catalogue in the same JSON format (documented in `ozg-core/DATA.md`) is read
//! with [`Catalogue::from_path`] and merged with [`Catalogue::extend`].
//!
//! ```
//! use ozg_core::catalogue::Catalogue;
//! use ozg_core::code::Themenfeld;
//! use ozg_core::id::{LeikaKey, OzgId};
//!
//! let cat = Catalogue::embedded();
//! let elterngeld = cat.leistung("10000".parse::<OzgId>()?).expect("in the catalogue");
//! assert_eq!(elterngeld.name, "Elterngeld");
//! assert_eq!(elterngeld.themenfeld, Themenfeld::FamilieKind);
//!
//! let key: LeikaKey = "99001001000000".parse()?;
//! assert_eq!(cat.ozg_for_leika(key).map(|l| l.id.to_string()), Some("10110".to_owned()));
//!
//! let hits = cat.search("Fuehrerschein");
//! assert!(hits[0].item.name().contains("Führerschein"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
mod embedded;
mod error;
mod model;
mod search;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::code::{CodeList, Themenfeld};
use crate::id::{LeikaKey, OzgId, ServiceRef};

pub use error::CatalogueError;
pub(crate) use error::{JsonLocation, from_json_located};
pub use model::{
    Adressat, CatalogueCounts, CatalogueDocument, CatalogueMeta, Lage, LageSelector, LeikaLeistung,
    OzgLeistung, ThemenfeldEntry,
};
pub use search::{MatchKind, SearchHit, SearchItem, normalize};
pub(crate) use search::{classify, coverage};

/// The catalogue file format version this crate reads and writes (`formatVersion`).
pub const FORMAT_VERSION: u32 = 1;

/// The embedded catalogue file (`ozg-core/data/catalogue.json`).
const EMBEDDED_JSON: &str = include_str!("../data/catalogue.json");

/// The OZG catalogue, validated and indexed (OZG-Umsetzungskatalog mit LeiKa-Zuordnung).
/// Immutable apart from [`Catalogue::extend`].
#[derive(Clone)]
pub struct Catalogue {
    meta: CatalogueMeta,
    themenfelder: Vec<Themenfeld>,
    lagen: Vec<Lage>,
    leistungen: Vec<OzgLeistung>,
    leika: Vec<LeikaLeistung>,
    lage_idx: HashMap<u32, usize>,
    ozg_idx: HashMap<OzgId, usize>,
    leika_idx: HashMap<LeikaKey, usize>,
    by_themenfeld: HashMap<Themenfeld, Vec<usize>>,
    by_lage: HashMap<u32, Vec<usize>>,
    leika_by_ozg: HashMap<OzgId, Vec<usize>>,
    /// The search index, built on the first search (not at start-up).
    search: OnceLock<search::SearchIndex>,
}

impl fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogue")
            .field("as_of", &self.meta.as_of)
            .field("counts", &self.meta.counts)
            .finish_non_exhaustive()
    }
}

impl Catalogue {
    /// The embedded catalogue (KDN OZG-Datenbank, state 2019-10-05), built on first use from
    /// generated Rust statics (no JSON parse; the search index is built on the first search).
    ///
    /// # Panics
    ///
    /// Only if the embedded data file is invalid, which the crate's tests rule out.
    pub fn embedded() -> &'static Catalogue {
        static EMBEDDED: OnceLock<Catalogue> = OnceLock::new();
        EMBEDDED.get_or_init(|| match Self::embedded_fresh() {
            Ok(c) => c,
            Err(e) => panic!("the embedded catalogue data/catalogue_data.rs is invalid: {e}"),
        })
    }

    /// Builds and indexes the embedded catalogue anew from its statics (not cached; for
    /// benchmarks and for callers that want an owned copy to [`extend`](Self::extend)).
    pub fn embedded_fresh() -> Result<Catalogue, CatalogueError> {
        embedded::build()
    }

    /// The embedded catalogue file as text (format documented in `ozg-core/DATA.md`).
    pub fn embedded_json() -> &'static str {
        EMBEDDED_JSON
    }

    /// Metadata: source, licence, attribution, state, counts and known gaps.
    pub fn meta(&self) -> &CatalogueMeta {
        &self.meta
    }

    /// The Themenfelder, in file order.
    pub fn themenfelder(&self) -> &[Themenfeld] {
        &self.themenfelder
    }

    /// All Lagen, in file order.
    pub fn lagen(&self) -> &[Lage] {
        &self.lagen
    }

    /// The Lage with this id.
    pub fn lage(&self, id: u32) -> Option<&Lage> {
        self.lage_idx.get(&id).and_then(|&i| self.lagen.get(i))
    }

    /// The Lage with this exact name, e.g. "Geburt".
    pub fn lage_by_name(&self, name: &str) -> Option<&Lage> {
        self.lagen.iter().find(|l| l.name == name)
    }

    /// The Lagen of a Themenfeld.
    pub fn lagen_in(&self, themenfeld: Themenfeld) -> impl Iterator<Item = &Lage> + '_ {
        self.lagen
            .iter()
            .filter(move |l| l.themenfeld == themenfeld)
    }

    /// All OZG-Leistungen, in file order (sorted by OZG-ID in the embedded data).
    pub fn leistungen(&self) -> &[OzgLeistung] {
        &self.leistungen
    }

    /// All LeiKa rows, in file order.
    pub fn leika(&self) -> &[LeikaLeistung] {
        &self.leika
    }

    /// The OZG-Leistung with this OZG-ID.
    pub fn leistung(&self, id: OzgId) -> Option<&OzgLeistung> {
        self.ozg_idx.get(&id).and_then(|&i| self.leistungen.get(i))
    }

    /// The LeiKa row with this LeiKa key.
    pub fn leika_by_key(&self, key: LeikaKey) -> Option<&LeikaLeistung> {
        self.leika_idx.get(&key).and_then(|&i| self.leika.get(i))
    }

    /// The OZG-Leistung a LeiKa-Leistung belongs to.
    pub fn ozg_for_leika(&self, key: LeikaKey) -> Option<&OzgLeistung> {
        self.leika_by_key(key)
            .and_then(|row| row.ozg_id)
            .and_then(|id| self.leistung(id))
    }

    /// The LeiKa rows of an OZG-Leistung.
    pub fn leika_of(&self, id: OzgId) -> impl Iterator<Item = &LeikaLeistung> + '_ {
        self.leika_by_ozg
            .get(&id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.leika.get(i))
    }

    /// The OZG-Leistungen of a Themenfeld.
    pub fn by_themenfeld(&self, themenfeld: Themenfeld) -> impl Iterator<Item = &OzgLeistung> + '_ {
        self.by_themenfeld
            .get(&themenfeld)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.leistungen.get(i))
    }

    /// The OZG-Leistungen of a Lage, given by id (`u32`) or name (`&str`).
    ///
    /// ```
    /// use ozg_core::catalogue::Catalogue;
    ///
    /// let cat = Catalogue::embedded();
    /// assert!(cat.by_lage("Geburt").any(|l| l.name == "Elterngeld"));
    /// ```
    pub fn by_lage<'a>(
        &self,
        lage: impl Into<LageSelector<'a>>,
    ) -> impl Iterator<Item = &OzgLeistung> + '_ {
        let id = match lage.into() {
            LageSelector::Id(id) => Some(id),
            LageSelector::Name(name) => self.lage_by_name(name).map(|l| l.id),
        };
        id.and_then(|id| self.by_lage.get(&id))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.leistungen.get(i))
    }

    /// The Lage of an OZG-Leistung.
    pub fn lage_of(&self, leistung: &OzgLeistung) -> Option<&Lage> {
        self.lage(leistung.lage)
    }

    /// The LeiKa rows executed by Kommunen (kommunaler Vollzug: Typisierung 2/3, 4 or 5 families;
    /// rows of only Typ 1 or with empty Typisierung are left out).
    pub fn municipal_leistungen(&self) -> impl Iterator<Item = &LeikaLeistung> + '_ {
        self.leika.iter().filter(|r| r.is_municipal())
    }

    /// Searches the names of OZG-Leistungen and LeiKa rows (case-, umlaut- and
    /// punctuation-insensitive, see [`normalize`]); all hits, best first: exact name, whole
    /// words, word beginnings, inner substrings, then approximate (trigram) matches.
    pub fn search(&self, query: &str) -> Vec<SearchHit<'_>> {
        self.search_top(query, usize::MAX)
    }

    /// Like [`search`](Self::search), at most `limit` hits.
    pub fn search_top(&self, query: &str, limit: usize) -> Vec<SearchHit<'_>> {
        let index = self
            .search
            .get_or_init(|| search::SearchIndex::build(&self.leistungen, &self.leika));
        let n = index.n_leistungen();
        index
            .query(query)
            .into_iter()
            .filter_map(|(doc, kind, score)| {
                let item = if doc < n {
                    SearchItem::Leistung(self.leistungen.get(doc)?)
                } else {
                    SearchItem::Leika(self.leika.get(doc - n)?)
                };
                Some(SearchHit { item, kind, score })
            })
            .take(limit)
            .collect()
    }

    /// Whether the catalogue knows this OZG-ID or LeiKa key.
    pub fn resolve(&self, reference: ServiceRef) -> bool {
        match reference {
            ServiceRef::Ozg(id) => self.ozg_idx.contains_key(&id),
            ServiceRef::Leika(key) => self.leika_idx.contains_key(&key),
        }
    }

    /// The name of the OZG-Leistung or LeiKa-Leistung a reference points to.
    pub fn name_of(&self, reference: ServiceRef) -> Option<&str> {
        match reference {
            ServiceRef::Ozg(id) => self.leistung(id).map(|l| &*l.name),
            ServiceRef::Leika(key) => self.leika_by_key(key).map(|l| &*l.name),
        }
    }
}
