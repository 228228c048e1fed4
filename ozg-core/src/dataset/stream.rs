//! Reading a dataset record by record (Datenbestand satzweise lesen): the JSON text is parsed
//! once, front to back, and every record (Verwaltung, Onlinedienst, rollout entry, …) is handed
//! to the caller as soon as it is read, typed and checked like [`Dataset::from_json_str`] checks
//! it. Memory: the record being read plus the parser's buffer — not the dataset, not a JSON tree.
//! For converting or scanning datasets larger than the memory one wants to spend on them.
//!
//! ```
//! use ozg_core::dataset::{Dataset, DatasetRecord, read_records};
//!
//! let json = Dataset::example().to_json_pretty()?;
//! let mut rollout = 0;
//! let header = read_records(json.as_bytes(), |_index, record| {
//!     if let DatasetRecord::Rollout(_) = record {
//!         rollout += 1;
//!     }
//!     Ok::<(), std::convert::Infallible>(())
//! })?;
//! assert_eq!(rollout, Dataset::example().rollout.len());
//! assert_eq!(header.schema_version, "1.0");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use super::{Dataset, DatasetError, json_error};
use crate::agreement::Agreement;
use crate::channel::DeliveryChannel;
use crate::org::{ItProvider, Verwaltung};
use crate::rollout::RolloutEntry;
use crate::service::Onlinedienst;

/// A section (Abschnitt) of a dataset: one of its record lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatasetSection {
    /// `itProviders`: IT-Dienstleister.
    ItProviders,
    /// `verwaltungen`: Verwaltungen.
    Verwaltungen,
    /// `onlinedienste`: Onlinedienste.
    Onlinedienste,
    /// `channels`: Zustellkanäle.
    Channels,
    /// `agreements`: Vereinbarungen.
    Agreements,
    /// `rollout`: rollout entries.
    Rollout,
}

impl DatasetSection {
    /// Every section, in the order of the dataset's JSON form ([`Dataset`]'s fields).
    pub const ALL: [DatasetSection; 6] = [
        DatasetSection::ItProviders,
        DatasetSection::Verwaltungen,
        DatasetSection::Onlinedienste,
        DatasetSection::Channels,
        DatasetSection::Agreements,
        DatasetSection::Rollout,
    ];

    /// The member name in the dataset's JSON (and the element name in its XML), e.g. `rollout`.
    pub fn json_name(self) -> &'static str {
        match self {
            DatasetSection::ItProviders => "itProviders",
            DatasetSection::Verwaltungen => "verwaltungen",
            DatasetSection::Onlinedienste => "onlinedienste",
            DatasetSection::Channels => "channels",
            DatasetSection::Agreements => "agreements",
            DatasetSection::Rollout => "rollout",
        }
    }

    /// The section with this JSON member name.
    pub fn from_json_name(name: &str) -> Option<DatasetSection> {
        DatasetSection::ALL
            .into_iter()
            .find(|s| s.json_name() == name)
    }
}

/// One record (Datensatz) of a dataset, as [`read_records`] hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DatasetRecord {
    /// An entry of `itProviders`.
    ItProvider(ItProvider),
    /// An entry of `verwaltungen`.
    Verwaltung(Verwaltung),
    /// An entry of `onlinedienste`.
    Onlinedienst(Onlinedienst),
    /// An entry of `channels`.
    Channel(DeliveryChannel),
    /// An entry of `agreements`.
    Agreement(Agreement),
    /// An entry of `rollout`.
    Rollout(RolloutEntry),
}

impl DatasetRecord {
    /// The section the record belongs to.
    pub fn section(&self) -> DatasetSection {
        match self {
            DatasetRecord::ItProvider(_) => DatasetSection::ItProviders,
            DatasetRecord::Verwaltung(_) => DatasetSection::Verwaltungen,
            DatasetRecord::Onlinedienst(_) => DatasetSection::Onlinedienste,
            DatasetRecord::Channel(_) => DatasetSection::Channels,
            DatasetRecord::Agreement(_) => DatasetSection::Agreements,
            DatasetRecord::Rollout(_) => DatasetSection::Rollout,
        }
    }

    /// Appends the record to its list in `dataset`.
    pub fn push_to(self, dataset: &mut Dataset) {
        match self {
            DatasetRecord::ItProvider(r) => dataset.it_providers.push(r),
            DatasetRecord::Verwaltung(r) => dataset.verwaltungen.push(r),
            DatasetRecord::Onlinedienst(r) => dataset.onlinedienste.push(r),
            DatasetRecord::Channel(r) => dataset.channels.push(r),
            DatasetRecord::Agreement(r) => dataset.agreements.push(r),
            DatasetRecord::Rollout(r) => dataset.rollout.push(r),
        }
    }
}

/// The members of a dataset besides its records (Kopfdaten), as [`read_records`] returns them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DatasetHeader {
    /// `$schema`, where given.
    pub schema: Option<String>,
    /// `schemaVersion` (required).
    pub schema_version: String,
    /// `title`, where given.
    pub title: Option<String>,
    /// `description`, where given.
    pub description: Option<String>,
    /// `example`.
    pub example: bool,
}

impl DatasetHeader {
    /// A dataset with these members and no records (to add records to, or to serialise the
    /// header as the dataset's JSON form does).
    pub fn into_dataset(self) -> Dataset {
        Dataset {
            schema: self.schema,
            schema_version: self.schema_version,
            title: self.title,
            description: self.description,
            example: self.example,
            ..Dataset::new()
        }
    }
}

/// Why [`read_records`] stopped: the input is not a valid dataset, or the caller's function
/// returned an error.
#[derive(Debug, thiserror::Error)]
pub enum RecordStreamError<E> {
    /// The JSON is malformed or does not fit the model (with JSON pointer, line and column).
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    /// The function given to [`read_records`] failed (its error, unchanged).
    #[error("{0}")]
    Sink(E),
}

/// The members [`read_records`] accepts at the top level (for "unknown field" messages).
const MEMBERS: &[&str] = &[
    "$schema",
    "schemaVersion",
    "title",
    "description",
    "example",
    "itProviders",
    "verwaltungen",
    "onlinedienste",
    "channels",
    "agreements",
    "rollout",
];

/// Reads a dataset's JSON from `input` and calls `sink(index, record)` for every record in the
/// order of the text (`index` counts within the record's section, so the record's pointer is
/// `/<section>/<index>`); returns the header members once the input is read. The input is read
/// exactly as [`Dataset::from_json_str`] reads it — the same members, types and checks (unknown
/// and duplicate members are errors) — but never held whole: memory stays at the size of one
/// record. Errors carry the JSON pointer of the value and its line and column.
///
/// `input` is read in large reads; wrap a slow source in a `BufReader` anyway if it is unbuffered
/// and small reads are expensive.
pub fn read_records<R, E, F>(input: R, sink: F) -> Result<DatasetHeader, RecordStreamError<E>>
where
    R: Read,
    F: FnMut(usize, DatasetRecord) -> Result<(), E>,
{
    let state = State {
        sink: RefCell::new(sink),
        sink_error: RefCell::new(None),
        pointer: RefCell::new(None),
    };
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, input));
    let result = de::Deserializer::deserialize_map(&mut de, Top { state: &state })
        .and_then(|header| de.end().map(|()| header));
    result.map_err(|e| {
        if let Some(sink_error) = state.sink_error.borrow_mut().take() {
            return RecordStreamError::Sink(sink_error);
        }
        let pointer = state.pointer.borrow_mut().take().unwrap_or_default();
        RecordStreamError::Dataset(json_error(None, pointer, &e))
    })
}

struct State<F, E> {
    sink: RefCell<F>,
    sink_error: RefCell<Option<E>>,
    /// The pointer of the value that failed, set where it is known.
    pointer: RefCell<Option<String>>,
}

impl<F, E> State<F, E> {
    fn fail_at<X: de::Error>(&self, pointer: String, error: X) -> X {
        self.pointer.borrow_mut().get_or_insert(pointer);
        error
    }
}

struct Top<'s, F, E> {
    state: &'s State<F, E>,
}

impl<'de, F, E> Visitor<'de> for Top<'_, F, E>
where
    F: FnMut(usize, DatasetRecord) -> Result<(), E>,
{
    type Value = DatasetHeader;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a dataset object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DatasetHeader, A::Error> {
        let st = self.state;
        let mut header = DatasetHeader::default();
        let mut version = None;
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let at = format!("/{}", crate::json::escape_pointer_token(&key));
            if seen.contains(&key) {
                let e = de::Error::custom(format_args!("duplicate field `{key}`"));
                return Err(st.fail_at(at, e));
            }
            seen.push(key.clone());
            let scalar = |r: Result<(), A::Error>| r.map_err(|e| st.fail_at(at.clone(), e));
            match key.as_str() {
                "$schema" => scalar(map.next_value().map(|v| header.schema = v))?,
                "schemaVersion" => scalar(map.next_value().map(|v| version = Some(v)))?,
                "title" => scalar(map.next_value().map(|v| header.title = v))?,
                "description" => scalar(map.next_value().map(|v| header.description = v))?,
                "example" => scalar(map.next_value().map(|v| header.example = v))?,
                other => match DatasetSection::from_json_name(other) {
                    Some(section) => map.next_value_seed(Section { state: st, section })?,
                    None => {
                        let e = de::Error::unknown_field(other, MEMBERS);
                        // The rest is not read: the error stops reading.
                        let _ = map.next_value::<IgnoredAny>();
                        return Err(st.fail_at(at, e));
                    }
                },
            }
        }
        header.schema_version = version
            .ok_or_else(|| st.fail_at(String::new(), de::Error::missing_field("schemaVersion")))?;
        Ok(header)
    }
}

struct Section<'s, F, E> {
    state: &'s State<F, E>,
    section: DatasetSection,
}

impl<'de, F, E> DeserializeSeed<'de> for Section<'_, F, E>
where
    F: FnMut(usize, DatasetRecord) -> Result<(), E>,
{
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let at = format!("/{}", self.section.json_name());
        let st = self.state;
        d.deserialize_seq(self).map_err(|e| st.fail_at(at, e))
    }
}

impl<'de, F, E> Visitor<'de> for Section<'_, F, E>
where
    F: FnMut(usize, DatasetRecord) -> Result<(), E>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of {} records", self.section.json_name())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            let record = match self.section {
                DatasetSection::ItProviders => {
                    self.next(&mut seq, index)?.map(DatasetRecord::ItProvider)
                }
                DatasetSection::Verwaltungen => {
                    self.next(&mut seq, index)?.map(DatasetRecord::Verwaltung)
                }
                DatasetSection::Onlinedienste => {
                    self.next(&mut seq, index)?.map(DatasetRecord::Onlinedienst)
                }
                DatasetSection::Channels => self.next(&mut seq, index)?.map(DatasetRecord::Channel),
                DatasetSection::Agreements => {
                    self.next(&mut seq, index)?.map(DatasetRecord::Agreement)
                }
                DatasetSection::Rollout => self.next(&mut seq, index)?.map(DatasetRecord::Rollout),
            };
            let Some(record) = record else {
                return Ok(());
            };
            if let Err(e) = (self.state.sink.borrow_mut())(index, record) {
                *self.state.sink_error.borrow_mut() = Some(e);
                return Err(de::Error::custom("stopped by the record sink"));
            }
            index += 1;
        }
    }
}

impl<F, E> Section<'_, F, E> {
    /// The next record of type `T`, its error with the pointer of the failing value.
    fn next<'de, T: DeserializeOwned, A: SeqAccess<'de>>(
        &self,
        seq: &mut A,
        index: usize,
    ) -> Result<Option<T>, A::Error> {
        seq.next_element_seed(Record::<T> {
            state: &self.state.pointer,
            prefix: (self.section, index),
            _t: PhantomData,
        })
    }
}

struct Record<'s, T> {
    state: &'s RefCell<Option<String>>,
    prefix: (DatasetSection, usize),
    _t: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Record<'_, T> {
    type Value = T;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        serde_path_to_error::deserialize(d).map_err(|e| {
            let mut inner = crate::finding::pointer_from_path(e.path());
            let error = e.into_inner();
            // serde's derived visitors report a duplicate member at its object; the pointer
            // names the member itself, as the whole-document reader's does.
            let message = error.to_string();
            if let Some(name) = message
                .strip_prefix("duplicate field `")
                .and_then(|rest| rest.split_once('`'))
                .map(|(name, _)| name)
            {
                inner.push('/');
                inner.push_str(&crate::json::escape_pointer_token(name));
            }
            let (section, index) = self.prefix;
            self.state
                .borrow_mut()
                .get_or_insert(format!("/{}/{index}{inner}", section.json_name()));
            error
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read_all(json: &str) -> Result<Dataset, RecordStreamError<std::convert::Infallible>> {
        let mut records = Vec::new();
        let header = read_records(json.as_bytes(), |i, r| {
            records.push((i, r));
            Ok(())
        })?;
        let mut ds = header.into_dataset();
        for (_, r) in records {
            r.push_to(&mut ds);
        }
        Ok(ds)
    }

    fn error(json: &str) -> (String, usize, usize, String) {
        match read_all(json).unwrap_err() {
            RecordStreamError::Dataset(DatasetError::Json {
                pointer,
                line,
                column,
                message,
                ..
            }) => (pointer, line, column, message),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn the_example_reads_as_the_whole_dataset_reads() {
        let ds = Dataset::example();
        assert_eq!(read_all(&ds.to_json_pretty().unwrap()).unwrap(), ds);
    }

    #[test]
    fn errors_say_where_like_the_whole_document_reader() {
        let json = "{\"schemaVersion\": \"1.0\",\n \"verwaltungen\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"amt\"},\n {\"id\": \"b\", \"name\": 5, \"kind\": \"amt\"}]}";
        let (pointer, line, _, message) = error(json);
        assert_eq!(pointer, "/verwaltungen/1/name");
        assert_eq!(line, 3);
        assert!(message.contains("expected a string"), "{message}");
        match Dataset::from_json_str(json).unwrap_err() {
            DatasetError::Json { pointer: p, .. } => assert_eq!(p, pointer),
            other => panic!("{other}"),
        }

        let (pointer, ..) = error(r#"{"schemaVersion": "1.0", "rollout": [], "rollout": []}"#);
        assert_eq!(pointer, "/rollout");
        let (pointer, _, _, message) = error(r#"{"schemaVersion": "1.0", "rolout": []}"#);
        assert_eq!(pointer, "/rolout");
        assert!(message.contains("unknown field `rolout`"), "{message}");
        let (pointer, _, _, message) = error(r#"{"verwaltungen": []}"#);
        assert_eq!(pointer, "");
        assert!(message.contains("schemaVersion"), "{message}");
        let (pointer, ..) = error(r#"{"schemaVersion": "1.0", "rollout": {}}"#);
        assert_eq!(pointer, "/rollout");
        let (pointer, _, column, _) = error(r#"{"schemaVersion": "1.0"} x"#);
        assert_eq!((pointer.as_str(), column), ("", 26));
        // A duplicate member of a record: the pointer names the member.
        let (pointer, _, _, message) =
            error(r#"{"schemaVersion": "1.0", "channels": [{"id": "c", "id": "d"}]}"#);
        assert_eq!(pointer, "/channels/0/id");
        assert!(message.contains("duplicate field `id`"), "{message}");
    }

    #[test]
    fn the_sink_error_is_returned_unchanged() {
        let json = Dataset::example().to_json_pretty().unwrap();
        let mut calls = 0;
        let r = read_records(json.as_bytes(), |_, _| {
            calls += 1;
            Err("full")
        });
        assert!(matches!(r, Err(RecordStreamError::Sink("full"))));
        assert_eq!(calls, 1, "reading stops at the first error");
    }
}
