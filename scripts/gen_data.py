#!/usr/bin/env python3
"""Generate the data files embedded in ozg-core from the shared CSV sources.

Reads ``<shared>/ozg_themenfelder.csv``, ``ozg_lebenslagen.csv``, ``ozg_leistungen.csv``,
``leika_leistungen_ozg_mapping.csv``, ``sh_gemeinden_ags.csv`` and ``sh_kreise.csv`` and writes

* ``ozg-core/data/catalogue.json``   (OZG-Umsetzungskatalog: Themenfelder, Lagen, OZG-Leistungen, LeiKa rows)
* ``ozg-core/data/sh_gemeinden.json`` (Gemeindeverzeichnis Schleswig-Holstein: Kreise and Gemeinden)

The output is deterministic: rows are sorted, keys come in a fixed order, one record per line,
UTF-8 without escaping of non-ASCII characters, and a newline at the end. ``ozg-core/DATA.md``
documents both formats.

Usage::

    python3 scripts/gen_data.py [--shared PATH] [--out PATH] [--check]

``--check`` writes nothing; it exits with status 1 and names the files that differ from what
would be generated (drift between the committed data and the shared sources).

Standard library only; Python 3.9+.
"""

import argparse
import csv
import json
import re
import sys
from pathlib import Path

FORMAT_VERSION = 1

REPO_ROOT = Path(__file__).resolve().parent.parent

# Order of the code list urn:de:fim:leika:typisierung; TypisierungSet keeps its members in this order.
TYPISIERUNG_ORDER = [
    "1", "2", "2a", "2b", "3", "3a", "3b", "2/3", "2/3a", "2/3b", "4", "4a", "4b", "5",
    "6", "7", "8", "9", "10", "11", "12",
]

CATALOGUE_META = {
    "source": (
        "OZG-Datenbank NRW of the Kommunaler Dachverband NRW (KDN): repository kdn-nrw/OZG-Datenbank-NRW, "
        "file doc-dev/databases/symfony.data.sql, tables ozg_subject, ozg_situation, ozg_service_system "
        "and ozg_service (seed import of 2019-10-05); names reproduce the OZG-Umsetzungskatalog "
        "(IT-Planungsrat/BMI) and the LeiKa (FITKO). Themenfeld codes: FIM-Portal API v0.24.0 enum "
        "OzgThemenfeld (maschinenlesbar-org/fim-portal-cli), matched to the KDN names by name."
    ),
    "licence": "MIT",
    "attribution": (
        "Data derived from kdn-nrw/OZG-Datenbank-NRW, Copyright (c) 2020 Gert Hammes "
        "(© 2020 Gert Hammes), MIT licence; the full licence notice is reproduced in ozg-core/DATA.md."
    ),
    "asOf": "2019-10-05",
    "officialOzgLeistungen": 575,
    "knownGaps": [
        "Only 557 of the 575 OZG-Leistungen of the official catalogue are contained; which 18 are "
        "missing is unknown.",
        "OZG-Leistungen added to the catalogue after 2019 are not contained.",
        "Descriptions of the OZG-Leistungen are not contained.",
        "Whether a Lage is a Lebenslage (citizens) or an Unternehmenslage (businesses) is not in the "
        "source data; adressat is always unset.",
        "The meaning of the KDN flags relevance1/relevance2 (sdg1/sdg2, labelled \"SDG1\"/\"SDG2\") is "
        "undocumented.",
        "436 LeiKa rows are marked \"nicht im LeiKa\" in the source and have no LeiKa key; 26 LeiKa rows "
        "have no OZG-Leistung.",
    ],
}

GEMEINDEN_META = {
    "source": (
        "Verordnung zur Einstufung der Gemeinden in eine Mietniveaustufe (MietNEinV), Anlage, section "
        "Schleswig-Holstein (SH), BGBl. I 2021, 3739-3885 (repository bundestag/gesetze, "
        "m/mietneinv/index.md): Gemeinde names and AGS. Kreis names and keys: DWD warn-cell list "
        "(warn cell = 1 + Kreisschlüssel + 000; repository ticaki/ioBroker.weather-warnings, "
        "build/lib/def/dwdWarncellIdLong.js), cross-checked against the AGS prefixes."
    ),
    "licence": (
        "Gemeinden: amtliches Werk (official legal text, § 5 UrhG), not subject to copyright. "
        "Kreis names and keys: facts of the Destatis key system."
    ),
    "territorialStatus": "2021-01-25",
    "notes": [
        "The 12-digit ARS (Amtlicher Regionalschlüssel) is not in the source data: it needs the "
        "Amt (Gemeindeverband), which the source does not contain.",
        "The Mietniveaustufe column of the source was left out.",
        "Amt membership and the list of the about 140 SH Verwaltungen are not contained.",
    ],
}


class DataError(Exception):
    """A source row does not have the expected shape."""


def read_csv(path, expected_header):
    """Read a CSV file and return its rows as dicts; check the header exactly."""
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header != expected_header:
                raise DataError(f"{path}: header {header!r}, expected {expected_header!r}")
            rows = []
            for lineno, row in enumerate(reader, start=2):
                if len(row) != len(header):
                    raise DataError(f"{path}:{lineno}: {len(row)} fields, expected {len(header)}")
                rows.append((lineno, dict(zip(header, row))))
            return rows
    except OSError as exc:
        raise DataError(f"{path}: {exc}") from exc


def fail(path, lineno, message):
    raise DataError(f"{path}:{lineno}: {message}")


def parse_flag(path, lineno, value, column):
    if value == "1":
        return True
    if value == "0":
        return False
    fail(path, lineno, f"{column} {value!r}, expected 0 or 1")


def parse_typisierung(path, lineno, raw):
    """Split a KDN raw value like '1, 2/3' into codes in code-list order."""
    if raw.strip() == "":
        return []
    codes = set()
    for part in raw.split(","):
        code = part.strip()
        if code not in TYPISIERUNG_ORDER:
            fail(path, lineno, f"typisierung {raw!r}: unknown code {code!r}")
        codes.add(code)
    return sorted(codes, key=TYPISIERUNG_ORDER.index)


def build_catalogue(shared):
    tf_path = shared / "ozg_themenfelder.csv"
    themenfelder = []
    tf_by_name = {}
    for lineno, row in read_csv(tf_path, ["kdn_id", "name", "fim_portal_code"]):
        entry = {"code": row["fim_portal_code"], "kdnId": int(row["kdn_id"]), "name": row["name"]}
        if row["name"] in tf_by_name:
            fail(tf_path, lineno, f"duplicate Themenfeld {row['name']!r}")
        tf_by_name[row["name"]] = entry
        themenfelder.append(entry)
    themenfelder.sort(key=lambda e: e["kdnId"])

    lage_path = shared / "ozg_lebenslagen.csv"
    lagen = []
    lage_by_name = {}
    for lineno, row in read_csv(lage_path, ["kdn_id", "name", "themenfeld"]):
        tf = tf_by_name.get(row["themenfeld"])
        if tf is None:
            fail(lage_path, lineno, f"unknown Themenfeld {row['themenfeld']!r}")
        if row["name"] in lage_by_name:
            fail(lage_path, lineno, f"duplicate Lage name {row['name']!r}")
        entry = {"id": int(row["kdn_id"]), "name": row["name"], "themenfeld": tf["code"]}
        lage_by_name[row["name"]] = entry
        lagen.append(entry)
    lagen.sort(key=lambda e: e["id"])

    ozg_path = shared / "ozg_leistungen.csv"
    leistungen = []
    seen_ozg = set()
    for lineno, row in read_csv(
        ozg_path, ["ozg_id", "name", "lebenslage", "themenfeld", "leika_leistungen_count"]
    ):
        if not re.fullmatch(r"\d{5}", row["ozg_id"]):
            fail(ozg_path, lineno, f"OZG-ID {row['ozg_id']!r} is not 5 digits")
        if row["ozg_id"] in seen_ozg:
            fail(ozg_path, lineno, f"duplicate OZG-ID {row['ozg_id']}")
        seen_ozg.add(row["ozg_id"])
        lage = lage_by_name.get(row["lebenslage"])
        if lage is None:
            fail(ozg_path, lineno, f"unknown Lage {row['lebenslage']!r}")
        tf = tf_by_name.get(row["themenfeld"])
        if tf is None or tf["code"] != lage["themenfeld"]:
            fail(ozg_path, lineno, f"Themenfeld {row['themenfeld']!r} does not match the Lage's")
        leistungen.append(
            {"id": row["ozg_id"], "name": row["name"], "lage": lage["id"], "themenfeld": tf["code"]}
        )
    leistungen.sort(key=lambda e: e["id"])

    leika_path = shared / "leika_leistungen_ozg_mapping.csv"
    leika = []
    seen_keys = set()
    header = [
        "leika_schluessel", "nicht_im_leika", "bezeichnung", "ozg_id", "typisierung",
        "rechtsgrundlage", "gesetze", "gesetzeskuerzel", "sdg1", "sdg2",
    ]
    for lineno, row in read_csv(leika_path, header):
        key = row["leika_schluessel"]
        if row["nicht_im_leika"] == "ja":
            if key:
                fail(leika_path, lineno, "row marked nicht_im_leika has a key")
        elif row["nicht_im_leika"] == "nein":
            if not re.fullmatch(r"99\d{12}", key):
                fail(leika_path, lineno, f"LeiKa key {key!r} is not 14 digits starting with 99")
            if key in seen_keys:
                fail(leika_path, lineno, f"duplicate LeiKa key {key}")
            seen_keys.add(key)
        else:
            fail(leika_path, lineno, f"nicht_im_leika {row['nicht_im_leika']!r}, expected ja/nein")
        ozg_id = row["ozg_id"]
        if ozg_id and ozg_id not in seen_ozg:
            fail(leika_path, lineno, f"unknown OZG-ID {ozg_id}")
        entry = {}
        if key:
            entry["key"] = key
        entry["name"] = row["bezeichnung"]
        if ozg_id:
            entry["ozgId"] = ozg_id
        typ = parse_typisierung(leika_path, lineno, row["typisierung"])
        if typ:
            entry["typisierung"] = typ
        for column, field in (
            ("rechtsgrundlage", "rechtsgrundlage"),
            ("gesetze", "gesetze"),
            ("gesetzeskuerzel", "gesetzeskuerzel"),
        ):
            if row[column]:
                entry[field] = row[column]
        entry["sdg1"] = parse_flag(leika_path, lineno, row["sdg1"], "sdg1")
        entry["sdg2"] = parse_flag(leika_path, lineno, row["sdg2"], "sdg2")
        leika.append(entry)
    leika.sort(key=leika_sort_key)

    return {
        "formatVersion": FORMAT_VERSION,
        "meta": CATALOGUE_META,
        "themenfelder": themenfelder,
        "lagen": lagen,
        "leistungen": leistungen,
        "leika": leika,
    }


def leika_sort_key(entry):
    """Keyed rows first by key, then rows without key by OZG-ID and name (the Rust side sorts alike)."""
    key = entry.get("key")
    return (key is None, key or "", entry.get("ozgId") is None, entry.get("ozgId", ""), entry["name"])


def build_gemeinden(shared):
    kreis_path = shared / "sh_kreise.csv"
    kreise = []
    counts = {}
    for lineno, row in read_csv(
        kreis_path, ["kreisschluessel", "name", "kreisfreie_stadt", "gemeinden_count"]
    ):
        if not re.fullmatch(r"\d{5}", row["kreisschluessel"]):
            fail(kreis_path, lineno, f"Kreisschlüssel {row['kreisschluessel']!r} is not 5 digits")
        if row["kreisfreie_stadt"] not in ("ja", "nein"):
            fail(kreis_path, lineno, f"kreisfreie_stadt {row['kreisfreie_stadt']!r}, expected ja/nein")
        counts[row["kreisschluessel"]] = (lineno, int(row["gemeinden_count"]))
        kreise.append(
            {
                "key": row["kreisschluessel"],
                "name": row["name"],
                "kreisfreieStadt": row["kreisfreie_stadt"] == "ja",
            }
        )
    kreise.sort(key=lambda e: e["key"])

    gem_path = shared / "sh_gemeinden_ags.csv"
    gemeinden = []
    seen = set()
    per_kreis = {}
    for lineno, row in read_csv(gem_path, ["ags", "gemeindename", "kreisschluessel"]):
        ags = row["ags"]
        if not re.fullmatch(r"\d{8}", ags):
            fail(gem_path, lineno, f"AGS {ags!r} is not 8 digits")
        if ags in seen:
            fail(gem_path, lineno, f"duplicate AGS {ags}")
        seen.add(ags)
        if ags[:5] != row["kreisschluessel"]:
            fail(gem_path, lineno, f"kreisschluessel {row['kreisschluessel']} is not the AGS prefix")
        if ags[:5] not in counts:
            fail(gem_path, lineno, f"Kreis {ags[:5]} not in sh_kreise.csv")
        per_kreis[ags[:5]] = per_kreis.get(ags[:5], 0) + 1
        gemeinden.append({"ags": ags, "name": row["gemeindename"]})
    gemeinden.sort(key=lambda e: e["ags"])
    for key, (lineno, count) in counts.items():
        if per_kreis.get(key, 0) != count:
            fail(kreis_path, lineno, f"gemeinden_count {count}, but {per_kreis.get(key, 0)} Gemeinden found")

    return {"formatVersion": FORMAT_VERSION, "meta": GEMEINDEN_META, "kreise": kreise, "gemeinden": gemeinden}


def dump_value(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render(document):
    """One top-level member per line; arrays of records get one record per line."""
    lines = ["{"]
    items = list(document.items())
    for i, (name, value) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        if isinstance(value, list) and value:
            lines.append(f"{dump_value(name)}:[")
            for j, record in enumerate(value):
                lines.append(dump_value(record) + ("," if j + 1 < len(value) else ""))
            lines.append("]" + comma)
        else:
            lines.append(f"{dump_value(name)}:{dump_value(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO_ROOT / ".." / "shared" / "data",
        help="folder with the shared CSV sources (default: ../shared/data relative to the repo root)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT / "ozg-core" / "data",
        help="output folder (default: ozg-core/data)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files in --out differ from what would be generated",
    )
    args = parser.parse_args(argv)

    try:
        outputs = {
            "catalogue.json": render(build_catalogue(args.shared)),
            "sh_gemeinden.json": render(build_gemeinden(args.shared)),
        }
    except DataError as exc:
        print(f"gen_data.py: error: {exc}", file=sys.stderr)
        return 2

    if args.check:
        drift = []
        for name, text in sorted(outputs.items()):
            path = args.out / name
            try:
                current = path.read_text(encoding="utf-8")
            except OSError:
                current = None
            if current != text:
                drift.append(str(path) + (" (missing)" if current is None else ""))
        if drift:
            print(
                "gen_data.py: generated data differs from the committed files: "
                + ", ".join(drift)
                + "\nrun `python3 scripts/gen_data.py` and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"gen_data.py: {len(outputs)} files up to date")
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(outputs.items()):
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
