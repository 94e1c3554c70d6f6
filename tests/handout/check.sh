#!/usr/bin/env bash
# The patient's handout (-f html) of every golden patient: valid HTML (tidy), readable and
# self-contained (check_html.py), and printed by a real browser, headless Chromium, on A4 and
# on US Letter to a PDF that check_pdf.py reads back with poppler (page count, margins, every
# session date, the course total). One screenshot per golden case is kept in ARTEFACTS.
# Usage: check.sh BIN SOURCE_DIR ARTEFACTS
set -u
bin=$1
src=$2
artefacts=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artefacts"
passed=0
failed=0
result() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $2"; fi; }
browser=$(command -v chromium || command -v chromium-browser)
[ -n "$browser" ] || { echo "FAIL: no chromium: run .ci/install-deps"; exit 1; }
print() { # HTML PDF: the page printed as Chromium prints it
  "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/profile" --print-to-pdf="$2" "$1" >/dev/null 2>&1
}
for patient in "$src"/tests/golden/patients/*.toml; do
  name=$(basename "$patient" .toml)
  html=$work/$name.html
  "$bin" plan --today 2026-11-22 -q -f json "$patient" >"$work/$name.json"
  "$bin" plan --today 2026-11-22 -q -f html "$patient" >"$html"
  tidy -q -e "$html" >"$work/tidy" 2>&1
  result $? "$name: tidy: $(cat "$work/tidy")"
  patient_name=$(sed -n 's/^name = "\(.*\)"/\1/p' "$patient" | head -1)
  python3 "$src/tests/handout/check_html.py" "$html" ${patient_name:+--no-name "$patient_name"}
  result $? "$name: the handout is not readable or not self-contained"
  if [ -n "$patient_name" ]; then
    "$bin" plan --today 2026-11-22 -q -f html --with-name "$patient" >"$work/$name-named.html"
    python3 "$src/tests/handout/check_html.py" "$work/$name-named.html" --name "$patient_name"
    result $? "$name: --with-name does not show the name"
  fi
  # The page has no size of its own (the print dialog chooses): each paper is given here.
  for paper in a4 letter; do
    sed "s/@page { /@page { size: $paper; /" "$html" >"$work/$name-$paper.html"
    print "$work/$name-$paper.html" "$work/$name-$paper.pdf"
    if [ -s "$work/$name-$paper.pdf" ]; then
      python3 "$src/tests/handout/check_pdf.py" "$work/$name-$paper.pdf" "$work/$name.json" "$paper"
      result $? "$name: the $paper print"
    else
      result 1 "$name: chromium printed no PDF on $paper"
    fi
  done
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size=900,3600 --screenshot="$artefacts/handout-$name.png" "$html" >/dev/null 2>&1
  [ -s "$artefacts/handout-$name.png" ]
  result $? "$name: no screenshot"
done
echo "handout: $passed passed, $failed failed (screenshots in $artefacts)"
[ "$failed" = 0 ]
