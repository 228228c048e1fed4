#!/usr/bin/env python3
"""Peak memory and time of `ozg validate` and `ozg convert` on big inputs, for one or two builds.

Usage: python bench/stream_memory.py [--after target/release/ozg] [--before OLD_OZG] [--runs 1]
                                     [--n 1000000] [--dataset-mb 190] [--xml-mb 100]

Inputs (made in bench-out/, not committed):
  1. providers.ndjson: N IT-provider records, one per line -> `ozg validate --kind it-provider`;
  2. providers.json: the same N records as one top-level JSON array -> `ozg validate --kind it-provider`;
  3. dataset.json: a dataset of about DATASET_MB MB (Verwaltungen, IT providers, Onlinedienste with real
     OZG-IDs) -> `ozg validate dataset.json` (read record by record), `ozg convert dataset.json dataset.xml`
     and back (both record by record);
  4. dataset-small.xml: the same kind of dataset as XML of about XML_MB MB -> `ozg validate`.
Peak RSS is the child's ru_maxrss (from os.wait4); time is wall clock. The library baseline of a
conversion is `cargo run --release -p ozg-xml --example convert_ratio FILE` (in-process loads + dumps:
serde_json into the typed model, the model written as XML; XML read into the model, written as JSON).
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench-out")


def run(cmd, runs, ok=(0, 1)):
    times, rss = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t0)
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            sys.exit(f"command failed ({code}): {' '.join(cmd)}\n{p.stderr.read().decode()[:2000]}")
        rss = max(rss, usage.ru_maxrss / 1024)
    return statistics.median(times), rss


def provider(i):
    return {"id": f"provider-{i}", "name": f"IT-Dienstleister {i}", "url": f"https://provider-{i}.example.org/"}


def write_dataset(path, target_mb):
    """A valid dataset of about target_mb MB, written piece by piece (never held whole)."""
    ozg_ids = ["10092", "10000", "10219", "10050"]
    with open(path, "w") as f:
        f.write('{"schemaVersion": "1.0", "title": "bench", "itProviders": [')
        f.write(json.dumps({"id": "dataport", "name": "Dataport AöR", "url": "https://www.dataport.de"}))
        f.write('], "verwaltungen": [')
        i = 0
        while f.tell() < target_mb * 1e6 * 0.5:
            if i:
                f.write(",")
            f.write(json.dumps({"id": f"amt-{i}", "name": f"Amt Nummer {i} – Verwaltung", "kind": "amt"},
                               ensure_ascii=False))
            i += 1
        f.write('], "onlinedienste": [')
        j = 0
        while f.tell() < target_mb * 1e6:
            if j:
                f.write(",")
            f.write(json.dumps({"id": f"dienst-{j}", "name": f"Onlinedienst {j}", "leistungen": [ozg_ids[j % 4]],
                                "reifegrad": {"model": "1.x", "level": 3}, "provider": "dataport",
                                "url": f"https://dienst-{j}.example.org/antrag"}))
            j += 1
        f.write("]}\n")


def make_inputs(n, dataset_mb, xml_mb, ozg):
    os.makedirs(OUT, exist_ok=True)
    nd = os.path.join(OUT, "providers.ndjson")
    arr = os.path.join(OUT, "providers.json")
    if not os.path.exists(nd):
        with open(nd, "w") as f:
            for i in range(n):
                f.write(json.dumps(provider(i)) + "\n")
    if not os.path.exists(arr):
        with open(arr, "w") as f:
            f.write("[\n")
            for i in range(n):
                f.write(("," if i else "") + json.dumps(provider(i)) + "\n")
            f.write("]\n")
    ds = os.path.join(OUT, "dataset.json")
    if not os.path.exists(ds):
        write_dataset(ds, dataset_mb)
    small = os.path.join(OUT, "dataset-small.json")
    small_xml = os.path.join(OUT, "dataset-small.xml")
    if not os.path.exists(small_xml):
        # XML is about 2.3 times the JSON size.
        write_dataset(small, xml_mb / 2.3)
        subprocess.run([ozg, "convert", small, small_xml], check=True)
    return nd, arr, ds, small_xml


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--after", default=os.path.join(ROOT, "target/release/ozg"))
    ap.add_argument("--before")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--dataset-mb", type=float, default=190)
    ap.add_argument("--xml-mb", type=float, default=100)
    a = ap.parse_args()
    nd, arr, ds, xml = make_inputs(a.n, a.dataset_mb, a.xml_mb, a.after)
    size = lambda p: os.path.getsize(p) / 1e6
    print(f"inputs: {nd} {size(nd):.0f} MB, {arr} {size(arr):.0f} MB, {ds} {size(ds):.0f} MB, {xml} {size(xml):.0f} MB")
    out_xml = os.path.join(OUT, "out.xml")
    out_json = os.path.join(OUT, "out.json")
    cases = [
        ("validate NDJSON (1M records)", lambda o: [o, "validate", "--kind", "it-provider", "--format", "ndjson", nd]),
        ("validate JSON array (1M records)", lambda o: [o, "validate", "--kind", "it-provider", "--format", "ndjson", arr]),
        ("validate dataset JSON (one document)", lambda o: [o, "validate", "--format", "ndjson", ds]),
        ("validate our XML", lambda o: [o, "validate", "--format", "ndjson", xml]),
        ("convert JSON -> XML", lambda o: [o, "convert", ds, out_xml]),
        ("convert XML -> JSON", lambda o: [o, "convert", out_xml, out_json]),
    ]
    builds = [("after", a.after)] + ([("before", a.before)] if a.before else [])
    print(f"{'case':36} " + " ".join(f"{b + ' s':>10} {b + ' MB':>10}" for b, _ in builds))
    for name, cmd in cases:
        row = []
        for b, exe in builds:
            t, rss = run(cmd(exe), a.runs)
            row.append(f"{t:10.2f} {rss:10.0f}")
        print(f"{name:36} " + " ".join(row), flush=True)
    for f in (ds, out_xml):
        exe = os.path.join(ROOT, "target/release/examples/convert_ratio")
        if not os.path.exists(exe):
            subprocess.run(["cargo", "build", "-q", "--release", "-p", "ozg-xml", "--example", "convert_ratio"],
                           cwd=ROOT, check=True)
        lib = subprocess.run([exe, f, str(max(a.runs, 1))], cwd=ROOT, check=True, capture_output=True, text=True)
        print(f"library loads+dumps of {os.path.basename(f)}: {lib.stdout.strip().split()[-1]} s")


if __name__ == "__main__":
    main()
