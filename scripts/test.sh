#!/usr/bin/env bash
# Runs every test of the workspace: Rust (unit, integration, doc tests) and Python (ozg-py, schema cross-checks).
# It sets up what the tests need on a machine that has only the Rust toolchain and Python 3 with pip, and says
# what it installs:
# - a virtualenv at .venv (override with OZG_VENV) with scripts/requirements-test.txt and the ozg-rs wheel;
# - an XSD validator for the XML tests: xmllint (Debian's libxml2-utils, installed with apt-get when it is
#   missing and this runs as root), otherwise lxml from the virtualenv (OZG_XSD_PYTHON).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${OZG_VENV:-.venv}
PY=${PYTHON:-python3}

apt_install() {
  # apt_install PACKAGE...: Debian packages, only where apt-get exists and we may use it
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || return 1
    sudo="sudo -n"
  fi
  echo "== installing $* (apt-get)"
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

echo "== Python environment ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating the virtualenv $VENV"
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
echo "== installing the Python test requirements (scripts/requirements-test.txt) into $VENV"
"$VENV/bin/python" -m pip install --quiet -r scripts/requirements-test.txt

echo "== XSD validator"
if command -v xmllint >/dev/null 2>&1 || apt_install libxml2-utils; then
  echo "xmllint: $(command -v xmllint)"
else
  export OZG_XSD_PYTHON="$PWD/$VENV/bin/python"
  echo "xmllint not available; the XSD tests use lxml through $OZG_XSD_PYTHON"
fi

echo "== Headless browser for the HTML report test (ozg-tabular/tests/browser.rs)"
if [ -n "${OZG_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || apt_install chromium; then
  echo "chromium: ${OZG_CHROMIUM:-$(command -v chromium)}"
  export OZG_REQUIRE_BROWSER=1
else
  echo "NOTE: no chromium and apt-get not usable: the browser test prints SKIPPED"
fi

echo "== Rust tests"
# default members: every crate but the Python extension, which pytest covers below
cargo test

echo "== building the ozg-rs wheel (maturin) and installing it into $VENV"
rm -rf target/wheels
"$VENV/bin/maturin" build --release --manifest-path ozg-py/Cargo.toml --out target/wheels --quiet
"$VENV/bin/python" -m pip install --quiet --force-reinstall --no-deps target/wheels/ozg_rs-*.whl

echo "== Python tests"
"$VENV/bin/python" -m pytest -q ozg-py/tests ozg-validate/tests
