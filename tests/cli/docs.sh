#!/usr/bin/env bash
# The documentation stays usable: every man page renders without a warning under
# `man --warnings`, documents every option the binary accepts, and the bash completion offers
# them, in bash, zsh and fish; the built pages and --version carry the project's version.
# Usage: docs.sh BIN SOURCE_DIR BUILD_DIR VERSION
set -u
bin=$1
src=$2
build=$3   # where the man pages were configured with the version and date
version=$4
passed=0
failed=0
for page in "$build"/man/*.[15]; do
  warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
  if [ -z "$warnings" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $page: $warnings"; fi
done
# Every long option of every command appears in scarplan(1) and in the completion.
for command in plan classify next progress book agenda done assess check init; do
  for option in $("$bin" "$command" --help | grep -o -- '--[a-z-]*' | sort -u); do
    if grep -qF -- "${option//-/\\-}" "$src/man/scarplan.1"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $command $option is not in scarplan.1"; fi
    if grep -qF -- " $option" "$src/data/completion/scarplan.bash"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $command $option is not completed"; fi
    if grep -qF -- "$option" "$src/data/completion/_scarplan"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $command $option is not in the zsh completion"; fi
    if grep -qF -- "-l ${option#--}" "$src/data/completion/scarplan.fish"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $command $option is not in the fish completion"; fi
  done
done
bash -n "$src/data/completion/scarplan.bash" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: completion syntax"; }
for shell in zsh fish; do
  file=$src/data/completion/_scarplan
  [ "$shell" = fish ] && file=$src/data/completion/scarplan.fish
  if command -v "$shell" >/dev/null; then
    "$shell" -n "$file" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: $shell completion syntax"; }
  else
    echo "note: $shell is not installed; its completion's syntax was not checked"
  fi
done
# The bash completion offers the values of --color and --format, also written --color=.
complete_words() { # WORD...: what the bash completion offers for the last word
  (
    complete() { :; }
    # shellcheck disable=SC1090
    source "$src/data/completion/scarplan.bash"
    compgen() { builtin compgen "$@"; }
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    _scarplan
    printf '%s\n' "${COMPREPLY[@]}"
  )
}
for words in "scarplan plan --color a" "scarplan plan --color = a" "scarplan plan --color =" \
             "scarplan plan --format f" "scarplan plan --format = f" "scarplan next -f j"; do
  read -r -a argv <<<"$words"
  offered=$(complete_words "${argv[@]}" | tr '\n' ' ')
  case $words in
    *color*) want=always ;;
    *" f") want=fhir ;;
    *) want=json ;;
  esac
  [[ "$words" == *"color ="* ]] && want=auto
  if [[ " $offered " == *" $want "* ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: completing '$words' offers '$offered', not $want"; fi
done
# The man pages carry the build's version.
for page in "$build"/man/*.[15]; do
  if head -1 "$page" | grep -qF "scarplan $version"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $page: not version $version"; fi
done
if "$bin" --version | grep -qF "scarplan $version" && "$bin" -V | grep -qF "scarplan $version"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: --version"; fi
echo "docs: $passed passed, $failed failed"
[ "$failed" = 0 ]
