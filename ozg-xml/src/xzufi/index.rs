//! The Zuständigkeit index built from XZuFi exports in one streaming pass
//! ([`build_index`]): every `leistung`, `spezialisierung` and `zustaendigkeit` goes into an
//! [`IndexBuilder`](ozg_core::zufi::IndexBuilder) as it streams by; the objects themselves are
//! dropped at once, so memory grows with the number of Zuständigkeiten, not with the file.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use ozg_core::catalogue::Catalogue;
use ozg_core::finding::FindingCode;
use ozg_core::id::LeikaKey;
use ozg_core::zufi::{IndexBuilder, ZufiIndex, ZustaendigkeitInput};

use super::model::XzufiObject;
use super::read::XzufiReader;
use crate::config::ReaderConfig;
use crate::error::XmlError;

/// Why an index could not be built: a file could not be opened, or an export is not
/// well-formed XZuFi (bad values inside objects are findings of the index, not errors).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IndexError {
    /// A file could not be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// An export is not a well-formed XZuFi 2.2 message (fatal: the rest of that file cannot be
    /// read).
    #[error("{}: {source}", path.display())]
    Xml {
        /// The file.
        path: PathBuf,
        /// The error with line:column.
        source: XmlError,
    },
}

/// Builds the Zuständigkeit index of one or more XZuFi exports (read in the order given, one
/// streaming pass each; a Zuständigkeit may name a Leistung of another export). The catalogue
/// gives the OZG-Leistungen of the LeiKa keys.
///
/// ```
/// use ozg_core::Catalogue;
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/xml/xzufi_2_2_schreibe.xml");
/// let index = ozg_xml::xzufi::build_index(&[path], ReaderConfig::default(), Catalogue::embedded())?;
/// let kiel = "010020000000".parse()?;
/// let route = index.route_ars("99107023017000".parse()?, kiel);
/// assert_eq!(&*route.matches[0].zustaendigkeit.organisationseinheit.id, "O200001");
/// # use ozg_xml::ReaderConfig;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn build_index<P: AsRef<Path>>(
    paths: &[P],
    config: ReaderConfig,
    catalogue: &Catalogue,
) -> Result<ZufiIndex, IndexError> {
    let mut builder = IndexBuilder::new();
    for path in paths {
        let path = path.as_ref();
        let file = File::open(path).map_err(|source| IndexError::Io {
            path: path.to_owned(),
            source,
        })?;
        index_reader(
            &mut builder,
            &path.display().to_string(),
            BufReader::with_capacity(1 << 16, file),
            config,
        )
        .map_err(|source| IndexError::Xml {
            path: path.to_owned(),
            source,
        })?;
    }
    Ok(builder.finish(catalogue))
}

/// Streams one export into `builder` under the file name `name`. A bad value inside an object
/// becomes one finding (`zufi.invalid_object`, with line:column) and the stream goes on; a
/// well-formedness, limit or I/O error ends the file with `Err`.
pub fn index_reader<R: Read>(
    builder: &mut IndexBuilder,
    name: &str,
    input: R,
    config: ReaderConfig,
) -> Result<(), XmlError> {
    builder.start_file(name);
    let mut reader = XzufiReader::new(input, config)?;
    while let Some(item) = reader.next() {
        let object = match item {
            Ok(o) => o,
            Err(e) if reader.failed() => return Err(e),
            Err(e) => {
                builder.object_skipped(
                    FindingCode::ZufiInvalidObject,
                    e.line(),
                    e.column(),
                    None,
                    e.to_string(),
                );
                continue;
            }
        };
        builder.object_read();
        match object {
            XzufiObject::Leistung(l) => {
                let keys = valid_keys(l.referenz_leika.iter().map(|c| c.code.as_str()));
                builder.add_leistung(&l.id.value, keys);
            }
            XzufiObject::Spezialisierung(s) => {
                let keys = valid_keys(
                    s.unknown
                        .iter()
                        .filter(|e| e.name == "referenzLeiKa")
                        .filter_map(|e| e.child("code"))
                        .map(|c| c.text())
                        .collect::<Vec<_>>()
                        .iter()
                        .map(|s| s.trim()),
                );
                let parent = s
                    .unknown
                    .iter()
                    .find(|e| e.name == "leistungID")
                    .map(|e| e.text());
                builder.add_spezialisierung(&s.id.value, keys, parent.as_deref().map(str::trim));
            }
            XzufiObject::Organisationseinheit(o) => {
                let positions = reader.zustaendigkeit_positions();
                for (i, z) in o.zustaendigkeit.iter().enumerate() {
                    let (line, column) = positions.get(i).copied().unwrap_or((0, 0));
                    let Some(leistung_id) = &z.leistung_id else {
                        builder.finding(
                            FindingCode::ZufiUnknownLeistung,
                            line,
                            column,
                            Some(o.id.value.clone()),
                            "zustaendigkeit has no leistungID".into(),
                        );
                        continue;
                    };
                    // The reader has checked every gebietID and the signature's syntax.
                    let gebiete = z
                        .gebiet_keys()
                        .map(|ks| ks.into_iter().map(|k| k.prefix).collect())
                        .unwrap_or_default();
                    let signature = z.destination_signature().ok().flatten();
                    builder.add_zustaendigkeit(ZustaendigkeitInput {
                        unit_id: &o.id.value,
                        unit_name: o.name(),
                        leistung_id: &leistung_id.value,
                        gebiete,
                        rolle: z.rolle.as_ref().map(|r| r.code.as_str()),
                        signature: signature.as_ref(),
                        line,
                        column,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The LeiKa keys among `codes` (the reader has checked `referenzLeiKa` codes already).
fn valid_keys<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<LeikaKey> {
    codes.filter_map(|c| c.parse().ok()).collect()
}
