# bash completion for scarplan(1)
_scarplan()
{
  local cur prev command i
  COMPREPLY=()
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  # "--color=al": bash splits the word at "=", so the option is two words back.
  if [[ $cur == "=" ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    cur=
  elif [[ $prev == "=" ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  command=
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      plan | classify | next | progress | book | agenda | done | assess | check | init | defaults | help) command=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "plan classify next progress book agenda done assess check init defaults help --help --version -V" -- "$cur"))
    return
  fi
  case $prev in
    -f | --format)
      if [[ $command == classify || $command == next ]]; then
        COMPREPLY=($(compgen -W "text json jsonl" -- "$cur"))
      elif [[ $command == agenda ]]; then
        COMPREPLY=($(compgen -W "text json" -- "$cur"))
      elif [[ $command == progress ]]; then
        COMPREPLY=($(compgen -W "text json jsonl csv svg" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "text json jsonl ics csv md fhir html" -- "$cur"))
      fi
      return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --method) COMPREPLY=($(compgen -W "nearest-target first-free" -- "$cur")); return ;;
    --busy | --calendar) COMPREPLY=($(compgen -f -X '!*.ics' -- "$cur") $(compgen -d -- "$cur")); return ;;
    --report) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --from | --to) return ;;
    --today | --start | -j | --jobs | --date | --depth | --note | --score | --grade | --rating | --scar) return ;;
    --clinic | --protocol) COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur") $(compgen -d -- "$cur")); return ;;
    -o | --output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  local options
  case $command in
    plan) options="-f --format -o --output --today --start --short-prep --clinic --protocol --explain --with-name --lines --previous -j --jobs --force --color -q --quiet --help" ;;
    classify) options="-f --format -o --output --today --clinic --protocol --explain --lines -j --jobs --force --color -q --quiet --help" ;;
    next) options="-f --format -o --output --today --clinic --protocol --explain --lines -j --jobs --force --color -q --quiet --help" ;;
    book) options="-f --format -o --output --today --start --short-prep --clinic --protocol --busy --calendar --report --method --explain --with-name --lines -j --jobs --force --color -q --quiet --help" ;;
    agenda) options="-f --format -o --output --today --from --to --clinic --protocol --busy --explain -j --jobs --force --color -q --quiet --help" ;;
    progress) options="-f --format -o --output --today --clinic --protocol --explain --lines -j --jobs --force --color -q --quiet --help" ;;
    done) options="--date --depth --note --today --clinic --protocol --help" ;;
    assess) options="--date --score --scar --grade --rating --note --today --clinic --protocol --help" ;;
    check) options="--today --clinic --protocol -j --jobs -q --quiet --help" ;;
    init) options="-o --output --force --help" ;;
    defaults) COMPREPLY=($(compgen -W "clinic protocol --where" -- "$cur")); return ;;
    help) COMPREPLY=($(compgen -W "plan classify next progress book agenda done assess check init defaults" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur") $(compgen -d -- "$cur"))
  fi
}
complete -o filenames -F _scarplan scarplan
