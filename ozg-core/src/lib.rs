//! `ozg-core`: the domain model of Germany's OZG (Onlinezugangsgesetz) service landscape.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod agreement;
pub mod catalogue;
pub mod channel;
pub mod code;
pub mod dataset;
pub mod error;
pub mod finding;
pub mod fitconnect;
pub mod id;
pub mod org;
pub mod report;
pub mod rollout;
pub mod service;
