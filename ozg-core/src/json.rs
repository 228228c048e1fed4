//! Strict JSON reading (strenges JSON-Lesen): the one place that turns JSON text into a
//! `serde_json::Value` for the model's tools, rejecting duplicate object keys with their JSON
//! pointer (serde_json would silently keep the last), and the one JSON-pointer encoder.
//!
//! Typed reading into the model ([`crate::dataset::Dataset::from_json_str`], …) rejects duplicate
//! members through serde's derived visitors (`duplicate field`); values read as a plain
//! [`Value`] (validation, conversion, streamed arrays) go through [`StrictValue`].
//!
//! ```
//! use ozg_core::json::{value_from_str, JsonErrorKind};
//!
//! let err = value_from_str(r#"{"a": [{"b": 1, "b": 2}]}"#).unwrap_err();
//! assert_eq!(err.kind(), JsonErrorKind::DuplicateKey);
//! assert_eq!(err.pointer(), "/a/0/b");
//! assert_eq!((err.line(), err.column()), (1, 19)); // just after the second key
//! assert!(value_from_str(r#"{"a": 1, "b": {"a": 2}}"#).is_ok());
//! ```

use std::cell::RefCell;
use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Escapes one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token of a JSON pointer (`~1` → `/`, `~0` → `~`).
pub fn unescape_pointer_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// One step of a JSON pointer: an object member or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PointerSegment {
    /// An object member name (unescaped).
    Key(String),
    /// An array index.
    Index(usize),
}

/// Writes a JSON pointer (RFC 6901) from its segments: the one encoder every crate uses.
///
/// ```
/// use ozg_core::json::{pointer, PointerSegment};
/// let p = pointer([PointerSegment::Key("a/b".into()), PointerSegment::Index(3)].iter());
/// assert_eq!(p, "/a~1b/3");
/// ```
pub fn pointer<'a>(segments: impl IntoIterator<Item = &'a PointerSegment>) -> String {
    let mut out = String::new();
    for s in segments {
        push_segment(&mut out, s);
    }
    out
}

/// Appends one segment to a JSON pointer.
pub fn push_segment(out: &mut String, segment: &PointerSegment) {
    out.push('/');
    match segment {
        PointerSegment::Key(k) => out.push_str(&escape_pointer_token(k)),
        PointerSegment::Index(i) => out.push_str(&i.to_string()),
    }
}

/// Splits a JSON pointer into its segments; tokens of digits only are indices.
pub fn parse_pointer(pointer: &str) -> Vec<PointerSegment> {
    pointer
        .split('/')
        .skip(1)
        .map(|token| {
            let token = unescape_pointer_token(token);
            match token.parse::<usize>() {
                Ok(i) if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) => {
                    PointerSegment::Index(i)
                }
                _ => PointerSegment::Key(token),
            }
        })
        .collect()
}

/// What went wrong reading JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// Not well-formed JSON (or it ends early).
    Syntax,
    /// An object has the same key twice (doppelter Schlüssel).
    DuplicateKey,
    /// Well-formed JSON that does not fit the model type (wrong type, bad identifier, …).
    Data,
    /// Reading the input failed.
    Io,
}

/// Error reading JSON (JSON-Lesefehler): kind, JSON pointer (`""` = the document or unknown),
/// 1-based line and column (0 when unknown) and the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct JsonError {
    kind: JsonErrorKind,
    pointer: String,
    line: usize,
    column: usize,
    message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {} column {}: ", self.line, self.column)?;
        }
        if !self.pointer.is_empty() {
            write!(f, "at {}: ", self.pointer)?;
        }
        f.write_str(&self.message)
    }
}

/// serde_json's messages end with " at line L column C"; the position is kept apart.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

impl JsonError {
    /// An error of the typed deserialisation at `pointer`.
    pub fn data(pointer: String, e: &serde_json::Error) -> JsonError {
        JsonError {
            kind: JsonErrorKind::Data,
            pointer,
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()).to_owned(),
        }
    }

    /// Converts a serde_json error of reading text, with the pointer tracked so far.
    pub fn from_serde(e: &serde_json::Error, pointer: String) -> JsonError {
        let kind = match e.classify() {
            serde_json::error::Category::Io => JsonErrorKind::Io,
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                JsonErrorKind::Syntax
            }
            serde_json::error::Category::Data => JsonErrorKind::Data,
        };
        JsonError {
            kind,
            pointer,
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()).to_owned(),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> JsonErrorKind {
        self.kind
    }

    /// JSON pointer of the value at fault (`""`: the document, or not known for syntax errors).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// 1-based line (0 when unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column (0 when unknown).
    pub fn column(&self) -> usize {
        self.column
    }

    /// The message without position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with the line shifted by `lines` and the pointer prefixed (for a document
    /// that is one line of NDJSON or one element of an array).
    pub fn within(mut self, lines: usize, prefix: &str) -> JsonError {
        if self.line > 0 {
            self.line += lines;
        }
        if !prefix.is_empty() && (self.kind != JsonErrorKind::Syntax || !self.pointer.is_empty()) {
            self.pointer = format!("{prefix}{}", self.pointer);
        }
        self
    }
}

/// The path of the value being read and the pointer of a duplicate key once found.
#[derive(Debug, Default)]
pub struct PathState {
    segments: Vec<PointerSegment>,
    duplicate: Option<String>,
}

impl PathState {
    /// An empty path (the document root).
    pub fn new() -> Self {
        Self::default()
    }

    /// The pointer of the duplicate key that stopped reading, if any (taken).
    pub fn take_duplicate(&mut self) -> Option<String> {
        self.duplicate.take()
    }

    /// The pointer of the value being read when reading stopped.
    pub fn current_pointer(&self) -> String {
        pointer(&self.segments)
    }

    /// Records a duplicate key at `pointer` (for a caller reading objects itself); [`PathState::error`]
    /// then reports it as [`JsonErrorKind::DuplicateKey`].
    pub fn mark_duplicate(&mut self, pointer: String) {
        self.duplicate = Some(pointer);
    }

    /// Enters a member or element (for a caller reading the outer levels itself).
    pub fn push(&mut self, segment: PointerSegment) {
        self.segments.push(segment);
    }

    /// Leaves what [`PathState::push`] entered.
    pub fn pop(&mut self) {
        self.segments.pop();
    }

    /// The error of a read through [`StrictValue`] with this state: a duplicate key (with its
    /// pointer) if that stopped it, else what serde_json says.
    pub fn error(&mut self, e: &serde_json::Error) -> JsonError {
        match self.take_duplicate() {
            Some(at) => JsonError {
                kind: JsonErrorKind::DuplicateKey,
                pointer: at,
                line: e.line(),
                column: e.column(),
                message: strip_position(&e.to_string()).to_owned(),
            },
            None => JsonError::from_serde(e, String::new()),
        }
    }
}

/// A [`DeserializeSeed`] producing a `serde_json::Value` that rejects duplicate object keys.
/// The pointer of a duplicate is left in the [`PathState`].
#[derive(Debug, Clone, Copy)]
pub struct StrictValue<'a> {
    /// The shared path state.
    pub state: &'a RefCell<PathState>,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            self.state
                .borrow_mut()
                .segments
                .push(PointerSegment::Index(out.len()));
            let item = seq.next_element_seed(self)?;
            let Some(item) = item else {
                self.state.borrow_mut().segments.pop();
                break;
            };
            self.state.borrow_mut().segments.pop();
            out.push(item);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.state
                .borrow_mut()
                .segments
                .push(PointerSegment::Key(key.clone()));
            if out.contains_key(&key) {
                let mut state = self.state.borrow_mut();
                let at = pointer(&state.segments);
                let message = format!("duplicate key \"{key}\" at {at}");
                state.duplicate = Some(at);
                return Err(de::Error::custom(message));
            }
            let value = map.next_value_seed(self)?;
            self.state.borrow_mut().segments.pop();
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Reads one JSON value from `de`, rejecting duplicate keys; checks that nothing but whitespace follows.
pub fn value_from_deserializer<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
) -> Result<Value, JsonError> {
    let state = RefCell::new(PathState::new());
    let result = StrictValue { state: &state }
        .deserialize(&mut *de)
        .and_then(|v| de.end().map(|()| v));
    result.map_err(|e| state.into_inner().error(&e))
}

/// Reads JSON text into a value, rejecting duplicate keys.
pub fn value_from_str(text: &str) -> Result<Value, JsonError> {
    value_from_deserializer(&mut serde_json::Deserializer::from_str(text))
}

/// Reads JSON bytes into a value, rejecting duplicate keys.
pub fn value_from_slice(bytes: &[u8]) -> Result<Value, JsonError> {
    value_from_deserializer(&mut serde_json::Deserializer::from_slice(bytes))
}

/// Reads JSON from a reader (buffer it) into a value, rejecting duplicate keys.
pub fn value_from_reader<R: Read>(input: R) -> Result<Value, JsonError> {
    value_from_deserializer(&mut serde_json::Deserializer::from_reader(input))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_anywhere_are_found_with_their_pointer() {
        let e = value_from_str("{\"x\": {\"a~/b\": 1,\n \"a~/b\": 2}}").unwrap_err();
        assert_eq!(e.kind(), JsonErrorKind::DuplicateKey);
        assert_eq!(e.pointer(), "/x/a~0~1b");
        assert_eq!(e.line(), 2);
        let e = value_from_reader(&b"[1, {\"k\": 1, \"k\": 1}]"[..]).unwrap_err();
        assert_eq!(e.pointer(), "/1/k");
    }

    #[test]
    fn syntax_errors_and_trailing_text() {
        let e = value_from_str("{\"a\": }").unwrap_err();
        assert_eq!(e.kind(), JsonErrorKind::Syntax);
        assert_eq!((e.line(), e.column()), (1, 7));
        assert!(!e.to_string().contains(" at line "), "{e}");
        assert_eq!(
            value_from_str("1 2").unwrap_err().kind(),
            JsonErrorKind::Syntax
        );
        let v = value_from_str(r#"{"a": [1, 2.5, "x", null, true, {"b": {}}]}"#).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": [1, 2.5, "x", null, true, {"b": {}}]})
        );
    }

    #[test]
    fn pointers_round_trip() {
        let segs = vec![
            PointerSegment::Key("a/b~c".into()),
            PointerSegment::Index(2),
            PointerSegment::Key(String::new()),
        ];
        let p = pointer(&segs);
        assert_eq!(p, "/a~1b~0c/2/");
        assert_eq!(parse_pointer(&p), segs);
        assert_eq!(parse_pointer(""), Vec::new());
    }
}
