//! The XSD of our XML format (`schemas/ozg.xsd`) and the generated XML fixtures
//! (`tests/fixtures/xml/own/`): drift checks (`OZG_UPDATE_SCHEMAS=1 cargo test -p ozg-xml`
//! rewrites them) and validation of every document with `xmllint` (package libxml2-utils;
//! `OZG_SKIP_XMLLINT=1` skips only the xmllint part).
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use ozg_core::catalogue::Catalogue;
use ozg_core::dataset::Dataset;
use ozg_xml::document::{self, XmlDocument, from_xml_str, read_any, to_xml_string};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn updating() -> bool {
    std::env::var_os("OZG_UPDATE_SCHEMAS").is_some_and(|v| v == "1")
}

/// A readable diff: the first differing line with some context.
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = first.saturating_sub(3);
    let mut out = format!(
        "first difference at line {} (committed {} lines, generated {} lines)\n",
        first + 1,
        e.len(),
        a.len()
    );
    for (i, l) in e.iter().enumerate().skip(from).take(8) {
        out.push_str(&format!("- {:>5} {l}\n", i + 1));
    }
    for (i, l) in a.iter().enumerate().skip(from).take(8) {
        out.push_str(&format!("+ {:>5} {l}\n", i + 1));
    }
    out
}

/// Compares `generated` with the committed file, or rewrites it when updating.
fn check_or_update(path: &Path, generated: &str) -> Option<String> {
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, generated).unwrap();
        return None;
    }
    match std::fs::read_to_string(path) {
        Ok(committed) if committed == generated => None,
        Ok(committed) => Some(format!(
            "{} is out of date; run OZG_UPDATE_SCHEMAS=1 cargo test -p ozg-xml\n{}",
            path.display(),
            diff(&committed, generated)
        )),
        Err(e) => Some(format!(
            "{} cannot be read ({e}); run OZG_UPDATE_SCHEMAS=1 cargo test -p ozg-xml",
            path.display()
        )),
    }
}

#[test]
fn schema_file_is_up_to_date() {
    let xsd = document::xsd().unwrap();
    if let Some(problem) = check_or_update(&root().join("schemas/ozg.xsd"), &xsd) {
        panic!("{problem}");
    }
}

#[test]
fn diff_shows_the_first_difference() {
    let d = diff("a\nb\nc\n", "a\nx\nc\n");
    assert!(
        d.contains("line 2") && d.contains("-     2 b") && d.contains("+     2 x"),
        "{d}"
    );
}

/// Every document written for the checks: (file stem, XML, JSON value of the document).
fn documents() -> Vec<(String, String, serde_json::Value)> {
    fn doc<T: XmlDocument>(name: &str, d: &T) -> (String, String, serde_json::Value) {
        (
            name.to_owned(),
            to_xml_string(d).unwrap(),
            serde_json::to_value(d).unwrap(),
        )
    }
    let mut out = Vec::new();
    let dir = root().join("tests/fixtures/json");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut full = None;
    for p in paths {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        // Only the fixtures that parse (bad_* with a syntax or identifier defect do not).
        if let Ok(d) = Dataset::from_json_str(&std::fs::read_to_string(&p).unwrap()) {
            if stem == "good_full" {
                full = Some(d.clone());
            }
            out.push(doc(&format!("dataset_{stem}"), &d));
        }
    }
    out.push(doc("dataset_example", &Dataset::example()));
    let full = full.expect("good_full.json parses");
    for (i, a) in full.agreements.iter().enumerate() {
        out.push(doc(&format!("agreement_{i}"), a));
    }
    for (i, r) in full.rollout.iter().enumerate() {
        out.push(doc(&format!("rollout_entry_{i}"), r));
    }
    for (i, o) in full.onlinedienste.iter().enumerate() {
        out.push(doc(&format!("onlinedienst_{i}"), o));
    }
    for (i, c) in full.channels.iter().enumerate() {
        out.push(doc(&format!("delivery_channel_{i}"), c));
    }
    out
}

/// The committed fixtures: the good datasets and the standalone documents of `good_full.json`
/// (the bad datasets and the catalogue are only generated for validation).
fn committed(name: &str) -> bool {
    !name.starts_with("dataset_bad_")
}

#[test]
fn xml_fixtures_are_up_to_date() {
    let dir = root().join("tests/fixtures/xml/own");
    let docs = documents();
    let mut problems = Vec::new();
    let mut expected = Vec::new();
    for (name, xml, _) in docs.iter().filter(|(n, _, _)| committed(n)) {
        let file = format!("{name}.xml");
        if let Some(p) = check_or_update(&dir.join(&file), xml) {
            problems.push(p);
        }
        expected.push(file);
    }
    // No stale files either.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".xml") && !expected.contains(&name) {
                if updating() {
                    std::fs::remove_file(dir.join(&name)).unwrap();
                } else {
                    problems.push(format!("stale fixture {name}; run OZG_UPDATE_SCHEMAS=1"));
                }
            }
        }
    }
    assert!(expected.len() >= 10, "{expected:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Each committed fixture reads back to its document.
    for (name, xml, json) in docs.iter().filter(|(n, _, _)| committed(n)) {
        let any = read_any(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&any.to_json_value().unwrap(), json, "{name}");
    }
}

fn xmllint_available() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The XSD validator: `xmllint --noout --schema`, or, where xmllint is not installed, the same check
/// through lxml (libxml2 too) with the Python named by `OZG_XSD_PYTHON` (`./scripts/test.sh` sets it to
/// its virtualenv when it cannot install xmllint). Neither: the test fails and says how to get one.
fn xsd_command() -> Option<Command> {
    if xmllint_available() {
        let mut cmd = Command::new("xmllint");
        cmd.arg("--noout").arg("--schema");
        return Some(cmd);
    }
    if let Some(python) = std::env::var_os("OZG_XSD_PYTHON") {
        let mut cmd = Command::new(python);
        cmd.arg(root().join("scripts/xsd_check.py")).arg("--schema");
        return Some(cmd);
    }
    if std::env::var_os("OZG_SKIP_XMLLINT").is_some_and(|v| v == "1") {
        eprintln!("xmllint not found; XSD validation skipped because OZG_SKIP_XMLLINT=1");
        return None;
    }
    panic!(
        "no XSD validator: install libxml2-utils (apt-get install -y libxml2-utils), or set \
         OZG_XSD_PYTHON to a Python with lxml (./scripts/test.sh does either), or set \
         OZG_SKIP_XMLLINT=1 to skip the XSD validation"
    );
}

/// Validates the files against `schemas/ozg.xsd`; `Err` carries the validator's output.
/// `None` when the validation is skipped on request.
fn xmllint(files: &[PathBuf]) -> Option<Result<(), String>> {
    let mut cmd = xsd_command()?;
    let out = cmd
        .arg(root().join("schemas/ozg.xsd"))
        .args(files)
        .output()
        .unwrap();
    if out.status.success() {
        Some(Ok(()))
    } else {
        Some(Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )))
    }
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ozg-xml-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_document_validates_against_the_xsd_and_reads_back() {
    let dir = temp_dir("xsd");
    let mut docs = documents();
    let catalogue = Catalogue::embedded().to_document();
    docs.push((
        "catalogue_embedded".to_owned(),
        to_xml_string(&catalogue).unwrap(),
        serde_json::to_value(&catalogue).unwrap(),
    ));
    let mut files = Vec::new();
    for (name, xml, json) in &docs {
        // Back to the identical JSON.
        let any = read_any(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&any.to_json_value().unwrap(), json, "{name}");
        let path = dir.join(format!("{name}.xml"));
        std::fs::write(&path, xml).unwrap();
        files.push(path);
    }
    assert!(docs.len() >= 40, "{}", docs.len());
    let result = xmllint(&files);
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(Err(out)) = result {
        panic!("xmllint rejected documents:\n{out}");
    }
}

#[test]
fn the_xsd_rejects_what_the_reader_rejects() {
    // The validation above can fail: documents the typed reader refuses are invalid for the XSD.
    let d = Dataset::example();
    let xml = to_xml_string(&d).unwrap();
    let bad_key = xml.replacen("<serviceRef>99", "<serviceRef>98", 1);
    assert!(from_xml_str::<Dataset>(&bad_key).is_err());
    let bad_code = xml.replacen("<code>01</code>", "<code>17</code>", 1);
    assert_ne!(bad_code, xml);
    assert!(from_xml_str::<Dataset>(&bad_code).is_err());
    let unknown = xml.replacen("<schemaVersion>", "<colour>blue</colour><schemaVersion>", 1);
    assert!(from_xml_str::<Dataset>(&unknown).is_err());
    let dir = temp_dir("xsd-bad");
    for (name, text) in [
        ("key", &bad_key),
        ("code", &bad_code),
        ("unknown", &unknown),
    ] {
        let path = dir.join(format!("{name}.xml"));
        std::fs::write(&path, text).unwrap();
        if let Some(result) = xmllint(&[path]) {
            assert!(result.is_err(), "xmllint accepted the {name} defect");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
