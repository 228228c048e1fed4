//! Vertrauensniveau: eIDAS levels of assurance and the FIM code list.

code_list! {
    /// Vertrauensniveau (eIDAS level of assurance, eIDAS-VO (EU) Nr. 910/2014): niedrig, substanziell, hoch.
    ///
    /// Source: `code_lists.json` → `vertrauensniveau_eidas`; the code is the German term, so it is also
    /// the label ([`Vertrauensniveau::english`] gives the English one). No official list URN: project URN.
    /// Ordered from low to high.
    pub enum Vertrauensniveau {
        uri: "urn:ozg-rs:codeliste:vertrauensniveau-eidas",
        version: Some("1"),
        title: "Vertrauensniveau (eIDAS)",
        /// niedrig (low).
        Niedrig = "niedrig" => Some("niedrig"),
        /// substanziell (substantial), e.g. ELSTER certificate.
        Substanziell = "substanziell" => Some("substanziell"),
        /// hoch (high), e.g. Online-Ausweis.
        Hoch = "hoch" => Some("hoch"),
    }
}

impl Vertrauensniveau {
    /// The English eIDAS term: low, substantial, high.
    pub fn english(self) -> &'static str {
        match self {
            Self::Niedrig => "low",
            Self::Substanziell => "substantial",
            Self::Hoch => "high",
        }
    }
}

code_list! {
    /// Vertrauensniveau of the FIM code list `urn:xoev-de:fim:codeliste:vertrauensniveau`
    /// (codes 00, 10, 15, 20, 30, 40). The names of the codes were **not** found, so every
    /// `label()` is `None`; no mapping to [`Vertrauensniveau`] is offered.
    ///
    /// Source: `code_lists.json` → `vertrauensniveau_fim_codes`.
    pub enum VertrauensniveauFim {
        uri: "urn:xoev-de:fim:codeliste:vertrauensniveau",
        version: None,
        title: "Vertrauensniveau (FIM)",
        /// Code 00 (name not known).
        Code00 = "00" => None,
        /// Code 10 (name not known).
        Code10 = "10" => None,
        /// Code 15 (name not known).
        Code15 = "15" => None,
        /// Code 20 (name not known).
        Code20 = "20" => None,
        /// Code 30 (name not known).
        Code30 = "30" => None,
        /// Code 40 (name not known).
        Code40 = "40" => None,
    }
}
