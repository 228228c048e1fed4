//! The hardened parser must judge a document the same way however the input arrives: read from
//! one slice (the tokenizer's fast paths and tag cache see whole tokens) and read in chunks of a
//! few bytes (tokens straddle every refill, the general paths run). Same verdict, same error
//! message, line and column.
#![no_main]

use std::io::Read;

use libfuzzer_sys::fuzz_target;
use ozg_xml::{ReaderConfig, check_well_formed};

/// Yields at most `step` bytes per read call.
struct Chunked<'a> {
    data: &'a [u8],
    step: usize,
}

impl Read for Chunked<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.data.len().min(out.len()).min(self.step);
        out[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fuzz_target!(|input: &[u8]| {
    let Some((&first, data)) = input.split_first() else {
        return;
    };
    let config = || ReaderConfig::new().max_depth(64).max_text_len(1 << 16);
    let whole = check_well_formed(data, config()).map_err(|e| e.to_string());
    let step = 1 + usize::from(first % 13);
    let chunked = check_well_formed(Chunked { data, step }, config()).map_err(|e| e.to_string());
    assert_eq!(whole, chunked, "verdicts differ at read size {step}");
});
