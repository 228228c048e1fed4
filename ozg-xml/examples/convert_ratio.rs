//! The library's own loads + dumps of a document, timed in-process: the baseline `ozg convert` is
//! measured against (bench/stream_memory.py). `convert_ratio FILE.json|FILE.xml [RUNS]` prints the
//! median seconds of JSON → model → XML (a dataset) or XML → model → JSON as `seconds <s>`.

use std::time::Instant;

use ozg_core::document::{AnyDocument, DocumentKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: convert_ratio FILE [RUNS]")?;
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let bytes = std::fs::read(&path)?;
    let mut times = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let mut out = Vec::with_capacity(bytes.len() * 2);
        if path.ends_with(".xml") {
            let doc = ozg_xml::document::read_any(std::str::from_utf8(&bytes)?)?;
            serde_json::to_writer_pretty(&mut out, &doc)?;
        } else {
            // The library user knows the type: a dataset, read straight into the model.
            let doc = AnyDocument::deserialize_as(
                DocumentKind::Dataset,
                &mut serde_json::Deserializer::from_slice(&bytes),
            )?;
            ozg_xml::document::any_to_writer(&doc, &mut out)?;
        }
        times.push(t0.elapsed().as_secs_f64());
        std::hint::black_box(out);
    }
    times.sort_by(f64::total_cmp);
    println!("seconds {}", times[times.len() / 2]);
    Ok(())
}
