//! The streaming Genericode reader.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use ozg_core::codelist::{
    Agency, Annotation, AnnotationAttribute, AnnotationElement, AnnotationNode, Cell,
    CodeListDocument, CodeListError, Column, ColumnSet, ColumnUse, Identification, Key, LongName,
    Row,
};

use super::{NS_GENERICODE, NS_XML, NS_XSI};
use crate::common::{eof_error, invalid, missing};
use crate::config::ReaderConfig;
use crate::error::{XmlError, XmlErrorKind};
use crate::pull::{Ev, PullParser};
use crate::raw::{RawElement, RawNode};

/// A value that is not one of the allowed ones (e.g. `Use="sometimes"`).
#[derive(Debug)]
struct Expected(&'static str);

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "expected {}", self.0)
    }
}

impl std::error::Error for Expected {}

/// Everything of a Genericode code list before its rows (Kopfteil): identification,
/// annotation, column set and the root's `xsi:schemaLocation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenericodeHeader {
    /// `Identification`.
    pub identification: Identification,
    /// The list's `Annotation`, when given.
    pub annotation: Option<Annotation>,
    /// `ColumnSet`.
    pub column_set: ColumnSet,
    /// `xsi:schemaLocation` of the root, when given.
    pub schema_location: Option<String>,
}

/// Per key: the column positions and the values seen (→ row number from 1).
struct KeyCheck {
    id: String,
    cols: Vec<usize>,
    seen: HashMap<Box<str>, usize>,
}

/// Streaming reader of one Genericode `CodeList` (Genericode-Leser): the header on
/// construction, then the rows one by one ([`next_row`](Self::next_row) or as an
/// [`Iterator`]). Each row is checked as it is read: known columns, no column twice, required
/// values present, key values unique (the reader keeps the key values seen, nothing else).
pub struct GenericodeReader<R> {
    p: PullParser<R>,
    header: GenericodeHeader,
    /// Whether `SimpleCodeList` is open (rows may follow).
    in_rows: bool,
    done: bool,
    rows_read: usize,
    keys: Vec<KeyCheck>,
}

impl<R: Read> GenericodeReader<R> {
    /// Reads the root and the header; stops before the first row.
    pub fn new(input: R, config: ReaderConfig) -> Result<Self, XmlError> {
        let mut p = PullParser::new(input, config);
        match p.next_tag()? {
            Ev::Start if p.is(NS_GENERICODE, "CodeList") => {}
            Ev::Start if p.local_is("CodeList") => {
                return Err(p.error(XmlErrorKind::WrongNamespace {
                    expected: NS_GENERICODE.into(),
                    found: p.ns().unwrap_or("").to_owned(),
                }));
            }
            _ => {
                return Err(p.error(XmlErrorKind::UnexpectedElement {
                    expected: format!(
                        "a Genericode code list (element {{{NS_GENERICODE}}}CodeList)"
                    ),
                    found: p.describe(),
                }));
            }
        }
        let schema_location = p.attr_ns(NS_XSI, "schemaLocation").map(str::to_owned);
        let mut annotation = None;
        let mut identification = None;
        let mut column_set = None;
        let mut in_rows = false;
        let mut done = false;
        loop {
            match p.next_tag()? {
                Ev::Start
                    if p.is_child(NS_GENERICODE, "Annotation") && identification.is_none() =>
                {
                    annotation = Some(read_annotation(&mut p)?);
                }
                Ev::Start if p.is_child(NS_GENERICODE, "Identification") => {
                    identification = Some(read_identification(&mut p)?);
                }
                Ev::Start if p.is_child(NS_GENERICODE, "ColumnSet") => {
                    if identification.is_none() {
                        return Err(missing(&p, "Identification"));
                    }
                    column_set = Some(read_column_set(&mut p)?);
                }
                Ev::Start if p.is_child(NS_GENERICODE, "SimpleCodeList") => {
                    in_rows = true;
                    break;
                }
                Ev::Start => {
                    return Err(p.error(XmlErrorKind::UnexpectedElement {
                        expected: "Annotation, Identification, ColumnSet or SimpleCodeList".into(),
                        found: p.describe(),
                    }));
                }
                Ev::End => {
                    done = true;
                    break;
                }
                _ => return Err(eof_error(&p)),
            }
        }
        let identification = identification.ok_or_else(|| missing(&p, "Identification"))?;
        let column_set = column_set.ok_or_else(|| missing(&p, "ColumnSet"))?;
        let keys = column_set
            .keys
            .iter()
            .map(|k| KeyCheck {
                id: k.id.clone(),
                cols: k
                    .columns
                    .iter()
                    .filter_map(|c| column_set.column_index(c))
                    .collect(),
                seen: HashMap::new(),
            })
            .collect();
        let mut reader = GenericodeReader {
            p,
            header: GenericodeHeader {
                identification,
                annotation,
                column_set,
                schema_location,
            },
            in_rows,
            done,
            rows_read: 0,
            keys,
        };
        if reader.done {
            reader.p.drain()?;
        }
        Ok(reader)
    }

    /// The header read so far.
    pub fn header(&self) -> &GenericodeHeader {
        &self.header
    }

    /// Number of rows read so far.
    pub fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// The next row, `None` after the last one (the rest of the document is then checked too).
    pub fn next_row(&mut self) -> Result<Option<Row>, XmlError> {
        if self.done {
            return Ok(None);
        }
        if self.in_rows {
            match self.p.next_tag()? {
                Ev::Start if self.p.is_child(NS_GENERICODE, "Row") => {
                    let row = self.read_row()?;
                    self.rows_read += 1;
                    return Ok(Some(row));
                }
                Ev::Start => {
                    return Err(self.p.error(XmlErrorKind::UnexpectedElement {
                        expected: "Row".into(),
                        found: self.p.describe(),
                    }));
                }
                Ev::End => self.in_rows = false,
                _ => return Err(eof_error(&self.p)),
            }
        }
        // After SimpleCodeList: only the end of the root may follow.
        match self.p.next_tag()? {
            Ev::End => {}
            Ev::Start => {
                return Err(self.p.error(XmlErrorKind::UnexpectedElement {
                    expected: "end of CodeList".into(),
                    found: self.p.describe(),
                }));
            }
            _ => return Err(eof_error(&self.p)),
        }
        self.p.drain()?;
        self.done = true;
        Ok(None)
    }

    fn read_row(&mut self) -> Result<Row, XmlError> {
        let columns = &self.header.column_set.columns;
        let n = columns.len();
        let mut cells: Vec<Cell> = vec![Cell::Absent; n];
        let mut given = vec![false; n];
        let mut annotation = None;
        // Position of the column after the last value (for values without ColumnRef).
        let mut next_col = 0usize;
        let row_no = self.rows_read + 1;
        loop {
            match self.p.next_tag()? {
                Ev::Start if self.p.is_child(NS_GENERICODE, "Value") => {
                    let col = match self.p.attr("ColumnRef") {
                        Some(r) => {
                            if next_col < n && columns[next_col].id == r {
                                next_col
                            } else {
                                match columns.iter().position(|c| c.id == r) {
                                    Some(i) => i,
                                    None => {
                                        let e = CodeListError::UnknownColumn {
                                            column: r.to_owned(),
                                            declared: columns
                                                .iter()
                                                .map(|c| c.id.as_str())
                                                .collect::<Vec<_>>()
                                                .join(", "),
                                        };
                                        return Err(invalid(&self.p, "Value/@ColumnRef", r, e));
                                    }
                                }
                            }
                        }
                        None if next_col < n => next_col,
                        None => {
                            return Err(invalid(
                                &self.p,
                                "Value",
                                "",
                                CodeListError::RowLength {
                                    row: row_no,
                                    expected: n,
                                    found: n + 1,
                                },
                            ));
                        }
                    };
                    if given[col] {
                        let id = columns[col].id.clone();
                        return Err(invalid(
                            &self.p,
                            "Value/@ColumnRef",
                            &id.clone(),
                            CodeListError::DuplicateValue {
                                row: row_no,
                                column: id,
                            },
                        ));
                    }
                    given[col] = true;
                    cells[col] = read_value(&mut self.p)?;
                    next_col = col + 1;
                }
                Ev::Start if self.p.is_child(NS_GENERICODE, "Annotation") => {
                    annotation = Some(Box::new(read_annotation(&mut self.p)?));
                }
                Ev::Start => {
                    return Err(self.p.error(XmlErrorKind::UnexpectedElement {
                        expected: "Value".into(),
                        found: self.p.describe(),
                    }));
                }
                Ev::End => break,
                _ => return Err(eof_error(&self.p)),
            }
        }
        let row = Row { cells, annotation };
        // At the row's end tag: required values and key uniqueness.
        if let Err(e) =
            CodeListDocument::check_row_against(&self.header.column_set, row_no - 1, &row)
        {
            return Err(invalid(&self.p, "Row", "", e));
        }
        for key in &mut self.keys {
            let value: Box<str> = match key.cols.as_slice() {
                [c] => row.cell(*c).as_str().unwrap_or_default().into(),
                cols => cols
                    .iter()
                    .map(|&c| row.cell(c).as_str().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("|")
                    .into(),
            };
            if let Some(&first) = key.seen.get(&value) {
                let e = CodeListError::DuplicateKeyValue {
                    key: key.id.clone(),
                    value: value.to_string(),
                    row: row_no,
                    first_row: first,
                };
                return Err(invalid(&self.p, "Row", &value, e));
            }
            key.seen.insert(value, row_no);
        }
        Ok(row)
    }

    /// Reads the remaining rows into a [`CodeListDocument`].
    pub fn into_document(mut self) -> Result<CodeListDocument, XmlError> {
        let mut rows = Vec::new();
        while let Some(row) = self.next_row()? {
            rows.push(row);
        }
        let GenericodeHeader {
            identification,
            annotation,
            column_set,
            schema_location,
        } = self.header;
        // The reader checked everything with positions; this can only fail on a defect.
        let doc = CodeListDocument::new(identification, column_set, rows)
            .map_err(|e| invalid(&self.p, "CodeList", "", e))?;
        Ok(doc
            .with_annotation(annotation)
            .with_schema_location(schema_location))
    }
}

impl<R: Read> Iterator for GenericodeReader<R> {
    type Item = Result<Row, XmlError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_row() {
            Ok(Some(row)) => Some(Ok(row)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Reads a whole Genericode code list (Codeliste lesen).
pub fn read<R: Read>(input: R, config: ReaderConfig) -> Result<CodeListDocument, XmlError> {
    GenericodeReader::new(input, config)?.into_document()
}

/// Reads a Genericode code list from a string with the default [`ReaderConfig`].
pub fn from_xml_str(xml: &str) -> Result<CodeListDocument, XmlError> {
    read(xml.as_bytes(), ReaderConfig::default())
}

/// Reads a Genericode code list from a file (buffered) with the given [`ReaderConfig`].
pub fn from_path(
    path: impl AsRef<Path>,
    config: ReaderConfig,
) -> Result<CodeListDocument, XmlError> {
    let file = std::fs::File::open(path)?;
    read(file, config)
}

/// After `<Value>`: `SimpleValue` text, or [`Cell::Empty`] without one.
fn read_value<R: Read>(p: &mut PullParser<R>) -> Result<Cell, XmlError> {
    let mut cell = Cell::Empty;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_GENERICODE, "SimpleValue") => {
                if cell != Cell::Empty {
                    return Err(p.error(XmlErrorKind::UnexpectedElement {
                        expected: "end of Value (one SimpleValue)".into(),
                        found: p.describe(),
                    }));
                }
                cell = Cell::Text(p.read_text()?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "ComplexValue") => {
                return Err(p.error(XmlErrorKind::UnexpectedElement {
                    expected: "SimpleValue (ComplexValue is not supported)".into(),
                    found: p.describe(),
                }));
            }
            Ev::Start => {
                return Err(p.error(XmlErrorKind::UnexpectedElement {
                    expected: "SimpleValue".into(),
                    found: p.describe(),
                }));
            }
            Ev::End => return Ok(cell),
            _ => return Err(eof_error(p)),
        }
    }
}

fn to_annotation_element(e: RawElement) -> AnnotationElement {
    AnnotationElement {
        namespace: e.namespace,
        name: e.name,
        attributes: e
            .attributes
            .into_iter()
            .map(|a| AnnotationAttribute {
                namespace: a.namespace,
                name: a.name,
                value: a.value,
            })
            .collect(),
        children: e
            .children
            .into_iter()
            .map(|c| match c {
                RawNode::Text(t) => AnnotationNode::Text(t),
                RawNode::Element(e) => AnnotationNode::Element(to_annotation_element(e)),
            })
            .collect(),
    }
}

/// After `<Annotation>`: `Description` and `AppInfo`, their children kept whole.
fn read_annotation<R: Read>(p: &mut PullParser<R>) -> Result<Annotation, XmlError> {
    let mut a = Annotation::default();
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_GENERICODE, "Description") => {
                read_any_children(p, &mut a.description)?;
            }
            Ev::Start if p.is_child(NS_GENERICODE, "AppInfo") => {
                read_any_children(p, &mut a.app_info)?;
            }
            Ev::Start => {
                return Err(p.error(XmlErrorKind::UnexpectedElement {
                    expected: "Description or AppInfo".into(),
                    found: p.describe(),
                }));
            }
            Ev::End => return Ok(a),
            _ => return Err(eof_error(p)),
        }
    }
}

fn read_any_children<R: Read>(
    p: &mut PullParser<R>,
    out: &mut Vec<AnnotationElement>,
) -> Result<(), XmlError> {
    loop {
        match p.next_tag()? {
            Ev::Start => out.push(to_annotation_element(p.read_raw()?)),
            Ev::End => return Ok(()),
            _ => return Err(eof_error(p)),
        }
    }
}

fn read_long_name<R: Read>(p: &mut PullParser<R>) -> Result<LongName, XmlError> {
    let lang = p.attr_ns(NS_XML, "lang").map(str::to_owned);
    let identifier = p.attr("Identifier").map(str::to_owned);
    Ok(LongName {
        value: p.read_text()?,
        lang,
        identifier,
    })
}

fn unexpected<R: Read>(p: &PullParser<R>, expected: &str) -> XmlError {
    p.error(XmlErrorKind::UnexpectedElement {
        expected: expected.to_owned(),
        found: p.describe(),
    })
}

fn read_identification<R: Read>(p: &mut PullParser<R>) -> Result<Identification, XmlError> {
    let mut short_name = None;
    let mut long_names = Vec::new();
    let mut version = None;
    let mut uri = None;
    let mut version_uri = None;
    let mut location_uris = Vec::new();
    let mut agency = None;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_GENERICODE, "ShortName") => {
                short_name = Some(p.read_text()?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "LongName") => {
                long_names.push(read_long_name(p)?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "Version") => {
                version = Some(p.read_text_trimmed()?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "CanonicalUri") => {
                uri = Some(p.read_text_trimmed()?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "CanonicalVersionUri") => {
                version_uri = Some(p.read_text_trimmed()?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "LocationUri") => {
                location_uris.push(p.read_text_trimmed()?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "Agency") => agency = Some(read_agency(p)?),
            Ev::Start => {
                return Err(unexpected(
                    p,
                    "ShortName, LongName, Version, CanonicalUri, CanonicalVersionUri, LocationUri or Agency",
                ));
            }
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    Ok(Identification {
        short_name: short_name.ok_or_else(|| missing(p, "Identification/ShortName"))?,
        long_names,
        version: version.ok_or_else(|| missing(p, "Identification/Version"))?,
        canonical_uri: uri.ok_or_else(|| missing(p, "Identification/CanonicalUri"))?,
        canonical_version_uri: version_uri
            .ok_or_else(|| missing(p, "Identification/CanonicalVersionUri"))?,
        location_uris,
        agency,
    })
}

fn read_agency<R: Read>(p: &mut PullParser<R>) -> Result<Agency, XmlError> {
    let mut a = Agency::default();
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_GENERICODE, "ShortName") => {
                a.short_name = Some(p.read_text()?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "LongName") => {
                a.long_names.push(read_long_name(p)?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "Identifier") => {
                a.identifiers.push(p.read_text_trimmed()?);
            }
            Ev::Start => return Err(unexpected(p, "ShortName, LongName or Identifier")),
            Ev::End => return Ok(a),
            _ => return Err(eof_error(p)),
        }
    }
}

fn read_column_set<R: Read>(p: &mut PullParser<R>) -> Result<ColumnSet, XmlError> {
    let mut set = ColumnSet::new(Vec::new(), Vec::new());
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_GENERICODE, "Column") => {
                let id = p
                    .attr("Id")
                    .map(str::to_owned)
                    .ok_or_else(|| missing(p, "Column/@Id"))?;
                if set.column_index(&id).is_some() {
                    return Err(invalid(
                        p,
                        "Column/@Id",
                        &id.clone(),
                        CodeListError::DuplicateColumn { id },
                    ));
                }
                let use_ = match p.attr("Use") {
                    Some("required") => ColumnUse::Required,
                    Some("optional") => ColumnUse::Optional,
                    Some(other) => {
                        let other = other.to_owned();
                        return Err(invalid(
                            p,
                            "Column/@Use",
                            &other,
                            Expected("required or optional"),
                        ));
                    }
                    None => return Err(missing(p, "Column/@Use")),
                };
                set.columns.push(read_column(p, id, use_)?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "Key") => {
                let id = p
                    .attr("Id")
                    .map(str::to_owned)
                    .ok_or_else(|| missing(p, "Key/@Id"))?;
                if set.keys.iter().any(|k| k.id == id) {
                    return Err(invalid(
                        p,
                        "Key/@Id",
                        &id.clone(),
                        CodeListError::DuplicateKeyId { id },
                    ));
                }
                let key = read_key(p, id, &set)?;
                set.keys.push(key);
            }
            Ev::Start => return Err(unexpected(p, "Column or Key")),
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    CodeListDocument::check_column_set(&set).map_err(|e| invalid(p, "ColumnSet", "", e))?;
    Ok(set)
}

fn read_column<R: Read>(
    p: &mut PullParser<R>,
    id: String,
    use_: ColumnUse,
) -> Result<Column, XmlError> {
    let mut c = Column::new(id, use_);
    let mut short_name = None;
    let mut data = false;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_GENERICODE, "Annotation") => {
                c.annotation = Some(read_annotation(p)?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "ShortName") => {
                short_name = Some(p.read_text()?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "LongName") => {
                c.long_names.push(read_long_name(p)?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "CanonicalUri") => {
                c.canonical_uri = Some(p.read_text_trimmed()?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "CanonicalVersionUri") => {
                c.canonical_version_uri = Some(p.read_text_trimmed()?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "Data") => {
                c.data_type = p
                    .attr("Type")
                    .map(str::to_owned)
                    .ok_or_else(|| missing(p, "Data/@Type"))?;
                c.datatype_library = p.attr("DatatypeLibrary").map(str::to_owned);
                c.lang = p.attr("Lang").map(str::to_owned);
                match p.next_tag()? {
                    Ev::End => {}
                    Ev::Start => {
                        return Err(unexpected(
                            p,
                            "end of Data (Parameter facets are not supported)",
                        ));
                    }
                    _ => return Err(eof_error(p)),
                }
                data = true;
            }
            Ev::Start => {
                return Err(unexpected(
                    p,
                    "Annotation, ShortName, LongName, CanonicalUri, CanonicalVersionUri or Data",
                ));
            }
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    c.short_name = short_name.ok_or_else(|| missing(p, "Column/ShortName"))?;
    if !data {
        return Err(missing(p, "Column/Data"));
    }
    Ok(c)
}

fn read_key<R: Read>(p: &mut PullParser<R>, id: String, set: &ColumnSet) -> Result<Key, XmlError> {
    let mut k = Key::new(id, Vec::<String>::new());
    let mut short_name = None;
    loop {
        match p.next_tag()? {
            Ev::Start if p.is_child(NS_GENERICODE, "Annotation") => {
                k.annotation = Some(read_annotation(p)?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "ShortName") => {
                short_name = Some(p.read_text()?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "LongName") => {
                k.long_names.push(read_long_name(p)?)
            }
            Ev::Start if p.is_child(NS_GENERICODE, "CanonicalUri") => {
                k.canonical_uri = Some(p.read_text_trimmed()?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "CanonicalVersionUri") => {
                k.canonical_version_uri = Some(p.read_text_trimmed()?);
            }
            Ev::Start if p.is_child(NS_GENERICODE, "ColumnRef") => {
                let r = p
                    .attr("Ref")
                    .map(str::to_owned)
                    .ok_or_else(|| missing(p, "ColumnRef/@Ref"))?;
                if set.column_index(&r).is_none() {
                    let e = CodeListError::UnknownColumn {
                        column: r.clone(),
                        declared: set
                            .columns
                            .iter()
                            .map(|c| c.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    };
                    return Err(invalid(p, "ColumnRef/@Ref", &r, e));
                }
                k.columns.push(r);
                match p.next_tag()? {
                    Ev::End => {}
                    Ev::Start => return Err(unexpected(p, "end of ColumnRef")),
                    _ => return Err(eof_error(p)),
                }
            }
            Ev::Start => {
                return Err(unexpected(
                    p,
                    "Annotation, ShortName, LongName, CanonicalUri, CanonicalVersionUri or ColumnRef",
                ));
            }
            Ev::End => break,
            _ => return Err(eof_error(p)),
        }
    }
    k.short_name = short_name.ok_or_else(|| missing(p, "Key/ShortName"))?;
    Ok(k)
}
