//! The official list of DVDV prefixes (DVDV-Präfixe, `urn:xoev-de:bund:bmi:bit:codeliste:dvdv.praefix`,
//! version 51, BMI/ITZBund), embedded as generated statics (`scripts/gen_codelists.py`).
//!
//! ```
//! use ozg_core::codelist::dvdv;
//! let p = dvdv::prefix("wgb").expect("in version 51");
//! assert_eq!(p.behoerdenkategorie, "Wohngeldbehörde");
//! assert_eq!(dvdv::prefixes().len(), 118);
//! assert!(dvdv::prefix("xyz").is_none());
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use super::annotation::{Annotation, AnnotationElement};
use super::document::{
    Agency, Cell, CodeListDocument, Column, ColumnSet, ColumnUse, Identification, Key, LongName,
    Row,
};
use super::dvdv_data as data;
use super::registry::CodeListRegistry;

/// Column id of the prefix (Präfix).
pub const COLUMN_PRAEFIX: &str = "praefix";
/// Column id of the assigning body (Vergebende Stelle).
pub const COLUMN_VERGEBENDE_STELLE: &str = "vergebendestelle";
/// Column id of the authority category (Behördenkategorie).
pub const COLUMN_BEHOERDENKATEGORIE: &str = "behoerdenkategorie";

/// One entry of the DVDV prefix list (DVDV-Präfix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DvdvPrefix<'a> {
    /// The prefix (Präfix), e.g. `wgb`.
    pub prefix: &'a str,
    /// Vergebende Stelle, e.g. "Leitstelle XSozial-basis d-NRW AöR".
    pub vergebende_stelle: &'a str,
    /// Behördenkategorie, e.g. "Wohngeldbehörde".
    pub behoerdenkategorie: &'a str,
}

/// `Version` of the embedded list.
pub const EMBEDDED_VERSION: &str = data::VERSION;

/// Every prefix of the embedded list (version 51), in list order.
pub fn prefixes() -> impl ExactSizeIterator<Item = DvdvPrefix<'static>> {
    data::ROWS.iter().map(|&(p, v, b)| DvdvPrefix {
        prefix: p,
        vergebende_stelle: v,
        behoerdenkategorie: b,
    })
}

/// The entry of a prefix in the embedded list (exact match), `None` when version 51 does not know it.
pub fn prefix(prefix: &str) -> Option<DvdvPrefix<'static>> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        data::ROWS
            .iter()
            .enumerate()
            .map(|(i, r)| (r.0, i))
            .collect()
    });
    index.get(prefix).and_then(|&i| prefixes().nth(i))
}

/// The entry of a prefix in the DVDV list a registry is pinned to (a newer list loaded by the
/// user takes effect); `None` when the registry holds no DVDV list or the prefix is not in it.
pub fn prefix_in<'r>(registry: &'r CodeListRegistry, prefix: &str) -> Option<DvdvPrefix<'r>> {
    let e = registry
        .lookup(super::list_uris::DVDV_PRAEFIX, None, prefix)
        .ok()?;
    Some(DvdvPrefix {
        prefix: e.value(COLUMN_PRAEFIX)?,
        vergebende_stelle: e.value(COLUMN_VERGEBENDE_STELLE).unwrap_or_default(),
        behoerdenkategorie: e.value(COLUMN_BEHOERDENKATEGORIE).unwrap_or_default(),
    })
}

/// The embedded list as a [`CodeListDocument`] (built once, on first use), equal to what
/// `ozg_xml::genericode` reads from the published file.
pub fn prefix_list() -> &'static CodeListDocument {
    static DOC: OnceLock<CodeListDocument> = OnceLock::new();
    DOC.get_or_init(build)
}

#[allow(clippy::expect_used)] // generated, tested data: a failure is a build defect
fn build() -> CodeListDocument {
    let mut ident = Identification::new(
        data::SHORT_NAME,
        data::VERSION,
        data::CANONICAL_URI,
        data::CANONICAL_VERSION_URI,
    );
    ident.long_names = data::LONG_NAME.map(LongName::new).into_iter().collect();
    ident.agency = Some(Agency {
        short_name: data::AGENCY_SHORT_NAME.map(str::to_owned),
        long_names: data::AGENCY_LONG_NAME
            .map(LongName::new)
            .into_iter()
            .collect(),
        identifiers: Vec::new(),
    });
    let columns = data::COLUMNS
        .iter()
        .map(|&(id, use_, short, long, ty)| {
            let mut c = Column::new(
                id,
                if use_ == "required" {
                    ColumnUse::Required
                } else {
                    ColumnUse::Optional
                },
            );
            c.short_name = short.to_owned();
            c.long_names = long.map(LongName::new).into_iter().collect();
            c.data_type = ty.to_owned();
            c
        })
        .collect();
    let keys = data::KEYS
        .iter()
        .map(|&(id, short, col, ns, marker)| {
            let mut k = Key::new(id, [col]);
            k.short_name = short.to_owned();
            if !marker.is_empty() {
                k.annotation = Some(Annotation {
                    description: Vec::new(),
                    app_info: vec![AnnotationElement::with_text(
                        (!ns.is_empty()).then_some(ns),
                        marker,
                        "",
                    )],
                });
            }
            k
        })
        .collect();
    let rows = data::ROWS
        .iter()
        .map(|&(p, v, b)| Row::new(vec![Cell::text(p), Cell::text(v), Cell::text(b)]))
        .collect();
    let annotation = Annotation {
        description: data::DESCRIPTION
            .iter()
            .map(|&(ns, name, text)| {
                AnnotationElement::with_text((!ns.is_empty()).then_some(ns), name, text)
            })
            .collect(),
        app_info: Vec::new(),
    };
    CodeListDocument::new(ident, ColumnSet::new(columns, keys), rows)
        .expect("the generated DVDV prefix list is a valid code list")
        .with_annotation(Some(annotation))
}
