//! End-to-end tests of `ozg validate` and `ozg convert` beyond the basics in `cli.rs`: every file
//! validated whatever happens to one, the worst status, the output formats, duplicate keys, input
//! caps, streamed arrays and XML positions.

use std::path::PathBuf;
use std::process::Output;

mod common;
use common::ozg;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ozg-cli-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write tmp");
    p
}

fn fixture(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(rel);
    p.to_str().expect("utf-8 path").to_owned()
}

fn ndjson(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn a_missing_file_does_not_stop_the_others_and_the_worst_status_wins() {
    let good = fixture("json/good_full.json");
    let bad = fixture("json/bad_webservice_http.json");
    let o = ozg(&["validate", "/nonexistent/a.json", &bad, &good]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("/nonexistent/a.json: error:"), "{out}");
    assert!(
        out.contains("bad_webservice_http.json:") && out.contains("channel.webservice_not_https"),
        "{out}"
    );
    assert!(out.contains("good_full.json: valid"), "{out}");
    assert!(stderr(&o).contains("/nonexistent/a.json"), "{}", stderr(&o));
    // Without the missing file, findings are the worst: 1.
    assert_eq!(ozg(&["validate", &bad, &good]).status.code(), Some(1));
}

#[test]
fn json_format_is_one_document_for_the_run_with_a_file_field_per_finding() {
    let good = fixture("json/good_full.json");
    let bad = fixture("json/bad_webservice_http.json");
    let o = ozg(&["validate", &good, &bad, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let run: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(run["valid"], false);
    assert_eq!(run["files"].as_array().map(Vec::len), Some(2));
    assert_eq!(run["files"][0]["valid"], true);
    assert_eq!(run["files"][1]["errors"], 1);
    let f = &run["findings"][0];
    assert!(
        f["file"]
            .as_str()
            .is_some_and(|p| p.ends_with("bad_webservice_http.json")),
        "{f}"
    );
    assert_eq!(f["pointer"], "/channels/1/kanal/url");
    // A valid run: `valid: true`, no findings; ndjson prints nothing for it.
    let o = ozg(&["validate", &good, "--format", "json"]);
    let run: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(run["valid"], true);
    assert_eq!(run["findings"], serde_json::json!([]));
    let o = ozg(&["validate", &good, "--format", "ndjson"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn duplicate_keys_are_input_errors_with_their_pointer_in_validate_convert_and_check() {
    let p = tmp(
        "dup.json",
        "{\"schemaVersion\": \"1.0\", \"itProviders\": [{\"id\": \"a\", \"name\": \"A\",\n \"name\": \"B\"}]}",
    );
    let path = p.to_str().expect("p");
    let o = ozg(&["validate", path, "--format", "ndjson"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let lines = ndjson(&o);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["code"], "json.duplicate_key");
    assert_eq!(lines[0]["pointer"], "/itProviders/0/name");
    assert_eq!(lines[0]["line"], 2);

    let o = ozg(&["convert", path, "-", "--to", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/itProviders/0/name"), "{}", stderr(&o));

    let o = ozg(&["check", path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/itProviders/0/name"), "{}", stderr(&o));
}

#[test]
fn json_syntax_errors_exit_2_on_every_command() {
    let p = tmp("broken.json", "{\"schemaVersion\": ");
    let path = p.to_str().expect("p");
    for args in [
        vec!["validate", path],
        vec!["check", path],
        vec!["report", path],
        vec!["convert", path, "-", "--to", "xml"],
    ] {
        let o = ozg(&args);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}{}",
            stdout(&o),
            stderr(&o)
        );
    }
}

#[test]
fn top_level_arrays_are_validated_element_by_element() {
    let p = tmp(
        "providers.json",
        r#"[{"id": "dataport", "name": "Dataport"}, {"id": "x", "name": "y", "url": 3}, {"id": "z", "name": "z"}]"#,
    );
    let o = ozg(&["validate", p.to_str().expect("p"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let run: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(run["files"][0]["documents"], 3);
    assert_eq!(run["findings"][0]["pointer"], "/1/url");
}

#[test]
fn the_input_cap_stops_endless_input_with_a_clear_error() {
    if !std::path::Path::new("/dev/zero").exists() {
        panic!("this test needs /dev/zero");
    }
    for args in [
        vec!["--max-input-bytes", "100000", "validate", "/dev/zero"],
        vec!["--max-input-bytes", "100000", "check", "/dev/zero"],
        vec![
            "--max-input-bytes",
            "100000",
            "convert",
            "/dev/zero",
            "-",
            "--from",
            "json",
            "--to",
            "xml",
        ],
    ] {
        let o = ozg(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = format!("{}{}", stdout(&o), stderr(&o));
        assert!(
            e.contains("not well-formed")
                || e.contains("limit of 100000 bytes")
                || e.contains("expected value"),
            "{args:?}: {e}"
        );
    }
    // NDJSON of zeros has no line end: the cap ends it.
    let zeros = tmp("zeros.ndjson", &"0".repeat(200_000));
    let o = ozg(&[
        "--max-input-bytes",
        "100000",
        "validate",
        zeros.to_str().expect("p"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("larger than the limit of 100000 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn xml_findings_have_line_and_column() {
    let o = ozg(&["example"]);
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let channel = v["channels"]
        .as_array_mut()
        .expect("channels")
        .iter_mut()
        .find(|c| c["kanal"]["type"] == "webservice")
        .expect("a webservice channel in the example");
    channel["kanal"]["url"] = serde_json::Value::from("http://example.org/ws");
    let json = tmp("example.json", &v.to_string());
    let xml = json.with_extension("xml");
    // convert refuses nothing here: http is a rule finding, not a model error
    let c = ozg(&[
        "convert",
        json.to_str().expect("p"),
        xml.to_str().expect("p"),
    ]);
    assert_eq!(c.status.code(), Some(0), "{}", stderr(&c));
    let o = ozg(&["validate", xml.to_str().expect("p"), "--format", "ndjson"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let lines = ndjson(&o);
    let text = std::fs::read_to_string(&xml).expect("xml");
    let f = lines
        .iter()
        .find(|l| l["code"] == "channel.webservice_not_https")
        .unwrap_or_else(|| panic!("{lines:?}"));
    let expected_line = text[..text.find("<url>http://").expect("url")]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(f["line"], expected_line as u64, "{f}");
    assert!(f["column"].as_u64().is_some_and(|c| c > 1), "{f}");
    assert!(f["file"].as_str().is_some_and(|p| p.ends_with(".xml")));
}

#[test]
fn xzufi_messages_validate_as_a_stream() {
    let f = fixture("xml/xzufi_2_2_schreibe.xml");
    let o = ozg(&["validate", &f, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let run: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        run["files"][0]["documents"].as_u64().is_some_and(|n| n > 1),
        "{run}"
    );
}

#[test]
fn convert_round_trips_every_kind_through_xml() {
    let cases = [
        (
            "verwaltung.json",
            r#"{"id": "amt-a", "name": "Amt A", "kind": "amt", "ags": "01051011"}"#,
        ),
        (
            "provider.json",
            r#"{"id": "dataport", "name": "Dataport AöR"}"#,
        ),
    ];
    for (name, json) in cases {
        let p = tmp(name, json);
        let xml = p.with_extension("xml");
        let o = ozg(&["convert", p.to_str().expect("p"), xml.to_str().expect("p")]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let o = ozg(&["convert", xml.to_str().expect("p"), "-", "--to", "json"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let back: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let original: serde_json::Value = serde_json::from_str(json).expect("json");
        assert_eq!(back, original, "{name}");
    }
}
