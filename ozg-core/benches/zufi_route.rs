//! Route query on a Zuständigkeit index of 1 million Zuständigkeiten (criterion): the index is
//! built through `IndexBuilder` (no XML) from 1,000 LeiKa keys × 1,000 Gemeinden of synthetic but
//! well-formed Regionalschlüssel at every level; each query asks for a Gemeinde's full ARS and
//! climbs Gemeinde → Gemeindeverband → Kreis → Regierungsbezirk → Land.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ozg_core::Catalogue;
use ozg_core::id::{Ars, ArsPrefix, LeikaKey};
use ozg_core::zufi::{IndexBuilder, ZufiIndex, ZustaendigkeitInput};

const KEYS: u64 = 1000;
const GEMEINDEN: u64 = 1000;

fn key(i: u64) -> LeikaKey {
    format!("99{:012}", 107_023_017_000 + i * 1000)
        .parse()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn gemeinde(i: u64) -> String {
    // Land 01, Kreise 051..060, 20 Ämter per Kreis, 5 Gemeinden per Amt.
    let kreis = 51 + i / 100;
    let amt = 5100 + (i / 5) % 20;
    let gem = i % 5 + 1;
    format!("010{kreis:02}{amt:04}{gem:03}")
}

fn build() -> ZufiIndex {
    let mut b = IndexBuilder::new();
    b.start_file("synthetic.xml");
    for k in 0..KEYS {
        let leistung = format!("L{k}");
        b.add_leistung(&leistung, vec![key(k)]);
        for g in 0..GEMEINDEN {
            let ars = gemeinde(g);
            // Mostly Gemeinde level; every 10th at the Amt, every 100th at the Kreis.
            let gebiet: ArsPrefix = match g % 100 {
                0 => ars[..5].parse(),
                x if x % 10 == 0 => ars[..9].parse(),
                _ => ars.parse(),
            }
            .unwrap_or_else(|e| panic!("{e}"));
            b.add_zustaendigkeit(ZustaendigkeitInput {
                unit_id: &format!("O{g}"),
                unit_name: None,
                leistung_id: &leistung,
                gebiete: vec![gebiet],
                rolle: Some("01"),
                signature: None,
                line: 1,
                column: 1,
            });
        }
    }
    b.finish(Catalogue::embedded())
}

fn bench(c: &mut Criterion) {
    let index = build();
    assert_eq!(index.len() as u64, KEYS * GEMEINDEN);
    let queries: Vec<(LeikaKey, Ars)> = (0..1024u64)
        .map(|i| {
            (
                key(i * 7919 % KEYS),
                gemeinde(i * 104_729 % GEMEINDEN)
                    .parse()
                    .unwrap_or_else(|e| panic!("{e}")),
            )
        })
        .collect();
    let mut i = 0usize;
    c.bench_function("zufi_route_1m", |b| {
        b.iter(|| {
            let (k, a) = queries[i % queries.len()];
            i += 1;
            let r = index.route_ars(black_box(k), black_box(a));
            black_box(r.matches.len())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
