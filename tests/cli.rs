//! End-to-end tests of the `ozg` binary: exit codes, stdout/stderr contents, JSON output.

use std::path::PathBuf;
use std::process::Command;

mod common;
use common::{ozg, stderr, stdout};

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
    // Each part in its serde form (as in the catalogue file).
    assert_eq!(v["leistung"]["name"], "Elterngeld");
    assert_eq!(v["leistung"]["id"], "10000");
    assert_eq!(v["themenfeld"]["code"], "familie_kind");
    assert_eq!(v["lage"]["name"], "Geburt");
    assert_eq!(v["lage"]["id"], v["leistung"]["lage"]);

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
    assert_eq!(v["leistung"]["name"], "Elterngeld (neu)");
}

fn fixture(rel: &str) -> String {
    format!("{}/../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn convert_json_to_xml_and_back_is_lossless() {
    let o = ozg(&["example"]);
    let original: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let json = tmp("conv.json", &stdout(&o));
    let xml = json.with_extension("xml");
    let back = json.with_file_name("conv-back.json");
    let o = ozg(&[
        "convert",
        json.to_str().expect("p"),
        xml.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml_text = std::fs::read_to_string(&xml).expect("xml written");
    assert!(xml_text.contains("urn:ozg-rs:schema:ozg:1"), "{xml_text}");
    let o = ozg(&[
        "convert",
        xml.to_str().expect("p"),
        back.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let round: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&back).expect("back")).expect("json");
    assert_eq!(round, original);

    // stdout with an explicit format
    let o = ozg(&["convert", xml.to_str().expect("p"), "-", "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v, original);
}

/// Runs `ozg args…` with `input` on stdin.
fn ozg_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("ozg starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("ozg ends");
    // A broken pipe is fine when ozg stopped reading at an error.
    let _ = writer.join();
    out
}

#[test]
fn convert_of_a_dataset_is_the_same_whatever_the_member_order_file_or_stdin() {
    let example = stdout(&ozg(&["example"]));
    let json = tmp("order.json", &example);
    let o = ozg(&["convert", json.to_str().expect("p"), "-", "--to", "xml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let canonical = o.stdout;
    // The members reversed: rollout first (streamed record by record, sections reordered), and
    // title first (read whole): both give the canonical XML, from a file and from stdin.
    let v: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&example).expect("json");
    let reversed = format!(
        "{{{}}}",
        v.iter()
            .rev()
            .map(|(k, v)| format!("{}:{}", serde_json::to_string(k).expect("k"), v))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let mut title_first = v.clone();
    let title = title_first.remove("title").expect("title");
    let title_first = format!(
        "{{\"title\":{title},{}",
        &serde_json::to_string(&title_first).expect("json")[1..]
    );
    for text in [&reversed, &title_first] {
        let file = tmp("order2.json", text);
        let o = ozg(&["convert", file.to_str().expect("p"), "-", "--to", "xml"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(o.stdout == canonical, "{}", &text[..60]);
        let o = ozg_stdin(
            &["convert", "-", "-", "--from", "json", "--to", "xml"],
            text.as_bytes(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(o.stdout == canonical, "stdin: {}", &text[..60]);
    }
    // And back, from a file and from stdin: the JSON ozg writes (record by record from XML).
    let xml = tmp(
        "order.xml",
        &String::from_utf8(canonical.clone()).expect("utf-8"),
    );
    let o = ozg(&["convert", xml.to_str().expect("p"), "-", "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), example);
    let o = ozg_stdin(
        &["convert", "-", "-", "--from", "xml", "--to", "json"],
        &canonical,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), example);
    let bad_xml = String::from_utf8(canonical.clone())
        .expect("utf-8")
        .replacen("<status>live</status>", "<status>life</status>", 1);
    let o = ozg_stdin(
        &["convert", "-", "-", "--from", "xml", "--to", "json"],
        bad_xml.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    // From stdin too, at the element of the value (the positions are recorded while streaming).
    let at = bad_xml.find("<status>life").expect("mutated");
    let line = bad_xml[..at].matches('\n').count() + 1;
    let column = at - bad_xml[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    assert!(
        err.starts_with(&format!("ozg: error: -:{line}:{column}: ")) && err.contains("life"),
        "{err} (expected at {line}:{column})"
    );

    // A bad record deep in a streamed dataset: exit 2 with file:line:column and pointer.
    let bad = example.replacen("\"status\": \"live\"", "\"status\": \"life\"", 1);
    assert_ne!(bad, example);
    let o = ozg_stdin(
        &["convert", "-", "-", "--from", "json", "--to", "xml"],
        bad.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("-:") && err.contains("at /rollout/") && err.contains("/status"),
        "{err}"
    );
}

#[test]
fn convert_reports_xml_errors_with_line_and_column() {
    let p = tmp(
        "bad.xml",
        "<?xml version=\"1.0\"?>\n<dataset xmlns=\"urn:ozg-rs:schema:ozg:1\">\n  <title>x</titel>\n</dataset>\n",
    );
    let o = ozg(&["convert", p.to_str().expect("p"), "-", "--to", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("bad.xml:3:"), "{e}");

    let p = tmp(
        "doctype.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x \"y\">]>\n<dataset xmlns=\"urn:ozg-rs:schema:ozg:1\"/>\n",
    );
    let o = ozg(&["convert", p.to_str().expect("p"), "-", "--to", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).to_lowercase().contains("doctype"),
        "{}",
        stderr(&o)
    );

    let o = ozg(&["convert", p.to_str().expect("p"), "out.unknown"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--to"), "{}", stderr(&o));
}

#[test]
fn validate_good_and_bad_files_with_exit_codes() {
    let good = fixture("json/good_full.json");
    let o = ozg(&["validate", &good]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("valid"));

    let bad = fixture("json/bad_webservice_http.json");
    let o = ozg(&["validate", &good, &bad, "--format", "ndjson"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["code"], "channel.webservice_not_https");
    assert_eq!(lines[0]["pointer"], "/channels/1/kanal/url");
    assert_eq!(lines[0]["severity"], "error");
    assert!(
        lines[0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("bad_webservice_http.json"))
    );

    let o = ozg(&["validate", "/nonexistent/x.json"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn validate_reads_stdin_ndjson_and_xml() {
    // NDJSON: line numbers locate the documents.
    let p = tmp(
        "providers.ndjson",
        "{\"id\": \"dataport\", \"name\": \"Dataport AöR\"}\n{\"id\": \"\", \"name\": \"x\"}\nnot json\n",
    );
    let o = ozg(&[
        "validate",
        p.to_str().expect("p"),
        "--kind",
        "it-provider",
        "--format",
        "ndjson",
    ]);
    // A line that is not JSON is an input error: exit 2, after every other line was validated.
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert!(lines.iter().any(|l| l["line"] == 2), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l["line"] == 3 && l["code"] == "json.syntax"),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l["line"] == 1), "{lines:?}");

    // our XML, converted from the example: valid
    let o = ozg(&["example"]);
    let json = tmp("val.json", &stdout(&o));
    let xml = json.with_extension("xml");
    assert_eq!(
        ozg(&[
            "convert",
            json.to_str().expect("p"),
            xml.to_str().expect("p")
        ])
        .status
        .code(),
        Some(0)
    );
    let o = ozg(&["validate", xml.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));

    // stdin
    let mut child = Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(["validate", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"{\"id\": \"itvsh\", \"name\": \"ITV.SH\", \"bogus\": 1}")
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("<stdin>"), "{}", stdout(&o));
    assert!(stdout(&o).contains("bogus"), "{}", stdout(&o));
}

#[test]
fn validate_with_a_custom_schema() {
    let schema = tmp(
        "s.json",
        r#"{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"array","items":{"type":"object","required":["id"],"properties":{"d":{"type":"string","format":"date"}}}}"#,
    );
    let data = tmp("d.json", r#"[{"id":1,"d":"2024-02-30"},{"x":2}]"#);
    let o = ozg(&[
        "validate",
        "--schema",
        schema.to_str().expect("p"),
        data.to_str().expect("p"),
        "--format",
        "ndjson",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let s = stdout(&o);
    assert!(s.contains("\"/0/d\""), "{s}");
    assert!(s.contains("\"/1\""), "{s}");
}

#[test]
fn xzufi_streams_objects_as_ndjson() {
    let f = fixture("xml/xzufi_2_2_schreibe.xml");
    let o = ozg(&["xzufi", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let objs: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert!(objs.iter().any(|v| v["kind"] == "leistung"), "{objs:?}");
    assert!(
        objs.iter().any(|v| v["kind"] == "organisationseinheit"),
        "{objs:?}"
    );

    let o = ozg(&["xzufi", &f, "--summary"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["xzufiVersion"], "2.2.0");
    assert_eq!(v["total"].as_u64(), Some(objs.len() as u64));

    let p = tmp(
        "wrongns.xml",
        "<m xmlns=\"http://xoev.de/schemata/xzufi/2_1_0\" xzufiVersion=\"2.1.0\"/>",
    );
    let o = ozg(&["xzufi", p.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("wrongns.xml:1:"), "{}", stderr(&o));
}

#[test]
fn schema_prints_and_writes_the_json_schemas() {
    let o = ozg(&["schema", "rollout-entry"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(
        v["$id"]
            .as_str()
            .is_some_and(|s| s.ends_with("rollout-entry.schema.json")),
        "{v}"
    );

    let dir = std::env::temp_dir().join(format!("ozg-schema-{}", std::process::id()));
    let o = ozg(&["schema", "--out", dir.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let committed = std::fs::read_to_string(fixture("../../schemas/dataset.schema.json"))
        .expect("committed schema");
    let written = std::fs::read_to_string(dir.join("dataset.schema.json")).expect("written schema");
    assert_eq!(
        written, committed,
        "schemas/ drifted from the code; run: cargo run -p ozg-cli -- schema --out schemas"
    );

    let o = ozg(&["schema", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn convert_refuses_invalid_values_and_validate_positions_xml_findings() {
    let xml = "<?xml version=\"1.0\"?>\n<ozg:dataset xmlns:ozg=\"urn:ozg-rs:schema:ozg:1\">\n  <schemaVersion>1.0</schemaVersion>\n  <itProviders><itProvider><id>a b</id><name>x</name></itProvider></itProviders>\n</ozg:dataset>\n";
    let p = tmp("invalid-id.xml", xml);
    let o = ozg(&["convert", p.to_str().expect("p"), "-", "--to", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(e.contains("invalid-id.xml:4:28:"), "{e}");
    assert!(e.contains("\"a b\""), "{e}");

    let o = ozg(&["validate", p.to_str().expect("p"), "--format", "ndjson"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().expect("a finding")).expect("json");
    assert_eq!(v["pointer"], "/itProviders/0/id");
    assert_eq!(v["line"], 4);
    assert_eq!(v["column"], 28);
    assert_eq!(v["code"], "schema.pattern");

    let p = tmp(
        "invalid-id.json",
        r#"{"schemaVersion":"1.0","itProviders":[{"id":"a b","name":"x"}]}"#,
    );
    let o = ozg(&["convert", p.to_str().expect("p"), "-", "--to", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/itProviders/0/id"), "{}", stderr(&o));
}
