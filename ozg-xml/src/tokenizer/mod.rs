//! The XML tokenizer (Zerleger) of the hardened reader: it works in place in the guard's buffer
//! and checks well-formedness while it scans.
//!
//! Text is delivered in chunks (never more than one buffer), already checked for UTF-8, for
//! characters not allowed in XML 1.0 and for `]]>`, and with line ends normalised; references
//! are resolved to one character each (only the five predefined entities and character
//! references exist: there is no DTD). Start tags are parsed into the caller's buffers with
//! their attribute values decoded and normalised; end tags, comments, processing instructions,
//! the XML declaration and CDATA sections are checked here. A `<!DOCTYPE` is an error.
//!
//! Tokens that must be contiguous (tags, references, the XML declaration) are bounded by the
//! markup limit; text, CDATA, comments and PIs stream through the buffer, so a huge text node is
//! never buffered whole.

use std::io::Read;
use std::ops::Range;

use crate::error::{Limit, XmlErrorKind};
use crate::guard::{Anchor, FillError, Guarded};

mod chars;
mod markup;
mod tag_cache;
#[cfg(test)]
mod tests;
mod text;

use chars::is_space;
pub(crate) use chars::{eq_bytes, is_plain_ws};
use tag_cache::TagCache;

/// Slack allowed for markup around attribute values (names, quotes, several attributes) in one
/// tag; the precise attribute limit is checked on each decoded value.
const MARKUP_SLACK: usize = 1024 * 1024;
/// The longest reference (`&…;`) accepted; longer ones are an error.
const MAX_REF_LEN: usize = 256;

/// An error found by the tokenizer, at an absolute byte offset.
#[derive(Debug)]
pub(crate) struct TokErrorData {
    pub(crate) kind: XmlErrorKind,
    pub(crate) offset: u64,
}

/// A tokenizer error, boxed so that the tokenizer's `Result`s stay small on the hot path.
pub(crate) type TokError = Box<TokErrorData>;

fn syntax(message: impl Into<String>, offset: u64) -> TokError {
    Box::new(TokErrorData {
        kind: XmlErrorKind::syntax(message.into()),
        offset,
    })
}

/// One token.
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// A start tag; its name and attributes are in the caller's buffers. `empty`: `<a/>`.
    Start { empty: bool },
    /// An end tag: `None` when its name is the expected one (see [`Tokenizer::next_token`]),
    /// else the qualified name as written.
    End(Option<&'a str>),
    /// A chunk of character data; `ws`: only space, tab and line feed.
    Text { text: &'a str, ws: bool },
    /// A resolved reference (`&lt;`, `&#65;`, …).
    Char(char),
    /// A chunk of a CDATA section.
    CData(&'a str),
    /// The end of the input.
    Eof,
}

/// One attribute of a start tag: ranges into the tag buffer.
#[derive(Debug, Clone)]
pub(crate) struct TagAttr {
    /// Qualified name as written.
    pub(crate) name: Range<usize>,
    /// Position of the `:` in the name (absolute in the tag buffer), if any.
    pub(crate) colon: Option<usize>,
    /// Decoded, normalised value.
    pub(crate) value: Range<usize>,
}

/// The name and attributes of the last start tag. The element's qualified name comes first in
/// `buf`.
#[derive(Debug, Default)]
pub(crate) struct TagBuf {
    pub(crate) buf: String,
    pub(crate) name: Range<usize>,
    pub(crate) colon: Option<usize>,
    pub(crate) attrs: Vec<TagAttr>,
}

/// Outcome of an attempt to parse a token that must be contiguous.
enum Parsed<T> {
    Done(T),
    /// The token continues beyond the buffered bytes.
    NeedMore,
}

/// Where the tokenizer is between tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the very start (a BOM or an XML declaration may follow).
    Start,
    Content,
    CData,
}

pub(crate) struct Tokenizer<R> {
    g: Guarded<R>,
    /// Bytes of the last token still to be consumed (its data is borrowed until the next call).
    pending: usize,
    state: State,
    /// Offset where the current token starts.
    start: u64,
    scratch: String,
    tags: TagCache,
    max_text: u64,
    max_markup: usize,
    max_attr: u64,
}

impl<R: Read> Tokenizer<R> {
    pub(crate) fn new(input: R, max_total: u64, max_text: usize, max_attr: usize) -> Self {
        Tokenizer {
            g: Guarded::new(input, max_total),
            pending: 0,
            state: State::Start,
            start: 0,
            scratch: String::new(),
            tags: TagCache::new(),
            max_text: max_text as u64,
            max_markup: max_attr.saturating_mul(2).saturating_add(MARKUP_SLACK),
            max_attr: max_attr as u64,
        }
    }

    /// The guard (for positions).
    pub(crate) fn guard(&self) -> &Guarded<R> {
        &self.g
    }

    /// The byte source, for [`Guarded::position_forward`].
    pub(crate) fn guard_mut(&mut self) -> &mut Guarded<R> {
        &mut self.g
    }

    /// The source bytes of the last token (as written: before references are resolved and line
    /// ends normalised).
    pub(crate) fn last_token_source(&self) -> &[u8] {
        self.g.data().get(..self.pending).unwrap_or_default()
    }

    /// Offset of the first byte after the last token.
    pub(crate) fn offset(&self) -> u64 {
        self.g.offset() + self.pending as u64
    }

    /// Forgets line information before the end of the last token.
    pub(crate) fn mark(&mut self) {
        let o = self.offset();
        self.g.mark(o);
    }

    /// Keeps the position of `offset`, the start of a text run (in the buffer now), exact after
    /// it is discarded.
    pub(crate) fn anchor_run(&mut self, offset: u64) {
        self.g.anchor(Anchor::Run, offset);
    }

    /// Reads more input; `Ok(false)` at the end of the input.
    fn more(&mut self) -> Result<bool, TokError> {
        let offset = self.g.offset();
        self.g.fill_more().map_err(|e| match e {
            FillError::TooLarge(max, value) => Box::new(TokErrorData {
                kind: XmlErrorKind::LimitExceeded {
                    limit: Limit::TotalBytes,
                    max,
                    value,
                },
                offset,
            }),
            FillError::InvalidUtf8(at) => {
                syntax("invalid UTF-8 (only UTF-8 input is accepted)", at)
            }
            FillError::Io(e) => Box::new(TokErrorData {
                kind: XmlErrorKind::Io(e),
                offset,
            }),
        })
    }

    /// Reads more input for a token that must be contiguous (at least `have` bytes of it are
    /// buffered); the end of the input is an error.
    fn more_markup(&mut self, have: usize, what: &str) -> Result<(), TokError> {
        if have > self.max_markup {
            return Err(Box::new(TokErrorData {
                kind: XmlErrorKind::LimitExceeded {
                    limit: Limit::AttributeLength,
                    max: self.max_attr,
                    value: have as u64,
                },
                offset: self.start,
            }));
        }
        if !self.more()? {
            return Err(syntax(
                format!("unexpected end of input in {what}"),
                self.g.offset() + have as u64,
            ));
        }
        Ok(())
    }

    /// The next token; `start` receives the offset where it starts. Comments, processing
    /// instructions and the XML declaration are checked and skipped.
    pub(crate) fn next_token(
        &mut self,
        tag: &mut TagBuf,
        start: &mut u64,
        expected_end: &[u8],
    ) -> Result<Token<'_>, TokError> {
        let n = std::mem::take(&mut self.pending);
        self.g.advance(n);
        loop {
            self.start = self.g.offset();
            *start = self.start;
            if self.state == State::CData {
                return self.cdata_chunk();
            }
            let data = self.g.data();
            if data.is_empty() {
                if self.more()? {
                    continue;
                }
                return Ok(Token::Eof);
            }
            if self.state == State::Start {
                // Enough bytes to see a BOM and `<?xml ` (unless the input ends sooner).
                if data.len() < 9 && !self.g.at_eof() {
                    self.more()?;
                    continue;
                }
                self.state = State::Content;
                if data.starts_with(b"\xEF\xBB\xBF") {
                    self.g.advance(3);
                    self.start = self.g.offset();
                }
                let data = self.g.data();
                if data.starts_with(b"<?xml") && data.get(5).is_some_and(|&b| is_space(b)) {
                    self.declaration()?;
                    continue;
                }
                continue;
            }
            match data[0] {
                b'<' => {}
                b'&' => return self.reference().map(Token::Char),
                _ => return self.text_chunk(),
            }
            let Some(&second) = data.get(1) else {
                self.more_markup(1, "markup")?;
                continue;
            };
            match second {
                b'/' => return self.end_tag(expected_end),
                b'!' => {
                    if self.bang()? {
                        *start = self.start;
                        return self.cdata_chunk();
                    }
                }
                b'?' => self.pi()?,
                _ => return self.start_tag(tag),
            }
        }
    }
}
