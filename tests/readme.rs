//! The repository README's Rust examples are the crate READMEs' (which run as doc tests of their crates):
//! every ```rust block of `README.md` must stand, unchanged, in one of the crate READMEs, so that no
//! example in the README goes untested.

use std::path::Path;

fn rust_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```rust") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn root_readme_rust_examples_are_doc_tested_in_a_crate_readme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: &str| {
        std::fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("cannot read {p}: {e}"))
    };
    let readme = read("README.md");
    let crates: Vec<(&str, String)> = ["ozg-core", "ozg-xml", "ozg-validate", "ozg-tabular"]
        .iter()
        .map(|c| (*c, read(&format!("{c}/README.md"))))
        .collect();
    let blocks = rust_blocks(&readme);
    assert!(!blocks.is_empty(), "README.md has no ```rust block");
    for block in blocks {
        assert!(
            crates
                .iter()
                .any(|(_, text)| rust_blocks(text).contains(&block)),
            "this README.md example is in no crate README (so no doc test runs it):\n{block}"
        );
    }
}
