//! End-to-end tests of `ozg report` (filters, formats) and `ozg convert` to and from XLSX.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

mod common;
use common::ozg;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ozg-report-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn filters_restrict_the_json_report() {
    let o = ozg(&["report", "--format", "json", "--kreis", "01002"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["filter"]["kreis"], "01002");
    assert_eq!(v["verwaltungen"], 1);
    assert_eq!(v["kreise"][0]["name"], "Kiel, Landeshauptstadt");
    // --json stays an alias
    let alias = ozg(&["report", "--json", "--kreis", "01002"]);
    assert_eq!(alias.stdout, o.stdout);
    let o = ozg(&[
        "report",
        "--json",
        "--themenfeld",
        "familie_kind",
        "--land",
        "01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["themenfelder"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_filters_are_usage_errors() {
    for args in [
        &["report", "--amt", "01051"][..],
        &["report", "--themenfeld", "sport"],
        &["report", "--kreis", "1002"],
        &["report", "--format", "csv"],
        &["report", "--format", "csv", "--table", "nope"],
        &["report", "--bom"],
    ] {
        let o = ozg(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stdout));
        assert!(!o.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn csv_xlsx_html_outputs() {
    let d = dir("formats");
    let o = ozg(&[
        "report",
        "--format",
        "csv",
        "--out",
        d.join("csv").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let kreise = std::fs::read_to_string(d.join("csv/kreise.csv")).unwrap();
    assert!(kreise.starts_with("Kreisschlüssel,Kreis,"), "{kreise}");
    let o = ozg(&[
        "report",
        "--format",
        "csv",
        "--table",
        "kreise",
        "--delimiter",
        ";",
        "--bom",
    ]);
    assert!(
        o.stdout.starts_with(b"\xEF\xBB\xBFKreisschl"),
        "{}",
        text(&o.stdout)
    );
    let xlsx = d.join("r.xlsx");
    let o = ozg(&["report", "--format", "xlsx", "-o", xlsx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let o = ozg(&["report", "--format", "html"]);
    let page = text(&o.stdout);
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Dithmarschen"));
}

#[test]
fn convert_dataset_to_xlsx_and_back() {
    let d = dir("convert");
    let json = d.join("bestand.json");
    let o = ozg(&["example"]);
    std::fs::write(&json, &o.stdout).unwrap();
    let xlsx = d.join("bestand.xlsx");
    let back = d.join("back.json");
    let o = ozg(&["convert", json.to_str().unwrap(), xlsx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = ozg(&["convert", xlsx.to_str().unwrap(), back.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(&json).unwrap(),
        std::fs::read_to_string(&back).unwrap()
    );
    // The report reads the workbook directly.
    let o = ozg(&["report", "--json", xlsx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = ozg(&[
        "convert",
        json.to_str().unwrap(),
        d.join("x.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    // Not a workbook: an input error, no panic.
    let fake = d.join("fake.xlsx");
    std::fs::write(&fake, "hello").unwrap();
    let o = ozg(&["convert", fake.to_str().unwrap(), back.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("not an XLSX workbook"),
        "{}",
        text(&o.stderr)
    );
}
