"""XTA 2 message metadata (``MessageMetaData``, Nachrichten-Metadaten; OSCI transport 2014/10).

``read(text_or_path)`` parses the XML with the hardened reader into a ``MessageMetaData``;
``to_xml()``/``write(path)`` write it back (elements the model does not cover are kept), and
``to_dict()``/``MessageMetaData.from_dict()`` convert to and from plain dicts.
"""

from __future__ import annotations

import os
from typing import Union

from ozg_rs._ozg import MessageMetaData, xta_read

__all__ = ["read", "MessageMetaData"]


def read(text_or_path: Union[str, "os.PathLike[str]"]) -> MessageMetaData:
    """Reads ``MessageMetaData`` from XML text (a ``str`` starting with ``<``) or from a file.

    Raises ``ozg_rs.XmlSyntaxError`` (with ``line``/``column``) for malformed XML or another root
    element, ``ozg_rs.OzgIOError`` if the file cannot be read.
    """
    return xta_read(text_or_path)
