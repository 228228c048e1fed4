//! Throughput ratio of the typed streaming XZuFi read to quick-xml's raw event loop (Leseraten im
//! Vergleich), measured robustly: the file is read into memory once, then the raw loop, the
//! hardened parser alone (`check_well_formed`) and the typed read run interleaved, N rounds, and the
//! best and the median time of each are reported. Interleaving and best-of-N keep noise from other
//! processes (shared or virtual machines) out of the ratio; the criterion bench
//! (`cargo bench -p ozg-xml --bench xzufi`) reports means instead.
//!
//! ```text
//! cargo run --release -p ozg-xml --example xzufi_ratio -- FILE.xml [ROUNDS]
//! ```
//!
//! Prints one JSON line: MiB/s (best, median) per mode and `typed_to_raw` / `parser_to_raw`, the
//! ratios of the best rates.

use std::process::ExitCode;
use std::time::Instant;

use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::XzufiReader;
use quick_xml::Reader;
use quick_xml::events::Event;

/// quick-xml's raw event loop over the bytes (the ceiling): events counted, nothing checked.
fn raw(data: &[u8]) -> Result<u64, String> {
    let mut reader = Reader::from_reader(data);
    let mut buf = Vec::with_capacity(4096);
    let mut events = 0u64;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => return Ok(events),
            Ok(_) => events += 1,
            Err(e) => return Err(e.to_string()),
        }
        buf.clear();
    }
}

/// The hardened parser alone: well-formedness, namespaces, limits; no typed objects.
fn parser(data: &[u8]) -> Result<u64, String> {
    ozg_xml::check_well_formed(data, ReaderConfig::default()).map_err(|e| e.to_string())?;
    Ok(1)
}

/// The typed streaming read: every object built and dropped.
fn typed(data: &[u8]) -> Result<u64, String> {
    let reader = XzufiReader::new(data, ReaderConfig::default()).map_err(|e| e.to_string())?;
    let mut objects = 0u64;
    for object in reader {
        object.map_err(|e| e.to_string())?;
        objects += 1;
    }
    Ok(objects)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, rounds) = match args.as_slice() {
        [path] => (path, 9),
        [path, n] => match n.parse::<usize>() {
            Ok(n) if n > 0 => (path, n),
            _ => {
                eprintln!("ROUNDS must be a positive number, got {n:?}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: xzufi_ratio FILE.xml [ROUNDS]");
            return ExitCode::from(2);
        }
    };
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    type Mode = fn(&[u8]) -> Result<u64, String>;
    let modes: [(&str, Mode); 3] = [("raw", raw), ("parser", parser), ("typed", typed)];
    let mut times: [Vec<f64>; 3] = Default::default();
    for _ in 0..rounds {
        for (k, (name, run)) in modes.iter().enumerate() {
            let t = Instant::now();
            if let Err(e) = run(std::hint::black_box(&data)) {
                eprintln!("{name}: {e}");
                return ExitCode::FAILURE;
            }
            times[k].push(t.elapsed().as_secs_f64());
        }
    }
    let mib = data.len() as f64 / (1024.0 * 1024.0);
    let mut fields = Vec::new();
    let mut best = [0.0f64; 3];
    for (k, (name, _)) in modes.iter().enumerate() {
        let t = &mut times[k];
        t.sort_by(f64::total_cmp);
        best[k] = mib / t[0];
        let median = mib / t[t.len() / 2];
        fields.push(format!(
            "\"{name}_mib_s\":{{\"best\":{:.1},\"median\":{median:.1}}}",
            best[k]
        ));
    }
    println!(
        "{{\"file_mib\":{mib:.1},\"rounds\":{rounds},{},\"typed_to_raw\":{:.3},\"parser_to_raw\":{:.3}}}",
        fields.join(","),
        best[2] / best[0],
        best[1] / best[0]
    );
    ExitCode::SUCCESS
}
