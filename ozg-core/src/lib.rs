//! `ozg-core`: the domain model of Germany's OZG (Onlinezugangsgesetz) service landscape.
//!
//! - [`catalogue`]: the OZG-Umsetzungskatalog (Themenfelder, Lagen, OZG-Leistungen, LeiKa-Leistungen),
//!   embedded (state 2019-10-05, 557 of the 575 OZG-Leistungen; see [`catalogue::CatalogueMeta`]),
//!   indexed and replaceable by a newer catalogue file.
//! - [`id`]: identifiers as types — OZG-ID, LeiKa-Schlüssel, AGS, ARS, Gebiet-URN, DVDV key, FIT-Connect
//!   Destination-ID — that are parsed once and cannot hold invalid values.
//! - [`code`]: code lists as enums that round-trip to XÖV code values (`listURI`, `listVersionID`, `code`).
//! - [`codelist`]: code lists as documents (Genericode: identification, columns, keys, rows) and a
//!   registry of their versions; the official DVDV prefix list (version 51) embedded.
//! - [`org`]: the Gemeindeverzeichnis of Germany (11,227 Gemeinden and city-state districts with ARS and AGS, Kreise,
//!   Bezirke, Länder; embedded), Verwaltungen, IT-Dienstleister.
//! - [`service`], [`channel`], [`agreement`], [`rollout`]: Onlinedienste, Zustellkanäle and Rückkanäle,
//!   Nutzer-/Nachnutzungsvereinbarungen and AVV with their lifecycle, rollout per Verwaltung × Onlinedienst.
//! - [`dataset`]: the document users keep in files, with its consistency check ([`finding`]) and the
//!   rollout [`report`].
//! - [`document`]: the document kinds (dataset, catalogue, single records) and a document of any kind;
//!   [`json`]: strict JSON reading (duplicate keys are errors) and the JSON-pointer encoder.
//! - [`fitconnect`]: FIT-Connect submission metadata (schema 1.0.0) built from the model.
//!
//! ```
//! use ozg_core::{Catalogue, LeikaKey, OzgId, Themenfeld};
//!
//! let catalogue = Catalogue::embedded();
//! let elterngeld = catalogue.leistung("10000".parse::<OzgId>()?).expect("in the catalogue");
//! assert_eq!(elterngeld.name, "Elterngeld");
//! assert_eq!(elterngeld.themenfeld, Themenfeld::FamilieKind);
//!
//! let key: LeikaKey = "99041006017000".parse()?; // Elterngeld Bewilligung
//! assert_eq!(catalogue.ozg_for_leika(key).map(|l| l.id), Some(elterngeld.id));
//!
//! // Case- and umlaut-insensitive search.
//! let hits = catalogue.search("Fuehrerschein");
//! assert!(hits[0].item.name().contains("Führerschein"));
//! # Ok::<(), ozg_core::Error>(())
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod agreement;
pub mod catalogue;
pub mod channel;
pub mod code;
pub mod codelist;
pub mod dataset;
pub mod document;
pub mod error;
pub mod finding;
pub mod fitconnect;
pub mod id;
pub mod json;
pub mod notices;
pub mod org;
pub mod report;
pub mod rollout;
pub mod service;
pub mod signature;
pub mod zufi;

pub use agreement::{Agreement, AgreementKind, AgreementStatus};
pub use catalogue::{Catalogue, CatalogueError, CatalogueMeta, LeikaLeistung, OzgLeistung};
pub use channel::{DeliveryChannel, Rueckkanal, Zustellkanal};
pub use code::{
    Basiskomponente, Bundesland, CodeError, CodeList, EfaModell, LeistungsTyp, Reifegrad,
    ReifegradModell, Themenfeld, Typisierung, TypisierungSet, Vertrauensniveau,
    VertrauensniveauFim, XoevCode,
};
pub use codelist::{CodeListDocument, CodeListRegistry};
pub use dataset::{Dataset, DatasetError};
pub use document::{AnyDocument, DocumentKind};
pub use error::{Error, Result};
pub use finding::{Finding, FindingCode, FindingScope, Severity};
pub use id::{
    AgreementId, Ags, AgsPrefix, Ars, ArsPrefix, ChannelId, DestinationId, DestinationSignature,
    DvdvKey, GebietId, IdError, IdKind, KreisKey, LeikaKey, OnlinedienstId, OzgId, ProviderId,
    ServiceRef, VerwaltungId,
};
pub use org::{Gemeinde, Gemeindeverzeichnis, ItProvider, Kreis, Verwaltung, VerwaltungKind};
pub use report::{ReportFilter, RolloutReport};
pub use rollout::{ProgrammePhase, RolloutEntry, RolloutStatus};
pub use service::Onlinedienst;

/// The Rust examples of the crate README, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
