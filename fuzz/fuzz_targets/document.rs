//! Our own XML format (ozg_xml::document): any input must be read without a panic; a document that
//! reads must be written, and the written document must read back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ozg_xml::ReaderConfig;
use ozg_xml::document::{DocumentReader, any_to_xml_string};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let reader =
        DocumentReader::with_config(ReaderConfig::new().max_depth(64).max_text_len(1 << 16));
    let Ok(doc) = reader.read_any_str(text) else {
        return;
    };
    let written = any_to_xml_string(&doc).expect("writing what was read must succeed");
    let again = DocumentReader::new()
        .read_any_str(&written)
        .unwrap_or_else(|e| panic!("re-reading the written document failed: {e}\n{written}"));
    assert_eq!(
        again, doc,
        "document differs after the round trip\n{written}"
    );
});
