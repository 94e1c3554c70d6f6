#!/usr/bin/env bash
# Durable output files (issue 14): N plans written into -o DIR/ against the floor of the same
# work done by standard tools, `cp -r` of the same output folder followed by one `sync -f` of it
# (the durability paid once). The two alternate, best of RUNS runs each (default 5), in one run
# of this script. Goal: the -o DIR/ batch within 1.5x of the floor.
#
# Where: TMPDIR (default /var/tmp), or with FS=ram a new journaled ext4 in a RAM-backed loop
# device (needs root and /dev/loop*), where no other process's files are synced with ours and
# the figures repeat. This machine's own disk is an ext4 without a journal, and without one ext4
# skips, one by one, every inode freed in the last minute (five if its table block is not yet
# written back) when it allocates another: after a deletion of many files, creating files is
# quadratic for minutes (perf: 60% of cp -r in recently_deleted), for both sides but not
# equally. So every run writes into new folders, nothing is deleted before the end, and figures
# taken there after a large deletion are not comparable.
# With eatmydata installed (Debian package eatmydata, which makes syncfs and fsync do nothing),
# the batch is also run without its syncs, to split the figure into what the syncs cost and
# what planning and writing cost. And for scale, the same plans without any file: the batch to
# standard output, into /dev/null (compact JSON, a little less to write than the files' indented
# JSON): what planning alone costs.
# Usage: [RUNS=5] [BIN=path] [FS=ram] bench/durability.sh [N]
set -euo pipefail
n=${1:-10000}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
if [ -z "${BIN:-}" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$build" >/dev/null
fi
bin=$(realpath "${BIN:-$build/scarplan}")
[ -x "$bin" ] || { echo "durability.sh: no scarplan at $bin" >&2; exit 1; }
mounted=
image=
cleanup() {
  cd /
  if [ -n "$mounted" ]; then
    if mountpoint -q "$mounted"; then umount "$mounted"; fi
    rmdir "$mounted"
  elif [ -n "${data:-}" ]; then
    rm -rf "$data"
  fi
  if [ -n "$image" ]; then rm -f "$image"; fi
}
trap cleanup EXIT
if [ "${FS:-}" = ram ]; then
  # Room for the patients, the reference and 3 * RUNS copies of the output (about 24 KB a plan,
  # 28 KB in whole blocks): the batch, the floor's copy and the batch without its syncs.
  size=$(((3 * runs + 3) * n * 32 * 1024 + 256 * 1024 * 1024))
  free=$(($(df --output=avail -k /dev/shm | tail -1) * 1024))
  [ "$size" -lt "$free" ] || { echo "durability.sh: /dev/shm has $free bytes, $size needed" >&2; exit 1; }
  image=$(mktemp -p /dev/shm scarplan-bench-XXXXXX.img)
  truncate -s "$size" "$image"
  mkfs.ext4 -q -F "$image"
  mounted=$(mktemp -d)
  mount -o loop "$image" "$mounted"
  data=$mounted
else
  data=$(realpath "$(mktemp -d -p "${TMPDIR:-/var/tmp}")")
fi
where="$(findmnt -n -o FSTYPE,SOURCE --target "$data")"
/usr/bin/python3 "$root/bench/generate_patients.py" "$n" "$data/patients" >/dev/null
cd "$data"
"$bin" plan --today 2026-11-22 -q -f json -o reference/ patients/*.toml || true
count() { find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l; }
files=$(count reference)
[ "$files" -gt 0 ] || { echo "durability.sh: scarplan wrote no plans" >&2; exit 1; }
wrote_every_plan() { # a timed run's folder holds as many plans as the reference
  [ "$(count "$1")" = "$files" ] || { echo "durability.sh: $1 holds $(count "$1") of $files plans" >&2; exit 1; }
}
elapsed() { # seconds a command takes, to the millisecond
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}
lesser() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
best_plan=999
best_floor=999
best_nosync=999
best_stream=999
for run in $(seq "$runs"); do
  sync # each side starts with no one else's dirty data to flush (syncfs flushes the whole disk)
  best_plan=$(lesser "$(elapsed "$bin" plan --today 2026-11-22 -q -f json -o "out$run/" patients/*.toml)" "$best_plan")
  wrote_every_plan "out$run"
  sync
  best_floor=$(lesser "$(elapsed bash -c "cp -r reference copy$run && sync -f copy$run")" "$best_floor")
  wrote_every_plan "copy$run"
  best_stream=$(lesser "$(elapsed "$bin" plan --today 2026-11-22 -q -f json patients/*.toml)" "$best_stream")
  if command -v eatmydata >/dev/null; then
    sync
    best_nosync=$(lesser "$(elapsed eatmydata "$bin" plan --today 2026-11-22 -q -f json -o "nosync$run/" patients/*.toml)" "$best_nosync")
    wrote_every_plan "nosync$run"
  fi
done
awk -v n="$n" -v p="$best_plan" -v f="$best_floor" -v s="$best_nosync" -v runs="$runs" \
  -v stream="$best_stream" -v where="$where" -v bytes="$(du -sb reference | cut -f1)" 'BEGIN {
  printf "durable output: %d plans (%.0f MB) into -o DIR/ on %s, best of %d alternating runs\n", n, bytes / 1e6, where, runs
  printf "%-34s %8.3f s %9.0f files/s\n", "scarplan plan -f json -o DIR/", p, n / p
  printf "%-34s %8.3f s %9.0f files/s\n", "floor: cp -r DIR + sync -f", f, n / f
  printf "%-34s %8.3f s %9.0f files/s (ratio %.2f)\n", "planning alone, into /dev/null", stream, n / stream, stream / f
  if (s < 999) printf "%-34s %8.3f s %9.0f files/s (ratio %.2f)\n", "the same without its syncs", s, n / s, s / f
  printf "ratio %.2f (goal <= 1.5)\n", p / f
}'
