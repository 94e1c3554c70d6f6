#!/usr/bin/env bash
# Hostile input: every file gets a clear error or a sane plan within seconds, never a crash, a
# hang or unbounded memory. Usage: hostile.sh BIN
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0
head='[patient]
id = "H-1"
birth_date = 1990-01-01
phototype = 3
'
scar='[[scars]]
area = "cheek"
count = 5
width_mm = 3
depth_mm = 0.3
'
# case NAME EXPECTED_EXIT EXPECTED_STDERR_FRAGMENT: plans FILE NAME.toml (made beforehand)
case_() {
  local name=$1 want=$2 fragment=$3
  timeout 20 env ASAN_OPTIONS="${ASAN_OPTIONS:-}" "$bin" plan --today 2026-11-22 -f json "$name.toml" >out 2>err
  local got=$?
  if [ "$got" != "$want" ]; then
    failed=$((failed + 1)); echo "FAIL: $name: exit $got, expected $want"; head -3 err
  elif [ -z "$fragment" ] && [ -s err ]; then
    failed=$((failed + 1)); echo "FAIL: $name: expected no diagnostics"; head -3 err
  elif [ -n "$fragment" ] && ! grep -qF -- "$fragment" err; then
    failed=$((failed + 1)); echo "FAIL: $name: stderr lacks: $fragment"; head -3 err
  else
    passed=$((passed + 1))
  fi
}

{ printf '%s' "$head"; printf 'x = '; for i in $(seq 5000); do printf '['; done; for i in $(seq 5000); do printf ']'; done; echo; } >deep_nesting.toml
case_ deep_nesting 65 "deep_nesting.toml:"

{ printf '%s' "$head"; printf 'x = { a = '; for i in $(seq 3000); do printf '{ a = '; done; printf '1'; for i in $(seq 3001); do printf ' }'; done; echo; } >deep_tables.toml
case_ deep_tables 65 "deep_tables.toml:"

{ printf '%s' "$head"; for i in $(seq 5000); do printf '%s' "$scar"; done; } >many_scars.toml
case_ many_scars 65 "scars: expected at most 200 entries, found 5000"

{ printf '%s' "$head"; for i in $(seq 200); do printf '%s' "${scar/count = 5/count = 10000}"; done; } >most_scars.toml
case_ most_scars 0 ""

{ printf '%s' "$head" | sed 's/^id.*/id = "H-1"\nname = "'"$(head -c 100000 /dev/zero | tr '\0' 'x')"'"/'; printf '%s' "$scar"; } >long_name.toml
case_ long_name 65 "patient.name: expected at most 200 characters, found 100000"

{ printf '%s' "$head"; printf '%s' "$scar"; printf 'note = "%s"\n' "$(head -c 100000 /dev/zero | tr '\0' 'y')"; } >long_note.toml
case_ long_note 65 "scars[0].note: expected at most 1000 characters, found 100000"

{ printf '%s' "$head"; printf 'medications = ['; for i in $(seq 10000); do printf '"x",'; done; printf ']\n'; } >long_array.toml
case_ long_array 65 "unknown key"

{ printf '[history]\nmedications = ['; for i in $(seq 10000); do printf '"x",'; done; printf ']\n%s%s' "$head" "$scar"; } >many_medications.toml
case_ many_medications 65 "history.medications: expected at most 50 items, found 10000"

{ printf '%s' "$head"; printf '%s' "${scar/count = 5/count = 9223372036854775807}"; } >int64_max.toml
case_ int64_max 65 "scars[0].count: expected an integer from 1 to 10000, found 9223372036854775807"

{ printf '%s' "$head"; printf '%s' "${scar/count = 5/count = -9223372036854775808}"; } >int64_min.toml
case_ int64_min 65 "scars[0].count: expected an integer from 1 to 10000, found -9223372036854775808"

{ printf '%s' "$head"; printf '%s' "${scar/width_mm = 3/width_mm = 1.7976931348623157e308}"; } >double_max.toml
case_ double_max 65 "scars[0].width_mm: expected a number of millimetres above 0 up to 50"

{ printf '%s' "$head"; printf '%s' "${scar/width_mm = 3/width_mm = 5e-324}"; } >double_tiny.toml
case_ double_tiny 0 ""

{ printf '%s' "${head/1990-01-01/9999-12-31}"; printf '%s' "$scar"; } >far_future.toml
case_ far_future 65 "patient.birth_date: expected a date between 1900 and 2200, found one outside them"

{ printf '%s' "${head/1990-01-01/0001-01-01}"; printf '%s' "$scar"; } >far_past.toml
case_ far_past 65 "patient.birth_date: expected a date between 1900 and 2200, found one outside them"

{ printf '%s' "$head"; printf '%s' "$scar"; printf '[preferences]\nstart = 2199-12-31\n'; } >late_start.toml
case_ late_start 0 ""

{ printf '%s' "$head"; printf '%s' "$scar"; printf '[preferences]\ntime = "25:61"\n'; } >bad_time.toml
case_ bad_time 65 'preferences.time: expected a time of day "HH:MM" from 00:00 to 23:59, found "25:61"'

printf '%s' "$head" >nul_byte.toml; printf 'name = "a\000b"\n' >>nul_byte.toml; printf '%s' "$scar" >>nul_byte.toml
case_ nul_byte 65 "nul_byte.toml:5:10: error: expected text, found a NUL byte"

printf '%s' "$head" >bad_utf8.toml; printf 'name = "\355\240\200"\n' >>bad_utf8.toml; printf '%s' "$scar" >>bad_utf8.toml
case_ bad_utf8 65 "bad_utf8.toml:5:9: error: expected UTF-8 text, found an invalid byte sequence"

head -c 1100000 /dev/zero | tr '\0' '#' >too_large.toml
case_ too_large 65 "too_large.toml: error: expected a patient file of at most 1 MiB, found a larger file"

{ printf '%s' "$head"; for i in $(seq 50); do printf '[[sessions_done]]\ndate = 2026-%02d-%02d\n' $(( (i - 1) / 28 + 1 )) $(( (i - 1) % 28 + 1 )); done; printf '%s' "$scar"; } >many_done.toml
case_ many_done 0 ""

# Key paths 200,000 parts deep overflowed toml++'s stack (SIGSEGV, the whole batch lost): a
# dotted key, a table header, a dotted key inside an inline table; patient, clinic and protocol.
deep_path=$(printf 'a.%.0s' $(seq 200000))a
{ printf '%s%s[x]\n%s = 1\n' "$head" "$scar" "$deep_path"; } >deep_dotted_key.toml
case_ deep_dotted_key 65 "deep_dotted_key.toml:11:1: error: expected a key or table name of at most 32 dotted parts, found more"
{ printf '%s%s[%s]\n' "$head" "$scar" "$deep_path"; } >deep_header.toml
case_ deep_header 65 "deep_header.toml:10:2: error: expected a key or table name of at most 32"
{ printf '%s%sx = { %s = 1 }\n' "$head" "$scar" "$deep_path"; } >deep_inline_key.toml
case_ deep_inline_key 65 "deep_inline_key.toml:10:7: error: expected a key or table name of at most 32"
{ printf '%s%s' "$head" "$scar"; } >ok.toml
"$bin" plan --today 2026-11-22 -f json deep_dotted_key.toml ok.toml deep_header.toml >out 2>err
got=$?
if [ "$got" = 65 ] && grep -qF "scarplan: planned 1, not eligible 0, failed 2" err && [ "$(wc -l <out)" = 1 ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL: a batch with deep key paths: exit $got"; tail -3 err
fi
for which in clinic protocol; do
  { "$bin" defaults "$which"; printf '[%s]\n' "$deep_path"; } >"deep_$which.toml"
  "$bin" plan --today 2026-11-22 "--$which" "deep_$which.toml" ok.toml >out 2>err
  got=$?
  if [ "$got" = 65 ] && grep -qF "deep_$which.toml:" err && grep -qF "at most 32 dotted parts" err; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL: deep key path in the $which file: exit $got"; head -3 err
  fi
done

# check NAME COMMAND...: the command must succeed (a test of its own, output in out/err).
check() {
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; tail -3 err 2>/dev/null; fi
}
# Writing to a device or FIFO writes to it; --force never replaces it with a regular file.
# (through a symlink, so a build with the bug replaces the link, not this machine's /dev/null)
ln -s /dev/null null-device
"$bin" plan --today 2026-11-22 -f json -o null-device --force ok.toml >out 2>err
check "-o DEVICE --force writes to the device" test -L null-device -a -c null-device -a "$?" = 0
# -j 256 under a memory limit: threads that cannot start are done without (was: std::system_error,
# abort, no output). Not under AddressSanitizer, whose shadow memory needs no limit.
if [ -z "${ASAN_OPTIONS:-}" ] && ! ldd "$bin" 2>/dev/null | grep -q asan; then
  for i in $(seq 1 40); do { printf '%s' "$head" | sed "s/H-1/J-$i/"; printf '%s' "$scar"; } >"jobs-$i.toml"; done
  (ulimit -v 600000; "$bin" plan --today 2026-11-22 -j 256 -f json jobs-*.toml >jobs.out 2>jobs.err)
  got=$?
  check "-j 256 under ulimit -v plans every file with the workers that start" test "$got" = 0 -a "$(wc -l <jobs.out)" = 40
fi
# -j 256 into a folder under "ulimit -n 512": 600 files, none failing with EMFILE (the workers
# are sized by the limit: each holds an input and its waiting results' unnamed files).
for i in $(seq 1 600); do { printf '%s' "$head" | sed "s/H-1/F-$i/"; printf '%s' "$scar"; } >"fd-$i.toml"; done
mkdir fd-out
(ulimit -n 512; timeout 60 "$bin" plan --today 2026-11-22 -j 256 -f json -o fd-out/ fd-*.toml >fd.out 2>fd.err)
got=$?
check "-j 256 -o DIR/ under ulimit -n 512 writes every file" test "$got" = 0 -a "$(ls fd-out | wc -l)" = 600
mkfifo plan.fifo
(cat plan.fifo >fifo.out) &
reader=$!
timeout 10 "$bin" plan --today 2026-11-22 -f json -o plan.fifo --force ok.toml >out 2>err
sleep 0.2 # let the reader drain the FIFO
got=$?
kill $reader 2>/dev/null # a program that replaced the FIFO left the reader waiting
wait $reader 2>/dev/null
check "-o FIFO --force writes into the FIFO" test -p plan.fifo -a -s fifo.out -a "$got" = 0
mkdir -p not_a_file.json
"$bin" plan --today 2026-11-22 -f json -o not_a_file.json --force ok.toml >out 2>err
check "-o DIR-like path that is a folder of one input is refused or used as a folder" test "$?" != 139
# A FIFO nobody reads as -o: an error at once, not a hang.
mkfifo unread.fifo
timeout 10 "$bin" plan --today 2026-11-22 -f json -o unread.fifo ok.toml >out 2>err
got=$?
check "-o FIFO with no reader fails at once" test "$got" = 73
check "-o FIFO with no reader says so" grep -qF "a FIFO with no reader" err
# --force replaces a file only once the new one is named: the old one never goes missing.
"$bin" plan --today 2026-11-22 -q -f json -o forced/ ok.toml >/dev/null 2>&1
"$bin" plan --today 2026-11-22 -q -f json --force -o forced/ ok.toml >out 2>err
check "--force into a folder replaces the file" test "$?" = 0 -a -s forced/H-1.json -a "$(ls -A forced | wc -l)" = 1
# A FIFO with no writer as a patient file is refused at once, the batch goes on.
mkfifo patient.fifo
timeout 10 "$bin" plan --today 2026-11-22 -f json patient.fifo ok.toml >out 2>err
got=$?
check "a FIFO patient file does not hang the batch" test "$got" = 66 -a "$(wc -l <out)" = 1
check "the FIFO is named as not a regular file" grep -qF "patient.fifo: error: cannot read: not a regular file" err
# Ids that would name folders or options are refused.
for id in . .. -rf; do
  { printf '%s' "${head/H-1/$id}"; printf '%s' "$scar"; } >"id$id.toml"
  "$bin" check --today 2026-11-22 "id$id.toml" >out 2>err
  check "patient id \"$id\" refused" grep -qF "patient.id: expected 1 to 64 characters" err
done
# Time-zone names that are no IANA zone.
for zone in localtime posixrules; do
  "$bin" defaults clinic | sed "s#America/Toronto#$zone#" >"zone-$zone.toml"
  "$bin" check --today 2026-11-22 --clinic "zone-$zone.toml" ok.toml >out 2>err
  check "timezone $zone refused" grep -qF "clinic.timezone: expected an IANA time-zone name" err
done
# Terminal injection: no ESC, C1 or bidi override reaches stderr or stdout from a file name, an
# unknown key, a settings text or a note; names with control characters are refused.
esc=$(printf '\033')
cp ok.toml "evil${esc}[2J.toml"
printf '"k\\u001b[31m" = 1\n' >>"evil${esc}[2J.toml"
"$bin" plan --today 2026-11-22 "evil${esc}[2J.toml" >out 2>err
check "no ESC on stderr from a file name or key" test "$(grep -c "$esc" err)" = 0
"$bin" defaults protocol | sed 's/^text = "Come with bare skin/text = "\\u001b]0;pwned\\u0007\\u202E Come with bare skin/' >evil-protocol.toml
"$bin" plan --today 2026-11-22 --color never --explain --protocol evil-protocol.toml ok.toml >out 2>err
check "no ESC or bidi override on stdout from a protocol text" test "$(grep -c "$esc" out)" = 0 -a "$(grep -c $'\u202e' out)" = 0 -a -s out
{ printf '%s' "${head/id = \"H-1\"/id = \"H-1\"
name = \"Ana\\nSouza\"}"; printf '%s' "$scar"; } >newline_name.toml
"$bin" check --today 2026-11-22 newline_name.toml >out 2>err
check "a name with a line break is refused" grep -qF "patient.name: expected a name without control characters" err
# A 1 MB key name is cut in the message.
{ printf '%s%s' "$head" "$scar"; head -c 1000000 /dev/zero | tr '\0' 'k'; printf ' = 1\n'; } >long_key.toml
"$bin" check --today 2026-11-22 long_key.toml >out 2>err
check "a 1 MB key name is cut" test "$(wc -c <err)" -lt 400
# A birth date is never echoed.
{ printf '%s' "${head/1990-01-01/1850-03-04}"; printf '%s' "$scar"; } >old_birth.toml
"$bin" check --today 2026-11-22 old_birth.toml >out 2>err
check "an invalid birth date is not echoed" test "$(grep -c 1850 err)" = 0 -a -s err
# No acceptable day within a year: not planned, exit 1, said in the summary.
# (open only on Sundays, 30 minutes: too short for numbing and needling)
"$bin" defaults clinic | sed 's/^\(mon\|tue\|wed\|thu\|fri\) = .*/\1 = "closed"/; s/^sun = .*/sun = "10:00-10:30"/' >closed.toml
"$bin" plan --today 2026-11-22 -f json --clinic closed.toml ok.toml ok.toml >out 2>err
got=$?
check "no schedulable day exits 1" test "$got" = 65 -o "$got" = 1
"$bin" plan --today 2026-11-22 -f json --clinic closed.toml ok.toml >out 2>err
check "no schedulable day exits 1 for one file" test "$?" = 1
cp ok.toml ok2.toml; sed -i 's/H-1/H-2/' ok2.toml
"$bin" plan --today 2026-11-22 -f json --clinic closed.toml ok.toml ok2.toml >out 2>err
check "the summary counts days not found" grep -qF "no day found 2, failed 0" err
# Standard output that cannot be written: the summary does not say failed 0.
"$bin" plan --today 2026-11-22 -f json ok.toml ok2.toml >/dev/full 2>err
got=$?
check "a failed standard output is counted as failed" test "$got" = 74 && grep -qF "failed 2" err
# --with-name puts the name in CSV, as a last column.
{ printf '%s' "${head/id = \"H-1\"/id = \"H-1\"
name = \"Ana Souza\"}"; printf '%s' "$scar"; } >named.toml
"$bin" plan --today 2026-11-22 -f csv --with-name named.toml >out 2>err
check "--with-name: the CSV has the name" grep -q '^patient_id,.*,patient_name' out
check "--with-name: every CSV row ends with the name" test "$(grep -vc ',Ana Souza' out)" = 1
"$bin" plan --today 2026-11-22 -f csv named.toml >out 2>err
check "without --with-name no name in CSV" test "$(grep -c 'Ana Souza' out)" = 0
# Runaway recurrences in a --busy calendar: an answer within seconds, naming the event's line.
busy_event() { # busy_event RRULE
  printf 'BEGIN:VEVENT\r\nUID:%s@t\r\nDTSTAMP:20261120T000000Z\r\nDTSTART:19000101T000000Z\r\nDTEND:19000101T000001Z\r\nRRULE:%s\r\nEND:VEVENT\r\n' "$RANDOM" "$1"
}
for rule in FREQ=SECONDLY "FREQ=SECONDLY;COUNT=2000000000" "FREQ=MINUTELY;INTERVAL=1"; do
  { printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n'; busy_event "$rule"; printf 'END:VCALENDAR\r\n'; } >runaway.ics
  timeout 10 "$bin" book --today 2026-11-22 --busy runaway.ics ok.toml >out 2>err
  got=$?
  check "busy RRULE:$rule from 1900 answers within seconds" test "$got" = 65
  check "busy RRULE:$rule names the event's line" grep -qF "runaway.ics:4:1: error: RRULE: expected" err
done

# --previous cancels only events this patient's plan could have written, and copies no text of
# the file but a clean summary: another patient's or program's event, a summary of invalid UTF-8
# and a DTSTART with a parameter of its own stay out of the new calendar.
printf '[patient]\nid = "H-prev"\nbirth_date = 1990-01-01\nphototype = 3\n[[scars]]\narea = "cheek"\ncount = 25\nwidth_mm = 5\ndepth_mm = 0.3\nedges = "sloped"\n' >prev.toml
"$bin" plan --today 2026-11-22 -f ics prev.toml >prev-5.ics 2>/dev/null
/usr/bin/python3 - <<'PY'
text = open("prev-5.ics", "rb").read()
foreign = (b"BEGIN:VEVENT\r\nUID:0b0e6f1c-0000-4000-8000-000000000001\r\nDTSTAMP:20261120T000000Z\r\n"
           b"DTSTART:20270301T100000Z\r\nSUMMARY:Dentist (another program's event)\r\nEND:VEVENT\r\n")
# The last session's summary made invalid UTF-8, its DTSTART given a parameter of its own.
head, sep, rest = text.rpartition(b"SUMMARY:Microneedling")
rest = rest.replace(b"\r\n", b" \xff\xfe\x1b[31m\r\n", 1)
text = head + b"SUMMARY:Microneedling" + rest
text = text.replace(b"DTSTART;TZID=", b"DTSTART;X-EVIL=\"pwned\";TZID=")
text = text.replace(b"END:VCALENDAR", foreign + b"END:VCALENDAR")
open("prev-5.ics", "wb").write(text)
PY
printf '[assessment]\ngoodman_grade = 2\n' >>prev.toml # 3 sessions now: 4 and 5 are cancelled
"$bin" plan --today 2026-12-01 -f ics --previous prev-5.ics prev.toml >prev-3.ics 2>err
check "--previous with foreign events plans" test "$?" = 0
check "--previous cancels the patient's own events" grep -q "STATUS:CANCELLED" prev-3.ics
check "--previous leaves another program's event alone" test "$(grep -c 0b0e6f1c prev-3.ics)" = 0
check "--previous copies no parameter of the file" test "$(grep -c X-EVIL prev-3.ics)" = 0
check "--previous keeps the calendar clean UTF-8" /usr/bin/python3 -c 'import sys; t = open("prev-3.ics", "rb").read().decode("utf-8"); sys.exit(1 if "\x1b" in t else 0)'

echo "hostile: $passed passed, $failed failed"
[ "$failed" = 0 ]
