#!/usr/bin/env python3
"""Pickle round trips of ozg_rs objects: size and time of ``pickle.loads(pickle.dumps(obj))``, next to the same
round trip of the object's plain-Python form (its ``to_dict()``, or the XML text where that is the lossless form),
which is what a user would pickle without ozg_rs's ``__reduce__``. One run, best of N.

Usage (from the repository root, ozg_rs installed in the venv; the code list comes from ../shared):

    .venv/bin/python bench/pickle_roundtrip.py [--repeat 7]

The plain form of the embedded Gemeindeverzeichnis is its document (11,227 Gemeinden), pickled as a dict; ozg_rs
pickles it as a reference to ``Gemeindeverzeichnis.germany()``. The "own" register is the same document read with
``from_json`` (pickled by content).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from typing import Any, Callable, List, Tuple

import ozg_rs
import ozg_rs.codelists
import ozg_rs.xzufi

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CODELIST = os.path.join(ROOT, "..", "shared", "data", "genericode", "regionalschluessel_2026-04-30.xml")
XZUFI = os.path.join(ROOT, "tests", "fixtures", "xml", "xzufi_2_2_schreibe.xml")


def best(repeat: int, f: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def round_trip(obj: Any) -> Tuple[int, Callable[[], Any]]:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data), lambda: pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if not os.path.exists(CODELIST):
        sys.exit(f"missing {CODELIST} (../shared/data next to the repository)")
    germany = ozg_rs.Gemeindeverzeichnis.germany()
    own = ozg_rs.Gemeindeverzeichnis.from_json(germany.to_json())
    codelist = ozg_rs.codelists.read(CODELIST)
    dataset = ozg_rs.Dataset.example()
    objects = [o for _ in range(100) for o in ozg_rs.xzufi.read(XZUFI)]  # distinct objects (no pickle memo hits)
    cases: List[Tuple[str, Any, Any]] = [
        ("Gemeindeverzeichnis.germany()", germany, germany.to_dict()),
        ("Gemeindeverzeichnis (own, 11,227)", own, own.to_dict()),
        ("CodeListDocument (11,227 rows)", codelist, codelist.to_xml()),
        ("Dataset.example()", dataset, dataset.to_dict()),
        (f"{len(objects)} XzufiObjects", objects, [o.to_dict() for o in objects]),
    ]
    print(f"{'object':36} {'ozg_rs bytes':>13} {'ms':>8}   {'plain bytes':>12} {'ms':>8}")
    for name, obj, plain in cases:
        size, f = round_trip(obj)
        psize, pf = round_trip(plain)
        t, pt = best(args.repeat, f), best(args.repeat, pf)
        assert f() == obj
        print(f"{name:36} {size:>13,} {t * 1e3:>8.2f}   {psize:>12,} {pt * 1e3:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
