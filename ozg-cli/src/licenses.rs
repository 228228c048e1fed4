//! `ozg licenses`: the licence of ozg and the notices of the embedded data, from `ozg_core::notices`.

use std::io::Write;

use ozg_core::notices::{self, Notice};
use serde_json::{Value, json};

use crate::output::{self, Format};
use crate::{CliError, Outcome};

fn notice_json(n: &Notice) -> Value {
    json!({
        "subject": n.subject,
        "source": n.source,
        "licence": n.licence,
        "attribution": n.attribution,
        "text": n.text,
    })
}

fn print_notice(n: &Notice, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", n.subject)?;
    writeln!(out, "  Source:      {}", n.source)?;
    writeln!(
        out,
        "  Licence:     {}",
        n.licence.unwrap_or("none stated by the source")
    )?;
    writeln!(out, "  Attribution: {}", n.attribution)?;
    if let Some(text) = n.text {
        writeln!(out)?;
        for line in text.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    writeln!(out)
}

/// `ozg licenses [--format text|json|ndjson]`.
pub(crate) fn licenses(format: Format, out: &mut dyn Write) -> Result<Outcome, CliError> {
    match format {
        Format::Text => {
            print_notice(&notices::CODE, out)?;
            writeln!(out, "Embedded data")?;
            writeln!(out)?;
            for n in notices::DATA {
                print_notice(n, out)?;
            }
        }
        Format::Json => {
            let data: Vec<Value> = notices::DATA.iter().map(notice_json).collect();
            output::write_json(
                out,
                &json!({ "code": notice_json(&notices::CODE), "data": data }),
            )?;
        }
        Format::Ndjson => {
            output::write_ndjson(out, &notice_json(&notices::CODE))?;
            for n in notices::DATA {
                output::write_ndjson(out, &notice_json(n))?;
            }
        }
    }
    Ok(Outcome::Ok)
}
