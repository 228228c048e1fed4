//! Reading the official Regionalschlüssel list (3.2 MB Genericode, 11,227 rows) from
//! ../shared/data/genericode: the whole document (`genericode::read`, rows kept, keys indexed),
//! the streaming reader dropping each row (flat memory), the hardened parser alone, and
//! quick-xml's raw event loop (the ceiling). `bench/codelists_peers.py` compares the Python
//! binding with lxml and ElementTree on the same file.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ozg_xml::{ReaderConfig, genericode};
use quick_xml::Reader;
use quick_xml::events::Event;

fn input() -> Vec<u8> {
    let path = match std::env::var_os("OZG_GENERICODE_BENCH_FILE") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/data/genericode/regionalschluessel_2026-04-30.xml"),
    };
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); the bench needs ../shared/data/genericode or OZG_GENERICODE_BENCH_FILE",
            path.display()
        )
    })
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

fn bench(c: &mut Criterion) {
    let data = input();
    let mut g = c.benchmark_group("genericode_regionalschluessel");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.sample_size(30);
    g.bench_function("read_document", |b| {
        b.iter(|| {
            let doc = genericode::read(data.as_slice(), ReaderConfig::default())
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(doc.len(), 11227);
        })
    });
    g.bench_function("stream_rows", |b| {
        b.iter(|| {
            let r = genericode::GenericodeReader::new(data.as_slice(), ReaderConfig::default())
                .unwrap_or_else(|e| panic!("{e}"));
            let mut n = 0usize;
            for row in r {
                row.unwrap_or_else(|e| panic!("{e}"));
                n += 1;
            }
            assert_eq!(n, 11227);
        })
    });
    g.bench_function("well_formed_check", |b| {
        b.iter(|| {
            ozg_xml::check_well_formed(data.as_slice(), ReaderConfig::default())
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    g.bench_function("quick_xml_raw_events", |b| b.iter(|| raw_event_loop(&data)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
