//! Zuständigkeiten from XZuFi exports (Zuständigkeitsfinder): the index that joins
//! `zustaendigkeit/leistungID` to the exported `leistung` (its LeiKa keys) and to the catalogue's
//! OZG-Leistung, route queries ("who serves LeiKa key L in ARS A", most specific Gebiet first),
//! coverage of an area and the cross-check with a dataset.
//!
//! This module holds no XML: `ozg_xml::xzufi::index` streams exports into an [`IndexBuilder`].
//!
//! ```
//! use ozg_core::Catalogue;
//! use ozg_core::zufi::{IndexBuilder, ZustaendigkeitInput};
//!
//! let mut b = IndexBuilder::new();
//! b.start_file("export.xml");
//! b.add_leistung("L1", vec!["99107023017000".parse()?]);
//! b.add_zustaendigkeit(ZustaendigkeitInput {
//!     unit_id: "O1",
//!     unit_name: Some("Kreis Dithmarschen, Wohngeldstelle"),
//!     leistung_id: "L1",
//!     gebiete: vec!["01051".parse()?],
//!     rolle: Some("01"),
//!     signature: None,
//!     line: 10,
//!     column: 7,
//! });
//! let index = b.finish(Catalogue::embedded());
//! let route = index.route_ars("99107023017000".parse()?, "010510044044".parse()?);
//! let hit = route.first().expect("the Kreis serves its Gemeinden");
//! assert_eq!(hit.level, ozg_core::id::ArsLevel::Kreis);
//! assert_eq!(&*hit.zustaendigkeit.organisationseinheit.id, "O1");
//! assert_eq!(hit.zustaendigkeit.source.to_string(), "export.xml:10:7");
//! # Ok::<(), ozg_core::id::IdError>(())
//! ```

mod check;
mod coverage;
mod gebiet;
mod index;
mod route;

pub use check::{CrossCheckFinding, cross_check};
pub use coverage::{BlockerKind, Coverage, CoverageRow, Responsibility};
pub use gebiet::{
    GebietKey, GebietSpelling, PackedPrefix, RS_SCHEME_ID, RS_URN_PREFIX, ancestors, level_name,
    normalise_ars_key, parse_gebiet_id,
};
pub use index::{
    DerivedChannel, IndexBuilder, IndexCounts, IndexedGebiet, IndexedZustaendigkeit,
    ResponsibleUnit, SourcePosition, Text, ZufiFinding, ZufiIndex, ZustaendigkeitInput,
};
pub use route::{MatchReason, Route, RouteError, RouteMatch, RouteQuery};

/// Prefix of LeiKa Leistung URNs (`urn:de:fim:leika:leistung:<key>`), as in `leistungID` and in
/// the signature's `leistungIDs`.
pub const LEIKA_URN_PREFIX: &str = "urn:de:fim:leika:leistung:";
