//! Fixture verdicts: every good fixture validates; every bad one yields the expected findings;
//! the schema-only verdict matches `tests/fixtures/verdicts.json` (which the pytest
//! `tests/check_schemas.py` checks against Python `jsonschema` too). Also the dataset fixtures of
//! ozg-core under `tests/fixtures/json/` of the workspace.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use std::path::{Path, PathBuf};

use ozg_validate::{DocumentKind, Report, Validator};
use serde_json::Value;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn validate_file(validator: &Validator, path: &Path, kind: Option<DocumentKind>) -> Report {
    let text = std::fs::read_to_string(path).unwrap();
    validator.validate_json_str(kind, &text)
}

#[test]
fn fixtures_get_their_expected_verdicts_and_findings() {
    let validator = Validator::new().unwrap();
    let verdicts: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture_dir().join("verdicts.json")).unwrap(),
    )
    .unwrap();
    let entries = verdicts["fixtures"].as_array().unwrap();
    let mut failures = Vec::new();
    for entry in entries {
        let file = entry["file"].as_str().unwrap();
        let kind = entry["kind"]
            .as_str()
            .map(|k| k.parse::<DocumentKind>().unwrap());
        let report = validate_file(&validator, &fixture_dir().join(file), kind);
        // Detection by shape must agree with the declared kind.
        if let (Some(kind), Ok(text)) = (kind, std::fs::read_to_string(fixture_dir().join(file))) {
            let value: Value = serde_json::from_str(&text).unwrap();
            if DocumentKind::detect(&value) != Some(kind) {
                failures.push(format!(
                    "{file}: shape detection gives {:?}",
                    DocumentKind::detect(&value)
                ));
            }
        }
        let schema_valid = entry["schema"] == "valid";
        if report.schema_valid() != schema_valid {
            failures.push(format!(
                "{file}: schema verdict {} expected {schema_valid}\n{report}",
                report.schema_valid()
            ));
        }
        let expected = entry["findings"].as_array().unwrap();
        if expected.is_empty() && !report.is_valid() {
            failures.push(format!("{file}: expected valid\n{report}"));
        }
        if file.starts_with("bad_") && expected.is_empty() {
            failures.push(format!("{file}: a bad fixture needs expected findings"));
        }
        for exp in expected {
            let (code, pointer) = (
                exp["code"].as_str().unwrap(),
                exp["pointer"].as_str().unwrap(),
            );
            if !report
                .findings
                .iter()
                .any(|f| f.code.as_str() == code && f.pointer == pointer)
            {
                failures.push(format!("{file}: missing {code} at {pointer:?}\n{report}"));
            }
        }
    }
    // Every fixture file has a verdict.
    for dir_entry in std::fs::read_dir(fixture_dir()).unwrap() {
        let name = dir_entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".json")
            && name != "verdicts.json"
            && !entries.iter().any(|e| e["file"] == name.as_str())
        {
            failures.push(format!("{name}: no entry in verdicts.json"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_finding_code_is_in_the_stable_list() {
    let validator = Validator::new().unwrap();
    let all: Vec<String> = ozg_validate::Code::all()
        .iter()
        .map(|c| c.as_str())
        .collect();
    for dir_entry in std::fs::read_dir(fixture_dir()).unwrap() {
        let path = dir_entry.unwrap().path();
        if path.file_name().is_some_and(|n| n != "verdicts.json") {
            for f in validate_file(&validator, &path, None).findings {
                assert!(all.contains(&f.code.as_str()), "{}", f.code);
            }
        }
    }
}

/// Expectations from the tables of `tests/fixtures/json/README.md`: (file, code or `None` for the
/// "do not parse" table, pointer).
fn readme_expectations(readme: &str) -> Vec<(String, Option<String>, String)> {
    let mut out = Vec::new();
    for line in readme.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | `file` | code-or-defect | `pointer` |
        if cells.len() < 5 || !cells[1].starts_with("`bad_") {
            continue;
        }
        let file = cells[1].trim_matches('`').to_owned();
        let pointer = cells[3].trim_matches('`').to_owned();
        let code = cells[2]
            .strip_prefix('`')
            .and_then(|c| c.split('`').next())
            .filter(|c| c.contains('.') && !c.contains(' '))
            .map(str::to_owned);
        out.push((file, code, pointer));
    }
    out
}

/// The dataset fixtures of the workspace (`tests/fixtures/json/`, written with ozg-core): `good_*`
/// validate; every `bad_*` yields at least one error, with the code and pointer the fixtures' README
/// lists (for documents the model refuses: a finding at, above or below the listed pointer).
#[test]
fn workspace_dataset_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/json");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let expectations = readme_expectations(&readme);
    assert!(expectations.len() >= 20, "README tables not found");
    let validator = Validator::new().unwrap();
    let mut failures = Vec::new();
    let mut good = 0;
    for dir_entry in std::fs::read_dir(&dir).unwrap() {
        let path = dir_entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let report = validate_file(&validator, &path, Some(DocumentKind::Dataset));
        if name.starts_with("good") {
            good += 1;
            if !report.is_valid() {
                failures.push(format!("{name}: expected valid\n{report}"));
            }
            continue;
        }
        if report.is_valid() {
            failures.push(format!("{name}: expected findings\n{report}"));
        }
        let Some((_, code, pointer)) = expectations.iter().find(|(f, _, _)| *f == name) else {
            failures.push(format!("{name}: not listed in README.md"));
            continue;
        };
        let hit = match code {
            Some(code) => report
                .findings
                .iter()
                .any(|f| f.code.as_str() == *code && f.pointer == *pointer),
            None => report.findings.iter().any(|f| {
                f.code.as_str() == "json.syntax"
                    || f.pointer.starts_with(pointer.as_str())
                    || pointer.starts_with(f.pointer.as_str()) && !f.pointer.is_empty()
            }),
        };
        if !hit {
            failures.push(format!("{name}: expected {code:?} at {pointer}\n{report}"));
        }
    }
    assert!(good >= 2, "no good fixtures in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn embedded_example_and_catalogue_validate() {
    let validator = Validator::new().unwrap();
    let example = ozg_core::dataset::Dataset::example()
        .to_json_pretty()
        .unwrap();
    let report = validator.validate_json_str(Some(DocumentKind::Dataset), &example);
    assert!(report.is_valid(), "{report}");
    let report = validator.validate_json_str(None, ozg_core::catalogue::Catalogue::embedded_json());
    assert_eq!(report.kind, Some(DocumentKind::Catalogue));
    assert!(report.is_valid(), "{report}");
}
