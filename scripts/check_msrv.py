#!/usr/bin/env python3
"""Checks the workspace's declared `rust-version` (the MSRV) against what it needs, without a second toolchain.

No other Rust toolchain can be installed on the project's machines, so the MSRV is computed, not compiled:
- every dependency in the lock file (normal, build and dev, as `cargo metadata` resolves them) declares the
  oldest Rust it builds with; the declared MSRV must be at least the newest of these;
- the language features our own code uses: let-chains in `if`/`while` (stable in Rust 1.88, edition 2024);
- the standard-library APIs are checked by clippy's `incompatible_msrv` lint, which `.ci/run` runs with
  `-D warnings` against this same `rust-version`.
Exit 1 with the reason when the declared value is too low; prints the computed floor otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Language features our code uses, with the release that stabilised them.
FEATURES = {"let-chains (`if let … && …`)": (1, 88)}


def parse(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split(".")[:3])


def main() -> int:
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
    )
    ours = {p["name"]: p.get("rust_version") for p in meta["packages"] if p["source"] is None}
    declared = {v for v in ours.values()}
    if len(declared) != 1 or None in declared:
        print(f"the workspace crates declare different or no rust-version: {ours}", file=sys.stderr)
        return 1
    declared_v = parse(declared.pop())
    needs: list[tuple[tuple[int, ...], str]] = [
        (parse(p["rust_version"]), f"{p['name']} {p['version']}")
        for p in meta["packages"]
        if p["source"] is not None and p.get("rust_version")
    ]
    needs += [(v, f"language feature {name}") for name, v in FEATURES.items()]
    floor, why = max(needs)
    fmt = lambda v: ".".join(map(str, v))  # noqa: E731
    if declared_v < floor:
        print(f"rust-version {fmt(declared_v)} is too low: {why} needs Rust {fmt(floor)}", file=sys.stderr)
        return 1
    print(f"rust-version {fmt(declared_v)} ok (computed floor {fmt(floor)}: {why})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
