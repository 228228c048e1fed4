//! Throughput of the typed streaming XZuFi reader next to quick-xml's raw event loop (the ceiling)
//! over the same generated XZuFi 2.2.0 message.
//!
//! The input is `target/bench-data/xzufi_100mb.xml` (~100 MB, not committed), generated with
//! `scripts/gen_xzufi.py 100 …` when missing; set `OZG_XZUFI_BENCH_FILE` to measure another file.
//! `well_formed_check` runs the hardened parser alone (no typed objects).

use std::path::PathBuf;
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::XzufiReader;
use quick_xml::Reader;
use quick_xml::events::Event;

fn input() -> Vec<u8> {
    let path = match std::env::var_os("OZG_XZUFI_BENCH_FILE") {
        Some(p) => PathBuf::from(p),
        None => {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
            let path = root.join("target/bench-data/xzufi_100mb.xml");
            if !path.exists() {
                std::fs::create_dir_all(path.parent().unwrap_or(&root))
                    .unwrap_or_else(|e| panic!("cannot create bench-data directory: {e}"));
                let status = Command::new("python3")
                    .arg(root.join("scripts/gen_xzufi.py"))
                    .arg("100")
                    .arg(&path)
                    .status()
                    .unwrap_or_else(|e| panic!("cannot run scripts/gen_xzufi.py: {e}"));
                assert!(status.success(), "scripts/gen_xzufi.py failed");
            }
            path
        }
    };
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn raw_event_loop(data: &[u8]) -> usize {
    let mut reader = Reader::from_reader(data);
    let mut buf = Vec::with_capacity(4096);
    let mut events = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => return events,
            Ok(_) => events += 1,
            Err(e) => panic!("raw quick-xml error: {e}"),
        }
        buf.clear();
    }
}

fn typed_read(data: &[u8]) -> usize {
    let reader = XzufiReader::new(data, ReaderConfig::default())
        .unwrap_or_else(|e| panic!("typed reader error: {e}"));
    let mut objects = 0usize;
    for object in reader {
        if let Err(e) = object {
            panic!("typed reader error: {e}");
        }
        objects += 1;
    }
    objects
}

fn bench(c: &mut Criterion) {
    let data = input();
    let mut group = c.benchmark_group("xzufi");
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.sample_size(10);
    group.bench_function("quick_xml_raw_events", |b| {
        b.iter(|| raw_event_loop(std::hint::black_box(&data)))
    });
    // The hardened parser alone (well-formedness, namespaces, limits; no typed objects).
    group.bench_function("well_formed_check", |b| {
        b.iter(|| {
            ozg_xml::check_well_formed(
                std::hint::black_box(data.as_slice()),
                ReaderConfig::default(),
            )
            .unwrap_or_else(|e| panic!("not well-formed: {e}"))
        })
    });
    group.bench_function("typed_streaming_read", |b| {
        b.iter(|| typed_read(std::hint::black_box(&data)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
