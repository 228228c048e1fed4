//! OZG-Themenfeld: the 14 subject areas of the OZG-Umsetzungskatalog.

use super::*;

code_list! {
    /// OZG-Themenfeld (subject area of the OZG-Umsetzungskatalog), 14 values.
    ///
    /// Source: `shared/data/ozg_themenfelder.csv` (KDN `ozg_subject`: `kdn_id`, `name`) with the code
    /// `fim_portal_code` from the FIM-Portal enum `OzgThemenfeld` (matched by name). The code is the
    /// FIM-Portal code, the label the KDN name. No official list URN is known: project URN.
    pub enum Themenfeld {
        uri: "urn:ozg-rs:codeliste:themenfeld",
        version: Some("1"),
        title: "OZG-Themenfeld",
        /// Arbeit & Ruhestand (KDN id 1).
        ArbeitRuhestand = "arbeit_ruhestand" => Some("Arbeit & Ruhestand"),
        /// Bauen & Wohnen (KDN id 2).
        BauenWohnen = "bauen_wohnen" => Some("Bauen & Wohnen"),
        /// Bildung (KDN id 3).
        Bildung = "bildung" => Some("Bildung"),
        /// Ein- & Auswanderung (KDN id 4).
        EinAuswanderung = "ein_auswanderung" => Some("Ein- & Auswanderung"),
        /// Engagement & Hobby (KDN id 5).
        EngagementHobby = "engagement_hobby" => Some("Engagement & Hobby"),
        /// Familie & Kind (KDN id 6).
        FamilieKind = "familie_kind" => Some("Familie & Kind"),
        /// Forschung & Förderung (KDN id 7).
        ForschungFoerderung = "forschung_foerderung" => Some("Forschung & Förderung"),
        /// Gesundheit (KDN id 8).
        Gesundheit = "gesundheit" => Some("Gesundheit"),
        /// Mobilität & Reisen (KDN id 9).
        MobilitaetReisen = "mobilitaet_reisen" => Some("Mobilität & Reisen"),
        /// Querschnitt (KDN id 10; FIM-Portal code `querschnittsleistungen`).
        Querschnitt = "querschnittsleistungen" => Some("Querschnitt"),
        /// Recht & Ordnung (KDN id 11).
        RechtOrdnung = "recht_ordnung" => Some("Recht & Ordnung"),
        /// Steuern & Zoll (KDN id 12).
        SteuernZoll = "steuern_zoll" => Some("Steuern & Zoll"),
        /// Umwelt (KDN id 13).
        Umwelt = "umwelt" => Some("Umwelt"),
        /// Unternehmensführung & -entwicklung (KDN id 14).
        UnternehmensfuehrungEntwicklung = "unternehmensfuehrung_entwicklung" => Some("Unternehmensführung & -entwicklung"),
    }
}

impl Themenfeld {
    /// The KDN id (`ozg_subject.id`, 1–14) of this Themenfeld.
    pub fn kdn_id(self) -> u8 {
        // ALL is declared in KDN id order 1..=14.
        Self::ALL
            .iter()
            .position(|v| *v == self)
            .map_or(0, |i| i as u8 + 1)
    }

    /// Looks a Themenfeld up by its KDN id (1–14).
    pub fn from_kdn_id(id: u8) -> Result<Self, CodeError> {
        usize::from(id)
            .checked_sub(1)
            .and_then(|i| Self::ALL.get(i))
            .copied()
            .ok_or_else(|| CodeError::Unknown {
                list: "KDN ozg_subject id",
                code: id.to_string(),
                expected: "1..=14".to_owned(),
            })
    }

    /// Looks a Themenfeld up by its KDN/Umsetzungskatalog name, e.g. `"Familie & Kind"`.
    /// Surrounding whitespace is ignored (the KDN dump had `"Querschnitt "`); otherwise exact.
    pub fn from_label(label: &str) -> Result<Self, CodeError> {
        let wanted = label.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.label() == Some(wanted))
            .ok_or_else(|| CodeError::Unknown {
                list: "OZG-Themenfeld names (KDN)",
                code: label.to_owned(),
                expected: Self::ALL
                    .iter()
                    .filter_map(|v| v.label())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}
