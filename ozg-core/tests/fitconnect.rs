//! FIT-Connect metadata builder: output shape and input checks.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use ozg_core::channel::Rueckkanal;
use ozg_core::fitconnect::{
    AttachmentPurpose, DataMimeType, MetadataBuilder, MetadataError, ReplyChannel, sha512_hex,
};
use ozg_core::id::LeikaKey;
use serde_json::json;

const PDF: &[u8] = b"%PDF-1.7 test";
const ID: &str = "0b799ea2-1d80-4fd1-9a8e-a1b0a8a4f1b9";

fn leika() -> LeikaKey {
    "99012001001000".parse().unwrap()
}

#[test]
fn builds_the_expected_json() {
    let m = MetadataBuilder::new()
        .public_service(leika(), Some("Abbruchgenehmigung Erteilung"))
        .data(b"<a/>", DataMimeType::Xml, "urn:xoev-de:example:antrag")
        .attachment_with_name(
            ID,
            AttachmentPurpose::Form,
            "application/pdf",
            PDF,
            Some("antrag.pdf"),
            None,
        )
        .reply_channel(&Rueckkanal::EMail {
            address: "a@example.org".into(),
            pgp_public_key: None,
        })
        .sender_reference("AZ-1")
        .build()
        .unwrap();
    assert_eq!(
        m.to_value(),
        json!({
            "contentStructure": {
                "data": {
                    "hash": {"type": "sha512", "content": sha512_hex(b"<a/>")},
                    "submissionSchema": {"schemaUri": "urn:xoev-de:example:antrag", "mimeType": "application/xml"}
                },
                "attachments": [{
                    "hash": {"type": "sha512", "content": sha512_hex(PDF)},
                    "purpose": "form",
                    "filename": "antrag.pdf",
                    "mimeType": "application/pdf",
                    "attachmentId": ID
                }]
            },
            "publicServiceType": {"name": "Abbruchgenehmigung Erteilung", "identifier": "urn:de:fim:leika:leistung:99012001001000"},
            "replyChannel": {"eMail": {"address": "a@example.org"}},
            "additionalReferenceInfo": {"senderReference": "AZ-1"}
        })
    );
    let back: ozg_core::fitconnect::Metadata = serde_json::from_str(&m.to_json_pretty()).unwrap();
    assert_eq!(back, m);
}

#[test]
fn attachments_are_always_written_and_fink_host_is_kept() {
    let m = MetadataBuilder::new()
        .data(b"{}", DataMimeType::Json, "https://example.org/s.json")
        .reply_channel(&Rueckkanal::Fink {
            postfach_ref: "sh/kiel/1".into(),
            host: "https://sk.example.org/".into(),
        })
        .build()
        .unwrap();
    let v = m.to_value();
    assert_eq!(v["contentStructure"]["attachments"], json!([]));
    assert_eq!(
        v["replyChannel"],
        json!({"fink": {"finkPostfachRef": "sh/kiel/1", "host": "https://sk.example.org/"}})
    );
}

#[test]
fn bad_inputs_give_typed_errors() {
    let base =
        || MetadataBuilder::new().attachment(ID, AttachmentPurpose::Form, "application/pdf", PDF);
    assert_eq!(
        MetadataBuilder::new().build(),
        Err(MetadataError::EmptySubmission)
    );
    assert_eq!(
        base()
            .data(b"{}", DataMimeType::Json, "schema.json")
            .build(),
        Err(MetadataError::SchemaUri("schema.json".into()))
    );
    assert!(matches!(
        MetadataBuilder::new()
            .attachment("123", AttachmentPurpose::Form, "application/pdf", PDF)
            .build(),
        Err(MetadataError::AttachmentId { index: 0, .. })
    ));
    assert!(matches!(
        base()
            .attachment(
                &ID.to_uppercase(),
                AttachmentPurpose::Report,
                "text/plain",
                b"x"
            )
            .build(),
        Err(MetadataError::DuplicateAttachmentId {
            index: 1,
            first: 0,
            ..
        })
    ));
    assert!(matches!(
        MetadataBuilder::new()
            .attachment(ID, AttachmentPurpose::Form, "pdf", PDF)
            .build(),
        Err(MetadataError::AttachmentMimeType { index: 0, .. })
    ));
    let elster = |account: &str, gz: Option<&str>| {
        base()
            .reply_channel_raw(ReplyChannel::Elster {
                account_id: account.into(),
                liefer_ticket: None,
                geschaeftszeichen: gz.map(Into::into),
            })
            .build()
    };
    assert!(elster("1234567890", Some("GZ-1")).is_ok());
    assert_eq!(
        elster("12345", None),
        Err(MetadataError::ElsterAccountId("12345".into()))
    );
    assert!(matches!(
        elster("1234567890", Some("GZ-12345678")),
        Err(MetadataError::ElsterGeschaeftszeichen(_))
    ));
    let email = |addr: &str, key: Option<&str>| {
        base()
            .reply_channel(&Rueckkanal::EMail {
                address: addr.into(),
                pgp_public_key: key.map(Into::into),
            })
            .build()
    };
    assert_eq!(
        email("nobody", None),
        Err(MetadataError::Address("nobody".into()))
    );
    assert_eq!(
        email("a@example.org", Some("ssh-rsa AAAA")),
        Err(MetadataError::PgpPublicKey)
    );
    assert!(
        email(
            "a@example.org",
            Some("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQ==")
        )
        .is_ok()
    );
    let fink = |r: &str| {
        base()
            .reply_channel(&Rueckkanal::Fink {
                postfach_ref: r.into(),
                host: "https://sk.example.org/".into(),
            })
            .build()
    };
    assert!(matches!(
        fink("HH/Upper"),
        Err(MetadataError::FinkPostfachRef(_))
    ));
    assert!(matches!(
        fink(&"a".repeat(151)),
        Err(MetadataError::FinkPostfachRef(_))
    ));
}
