//! End-to-end tests of `ozg gemeinde` (the embedded Gemeindeverzeichnis of Germany) and of the
//! Germany-wide Kreis names in `ozg report`.

use std::process::Output;

mod common;
use common::{ozg, stdout};

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("json stdout")
}

#[test]
fn one_gemeinde_by_ars_and_by_ags() {
    let o = ozg(&["gemeinde", "010515163003"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.starts_with("010515163003 Averlak\n"), "{s}");
    assert!(s.contains("AGS:              01051003"), "{s}");
    assert!(s.contains("Kreis:            01051 Dithmarschen"), "{s}");
    assert!(
        s.contains("Gemeindeverband:  010515163 (amtsangehörig"),
        "{s}"
    );

    let o = ozg(&["gemeinde", "05315000", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(v[0]["gemeinde"]["ars"], "053150000000");
    assert_eq!(v[0]["gemeinde"]["name"], "Köln, Stadt");
    assert_eq!(v[0]["kreis"]["kreisfreieStadt"], true);
    assert_eq!(v[0]["bezirk"]["name"], "Reg.-Bez. Köln");
    assert_eq!(v[0]["land"]["name"], "Nordrhein-Westfalen");
    assert_eq!(v[0]["amtsangehoerig"], false);
    // --format json is the same as --json.
    assert_eq!(json(&ozg(&["gemeinde", "05315000", "--format", "json"])), v);
}

#[test]
fn all_gemeinden_under_a_prefix() {
    let o = ozg(&["gemeinde", "010515163", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    let rows = v.as_array().expect("array");
    assert_eq!(rows.len(), 14);
    assert!(rows.iter().all(|r| r["verbandKey"] == "010515163"));
    let o = ozg(&["gemeinde", "01051"]);
    assert_eq!(stdout(&o).lines().count(), 116);
    let o = ozg(&["gemeinde", "11"]);
    let s = stdout(&o);
    assert_eq!(s.lines().count(), 13);
    assert!(
        s.contains("110010001001  11001001  Mitte  (Stadt-/Ortsteil bzw. Stadtbezirk)"),
        "{s}"
    );
}

#[test]
fn name_search_and_not_found() {
    let o = ozg(&["gemeinde", "Luebeck", "--json", "--limit", "3"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v[0]["gemeinde"]["name"], "Lübeck, Hansestadt");
    assert!(v.as_array().map(Vec::len).unwrap_or(0) <= 3);

    let o = ozg(&["gemeinde", "zzzzqqq"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no Gemeinde found"));
    let o = ozg(&["gemeinde", "010020000001"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn bad_keys_are_usage_errors() {
    for q in ["1234", "170020000000", "0100200"] {
        let o = ozg(&["gemeinde", q]);
        assert_eq!(o.status.code(), Some(2), "{q}");
        assert!(!String::from_utf8_lossy(&o.stderr).is_empty(), "{q}");
    }
}

#[test]
fn report_names_the_kreis_of_a_verwaltung_in_nrw() {
    let dir = std::env::temp_dir().join(format!("ozg-cli-gemeinde-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let path = dir.join("nrw.json");
    std::fs::write(
        &path,
        r#"{"schemaVersion":"1.0","verwaltungen":[
            {"id":"koeln","name":"Stadt Köln","kind":"kreisfreie_stadt","ags":"05315000","kreis":"05315"},
            {"id":"kiel","name":"Stadt Kiel","kind":"kreisfreie_stadt","ags":"01002000","kreis":"01002"}]}"#,
    )
    .expect("write");
    let o = ozg(&["report", path.to_str().expect("utf-8 path"), "--json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = stdout(&o);
    assert!(text.contains("Köln, Stadt"), "{text}");
    assert!(text.contains("Kiel, Landeshauptstadt"), "{text}");
    let o = ozg(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
