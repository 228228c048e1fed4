#!/usr/bin/env python3
"""Checks what the Python distributions of ozg-rs ship: `check_dist.py DIR` with the sdist and the wheel in DIR.

- the wheel: the package `ozg_rs` with its extension module, the stubs and `py.typed`, and the licence files
  (the MIT licence and DATA.md, the notices the embedded data's licences require) in its `.dist-info`;
- the sdist: the same licence files, the Rust sources of every crate the extension is built from, and their
  embedded data, so that `pip install ozg-rs-*.tar.gz` builds on a machine with only a Rust toolchain.
Exit 1 with the missing names.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path


def check_wheel(path: Path) -> list[str]:
    names = zipfile.ZipFile(path).namelist()
    want = ["ozg_rs/__init__.py", "ozg_rs/_ozg.pyi", "ozg_rs/py.typed", "/licenses/LICENSE", "/licenses/DATA.md"]
    missing = [w for w in want if not any(n.endswith(w) for n in names)]
    if not any(n.startswith("ozg_rs/_ozg.") and n.endswith((".so", ".pyd")) for n in names):
        missing.append("ozg_rs/_ozg extension module")
    return [f"{path.name}: {m}" for m in missing]


def check_sdist(path: Path) -> list[str]:
    names = [n.split("/", 1)[1] for n in tarfile.open(path).getnames() if "/" in n]
    want = ["LICENSE", "DATA.md", "pyproject.toml", "ozg-core/src/lib.rs", "ozg-core/data/catalogue.json",
            "ozg-xml/src/lib.rs", "ozg-validate/src/lib.rs"]
    missing = [w for w in want if not any(n == w or n.endswith("/" + w) for n in names)]
    return [f"{path.name}: {m}" for m in missing]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_dist.py DIR", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    wheels = sorted(folder.glob("ozg_rs-*.whl"))
    sdists = sorted(folder.glob("ozg_rs-*.tar.gz"))
    problems = [] if wheels and sdists else [f"{folder}: expected an ozg_rs wheel and sdist, found {list(folder.iterdir())}"]
    for w in wheels:
        problems += check_wheel(w)
    for s in sdists:
        problems += check_sdist(s)
    for p in problems:
        print(f"missing: {p}", file=sys.stderr)
    if not problems:
        print(f"ok: {', '.join(p.name for p in wheels + sdists)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
