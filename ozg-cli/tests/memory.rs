#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Memory bounded by the reader's limits, not by the input (issue 13): the peak RSS of
//! `ozg xzufi -`, read from the OS (`VmHWM` in `/proc/PID/status`), on tens of megabytes of line
//! breaks and comments before the root and objects after it. The guard once kept 8 bytes per
//! line break outside the root (30 MB of newlines → 240 MB more); the bound below is far under
//! that and above the binary's own baseline. The figures for 100 MB and 1 GB next to lxml and
//! expat are measured by `bench/memory_peers.py`.

#![cfg(target_os = "linux")]

use std::io::Write;
use std::process::{Command, Stdio};

/// Peak RSS allowed for the CLI (the target for release builds is 16 MB; a debug build has a
/// somewhat larger baseline).
const MAX_PEAK_KB: u64 = 24 * 1024;

fn peak_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM in /proc/PID/status");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn xzufi_peak_memory_does_not_grow_with_lines_before_the_root() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(["xzufi", "--summary", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ozg starts");
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let newlines = vec![b'\n'; 1 << 20];
    for _ in 0..30 {
        stdin.write_all(&newlines).unwrap();
    }
    let comments = b"<!-- a comment -->\n".repeat(50_000);
    for _ in 0..10 {
        stdin.write_all(&comments).unwrap();
    }
    stdin
        .write_all(
            b"<x:nachricht xmlns:x=\"http://xoev.de/schemata/xzufi/2_2_0\" xzufiVersion=\"2.2.0\">\
              <x:schreibe>",
        )
        .unwrap();
    let object = b"<x:leistung><x:id>L1</x:id></x:leistung>\n".repeat(1000);
    for _ in 0..100 {
        stdin.write_all(&object).unwrap();
    }
    // Everything but the end is in (the pipe holds at most 64 KiB unread): the peak so far is
    // the peak of the read.
    let peak = peak_rss_kb(pid);
    stdin.write_all(b"</x:schreibe></x:nachricht>\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["leistung"], 100_000, "{summary}");
    assert!(
        peak <= MAX_PEAK_KB,
        "peak RSS {peak} KiB above {MAX_PEAK_KB} KiB for ~80 MB of input"
    );
}
