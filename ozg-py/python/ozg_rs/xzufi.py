"""XZuFi 2.2.0 (Zuständigkeitsfinder) transfer messages.

``read(path)`` streams the objects of a message (``schreibe``/``loesche``): Leistungen,
Spezialisierungen, Organisationseinheiten, Onlinedienste, deletions, and elements the model does
not know. Memory does not grow with the file; parsing runs in Rust with the interpreter released.
"""

from __future__ import annotations

import os
from typing import Union

from ozg_rs._ozg import XzufiObject, XzufiReader, xzufi_read

__all__ = ["read", "XzufiObject", "XzufiReader"]


def read(path: Union[str, "os.PathLike[str]"], skip_invalid: bool = False) -> XzufiReader:
    """Opens an XZuFi 2.2.0 message for streaming; iterate the result for ``XzufiObject`` s.

    Raises ``ozg_rs.XmlSyntaxError`` (with ``line``/``column``) if the XML is malformed or not an
    XZuFi 2.2.0 message, ``ozg_rs.OzgIOError`` if the file cannot be read. An object holding an
    invalid value (e.g. a malformed LeiKa key) raises ``ozg_rs.XmlSyntaxError`` when reached, or is
    skipped if ``skip_invalid`` is true.
    """
    return xzufi_read(path, skip_invalid)
