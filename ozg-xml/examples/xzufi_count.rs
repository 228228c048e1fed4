//! Streams an XZuFi 2.2.0 message and prints what it holds as one JSON line (Objekte zählen):
//! objects per kind and the number of extracted values (LeiKa references, Gebiet-IDs,
//! FIT-Connect DestinationSignatures, Onlinedienst links), plus the elapsed seconds.
//!
//! ```text
//! cargo run --release -p ozg-xml --example xzufi_count -- FILE.xml            # typed streaming read
//! cargo run --release -p ozg-xml --example xzufi_count -- --raw FILE.xml      # quick-xml raw event loop
//! cargo run --release -p ozg-xml --example xzufi_count -- --ratio 9 FILE.xml  # rates side by side
//! ```
//!
//! Used for the peak-memory measurement (`/usr/bin/time -v`) and by `bench/xzufi_peers.py`.
//! Objects that fail to parse are counted as `errors` (the reader continues with the next one);
//! a well-formedness or limit error ends the run with exit code 1.
//!
//! `--ratio ROUNDS` measures robustly instead (Leseraten im Vergleich): the file is read into memory
//! once, then quick-xml's raw loop, the hardened parser alone (`check_well_formed`) and the typed read
//! run interleaved, ROUNDS times; it prints the best and the median MiB/s of each and the ratios of the
//! best rates. Interleaving and best-of-N keep noise from other processes out of the ratio; the
//! criterion bench (`cargo bench -p ozg-xml --bench xzufi`) reports means instead.

use std::fs::File;
use std::io::{BufRead, Read};
use std::process::ExitCode;
use std::time::Instant;

use ozg_xml::ReaderConfig;
use ozg_xml::xzufi::{SCHEME_FIT_CONNECT_DESTINATION, XzufiObject, XzufiReader};

#[derive(Default)]
struct Counts {
    leistung: u64,
    spezialisierung: u64,
    organisationseinheit: u64,
    onlinedienst: u64,
    loesche: u64,
    unknown: u64,
    errors: u64,
    leika_refs: u64,
    texte: u64,
    zustaendigkeiten: u64,
    gebiete: u64,
    signatures: u64,
    links: u64,
}

fn typed(input: impl Read) -> Result<Counts, String> {
    let reader = XzufiReader::new(input, ReaderConfig::default()).map_err(|e| e.to_string())?;
    let mut c = Counts::default();
    for object in reader {
        match object {
            Ok(XzufiObject::Leistung(l)) => {
                c.leistung += 1;
                c.leika_refs += l.referenz_leika.len() as u64;
                c.texte += l.texte.len() as u64;
            }
            Ok(XzufiObject::Spezialisierung(_)) => c.spezialisierung += 1,
            Ok(XzufiObject::Organisationseinheit(o)) => {
                c.organisationseinheit += 1;
                for z in &o.zustaendigkeit {
                    c.zustaendigkeiten += 1;
                    c.gebiete += z.gebiet_id.len() as u64;
                    c.signatures += z
                        .id_sekundaer
                        .iter()
                        .filter(|i| i.scheme_id() == Some(SCHEME_FIT_CONNECT_DESTINATION))
                        .count() as u64;
                }
            }
            Ok(XzufiObject::Onlinedienst(d)) => {
                c.onlinedienst += 1;
                c.links += d.link.iter().filter(|l| l.link.is_some()).count() as u64;
            }
            Ok(XzufiObject::Loesche(_)) => c.loesche += 1,
            Ok(_) => c.unknown += 1,
            // Semantic errors (a bad value, a missing element) spoil one object only.
            Err(e) if e.is_content_error() => c.errors += 1,
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(c)
}

/// quick-xml's raw event loop (the ceiling): events counted, nothing checked.
fn raw(input: impl BufRead) -> Result<u64, String> {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut reader = Reader::from_reader(input);
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

/// `--ratio`: best-of-`rounds` rates of the raw loop, the parser alone and the typed read, interleaved,
/// over the file in memory; one JSON line.
fn ratio(path: &str, rounds: usize) -> Result<String, String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    type Mode = fn(&[u8]) -> Result<(), String>;
    let modes: [(&str, Mode); 3] = [
        ("raw", |d| raw(d).map(drop)),
        ("parser", |d| {
            ozg_xml::check_well_formed(d, ReaderConfig::default()).map_err(|e| e.to_string())
        }),
        ("typed", |d| typed(d).map(drop)),
    ];
    let mut times: [Vec<f64>; 3] = Default::default();
    for _ in 0..rounds {
        for (k, (name, run)) in modes.iter().enumerate() {
            let t = Instant::now();
            run(std::hint::black_box(&data)).map_err(|e| format!("{name}: {e}"))?;
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
    Ok(format!(
        "{{\"mode\":\"ratio\",\"file_mib\":{mib:.1},\"rounds\":{rounds},{},\"typed_to_raw\":{:.3},\"parser_to_raw\":{:.3}}}",
        fields.join(","),
        best[2] / best[0],
        best[1] / best[0]
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (raw_mode, path) = match args.as_slice() {
        [flag, n, path] if flag == "--ratio" => {
            return match n.parse::<usize>() {
                Ok(rounds) if rounds > 0 => match ratio(path, rounds) {
                    Ok(line) => {
                        println!("{line}");
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        ExitCode::FAILURE
                    }
                },
                _ => {
                    eprintln!("--ratio needs a positive number of rounds, got {n:?}");
                    ExitCode::from(2)
                }
            };
        }
        [flag, path] if flag == "--raw" => (true, path),
        [path] => (false, path),
        _ => {
            eprintln!("usage: xzufi_count [--raw | --ratio ROUNDS] FILE.xml");
            return ExitCode::from(2);
        }
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot open {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let t0 = Instant::now();
    if raw_mode {
        match raw(std::io::BufReader::with_capacity(64 * 1024, file)) {
            Ok(events) => {
                println!(
                    "{{\"mode\":\"raw\",\"events\":{events},\"seconds\":{:.4}}}",
                    t0.elapsed().as_secs_f64()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    } else {
        match typed(file) {
            Ok(c) => {
                println!(
                    "{{\"mode\":\"typed\",\"leistung\":{},\"spezialisierung\":{},\"organisationseinheit\":{},\
                     \"onlinedienst\":{},\"loesche\":{},\"unknown\":{},\"errors\":{},\"leika_refs\":{},\
                     \"texte\":{},\"zustaendigkeiten\":{},\"gebiete\":{},\"signatures\":{},\"links\":{},\
                     \"seconds\":{:.4}}}",
                    c.leistung,
                    c.spezialisierung,
                    c.organisationseinheit,
                    c.onlinedienst,
                    c.loesche,
                    c.unknown,
                    c.errors,
                    c.leika_refs,
                    c.texte,
                    c.zustaendigkeiten,
                    c.gebiete,
                    c.signatures,
                    c.links,
                    t0.elapsed().as_secs_f64()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    }
}
