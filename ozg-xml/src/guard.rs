//! A buffered byte source for the tokenizer: the bytes are parsed in place in its buffer, the
//! total size limit is enforced while reading, and any byte offset of the current event can be
//! turned into a line and a column.
//!
//! The buffer keeps the unconsumed tail when it is refilled (it is moved to the front), so a
//! token that straddles a refill stays contiguous; the buffer only grows when one token is longer
//! than the buffer, and the tokenizer bounds that by the configured limits.
//!
//! Line breaks are counted lazily: once per discarded part of the buffer, with a vectorised count,
//! and within the current buffer only when an error asks for a position. The bookkeeping is O(1):
//! besides the line at the start of the buffer, the guard keeps the line and column of a few
//! registered offsets ([`Anchor`]s: the mark, the start of a streamed comment or processing
//! instruction, the start of a text run), resolved when the part of the buffer holding them is
//! discarded. An error in a discarded part is reported at one of them, so no offset of a line
//! break is ever stored, however many lines an event spans.

use std::io::{self, Read};

const BUF_SIZE: usize = 64 * 1024;

pub(crate) struct Guarded<R> {
    inner: R,
    /// The buffered input, validated as UTF-8 once when it is read.
    buf: String,
    /// Read buffer; its first `carry` bytes are an incomplete character from the last read.
    raw: Vec<u8>,
    carry: usize,
    /// Offset of the first invalid UTF-8 sequence, once read.
    invalid_at: Option<u64>,
    pos: usize,
    eof: bool,
    /// Bytes read from `inner` so far.
    read_total: u64,
    max_total: u64,
    /// Absolute offset of `buf[0]`.
    buf_start: u64,
    /// Line (1-based) at `buf_start` and the offset where that line starts.
    buf_line: u64,
    buf_line_start: u64,
    /// Start of the current event (positions before it are reported at it) and the registered
    /// offsets whose position may be asked after they were discarded.
    anchors: [Point; ANCHORS],
    /// The offset asked last of [`Guarded::position_forward`], with its exact line state.
    cursor: Point,
}

/// Offsets whose line and column the guard keeps across refills (at most one of each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The start of a streamed comment or processing instruction (its limit error is reported
    /// there).
    Body = 1,
    /// The start of the current text run (its limit error and the positions of a text event).
    Run = 2,
}

/// The mark is anchor 0.
const MARK: usize = 0;
const ANCHORS: usize = 3;

/// An offset and, once the part of the buffer holding it is discarded, its line and the offset
/// where that line starts.
#[derive(Debug, Clone, Copy, Default)]
struct Point {
    offset: u64,
    line: u64,
    line_start: u64,
}

/// Why more input could not be read.
#[derive(Debug)]
pub(crate) enum FillError {
    /// Invalid UTF-8 at this offset.
    InvalidUtf8(u64),
    /// The document is larger than the total size limit: the maximum and the bytes read.
    TooLarge(u64, u64),
    Io(io::Error),
}

impl<R: Read> Guarded<R> {
    pub(crate) fn new(inner: R, max_total: u64) -> Self {
        Guarded {
            inner,
            buf: String::with_capacity(2 * BUF_SIZE),
            raw: vec![0; BUF_SIZE],
            carry: 0,
            invalid_at: None,
            pos: 0,
            eof: false,
            read_total: 0,
            max_total,
            buf_start: 0,
            buf_line: 1,
            buf_line_start: 0,
            anchors: [Point {
                offset: 0,
                line: 1,
                line_start: 0,
            }; ANCHORS],
            cursor: Point {
                offset: 0,
                line: 1,
                line_start: 0,
            },
        }
    }

    /// Reads more input behind the unconsumed bytes (which stay in the buffer, moved to its
    /// front). Returns `false` at the end of the input.
    #[cold]
    pub(crate) fn fill_more(&mut self) -> Result<bool, FillError> {
        if let Some(at) = self.invalid_at {
            return Err(FillError::InvalidUtf8(at));
        }
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.retire(self.pos);
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        loop {
            let n = loop {
                match self.inner.read(&mut self.raw[self.carry..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(FillError::Io(e)),
                }
            };
            let end_offset = self.buf_start + self.buf.len() as u64;
            if n == 0 {
                self.eof = true;
                if self.carry > 0 {
                    // The input ends inside a character.
                    self.invalid_at = Some(end_offset);
                    return Err(FillError::InvalidUtf8(end_offset));
                }
                return Ok(false);
            }
            self.read_total += n as u64;
            if self.read_total > self.max_total {
                return Err(FillError::TooLarge(self.max_total, self.read_total));
            }
            let len = self.carry + n;
            let chunk = &self.raw[..len];
            match std::str::from_utf8(chunk) {
                Ok(s) => {
                    self.buf.push_str(s);
                    self.carry = 0;
                    return Ok(true);
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    if let Ok(s) = std::str::from_utf8(&chunk[..valid]) {
                        self.buf.push_str(s);
                    }
                    if e.error_len().is_some() {
                        self.invalid_at = Some(end_offset + valid as u64);
                        self.carry = 0;
                    } else {
                        self.raw.copy_within(valid..len, 0);
                        self.carry = len - valid;
                    }
                    if valid > 0 {
                        return Ok(true);
                    }
                    if let Some(at) = self.invalid_at {
                        return Err(FillError::InvalidUtf8(at));
                    }
                }
            }
        }
    }
}

impl<R> Guarded<R> {
    /// The unconsumed bytes in the buffer.
    #[inline]
    pub(crate) fn data(&self) -> &[u8] {
        &self.buf.as_bytes()[self.pos..]
    }

    /// The unconsumed text `[from, to)` (both must lie on character boundaries, e.g. at ASCII
    /// delimiters).
    #[inline]
    pub(crate) fn text(&self, from: usize, to: usize) -> &str {
        self.buf.get(self.pos + from..self.pos + to).unwrap_or("")
    }

    /// Whether the end of the input has been reached (no more bytes beyond `data()`).
    #[inline]
    pub(crate) fn at_eof(&self) -> bool {
        self.eof
    }

    /// Marks `n` bytes as consumed.
    #[inline]
    pub(crate) fn advance(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }

    /// Absolute offset of the first unconsumed byte.
    #[inline]
    pub(crate) fn offset(&self) -> u64 {
        self.buf_start + self.pos as u64
    }

    /// Forgets line information before `offset` (the start of the next event). O(1).
    #[inline]
    pub(crate) fn mark(&mut self, offset: u64) {
        if offset > self.anchors[MARK].offset {
            self.anchors[MARK].offset = offset;
        }
    }

    /// Registers `offset` (within the buffer, not before the mark) as an anchor whose position
    /// stays exact after it is discarded. O(1).
    #[inline]
    pub(crate) fn anchor(&mut self, which: Anchor, offset: u64) {
        self.anchors[which as usize].offset = offset;
    }

    /// Line (1-based) and column (1-based, bytes) of `offset`, which must not lie before the last
    /// mark (earlier offsets are reported at the mark). An offset in a discarded part of the
    /// buffer is exact when it is an anchor; any other is reported at the last anchor before it.
    pub(crate) fn position(&self, offset: u64) -> (u64, u64) {
        let mark = self.anchors[MARK].offset;
        let offset = offset.max(mark);
        if offset >= self.buf_start {
            let end = ((offset - self.buf_start) as usize).min(self.buf.len());
            let head = &self.buf.as_bytes()[..end];
            let line = self.buf_line + count_newlines(head);
            let start = match memchr::memrchr(b'\n', head) {
                Some(i) => self.buf_start + i as u64 + 1,
                None => self.buf_line_start,
            };
            return (line, offset - start + 1);
        }
        // The offset lies in a discarded part: the event spans a refill. The anchors there
        // (the mark among them) have their line state.
        let p = self
            .anchors
            .iter()
            .filter(|p| p.offset >= mark && p.offset <= offset)
            .max_by_key(|p| p.offset)
            .copied()
            .unwrap_or(self.anchors[MARK]);
        (p.line, offset - p.line_start + 1)
    }

    /// [`Guarded::position`] for a caller that asks for offsets in increasing order (the start
    /// tags of a document, one after the other): line breaks are counted only from the offset
    /// asked last, so asking at every element costs one pass over the input in all, not one
    /// pass over the buffer per element. An offset before the last one asked, or in a discarded
    /// part of the buffer, is answered by [`Guarded::position`].
    pub(crate) fn position_forward(&mut self, offset: u64) -> (u64, u64) {
        let c = self.cursor;
        if offset < c.offset || offset < self.buf_start || offset < self.anchors[MARK].offset {
            return self.position(offset);
        }
        let (from, mut line, mut line_start) = if c.offset >= self.buf_start {
            (c.offset, c.line, c.line_start)
        } else {
            (self.buf_start, self.buf_line, self.buf_line_start)
        };
        let len = self.buf.len();
        let a = ((from - self.buf_start) as usize).min(len);
        let b = ((offset - self.buf_start) as usize).min(len);
        let seg = &self.buf.as_bytes()[a..b];
        line += count_newlines(seg);
        if let Some(k) = memchr::memrchr(b'\n', seg) {
            line_start = self.buf_start + (a + k) as u64 + 1;
        }
        self.cursor = Point {
            offset,
            line,
            line_start,
        };
        (line, offset - line_start + 1)
    }

    /// Before `buf[..upto]` is discarded: resolves the anchors in that part and carries the line
    /// state over, in one pass over the part.
    fn retire(&mut self, upto: usize) {
        let data = &self.buf.as_bytes()[..upto];
        let end = self.buf_start + upto as u64;
        let mut order = [0usize, 1, 2];
        order.sort_unstable_by_key(|&i| self.anchors[i].offset);
        let mut line = self.buf_line;
        let mut line_start = self.buf_line_start;
        let mut from = 0usize;
        for i in order {
            let p = &mut self.anchors[i];
            if p.offset < self.buf_start || p.offset >= end {
                continue;
            }
            let m = (p.offset - self.buf_start) as usize;
            let seg = &data[from..m];
            line += count_newlines(seg);
            if let Some(k) = memchr::memrchr(b'\n', seg) {
                line_start = self.buf_start + (from + k) as u64 + 1;
            }
            p.line = line;
            p.line_start = line_start;
            from = m;
        }
        let seg = &data[from..];
        line += count_newlines(seg);
        if let Some(k) = memchr::memrchr(b'\n', seg) {
            line_start = self.buf_start + (from + k) as u64 + 1;
        }
        self.buf_line = line;
        self.buf_line_start = line_start;
        self.buf_start = end;
    }
}

/// Number of `\n` bytes: per block of 255 bytes a branch-free byte-wide sum the compiler
/// vectorises (a byte counter cannot overflow within one block).
fn count_newlines(data: &[u8]) -> u64 {
    data.chunks(255)
        .map(|block| {
            u64::from(
                block
                    .iter()
                    .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n'))),
            )
        })
        .sum()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_tail_and_counts_lines_across_refills() {
        let doc: Vec<u8> = b"ab\ncd\n".repeat(30_000);
        let mut g = Guarded::new(doc.as_slice(), u64::MAX);
        let mut seen = 0usize;
        while g.fill_more().unwrap() {
            // Consume all but 5 bytes: the tail must survive the refill.
            let n = g.data().len().saturating_sub(5);
            g.mark(g.offset() + n as u64);
            g.advance(n);
            seen += n;
            assert_eq!(g.data(), &doc[seen..seen + g.data().len()]);
            let (line, col) = g.position(g.offset());
            assert_eq!(line, 1 + (seen / 3) as u64);
            assert_eq!(col, 1 + (seen % 3) as u64);
        }
        let e = Guarded::new(doc.as_slice(), 100).fill_more();
        assert!(matches!(e, Err(FillError::TooLarge(100, _))));
    }

    /// A reader handing out a few bytes at a time (many refills).
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn position_forward_equals_position_at_every_offset_and_refill() {
        let doc: Vec<u8> = b"<a>\n  <b x='1'/>\r\n\n<c>text</c>\n".repeat(4_000);
        for piece in [7, 300, 1 << 16] {
            let mut g = Guarded::new(Trickle(&doc, piece), u64::MAX);
            let mut at = 0u64;
            while g.fill_more().unwrap() {
                let n = g.data().len().saturating_sub(3);
                // Ask at every 5th offset of the part about to be consumed, in order.
                let mut o = at;
                while o < at + n as u64 {
                    assert_eq!(
                        g.position_forward(o),
                        g.position(o),
                        "offset {o}, piece {piece}"
                    );
                    o += 5;
                }
                at += n as u64;
                g.mark(at);
                g.advance(n);
            }
            let text = String::from_utf8_lossy(&doc);
            let lines = text[..at as usize].matches('\n').count() as u64;
            assert_eq!(g.position_forward(at).0, lines + 1);
        }
    }
}
