//! A dataset in our XML validated part by part (private): each record is checked against the
//! JSON Schema of its kind as it is read and then kept as its typed model (for the rules over
//! the whole dataset) and as the positions of its elements (a few bytes per element), so that
//! every finding — also those of the rules at the end — gets the line and column of its element
//! from the one pass over the input.
//!
//! The findings are those of validating the document whole, with the header's schema findings
//! after the records' (as for a JSON dataset read record by record).

use std::cell::RefCell;
use std::io::Read;

use ozg_core::dataset::DatasetSection;
use ozg_xml::document::{DatasetValue, ElementPositions, XmlRecordError, read_dataset_values};
use ozg_xml::{ReaderConfig, XmlErrorKind};
use serde_json::Map;

use crate::codes::Code;
use crate::dataset_stream::DatasetCheck;
use crate::report::ValidationFinding;
use crate::validator::Validator;
use crate::xml::{is_fatal, xml_finding};

/// The positions of every part read so far, to position the findings of the last rules.
#[derive(Default)]
struct Positions {
    /// The root element and the sections' elements (pointers `""`, `/rollout`, …).
    elements: Vec<(Option<DatasetSection>, ElementPositions)>,
    header: Vec<(String, ElementPositions)>,
    /// Per section, in [`DatasetSection::ALL`] order: its records' positions by index.
    records: Vec<Vec<ElementPositions>>,
}

impl Positions {
    fn section(&mut self, s: DatasetSection) -> &mut Vec<ElementPositions> {
        let i = section_index(s);
        if self.records.len() <= i {
            self.records.resize_with(i + 1, Vec::new);
        }
        &mut self.records[i]
    }

    /// The finding at the start tag of its pointer's element (or of the deepest element on
    /// the way), if that element was read.
    fn place(&self, f: ValidationFinding) -> ValidationFinding {
        let element = |section: Option<DatasetSection>| {
            self.elements
                .iter()
                .find(|(s, _)| *s == section)
                .and_then(|(_, p)| p.position_of(""))
        };
        let Some(rest) = f.pointer.strip_prefix('/') else {
            return match element(None) {
                Some(at) => f.at(at.line, Some(at.column)),
                None => f,
            };
        };
        let (first, after) = rest.split_once('/').map_or((rest, ""), |(a, b)| (a, b));
        let at = match DatasetSection::from_json_name(first) {
            Some(section) => {
                let (index, inner) = after.find('/').map_or((after, ""), |k| after.split_at(k));
                index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.records.get(section_index(section))?.get(i))
                    .and_then(|p| p.position_of(inner))
                    .or_else(|| element(Some(section)))
            }
            None => self
                .header
                .iter()
                .find(|(name, _)| name == first)
                .and_then(|(_, p)| p.position_of(&rest[first.len()..]))
                .or_else(|| element(None)),
        };
        match at {
            Some(at) => f.at(at.line, Some(at.column)),
            None => f,
        }
    }
}

fn section_index(s: DatasetSection) -> usize {
    DatasetSection::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or(0)
}

/// How the validation of a streamed dataset ended for its caller.
pub(crate) enum DatasetEnd<E> {
    /// Read to the end; whether the JSON Schemas found nothing.
    Done { schema_valid: bool },
    /// The sink of findings failed.
    Sink(E),
    /// Reading the input failed (the findings so far were handed over).
    Io(std::io::Error),
}

impl Validator {
    /// Validates a dataset in our XML from `input`, handing every finding to `out` as soon as
    /// it is known (schema findings per record, the rules over the whole dataset at the end);
    /// broken XML ends it with one `xml.syntax` or `xml.content` finding.
    pub(crate) fn xml_dataset_stream<R: Read, E>(
        &self,
        input: R,
        config: ReaderConfig,
        out: &mut dyn FnMut(ValidationFinding) -> Result<(), E>,
    ) -> DatasetEnd<E> {
        let mut check = DatasetCheck::new(self);
        let mut header = Map::new();
        let mut positions = Positions::default();
        let failed: RefCell<Option<E>> = RefCell::new(None);
        let mut push = |f: ValidationFinding| -> Result<(), ()> {
            if failed.borrow().is_some() {
                return Err(());
            }
            out(f).map_err(|e| *failed.borrow_mut() = Some(e))
        };
        let read = read_dataset_values(input, config, |part| match part {
            DatasetValue::Element {
                section,
                positions: p,
            } => {
                positions.elements.push((section, p));
                Ok(())
            }
            DatasetValue::Member {
                name,
                value,
                positions: p,
            } => {
                header.insert(name.to_owned(), value);
                positions.header.push((name.to_owned(), p));
                Ok(())
            }
            DatasetValue::Record {
                section,
                index,
                value,
                positions: p,
            } => {
                let prefix_len = section.json_name().len() + 2 + index.to_string().len();
                let result = check.record(section, index, &value, &mut |f| {
                    let at = p.position_of(f.pointer.get(prefix_len..).unwrap_or(""));
                    push(match at {
                        Some(at) => f.at(at.line, Some(at.column)),
                        None => f,
                    })
                });
                positions.section(section).push(p);
                result
            }
            _ => Ok(()),
        });
        match read {
            Ok(()) => {}
            Err(XmlRecordError::Sink(())) => {}
            Err(XmlRecordError::Xml(e)) => {
                if let XmlErrorKind::Io(io) = e.kind() {
                    return DatasetEnd::Io(std::io::Error::new(io.kind(), io.to_string()));
                }
                let code = if is_fatal(&e) {
                    Code::XmlSyntax
                } else {
                    Code::XmlContent
                };
                let _ = push(xml_finding(code, &e));
                return match failed.into_inner() {
                    Some(e) => DatasetEnd::Sink(e),
                    None => DatasetEnd::Done {
                        schema_valid: false,
                    },
                };
            }
        }
        let stopped = failed.borrow().is_some();
        let schema_valid = !stopped
            && check
                .finish(header, &mut |f| push(positions.place(f)))
                .unwrap_or(false);
        match failed.into_inner() {
            Some(e) => DatasetEnd::Sink(e),
            None => DatasetEnd::Done { schema_valid },
        }
    }
}
