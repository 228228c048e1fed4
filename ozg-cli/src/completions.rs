//! `ozg completions SHELL`: a shell completion script generated from the clap definition.

use std::io::Write;

use clap_complete::Shell;

use crate::{CliError, Outcome};

/// Writes the completion script for `shell`. It is generated into memory first: clap_complete panics
/// on write errors, and a closed pipe must end the command quietly instead.
pub(crate) fn completions<C: clap::CommandFactory>(
    shell: Shell,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let mut cmd = C::command();
    let name = cmd.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    out.write_all(&script)?;
    Ok(Outcome::Ok)
}
