//! A dataset in our XML read part by part as JSON values, each with the positions of its
//! elements (Datenbestand teilweise als JSON-Werte): for a validator that checks every record
//! against its JSON Schema as it comes and turns the pointers of its findings into line:column
//! — also those found at the end, by rules over the whole dataset — without reading the input
//! a second time.

use std::io::Read;

use ozg_core::dataset::DatasetSection;
use serde_json::Value;

use super::positions::ElementPositions;
use super::read::{Piece, StreamFail, stream_dataset};
use super::records::XmlRecordError;
use crate::config::ReaderConfig;
use crate::error::{XmlError, XmlErrorKind};

/// A part of a dataset handed over by [`read_dataset_values`].
#[derive(Debug)]
#[non_exhaustive]
pub enum DatasetValue<'a> {
    /// The start tag of the dataset's root element (`section` `None`), or of a section's element
    /// before its records: to position what is said of the whole dataset or a whole section.
    Element {
        /// The section, or `None` for the root.
        section: Option<DatasetSection>,
        /// Where the element is (pointer `""`).
        positions: ElementPositions,
    },
    /// A member of the dataset other than its sections (`schemaVersion`, `title`, …).
    Member {
        /// Its JSON name.
        name: &'a str,
        /// Its value.
        value: Value,
        /// Where its elements are (pointers relative to the member).
        positions: ElementPositions,
    },
    /// A record of a section (Datensatz), as its JSON value.
    Record {
        /// Its section.
        section: DatasetSection,
        /// Its index within the section.
        index: usize,
        /// Its value, as the XML mapping reads it (not yet checked by the typed model).
        value: Value,
        /// Where its elements are (pointers relative to the record).
        positions: ElementPositions,
    },
}

/// Reads a dataset in our XML from `input` and calls `sink` for every member and every record in
/// document order. The XML's structure and the values the mapping knows (numbers, codes of our
/// lists, required children) are checked as by
/// [`DocumentReader::read_json`](super::DocumentReader::read_json), with their errors at the
/// element; the typed model is left to the caller. Memory: one record plus the positions handed
/// over (a few bytes per element).
///
/// ```
/// use ozg_xml::ReaderConfig;
/// use ozg_xml::document::{DatasetValue, read_dataset_values, to_xml_string};
///
/// let ds = ozg_core::dataset::Dataset::example();
/// let xml = to_xml_string(&ds)?;
/// let mut records = 0;
/// read_dataset_values(xml.as_bytes(), ReaderConfig::default(), |part| {
///     if let DatasetValue::Record { .. } = part {
///         records += 1;
///     }
///     Ok::<_, std::convert::Infallible>(())
/// })?;
/// assert_eq!(records, ds.verwaltungen.len() + ds.rollout.len() + ds.agreements.len()
///     + ds.channels.len() + ds.onlinedienste.len() + ds.it_providers.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_dataset_values<R, E, F>(
    input: R,
    config: ReaderConfig,
    mut sink: F,
) -> Result<(), XmlRecordError<E>>
where
    R: Read,
    F: FnMut(DatasetValue<'_>) -> Result<(), E>,
{
    let missing = || {
        XmlRecordError::Xml(XmlError::new(XmlErrorKind::syntax(
            "internal: positions were not recorded",
        )))
    };
    let result = stream_dataset(input, config, &mut |piece| match piece {
        Piece::Member {
            name,
            value,
            positions,
        } => {
            let positions = positions.ok_or_else(missing)?.to_owned();
            sink(DatasetValue::Member {
                name,
                value,
                positions,
            })
            .map_err(XmlRecordError::Sink)
        }
        Piece::Element { member, positions } => {
            let section = member.and_then(DatasetSection::from_json_name);
            sink(DatasetValue::Element {
                section,
                positions: positions.to_owned(),
            })
            .map_err(XmlRecordError::Sink)
        }
        Piece::Item {
            member,
            index,
            value,
            positions,
        } => {
            let positions = positions.ok_or_else(missing)?.to_owned();
            let section = DatasetSection::from_json_name(member).ok_or_else(|| {
                XmlRecordError::Xml(XmlError::new(XmlErrorKind::syntax(format!(
                    "internal: {member} is not a section of a dataset"
                ))))
            })?;
            sink(DatasetValue::Record {
                section,
                index,
                value,
                positions,
            })
            .map_err(XmlRecordError::Sink)
        }
    });
    match result {
        Ok(()) => Ok(()),
        Err(StreamFail::Xml(e)) => Err(XmlRecordError::Xml(e)),
        Err(StreamFail::Sink(e, _)) => Err(e),
    }
}
