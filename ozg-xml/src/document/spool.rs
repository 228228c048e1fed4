//! Where a section of a document written record by record waits for its turn (private): in
//! memory up to 1 MiB, beyond that in an unnamed temporary file.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Bytes of a section kept in memory before they move to a temporary file.
const IN_MEMORY: usize = 1 << 20;

/// The bytes of one section so far.
pub(crate) enum Spool {
    Memory(Vec<u8>),
    File(BufWriter<File>),
}

impl Spool {
    pub(crate) fn new() -> Spool {
        Spool::Memory(Vec::new())
    }

    /// The writer to append to; moves the bytes to a temporary file in `dir` (or the system's
    /// temporary directory) once they pass 1 MiB.
    pub(crate) fn writer(&mut self, dir: Option<&Path>) -> std::io::Result<&mut dyn Write> {
        if let Spool::Memory(buf) = self
            && buf.len() > IN_MEMORY
        {
            let file = match dir {
                Some(dir) => tempfile::tempfile_in(dir),
                None => tempfile::tempfile(),
            }?;
            let mut file = BufWriter::with_capacity(1 << 16, file);
            file.write_all(buf)?;
            *self = Spool::File(file);
        }
        Ok(match self {
            Spool::Memory(buf) => buf,
            Spool::File(file) => file,
        })
    }

    /// The bytes written, to read once.
    pub(crate) fn into_reader(self) -> std::io::Result<Box<dyn Read>> {
        Ok(match self {
            Spool::Memory(buf) => Box::new(std::io::Cursor::new(buf)),
            Spool::File(file) => {
                let mut file = file.into_inner().map_err(|e| e.into_error())?;
                file.rewind()?;
                Box::new(std::io::BufReader::with_capacity(1 << 16, file))
            }
        })
    }
}

/// The directory for the temporary files of large sections (`None`: the system's).
pub(crate) type SpoolDir = Option<PathBuf>;
