//! Error mapping (Fehlerabbildung): every Rust error of the bindings becomes one of the exception
//! classes of `ozg_rs._errors` (plain Python classes, so they carry fields and pickle).
//!
//! [`Error`] gathers the crate errors; its one `From<Error> for PyErr` is the only place that
//! decides which Python class is raised and with which fields.

use std::path::Path;

use ozg_core::code::CodeError;
use ozg_core::id::IdError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

/// Any error the bindings raise (Fehler der Python-Anbindung).
#[derive(Debug)]
pub(crate) enum Error {
    /// Invalid identifier (ungültige Kennung) → `InvalidIdentifierError`.
    Id(IdError),
    /// Unknown code or invalid code value (ungültiger Code) → `CodeError`.
    Code(CodeError),
    /// JSON that does not fit the model (Lesefehler) → `ParseError`.
    Parse {
        /// What went wrong.
        message: String,
        /// JSON pointer of the offending value, if known.
        pointer: Option<String>,
        /// 1-based line, if known.
        line: Option<usize>,
        /// 1-based column, if known.
        column: Option<usize>,
    },
    /// XML syntax or shape error (XML-Syntaxfehler) → `XmlSyntaxError`.
    Xml {
        /// What went wrong.
        message: String,
        /// 1-based line, if known.
        line: Option<u64>,
        /// 1-based column, if known.
        column: Option<u64>,
        /// Element path where the error occurred, if known.
        path: Option<String>,
    },
    /// Illegal lifecycle transition (unzulässiger Statusübergang) → `TransitionError`.
    Transition {
        /// What went wrong.
        message: String,
        /// Current status code, where the error names it.
        from: Option<String>,
        /// Requested status code.
        to: String,
    },
    /// I/O failure (Ein-/Ausgabefehler) → `OzgIOError(errno, strerror, filename)`, an `OSError`
    /// (and the matching subclass: `FileNotFoundError` for errno 2, `PermissionError`, …).
    Io {
        /// The reason (strerror), without the file name: "No such file or directory".
        message: String,
        /// The file concerned.
        filename: Option<String>,
        /// OS error number, if any.
        errno: Option<i32>,
    },
    /// A file that is not valid UTF-8 (Kodierungsfehler) → `EncodingError`, a `UnicodeError`
    /// (so a `ValueError`), saying where.
    Encoding {
        /// What went wrong, with file, line and column.
        message: String,
        /// The file concerned.
        filename: Option<String>,
        /// Byte offset (0-based) of the first invalid byte.
        offset: usize,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in characters) of the first invalid byte.
        column: usize,
    },
    /// A document with findings of severity error, when the caller asked for an exception
    /// (Prüfung fehlgeschlagen) → `ValidationError` with `findings`.
    Validation {
        /// What went wrong (count and first error).
        message: String,
        /// Every finding of the document, errors and warnings.
        findings: Vec<crate::dataset::PyFinding>,
    },
    /// A bad argument of the Python API (falsches Argument) → `ValueError`-based `OzgError`.
    Value(String),
}

impl Error {
    /// An I/O error about `path`, with the OS reason. A read that failed because the file is not
    /// UTF-8 (`InvalidData` without an OS error) becomes [`Error::Encoding`] with the position of
    /// the first invalid byte (the file is read again to find it; this happens only on the error path).
    pub(crate) fn io(err: &std::io::Error, path: &Path) -> Self {
        if err.kind() == std::io::ErrorKind::InvalidData
            && err.raw_os_error().is_none()
            && let Ok(bytes) = std::fs::read(path)
            && let Err(utf8) = std::str::from_utf8(&bytes)
        {
            return Error::encoding(&bytes, &utf8, Some(path));
        }
        Error::Io {
            message: strerror(err),
            filename: Some(path.display().to_string()),
            errno: err.raw_os_error(),
        }
    }

    /// Text that is not UTF-8: where the first invalid byte is (`bytes` is the whole text).
    pub(crate) fn encoding(bytes: &[u8], err: &std::str::Utf8Error, path: Option<&Path>) -> Self {
        let offset = err.valid_up_to();
        let valid = bytes.get(..offset).unwrap_or_default();
        // `valid` is UTF-8 by definition of `valid_up_to`.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let bad = bytes
            .get(offset..offset + err.error_len().unwrap_or(1).min(4))
            .unwrap_or_default();
        let hex: Vec<String> = bad.iter().map(|b| format!("0x{b:02x}")).collect();
        let what = if err.error_len().is_none() {
            "truncated UTF-8 sequence at the end"
        } else {
            "invalid UTF-8"
        };
        let file = path.map_or_else(|| "<text>".to_owned(), |p| p.display().to_string());
        Error::Encoding {
            message: format!(
                "{file}: {what} at line {line}, column {column} (byte {offset}: {}); the file must be UTF-8",
                hex.join(" ")
            ),
            filename: path.map(|p| p.display().to_string()),
            offset,
            line,
            column,
        }
    }
}

/// The OS reason of an I/O error without Rust's " (os error N)" suffix: Python's `strerror`.
fn strerror(err: &std::io::Error) -> String {
    let text = err.to_string();
    match err.raw_os_error() {
        Some(n) => text
            .strip_suffix(&format!(" (os error {n})"))
            .unwrap_or(&text)
            .to_owned(),
        None => text,
    }
}

impl From<IdError> for Error {
    fn from(e: IdError) -> Self {
        Error::Id(e)
    }
}

impl From<CodeError> for Error {
    fn from(e: CodeError) -> Self {
        Error::Code(e)
    }
}

/// The module `ozg_rs._errors`, imported once per interpreter.
static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// Looks up an exception class of `ozg_rs._errors` by name.
fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    let module = ERRORS.get_or_try_init(py, || py.import("ozg_rs._errors").map(Bound::unbind))?;
    Ok(module.bind(py).getattr(name)?.cast_into::<PyType>()?)
}

/// Instantiates `ozg_rs._errors.<name>(message, **fields)` as a `PyErr`.
fn raise<'py>(
    py: Python<'py>,
    name: &str,
    message: String,
    fields: impl FnOnce(&Bound<'py, PyDict>) -> PyResult<()>,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let kwargs = PyDict::new(py);
        fields(&kwargs)?;
        let exc = class(py, name)?.call((message,), Some(&kwargs))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| e)
}

impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        Python::attach(|py| match err {
            Error::Id(e) => raise(py, "InvalidIdentifierError", e.to_string(), |k| {
                k.set_item("kind", e.kind.to_string())?;
                k.set_item("input", &e.input)?;
                k.set_item("rule", e.rule)
            }),
            Error::Code(e) => {
                let message = e.to_string();
                raise(py, "CodeError", message, |k| match &e {
                    CodeError::Unknown { list, code, .. } => {
                        k.set_item("list", *list)?;
                        k.set_item("code", code)
                    }
                    CodeError::WrongList { expected, .. } => k.set_item("list", *expected),
                    _ => Ok(()),
                })
            }
            Error::Parse {
                message,
                pointer,
                line,
                column,
            } => raise(py, "ParseError", message, |k| {
                k.set_item("pointer", pointer)?;
                k.set_item("line", line)?;
                k.set_item("column", column)
            }),
            Error::Xml {
                message,
                line,
                column,
                path,
            } => raise(py, "XmlSyntaxError", message, |k| {
                k.set_item("line", line)?;
                k.set_item("column", column)?;
                k.set_item("path", path)
            }),
            Error::Transition { message, from, to } => raise(py, "TransitionError", message, |k| {
                k.set_item("from_status", from)?;
                k.set_item("to_status", to)
            }),
            Error::Io {
                message,
                filename,
                errno,
            } => {
                // OSError(errno, strerror, filename): `OzgIOError.__new__` picks the subclass by errno.
                let build = || -> PyResult<PyErr> {
                    let exc = class(py, "OzgIOError")?.call1((errno, message, filename))?;
                    Ok(PyErr::from_value(exc))
                };
                build().unwrap_or_else(|e| e)
            }
            Error::Encoding {
                message,
                filename,
                offset,
                line,
                column,
            } => raise(py, "EncodingError", message, |k| {
                k.set_item("filename", filename)?;
                k.set_item("offset", offset)?;
                k.set_item("line", line)?;
                k.set_item("column", column)
            }),
            Error::Validation { message, findings } => raise(py, "ValidationError", message, |k| {
                k.set_item("findings", findings)
            }),
            Error::Value(message) => raise(py, "ArgumentError", message, |_| Ok(())),
        })
    }
}
