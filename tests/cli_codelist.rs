//! End-to-end tests of `ozg codelist show|lookup` and the global `--codelist FILE` option on every
//! official list in ../shared/data/genericode (the test fails when they are missing).

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{ozg, stderr, stdout};

fn shared(file: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/genericode");
    let p = dir.join(file);
    assert!(
        p.exists(),
        "shared Genericode list missing: {} (../shared/data/genericode from the worktree)",
        p.display()
    );
    p.to_str().expect("utf-8 path").to_owned()
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ozg-cli-codelist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write tmp");
    p
}

/// (file, rows, first key, a label column value of that key)
const LISTS: &[(&str, usize, &str, &str, &str)] = &[
    (
        "regionalschluessel_2026-04-30.xml",
        11227,
        "010020000000",
        "Bezeichnung",
        "Kiel, Landeshauptstadt",
    ),
    (
        "ags_2026-04-30.xml",
        11227,
        "01002000",
        "Bezeichnung",
        "Kiel, Landeshauptstadt",
    ),
    (
        "kreis_2026-01-31.xml",
        518,
        "01002",
        "Bezeichnung",
        "Kiel, Landeshauptstadt",
    ),
    (
        "bezirk_2019-07-31.xml",
        36,
        "051",
        "Bezeichnung",
        "Reg.-Bez. Düsseldorf",
    ),
    (
        "bundesland_2010-04-01.xml",
        16,
        "01",
        "Bezeichnung",
        "Schleswig-Holstein",
    ),
    (
        "dvdv_praefixe_51.xml",
        118,
        "wgb",
        "behoerdenkategorie",
        "Wohngeldbehörde",
    ),
];

#[test]
fn every_shared_list_shows_as_table_json_and_csv() {
    for &(file, rows, ..) in LISTS {
        let path = shared(file);
        let o = ozg(&["codelist", "show", &path, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(v["rows"].as_array().map(Vec::len), Some(rows), "{file}");
        assert!(
            v["identification"]["canonicalUri"].as_str().is_some(),
            "{file}"
        );
        assert!(
            v["columnSet"]["keys"][0]["columns"][0].as_str().is_some(),
            "{file}"
        );

        let o = ozg(&["codelist", "show", &path, "--format", "csv"]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let csv = stdout(&o);
        assert_eq!(csv.lines().count(), rows + 1, "{file}: header + rows");

        let o = ozg(&["codelist", "show", &path]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        assert!(
            stdout(&o).contains(&format!("Rows:        {rows}\n")),
            "{file}"
        );
    }
}

#[test]
fn every_shared_list_looks_codes_up() {
    for &(file, _, key, column, value) in LISTS {
        let path = shared(file);
        let o = ozg(&["codelist", "lookup", &path, key, "--json"]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(v[column], value, "{file}");
        let o = ozg(&["codelist", "lookup", &path, "no-such-code"]);
        assert_eq!(o.status.code(), Some(1), "{file}: not found is exit 1");
        assert!(stderr(&o).contains("no-such-code"), "{file}");
    }
    // An empty optional value is null in JSON, a left-out one is not there.
    let o = ozg(&[
        "codelist",
        "lookup",
        &shared("ags_2026-04-30.xml"),
        "01002000",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["Hinweis"], serde_json::Value::Null);
    assert!(v.as_object().expect("object").contains_key("Hinweis"));
}

#[test]
fn bad_genericode_is_exit_2_with_position() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/genericode/error_unknown_column.xml");
    let o = ozg(&["codelist", "show", p.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("line 16, column 7") && e.contains("unknown column \"farbe\""),
        "{e}"
    );
    let o = ozg(&["codelist", "show", "/nonexistent/list.xml"]);
    assert_eq!(o.status.code(), Some(2));
}

fn dataset_with(verwaltung: &str, reader: &str) -> String {
    format!(
        r#"{{"schemaVersion":"1.0","verwaltungen":[{verwaltung}],
        "channels":[{{"id":"c1","verwaltung":"v1","kanal":{{"type":"xta","reader":"{reader}","service":"urn:example:dienst","transport":"xta_ws_2"}}}}]}}"#
    )
}

#[test]
fn check_warns_on_an_unknown_dvdv_prefix_until_a_newer_list_is_loaded() {
    let ds = tmp(
        "dvdv.json",
        &dataset_with(r#"{"id":"v1","name":"Test","kind":"amt"}"#, "zzq:01002000"),
    );
    let o = ozg(&["check", ds.to_str().expect("path"), "--json"]);
    assert_eq!(o.status.code(), Some(0), "a warning only: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let f = &v[0];
    assert_eq!(f["code"], "channel.unknown_dvdv_prefix", "{v}");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["pointer"], "/channels/0/kanal/reader");

    // A newer list (here: version 51 with one more row, as version "52-test") knows the prefix.
    let v51 = std::fs::read_to_string(shared("dvdv_praefixe_51.xml")).expect("read");
    let newer = v51
        .replace("<Version>51</Version>", "<Version>52-test</Version>")
        .replace("dvdv.praefix_51<", "dvdv.praefix_52-test<")
        .replace(
            "<SimpleCodeList>",
            "<SimpleCodeList><Row><Value ColumnRef=\"praefix\"><SimpleValue>zzq</SimpleValue></Value><Value ColumnRef=\"vergebendestelle\"><SimpleValue>Test</SimpleValue></Value><Value ColumnRef=\"behoerdenkategorie\"><SimpleValue>Test</SimpleValue></Value></Row>",
        );
    let newer = tmp("dvdv_52.xml", &newer);
    let o = ozg(&[
        "check",
        ds.to_str().expect("path"),
        "--json",
        "--codelist",
        newer.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v, serde_json::json!([]), "the newer list is pinned");
}

#[test]
fn check_with_the_ags_list_reports_an_unknown_ags_with_its_pointer() {
    let ds = tmp(
        "ags.json",
        &dataset_with(
            r#"{"id":"v1","name":"Test","kind":"amt","ags":"01002000","gemeinden":["01002000","01099999"],"land":"01"}"#,
            "wgb:01002000",
        ),
    );
    let ds = ds.to_str().expect("path");
    let unknown = |o: &Output| -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v.as_array()
            .expect("array")
            .iter()
            .filter(|f| f["code"] == "code.unknown")
            .cloned()
            .collect()
    };
    let o = ozg(&["check", ds, "--json"]);
    assert!(
        unknown(&o).is_empty(),
        "no list loaded, nothing to check: {}",
        stdout(&o)
    );
    let o = ozg(&[
        "check",
        ds,
        "--json",
        "--codelist",
        &shared("ags_2026-04-30.xml"),
        "--codelist",
        &shared("bundesland_2010-04-01.xml"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let arr = unknown(&o);
    assert_eq!(arr.len(), 1, "{arr:?}");
    assert_eq!(arr[0]["pointer"], "/verwaltungen/0/gemeinden/1");
    assert!(
        arr[0]["message"]
            .as_str()
            .expect("message")
            .contains("2026-04-30")
    );
}

#[test]
fn validate_checks_codes_against_the_lists_given_with_codelist_in_json_and_xml() {
    let json = tmp(
        "validate_ags.json",
        &dataset_with(
            r#"{"id":"v1","name":"Test","kind":"amt","ags":"01002000","gemeinden":["01002000","01099999"],"land":"01"}"#,
            "wgb:01002000",
        ),
    );
    let xml = json.with_extension("xml");
    let o = ozg(&[
        "convert",
        json.to_str().expect("path"),
        xml.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ags = shared("ags_2026-04-30.xml");
    let unknown_codes = |file: &std::path::Path, lists: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec!["validate", file.to_str().expect("path"), "--format", "json"];
        for l in lists {
            args.extend(["--codelist", l]);
        }
        let o = ozg(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["code"] == "code.unknown")
            .cloned()
            .collect()
    };
    for file in [&json, &xml] {
        assert!(
            unknown_codes(file, &[]).is_empty(),
            "no list, no code check"
        );
        let found = unknown_codes(file, &[&ags]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0]["pointer"], "/verwaltungen/0/gemeinden/1");
        assert!(
            found[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("01099999") && m.contains("2026-04-30")),
            "{found:?}"
        );
    }
    // The XML finding carries the position of the element.
    assert!(
        unknown_codes(&xml, &[&ags])[0]["line"]
            .as_u64()
            .is_some_and(|l| l > 1)
    );
}
