//! XTA 2 MessageMetaData: any input must be read without a panic; metadata that reads must be
//! written, and the written metadata must read back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ozg_xml::ReaderConfig;
use ozg_xml::xta::MessageMetaData;

fuzz_target!(|data: &[u8]| {
    let config = ReaderConfig::new().max_depth(64).max_text_len(1 << 16);
    let Ok(meta) = MessageMetaData::from_reader(data, config) else {
        return;
    };
    let written = meta
        .to_xml_string()
        .expect("writing what was read must succeed");
    let again = MessageMetaData::from_xml_str(&written)
        .unwrap_or_else(|e| panic!("re-reading the written metadata failed: {e}\n{written}"));
    assert_eq!(
        again, meta,
        "metadata differs after the round trip\n{written}"
    );
});
