//! The Gemeindeverzeichnis type: Gemeinden, Kreise, Bezirke and Länder with their lookups.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::csv::parse_csv;
use crate::catalogue::{JsonLocation, MatchKind, classify, coverage, from_json_located, normalize};
use crate::code::Bundesland;
use crate::id::{Ags, Ars, ArsLevel, ArsPrefix, GemeindeverbandKind, KreisKey};

/// The register file format version this crate reads (`formatVersion`).
pub const GEMEINDEVERZEICHNIS_FORMAT_VERSION: u32 = 2;

fn is_false(b: &bool) -> bool {
    !*b
}

/// Gemeinde (municipality) with its Amtlicher Regionalschlüssel (ARS) and Amtlicher
/// Gemeindeschlüssel (AGS); in the city states also a Stadt-/Ortsteil bzw. Stadtbezirk.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Gemeinde {
    /// Amtlicher Regionalschlüssel (ARS, 12 digits).
    pub ars: Ars,
    /// Amtlicher Gemeindeschlüssel (AGS, 8 digits), as the AGS list gives it (almost always the ARS
    /// without the Gemeindeverband digits 6–9; `ozg-core/DATA.md` lists the exception).
    pub ags: Ags,
    /// Official name (Bezeichnung), as written in the source (e.g. "Kiel, Landeshauptstadt").
    pub name: String,
    /// Whether the row is a district of a city state (Hinweis "Stadt-/Ortsteil bzw.
    /// Stadtbezirk") rather than a Gemeinde.
    #[serde(default, skip_serializing_if = "is_false")]
    pub city_district: bool,
}

impl Gemeinde {
    /// The Kreisschlüssel of the Kreis (or kreisfreie Stadt) the Gemeinde belongs to (first 5
    /// digits of the ARS).
    pub fn kreis_key(&self) -> KreisKey {
        self.ars.kreis_key()
    }

    /// The Land (Bundesland, digits 1–2 of the ARS).
    pub fn land(&self) -> Bundesland {
        self.ars.land()
    }

    /// The key of the Gemeindeverband (9 digits, e.g. the Amt `010515163` in Schleswig-Holstein;
    /// for an amtsfreie Gemeinde its own Verband key).
    pub fn verband_key(&self) -> ArsPrefix {
        self.ars.prefix(ArsLevel::Gemeindeverband)
    }

    /// The kind of Gemeindeverband (first digit of ARS digits 6–9).
    pub fn verband_kind(&self) -> GemeindeverbandKind {
        self.ars.verband_kind()
    }

    /// Whether the Gemeinde belongs to an Amt or Verband (amtsangehörig / verbandsangehörig:
    /// ARS digit 6 is `5`).
    pub fn is_amtsangehoerig(&self) -> bool {
        self.verband_kind() == GemeindeverbandKind::AmtsangehoerigOderVerbandsangehoerig
    }
}

/// Kreis (district) or kreisfreie Stadt (district-free city), identified by its Kreisschlüssel.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Kreis {
    /// Kreisschlüssel (5 digits).
    pub key: KreisKey,
    /// Name (Bezeichnung), e.g. "Dithmarschen" or "Kiel, Landeshauptstadt".
    pub name: String,
    /// Whether it is a kreisfreie Stadt (district-free city) rather than a Kreis. In the embedded
    /// data: the Kreis has a single Gemeinde whose ARS ends in `0000000` (Destatis key rule).
    pub kreisfreie_stadt: bool,
    /// Whether the row is a district of a city state (Hinweis "Stadt-/Ortsteil bzw.
    /// Stadtbezirk").
    #[serde(default, skip_serializing_if = "is_false")]
    pub city_district: bool,
}

/// Bezirk: Regierungsbezirk, statistische Region (Niedersachsen), former Regierungs- or
/// Direktionsbezirk, or a Hamburg Bezirk, identified by its 3-digit key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bezirk {
    /// The 3-digit key (Land and Bezirk digit), e.g. `053` (Reg.-Bez. Köln).
    pub key: ArsPrefix,
    /// Name (Bezeichnung) as the list writes it, e.g. "Reg.-Bez. Köln" or "früher: Reg.-Bez. Trier".
    pub name: String,
    /// Whether the row is a district of a city state (Hinweis "Stadt-/Ortsteil bzw.
    /// Stadtbezirk").
    #[serde(default, skip_serializing_if = "is_false")]
    pub city_district: bool,
}

/// Land (Bundesland) with its name as the Bundesland list writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Land {
    /// The Land (Länderschlüssel).
    pub land: Bundesland,
    /// Name (Bezeichnung).
    pub name: String,
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
    /// Gebietsstand (territorial status date; for the embedded data the version of the
    /// Regionalschlüssel list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territorial_status: Option<NaiveDate>,
    /// Notes, e.g. known gaps (Hinweise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The register file as a document (format version 2), see `ozg-core/DATA.md`.
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
    /// Bezirke (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bezirke: Vec<Bezirk>,
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
        "unsupported Gemeindeverzeichnis formatVersion {found}; expected {GEMEINDEVERZEICHNIS_FORMAT_VERSION} (version 1 files lack the ARS: add \"ars\" to every Gemeinde)"
    )]
    UnsupportedFormatVersion {
        /// The version found.
        found: u32,
    },
    /// Two Gemeinden with the same ARS.
    #[error("{location}: duplicate ARS {ars} (first at {first})")]
    DuplicateArs {
        /// Where: `CSV line N` or a JSON pointer.
        location: String,
        /// The ARS.
        ars: Ars,
        /// Where the first one is.
        first: String,
    },
    /// Two Gemeinden with the same AGS.
    #[error("{location}: duplicate AGS {ags} (first at {first})")]
    DuplicateAgs {
        /// Where: `CSV line N` or a JSON pointer.
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
    /// A Bezirk key that is not 3 digits, or given twice.
    #[error("{location}: Bezirk key {key}: {message}")]
    InvalidBezirk {
        /// JSON pointer.
        location: String,
        /// The key.
        key: ArsPrefix,
        /// What is wrong.
        message: String,
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

/// A register of Gemeinden, Kreise, Bezirke and Länder (Gemeindeverzeichnis), indexed by ARS,
/// AGS and Kreisschlüssel. Gemeinden are kept sorted by ARS, so every ARS prefix (Land,
/// Regierungsbezirk, Kreis, Gemeindeverband) is one contiguous range.
#[derive(Clone)]
pub struct Gemeindeverzeichnis {
    meta: Option<GemeindeverzeichnisMeta>,
    laender: Vec<Land>,
    bezirke: Vec<Bezirk>,
    kreise: Vec<Kreis>,
    gemeinden: Vec<Gemeinde>,
    /// Indices into `gemeinden`, sorted by AGS.
    by_ags: Vec<u32>,
    /// Folded names for [`search`](Self::search), built on the first search.
    norm_names: OnceLock<Vec<String>>,
}

impl fmt::Debug for Gemeindeverzeichnis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gemeindeverzeichnis")
            .field("kreise", &self.kreise.len())
            .field("gemeinden", &self.gemeinden.len())
            .finish_non_exhaustive()
    }
}

/// Where a Gemeinde came from, for error messages.
type Locate<'a> = &'a dyn Fn(usize) -> String;

impl Gemeindeverzeichnis {
    /// Assembles a register from parts that are already sorted and unique (the embedded data,
    /// checked by tests).
    pub(super) fn from_sorted_parts(
        meta: GemeindeverzeichnisMeta,
        laender: Vec<Land>,
        bezirke: Vec<Bezirk>,
        kreise: Vec<Kreis>,
        gemeinden: Vec<Gemeinde>,
        by_ags: Vec<u32>,
    ) -> Gemeindeverzeichnis {
        Gemeindeverzeichnis {
            meta: Some(meta),
            laender,
            bezirke,
            kreise,
            gemeinden,
            by_ags,
            norm_names: OnceLock::new(),
        }
    }

    /// Builds a register from Gemeinden and (optionally) Kreise; checks that ARS, AGS and
    /// Kreisschlüssel are unique. Gemeinden are sorted by ARS, Kreise by key.
    pub fn new(
        kreise: Vec<Kreis>,
        gemeinden: Vec<Gemeinde>,
    ) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        Self::build(None, kreise, Vec::new(), gemeinden, &|i| {
            format!("/gemeinden/{i}")
        })
    }

    fn build(
        meta: Option<GemeindeverzeichnisMeta>,
        kreise: Vec<Kreis>,
        bezirke: Vec<Bezirk>,
        gemeinden: Vec<Gemeinde>,
        location: Locate<'_>,
    ) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        let mut kreise: Vec<(usize, Kreis)> = kreise.into_iter().enumerate().collect();
        kreise.sort_by_key(|(_, k)| k.key);
        for w in kreise.windows(2) {
            if let [(i, a), (j, b)] = w {
                if a.key == b.key {
                    return Err(GemeindeverzeichnisError::DuplicateKreis {
                        location: format!("/kreise/{}", i.max(j)),
                        key: b.key,
                    });
                }
            }
        }
        let mut bezirke: Vec<(usize, Bezirk)> = bezirke.into_iter().enumerate().collect();
        bezirke.sort_by_key(|(_, b)| b.key);
        for (i, b) in &bezirke {
            if b.key.len() != 3 {
                return Err(GemeindeverzeichnisError::InvalidBezirk {
                    location: format!("/bezirke/{i}"),
                    key: b.key,
                    message: "expected 3 digits (Land and Bezirk)".to_owned(),
                });
            }
        }
        for w in bezirke.windows(2) {
            if let [(i, a), (j, b)] = w {
                if a.key == b.key {
                    return Err(GemeindeverzeichnisError::InvalidBezirk {
                        location: format!("/bezirke/{}", i.max(j)),
                        key: b.key,
                        message: "given twice".to_owned(),
                    });
                }
            }
        }
        let mut order: Vec<usize> = (0..gemeinden.len()).collect();
        order.sort_by_key(|&i| gemeinden.get(i).map(|g| g.ars));
        for w in order.windows(2) {
            if let ([a, b], Some(ga), Some(gb)) = (
                w,
                w.first().and_then(|&i| gemeinden.get(i)),
                w.get(1).and_then(|&i| gemeinden.get(i)),
            ) {
                if ga.ars == gb.ars {
                    let (first, second) = ((*a).min(*b), (*a).max(*b));
                    return Err(GemeindeverzeichnisError::DuplicateArs {
                        location: location(second),
                        ars: ga.ars,
                        first: location(first),
                    });
                }
            }
        }
        let mut by_ags_orig: Vec<usize> = (0..gemeinden.len()).collect();
        by_ags_orig.sort_by_key(|&i| gemeinden.get(i).map(|g| g.ags));
        for w in by_ags_orig.windows(2) {
            if let ([a, b], Some(ga), Some(gb)) = (
                w,
                w.first().and_then(|&i| gemeinden.get(i)),
                w.get(1).and_then(|&i| gemeinden.get(i)),
            ) {
                if ga.ags == gb.ags {
                    let (first, second) = ((*a).min(*b), (*a).max(*b));
                    return Err(GemeindeverzeichnisError::DuplicateAgs {
                        location: location(second),
                        ags: ga.ags,
                        first: location(first),
                    });
                }
            }
        }
        // Position of each original index in ARS order.
        let mut rank = vec![0u32; gemeinden.len()];
        for (pos, &i) in order.iter().enumerate() {
            if let Some(r) = rank.get_mut(i) {
                *r = pos as u32;
            }
        }
        let by_ags = by_ags_orig
            .iter()
            .filter_map(|&i| rank.get(i).copied())
            .collect();
        let mut slots: Vec<Option<Gemeinde>> = gemeinden.into_iter().map(Some).collect();
        let gemeinden = order
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
            .collect();
        Ok(Gemeindeverzeichnis {
            meta,
            laender: Vec::new(),
            bezirke: bezirke.into_iter().map(|(_, b)| b).collect(),
            kreise: kreise.into_iter().map(|(_, k)| k).collect(),
            gemeinden,
            by_ags,
            norm_names: OnceLock::new(),
        })
    }

    /// Reads a register from JSON (format version 2 in `ozg-core/DATA.md`: `formatVersion`,
    /// optional `meta`, `kreise` and `bezirke`, `gemeinden` with `ars`, `ags` and `name`).
    pub fn from_json_str(json: &str) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        let doc: GemeindeverzeichnisDocument = from_json_located(json)?;
        if doc.format_version != GEMEINDEVERZEICHNIS_FORMAT_VERSION {
            return Err(GemeindeverzeichnisError::UnsupportedFormatVersion {
                found: doc.format_version,
            });
        }
        Self::build(doc.meta, doc.kreise, doc.bezirke, doc.gemeinden, &|i| {
            format!("/gemeinden/{i}")
        })
    }

    /// Reads Gemeinden from CSV with a header row naming the columns `name` and `ars` and/or
    /// `ags` (any order; other columns are ignored). Without `ars`, the ARS of each AGS is taken
    /// from the embedded [`germany`](Self::germany) register (an AGS not in it is an error);
    /// without `ags`, the AGS is the ARS without digits 6–9. Fields may be quoted with `"`.
    /// Errors give the line.
    ///
    /// ```
    /// use ozg_core::org::Gemeindeverzeichnis;
    ///
    /// let v = Gemeindeverzeichnis::from_csv_str("ars,name\n020000000000,\"Hamburg, Freie und Hansestadt\"\n")?;
    /// assert_eq!(v.gemeinden()[0].name, "Hamburg, Freie und Hansestadt");
    /// assert_eq!(v.gemeinden()[0].ags.to_string(), "02000000");
    ///
    /// let err = Gemeindeverzeichnis::from_csv_str("ars,name\n0200000,Hamburg\n").unwrap_err();
    /// assert!(err.to_string().starts_with("CSV line 2:"));
    /// # Ok::<(), ozg_core::org::GemeindeverzeichnisError>(())
    /// ```
    pub fn from_csv_str(csv: &str) -> Result<Gemeindeverzeichnis, GemeindeverzeichnisError> {
        let records = parse_csv(csv)?;
        let mut rows = records.into_iter();
        let Some(header) = rows.next() else {
            return Err(GemeindeverzeichnisError::Csv {
                line: 1,
                message:
                    "empty input; expected a header row with the columns ars (or ags) and name"
                        .to_owned(),
            });
        };
        let column = |name: &str| {
            header
                .fields
                .iter()
                .position(|f| f.trim().eq_ignore_ascii_case(name))
        };
        let (ars_col, ags_col, name_col) = (column("ars"), column("ags"), column("name"));
        let Some(name_col) = name_col.filter(|_| ars_col.is_some() || ags_col.is_some()) else {
            return Err(GemeindeverzeichnisError::Csv {
                line: header.line,
                message: format!(
                    "header {:?} lacks a column; expected the columns name and ars (or ags)",
                    header.fields
                ),
            });
        };
        let csv_err =
            |line: usize, message: String| GemeindeverzeichnisError::Csv { line, message };
        let mut gemeinden = Vec::new();
        let mut lines = Vec::new();
        for row in rows {
            if row.fields.len() != header.fields.len() {
                return Err(csv_err(
                    row.line,
                    format!(
                        "{} fields, expected {} as in the header",
                        row.fields.len(),
                        header.fields.len()
                    ),
                ));
            }
            let cell = |col: usize| row.fields.get(col).map_or("", |s| s.trim());
            let ags: Option<Ags> = ags_col
                .map(|c| cell(c).parse())
                .transpose()
                .map_err(|e: crate::id::IdError| csv_err(row.line, format!("column ags: {e}")))?;
            let ars: Ars = match (ars_col, ags) {
                (Some(c), _) => cell(c).parse().map_err(|e: crate::id::IdError| {
                    csv_err(row.line, format!("column ars: {e}"))
                })?,
                (None, Some(ags)) => Self::germany().ars_for_ags(&ags).ok_or_else(|| {
                    csv_err(
                        row.line,
                        format!(
                            "AGS {ags} is not in the embedded Gemeindeverzeichnis; add a column ars"
                        ),
                    )
                })?,
                (None, None) => {
                    return Err(csv_err(row.line, "no ars and no ags".to_owned()));
                }
            };
            let name = cell(name_col);
            if name.is_empty() {
                return Err(csv_err(row.line, "column name is empty".to_owned()));
            }
            gemeinden.push(Gemeinde {
                ars,
                ags: ags.unwrap_or_else(|| ars.ags()),
                name: name.to_owned(),
                city_district: false,
            });
            lines.push(row.line);
        }
        Self::build(None, Vec::new(), Vec::new(), gemeinden, &|i| {
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

    /// The register as a document (format version 2), e.g. to write it as JSON.
    pub fn to_document(&self) -> GemeindeverzeichnisDocument {
        GemeindeverzeichnisDocument {
            format_version: GEMEINDEVERZEICHNIS_FORMAT_VERSION,
            meta: self.meta.clone(),
            kreise: self.kreise.clone(),
            bezirke: self.bezirke.clone(),
            gemeinden: self.gemeinden.clone(),
        }
    }

    /// Metadata of the register, if it has any.
    pub fn meta(&self) -> Option<&GemeindeverzeichnisMeta> {
        self.meta.as_ref()
    }

    /// All Gemeinden, sorted by ARS.
    pub fn gemeinden(&self) -> &[Gemeinde] {
        &self.gemeinden
    }

    /// All Kreise, sorted by Kreisschlüssel.
    pub fn kreise(&self) -> &[Kreis] {
        &self.kreise
    }

    /// All Bezirke (Regierungsbezirke and the like), sorted by key.
    pub fn bezirke(&self) -> &[Bezirk] {
        &self.bezirke
    }

    /// The Länder with their names (the 16 in the embedded register; empty in loaded ones).
    pub fn laender(&self) -> &[Land] {
        &self.laender
    }

    /// The Gemeinde with this ARS.
    pub fn gemeinde_by_ars(&self, ars: &Ars) -> Option<&Gemeinde> {
        self.gemeinden
            .binary_search_by_key(ars, |g| g.ars)
            .ok()
            .and_then(|i| self.gemeinden.get(i))
    }

    /// The Gemeinde with this AGS.
    pub fn gemeinde_by_ags(&self, ags: &Ags) -> Option<&Gemeinde> {
        self.by_ags
            .binary_search_by(|&i| {
                self.gemeinden
                    .get(i as usize)
                    .map_or(std::cmp::Ordering::Less, |g| g.ags.cmp(ags))
            })
            .ok()
            .and_then(|p| self.by_ags.get(p))
            .and_then(|&i| self.gemeinden.get(i as usize))
    }

    /// The ARS of the Gemeinde with this AGS.
    pub fn ars_for_ags(&self, ags: &Ags) -> Option<Ars> {
        self.gemeinde_by_ags(ags).map(|g| g.ars)
    }

    /// The AGS of the Gemeinde with this ARS.
    pub fn ags_for_ars(&self, ars: &Ars) -> Option<Ags> {
        self.gemeinde_by_ars(ars).map(|g| g.ags)
    }

    /// All Gemeinden under an ARS prefix of any level (Land 2, Regierungsbezirk 3, Kreis 5,
    /// Gemeindeverband 9, Gemeinde 12 digits), in ARS order.
    ///
    /// ```
    /// use ozg_core::id::ArsPrefix;
    /// use ozg_core::org::Gemeindeverzeichnis;
    ///
    /// let de = Gemeindeverzeichnis::germany();
    /// let dithmarschen: ArsPrefix = "01051".parse()?;
    /// assert_eq!(de.gemeinden_under(&dithmarschen).count(), 116);
    /// # Ok::<(), ozg_core::id::IdError>(())
    /// ```
    pub fn gemeinden_under<'a>(
        &'a self,
        prefix: &ArsPrefix,
    ) -> impl Iterator<Item = &'a Gemeinde> + 'a {
        let prefix = *prefix;
        let start = self
            .gemeinden
            .partition_point(|g| ArsPrefix::from(g.ars) < prefix);
        self.gemeinden
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |g| prefix.matches(&g.ars))
    }

    /// The Kreis with this Kreisschlüssel.
    pub fn kreis(&self, key: &KreisKey) -> Option<&Kreis> {
        self.kreise
            .binary_search_by_key(key, |k| k.key)
            .ok()
            .and_then(|i| self.kreise.get(i))
    }

    /// The Bezirk with this 3-digit key (Land and Bezirk digit), if the register has it.
    pub fn bezirk(&self, key: &ArsPrefix) -> Option<&Bezirk> {
        self.bezirke
            .binary_search_by_key(key, |b| b.key)
            .ok()
            .and_then(|i| self.bezirke.get(i))
    }

    /// The Regierungsbezirk (or statistische Region, Hamburg Bezirk, …) of a Gemeinde, where the
    /// register has one for its ARS digits 1–3.
    pub fn bezirk_of(&self, gemeinde: &Gemeinde) -> Option<&Bezirk> {
        self.bezirk(&gemeinde.ars.prefix(ArsLevel::Regierungsbezirk))
    }

    /// The Land's name as the register's Bundesland list writes it.
    pub fn land(&self, land: Bundesland) -> Option<&Land> {
        self.laender.iter().find(|l| l.land == land)
    }

    /// Searches Gemeinde names with the folding of
    /// [`Catalogue::search`](crate::catalogue::Catalogue::search) (case-, umlaut- and
    /// punctuation-insensitive, [`normalize`](crate::catalogue::normalize)); best first: exact
    /// name, whole words, word beginnings, inner substrings.
    ///
    /// ```
    /// use ozg_core::org::Gemeindeverzeichnis;
    ///
    /// let hits = Gemeindeverzeichnis::germany().search("luebeck");
    /// assert_eq!(hits[0].name, "Lübeck, Hansestadt");
    /// ```
    pub fn search(&self, query: &str) -> Vec<&Gemeinde> {
        let qn = normalize(query);
        let tokens: Vec<&str> = qn.split(' ').filter(|t| !t.is_empty()).collect();
        if tokens.is_empty() {
            return Vec::new();
        }
        let norm_names = self
            .norm_names
            .get_or_init(|| self.gemeinden.iter().map(|g| normalize(&g.name)).collect());
        let mut hits: Vec<(MatchKind, f32, usize)> = norm_names
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

    /// Whether a Gemeinde with this ARS is in the register.
    pub fn contains_ars(&self, ars: &Ars) -> bool {
        self.gemeinde_by_ars(ars).is_some()
    }

    /// Number of Gemeinden (rows, including city-state districts).
    pub fn len(&self) -> usize {
        self.gemeinden.len()
    }

    /// Whether the register has no Gemeinden.
    pub fn is_empty(&self) -> bool {
        self.gemeinden.is_empty()
    }
}
