//! A dataset written as our XML record by record (Datenbestand satzweise als XML schreiben).
//!
//! [`DatasetXmlWriter`] takes the records of a dataset one at a time, in any order of sections,
//! and writes the same bytes as [`to_writer`](super::to_writer) of the whole dataset. The XML
//! format fixes the order of the members (as `schemas/ozg.xsd` says) while a JSON file may hold
//! them in any order, so each section's XML is kept apart until [`DatasetXmlWriter::finish`]
//! joins them: in memory up to 1 MiB per section, beyond that in an unnamed temporary file
//! (`spool_in` chooses its directory). Memory therefore stays at one record plus 6 MiB,
//! whatever the size of the dataset.
//!
//! [`json_dataset_to_writer`] converts a dataset's JSON to XML this way, reading the JSON with
//! [`ozg_core::dataset::read_records`].
//!
//! ```
//! use ozg_core::dataset::Dataset;
//! use ozg_xml::document::{json_dataset_to_writer, to_xml_string};
//!
//! let ds = Dataset::example();
//! let json = ds.to_json_pretty()?;
//! let xml = json_dataset_to_writer(json.as_bytes(), Vec::new())?;
//! assert_eq!(String::from_utf8(xml)?, to_xml_string(&ds)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{Read, Write};
use std::path::PathBuf;

use ozg_core::dataset::{
    DatasetError, DatasetHeader, DatasetRecord, DatasetSection, RecordStreamError, read_records,
};
use serde_json::Value;

use super::mapping::NodeId;
use super::spool::{Spool, SpoolDir};
use super::{Compiled, DocumentKind, compiled, internal, write};
use crate::error::XmlError;

/// Writer of a dataset in our XML format, record by record (sections spooled: one record plus at
/// most 1 MiB per section in memory, larger sections in unnamed temporary files).
pub struct DatasetXmlWriter<W: Write> {
    out: W,
    compiled: &'static Compiled,
    root: NodeId,
    /// Per section (in [`DatasetSection::ALL`] order): its XML so far and its record count.
    sections: Vec<(Spool, usize)>,
    spool_dir: SpoolDir,
}

impl<W: Write> std::fmt::Debug for DatasetXmlWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let counts: Vec<usize> = self.sections.iter().map(|(_, n)| *n).collect();
        f.debug_struct("DatasetXmlWriter")
            .field("records", &counts)
            .field("spool_dir", &self.spool_dir)
            .finish_non_exhaustive()
    }
}

impl<W: Write> DatasetXmlWriter<W> {
    /// A writer to `out`; nothing is written to `out` before [`finish`](Self::finish).
    pub fn new(out: W) -> Result<Self, XmlError> {
        let compiled = compiled()?;
        let root = compiled.root(DocumentKind::Dataset)?;
        Ok(DatasetXmlWriter {
            out,
            compiled,
            root,
            sections: DatasetSection::ALL
                .iter()
                .map(|_| (Spool::new(), 0))
                .collect(),
            spool_dir: None,
        })
    }

    /// Keeps the temporary files of large sections in `dir` (default: the system's temporary
    /// directory) — e.g. the output's directory, when the temporary directory is small or in memory.
    pub fn spool_in(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spool_dir = Some(dir.into());
        self
    }

    /// Adds a record to its section (records of a section keep their order).
    pub fn write_record(&mut self, record: &DatasetRecord) -> Result<(), XmlError> {
        let section = record.section();
        let value = match record {
            DatasetRecord::ItProvider(r) => serde_json::to_value(r),
            DatasetRecord::Verwaltung(r) => serde_json::to_value(r),
            DatasetRecord::Onlinedienst(r) => serde_json::to_value(r),
            DatasetRecord::Channel(r) => serde_json::to_value(r),
            DatasetRecord::Agreement(r) => serde_json::to_value(r),
            DatasetRecord::Rollout(r) => serde_json::to_value(r),
            // A record kind added to ozg-core later: its serde form, like the others.
            #[allow(unreachable_patterns)]
            _ => return Err(internal(UnknownRecord)),
        }
        .map_err(internal)?;
        self.write_value(section, &value)
    }

    fn write_value(&mut self, section: DatasetSection, value: &Value) -> Result<(), XmlError> {
        let i = section_index(section);
        let Some((spool, count)) = self.sections.get_mut(i) else {
            return Err(internal(UnknownRecord));
        };
        let (m, root) = (&self.compiled.mapping, self.root);
        let out = spool.writer(self.spool_dir.as_deref())?;
        write::write_member_item(m, root, section.json_name(), *count, value, out)?;
        *count += 1;
        Ok(())
    }

    /// Writes the document to the output — the header's members and every section that has
    /// records, in the XML format's order — and returns the output (flushed).
    pub fn finish(self, header: &DatasetHeader) -> Result<W, XmlError> {
        let header = serde_json::to_value(header.clone().into_dataset()).map_err(internal)?;
        let mut readers: Vec<(DatasetSection, Box<dyn Read>)> = Vec::new();
        for (section, (spool, count)) in DatasetSection::ALL.into_iter().zip(self.sections) {
            if count == 0 {
                continue;
            }
            readers.push((section, spool.into_reader()?));
        }
        let mut parts: Vec<(&str, &mut dyn Read)> = readers
            .iter_mut()
            .map(|(s, r)| (s.json_name(), &mut **r as &mut dyn Read))
            .collect();
        let mut out = write::write_document_from_parts(
            &self.compiled.mapping,
            self.root,
            DocumentKind::Dataset.root_element(),
            &header,
            &mut parts,
            self.out,
        )?;
        out.flush()?;
        Ok(out)
    }
}

fn section_index(section: DatasetSection) -> usize {
    DatasetSection::ALL
        .iter()
        .position(|s| *s == section)
        .unwrap_or(usize::MAX)
}

/// A record kind this version of ozg-xml does not know.
#[derive(Debug, thiserror::Error)]
#[error("a dataset record of a kind this version of ozg-xml cannot write")]
struct UnknownRecord;

/// Why [`json_dataset_to_writer`] failed: the JSON is not a valid dataset (pointer, line, column),
/// or the XML could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DatasetConvertError {
    /// The input is not a valid dataset.
    #[error(transparent)]
    Json(#[from] DatasetError),
    /// Writing the XML failed (I/O, or a value XML cannot carry).
    #[error(transparent)]
    Xml(#[from] XmlError),
}

/// Converts a dataset's JSON from `input` to our XML on `out`, record by record (memory: one
/// record plus the sections' spools of [`DatasetXmlWriter`]); the output equals
/// [`to_writer`](super::to_writer) of the dataset read whole. Returns the output.
pub fn json_dataset_to_writer<R: Read, W: Write>(
    input: R,
    out: W,
) -> Result<W, DatasetConvertError> {
    json_dataset_to_writer_with(input, DatasetXmlWriter::new(out)?)
}

/// [`json_dataset_to_writer`] with a configured writer (e.g. [`DatasetXmlWriter::spool_in`]).
pub fn json_dataset_to_writer_with<R: Read, W: Write>(
    input: R,
    mut writer: DatasetXmlWriter<W>,
) -> Result<W, DatasetConvertError> {
    let header =
        read_records(input, |_, record| writer.write_record(&record)).map_err(|e| match e {
            RecordStreamError::Dataset(e) => DatasetConvertError::Json(e),
            RecordStreamError::Sink(e) => DatasetConvertError::Xml(e),
        })?;
    Ok(writer.finish(&header)?)
}
