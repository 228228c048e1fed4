//! DVDV-Organisationsschlüssel (Behördenkennung).

use super::*;

/// DVDV-Organisationsschlüssel / Behördenkennung: `prefix:key`, e.g. `bab:05111000` or
/// `wgb:051110000000`. The prefix names the Behördenkategorie: 2–10 letters (also umlauts, as in
/// the official prefix `töj`, and capitals, as in `MELDID`) or digits, starting with a letter; the
/// key is 1–32 ASCII letters or digits.
///
/// Whether the prefix is in the official DVDV prefix list is not a parse rule (a newer list may
/// add prefixes): [`DvdvKey::prefix_entry`] looks it up in the embedded list (version 51), and the
/// dataset check reports an unknown prefix as a warning (`channel.unknown_dvdv_prefix`).
///
/// ```
/// use ozg_core::id::DvdvKey;
///
/// let key: DvdvKey = "bab:05111000".parse()?;
/// assert_eq!((key.prefix(), key.key()), ("bab", "05111000"));
/// assert_eq!(key.behoerdenkategorie(), Some("Bauaufsichtsbehörde"));
/// assert_eq!(key.vergebende_stelle(), Some("Statistische Landesämter / Statistisches Bundesamt"));
/// let unknown: DvdvKey = "zzz:1".parse()?; // parses; the check warns
/// assert_eq!(unknown.behoerdenkategorie(), None);
/// # Ok::<(), ozg_core::id::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DvdvKey {
    text: String,
    colon: u8,
}

impl DvdvKey {
    /// JSON Schema / XSD pattern.
    pub const PATTERN: &'static str = r"^[A-Za-zÄÖÜäöüß][0-9A-Za-zÄÖÜäöüß]{1,9}:[0-9A-Za-z]{1,32}$";

    /// The entry of the prefix in the embedded DVDV prefix list (version 51), `None` when the
    /// list does not know the prefix. A newer list: [`crate::codelist::dvdv::prefix_in`].
    pub fn prefix_entry(&self) -> Option<crate::codelist::dvdv::DvdvPrefix<'static>> {
        crate::codelist::dvdv::prefix(self.prefix())
    }

    /// Behördenkategorie of the prefix from the embedded DVDV prefix list, e.g. "Wohngeldbehörde".
    pub fn behoerdenkategorie(&self) -> Option<&'static str> {
        self.prefix_entry().map(|p| p.behoerdenkategorie)
    }

    /// Vergebende Stelle of the prefix from the embedded DVDV prefix list.
    pub fn vergebende_stelle(&self) -> Option<&'static str> {
        self.prefix_entry().map(|p| p.vergebende_stelle)
    }

    /// The prefix (Behördenkategorie), e.g. `bab`.
    pub fn prefix(&self) -> &str {
        &self.text[..usize::from(self.colon)]
    }

    /// The key after the colon, e.g. `05111000`.
    pub fn key(&self) -> &str {
        &self.text[usize::from(self.colon) + 1..]
    }

    /// The whole `prefix:key` text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl FromStr for DvdvKey {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, IdError> {
        let (prefix, key) = s
            .split_once(':')
            .ok_or_else(|| IdError::new(IdKind::DvdvKey, s, "must have the form prefix:key"))?;
        let letter = |c: char| c.is_ascii_alphabetic() || "ÄÖÜäöüß".contains(c);
        let count = prefix.chars().count();
        let prefix_ok = (2..=10).contains(&count)
            && prefix.chars().next().is_some_and(letter)
            && prefix.chars().all(|c| letter(c) || c.is_ascii_digit());
        if !prefix_ok {
            return Err(IdError::new(
                IdKind::DvdvKey,
                s,
                "prefix must be a letter followed by 1-9 letters (A-Z, a-z, umlauts, ß) or digits",
            ));
        }
        let key_ok =
            !key.is_empty() && key.len() <= 32 && key.bytes().all(|b| b.is_ascii_alphanumeric());
        if !key_ok {
            return Err(IdError::new(
                IdKind::DvdvKey,
                s,
                "key after the colon must be 1-32 ASCII letters or digits",
            ));
        }
        Ok(Self {
            text: s.to_owned(),
            colon: prefix.len() as u8,
        })
    }
}

impl fmt::Display for DvdvKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for DvdvKey {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

string_id!(
    DvdvKey,
    "a DVDV key (prefix:key)",
    "DVDV-Organisationsschlüssel (Behördenkennung): prefix:key, e.g. bab:05111000."
);
