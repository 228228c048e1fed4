//! A dataset in our XML read record by record (Datenbestand satzweise aus XML lesen), and
//! written as JSON on the way.
//!
//! [`read_dataset_records`] reads the document front to back and hands over every record as
//! soon as it is read and typed — memory is one record, whatever the size of the dataset.
//! [`xml_dataset_to_json_writer`] writes the records as the dataset's JSON, each section spooled
//! (1 MiB in memory, then an unnamed temporary file) until the sections are joined in the order
//! of the JSON form: the output equals `serde_json::to_writer_pretty` of the dataset read whole.
//!
//! Every error is positioned at its element, as by the whole-document reader, also an error the
//! typed model finds in a record: the positions of a record's elements are recorded in the same
//! pass (a few bytes per element, dropped with the record), so the input is read once.
//!
//! ```
//! use ozg_core::dataset::Dataset;
//! use ozg_xml::ReaderConfig;
//! use ozg_xml::document::{to_xml_string, xml_dataset_to_json_writer};
//!
//! let ds = Dataset::example();
//! let xml = to_xml_string(&ds)?;
//! let json = xml_dataset_to_json_writer(xml.as_bytes(), ReaderConfig::default(), Vec::new())?;
//! assert_eq!(String::from_utf8(json)?, ds.to_json_pretty()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{Read, Write};
use std::path::PathBuf;

use ozg_core::dataset::{DatasetHeader, DatasetRecord, DatasetSection};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::internal;
use super::positions::ElementPositions;
use super::read::{Piece, StreamFail, stream_dataset};
use super::spool::{Spool, SpoolDir};
use crate::config::ReaderConfig;
use crate::error::{XmlError, XmlErrorKind};

/// Why [`read_dataset_records`] stopped: the XML is not a valid dataset (positioned), or the
/// caller's function returned an error.
#[derive(Debug, thiserror::Error)]
pub enum XmlRecordError<E> {
    /// The XML is broken or not a valid dataset (line and column; the value's JSON pointer).
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// The function given to [`read_dataset_records`] failed (its error, unchanged).
    #[error("{0}")]
    Sink(E),
}

/// Reads a dataset in our XML from `input` and calls `sink(index, record)` for every record in
/// document order (`index` counts within the record's section); returns the header members.
/// The same checks as [`DocumentReader::read`](super::DocumentReader::read) (structure, values,
/// the typed model, the reader's limits), with memory for one record.
pub fn read_dataset_records<R, E, F>(
    input: R,
    config: ReaderConfig,
    mut sink: F,
) -> Result<DatasetHeader, XmlRecordError<E>>
where
    R: Read,
    F: FnMut(usize, DatasetRecord) -> Result<(), E>,
{
    let mut header = HeaderParts::default();
    stream(input, config, &mut |part| match part {
        Part::Member(name, value, positions) => {
            header.set(name, value, positions);
            Ok(())
        }
        Part::Record(index, record) => sink(index, record).map_err(Inner::Sink),
    })?;
    Ok(header.finish()?)
}

/// Converts a dataset in our XML from `input` to its JSON on `out` record by record; the output
/// equals `serde_json::to_writer_pretty` of the dataset read whole (plus a line break). Memory:
/// one record plus at most 1 MiB per section (larger sections wait in unnamed temporary files,
/// since the JSON orders its members differently from the XML). Returns the output.
pub fn xml_dataset_to_json_writer<R: Read, W: Write>(
    input: R,
    config: ReaderConfig,
    out: W,
) -> Result<W, XmlError> {
    xml_dataset_to_json_writer_in(input, config, out, None)
}

/// [`xml_dataset_to_json_writer`] with the temporary files of large sections in `spool_dir`
/// (default: the system's temporary directory).
pub fn xml_dataset_to_json_writer_in<R: Read, W: Write>(
    input: R,
    config: ReaderConfig,
    out: W,
    spool_dir: Option<PathBuf>,
) -> Result<W, XmlError> {
    let mut json = JsonOut::new(out, spool_dir);
    let mut header = HeaderParts::default();
    stream(input, config, &mut |part| match part {
        Part::Member(name, value, positions) => {
            header.set(name, value, positions);
            Ok(())
        }
        Part::Record(_, record) => json.record(&record).map_err(Inner::Sink),
    })
    .map_err(|e| match e {
        XmlRecordError::Xml(e) | XmlRecordError::Sink(e) => e,
    })?;
    json.finish(header.finish()?)
}

/// What [`stream`] hands over.
#[allow(clippy::large_enum_variant)] // one at a time, moved straight on
enum Part<'a> {
    Member(&'a str, Value, Option<ElementPositions>),
    Record(usize, DatasetRecord),
}

/// Why the function given to [`stream`] stopped.
enum Inner<E> {
    /// The caller's error.
    Sink(E),
    /// A record failed the typed model (the error is kept aside).
    Stop,
}

fn stream<R: Read, E>(
    input: R,
    config: ReaderConfig,
    on: &mut dyn FnMut(Part<'_>) -> Result<(), Inner<E>>,
) -> Result<(), XmlRecordError<E>> {
    let mut typed_error: Option<XmlError> = None;
    let result = stream_dataset(input, config, &mut |piece| match piece {
        Piece::Member {
            name,
            value,
            positions,
        } => on(Part::Member(name, value, positions.map(|p| p.to_owned()))),
        Piece::Element { .. } => Ok(()),
        Piece::Item {
            member,
            index,
            value,
            positions,
        } => match typed_record(member, index, &value) {
            Ok(record) => on(Part::Record(index, record)),
            Err(kind) => {
                let at = match (&kind, positions) {
                    (XmlErrorKind::Invalid { field, .. }, Some(positions)) => field
                        .strip_prefix(&format!("/{member}/{index}"))
                        .and_then(|inner| positions.position_of(inner)),
                    _ => None,
                };
                let e = XmlError::new(kind);
                typed_error = Some(match at {
                    Some(at) => e.at(at.line, at.column).with_path(&at.path),
                    None => e,
                });
                Err(Inner::Stop)
            }
        },
    });
    match result {
        Ok(()) => Ok(()),
        Err(StreamFail::Xml(e)) => Err(XmlRecordError::Xml(e)),
        Err(StreamFail::Sink(Inner::Sink(e), _)) => Err(XmlRecordError::Sink(e)),
        // The model refused a record: positioned at its element, else where reading stands (the
        // record's end tag).
        Err(StreamFail::Sink(Inner::Stop, (line, column))) => {
            let e = typed_error.unwrap_or_else(|| {
                XmlError::new(XmlErrorKind::syntax("internal: stopped without an error"))
            });
            Err(XmlRecordError::Xml(if e.line() == 0 {
                e.at(line, column)
            } else {
                e
            }))
        }
    }
}

/// The record of section `member` from its value, checked by the typed model; an error names
/// the value's JSON pointer.
fn typed_record(member: &str, index: usize, value: &Value) -> Result<DatasetRecord, XmlErrorKind> {
    fn typed<T: DeserializeOwned>(
        member: &str,
        index: usize,
        value: &Value,
    ) -> Result<T, XmlErrorKind> {
        // Fast path without path tracking; on error, deserialise again to learn where.
        if let Ok(t) = T::deserialize(value) {
            return Ok(t);
        }
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(t) => Ok(t),
            Err(e) => {
                let inner = ozg_core::finding::pointer_from_path(e.path());
                let shown = match value.pointer(&inner) {
                    Some(Value::String(s)) => s.clone(),
                    Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
                    _ => String::new(),
                };
                Err(XmlErrorKind::Invalid {
                    field: format!("/{member}/{index}{inner}"),
                    value: shown,
                    source: Box::new(e.into_inner()),
                })
            }
        }
    }
    Ok(match DatasetSection::from_json_name(member) {
        Some(DatasetSection::ItProviders) => {
            DatasetRecord::ItProvider(typed(member, index, value)?)
        }
        Some(DatasetSection::Verwaltungen) => {
            DatasetRecord::Verwaltung(typed(member, index, value)?)
        }
        Some(DatasetSection::Onlinedienste) => {
            DatasetRecord::Onlinedienst(typed(member, index, value)?)
        }
        Some(DatasetSection::Channels) => DatasetRecord::Channel(typed(member, index, value)?),
        Some(DatasetSection::Agreements) => DatasetRecord::Agreement(typed(member, index, value)?),
        Some(DatasetSection::Rollout) => DatasetRecord::Rollout(typed(member, index, value)?),
        None => {
            return Err(XmlErrorKind::syntax(format!(
                "internal: {member} is not a section of a dataset"
            )));
        }
    })
}

/// The header members as read (with the positions of their elements), checked by the typed
/// model at the end.
#[derive(Default)]
struct HeaderParts {
    members: serde_json::Map<String, Value>,
    positions: Vec<(String, ElementPositions)>,
}

impl HeaderParts {
    fn set(&mut self, name: &str, value: Value, positions: Option<ElementPositions>) {
        self.members.insert(name.to_owned(), value);
        if let Some(p) = positions {
            self.positions.push((name.to_owned(), p));
        }
    }

    fn finish(self) -> Result<DatasetHeader, XmlError> {
        let positions = self.positions;
        let ds: ozg_core::dataset::Dataset =
            serde_path_to_error::deserialize(Value::Object(self.members)).map_err(|e| {
                let field = ozg_core::finding::pointer_from_path(e.path());
                let at = positions.iter().find_map(|(name, p)| {
                    let rest = field.strip_prefix('/')?.strip_prefix(name.as_str())?;
                    (rest.is_empty() || rest.starts_with('/'))
                        .then(|| p.position_of(rest))
                        .flatten()
                });
                let e = XmlError::new(XmlErrorKind::Invalid {
                    field,
                    value: String::new(),
                    source: Box::new(e.into_inner()),
                });
                match at {
                    Some(at) => e.at(at.line, at.column).with_path(&at.path),
                    None => e,
                }
            })?;
        Ok(DatasetHeader {
            schema: ds.schema,
            schema_version: ds.schema_version,
            title: ds.title,
            description: ds.description,
            example: ds.example,
        })
    }
}

/// The dataset's JSON: each section's records written to its spool as they come, joined in the
/// order of the dataset's serde form at the end (pretty, two spaces, as serde_json writes it).
struct JsonOut<W> {
    out: W,
    /// Per section (in [`DatasetSection::ALL`] order): its records so far and their count.
    sections: Vec<(Spool, usize)>,
    spool_dir: SpoolDir,
}

impl<W: Write> JsonOut<W> {
    fn new(out: W, spool_dir: SpoolDir) -> Self {
        JsonOut {
            out,
            sections: DatasetSection::ALL
                .iter()
                .map(|_| (Spool::new(), 0))
                .collect(),
            spool_dir,
        }
    }

    fn record(&mut self, record: &DatasetRecord) -> Result<(), XmlError> {
        let section = record.section();
        let i = DatasetSection::ALL
            .iter()
            .position(|s| *s == section)
            .unwrap_or(0);
        let Some((spool, count)) = self.sections.get_mut(i) else {
            return Err(XmlError::new(XmlErrorKind::syntax(
                "internal: no such section",
            )));
        };
        let w = spool.writer(self.spool_dir.as_deref())?;
        w.write_all(if *count == 0 { b"\n    " } else { b",\n    " })?;
        // Straight into the spool, two levels deep (inside the dataset and the section's array).
        let mut ser = serde_json::Serializer::with_formatter(w, Indented::at(2));
        match record {
            DatasetRecord::ItProvider(r) => r.serialize(&mut ser),
            DatasetRecord::Verwaltung(r) => r.serialize(&mut ser),
            DatasetRecord::Onlinedienst(r) => r.serialize(&mut ser),
            DatasetRecord::Channel(r) => r.serialize(&mut ser),
            DatasetRecord::Agreement(r) => r.serialize(&mut ser),
            DatasetRecord::Rollout(r) => r.serialize(&mut ser),
            #[allow(unreachable_patterns)]
            _ => {
                return Err(XmlError::new(XmlErrorKind::syntax(
                    "a dataset record of a kind this version of ozg-xml cannot write",
                )));
            }
        }
        .map_err(internal)?;
        *count += 1;
        Ok(())
    }

    /// The header's members as the typed dataset writes them, then every section with records.
    fn finish(mut self, header: DatasetHeader) -> Result<W, XmlError> {
        let head = serde_json::to_string_pretty(&header.into_dataset()).map_err(internal)?;
        let head = head.strip_suffix("\n}").unwrap_or(&head);
        self.out.write_all(head.as_bytes())?;
        for (section, (spool, count)) in DatasetSection::ALL.into_iter().zip(self.sections) {
            if count == 0 {
                continue;
            }
            self.out.write_all(b",\n  ")?;
            serde_json::to_writer(&mut self.out, section.json_name()).map_err(internal)?;
            self.out.write_all(b": [")?;
            std::io::copy(&mut spool.into_reader()?, &mut self.out)?;
            self.out.write_all(b"\n  ]")?;
        }
        self.out.write_all(b"\n}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// serde_json's pretty layout (two spaces per level) for a value nested `base` levels deep, so
/// that records written apart read as if written inside the whole document.
struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn at(base: usize) -> Self {
        Indented {
            level: base,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = b"                                ";
        let mut n = 2 * self.level;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}
