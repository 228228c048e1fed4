"""Code lists (XÖV Codelisten) in OASIS Genericode 1.0, and a registry of their versions.

``read(path_or_text)`` reads a Genericode file with the hardened reader into a
``CodeListDocument`` (identification, XÖV metadata, columns, keys, rows; ``len``, ``in`` and
``lookup(key)`` by the recommended key; ``rows()`` as dicts; ``to_xml()``/``write(path)`` write it
back). ``CodeListRegistry`` holds lists by list URI and version, pins each list to one version
(the newest loaded unless ``pin``ned) and looks codes up in the version a document names::

    import ozg_rs
    reg = ozg_rs.codelists.CodeListRegistry(builtin=True)   # DVDV-Präfixe 51 embedded
    ags = reg.load("ags_2026-04-30.xml")
    reg.label(ags.canonical_uri, "01002000")                # 'Kiel, Landeshauptstadt'
"""

from __future__ import annotations

import os
from typing import Union

from ozg_rs._ozg import CodeListDocument, CodeListRegistry, codelists_read

__all__ = ["read", "CodeListDocument", "CodeListRegistry"]


def read(source: Union[str, "os.PathLike[str]"]) -> CodeListDocument:
    """Reads a Genericode code list from a file or from XML text (a ``str`` starting with ``<``).

    Raises ``ozg_rs.XmlSyntaxError`` (with ``line``/``column``) for malformed XML, a document that
    is not Genericode, an unknown column, a duplicate key value or a missing required value;
    ``ozg_rs.OzgIOError`` (an ``OSError``) when the file cannot be read.
    """
    return codelists_read(source)
