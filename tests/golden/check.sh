#!/usr/bin/env bash
# Golden outputs: every patients/*.toml planned in every format on a fixed reference day and
# compared byte for byte with expected/<name>.<ext>. UPDATE=1 rewrites the expected files
# (review the diff before committing them). Usage: check.sh BIN GOLDEN_DIR
set -u
bin=$1
dir=$2
failed=0
checked=0
mkdir -p "$dir/expected"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
# compare FILE COMMAND...: the command's output (run beside the patients) against expected/FILE.
compare() {
  local expected=$dir/expected/$1
  shift
  (cd "$dir/patients" && NO_COLOR=1 "$bin" "$@" >"$actual" 2>/dev/null)
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$actual" "$expected"
  elif ! cmp -s "$expected" "$actual"; then
    echo "FAIL: $(basename "$expected") differs from the golden file:"
    diff -u "$expected" "$actual" | head -40
    failed=$((failed + 1))
  fi
  checked=$((checked + 1))
}
extension() { [ "$1" = text ] && echo txt || echo "$1"; }
for patient in "$dir"/patients/*.toml; do
  name=$(basename "$patient" .toml)
  for format in text json ics csv md html; do
    compare "$name.$(extension $format)" plan --today 2026-11-22 -f "$format" "$name.toml"
  done
  # A course followed over assessments: its progress report in every format of progress.
  grep -q '^\[\[assessments\]\]' "$patient" || continue
  for format in text json csv svg; do
    compare "$name.progress.$(extension $format)" progress --today 2026-11-22 -f "$format" "$name.toml"
  done
done
# A small clinic booked as a whole (tests/golden/book): every plan with its room, the agenda,
# the capacity report and the clinic calendar.
booking=(--today 2026-11-22 --clinic ../book/clinic.toml --busy ../book/busy.ics -q)
patients=(ana-souza.toml course-followed.toml dst-holiday.toml pregnant.toml)
compare book.jsonl book "${booking[@]}" -f jsonl "${patients[@]}"
compare book.txt book "${booking[@]}" -f text "${patients[@]}"
compare agenda.txt agenda "${booking[@]}" --to 2027-02-28 "${patients[@]}"
compare agenda.json agenda "${booking[@]}" --to 2027-02-28 -f json "${patients[@]}"
# The files book writes beside the plans: compared like the outputs above.
files=$(mktemp -d)
(cd "$dir/patients" && "$bin" book "${booking[@]}" -o "$files/plans/" --report "$files/capacity.txt" \
  --calendar "$files/clinic.ics" "${patients[@]}"; "$bin" book "${booking[@]}" -o "$files/json/" \
  --report "$files/capacity.json" "${patients[@]}")
for name in capacity.txt capacity.json clinic.ics; do
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$files/$name" "$dir/expected/$name"
  elif ! cmp -s "$dir/expected/$name" "$files/$name"; then
    echo "FAIL: $name differs from the golden file:"
    diff -u "$dir/expected/$name" "$files/$name" | head -40
    failed=$((failed + 1))
  fi
  checked=$((checked + 1))
done
rm -rf "$files"
echo "golden: $((checked - failed)) passed, $failed failed"
[ "$failed" = 0 ]
