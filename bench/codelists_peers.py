#!/usr/bin/env python3
"""Reading the Regionalschlüssel Genericode list (3.2 MB, 11,227 rows): ozg_rs next to its peers,
on ONE file, in ONE run.

Usage (from the repository root, with ozg_rs and lxml installed in the venv):

    python3 -m venv .venv && .venv/bin/pip install lxml ./ozg-py
    .venv/bin/python bench/codelists_peers.py [--repeat 7] [--file F.xml]

Tasks (each repetition in its own child process, so peak RSS belongs to that task; the time is
taken inside the child around the task only, imports excluded):

- ``ozg_read``: ``ozg_rs.codelists.read(path)`` — the whole list read, checked (required values,
  unique keys) and indexed; rows stay in Rust.
- ``ozg_read_rows``: the same plus ``doc.rows()``, every row as a Python dict by column id.
- ``lxml_loop``: ``lxml.etree.parse(path)`` plus a Python loop building the same row dicts.
- ``etree_parse``: ``xml.etree.ElementTree.parse(path)`` alone (no loop).

Each task must report the same row count. Ratios are best-of-N times.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = os.path.join(ROOT, "..", "shared", "data", "genericode", "regionalschluessel_2026-04-30.xml")

CHILD = r'''
import json, resource, sys, time
task, path = sys.argv[1], sys.argv[2]
if task.startswith("ozg"):
    import ozg_rs.codelists as cl
elif task == "lxml_loop":
    from lxml import etree
else:
    import xml.etree.ElementTree as ET
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t1 = None
t0 = time.perf_counter()
if task == "ozg_read":
    doc = cl.read(path)
    n = len(doc)
elif task == "ozg_read_rows":
    doc = cl.read(path)
    rows = doc.rows()
    n = len(rows)
elif task == "lxml_loop":
    tree = etree.parse(path)
    rows = []
    for row in tree.getroot().iter("Row"):
        d = {}
        for v in row.iterchildren("Value"):
            sv = v.find("SimpleValue")
            d[v.get("ColumnRef")] = None if sv is None else (sv.text or "")
        rows.append(d)
    n = len(rows)
else:
    tree = ET.parse(path)
    t1 = time.perf_counter()  # the parse alone is the peer; the count only checks the file
    n = sum(1 for _ in tree.getroot().iter("Row"))
if t1 is None:
    t1 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": t1 - t0, "rows": n, "rss_mib": (peak - base) / 1024}))
'''

TASKS = ("ozg_read", "ozg_read_rows", "lxml_loop", "etree_parse")


def run(task, path):
    out = subprocess.run([sys.executable, "-c", CHILD, task, path], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--file", default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if not os.path.exists(args.file):
        sys.exit(f"input missing: {args.file} (../shared/data/genericode next to the repository, or --file)")
    size = os.path.getsize(args.file) / (1 << 20)
    results = {t: [] for t in TASKS}
    # Interleaved, so a load change on the machine hits every task alike.
    for _ in range(args.repeat):
        for t in TASKS:
            results[t].append(run(t, args.file))
    rows = {t: {r["rows"] for r in rs} for t, rs in results.items()}
    if len(set().union(*rows.values())) != 1:
        sys.exit(f"row counts differ: {rows}")
    best = {t: min(r["seconds"] for r in rs) for t, rs in results.items()}
    print(f"file: {args.file} ({size:.2f} MiB, {next(iter(rows['ozg_read']))} rows), {args.repeat} interleaved runs")
    print(f"{'task':<15}{'best ms':>9}{'median ms':>11}{'MiB/s':>8}{'peak RSS +MiB':>15}")
    for t in TASKS:
        secs = [r["seconds"] for r in results[t]]
        rss = max(r["rss_mib"] for r in results[t])
        print(f"{t:<15}{best[t]*1e3:>9.1f}{statistics.median(secs)*1e3:>11.1f}{size/best[t]:>8.1f}{rss:>15.1f}")
    print()
    print(f"lxml_loop / ozg_read       = {best['lxml_loop'] / best['ozg_read']:.2f}x  (bar: >= 1.5)")
    print(f"lxml_loop / ozg_read_rows  = {best['lxml_loop'] / best['ozg_read_rows']:.2f}x")
    print(f"etree_parse / ozg_read     = {best['etree_parse'] / best['ozg_read']:.2f}x  (bar: >= 1.0)")
    print(f"etree_parse / ozg_read_rows = {best['etree_parse'] / best['ozg_read_rows']:.2f}x")


if __name__ == "__main__":
    main()
