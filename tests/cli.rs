//! End-to-end tests of the `ozg` binary: exit codes, stdout/stderr contents, JSON output.

use std::path::PathBuf;
use std::process::{Command, Output};

fn ozg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(args)
        .output()
        .expect("run ozg")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ozg-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write tmp");
    p
}

#[test]
fn catalogue_stats_reports_source_date_counts_and_gap() {
    let o = ozg(&["catalogue", "stats"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("2019-10-05"), "{s}");
    assert!(
        s.contains("OZG-Leistungen: 557 (official catalogue: 575; 18 missing"),
        "{s}"
    );
    assert!(s.contains("Gert Hammes"), "{s}");

    let o = ozg(&["catalogue", "stats", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["counts"]["leistungen"], 557);
    assert_eq!(v["counts"]["leika"], 5249);
    assert_eq!(v["counts"]["themenfelder"], 14);
    assert_eq!(v["counts"]["lagen"], 55);
    assert_eq!(v["officialOzgLeistungen"], 575);
    assert_eq!(v["asOf"], "2019-10-05");
    assert_eq!(v["perThemenfeld"].as_array().map(Vec::len), Some(14));
}

#[test]
fn catalogue_show_by_ozg_id_and_leika_key() {
    let o = ozg(&["catalogue", "show", "10000", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["name"], "Elterngeld");
    assert_eq!(v["themenfeld"]["code"], "familie_kind");
    assert_eq!(v["lage"], "Geburt");

    let o = ozg(&["catalogue", "show", "99001001000000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("Abfallgebühr"), "{s}");
    assert!(s.contains("10110"), "{s}");
    assert!(
        s.contains("urn:de:fim:leika:leistung:99001001000000"),
        "{s}"
    );
}

#[test]
fn catalogue_show_rejects_malformed_and_unknown_ids() {
    let o = ozg(&["catalogue", "show", "12x45"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("12x45"), "{}", stderr(&o));

    // Well-formed, but outside the range 10000–10601 of the data.
    let o = ozg(&["catalogue", "show", "99999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("99999"), "{}", stderr(&o));
}

#[test]
fn catalogue_search_is_umlaut_insensitive() {
    let o = ozg(&[
        "catalogue",
        "search",
        "Fuehrerschein",
        "--json",
        "--limit",
        "5",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let hits = v.as_array().expect("array");
    assert!(!hits.is_empty() && hits.len() <= 5);
    assert!(
        hits[0]["name"]
            .as_str()
            .is_some_and(|n| n.contains("Führerschein")),
        "{v}"
    );
}

#[test]
fn example_check_and_report_run_on_bundled_data() {
    let o = ozg(&["example"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["example"], true);

    let o = ozg(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("0 error(s)"));

    let o = ozg(&["report", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(r["example"], true);
    assert!(r["liveEntries"].as_u64().is_some_and(|n| n > 0), "{r}");
}

#[test]
fn check_exits_1_with_pointer_on_inconsistent_dataset() {
    // The example, with a rollout entry pointing to a Verwaltung that does not exist.
    let o = ozg(&["example"]);
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    v["rollout"][0]["verwaltung"] = serde_json::Value::from("gibt-es-nicht");
    let p = tmp("broken-ref.json", &v.to_string());
    let o = ozg(&["check", p.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let s = stdout(&o);
    assert!(s.contains("/rollout/0/verwaltung"), "{s}");
    assert!(s.contains("gibt-es-nicht"), "{s}");
}

#[test]
fn broken_json_is_an_input_error_with_location() {
    let p = tmp(
        "broken.json",
        "{\n  \"schemaVersion\": \"1.0\",\n  \"verwaltungen\": [ }\n",
    );
    let o = ozg(&["check", p.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("broken.json"), "{e}");
    assert!(e.contains("line 3, column"), "{e}");
}

#[test]
fn missing_file_is_an_io_error() {
    let o = ozg(&["report", "/nonexistent/ozg/dataset.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/ozg/dataset.json"));
}

#[test]
fn usage_error_exits_2() {
    let o = ozg(&["catalogue", "frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn replacement_catalogue_file_is_used() {
    let o = ozg(&["catalogue", "stats", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    // A catalogue file with a single Leistung (format of ozg-core/DATA.md) replaces the embedded one.
    let doc = serde_json::json!({
        "formatVersion": 1,
        "meta": {"source": "test", "licence": "CC0", "attribution": "none", "asOf": "2026-01-01"},
        "themenfelder": [{"code": "familie_kind", "kdnId": 6, "name": "Familie & Kind"}],
        "lagen": [{"id": 26, "name": "Geburt", "themenfeld": "familie_kind"}],
        "leistungen": [{"id": "10000", "name": "Elterngeld (neu)", "lage": 26, "themenfeld": "familie_kind"}],
        "leika": []
    });
    let p = tmp("cat.json", &doc.to_string());
    let o = ozg(&[
        "--catalogue",
        p.to_str().expect("utf-8 path"),
        "catalogue",
        "stats",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["counts"]["leistungen"], 1);
    assert_eq!(v["asOf"], "2026-01-01");

    let o = ozg(&[
        "--extend-catalogue",
        p.to_str().expect("utf-8 path"),
        "catalogue",
        "show",
        "10000",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["name"], "Elterngeld (neu)");
}
