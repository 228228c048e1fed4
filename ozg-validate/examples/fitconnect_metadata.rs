//! Writes FIT-Connect metadata 1.0.0 documents (Metadatensätze) built with
//! `ozg_core::fitconnect::MetadataBuilder`, together with the data parts and attachments they describe,
//! so that other tools can check them (the pytest `tests/test_fitconnect_official.py` validates them
//! against FITKO's official schema and recomputes the hashes).
//!
//! Usage: `cargo run -p ozg-validate --example fitconnect_metadata -- OUT_DIR`
//!
//! For each case `NAME` it writes `NAME.metadata.json`, `NAME.data` (if the case has a data part) and
//! `NAME.<attachmentId>.bin` per attachment.

use std::error::Error;
use std::path::Path;

use chrono::NaiveDate;
use ozg_core::channel::Rueckkanal;
use ozg_core::fitconnect::{AttachmentPurpose, DataMimeType, MetadataBuilder, ReplyChannel};
use ozg_core::id::LeikaKey;

/// One submission: data part (bytes, media type, schema URI) and attachments (id, purpose, media type, bytes).
struct Case {
    name: &'static str,
    data: Option<(&'static [u8], DataMimeType, &'static str)>,
    attachments: Vec<(&'static str, AttachmentPurpose, &'static str, &'static [u8])>,
    builder: MetadataBuilder,
}

fn cases() -> Result<Vec<Case>, Box<dyn Error>> {
    // Real LeiKa keys from the catalogue: Abbruchgenehmigung Erteilung; Anzeige Aufnahme wegen Lärmbelästigung.
    let abbruch: LeikaKey = "99012001001000".parse()?;
    let laerm: LeikaKey = "99089003034004".parse()?;
    Ok(vec![
        Case {
            name: "json_data_form_email",
            data: Some((
                br#"{"antragsteller":{"name":"Erika Mustermann"},"vorhaben":"Abbruch Scheune"}"#,
                DataMimeType::Json,
                "https://schema.fitko.de/fim/s00000000009_1.0.0.schema.json",
            )),
            attachments: vec![(
                "0B799EA2-1D80-4FD1-9A8E-A1B0A8A4F1B9",
                AttachmentPurpose::Form,
                "application/pdf",
                b"%PDF-1.7\n% Antrag auf Abbruchgenehmigung\n",
            )],
            builder: MetadataBuilder::new()
                .public_service(abbruch, Some("Abbruchgenehmigung Erteilung"))
                .reply_channel(&Rueckkanal::EMail {
                    address: "erika.mustermann@example.org".into(),
                    pgp_public_key: None,
                })
                .sender_reference("AZ-2024-0815")
                .application_date(NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("bad date")?),
        },
        Case {
            name: "xml_data_fink",
            data: Some((
                b"<?xml version=\"1.0\"?><antrag><leistung>99089003034004</leistung></antrag>",
                DataMimeType::Xml,
                "urn:xoev-de:example:antrag",
            )),
            attachments: vec![
                (
                    "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                    AttachmentPurpose::Attachment,
                    "image/jpeg",
                    b"\xff\xd8\xff\xe0 foto",
                ),
                (
                    "9b2f1c4e-0d3a-4e55-8f6a-2b7c9d1e0f11",
                    AttachmentPurpose::Report,
                    "application/vnd.oasis.opendocument.text",
                    b"bericht",
                ),
            ],
            builder: MetadataBuilder::new()
                .public_service(laerm, None)
                .reply_channel(&Rueckkanal::Fink {
                    postfach_ref: "sh/kiel/12345".into(),
                    host: "https://servicekonto.example.org/".into(),
                }),
        },
        Case {
            name: "attachment_only_demail",
            data: None,
            attachments: vec![(
                "c56a4180-65aa-42ec-a945-5fd21dec0538",
                AttachmentPurpose::Form,
                "application/pdf",
                b"%PDF-1.4 form",
            )],
            builder: MetadataBuilder::new().reply_channel(&Rueckkanal::DeMail {
                address: "max.mustermann@example.de-mail.de".into(),
            }),
        },
        Case {
            name: "json_data_elster",
            data: Some((
                b"{}",
                DataMimeType::Json,
                "https://schema.example.org/antrag.json",
            )),
            attachments: vec![],
            builder: MetadataBuilder::new().reply_channel_raw(ReplyChannel::Elster {
                account_id: "1234567890".into(),
                liefer_ticket: None,
                geschaeftszeichen: Some("GZ-42".into()),
            }),
        },
    ])
}

fn main() -> Result<(), Box<dyn Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: fitconnect_metadata OUT_DIR")?;
    let out = Path::new(&out);
    std::fs::create_dir_all(out)?;
    for case in cases()? {
        let mut builder = case.builder;
        if let Some((bytes, mime, uri)) = case.data {
            builder = builder.data(bytes, mime, uri);
            std::fs::write(out.join(format!("{}.data", case.name)), bytes)?;
        }
        for (id, purpose, mime, bytes) in &case.attachments {
            builder = builder.attachment(id, *purpose, mime, bytes);
            let file = format!("{}.{}.bin", case.name, id.to_ascii_lowercase());
            std::fs::write(out.join(file), bytes)?;
        }
        let metadata = builder.build()?;
        let path = out.join(format!("{}.metadata.json", case.name));
        std::fs::write(&path, metadata.to_json_pretty() + "\n")?;
        println!("{}", path.display());
    }
    Ok(())
}
