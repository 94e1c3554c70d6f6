#!/usr/bin/env bash
# Runs one end-to-end case, a patient file that carries its own expectations in comments:
#   # run: ARGS        scarplan's arguments, FILE standing for the case (default: check --today 2026-11-22 FILE)
#   # exit: N          the exit status
#   # stderr: LINE     each line of standard error, in order (none: stderr must be empty)
#   # stdout: TEXT     a line standard output must contain (none: stdout must be empty if exit >= 2)
#   # files: NAME      a file the run must leave beside the case (none: it must leave nothing)
# The case runs in a fresh folder, so the diagnostics name it by its bare file name.
set -u
bin=$1
case_path=$2
name=$(basename "$case_path")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/run"
cp "$case_path" "$work/run/$name"
cd "$work/run" || exit 1

args=$(sed -n 's/^# run: //p' "$name")
[ -n "$args" ] || args="check --today 2026-11-22 FILE"
args=${args//FILE/$name}
expected_exit=$(sed -n 's/^# exit: //p' "$name")
sed -n 's/^# stderr: //p' "$name" >"$work/expected_stderr"
read -r -a argv <<<"$args"
"$bin" "${argv[@]}" >"$work/stdout" 2>"$work/stderr" </dev/null
status=$?

failed=0
if [ "$status" != "$expected_exit" ]; then
  echo "exit status: expected $expected_exit, got $status"
  failed=1
fi
if ! diff -u "$work/expected_stderr" "$work/stderr"; then
  echo "standard error differs (above: - expected, + actual)"
  failed=1
fi
if grep -q '^# stdout: ' "$name"; then
  while IFS= read -r want; do
    grep -qF -- "$want" "$work/stdout" || { echo "standard output lacks: $want"; failed=1; }
  done < <(sed -n 's/^# stdout: //p' "$name")
elif [ "$status" -ge 2 ] && [ -s "$work/stdout" ]; then
  echo "standard output should be empty after a failure, got:"
  head -5 "$work/stdout"
  failed=1
fi
{ echo "$name"; sed -n 's/^# files: //p' "$name"; } | sort >"$work/expected_files"
ls -A | sort >"$work/actual_files"
if ! diff -u "$work/expected_files" "$work/actual_files"; then
  echo "files left behind differ (above: - expected, + actual)"
  failed=1
fi
for file in $(sed -n 's/^# files: //p' "$name"); do
  mode=$(stat -c %a "$file")
  [ "$mode" = 600 ] || { echo "$file: mode $mode, expected 600"; failed=1; }
done
exit $failed
