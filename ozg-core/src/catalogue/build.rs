//! Building a catalogue: from its JSON file form (checked, indexed), back to it, and merging two
//! catalogues.

use super::*;

/// Reads only `formatVersion` (ignoring everything else) so that a file of another version gets
/// a clear error instead of a confusing field error.
#[derive(Deserialize)]
struct VersionPeek {
    #[serde(rename = "formatVersion")]
    format_version: Option<serde_json::Value>,
}

impl Catalogue {
    /// Reads a catalogue from JSON text (format version [`FORMAT_VERSION`]).
    ///
    /// ```
    /// use ozg_core::catalogue::{Catalogue, CatalogueError};
    ///
    /// let err = Catalogue::from_json_str(r#"{"formatVersion": 1, "meta": 5}"#).unwrap_err();
    /// assert!(matches!(err, CatalogueError::Json { ref pointer, line: 1, .. } if pointer == "/meta"));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Catalogue, CatalogueError> {
        // A syntax error here is reported by the full parse below, with its location.
        let peek = serde_json::from_str::<VersionPeek>(json).unwrap_or(VersionPeek {
            format_version: None,
        });
        let unsupported = peek.format_version.filter(|v| {
            v.as_u64() != Some(u64::from(FORMAT_VERSION)) && (v.is_number() || v.is_string())
        });
        if let Some(v) = unsupported {
            return Err(CatalogueError::UnsupportedFormatVersion {
                found: v.to_string(),
            });
        }
        let doc: CatalogueDocument = from_json_located(json)?;
        Self::from_document(doc)
    }

    /// Reads a catalogue from a reader (the whole input is read first).
    pub fn from_reader<R: Read>(mut reader: R) -> Result<Catalogue, CatalogueError> {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(CatalogueError::Read)?;
        Self::from_json_str(&text)
    }

    /// Reads a catalogue file. Errors name the path.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Catalogue, CatalogueError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| CatalogueError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::from_json_str(&text).map_err(|e| CatalogueError::InFile {
            path: path.to_owned(),
            source: Box::new(e),
        })
    }

    /// Validates a catalogue document and builds the indexes.
    pub fn from_document(doc: CatalogueDocument) -> Result<Catalogue, CatalogueError> {
        if doc.format_version != FORMAT_VERSION {
            return Err(CatalogueError::UnsupportedFormatVersion {
                found: doc.format_version.to_string(),
            });
        }
        let mut themenfelder = Vec::with_capacity(doc.themenfelder.len());
        for (i, entry) in doc.themenfelder.iter().enumerate() {
            let pointer = format!("/themenfelder/{i}");
            let mut problem = None;
            if themenfelder.contains(&entry.code) {
                problem = Some("listed twice".to_owned());
            } else if entry.kdn_id != entry.code.kdn_id() {
                problem = Some(format!(
                    "kdnId {} differs from the code list's {}",
                    entry.kdn_id,
                    entry.code.kdn_id()
                ));
            } else if Some(entry.name.as_str()) != entry.code.label() {
                problem = Some(format!(
                    "name \"{}\" differs from the code list's \"{}\"",
                    entry.name,
                    entry.code.label().unwrap_or_default()
                ));
            }
            if let Some(message) = problem {
                return Err(CatalogueError::InvalidThemenfeld {
                    pointer,
                    code: entry.code,
                    message,
                });
            }
            themenfelder.push(entry.code);
        }
        Self::build(doc.meta, themenfelder, doc.lagen, doc.leistungen, doc.leika)
    }

    /// Validates the parts and builds the indexes.
    pub(super) fn build(
        mut meta: CatalogueMeta,
        themenfelder: Vec<Themenfeld>,
        lagen: Vec<Lage>,
        leistungen: Vec<OzgLeistung>,
        leika: Vec<LeikaLeistung>,
    ) -> Result<Catalogue, CatalogueError> {
        let mut lage_idx = HashMap::with_capacity(lagen.len());
        for (i, lage) in lagen.iter().enumerate() {
            if !themenfelder.contains(&lage.themenfeld) {
                return Err(CatalogueError::UnknownThemenfeld {
                    pointer: format!("/lagen/{i}/themenfeld"),
                    themenfeld: lage.themenfeld,
                });
            }
            if let Some(first) = lage_idx.insert(lage.id, i) {
                return Err(CatalogueError::DuplicateLage {
                    pointer: format!("/lagen/{i}"),
                    id: lage.id,
                    first: format!("/lagen/{first}"),
                });
            }
        }

        let mut ozg_idx = HashMap::with_capacity(leistungen.len());
        let mut by_themenfeld: HashMap<Themenfeld, Vec<usize>> = HashMap::new();
        let mut by_lage: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, l) in leistungen.iter().enumerate() {
            if let Some(first) = ozg_idx.insert(l.id, i) {
                return Err(CatalogueError::DuplicateOzgId {
                    pointer: format!("/leistungen/{i}"),
                    id: l.id,
                    first: format!("/leistungen/{first}"),
                });
            }
            let Some(lage) = lage_idx.get(&l.lage).and_then(|&j| lagen.get(j)) else {
                return Err(CatalogueError::UnknownLage {
                    pointer: format!("/leistungen/{i}/lage"),
                    lage: l.lage,
                });
            };
            if lage.themenfeld != l.themenfeld {
                return Err(CatalogueError::ThemenfeldMismatch {
                    pointer: format!("/leistungen/{i}/themenfeld"),
                    expected: lage.themenfeld,
                    found: l.themenfeld,
                });
            }
            by_themenfeld.entry(l.themenfeld).or_default().push(i);
            by_lage.entry(l.lage).or_default().push(i);
        }

        let mut leika_idx = HashMap::with_capacity(leika.len());
        let mut leika_by_ozg: HashMap<OzgId, Vec<usize>> = HashMap::new();
        let mut counts = CatalogueCounts {
            themenfelder: themenfelder.len(),
            lagen: lagen.len(),
            leistungen: leistungen.len(),
            leika: leika.len(),
            ..CatalogueCounts::default()
        };
        for (i, row) in leika.iter().enumerate() {
            match row.key {
                Some(key) => {
                    counts.leika_with_key += 1;
                    if let Some(first) = leika_idx.insert(key, i) {
                        return Err(CatalogueError::DuplicateLeikaKey {
                            pointer: format!("/leika/{i}"),
                            key,
                            first: format!("/leika/{first}"),
                        });
                    }
                }
                None => counts.leika_without_key += 1,
            }
            match row.ozg_id {
                Some(ozg_id) => {
                    if !ozg_idx.contains_key(&ozg_id) {
                        return Err(CatalogueError::UnknownOzgId {
                            pointer: format!("/leika/{i}/ozgId"),
                            ozg_id,
                        });
                    }
                    leika_by_ozg.entry(ozg_id).or_default().push(i);
                }
                None => counts.leika_without_ozg_id += 1,
            }
        }
        meta.counts = counts;
        let search = OnceLock::new();
        Ok(Catalogue {
            meta,
            themenfelder,
            lagen,
            leistungen,
            leika,
            lage_idx,
            ozg_idx,
            leika_idx,
            by_themenfeld,
            by_lage,
            leika_by_ozg,
            search,
        })
    }

    /// The catalogue as a document (the content of a catalogue file).
    pub fn to_document(&self) -> CatalogueDocument {
        CatalogueDocument {
            format_version: FORMAT_VERSION,
            meta: self.meta.clone(),
            themenfelder: self
                .themenfelder
                .iter()
                .map(|&t| ThemenfeldEntry::from(t))
                .collect(),
            lagen: self.lagen.clone(),
            leistungen: self.leistungen.clone(),
            leika: self.leika.clone(),
        }
    }

    /// Writes the catalogue in the file format (one record per line, newline at the end), the
    /// same layout `scripts/gen_data.py` writes: `Catalogue::embedded().to_json()` equals the
    /// embedded file byte for byte.
    pub fn to_json(&self) -> String {
        fn line<T: Serialize>(value: &T) -> String {
            // Serialising these plain data types cannot fail (string keys, no non-finite floats).
            serde_json::to_string(value).unwrap_or_default()
        }
        fn array<T: Serialize>(out: &mut String, name: &str, items: &[T], last: bool) {
            out.push('"');
            out.push_str(name);
            out.push_str("\":[");
            if !items.is_empty() {
                out.push('\n');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&line(item));
                    if i + 1 < items.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
            }
            out.push(']');
            if !last {
                out.push(',');
            }
            out.push('\n');
        }
        let doc = self.to_document();
        let mut out = String::with_capacity(EMBEDDED_JSON.len());
        out.push_str("{\n\"formatVersion\":");
        out.push_str(&doc.format_version.to_string());
        out.push_str(",\n\"meta\":");
        out.push_str(&line(&doc.meta));
        out.push_str(",\n");
        array(&mut out, "themenfelder", &doc.themenfelder, false);
        array(&mut out, "lagen", &doc.lagen, false);
        array(&mut out, "leistungen", &doc.leistungen, false);
        array(&mut out, "leika", &doc.leika, true);
        out.push_str("}\n");
        out
    }

    /// Merges a newer or additional catalogue into this one (`other` wins per id).
    ///
    /// Lagen (by id), OZG-Leistungen (by OZG-ID) and LeiKa rows (by key; rows without key by
    /// OZG-ID and name) of `other` replace those of `self` in place; new entries are appended;
    /// Themenfelder are united. Meta: the later `as_of`, `other`'s `official_ozg_leistungen` if
    /// set, the union of `known_gaps`, and source, licence and attribution of both (joined with
    /// `"; "` when they differ). The result is validated again; on error `self` is unchanged.
    pub fn extend(&mut self, other: Catalogue) -> Result<(), CatalogueError> {
        fn join(a: &str, b: &str) -> String {
            if a == b || b.is_empty() {
                a.to_owned()
            } else if a.is_empty() {
                b.to_owned()
            } else {
                format!("{a}; {b}")
            }
        }
        let mut meta = self.meta.clone();
        meta.source = join(&self.meta.source, &other.meta.source);
        meta.licence = join(&self.meta.licence, &other.meta.licence);
        meta.attribution = join(&self.meta.attribution, &other.meta.attribution);
        meta.as_of = meta.as_of.max(other.meta.as_of);
        if other.meta.official_ozg_leistungen.is_some() {
            meta.official_ozg_leistungen = other.meta.official_ozg_leistungen;
        }
        for gap in &other.meta.known_gaps {
            if !meta.known_gaps.contains(gap) {
                meta.known_gaps.push(gap.clone());
            }
        }

        let mut themenfelder = self.themenfelder.clone();
        for t in &other.themenfelder {
            if !themenfelder.contains(t) {
                themenfelder.push(*t);
            }
        }

        let mut lagen = self.lagen.clone();
        for lage in other.lagen {
            match self.lage_idx.get(&lage.id).and_then(|&i| lagen.get_mut(i)) {
                Some(slot) => *slot = lage,
                None => lagen.push(lage),
            }
        }

        let mut leistungen = self.leistungen.clone();
        for l in other.leistungen {
            match self.ozg_idx.get(&l.id).and_then(|&i| leistungen.get_mut(i)) {
                Some(slot) => *slot = l,
                None => leistungen.push(l),
            }
        }

        // LeiKa rows: keyed rows are replaced in place. Rows without key: `other`'s rows replace
        // all of `self`'s with the same (OZG-ID, name), at the place of the first of them.
        let keyless: HashSet<(Option<OzgId>, &str)> = other
            .leika
            .iter()
            .filter(|r| r.key.is_none())
            .map(|r| (r.ozg_id, &*r.name))
            .collect();
        let mut leika: Vec<Option<LeikaLeistung>> = Vec::with_capacity(self.leika.len());
        let mut key_slot: HashMap<LeikaKey, usize> = HashMap::with_capacity(self.leika.len());
        let mut keyless_slot: HashMap<(Option<OzgId>, Cow<'static, str>), usize> = HashMap::new();
        for row in &self.leika {
            match row.key {
                Some(key) => {
                    key_slot.insert(key, leika.len());
                    leika.push(Some(row.clone()));
                }
                None if keyless.contains(&(row.ozg_id, &*row.name)) => {
                    let next = leika.len();
                    if let std::collections::hash_map::Entry::Vacant(e) =
                        keyless_slot.entry((row.ozg_id, row.name.clone()))
                    {
                        e.insert(next);
                        leika.push(None);
                    }
                }
                None => leika.push(Some(row.clone())),
            }
        }
        let mut appended = Vec::new();
        for row in other.leika {
            let slot = match row.key {
                Some(key) => key_slot.get(&key).copied(),
                // Only the first keyless row of `other` with this id takes the slot.
                None => keyless_slot
                    .get(&(row.ozg_id, row.name.clone()))
                    .copied()
                    .filter(|&i| leika.get(i).is_some_and(Option::is_none)),
            };
            match slot.and_then(|i| leika.get_mut(i)) {
                Some(place) => *place = Some(row),
                None => appended.push(row),
            }
        }
        let leika: Vec<LeikaLeistung> = leika.into_iter().flatten().chain(appended).collect();

        *self = Self::build(meta, themenfelder, lagen, leistungen, leika)?;
        Ok(())
    }
}
