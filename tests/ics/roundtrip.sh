#!/usr/bin/env bash
# Plans several patients as .ics and JSON and has five independent parsers read the .ics back:
# python3-icalendar, libical (Evolution, GNOME), khal, ical.js (Thunderbird) and node-ical.
# Each must find every event, every session at the right UTC instant, and the text (names with
# commas, semicolons, quotes, newlines, emoji, accents, long enough to fold) exactly as written.
# Usage: roundtrip.sh BIN CHECK_LIBICAL SOURCE_DIR
set -u
bin=$1
libical=$2
src=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0
run() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }

# khal needs a configuration; its local zone is UTC, so it prints session times in UTC.
mkdir -p khal-config/khal khal-calendar
printf '[calendars]\n[[plans]]\npath = %s/khal-calendar\n[locale]\ntimeformat = %%H:%%M\ndateformat = %%Y-%%m-%%d\nlongdateformat = %%Y-%%m-%%d\ndatetimeformat = %%Y-%%m-%%d %%H:%%M\nlongdatetimeformat = %%Y-%%m-%%d %%H:%%M\ndefault_timezone = UTC\nlocal_timezone = UTC\n' "$work" >khal-config/khal/config

patient() { # FILE NAME_TOML START WEEKDAYS
  cat >"$1" <<EOT
[patient]
id = "RT-$(basename "$1" .toml)"
name = $2
birth_date = 1990-01-01
phototype = 4
[history]
herpes_simplex = true
[[scars]]
area = "cheek"
count = 12
width_mm = 5
depth_mm = 0.3
edges = "sloped"
note = "Long note; with, punctuation \\\\ and a newline\\nthat must never reach the calendar"
[[scars]]
area = "temple"
count = 3
width_mm = 1
depth_mm = 1
[preferences]
start = $3
weekdays = $4
with_name_in_calendar = true
adjuncts = ["prp"]
EOT
}
# A name with a line break is refused by the loader (it breaks calcurse), so a backslash, which
# iCal must escape, stands in for it.
patient hostile.toml '"Zoë \"Zed\" O'"'"'Brien, Jr.; née Ünal 😀 \\ second line"' 2027-02-16 '["tue"]'
patient long.toml '"Åsa-Maria Ñúñez de la Peña-Øvergård 😀😀 Żółkiewska-Łęcka, Dr. med.; Ph.D., Ærøskøbing, Île-de-France 🌸🌸🌸"' 2027-09-28 '["tue", "thu"]'
patient plain.toml '"Ana Souza"' 2027-01-11 '["wed"]'
names=(
  'Zoë "Zed" O'"'"'Brien, Jr.; née Ünal 😀 \ second line'
  'Åsa-Maria Ñúñez de la Peña-Øvergård 😀😀 Żółkiewska-Łęcka, Dr. med.; Ph.D., Ærøskøbing, Île-de-France 🌸🌸🌸'
  'Ana Souza'
)
sed 's/timezone = "America\/Toronto"/timezone = "Australia\/Sydney"/' "$src/data/clinic.toml" >sydney.toml
sed 's/timezone = "America\/Toronto"/timezone = "Asia\/Kolkata"/' "$src/data/clinic.toml" >kolkata.toml # +05:30, no DST

# Thunderbird's parser (ical.js) and node-ical, when .ci/install-deps has installed them.
js_readers=
if command -v node >/dev/null && [ -d "$here/node_modules/ical.js" ] && [ -d "$here/node_modules/node-ical" ]; then
  js_readers="icaljs node-ical"
else
  echo "FAIL: ical.js and node-ical are not installed (run .ci/install-deps)"
  failed=$((failed + 1))
fi

i=0
for case in hostile long plain; do
  name=${names[$i]}
  i=$((i + 1))
  for clinic in default sydney kolkata; do
    clinic_flag=()
    [ "$clinic" != default ] && clinic_flag=(--clinic "$clinic.toml")
    base="$case-$clinic"
    "$bin" plan --today 2026-11-22 "${clinic_flag[@]}" -f ics "$case.toml" >"$base.ics" || { echo "FAIL: plan $base"; failed=$((failed + 1)); continue; }
    "$bin" plan --today 2026-11-22 "${clinic_flag[@]}" -f json "$case.toml" >"$base.json"
    echo "== $base: $(grep -c '^BEGIN:VEVENT' "$base.ics") events written, $(LC_ALL=C awk 'length > 76' "$base.ics" | wc -l) lines over 75 octets"
    run /usr/bin/python3 "$here/check_icalendar.py" "$base.ics" "$base.json" "$name"
    "$libical" "$base.ics" >"$base.libical"
    run test $? = 0
    run /usr/bin/python3 "$here/compare_events.py" libical "$base.libical" "$base.json" "$name"
    if command -v khal >/dev/null; then
      XDG_CONFIG_HOME=$work/khal-config XDG_DATA_HOME=$work/khal-data khal printics --format '{start}|{end}|{title}' "$base.ics" >"$base.khal" 2>&1
      run /usr/bin/python3 "$here/compare_events.py" khal "$base.khal" "$base.json" "$name"
    fi
    for reader in $js_readers; do
      (cd "$here" && TZ=UTC node check_js.cjs "$reader" "$work/$base.ics") >"$base.$reader"
      run /usr/bin/python3 "$here/compare_events.py" "$reader" "$base.$reader" "$base.json" "$name"
    done
  done
done
# Several plans to one stream: one VCALENDAR that every parser reads whole.
"$bin" plan --today 2026-11-22 -q -f ics hostile.toml long.toml plain.toml >stream.ics
"$bin" plan --today 2026-11-22 -q -f jsonl hostile.toml long.toml plain.toml >stream.jsonl
"$libical" stream.ics >stream.libical
run test $? = 0
readers=(libical=stream.libical)
if command -v khal >/dev/null; then
  XDG_CONFIG_HOME=$work/khal-config XDG_DATA_HOME=$work/khal-data khal printics --format '{start}|{end}|{title}' stream.ics >stream.khal 2>&1
  run test $? = 0
  readers+=(khal=stream.khal)
fi
for reader in $js_readers; do
  (cd "$here" && TZ=UTC node check_js.cjs "$reader" "$work/stream.ics") >"stream.$reader"
  run test $? = 0
  readers+=("$reader=stream.$reader")
done
run /usr/bin/python3 "$here/check_stream.py" stream.ics stream.jsonl "${readers[@]}"
# A re-plan on a later day updates the events: same UIDs, a higher SEQUENCE.
"$bin" plan --today 2026-11-22 -f ics plain.toml >before.ics
"$bin" plan --today 2026-12-15 -f ics plain.toml >after.ics
run /usr/bin/python3 -c '
import sys, icalendar
old, new = (icalendar.Calendar.from_ical(open(f, "rb").read()) for f in sys.argv[1:3])
seq = lambda c: {str(e["UID"]): int(e["SEQUENCE"]) for e in c.walk("VEVENT")}
o, n = seq(old), seq(new)
same = set(o) & set(n)
sys.exit(0 if same and all(n[u] > o[u] for u in same) else 1)' before.ics after.ics
# A re-plan with --previous sends the events it no longer has as cancelled, with their UIDs.
printf '[patient]\nid = "RT-prev"\nbirth_date = 1990-01-01\nphototype = 3\n[[scars]]\narea = "cheek"\ncount = 25\nwidth_mm = 5\ndepth_mm = 0.3\nedges = "sloped"\n' >prev.toml
"$bin" plan --today 2026-11-22 -f ics prev.toml >prev-5.ics # grade 3, 25 lesions: 5 sessions
printf '[assessment]\ngoodman_grade = 2\n' >>prev.toml        # now 3 sessions
"$bin" plan --today 2026-12-01 -f ics --previous prev-5.ics prev.toml >prev-3.ics
run test $? = 0
"$libical" prev-3.ics >prev-3.libical
run test $? = 0
run /usr/bin/python3 -c '
import sys, icalendar
old, new = (icalendar.Calendar.from_ical(open(f, "rb").read()).walk("VEVENT") for f in sys.argv[1:3])
active = {str(e["UID"]) for e in new if str(e.get("STATUS", "")) != "CANCELLED"}
cancelled = {str(e["UID"]) for e in new if str(e.get("STATUS", "")) == "CANCELLED"}
gone = {str(e["UID"]) for e in old} - active
sessions = [e for e in new if str(e.get("STATUS", "")) == "CANCELLED" and "session 4" in str(e["SUMMARY"])]
ok = cancelled == gone and len(cancelled) > 0 and sessions and all(int(e["SEQUENCE"]) > 0 for e in new)
print("previous: %d events, %d cancelled" % (len(new), len(cancelled)))
sys.exit(0 if ok else 1)' prev-5.ics prev-3.ics
"$bin" plan --today 2026-12-01 -f ics --previous prev.toml prev.toml >/dev/null 2>prev.err
run test $? = 65
run grep -qF "expected an iCalendar file" prev.err

# A plan with no dated event writes no calendar, and says so.
printf '[patient]\nid = "RT-none"\nbirth_date = 1990-01-01\nphototype = 3\n[history]\nbleeding_disorder = true\n[[scars]]\narea = "cheek"\ncount = 5\nwidth_mm = 5\ndepth_mm = 0.3\n' >none.toml
"$bin" plan --today 2026-11-22 -f ics -o none.ics none.toml 2>none.err
run test $? = 1 -a ! -e none.ics
run grep -qF "no calendar written" none.err

command -v khal >/dev/null || echo "note: khal is not installed; its check was skipped"
echo "roundtrip: $passed passed, $failed failed"
[ "$failed" = 0 ]
