//! The CLI conventions (docs/ARCHITECTURE.md, "CLI conventions"): one `--format text|json|ndjson`
//! vocabulary, a `file` member in machine-readable findings, quiet exit 0 on a closed pipe, the same exit
//! code for the same kind of error, shell completions, man pages and the licence notices.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod common;
use common::{ozg, stderr, stdout};

fn tmp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("ozg-cli-conventions-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let p = tmp_dir("files").join(name);
    std::fs::write(&p, content).expect("write tmp");
    p
}

fn json(o: &Output) -> serde_json::Value {
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "exit {:?}: {}",
        o.status.code(),
        stderr(o)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn ndjson(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A dataset with one error finding: the example with a dangling Verwaltung reference.
fn broken_dataset() -> PathBuf {
    let mut v = json(&ozg(&["example"]));
    v["rollout"][0]["verwaltung"] = serde_json::Value::from("gibt-es-nicht");
    tmp("broken-ref.json", &v.to_string())
}

#[test]
fn json_is_an_alias_of_format_json_and_ndjson_is_one_value_per_line() {
    for args in [
        &["catalogue", "stats"][..],
        &["catalogue", "show", "10000"],
        &["catalogue", "show", "99001001000000"],
        &["catalogue", "search", "Fuehrerschein", "--limit", "3"],
        &["licenses"],
    ] {
        let with = |extra: &[&str]| ozg(&[args, extra].concat());
        let alias = with(&["--json"]);
        let long = with(&["--format", "json"]);
        assert_eq!(alias.status.code(), Some(0), "{args:?}: {}", stderr(&alias));
        assert_eq!(alias.stdout, long.stdout, "{args:?}");
        let document = json(&long);
        let lines = ndjson(&with(&["--format", "ndjson"]));
        match document {
            serde_json::Value::Array(items) => assert_eq!(items, lines, "{args:?}"),
            serde_json::Value::Object(_) if args[0] == "licenses" => {
                assert_eq!(lines[0], document["code"], "{args:?}");
                assert_eq!(&lines[1..], document["data"].as_array().expect("data"));
            }
            one => assert_eq!(lines, vec![one], "{args:?}"),
        }
        let text = with(&["--format", "text"]);
        assert!(serde_json::from_slice::<serde_json::Value>(&text.stdout).is_err());
        let bad = with(&["--format", "yaml"]);
        assert_eq!(bad.status.code(), Some(2), "{args:?}");
        let both = with(&["--json", "--format", "ndjson"]);
        assert_eq!(both.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn example_and_schema_are_json_documents_in_either_machine_format() {
    let pretty = json(&ozg(&["example"]));
    assert_eq!(json(&ozg(&["example", "--json"])), pretty);
    let lines = ndjson(&ozg(&["example", "--format", "ndjson"]));
    assert_eq!(lines, vec![pretty]);

    let schema = json(&ozg(&["schema", "dataset"]));
    let lines = ndjson(&ozg(&["schema", "dataset", "--format", "ndjson"]));
    assert_eq!(lines, vec![schema]);
}

#[test]
fn check_findings_carry_their_file_in_json_and_ndjson() {
    let path = broken_dataset();
    let name = path.to_str().expect("utf-8 path");
    let o = ozg(&["check", name, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let findings = json(&o);
    let findings = findings.as_array().expect("array");
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(f["file"], name, "{f}");
        assert!(f["pointer"].is_string() && f["code"].is_string(), "{f}");
    }
    assert!(
        findings
            .iter()
            .any(|f| f["pointer"] == "/rollout/0/verwaltung")
    );
    let o = ozg(&["check", name, "--format", "ndjson"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(&ndjson(&o), findings);

    // From stdin the file is `<stdin>`.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(["check", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let text = std::fs::read(&path).expect("read");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), &text).expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        json(&o)
            .as_array()
            .expect("array")
            .iter()
            .all(|f| f["file"] == "<stdin>")
    );
}

/// The reader of stdout goes away: every command ends with 0 and prints nothing on stderr.
#[test]
fn closed_stdout_is_a_quiet_exit_0() {
    for args in [
        &["catalogue", "search", "e", "--limit", "100000"][..],
        &[
            "catalogue",
            "search",
            "e",
            "--limit",
            "100000",
            "--format",
            "ndjson",
        ],
        &["catalogue", "stats", "--json"],
        &["example"],
        &["schema", "dataset"],
        &["completions", "zsh"],
        &["man"],
        &["licenses"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ozg"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = [0_u8; 1];
        let mut pipe = child.stdout.take().expect("stdout");
        pipe.read_exact(&mut first).expect("some output");
        drop(pipe);
        let o = child.wait_with_output().expect("wait");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

/// `ozg xzufi big.xml | head`: a long NDJSON stream into a reader that stops after the first line.
#[test]
fn xzufi_stream_into_a_closed_pipe_is_a_quiet_exit_0() {
    let message = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/xml/xzufi_2_2_schreibe.xml"
    ))
    .expect("fixture tests/fixtures/xml/xzufi_2_2_schreibe.xml");
    let start = message
        .find("<xzufi:leistung>")
        .expect("a leistung element");
    let end = message[start..].find("</xzufi:leistung>").expect("its end") + start + 17;
    let one = &message[start..end];
    let big = format!(
        "{}{}{}",
        &message[..start],
        one.repeat(2000),
        &message[end..]
    );
    let path = tmp("big-xzufi.xml", &big);
    let mut child = Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(["xzufi", path.to_str().expect("utf-8")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut pipe = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    std::io::BufRead::read_line(&mut pipe, &mut line).expect("first line");
    assert!(line.starts_with('{'), "{line}");
    drop(pipe);
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn the_same_kind_of_error_has_the_same_exit_code() {
    // 1: nothing found.
    let o = ozg(&["catalogue", "search", "zzzqqqxxx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no match"), "{}", stderr(&o));
    let o = ozg(&["catalogue", "search", "zzzqqqxxx", "--json"]);
    assert_eq!((o.status.code(), stdout(&o).trim()), (Some(1), "[]"));
    let o = ozg(&["catalogue", "search", "zzzqqqxxx", "--format", "ndjson"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(1), ""));
    assert_eq!(ozg(&["catalogue", "show", "99999"]).status.code(), Some(1));
    // 2: usage, input, I/O.
    assert_eq!(ozg(&["catalogue", "show", "12x45"]).status.code(), Some(2));
    assert_eq!(ozg(&["completions", "tcsh"]).status.code(), Some(2));
    let broken = tmp("syntax.json", "{\"schemaVersion\": \"1.0\",");
    let o = ozg(&["check", broken.to_str().expect("utf-8"), "--json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("syntax.json"), "{}", stderr(&o));
    let o = ozg(&["check", "/nonexistent/ozg/x.json", "--format", "ndjson"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/ozg/x.json"));
    // 0: help and version.
    assert_eq!(ozg(&["--help"]).status.code(), Some(0));
    assert_eq!(ozg(&["--version"]).status.code(), Some(0));
}

#[test]
fn completions_cover_the_commands_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = ozg(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        for word in ["catalogue", "validate", "licenses", "--format"] {
            assert!(s.contains(word), "{shell} completion lacks {word}");
        }
        // The shells whose scripts complete values offer the three formats.
        if matches!(shell, "bash" | "zsh" | "fish") {
            assert!(
                s.contains("ndjson"),
                "{shell} completion lacks the format values"
            );
        }
    }
}

#[test]
fn man_page_is_roff_and_one_page_per_command_can_be_written() {
    let o = ozg(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH ozg 1"), "{page}");
    assert!(page.contains("catalogue") && page.contains("licenses"));

    let dir = tmp_dir("man");
    let o = ozg(&["man", "--out", dir.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in [
        "ozg.1",
        "ozg-catalogue.1",
        "ozg-catalogue-show.1",
        "ozg-check.1",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).expect(name);
        assert!(text.contains(".TH"), "{name}");
        assert!(stdout(&o).contains(name), "{}", stdout(&o));
    }
    let show = std::fs::read_to_string(dir.join("ozg-catalogue-show.1")).expect("page");
    assert!(show.contains("format"), "{show}");
}

#[test]
fn licenses_names_the_code_licence_and_every_data_notice() {
    let o = ozg(&["licenses"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("MIT License"), "{s}");
    assert!(s.contains("Copyright (c) 2020 Gert Hammes"), "{s}");
    assert!(s.contains("Statistisches Bundesamt"), "{s}");

    let v = json(&ozg(&["licenses", "--json"]));
    assert_eq!(v["code"]["licence"], "MIT");
    let data = v["data"].as_array().expect("data");
    let attributions: Vec<&str> = data
        .iter()
        .filter_map(|n| n["attribution"].as_str())
        .collect();
    assert_eq!(
        attributions,
        ["© 2020 Gert Hammes", "Statistisches Bundesamt, Wiesbaden"]
    );
    assert!(
        data[1]["licence"].is_null(),
        "no licence is invented: {}",
        data[1]
    );
}
