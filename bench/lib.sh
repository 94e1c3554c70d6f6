# Shared by the benchmarks: source it after setting $runs and $data.

# best COMMAND...: the best wall seconds of $runs runs and the highest peak KB (output
# discarded). Wall time from the clock in nanoseconds (/usr/bin/time gives hundredths, 4% of a
# 0.25 s batch); peak memory from /usr/bin/time.
best() {
  local wall_ns=999999999999 peak=0 start end m
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    /usr/bin/time -o "$data/time" -f "%M" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    m=$(tail -1 "$data/time")
    if [ $((end - start)) -lt "$wall_ns" ]; then wall_ns=$((end - start)); fi
    if [ "$m" -gt "$peak" ]; then peak=$m; fi
  done
  echo "$(awk -v ns="$wall_ns" 'BEGIN { printf "%.3f", ns / 1e9 }') $peak"
}
