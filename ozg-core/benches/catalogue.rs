//! Benchmarks of the embedded OZG catalogue: parse and index, lookups, text search.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ozg_core::catalogue::Catalogue;
use ozg_core::id::{LeikaKey, OzgId};

fn catalogue(c: &mut Criterion) {
    c.bench_function("catalogue/parse_and_index_embedded", |b| {
        b.iter(|| black_box(Catalogue::embedded_fresh()))
    });

    let cat = Catalogue::embedded();
    let ids: Vec<OzgId> = cat.leistungen().iter().map(|l| l.id).collect();
    let keys: Vec<LeikaKey> = cat.leika().iter().filter_map(|l| l.key).collect();

    c.bench_function("catalogue/lookup_ozg_id", |b| {
        let mut i = 0usize;
        b.iter(|| {
            i = (i + 1) % ids.len();
            black_box(cat.leistung(ids[i]))
        })
    });
    c.bench_function("catalogue/lookup_leika_key", |b| {
        let mut i = 0usize;
        b.iter(|| {
            i = (i + 1) % keys.len();
            black_box(cat.ozg_for_leika(keys[i]))
        })
    });
    for query in ["Fuehrerschein", "Elterngeld", "Bau"] {
        c.bench_function(&format!("catalogue/search/{query}"), |b| {
            b.iter(|| black_box(cat.search(black_box(query))))
        });
    }
}

criterion_group!(benches, catalogue);
criterion_main!(benches);
