//! The code lists (Codelisten) of ozg-core known to the XML mapping, found by the name schemars
//! gives their JSON Schema (the Rust type name). Everything else comes from the
//! [`CodeList`] trait: `listURI`, `listVersionID`, codes and German labels.

use ozg_core::code::{
    AgreementDocumentKind, Basiskomponente, Bundesland, CodeList, EfaModell, LeistungsTyp,
    ReifegradModell, Themenfeld, Typisierung, Vertrauensniveau, VertrauensniveauFim,
};

/// One code list as the mapping needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeInfo {
    pub(crate) list_uri: &'static str,
    pub(crate) list_version_id: Option<&'static str>,
    /// `(code, label)` in list order.
    pub(crate) codes: Vec<(&'static str, Option<&'static str>)>,
}

impl CodeInfo {
    fn of<C: CodeList>() -> Self {
        CodeInfo {
            list_uri: C::LIST_URI,
            list_version_id: C::LIST_VERSION_ID,
            codes: C::all().iter().map(|c| (c.code(), c.label())).collect(),
        }
    }

    /// The German label (Bezeichnung) of `code`, where the list gives one.
    pub(crate) fn label(&self, code: &str) -> Option<&'static str> {
        self.codes
            .iter()
            .find(|(c, _)| *c == code)
            .and_then(|(_, l)| *l)
    }
}

/// The code list whose JSON Schema is named `schema_name`, if it is one.
pub(crate) fn code_list(schema_name: &str) -> Option<CodeInfo> {
    Some(match schema_name {
        "Themenfeld" => CodeInfo::of::<Themenfeld>(),
        "ReifegradModell" => CodeInfo::of::<ReifegradModell>(),
        "Vertrauensniveau" => CodeInfo::of::<Vertrauensniveau>(),
        "VertrauensniveauFim" => CodeInfo::of::<VertrauensniveauFim>(),
        "Typisierung" => CodeInfo::of::<Typisierung>(),
        "LeistungsTyp" => CodeInfo::of::<LeistungsTyp>(),
        "Basiskomponente" => CodeInfo::of::<Basiskomponente>(),
        "Bundesland" => CodeInfo::of::<Bundesland>(),
        "EfaModell" => CodeInfo::of::<EfaModell>(),
        "AgreementDocumentKind" => CodeInfo::of::<AgreementDocumentKind>(),
        _ => return None,
    })
}

/// Names of all code lists above (for tests that check the registry against the schemas).
#[cfg(test)]
pub(crate) const NAMES: &[&str] = &[
    "Themenfeld",
    "ReifegradModell",
    "Vertrauensniveau",
    "VertrauensniveauFim",
    "Typisierung",
    "LeistungsTyp",
    "Basiskomponente",
    "Bundesland",
    "EfaModell",
    "AgreementDocumentKind",
];
