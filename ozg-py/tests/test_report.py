"""The typed rollout report: filters, fields that always exist, to_dict, HTML, XLSX (read back with openpyxl), CSV."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import openpyxl  # type: ignore[import-untyped,unused-ignore]
import pytest

import ozg_rs
from ozg_rs.report import KreisCoverage, RolloutReport


def example() -> ozg_rs.Dataset:
    return ozg_rs.Dataset.example()


def test_report_is_typed_and_fields_always_exist() -> None:
    r = example().report()
    assert isinstance(r, RolloutReport)
    assert r.entries == 11 and r.live_entries == 6
    assert all(isinstance(k, KreisCoverage) for k in r.kreise)
    # every row has a name field (None where unknown, never a KeyError)
    assert [k.name for k in r.kreise][1] == "Kiel, Landeshauptstadt"
    assert r.filter.kreis is None and r.sources.catalogue_as_of == datetime.date(2019, 10, 5)
    d = r.to_dict()
    assert d["liveEntries"] == 6 and d["kreise"][0]["gemeindenServed"] == r.kreise[0].gemeinden_served
    assert "filter" not in d


def test_filters() -> None:
    ds = example()
    r = ds.report(kreis="01002")
    assert r.verwaltungen == 1 and r.filter.kreis == "01002"
    assert ds.report(land="02").entries == 0
    assert len(ds.report(themenfeld="familie_kind").themenfelder) == 1
    assert ds.report(verwaltung="kiel", kreis="01051").entries == 0
    with pytest.raises(ValueError):
        ds.report(kreis="1002")
    with pytest.raises(ValueError):
        ds.report(amt="01051")
    with pytest.raises(ValueError):
        ds.report(themenfeld="sport")
    with pytest.raises(ValueError):
        ds.report(land="99")


def test_html_xlsx_csv(tmp_path: Path) -> None:
    r = example().report()
    page = r.to_html()
    assert page.startswith("<!DOCTYPE html>") and "Dithmarschen" in page and "https://" not in page
    path = tmp_path / "bericht.xlsx"
    r.to_xlsx(path)
    wb = openpyxl.load_workbook(path)
    tables = r.tables()
    assert len(wb.sheetnames) == len(tables)
    ws = wb["Kreise"]
    headers, rows = tables["kreise"]
    assert [c.value for c in ws[1]] == headers
    for i, row in enumerate(rows, start=2):
        got = [c.value for c in ws[i]]
        assert got == row, (got, row)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert ws.cell(row=2, column=5).number_format == "0.0%"
    files = r.to_csv(tmp_path / "csv", delimiter=";", bom=True)
    kreise = Path([f for f in files if f.endswith("kreise.csv")][0])
    raw = kreise.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert parsed[0] == headers and parsed[2][1] == "Kiel, Landeshauptstadt"
    with pytest.raises(OSError):
        r.to_xlsx(tmp_path / "missing-dir" / "x.xlsx")


def test_dataframes_when_pandas_is_installed() -> None:
    pd = pytest.importorskip("pandas")
    frames = example().report().dataframes()
    assert isinstance(frames["kreise"], pd.DataFrame)
    assert list(frames["kreise"]["Kreisschlüssel"])[0] == "01001"
