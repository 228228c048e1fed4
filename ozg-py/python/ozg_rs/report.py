"""The rollout report (Rollout-Bericht) as typed objects.

``Dataset.report(...)`` returns a :class:`RolloutReport`. Every field always exists (optional ones are ``None``);
``to_dict()`` gives the serde form (camelCase keys, as ``ozg report --format json``). ``to_html()``,
``to_xlsx(path)``, ``to_csv(directory)`` render it like the CLI; ``tables()`` gives the tables as headers and
rows, ``dataframes()`` one pandas DataFrame per table when pandas is installed (pandas is optional).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _ozg

__all__ = [
    "StatusCount",
    "PhaseCount",
    "ThemenfeldCoverage",
    "KreisCoverage",
    "GemeindeverbandCoverage",
    "BlockerReason",
    "Blocker",
    "ReportFilter",
    "ReportSources",
    "RolloutReport",
]


@dataclass(frozen=True)
class StatusCount:
    """Rollout entries in one status, split by programme phase."""

    status: str
    total: int
    pilot: int
    area_wide: int


@dataclass(frozen=True)
class PhaseCount:
    """Rollout entries in one programme phase (pilot, area_wide)."""

    phase: str
    total: int
    live: int


@dataclass(frozen=True)
class ThemenfeldCoverage:
    """OZG-Leistungen of a Themenfeld with at least one live Onlinedienst."""

    themenfeld: str
    live_leistungen: int
    total_leistungen: int
    live_ozg_ids: List[str]


@dataclass(frozen=True)
class KreisCoverage:
    """Verwaltungen of a Kreis with a live Onlinedienst and the Gemeinden of the Kreis they serve."""

    kreis: Optional[str]
    name: Optional[str]
    verwaltungen: int
    verwaltungen_live: int
    live_entries: int
    gemeinden: int
    gemeinden_served: int
    gemeinden_served_municipal: int


@dataclass(frozen=True)
class GemeindeverbandCoverage:
    """A Gemeindeverband (Amt): its Gemeinden and how many a live Verwaltung serves."""

    ars: str
    name: str
    kreis: str
    verwaltungen: int
    verwaltungen_live: int
    gemeinden: int
    gemeinden_served: int


@dataclass(frozen=True)
class BlockerReason:
    """One reason why an entry is not live (kind, e.g. ``no_agreement``, and details)."""

    kind: str
    detail: str


@dataclass(frozen=True)
class Blocker:
    """A rollout entry that is not live (Hindernis), with its reasons."""

    pointer: str
    verwaltung: str
    onlinedienst: str
    status: str
    phase: str
    reasons: List[BlockerReason]


@dataclass(frozen=True)
class ReportFilter:
    """The scope of the report; ``None`` = not restricted."""

    kreis: Optional[str]
    amt: Optional[str]
    land: Optional[str]
    themenfeld: Optional[str]
    verwaltung: Optional[str]


@dataclass(frozen=True)
class ReportSources:
    """Sources and dates of the catalogue and the Gemeindeverzeichnis."""

    catalogue_source: str
    catalogue_as_of: datetime.date
    gemeindeverzeichnis_source: Optional[str]
    gemeindeverzeichnis_as_of: Optional[datetime.date]


def _date(value: Any) -> Optional[datetime.date]:
    return None if value is None else datetime.date.fromisoformat(str(value))


@dataclass(frozen=True)
class RolloutReport:
    """The rollout report of a dataset (Rollout-Bericht)."""

    title: Optional[str]
    example: bool
    entries: int
    live_entries: int
    verwaltungen: int
    verwaltungen_live: int
    onlinedienste_live: int
    by_status: List[StatusCount]
    by_phase: List[PhaseCount]
    themenfelder: List[ThemenfeldCoverage]
    kreise: List[KreisCoverage]
    gemeindeverbaende: List[GemeindeverbandCoverage]
    blockers: List[Blocker]
    filter: ReportFilter
    sources: ReportSources
    _dict: Dict[str, Any]

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> "RolloutReport":
        f = d.get("filter") or {}
        s = d["sources"]
        return cls(
            title=d.get("title"),
            example=bool(d.get("example", False)),
            entries=d["entries"],
            live_entries=d["liveEntries"],
            verwaltungen=d["verwaltungen"],
            verwaltungen_live=d["verwaltungenLive"],
            onlinedienste_live=d["onlinediensteLive"],
            by_status=[StatusCount(x["status"], x["total"], x["pilot"], x["areaWide"]) for x in d["byStatus"]],
            by_phase=[PhaseCount(x["phase"], x["total"], x["live"]) for x in d["byPhase"]],
            themenfelder=[
                ThemenfeldCoverage(
                    x["themenfeld"], x["liveLeistungen"], x["totalLeistungen"], list(x.get("liveOzgIds", []))
                )
                for x in d["themenfelder"]
            ],
            kreise=[
                KreisCoverage(
                    x.get("kreis"),
                    x.get("name"),
                    x["verwaltungen"],
                    x["verwaltungenLive"],
                    x["liveEntries"],
                    x["gemeinden"],
                    x["gemeindenServed"],
                    x["gemeindenServedMunicipal"],
                )
                for x in d["kreise"]
            ],
            gemeindeverbaende=[
                GemeindeverbandCoverage(
                    x["ars"],
                    x["name"],
                    x["kreis"],
                    x["verwaltungen"],
                    x["verwaltungenLive"],
                    x["gemeinden"],
                    x["gemeindenServed"],
                )
                for x in d.get("gemeindeverbaende", [])
            ],
            blockers=[
                Blocker(
                    x["pointer"],
                    x["verwaltung"],
                    x["onlinedienst"],
                    x["status"],
                    x["phase"],
                    [BlockerReason(r["kind"], r["detail"]) for r in x["reasons"]],
                )
                for x in d["blockers"]
            ],
            filter=ReportFilter(f.get("kreis"), f.get("amt"), f.get("land"), f.get("themenfeld"), f.get("verwaltung")),
            sources=ReportSources(
                s["catalogueSource"],
                datetime.date.fromisoformat(str(s["catalogueAsOf"])),
                s.get("gemeindeverzeichnisSource"),
                _date(s.get("gemeindeverzeichnisAsOf")),
            ),
            _dict=d,
        )

    def to_dict(self) -> Dict[str, Any]:
        """The serde form (camelCase keys), as ``ozg report --format json``."""
        import copy

        return copy.deepcopy(self._dict)

    def to_html(self) -> str:
        """One self-contained HTML page (inline SVG charts, no external resources)."""
        return _ozg._report_html(self._dict)

    def to_xlsx(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes an XLSX workbook, one sheet per table."""
        _ozg._report_xlsx(self._dict, path)

    def to_csv(
        self, directory: Union[str, "os.PathLike[str]"], *, delimiter: str = ",", bom: bool = False
    ) -> List[str]:
        """Writes one CSV file per table into ``directory``; returns the paths. ``delimiter=';', bom=True`` for
        German Excel."""
        return _ozg._report_csv(self._dict, directory, delimiter, bom)

    def tables(self) -> Dict[str, Tuple[List[str], List[List[Any]]]]:
        """The tables (kennzahlen, status, phasen, themenfelder, kreise, gemeindeverbaende, hindernisse) as
        (headers, rows); shares are floats 0–1, missing values None."""
        return _ozg._report_tables(self._dict)

    def dataframes(self) -> Dict[str, Any]:
        """One pandas DataFrame per table. Needs pandas (optional; ImportError when it is missing)."""
        import pandas as pd  # type: ignore[import-not-found,import-untyped,unused-ignore]

        return {name: pd.DataFrame(rows, columns=headers) for name, (headers, rows) in self.tables().items()}

    def __repr__(self) -> str:
        return (
            f"RolloutReport(entries={self.entries}, live_entries={self.live_entries}, "
            f"verwaltungen={self.verwaltungen}, blockers={len(self.blockers)})"
        )
