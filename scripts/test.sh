#!/usr/bin/env bash
# Runs every test of the workspace: Rust (unit, integration, doc tests) and Python (ozg-py, schema cross-checks).
# It creates/uses a virtualenv at .venv (override with OZG_VENV) and installs what the Python tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${OZG_VENV:-.venv}
PY=${PYTHON:-python3}

echo "== Headless browser for the HTML report test (ozg-tabular/tests/browser.rs)"
if command -v chromium >/dev/null 2>&1 || [ -n "${OZG_CHROMIUM:-}" ]; then
  echo "chromium present"
  export OZG_REQUIRE_BROWSER=1
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium (apt-get) for the browser test"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  export OZG_REQUIRE_BROWSER=1
else
  echo "NOTE: no chromium and not root: the browser test will print SKIPPED"
fi

echo "== Rust tests"
# default members: every crate but the Python extension, which pytest covers below
cargo test

echo "== Python environment ($VENV)"
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -r scripts/requirements-test.txt
"$VENV/bin/python" -m pip install --quiet ./ozg-py

echo "== Python tests"
"$VENV/bin/python" -m pytest -q ozg-py/tests ozg-validate/tests
