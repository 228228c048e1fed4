#!/usr/bin/env python3
"""Compare `ozg validate` with the JSON Schema validators users run today, on the same input, in one run.

Usage: python bench/validate_peers.py [--n 100000] [--runs 3] [--ozg target/release/ozg] [--peers PYTHON]

Inputs (made in bench-out/, not committed):
  1. the peer harness's 100,000 service records (../shared/bench/peers/gen_json.py) with its array schema:
     every tool validates the same file against the same schema (`ozg validate --schema`);
  2. 100,000 of our Onlinedienst records, validated by `ozg validate --kind onlinedienst` (schema + semantic
     rules) and by check-jsonschema against schemas/onlinedienst.schema.json wrapped as an array schema.
PYTHON is an interpreter with check-jsonschema, jsonschema and jsonschema-rs installed
(pip install check-jsonschema jsonschema jsonschema-rs).
Prints a table with wall-clock medians, peak RSS and ratios (check-jsonschema time / ours)."""
import argparse, json, os, random, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench", "peers"))


def run(cmd, cwd, runs):
    """Median wall time (s) and max peak RSS (MB) of a command; the inputs are valid, so it must exit 0."""
    times, rss = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"command failed ({code}): {' '.join(cmd)}\n{p.stderr.read().decode()}")
        rss = max(rss, usage.ru_maxrss / 1024)
    return statistics.median(times), rss


def in_process(python, code, cwd, runs):
    """Median in-process validation time (s) reported by a peer snippet."""
    out = subprocess.run([python, "-c", code, str(runs)], cwd=cwd, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


PEER_SNIPPET = r"""
import json, statistics, sys, time
runs = int(sys.argv[1])
schema = json.load(open(SCHEMA))["$defs"]["leistung"] if ARRAY else json.load(open(SCHEMA))
schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
objs = json.load(open(DATA))
v = MAKE(schema)
ts = []
for _ in range(runs):
    t0 = time.perf_counter(); n = sum(1 for o in objs if v(o)); ts.append(time.perf_counter() - t0)
print(statistics.median(ts))
"""


def peer_code(make, schema, data, array=True):
    return (f"SCHEMA={schema!r}\nDATA={data!r}\nARRAY={array!r}\n" + make + PEER_SNIPPET)


MAKE_JSONSCHEMA = ("import jsonschema\n"
                   "def MAKE(s):\n"
                   "    val = jsonschema.Draft202012Validator(s, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)\n"
                   "    return val.is_valid\n")
MAKE_JSONSCHEMA_RS = ("import jsonschema_rs\n"
                      "def MAKE(s):\n"
                      "    return jsonschema_rs.validator_for(s, validate_formats=True).is_valid\n")


def onlinedienst_records(n, seed=1):
    """Our Onlinedienst records with real OZG-IDs and LeiKa keys from the embedded catalogue."""
    cat = json.load(open(os.path.join(ROOT, "ozg-core", "data", "catalogue.json")))
    ozg_ids = [l["id"] for l in cat["leistungen"]]
    keys = [r["key"] for r in cat["leika"] if r.get("key")]
    rnd = random.Random(seed)
    # Codes of the Basiskomponente list, as the schema gives them (schemas/onlinedienst.schema.json).
    schema = json.load(open(os.path.join(ROOT, "schemas", "onlinedienst.schema.json")))
    comps = schema["$defs"]["Basiskomponente"]["enum"]
    out = []
    for i in range(n):
        refs = rnd.sample(ozg_ids, 1) + rnd.sample(keys, rnd.randint(0, 2))
        o = {"id": f"od-{i:06d}", "name": f"Onlinedienst {i}", "leistungen": refs,
             "reifegrad": {"model": "1.x", "level": rnd.randrange(5)},
             "vertrauensniveau": rnd.choice(["niedrig", "substanziell", "hoch"]),
             "basiskomponenten": rnd.sample(comps, rnd.randint(0, 3)),
             "url": f"https://dienste.example/od/{i}"}
        out.append(o)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ozg", default=os.path.join(ROOT, "target", "release", "ozg"))
    ap.add_argument("--peers", default=sys.executable)
    a = ap.parse_args()
    work = os.path.join(ROOT, "bench-out")
    os.makedirs(work, exist_ok=True)
    if not os.path.exists(os.path.join(work, "services.json")):
        subprocess.run([a.peers, os.path.join(PEERS, "gen_json.py"), str(a.n)], cwd=work, check=True, capture_output=True)
    od = os.path.join(work, "onlinedienste.json")
    if not os.path.exists(od):
        json.dump(onlinedienst_records(a.n), open(od, "w"), ensure_ascii=False)
    ours = json.load(open(os.path.join(ROOT, "schemas", "onlinedienst.schema.json")))
    defs = ours.pop("$defs", {})
    ours.pop("$schema", None); ours.pop("$id", None)
    wrapper = {"$schema": "https://json-schema.org/draft/2020-12/schema",
               "$defs": {**defs, "Onlinedienst": ours}, "type": "array", "items": {"$ref": "#/$defs/Onlinedienst"}}
    json.dump(wrapper, open(os.path.join(work, "onlinedienst_array.schema.json"), "w"))
    bindir = os.path.dirname(a.peers)
    check = os.path.join(bindir, "check-jsonschema")
    rows = []
    # 1. same file, same schema
    t_cj, m_cj = run([check, "--schemafile", "schema_array_2020.json", "services.json"], work, a.runs)
    t_oz, m_oz = run([a.ozg, "validate", "--schema", "schema_array_2020.json", "services.json"], work, a.runs)
    t_js = in_process(a.peers, peer_code(MAKE_JSONSCHEMA, "schema_array_2020.json", "services.json"), work, a.runs)
    t_rs = in_process(a.peers, peer_code(MAKE_JSONSCHEMA_RS, "schema_array_2020.json", "services.json"), work, a.runs)
    rows += [("peer records, peer schema", "check-jsonschema (CLI)", t_cj, m_cj),
             ("peer records, peer schema", "ozg validate --schema (CLI)", t_oz, m_oz),
             ("peer records, peer schema", "python jsonschema (in-process, objects preloaded)", t_js, None),
             ("peer records, peer schema", "jsonschema-rs (in-process, objects preloaded)", t_rs, None)]
    # 2. our records, our schema (+ semantic rules for ozg)
    t_cj2, m_cj2 = run([check, "--schemafile", "onlinedienst_array.schema.json", "onlinedienste.json"], work, a.runs)
    t_oz2, m_oz2 = run([a.ozg, "validate", "--kind", "onlinedienst", "-q", "onlinedienste.json"], work, a.runs)
    rows += [("Onlinedienst records, schemas/", "check-jsonschema (CLI, schema only)", t_cj2, m_cj2),
             ("Onlinedienst records, schemas/", "ozg validate --kind onlinedienst (schema + rules)", t_oz2, m_oz2)]
    print(f"{a.n} objects, median of {a.runs} runs\n")
    print(f"{'input':32} {'tool':52} {'time s':>8} {'µs/obj':>8} {'RSS MB':>8}")
    for inp, tool, t, m in rows:
        print(f"{inp:32} {tool:52} {t:8.3f} {t / a.n * 1e6:8.2f} {'' if m is None else f'{m:8.0f}':>8}")
    print(f"\nratio check-jsonschema / ozg (same file, same schema): {t_cj / t_oz:.1f}x")
    print(f"ratio check-jsonschema / ozg (Onlinedienst records):   {t_cj2 / t_oz2:.1f}x")
    print(f"ratio python jsonschema / ozg CLI (whole command vs in-process): {t_js / t_oz:.1f}x")
    print(f"ratio jsonschema-rs in-process / ozg CLI whole command:           {t_rs / t_oz:.2f}x")


if __name__ == "__main__":
    main()
