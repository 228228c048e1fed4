//! Reifegrad (OZG maturity model) in its versions 1.x and 2.0.

use super::*;

code_list! {
    /// Reifegradmodell (OZG maturity model version): 1.x (stages 0–4, in force until 2025) or 2.0
    /// (stages 0–7, since July 2025). No official list URN is known: project URN.
    pub enum ReifegradModell {
        uri: "urn:ozg-rs:codeliste:reifegradmodell",
        version: Some("1"),
        title: "OZG-Reifegradmodell",
        /// Reifegradmodell 1.x (stufen 0–4; Modell 1.1 of June 2020).
        V1 = "1.x" => Some("Reifegradmodell 1.x"),
        /// Reifegradmodell 2.0 (stufen 0–7, 13 criteria; stage names not known).
        V2 = "2.0" => Some("Reifegradmodell 2.0"),
    }
}

impl ReifegradModell {
    /// The highest stage (Stufe) of the model: 4 for 1.x, 7 for 2.0.
    pub fn max_level(self) -> u8 {
        match self {
            Self::V1 => 4,
            Self::V2 => 7,
        }
    }
}

/// Labels of the Reifegradmodell 1.x stages, from `code_lists.json` → `ozg_reifegrad_1x`.
const REIFEGRAD_V1_LABELS: [&str; 5] = [
    "Offline",
    "Information",
    "Formular-Assistent",
    "Online-Leistung",
    "Online-Transaktion",
];

/// Reifegrad (OZG maturity level) of an online service: a stage (Stufe) of a [`ReifegradModell`].
///
/// Built only through [`Reifegrad::new`], [`Reifegrad::v1`] or [`Reifegrad::v2`], so the level is
/// always within its model. Serde form: `{"model":"1.x","level":3}`.
///
/// ```
/// use ozg_core::code::Reifegrad;
///
/// let r = Reifegrad::v1(3)?;
/// assert_eq!(r.label(), Some("Online-Leistung"));
/// assert_eq!(r.is_ozg_compliant(), Some(true));
/// assert!(Reifegrad::v1(5).is_err());
/// assert_eq!(Reifegrad::v2(6)?.is_ozg_compliant(), None);
/// # Ok::<(), ozg_core::code::CodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "ReifegradRepr", into = "ReifegradRepr")]
pub struct Reifegrad {
    model: ReifegradModell,
    level: u8,
}

/// Wire form of [`Reifegrad`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ReifegradRepr {
    model: ReifegradModell,
    level: u8,
}

impl TryFrom<ReifegradRepr> for Reifegrad {
    type Error = CodeError;

    fn try_from(r: ReifegradRepr) -> Result<Self, CodeError> {
        Reifegrad::new(r.model, r.level)
    }
}

impl From<Reifegrad> for ReifegradRepr {
    fn from(r: Reifegrad) -> Self {
        ReifegradRepr {
            model: r.model,
            level: r.level,
        }
    }
}

impl Reifegrad {
    /// Builds a Reifegrad; errors when `level` exceeds the model's highest stage.
    pub fn new(model: ReifegradModell, level: u8) -> Result<Self, CodeError> {
        if level > model.max_level() {
            return Err(CodeError::ReifegradOutOfRange {
                model,
                level,
                max: model.max_level(),
            });
        }
        Ok(Self { model, level })
    }

    /// A stage of Reifegradmodell 1.x (0–4).
    pub fn v1(level: u8) -> Result<Self, CodeError> {
        Self::new(ReifegradModell::V1, level)
    }

    /// A stage of Reifegradmodell 2.0 (0–7).
    pub fn v2(level: u8) -> Result<Self, CodeError> {
        Self::new(ReifegradModell::V2, level)
    }

    /// The model (Reifegradmodell).
    pub fn model(&self) -> ReifegradModell {
        self.model
    }

    /// The stage (Stufe).
    pub fn level(&self) -> u8 {
        self.level
    }

    /// The stage name: for 1.x Offline, Information, Formular-Assistent, Online-Leistung,
    /// Online-Transaktion; `None` for 2.0 (its stage names were not found).
    pub fn label(&self) -> Option<&'static str> {
        match self.model {
            ReifegradModell::V1 => REIFEGRAD_V1_LABELS.get(usize::from(self.level)).copied(),
            ReifegradModell::V2 => None,
        }
    }

    /// Whether the OZG obligation counts as fulfilled (OZG-konform): 1.x from stage 3 on.
    /// `None` for 2.0, whose threshold is not known.
    pub fn is_ozg_compliant(&self) -> Option<bool> {
        match self.model {
            ReifegradModell::V1 => Some(self.level >= 3),
            ReifegradModell::V2 => None,
        }
    }

    /// Overall Reifegrad (Gesamtreifegrad) of criteria ratings: the lowest stage determines it.
    /// `Ok(None)` for no criteria; an error when the criteria mix models.
    ///
    /// ```
    /// use ozg_core::code::Reifegrad;
    ///
    /// let criteria = [Reifegrad::v1(4)?, Reifegrad::v1(2)?, Reifegrad::v1(3)?];
    /// assert_eq!(Reifegrad::overall(&criteria)?, Some(Reifegrad::v1(2)?));
    /// assert!(Reifegrad::overall(&[Reifegrad::v1(4)?, Reifegrad::v2(4)?]).is_err());
    /// # Ok::<(), ozg_core::code::CodeError>(())
    /// ```
    pub fn overall(criteria: &[Reifegrad]) -> Result<Option<Reifegrad>, CodeError> {
        let Some(first) = criteria.first() else {
            return Ok(None);
        };
        if let Some(other) = criteria.iter().find(|c| c.model != first.model) {
            return Err(CodeError::MixedReifegradModels {
                first: first.model,
                other: other.model,
            });
        }
        Ok(criteria.iter().min().copied())
    }
}

impl fmt::Display for Reifegrad {
    /// Writes e.g. `1.x/3 (Online-Leistung)` or `2.0/5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.model.code(), self.level)?;
        if let Some(label) = self.label() {
            write!(f, " ({label})")?;
        }
        Ok(())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Reifegrad {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Reifegrad")
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ozg_core::code::Reifegrad")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Reifegrad (OZG maturity level): model 1.x with stages 0-4 (0 = Offline; 1 = Information; 2 = Formular-Assistent; 3 = Online-Leistung; 4 = Online-Transaktion) or model 2.0 with stages 0-7 (names not known).",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "model": { "const": "1.x" },
                        "level": { "type": "integer", "minimum": 0, "maximum": 4 }
                    },
                    "required": ["model", "level"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "model": { "const": "2.0" },
                        "level": { "type": "integer", "minimum": 0, "maximum": 7 }
                    },
                    "required": ["model", "level"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
