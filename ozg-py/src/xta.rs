//! XTA 2 message metadata (`MessageMetaData`, Nachrichten-Metadaten): read from and write to XML
//! via `ozg_xml::xta`, and convert to and from dicts.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ozg_core::code::XoevCode;
use ozg_xml::ReaderConfig;
use ozg_xml::xta::{
    BusinessScenario, DeliveryAttributes, MessageMetaData, MessageType, PartyIdentifier,
};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::{Deserialize, Serialize};

use crate::catalogue::to_py;
use crate::convert;
use crate::error::Error;
use crate::ids::PyDvdvKey;

/// Dict form of the delivery time stamps (RFC 3339 text).
#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DeliveryDict {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    initial_send: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delivery: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    initial_fetch: Option<DateTime<FixedOffset>>,
}

/// Dict form of a party identifier.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PartyDict {
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    identifier_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    value: String,
}

/// Dict form of the business scenario: `{"defined": {code…}}` or `{"undefined": "text"}`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
enum ScenarioDict {
    Defined(XoevCode),
    Undefined(String),
}

/// Dict form of the message type.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MessageTypeDict {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    payload_schema: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    list_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    list_version_id: Option<String>,
    code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

/// Dict form of the whole metadata (camelCase keys); `unknown` holds the elements the model does
/// not cover (only when read from XML).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MetaDict {
    #[serde(default)]
    delivery_attributes: DeliveryDict,
    author: PartyDict,
    reader: PartyDict,
    message_id: String,
    service: String,
    business_scenario: ScenarioDict,
    message_type: MessageTypeDict,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unknown: Option<serde_json::Value>,
}

fn party_dict(p: &PartyIdentifier) -> PartyDict {
    PartyDict {
        identifier_type: p.identifier_type.clone(),
        name: p.name.clone(),
        category: p.category.clone(),
        value: p.value.clone(),
    }
}

fn party(p: PartyDict) -> PartyIdentifier {
    PartyIdentifier {
        identifier_type: p.identifier_type,
        name: p.name,
        category: p.category,
        value: p.value,
    }
}

fn to_dict_form(m: &MessageMetaData) -> Result<MetaDict, Error> {
    let d = &m.delivery_attributes;
    let mut unknown: Vec<serde_json::Value> = Vec::new();
    let within = m.unknown_within.iter().map(|k| &k.raw);
    for raw in d.other.iter().chain(m.unknown.iter()).chain(within) {
        unknown.push(serde_json::to_value(raw).map_err(|e| Error::Value(e.to_string()))?);
    }
    Ok(MetaDict {
        delivery_attributes: DeliveryDict {
            origin: d.origin,
            initial_send: d.initial_send,
            delivery: d.delivery,
            initial_fetch: d.initial_fetch,
        },
        author: party_dict(&m.author),
        reader: party_dict(&m.reader),
        message_id: m.message_id.clone(),
        service: m.service.clone(),
        business_scenario: match &m.business_scenario {
            BusinessScenario::Defined(code) => ScenarioDict::Defined(code.clone()),
            BusinessScenario::Undefined(text) => ScenarioDict::Undefined(text.clone()),
        },
        message_type: MessageTypeDict {
            payload_schema: m.message_type.payload_schema.clone(),
            list_uri: m.message_type.list_uri.clone(),
            list_version_id: m.message_type.list_version_id.clone(),
            code: m.message_type.code.clone(),
            name: m.message_type.name.clone(),
        },
        unknown: (!unknown.is_empty()).then_some(serde_json::Value::Array(unknown)),
    })
}

fn from_dict_form(d: MetaDict) -> Result<MessageMetaData, Error> {
    if d.unknown
        .as_ref()
        .is_some_and(|u| u.as_array().is_none_or(|a| !a.is_empty()))
    {
        return Err(Error::Value(
            "MessageMetaData.from_dict: \"unknown\" (elements the model does not cover) can only \
             come from XML; remove it or read the XML with ozg_rs.xta.read"
                .to_owned(),
        ));
    }
    let m = MessageMetaData {
        delivery_attributes: DeliveryAttributes {
            origin: d.delivery_attributes.origin,
            initial_send: d.delivery_attributes.initial_send,
            delivery: d.delivery_attributes.delivery,
            initial_fetch: d.delivery_attributes.initial_fetch,
            other: Vec::new(),
        },
        author: party(d.author),
        reader: party(d.reader),
        message_id: d.message_id,
        service: d.service,
        business_scenario: match d.business_scenario {
            ScenarioDict::Defined(code) => BusinessScenario::Defined(code),
            ScenarioDict::Undefined(text) => BusinessScenario::Undefined(text),
        },
        message_type: MessageType {
            payload_schema: d.message_type.payload_schema,
            list_uri: d.message_type.list_uri,
            list_version_id: d.message_type.list_version_id,
            code: d.message_type.code,
            name: d.message_type.name,
        },
        unknown: Vec::new(),
        unknown_within: Vec::new(),
        other_attributes: Vec::new(),
    };
    // What cannot be written cannot be exchanged: check it now, not at `to_xml()`.
    m.to_xml_string()?;
    Ok(m)
}

/// XTA 2 message metadata (Nachrichten-Metadaten, `MessageMetaData`): author and reader
/// (DVDV keys), message id, service, business scenario, message type and delivery time stamps.
#[pyclass(frozen, module = "ozg_rs.xta", name = "MessageMetaData")]
pub struct PyMessageMetaData(MessageMetaData);

#[pymethods]
impl PyMessageMetaData {
    /// Parses `MessageMetaData` XML text (hardened reader); raises `ozg_rs.XmlSyntaxError` with
    /// `line`/`column`.
    #[staticmethod]
    fn from_xml(text: &str) -> PyResult<Self> {
        Ok(Self(
            MessageMetaData::from_xml_str(text).map_err(Error::from)?,
        ))
    }
    /// Reads a `MessageMetaData` XML file.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        read_path(py, path)
    }
    /// Builds metadata from its dict form (as `to_dict()` returns; time stamps as RFC 3339 text).
    /// Raises `ozg_rs.ArgumentError` naming the offending key.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = convert::to_json(data)?.value;
        let parsed: MetaDict = serde_path_to_error::deserialize(&value).map_err(|e| {
            Error::Value(format!(
                "invalid MessageMetaData at {}: {}",
                e.path(),
                e.inner()
            ))
        })?;
        Ok(Self(from_dict_form(parsed)?))
    }
    /// Pickling and `copy` through the XML, the lossless form (elements and attributes the model
    /// does not cover included): `MessageMetaData.from_xml(meta.to_xml())`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let xml = slf.get().to_xml()?;
        convert::reduce_with(slf.as_any(), "from_xml", (xml,))
    }
    /// `MsgIdentification/MessageID` (Nachrichtenkennung).
    #[getter]
    fn message_id(&self) -> &str {
        &self.0.message_id
    }
    /// `Qualifier/Service` (Dienst), e.g. `urn:fim:Wohngeld-Mietzuschuss:1.5`.
    #[getter]
    fn service(&self) -> &str {
        &self.0.service
    }
    /// Author (Autor) identifier as a dict (`value`, `category`, `name`, `type`).
    #[getter]
    fn author<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &party_dict(&self.0.author))
    }
    /// Reader (Leser, Empfänger) identifier as a dict (`value`, `category`, `name`, `type`).
    #[getter]
    fn reader<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &party_dict(&self.0.reader))
    }
    /// The author's identifier as a DVDV key; raises `InvalidIdentifierError` if it is none.
    fn author_key(&self) -> PyResult<PyDvdvKey> {
        Ok(PyDvdvKey(self.0.author.dvdv_key().map_err(Error::from)?))
    }
    /// The reader's identifier as a DVDV key; raises `InvalidIdentifierError` if it is none.
    fn reader_key(&self) -> PyResult<PyDvdvKey> {
        Ok(PyDvdvKey(self.0.reader.dvdv_key().map_err(Error::from)?))
    }
    /// `Qualifier/BusinessScenario`: `{"defined": {"listURI", "listVersionID", "code", "name"}}`
    /// or `{"undefined": text}`.
    #[getter]
    fn business_scenario<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let form = match &self.0.business_scenario {
            BusinessScenario::Defined(code) => ScenarioDict::Defined(code.clone()),
            BusinessScenario::Undefined(text) => ScenarioDict::Undefined(text.clone()),
        };
        to_py(py, &form)
    }
    /// `Qualifier/MessageType` (Nachrichtentyp) as a dict (`code`, `payloadSchema`, …).
    #[getter]
    fn message_type<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = &self.0.message_type;
        to_py(
            py,
            &MessageTypeDict {
                payload_schema: t.payload_schema.clone(),
                list_uri: t.list_uri.clone(),
                list_version_id: t.list_version_id.clone(),
                code: t.code.clone(),
                name: t.name.clone(),
            },
        )
    }
    /// `DeliveryAttributes/Origin` (Erstellung) as an aware `datetime`, or `None`.
    #[getter]
    fn origin(&self) -> Option<DateTime<FixedOffset>> {
        self.0.delivery_attributes.origin
    }
    /// `DeliveryAttributes/InitialSend` (Erstversand), or `None`.
    #[getter]
    fn initial_send(&self) -> Option<DateTime<FixedOffset>> {
        self.0.delivery_attributes.initial_send
    }
    /// `DeliveryAttributes/Delivery` (Zustellung), or `None`.
    #[getter]
    fn delivery(&self) -> Option<DateTime<FixedOffset>> {
        self.0.delivery_attributes.delivery
    }
    /// `DeliveryAttributes/InitialFetch` (Erstabholung), or `None`.
    #[getter]
    fn initial_fetch(&self) -> Option<DateTime<FixedOffset>> {
        self.0.delivery_attributes.initial_fetch
    }
    /// The whole metadata as a dict (camelCase keys; time stamps as RFC 3339 text; `unknown`
    /// lists elements the model does not cover, if any).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &to_dict_form(&self.0)?)
    }
    /// The metadata as XML text (`MessageMetaData` root, OSCI transport namespace).
    fn to_xml(&self) -> PyResult<String> {
        Ok(self.0.to_xml_string().map_err(Error::from)?)
    }
    /// Writes the metadata as an XML file.
    fn write(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let xml = self.to_xml()?;
        py.detach(|| std::fs::write(&path, xml).map_err(|e| Error::io(&e, &path)))?;
        Ok(())
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Self>().is_ok_and(|o| o.get().0 == self.0)
    }
    fn __repr__(&self) -> String {
        format!(
            "MessageMetaData(message_id={:?}, service={:?}, author={:?}, reader={:?})",
            self.0.message_id, self.0.service, self.0.author.value, self.0.reader.value
        )
    }
}

fn read_path(py: Python<'_>, path: PathBuf) -> PyResult<PyMessageMetaData> {
    let meta = py.detach(|| -> Result<MessageMetaData, Error> {
        let file = std::fs::File::open(&path).map_err(|e| Error::io(&e, &path))?;
        MessageMetaData::from_reader(std::io::BufReader::new(file), ReaderConfig::default())
            .map_err(|e| match Error::from(e) {
                Error::Xml {
                    message,
                    line,
                    column,
                    path: element,
                } => Error::Xml {
                    message: format!("{}: {message}", path.display()),
                    line,
                    column,
                    path: element,
                },
                other => other,
            })
    })?;
    Ok(PyMessageMetaData(meta))
}

/// `ozg_rs.xta.read(text_or_path)`: reads `MessageMetaData` from XML text (a `str` starting with
/// `<`) or from a file (`str` path or `os.PathLike`).
#[pyfunction]
fn xta_read(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<PyMessageMetaData> {
    if let Ok(s) = source.cast::<PyString>() {
        let text = s.to_cow()?;
        if text.trim_start().starts_with('<') {
            return PyMessageMetaData::from_xml(&text);
        }
    }
    read_path(py, source.extract()?)
}

/// Adds the XTA class and function to the module (`ozg_rs.xta` re-exports them).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMessageMetaData>()?;
    m.add_function(wrap_pyfunction!(xta_read, m)?)?;
    Ok(())
}
