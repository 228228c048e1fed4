//! A dataset's JSON validated record by record (private): each record's value is checked
//! against the JSON Schema of its kind as soon as it is read, then kept only as its typed model
//! for the rules that need the whole dataset (references between records). Memory: the typed
//! dataset plus one record's value — not the dataset's JSON tree.
//!
//! The findings are those of validating the document whole (the same codes, pointers and
//! messages; the header's schema findings come after the records' instead of before).

use std::cell::RefCell;
use std::fmt;

use ozg_core::dataset::{DATASET_ONLY_MEMBERS, Dataset, DatasetSection};
use ozg_core::document::DocumentKind;
use ozg_core::json::{PathState, PointerSegment, StrictValue};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::codes::Code;
use crate::report::ValidationFinding;
use crate::validator::{Validator, within};

/// The document kind of a section's records.
fn record_kind(section: DatasetSection) -> DocumentKind {
    match section {
        DatasetSection::ItProviders => DocumentKind::ItProvider,
        DatasetSection::Verwaltungen => DocumentKind::Verwaltung,
        DatasetSection::Onlinedienste => DocumentKind::Onlinedienst,
        DatasetSection::Channels => DocumentKind::DeliveryChannel,
        DatasetSection::Agreements => DocumentKind::Agreement,
        DatasetSection::Rollout => DocumentKind::RolloutEntry,
    }
}

/// The state of one dataset being validated.
pub(crate) struct DatasetCheck<'v> {
    validator: &'v Validator,
    /// The records typed so far (the sections of the dataset).
    records: Dataset,
    /// Whether every record so far fits the model.
    typed: bool,
    /// Whether no schema finding was reported.
    schema_clean: bool,
    /// The first record the model refused, reported only if the schema found nothing.
    model_finding: Option<ValidationFinding>,
}

impl<'v> DatasetCheck<'v> {
    pub(crate) fn new(validator: &'v Validator) -> Self {
        DatasetCheck {
            validator,
            records: Dataset::new(),
            typed: true,
            schema_clean: true,
            model_finding: None,
        }
    }

    /// Checks one record (its schema now; its model kept for the end).
    pub(crate) fn record(
        &mut self,
        section: DatasetSection,
        index: usize,
        value: &Value,
        out: &mut dyn FnMut(ValidationFinding) -> Result<(), ()>,
    ) -> Result<(), ()> {
        let prefix = format!("/{}/{index}", section.json_name());
        for f in self.validator.schema_findings(record_kind(section), value) {
            self.schema_clean = false;
            out(within(f, &prefix))?;
        }
        if !self.typed {
            return Ok(());
        }
        let pushed = match section {
            DatasetSection::ItProviders => typed(value).map(|r| self.records.it_providers.push(r)),
            DatasetSection::Verwaltungen => typed(value).map(|r| self.records.verwaltungen.push(r)),
            DatasetSection::Onlinedienste => {
                typed(value).map(|r| self.records.onlinedienste.push(r))
            }
            DatasetSection::Channels => typed(value).map(|r| self.records.channels.push(r)),
            DatasetSection::Agreements => typed(value).map(|r| self.records.agreements.push(r)),
            DatasetSection::Rollout => typed(value).map(|r| self.records.rollout.push(r)),
        };
        if let Err((pointer, message)) = pushed {
            self.typed = false;
            self.records = Dataset::new();
            self.model_finding = Some(ValidationFinding::new(
                Code::Model,
                format!("{prefix}{pointer}"),
                message,
            ));
        }
        Ok(())
    }

    /// The header's schema findings, then the rules over the whole dataset. Returns whether
    /// the JSON Schemas found nothing in the whole dataset.
    pub(crate) fn finish(
        mut self,
        header: Map<String, Value>,
        out: &mut dyn FnMut(ValidationFinding) -> Result<(), ()>,
    ) -> Result<bool, ()> {
        let header = Value::Object(header);
        for f in self
            .validator
            .schema_findings(DocumentKind::Dataset, &header)
        {
            self.schema_clean = false;
            out(f)?;
        }
        let dataset = if self.typed {
            typed::<Dataset>(&header).map(|head| Dataset {
                it_providers: std::mem::take(&mut self.records.it_providers),
                verwaltungen: std::mem::take(&mut self.records.verwaltungen),
                onlinedienste: std::mem::take(&mut self.records.onlinedienste),
                channels: std::mem::take(&mut self.records.channels),
                agreements: std::mem::take(&mut self.records.agreements),
                rollout: std::mem::take(&mut self.records.rollout),
                ..head
            })
        } else {
            Err((String::new(), String::new()))
        };
        match dataset {
            Ok(ds) => {
                let findings =
                    ds.check_with_codes(self.validator.catalogue(), self.validator.codelists());
                drop(ds);
                for f in findings {
                    out(f.into())?;
                }
            }
            Err((pointer, message)) if self.schema_clean => {
                let f = self
                    .model_finding
                    .take()
                    .unwrap_or_else(|| ValidationFinding::new(Code::Model, pointer, message));
                out(f)?;
            }
            Err(_) => {}
        }
        Ok(self.schema_clean)
    }
}

/// The typed model of a value; its error as (pointer, message).
fn typed<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    if let Ok(t) = T::deserialize(value) {
        return Ok(t);
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let pointer = ozg_core::finding::pointer_from_path(e.path());
        (pointer, e.into_inner().to_string())
    })
}

/// The rest of a top-level object whose first key was read: a dataset's members are read
/// record by record (each record handed to `on_record`, the other members collected); any
/// other object is read whole, duplicate keys rejected like [`StrictValue`] does.
pub(crate) enum ObjectRest {
    /// The whole object (not a dataset).
    Whole(Value),
    /// A dataset's members other than its record arrays.
    DatasetHeader(Map<String, Value>),
}

/// Reads the rest of a top-level object after its first key `first`.
pub(crate) fn read_object_rest<'de, A: MapAccess<'de>>(
    mut map: A,
    first: String,
    as_dataset: bool,
    state: &RefCell<PathState>,
    on_record: &mut dyn FnMut(DatasetSection, usize, Value) -> Result<(), ()>,
) -> Result<ObjectRest, A::Error> {
    let mut out = Map::new();
    // Every member seen, also the sections read record by record (which `out` does not hold).
    let mut seen: Vec<String> = Vec::new();
    let mut key = Some(first);
    while let Some(k) = key.take() {
        state.borrow_mut().push(PointerSegment::Key(k.clone()));
        if seen.contains(&k) {
            let mut st = state.borrow_mut();
            let at = st.current_pointer();
            let message = format!("duplicate key \"{k}\" at {at}");
            st.mark_duplicate(at);
            return Err(de::Error::custom(message));
        }
        seen.push(k.clone());
        match DatasetSection::from_json_name(&k).filter(|_| as_dataset) {
            Some(section) => {
                let seed = SectionSeed {
                    state,
                    section,
                    on_record: &mut *on_record,
                };
                if let Some(other) = map.next_value_seed(seed)? {
                    out.insert(k, other);
                }
            }
            None => {
                let v = map.next_value_seed(StrictValue { state })?;
                out.insert(k, v);
            }
        }
        state.borrow_mut().pop();
        key = map.next_key::<String>()?;
    }
    if as_dataset {
        Ok(ObjectRest::DatasetHeader(out))
    } else {
        Ok(ObjectRest::Whole(Value::Object(out)))
    }
}

/// A section's value: an array is handed on record by record (`None` returned); anything else
/// is returned as a value for the schema to judge.
struct SectionSeed<'a, 'f> {
    state: &'a RefCell<PathState>,
    section: DatasetSection,
    on_record: &'f mut dyn FnMut(DatasetSection, usize, Value) -> Result<(), ()>,
}

impl<'de> DeserializeSeed<'de> for SectionSeed<'_, '_> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SectionSeed<'_, '_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Value>, A::Error> {
        let mut i = 0;
        loop {
            self.state.borrow_mut().push(PointerSegment::Index(i));
            let Some(item) = seq.next_element_seed(StrictValue { state: self.state })? else {
                self.state.borrow_mut().pop();
                return Ok(None);
            };
            self.state.borrow_mut().pop();
            (self.on_record)(self.section, i, item).map_err(|()| de::Error::custom("stopped"))?;
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Value>, A::Error> {
        StrictValue { state: self.state }.visit_map(map).map(Some)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<Value>, E> {
        Ok(Some(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Value>, E> {
        StrictValue { state: self.state }.visit_f64(v).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Value>, E> {
        Ok(Some(Value::String(v.to_owned())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Value>, E> {
        Ok(Some(Value::Null))
    }
}

/// Whether an object with first member `first` is read record by record: a dataset is named by
/// `kind`, or (no kind given) told from a member only a dataset has.
pub(crate) fn streams_as_dataset(kind: Option<DocumentKind>, first: &str) -> bool {
    match kind {
        Some(kind) => kind == DocumentKind::Dataset,
        None => DATASET_ONLY_MEMBERS.contains(&first),
    }
}
