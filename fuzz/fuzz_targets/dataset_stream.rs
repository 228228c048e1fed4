//! A dataset in our XML read part by part (`read_dataset_values`) against the whole-document
//! reader: any input is read without a panic; where the whole-document reader reads a dataset,
//! the parts make up the same JSON value and every part's positions are those of the locating
//! pass; where it refuses one, the streamed reader refuses it at the same line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ozg_xml::ReaderConfig;
use ozg_xml::document::{
    DatasetValue, DocumentKind, DocumentReader, XmlRecordError, read_dataset_values, root_kind,
};
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    let config = ReaderConfig::new().max_depth(64).max_text_len(1 << 16);
    let mut header = Map::new();
    let mut sections: Map<String, Value> = Map::new();
    let mut asked = Vec::new();
    let streamed = read_dataset_values(data, config, |part| {
        match part {
            DatasetValue::Element { section, positions } => {
                let at = section.map(|s| format!("/{}", s.json_name()));
                asked.push((at.unwrap_or_default(), positions.position_of("")));
            }
            DatasetValue::Member {
                name,
                value,
                positions,
            } => {
                asked.push((format!("/{name}"), positions.position_of("")));
                header.insert(name.to_owned(), value);
            }
            DatasetValue::Record {
                section,
                index,
                value,
                positions,
            } => {
                let at = format!("/{}/{index}", section.json_name());
                if let Value::Object(map) = &value {
                    for key in map.keys() {
                        let p = format!("/{}", ozg_core::json::escape_pointer_token(key));
                        asked.push((format!("{at}{p}"), positions.position_of(&p)));
                    }
                }
                asked.push((at, positions.position_of("")));
                let items = sections
                    .entry(section.json_name())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = items {
                    items.push(value);
                }
            }
            _ => {}
        }
        Ok::<_, std::convert::Infallible>(())
    });
    if root_kind(data) != Some(DocumentKind::Dataset) {
        return;
    }
    let reader = DocumentReader::with_config(config);
    match (reader.read_json(data), streamed) {
        (Ok((DocumentKind::Dataset, whole)), Ok(())) => {
            // The sections a dataset holds as (possibly empty) arrays come back as parts.
            let mut parts = header;
            for (k, v) in sections {
                parts.insert(k, v);
            }
            let mut whole = whole;
            if let Value::Object(map) = &mut whole {
                map.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
            }
            parts.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
            assert_eq!(Value::Object(parts), whole, "the parts differ from the whole");
            let pointers: Vec<&str> = asked.iter().map(|(p, _)| p.as_str()).collect();
            let located = reader.positions_of(data, &pointers);
            for ((pointer, streamed), located) in asked.iter().zip(located) {
                assert_eq!(streamed, &located, "position of {pointer}");
            }
        }
        (Ok((DocumentKind::Dataset, _)), Err(e)) => {
            panic!("the whole-document reader reads it, streamed refuses it: {e}")
        }
        (Ok(_), _) => {}
        (Err(whole), Err(XmlRecordError::Xml(streamed))) => {
            assert_eq!(
                (streamed.line(), streamed.column()),
                (whole.line(), whole.column()),
                "streamed {streamed} / whole {whole}"
            );
        }
        (Err(_), Err(XmlRecordError::Sink(never))) => match never {},
        (Err(whole), Ok(())) => panic!("the whole-document reader refuses it ({whole}), streamed reads it"),
    }
});
