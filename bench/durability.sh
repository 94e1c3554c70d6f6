#!/usr/bin/env bash
# Durable output files (issue 14): N plans written into -o DIR/ against the floor of the same
# work done by standard tools, `cp -r` of the same output folder followed by one `sync -f` of it
# (the durability paid once). The two alternate, best of RUNS runs each (default 5), in one run
# of this script. Goal: the -o DIR/ batch within 1.5x of the floor.
# Usage: [RUNS=5] [BIN=path] bench/durability.sh [N]
set -euo pipefail
n=${1:-10000}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
data=$(mktemp -d -p "${TMPDIR:-/var/tmp}")
trap 'rm -rf "$data"' EXIT
if [ -z "${BIN:-}" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$build" >/dev/null
fi
bin=${BIN:-$build/scarplan}
/usr/bin/python3 "$root/bench/generate_patients.py" "$n" "$data/patients"
cd "$data"
"$bin" plan --today 2026-11-22 -q -f json -o reference/ patients/*.toml || true
elapsed() { # seconds a command takes, to the millisecond
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}
best_plan=999
best_floor=999
for _ in $(seq "$runs"); do
  rm -rf out copy
  sync # each side starts with no one else's dirty data to flush (syncfs flushes the whole disk)
  t=$(elapsed "$bin" plan --today 2026-11-22 -q -f json -o out/ patients/*.toml)
  best_plan=$(awk -v a="$t" -v b="$best_plan" 'BEGIN { print (a < b ? a : b) }')
  sync
  t=$(elapsed bash -c 'cp -r reference copy && sync -f copy')
  best_floor=$(awk -v a="$t" -v b="$best_floor" 'BEGIN { print (a < b ? a : b) }')
done
awk -v n="$n" -v p="$best_plan" -v f="$best_floor" -v runs="$runs" 'BEGIN {
  printf "durable output: %d plans into -o DIR/, best of %d alternating runs\n", n, runs
  printf "%-34s %8.3f s %9.0f files/s\n", "scarplan plan -f json -o DIR/", p, n / p
  printf "%-34s %8.3f s %9.0f files/s\n", "floor: cp -r DIR + sync -f", f, n / f
  printf "ratio %.2f (goal <= 1.5)\n", p / f
}'
