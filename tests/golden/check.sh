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
for patient in "$dir"/patients/*.toml; do
  name=$(basename "$patient" .toml)
  for format in text json ics csv md; do
    ext=$format
    [ "$format" = text ] && ext=txt
    expected="$dir/expected/$name.$ext"
    (cd "$dir/patients" && NO_COLOR=1 "$bin" plan --today 2026-11-22 -f "$format" "$name.toml" >"$actual" 2>/dev/null)
    if [ "${UPDATE:-}" = 1 ]; then
      cp "$actual" "$expected"
    elif ! cmp -s "$expected" "$actual"; then
      echo "FAIL: $name.$ext differs from the golden file:"
      diff -u "$expected" "$actual" | head -40
      failed=$((failed + 1))
    fi
    checked=$((checked + 1))
  done
done
echo "golden: $((checked - failed)) passed, $failed failed"
[ "$failed" = 0 ]
