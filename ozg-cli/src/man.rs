//! `ozg man [--out DIR]`: manual pages (roff) generated from the clap definition by clap_mangen.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap_mangen::Man;

use crate::{CliError, Outcome};

/// Writes `cmd`'s page and those of its subcommands to `dir`. After `build()`, clap names every
/// subcommand by its path (`ozg-catalogue-show`), which clap_mangen uses as the file name.
fn write_pages(
    cmd: &clap::Command,
    dir: &Path,
    written: &mut Vec<PathBuf>,
) -> Result<(), CliError> {
    let man = Man::new(cmd.clone());
    let path = dir.join(man.get_filename());
    let mut page = Vec::new();
    man.render(&mut page)?;
    std::fs::write(&path, page).map_err(|source| CliError::Io {
        path: path.clone(),
        source,
    })?;
    written.push(path);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, written)?;
    }
    Ok(())
}

/// Prints the page of `ozg` itself, or writes one page per command to `dir` and lists them.
pub(crate) fn man<C: clap::CommandFactory>(
    dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let mut cmd = C::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = dir else {
        let mut page = Vec::new();
        Man::new(cmd).render(&mut page)?;
        out.write_all(&page)?;
        return Ok(Outcome::Ok);
    };
    let mut written = Vec::new();
    write_pages(&cmd, dir, &mut written)?;
    for p in written {
        writeln!(out, "wrote {}", p.display())?;
    }
    Ok(Outcome::Ok)
}
