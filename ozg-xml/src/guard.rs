//! A buffered byte source that enforces the size limits *while* reading (so that one huge text
//! node or tag never has to be buffered completely) and can turn any byte offset of the current
//! event into a line and a column.
//!
//! Line breaks are counted lazily: once per buffer, with a vectorised count when the buffer is
//! refilled, and within the current buffer only when an error asks for a position. Only an event
//! that spans a refill (a long text node) has the offsets of its line breaks in the discarded
//! buffers recorded, so that errors inside it still get an exact line and column.

use std::io::{self, BufRead, Read};

use crate::error::Limit;

const BUF_SIZE: usize = 64 * 1024;

/// Slack allowed for markup around values (names, quotes, several attributes) before the event
/// guard trips; precise limits are checked on the decoded values by the parser.
const RUN_SLACK: u64 = 1024 * 1024;

/// Which limit the guard tripped, with the maximum and the value seen.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trip {
    pub(crate) limit: Limit,
    pub(crate) max: u64,
    pub(crate) value: u64,
}

pub(crate) struct Guarded<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    filled: usize,
    /// Bytes read from `inner` so far.
    read_total: u64,
    /// Bytes handed to (consumed by) the parser so far.
    consumed: u64,
    max_total: u64,
    /// Where the parser's current low-level event (a tag, a text chunk, a reference, a comment)
    /// started, and the limit for its length: one event is buffered whole by quick-xml, so its
    /// length is checked here, while it is read, in O(1) per consumed chunk.
    event_begin: u64,
    max_event: u64,
    /// Whether the current low-level event is markup (starts with `<`); unknown before its first
    /// byte is consumed.
    event_markup: Option<bool>,
    max_text: u64,
    max_attr: u64,
    /// Absolute offset of `buf[0]`.
    buf_start: u64,
    /// Line (1-based) at `buf_start` and the offset where that line starts.
    buf_line: u64,
    buf_line_start: u64,
    /// Start of the current event: positions before it are reported at it.
    mark: u64,
    /// Line state at `mark`, valid only when `mark < buf_start` (the event spans a refill).
    mark_line: u64,
    mark_line_start: u64,
    /// Absolute offsets of the `\n` bytes in `[mark, buf_start)`, when the event spans a refill.
    newlines: Vec<u64>,
    pub(crate) tripped: Option<Trip>,
}

impl<R: Read> Guarded<R> {
    pub(crate) fn new(inner: R, max_total: u64, max_text: usize, max_attr: usize) -> Self {
        let max_text = max_text as u64;
        let max_attr = max_attr as u64;
        Guarded {
            inner,
            buf: vec![0; BUF_SIZE].into_boxed_slice(),
            pos: 0,
            filled: 0,
            read_total: 0,
            consumed: 0,
            max_total,
            event_begin: 0,
            max_event: max_text
                .max(max_attr)
                .saturating_mul(2)
                .saturating_add(RUN_SLACK),
            event_markup: None,
            max_text,
            max_attr,
            buf_start: 0,
            buf_line: 1,
            buf_line_start: 0,
            mark: 0,
            mark_line: 1,
            mark_line_start: 0,
            newlines: Vec::new(),
            tripped: None,
        }
    }

    fn trip_error(&self) -> io::Error {
        io::Error::other("ozg-xml reader limit exceeded")
    }
}

impl<R> Guarded<R> {
    /// Forgets line information before `offset` (the start of the next event). O(1).
    pub(crate) fn mark(&mut self, offset: u64) {
        if offset <= self.mark {
            return;
        }
        self.mark = offset;
        if offset >= self.buf_start && !self.newlines.is_empty() {
            self.newlines.clear();
        }
    }

    /// Line (1-based) and column (1-based, bytes) of `offset`, which must not lie before the last
    /// mark (earlier offsets are reported at the mark).
    pub(crate) fn position(&self, offset: u64) -> (u64, u64) {
        let offset = offset.max(self.mark);
        if offset >= self.buf_start {
            let end = ((offset - self.buf_start) as usize).min(self.filled);
            let head = &self.buf[..end];
            let line = self.buf_line + count_newlines(head);
            let start = match memchr::memrchr(b'\n', head) {
                Some(i) => self.buf_start + i as u64 + 1,
                None => self.buf_line_start,
            };
            return (line, offset - start + 1);
        }
        // The offset lies in a discarded buffer: the event spans a refill.
        let k = self.newlines.partition_point(|&n| n < offset);
        let line = self.mark_line + k as u64;
        let start = if k > 0 {
            self.newlines[k - 1] + 1
        } else {
            self.mark_line_start
        };
        (line, offset - start + 1)
    }

    /// Before `buf` is overwritten: carries the line state over to the next buffer and, when the
    /// current event started in (or before) this buffer, keeps its line breaks.
    fn retire_buffer(&mut self) {
        let data = &self.buf[..self.filled];
        let end = self.buf_start + self.filled as u64;
        if self.mark < end {
            // Part of the current event is about to be discarded.
            let from = if self.mark >= self.buf_start {
                let m = (self.mark - self.buf_start) as usize;
                let head = &data[..m];
                self.mark_line = self.buf_line + count_newlines(head);
                self.mark_line_start = match memchr::memrchr(b'\n', head) {
                    Some(i) => self.buf_start + i as u64 + 1,
                    None => self.buf_line_start,
                };
                self.newlines.clear();
                m
            } else {
                0
            };
            let base = self.buf_start;
            self.newlines.extend(
                memchr::memchr_iter(b'\n', &data[from..]).map(|i| base + (from + i) as u64),
            );
        }
        self.buf_line += count_newlines(data);
        if let Some(i) = memchr::memrchr(b'\n', data) {
            self.buf_line_start = self.buf_start + i as u64 + 1;
        }
        self.buf_start = end;
    }

    /// Bytes consumed by the parser so far.
    pub(crate) fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Called before each low-level event is read: the event length limit counts from here.
    #[inline]
    pub(crate) fn begin_event(&mut self) {
        self.event_begin = self.consumed;
        self.event_markup = None;
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

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> Guarded<R> {
    /// The slow path of `fill_buf`: a tripped limit, or the buffer is used up.
    #[cold]
    fn refill(&mut self) -> io::Result<&[u8]> {
        if self.tripped.is_some() {
            return Err(self.trip_error());
        }
        if self.pos >= self.filled {
            self.retire_buffer();
            self.pos = 0;
            self.filled = 0;
            let n = loop {
                match self.inner.read(&mut self.buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            self.pos = 0;
            self.filled = n;
            self.read_total += n as u64;
            if self.read_total > self.max_total {
                self.tripped = Some(Trip {
                    limit: Limit::TotalBytes,
                    max: self.max_total,
                    value: self.read_total,
                });
                return Err(self.trip_error());
            }
        }
        Ok(&self.buf[self.pos..self.filled])
    }
}

impl<R: Read> BufRead for Guarded<R> {
    #[inline]
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.tripped.is_none() && self.pos < self.filled {
            return Ok(&self.buf[self.pos..self.filled]);
        }
        self.refill()
    }

    #[inline]
    fn consume(&mut self, amt: usize) {
        let end = (self.pos + amt).min(self.filled);
        if self.event_markup.is_none() && end > self.pos {
            self.event_markup = Some(self.buf[self.pos] == b'<');
        }
        self.consumed += (end - self.pos) as u64;
        self.pos = end;
        let len = self.consumed - self.event_begin;
        if len > self.max_event && self.tripped.is_none() {
            let (limit, max) = if self.event_markup == Some(true) {
                (Limit::AttributeLength, self.max_attr)
            } else {
                (Limit::TextLength, self.max_text)
            };
            self.tripped = Some(Trip {
                limit,
                max,
                value: len,
            });
        }
    }
}
