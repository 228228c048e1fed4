//! Ids of our own records (slugs): Verwaltung, Onlinedienst, IT-Dienstleister, agreement, channel.

use super::*;

/// Rule of the slug-like record ids.
const SLUG_RULE: &str =
    "must be 1-128 characters: an ASCII letter or digit, then ASCII letters, digits or . _ : -";

/// Whether `s` matches `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`.
pub(super) fn is_slug(s: &str) -> bool {
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 128
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

macro_rules! slug_id {
    ($(#[$meta:meta])* $t:ident, $kind:ident, $expecting:literal, $description:literal) => {
        $(#[$meta])*
        ///
        /// Slug-like: 1–128 characters, an ASCII letter or digit followed by ASCII letters, digits
        /// or `.`, `_`, `:`, `-` (`^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`).
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $t(String);

        impl $t {
            /// JSON Schema / XSD pattern.
            pub const PATTERN: &'static str = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

            /// The id text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl FromStr for $t {
            type Err = IdError;

            fn from_str(s: &str) -> Result<Self, IdError> {
                if is_slug(s) {
                    Ok(Self(s.to_owned()))
                } else {
                    Err(IdError::new(IdKind::$kind, s, SLUG_RULE))
                }
            }
        }

        impl TryFrom<String> for $t {
            type Error = IdError;

            fn try_from(s: String) -> Result<Self, IdError> {
                if is_slug(&s) {
                    Ok(Self(s))
                } else {
                    Err(IdError::new(IdKind::$kind, &s, SLUG_RULE))
                }
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $t {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        string_id!($t, $expecting, $description);
    };
}

slug_id!(
    /// Verwaltungs-ID: our record id of a Verwaltung (Amt, Gemeinde, Stadt, Kreis …).
    VerwaltungId,
    VerwaltungId,
    "a Verwaltung id (slug)",
    "Verwaltungs-ID: record id of a Verwaltung (slug)."
);
slug_id!(
    /// Onlinedienst-ID: our record id of an online service (Onlinedienst).
    OnlinedienstId,
    OnlinedienstId,
    "an Onlinedienst id (slug)",
    "Onlinedienst-ID: record id of an online service (slug)."
);
slug_id!(
    /// IT-Dienstleister-ID: our record id of an IT provider (IT-Dienstleister).
    ProviderId,
    ProviderId,
    "an IT provider id (slug)",
    "IT-Dienstleister-ID: record id of an IT provider (slug)."
);
slug_id!(
    /// Vereinbarungs-ID: our record id of an agreement (Vereinbarung).
    AgreementId,
    AgreementId,
    "an agreement id (slug)",
    "Vereinbarungs-ID: record id of an agreement (slug)."
);
slug_id!(
    /// Zustellkanal-ID: our record id of a delivery channel (Zustellkanal).
    ChannelId,
    ChannelId,
    "a delivery channel id (slug)",
    "Zustellkanal-ID: record id of a delivery channel (slug)."
);
