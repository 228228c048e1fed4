//! Organisations (Organisationen): Gemeinden and Kreise with their official keys, the Verwaltungen
//! that get connected to online services, and IT providers (IT-Dienstleister).
//!
//! [`Gemeindeverzeichnis::schleswig_holstein`] gives the embedded register of the 1,106
//! Schleswig-Holstein Gemeinden and 15 Kreise (territorial status 2021-01-25); registers of
//! other Länder are loaded from CSV or JSON (formats in `ozg-core/DATA.md`).
//!
//! ```
//! use ozg_core::id::{Ags, KreisKey};
//! use ozg_core::org::Gemeindeverzeichnis;
//!
//! let sh = Gemeindeverzeichnis::schleswig_holstein();
//! let kiel = sh.gemeinde("01002000".parse::<Ags>()?).expect("Kiel is in the register");
//! assert_eq!(kiel.name, "Kiel, Landeshauptstadt");
//! let dithmarschen: KreisKey = "01051".parse()?;
//! assert_eq!(sh.kreis(dithmarschen).map(|k| k.name.as_str()), Some("Kreis Dithmarschen"));
//! assert_eq!(sh.gemeinden_in(dithmarschen).count(), 116);
//! # Ok::<(), ozg_core::id::IdError>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::{JsonLocation, classify, coverage, from_json_located, normalize};
use crate::code::Bundesland;
use crate::id::{Ags, Ars, KreisKey, ProviderId, VerwaltungId};

/// The embedded register file (`ozg-core/data/sh_gemeinden.json`).
const SH_JSON: &str = include_str!("../data/sh_gemeinden.json");

/// The register file format version this crate reads (`formatVersion`).
pub const GEMEINDEVERZEICHNIS_FORMAT_VERSION: u32 = 1;

/// Gemeinde (municipality) with its Amtlicher Gemeindeschlüssel (AGS).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gemeinde {
    /// Amtlicher Gemeindeschlüssel (AGS, 8 digits).
    pub ags: Ags,
    /// Official name, as written in the source (e.g. "Kiel, Landeshauptstadt").
    pub name: String,
}

impl Gemeinde {
    /// The Kreisschlüssel of the Kreis (or kreisfreie Stadt) the Gemeinde belongs to (first 5
    /// digits of the AGS).
    pub fn kreis_key(&self) -> KreisKey {
        self.ags.kreis_key()
    }
}

/// Kreis (district) or kreisfreie Stadt (district-free city), identified by its Kreisschlüssel.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Kreis {
    /// Kreisschlüssel (5 digits).
    pub key: KreisKey,
    /// Name, e.g. "Kreis Dithmarschen" or "Stadt Kiel".
    pub name: String,
    /// Whether it is a kreisfreie Stadt (district-free city) rather than a Kreis.
    pub kreisfreie_stadt: bool,
}

/// Kind of Verwaltung (Verwaltungsart): the administrative unit that gets connected to online
/// services. In Schleswig-Holstein this is often an Amt for several Gemeinden, not each Gemeinde.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum VerwaltungKind {
    /// Amt (administration of several amtsangehörige Gemeinden).
    Amt,
    /// Amtsfreie Gemeinde (municipality with its own administration).
    AmtsfreieGemeinde,
    /// Stadt (town, kreisangehörig).
    Stadt,
    /// Kreisfreie Stadt (district-free city).
    KreisfreieStadt,
    /// Kreis (district administration, Kreisverwaltung).
    Kreis,
    /// Landesbehörde (authority of the Land).
    Landesbehoerde,
    /// Other kind (sonstige).
    Other,
}

/// Verwaltung (administrative unit): the organisation that orders, connects and operates online
/// services, e.g. an Amt with its Gemeinden or a Kreisverwaltung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Verwaltung {
    /// Our record id (Verwaltungs-ID).
    pub id: VerwaltungId,
    /// Name, e.g. "Amt Büsum-Wesselburen".
    pub name: String,
    /// Kind of Verwaltung.
    pub kind: VerwaltungKind,
    /// AGS of the Verwaltung's own Gemeinde (for a Gemeinde or Stadt), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ags: Option<Ags>,
    /// Amtlicher Regionalschlüssel (ARS, 12 digits), if known; not derivable from the AGS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ars: Option<Ars>,
    /// Kreisschlüssel of the Kreis the Verwaltung belongs to (or is), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kreis: Option<KreisKey>,
    /// AGS of the Gemeinden the Verwaltung serves (e.g. the amtsangehörige Gemeinden of an Amt).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gemeinden: Vec<Ags>,
    /// Bundesland, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land: Option<Bundesland>,
}

impl Verwaltung {
    /// Whether the Verwaltung serves the Gemeinde with this AGS (its own `ags` or one of
    /// `gemeinden`).
    pub fn covers(&self, ags: Ags) -> bool {
        self.ags == Some(ags) || self.gemeinden.contains(&ags)
    }
}

/// IT-Dienstleister (IT provider), e.g. Dataport AöR or the ITV.SH.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ItProvider {
    /// Our record id (IT-Dienstleister-ID).
    pub id: ProviderId,
    /// Name.
    pub name: String,
    /// Kind of provider (free text, e.g. "AöR", "kommunaler IT-Dienstleister"), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Web address, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Metadata of a Gemeindeverzeichnis (provenance, licence, territorial status, notes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GemeindeverzeichnisMeta {
    /// Where the data comes from (Quelle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Licence or legal status of the data (Lizenz).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Gebietsstand (territorial status date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territorial_status: Option<NaiveDate>,
    /// Notes, e.g. known gaps (Hinweise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The register file as a document (format version 1), see `ozg-core/DATA.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GemeindeverzeichnisDocument {
    /// Format version; must be [`GEMEINDEVERZEICHNIS_FORMAT_VERSION`].
    pub format_version: u32,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<GemeindeverzeichnisMeta>,
    /// Kreise and kreisfreie Städte (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kreise: Vec<Kreis>,
    /// Gemeinden.
    #[serde(default)]
    pub gemeinden: Vec<Gemeinde>,
}

/// Error reading a Gemeindeverzeichnis (Fehler im Gemeindeverzeichnis). Each variant says where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GemeindeverzeichnisError {
    /// The file could not be read.
    #[error("cannot read Gemeindeverzeichnis file {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// An error in a file, wrapped with the file's path.
    #[error("Gemeindeverzeichnis file {}: {source}", path.display())]
    InFile {
        /// The file.
        path: PathBuf,
        /// The error in it.
        #[source]
        source: Box<GemeindeverzeichnisError>,
    },
    /// The file name has no `.csv` or `.json` extension.
    #[error("Gemeindeverzeichnis file {}: unknown format; expected a .csv or .json file", path.display())]
    UnknownFormat {
        /// The path.
        path: PathBuf,
    },
    /// A CSV syntax or content error.
    #[error("CSV line {line}: {message}")]
    Csv {
        /// Line (1-based) of the record, or where the syntax error is.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// Invalid JSON or a member of the wrong type/value.
    #[error(
        "invalid Gemeindeverzeichnis JSON at line {line}, column {column} (at \"{pointer}\"): {message}"
    )]
    Json {
        /// JSON pointer of the member being read.
        pointer: String,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// Unsupported `formatVersion`.
    #[error(
        "unsupported Gemeindeverzeichnis formatVersion {found}; expected {GEMEINDEVERZEICHNIS_FORMAT_VERSION}"
    )]
    UnsupportedFormatVersion {
        /// The version found.
        found: u32,
    },
    /// Two Gemeinden with the same AGS.
    #[error("{location}: duplicate AGS {ags} (first at {first})")]
    DuplicateAgs {
        /// Where: `line N` (CSV) or a JSON pointer.
        location: String,
        /// The AGS.
        ags: Ags,
        /// Where the first one is.
        first: String,
    },
    /// Two Kreise with the same Kreisschlüssel.
    #[error("{location}: duplicate Kreisschlüssel {key}")]
    DuplicateKreis {
        /// JSON pointer.
        location: String,
        /// The key.
        key: KreisKey,
    },
    /// A Gemeinde whose Kreis is not among the listed Kreise.
    #[error("{location}: the Kreis {kreis} of AGS {ags} is not listed in /kreise")]
    UnknownKreis {
        /// JSON pointer of the Gemeinde.
        location: String,
        /// The Gemeinde's AGS.
        ags: Ags,
        /// Its Kreisschlüssel.
        kreis: KreisKey,
    },
}

impl From<JsonLocation> for GemeindeverzeichnisError {
    fn from(l: JsonLocation) -> Self {
        Self::Json {
            pointer: l.pointer,
            line: l.line,
            column: l.column,
            message: l.message,
        }
    }
}

/// One CSV record with the line it starts on.
struct CsvRecord {
    line: usize,
    fields: Vec<String>,
}

/// Splits CSV text (`,` separator, `"` quoting with `""` escapes, `\n` or `\r\n` line ends) into
/// records. Blank lines are skipped; a leading byte order mark is ignored.
fn parse_csv(text: &str) -> Result<Vec<CsvRecord>, GemeindeverzeichnisError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut record_line = 1usize;
    let mut at_field_start = true;
    let err = |line: usize, message: &str| GemeindeverzeichnisError::Csv {
        line,
        message: message.to_owned(),
    };
    let finish_record =
        |fields: &mut Vec<String>, field: &mut String, record_line: usize, records: &mut Vec<_>| {
            fields.push(std::mem::take(field));
            let done = std::mem::take(fields);
            if !(done.len() == 1 && done.first().is_some_and(String::is_empty)) {
                records.push(CsvRecord {
                    line: record_line,
                    fields: done,
                });
            }
        };
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                let quote_line = line;
                loop {
                    match chars.next() {
                        Some('"') => {
                            if chars.peek() == Some(&'"') {
                                chars.next();
                                field.push('"');
                            } else {
                                break;
                            }
                        }
                        Some('\n') => {
                            line += 1;
                            field.push('\n');
                        }
                        Some(other) => field.push(other),
                        None => {
                            return Err(err(quote_line, "quoted field is not closed"));
                        }
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') | Some('\r') => {}
                    Some(_) => {
                        return Err(err(
                            line,
                            "unexpected character after a closing quote; expected , or line end",
                        ));
                    }
                }
                at_field_start = false;
            }
            '"' => {
                return Err(err(
                    line,
                    "quote inside an unquoted field; quote the whole field and write \"\" for a quote",
                ));
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                finish_record(&mut fields, &mut field, record_line, &mut records);
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            other => {
                field.push(other);
                at_field_start = false;
            }
        }
    }
    finish_record(&mut fields, &mut field, record_line, &mut records);
    Ok(records)
}

/// A register of Gemeinden and Kreise (Gemeindeverzeichnis), indexed by AGS and Kreisschlüssel.
#[derive(Clone)]
pub struct Gemeindeverzeichnis {
    meta: Option<GemeindeverzeichnisMeta>,
    kreise: Vec<Kreis>,
    gemeinden: Vec<Gemeinde>,
    ags_idx: HashMap<Ags, usize>,
    kreis_idx: HashMap<KreisKey, usize>,
    by_kreis: HashMap<KreisKey, Vec<usize>>,
    norm_names: Vec<String>,
}

impl fmt::Debug for Gemeindeverzeichnis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gemeindeverzeichnis")
            .field("kreise", &self.kreise.len())
            .field("gemeinden", &self.gemeinden.len())
            .finish_non_exhaustive()
    }
}

impl Gemeindeverzeichnis {
    /// The embedded register of Schleswig-Holstein: 1,106 Gemeinden (MietNEinV, territorial status
    /// 2021-01-25) and 15 Kreise / kreisfreie Städte. Parsed once.
    ///
    /// # Panics
    ///
    /// Only if the embedded data file is invalid, which the crate's tests rule out.
    pub fn schleswig_holstein() -> &'static Gemeindeverzeichnis {
        static SH: OnceLock<Gemeindeverzeichnis> = OnceLock::new();
        SH.get_or_init(|| match Self::from_json_str(SH_JSON) {
            Ok(v) => v,
            Err(e) => panic!("the embedded data/sh_gemeinden.json is invalid: {e}"),
        })
    }

    /// Builds a register from Gemeinden and (optionally) Kreise; checks that AGS and
    /// Kreisschlüssel are unique and, if Kreise are given, that every Gemeinde's Kreis is among
    /// them.
    pub fn new(
        kreise: Vec<Kreis>,
        gemeinden: Vec<Gemeinde>,
    ) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        Self::build(None, kreise, gemeinden, &|i| format!("/gemeinden/{i}"))
    }

    fn build(
        meta: Option<GemeindeverzeichnisMeta>,
        kreise: Vec<Kreis>,
        gemeinden: Vec<Gemeinde>,
        location: &dyn Fn(usize) -> String,
    ) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        let mut kreis_idx = HashMap::with_capacity(kreise.len());
        for (i, k) in kreise.iter().enumerate() {
            if kreis_idx.insert(k.key, i).is_some() {
                return Err(GemeindeverzeichnisError::DuplicateKreis {
                    location: format!("/kreise/{i}"),
                    key: k.key,
                });
            }
        }
        let mut ags_idx = HashMap::with_capacity(gemeinden.len());
        let mut by_kreis: HashMap<KreisKey, Vec<usize>> = HashMap::new();
        for (i, g) in gemeinden.iter().enumerate() {
            if let Some(first) = ags_idx.insert(g.ags, i) {
                return Err(GemeindeverzeichnisError::DuplicateAgs {
                    location: location(i),
                    ags: g.ags,
                    first: location(first),
                });
            }
            let kreis = g.kreis_key();
            if !kreise.is_empty() && !kreis_idx.contains_key(&kreis) {
                return Err(GemeindeverzeichnisError::UnknownKreis {
                    location: location(i),
                    ags: g.ags,
                    kreis,
                });
            }
            by_kreis.entry(kreis).or_default().push(i);
        }
        let norm_names = gemeinden.iter().map(|g| normalize(&g.name)).collect();
        Ok(Gemeindeverzeichnis {
            meta,
            kreise,
            gemeinden,
            ags_idx,
            kreis_idx,
            by_kreis,
            norm_names,
        })
    }

    /// Reads a register from JSON (format in `ozg-core/DATA.md`: `formatVersion`, optional
    /// `meta` and `kreise`, `gemeinden`).
    pub fn from_json_str(json: &str) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        let doc: GemeindeverzeichnisDocument = from_json_located(json)?;
        if doc.format_version != GEMEINDEVERZEICHNIS_FORMAT_VERSION {
            return Err(GemeindeverzeichnisError::UnsupportedFormatVersion {
                found: doc.format_version,
            });
        }
        Self::build(doc.meta, doc.kreise, doc.gemeinden, &|i| {
            format!("/gemeinden/{i}")
        })
    }

    /// Reads Gemeinden from CSV with a header row naming the columns `ags` and `name` (any
    /// order; other columns are ignored). Fields may be quoted with `"`. Errors give the line.
    ///
    /// ```
    /// use ozg_core::org::Gemeindeverzeichnis;
    ///
    /// let v = Gemeindeverzeichnis::from_csv_str("ags,name\n02000000,\"Hamburg, Freie und Hansestadt\"\n")?;
    /// assert_eq!(v.gemeinden()[0].name, "Hamburg, Freie und Hansestadt");
    ///
    /// let err = Gemeindeverzeichnis::from_csv_str("ags,name\n0200000,Hamburg\n").unwrap_err();
    /// assert!(err.to_string().starts_with("CSV line 2:"));
    /// # Ok::<(), ozg_core::org::GemeindeverzeichnisError>(())
    /// ```
    pub fn from_csv_str(csv: &str) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        let records = parse_csv(csv)?;
        let mut rows = records.into_iter();
        let Some(header) = rows.next() else {
            return Err(GemeindeverzeichnisError::Csv {
                line: 1,
                message: "empty input; expected a header row with the columns ags,name".to_owned(),
            });
        };
        let column = |name: &str| {
            header
                .fields
                .iter()
                .position(|f| f.trim().eq_ignore_ascii_case(name))
        };
        let (Some(ags_col), Some(name_col)) = (column("ags"), column("name")) else {
            return Err(GemeindeverzeichnisError::Csv {
                line: header.line,
                message: format!(
                    "header {:?} lacks a column; expected the columns ags and name",
                    header.fields
                ),
            });
        };
        let mut gemeinden = Vec::new();
        let mut lines = Vec::new();
        for row in rows {
            if row.fields.len() != header.fields.len() {
                return Err(GemeindeverzeichnisError::Csv {
                    line: row.line,
                    message: format!(
                        "{} fields, expected {} as in the header",
                        row.fields.len(),
                        header.fields.len()
                    ),
                });
            }
            let raw_ags = row.fields.get(ags_col).map_or("", |s| s.trim());
            let ags: Ags =
                raw_ags
                    .parse()
                    .map_err(|e: crate::id::IdError| GemeindeverzeichnisError::Csv {
                        line: row.line,
                        message: format!("column ags: {e}"),
                    })?;
            let name = row.fields.get(name_col).map_or("", |s| s.trim());
            if name.is_empty() {
                return Err(GemeindeverzeichnisError::Csv {
                    line: row.line,
                    message: "column name is empty".to_owned(),
                });
            }
            gemeinden.push(Gemeinde {
                ags,
                name: name.to_owned(),
            });
            lines.push(row.line);
        }
        Self::build(None, Vec::new(), gemeinden, &|i| {
            format!("CSV line {}", lines.get(i).copied().unwrap_or(0))
        })
    }

    /// Reads a register file: `.csv` with [`from_csv_str`](Self::from_csv_str), `.json` with
    /// [`from_json_str`](Self::from_json_str). Errors name the path.
    pub fn from_path(
        path: impl AsRef<Path>,
    ) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let parse: fn(&str) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> =
            match ext.as_deref() {
                Some("csv") => Self::from_csv_str,
                Some("json") => Self::from_json_str,
                _ => {
                    return Err(GemeindeverzeichnisError::UnknownFormat {
                        path: path.to_owned(),
                    });
                }
            };
        let text =
            std::fs::read_to_string(path).map_err(|source| GemeindeverzeichnisError::Io {
                path: path.to_owned(),
                source,
            })?;
        parse(&text).map_err(|e| GemeindeverzeichnisError::InFile {
            path: path.to_owned(),
            source: Box::new(e),
        })
    }

    /// Metadata of the register, if it has any.
    pub fn meta(&self) -> Option<&GemeindeverzeichnisMeta> {
        self.meta.as_ref()
    }

    /// All Gemeinden, in input order (sorted by AGS in the embedded data).
    pub fn gemeinden(&self) -> &[Gemeinde] {
        &self.gemeinden
    }

    /// All Kreise, in input order.
    pub fn kreise(&self) -> &[Kreis] {
        &self.kreise
    }

    /// The Gemeinde with this AGS.
    pub fn gemeinde(&self, ags: Ags) -> Option<&Gemeinde> {
        self.ags_idx.get(&ags).and_then(|&i| self.gemeinden.get(i))
    }

    /// The Kreis with this Kreisschlüssel.
    pub fn kreis(&self, key: KreisKey) -> Option<&Kreis> {
        self.kreis_idx.get(&key).and_then(|&i| self.kreise.get(i))
    }

    /// The Gemeinden of a Kreis (by the AGS prefix).
    pub fn gemeinden_in(&self, key: KreisKey) -> impl Iterator<Item = &Gemeinde> + '_ {
        self.by_kreis
            .get(&key)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.gemeinden.get(i))
    }

    /// Searches Gemeinde names (case-, umlaut- and punctuation-insensitive, like
    /// [`Catalogue::search`](crate::catalogue::Catalogue::search)); best first: exact name, whole
    /// words, word beginnings, inner substrings.
    ///
    /// ```
    /// use ozg_core::org::Gemeindeverzeichnis;
    ///
    /// let hits = Gemeindeverzeichnis::schleswig_holstein().search("luebeck");
    /// assert_eq!(hits[0].name, "Lübeck, Hansestadt");
    /// ```
    pub fn search(&self, query: &str) -> Vec<&Gemeinde> {
        let qn = normalize(query);
        let tokens: Vec<&str> = qn.split(' ').filter(|t| !t.is_empty()).collect();
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(crate::catalogue::MatchKind, f32, usize)> = self
            .norm_names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                classify(&qn, &tokens, name).map(|kind| (kind, coverage(&qn, name), i))
            })
            .collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        hits.into_iter()
            .filter_map(|(_, _, i)| self.gemeinden.get(i))
            .collect()
    }

    /// Number of Gemeinden.
    pub fn len(&self) -> usize {
        self.gemeinden.len()
    }

    /// Whether the register has no Gemeinden.
    pub fn is_empty(&self) -> bool {
        self.gemeinden.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(usize, Vec<String>)> {
        parse_csv(text)
            .unwrap()
            .into_iter()
            .map(|r| (r.line, r.fields))
            .collect()
    }

    #[test]
    fn csv_quotes_commas_and_newlines() {
        let rows = fields("a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\n\n\"multi\nline\",z");
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1],
            (2, vec!["x, y".to_owned(), "he said \"hi\"".to_owned()])
        );
        assert_eq!(rows[2], (4, vec!["multi\nline".to_owned(), "z".to_owned()]));
    }

    #[test]
    fn csv_empty_fields_and_bom() {
        let rows = fields("\u{feff}a,,c\n,\n");
        assert_eq!(rows[0].1, vec!["a", "", "c"]);
        assert_eq!(rows[1].1, vec!["", ""]);
    }

    #[test]
    fn csv_errors_name_the_line() {
        let e = parse_csv("a,b\nc,\"open\n\n").err().unwrap();
        assert!(
            matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
            "{e}"
        );
        let e = parse_csv("a,b\n\"x\"y,z\n").err().unwrap();
        assert!(
            matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
            "{e}"
        );
        let e = parse_csv("a,b\nx\"y,z\n").err().unwrap();
        assert!(
            matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
            "{e}"
        );
    }
}
