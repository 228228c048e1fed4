//! The `ozg` command-line tool.
fn main() {}
