//! Identifiers (Kennungen) as frozen, hashable, ordered, picklable Python classes.
//!
//! Each class wraps the `ozg_core::id` type; the constructor parses (raising
//! `InvalidIdentifierError`, a `ValueError`, naming the rule), `str()` gives the canonical text,
//! `repr()` the constructor call, and pickling goes through the text form.

use ozg_core::id::{
    AgreementId, Ags, AgsPrefix, Ars, ArsLevel, ArsPrefix, ChannelId, DestinationId,
    DestinationSignature, DvdvKey, GebietId, GemeindeverbandKind, KreisKey, LeikaKey,
    OnlinedienstId, OzgId, ProviderId, ServiceRef, VerwaltungId,
};
use pyo3::PyClass;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

use crate::codes::{PyBundesland, PyLeistungsTyp};
use crate::error::Error;

/// A Python class wrapping an `ozg_core` identifier.
pub(crate) trait IdClass:
    PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync
{
    /// The wrapped Rust identifier.
    type Rust: Clone + std::str::FromStr<Err = ozg_core::id::IdError>;
    /// The wrapped value.
    fn rust(&self) -> &Self::Rust;
}

/// Extracts an identifier from an instance of its class or from a `str` (parsed, so a bad string
/// raises `InvalidIdentifierError`).
pub(crate) fn extract_id<P: IdClass>(obj: &Bound<'_, PyAny>) -> PyResult<P::Rust> {
    if let Ok(v) = obj.cast::<P>() {
        return Ok(v.get().rust().clone());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.parse::<P::Rust>().map_err(Error::from)?);
    }
    Err(PyTypeError::new_err(format!(
        "expected {} or str, got {}",
        <P as PyClass>::NAME,
        obj.get_type().name()?
    )))
}

/// Generates the class, its `IdClass` impl and the common methods; `$extra` adds accessors.
macro_rules! py_id {
    ($(#[$meta:meta])* $py:ident($rust:ty), $name:literal, { $($extra:tt)* }) => {
        $(#[$meta])*
        #[pyclass(frozen, eq, hash, ord, module = "ozg_rs", name = $name, skip_from_py_object)]
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $py(pub(crate) $rust);

        impl IdClass for $py {
            type Rust = $rust;
            fn rust(&self) -> &$rust {
                &self.0
            }
        }

        impl From<$rust> for $py {
            fn from(v: $rust) -> Self {
                Self(v)
            }
        }

        #[pymethods]
        impl $py {
            /// Parses the identifier; raises `InvalidIdentifierError` naming the broken rule.
            #[new]
            fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
                extract_id::<Self>(value).map(Self)
            }

            /// Regular expression of the text form.
            #[classattr]
            const PATTERN: &'static str = <$rust>::PATTERN;

            /// Canonical text form.
            fn __str__(&self) -> String {
                self.0.to_string()
            }

            fn __repr__(&self) -> String {
                format!("{}('{}')", $name, self.0)
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String,)) {
                (slf.get_type(), (slf.get().0.to_string(),))
            }

            $($extra)*
        }
    };
}

py_id!(
    /// OZG-ID (OZG-Leistungsschlüssel): 5 digits.
    PyOzgId(OzgId), "OzgId", {
    /// The number.
    #[getter]
    fn value(&self) -> u32 {
        self.0.value()
    }
});

py_id!(
    /// LeiKa-Leistungsschlüssel (LeiKa key): 14 digits starting with 99.
    PyLeikaKey(LeikaKey), "LeikaKey", {
    /// Leistungsgruppierung (GGG).
    #[getter]
    fn group(&self) -> u16 {
        self.0.group()
    }
    /// Leistungsobjekt (LLL).
    #[getter]
    fn object(&self) -> u16 {
        self.0.object()
    }
    /// Verrichtung (VVV); `None` when 000.
    #[getter]
    fn verrichtung(&self) -> Option<u16> {
        self.0.verrichtung()
    }
    /// Verrichtungsdetail (DDD); `None` when 000.
    #[getter]
    fn verrichtungsdetail(&self) -> Option<u16> {
        self.0.verrichtungsdetail()
    }
    /// Leistungstyp (LO, LOV, LOVD).
    #[getter]
    fn kind(&self) -> PyLeistungsTyp {
        PyLeistungsTyp(self.0.kind())
    }
    /// The LeiKa URN `urn:de:fim:leika:leistung:<key>`.
    #[getter]
    fn urn(&self) -> String {
        self.0.urn()
    }
    /// The Leistungsobjekt key (VVV and DDD zeroed).
    fn leistungsobjekt_key(&self) -> Self {
        Self(self.0.leistungsobjekt_key())
    }
    /// Parses a LeiKa URN.
    #[staticmethod]
    fn from_urn(urn: &str) -> PyResult<Self> {
        Ok(Self(LeikaKey::from_urn(urn).map_err(Error::from)?))
    }
});

py_id!(
    /// Kreisschlüssel (district key): 5 digits.
    PyKreisKey(KreisKey), "KreisKey", {
    /// Bundesland (Land).
    #[getter]
    fn land(&self) -> PyBundesland {
        PyBundesland(self.0.land())
    }
    /// Regierungsbezirk digit.
    #[getter]
    fn regierungsbezirk(&self) -> u8 {
        self.0.regierungsbezirk()
    }
});

py_id!(
    /// AGS (Amtlicher Gemeindeschlüssel): 8 digits.
    PyAgs(Ags), "Ags", {
    /// Bundesland (Land).
    #[getter]
    fn land(&self) -> PyBundesland {
        PyBundesland(self.0.land())
    }
    /// Regierungsbezirk digit.
    #[getter]
    fn regierungsbezirk(&self) -> u8 {
        self.0.regierungsbezirk()
    }
    /// Kreisschlüssel of the Kreis.
    #[getter]
    fn kreis_key(&self) -> PyKreisKey {
        PyKreisKey(self.0.kreis_key())
    }
    /// Gemeinde number (last 3 digits).
    #[getter]
    fn gemeinde(&self) -> u16 {
        self.0.gemeinde()
    }
});

/// Name of a Gemeindeverband kind, as exposed to Python.
fn verband_kind_name(kind: GemeindeverbandKind) -> &'static str {
    match kind {
        GemeindeverbandKind::AmtsfreiOderVerbandsfrei => "amtsfrei_oder_verbandsfrei",
        GemeindeverbandKind::AmtsangehoerigOderVerbandsangehoerig => {
            "amtsangehoerig_oder_verbandsangehoerig"
        }
        GemeindeverbandKind::GemeindefreiesGebiet => "gemeindefreies_gebiet",
        GemeindeverbandKind::Other(_) => "other",
    }
}

py_id!(
    /// ARS (Amtlicher Regionalschlüssel): 12 digits.
    PyArs(Ars), "Ars", {
    /// Bundesland (Land).
    #[getter]
    fn land(&self) -> PyBundesland {
        PyBundesland(self.0.land())
    }
    /// Regierungsbezirk digit.
    #[getter]
    fn regierungsbezirk(&self) -> u8 {
        self.0.regierungsbezirk()
    }
    /// Kreisschlüssel of the Kreis.
    #[getter]
    fn kreis_key(&self) -> PyKreisKey {
        PyKreisKey(self.0.kreis_key())
    }
    /// Gemeindeverband number (4 digits).
    #[getter]
    fn gemeindeverband(&self) -> u16 {
        self.0.gemeindeverband()
    }
    /// Kind of Gemeindeverband from its first digit: `amtsfrei_oder_verbandsfrei` (0),
    /// `amtsangehoerig_oder_verbandsangehoerig` (5), `gemeindefreies_gebiet` (9) or `other`.
    #[getter]
    fn verband_kind(&self) -> &'static str {
        verband_kind_name(self.0.verband_kind())
    }
    /// Gemeinde number (last 3 digits).
    #[getter]
    fn gemeinde(&self) -> u16 {
        self.0.gemeinde()
    }
    /// The AGS (Land, Regierungsbezirk, Kreis, Gemeinde).
    #[getter]
    fn ags(&self) -> PyAgs {
        PyAgs(self.0.ags())
    }
    /// The Gebiet URN of this ARS.
    #[getter]
    fn gebiet_urn(&self) -> String {
        self.0.gebiet_urn()
    }
});

py_id!(
    /// AGS-Präfix: a partial AGS of 2, 3, 5 or 8 digits (FIT-Connect routing).
    PyAgsPrefix(AgsPrefix), "AgsPrefix", {
    /// Whether the AGS starts with this prefix.
    fn matches(&self, ags: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.matches(&extract_id::<PyAgs>(ags)?))
    }
    fn __len__(&self) -> usize {
        self.0.len()
    }
});

/// Name of an ARS level, as exposed to Python.
fn ars_level_name(level: ArsLevel) -> &'static str {
    match level {
        ArsLevel::Land => "land",
        ArsLevel::Regierungsbezirk => "regierungsbezirk",
        ArsLevel::Kreis => "kreis",
        ArsLevel::Gemeindeverband => "gemeindeverband",
        ArsLevel::Gemeinde => "gemeinde",
    }
}

py_id!(
    /// ARS-Präfix: a partial ARS of 2, 3, 5, 9 or 12 digits.
    PyArsPrefix(ArsPrefix), "ArsPrefix", {
    /// Whether the ARS starts with this prefix.
    fn matches(&self, ars: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.matches(&extract_id::<PyArs>(ars)?))
    }
    /// Gebietsebene: `land`, `regierungsbezirk`, `kreis`, `gemeindeverband` or `gemeinde`.
    #[getter]
    fn level(&self) -> &'static str {
        ars_level_name(self.0.level())
    }
    fn __len__(&self) -> usize {
        self.0.len()
    }
});

py_id!(
    /// Gebiet-ID: the Gebiet URN `urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:<ARS prefix>`.
    PyGebietId(GebietId), "GebietId", {
    /// The ARS prefix of the area.
    #[getter]
    fn ars_prefix(&self) -> PyArsPrefix {
        PyArsPrefix(self.0.ars_prefix())
    }
});

py_id!(
    /// DVDV-Organisationsschlüssel `prefix:key`.
    PyDvdvKey(DvdvKey), "DvdvKey", {
    /// The prefix before `:`.
    #[getter]
    fn prefix(&self) -> &str {
        self.0.prefix()
    }
    /// The key after `:`.
    #[getter]
    fn key(&self) -> &str {
        self.0.key()
    }
    /// Behördenkategorie of the prefix from the embedded DVDV prefix list (version 51), e.g.
    /// "Wohngeldbehörde"; `None` if that list does not know the prefix.
    #[getter]
    fn behoerdenkategorie(&self) -> Option<&'static str> {
        self.0.behoerdenkategorie()
    }
    /// Vergebende Stelle of the prefix from the embedded DVDV prefix list; `None` if unknown.
    #[getter]
    fn vergebende_stelle(&self) -> Option<&'static str> {
        self.0.vergebende_stelle()
    }
});

py_id!(
    /// FIT-Connect Destination-ID (Zustellpunkt): a UUID, canonical lowercase.
    PyDestinationId(DestinationId), "DestinationId", {
    /// The UUID as an integer.
    #[getter]
    fn int(&self) -> u128 {
        self.0.as_u128()
    }
});

py_id!(
    /// FIT-Connect DestinationSignature: a compact JWS (not verified).
    PyDestinationSignature(DestinationSignature), "DestinationSignature", {
    /// The JWS header part.
    #[getter]
    fn header(&self) -> &str {
        self.0.header()
    }
    /// The JWS payload part.
    #[getter]
    fn payload(&self) -> &str {
        self.0.payload()
    }
    /// The JWS signature part.
    #[getter]
    fn signature(&self) -> &str {
        self.0.signature()
    }
});

py_id!(
    /// Leistungsreferenz: an OZG-ID (5 digits) or a LeiKa key (14 digits).
    PyServiceRef(ServiceRef), "ServiceRef", {
    /// The OZG-ID, if this refers to an OZG-Leistung.
    #[getter]
    fn ozg_id(&self) -> Option<PyOzgId> {
        self.0.as_ozg().map(PyOzgId)
    }
    /// The LeiKa key, if this refers to a LeiKa-Leistung.
    #[getter]
    fn leika_key(&self) -> Option<PyLeikaKey> {
        self.0.as_leika().map(PyLeikaKey)
    }
});

py_id!(
    /// Verwaltungs-ID: our record id of a Verwaltung.
    PyVerwaltungId(VerwaltungId), "VerwaltungId", {});
py_id!(
    /// Onlinedienst-ID: our record id of an online service.
    PyOnlinedienstId(OnlinedienstId), "OnlinedienstId", {});
py_id!(
    /// IT-Dienstleister-ID: our record id of an IT provider.
    PyProviderId(ProviderId), "ProviderId", {});
py_id!(
    /// Vereinbarungs-ID: our record id of an agreement.
    PyAgreementId(AgreementId), "AgreementId", {});
py_id!(
    /// Zustellkanal-ID: our record id of a delivery channel.
    PyChannelId(ChannelId), "ChannelId", {});

/// Adds the identifier classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOzgId>()?;
    m.add_class::<PyLeikaKey>()?;
    m.add_class::<PyKreisKey>()?;
    m.add_class::<PyAgs>()?;
    m.add_class::<PyArs>()?;
    m.add_class::<PyAgsPrefix>()?;
    m.add_class::<PyArsPrefix>()?;
    m.add_class::<PyGebietId>()?;
    m.add_class::<PyDvdvKey>()?;
    m.add_class::<PyDestinationId>()?;
    m.add_class::<PyDestinationSignature>()?;
    m.add_class::<PyServiceRef>()?;
    m.add_class::<PyVerwaltungId>()?;
    m.add_class::<PyOnlinedienstId>()?;
    m.add_class::<PyProviderId>()?;
    m.add_class::<PyAgreementId>()?;
    m.add_class::<PyChannelId>()?;
    Ok(())
}
