//! The element positions recorded while a dataset is streamed are those the locating pass of
//! the whole-document reader finds, for every value of every record and member, whatever the
//! layout; the streamed readers position their errors where the whole-document reader does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use ozg_core::dataset::Dataset;
use ozg_core::json::escape_pointer_token;
use ozg_xml::ReaderConfig;
use ozg_xml::document::{
    DatasetValue, DocumentReader, XmlRecordError, read_dataset_records, read_dataset_values,
    to_xml_string,
};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// Every dataset in our XML the fixtures hold or give: the XML fixtures, and the JSON dataset
/// fixtures the model accepts, written as XML.
fn datasets() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("xml/own")).expect("own fixtures") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("dataset_") {
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    for entry in std::fs::read_dir(fixtures().join("json")).expect("json fixtures") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if let Ok(ds) = Dataset::from_json_str(&text) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, to_xml_string(&ds).unwrap()));
        }
    }
    assert!(out.len() >= 8, "only {} datasets", out.len());
    out
}

/// The same document in other layouts: on one line, and with CRLF line ends.
fn layouts(xml: &str) -> Vec<String> {
    let one_line: String = xml
        .lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("");
    vec![xml.to_owned(), one_line, xml.replace('\n', "\r\n")]
}

/// The pointer of every value within `v` (relative; `""` for `v` itself), and one beyond.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                pointers(child, format!("{at}/{}", escape_pointer_token(k)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
            out.push(format!("{at}/{}", items.len()));
        }
        _ => out.push(format!("{at}/beyond")),
    }
}

#[test]
fn streamed_positions_equal_the_locating_pass_for_every_value() {
    let reader = DocumentReader::new();
    let mut checked = 0usize;
    for (name, xml) in datasets() {
        for (layout, doc) in layouts(&xml).into_iter().enumerate() {
            let mut asked: Vec<(String, Option<ozg_xml::document::XmlPosition>)> = Vec::new();
            read_dataset_values(doc.as_bytes(), ReaderConfig::default(), |part| {
                let (prefix, value, positions) = match part {
                    DatasetValue::Member {
                        name,
                        value,
                        positions,
                    } => (format!("/{name}"), value, positions),
                    DatasetValue::Record {
                        section,
                        index,
                        value,
                        positions,
                    } => (
                        format!("/{}/{index}", section.json_name()),
                        value,
                        positions,
                    ),
                    DatasetValue::Element { section, positions } => {
                        let at = section.map(|s| format!("/{}", s.json_name()));
                        asked.push((at.unwrap_or_default(), positions.position_of("")));
                        return Ok(());
                    }
                    _ => return Ok(()),
                };
                let mut relative = Vec::new();
                pointers(&value, String::new(), &mut relative);
                for p in relative {
                    asked.push((format!("{prefix}{p}"), positions.position_of(&p)));
                }
                Ok::<_, std::convert::Infallible>(())
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
            let all: Vec<&str> = asked.iter().map(|(p, _)| p.as_str()).collect();
            let whole = reader.positions_of(doc.as_bytes(), &all);
            for ((pointer, streamed), located) in asked.iter().zip(whole) {
                assert_eq!(
                    streamed, &located,
                    "{name}, layout {layout}, pointer {pointer}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1_000, "only {checked} positions compared");
}

/// Mutations of the example dataset the XML mapping or the typed model refuses.
fn broken() -> Vec<(&'static str, String)> {
    let xml = to_xml_string(&Dataset::example()).unwrap();
    let mut out = Vec::new();
    let mut push = |what: &'static str, from: &str, to: &str| {
        assert!(xml.contains(from), "{what}: {from}");
        out.push((what, xml.replacen(from, to, 1)));
    };
    // The mapping: a code not in its list, a missing required child.
    push(
        "unknown code",
        "<code>nutzervereinbarung</code>",
        "<code>nope</code>",
    );
    push("missing child", "<id>nv-itvsh-kiel</id>", "");
    // The typed model: a date that is none, a status not in the model.
    push("bad date", "<goLive>2022-05-02", "<goLive>x2022-05-02");
    push(
        "bad status",
        "<status>ordered</status>",
        "<status>orderd</status>",
    );
    push(
        "bad term",
        "<start>2022-03-01</start>",
        "<start>2022-13-01</start>",
    );
    out
}

#[test]
fn streamed_errors_are_where_the_whole_document_reader_puts_them() {
    let reader = DocumentReader::new();
    for (what, doc) in broken() {
        let whole = reader
            .read_str::<Dataset>(&doc)
            .expect_err("the whole-document reader refuses it");
        assert!(whole.line() > 1, "{what}: {whole}");
        let streamed = read_dataset_records(doc.as_bytes(), ReaderConfig::default(), |_, _| {
            Ok::<_, std::convert::Infallible>(())
        })
        .expect_err("the streamed reader refuses it");
        let streamed = match streamed {
            XmlRecordError::Xml(e) => e,
            XmlRecordError::Sink(never) => match never {},
        };
        assert_eq!(
            (streamed.line(), streamed.column(), streamed.path()),
            (whole.line(), whole.column(), whole.path()),
            "{what}: streamed {streamed} / whole {whole}"
        );
        assert_eq!(
            streamed.kind().to_string(),
            whole.kind().to_string(),
            "{what}"
        );
    }
}
