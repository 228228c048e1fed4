//! CSV reading for user-supplied Gemeindeverzeichnis files (`,` separator, `"` quoting).

use super::GemeindeverzeichnisError;

/// One CSV record with the line it starts on.
pub(super) struct CsvRecord {
    pub(super) line: usize,
    pub(super) fields: Vec<String>,
}

/// Splits CSV text (`,` separator, `"` quoting with `""` escapes, `\n` or `\r\n` line ends) into
/// records. Blank lines are skipped; a leading byte order mark is ignored.
pub(super) fn parse_csv(text: &str) -> Result<Vec<CsvRecord>, GemeindeverzeichnisError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut record_line = 1usize;
    let mut at_field_start = true;
    let err = |line: usize, message: &str| GemeindeverzeichnisError::Csv {
        line,
        message: message.to_owned(),
    };
    let finish_record =
        |fields: &mut Vec<String>, field: &mut String, record_line: usize, records: &mut Vec<_>| {
            fields.push(std::mem::take(field));
            let done = std::mem::take(fields);
            if !(done.len() == 1 && done.first().is_some_and(String::is_empty)) {
                records.push(CsvRecord {
                    line: record_line,
                    fields: done,
                });
            }
        };
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                let quote_line = line;
                loop {
                    match chars.next() {
                        Some('"') => {
                            if chars.peek() == Some(&'"') {
                                chars.next();
                                field.push('"');
                            } else {
                                break;
                            }
                        }
                        Some('\n') => {
                            line += 1;
                            field.push('\n');
                        }
                        Some(other) => field.push(other),
                        None => {
                            return Err(err(quote_line, "quoted field is not closed"));
                        }
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') | Some('\r') => {}
                    Some(_) => {
                        return Err(err(
                            line,
                            "unexpected character after a closing quote; expected , or line end",
                        ));
                    }
                }
                at_field_start = false;
            }
            '"' => {
                return Err(err(
                    line,
                    "quote inside an unquoted field; quote the whole field and write \"\" for a quote",
                ));
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                finish_record(&mut fields, &mut field, record_line, &mut records);
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            other => {
                field.push(other);
                at_field_start = false;
            }
        }
    }
    finish_record(&mut fields, &mut field, record_line, &mut records);
    Ok(records)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(usize, Vec<String>)> {
        parse_csv(text)
            .unwrap()
            .into_iter()
            .map(|r| (r.line, r.fields))
            .collect()
    }

    #[test]
    fn csv_quotes_commas_and_newlines() {
        let rows = fields("a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\n\n\"multi\nline\",z");
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1],
            (2, vec!["x, y".to_owned(), "he said \"hi\"".to_owned()])
        );
        assert_eq!(rows[2], (4, vec!["multi\nline".to_owned(), "z".to_owned()]));
    }

    #[test]
    fn csv_empty_fields_and_bom() {
        let rows = fields("\u{feff}a,,c\n,\n");
        assert_eq!(rows[0].1, vec!["a", "", "c"]);
        assert_eq!(rows[1].1, vec!["", ""]);
    }

    #[test]
    fn csv_errors_name_the_line() {
        let e = parse_csv("a,b\nc,\"open\n\n").err().unwrap();
        assert!(
            matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
            "{e}"
        );
        let e = parse_csv("a,b\n\"x\"y,z\n").err().unwrap();
        assert!(
            matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
            "{e}"
        );
        let e = parse_csv("a,b\nx\"y,z\n").err().unwrap();
        assert!(
            matches!(e, GemeindeverzeichnisError::Csv { line: 2, .. }),
            "{e}"
        );
    }
}
