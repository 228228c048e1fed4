//! Builds the Zuständigkeit index of an XZuFi export, or reads the export with the plain typed
//! reader for comparison (same file, same process shape), and prints one JSON line: seconds,
//! MiB/s, objects, Zuständigkeiten and the peak RSS of this process (VmHWM from /proc).
//!
//! ```text
//! cargo run --release -p ozg-xml --example zufi_index -- read FILE.xml
//! cargo run --release -p ozg-xml --example zufi_index -- index FILE.xml
//! ```
//!
//! Used by `bench/zufi_peers.py`, which runs each mode in its own process.

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;
use std::time::Instant;

use ozg_core::Catalogue;
use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::{XzufiObject, XzufiReader, build_index};

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: zufi_index read|index FILE.xml");
        return ExitCode::from(2);
    };
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    // The catalogue is loaded before timing (both modes), so that only the read is measured.
    let catalogue = Catalogue::embedded();
    let start = Instant::now();
    let (objects, zustaendigkeiten, findings) = match mode.as_str() {
        "read" => {
            let file = match File::open(path) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return ExitCode::from(2);
                }
            };
            let reader = match XzufiReader::new(
                BufReader::with_capacity(1 << 16, file),
                ReaderConfig::default(),
            ) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return ExitCode::from(2);
                }
            };
            let (mut objects, mut zust, mut errors) = (0u64, 0u64, 0u64);
            for o in reader {
                match o {
                    Ok(XzufiObject::Organisationseinheit(o)) => {
                        objects += 1;
                        zust += o.zustaendigkeit.len() as u64;
                    }
                    Ok(_) => objects += 1,
                    Err(_) => errors += 1,
                }
            }
            (objects, zust, errors)
        }
        "index" => match build_index(&[path], ReaderConfig::default(), catalogue) {
            Ok(ix) => {
                let c = ix.counts();
                (c.objects_read, ix.len() as u64, ix.findings().len() as u64)
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        },
        other => {
            eprintln!("unknown mode {other}");
            return ExitCode::from(2);
        }
    };
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{{\"mode\":\"{mode}\",\"seconds\":{secs:.3},\"mib_per_s\":{:.1},\"bytes\":{bytes},\"objects\":{objects},\"zustaendigkeiten\":{zustaendigkeiten},\"findings\":{findings},\"peak_rss_kib\":{}}}",
        bytes as f64 / 1048576.0 / secs,
        peak_rss_kib()
    );
    ExitCode::SUCCESS
}
