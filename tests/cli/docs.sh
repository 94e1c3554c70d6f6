#!/usr/bin/env bash
# The documentation stays usable: every man page renders without a warning under
# `man --warnings`, documents every option the binary accepts, and the bash completion offers
# them. Usage: docs.sh BIN SOURCE_DIR
set -u
bin=$1
src=$2
passed=0
failed=0
for page in "$src"/man/*.[15]; do
  warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
  if [ -z "$warnings" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $page: $warnings"; fi
done
# Every long option of every command appears in scarplan(1) and in the completion.
for command in plan classify check init; do
  for option in $("$bin" "$command" --help | grep -o -- '--[a-z-]*' | sort -u); do
    if grep -qF -- "${option//-/\\-}" "$src/man/scarplan.1"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $command $option is not in scarplan.1"; fi
    if grep -qF -- " $option" "$src/data/completion/scarplan.bash"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $command $option is not completed"; fi
  done
done
bash -n "$src/data/completion/scarplan.bash" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: completion syntax"; }
echo "docs: $passed passed, $failed failed"
[ "$failed" = 0 ]
