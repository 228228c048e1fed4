//! Conversion (Umwandlung) between Python objects and the serde form of the model: the one path
//! every `to_dict()`, `from_dict()`, `validate()` and pickle goes through.
//!
//! - Out: [`to_py`] — the serde form, by `pythonize` (dicts with camelCase keys, codes as str).
//! - In: [`from_py`] — [`to_json`] (below) and then serde on the `serde_json::Value`, so `from_dict`
//!   refuses exactly what `validate` refuses (NaN, bytes, …) and a model error names its JSON
//!   pointer. No JSON text is produced and re-parsed on the way.
//! - Pickle and `copy`: [`reduce`] — `(type(self).from_dict, (self.to_dict(),))` — or, for a
//!   class whose lossless form is another text (XML, JSON), [`reduce_with`] naming that
//!   constructor; [`unpicklable`] is the `TypeError` of a class that deliberately does not pickle
//!   (an open file, a lock). `docs/ARCHITECTURE.md` ("Python conventions") lists which is which.
//!
//! The walk of [`to_json`] over
//! `dict`/`list`/`tuple`/`str`/`int`/`float`/`bool`/`None` (plus other
//! `Mapping`s and `Sequence`s), faster than a serde round trip through `pythonize` because it
//! checks the exact built-in types first and builds the value directly. It never panics and never
//! overflows the stack: nesting is limited to [`MAX_DEPTH`] levels, and every refusal is an
//! [`Error::Value`] (Python `ozg_rs.ArgumentError`) naming the JSON pointer of the offending value
//! and what was expected there.

use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PySequence, PyString,
    PyTuple,
};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};

use crate::error::Error;

/// Serialises a serde value into Python objects (dicts, lists, str, int, float, bool, None): the
/// serde form, as the CLI prints it and the JSON Schemas describe it.
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// Builds a model value from its serde form given as a JSON-like Python object. Refusals of the
/// conversion are `ArgumentError`s (as in `validate`); a value that does not fit the model is a
/// `ParseError` with the JSON pointer of the offending member.
pub(crate) fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> Result<T, Error> {
    let value = to_json(obj)?.value;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = ozg_core::finding::pointer_from_path(e.path());
        Error::Parse {
            message: format!("{what} at \"{pointer}\": {}", e.inner()),
            pointer: Some(pointer),
            line: None,
            column: None,
        }
    })
}

/// `__reduce__` of a model class through its serde form: `(type(self).from_dict, (self.to_dict(),))`,
/// which `pickle` and `copy.deepcopy` use.
pub(crate) fn reduce<'py, T: Serialize + ?Sized>(
    slf: &Bound<'py, PyAny>,
    value: &T,
) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
    reduce_with(slf, "from_dict", (to_py(slf.py(), value)?,))
}

/// `__reduce__` through another public constructor of the class and its arguments:
/// `(type(self).<constructor>, args)`, e.g. `("from_xml", (self.to_xml(),))` where the XML is the
/// lossless form, or `("germany", ())` for an embedded value pickled as a reference to itself.
pub(crate) fn reduce_with<'py, A>(
    slf: &Bound<'py, PyAny>,
    constructor: &str,
    args: A,
) -> PyResult<(Bound<'py, PyAny>, A)> {
    Ok((slf.get_type().getattr(constructor)?, args))
}

/// The `TypeError` of `__reduce__` (so of `pickle`, `copy.copy` and `copy.deepcopy`) for a class
/// that deliberately does not pickle, saying why and what to do instead.
pub(crate) fn unpicklable(slf: &Bound<'_, PyAny>, reason: &str) -> PyErr {
    let name = slf
        .get_type()
        .name()
        .map_or_else(|_| "this object".to_owned(), |n| n.to_string());
    pyo3::exceptions::PyTypeError::new_err(format!("cannot pickle or copy {name}: {reason}"))
}

/// [`from_py`] that also refuses members the model does not know (for model types whose serde
/// form does not deny unknown fields itself): the value is serialised again and every member of
/// the input must be there, else a `ParseError` names its JSON pointer.
pub(crate) fn from_py_strict<T: DeserializeOwned + Serialize>(
    obj: &Bound<'_, PyAny>,
    what: &str,
) -> Result<T, Error> {
    let input = to_json(obj)?.value;
    let value: T = serde_path_to_error::deserialize(&input).map_err(|e| {
        let pointer = ozg_core::finding::pointer_from_path(e.path());
        Error::Parse {
            message: format!("{what} at \"{pointer}\": {}", e.inner()),
            pointer: Some(pointer),
            line: None,
            column: None,
        }
    })?;
    let output = serde_json::to_value(&value).map_err(|e| Error::Value(e.to_string()))?;
    if let Some(pointer) = unknown_member(&input, &output, &mut String::new()) {
        return Err(Error::Parse {
            message: format!("{what} at \"{pointer}\": unknown member"),
            pointer: Some(pointer),
            line: None,
            column: None,
        });
    }
    Ok(value)
}

/// The pointer of the first object member of `input` that `output` lacks at the same place.
fn unknown_member(input: &Value, output: &Value, at: &mut String) -> Option<String> {
    let len = at.len();
    match (input, output) {
        (Value::Object(i), Value::Object(o)) => i.iter().find_map(|(k, v)| {
            at.push('/');
            at.push_str(&ozg_core::finding::escape_pointer_token(k));
            let found = match o.get(k) {
                Some(w) => unknown_member(v, w, at),
                None => Some(at.clone()),
            };
            at.truncate(len);
            found
        }),
        (Value::Array(i), Value::Array(o)) => {
            i.iter().zip(o).enumerate().find_map(|(n, (v, w))| {
                at.push('/');
                at.push_str(&n.to_string());
                let found = unknown_member(v, w, at);
                at.truncate(len);
                found
            })
        }
        _ => None,
    }
}

/// Python's `repr()` of a str (`'Kiel'`), for the `__repr__` of model classes.
pub(crate) fn repr_str(py: Python<'_>, s: &str) -> String {
    pyo3::types::PyString::new(py, s)
        .repr()
        .map_or_else(|_| format!("{s:?}"), |r| r.to_string())
}

/// Python's `repr()` of an optional str (`'Kiel'` or `None`).
pub(crate) fn repr_opt(py: Python<'_>, s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| repr_str(py, s))
}

/// Deepest nesting of arrays and objects accepted: 127 levels, the same limit as serde_json's
/// parser (whose recursion limit of 128 refuses the 128th level), so `ozg_rs.validate(obj)` and
/// `ozg_rs.validate_json(text)` accept the same documents.
pub(crate) const MAX_DEPTH: usize = 127;

/// A converted value and the number of JSON nodes it holds (used to decide whether the
/// validation is long enough to be worth releasing the interpreter).
pub(crate) struct Converted {
    /// The JSON value.
    pub(crate) value: Value,
    /// Number of values (scalars, arrays, objects) in it.
    pub(crate) nodes: usize,
}

/// Converts a JSON-like Python object into a JSON value.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>) -> Result<Converted, Error> {
    // `try_lock`, never `lock`: Python code may run during the conversion (a `Mapping`'s
    // `items()`), and it may convert another object on this or another thread; that conversion
    // then simply goes without the cache instead of waiting for it.
    let mut cx = Cx {
        nodes: 0,
        keys: KEYS.try_lock().ok(),
    };
    match value(obj, 0, &mut cx) {
        Ok(value) => Ok(Converted {
            value,
            nodes: cx.nodes,
        }),
        Err(e) => Err(e.into_error()),
    }
}

/// Number of slots of the key cache (a power of two).
const KEY_SLOTS: usize = 256;

/// Cache of converted object keys, by identity of the Python `str`: records of one shape share
/// their key objects (literals and interned names), and under the stable ABI for Python 3.9 every
/// `str` → UTF-8 conversion allocates a temporary `bytes` object, so a hit saves most of a key's
/// cost. Direct-mapped by address; each slot holds a strong reference, so the address cannot be
/// reused by another object while it is cached.
struct KeyCache {
    slots: Vec<Option<(Py<PyString>, String)>>,
}

static KEYS: Mutex<KeyCache> = Mutex::new(KeyCache { slots: Vec::new() });

impl KeyCache {
    fn get_or_convert(&mut self, s: &Bound<'_, PyString>) -> Result<String, Refusal> {
        if self.slots.is_empty() {
            self.slots.resize_with(KEY_SLOTS, || None);
        }
        let address = s.as_ptr() as usize;
        let slot = (address >> 4) & (KEY_SLOTS - 1);
        if let Some(Some((cached, text))) = self.slots.get(slot) {
            if cached.as_ptr() as usize == address {
                return Ok(text.clone());
            }
        }
        let text = string(s)?;
        if let Some(entry) = self.slots.get_mut(slot) {
            *entry = Some((s.clone().unbind(), text.clone()));
        }
        Ok(text)
    }
}

/// State of one conversion: the number of values seen and the key cache, if it was free.
struct Cx {
    nodes: usize,
    keys: Option<MutexGuard<'static, KeyCache>>,
}

/// A refusal on its way up: what is wrong, and the path to it (innermost step first, added as the
/// recursion unwinds, so the successful path pays nothing for it).
struct Refusal {
    what: String,
    steps: Vec<Step>,
}

/// One step of the path from a value to the one refused.
enum Step {
    Index(usize),
    Key(String),
}

impl Refusal {
    fn new(what: impl Into<String>) -> Refusal {
        Refusal {
            what: what.into(),
            steps: Vec::new(),
        }
    }

    fn at(mut self, step: Step) -> Refusal {
        self.steps.push(step);
        self
    }

    fn into_error(self) -> Error {
        let mut pointer = String::new();
        for step in self.steps.iter().rev() {
            pointer.push('/');
            match step {
                Step::Index(i) => pointer.push_str(&i.to_string()),
                Step::Key(k) => pointer.push_str(&ozg_core::finding::escape_pointer_token(k)),
            }
        }
        let at = if pointer.is_empty() {
            "the top level".to_owned()
        } else {
            format!("\"{pointer}\"")
        };
        Error::Value(format!("not a JSON-like value at {at}: {}", self.what))
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "unknown type".to_owned())
}

fn value(obj: &Bound<'_, PyAny>, depth: usize, cx: &mut Cx) -> Result<Value, Refusal> {
    cx.nodes += 1;
    // Exact built-in types first: one pointer comparison each.
    if let Ok(s) = obj.cast_exact::<PyString>() {
        return string(s).map(Value::String);
    }
    if let Ok(d) = obj.cast_exact::<PyDict>() {
        return dict(d, depth, cx);
    }
    if let Ok(l) = obj.cast_exact::<PyList>() {
        return seq(l.iter(), depth, cx);
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast_exact::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast_exact::<PyInt>() {
        return int(i);
    }
    if let Ok(f) = obj.cast_exact::<PyFloat>() {
        return float(f.value());
    }
    if let Ok(t) = obj.cast_exact::<PyTuple>() {
        return seq(t.iter(), depth, cx);
    }
    // Subclasses (str/int enums, OrderedDict, …) and the abstract protocols.
    if let Ok(s) = obj.cast::<PyString>() {
        return string(s).map(Value::String);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        return int(i);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return float(f.value());
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict(d, depth, cx);
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(Refusal::new(
            "bytes have no JSON form; decode them to str first",
        ));
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        let items = m
            .items()
            .map_err(|e| Refusal::new(format!("cannot read the mapping: {e}")))?;
        return pairs(items.iter(), depth, cx);
    }
    if let Ok(s) = obj.cast::<PySequence>() {
        let items = s
            .to_list()
            .map_err(|e| Refusal::new(format!("cannot read the sequence: {e}")))?;
        return seq(items.iter(), depth, cx);
    }
    Err(Refusal::new(format!(
        "a value of type {}; expected dict, list, tuple, str, int, float, bool or None",
        type_name(obj)
    )))
}

fn string(s: &Bound<'_, PyString>) -> Result<String, Refusal> {
    s.to_cow()
        .map(|c| c.into_owned())
        .map_err(|_| Refusal::new("a str that is not valid Unicode (unpaired surrogate)"))
}

fn int(i: &Bound<'_, PyInt>) -> Result<Value, Refusal> {
    if let Ok(v) = i.extract::<i64>() {
        return Ok(Value::Number(v.into()));
    }
    if let Ok(v) = i.extract::<u64>() {
        return Ok(Value::Number(v.into()));
    }
    Err(Refusal::new(format!(
        "the integer {i} does not fit into 64 bits"
    )))
}

fn float(f: f64) -> Result<Value, Refusal> {
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| Refusal::new(format!("the float {f} is not a JSON number")))
}

fn enter(depth: usize) -> Result<usize, Refusal> {
    if depth >= MAX_DEPTH {
        Err(Refusal::new(format!(
            "nested deeper than {MAX_DEPTH} levels (or the value contains itself)"
        )))
    } else {
        Ok(depth + 1)
    }
}

fn seq<'py>(
    items: impl ExactSizeIterator<Item = Bound<'py, PyAny>>,
    depth: usize,
    cx: &mut Cx,
) -> Result<Value, Refusal> {
    let depth = enter(depth)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.enumerate() {
        out.push(value(&item, depth, cx).map_err(|r| r.at(Step::Index(i)))?);
    }
    Ok(Value::Array(out))
}

fn dict(d: &Bound<'_, PyDict>, depth: usize, cx: &mut Cx) -> Result<Value, Refusal> {
    let depth = enter(depth)?;
    let mut out = Map::new();
    for (k, v) in d.iter() {
        member(&mut out, &k, &v, depth, cx)?;
    }
    Ok(Value::Object(out))
}

fn pairs<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    depth: usize,
    cx: &mut Cx,
) -> Result<Value, Refusal> {
    let depth = enter(depth)?;
    let mut out = Map::new();
    for item in items {
        let (k, v): (Bound<'py, PyAny>, Bound<'py, PyAny>) = item
            .extract()
            .map_err(|e| Refusal::new(format!("a mapping whose items are not pairs: {e}")))?;
        member(&mut out, &k, &v, depth, cx)?;
    }
    Ok(Value::Object(out))
}

fn member(
    out: &mut Map<String, Value>,
    k: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    depth: usize,
    cx: &mut Cx,
) -> Result<(), Refusal> {
    let key = if let (Ok(s), Some(keys)) = (k.cast_exact::<PyString>(), cx.keys.as_mut()) {
        keys.get_or_convert(s)?
    } else if let Ok(s) = k.cast::<PyString>() {
        string(s)?
    } else {
        return Err(Refusal::new(format!(
            "an object key of type {}; JSON object keys are str",
            type_name(k)
        )));
    };
    match value(v, depth, cx) {
        Ok(v) => {
            out.insert(key, v);
            Ok(())
        }
        Err(r) => Err(r.at(Step::Key(key))),
    }
}
