//! A dataset validated record by record (`validate_stream` on a JSON dataset) gives the findings of
//! validating it whole — for every JSON fixture, valid or not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use ozg_validate::stream::{InputFormat, InputLimits};
use ozg_validate::{DocumentKind, Validator};

fn key(f: &ozg_validate::ValidationFinding) -> (String, String, String, bool) {
    (
        f.code.as_str().to_owned(),
        f.pointer.clone(),
        f.message.clone(),
        f.is_error(),
    )
}

fn streamed(
    v: &Validator,
    kind: Option<DocumentKind>,
    text: &str,
) -> Vec<ozg_validate::ValidationFinding> {
    let mut found = Vec::new();
    v.validate_stream(
        kind,
        text.as_bytes(),
        InputFormat::Json,
        InputLimits::default(),
        &mut |f| {
            found.push(f);
            Ok(())
        },
    )
    .expect("stream");
    found
}

#[test]
fn every_fixture_gives_the_findings_of_the_whole_document() {
    let v = Validator::shared().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/json");
    let mut datasets = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let whole = v.validate_json_str(None, &text);
        if whole.kind == Some(DocumentKind::Dataset) {
            datasets += 1;
        }
        let mut a: Vec<_> = whole.findings.iter().map(key).collect();
        let mut b: Vec<_> = streamed(v, None, &text).iter().map(key).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{}", path.display());
    }
    assert!(datasets >= 20, "{datasets} dataset fixtures");
}

#[test]
fn a_dataset_with_errors_everywhere_streams_the_same_findings() {
    let v = Validator::shared().unwrap();
    let text = r#"{"schemaVersion": 1, "title": 5, "verwaltungen": [{"id": "a b", "name": 1, "kind": "amt"}, {"id": "ok", "name": "x", "kind": "amt"}],
      "rollout": [{"verwaltung": "nowhere", "onlinedienst": "x", "phase": "pilot", "status": "live"}], "bogus": 1}"#;
    let whole = v.validate_json_str(None, text);
    assert!(!whole.findings.is_empty());
    let mut a: Vec<_> = whole.findings.iter().map(key).collect();
    let mut b: Vec<_> = streamed(v, Some(DocumentKind::Dataset), text)
        .iter()
        .map(key)
        .collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // A schema-valid dataset with a broken reference: the rules over the whole dataset run.
    let text = r#"{"schemaVersion": "1.0", "rollout": [{"verwaltung": "nowhere", "onlinedienst": "x", "phase": "pilot", "status": "ordered"}]}"#;
    let f = streamed(v, None, text);
    assert!(
        f.iter().any(|f| f.pointer.starts_with("/rollout/0")),
        "{f:?}"
    );
    assert_eq!(
        f.iter().map(key).collect::<Vec<_>>().len(),
        v.validate_json_str(None, text).findings.len()
    );
    // A duplicate section is a duplicate key.
    let f = streamed(
        v,
        None,
        r#"{"schemaVersion": "1.0", "rollout": [], "rollout": []}"#,
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].code.as_str(), "json.duplicate_key");
    assert_eq!(f[0].pointer, "/rollout");
}
