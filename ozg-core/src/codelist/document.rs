//! One version of a code list: identification, columns, keys and rows, checked on construction.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};

use super::annotation::{Annotation, XoevMetadata};

/// A long name (Langname, `LongName`) with its optional `xml:lang` and `Identifier` attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LongName {
    /// The name.
    pub value: String,
    /// Language (`xml:lang`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Attribute `Identifier` (what kind of long name this is), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
}

impl LongName {
    /// A long name without attributes.
    pub fn new(value: impl Into<String>) -> Self {
        LongName {
            value: value.into(),
            lang: None,
            identifier: None,
        }
    }
}

/// The publisher of a list (Herausgeber, `Agency`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Agency {
    /// `ShortName`, e.g. `Destatis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// `LongName`s, e.g. "Statistisches Bundesamt, Wiesbaden".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub long_names: Vec<LongName>,
    /// `Identifier`s of the agency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
}

/// Identification of a code-list version (Identifikation, `Identification`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identification {
    /// `ShortName` (Kurzname), e.g. `Regionalschluessel`.
    pub short_name: String,
    /// `LongName`s (Langname).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub long_names: Vec<LongName>,
    /// `Version` (Version), e.g. `2026-04-30`; the XÖV `listVersionID`.
    pub version: String,
    /// `CanonicalUri` (Kennung der Liste), the XÖV `listURI`.
    pub canonical_uri: String,
    /// `CanonicalVersionUri` (Kennung der Version), e.g. `…:rs_2026-04-30`.
    pub canonical_version_uri: String,
    /// `LocationUri`s (where the list can be fetched).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub location_uris: Vec<String>,
    /// `Agency` (Herausgeber), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Agency>,
}

impl Identification {
    /// An identification with the four required parts.
    pub fn new(
        short_name: impl Into<String>,
        version: impl Into<String>,
        canonical_uri: impl Into<String>,
        canonical_version_uri: impl Into<String>,
    ) -> Self {
        Identification {
            short_name: short_name.into(),
            long_names: Vec::new(),
            version: version.into(),
            canonical_uri: canonical_uri.into(),
            canonical_version_uri: canonical_version_uri.into(),
            location_uris: Vec::new(),
            agency: None,
        }
    }

    /// The first long name, if any.
    pub fn long_name(&self) -> Option<&str> {
        self.long_names.first().map(|l| l.value.as_str())
    }
}

/// Whether a column must have a value in every row (`Use`, Verwendung).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ColumnUse {
    /// `required` (Pflicht).
    Required,
    /// `optional` (optional).
    Optional,
}

impl ColumnUse {
    /// The Genericode attribute value (`required`, `optional`).
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnUse::Required => "required",
            ColumnUse::Optional => "optional",
        }
    }
}

/// A column (Spalte, `Column`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Column {
    /// Attribute `Id`, the name rows refer to (`ColumnRef`).
    pub id: String,
    /// Attribute `Use`.
    #[serde(rename = "use")]
    pub use_: ColumnUse,
    /// `ShortName`.
    pub short_name: String,
    /// `LongName`s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub long_names: Vec<LongName>,
    /// `CanonicalUri` of the column, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_uri: Option<String>,
    /// `CanonicalVersionUri` of the column, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_version_uri: Option<String>,
    /// `Data/@Type` (Datentyp), e.g. `string`.
    pub data_type: String,
    /// `Data/@DatatypeLibrary`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datatype_library: Option<String>,
    /// `Data/@Lang`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The column's `Annotation`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation: Option<Annotation>,
}

impl Column {
    /// A `string` column whose short name is its id.
    pub fn new(id: impl Into<String>, use_: ColumnUse) -> Self {
        let id = id.into();
        Column {
            short_name: id.clone(),
            id,
            use_,
            long_names: Vec::new(),
            canonical_uri: None,
            canonical_version_uri: None,
            data_type: "string".to_owned(),
            datatype_library: None,
            lang: None,
            annotation: None,
        }
    }
}

/// A key (Schlüssel, `Key`): columns whose values identify a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Key {
    /// Attribute `Id`.
    pub id: String,
    /// `ShortName`.
    pub short_name: String,
    /// `LongName`s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub long_names: Vec<LongName>,
    /// `CanonicalUri` of the key, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_uri: Option<String>,
    /// `CanonicalVersionUri` of the key, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_version_uri: Option<String>,
    /// The column ids (`ColumnRef/@Ref`), in order.
    pub columns: Vec<String>,
    /// The key's `Annotation` (XÖV marks the recommended key with `recommendedKeyColumn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation: Option<Annotation>,
}

impl Key {
    /// A key over the named columns whose short name is its id.
    pub fn new<S: Into<String>>(
        id: impl Into<String>,
        columns: impl IntoIterator<Item = S>,
    ) -> Self {
        let id = id.into();
        Key {
            short_name: id.clone(),
            id,
            long_names: Vec::new(),
            canonical_uri: None,
            canonical_version_uri: None,
            columns: columns.into_iter().map(Into::into).collect(),
            annotation: None,
        }
    }

    /// Whether the key is marked as the recommended one (`recommendedKeyColumn`, Handbook 1.x;
    /// `xoev-code`, older handbooks).
    pub fn is_recommended(&self) -> bool {
        self.annotation
            .as_ref()
            .is_some_and(|a| a.has_app_info("recommendedKeyColumn") || a.has_app_info("xoev-code"))
    }

    /// Whether the key is marked as the code-name key (`xoev-codename`).
    pub fn is_codename(&self) -> bool {
        self.annotation
            .as_ref()
            .is_some_and(|a| a.has_app_info("xoev-codename"))
    }
}

/// Columns and keys of a list (Spaltendefinition, `ColumnSet`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ColumnSet {
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The keys, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<Key>,
}

impl ColumnSet {
    /// A column set.
    pub fn new(columns: Vec<Column>, keys: Vec<Key>) -> Self {
        ColumnSet { columns, keys }
    }

    /// Position of a column by id.
    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// The recommended key: the one marked `recommendedKeyColumn` (or `xoev-code`), else the
    /// first key; `None` when the list declares no key.
    pub fn recommended_key(&self) -> Option<&Key> {
        self.keys
            .iter()
            .find(|k| k.is_recommended())
            .or_else(|| self.keys.first())
    }

    /// The column holding the label (Bezeichnung) of a code: the single column of the key
    /// marked `xoev-codename`, else a column with id `Bezeichnung` or `name` (any case);
    /// `None` when the list names none.
    pub fn label_column(&self) -> Option<usize> {
        if let Some(k) = self.keys.iter().find(|k| k.is_codename())
            && let [col] = k.columns.as_slice()
        {
            return self.column_index(col);
        }
        self.columns.iter().position(|c| {
            c.id.eq_ignore_ascii_case("bezeichnung") || c.id.eq_ignore_ascii_case("name")
        })
    }
}

/// One value of a row (Wert einer Zeile), keeping apart a value left out, a `Value` element
/// without content and a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Cell {
    /// The row has no `Value` for this column (fehlt).
    #[default]
    Absent,
    /// The row has a `Value` for this column without a `SimpleValue` (leer), e.g.
    /// `<Value ColumnRef="Hinweis"/>`. In JSON: `null`.
    Empty,
    /// `SimpleValue` text (may be the empty string).
    Text(String),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    /// The text, `None` for [`Cell::Absent`] and [`Cell::Empty`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A row (Zeile): one [`Cell`] per column of the [`ColumnSet`], in column order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The cells, one per column.
    pub cells: Vec<Cell>,
    /// The row's own `Annotation`, when given.
    pub annotation: Option<Box<Annotation>>,
}

impl Row {
    /// A row of these cells.
    pub fn new(cells: Vec<Cell>) -> Self {
        Row {
            cells,
            annotation: None,
        }
    }

    /// The cell of column `index` ([`Cell::Absent`] beyond the row).
    pub fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Absent)
    }
}

/// Why a list's parts do not make a code list (Codelistenfehler). Rows are counted from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeListError {
    /// The column set has no column.
    #[error("the column set has no column")]
    NoColumns,
    /// Two columns have the same id.
    #[error("duplicate column id \"{id}\"")]
    DuplicateColumn {
        /// The id.
        id: String,
    },
    /// Two keys have the same id.
    #[error("duplicate key id \"{id}\"")]
    DuplicateKeyId {
        /// The id.
        id: String,
    },
    /// A key or a row names a column the column set does not declare.
    #[error("unknown column \"{column}\"; the column set declares {declared}")]
    UnknownColumn {
        /// The column reference.
        column: String,
        /// The declared column ids, comma-separated.
        declared: String,
    },
    /// A key has no column.
    #[error("key \"{key}\" names no column")]
    EmptyKey {
        /// The key id.
        key: String,
    },
    /// A row has more cells than there are columns.
    #[error("row {row} has {found} cells, but the column set has {expected} columns")]
    RowLength {
        /// The row (from 1).
        row: usize,
        /// Number of columns.
        expected: usize,
        /// Number of cells.
        found: usize,
    },
    /// A row gives a value for the same column twice.
    #[error("row {row} gives column \"{column}\" twice")]
    DuplicateValue {
        /// The row (from 1).
        row: usize,
        /// The column id.
        column: String,
    },
    /// A required column (or a key column) has no value in a row.
    #[error("row {row} has no value for the {what} column \"{column}\"")]
    MissingValue {
        /// The row (from 1).
        row: usize,
        /// The column id.
        column: String,
        /// `required` or `key`.
        what: &'static str,
    },
    /// Two rows have the same value of a key.
    #[error(
        "row {row} repeats the value \"{value}\" of key \"{key}\" first given in row {first_row}"
    )]
    DuplicateKeyValue {
        /// The key id.
        key: String,
        /// The value (several columns joined with `|`).
        value: String,
        /// The repeating row (from 1).
        row: usize,
        /// The row that had the value first (from 1).
        first_row: usize,
    },
}

/// The column of a single-column key and its value → row index.
type KeyIndex = (usize, HashMap<String, usize>);

/// One version of a code list (Codeliste in einer Version) as Genericode describes it.
///
/// Built with [`CodeListDocument::new`], which checks the parts: unique column and key ids,
/// keys and rows referring to declared columns, required values present, key values unique.
/// The recommended key (see [`ColumnSet::recommended_key`]) is indexed for
/// [`row_by_key`](Self::row_by_key) when it has one column.
///
/// Serde: `{"identification":…, "annotation":…, "columnSet":…, "rows":[{"<columnId>": value}]}`
/// where a row object leaves an absent value out and gives an empty one as `null`.
#[derive(Debug, Clone)]
pub struct CodeListDocument {
    identification: Identification,
    annotation: Option<Annotation>,
    column_set: ColumnSet,
    rows: Vec<Row>,
    schema_location: Option<String>,
    /// Recommended single-column key value → row index.
    index: Option<KeyIndex>,
}

impl PartialEq for CodeListDocument {
    fn eq(&self, other: &Self) -> bool {
        self.identification == other.identification
            && self.annotation == other.annotation
            && self.column_set == other.column_set
            && self.rows == other.rows
            && self.schema_location == other.schema_location
    }
}

impl Eq for CodeListDocument {}

fn declared(columns: &ColumnSet) -> String {
    columns
        .columns
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl CodeListDocument {
    /// Checks the parts and builds the document (see the type's documentation for the checks).
    pub fn new(
        identification: Identification,
        column_set: ColumnSet,
        rows: Vec<Row>,
    ) -> Result<Self, CodeListError> {
        Self::check_column_set(&column_set)?;
        let mut doc = CodeListDocument {
            identification,
            annotation: None,
            column_set,
            rows,
            schema_location: None,
            index: None,
        };
        for (i, row) in doc.rows.iter().enumerate() {
            doc.check_row(i, row)?;
        }
        doc.index = doc.check_keys()?;
        Ok(doc)
    }

    /// Sets the list's `Annotation`.
    pub fn with_annotation(mut self, annotation: Option<Annotation>) -> Self {
        self.annotation = annotation;
        self
    }

    /// Sets the `xsi:schemaLocation` of the root element (kept for writing back).
    pub fn with_schema_location(mut self, schema_location: Option<String>) -> Self {
        self.schema_location = schema_location;
        self
    }

    /// Checks a column set on its own: at least one column, unique ids, keys over declared columns.
    pub fn check_column_set(column_set: &ColumnSet) -> Result<(), CodeListError> {
        if column_set.columns.is_empty() {
            return Err(CodeListError::NoColumns);
        }
        let mut seen = HashSet::new();
        for c in &column_set.columns {
            if !seen.insert(c.id.as_str()) {
                return Err(CodeListError::DuplicateColumn { id: c.id.clone() });
            }
        }
        let mut keys = HashSet::new();
        for k in &column_set.keys {
            if !keys.insert(k.id.as_str()) {
                return Err(CodeListError::DuplicateKeyId { id: k.id.clone() });
            }
            if k.columns.is_empty() {
                return Err(CodeListError::EmptyKey { key: k.id.clone() });
            }
            for col in &k.columns {
                if column_set.column_index(col).is_none() {
                    return Err(CodeListError::UnknownColumn {
                        column: col.clone(),
                        declared: declared(column_set),
                    });
                }
            }
        }
        Ok(())
    }

    /// Checks one row (index from 0) against a column set: length and required values
    /// (key columns count as required).
    pub fn check_row_against(
        column_set: &ColumnSet,
        index: usize,
        row: &Row,
    ) -> Result<(), CodeListError> {
        let n = column_set.columns.len();
        if row.cells.len() > n {
            return Err(CodeListError::RowLength {
                row: index + 1,
                expected: n,
                found: row.cells.len(),
            });
        }
        for (i, c) in column_set.columns.iter().enumerate() {
            if row.cell(i).as_str().is_some() {
                continue;
            }
            let what = if c.use_ == ColumnUse::Required {
                "required"
            } else if column_set.keys.iter().any(|k| k.columns.contains(&c.id)) {
                "key"
            } else {
                continue;
            };
            return Err(CodeListError::MissingValue {
                row: index + 1,
                column: c.id.clone(),
                what,
            });
        }
        Ok(())
    }

    fn check_row(&self, index: usize, row: &Row) -> Result<(), CodeListError> {
        Self::check_row_against(&self.column_set, index, row)
    }

    /// Checks that every key's values are unique; returns the index of the recommended key
    /// when it has one column.
    fn check_keys(&self) -> Result<Option<KeyIndex>, CodeListError> {
        let recommended = self.column_set.recommended_key().map(|k| k.id.as_str());
        let mut index = None;
        for key in &self.column_set.keys {
            let cols: Vec<usize> = key
                .columns
                .iter()
                .filter_map(|c| self.column_set.column_index(c))
                .collect();
            if let [col] = cols.as_slice() {
                let mut map: HashMap<String, usize> = HashMap::with_capacity(self.rows.len());
                for (i, row) in self.rows.iter().enumerate() {
                    let value = row.cell(*col).as_str().unwrap_or_default();
                    if let Some(&first) = map.get(value) {
                        return Err(CodeListError::DuplicateKeyValue {
                            key: key.id.clone(),
                            value: value.to_owned(),
                            row: i + 1,
                            first_row: first + 1,
                        });
                    }
                    map.insert(value.to_owned(), i);
                }
                if Some(key.id.as_str()) == recommended {
                    index = Some((*col, map));
                }
            } else {
                let mut map: HashMap<Vec<&str>, usize> = HashMap::with_capacity(self.rows.len());
                for (i, row) in self.rows.iter().enumerate() {
                    let value: Vec<&str> = cols
                        .iter()
                        .map(|&c| row.cell(c).as_str().unwrap_or_default())
                        .collect();
                    if let Some(&first) = map.get(&value) {
                        return Err(CodeListError::DuplicateKeyValue {
                            key: key.id.clone(),
                            value: value.join("|"),
                            row: i + 1,
                            first_row: first + 1,
                        });
                    }
                    map.insert(value, i);
                }
            }
        }
        Ok(index)
    }

    /// The identification.
    pub fn identification(&self) -> &Identification {
        &self.identification
    }

    /// `CanonicalUri`, the XÖV `listURI`.
    pub fn canonical_uri(&self) -> &str {
        &self.identification.canonical_uri
    }

    /// `Version`, the XÖV `listVersionID`.
    pub fn version(&self) -> &str {
        &self.identification.version
    }

    /// The list's annotation, when given.
    pub fn annotation(&self) -> Option<&Annotation> {
        self.annotation.as_ref()
    }

    /// The XÖV metadata read from the annotation (all `None` without one).
    pub fn xoev_metadata(&self) -> XoevMetadata {
        self.annotation
            .as_ref()
            .map(XoevMetadata::from_annotation)
            .unwrap_or_default()
    }

    /// `xsi:schemaLocation` of the root element, when given.
    pub fn schema_location(&self) -> Option<&str> {
        self.schema_location.as_deref()
    }

    /// Columns and keys.
    pub fn column_set(&self) -> &ColumnSet {
        &self.column_set
    }

    /// The rows, in document order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the list has no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The column of the recommended key when it has exactly one column.
    pub fn key_column(&self) -> Option<usize> {
        self.index.as_ref().map(|(c, _)| *c)
    }

    /// The row whose recommended (single-column) key has this value.
    pub fn row_by_key(&self, key: &str) -> Option<&Row> {
        let (_, map) = self.index.as_ref()?;
        map.get(key).and_then(|&i| self.rows.get(i))
    }

    /// Whether the recommended key has this value in some row.
    pub fn contains_key(&self, key: &str) -> bool {
        self.row_by_key(key).is_some()
    }

    /// The text of a row's value in the column with this id.
    pub fn value<'a>(&self, row: &'a Row, column_id: &str) -> Option<&'a str> {
        self.column_set
            .column_index(column_id)
            .and_then(|i| row.cell(i).as_str())
    }

    /// The label (Bezeichnung) of a row, from [`ColumnSet::label_column`].
    pub fn label<'a>(&self, row: &'a Row) -> Option<&'a str> {
        self.column_set
            .label_column()
            .and_then(|i| row.cell(i).as_str())
    }

    /// Takes the document apart: identification, annotation, column set, rows, schema location.
    pub fn into_parts(
        self,
    ) -> (
        Identification,
        Option<Annotation>,
        ColumnSet,
        Vec<Row>,
        Option<String>,
    ) {
        (
            self.identification,
            self.annotation,
            self.column_set,
            self.rows,
            self.schema_location,
        )
    }

    /// The rows in their serde form (an array of objects by column id), for serialisers.
    pub fn rows_serialized(&self) -> impl Serialize + '_ {
        RowsSer(&self.column_set.columns, &self.rows)
    }
}

struct RowsSer<'a>(&'a [Column], &'a [Row]);
struct RowSer<'a>(&'a [Column], &'a Row);

impl Serialize for RowsSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for row in self.1 {
            seq.serialize_element(&RowSer(self.0, row))?;
        }
        seq.end()
    }
}

impl Serialize for RowSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (col, cell) in self.0.iter().zip(&self.1.cells) {
            match cell {
                Cell::Absent => {}
                Cell::Empty => map.serialize_entry(&col.id, &())?,
                Cell::Text(t) => map.serialize_entry(&col.id, t)?,
            }
        }
        map.end()
    }
}

impl Serialize for CodeListDocument {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CodeListDocument", 6)?;
        st.serialize_field("identification", &self.identification)?;
        if let Some(a) = &self.annotation {
            st.serialize_field("annotation", a)?;
        }
        st.serialize_field("xoevMetadata", &self.xoev_metadata())?;
        st.serialize_field("columnSet", &self.column_set)?;
        st.serialize_field("rows", &self.rows_serialized())?;
        if let Some(l) = &self.schema_location {
            st.serialize_field("schemaLocation", l)?;
        }
        st.end()
    }
}

/// Compares two list versions (Versionsvergleich): runs of digits numerically, the rest as
/// text, so `9 < 51` and `2019-07-31 < 2026-04-30`.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> impl Iterator<Item = (bool, &str)> {
        let mut rest = s;
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let digit = first.is_ascii_digit();
            let end = rest
                .find(|c: char| c.is_ascii_digit() != digit)
                .unwrap_or(rest.len());
            let (head, tail) = rest.split_at(end);
            rest = tail;
            Some((digit, head))
        })
    }
    let mut x = chunks(a);
    let mut y = chunks(b);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some((true, p)), Some((true, q))) => {
                let p = p.trim_start_matches('0');
                let q = q.trim_start_matches('0');
                let o = p.len().cmp(&q.len()).then_with(|| p.cmp(q));
                if o != Ordering::Equal {
                    return o;
                }
            }
            (Some((_, p)), Some((_, q))) => {
                let o = p.cmp(q);
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_number() {
        assert_eq!(compare_versions("9", "51"), Ordering::Less);
        assert_eq!(compare_versions("2019-07-31", "2026-04-30"), Ordering::Less);
        assert_eq!(compare_versions("1.10", "1.9"), Ordering::Greater);
        assert_eq!(compare_versions("07", "7"), Ordering::Equal);
    }
}
