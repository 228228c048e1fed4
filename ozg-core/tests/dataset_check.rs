//! Consistency check and report of datasets: the bundled example and the fixtures under
//! `tests/fixtures/json/`.

use std::path::PathBuf;

use ozg_core::catalogue::Catalogue;
use ozg_core::dataset::{Dataset, DatasetError};
use ozg_core::finding::{Finding, FindingCode, Severity};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/json")
        .join(name)
}

fn load(name: &str) -> Dataset {
    match Dataset::from_path(fixture(name)) {
        Ok(d) => d,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn check(name: &str) -> Vec<Finding> {
    load(name).check(Catalogue::embedded())
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

#[test]
fn example_is_consistent() {
    let ds = Dataset::example();
    assert!(ds.example);
    assert!(
        ds.title
            .as_deref()
            .unwrap_or_default()
            .contains("Beispieldaten – Status illustrativ")
    );
    let findings = ds.check(Catalogue::embedded());
    assert!(findings.is_empty(), "{findings:#?}");
    let report = ds.report(Catalogue::embedded());
    println!("{report}");
}
