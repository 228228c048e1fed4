//! Compiles the JSON Schemas that schemars generates for the document types into one mapping tree
//! (Abbildungsbaum) — an arena of nodes shared by the writer, the reader and the XSD generator.
//!
//! Rules (see the module documentation of [`crate::document`] for the resulting XML):
//! - `$ref` → the node of the referenced definition (compiled once, shared; its name becomes the
//!   XSD type name);
//! - `anyOf`/`oneOf` with a `{"type":"null"}` branch, or `"type": [T, "null"]` → a nullable use;
//! - `oneOf` of string `const`s or a string `enum` → a string enumeration, or an XÖV code value
//!   when the definition is one of ozg-core's code lists;
//! - `oneOf`/`anyOf` of objects that share one property with a string `const` in every branch →
//!   a tagged union (one child element per variant);
//! - objects → a sequence of child elements (required properties first, in declaration order,
//!   then the optional ones alphabetically), arrays → a wrapper element with one item element
//!   per entry.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::codes::{CodeInfo, code_list};

/// Index of a node in the arena.
pub(crate) type NodeId = usize;

/// A compiled schema node.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Name of the definition (`$defs` key or root type name): the XSD type name.
    pub(crate) name: Option<String>,
    /// The description of the schema (documentation).
    pub(crate) doc: Option<String>,
    pub(crate) kind: Kind,
}

/// How a JSON value of a node is written as XML.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// Placeholder while a named definition is being compiled.
    Pending,
    /// A JSON string as element text.
    Str(StrType),
    /// A JSON integer.
    Int(IntType),
    /// A JSON number that may have a fraction.
    Number,
    /// A JSON boolean.
    Bool,
    /// A JSON string holding a code of a code list, written as an XÖV code value.
    Code(CodeInfo),
    /// The generic XÖV code value object of ozg-core (`XoevCode`).
    Xoev,
    /// A JSON object.
    Object(ObjectType),
    /// A JSON array.
    Array(ArrayType),
    /// A JSON object tagged by a `const` property (internally tagged enum).
    Union(UnionType),
}

/// String facets.
#[derive(Debug, Clone, Default)]
pub(crate) struct StrType {
    pub(crate) format: Option<String>,
    pub(crate) pattern: Option<String>,
    pub(crate) enumeration: Vec<String>,
    pub(crate) min_length: Option<u64>,
    pub(crate) max_length: Option<u64>,
}

/// Integer facets.
#[derive(Debug, Clone, Default)]
pub(crate) struct IntType {
    pub(crate) format: Option<String>,
    pub(crate) minimum: Option<i128>,
    pub(crate) maximum: Option<i128>,
}

/// A use of a node: the node and whether JSON `null` is allowed there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Use {
    pub(crate) node: NodeId,
    pub(crate) nullable: bool,
}

/// A property of an object.
#[derive(Debug, Clone)]
pub(crate) struct Prop {
    /// JSON member name.
    pub(crate) json: String,
    /// XML element name.
    pub(crate) element: String,
    pub(crate) ty: Use,
    pub(crate) required: bool,
    pub(crate) doc: Option<String>,
}

/// An object: its properties in element order.
#[derive(Debug, Clone, Default)]
pub(crate) struct ObjectType {
    pub(crate) props: Vec<Prop>,
}

/// An array: the item element name and type.
#[derive(Debug, Clone)]
pub(crate) struct ArrayType {
    pub(crate) item_element: String,
    pub(crate) item: Use,
}

/// A tagged union.
#[derive(Debug, Clone)]
pub(crate) struct UnionType {
    /// The JSON tag property (e.g. `type`, `model`).
    pub(crate) tag: String,
    pub(crate) variants: Vec<Variant>,
}

/// One variant of a tagged union.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    /// Tag value in JSON.
    pub(crate) value: String,
    /// Element name in XML.
    pub(crate) element: String,
    /// The object node with the remaining properties.
    pub(crate) body: NodeId,
    pub(crate) doc: Option<String>,
}

/// The compiled mapping of all document types.
#[derive(Debug, Default)]
pub(crate) struct Mapping {
    pub(crate) nodes: Vec<Node>,
    /// Named definitions: node and the schema it was compiled from (to detect name clashes).
    named: HashMap<String, (NodeId, Value)>,
    /// Named definitions in order of first use (XSD output order).
    pub(crate) named_order: Vec<NodeId>,
}

/// A schema construct the mapping does not support (a defect of the mapping, caught by tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MappingError(pub(crate) String);

impl std::fmt::Display for MappingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "XML mapping of the JSON Schema failed: {}", self.0)
    }
}

impl std::error::Error for MappingError {}

type Res<T> = Result<T, MappingError>;

fn err<T>(msg: impl Into<String>) -> Res<T> {
    Err(MappingError(msg.into()))
}

/// Whether `s` is an XML NCName (ASCII subset: letters, digits, `_`, `-`, `.`; not starting with
/// a digit, `-` or `.`).
pub(crate) fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The element name of a JSON property: the name itself, or for `$name` → `jsonName`.
fn element_name(json: &str) -> Res<String> {
    if is_ncname(json) {
        return Ok(json.to_owned());
    }
    if let Some(rest) = json.strip_prefix('$') {
        let mut chars = rest.chars();
        if let Some(first) = chars.next() {
            let candidate = format!("json{}{}", first.to_ascii_uppercase(), chars.as_str());
            if is_ncname(&candidate) {
                return Ok(candidate);
            }
        }
    }
    err(format!(
        "property name {json:?} cannot be an XML element name"
    ))
}

/// `ItProvider` → `itProvider`.
fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => format!("{}{}", c.to_ascii_lowercase(), chars.as_str()),
        None => String::new(),
    }
}

fn doc_of(schema: &Map<String, Value>) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The schema without the keys that do not change its meaning for the mapping of a root.
fn normalised(schema: &Value) -> Value {
    match schema {
        Value::Object(m) => {
            let mut m = m.clone();
            for k in ["$schema", "$defs", "title", "description", "$id"] {
                m.remove(k);
            }
            Value::Object(m)
        }
        other => other.clone(),
    }
}

fn is_null_schema(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
}

impl Mapping {
    /// Compiles a root schema (from `schemars::schema_for!`) under the type name `name`.
    pub(crate) fn compile_root(&mut self, name: &str, root: &Value) -> Res<NodeId> {
        let empty = Map::new();
        let defs = root
            .get("$defs")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let u = self.compile_named(name, root, defs)?;
        if u.nullable {
            return err(format!("document type {name} must not be nullable"));
        }
        match self.nodes[u.node].kind {
            Kind::Object(_) => Ok(u.node),
            _ => err(format!("document type {name} is not an object")),
        }
    }

    fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn compile_named(&mut self, name: &str, schema: &Value, defs: &Map<String, Value>) -> Res<Use> {
        let norm = normalised(schema);
        if let Some((id, seen)) = self.named.get(name) {
            if *seen != norm {
                return err(format!(
                    "two different schemas are named {name}; XSD type names must be unique"
                ));
            }
            let id = *id;
            return Ok(Use {
                node: id,
                nullable: false,
            });
        }
        let id = self.push(Node {
            name: Some(name.to_owned()),
            doc: None,
            kind: Kind::Pending,
        });
        self.named.insert(name.to_owned(), (id, norm));
        let u = self.compile_into(id, Some(name), schema, defs)?;
        if u.nullable {
            return err(format!(
                "definition {name} is nullable as a whole (unsupported)"
            ));
        }
        self.named_order.push(id);
        Ok(Use {
            node: id,
            nullable: false,
        })
    }

    /// Compiles an anonymous (inline) schema into a new node, or resolves a `$ref`.
    fn compile(&mut self, schema: &Value, defs: &Map<String, Value>) -> Res<Use> {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            return self.compile_ref(r, defs);
        }
        let id = self.push(Node {
            name: None,
            doc: None,
            kind: Kind::Pending,
        });
        self.compile_into(id, None, schema, defs)
    }

    fn compile_ref(&mut self, r: &str, defs: &Map<String, Value>) -> Res<Use> {
        let Some(name) = r.strip_prefix("#/$defs/") else {
            return err(format!("unsupported $ref {r:?}"));
        };
        let Some(def) = defs.get(name) else {
            return err(format!("$ref {r:?} points nowhere"));
        };
        if let Some((id, _)) = self.named.get(name)
            && matches!(self.nodes[*id].kind, Kind::Pending)
        {
            return err(format!("recursive definition {name} (unsupported)"));
        }
        self.compile_named(name, def, defs)
    }

    /// Compiles `schema` into the reserved node `id` (or returns the use of another node when
    /// the schema is a reference, nullable wrapper or single `allOf`).
    fn compile_into(
        &mut self,
        id: NodeId,
        name: Option<&str>,
        schema: &Value,
        defs: &Map<String, Value>,
    ) -> Res<Use> {
        let here = name.unwrap_or("(inline schema)");
        let Some(m) = schema.as_object() else {
            return err(format!("{here}: schema is not an object"));
        };
        let doc = doc_of(m);
        self.nodes[id].doc = doc.clone();
        let done = |kind: Kind, this: &mut Mapping| {
            this.nodes[id].kind = kind;
            Ok(Use {
                node: id,
                nullable: false,
            })
        };

        // Wrappers: a named definition that is only a reference / nullable / allOf.
        let wrapped = |this: &mut Mapping, inner: Use| -> Res<Use> {
            if name.is_some() {
                // Keep the definition name as an alias: copy the inner node.
                let mut node = this.nodes[inner.node].clone();
                node.name = name.map(str::to_owned);
                if node.doc.is_none() {
                    node.doc = doc.clone();
                }
                this.nodes[id] = node;
                Ok(Use {
                    node: id,
                    nullable: inner.nullable,
                })
            } else {
                Ok(inner)
            }
        };
        if let Some(r) = m.get("$ref").and_then(Value::as_str) {
            let inner = self.compile_ref(r, defs)?;
            return wrapped(self, inner);
        }
        if let Some(all) = m.get("allOf").and_then(Value::as_array) {
            if all.len() != 1 {
                return err(format!(
                    "{here}: allOf with {} members (unsupported)",
                    all.len()
                ));
            }
            let inner = self.compile(&all[0], defs)?;
            return wrapped(self, inner);
        }
        for key in ["anyOf", "oneOf"] {
            let Some(branches) = m.get(key).and_then(Value::as_array) else {
                continue;
            };
            let non_null: Vec<&Value> = branches.iter().filter(|b| !is_null_schema(b)).collect();
            if non_null.len() < branches.len() {
                if non_null.len() != 1 {
                    return err(format!(
                        "{here}: nullable union of several types (unsupported)"
                    ));
                }
                let inner = self.compile(non_null[0], defs)?;
                let inner = Use {
                    node: inner.node,
                    nullable: true,
                };
                return wrapped(self, inner);
            }
            // String enumeration as oneOf of consts.
            let consts: Option<Vec<String>> = branches
                .iter()
                .map(|b| b.get("const").and_then(Value::as_str).map(str::to_owned))
                .collect();
            if let Some(values) = consts {
                return done(self.string_enum(name, values)?, self);
            }
            return done(self.union(here, branches, defs)?, self);
        }
        if let Some(values) = m.get("enum").and_then(Value::as_array) {
            let values: Option<Vec<String>> = values
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect();
            let Some(values) = values else {
                return err(format!("{here}: enum with non-string values (unsupported)"));
            };
            return done(self.string_enum(name, values)?, self);
        }
        let (ty, nullable) = match m.get("type") {
            Some(Value::String(t)) => (t.as_str(), false),
            Some(Value::Array(ts)) => {
                let non_null: Vec<&str> = ts
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|t| *t != "null")
                    .collect();
                if non_null.len() != 1 {
                    return err(format!("{here}: several types {ts:?} (unsupported)"));
                }
                (non_null[0], non_null.len() < ts.len())
            }
            _ => return err(format!("{here}: schema without type (unsupported)")),
        };
        let kind = match ty {
            "string" => {
                if let Some(info) = name.and_then(code_list) {
                    return err(format!(
                        "{here}: code list {} has no enumeration in its schema",
                        info.list_uri
                    ));
                }
                Kind::Str(StrType {
                    format: m.get("format").and_then(Value::as_str).map(str::to_owned),
                    pattern: m.get("pattern").and_then(Value::as_str).map(str::to_owned),
                    enumeration: Vec::new(),
                    min_length: m.get("minLength").and_then(Value::as_u64),
                    max_length: m.get("maxLength").and_then(Value::as_u64),
                })
            }
            "integer" => Kind::Int(IntType {
                format: m.get("format").and_then(Value::as_str).map(str::to_owned),
                minimum: m.get("minimum").and_then(as_i128),
                maximum: m.get("maximum").and_then(as_i128),
            }),
            "number" => Kind::Number,
            "boolean" => Kind::Bool,
            "object" => {
                if name == Some("XoevCode") {
                    Kind::Xoev
                } else {
                    Kind::Object(self.object(here, m, defs, None)?)
                }
            }
            "array" => {
                let Some(items) = m.get("items") else {
                    return err(format!("{here}: array without items (unsupported)"));
                };
                let item_element = match items.get("$ref").and_then(Value::as_str) {
                    Some(r) => lower_camel(r.rsplit('/').next().unwrap_or("item")),
                    None => "item".to_owned(),
                };
                if !is_ncname(&item_element) {
                    return err(format!("{here}: item element name {item_element:?}"));
                }
                let item = self.compile(items, defs)?;
                Kind::Array(ArrayType { item_element, item })
            }
            other => return err(format!("{here}: type {other:?} (unsupported)")),
        };
        self.nodes[id].kind = kind;
        Ok(Use { node: id, nullable })
    }

    fn string_enum(&mut self, name: Option<&str>, values: Vec<String>) -> Res<Kind> {
        if let Some(info) = name.and_then(code_list) {
            let codes: Vec<&str> = info.codes.iter().map(|(c, _)| *c).collect();
            if codes != values {
                return err(format!(
                    "code list {} has codes {codes:?} but its schema enumerates {values:?}",
                    info.list_uri
                ));
            }
            return Ok(Kind::Code(info));
        }
        Ok(Kind::Str(StrType {
            enumeration: values,
            ..StrType::default()
        }))
    }

    fn object(
        &mut self,
        here: &str,
        m: &Map<String, Value>,
        defs: &Map<String, Value>,
        skip: Option<&str>,
    ) -> Res<ObjectType> {
        let empty = Map::new();
        let props = m
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        if let Some(ap) = m.get("additionalProperties")
            && ap != &Value::Bool(false)
            && props.is_empty()
        {
            return err(format!("{here}: map-like object (unsupported)"));
        }
        let required: Vec<&str> = m
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut order: Vec<&str> = required
            .iter()
            .copied()
            .filter(|r| props.contains_key(*r))
            .collect();
        let mut optional: Vec<&str> = props
            .keys()
            .map(String::as_str)
            .filter(|k| !required.contains(k))
            .collect();
        optional.sort_unstable();
        order.extend(optional);
        let mut out = ObjectType::default();
        for json in order {
            if Some(json) == skip {
                continue;
            }
            let schema = &props[json];
            let ty = self.compile(schema, defs)?;
            let element = element_name(json)?;
            if out.props.iter().any(|p| p.element == element) {
                return err(format!("{here}: two properties map to element {element}"));
            }
            out.props.push(Prop {
                json: json.to_owned(),
                element,
                ty,
                required: required.contains(&json),
                doc: schema
                    .as_object()
                    .and_then(doc_of)
                    .or_else(|| self.nodes[ty.node].doc.clone()),
            });
        }
        Ok(out)
    }

    fn union(&mut self, here: &str, branches: &[Value], defs: &Map<String, Value>) -> Res<Kind> {
        // The tag: a property that is a string const in every branch.
        let tag_of = |b: &Value| -> Vec<(String, String)> {
            b.get("properties")
                .and_then(Value::as_object)
                .map(|p| {
                    p.iter()
                        .filter_map(|(k, v)| {
                            v.get("const")
                                .and_then(Value::as_str)
                                .map(|c| (k.clone(), c.to_owned()))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let first = branches.first().map(tag_of).unwrap_or_default();
        let Some(tag) = first.iter().map(|(k, _)| k.clone()).find(|k| {
            branches
                .iter()
                .all(|b| tag_of(b).iter().any(|(t, _)| t == k))
        }) else {
            return err(format!(
                "{here}: union without a common const tag (unsupported)"
            ));
        };
        let mut variants = Vec::with_capacity(branches.len());
        for b in branches {
            let Some(bm) = b.as_object() else {
                return err(format!("{here}: union branch is not an object schema"));
            };
            let value = tag_of(b)
                .into_iter()
                .find(|(k, _)| *k == tag)
                .map(|(_, v)| v)
                .unwrap_or_default();
            let element = if is_ncname(&value) {
                value.clone()
            } else {
                let e = format!("{tag}-{value}");
                if !is_ncname(&e) {
                    return err(format!("{here}: variant {value:?} has no element name"));
                }
                e
            };
            if variants.iter().any(|v: &Variant| v.element == element) {
                return err(format!("{here}: two variants map to element {element}"));
            }
            let object = self.object(here, bm, defs, Some(&tag))?;
            let body = self.push(Node {
                name: None,
                doc: doc_of(bm),
                kind: Kind::Object(object),
            });
            variants.push(Variant {
                value,
                element,
                body,
                doc: doc_of(bm),
            });
        }
        Ok(Kind::Union(UnionType { tag, variants }))
    }
}

fn as_i128(v: &Value) -> Option<i128> {
    v.as_i64()
        .map(i128::from)
        .or_else(|| v.as_u64().map(i128::from))
        .or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e30)
                .map(|f| f as i128)
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ncnames() {
        assert!(is_ncname("schemaVersion"));
        assert!(is_ncname("model-1.x"));
        assert!(!is_ncname("1.x"));
        assert!(!is_ncname("$schema"));
        assert!(!is_ncname(""));
        assert_eq!(element_name("$schema").as_deref(), Ok("jsonSchema"));
        assert!(element_name("a b").is_err());
    }

    #[test]
    fn unsupported_constructs_are_errors() {
        let mut m = Mapping::default();
        let map_like = serde_json::json!({
            "type": "object",
            "properties": {"x": {"type": "object", "additionalProperties": {"type": "string"}}}
        });
        let e = m.compile_root("MapLike", &map_like).unwrap_err();
        assert!(e.0.contains("map-like"), "{e}");
        let mut m = Mapping::default();
        let untagged = serde_json::json!({
            "type": "object",
            "properties": {"x": {"oneOf": [
                {"type": "object", "properties": {"a": {"type": "string"}}},
                {"type": "object", "properties": {"b": {"type": "string"}}}
            ]}}
        });
        let e = m.compile_root("Untagged", &untagged).unwrap_err();
        assert!(e.0.contains("common const tag"), "{e}");
    }
}
