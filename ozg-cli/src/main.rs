//! The `ozg` command-line tool.
//!
//! Exit codes: 0 ok, 1 findings (or nothing found), 2 usage, input or I/O error. Errors go to stderr and
//! name the file and the location (line:column or JSON pointer). A closed stdout (`ozg … | head`) ends
//! any command quietly with 0. Output formats: [`output`] (`--format text|json|ndjson`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ozg_core::catalogue::Catalogue;

mod catalogue;
mod codelist;
mod completions;
mod coverage;
mod dataset;
mod gemeinde;
mod licenses;
mod man;
mod output;
mod report;
mod route;
mod validate;
mod xml;
mod zufi;

pub(crate) use output::write_json;

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
    /// Load this Genericode code list (repeatable), e.g. a newer version of a list ozg checks
    /// codes against (DVDV-Präfixe, AGS, Regionalschlüssel, Kreis, Bundesland); it is pinned
    /// over the embedded version.
    #[arg(long = "codelist", global = true, value_name = "FILE")]
    codelists: Vec<PathBuf>,
    /// Largest input file read by any command, in bytes (default 1 GiB); larger input is an error
    /// (exit 2) instead of filling the memory.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = DEFAULT_INPUT_LIMIT)]
    max_input_bytes: u64,
}

/// Default of `--max-input-bytes`: 1 GiB.
const DEFAULT_INPUT_LIMIT: u64 = 1 << 30;

static INPUT_LIMIT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// The total input cap of whole-file commands (`--max-input-bytes`).
pub(crate) fn input_limit() -> u64 {
    INPUT_LIMIT.get().copied().unwrap_or(DEFAULT_INPUT_LIMIT)
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
        /// Dataset file (JSON), or `-` for stdin; the bundled example when omitted.
        dataset: Option<PathBuf>,
        #[command(flatten)]
        format: output::FormatArgs,
        /// Also cross-check the dataset with these XZuFi exports (`zufi.*` findings).
        #[arg(long, value_name = "EXPORT.xml", num_args = 1..)]
        zufi: Vec<PathBuf>,
    },
    /// Who serves a Leistung in an area, from XZuFi exports (most specific Gebiet first);
    /// exit 0 found, 1 nothing, 2 errors.
    Route(route::RouteArgs),
    /// Coverage of a Kreis, Amt or Gemeinde by XZuFi exports: municipal OZG-Leistungen with a
    /// responsible unit and a digital channel, and the blockers.
    Coverage(coverage::CoverageArgs),
    /// Print the bundled example dataset (JSON) as a template to edit.
    Example {
        /// `json` (default, pretty) or `ndjson` (one line).
        #[command(flatten)]
        format: output::FormatArgs,
    },
    /// Read Genericode code lists (XÖV Codelisten): show them, look codes up.
    #[command(subcommand)]
    Codelist(codelist::CodelistCommand),
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
        /// Output format: text, json (one JSON object for the run) or ndjson (one finding per line;
        /// nothing for a valid file).
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
        /// `json` (default, pretty) or `ndjson` (the schema on one line).
        #[command(flatten)]
        format: output::FormatArgs,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to stdout.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout, or write one page per command to DIR.
    Man {
        /// Directory to write ozg.1 and ozg-COMMAND.1 to.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Licence of ozg (MIT) and the notices of the embedded data (catalogue, official code lists).
    Licenses {
        #[command(flatten)]
        format: output::FormatArgs,
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
        #[command(flatten)]
        format: output::FormatArgs,
    },
    /// Show an OZG-Leistung (5-digit OZG-ID) or a LeiKa-Leistung (14-digit LeiKa key).
    Show {
        /// OZG-ID or LeiKa key.
        id: String,
        #[command(flatten)]
        format: output::FormatArgs,
    },
    /// Search names, case- and umlaut-insensitive ("Fuehrerschein" finds "Führerschein"); exits 1
    /// when nothing matches.
    Search {
        /// Search text.
        text: String,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        format: output::FormatArgs,
    },
}

/// What a command found: decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Everything fine: exit 0.
    Ok,
    /// Findings (violations, invalid documents): exit 1.
    Findings,
    /// Nothing matched the query (e.g. a search without hits): exit 1.
    NothingFound,
    /// Some input could not be read (reported already; other inputs were still processed): exit 2.
    InputError,
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

/// A serde_json error while writing (e.g. `to_writer` on a closed pipe) stays an I/O error, so that
/// `main` sees a broken pipe; any other is a serialisation failure of the input.
impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        if e.io_error_kind().is_some() {
            CliError::Io {
                path: PathBuf::from("<stdout>"),
                source: io::Error::other(e),
            }
        } else {
            CliError::Input(e.to_string())
        }
    }
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CliError::Io { source, .. } => Some(source),
            CliError::Usage(_) | CliError::Input(_) | CliError::NotFound(_) => None,
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

/// Opens a file (or stdin for `-`) for reading, capped at [`input_limit`] bytes.
pub(crate) fn open_input(path: &Path) -> Result<Box<dyn io::Read>, CliError> {
    let input: Box<dyn io::Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|source| CliError::Io {
            path: path.to_owned(),
            source,
        })?)
    };
    Ok(input)
}

/// Reads a whole file (or stdin for `-`), at most [`input_limit`] bytes.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let limit = input_limit();
    let mut bytes = Vec::new();
    io::Read::read_to_end(
        &mut io::Read::take(open_input(path)?, limit.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|source| CliError::Io {
        path: path.to_owned(),
        source,
    })?;
    if bytes.len() as u64 > limit {
        return Err(CliError::Input(format!(
            "{}: input larger than the limit of {limit} bytes (raise it with --max-input-bytes)",
            path.display()
        )));
    }
    Ok(bytes)
}

/// Reads a whole file (or stdin for `-`) as UTF-8 text, at most [`input_limit`] bytes.
pub(crate) fn read_text(path: &Path) -> Result<String, CliError> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        CliError::Input(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
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
                CatalogueCommand::Stats { format } => catalogue::stats(&cat, format.get(), out),
                CatalogueCommand::Show { id, format } => {
                    catalogue::show(&cat, &id, format.get(), out)
                }
                CatalogueCommand::Search {
                    text,
                    limit,
                    format,
                } => catalogue::search(&cat, &text, limit, format.get(), out),
            }
        }
        Command::Report(args) => {
            let cat = load_catalogue(&cli.global)?;
            report::run(&cat, args, out)
        }
        Command::Check {
            dataset,
            format,
            zufi,
        } => {
            let cat = load_catalogue(&cli.global)?;
            let registry = codelist::registry(&cli.global.codelists)?;
            if zufi.is_empty() {
                dataset::check(&cat, &registry, dataset.as_deref(), format.get(), out)
            } else {
                zufi::check(
                    &cat,
                    &registry,
                    dataset.as_deref(),
                    &zufi,
                    format.get(),
                    out,
                )
            }
        }
        Command::Route(args) => route::route(&*load_catalogue(&cli.global)?, args, out),
        Command::Coverage(args) => coverage::coverage(&*load_catalogue(&cli.global)?, args, out),
        Command::Codelist(cmd) => codelist::run(cmd, out),
        Command::Example { format } => dataset::example(format.or(output::Format::Json), out),
        Command::Gemeinde(args) => gemeinde::run(&args, out),
        Command::Convert {
            input,
            output,
            from: None,
            to: None,
        } if report::is_xlsx(&input) || report::is_xlsx(&output) => {
            let registry = codelist::registry(&cli.global.codelists)?;
            report::convert_xlsx(
                &*load_catalogue(&cli.global)?,
                &registry,
                &input,
                &output,
                out,
            )
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
            // The semantic rules check codes against the lists in use (`--codelist`).
            let owned;
            let validator: &ozg_validate::Validator = if cli.global.catalogue.is_some()
                || cli.global.extend_catalogue.is_some()
                || !cli.global.codelists.is_empty()
            {
                let cat = load_catalogue(&cli.global)?.into_owned();
                let registry = codelist::registry(&cli.global.codelists)?.into_owned();
                owned = ozg_validate::Validator::new()
                    .map_err(|e| CliError::Input(e.to_string()))?
                    .with_catalogue(cat)
                    .with_codelists(registry);
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
        Command::Schema {
            out: dir,
            name,
            format,
        } => match format.or(output::Format::Json) {
            output::Format::Ndjson if dir.is_none() => {
                // The same schema on one line: render, then re-serialise compactly.
                let mut pretty = Vec::new();
                let outcome = validate::schema(None, name.as_deref(), &mut pretty)?;
                let value: serde_json::Value = serde_json::from_slice(&pretty)
                    .map_err(|e| CliError::Input(format!("schema is not JSON: {e}")))?;
                output::write_ndjson(out, &value)?;
                Ok(outcome)
            }
            _ => validate::schema(dir.as_deref(), name.as_deref(), out),
        },
        Command::Completions { shell } => completions::completions::<Cli>(shell, out),
        Command::Man { out: dir } => man::man::<Cli>(dir.as_deref(), out),
        Command::Licenses { format } => licenses::licenses(format.get(), out),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = INPUT_LIMIT.set(cli.global.max_input_bytes);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out);
    let flushed = out.flush();
    match (result, flushed) {
        // The reader of stdout went away (`ozg … | head`): what it wanted it got; quiet success.
        (Err(e), _) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        (Ok(Outcome::Ok), Ok(())) => ExitCode::SUCCESS,
        (Ok(Outcome::Findings | Outcome::NothingFound), Ok(())) => ExitCode::from(1),
        (Ok(Outcome::InputError), Ok(())) => ExitCode::from(2),
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
