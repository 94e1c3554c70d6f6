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
case_ far_future 65 "patient.birth_date: expected a date between 1900 and 2200, found date 9999-12-31"

{ printf '%s' "${head/1990-01-01/0001-01-01}"; printf '%s' "$scar"; } >far_past.toml
case_ far_past 65 "patient.birth_date: expected a date between 1900 and 2200, found date 0001-01-01"

{ printf '%s' "$head"; printf '%s' "$scar"; printf '[preferences]\nstart = 2199-12-31\n'; } >late_start.toml
case_ late_start 0 ""

{ printf '%s' "$head"; printf '%s' "$scar"; printf '[preferences]\ntime = "25:61"\n'; } >bad_time.toml
case_ bad_time 65 'preferences.time: expected a time of day "HH:MM" from 00:00 to 23:59, found "25:61"'

printf '%s' "$head" >nul_byte.toml; printf 'name = "a\000b"\n' >>nul_byte.toml; printf '%s' "$scar" >>nul_byte.toml
case_ nul_byte 65 "nul_byte.toml:5:10: expected text, found a NUL byte"

printf '%s' "$head" >bad_utf8.toml; printf 'name = "\355\240\200"\n' >>bad_utf8.toml; printf '%s' "$scar" >>bad_utf8.toml
case_ bad_utf8 65 "bad_utf8.toml:5:9: expected UTF-8 text, found an invalid byte sequence"

head -c 1100000 /dev/zero | tr '\0' '#' >too_large.toml
case_ too_large 65 "too_large.toml: expected a patient file of at most 1 MiB, found a larger file"

{ printf '%s' "$head"; for i in $(seq 50); do printf '[[sessions_done]]\ndate = 2026-%02d-%02d\n' $(( (i - 1) / 28 + 1 )) $(( (i - 1) % 28 + 1 )); done; printf '%s' "$scar"; } >many_done.toml
case_ many_done 0 ""

# Key paths 200,000 parts deep overflowed toml++'s stack (SIGSEGV, the whole batch lost): a
# dotted key, a table header, a dotted key inside an inline table; patient, clinic and protocol.
deep_path=$(printf 'a.%.0s' $(seq 200000))a
{ printf '%s%s[x]\n%s = 1\n' "$head" "$scar" "$deep_path"; } >deep_dotted_key.toml
case_ deep_dotted_key 65 "deep_dotted_key.toml:11:1: expected a key or table name of at most 32 dotted parts, found more"
{ printf '%s%s[%s]\n' "$head" "$scar" "$deep_path"; } >deep_header.toml
case_ deep_header 65 "deep_header.toml:10:2: expected a key or table name of at most 32"
{ printf '%s%sx = { %s = 1 }\n' "$head" "$scar" "$deep_path"; } >deep_inline_key.toml
case_ deep_inline_key 65 "deep_inline_key.toml:10:7: expected a key or table name of at most 32"
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

echo "hostile: $passed passed, $failed failed"
[ "$failed" = 0 ]
