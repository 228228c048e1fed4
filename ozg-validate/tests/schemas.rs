//! The committed `schemas/` directory matches what the model generates.
//! `OZG_UPDATE_SCHEMAS=1 cargo test -p ozg-validate --test schemas` rewrites it instead.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::PathBuf;

use ozg_validate::schema::{self, SchemaSet, UPDATE_ENV};

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

#[test]
fn committed_schemas_match_the_model() {
    let dir = schema_dir();
    if std::env::var(UPDATE_ENV).as_deref() == Ok("1") {
        let written = schema::write_dir(&dir).unwrap();
        assert_eq!(written.len(), SchemaSet::entries().len());
    }
    if let Err(drift) = schema::check_dir(&dir) {
        panic!("{drift}");
    }
}

#[test]
fn schema_ids_are_unique_and_absolute() {
    let mut ids = std::collections::HashSet::new();
    for entry in SchemaSet::entries() {
        let id = entry.id();
        assert!(id.starts_with(schema::SCHEMA_BASE), "{id}");
        assert!(ids.insert(id));
    }
}
