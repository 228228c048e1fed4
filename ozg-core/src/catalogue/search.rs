//! Name search (Volltextsuche über Leistungsnamen): normalisation and a trigram index.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::{LeikaLeistung, OzgLeistung};
use crate::id::ServiceRef;

/// Normalises a name or query for search (Suchnormalisierung): lower case; `ä`→`ae`, `ö`→`oe`,
/// `ü`→`ue`, `ß`→`ss`; every character that is not a letter or digit becomes a space; runs of
/// spaces collapse to one; no leading or trailing space.
///
/// Names and queries go through the same function, so `"Fuehrerschein"` and `"führerschein"`
/// both become `"fuehrerschein"`.
///
/// ```
/// use ozg_core::catalogue::normalize;
///
/// assert_eq!(normalize("Führerschein (Ersatz)"), "fuehrerschein ersatz");
/// assert_eq!(normalize("FUEHRERSCHEIN"), normalize("Führerschein"));
/// assert_eq!(normalize("Straße/Weg"), "strasse weg");
/// ```
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c.to_ascii_lowercase());
            } else {
                pending_space = true;
            }
            continue;
        }
        for lower in c.to_lowercase() {
            let replacement: Option<&str> = match lower {
                'ä' => Some("ae"),
                'ö' => Some("oe"),
                'ü' => Some("ue"),
                'ß' => Some("ss"),
                _ => None,
            };
            if replacement.is_none() && !lower.is_alphanumeric() {
                pending_space = true;
                continue;
            }
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            match replacement {
                Some(r) => out.push_str(r),
                None => out.push(lower),
            }
        }
    }
    out
}

/// How a search hit matched the query (Trefferart). Ordered from best to weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    /// The whole normalised name equals the normalised query (exakter Treffer).
    Exact,
    /// Every query word is a whole word of the name (Worttreffer).
    Word,
    /// Every query word begins a word of the name (Wortanfang).
    Prefix,
    /// Every query word occurs somewhere in the name, e.g. inside a compound (Teilwort).
    Substring,
    /// Approximate: each query word is within a small edit distance of a word of the name
    /// (unscharfer Treffer, e.g. a typing error); candidates are found by letter trigrams.
    Fuzzy,
}

/// The catalogue entry a search hit points to (Treffer: OZG-Leistung or LeiKa-Leistung).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SearchItem<'a> {
    /// An OZG-Leistung (Leistungsbündel).
    Leistung(&'a OzgLeistung),
    /// A LeiKa-Leistung (row of the LeiKa mapping).
    Leika(&'a LeikaLeistung),
}

impl<'a> SearchItem<'a> {
    /// Name (Bezeichnung) of the entry.
    pub fn name(&self) -> &'a str {
        match self {
            Self::Leistung(l) => &l.name,
            Self::Leika(l) => &l.name,
        }
    }

    /// The identifier of the entry: the OZG-ID or the LeiKa key; `None` for a LeiKa row
    /// "nicht im LeiKa" (without key).
    pub fn service_ref(&self) -> Option<ServiceRef> {
        match self {
            Self::Leistung(l) => Some(ServiceRef::Ozg(l.id)),
            Self::Leika(l) => l.key.map(ServiceRef::Leika),
        }
    }
}

/// One search result (Suchtreffer), see [`Catalogue::search`](super::Catalogue::search).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchHit<'a> {
    /// The entry found.
    pub item: SearchItem<'a>,
    /// How it matched; results are sorted by this first.
    pub kind: MatchKind,
    /// Score within the match kind, 0.0–1.0, higher is better: for [`MatchKind::Fuzzy`] the
    /// mean similarity (edit distance) of each query word to its closest word of the name, otherwise the
    /// share of the name the query covers (shorter names rank first).
    pub score: f32,
}

/// A normalised name.
#[derive(Debug, Clone)]
struct Doc {
    norm: String,
}

/// Trigram index over the names of OZG-Leistungen (documents `0..n_leistungen`) and LeiKa rows
/// (documents from `n_leistungen`).
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    docs: Vec<Doc>,
    n_leistungen: usize,
    postings: Postings,
}

/// Minimum share of all query trigrams a name must contain to be scored as a fuzzy hit.
const FUZZY_PREFILTER: f32 = 0.5;

/// Query words shorter than this must occur exactly (no typing errors tolerated).
const FUZZY_MIN_LEN: usize = 5;

/// Minimum similarity of each query word to some word of the name in a fuzzy hit.
const FUZZY_THRESHOLD: f32 = 0.75;

/// Packs three characters into one key.
fn trigram_key(a: char, b: char, c: char) -> u64 {
    (u64::from(u32::from(a)) << 42) | (u64::from(u32::from(b)) << 21) | u64::from(u32::from(c))
}

/// Appends the trigrams of the words of a normalised text (words shorter than 3 give none).
fn push_trigrams(norm: &str, out: &mut Vec<u64>) {
    for word in norm.split(' ') {
        let mut chars = word.chars();
        let (Some(mut a), Some(mut b)) = (chars.next(), chars.next()) else {
            continue;
        };
        for c in chars {
            out.push(trigram_key(a, b, c));
            a = b;
            b = c;
        }
    }
}

/// Distinct trigrams of the words of a normalised text, sorted.
fn trigrams(norm: &str) -> Vec<u64> {
    let mut out = Vec::new();
    push_trigrams(norm, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// A fast hasher for trigram keys (splitmix64 mixing; not DoS-resistant, which does not matter
/// for a table of a few thousand trigrams built from catalogue names).
#[derive(Debug, Clone, Copy, Default)]
struct TrigramHasher(u64);

impl std::hash::Hasher for TrigramHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        // splitmix64 finaliser: every input bit affects the low bits the table uses.
        let mut z = self.0.rotate_left(5) ^ n;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.0 = z ^ (z >> 31);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type TrigramMap = HashMap<u64, u32, BuildHasherDefault<TrigramHasher>>;

/// Posting lists in compressed form: trigram key → dense id `i`, whose documents are
/// `docs[offsets[i]..offsets[i + 1]]` (ascending, distinct).
#[derive(Debug, Clone, Default)]
struct Postings {
    ids: TrigramMap,
    offsets: Vec<usize>,
    docs: Vec<u32>,
}

impl Postings {
    /// Builds the lists from the sorted, distinct trigrams of each document (in document order).
    fn build(per_doc: &[Vec<u64>]) -> Self {
        let mut ids = TrigramMap::default();
        let mut counts: Vec<usize> = Vec::new();
        for trigrams in per_doc {
            for &t in trigrams {
                let next = u32::try_from(counts.len()).unwrap_or(u32::MAX);
                let id = *ids.entry(t).or_insert(next) as usize;
                match counts.get_mut(id) {
                    Some(c) => *c += 1,
                    None => counts.push(1),
                }
            }
        }
        let mut offsets = Vec::with_capacity(counts.len() + 1);
        let mut total = 0;
        for c in &counts {
            offsets.push(total);
            total += c;
        }
        offsets.push(total);
        let mut cursor: Vec<usize> = offsets.clone();
        let mut docs = vec![0u32; total];
        for (doc, trigrams) in per_doc.iter().enumerate() {
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            for t in trigrams {
                let Some(&id) = ids.get(t) else { continue };
                if let Some(pos) = cursor.get_mut(id as usize) {
                    if let Some(slot) = docs.get_mut(*pos) {
                        *slot = doc;
                    }
                    *pos += 1;
                }
            }
        }
        Postings { ids, offsets, docs }
    }

    /// The documents containing a trigram.
    fn get(&self, key: u64) -> &[u32] {
        let Some(&id) = self.ids.get(&key) else {
            return &[];
        };
        let id = id as usize;
        match (self.offsets.get(id), self.offsets.get(id + 1)) {
            (Some(&start), Some(&end)) => self.docs.get(start..end).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions) of two words,
/// or `None` if it exceeds `max` (computed row by row with early exit).
fn osa_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

/// Similarity 0.0–1.0 of a query word to a word of a name: 1.0 if it occurs in the word; else,
/// for query words of at least [`FUZZY_MIN_LEN`] letters, `1 - distance / length` against the
/// whole word or against the word's beginning of the query word's length (typing errors in the
/// first part of a compound); 0.0 below [`FUZZY_THRESHOLD`].
fn word_similarity(token: &[char], word: &[char]) -> f32 {
    if token.is_empty() || word.is_empty() {
        return 0.0;
    }
    if word.windows(token.len()).any(|w| w == token) {
        return 1.0;
    }
    if token.len() < FUZZY_MIN_LEN {
        return 0.0;
    }
    let sim = |other: &[char]| {
        let longest = token.len().max(other.len());
        // Largest distance that still reaches the threshold.
        let max = ((1.0 - FUZZY_THRESHOLD) * longest as f32).floor() as usize;
        osa_distance(token, other, max).map_or(0.0, |d| 1.0 - d as f32 / longest as f32)
    };
    let whole = sim(word);
    let head = word.get(..token.len()).map_or(0.0, sim);
    whole.max(head)
}

/// Fuzzy score of a name: each query word (as characters) is compared with every word of the
/// name ([`word_similarity`]); `None` if some query word has no word with similarity of at least
/// [`FUZZY_THRESHOLD`], else the mean of the best similarities.
fn fuzzy_score(tokens: &[Vec<char>], name_norm: &str) -> Option<f32> {
    let mut best = vec![0.0f32; tokens.len()];
    let mut word: Vec<char> = Vec::new();
    for w in name_norm.split(' ') {
        word.clear();
        word.extend(w.chars());
        for (t, b) in tokens.iter().zip(best.iter_mut()) {
            if *b < 1.0 {
                *b = b.max(word_similarity(t, &word));
            }
        }
    }
    if best.iter().any(|&b| b < FUZZY_THRESHOLD) {
        return None;
    }
    Some(best.iter().sum::<f32>() / tokens.len().max(1) as f32)
}

/// Classifies how a normalised name matches normalised query tokens, without the fuzzy step.
pub(crate) fn classify(query_norm: &str, tokens: &[&str], name_norm: &str) -> Option<MatchKind> {
    if name_norm == query_norm {
        return Some(MatchKind::Exact);
    }
    let mut kind = MatchKind::Word;
    for token in tokens {
        let token_kind = if name_norm.split(' ').any(|w| w == *token) {
            MatchKind::Word
        } else if name_norm.split(' ').any(|w| w.starts_with(token)) {
            MatchKind::Prefix
        } else if name_norm.contains(token) {
            MatchKind::Substring
        } else {
            return None;
        };
        kind = kind.max(token_kind);
    }
    Some(kind)
}

/// Share of the name that the query covers (1.0 = same length).
pub(crate) fn coverage(query_norm: &str, name_norm: &str) -> f32 {
    let q = query_norm.chars().count() as f32;
    let n = name_norm.chars().count().max(1) as f32;
    (q / n).min(1.0)
}

impl SearchIndex {
    /// Builds the index over the given Leistungen and LeiKa rows.
    pub(crate) fn build(leistungen: &[OzgLeistung], leika: &[LeikaLeistung]) -> Self {
        let names = leistungen
            .iter()
            .map(|l| &*l.name)
            .chain(leika.iter().map(|l| &*l.name));
        let mut docs = Vec::with_capacity(leistungen.len() + leika.len());
        let mut per_doc = Vec::with_capacity(docs.capacity());
        for name in names {
            let norm = normalize(name);
            per_doc.push(trigrams(&norm));
            docs.push(Doc { norm });
        }
        let postings = Postings::build(&per_doc);
        Self {
            docs,
            n_leistungen: leistungen.len(),
            postings,
        }
    }

    /// Runs a query; returns `(document, kind, score)` sorted best first.
    pub(crate) fn query(&self, query: &str) -> Vec<(usize, MatchKind, f32)> {
        let qn = normalize(query);
        let tokens: Vec<&str> = qn.split(' ').filter(|t| !t.is_empty()).collect();
        if tokens.is_empty() {
            return Vec::new();
        }
        let q_trigrams = trigrams(&qn);
        let mut hits = Vec::new();
        if q_trigrams.is_empty() {
            // Only short words (fewer than 3 letters): scan all names.
            for (i, doc) in self.docs.iter().enumerate() {
                if let Some(kind) = classify(&qn, &tokens, &doc.norm) {
                    hits.push((i, kind, coverage(&qn, &doc.norm)));
                }
            }
        } else {
            let mut shared = vec![0u16; self.docs.len()];
            for t in &q_trigrams {
                for &d in self.postings.get(*t) {
                    if let Some(c) = shared.get_mut(d as usize) {
                        *c = c.saturating_add(1);
                    }
                }
            }
            let token_chars: Vec<Vec<char>> = tokens.iter().map(|t| t.chars().collect()).collect();
            let total = q_trigrams.len() as f32;
            let all = u16::try_from(q_trigrams.len()).unwrap_or(u16::MAX);
            for (i, &count) in shared.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let Some(doc) = self.docs.get(i) else {
                    continue;
                };
                // A substring match needs every query trigram in the name.
                let exactish = if count >= all {
                    classify(&qn, &tokens, &doc.norm)
                } else {
                    None
                };
                match exactish {
                    Some(kind) => hits.push((i, kind, coverage(&qn, &doc.norm))),
                    None => {
                        // Cheap prefilter on shared trigrams, then word-by-word similarity.
                        if f32::from(count) / total >= FUZZY_PREFILTER {
                            if let Some(score) = fuzzy_score(&token_chars, &doc.norm) {
                                hits.push((i, MatchKind::Fuzzy, score));
                            }
                        }
                    }
                }
            }
        }
        hits.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then(b.2.total_cmp(&a.2))
                .then_with(|| self.doc_name(a.0).cmp(self.doc_name(b.0)))
                .then(a.0.cmp(&b.0))
        });
        hits
    }

    fn doc_name(&self, doc: usize) -> &str {
        self.docs.get(doc).map_or("", |d| d.norm.as_str())
    }

    /// Number of OZG-Leistungen at the start of the document list.
    pub(crate) fn n_leistungen(&self) -> usize {
        self.n_leistungen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_maps_umlauts_and_punctuation() {
        assert_eq!(
            normalize("  Ärger-Über   Öl; Maß!  "),
            "aerger ueber oel mass"
        );
        assert_eq!(normalize("Fuehrerschein"), normalize("Führerschein"));
        assert_eq!(normalize("ÄÖÜ"), "aeoeue");
        assert_eq!(normalize("§ 27 Abs. 8"), "27 abs 8");
        assert_eq!(normalize("---"), "");
    }

    #[test]
    fn fuzzy_similarity() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(osa_distance(&c("elterngled"), &c("elterngeld"), 3), Some(1));
        assert_eq!(
            osa_distance(&c("fuhrerschein"), &c("fuehrerschein"), 3),
            Some(1)
        );
        assert_eq!(osa_distance(&c(""), &c("abc"), 3), Some(3));
        assert_eq!(osa_distance(&c("kitten"), &c("sitting"), 9), Some(3));
        assert_eq!(osa_distance(&c("kitten"), &c("sitting"), 2), None);
        assert_eq!(osa_distance(&c("abcdef"), &c("badcfe"), 9), Some(3));
        let t = |ws: &[&str]| ws.iter().map(|w| c(w)).collect::<Vec<_>>();
        assert!(fuzzy_score(&t(&["elterngled"]), "elterngeld").is_some());
        assert!(fuzzy_score(&t(&["elterngled"]), "nachzug der eltern").is_none());
        assert!(fuzzy_score(&t(&["hund", "anmelden"]), "hundesteuer anmeldung").is_some());
        assert!(fuzzy_score(&t(&["hund", "anmelden"]), "anmeldung von vertraegen").is_none());
    }

    #[test]
    fn classify_ranks() {
        let q = "bau";
        assert_eq!(classify(q, &["bau"], "bau"), Some(MatchKind::Exact));
        assert_eq!(classify(q, &["bau"], "bau abnahme"), Some(MatchKind::Word));
        assert_eq!(
            classify(q, &["bau"], "bauen wohnen"),
            Some(MatchKind::Prefix)
        );
        assert_eq!(classify(q, &["bau"], "abbau"), Some(MatchKind::Substring));
        assert_eq!(classify(q, &["bau"], "wohnen"), None);
    }
}
