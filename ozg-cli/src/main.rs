//! The `ozg` command-line tool.
//!
//! Exit codes: 0 ok, 1 findings (or nothing found), 2 usage, input or I/O error. Errors go to stderr and
//! name the file and the location (line:column or JSON pointer).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ozg_core::catalogue::Catalogue;

mod catalogue;
mod dataset;
mod gemeinde;
mod report;
mod validate;
mod xml;

/// Command-line interface of ozg: the OZG catalogue, datasets of Verwaltungen, Onlinedienste, delivery
/// channels, agreements and rollout entries.
#[derive(Debug, Parser)]
#[command(name = "ozg", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Global {
    /// Use this catalogue file instead of the embedded OZG-Umsetzungskatalog (format: see ozg-core/DATA.md).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        conflicts_with = "extend_catalogue"
    )]
    catalogue: Option<PathBuf>,
    /// Extend the embedded catalogue with the entries of this file (its entries win).
    #[arg(long, global = true, value_name = "FILE")]
    extend_catalogue: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Query the OZG-Umsetzungskatalog (Themenfelder, Lagen, OZG-Leistungen, LeiKa-Leistungen).
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// Rollout report of a dataset: counts per status and phase, coverage per Themenfeld, Kreis and
    /// Gemeindeverband, blockers; filtered by Kreis, Amt, Land, Themenfeld or Verwaltung; as text, JSON, CSV,
    /// XLSX or HTML. Without DATASET it runs on the bundled example dataset.
    Report(report::ReportArgs),
    /// Consistency check of a dataset; exits 1 when it finds violations.
    /// Without DATASET it runs on the bundled example dataset.
    Check {
        /// Dataset file (JSON); the bundled example when omitted.
        dataset: Option<PathBuf>,
        /// Print the findings as a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Print the bundled example dataset (JSON) as a template to edit.
    Example,
    /// Look up Gemeinden in the embedded Gemeindeverzeichnis of Germany: by ARS, AGS, ARS prefix or name.
    Gemeinde(gemeinde::GemeindeArgs),
    /// Convert a document between JSON and our XML format (by extension, or --from/--to; `-` = stdin/stdout);
    /// a dataset to and from an Excel workbook (`.xlsx`).
    Convert {
        /// Input file, or `-` for stdin.
        input: PathBuf,
        /// Output file, or `-` for stdout.
        output: PathBuf,
        /// Input format (default: from the extension).
        #[arg(long, value_enum)]
        from: Option<xml::DataFormat>,
        /// Output format (default: from the extension).
        #[arg(long, value_enum)]
        to: Option<xml::DataFormat>,
    },
    /// Stream the objects of an XZuFi 2.2 message as NDJSON (one JSON object per line).
    Xzufi {
        /// XZuFi message file, or `-` for stdin.
        file: PathBuf,
        /// Print counts per object type instead of the objects.
        #[arg(long)]
        summary: bool,
    },
    /// Validate JSON or XML data files against the JSON Schemas and the semantic rules; exit 1 on findings.
    Validate {
        /// Files (JSON, NDJSON, our XML); `-` for stdin.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Document kind (default: told from each document's shape or root element).
        #[arg(long, value_parser = parse_kind)]
        kind: Option<ozg_validate::DocumentKind>,
        /// Validate against this JSON Schema instead (schema rules only; JSON files).
        #[arg(long, value_name = "FILE")]
        schema: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: validate::Format,
        /// Print only files with errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write the JSON Schemas of all document types to DIR, or print one (default: dataset).
    Schema {
        /// Directory to write every schema to.
        #[arg(long, value_name = "DIR", conflicts_with = "name")]
        out: Option<PathBuf>,
        /// Schema to print: dataset, catalogue, onlinedienst, agreement, rollout-entry, delivery-channel, …
        name: Option<String>,
    },
}

fn parse_kind(s: &str) -> Result<ozg_validate::DocumentKind, String> {
    s.parse()
        .map_err(|e: ozg_validate::UnknownDocumentKind| e.to_string())
}

#[derive(Debug, Subcommand)]
enum CatalogueCommand {
    /// Source, state (Stand), counts and known gaps of the catalogue.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show an OZG-Leistung (5-digit OZG-ID) or a LeiKa-Leistung (14-digit LeiKa key).
    Show {
        /// OZG-ID or LeiKa key.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search names, case- and umlaut-insensitive ("Fuehrerschein" finds "Führerschein").
    Search {
        /// Search text.
        text: String,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// What a command found: decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Everything fine: exit 0.
    Ok,
    /// Findings (violations, invalid documents): exit 1.
    Findings,
}

/// Errors of the CLI; each ends the command with exit code 2 (or 1 for `NotFound`).
#[derive(Debug)]
pub(crate) enum CliError {
    /// Wrong arguments.
    Usage(String),
    /// A file could not be read or written.
    Io { path: PathBuf, source: io::Error },
    /// Input that could not be used (message already names file and location).
    Input(String),
    /// The thing asked for does not exist (exit 1).
    NotFound(String),
}

impl From<io::Error> for CliError {
    fn from(source: io::Error) -> Self {
        CliError::Io {
            path: PathBuf::from("<stdout>"),
            source,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Input(m) | CliError::NotFound(m) => f.write_str(m),
            CliError::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

/// Writes a JSON value, pretty-printed, with a trailing newline.
pub(crate) fn write_json<T: serde::Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Input(format!("cannot serialise JSON: {e}")))?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Reads a whole file (or stdin for `-`) as UTF-8 text.
pub(crate) fn read_text(path: &Path) -> Result<String, CliError> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        io::Read::read_to_string(&mut io::stdin(), &mut s).map_err(|source| CliError::Io {
            path: path.to_owned(),
            source,
        })?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|source| CliError::Io {
        path: path.to_owned(),
        source,
    })
}

fn load_catalogue(global: &Global) -> Result<std::borrow::Cow<'static, Catalogue>, CliError> {
    if let Some(path) = &global.catalogue {
        let cat = Catalogue::from_path(path).map_err(|e| CliError::Input(e.to_string()))?;
        return Ok(std::borrow::Cow::Owned(cat));
    }
    if let Some(path) = &global.extend_catalogue {
        let extra = Catalogue::from_path(path).map_err(|e| CliError::Input(e.to_string()))?;
        let mut cat = Catalogue::embedded().clone();
        cat.extend(extra)
            .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
        return Ok(std::borrow::Cow::Owned(cat));
    }
    Ok(std::borrow::Cow::Borrowed(Catalogue::embedded()))
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome, CliError> {
    match cli.command {
        Command::Catalogue(cmd) => {
            let cat = load_catalogue(&cli.global)?;
            match cmd {
                CatalogueCommand::Stats { json } => catalogue::stats(&cat, json, out),
                CatalogueCommand::Show { id, json } => catalogue::show(&cat, &id, json, out),
                CatalogueCommand::Search { text, limit, json } => {
                    catalogue::search(&cat, &text, limit, json, out)
                }
            }
        }
        Command::Report(args) => {
            let cat = load_catalogue(&cli.global)?;
            report::run(&cat, args, out)
        }
        Command::Check { dataset, json } => {
            let cat = load_catalogue(&cli.global)?;
            dataset::check(&cat, dataset.as_deref(), json, out)
        }
        Command::Example => dataset::example(out),
        Command::Gemeinde(args) => gemeinde::run(&args, out),
        Command::Convert {
            input,
            output,
            from: None,
            to: None,
        } if report::is_xlsx(&input) || report::is_xlsx(&output) => {
            report::convert_xlsx(&*load_catalogue(&cli.global)?, &input, &output, out)
        }
        Command::Convert {
            input,
            output,
            from,
            to,
        } => xml::convert(&input, &output, from, to, out),
        Command::Xzufi { file, summary } => xml::xzufi(&file, summary, out),
        Command::Validate {
            files,
            kind,
            schema,
            format,
            quiet,
        } => {
            // The semantic rules check references against the catalogue in use.
            let owned;
            let validator: &ozg_validate::Validator =
                if cli.global.catalogue.is_some() || cli.global.extend_catalogue.is_some() {
                    let cat = load_catalogue(&cli.global)?.into_owned();
                    owned = ozg_validate::Validator::new()
                        .map_err(|e| CliError::Input(e.to_string()))?
                        .with_catalogue(cat);
                    &owned
                } else {
                    ozg_validate::Validator::shared().map_err(|e| CliError::Input(e.to_string()))?
                };
            validate::validate(
                validator,
                validate::Options {
                    files,
                    kind,
                    schema,
                    format,
                    quiet,
                },
                out,
            )
        }
        Command::Schema { out: dir, name } => {
            validate::schema(dir.as_deref(), name.as_deref(), out)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out);
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(Outcome::Ok), Ok(())) => ExitCode::SUCCESS,
        (Ok(Outcome::Findings), Ok(())) => ExitCode::from(1),
        (Err(CliError::NotFound(m)), _) => {
            eprintln!("ozg: {m}");
            ExitCode::from(1)
        }
        (Err(e), _) => {
            eprintln!("ozg: error: {e}");
            ExitCode::from(2)
        }
        (Ok(_), Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (Ok(_), Err(e)) => {
            eprintln!("ozg: error: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
