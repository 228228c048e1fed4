//! LeiKa-Typisierung and sets of them (which level regulates and which executes a Leistung).

use super::*;

/// Meaning of Typisierung 2, 3 and 2/3 (described together by the source).
const TYP_2_3: &str = "Regelungskompetenz Bund, Vollzug durch Landesebene oder kommunale Ebene (Typ 2 und 3 gemeinsam beschrieben)";

code_list! {
    /// LeiKa-Typisierung (which level regulates and which executes a Leistung), 21 codes of
    /// `urn:de:fim:leika:typisierung`. Meanings are known only for 1–5; `label()` is `None` otherwise.
    ///
    /// Source: `code_lists.json` → `leika_typisierung` (codes: FIM-Portal OpenAPI; meanings:
    /// digital-direkt.nrw).
    pub enum Typisierung {
        uri: "urn:de:fim:leika:typisierung",
        version: None,
        title: "LeiKa-Typisierung",
        /// Typ 1: Regelungs- und Vollzugskompetenz auf Bundesebene.
        Typ1 = "1" => Some("Regelungs- und Vollzugskompetenz auf Bundesebene"),
        /// Typ 2: Regelung Bund, Vollzug Land oder Kommune.
        Typ2 = "2" => Some(TYP_2_3),
        /// Typ 2a (meaning not known).
        Typ2a = "2a" => None,
        /// Typ 2b (meaning not known).
        Typ2b = "2b" => None,
        /// Typ 3: Regelung Bund, Vollzug Land oder Kommune.
        Typ3 = "3" => Some(TYP_2_3),
        /// Typ 3a (meaning not known).
        Typ3a = "3a" => None,
        /// Typ 3b (meaning not known).
        Typ3b = "3b" => None,
        /// Typ 2/3: Regelung Bund, Vollzug Land oder Kommune.
        Typ2Und3 = "2/3" => Some(TYP_2_3),
        /// Typ 2/3a (meaning not known).
        Typ2Und3a = "2/3a" => None,
        /// Typ 2/3b (meaning not known).
        Typ2Und3b = "2/3b" => None,
        /// Typ 4: Regelung Land, Vollzug Land oder Kommune.
        Typ4 = "4" => Some("Regelungskompetenz auf Landesebene, Vollzug durch Landesebene oder kommunale Ebene"),
        /// Typ 4a (meaning not known).
        Typ4a = "4a" => None,
        /// Typ 4b (meaning not known).
        Typ4b = "4b" => None,
        /// Typ 5: Regelung und Vollzug kommunal.
        Typ5 = "5" => Some("Regelungs- und Vollzugskompetenz auf kommunaler Ebene"),
        /// Typ 6 (meaning not known).
        Typ6 = "6" => None,
        /// Typ 7 (meaning not known).
        Typ7 = "7" => None,
        /// Typ 8 (meaning not known).
        Typ8 = "8" => None,
        /// Typ 9 (meaning not known).
        Typ9 = "9" => None,
        /// Typ 10 (meaning not known).
        Typ10 = "10" => None,
        /// Typ 11 (meaning not known).
        Typ11 = "11" => None,
        /// Typ 12 (meaning not known).
        Typ12 = "12" => None,
    }
}

impl Typisierung {
    /// Index of this value in [`CodeList::all`] (0–20), the bit used by [`TypisierungSet`].
    fn index(self) -> u32 {
        Self::ALL
            .iter()
            .position(|v| *v == self)
            .map_or(0, |i| i as u32)
    }

    /// Whether Kommunen execute Leistungen of this type (kommunaler Vollzug): the 2, 3, 2/3,
    /// 4 families (with their a/b variants) and 5. Types 1 and 6–12 are not municipal.
    pub fn is_municipal(self) -> bool {
        !matches!(
            self,
            Self::Typ1
                | Self::Typ6
                | Self::Typ7
                | Self::Typ8
                | Self::Typ9
                | Self::Typ10
                | Self::Typ11
                | Self::Typ12
        )
    }
}

/// Set of LeiKa-Typisierungen (Typisierung of one Leistung; the KDN data holds values like `1, 2/3`).
///
/// Stored as a bit set over the 21 codes and iterated in list order. Serde: a JSON array of codes
/// (`["1","2/3"]`); [`FromStr`]/[`Display`](fmt::Display) use the KDN comma form (`1, 2/3`; the empty
/// string is the empty set).
///
/// ```
/// use ozg_core::code::{Typisierung, TypisierungSet};
///
/// let set: TypisierungSet = "1, 2/3".parse()?;
/// assert!(set.contains(Typisierung::Typ2Und3));
/// assert!(set.is_municipal());
/// assert_eq!(set.to_string(), "1, 2/3");
/// assert!("".parse::<TypisierungSet>()?.is_empty());
/// # Ok::<(), ozg_core::code::CodeError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypisierungSet(u32);

impl TypisierungSet {
    /// The empty set.
    pub const fn new() -> Self {
        Self(0)
    }

    /// Adds a Typisierung; returns whether it was new.
    pub fn insert(&mut self, t: Typisierung) -> bool {
        let bit = 1 << t.index();
        let new = self.0 & bit == 0;
        self.0 |= bit;
        new
    }

    /// Removes a Typisierung; returns whether it was present.
    pub fn remove(&mut self, t: Typisierung) -> bool {
        let bit = 1 << t.index();
        let present = self.0 & bit != 0;
        self.0 &= !bit;
        present
    }

    /// Whether the set holds `t`.
    pub fn contains(&self, t: Typisierung) -> bool {
        self.0 & (1 << t.index()) != 0
    }

    /// Number of Typisierungen in the set.
    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty (no Typisierung recorded).
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The Typisierungen in list order.
    pub fn iter(&self) -> impl Iterator<Item = Typisierung> + '_ {
        let bits = self.0;
        Typisierung::ALL
            .iter()
            .copied()
            .filter(move |t| bits & (1 << t.index()) != 0)
    }

    /// Whether any member is executed by Kommunen (see [`Typisierung::is_municipal`]): the
    /// Leistungen a municipal IT provider has to care about.
    pub fn is_municipal(&self) -> bool {
        self.iter().any(Typisierung::is_municipal)
    }
}

impl FromIterator<Typisierung> for TypisierungSet {
    fn from_iter<I: IntoIterator<Item = Typisierung>>(iter: I) -> Self {
        let mut set = Self::new();
        set.extend(iter);
        set
    }
}

impl Extend<Typisierung> for TypisierungSet {
    fn extend<I: IntoIterator<Item = Typisierung>>(&mut self, iter: I) {
        for t in iter {
            self.insert(t);
        }
    }
}

impl From<Typisierung> for TypisierungSet {
    fn from(t: Typisierung) -> Self {
        let mut set = Self::new();
        set.insert(t);
        set
    }
}

impl FromStr for TypisierungSet {
    type Err = CodeError;

    /// Parses the KDN comma form: codes separated by `,` with optional spaces (`1, 2/3`); an empty
    /// or blank string is the empty set; an empty item (`1,,2`) is an error.
    fn from_str(s: &str) -> Result<Self, CodeError> {
        if s.trim().is_empty() {
            return Ok(Self::new());
        }
        s.split(',')
            .map(|item| Typisierung::from_code(item.trim()))
            .collect()
    }
}

impl fmt::Display for TypisierungSet {
    /// Writes the KDN comma form, e.g. `1, 2/3` (empty set: empty string).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(t.code())?;
        }
        Ok(())
    }
}

impl Serialize for TypisierungSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for t in self.iter() {
            seq.serialize_element(&t)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for TypisierungSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor;

        impl<'de> Visitor<'de> for SetVisitor {
            type Value = TypisierungSet;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of LeiKa-Typisierung codes")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TypisierungSet, A::Error> {
                let mut set = TypisierungSet::new();
                while let Some(t) = seq.next_element::<Typisierung>()? {
                    set.insert(t);
                }
                Ok(set)
            }
        }

        deserializer.deserialize_seq(SetVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for TypisierungSet {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("TypisierungSet")
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ozg_core::code::TypisierungSet")
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": generator.subschema_for::<Typisierung>(),
            "uniqueItems": true,
            "description": "Set of LeiKa-Typisierungen (codes of urn:de:fim:leika:typisierung).",
        })
    }
}
