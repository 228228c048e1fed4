"""Executes the ```python blocks of the repository README (section "Python") as tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _blocks() -> list[str]:
    if not README.is_file():
        return []
    return BLOCK.findall(README.read_text(encoding="utf-8"))


BLOCKS = _blocks()


@pytest.mark.skipif(not BLOCKS, reason=f"no ```python blocks in {README} yet")
@pytest.mark.parametrize("index", range(len(BLOCKS)) if BLOCKS else [0])
def test_readme_python_block(index: int) -> None:
    code = BLOCKS[index]
    namespace: dict[str, object] = {"__name__": f"readme_block_{index}"}
    exec(compile(code, f"{README}:python-block-{index}", "exec"), namespace)
