//! Helpers shared by the end-to-end tests of the `ozg` binary (`tests/cli*.rs`, `tests/report_cli.rs`).
// Each test crate includes this module and uses only some of the helpers.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs the `ozg` binary built for the tests with `args`.
pub(crate) fn ozg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ozg"))
        .args(args)
        .output()
        .expect("run ozg")
}

/// The standard output of a run, as UTF-8 text.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

/// The standard error of a run, as UTF-8 text.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}
