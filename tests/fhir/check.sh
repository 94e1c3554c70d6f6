#!/usr/bin/env bash
# The FHIR export read by an independent validator (@medplum/core, offline, installed by
# .ci/install-deps into tests/fhir/node_modules): every clinical case and golden patient as a
# Bundle. Usage: check.sh BIN SOURCE_DIR
set -u
bin=$1
src=$2
here=$src/tests/fhir
if [ ! -d "$here/node_modules/@medplum/core" ]; then
  echo "FAIL: @medplum/core is not installed (run .ci/install-deps)"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" plan --today 2026-11-22 -q -f fhir "$src"/tests/clinical/cases/*.toml "$src"/tests/golden/patients/*.toml >"$work/bundles.jsonl"
"$bin" plan --today 2026-11-22 -q --with-name -f fhir "$src"/data/examples/ana-souza.toml >"$work/named.json"
grep -q '"name"' "$work/named.json" || { echo "FAIL: --with-name put no name in the Patient"; exit 1; }
if "$bin" plan --today 2026-11-22 -f fhir "$src"/data/examples/ana-souza.toml | grep -q "Ana Souza"; then
  echo "FAIL: the name left the machine without --with-name"
  exit 1
fi
cd "$here" && exec node validate.mjs "$work/bundles.jsonl" "$work/named.json"
