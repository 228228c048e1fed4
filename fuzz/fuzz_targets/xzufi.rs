//! XZuFi 2.2.0: any input must be read without a panic; a message that reads completely must be
//! written, and the written message must read back to the same header and objects.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::{XzufiReader, write_all};

fuzz_target!(|data: &[u8]| {
    // Small limits keep the fuzzer fast; the limits themselves are part of what is tested.
    let config = ReaderConfig::new().max_depth(64).max_text_len(1 << 16);
    let Ok(reader) = XzufiReader::new(data, config) else {
        return;
    };
    let header = reader.header().clone();
    let mut objects = Vec::new();
    for object in reader {
        match object {
            Ok(o) => objects.push(o),
            Err(_) => return,
        }
    }
    let written = write_all(&header, &objects).expect("writing what was read must succeed");
    let again = XzufiReader::new(written.as_bytes(), ReaderConfig::default())
        .unwrap_or_else(|e| panic!("re-reading the written header failed: {e}\n{written}"));
    assert_eq!(
        again.header(),
        &header,
        "header differs after the round trip\n{written}"
    );
    let objects2: Vec<_> = again
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("re-reading the written objects failed: {e}\n{written}"));
    assert_eq!(
        objects2, objects,
        "objects differ after the round trip\n{written}"
    );
});
