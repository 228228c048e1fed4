//! End-to-end tests of `ozg route`, `ozg coverage`, `ozg check --zufi` and `ozg xzufi` on the
//! exports written for the Zuständigkeit tests (`tests/fixtures/xml/zufi/`).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Output;

mod common;
use common::{ozg, stderr, stdout};

fn export(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/xml/zufi")
        .join(name)
        .display()
        .to_string()
}

fn exports() -> [String; 2] {
    [
        export("export_a_dithmarschen.xml"),
        export("export_b_oberbayern.xml"),
    ]
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn route_text_most_specific_first_exit_0() {
    let [a, b] = exports();
    let o = ozg(&[
        "route",
        &a,
        &b,
        "--leika",
        "99107023017000",
        "--ars",
        "010515163003",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 3, "{s}");
    assert!(lines[0].starts_with("Gemeinde\t010515163003\tO-GEM"), "{s}");
    assert!(lines[1].starts_with("Kreis\t01051\tO-KREIS"), "{s}");
    assert!(
        lines[1].contains("FIT-Connect 0b1ae5a0-3c2f-4b5e-9d6a-7f8e9a0b1c2d"),
        "{s}"
    );
    assert!(lines[2].starts_with("Land\t01\tO-LAND"), "{s}");
    assert!(lines[1].contains("export_a_dithmarschen.xml:57:7"), "{s}");
    // The exports' findings go to stderr, with file:line:column.
    let e = stderr(&o);
    assert!(
        e.contains("export_a_dithmarschen.xml:70:87: zufi.invalid_object"),
        "{e}"
    );
    assert!(e.contains("zufi.unknown_leistung"), "{e}");
    assert!(e.contains("9 object(s) read, 1 skipped"), "{e}");
}

#[test]
fn route_nothing_found_exits_1_and_says_what_was_searched() {
    let [a, b] = exports();
    let o = ozg(&[
        "route",
        &a,
        &b,
        "--leika",
        "99001001002000",
        "--ars",
        "09162",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o).trim(),
        "nothing serves LeiKa 99001001002000 in ARS 09162; searched gebietIDs 09162 (Kreis), \
         091 (Regierungsbezirk), 09 (Land)"
    );
}

#[test]
fn route_json_by_ozg_id_and_ags() {
    let [a, b] = exports();
    let o = ozg(&[
        "route", &a, &b, "--ozg", "10092", "--ags", "01051003", "--format", "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["query"]["ozgId"], "10092");
    assert_eq!(v["query"]["ags"], "01051003");
    assert_eq!(v["query"]["ars"], "010515163003");
    assert_eq!(v["matches"][0]["level"], "Gemeinde");
    assert_eq!(
        v["matches"][0]["zustaendigkeit"]["organisationseinheit"]["name"],
        "Gemeinde Averlak"
    );
    assert_eq!(v["counts"]["objectsSkipped"], 1);
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(3));
}

#[test]
fn route_errors_exit_2() {
    let [a, _] = exports();
    let o = ozg(&["route", &a, "--leika", "99107023017000", "--ars", "0105"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--ars \"0105\""), "{}", stderr(&o));
    let o = ozg(&[
        "route",
        "/nonexistent/export.xml",
        "--leika",
        "99107023017000",
        "--ars",
        "01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/nonexistent/export.xml"),
        "{}",
        stderr(&o)
    );
    // An AGS that is in no register (Kreis Dithmarschen has no Gemeinde 999).
    let o = ozg(&[
        "route",
        &a,
        "--leika",
        "99107023017000",
        "--ags",
        "01051999",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("AGS 01051999 is not in the Gemeindeverzeichnis"),
        "{}",
        stderr(&o)
    );
    // Heide (AGS 01051044) is mapped through the Gemeindeverzeichnis: ARS 010510044044.
    let o = ozg(&[
        "route",
        &a,
        "--leika",
        "99107023017000",
        "--ags",
        "01051044",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["query"]["ars"], "010510044044");
}

#[test]
fn coverage_text_json_csv() {
    let [a, b] = exports();
    let o = ozg(&["coverage", &a, &b, "--kreis", "01051"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.starts_with("Kreis 01051: "), "{s}");
    assert!(
        s.contains("2 with a responsible unit, 1 with a digital channel"),
        "{s}"
    );
    assert!(s.contains("ok\t10092\t"), "{s}");
    assert!(s.contains("blocked\t10110\t"), "{s}");

    let o = ozg(&["coverage", &a, &b, "--amt", "010515163", "--json"]);
    let v = json(&o);
    assert_eq!(v["level"], "Gemeindeverband");
    let rows = v["rows"].as_array().unwrap();
    let abfall = rows.iter().find(|r| r["ozgId"] == "10110").unwrap();
    assert_eq!(abfall["units"], serde_json::json!(["O-AMT", "O-LAND"]));
    assert_eq!(abfall["blocker"], "noDigitalChannel");

    let o = ozg(&[
        "coverage",
        &a,
        &b,
        "--gemeinde",
        "010515163003",
        "--format",
        "csv",
    ]);
    let s = stdout(&o);
    let mut lines = s.lines();
    assert_eq!(
        lines.next(),
        Some("ozgId,name,leikaKeys,responsibility,digitalChannel,units,blocker")
    );
    let wohngeld = s.lines().find(|l| l.starts_with("10092,")).unwrap();
    assert!(
        wohngeld.contains(",full,true,O-GEM O-KREIS O-LAND,"),
        "{wohngeld}"
    );

    let o = ozg(&["coverage", &a, "--kreis", "010515163"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("names a Gemeindeverband, not a Kreis"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_with_zufi_adds_cross_check_findings() {
    let [a, b] = exports();
    let o = ozg(&["check", "--zufi", &a, &b, "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let all = v.as_array().unwrap();
    let mismatch = all
        .iter()
        .find(|f| f["code"] == "zufi.destination_mismatch")
        .unwrap();
    assert_eq!(mismatch["pointer"], "/channels/5/kanal/destinationId");
    assert_eq!(mismatch["source"]["line"], 57);
    assert!(
        mismatch["source"]["file"]
            .as_str()
            .unwrap()
            .ends_with("export_a_dithmarschen.xml")
    );
    let live: Vec<_> = all
        .iter()
        .filter(|f| f["code"] == "zufi.live_without_zustaendigkeit")
        .map(|f| f["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(live, ["/rollout/1", "/rollout/9"]);

    // Without agreements the Kreis's own Zuständigkeit for Wohngeld has none in force.
    let ds: serde_json::Value = serde_json::from_str(&stdout(&ozg(&["example"]))).unwrap();
    let mut ds = ds;
    ds["agreements"] = serde_json::json!([]);
    for r in ds["rollout"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("agreement");
    }
    let path = std::env::temp_dir().join(format!("ozg-zufi-check-{}.json", std::process::id()));
    std::fs::write(&path, ds.to_string()).unwrap();
    let o = ozg(&["check", path.to_str().unwrap(), "--zufi", &a]);
    let s = stdout(&o);
    assert!(
        s.contains(
            "/verwaltungen/4 zufi.zustaendigkeit_without_agreement: the export makes O-KREIS"
        ),
        "{s}"
    );
    assert!(s.contains("(export "), "{s}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn xzufi_counts_read_and_skipped_like_python() {
    let a = export("export_a_dithmarschen.xml");
    let o = ozg(&["xzufi", &a, "--summary"]);
    assert_eq!(o.status.code(), Some(1), "a skipped object is a finding");
    let v = json(&o);
    assert_eq!(
        (v["read"].as_u64(), v["skipped"].as_u64()),
        (Some(8), Some(1))
    );
    let o = ozg(&["xzufi", &a]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 8);
    assert!(
        stderr(&o).contains("8 object(s) read, 1 skipped"),
        "{}",
        stderr(&o)
    );
    // The bare-key and the URN spelling are both in the NDJSON as written.
    assert!(
        stdout(&o)
            .contains(r#""value":"010515163","attributes":[{"namespace":null,"name":"schemeID""#)
    );
}
