"""ozg_rs.fitconnect (metadata 1.0.0) and ozg_rs.xta (MessageMetaData)."""

from __future__ import annotations

import datetime
import hashlib
import pickle
from pathlib import Path

import pytest

import ozg_rs
import ozg_rs.fitconnect
import ozg_rs.xta

XTA = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "xml" / "xta_wohngeld_metadata.xml"


# --- Gemeindeverzeichnis ---------------------------------------------------------------------------


# The Germany-wide register's tests are in test_gemeinden.py.


# --- FIT-Connect metadata -------------------------------------------------------------------------

DATA = b'{"antragsteller": "Erika Mustermann"}'
SCHEMA = "https://schema.fitko.de/fim/s00000000009_1.0.0.schema.json"
UUID = "0B799EA2-1D80-4FD1-9A8E-A1B0A8A4F1B9"


def test_metadata_builder() -> None:
    b = (
        ozg_rs.fitconnect.MetadataBuilder()
        .public_service(ozg_rs.LeikaKey("99012001001000"), "Abbruchgenehmigung", "Erteilung")
        .data(DATA, SCHEMA)
        .attachment(UUID, b"%PDF-1.7", "application/pdf", "form", "antrag.pdf")
        .reply_channel({"type": "eMail", "address": "erika@example.org"})
        .sender_reference("AZ-1")
        .application_date(datetime.date(2024, 3, 14))
    )
    m = b.build()
    assert m["publicServiceType"] == {
        "name": "Abbruchgenehmigung",
        "description": "Erteilung",
        "identifier": "urn:de:fim:leika:leistung:99012001001000",
    }
    data = m["contentStructure"]["data"]
    assert data["hash"] == {"type": "sha512", "content": hashlib.sha512(DATA).hexdigest()}
    assert data["submissionSchema"] == {"schemaUri": SCHEMA, "mimeType": "application/json"}
    [att] = m["contentStructure"]["attachments"]
    assert att["attachmentId"] == UUID.lower() and att["purpose"] == "form"
    assert att["filename"] == "antrag.pdf" and att["hash"]["content"] == hashlib.sha512(b"%PDF-1.7").hexdigest()
    assert m["replyChannel"] == {"eMail": {"address": "erika@example.org"}}
    assert m["additionalReferenceInfo"] == {"senderReference": "AZ-1", "applicationDate": "2024-03-14"}
    import json

    assert json.loads(b.build_json()) == m
    assert ozg_rs.fitconnect.MetadataBuilder.SCHEMA_URI.endswith("/metadata/1.0.0/metadata.schema.json")
    assert ozg_rs.fitconnect.sha512_hex("ä") == hashlib.sha512("ä".encode()).hexdigest()


def test_metadata_function_and_reply_channel_forms() -> None:
    m = ozg_rs.fitconnect.metadata(
        data="<antrag/>",
        schema_uri=SCHEMA,
        data_mime_type="application/xml",
        reply_channel={"fink": {"finkPostfachRef": "hh/by/12345"}},
        application_date="2024-01-31",
    )
    assert m["contentStructure"]["data"]["submissionSchema"]["mimeType"] == "application/xml"
    assert m["replyChannel"] == {"fink": {"finkPostfachRef": "hh/by/12345"}}
    assert "publicServiceType" not in m
    m = ozg_rs.fitconnect.metadata(attachments=[{"id": UUID, "content": b"x", "mime_type": "text/plain"}])
    assert m["contentStructure"]["attachments"][0]["purpose"] == "attachment"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({}, "neither a data part"),
        ({"data": b"{}", "schema_uri": "relative/x.json"}, "not an absolute URI"),
        ({"attachments": [{"id": "nope", "content": b"x", "mime_type": "text/plain"}]}, "not a UUID"),
        ({"data": b"{}", "schema_uri": SCHEMA, "reply_channel": {"type": "eMail", "address": "no"}}, "no"),
        ({"data": b"{}", "schema_uri": SCHEMA, "reply_channel": {"eMail": {"adress": "a@b.de"}}}, "adress"),
        ({"data": b"{}", "schema_uri": SCHEMA, "data_mime_type": "text/csv"}, "application/json"),
        ({"data": b"{}"}, "schema_uri"),
        ({"data": b"{}", "schema_uri": SCHEMA, "application_date": "14.03.2024"}, "YYYY-MM-DD"),
    ],
)
def test_metadata_errors(kwargs: dict, words: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError, match=words):
        ozg_rs.fitconnect.metadata(**kwargs)


def test_metadata_builder_argument_types() -> None:
    b = ozg_rs.fitconnect.MetadataBuilder()
    with pytest.raises(TypeError):
        b.data(12, SCHEMA)  # type: ignore[arg-type]
    with pytest.raises(ozg_rs.InvalidIdentifierError):
        b.public_service("12345678901234")
    with pytest.raises(ozg_rs.ArgumentError, match="purpose"):
        b.attachment(UUID, b"x", "text/plain", "invoice")
    with pytest.raises(TypeError):
        b.reply_channel("erika@example.org")  # type: ignore[arg-type]


# --- XTA MessageMetaData --------------------------------------------------------------------------


def test_xta_read_and_accessors() -> None:
    m = ozg_rs.xta.read(XTA)
    assert m == ozg_rs.xta.read(str(XTA)) == ozg_rs.xta.read(XTA.read_text(encoding="utf-8"))
    assert m.service == "urn:fim:Wohngeld-Mietzuschuss:1.5"
    assert m.reader == {"category": "Wohngeldbehörde", "value": "wgb:051110000000"}
    assert m.reader_key() == ozg_rs.DvdvKey("wgb:051110000000") and m.author_key().prefix == "wgp"
    assert m.business_scenario == {
        "defined": {
            "listURI": "urn:de:xta:codeliste:business.scenario",
            "listVersionID": "3.6",
            "code": "FIM-WOHNGELD_DATA",
        }
    }
    assert m.message_type["code"] == "fim.S05000227.05000227001005"
    tz = datetime.timezone(datetime.timedelta(hours=1))
    assert m.origin == datetime.datetime(2024, 3, 14, 9, 26, 53, tzinfo=tz)
    assert m.initial_send is not None and m.delivery is None and m.initial_fetch is None


def test_xta_round_trips(tmp_path: Path) -> None:
    m = ozg_rs.xta.read(XTA)
    assert ozg_rs.xta.read(m.to_xml()) == m
    d = m.to_dict()
    assert d["deliveryAttributes"]["origin"] == "2024-03-14T09:26:53+01:00"
    assert ozg_rs.xta.MessageMetaData.from_dict(d) == m
    out = tmp_path / "meta.xml"
    m.write(out)
    assert ozg_rs.xta.MessageMetaData.from_path(out) == m
    # new metadata written from a dict, read back
    d2 = dict(d, messageId="urn:de:xta:messageid:test:1", businessScenario={"undefined": "TEST"})
    new = ozg_rs.xta.MessageMetaData.from_dict(d2)
    again = ozg_rs.xta.read(new.to_xml())
    assert again.message_id == "urn:de:xta:messageid:test:1" and again.business_scenario == {"undefined": "TEST"}


def test_xta_keeps_unknown_elements() -> None:
    text = XTA.read_text(encoding="utf-8").replace(
        "</xta:Qualifier>", "</xta:Qualifier>\n  <xta:MsgSize>1234</xta:MsgSize>"
    )
    m = ozg_rs.xta.read(text)
    assert "MsgSize" in m.to_xml()
    d = m.to_dict()
    assert d["unknown"] and d["unknown"][0]["name"] == "MsgSize"
    with pytest.raises(ozg_rs.ArgumentError, match="unknown"):
        ozg_rs.xta.MessageMetaData.from_dict(d)


def test_xta_errors(tmp_path: Path) -> None:
    with pytest.raises(ozg_rs.XmlSyntaxError) as info:
        ozg_rs.xta.read("<xta:MessageMetaData xmlns:xta='http://www.osci.eu/ws/2014/10/transport'>\n<oops")
    assert info.value.line is not None
    with pytest.raises(ozg_rs.XmlSyntaxError):
        ozg_rs.xta.read("<MessageMetaData/>")
    with pytest.raises(ozg_rs.OzgIOError):
        ozg_rs.xta.read(tmp_path / "missing.xml")
    bad = ozg_rs.xta.read(XTA).to_dict()
    del bad["service"]
    with pytest.raises(ozg_rs.ArgumentError, match="service"):
        ozg_rs.xta.MessageMetaData.from_dict(bad)
    bad = dict(ozg_rs.xta.read(XTA).to_dict(), deliveryAttributes={"origin": "yesterday"})
    with pytest.raises(ozg_rs.ArgumentError, match="deliveryAttributes"):
        ozg_rs.xta.MessageMetaData.from_dict(bad)
    with pytest.raises(ozg_rs.InvalidIdentifierError):
        ozg_rs.xta.MessageMetaData.from_dict(
            dict(ozg_rs.xta.read(XTA).to_dict(), reader={"value": "not a key"})
        ).reader_key()


def test_validation_error_pickles() -> None:
    try:
        ozg_rs.validate({"id": "x"}, kind="verwaltung", raise_on_error=True)
    except ozg_rs.ValidationError as e:
        assert len(e.findings) == 2
        assert isinstance(pickle.loads(pickle.dumps(ozg_rs.ValidationError(str(e)))), ozg_rs.ValidationError)
    else:
        raise AssertionError("no ValidationError")
