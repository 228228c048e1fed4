//! Validation throughput: 10,000 small documents (IT providers, Verwaltungen and delivery channels)
//! through the JSON Schema alone and through the full validation (schema + semantic rules).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ozg_validate::{DocumentKind, Validator};
use serde_json::{Value, json};

const OBJECTS: usize = 10_000;

/// Small, valid documents; every third one is broken in one field so the error path is measured too.
fn documents() -> Vec<(DocumentKind, Value)> {
    (0..OBJECTS)
        .map(|i| {
            let broken = i % 3 == 2;
            match i % 2 {
                0 => (
                    DocumentKind::ItProvider,
                    json!({
                        "id": format!("provider-{i}"),
                        "name": format!("IT-Dienstleister {i}"),
                        "url": if broken { json!(42) } else { json!("https://www.dataport.de/") },
                    }),
                ),
                _ => (
                    DocumentKind::Verwaltung,
                    json!({
                        "id": format!("amt-{i}"),
                        "name": format!("Amt {i}"),
                        "kind": "amt",
                        "ags": if broken { "0105" } else { "01051011" },
                    }),
                ),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let validator = match Validator::new() {
        Ok(v) => v,
        Err(e) => panic!("schemas do not compile: {e}"),
    };
    let docs = documents();
    let mut group = c.benchmark_group("validate_10k");
    group.throughput(Throughput::Elements(OBJECTS as u64));
    group.sample_size(10);
    group.bench_function("schema_only", |b| {
        b.iter(|| {
            docs.iter()
                .filter(|(kind, v)| validator.is_schema_valid(*kind, v))
                .count()
        })
    });
    group.bench_function("schema_and_rules", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(kind, v)| validator.validate_value(*kind, v).findings.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
