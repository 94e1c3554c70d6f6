#!/usr/bin/env bash
# The batch benchmark of issue 6. Builds a Release scarplan in build-bench/, generates N varied
# patients (bench/generate_patients.py, fixed seed), and measures, best of RUNS runs each
# (default 5: on a shared machine a run can take a quarter longer than the next):
#   - Python's tomllib merely parsing the N files (the baseline);
#   - scarplan plan -f json and -f ics over the N files (-j = cores): wall time, plans/s, the
#     ratio to tomllib, peak resident memory;
#   - scarplan check (parse and validate only), for scale;
#   - one plan, process start included: mean wall time of 50 runs.
# Usage: [RUNS=5] bench/run.sh [N]    Needs /usr/bin/time (Debian package "time") and python3 >= 3.11.
set -euo pipefail
n=${1:-10000}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" >/dev/null
bin=$build/scarplan
/usr/bin/python3 "$root/bench/generate_patients.py" "$n" "$data/patients"
cd "$data/patients"

source "$root/bench/lib.sh" # best()

read -r toml_wall _ < <(best /usr/bin/python3 "$root/bench/tomllib_parse.py" ./*.toml)
read -r json_wall json_peak < <(best "$bin" plan --today 2026-11-22 -q -f json ./*.toml)
read -r ics_wall ics_peak < <(best "$bin" plan --today 2026-11-22 -q -f ics ./*.toml)
read -r check_wall check_peak < <(best "$bin" check --today 2026-11-22 -q ./*.toml)
/usr/bin/time -o "$data/time" -f "%e" bash -c "for i in \$(seq 50); do \"$bin\" plan --today 2026-11-22 -f json p000001.toml >/dev/null 2>&1; done"
single=$(tail -1 "$data/time")

awk -v n="$n" -v t="$toml_wall" -v j="$json_wall" -v jm="$json_peak" -v i="$ics_wall" -v im="$ics_peak" \
    -v c="$check_wall" -v cm="$check_peak" -v s="$single" -v cores="$(nproc)" -v runs="$runs" 'BEGIN {
  printf "scarplan batch benchmark: %d patients, %d cores, best of %d runs\n", n, cores, runs
  printf "%-28s %9s %11s %10s %10s\n", "what", "wall s", "plans/s", "/ tomllib", "peak MiB"
  printf "%-28s %9.3f %11s %10s %10s\n", "tomllib parse (baseline)", t, "-", "1.000", "-"
  printf "%-28s %9.3f %11.0f %10.3f %10.1f\n", "scarplan check", c, n / c, c / t, cm / 1024
  printf "%-28s %9.3f %11.0f %10.3f %10.1f\n", "scarplan plan -f json", j, n / j, j / t, jm / 1024
  printf "%-28s %9.3f %11.0f %10.3f %10.1f\n", "scarplan plan -f ics", i, n / i, i / t, im / 1024
  printf "one plan, process start included: %.1f ms (mean of 50)\n", s * 1000 / 50
  printf "targets: json <= 0.25, ics <= 0.33 of tomllib; peak < 64 MiB; one plan < 10 ms\n"
}'
