#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for FUZZ_SECONDS (default 60) each, seeded from the fixtures
# (fuzz/seeds/TARGET) and, for the XML readers, from the W3C conformance documents (the suite's zip in
# ozg-xml/tests/data, unpacked into target/). Needs a nightly toolchain and cargo-fuzz; installs
# cargo-fuzz from crates.io when it is missing. Without nightly it says so and exits 0 (CI goes on).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz: no nightly toolchain (rustup toolchain list); the fuzz targets are not run"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo +nightly install cargo-fuzz --locked --quiet
fi

corpus=target/fuzz-corpus
suite=target/fuzz-xmlts
if [ ! -d "$suite/xmlconf" ]; then
  mkdir -p "$suite"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    ozg-xml/tests/data/xmlts20130923.zip "$suite"
fi

targets=$(cd fuzz && cargo +nightly fuzz list)
# The conformance documents without a DOCTYPE, listed once (grep -L exits non-zero when some file
# has one, and `head` would end the pipe early: neither is an error here).
mkdir -p "$corpus"
seeds_list="$corpus/conformance-seeds.txt"
find "$suite/xmlconf" -name '*.xml' -size -16k -print0 | xargs -0 grep -L '<!DOCTYPE' >"$seeds_list" 2>/dev/null || true
# Build every target first: a target that does not compile fails here, loudly (the runs below filter
# their output).
echo "== fuzz: building $(echo $targets | wc -w) targets"
(cd fuzz && cargo +nightly fuzz build)
for t in $targets; do
  mkdir -p "$corpus/$t"
  rm -rf fuzz/artifacts/"$t"
  cp -n fuzz/seeds/"$t"/* "$corpus/$t/" 2>/dev/null || true
  # The conformance documents without DOCTYPE seed every target (all of them start with the
  # hardened reader); DOCTYPE documents only exercise the rejection.
  head -n 400 "$seeds_list" | while read -r f; do
    cp -n "$f" "$corpus/$t/$(echo "$f" | tr '/' '_')" 2>/dev/null || true
  done
  echo "== fuzz $t for ${SECONDS_PER_TARGET}s ($(ls "$corpus/$t" | wc -l) seeds)"
  (cd fuzz && cargo +nightly fuzz run "$t" "../$corpus/$t" -- \
     -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
     | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)' || true)
  # cargo fuzz exits non-zero on a crash; the pipe above hides that, so check for artifacts.
  if [ -n "$(find fuzz/artifacts/"$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) 2>/dev/null)" ]; then
    echo "fuzz: $t found a failing input:"; ls fuzz/artifacts/"$t"
    exit 1
  fi
done
echo "fuzz: all targets ran ${SECONDS_PER_TARGET}s without a failure"
