//! Character data: text chunks, references and CDATA sections, streamed through the buffer.

use std::io::Read;

use super::chars::*;
use super::markup::decode_reference;
use super::*;

impl<R: Read> Tokenizer<R> {
    pub(super) fn text_chunk(&mut self) -> Result<Token<'_>, TokError> {
        // Fast path for the common short text (indentation, a field value): one pass over a class
        // table up to the next `<` or `&`. Anything unusual (`]`, a character that may be
        // forbidden, no delimiter within the first bytes) takes the general path below.
        let data = self.g.data();
        let window = &data[..data.len().min(TEXT_FAST_LEN)];
        let mut seen = 0u8;
        let mut k = 0;
        // Four bytes per step while none of them ends the chunk, then byte by byte.
        while let Some(w) = window.get(k..k + 4) {
            let [a, b, c, d] = [w[0], w[1], w[2], w[3]].map(|b| TEXT_TABLE[b as usize]);
            let all = a | b | c | d;
            if all & TEXT_STOP != 0 {
                break;
            }
            seen |= all;
            k += 4;
        }
        while k < window.len() {
            let c = TEXT_TABLE[window[k] as usize];
            if c & TEXT_STOP != 0 {
                break;
            }
            seen |= c;
            k += 1;
        }
        if k > 0 && k < window.len() && window[k] != b']' && seen & TEXT_SUSPECT == 0 {
            self.pending = k;
            let text = self.g.text(0, k);
            if seen & TEXT_CR != 0 {
                self.scratch.clear();
                push_normalized_eol(&mut self.scratch, text);
                return Ok(Token::Text {
                    text: &self.scratch,
                    ws: false,
                });
            }
            return Ok(Token::Text {
                text,
                ws: seen & TEXT_NON_WS == 0,
            });
        }
        let (valid, ws) = loop {
            let data = self.g.data();
            let eof = self.g.at_eof();
            let len = data.len();
            let mut i = 0;
            let mut end = len;
            let mut need_more = false;
            while let Some(j) = memchr::memchr3(b'<', b'&', b']', &data[i..]) {
                let k = i + j;
                if data[k] != b']' {
                    end = k;
                    break;
                }
                match (data.get(k + 1), data.get(k + 2)) {
                    (Some(b']'), Some(b'>')) if k == 0 => {
                        return Err(syntax("`]]>` is not allowed in text", self.g.offset()));
                    }
                    (Some(b']'), Some(b'>')) => {
                        // The text before it is delivered first, so that errors come in
                        // document order however the input is chunked.
                        end = k;
                        break;
                    }
                    (Some(b']'), None) | (None, _) if !eof => {
                        end = k;
                        need_more = true;
                        break;
                    }
                    _ => i = k + 1,
                }
            }
            if end == len && !eof {
                need_more = true;
                // A CR at the end may be followed by the LF of the same line end.
                if end > 0 && data[end - 1] == b'\r' {
                    end -= 1;
                }
            }
            let chunk = &data[..end];
            if !chunk.is_empty() && is_plain_ws(chunk) {
                break (end, true);
            }
            let valid = end;
            if valid > 0 {
                break (valid, false);
            }
            if need_more {
                // Either more input arrives, or the end of the input decides the next round.
                self.more()?;
                continue;
            }
            return Err(syntax("internal: empty text chunk", self.g.offset()));
        };
        let (valid, ws) = match forbidden_char(&self.g.data()[..valid]) {
            _ if ws => (valid, true),
            None => (valid, false),
            Some(0) => {
                return Err(syntax("character not allowed in XML 1.0", self.g.offset()));
            }
            // The text before the character is delivered first (errors in document order).
            Some(at) => (at, is_plain_ws(&self.g.data()[..at])),
        };
        self.pending = valid;
        let chunk = &self.g.data()[..valid];
        let s = self.g.text(0, valid);
        if ws {
            return Ok(Token::Text { text: s, ws: true });
        }
        if memchr::memchr(b'\r', chunk).is_some() {
            self.scratch.clear();
            push_normalized_eol(&mut self.scratch, s);
            return Ok(Token::Text {
                text: &self.scratch,
                ws: false,
            });
        }
        Ok(Token::Text { text: s, ws: false })
    }

    /// A reference at the start of the data: `&name;` or `&#…;`, resolved to its character.
    pub(super) fn reference(&mut self) -> Result<char, TokError> {
        loop {
            let data = self.g.data();
            let window = &data[..data.len().min(MAX_REF_LEN)];
            match memchr::memchr(b';', window) {
                Some(semi) => {
                    let c = decode_reference(&data[1..semi], self.start)?;
                    self.pending = semi + 1;
                    return Ok(c);
                }
                None if window.len() < MAX_REF_LEN && !self.g.at_eof() => {
                    let have = data.len();
                    self.more_markup(have, "a reference")?;
                }
                None => {
                    return Err(syntax(
                        "`&` must start a reference ending in `;` (write `&amp;` for a literal `&`)",
                        self.start,
                    ));
                }
            }
        }
    }

    pub(super) fn cdata_chunk(&mut self) -> Result<Token<'_>, TokError> {
        let (valid, close) = loop {
            let data = self.g.data();
            let eof = self.g.at_eof();
            let mut i = 0;
            let mut end = data.len();
            let mut close = false;
            while let Some(j) = memchr::memchr(b']', &data[i..]) {
                let k = i + j;
                match (data.get(k + 1), data.get(k + 2)) {
                    (Some(b']'), Some(b'>')) => {
                        end = k;
                        close = true;
                        break;
                    }
                    (Some(b']'), None) | (None, _) if !eof => {
                        end = k;
                        break;
                    }
                    _ => i = k + 1,
                }
            }
            if close {
                break (end, true);
            }
            if eof {
                return Err(syntax(
                    "unexpected end of input in a CDATA section",
                    self.g.offset() + data.len() as u64,
                ));
            }
            if end > 0 && data[end - 1] == b'\r' {
                end -= 1;
            }
            let valid = end;
            if valid > 0 {
                break (valid, false);
            }
            self.more()?;
        };
        // The text before a forbidden character is delivered first (errors in document order).
        let (valid, close) = match forbidden_char(&self.g.data()[..valid]) {
            None => (valid, close),
            Some(0) => {
                return Err(syntax("character not allowed in XML 1.0", self.g.offset()));
            }
            Some(at) => (at, false),
        };
        self.pending = if close { valid + 3 } else { valid };
        if close {
            self.state = State::Content;
        }
        let s = self.g.text(0, valid);
        self.scratch.clear();
        push_normalized_eol(&mut self.scratch, s);
        Ok(Token::CData(&self.scratch))
    }
}
