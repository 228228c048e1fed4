#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Memory bounded by the reader's limits, not by the input (issue 13): the peak RSS of
//! `ozg xzufi -`, read from the OS (`VmHWM` in `/proc/PID/status`), on tens of megabytes of line
//! breaks and comments before the root and objects after it. The guard once kept 8 bytes per
//! line break outside the root (30 MB of newlines → 240 MB more); the bound below is far under
//! that and above the binary's own baseline. The figures for 100 MB and 1 GB next to lxml and
//! expat are measured by `bench/memory_peers.py`.

#![cfg(target_os = "linux")]

use std::io::Write;
use std::process::{Command, Stdio};

/// Peak RSS allowed for the CLI (the target for release builds is 16 MB; a debug build has a
/// somewhat larger baseline).
const MAX_PEAK_KB: u64 = 24 * 1024;

/// Peak RSS allowed for `ozg convert` of a dataset: the binary's baseline (its compiled XML
/// mapping; about 13 MB in a release build, 20 MB in a debug build) plus one record and at most
/// 1 MiB per section. Read whole, the same inputs took over 180 MB.
const MAX_CONVERT_PEAK_KB: u64 = 32 * 1024;

/// `ozg ARGS` with stdin, stdout and stderr piped.
fn spawn_piped(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ozg starts")
}

fn peak_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM in /proc/PID/status");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn xzufi_peak_memory_does_not_grow_with_lines_before_the_root() {
    let mut child = spawn_piped(&["xzufi", "--summary", "-"]);
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let newlines = vec![b'\n'; 1 << 20];
    for _ in 0..30 {
        stdin.write_all(&newlines).unwrap();
    }
    let comments = b"<!-- a comment -->\n".repeat(50_000);
    for _ in 0..10 {
        stdin.write_all(&comments).unwrap();
    }
    stdin
        .write_all(
            b"<x:nachricht xmlns:x=\"http://xoev.de/schemata/xzufi/2_2_0\" xzufiVersion=\"2.2.0\">\
              <x:schreibe>",
        )
        .unwrap();
    let object = b"<x:leistung><x:id>L1</x:id></x:leistung>\n".repeat(1000);
    for _ in 0..100 {
        stdin.write_all(&object).unwrap();
    }
    // Everything but the end is in (the pipe holds at most 64 KiB unread): the peak so far is
    // the peak of the read.
    let peak = peak_rss_kb(pid);
    stdin.write_all(b"</x:schreibe></x:nachricht>\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["leistung"], 100_000, "{summary}");
    assert!(
        peak <= MAX_PEAK_KB,
        "peak RSS {peak} KiB above {MAX_PEAK_KB} KiB for ~80 MB of input"
    );
}

/// `ozg convert` of a dataset from JSON to XML holds one record at a time (plus at most 1 MiB
/// per section before it moves to a temporary file): ~60 MB of rollout entries on stdin (the
/// whole-document path held the input and its JSON tree: about 12× the input).
#[test]
fn convert_of_a_dataset_does_not_hold_the_dataset() {
    let dir = std::env::temp_dir().join(format!("ozg-convert-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_path = dir.join("out.xml");
    let mut child = spawn_piped(&["convert", "-", out_path.to_str().unwrap(), "--from", "json"]);
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(
            br#"{"schemaVersion":"1.0","verwaltungen":[{"id":"v1","name":"Kiel","kind":"kreisfreie_stadt","ags":"01002000"}],"onlinedienste":[{"id":"od","name":"Wohngeld","leistungen":["10000"]}],"rollout":["#,
        )
        .unwrap();
    let entry = br#"{"verwaltung":"v1","onlinedienst":"od","phase":"area_wide","status":"configured","zufiEntry":{"maintained":true}}"#;
    let mut chunk = Vec::new();
    for _ in 0..10_000 {
        chunk.extend_from_slice(entry);
        chunk.push(b',');
    }
    let entries = 500_000;
    for _ in 0..entries / 10_000 {
        stdin.write_all(&chunk).unwrap();
    }
    stdin.write_all(entry).unwrap();
    let peak = peak_rss_kb(pid);
    stdin.write_all(b"]}\n").unwrap();
    drop(stdin);
    // Until it exits: the joining of the sections at the end counts too.
    let peak = peak_until_exit(pid, peak);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(
        xml.matches("<rolloutEntry>").count(),
        entries + 1,
        "every entry written"
    );
    assert!(xml.trim_end().ends_with("</ozg:dataset>"));
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        peak <= MAX_CONVERT_PEAK_KB,
        "peak RSS {peak} KiB above {MAX_CONVERT_PEAK_KB} KiB for ~60 MB of dataset JSON"
    );
}

/// The peak RSS of `pid` until it exits (polled; the zombie's status has no VmHWM).
fn peak_until_exit(pid: u32, mut peak: u64) -> u64 {
    while let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
        match status.lines().find(|l| l.starts_with("VmHWM:")) {
            Some(l) => peak = peak.max(l.split_whitespace().nth(1).unwrap().parse().unwrap()),
            None => break,
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    peak
}

/// `ozg convert` of a dataset from XML to JSON holds one record at a time (plus at most 1 MiB
/// per section): ~20 MB of XML rollout entries on stdin (read whole: over 200 MB).
#[test]
fn convert_of_a_dataset_from_xml_does_not_hold_the_dataset() {
    let dir = std::env::temp_dir().join(format!("ozg-convert-xml-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (head, entry, tail) = dataset_xml_parts(&dir);
    let (head, entry, tail) = (head.as_str(), entry.as_str(), tail.as_str());
    let out_path = dir.join("out.json");
    let mut child = spawn_piped(&["convert", "-", out_path.to_str().unwrap(), "--from", "xml"]);
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(head.as_bytes()).unwrap();
    let chunk = entry.repeat(10_000);
    let entries = 80_000;
    for _ in 0..entries / 10_000 {
        stdin.write_all(chunk.as_bytes()).unwrap();
    }
    let peak = peak_rss_kb(pid);
    stdin.write_all(tail.as_bytes()).unwrap();
    drop(stdin);
    let peak = peak_until_exit(pid, peak);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    assert_eq!(json["rollout"].as_array().map(Vec::len), Some(entries));
    std::fs::remove_dir_all(&dir).unwrap();
    eprintln!("convert XML -> JSON: peak RSS {peak} KiB");
    assert!(
        peak <= MAX_CONVERT_PEAK_KB,
        "peak RSS {peak} KiB above {MAX_CONVERT_PEAK_KB} KiB for ~20 MB of dataset XML"
    );
}

/// The XML of a small dataset cut around its one rollout entry (`"\n    <rolloutEntry>…"`), to
/// repeat the entry.
fn dataset_xml_parts(dir: &std::path::Path) -> (String, String, String) {
    let small = dir.join("small.json");
    std::fs::write(
        &small,
        br#"{"schemaVersion":"1.0","verwaltungen":[{"id":"v1","name":"Kiel","kind":"kreisfreie_stadt","ags":"01002000"}],"onlinedienste":[{"id":"od","name":"Wohngeld","leistungen":["10000"]}],"rollout":[{"verwaltung":"v1","onlinedienst":"od","phase":"area_wide","status":"configured","zufiEntry":{"maintained":true}}]}"#,
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(["convert", small.to_str().unwrap(), "-", "--to", "xml"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let xml = String::from_utf8(o.stdout).unwrap();
    let start = xml.find("\n    <rolloutEntry>").expect("entry");
    let end = xml.find("\n  </rollout>").expect("end");
    (
        xml[..start].to_owned(),
        xml[start..end].to_owned(),
        xml[end..].to_owned(),
    )
}

/// Peak RSS allowed for `ozg validate` of the ~20 MB dataset below: the rules over the whole
/// dataset need every record's typed model, and the positions of the findings a few bytes per
/// element; the document itself is not held. Read whole, the same input took over 200 MB.
const MAX_VALIDATE_XML_PEAK_KB: u64 = 96 * 1024;

/// `ozg validate` of a dataset in our XML reads it record by record: ~20 MB of rollout entries on
/// stdin (duplicates of each other, one finding each), the last one with a reference to an
/// unknown Verwaltung, which the rules over the whole dataset find at the end — positioned at its
/// element from the one pass over stdin.
#[test]
fn validate_of_a_dataset_in_xml_does_not_hold_the_document() {
    let dir = std::env::temp_dir().join(format!("ozg-validate-xml-mem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (head, entry, tail) = dataset_xml_parts(&dir);
    let mut child = spawn_piped(&["validate", "-", "--format", "ndjson"]);
    let pid = child.id();
    // The repeated entries are duplicates, a finding each: read them while ozg writes.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(head.as_bytes()).unwrap();
    let chunk = entry.repeat(10_000);
    let entries = 80_000;
    for _ in 0..entries / 10_000 {
        stdin.write_all(chunk.as_bytes()).unwrap();
    }
    let broken = entry.replacen(">v1<", ">nowhere<", 1);
    stdin.write_all(broken.as_bytes()).unwrap();
    let peak = peak_rss_kb(pid);
    stdin.write_all(tail.as_bytes()).unwrap();
    drop(stdin);
    let peak = peak_until_exit(pid, peak);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = (head.matches('\n').count()
        + entries * entry.matches('\n').count()
        + broken[..broken.find("<verwaltung>").unwrap()]
            .matches('\n')
            .count()
        + 1) as u64;
    let findings: Vec<serde_json::Value> = reader
        .join()
        .unwrap()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pointer = format!("/rollout/{entries}/verwaltung");
    let f = findings
        .iter()
        .find(|f| f["pointer"] == pointer.as_str())
        .unwrap_or_else(|| panic!("no finding at {pointer}: {findings:?}"));
    assert_eq!(f["line"], line, "{f}");
    assert_eq!(f["column"], 7, "{f}");
    std::fs::remove_dir_all(&dir).unwrap();
    eprintln!("validate our XML: peak RSS {peak} KiB");
    assert!(
        peak <= MAX_VALIDATE_XML_PEAK_KB,
        "peak RSS {peak} KiB above {MAX_VALIDATE_XML_PEAK_KB} KiB for ~20 MB of dataset XML"
    );
}
