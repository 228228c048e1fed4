"""Stub drift guard: the hand-kept ``ozg_rs/_ozg.pyi`` must match the extension module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ALLOWLIST = HERE / "stubtest_allowlist.txt"


def _stubtest_flags() -> list[str]:
    help_text = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "--help"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    flags = ["--allowlist", str(ALLOWLIST)]
    # pyo3 classes are PEP 800 disjoint bases; stubs for Python 3.9 cannot spell @disjoint_base
    if "--ignore-disjoint-bases" in help_text:
        flags.append("--ignore-disjoint-bases")
    return flags


def test_stub_matches_runtime(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    # run outside the source tree so that the installed package (with its .so) is what is checked
    env = dict(os.environ, MYPY_CACHE_DIR=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", *_stubtest_flags(), "ozg_rs"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert result.returncode == 0, f"stub drift:\n{result.stdout}\n{result.stderr}"


def test_stub_is_shipped() -> None:
    import ozg_rs

    package = Path(ozg_rs.__file__).parent
    assert (package / "_ozg.pyi").is_file()
    assert (package / "py.typed").is_file()
