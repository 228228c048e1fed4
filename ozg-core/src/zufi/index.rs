//! The Zuständigkeit index (Zuständigkeitsverzeichnis): records, the XML-free builder and lookups.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::catalogue::Catalogue;
use crate::finding::{FindingCode, Severity};
use crate::id::{ArsLevel, ArsPrefix, DestinationId, DestinationSignature, LeikaKey, OzgId};

use super::LEIKA_URN_PREFIX;
use super::gebiet::{PackedPrefix, level_name};

/// An interned, shared text (one allocation per distinct string in an index).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(Arc<str>);

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[derive(Debug, Default)]
struct Interner(HashSet<Arc<str>>);

impl Interner {
    fn get(&mut self, s: &str) -> Text {
        if let Some(a) = self.0.get(s) {
            return Text(a.clone());
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(a.clone());
        Text(a)
    }
}

/// Where something was read (Fundstelle): file, line and column (1-based; 0 = unknown).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourcePosition {
    /// The file (as given to the builder).
    pub file: Text,
    /// Line (1-based).
    pub line: u64,
    /// Column (1-based, bytes).
    pub column: u64,
}

impl fmt::Display for SourcePosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// The Organisationseinheit (responsible unit) a Zuständigkeit belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponsibleUnit {
    /// `organisationseinheit/id`.
    pub id: Text,
    /// `name/name` (German or first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
}

/// A Gebiet of a Zuständigkeit: the ARS prefix of its level (Gebiet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexedGebiet {
    /// The area as an ARS prefix (Land 2 … Gemeinde 12 digits).
    pub ars: PackedPrefix,
    /// Its level (Gebietsebene): `Land`, `Regierungsbezirk`, `Kreis`, `Gemeindeverband`, `Gemeinde`.
    #[serde(serialize_with = "ser_level")]
    pub level: ArsLevel,
}

fn ser_level<S: Serializer>(l: &ArsLevel, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(level_name(*l))
}

fn ser_unit<S: Serializer>(u: &Arc<ResponsibleUnit>, s: S) -> Result<S::Ok, S::Error> {
    u.as_ref().serialize(s)
}

/// A delivery channel derived from the export (abgeleiteter Zustellkanal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
pub enum DerivedChannel {
    /// FIT-Connect: the `destinationId` claim of the DestinationSignature in `idSekundaer`.
    FitConnect {
        /// The Destination-ID.
        #[serde(rename = "destinationId")]
        destination_id: DestinationId,
    },
}

/// One Zuständigkeit of an export as indexed (Zuständigkeit): who, for which Leistung, where,
/// in which role, by which channels, read from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexedZustaendigkeit {
    /// The Organisationseinheit.
    #[serde(serialize_with = "ser_unit")]
    pub organisationseinheit: Arc<ResponsibleUnit>,
    /// `leistungID` as written (the id of a `leistung` of the export, or a LeiKa URN).
    #[serde(rename = "leistungID")]
    pub leistung_id: Text,
    /// The LeiKa keys of that Leistung (empty when `leistungID` names no exported Leistung).
    pub leika_keys: Vec<LeikaKey>,
    /// The catalogue's OZG-Leistungen of those keys.
    pub ozg_ids: Vec<OzgId>,
    /// `rolle/code` (Zuständigkeitsrolle, e.g. `01`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolle: Option<Text>,
    /// The Gebiete (`gebietID`+).
    pub gebiete: Vec<IndexedGebiet>,
    /// The channels the export lets us derive.
    pub channels: Vec<DerivedChannel>,
    /// Where the `zustaendigkeit` element starts.
    pub source: SourcePosition,
}

impl IndexedZustaendigkeit {
    /// The FIT-Connect Destination-ID, if the export gives one.
    pub fn fit_connect_destination(&self) -> Option<DestinationId> {
        self.channels
            .iter()
            .map(|c| match c {
                DerivedChannel::FitConnect { destination_id } => *destination_id,
            })
            .next()
    }
}

/// A finding about an export (Befund): code, where, which object, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ZufiFinding {
    /// Stable code, e.g. `zufi.unknown_leistung`.
    pub code: FindingCode,
    /// Severity.
    pub severity: Severity,
    /// Where in the export.
    pub source: SourcePosition,
    /// The object's id, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// What is wrong (English).
    pub message: String,
}

impl fmt::Display for ZufiFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} {}",
            self.source,
            self.code.as_str(),
            self.message
        )?;
        if let Some(o) = &self.object {
            write!(f, " (object {o})")?;
        }
        Ok(())
    }
}

/// Counts of one build (Mengen): objects read and skipped, Zuständigkeiten indexed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexCounts {
    /// Files read.
    pub files: u64,
    /// Objects read whole.
    pub objects_read: u64,
    /// Objects skipped because of a bad value (each has a finding).
    pub objects_skipped: u64,
    /// Leistungen (and Spezialisierungen) seen.
    pub leistungen: u64,
    /// Zuständigkeiten indexed.
    pub zustaendigkeiten: u64,
}

/// A Zuständigkeit handed to the [`IndexBuilder`] by a reader (borrowed, nothing kept).
#[derive(Debug, Clone)]
pub struct ZustaendigkeitInput<'a> {
    /// `organisationseinheit/id`.
    pub unit_id: &'a str,
    /// `organisationseinheit/name/name`.
    pub unit_name: Option<&'a str>,
    /// `leistungID`.
    pub leistung_id: &'a str,
    /// The Gebiete, already normalised.
    pub gebiete: Vec<ArsPrefix>,
    /// `rolle/code`.
    pub rolle: Option<&'a str>,
    /// The FIT-Connect DestinationSignature, if any.
    pub signature: Option<&'a DestinationSignature>,
    /// Line of the `zustaendigkeit` element.
    pub line: u64,
    /// Column of the `zustaendigkeit` element.
    pub column: u64,
}

struct Pending {
    z: IndexedZustaendigkeit,
    /// `(LeiKa key, Gebiet)` pairs the signature's `services` claim names.
    signed: Option<Vec<(u64, PackedPrefix)>>,
}

/// Builds a [`ZufiIndex`] from the objects of one or more exports as they stream by; keeps
/// only what the index holds (interned strings, one record per Zuständigkeit, the Leistung ids),
/// never the objects.
#[derive(Default)]
pub struct IndexBuilder {
    strings: Interner,
    file: Option<Text>,
    units: HashMap<Text, Arc<ResponsibleUnit>>,
    leistungen: HashMap<Text, Vec<LeikaKey>>,
    parents: HashMap<Text, Text>,
    pending: Vec<Pending>,
    findings: Vec<ZufiFinding>,
    counts: IndexCounts,
}

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts the next file: positions given from now on are in `name`.
    pub fn start_file(&mut self, name: &str) {
        self.file = Some(self.strings.get(name));
        self.counts.files += 1;
    }

    fn position(&mut self, line: u64, column: u64) -> SourcePosition {
        let file = match &self.file {
            Some(f) => f.clone(),
            None => self.strings.get(""),
        };
        SourcePosition { file, line, column }
    }

    /// Counts one object read whole.
    pub fn object_read(&mut self) {
        self.counts.objects_read += 1;
    }

    /// Records a bad object: one finding, the object counted as skipped.
    pub fn object_skipped(
        &mut self,
        code: FindingCode,
        line: u64,
        column: u64,
        object: Option<String>,
        message: String,
    ) {
        self.counts.objects_skipped += 1;
        self.finding(code, line, column, object, message);
    }

    /// Records a finding.
    pub fn finding(
        &mut self,
        code: FindingCode,
        line: u64,
        column: u64,
        object: Option<String>,
        message: String,
    ) {
        let source = self.position(line, column);
        self.findings.push(ZufiFinding {
            code,
            severity: code.severity(),
            source,
            object,
            message,
        });
    }

    /// A `leistung` of the export: its id and LeiKa keys (`referenzLeiKa`).
    pub fn add_leistung(&mut self, id: &str, leika_keys: Vec<LeikaKey>) {
        self.counts.leistungen += 1;
        let id = self.strings.get(id);
        self.leistungen.insert(id, leika_keys);
    }

    /// A `spezialisierung` of the export: its id, its own LeiKa keys where it states them, and
    /// the id of the Leistung it specialises where it names one (a Zuständigkeit for the
    /// Spezialisierung then gets that Leistung's keys when it has none of its own).
    pub fn add_spezialisierung(
        &mut self,
        id: &str,
        leika_keys: Vec<LeikaKey>,
        parent: Option<&str>,
    ) {
        self.counts.leistungen += 1;
        let id = self.strings.get(id);
        if let Some(p) = parent {
            let p = self.strings.get(p);
            self.parents.insert(id.clone(), p);
        }
        self.leistungen.insert(id, leika_keys);
    }

    /// A `zustaendigkeit`. Its `leistungID` is resolved when the index is finished (the Leistung
    /// may come later in the stream or in another export).
    pub fn add_zustaendigkeit(&mut self, input: ZustaendigkeitInput<'_>) {
        self.counts.zustaendigkeiten += 1;
        let source = self.position(input.line, input.column);
        let unit_id = self.strings.get(input.unit_id);
        let unit = match self.units.get(&unit_id) {
            Some(u) if u.name.as_deref() == input.unit_name => u.clone(),
            _ => {
                let name = input.unit_name.map(|n| self.strings.get(n));
                let u = Arc::new(ResponsibleUnit {
                    id: unit_id.clone(),
                    name,
                });
                self.units.insert(unit_id, u.clone());
                u
            }
        };
        let mut channels = Vec::new();
        let mut signed = None;
        if let Some(sig) = input.signature {
            match sig.claims() {
                Ok(claims) => {
                    channels.push(DerivedChannel::FitConnect {
                        destination_id: claims.destination_id,
                    });
                    let mut pairs = Vec::new();
                    for s in &claims.services {
                        for l in &s.leistung_ids {
                            let Ok(key) = LeikaKey::from_urn(l) else {
                                continue;
                            };
                            for g in &s.gebiet_ids {
                                if let Ok(k) = super::gebiet::parse_gebiet_id(g, None) {
                                    pairs.push((key.value(), PackedPrefix::from(k.prefix)));
                                }
                            }
                        }
                    }
                    signed = Some(pairs);
                }
                Err(e) => {
                    self.finding(
                        FindingCode::ZufiSignatureUndecodable,
                        input.line,
                        input.column,
                        Some(input.unit_id.to_owned()),
                        format!("DestinationSignature in idSekundaer: {e}"),
                    );
                }
            }
        }
        let gebiete = input
            .gebiete
            .iter()
            .map(|g| IndexedGebiet {
                ars: PackedPrefix::from(*g),
                level: g.level(),
            })
            .collect();
        let z = IndexedZustaendigkeit {
            organisationseinheit: unit,
            leistung_id: self.strings.get(input.leistung_id),
            leika_keys: Vec::new(),
            ozg_ids: Vec::new(),
            rolle: input.rolle.map(|r| self.strings.get(r)),
            gebiete,
            channels,
            source,
        };
        self.pending.push(Pending { z, signed });
    }

    fn resolve(&self, leistung_id: &str) -> Option<Vec<LeikaKey>> {
        if let Some(urn) = leistung_id.strip_prefix(LEIKA_URN_PREFIX)
            && let Ok(k) = urn.parse::<LeikaKey>()
        {
            return Some(vec![k]);
        }
        let keys = self.leistungen.get(leistung_id)?;
        if keys.is_empty()
            && let Some(parent) = self.parents.get(leistung_id)
        {
            return self.leistungen.get(&**parent).cloned();
        }
        Some(keys.clone())
    }

    /// Resolves every `leistungID`, compares the signatures' claims, and builds the lookups.
    /// `catalogue` gives the OZG-Leistungen of the LeiKa keys.
    pub fn finish(mut self, catalogue: &Catalogue) -> ZufiIndex {
        let pending = std::mem::take(&mut self.pending);
        let mut records = Vec::with_capacity(pending.len());
        let mut postings: Vec<(u64, PackedPrefix, u32)> = Vec::new();
        for Pending { mut z, signed } in pending {
            match self.resolve(&z.leistung_id) {
                Some(keys) => z.leika_keys = keys,
                None => self.findings.push(ZufiFinding {
                    code: FindingCode::ZufiUnknownLeistung,
                    severity: FindingCode::ZufiUnknownLeistung.severity(),
                    source: z.source.clone(),
                    object: Some(z.organisationseinheit.id.to_string()),
                    message: format!(
                        "zustaendigkeit/leistungID {} names no leistung of the exports read",
                        &*z.leistung_id
                    ),
                }),
            }
            let mut ozg: Vec<OzgId> = z
                .leika_keys
                .iter()
                .filter_map(|k| catalogue.ozg_for_leika(*k).map(|l| l.id))
                .collect();
            ozg.sort();
            ozg.dedup();
            z.ozg_ids = ozg;
            if let Some(signed) = signed {
                let mut missing = Vec::new();
                for k in &z.leika_keys {
                    for g in &z.gebiete {
                        if !signed.contains(&(k.value(), g.ars)) {
                            missing.push(format!("{k} in {}", g.ars));
                        }
                    }
                }
                if !missing.is_empty() {
                    self.findings.push(ZufiFinding {
                        code: FindingCode::ZufiSignatureServicesMismatch,
                        severity: FindingCode::ZufiSignatureServicesMismatch.severity(),
                        source: z.source.clone(),
                        object: Some(z.organisationseinheit.id.to_string()),
                        message: format!(
                            "the DestinationSignature's services claim does not name {}",
                            missing.join(", ")
                        ),
                    });
                }
            }
            let i = records.len() as u32;
            for k in &z.leika_keys {
                for g in &z.gebiete {
                    postings.push((k.value(), g.ars, i));
                }
            }
            records.push(z);
        }
        postings.sort_unstable();
        postings.dedup();
        let mut slots: HashMap<(u64, PackedPrefix), (u32, u32)> =
            HashMap::with_capacity(postings.len());
        let mut flat = Vec::with_capacity(postings.len());
        for (k, g, i) in postings {
            let at = flat.len() as u32;
            flat.push(i);
            slots
                .entry((k, g))
                .and_modify(|(_, n)| *n += 1)
                .or_insert((at, 1));
        }
        flat.shrink_to_fit();
        self.findings.sort_by(|a, b| {
            (&a.source.file, a.source.line, a.source.column).cmp(&(
                &b.source.file,
                b.source.line,
                b.source.column,
            ))
        });
        ZufiIndex {
            records,
            slots,
            flat,
            findings: self.findings,
            counts: self.counts,
        }
    }
}

/// The Zuständigkeit index of one or more XZuFi exports (Zuständigkeitsverzeichnis): answers
/// [`route`](Self::route) and [`coverage`](Self::coverage) queries offline. Built by an
/// [`IndexBuilder`] (fed by `ozg_xml::xzufi::index` from XML).
#[derive(Debug, Clone)]
pub struct ZufiIndex {
    pub(super) records: Vec<IndexedZustaendigkeit>,
    slots: HashMap<(u64, PackedPrefix), (u32, u32)>,
    flat: Vec<u32>,
    findings: Vec<ZufiFinding>,
    counts: IndexCounts,
}

impl ZufiIndex {
    /// Every Zuständigkeit, in reading order.
    pub fn zustaendigkeiten(&self) -> &[IndexedZustaendigkeit] {
        &self.records
    }

    /// Number of Zuständigkeiten.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The findings met while building (sorted by file, line, column).
    pub fn findings(&self) -> &[ZufiFinding] {
        &self.findings
    }

    /// Counts of the build.
    pub fn counts(&self) -> IndexCounts {
        self.counts
    }

    /// The Zuständigkeiten for `(leika, area)` exactly (no hierarchy).
    pub(super) fn exact(&self, leika: u64, area: PackedPrefix) -> &[u32] {
        match self.slots.get(&(leika, area)) {
            Some(&(at, n)) => &self.flat[at as usize..(at + n) as usize],
            None => &[],
        }
    }
}
