//! The Zuständigkeit index: any input must be indexed (or refused with an error) without a panic,
//! and every route query on what was indexed must answer without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ozg_core::Catalogue;
use ozg_core::zufi::IndexBuilder;
use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::index_reader;

fuzz_target!(|data: &[u8]| {
    let config = ReaderConfig::new().max_depth(64).max_text_len(1 << 16);
    let mut builder = IndexBuilder::new();
    let _ = index_reader(&mut builder, "fuzz.xml", data, config);
    let index = builder.finish(Catalogue::embedded());
    let leika = "99107023017000".parse().expect("valid LeiKa key");
    let ars = "010020000000".parse().expect("valid ARS");
    let _ = index.route_ars(leika, ars);
});
