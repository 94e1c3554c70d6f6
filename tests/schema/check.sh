#!/usr/bin/env bash
# Every JSON output validates against data/schema (python3-jsonschema, Draft 2020-12): the golden
# plans, every clinical case as plan and classification (with --explain and --with-name, as
# JSON Lines with the input named), the error records of every invalid CLI case, and the
# progress reports of every clinical case.
# Usage: check.sh BIN SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
today="--today 2026-11-22"
"$bin" plan $today -q -f jsonl "$src"/tests/clinical/cases/*.toml >"$work/clinical.jsonl"
"$bin" plan $today -q --explain --with-name -f jsonl "$src"/tests/golden/patients/*.toml >"$work/explained.jsonl"
"$bin" classify $today -q -f jsonl "$src"/tests/clinical/cases/*.toml >"$work/classified.jsonl"
"$bin" plan $today -q -f jsonl "$src"/tests/cli/cases/*.toml >"$work/errors.jsonl" 2>/dev/null
"$bin" progress $today -q --explain -f jsonl "$src"/tests/clinical/cases/*.toml >"$work/progress.jsonl"
booking=(--today 2026-11-22 --clinic "$src/tests/golden/book/clinic.toml" --busy "$src/tests/golden/book/busy.ics" -q)
"$bin" book "${booking[@]}" --explain -f jsonl --report "$work/capacity.json" "$src"/tests/golden/patients/*.toml >"$work/booked.jsonl"
"$bin" agenda "${booking[@]}" -f json "$src"/tests/golden/patients/*.toml >"$work/agenda.json"
exec /usr/bin/python3 "$src/tests/schema/validate.py" "$src/data/schema" \
  "$src"/tests/golden/expected/*.json "$work"/*.jsonl "$work"/*.json
