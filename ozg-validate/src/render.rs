//! Deterministic pretty-printing of JSON (independent of serde_json's `preserve_order` feature) and a
//! small line diff for drift reports.

use serde_json::Value;

/// Keys written first, in this order, in every object; all other keys follow alphabetically, and
/// `$defs` comes last so that a schema file reads top-down.
const LEADING_KEYS: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "title",
    "description",
    "type",
    "format",
    "pattern",
    "enum",
    "const",
];

/// Renders `value` as pretty JSON (two-space indentation) with a stable key order and a trailing newline.
pub(crate) fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out.push('\n');
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_scalar(out: &mut String, value: &Value) {
    // Scalars (null, bool, number, string) always serialise.
    out.push_str(&serde_json::to_string(value).unwrap_or_default());
}

fn key_rank(key: &str) -> (usize, &str) {
    if key == "$defs" {
        return (LEADING_KEYS.len() + 1, key);
    }
    match LEADING_KEYS.iter().position(|k| *k == key) {
        Some(i) => (i, ""),
        None => (LEADING_KEYS.len(), key),
    }
}

fn write_value(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(out, level + 1);
                write_value(out, item, level + 1);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, level);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| key_rank(a).cmp(&key_rank(b)));
            out.push_str("{\n");
            for (i, key) in keys.iter().enumerate() {
                indent(out, level + 1);
                write_scalar(out, &Value::String((*key).clone()));
                out.push_str(": ");
                if let Some(v) = map.get(*key) {
                    write_value(out, v, level + 1);
                }
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, level);
            out.push('}');
        }
        scalar => write_scalar(out, scalar),
    }
}

/// Most lines of diff shown per file.
const MAX_DIFF_LINES: usize = 120;
/// Lines of context around each change.
const CONTEXT: usize = 2;

/// A line diff of `old` (committed) against `new` (generated): `-` lines only in `old`, `+` lines only
/// in `new`, with line numbers of `old`, cut after [`MAX_DIFF_LINES`] lines.
pub(crate) fn line_diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Trim the common prefix and suffix; the LCS runs on the changed middle only.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let am = &a[prefix..a.len() - suffix];
    let bm = &b[prefix..b.len() - suffix];

    // ops over the middle: (tag, old line index or new line index, text)
    let mut ops: Vec<(char, usize, &str)> = Vec::new();
    if am.len().saturating_mul(bm.len()) <= 4_000_000 {
        let n = am.len();
        let m = bm.len();
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                ops.push((' ', prefix + i, am[i]));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                ops.push(('-', prefix + i, am[i]));
                i += 1;
            } else {
                ops.push(('+', prefix + i, bm[j]));
                j += 1;
            }
        }
    } else {
        ops.extend(am.iter().enumerate().map(|(i, l)| ('-', prefix + i, *l)));
        ops.extend(bm.iter().map(|l| ('+', prefix + am.len(), *l)));
    }

    // Context lines from the common prefix and suffix around the changed middle.
    let before: Vec<(char, usize, &str)> = (prefix.saturating_sub(CONTEXT)..prefix)
        .map(|i| (' ', i, a[i]))
        .collect();
    let after_start = a.len() - suffix;
    let after: Vec<(char, usize, &str)> = (after_start..(after_start + CONTEXT).min(a.len()))
        .map(|i| (' ', i, a[i]))
        .collect();
    let ops: Vec<(char, usize, &str)> = before.into_iter().chain(ops).chain(after).collect();
    let mut show = vec![false; ops.len()];
    for (k, op) in ops.iter().enumerate() {
        if op.0 != ' ' {
            let from = k.saturating_sub(CONTEXT);
            let to = (k + CONTEXT + 1).min(ops.len());
            show[from..to].iter_mut().for_each(|s| *s = true);
        }
    }
    let mut out = String::new();
    let mut shown = 0usize;
    let mut previous: Option<usize> = None;
    for (idx, (tag, line_no, text)) in ops.iter().enumerate() {
        if !show[idx] {
            continue;
        }
        if previous.is_none_or(|p| idx > p + 1) {
            out.push_str(&format!("@@ line {} @@\n", line_no + 1));
        }
        out.push_str(&format!("{tag} {text}\n"));
        previous = Some(idx);
        shown += 1;
        if shown >= MAX_DIFF_LINES {
            out.push_str("… (diff cut)\n");
            return out;
        }
    }
    if out.is_empty() && old != new {
        out.push_str("(the files differ only in line endings or the final newline)\n");
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn pretty_orders_keys_and_ends_with_newline() {
        let v: Value = serde_json::json!({"b": 1, "$defs": {}, "a": [1, {"z": true, "type": "x"}], "$schema": "s", "title": "t"});
        assert_eq!(
            pretty(&v),
            "{\n  \"$schema\": \"s\",\n  \"title\": \"t\",\n  \"a\": [\n    1,\n    {\n      \"type\": \"x\",\n      \"z\": true\n    }\n  ],\n  \"b\": 1,\n  \"$defs\": {}\n}\n"
        );
    }

    #[test]
    fn diff_shows_changed_lines_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\n";
        let new = "a\nb\nc\nD\ne\nf\ng\nh\n";
        let d = line_diff(old, new);
        assert!(d.contains("- d\n+ D\n"), "{d}");
        assert!(d.contains("+ h\n"), "{d}");
        assert!(d.contains("  c\n"), "{d}");
        assert!(!d.contains("  a\n"), "{d}");
    }

    #[test]
    fn diff_of_equal_texts_is_empty() {
        assert_eq!(line_diff("x\ny\n", "x\ny\n"), "");
    }
}
