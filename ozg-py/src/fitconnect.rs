//! FIT-Connect submission metadata 1.0.0 (Metadatensatz einer Einreichung): a Python builder over
//! `ozg_core::fitconnect::MetadataBuilder`.

use std::sync::Mutex;

use ozg_core::channel::Rueckkanal;
use ozg_core::fitconnect::{
    AttachmentPurpose, DataMimeType, METADATA_SCHEMA_URI, MetadataBuilder, ReplyChannel, sha512_hex,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde::de::DeserializeOwned;

use crate::catalogue::to_py;
use crate::convert;
use crate::dataset::extract_date;
use crate::error::Error;
use crate::ids::{PyLeikaKey, extract_id};

/// The bytes of a `bytes`/`bytearray`/`memoryview` or the UTF-8 encoding of a `str`.
fn content_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    obj.extract::<Vec<u8>>().or_else(|_| {
        Err(PyTypeError::new_err(format!(
            "content must be bytes or str, not {}",
            obj.get_type().name()?
        )))
    })
}

/// Parses a code through serde, with a message listing what is accepted.
fn parse_code<T: DeserializeOwned>(what: &str, code: &str, accepted: &str) -> Result<T, Error> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).map_err(|_| {
        Error::Value(format!(
            "invalid {what} {code:?}; expected one of {accepted}"
        ))
    })
}

/// Converts a dict into a model value; errors become `ArgumentError`s saying what was expected.
fn from_dict<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> Result<T, Error> {
    let value = convert::to_json(obj)?.value;
    serde_path_to_error::deserialize(&value).map_err(|e| {
        let at = e.path().to_string();
        Error::Value(format!("invalid {what} at {at}: {}", e.inner()))
    })
}

/// Builder (Ersteller) of FIT-Connect metadata 1.0.0 (Metadatensatz). Every setter returns the
/// builder itself, so calls chain; `build()` checks the rules of schema 1.0.0 and returns the
/// metadata as a dict (`build_json()` as JSON text).
#[pyclass(module = "ozg_rs.fitconnect", name = "MetadataBuilder")]
pub struct PyMetadataBuilder {
    /// The Rust builder (consumed by each step, so held by value; the `Mutex` makes the class
    /// `Sync`, and `&mut self` methods reach it without locking).
    inner: Mutex<MetadataBuilder>,
}

impl PyMetadataBuilder {
    /// Applies one consuming step of the Rust builder.
    fn step(&mut self, f: impl FnOnce(MetadataBuilder) -> MetadataBuilder) {
        let inner = self
            .inner
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *inner = f(std::mem::take(inner));
    }

    fn built(&self) -> Result<ozg_core::fitconnect::Metadata, Error> {
        let inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        inner
            .clone()
            .build()
            .map_err(|e| Error::Value(format!("invalid FIT-Connect metadata: {e}")))
    }
}

#[pymethods]
impl PyMetadataBuilder {
    /// An empty builder.
    #[new]
    fn new() -> Self {
        PyMetadataBuilder {
            inner: Mutex::new(MetadataBuilder::new()),
        }
    }

    /// `$id` of the metadata schema these documents follow (FITKO metadata 1.0.0).
    #[classattr]
    const SCHEMA_URI: &'static str = METADATA_SCHEMA_URI;

    /// Sets the service (Verwaltungsleistung, `publicServiceType`) by LeiKa key, with optional
    /// name and description.
    #[pyo3(signature = (leika, name = None, description = None))]
    fn public_service<'py>(
        mut slf: PyRefMut<'py, Self>,
        leika: &Bound<'py, PyAny>,
        name: Option<&str>,
        description: Option<&str>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let key = extract_id::<PyLeikaKey>(leika)?;
        slf.step(|b| {
            let b = b.public_service(key, name);
            match description {
                Some(d) => b.public_service_description(d),
                None => b,
            }
        });
        Ok(slf)
    }

    /// Sets the data part (Fachdatensatz): its content (`bytes`, or `str` encoded as UTF-8; hashed
    /// with SHA-512), the absolute URI of its schema and its media type (`application/json` or
    /// `application/xml`).
    #[pyo3(signature = (content, schema_uri, mime_type = "application/json"))]
    fn data<'py>(
        mut slf: PyRefMut<'py, Self>,
        content: &Bound<'py, PyAny>,
        schema_uri: &str,
        mime_type: &str,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let mime: DataMimeType = parse_code(
            "data media type",
            mime_type,
            "application/json, application/xml",
        )?;
        let bytes = content_bytes(content)?;
        slf.step(|b| b.data(&bytes, mime, schema_uri));
        Ok(slf)
    }

    /// Adds an attachment (Anlage): its id (UUID), purpose (`form`, `attachment`, `report`),
    /// media type and content (hashed with SHA-512), with optional file name and description.
    #[pyo3(signature = (id, content, mime_type, purpose = "attachment", filename = None, description = None))]
    #[allow(clippy::too_many_arguments)]
    fn attachment<'py>(
        mut slf: PyRefMut<'py, Self>,
        id: &str,
        content: &Bound<'py, PyAny>,
        mime_type: &str,
        purpose: &str,
        filename: Option<&str>,
        description: Option<&str>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let purpose: AttachmentPurpose =
            parse_code("attachment purpose", purpose, "form, attachment, report")?;
        let bytes = content_bytes(content)?;
        slf.step(|b| b.attachment_with_name(id, purpose, mime_type, &bytes, filename, description));
        Ok(slf)
    }

    /// Sets the reply channel (Rückkanal): either the model's form with a `type`
    /// (`{"type": "eMail", "address": ...}`, as in a dataset) or the metadata form
    /// (`{"eMail": {"address": ...}}`, `deMail`, `fink`, `elster`).
    fn reply_channel<'py>(
        mut slf: PyRefMut<'py, Self>,
        channel: &Bound<'py, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let dict = channel.cast::<PyDict>().map_err(|_| {
            PyTypeError::new_err("reply_channel takes a dict (Rückkanal in model or metadata form)")
        })?;
        if dict.contains("type")? {
            let model: Rueckkanal = from_dict(channel, "reply channel (Rückkanal)")?;
            slf.step(|b| b.reply_channel(&model));
        } else {
            let raw: ReplyChannel = from_dict(channel, "reply channel (replyChannel)")?;
            slf.step(|b| b.reply_channel_raw(raw));
        }
        Ok(slf)
    }

    /// Sets the sender's reference (Referenz des Senders, e.g. an Aktenzeichen).
    fn sender_reference<'py>(mut slf: PyRefMut<'py, Self>, reference: &str) -> PyRefMut<'py, Self> {
        slf.step(|b| b.sender_reference(reference));
        slf
    }

    /// Sets the date of the application (Antragsdatum), a `datetime.date` or `YYYY-MM-DD`.
    fn application_date<'py>(
        mut slf: PyRefMut<'py, Self>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let date = extract_date(date)?;
        slf.step(|b| b.application_date(date));
        Ok(slf)
    }

    /// Checks every input against schema 1.0.0 and returns the metadata as a dict; raises
    /// `ozg_rs.ArgumentError` naming the first rule violated.
    fn build<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let metadata = self.built()?;
        to_py(py, &metadata.to_value())
    }

    /// Like `build`, as pretty-printed JSON text.
    fn build_json(&self) -> PyResult<String> {
        Ok(self.built()?.to_json_pretty())
    }

    /// `copy.copy`: an independent builder with the same inputs.
    fn __copy__(&self) -> Self {
        let inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        PyMetadataBuilder {
            inner: Mutex::new(inner.clone()),
        }
    }

    /// `copy.deepcopy`: the same as `copy.copy` (the builder holds no Python objects).
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.__copy__()
    }

    /// Refuses pickling with a `TypeError`: a builder has no serialised form (copy it with
    /// `copy.copy`; `build()` gives the metadata as a dict, which pickles).
    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<()> {
        Err(PyTypeError::new_err(format!(
            "cannot pickle {}: a builder has no serialised form; copy it with copy.copy, or \
             pickle what build() returns (a dict)",
            slf.get_type().name()?
        )))
    }

    fn __repr__(&self) -> String {
        "MetadataBuilder()".to_owned()
    }
}

/// `ozg_rs.fitconnect.sha512_hex(content)`: the SHA-512 hash (Hashwert) FIT-Connect uses, as 128
/// lowercase hexadecimal digits.
#[pyfunction]
fn fitconnect_sha512_hex(content: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(sha512_hex(&content_bytes(content)?))
}

/// Adds the FIT-Connect classes to the module (`ozg_rs.fitconnect` re-exports them).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMetadataBuilder>()?;
    m.add_function(wrap_pyfunction!(fitconnect_sha512_hex, m)?)?;
    Ok(())
}
