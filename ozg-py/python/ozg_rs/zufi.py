"""Zuständigkeiten from XZuFi exports: who is responsible where, by which channel.

``Index(paths)`` reads one or more XZuFi 2.2 exports in one streaming pass each (in Rust, with the
interpreter released) and joins every ``zustaendigkeit/leistungID`` to the exported ``leistung``
(its LeiKa keys) and to the catalogue's OZG-Leistung. ``route()`` answers "who serves LeiKa key L
in ARS A" from the most specific Gebiet (the Gemeinde) to the least (the Land); ``coverage()``
tells which municipal OZG-Leistungen of a Kreis, Amt or Gemeinde have a responsible unit and a
digital channel. ``signature_claims(jws)`` decodes a FIT-Connect DestinationSignature.

Every result is a plain dict in the one JSON spelling of the Rust types (the same as
``ozg route --format json``); the ``TypedDict`` classes below describe them.
"""

from __future__ import annotations

from typing import List, TypedDict

from ozg_rs._ozg import Index, zufi_signature_claims

__all__ = [
    "Index",
    "signature_claims",
    "SourcePosition",
    "ResponsibleUnit",
    "Gebiet",
    "Channel",
    "Zustaendigkeit",
    "RouteQuery",
    "RouteMatch",
    "Route",
    "CoverageRow",
    "Coverage",
    "Finding",
    "IndexCounts",
    "SignedService",
    "DestinationClaims",
]


class SourcePosition(TypedDict):
    """Where something was read: file, line, column (1-based)."""

    file: str
    line: int
    column: int


class ResponsibleUnit(TypedDict, total=False):
    """The Organisationseinheit of a Zuständigkeit: ``id`` (always) and ``name`` (where given)."""

    id: str
    name: str


class Gebiet(TypedDict):
    """A Gebiet as an ARS prefix and its level (Land, Regierungsbezirk, Kreis, Gemeindeverband, Gemeinde)."""

    ars: str
    level: str


class Channel(TypedDict):
    """A channel derived from the export; ``kind`` is ``fitConnect``."""

    kind: str
    destinationId: str


Zustaendigkeit = TypedDict(
    "Zustaendigkeit",
    {
        "organisationseinheit": ResponsibleUnit,
        "leistungID": str,
        "leikaKeys": List[str],
        "ozgIds": List[str],
        "rolle": str,
        "gebiete": List[Gebiet],
        "channels": List[Channel],
        "source": SourcePosition,
    },
    total=False,
)
Zustaendigkeit.__doc__ = "One Zuständigkeit of an export as indexed (``rolle`` only where given)."


class RouteQuery(TypedDict, total=False):
    """What a route query searched: keys, area, the AGS or OZG-ID it came from (where asked
    so), the areas tried."""

    leikaKeys: List[str]
    ars: str
    ags: str
    ozgId: str
    searched: List[str]


class RouteMatch(TypedDict):
    """One match: the key and Gebiet that matched, its level, why (``sameArea``/``containingArea``)."""

    leikaKey: str
    matchedGebiet: str
    level: str
    reason: str
    zustaendigkeit: Zustaendigkeit


class Route(TypedDict):
    """The answer of ``Index.route``: matches from the most specific Gebiet to the least."""

    query: RouteQuery
    matches: List[RouteMatch]


class CoverageRow(TypedDict, total=False):
    """One OZG-Leistung of a coverage; ``responsibility`` is ``full``/``partial``/``none``,
    ``blocker`` one of ``noZustaendigkeit``, ``partialZustaendigkeit``, ``noDigitalChannel``."""

    ozgId: str
    name: str
    leikaKeys: List[str]
    responsibility: str
    digitalChannel: bool
    units: List[str]
    blocker: str


class Coverage(TypedDict):
    """The answer of ``Index.coverage``."""

    area: str
    level: str
    total: int
    responsible: int
    digital: int
    rows: List[CoverageRow]


class Finding(TypedDict, total=False):
    """A finding about an export (``zufi.*`` code) with its position."""

    code: str
    severity: str
    source: SourcePosition
    object: str
    message: str


class IndexCounts(TypedDict):
    """Counts of an index build."""

    files: int
    objectsRead: int
    objectsSkipped: int
    leistungen: int
    zustaendigkeiten: int


SignedService = TypedDict("SignedService", {"gebietIDs": List[str], "leistungIDs": List[str]})
SignedService.__doc__ = "One entry of a DestinationSignature's ``services`` claim."


class DestinationClaims(TypedDict, total=False):
    """The decoded payload of a DestinationSignature (not verified)."""

    submissionHost: str
    iss: str
    services: List[SignedService]
    destinationId: str
    iat: int
    jti: str


def signature_claims(jws: str) -> DestinationClaims:
    """Decodes the claims of a FIT-Connect DestinationSignature (compact JWS; not verified).

    Raises ``ozg_rs.InvalidIdentifierError`` if ``jws`` is not a compact JWS and
    ``ozg_rs.ArgumentError`` if its payload cannot be decoded.
    """
    return zufi_signature_claims(jws)  # type: ignore[no-any-return]

