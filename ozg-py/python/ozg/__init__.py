"""ozg: Germany's OZG (Onlinezugangsgesetz) service landscape for municipal IT providers.

Identifiers and code values, the OZG-Umsetzungskatalog, datasets of online services, agreements
and rollout, XZuFi reading and validation, implemented in Rust (``ozg-core``, ``ozg-xml``,
``ozg-validate``) and exposed here. The extension module is the private ``ozg._ozg``; use the names
re-exported by this package.
"""

from __future__ import annotations

from ozg._errors import (
    ArgumentError,
    CodeError,
    InvalidIdentifierError,
    OzgError,
    OzgIOError,
    ParseError,
    TransitionError,
    ValidationError,
    XmlSyntaxError,
)
from ozg._ozg import (
    AgreementId,
    Ags,
    AgsPrefix,
    Ars,
    ArsPrefix,
    Basiskomponente,
    Bundesland,
    ChannelId,
    DestinationId,
    DestinationSignature,
    DocumentKind,
    DvdvKey,
    EfaModell,
    GebietId,
    KreisKey,
    LeikaKey,
    LeistungsTyp,
    OnlinedienstId,
    OzgId,
    ProviderId,
    Reifegrad,
    ReifegradModell,
    ServiceRef,
    Themenfeld,
    Typisierung,
    Vertrauensniveau,
    VertrauensniveauFim,
    VerwaltungId,
    __version__,
)

__all__ = [
    "__version__",
    # errors
    "OzgError",
    "InvalidIdentifierError",
    "CodeError",
    "XmlSyntaxError",
    "ParseError",
    "ValidationError",
    "TransitionError",
    "OzgIOError",
    "ArgumentError",
    # identifiers
    "OzgId",
    "LeikaKey",
    "KreisKey",
    "Ags",
    "Ars",
    "AgsPrefix",
    "ArsPrefix",
    "GebietId",
    "DvdvKey",
    "DestinationId",
    "DestinationSignature",
    "ServiceRef",
    "VerwaltungId",
    "OnlinedienstId",
    "ProviderId",
    "AgreementId",
    "ChannelId",
    # code lists
    "Themenfeld",
    "ReifegradModell",
    "Reifegrad",
    "Vertrauensniveau",
    "VertrauensniveauFim",
    "Typisierung",
    "LeistungsTyp",
    "Basiskomponente",
    "Bundesland",
    "EfaModell",
    "DocumentKind",
]
