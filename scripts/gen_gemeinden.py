#!/usr/bin/env python3
"""Generate the embedded Gemeindeverzeichnis of Germany from the official Genericode lists.

Reads from ``<shared>/genericode/`` (Statistisches Bundesamt, Wiesbaden; see ``shared/data/SOURCES.md``):

* ``regionalschluessel_2026-04-30.xml`` (11,227 ARS: every Gemeinde and the city-state districts)
* ``ags_2026-04-30.xml`` (the same 11,227 rows keyed by AGS; checked against the ARS list)
* ``kreis_2026-01-31.xml`` (518 Kreise, incl. the city-state districts)
* ``bezirk_2019-07-31.xml`` (36 Regierungsbezirke / statistische Regionen / Hamburg Bezirke)
* ``bundesland_2010-04-01.xml`` (16 Länder)

and, to state what changed against the Schleswig-Holstein list of 2021, ``<shared>/sh_gemeinden_ags.csv`` and
``<shared>/sh_kreise.csv``. Writes

* ``ozg-core/data/gemeinden_de.rs``: Rust statics (included by ``ozg-core/src/org/germany.rs``), sorted by key,
  one record per line; no parse at start-up.
* the block between ``<!-- gen_gemeinden:begin -->`` and ``<!-- gen_gemeinden:end -->`` in ``ozg-core/DATA.md``
  (counts and the changes against the SH list of 2021, computed here).

``--check`` writes nothing; it exits with status 1 and names the files that differ (drift between the committed
data and the shared sources). Exit status 2: a source is missing or not as expected.

Standard library only (xml.etree for the Genericode files, which are trusted official files here); Python 3.9+.
"""

import argparse
import csv
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
GC_NS = "{http://docs.oasis-open.org/codelist/ns/genericode/1.0/}"
CITY_DISTRICT = "Stadt-/Ortsteil bzw. Stadtbezirk"
BEGIN = "<!-- gen_gemeinden:begin -->"
END = "<!-- gen_gemeinden:end -->"

LISTS = {
    "rs": "regionalschluessel_2026-04-30.xml",
    "ags": "ags_2026-04-30.xml",
    "kreis": "kreis_2026-01-31.xml",
    "bezirk": "bezirk_2019-07-31.xml",
    "land": "bundesland_2010-04-01.xml",
}

LAND_NAMES = [
    "Schleswig-Holstein", "Hamburg", "Niedersachsen", "Bremen", "Nordrhein-Westfalen", "Hessen",
    "Rheinland-Pfalz", "Baden-Württemberg", "Bayern", "Saarland", "Berlin", "Brandenburg",
    "Mecklenburg-Vorpommern", "Sachsen", "Sachsen-Anhalt", "Thüringen",
]


class DataError(Exception):
    """A source file is missing or does not have the expected shape."""


def read_list(path, key_len, hint_allowed=True):
    """Read a Genericode list; return (identification dict, rows as (key, name, hint))."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise DataError(f"{path}: {exc}") from exc
    if root.tag != GC_NS + "CodeList":
        raise DataError(f"{path}: root element {root.tag}, expected gc:CodeList")
    ident = root.find("Identification")
    if ident is None:
        raise DataError(f"{path}: no Identification")
    info = {
        "version": (ident.findtext("Version") or "").strip(),
        "canonicalVersionUri": (ident.findtext("CanonicalVersionUri") or "").strip(),
        "agency": (ident.findtext("Agency/LongName") or "").strip(),
        "longName": (ident.findtext("LongName") or "").strip(),
    }
    rows = []
    seen = set()
    for n, row in enumerate(root.iter("Row"), start=1):
        values = {}
        for v in row.findall("Value"):
            sv = v.find("SimpleValue")
            values[v.get("ColumnRef")] = None if sv is None else (sv.text or "")
        unknown = set(values) - {"SCHLUESSEL", "Bezeichnung", "Hinweis"}
        if unknown:
            raise DataError(f"{path}: row {n}: unknown columns {sorted(unknown)}")
        key = values.get("SCHLUESSEL")
        name = values.get("Bezeichnung")
        hint = values.get("Hinweis")
        if key is None or len(key) != key_len or not key.isdigit() or not key.isascii():
            raise DataError(f"{path}: row {n}: SCHLUESSEL {key!r} is not {key_len} digits")
        if not name:
            raise DataError(f"{path}: row {n}: empty Bezeichnung")
        if hint not in (None, CITY_DISTRICT) or (hint and not hint_allowed):
            raise DataError(f"{path}: row {n}: unexpected Hinweis {hint!r}")
        if key in seen:
            raise DataError(f"{path}: row {n}: duplicate SCHLUESSEL {key}")
        seen.add(key)
        rows.append((key, name, hint == CITY_DISTRICT))
    return info, rows


def read_csv(path, header):
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            if next(reader, None) != header:
                raise DataError(f"{path}: header is not {header}")
            return [dict(zip(header, r)) for r in reader]
    except OSError as exc:
        raise DataError(f"{path}: {exc}") from exc


def rust_str(s):
    out = []
    for ch in s:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def build(shared):
    gc = shared / "genericode"
    info = {}
    info["rs"], rs = read_list(gc / LISTS["rs"], 12)
    info["ags"], ags = read_list(gc / LISTS["ags"], 8)
    info["kreis"], kreise = read_list(gc / LISTS["kreis"], 5)
    info["bezirk"], bezirke = read_list(gc / LISTS["bezirk"], 3)
    info["land"], laender = read_list(gc / LISTS["land"], 2, hint_allowed=False)

    agencies = {i["agency"] for i in info.values()}
    if agencies != {"Statistisches Bundesamt, Wiesbaden"}:
        raise DataError(f"unexpected agencies {agencies}")

    if [name for _, name, _ in sorted(laender)] != LAND_NAMES or [k for k, _, _ in sorted(laender)] != [
        f"{n:02}" for n in range(1, 17)
    ]:
        raise DataError("the Bundesland list is not the 16 Länder 01-16 as ozg_core::code::Bundesland names them")

    rs.sort()
    kreise.sort()
    bezirke.sort()
    kreis_keys = {k for k, _, _ in kreise}
    bezirk_keys = {k for k, _, _ in bezirke}

    # The AGS list is the ARS list without the Gemeindeverband digits, row for row, except where the
    # two lists disagree (a Gemeinde whose AGS is not the ARS without digits 6-9): such rows are paired by
    # Kreis, name and Hinweis, and must pair uniquely.
    ags_by_key = {k: (name, hint) for k, name, hint in ags}
    no_kreis = []  # gemeindefreie Gebiete and coastal waters whose Kreis key is not in the Kreis list
    if len(ags_by_key) != len(rs):
        raise DataError(f"{len(ags_by_key)} AGS rows but {len(rs)} ARS rows")
    ags_of = {}
    unpaired = []
    for ars, name, hint in rs:
        a = ars[:5] + ars[9:]
        if ags_by_key.get(a) == (name, hint):
            ags_of[ars] = a
        else:
            unpaired.append((ars, name, hint))
        if ars[:5] not in kreis_keys:
            no_kreis.append((ars, name))
        if not 1 <= int(ars[:2]) <= 16:
            raise DataError(f"ARS {ars}: Land {ars[:2]} is not 01-16")
    used = set(ags_of.values())
    free = [(k, n, h) for k, n, h in ags if k not in used]
    mismatched = []
    for ars, name, hint in unpaired:
        cands = [k for k, n, h in free if k[:5] == ars[:5] and n == name and h == hint]
        if len(cands) != 1:
            raise DataError(f"ARS {ars} ({name!r}): no unique row in the AGS list ({cands})")
        ags_of[ars] = cands[0]
        mismatched.append((ars, cands[0], name))
    if len(set(ags_of.values())) != len(rs):
        raise DataError("the ARS and AGS lists do not pair one to one")

    # kreisfreie Stadt: a Kreis whose only Gemeinde has Gemeindeverband 0000 and Gemeinde 000 (Destatis
    # key rule); checked against the flags of sh_kreise.csv for SH below.
    per_kreis = {}
    for ars, _, _ in rs:
        per_kreis.setdefault(ars[:5], []).append(ars)
    kreisfrei = {k: len(v) == 1 and v[0][5:] == "0000000" for k, v in per_kreis.items()}

    sh_kreise = read_csv(shared / "sh_kreise.csv", ["kreisschluessel", "name", "kreisfreie_stadt", "gemeinden_count"])
    for row in sh_kreise:
        if kreisfrei.get(row["kreisschluessel"]) != (row["kreisfreie_stadt"] == "ja"):
            raise DataError(f"Kreis {row['kreisschluessel']}: kreisfreie Stadt rule disagrees with sh_kreise.csv")

    # Changes against the SH list of 2021.
    sh2021 = read_csv(shared / "sh_gemeinden_ags.csv", ["ags", "gemeindename", "kreisschluessel"])
    ags_sh = {k: name for k, (name, _) in ags_by_key.items() if k.startswith("01")}
    gone = [(r["ags"], r["gemeindename"]) for r in sh2021 if r["ags"] not in ags_sh]
    renamed = [
        (r["ags"], r["gemeindename"], ags_sh[r["ags"]])
        for r in sh2021
        if r["ags"] in ags_sh and ags_sh[r["ags"]] != r["gemeindename"]
    ]
    old = {r["ags"] for r in sh2021}
    new = [(k, n) for k, n in sorted(ags_sh.items()) if k not in old]

    # ---- Rust ----
    by_ags = sorted(range(len(rs)), key=lambda i: ags_of[rs[i][0]])
    b = lambda v: "true" if v else "false"  # noqa: E731
    out = [
        "// @generated by scripts/gen_gemeinden.py from ../shared/data/genericode/ (Statistisches Bundesamt,",
        "// Wiesbaden). Do not edit; run `python3 scripts/gen_gemeinden.py`. Checked by ozg-core/tests/gemeinden_data.rs.",
        "",
    ]
    for short, label in (("rs", "Regionalschlüssel"), ("kreis", "Kreis"), ("bezirk", "Bezirk"), ("land", "Bundesland")):
        out.append(f"/// CanonicalVersionUri of the {label} list.")
        out.append(f"pub(super) const {short.upper()}_LIST: &str = {rust_str(info[short]['canonicalVersionUri'])};")
        out.append(f"/// Version (Stand) of the {label} list.")
        out.append(f"pub(super) const {short.upper()}_VERSION: &str = {rust_str(info[short]['version'])};")
    out.append("/// Agency (herausgebende Stelle) named in every list.")
    out.append(f"pub(super) const AGENCY: &str = {rust_str(info['rs']['agency'])};")
    out.append("")
    out.append("/// Länder: (Länderschlüssel, Bezeichnung), sorted by key.")
    out.append(f"pub(super) static LAENDER: [(u8, &str); {len(laender)}] = [")
    out += [f"({int(k)}, {rust_str(n)})," for k, n, _ in sorted(laender)]
    out.append("];")
    out.append("/// Bezirke: (3-digit key, Bezeichnung, Stadt-/Ortsteil bzw. Stadtbezirk), sorted by key.")
    out.append(f"pub(super) static BEZIRKE: [(u16, &str, bool); {len(bezirke)}] = [")
    out += [f"({int(k)}, {rust_str(n)}, {b(h)})," for k, n, h in bezirke]
    out.append("];")
    out.append("/// Kreise: (Kreisschlüssel, Bezeichnung, Stadt-/Ortsteil bzw. Stadtbezirk, kreisfreie Stadt), sorted by key.")
    out.append(f"pub(super) static KREISE: [(u32, &str, bool, bool); {len(kreise)}] = [")
    out += [f"({int(k)}, {rust_str(n)}, {b(h)}, {b(kreisfrei.get(k, False))})," for k, n, h in kreise]
    out.append("];")
    out.append("/// Gemeinden: (ARS, AGS, Bezeichnung, Stadt-/Ortsteil bzw. Stadtbezirk), sorted by ARS.")
    out.append(f"pub(super) static GEMEINDEN: [(u64, u32, &str, bool); {len(rs)}] = [")
    out += [f"({int(k)}, {int(ags_of[k])}, {rust_str(n)}, {b(h)})," for k, n, h in rs]
    out.append("];")
    out.append("/// Indices into `GEMEINDEN`, sorted by AGS.")
    out.append(f"pub(super) static BY_AGS: [u16; {len(rs)}] = [")
    for i in range(0, len(by_ags), 20):
        out.append(", ".join(str(x) for x in by_ags[i : i + 20]) + ",")
    out.append("];")
    rust = "\n".join(out) + "\n"

    # ---- DATA.md block ----
    city = sum(1 for _, _, h in rs if h)
    lines = [
        BEGIN,
        "<!-- generated by scripts/gen_gemeinden.py; do not edit between these markers -->",
        "",
        "| list | version (CanonicalVersionUri) | rows |",
        "|---|---|---|",
    ]
    for short, count in (("rs", len(rs)), ("ags", len(ags)), ("kreis", len(kreise)), ("bezirk", len(bezirke)), ("land", len(laender))):
        lines.append(f"| {info[short]['longName']} | `{info[short]['canonicalVersionUri']}` | {count:,} |")
    lines += [
        "",
        f"{len(rs):,} rows: {len(rs) - city:,} Gemeinden and {city:,} city-state districts (Hinweis "
        f"\"{CITY_DISTRICT}\"); {sum(1 for k in kreisfrei.values() if k)} Kreise are kreisfreie Städte by the key rule.",
        "",
        "| Land | rows | of them city-state districts |",
        "|---|---|---|",
    ]
    for k, n, _ in sorted(laender):
        in_land = [r for r in rs if r[0][:2] == k]
        lines.append(f"| {k} {n} | {len(in_land):,} | {sum(1 for r in in_land if r[2])} |")
    lines += [
        "",
        f"{len(no_kreis)} rows have a Kreis key that the Kreis list does not contain (their Kreis stays unknown): "
        + ", ".join(f"{n} `{a}`" for a, n in no_kreis) + ".",
        "",
        f"{len(mismatched)} row(s) have an AGS that is not their ARS without the Gemeindeverband digits (the two "
        "lists disagree; both keys are kept as the lists give them): "
        + (", ".join(f"{n}: ARS `{a}`, AGS `{g}`" for a, g, n in mismatched) or "none") + ".",
        "",
        f"Against the Schleswig-Holstein list of 2021 (`sh_gemeinden_ags.csv`, {len(sh2021):,} Gemeinden, territorial "
        f"status 2021-01-25), the 2026 list has {len(ags_sh):,} SH Gemeinden:",
        "",
        f"- **No longer in the 2026 list ({len(gone)}):** " + ", ".join(f"{n} `{a}`" for a, n in gone) + ".",
        f"- **New in the 2026 list ({len(new)}):** " + (", ".join(f"{n} `{a}`" for a, n in new) or "none") + ".",
        f"- **Names written differently ({len(renamed)})**, 2021 → 2026:",
        "",
        "| AGS | 2021 (MietNEinV) | 2026 (Destatis) |",
        "|---|---|---|",
    ]
    lines += [f"| `{a}` | {o} | {n} |" for a, o, n in renamed]
    lines += ["", END]
    block = "\n".join(lines)
    return rust, block


def splice(doc, block, path):
    start = doc.find(BEGIN)
    end = doc.find(END)
    if start < 0 or end < start:
        raise DataError(f"{path}: markers {BEGIN} … {END} not found")
    return doc[:start] + block + doc[end + len(END):]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT / ".." / "shared" / "data",
                        help="folder with genericode/ and the SH CSVs (default: ../shared/data)")
    parser.add_argument("--repo", type=Path, default=REPO_ROOT, help="repository root (default: this checkout)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the committed files differ from what would be generated")
    args = parser.parse_args(argv)

    data_md = args.repo / "ozg-core" / "DATA.md"
    rust_path = args.repo / "ozg-core" / "data" / "gemeinden_de.rs"
    try:
        if not args.shared.is_dir():
            raise DataError(f"shared data folder {args.shared} does not exist")
        rust, block = build(args.shared)
        doc = data_md.read_text(encoding="utf-8")
        outputs = {rust_path: rust, data_md: splice(doc, block, data_md)}
    except (DataError, OSError) as exc:
        print(f"gen_gemeinden.py: error: {exc}", file=sys.stderr)
        return 2

    if args.check:
        drift = []
        for path, text in outputs.items():
            try:
                current = path.read_text(encoding="utf-8")
            except OSError:
                current = None
            if current != text:
                drift.append(str(path) + (" (missing)" if current is None else ""))
        if drift:
            print("gen_gemeinden.py: generated data differs from the committed files: " + ", ".join(drift)
                  + "\nrun `python3 scripts/gen_gemeinden.py` and commit the result", file=sys.stderr)
            return 1
        print(f"gen_gemeinden.py: {len(outputs)} files up to date")
        return 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
