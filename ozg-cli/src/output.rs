//! The one output vocabulary of every `ozg` command (Ausgabeformat).
//!
//! - `--format text|json|ndjson` ([`FormatArgs`], flattened into a command's arguments); `--json` is an
//!   alias of `--format json`. `text` is for people; `json` is one pretty-printed JSON document (a list
//!   of records is one array); `ndjson` is one compact JSON value per line (a list prints one line per
//!   record, nothing for an empty list).
//! - JSON is always the serde form of the model types (camelCase members, codes as strings).
//! - Every machine-readable finding carries a `file` member ([`file_label`]: the path as given,
//!   `<stdin>` for `-`, `<example>` for the bundled example dataset).
//! - Writing goes through [`write_json`] / [`write_ndjson`] / [`write_records`], which serialise first
//!   and then write, so a closed pipe surfaces as an `io::Error` that `main` recognises
//!   ([`is_broken_pipe`]) and ends quietly with exit 0.

use std::error::Error as StdError;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::CliError;

/// Output format of a command (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Human-readable text.
    Text,
    /// One pretty-printed JSON document (lists as one array).
    Json,
    /// Newline-delimited JSON: one compact JSON value per line (lists: one line per record).
    Ndjson,
}

/// The `--format` / `--json` arguments, flattened into every command that prints data.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct FormatArgs {
    /// Output format [default: text, unless the command says otherwise].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<Format>,
    /// Same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl FormatArgs {
    /// The format asked for, or `default` when neither `--format` nor `--json` was given.
    pub(crate) fn or(self, default: Format) -> Format {
        if self.json {
            return Format::Json;
        }
        self.format.unwrap_or(default)
    }

    /// The format asked for; `text` when none was given.
    pub(crate) fn get(self) -> Format {
        self.or(Format::Text)
    }
}

fn serialise_error(e: serde_json::Error) -> CliError {
    CliError::Input(format!("cannot serialise JSON: {e}"))
}

/// Writes one value as pretty-printed JSON with a trailing newline.
pub(crate) fn write_json<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
) -> Result<(), CliError> {
    let mut text = serde_json::to_string_pretty(value).map_err(serialise_error)?;
    text.push('\n');
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Writes one value as one line of compact JSON.
pub(crate) fn write_ndjson<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
) -> Result<(), CliError> {
    let mut text = serde_json::to_string(value).map_err(serialise_error)?;
    text.push('\n');
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Writes one value in a machine format: pretty JSON for `json` (and `text`, for commands whose only
/// output is a JSON document), one line for `ndjson`.
pub(crate) fn write_value<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    format: Format,
    value: &T,
) -> Result<(), CliError> {
    match format {
        Format::Ndjson => write_ndjson(out, value),
        Format::Json | Format::Text => write_json(out, value),
    }
}

/// Writes a list of records: one JSON array for `json`, one line per record for `ndjson` (and `text`,
/// which callers handle themselves before calling this).
pub(crate) fn write_records<T: Serialize>(
    out: &mut dyn Write,
    format: Format,
    records: &[T],
) -> Result<(), CliError> {
    match format {
        Format::Json => write_json(out, records),
        Format::Ndjson | Format::Text => {
            for r in records {
                write_ndjson(out, r)?;
            }
            Ok(())
        }
    }
}

/// The `file` member of a machine-readable finding: the path as given, `<stdin>` for `-`,
/// `<example>` for the bundled example (no path).
pub(crate) fn file_label(path: Option<&Path>) -> String {
    match path {
        None => "<example>".to_owned(),
        Some(p) if p.as_os_str() == "-" => "<stdin>".to_owned(),
        Some(p) => p.display().to_string(),
    }
}

/// A serde value with a `file` member added: `{"file": …, …members of value}` (a value that is not an
/// object goes under `value`).
pub(crate) fn with_file<T: Serialize>(
    file: &str,
    value: &T,
) -> Result<serde_json::Value, CliError> {
    let mut map = serde_json::Map::new();
    map.insert("file".to_owned(), serde_json::Value::from(file));
    match serde_json::to_value(value).map_err(serialise_error)? {
        serde_json::Value::Object(members) => map.extend(members),
        other => {
            map.insert("value".to_owned(), other);
        }
    }
    Ok(serde_json::Value::Object(map))
}

fn io_kind(e: &(dyn StdError + 'static)) -> Option<io::ErrorKind> {
    if let Some(io) = e.downcast_ref::<io::Error>() {
        // A custom io::Error may wrap another io::Error (e.g. from a writer adapter).
        if io.kind() != io::ErrorKind::BrokenPipe
            && let Some(inner) = io.get_ref()
            && let Some(kind) = io_kind(inner)
        {
            return Some(kind);
        }
        return Some(io.kind());
    }
    e.downcast_ref::<serde_json::Error>()
        .and_then(serde_json::Error::io_error_kind)
}

/// True when the error, or any error in its `source()` chain, is `io::ErrorKind::BrokenPipe`: the
/// reader of our stdout went away (`ozg … | head`). `main` then exits 0 and prints nothing.
pub(crate) fn is_broken_pipe(e: &(dyn StdError + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(e) = next {
        if io_kind(e) == Some(io::ErrorKind::BrokenPipe) {
            return true;
        }
        next = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_found_anywhere_in_the_chain() {
        let direct = io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&direct));
        let wrapped = io::Error::other(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&wrapped));
        let cli = CliError::Io {
            path: "<stdout>".into(),
            source: io::Error::from(io::ErrorKind::BrokenPipe),
        };
        assert!(is_broken_pipe(&cli));
        let other = CliError::Io {
            path: "x".into(),
            source: io::Error::from(io::ErrorKind::NotFound),
        };
        assert!(!is_broken_pipe(&other));
        assert!(!is_broken_pipe(&CliError::Input("broken pipe".into())));
        // serde_json writing into a closed pipe, converted with `?`.
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let Err(e) = serde_json::to_writer(Closed, &[1, 2, 3]) else {
            panic!("writing into a closed pipe must fail");
        };
        assert!(is_broken_pipe(&CliError::from(e)));
    }

    #[test]
    fn json_alias_and_default() {
        let none = FormatArgs {
            format: None,
            json: false,
        };
        assert_eq!(none.get(), Format::Text);
        assert_eq!(none.or(Format::Ndjson), Format::Ndjson);
        let json = FormatArgs {
            format: None,
            json: true,
        };
        assert_eq!(json.or(Format::Ndjson), Format::Json);
    }

    #[test]
    fn records_as_array_or_lines() {
        let mut buf = Vec::new();
        write_records(&mut buf, Format::Ndjson, &[1, 2]).expect("write");
        assert_eq!(buf, b"1\n2\n");
        let mut buf = Vec::new();
        write_records(&mut buf, Format::Json, &[1, 2]).expect("write");
        assert_eq!(buf, b"[\n  1,\n  2\n]\n");
        let v = with_file("a.json", &serde_json::json!({"code": "x"})).expect("value");
        assert_eq!(v, serde_json::json!({"file": "a.json", "code": "x"}));
    }
}
