#!/usr/bin/env bash
# The booking benchmark of issue 16. Builds a Release scarplan in build-bench/ and measures:
#   quality: 1,000 generated patients (starts spread over 2 years), 2 rooms with a 10-minute
#     turnover and a --busy calendar of 500 existing appointments: the share of sessions on the
#     day the plan alone gives them and inside their interval window, for the method (book) and
#     the baseline (book --method first-free: input order, first free slot); planned alone,
#     every session is on its target day by definition.
#   speed and growth: book against plan -f json over the same files, best of RUNS (default 3),
#     for N = 1,000 / 10,000 / 50,000 with 2 to 8 rooms, the starts spread so that each room's
#     load stays about the same (N / (rooms x 250) years): wall time, time per patient, the
#     ratio to plan -f json, peak resident memory.
# Usage: [RUNS=3] bench/book.sh [N...]   (default N: 1000 10000 50000)
set -euo pipefail
runs=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" >/dev/null
bin=$build/scarplan

clinic() { # ROOMS FILE: the built-in clinic with ROOMS rooms
  { "$bin" defaults clinic; printf '\n[capacity]\nslot_minutes = 15\nbuffer_minutes = 10\n'
    for r in $(seq "$1"); do printf '\n[[rooms]]\nname = "Room %d"\n' "$r"; done; } >"$2"
}
busy() { # COUNT YEARS ROOMS FILE: existing one-hour appointments on opening days
  /usr/bin/python3 - "$@" <<'PY'
import datetime, random, sys
count, years, rooms, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = random.Random(7)
lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//scarplan bench//EN"]
for i in range(count):
    day = datetime.date(2027, 1, 4) + datetime.timedelta(days=rng.randrange(365 * years))
    while day.weekday() == 6:
        day += datetime.timedelta(days=1)
    start = datetime.datetime.combine(day, datetime.time(rng.randint(10, 16), rng.choice([0, 30])))
    end = start + datetime.timedelta(hours=1)
    lines += ["BEGIN:VEVENT", f"UID:busy-{i}@bench", "DTSTAMP:20261120T000000Z",
              f"DTSTART;TZID=America/Toronto:{start:%Y%m%dT%H%M%S}",
              f"DTEND;TZID=America/Toronto:{end:%Y%m%dT%H%M%S}",
              f"LOCATION:Room {rng.randint(1, rooms)}", "END:VEVENT"]
open(path, "w").write("\r\n".join(lines + ["END:VCALENDAR"]) + "\r\n")
PY
}
source "$root/bench/lib.sh" # best()
share() { # REPORT.json: on target and inside window, as percentages of the sessions
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = max(1, r["sessions"])
print("%5.1f%% on target day, %5.1f%% inside window, %d after it, %d not placed, of %d sessions"
      % (100 * r["on_target_day"] / n, 100 * r["inside_window"] / n, r["outside_window"], r["not_placed"], r["sessions"]))
PY
}

echo "== quality: 1,000 patients, 2 rooms, 500 existing appointments"
/usr/bin/python3 "$root/bench/generate_patients.py" 1000 "$data/q" 42 2 >/dev/null
clinic 2 "$data/clinic2.toml"
busy 500 2 2 "$data/busy.ics"
cd "$data/q"
common=(--today 2026-11-22 --clinic "$data/clinic2.toml" --busy "$data/busy.ics" -q -o "$data/out/" --force)
"$bin" book "${common[@]}" --report "$data/method.json" ./*.toml || true
"$bin" book "${common[@]}" --method first-free --report "$data/baseline.json" ./*.toml || true
echo "  method (nearest target): $(share "$data/method.json")"
echo "  baseline (first free):   $(share "$data/baseline.json")"
echo "  planned alone:           100.0% on target day (the target), no capacity"

echo "== speed: book against plan -f json (best of $runs)"
printf '  %8s %5s %5s  %9s %9s %6s  %11s  %8s %8s\n' patients rooms years "plan s" "book s" ratio "book us/pt" "plan MB" "book MB"
for n in ${@:-1000 10000 50000}; do
  for rooms in 2 8; do
    [ "$n" -ge 10000 ] && [ "$rooms" = 2 ] && continue # 2 rooms cannot hold 10,000 courses a year
    years=$(( (n + rooms * 250 - 1) / (rooms * 250) ))
    rm -rf "$data/p"
    /usr/bin/python3 "$root/bench/generate_patients.py" "$n" "$data/p" 42 "$years" >/dev/null
    clinic "$rooms" "$data/clinic.toml"
    busy 500 "$years" "$rooms" "$data/busy-n.ics"
    cd "$data/p"
    read -r plan_wall plan_peak < <(best sh -c "\"$bin\" plan --today 2026-11-22 --clinic \"$data/clinic.toml\" -q -f json ./*.toml >/dev/null")
    read -r book_wall book_peak < <(best sh -c "\"$bin\" book --today 2026-11-22 --clinic \"$data/clinic.toml\" --busy \"$data/busy-n.ics\" -q -f json ./*.toml >/dev/null")
    awk -v n="$n" -v r="$rooms" -v y="$years" -v p="$plan_wall" -v b="$book_wall" -v pm="$plan_peak" -v bm="$book_peak" \
      'BEGIN { printf "  %8d %5d %5d  %9.3f %9.3f %6.2f  %11.1f  %8.1f %8.1f\n", n, r, y, p, b, b / p, 1e6 * b / n, pm / 1024, bm / 1024 }'
  done
done
