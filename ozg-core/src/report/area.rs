//! The Gemeinden of an area and the Gemeinden a Verwaltung serves (Versorgungsgebiet), looked
//! up in the Gemeindeverzeichnis. The one place the report touches the register.

use crate::id::{Ags, ArsPrefix, KreisKey};
use crate::org::{Gemeindeverzeichnis, Verwaltung, VerwaltungKind};

/// The register the report counts Gemeinden in: the embedded Gemeindeverzeichnis of Germany.
fn register() -> &'static Gemeindeverzeichnis {
    Gemeindeverzeichnis::germany()
}

/// Name of a Kreis from the register.
pub(super) fn kreis_name(key: KreisKey) -> Option<String> {
    register().kreis(&key).map(|k| k.name.clone())
}

/// The Gemeinden of a Kreis in the register.
pub(super) fn gemeinden_of_kreis(key: KreisKey) -> Vec<Ags> {
    register()
        .gemeinden_under(&ArsPrefix::from(key))
        .map(|g| g.ags)
        .collect()
}

/// The Gemeinden of a Gemeindeverband (9-digit ARS prefix) in the register.
pub(super) fn gemeinden_of_verband(verband: ArsPrefix) -> Vec<Ags> {
    register()
        .gemeinden_under(&verband)
        .map(|g| g.ags)
        .collect()
}

/// Source and Gebietsstand of the register.
pub(super) fn register_source() -> (Option<String>, Option<chrono::NaiveDate>) {
    let meta = register().meta();
    (
        meta.and_then(|m| m.source.clone()),
        meta.and_then(|m| m.territorial_status),
    )
}

/// The 9-digit Gemeindeverband prefix of a Verwaltung's ARS.
pub(super) fn verband_of(v: &Verwaltung) -> Option<ArsPrefix> {
    Some(v.ars?.prefix(crate::id::ArsLevel::Gemeindeverband))
}

/// Whether the Verwaltung works at the municipal level (Amt, Gemeinde, Stadt, kreisfreie Stadt).
pub(super) fn is_municipal(kind: VerwaltungKind) -> bool {
    matches!(
        kind,
        VerwaltungKind::Amt
            | VerwaltungKind::AmtsfreieGemeinde
            | VerwaltungKind::Stadt
            | VerwaltungKind::KreisfreieStadt
    )
}

/// The Gemeinden (AGS) a Verwaltung serves (Versorgungsgebiet), by the rule of the
/// [report module](super): an explicit `gemeinden` list (plus its own AGS) wins; else an Amt
/// serves the Gemeinden of its Gemeindeverband, an amtsfreie Gemeinde or Stadt itself, a Kreis
/// or kreisfreie Stadt all Gemeinden of its Kreis, a Landesbehörde or other Verwaltung none.
/// Sorted, without duplicates.
///
/// ```
/// use ozg_core::dataset::Dataset;
/// use ozg_core::report::served_gemeinden;
/// let ds = Dataset::example();
/// let kiel = ds.verwaltungen.iter().find(|v| v.id.as_str() == "kiel").unwrap();
/// assert_eq!(served_gemeinden(kiel).len(), 1); // the kreisfreie Stadt is its only Gemeinde
/// ```
pub fn served_gemeinden(v: &Verwaltung) -> Vec<Ags> {
    let mut out: Vec<Ags> = if !v.gemeinden.is_empty() {
        v.gemeinden.iter().copied().chain(v.ags).collect()
    } else {
        match v.kind {
            VerwaltungKind::Amt => verband_of(v).map(gemeinden_of_verband).unwrap_or_default(),
            VerwaltungKind::AmtsfreieGemeinde | VerwaltungKind::Stadt => {
                v.ags.into_iter().collect()
            }
            VerwaltungKind::Kreis | VerwaltungKind::KreisfreieStadt => {
                let mut all = super::filter::kreis_of(v)
                    .map(gemeinden_of_kreis)
                    .unwrap_or_default();
                all.extend(v.ags);
                all
            }
            VerwaltungKind::Landesbehoerde | VerwaltungKind::Other => Vec::new(),
        }
    };
    out.sort_unstable();
    out.dedup();
    out
}
