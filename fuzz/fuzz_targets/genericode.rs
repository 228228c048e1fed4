//! Genericode code lists: any input must be read without a panic; a list that reads must be
//! written, and the written list must read back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ozg_xml::ReaderConfig;
use ozg_xml::genericode;

fuzz_target!(|data: &[u8]| {
    let config = ReaderConfig::new().max_depth(64).max_text_len(1 << 16);
    let Ok(list) = genericode::read(data, config) else {
        return;
    };
    let written = genericode::to_xml_string(&list).expect("writing what was read must succeed");
    let again = genericode::from_xml_str(&written)
        .unwrap_or_else(|e| panic!("re-reading the written code list failed: {e}\n{written}"));
    assert_eq!(
        again, list,
        "code list differs after the round trip\n{written}"
    );
});
