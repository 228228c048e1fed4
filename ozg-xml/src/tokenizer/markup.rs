//! Markup: tags, comments, processing instructions and the XML declaration; the contiguous
//! ones are parsed in place, restarted (linearly) when they continue beyond the buffer.

use std::io::Read;

use super::chars::*;
use super::tag_cache::TAG_CACHE_MAX_LEN;
use super::*;
use crate::guard::Anchor;

impl<R: Read> Tokenizer<R> {
    /// An end tag; `expected` is the qualified name of the innermost open element.
    pub(super) fn end_tag(&mut self, expected: &[u8]) -> Result<Token<'_>, TokError> {
        // The usual case: exactly `</expected>`, checked with one comparison.
        let data = self.g.data();
        let n = expected.len();
        if n > 0 && data.get(2 + n) == Some(&b'>') && eq_bytes(&data[2..2 + n], expected) {
            self.pending = n + 3;
            return Ok(Token::End(None));
        }
        // `</`, the name (up to whitespace or `>`), optional whitespace, `>`. The scan goes on
        // where it stopped when more input arrives (linear for any read size).
        let mut k = 2;
        let mut name_end = None;
        loop {
            let data = self.g.data();
            if name_end.is_none() {
                while k < data.len() && !matches!(data[k], b'>' | b' ' | b'\t' | b'\n' | b'\r') {
                    k += 1;
                }
                if k < data.len() {
                    name_end = Some(k);
                }
            }
            if name_end.is_some() {
                while k < data.len() && is_space(data[k]) {
                    k += 1;
                }
            }
            let name_end = name_end.unwrap_or(k);
            match data.get(k) {
                Some(b'>') if name_end > 2 => {
                    self.pending = k + 1;
                    let name = self.g.text(2, name_end);
                    return Ok(Token::End((name.as_bytes() != expected).then_some(name)));
                }
                Some(_) => {
                    return Err(syntax("malformed end tag: expected `</name>`", self.start));
                }
                None => {
                    let have = data.len();
                    self.more_markup(have, "an end tag")?;
                }
            }
        }
    }

    /// `<!`: a comment (skipped), a CDATA section (returns `true`), or a DOCTYPE (an error).
    pub(super) fn bang(&mut self) -> Result<bool, TokError> {
        loop {
            let data = self.g.data();
            if data.len() < 9 && !self.g.at_eof() {
                let have = data.len();
                self.more_markup(have, "markup")?;
                continue;
            }
            if data.starts_with(b"<!--") {
                self.g.advance(4);
                self.comment()?;
                return Ok(false);
            }
            if data.starts_with(b"<![CDATA[") {
                self.g.advance(9);
                self.state = State::CData;
                self.start = self.g.offset();
                return Ok(true);
            }
            if data.len() >= 3 && data[2].eq_ignore_ascii_case(&b'd') {
                return Err(Box::new(TokErrorData {
                    kind: XmlErrorKind::Doctype,
                    offset: self.start,
                }));
            }
            return Err(syntax(
                "`<!` must start a comment `<!--` or a CDATA section `<![CDATA[`",
                self.start,
            ));
        }
    }

    /// Skips a comment after `<!--`, streaming; `--` must not occur inside.
    pub(super) fn comment(&mut self) -> Result<(), TokError> {
        let start = self.start;
        self.g.anchor(Anchor::Body, start);
        let mut len: u64 = 0;
        loop {
            let data = self.g.data();
            let eof = self.g.at_eof();
            let mut end = data.len();
            let mut close = None;
            if let Some(k) = memchr::memmem::find(data, b"--") {
                if data.get(k + 2) == Some(&b'>') {
                    end = k;
                    close = Some(k + 3);
                } else if k + 2 < data.len() || eof {
                    // A forbidden character before the `--` comes first in the document.
                    if let Some(at) = forbidden_char(&data[..k]) {
                        return Err(syntax(
                            "character not allowed in XML 1.0",
                            self.g.offset() + at as u64,
                        ));
                    }
                    return Err(syntax(
                        "`--` is not allowed inside a comment",
                        self.g.offset() + k as u64,
                    ));
                } else {
                    end = k;
                }
            } else if !eof && data.last() == Some(&b'-') {
                end -= 1;
            }
            if self.skip_body(end, close, &mut len, start, "a comment")? {
                return Ok(());
            }
        }
    }

    /// One round of skipping the body of a comment or processing instruction: checks the
    /// characters of the next `valid` bytes and the length so far, consumes them (and the
    /// terminator, `close` bytes from here, when it was found) and reads more input otherwise.
    /// Returns whether the body ended.
    pub(super) fn skip_body(
        &mut self,
        valid: usize,
        close: Option<usize>,
        len: &mut u64,
        start: u64,
        what: &str,
    ) -> Result<bool, TokError> {
        if let Some(at) = forbidden_char(&self.g.data()[..valid]) {
            return Err(syntax(
                "character not allowed in XML 1.0",
                self.g.offset() + at as u64,
            ));
        }
        *len += valid as u64;
        if *len > self.max_text {
            return Err(Box::new(TokErrorData {
                kind: XmlErrorKind::LimitExceeded {
                    limit: Limit::TextLength,
                    max: self.max_text,
                    value: *len,
                },
                offset: start,
            }));
        }
        if let Some(c) = close {
            self.g.advance(c);
            return Ok(true);
        }
        self.g.advance(valid);
        if !self.more()? {
            return Err(syntax(
                format!("unexpected end of input in {what}"),
                self.g.offset(),
            ));
        }
        Ok(false)
    }

    /// A processing instruction `<?target …?>` (skipped); the target `xml` is reserved for the
    /// declaration at the start of the document.
    pub(super) fn pi(&mut self) -> Result<(), TokError> {
        // The target must be contiguous.
        let mut from = 2;
        let target_end = loop {
            let data = self.g.data();
            match data[from..].iter().position(|&b| is_space(b) || b == b'?') {
                Some(n) => break from + n,
                None => {
                    let have = data.len();
                    from = have;
                    self.more_markup(have, "a processing instruction")?;
                }
            }
        };
        let data = self.g.data();
        let target = &data[2..target_end];
        if target.eq_ignore_ascii_case(b"xml") {
            return Err(syntax(
                "the XML declaration is only allowed at the very start of the document",
                self.start,
            ));
        }
        check_name(target, self.start + 2, "processing instruction target")?;
        if let Some(c) = memchr::memchr(b':', target) {
            // Namespaces in XML 1.0, section 7: PI targets contain no colon.
            return Err(syntax(
                "a processing instruction target must not contain `:` (Namespaces in XML)",
                self.start + 2 + c as u64,
            ));
        }
        self.g.advance(target_end);
        let start = self.start;
        self.g.anchor(Anchor::Body, start);
        let mut len: u64 = 0;
        loop {
            let data = self.g.data();
            let eof = self.g.at_eof();
            let mut end = data.len();
            let mut close = None;
            if let Some(k) = memchr::memmem::find(data, b"?>") {
                end = k;
                close = Some(k + 2);
            } else if !eof && data.last() == Some(&b'?') {
                end -= 1;
            }
            // In document order: the separator after the target, then the characters.
            if len == 0 && end > 0 && !is_space(data[0]) {
                return Err(syntax(
                    "expected whitespace after the processing instruction target",
                    self.g.offset(),
                ));
            }
            if self.skip_body(end, close, &mut len, start, "a processing instruction")? {
                return Ok(());
            }
        }
    }

    /// The XML declaration at the start of the document: version 1.0 (or 1.1), encoding UTF-8
    /// or absent.
    pub(super) fn declaration(&mut self) -> Result<(), TokError> {
        let mut from = 0;
        let end = loop {
            let data = self.g.data();
            match memchr::memmem::find(&data[from..], b"?>") {
                Some(k) => break from + k,
                None => {
                    let have = data.len();
                    // A `?` at the end may start the `?>`.
                    from = have.saturating_sub(1);
                    self.more_markup(have, "the XML declaration")?;
                }
            }
        };
        let start = self.start;
        let data = self.g.data();
        let body = &data[5..end];
        let bad = |m: &str| syntax(format!("malformed XML declaration: {m}"), start);
        let mut rest = body;
        let mut pseudo = Vec::with_capacity(3);
        loop {
            let trimmed = trim_start_space(rest);
            if trimmed.is_empty() {
                break;
            }
            if trimmed.len() == rest.len() {
                return Err(bad("expected whitespace between pseudo-attributes"));
            }
            let eq = memchr::memchr(b'=', trimmed).ok_or_else(|| bad("expected `=`"))?;
            let name = trim_end_space(&trimmed[..eq]);
            let after = trim_start_space(&trimmed[eq + 1..]);
            let q = *after
                .first()
                .ok_or_else(|| bad("expected a quoted value"))?;
            if q != b'"' && q != b'\'' {
                return Err(bad("expected a quoted value"));
            }
            let close = memchr::memchr(q, &after[1..]).ok_or_else(|| bad("unclosed value"))?;
            pseudo.push((name, &after[1..1 + close]));
            rest = &after[close + 2..];
        }
        let names: Vec<&[u8]> = pseudo.iter().map(|p| p.0).collect();
        let order_ok = matches!(
            names.as_slice(),
            [b"version"]
                | [b"version", b"encoding"]
                | [b"version", b"standalone"]
                | [b"version", b"encoding", b"standalone"]
        );
        if !order_ok {
            return Err(bad(
                "expected version, then optionally encoding and standalone",
            ));
        }
        for (name, value) in &pseudo {
            match *name {
                // VersionNum ::= '1.' [0-9]+ (XML 1.0, 5th edition: a 1.0 processor reads
                // documents of any 1.x version as 1.0).
                b"version"
                    if !(value.len() > 2
                        && value.starts_with(b"1.")
                        && value[2..].iter().all(u8::is_ascii_digit)) =>
                {
                    return Err(syntax(
                        "XML declaration must have a version 1.x (e.g. 1.0)",
                        start,
                    ));
                }
                b"encoding" => {
                    let ok = value.eq_ignore_ascii_case(b"utf-8")
                        || value.eq_ignore_ascii_case(b"utf8")
                        || value.eq_ignore_ascii_case(b"us-ascii");
                    if !ok {
                        let found = String::from_utf8_lossy(value);
                        return Err(syntax(
                            format!("unsupported encoding \"{found}\": only UTF-8 is accepted"),
                            start,
                        ));
                    }
                }
                b"standalone" if !matches!(*value, b"yes" | b"no") => {
                    return Err(bad("standalone must be yes or no"));
                }
                _ => {}
            }
        }
        self.g.advance(end + 2);
        Ok(())
    }

    /// A start tag, parsed in place; restarted from its `<` when it continues beyond the
    /// buffered bytes. A tag identical to one parsed before (documents repeat their tags) is
    /// taken from the tag cache instead.
    pub(super) fn start_tag(&mut self, tag: &mut TagBuf) -> Result<Token<'_>, TokError> {
        let data = self.g.data();
        let window = &data[..data.len().min(TAG_CACHE_MAX_LEN)];
        if let Some(gt) = memchr::memchr(b'>', window)
            && let Some(empty) = self.tags.lookup(&window[..=gt], tag)
        {
            self.pending = gt + 1;
            return Ok(Token::Start { empty });
        }
        // A tag that continues beyond the buffered bytes is parsed again from its `<` once more
        // input is there. To keep that linear for any read size, it is parsed again only when
        // the new bytes hold a `>` outside quotes (a possible end), when the buffered part has
        // doubled since the last parse, at the end of the input or at the markup limit.
        let mut scanned = 0;
        let mut quote = 0u8;
        let mut parsed_len = 0;
        loop {
            let data = self.g.data();
            let eof = self.g.at_eof();
            let due = eof
                || data.len() >= 2 * parsed_len
                || data.len() > self.max_markup
                || tag_end_candidate(data, &mut scanned, &mut quote);
            if !due {
                let have = data.len();
                if let Err(e) = self.more_markup(have, "a start tag") {
                    // An error in the bytes already buffered comes first in document order (a
                    // bad byte or the end of the input further on must not hide it).
                    let data = self.g.data();
                    if data.len() > parsed_len {
                        parse_start_tag(self.g.text(0, data.len()), self.start, tag)?;
                    }
                    return Err(e);
                }
                continue;
            }
            parsed_len = data.len();
            match parse_start_tag(self.g.text(0, data.len()), self.start, tag)? {
                Parsed::Done((len, empty)) => {
                    self.pending = len;
                    self.tags.insert(&data[..len], tag, empty);
                    return Ok(Token::Start { empty });
                }
                Parsed::NeedMore if eof => {
                    return Err(syntax(
                        "unexpected end of input in a start tag",
                        self.start + data.len() as u64,
                    ));
                }
                Parsed::NeedMore => {
                    let have = data.len();
                    self.more_markup(have, "a start tag")?;
                }
            }
        }
    }
}

/// Scans `data[*scanned..]` for a `>` outside quoted attribute values (the quote state carried
/// in `quote`): whether the start tag may end in the buffered bytes.
fn tag_end_candidate(data: &[u8], scanned: &mut usize, quote: &mut u8) -> bool {
    let mut i = *scanned;
    while i < data.len() {
        if *quote != 0 {
            match memchr::memchr(*quote, &data[i..]) {
                Some(k) => {
                    i += k + 1;
                    *quote = 0;
                }
                None => i = data.len(),
            }
            continue;
        }
        match memchr::memchr3(b'>', b'"', b'\'', &data[i..]) {
            Some(k) if data[i + k] == b'>' => {
                *scanned = i + k + 1;
                return true;
            }
            Some(k) => {
                *quote = data[i + k];
                i += k + 1;
            }
            None => i = data.len(),
        }
    }
    *scanned = i;
    false
}

pub(super) fn trim_start_space(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| is_space(c)).count();
    &b[n..]
}

pub(super) fn trim_end_space(b: &[u8]) -> &[u8] {
    let n = b.iter().rev().take_while(|&&c| is_space(c)).count();
    &b[..b.len() - n]
}

/// Resolves the body of a reference (between `&` and `;`).
pub(super) fn decode_reference(body: &[u8], at: u64) -> Result<char, TokError> {
    let entity = |name: &[u8]| {
        Box::new(TokErrorData {
            kind: XmlErrorKind::Entity {
                name: String::from_utf8_lossy(name).into_owned(),
            },
            offset: at,
        })
    };
    match body {
        b"lt" => return Ok('<'),
        b"gt" => return Ok('>'),
        b"amp" => return Ok('&'),
        b"apos" => return Ok('\''),
        b"quot" => return Ok('"'),
        _ => {}
    }
    if let Some(num) = body.strip_prefix(b"#") {
        let (digits, radix) = match num.strip_prefix(b"x") {
            Some(h) => (h, 16),
            None => (num, 10),
        };
        // Any number of digits (leading zeros are allowed: `&#000000049;` is `1`); the value is
        // accumulated with overflow checks, the reference length is bounded by MAX_REF_LEN.
        let value = digits.iter().try_fold(0u32, |acc, &b| {
            let d = char::from(b).to_digit(radix)?;
            acc.checked_mul(radix)?.checked_add(d)
        });
        let c = value
            .filter(|_| !digits.is_empty())
            .and_then(char::from_u32)
            .filter(|&c| is_xml_char(c));
        return c.ok_or_else(|| entity(body));
    }
    if body.is_empty() || check_name(body, at + 1, "entity name").is_err() {
        return Err(syntax(
            "`&` must start a reference ending in `;` (write `&amp;` for a literal `&`)",
            at,
        ));
    }
    Err(entity(body))
}

/// Checks that `name` is an XML name (used on the slow path, for non-ASCII names and PIs).
pub(super) fn check_name(name: &[u8], at: u64, what: &str) -> Result<(), TokError> {
    let s = std::str::from_utf8(name)
        .map_err(|_| syntax("invalid UTF-8 (only UTF-8 input is accepted)", at))?;
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char);
    if ok {
        Ok(())
    } else {
        Err(syntax(format!("invalid {what} \"{s}\""), at))
    }
}

/// Scans a name at `data[i..]`: returns its end and the position of its `:`, or `None` when the
/// name may continue beyond the data. One pass over a class table; the characters of a
/// non-ASCII name are checked on the slow path.
#[inline]
pub(super) fn scan_name(
    data: &[u8],
    i: usize,
    base: u64,
    what: &str,
) -> Result<Option<(usize, Option<usize>)>, TokError> {
    let Some(&first) = data.get(i) else {
        return Ok(None);
    };
    let class = NAME_TABLE[first as usize];
    if class & NAME_START == 0 {
        return Err(syntax(format!("expected {what}"), base + i as u64));
    }
    let mut seen = class;
    // Colons are counted branch-free (NAME_COLON is 4 per colon); their position is looked up
    // afterwards, for prefixed names only.
    let mut colons = u32::from(class & NAME_COLON);
    let mut j = i + 1;
    // Four bytes per step while all four are name characters, then byte by byte.
    while let Some(w) = data.get(j..j + 4) {
        let [a, b, c, d] = [w[0], w[1], w[2], w[3]].map(|b| NAME_TABLE[b as usize]);
        if a & b & c & d & NAME_CHAR == 0 {
            break;
        }
        seen |= a | b | c | d;
        colons += u32::from(a & NAME_COLON)
            + u32::from(b & NAME_COLON)
            + u32::from(c & NAME_COLON)
            + u32::from(d & NAME_COLON);
        j += 4;
    }
    while j < data.len() {
        let c = NAME_TABLE[data[j] as usize];
        if c & NAME_CHAR == 0 {
            break;
        }
        seen |= c;
        colons += u32::from(c & NAME_COLON);
        j += 1;
    }
    if j == data.len() {
        return Ok(None);
    }
    let name = &data[i..j];
    if seen & NAME_NON_ASCII != 0 {
        check_name(name, base + i as u64, what)?;
    }
    let colon = if colons == 0 {
        None
    } else {
        // One colon, neither first nor last.
        let c = name.iter().position(|&b| b == b':').unwrap_or(0);
        if colons != u32::from(NAME_COLON) || c == 0 || c + 1 == name.len() {
            return Err(syntax(
                format!(
                    "invalid qualified name \"{}\"",
                    String::from_utf8_lossy(name)
                ),
                base + i as u64,
            ));
        }
        Some(i + c)
    };
    Ok(Some((j, colon)))
}

/// Parses a start tag at the start of `data` into `tag`. Returns its length and whether it is
/// an empty-element tag.
pub(super) fn parse_start_tag(
    text: &str,
    base: u64,
    tag: &mut TagBuf,
) -> Result<Parsed<(usize, bool)>, TokError> {
    use Parsed::NeedMore;
    let data = text.as_bytes();
    tag.buf.clear();
    tag.attrs.clear();
    let Some((name_end, colon)) = scan_name(data, 1, base, "an element name after `<`")? else {
        return Ok(NeedMore);
    };
    let name = text.get(1..name_end).unwrap_or("");
    tag.buf.push_str(name);
    tag.name = 0..name.len();
    tag.colon = colon.map(|c| c - 1);
    let mut i = name_end;
    let mut many: Option<std::collections::HashSet<Vec<u8>>> = None;
    loop {
        // Whitespace, then `>`, `/>` or an attribute.
        let ws_start = i;
        while let Some(&b) = data.get(i) {
            if !is_space(b) {
                break;
            }
            i += 1;
        }
        let Some(&b) = data.get(i) else {
            return Ok(NeedMore);
        };
        match b {
            b'>' => return Ok(Parsed::Done((i + 1, false))),
            b'/' => {
                return match data.get(i + 1) {
                    Some(b'>') => Ok(Parsed::Done((i + 2, true))),
                    Some(_) => Err(syntax("expected `>` after `/`", base + i as u64)),
                    None => Ok(NeedMore),
                };
            }
            _ => {}
        }
        if i == ws_start {
            return Err(syntax(
                "expected whitespace, `>` or `/>` after the element name or attribute",
                base + i as u64,
            ));
        }
        let attr_start = i;
        let Some((aname_end, acolon)) = scan_name(data, i, base, "an attribute name")? else {
            return Ok(NeedMore);
        };
        i = aname_end;
        while data.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        match data.get(i) {
            Some(b'=') => i += 1,
            Some(_) => {
                return Err(syntax(
                    "expected `=` after the attribute name",
                    base + i as u64,
                ));
            }
            None => return Ok(NeedMore),
        }
        while data.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        let q = match data.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            Some(_) => {
                return Err(syntax("attribute values must be quoted", base + i as u64));
            }
            None => return Ok(NeedMore),
        };
        let vstart = i + 1;
        let Some(vlen) = memchr::memchr(q, &data[vstart..]) else {
            return Ok(NeedMore);
        };
        let raw = text.get(vstart..vstart + vlen).unwrap_or("");
        i = vstart + vlen + 1;
        // Duplicate check on the qualified name as written: linear for the usual few
        // attributes, a hash set beyond (the linear check is quadratic).
        let aname = &data[attr_start..aname_end];
        let dup = if tag.attrs.len() < 16 {
            tag.attrs
                .iter()
                .any(|a| tag.buf.as_bytes()[a.name.clone()] == *aname)
        } else {
            let set = many.get_or_insert_with(|| {
                tag.attrs
                    .iter()
                    .map(|a| tag.buf.as_bytes()[a.name.clone()].to_vec())
                    .collect()
            });
            !set.insert(aname.to_vec())
        };
        if dup {
            return Err(syntax(
                format!("duplicate attribute \"{}\"", String::from_utf8_lossy(aname)),
                base + attr_start as u64,
            ));
        }
        let aname = text.get(attr_start..aname_end).unwrap_or("");
        let n0 = tag.buf.len();
        tag.buf.push_str(aname);
        let v0 = tag.buf.len();
        decode_attr_value(raw, base, base + vstart as u64, &mut tag.buf)?;
        tag.attrs.push(TagAttr {
            name: n0..v0,
            colon: acolon.map(|c| n0 + (c - attr_start)),
            value: v0..tag.buf.len(),
        });
    }
}

/// Decodes an attribute value: references resolved, tab/CR/LF normalised to spaces (`\r\n` to one
/// space), `<` forbidden, characters checked.
pub(super) fn decode_attr_value(
    s: &str,
    tag_start: u64,
    at: u64,
    out: &mut String,
) -> Result<(), TokError> {
    let raw = s.as_bytes();
    let plain = raw
        .iter()
        .all(|&b| (0x20..0x80).contains(&b) && b != b'<' && b != b'&');
    if plain {
        // ASCII without references or line ends: as is.
        out.push_str(s);
        return Ok(());
    }
    if let Some(k) = memchr::memchr(b'<', raw) {
        return Err(syntax(
            "`<` is not allowed in an attribute value",
            at + k as u64,
        ));
    }
    if forbidden_char(raw).is_some() {
        return Err(syntax(
            "character not allowed in XML 1.0 in an attribute value",
            tag_start,
        ));
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                out.push_str(&s[run..i]);
                let Some(semi) = memchr::memchr(b';', &bytes[i..]) else {
                    return Err(syntax(
                        "`&` must start a reference ending in `;` (write `&amp;` for a literal `&`)",
                        tag_start,
                    ));
                };
                let c = decode_reference(&bytes[i + 1..i + semi], tag_start)?;
                out.push(c);
                i += semi + 1;
                run = i;
            }
            b'\r' => {
                out.push_str(&s[run..i]);
                out.push(' ');
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                run = i;
            }
            b'\t' | b'\n' => {
                out.push_str(&s[run..i]);
                out.push(' ');
                i += 1;
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&s[run..]);
    Ok(())
}
