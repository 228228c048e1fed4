#!/usr/bin/env python3
"""Peak memory and small-read cost of `ozg xzufi` next to lxml and expat (issue 13, item 3).

Usage: python3 bench/memory_peers.py [--ozg target/release/ozg] [--xzufi-mb 1000] [--mb 100]
       [--python VENV/bin/python]   (a Python with lxml; expat is the stdlib's pyexpat)

Inputs (generated into target/bench-data/, not committed):
- `xzufi`: a generated XZuFi 2.2.0 message of --xzufi-mb MB (scripts/gen_xzufi.py);
- `newlines`, `comments`, `whitespace`: --mb MB of line breaks, of short comments one per line,
  of spaces and tabs, before the root of a small XZuFi message;
- `tag_16b`: a start tag of about 1 MB (many attributes) fed through a pipe in 16-byte writes,
  so every read returns a few bytes (a slow pipe).

Each reader runs as its own process reading the file (or the pipe) as a stream: `ozg xzufi
--summary`, lxml's `iterparse` clearing elements, expat's `ParseFile`. Peak RSS and CPU time come
from the OS (`os.wait4`, ru_maxrss). Prints one JSON line per input and reader.
"""

import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "target", "bench-data")
NS = "http://xoev.de/schemata/xzufi/2_2_0"
HEAD = f'<x:nachricht xmlns:x="{NS}" xzufiVersion="2.2.0"><x:schreibe>'
TAIL = "<x:leistung><x:id>L1</x:id></x:leistung></x:schreibe></x:nachricht>\n"

LXML = """
import sys
from lxml import etree
for _, e in etree.iterparse(sys.argv[1] if sys.argv[1] != "-" else sys.stdin.buffer,
                            events=("end",), resolve_entities=False, no_network=True,
                            huge_tree=True):
    e.clear()
"""
EXPAT = """
import sys
from xml.parsers import expat
p = expat.ParserCreate(namespace_separator=" ")
src = open(sys.argv[1], "rb") if sys.argv[1] != "-" else sys.stdin.buffer
p.ParseFile(src)
"""


def write_repeated(path, head, unit, mb, tail):
    if os.path.exists(path):
        return path
    n = mb * 1_000_000 // len(unit)
    block = unit * max(1, 1_000_000 // len(unit))
    with open(path + ".tmp", "w") as f:
        f.write(head)
        written = 0
        while written + len(block) <= n * len(unit):
            f.write(block)
            written += len(block)
        f.write(unit * ((n * len(unit) - written) // len(unit)))
        f.write(tail)
    os.replace(path + ".tmp", path)
    return path


def inputs(args):
    os.makedirs(DATA, exist_ok=True)
    out = {}
    xz = os.path.join(DATA, f"xzufi_{args.xzufi_mb}mb.xml")
    if args.xzufi_mb and not os.path.exists(xz):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_xzufi.py"),
                        str(args.xzufi_mb), xz], check=True)
    if args.xzufi_mb:
        out["xzufi"] = xz
    mb = args.mb
    out["newlines"] = write_repeated(os.path.join(DATA, f"newlines_{mb}mb.xml"), "", "\n", mb,
                                     HEAD + TAIL)
    out["comments"] = write_repeated(os.path.join(DATA, f"comments_{mb}mb.xml"), "",
                                     "<!-- c -->\n", mb, HEAD + TAIL)
    out["whitespace"] = write_repeated(os.path.join(DATA, f"whitespace_{mb}mb.xml"), "", " \t",
                                       mb, HEAD + TAIL)
    return out


def big_tag():
    attrs = "".join(f' a{i}="{"v" * 40}"' for i in range(21_000))
    return (f'<x:nachricht xmlns:x="{NS}" xzufiVersion="2.2.0"{attrs}><x:schreibe>'
            + TAIL).encode()


def run(cmd, path=None, feed=None, step=16):
    """Runs cmd on a file, or feeds `feed` through a pipe in `step`-byte writes."""
    t0 = time.perf_counter()
    if feed is None:
        proc = subprocess.Popen(cmd + [path], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    else:
        proc = subprocess.Popen(cmd + ["-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        fd = proc.stdin.fileno()
        for i in range(0, len(feed), step):
            os.write(fd, feed[i:i + step])
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    return {
        "exit": os.waitstatus_to_exitcode(status),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "wall_s": round(wall, 2),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ozg", default=os.path.join(ROOT, "target", "release", "ozg"))
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--xzufi-mb", type=int, default=1000)
    ap.add_argument("--mb", type=int, default=100)
    args = ap.parse_args()
    readers = {
        "ozg": [args.ozg, "xzufi", "--summary"],
        "lxml": [args.python, "-c", LXML],
        "expat": [args.python, "-c", EXPAT],
    }
    for name, path in inputs(args).items():
        size = os.path.getsize(path)
        for reader, cmd in readers.items():
            r = run(cmd, path)
            print(json.dumps({"input": name, "mb": round(size / 1e6), "reader": reader, **r}),
                  flush=True)
    tag = big_tag()
    for reader, cmd in readers.items():
        r = run(cmd, feed=tag, step=16)
        print(json.dumps({"input": "tag_16b", "mb": round(len(tag) / 1e6, 2), "reader": reader,
                          **r}), flush=True)


if __name__ == "__main__":
    main()
