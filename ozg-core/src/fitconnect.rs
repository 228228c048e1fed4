//! FIT-Connect submission metadata (Metadaten einer Einreichung), schema version 1.0.0.
//!
//! A FIT-Connect submission (Einreichung) consists of an optional data part (Fachdatensatz), optional
//! attachments (Anlagen) and the mandatory metadata document (Metadatensatz) that this module builds.
//! The field set follows FITKO's metadata schema 1.0.0
//! (`https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json`); the fields are listed in
//! `shared/data/fitconnect_metadata_1_0_0_fields.csv`.
//!
//! Covered: `contentStructure` (data part with its SHA-512 hash and submission schema, attachments),
//! `publicServiceType` (from a [`LeikaKey`]), `replyChannel` (from a [`Rueckkanal`]) and
//! `additionalReferenceInfo`. Not covered: signatures, `authenticationInformation`, `paymentInformation`.
//!
//! ```
//! use ozg_core::fitconnect::{AttachmentPurpose, DataMimeType, MetadataBuilder};
//! use ozg_core::id::LeikaKey;
//!
//! let leika: LeikaKey = "99012001001000".parse()?;
//! let metadata = MetadataBuilder::new()
//!     .public_service(leika, Some("Abbruchgenehmigung Erteilung"))
//!     .data(
//!         br#"{"antragsteller":"Erika Mustermann"}"#,
//!         DataMimeType::Json,
//!         "https://schema.fitko.de/fim/s00000000009_1.0.0.schema.json",
//!     )
//!     .attachment(
//!         "0b799ea2-1d80-4fd1-9a8e-a1b0a8a4f1b9",
//!         AttachmentPurpose::Form,
//!         "application/pdf",
//!         b"%PDF-1.7 ...",
//!     )
//!     .build()?;
//! let json = metadata.to_json_pretty();
//! assert!(json.contains("urn:de:fim:leika:leistung:99012001001000"));
//! assert_eq!(metadata.content_structure.attachments.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha512};

use crate::channel::Rueckkanal;
use crate::id::LeikaKey;

/// `$id` of FITKO's metadata schema 1.0.0 (Metadatenschema), the version this module writes.
pub const METADATA_SCHEMA_URI: &str =
    "https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json";

/// Longest FINK Postfachadresse the metadata schema 1.0.0 allows (`maxLength` 150).
const FINK_POSTFACH_REF_MAX: usize = 150;
/// Longest ELSTER Geschäftszeichen the metadata schema 1.0.0 allows (`maxLength` 10).
const ELSTER_GESCHAEFTSZEICHEN_MAX: usize = 10;
/// Required start of a PGP public key (the schema's `pattern` for `pgpPublicKey`).
const PGP_PUBLIC_KEY_START: &str = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n";

/// The complete metadata document (Metadatensatz) of a FIT-Connect submission, schema 1.0.0.
///
/// Build it with [`MetadataBuilder`]; serialise it with [`Metadata::to_json_pretty`] or serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Metadata {
    /// Structure of the submission's content (Inhaltsstruktur): data part and attachments.
    pub content_structure: ContentStructure,
    /// The administrative service (Verwaltungsleistung) the submission is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_service_type: Option<PublicServiceType>,
    /// Reply channel (Rückkanal) to the applicant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_channel: Option<ReplyChannel>,
    /// Additional reference information (zusätzliche Referenzinformationen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_reference_info: Option<AdditionalReferenceInfo>,
}

impl Metadata {
    /// The metadata as pretty-printed JSON (two-space indentation, no trailing newline).
    pub fn to_json_pretty(&self) -> String {
        // Serialising these plain structs (string keys, no maps with non-string keys) cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The metadata as a `serde_json::Value`.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// Content structure (Inhaltsstruktur, `contentStructure`): the data part and the attachments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContentStructure {
    /// The data part (Fachdatensatz), if the submission has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DataPart>,
    /// The attachments (Anlagen). Always written, also when empty: the schema requires the field.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

/// Description of the data part (Fachdatensatz, `contentStructure.data`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataPart {
    /// Hash value (Hashwert) of the unencrypted data.
    pub hash: Hash,
    /// The schema the data follows (Fachdatenschema).
    pub submission_schema: SubmissionSchema,
}

/// Hash value (Hashwert) of unencrypted content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Hash {
    /// Hash algorithm (Hashverfahren); 1.0.0 knows only SHA-512.
    #[serde(rename = "type")]
    pub hash_type: HashType,
    /// The hash as 128 lowercase hexadecimal digits.
    pub content: String,
}

impl Hash {
    /// SHA-512 hash (Hashwert) of `bytes`, hex-encoded in lowercase.
    pub fn sha512(bytes: &[u8]) -> Self {
        Self {
            hash_type: HashType::Sha512,
            content: sha512_hex(bytes),
        }
    }
}

/// Hash algorithm (Hashverfahren) of a [`Hash`](struct@Hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum HashType {
    /// SHA-512 (the only value of schema 1.0.0).
    #[serde(rename = "sha512")]
    Sha512,
}

/// The schema of the data part (Fachdatenschema, `submissionSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubmissionSchema {
    /// Absolute URI of the schema (for FIM schemas the stable URL from the FIM Portal).
    pub schema_uri: String,
    /// Media type of the data part.
    pub mime_type: DataMimeType,
}

/// Media type of the data part (Fachdatensatz): JSON or XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum DataMimeType {
    /// `application/json`.
    #[serde(rename = "application/json")]
    Json,
    /// `application/xml`.
    #[serde(rename = "application/xml")]
    Xml,
}

impl DataMimeType {
    /// The media type string (`application/json` or `application/xml`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Xml => "application/xml",
        }
    }
}

/// One attachment (Anlage) of the submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attachment {
    /// Hash value (Hashwert) of the unencrypted attachment.
    pub hash: Hash,
    /// Purpose of the attachment (Zweck).
    pub purpose: AttachmentPurpose,
    /// File name (Dateiname).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Description (Beschreibung).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Media type (MIME type), e.g. `application/pdf`.
    pub mime_type: String,
    /// Attachment id (Anlagen-ID), a UUID in lowercase hyphenated form.
    pub attachment_id: String,
}

/// Purpose (Zweck) of an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttachmentPurpose {
    /// The filled-in form (Antragsformular), e.g. as PDF.
    Form,
    /// A supporting document (Nachweis, Anlage).
    Attachment,
    /// A report (Bericht), e.g. a processing report.
    Report,
}

/// The administrative service (Verwaltungsleistung, `publicServiceType`) a submission is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublicServiceType {
    /// Name of the service (Leistungsbezeichnung).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description (Beschreibung).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// LeiKa URN of the service, `urn:de:fim:leika:leistung:<LeiKa-Schlüssel>`.
    pub identifier: String,
}

/// Reply channel (Rückkanal, `replyChannel`): exactly one of e-mail, De-Mail, FINK postbox or ELSTER.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub enum ReplyChannel {
    /// E-mail (`eMail`), optionally with a PGP public key for encryption.
    #[serde(rename = "eMail", rename_all = "camelCase")]
    EMail {
        /// E-mail address.
        address: String,
        /// ASCII-armoured PGP public key (`-----BEGIN PGP PUBLIC KEY BLOCK-----`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pgp_public_key: Option<String>,
    },
    /// De-Mail (`deMail`).
    #[serde(rename = "deMail", rename_all = "camelCase")]
    DeMail {
        /// De-Mail address.
        address: String,
    },
    /// Postbox in an interoperable Servicekonto (FINK.PFISK, `fink`).
    #[serde(rename = "fink", rename_all = "camelCase")]
    Fink {
        /// FINK Postfachadresse, e.g. `hh/by/12345`.
        fink_postfach_ref: String,
        /// URL of the Servicekonto that holds the postbox.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        host: Option<String>,
    },
    /// ELSTER transfer (`elster`).
    #[serde(rename = "elster", rename_all = "camelCase")]
    Elster {
        /// ELSTER account id (10 digits).
        account_id: String,
        /// Liefer-Ticket.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        liefer_ticket: Option<String>,
        /// Geschäftszeichen (at most 10 characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        geschaeftszeichen: Option<String>,
    },
}

/// Additional reference information (zusätzliche Referenzinformationen, `additionalReferenceInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdditionalReferenceInfo {
    /// The sender's own reference (Referenz des Senders, e.g. an Aktenzeichen of the online service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_reference: Option<String>,
    /// Date of the application (Antragsdatum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_date: Option<NaiveDate>,
}

/// Why [`MetadataBuilder::build`] refused its input (Fehler beim Erstellen der Metadaten).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MetadataError {
    /// Neither a data part nor an attachment was given: the submission would carry nothing.
    #[error("the submission has neither a data part (Fachdatensatz) nor an attachment (Anlage)")]
    EmptySubmission,
    /// The submission schema URI is not an absolute URI.
    #[error("submission schema URI \"{0}\" is not an absolute URI (expected e.g. https://…)")]
    SchemaUri(String),
    /// An attachment id is not a UUID.
    #[error(
        "attachment #{index}: id \"{id}\" is not a UUID (expected 8-4-4-4-12 hexadecimal digits)"
    )]
    AttachmentId {
        /// Position of the attachment (0-based, in insertion order).
        index: usize,
        /// The rejected id.
        id: String,
    },
    /// Two attachments share one id.
    #[error("attachment #{index}: id \"{id}\" is already used by attachment #{first}")]
    DuplicateAttachmentId {
        /// Position of the second attachment with this id.
        index: usize,
        /// Position of the first attachment with this id.
        first: usize,
        /// The id (lowercase).
        id: String,
    },
    /// An attachment's media type is not of the form `type/subtype`.
    #[error(
        "attachment #{index}: media type \"{mime_type}\" is not of the form type/subtype (e.g. application/pdf)"
    )]
    AttachmentMimeType {
        /// Position of the attachment.
        index: usize,
        /// The rejected media type.
        mime_type: String,
    },
    /// An e-mail or De-Mail address of the reply channel is not an address.
    #[error("reply channel: \"{0}\" is not an e-mail address (expected local@domain)")]
    Address(String),
    /// The PGP public key does not start with the ASCII armour header.
    #[error(
        "reply channel: the PGP public key must start with \"-----BEGIN PGP PUBLIC KEY BLOCK-----\" followed by an empty line"
    )]
    PgpPublicKey,
    /// The FINK Postfachadresse has characters other than `a-z 0-9 - . _ ~ /` or is longer than 150.
    #[error(
        "reply channel: FINK Postfachadresse \"{0}\" must be at most 150 characters of a-z, 0-9, '-', '.', '_', '~', '/'"
    )]
    FinkPostfachRef(String),
    /// The FINK host is not an absolute URI.
    #[error(
        "reply channel: FINK host \"{0}\" is not an absolute URI (expected e.g. https://servicekonto.example/)"
    )]
    FinkHost(String),
    /// The ELSTER account id is not 10 digits.
    #[error("reply channel: ELSTER account id \"{0}\" must be exactly 10 digits")]
    ElsterAccountId(String),
    /// The ELSTER Geschäftszeichen is longer than 10 characters.
    #[error("reply channel: ELSTER Geschäftszeichen \"{0}\" is longer than 10 characters")]
    ElsterGeschaeftszeichen(String),
}

/// One attachment handed to the builder (before hashing).
#[derive(Debug, Clone)]
struct AttachmentInput {
    id: String,
    purpose: AttachmentPurpose,
    mime_type: String,
    hash: Hash,
    filename: Option<String>,
    description: Option<String>,
}

/// Builder of FIT-Connect metadata 1.0.0 (Metadatensatz) from the model.
///
/// Hashes are computed from the content bytes (SHA-512, hex). [`MetadataBuilder::build`] checks every
/// input against the rules of schema 1.0.0 and returns the first violation as a [`MetadataError`].
#[derive(Debug, Clone, Default)]
pub struct MetadataBuilder {
    public_service: Option<PublicServiceType>,
    data: Option<(Hash, DataMimeType, String)>,
    attachments: Vec<AttachmentInput>,
    reply_channel: Option<ReplyChannel>,
    reference: AdditionalReferenceInfo,
}

impl MetadataBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the service (Verwaltungsleistung) by its LeiKa key (LeiKa-Leistungsschlüssel); `identifier`
    /// becomes the LeiKa URN.
    pub fn public_service(mut self, leika: LeikaKey, name: Option<&str>) -> Self {
        let description = self.public_service.take().and_then(|p| p.description);
        self.public_service = Some(PublicServiceType {
            name: name.map(str::to_owned),
            description,
            identifier: leika.urn(),
        });
        self
    }

    /// Sets a description (Beschreibung) of the service; takes effect only together with
    /// [`MetadataBuilder::public_service`].
    pub fn public_service_description(mut self, description: &str) -> Self {
        if let Some(p) = self.public_service.as_mut() {
            p.description = Some(description.to_owned());
        }
        self
    }

    /// Sets the data part (Fachdatensatz): its bytes (hashed with SHA-512), media type and the absolute
    /// URI of its schema.
    pub fn data(mut self, content: &[u8], mime_type: DataMimeType, schema_uri: &str) -> Self {
        self.data = Some((Hash::sha512(content), mime_type, schema_uri.to_owned()));
        self
    }

    /// Adds an attachment (Anlage) with its id (UUID), purpose, media type and bytes (hashed with SHA-512).
    pub fn attachment(
        self,
        id: &str,
        purpose: AttachmentPurpose,
        mime_type: &str,
        content: &[u8],
    ) -> Self {
        self.attachment_with_name(id, purpose, mime_type, content, None, None)
    }

    /// Adds an attachment (Anlage) like [`MetadataBuilder::attachment`], with file name and description.
    pub fn attachment_with_name(
        mut self,
        id: &str,
        purpose: AttachmentPurpose,
        mime_type: &str,
        content: &[u8],
        filename: Option<&str>,
        description: Option<&str>,
    ) -> Self {
        self.attachments.push(AttachmentInput {
            id: id.to_owned(),
            purpose,
            mime_type: mime_type.to_owned(),
            hash: Hash::sha512(content),
            filename: filename.map(str::to_owned),
            description: description.map(str::to_owned),
        });
        self
    }

    /// Sets the reply channel (Rückkanal) from the model's [`Rueckkanal`].
    pub fn reply_channel(mut self, channel: &Rueckkanal) -> Self {
        self.reply_channel = Some(ReplyChannel::from(channel));
        self
    }

    /// Sets the reply channel (Rückkanal) directly as a metadata [`ReplyChannel`].
    pub fn reply_channel_raw(mut self, channel: ReplyChannel) -> Self {
        self.reply_channel = Some(channel);
        self
    }

    /// Sets the sender's reference (Referenz des Senders).
    pub fn sender_reference(mut self, reference: &str) -> Self {
        self.reference.sender_reference = Some(reference.to_owned());
        self
    }

    /// Sets the date of the application (Antragsdatum).
    pub fn application_date(mut self, date: NaiveDate) -> Self {
        self.reference.application_date = Some(date);
        self
    }

    /// Checks every input and returns the metadata, or the first rule violated.
    pub fn build(self) -> Result<Metadata, MetadataError> {
        if self.data.is_none() && self.attachments.is_empty() {
            return Err(MetadataError::EmptySubmission);
        }
        let data = match self.data {
            Some((hash, mime_type, schema_uri)) => {
                if !is_absolute_uri(&schema_uri) {
                    return Err(MetadataError::SchemaUri(schema_uri));
                }
                Some(DataPart {
                    hash,
                    submission_schema: SubmissionSchema {
                        schema_uri,
                        mime_type,
                    },
                })
            }
            None => None,
        };
        let mut attachments: Vec<Attachment> = Vec::with_capacity(self.attachments.len());
        for (index, input) in self.attachments.into_iter().enumerate() {
            let id = canonical_uuid(&input.id).ok_or_else(|| MetadataError::AttachmentId {
                index,
                id: input.id.clone(),
            })?;
            if let Some(first) = attachments.iter().position(|a| a.attachment_id == id) {
                return Err(MetadataError::DuplicateAttachmentId { index, first, id });
            }
            if !is_mime_type(&input.mime_type) {
                return Err(MetadataError::AttachmentMimeType {
                    index,
                    mime_type: input.mime_type,
                });
            }
            attachments.push(Attachment {
                hash: input.hash,
                purpose: input.purpose,
                filename: input.filename,
                description: input.description,
                mime_type: input.mime_type,
                attachment_id: id,
            });
        }
        if let Some(channel) = &self.reply_channel {
            check_reply_channel(channel)?;
        }
        let reference = if self.reference == AdditionalReferenceInfo::default() {
            None
        } else {
            Some(self.reference)
        };
        Ok(Metadata {
            content_structure: ContentStructure { data, attachments },
            public_service_type: self.public_service,
            reply_channel: self.reply_channel,
            additional_reference_info: reference,
        })
    }
}

/// Maps the model's reply channel (Rückkanal) to the metadata 1.0.0 form.
///
/// ELSTER: only `accountId` is carried over. Metadata 1.0.0 knows `lieferTicket` and
/// `geschaeftszeichen`, the model knows a Lieferanten-ID and a transfer ticket; no source says that
/// these are the same values, so they are not mapped. Set them explicitly with
/// [`MetadataBuilder::reply_channel_raw`] where known.
impl From<&Rueckkanal> for ReplyChannel {
    fn from(channel: &Rueckkanal) -> Self {
        match channel {
            Rueckkanal::EMail {
                address,
                pgp_public_key,
            } => ReplyChannel::EMail {
                address: address.clone(),
                pgp_public_key: pgp_public_key.clone(),
            },
            Rueckkanal::DeMail { address } => ReplyChannel::DeMail {
                address: address.clone(),
            },
            Rueckkanal::Fink { postfach_ref, host } => ReplyChannel::Fink {
                fink_postfach_ref: postfach_ref.clone(),
                host: Some(host.clone()),
            },
            Rueckkanal::Elster { account_id, .. } => ReplyChannel::Elster {
                account_id: account_id.clone(),
                liefer_ticket: None,
                geschaeftszeichen: None,
            },
        }
    }
}

fn check_reply_channel(channel: &ReplyChannel) -> Result<(), MetadataError> {
    match channel {
        ReplyChannel::EMail {
            address,
            pgp_public_key,
        } => {
            if !is_email(address) {
                return Err(MetadataError::Address(address.clone()));
            }
            if let Some(key) = pgp_public_key {
                if !key.starts_with(PGP_PUBLIC_KEY_START) {
                    return Err(MetadataError::PgpPublicKey);
                }
            }
        }
        ReplyChannel::DeMail { address } => {
            if !is_email(address) {
                return Err(MetadataError::Address(address.clone()));
            }
        }
        ReplyChannel::Fink {
            fink_postfach_ref,
            host,
        } => {
            let ok_chars = fink_postfach_ref
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~/".contains(c));
            if !ok_chars || fink_postfach_ref.chars().count() > FINK_POSTFACH_REF_MAX {
                return Err(MetadataError::FinkPostfachRef(fink_postfach_ref.clone()));
            }
            if let Some(host) = host {
                if !is_absolute_uri(host) {
                    return Err(MetadataError::FinkHost(host.clone()));
                }
            }
        }
        ReplyChannel::Elster {
            account_id,
            geschaeftszeichen,
            ..
        } => {
            if account_id.len() != 10 || !account_id.bytes().all(|b| b.is_ascii_digit()) {
                return Err(MetadataError::ElsterAccountId(account_id.clone()));
            }
            if let Some(gz) = geschaeftszeichen {
                if gz.chars().count() > ELSTER_GESCHAEFTSZEICHEN_MAX {
                    return Err(MetadataError::ElsterGeschaeftszeichen(gz.clone()));
                }
            }
        }
    }
    Ok(())
}

/// SHA-512 of `bytes` as 128 lowercase hexadecimal digits (Hashwert for FIT-Connect).
pub fn sha512_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha512::digest(bytes);
    let mut out = String::with_capacity(digest.len() * 2);
    for byte in digest {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

/// The UUID in lowercase hyphenated form, or `None` if `input` is not 8-4-4-4-12 hex digits.
fn canonical_uuid(input: &str) -> Option<String> {
    let groups: Vec<&str> = input.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    if groups.len() != lengths.len() {
        return None;
    }
    for (group, len) in groups.iter().zip(lengths) {
        if group.len() != len || !group.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
    }
    Some(input.to_ascii_lowercase())
}

/// An absolute URI: a scheme (`[A-Za-z][A-Za-z0-9+.-]*`), a colon, and a non-empty rest without
/// whitespace or control characters.
fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    let rest_ok = !rest.is_empty()
        && !rest
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c));
    let authority_ok = match rest.strip_prefix("//") {
        Some(after) => !after.is_empty() && !after.starts_with('/'),
        None => true,
    };
    scheme_ok && rest_ok && authority_ok
}

/// `type/subtype` made of word characters, `-`, `.` (and `+` in the subtype), as schema 1.0.0 requires.
fn is_mime_type(s: &str) -> bool {
    let Some((ty, sub)) = s.split_once('/') else {
        return false;
    };
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-' || c == '.';
    !ty.is_empty()
        && !sub.is_empty()
        && ty.chars().all(word)
        && sub.chars().all(|c| word(c) || c == '+')
}

/// A plausible e-mail address: one `@`, non-empty local part, a dotted domain, no whitespace.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sha512_of_empty_input_is_the_known_value() {
        assert_eq!(
            sha512_hex(b""),
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce\
             47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        );
    }

    #[test]
    fn uuid_is_canonicalised_and_checked() {
        assert_eq!(
            canonical_uuid("3FA85F64-5717-4562-B3FC-2C963F66AFA6").as_deref(),
            Some("3fa85f64-5717-4562-b3fc-2c963f66afa6")
        );
        assert_eq!(canonical_uuid("3fa85f64571745 62b3fc2c963f66afa6"), None);
        assert_eq!(canonical_uuid("3fa85f64-5717-4562-b3fc-2c963f66afa"), None);
        assert_eq!(canonical_uuid("3fa85f64-5717-4562-b3fc-2c963f66afaz"), None);
    }

    #[test]
    fn uri_mime_and_email_rules() {
        assert!(is_absolute_uri("https://schema.fitko.de/x.json"));
        assert!(is_absolute_uri("urn:de:fim:leika:leistung:99012001001000"));
        assert!(!is_absolute_uri("schema.json"));
        assert!(!is_absolute_uri("https://"));
        assert!(!is_absolute_uri("https://a b"));
        assert!(is_mime_type("application/pdf"));
        assert!(is_mime_type("application/vnd.oasis.opendocument.text+xml"));
        assert!(!is_mime_type("pdf"));
        assert!(!is_mime_type("application/"));
        assert!(is_email("poststelle@amt-example.de"));
        assert!(!is_email("poststelle"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@c.de"));
    }
}
