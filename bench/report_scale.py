#!/usr/bin/env python3
"""Scale benchmark of `ozg report` and `ozg check`: a generated dataset of N Verwaltungen x M rollout
entries (default 11,000 x 575 = 6.3 M entries) and half of it (N/2), to show the cost is linear
(doubling the entries should at most ~2.2x the time), plus the report as JSON, HTML and XLSX.

Usage: python bench/report_scale.py [--verwaltungen 11000] [--services 575] [--ozg target/release/ozg]
       [--runs 1] [--keep]
The datasets are written to bench-out/ (not committed) and removed afterwards unless --keep.

The generated data: real OZG-IDs from the catalogue JSON in ozg-core/data, one Onlinedienst per
OZG-Leistung (M of them, repeating the 557 OZG-IDs beyond that), N Verwaltungen
(amtsfreie Gemeinden with synthetic AGS keys spread over Länder and Kreise; statuses are synthetic),
one framework agreement with every Verwaltung as a party, one delivery channel per Verwaltung (for
all Onlinedienste), and M entries per Verwaltung: 90 % live, 10 % configured (awaiting go-live)."""
import argparse, json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench-out")


def ozg_ids(m):
    cat = json.load(open(os.path.join(ROOT, "ozg-core", "data", "catalogue.json"), encoding="utf-8"))
    ids = [l["id"] for l in cat["leistungen"]]
    if len(ids) < m:
        ids = (ids * (m // len(ids) + 1))
    return ids[:m]


def generate(path, n, m):
    ids = ozg_ids(m)
    with open(path, "w", encoding="utf-8") as f:
        w = f.write
        w('{"schemaVersion":"1.0","title":"Skalierungstest (synthetisch)",')
        w('"itProviders":[{"id":"dl","name":"Dienstleister (synthetisch)"}],')
        w('"verwaltungen":[')
        for v in range(n):
            land = v % 16 + 1
            kreis = (v // 16) % 99 + 1
            gem = (v // (16 * 99)) % 999 + 1
            ags = f"{land:02d}0{kreis:02d}{gem:03d}"
            w(("," if v else "") + json.dumps({"id": f"v{v}", "name": f"Gemeinde {v}", "kind": "amtsfreie_gemeinde",
                                                "ags": ags}, separators=(",", ":")))
        w('],"onlinedienste":[')
        for j in range(m):
            w(("," if j else "") + json.dumps({"id": f"od{j}", "name": f"Onlinedienst {j}", "leistungen": [ids[j]]},
                                              separators=(",", ":")))
        w('],"channels":[')
        for v in range(n):
            w(("," if v else "") + f'{{"id":"c{v}","verwaltung":"v{v}","kanal":{{"type":"webservice","url":"https://intake.example/v{v}"}}}}')
        w('],"agreements":[{"id":"rahmen","kind":"nutzervereinbarung","title":"Rahmenvereinbarung (synthetisch)","parties":[')
        w('{"org":"dl","name":"Dienstleister","roles":["anbieter"]}')
        for v in range(n):
            w(f',{{"org":"v{v}","name":"Gemeinde {v}","roles":["nutzer"]}}')
        w('],"onlinedienste":[' + ",".join(f'"od{j}"' for j in range(m)) + '],')
        w('"costModel":{"type":"kostenfrei"},"term":{"start":"2021-01-01"},"status":"in_force",')
        w('"history":[{"date":"2020-12-01","status":"draft"},{"date":"2020-12-10","status":"sent_for_signature"},'
          '{"date":"2020-12-20","status":"signed"},{"date":"2021-01-01","status":"in_force"}]}],')
        w('"rollout":[')
        first = True
        for v in range(n):
            for j in range(m):
                live = (v * m + j) % 10 != 0
                if live:
                    e = f'{{"verwaltung":"v{v}","onlinedienst":"od{j}","phase":"area_wide","status":"live","goLive":"2023-03-01","zufiEntry":{{"maintained":true}}}}'
                else:
                    e = f'{{"verwaltung":"v{v}","onlinedienst":"od{j}","phase":"area_wide","status":"configured","zufiEntry":{{"maintained":true}}}}'
                w(e if first else "," + e)
                first = False
        w("]}\n")


def run(cmd, runs):
    """Median wall time (s) and max peak RSS (MB); exit codes 0 and 1 (findings) accepted."""
    times, rss = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t0)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"command failed ({code}): {' '.join(cmd)}\n{p.stderr.read().decode()}")
        rss = max(rss, usage.ru_maxrss / 1024)
    times.sort()
    return times[len(times) // 2], rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verwaltungen", type=int, default=11000)
    ap.add_argument("--services", type=int, default=575)
    ap.add_argument("--ozg", default=os.path.join(ROOT, "target", "release", "ozg"))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for n in (a.verwaltungen // 2, a.verwaltungen):
        path = os.path.join(OUT, f"scale_{n}x{a.services}.json")
        if not os.path.exists(path):
            t0 = time.perf_counter()
            generate(path, n, a.services)
            print(f"generated {path} ({os.path.getsize(path) / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s",
                  flush=True)
        for label, args in [
            ("check", ["check", path]),
            ("report json", ["report", path, "--format", "json", "-o", os.path.join(OUT, "r.json")]),
            ("report html", ["report", path, "--format", "html", "-o", os.path.join(OUT, "r.html")]),
            ("report xlsx", ["report", path, "--format", "xlsx", "-o", os.path.join(OUT, "r.xlsx")]),
        ]:
            t, rss = run([a.ozg] + args, a.runs)
            rows.append((n, label, t, rss))
            print(f"{n:>6} Verwaltungen x {a.services} = {n * a.services:>9,} entries  {label:<12} "
                  f"{t:7.2f} s  peak RSS {rss:7.0f} MB", flush=True)
        if not a.keep:
            os.remove(path)
    half = {l: t for n, l, t, _ in rows if n == a.verwaltungen // 2}
    full = {l: t for n, l, t, _ in rows if n == a.verwaltungen}
    print("\nratio full/half (linear: about 2, bar: at most 2.2):")
    for l in full:
        print(f"  {l:<12} {full[l] / half[l]:.2f}")
    print("HTML and XLSX time / JSON time (bar: at most 2):")
    for n, d in ((a.verwaltungen // 2, half), (a.verwaltungen, full)):
        print(f"  {n:>6}: html {d['report html'] / d['report json']:.2f}, xlsx {d['report xlsx'] / d['report json']:.2f}")


if __name__ == "__main__":
    main()
