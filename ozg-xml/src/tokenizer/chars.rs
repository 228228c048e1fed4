//! Byte and character classes of the tokenizer: names, text, whitespace, XML 1.0 characters.

/// Byte classes for names: a byte that may start a name, may continue one, is the `:` of a
/// qualified name, or belongs to a non-ASCII character (checked on the slow path).
pub(super) const NAME_START: u8 = 1;
pub(super) const NAME_CHAR: u8 = 2;
pub(super) const NAME_COLON: u8 = 4;
pub(super) const NAME_NON_ASCII: u8 = 8;

pub(super) const NAME_TABLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let start = c.is_ascii_alphabetic() || c == b'_' || c == b':';
        let char = start || c.is_ascii_digit() || c == b'-' || c == b'.';
        t[i] = if start {
            NAME_START | NAME_CHAR
        } else if char {
            NAME_CHAR
        } else {
            0
        };
        if c == b':' {
            t[i] |= NAME_COLON;
        }
        if c >= 0x80 {
            t[i] = NAME_START | NAME_CHAR | NAME_NON_ASCII;
        }
        i += 1;
    }
    t
};

pub(super) fn is_name_start_char(c: char) -> bool {
    matches!(c, ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

pub(super) fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[inline]
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Index of the first character not allowed in XML 1.0 (C0 controls other than tab, LF, CR, and
/// U+FFFE/U+FFFF, encoded as EF BF BE/BF). A branch-free pass the compiler vectorises decides
/// whether there is a control at all; the rare `EF` lead bytes are found with memchr.
pub(super) fn forbidden_char(b: &[u8]) -> Option<usize> {
    let control = b.iter().fold(false, |acc, &c| {
        acc | ((c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r'))
    });
    let first_control = if control {
        b.iter()
            .position(|&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
    } else {
        None
    };
    let first_ef = memchr::memchr_iter(0xEF, b)
        .find(|&i| b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)));
    match (first_control, first_ef) {
        (Some(a), Some(e)) => Some(a.min(e)),
        (a, e) => a.or(e),
    }
}

/// Whether `b` holds only space, tab and LF (whitespace that needs neither a character check
/// nor end-of-line normalisation). Checked 8 bytes at a time in a u64 (SWAR).
pub(crate) fn is_plain_ws(b: &[u8]) -> bool {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    /// High bit of each byte set where that byte of `v` is zero (exact per byte).
    fn zero_bytes(v: u64) -> u64 {
        !(((v & LOW7) + LOW7) | v | LOW7)
    }
    /// Whether all 8 bytes are space, LF or tab.
    fn word_ok(w: u64) -> bool {
        let ok = zero_bytes(w ^ (ONES * u64::from(b' ')))
            | zero_bytes(w ^ (ONES * u64::from(b'\n')))
            | zero_bytes(w ^ (ONES * u64::from(b'\t')));
        ok == HIGH
    }
    let mut words = b.chunks_exact(8);
    for word in &mut words {
        let mut a = [0u8; 8];
        a.copy_from_slice(word);
        if !word_ok(u64::from_le_bytes(a)) {
            return false;
        }
    }
    let rest = words.remainder();
    let mut a = [b' '; 8];
    a[..rest.len()].copy_from_slice(rest);
    word_ok(u64::from_le_bytes(a))
}

/// Byte-wise equality for the short names the parser compares all the time (prefixes, local
/// names, end tags): word loads instead of a `memcmp` call.
#[inline(always)]
pub(crate) fn eq_bytes(a: &[u8], b: &[u8]) -> bool {
    #[inline]
    fn word(s: &[u8], at: usize) -> u64 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_ne_bytes(w)
    }
    #[inline]
    fn half(s: &[u8], at: usize) -> u32 {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[at..at + 4]);
        u32::from_ne_bytes(w)
    }
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word(a, i) != word(b, i) {
                return false;
            }
            i += 8;
        }
        // The last word, overlapping the previous one.
        word(a, n - 8) == word(b, n - 8)
    } else if n >= 4 {
        half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4)
    } else {
        a.iter().zip(b).all(|(x, y)| x == y)
    }
}

/// Appends `s` with XML line ends normalised (`\r\n` and `\r` become `\n`).
pub(super) fn push_normalized_eol(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
}

/// Text bytes the fast path of the text scanner looks at before it hands over to the general
/// (vectorised) path.
pub(super) const TEXT_FAST_LEN: usize = 128;
/// Byte classes for text: ends a text chunk (`<`, `&`) or needs the general path (`]`); not
/// space, tab or LF; a CR (line ends are normalised); possibly not allowed in XML 1.0 (C0
/// controls, and `EF`, the lead byte of U+FFFE/U+FFFF).
pub(super) const TEXT_STOP: u8 = 1;
pub(super) const TEXT_NON_WS: u8 = 2;
pub(super) const TEXT_CR: u8 = 4;
pub(super) const TEXT_SUSPECT: u8 = 8;

pub(super) const TEXT_TABLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = match c {
            b'<' | b'&' | b']' => TEXT_STOP,
            b' ' | b'\t' | b'\n' => 0,
            b'\r' => TEXT_NON_WS | TEXT_CR,
            0xEF => TEXT_NON_WS | TEXT_SUSPECT,
            _ if c < 0x20 => TEXT_NON_WS | TEXT_SUSPECT,
            _ => TEXT_NON_WS,
        };
        i += 1;
    }
    t
};
