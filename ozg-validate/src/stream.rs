//! Validation of files as a stream (Prüfung als Datenstrom).
//!
//! - NDJSON: one document per line, read and validated line by line.
//! - JSON: a top-level array is read element by element (each element is one document, pointers
//!   start with `/<index>`); any other top-level value is one document.
//! - XML (feature `xml`): an XZuFi message is read object by object; a dataset of our own format
//!   record by record, every finding with the line and column of its element (the positions
//!   recorded in the same pass); any other document of our format is read whole.
//! - A JSON dataset (told from its first member, or named by `kind`) is read record by record.
//!
//! Memory: at most a small multiple of the largest single document (its JSON value, its typed
//! model and the findings), plus the read buffer; never the whole input when it is NDJSON, a
//! top-level JSON array or XZuFi. A dataset keeps every record's typed model (the rules over the
//! whole dataset need them), not its JSON or XML; from XML also the positions of its elements, a
//! few bytes per element.
//! [`InputLimits`] caps the total input and a single NDJSON line, so `/dev/zero` stops with
//! [`StreamError::TooLarge`].
//!
//! ```
//! use ozg_validate::{InputFormat, InputLimits, Validator};
//!
//! let validator = Validator::shared()?;
//! let input = "{\"id\": \"dataport\", \"name\": \"Dataport\"}\n{\"id\": \"x\"}\n";
//! let mut findings = Vec::new();
//! let summary = validator.validate_stream(
//!     Some(ozg_validate::DocumentKind::ItProvider),
//!     input.as_bytes(),
//!     InputFormat::Ndjson,
//!     InputLimits::default(),
//!     &mut |f| { findings.push(f); Ok(()) },
//! )?;
//! assert_eq!(summary.documents, 2);
//! assert_eq!(findings[0].line, Some(2));
//! assert_eq!(findings[0].code.as_str(), "schema.required");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

use ozg_core::document::DocumentKind;
use ozg_core::json::{PathState, PointerSegment, StrictValue};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::dataset_stream::{DatasetCheck, ObjectRest, read_object_rest, streams_as_dataset};
use crate::report::ValidationFinding;
use crate::validator::{Validator, json_error_finding};
use ozg_core::dataset::DatasetSection;

/// How a file's content is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON document, or a top-level array of documents.
    Json,
    /// NDJSON / JSON Lines: one document per line (empty lines are skipped).
    Ndjson,
    /// XML: a document of our own format or an XZuFi 2.2 message (told from the namespace).
    #[cfg(feature = "xml")]
    Xml,
}

/// Limits on the input of one file (Eingabegrenzen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputLimits {
    /// Total bytes of one input (default 1 GiB).
    pub max_total_bytes: u64,
    /// Bytes of one NDJSON line (default 64 MiB).
    pub max_record_bytes: u64,
}

impl Default for InputLimits {
    fn default() -> Self {
        InputLimits {
            max_total_bytes: 1 << 30,
            max_record_bytes: 64 << 20,
        }
    }
}

/// Why a stream could not be validated to its end (findings are not errors of this kind).
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// Reading the input failed.
    #[error("cannot read the input: {0}")]
    Io(io::Error),
    /// The input, or one NDJSON line, is larger than its limit.
    #[error("{what} is larger than the limit of {limit} bytes")]
    TooLarge {
        /// `the input` or `line N`.
        what: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The sink of findings failed (e.g. writing the output).
    #[error("cannot write the findings: {0}")]
    Sink(io::Error),
}

/// What a stream held (Zusammenfassung).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Documents (records, array elements, XZuFi objects) read.
    pub documents: u64,
    /// Findings of severity error.
    pub errors: u64,
    /// Findings of severity warning.
    pub warnings: u64,
    /// Findings saying the input could not be read as a document ([`crate::Code::is_input_error`]).
    pub input_errors: u64,
}

/// A sink of findings; an error stops the stream with [`StreamError::Sink`].
pub type Sink<'a> = dyn FnMut(ValidationFinding) -> io::Result<()> + 'a;

/// Counts what passes to the sink.
pub(crate) struct Counter<'s, 'a> {
    sink: &'s mut Sink<'a>,
    pub(crate) summary: StreamSummary,
}

impl<'s, 'a> Counter<'s, 'a> {
    pub(crate) fn new(sink: &'s mut Sink<'a>) -> Self {
        Counter {
            sink,
            summary: StreamSummary::default(),
        }
    }

    pub(crate) fn push(&mut self, f: ValidationFinding) -> Result<(), StreamError> {
        if f.is_error() {
            self.summary.errors += 1;
        } else {
            self.summary.warnings += 1;
        }
        if f.code.is_input_error() {
            self.summary.input_errors += 1;
        }
        (self.sink)(f).map_err(StreamError::Sink)
    }
}

/// A reader that fails once more than `limit` bytes came through, and says so in `exceeded`.
pub(crate) struct Capped<'c, R> {
    inner: R,
    left: u64,
    exceeded: &'c Cell<bool>,
}

impl<'c, R> Capped<'c, R> {
    pub(crate) fn new(inner: R, limit: u64, exceeded: &'c Cell<bool>) -> Self {
        Capped {
            inner,
            left: limit,
            exceeded,
        }
    }
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // One byte beyond the limit tells "exactly at the limit" from "over it".
        let want = buf
            .len()
            .min(self.left.saturating_add(1).min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            self.exceeded.set(true);
            return Err(io::Error::other("input larger than its limit"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Reads all of `input` (at most `limit` bytes).
#[cfg(feature = "xml")]
pub(crate) fn read_capped<R: Read>(input: R, limit: u64) -> Result<Vec<u8>, StreamError> {
    let exceeded = Cell::new(false);
    let mut bytes = Vec::new();
    match Capped::new(input, limit, &exceeded).read_to_end(&mut bytes) {
        Ok(_) => Ok(bytes),
        Err(_) if exceeded.get() => Err(StreamError::TooLarge {
            what: "the input".into(),
            limit,
        }),
        Err(e) => Err(StreamError::Io(e)),
    }
}

impl Validator {
    /// Validates a file's content as a stream (see the [module](crate::stream) documentation),
    /// passing every finding to `sink` as soon as it is known. With `kind` `None` each document's
    /// kind is told from its shape (JSON) or root element (XML).
    pub fn validate_stream<R: Read>(
        &self,
        kind: Option<DocumentKind>,
        input: R,
        format: InputFormat,
        limits: InputLimits,
        sink: &mut Sink<'_>,
    ) -> Result<StreamSummary, StreamError> {
        let exceeded = Cell::new(false);
        let capped = Capped::new(input, limits.max_total_bytes, &exceeded);
        let mut out = Counter::new(sink);
        let result = match format {
            InputFormat::Json => self.json_stream(kind, capped, &mut out),
            InputFormat::Ndjson => self.ndjson_stream(kind, capped, limits, &mut out),
            #[cfg(feature = "xml")]
            InputFormat::Xml => self.xml_stream(kind, capped, limits, &mut out),
        };
        match result {
            Err(StreamError::Io(_)) if exceeded.get() => Err(StreamError::TooLarge {
                what: "the input".into(),
                limit: limits.max_total_bytes,
            }),
            Err(e) => Err(e),
            Ok(()) => Ok(out.summary),
        }
    }

    fn ndjson_stream<R: Read>(
        &self,
        kind: Option<DocumentKind>,
        input: R,
        limits: InputLimits,
        out: &mut Counter<'_, '_>,
    ) -> Result<(), StreamError> {
        let mut input = BufReader::with_capacity(1 << 16, input);
        let mut line = Vec::new();
        let mut number = 0u64;
        loop {
            line.clear();
            number += 1;
            let n = (&mut input)
                .take(limits.max_record_bytes.saturating_add(1))
                .read_until(b'\n', &mut line)
                .map_err(StreamError::Io)?;
            if n == 0 {
                return Ok(());
            }
            if n as u64 > limits.max_record_bytes {
                return Err(StreamError::TooLarge {
                    what: format!("line {number}"),
                    limit: limits.max_record_bytes,
                });
            }
            let text = line.trim_ascii();
            if text.is_empty() {
                continue;
            }
            out.summary.documents += 1;
            match ozg_core::json::value_from_slice(text) {
                Err(e) => {
                    let e = e.within(number as usize - 1, "");
                    out.push(json_error_finding(&e))?;
                }
                Ok(value) => {
                    for f in self.validate_value_as(kind, &value).findings {
                        out.push(f.at(number, None))?;
                    }
                }
            }
        }
    }

    fn json_stream<R: Read>(
        &self,
        kind: Option<DocumentKind>,
        input: R,
        out: &mut Counter<'_, '_>,
    ) -> Result<(), StreamError> {
        let mut de =
            serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, input));
        let state = RefCell::new(PathState::new());
        let failed: RefCell<Option<StreamError>> = RefCell::new(None);
        let out = RefCell::new(out);
        let push = |f: ValidationFinding| -> Result<(), ()> {
            out.borrow_mut().push(f).map_err(|e| {
                *failed.borrow_mut() = Some(e);
            })
        };
        let mut on_doc = |index: Option<usize>, value: Value| -> Result<(), ()> {
            out.borrow_mut().summary.documents += 1;
            let prefix = index.map(|i| format!("/{i}")).unwrap_or_default();
            for f in self.validate_value_as(kind, &value).findings {
                push(crate::validator::within(f, &prefix))?;
            }
            Ok(())
        };
        let mut check: Option<DatasetCheck<'_>> = None;
        let mut on_dataset = |event: DatasetEvent| -> Result<(), ()> {
            let c = check.get_or_insert_with(|| {
                out.borrow_mut().summary.documents += 1;
                DatasetCheck::new(self)
            });
            match event {
                DatasetEvent::Record(section, index, value) => {
                    c.record(section, index, &value, &mut |f| push(f))
                }
                DatasetEvent::End(header) => match check.take() {
                    Some(c) => c.finish(header, &mut |f| push(f)).map(|_| ()),
                    None => Ok(()),
                },
            }
        };
        let top = TopLevel {
            kind,
            state: &state,
            on_doc: &mut on_doc,
            on_dataset: &mut on_dataset,
        };
        let result = top.deserialize(&mut de).and_then(|()| de.end());
        if let Some(e) = failed.into_inner() {
            return Err(e);
        }
        if let Err(e) = result {
            if e.is_io() {
                return Err(StreamError::Io(io::Error::other(e.to_string())));
            }
            let error = state.into_inner().error(&e);
            out.borrow_mut().push(json_error_finding(&error))?;
        }
        Ok(())
    }
}

/// What the top level of a dataset read record by record hands on.
enum DatasetEvent {
    /// A record of a section, with its index.
    Record(DatasetSection, usize, Value),
    /// The end of the dataset, with its members other than the record arrays.
    End(serde_json::Map<String, Value>),
}

/// The top-level value of a JSON file: an array is handed on element by element, a dataset
/// (told from its first member) record by record, anything else as one document.
struct TopLevel<'a, 'f> {
    kind: Option<DocumentKind>,
    state: &'a RefCell<PathState>,
    on_doc: &'f mut dyn FnMut(Option<usize>, Value) -> Result<(), ()>,
    on_dataset: &'f mut dyn FnMut(DatasetEvent) -> Result<(), ()>,
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl TopLevel<'_, '_> {
    fn one<E: de::Error>(self, v: Value) -> Result<(), E> {
        (self.on_doc)(None, v).map_err(|()| E::custom("stopped"))
    }
}

impl<'de> Visitor<'de> for TopLevel<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document or an array of documents")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let seed = StrictValue { state: self.state };
        let mut i = 0usize;
        loop {
            self.state.borrow_mut().push(PointerSegment::Index(i));
            let Some(item) = seq.next_element_seed(seed)? else {
                return Ok(());
            };
            self.state.borrow_mut().pop();
            (self.on_doc)(Some(i), item).map_err(|()| de::Error::custom("stopped"))?;
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return self.one(Value::Object(serde_json::Map::new()));
        };
        let as_dataset = streams_as_dataset(self.kind, &first);
        let on_dataset = self.on_dataset;
        let mut on_record =
            |section, index, value| on_dataset(DatasetEvent::Record(section, index, value));
        match read_object_rest(map, first, as_dataset, self.state, &mut on_record)? {
            ObjectRest::Whole(v) => {
                (self.on_doc)(None, v).map_err(|()| de::Error::custom("stopped"))
            }
            ObjectRest::DatasetHeader(h) => {
                on_dataset(DatasetEvent::End(h)).map_err(|()| de::Error::custom("stopped"))
            }
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.one(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.one(Value::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.one(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.one(Value::from(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.one(Value::String(v.to_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.one(Value::Null)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn run(
        input: &[u8],
        format: InputFormat,
        limits: InputLimits,
    ) -> (Result<StreamSummary, StreamError>, Vec<ValidationFinding>) {
        let v = Validator::shared().unwrap();
        let mut found = Vec::new();
        let r = v.validate_stream(None, input, format, limits, &mut |f| {
            found.push(f);
            Ok(())
        });
        (r, found)
    }

    #[test]
    fn arrays_are_validated_element_by_element() {
        let input =
            br#"[{"id": "dataport", "name": "Dataport"}, {"id": "x", "name": "y", "url": 3}]"#;
        let (r, found) = run(input, InputFormat::Json, InputLimits::default());
        assert_eq!(r.unwrap().documents, 2);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pointer, "/1/url");
    }

    #[test]
    fn duplicate_keys_and_syntax_errors_in_arrays() {
        let input = b"[{\"id\": \"a\", \"name\": \"b\"},\n {\"id\": \"a\", \"id\": \"b\"}]";
        let (r, found) = run(input, InputFormat::Json, InputLimits::default());
        let s = r.unwrap();
        assert_eq!(s.input_errors, 1);
        assert_eq!(found[0].code, crate::Code::DuplicateKey);
        assert_eq!(found[0].pointer, "/1/id");
        assert_eq!(found[0].line, Some(2));
        let (_, found) = run(b"[{\"id\": ", InputFormat::Json, InputLimits::default());
        assert_eq!(found[0].code, crate::Code::JsonSyntax);
        assert_eq!(found[0].line, Some(1));
    }

    #[test]
    fn ndjson_lines_carry_their_numbers_and_limits_hold() {
        let input = b"{\"id\": \"a\", \"name\": \"b\"}\n\n{\"id\": \n{\"id\": \"a\", \"name\": \"b\", \"name\": \"c\"}\n";
        let (r, found) = run(input, InputFormat::Ndjson, InputLimits::default());
        assert_eq!(r.unwrap().documents, 3);
        assert_eq!(
            (found[0].code, found[0].line),
            (crate::Code::JsonSyntax, Some(3))
        );
        assert_eq!(
            (found[1].code, found[1].line),
            (crate::Code::DuplicateKey, Some(4))
        );
        assert_eq!(found[1].pointer, "/name");

        let small = InputLimits {
            max_total_bytes: 1 << 20,
            max_record_bytes: 8,
        };
        let (r, _) = run(input, InputFormat::Ndjson, small);
        assert!(
            matches!(r, Err(StreamError::TooLarge { ref what, .. }) if what == "line 1"),
            "{r:?}"
        );
        let total = InputLimits {
            max_total_bytes: 10,
            max_record_bytes: 1 << 20,
        };
        let zeros = std::io::repeat(0).take(1 << 20);
        let v = Validator::shared().unwrap();
        let r = v.validate_stream(None, zeros, InputFormat::Ndjson, total, &mut |_| Ok(()));
        assert!(
            matches!(r, Err(StreamError::TooLarge { limit: 10, .. })),
            "{r:?}"
        );
    }
}
