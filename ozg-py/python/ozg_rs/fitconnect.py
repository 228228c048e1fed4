"""FIT-Connect submission metadata 1.0.0 (Metadatensatz einer Einreichung).

``MetadataBuilder`` builds the metadata document step by step (every setter returns the builder);
``metadata(...)`` does it in one call. Both check the rules of FITKO's metadata schema 1.0.0
(``MetadataBuilder.SCHEMA_URI``) and return a dict; content is hashed with SHA-512 in Rust.
Covered: data part, attachments, ``publicServiceType`` (from a LeiKa key), ``replyChannel`` and
``additionalReferenceInfo``; not covered: signatures, authentication and payment information.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, Iterable, Mapping, Optional, Union

from ozg_rs._ozg import LeikaKey, MetadataBuilder, fitconnect_sha512_hex

__all__ = ["MetadataBuilder", "metadata", "sha512_hex"]

_Content = Union[bytes, bytearray, memoryview, str]


def sha512_hex(content: _Content) -> str:
    """SHA-512 of ``content`` (``str`` as UTF-8) as 128 lowercase hex digits, as FIT-Connect hashes."""
    return fitconnect_sha512_hex(content)


def metadata(
    *,
    leika: Union[LeikaKey, str, None] = None,
    service_name: Optional[str] = None,
    service_description: Optional[str] = None,
    data: Optional[_Content] = None,
    schema_uri: Optional[str] = None,
    data_mime_type: str = "application/json",
    attachments: Iterable[Mapping[str, Any]] = (),
    reply_channel: Optional[Dict[str, Any]] = None,
    sender_reference: Optional[str] = None,
    application_date: Union[datetime.date, str, None] = None,
) -> Dict[str, Any]:
    """Builds FIT-Connect metadata 1.0.0 in one call and returns it as a dict.

    ``data`` needs ``schema_uri``; each attachment is a mapping with ``id``, ``content`` and
    ``mime_type``, optionally ``purpose`` (``form``/``attachment``/``report``, default
    ``attachment``), ``filename`` and ``description``. Raises ``ozg_rs.ArgumentError`` naming the first
    rule violated (e.g. a submission with neither data nor attachments).
    """
    builder = MetadataBuilder()
    if leika is not None:
        builder.public_service(leika, service_name, service_description)
    if data is not None:
        if schema_uri is None:
            from ozg_rs._errors import ArgumentError

            raise ArgumentError("data needs schema_uri (the absolute URI of the data part's schema)")
        builder.data(data, schema_uri, data_mime_type)
    for a in attachments:
        builder.attachment(
            a["id"],
            a["content"],
            a["mime_type"],
            a.get("purpose", "attachment"),
            a.get("filename"),
            a.get("description"),
        )
    if reply_channel is not None:
        builder.reply_channel(reply_channel)
    if sender_reference is not None:
        builder.sender_reference(sender_reference)
    if application_date is not None:
        builder.application_date(application_date)
    return builder.build()
