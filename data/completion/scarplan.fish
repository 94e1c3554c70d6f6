# fish completion for scarplan(1)
set -l commands plan classify next progress done assess check init defaults help
complete -c scarplan -f
complete -c scarplan -n "not __fish_seen_subcommand_from $commands" -a "$commands"
complete -c scarplan -n "__fish_seen_subcommand_from defaults" -a "clinic protocol"
complete -c scarplan -n "__fish_seen_subcommand_from help" -a "plan classify next progress done assess check init defaults"
for command in plan classify next progress check
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l today -r -d "the reference day YYYY-MM-DD"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l clinic -r -F -d "clinic settings file"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l protocol -r -F -d "protocol file"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -s j -l jobs -r -d "parallel workers"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -s q -l quiet -d "no summary line"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -a "(__fish_complete_suffix .toml)"
end
for command in plan classify next progress
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -s o -l output -r -F -d "output file or folder"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l force -d "replace existing output files"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l explain -d "the rule and source behind every decision"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l color -x -a "auto always never" -d "colour"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l lines -d "JSON Lines, an error record per failed file"
end
complete -c scarplan -n "__fish_seen_subcommand_from plan" -s f -l format -x -a "text json jsonl ics csv md fhir html" -d "output format"
complete -c scarplan -n "__fish_seen_subcommand_from classify next" -s f -l format -x -a "text json jsonl" -d "output format"
complete -c scarplan -n "__fish_seen_subcommand_from progress" -s f -l format -x -a "text json jsonl csv svg" -d "output format"
complete -c scarplan -n "__fish_seen_subcommand_from plan" -l start -r -d "earliest day for the first session"
complete -c scarplan -n "__fish_seen_subcommand_from plan" -l with-name -d "put the name into exported formats"
complete -c scarplan -n "__fish_seen_subcommand_from init" -s o -l output -r -F -d "the file to write"
complete -c scarplan -n "__fish_seen_subcommand_from init" -l force -d "replace an existing file"
complete -c scarplan -s h -l help -d "show help"
complete -c scarplan -n "not __fish_seen_subcommand_from $commands" -s V -l version -d "print the version"
complete -c scarplan -n "__fish_seen_subcommand_from defaults" -l where -d "which settings files are in use"
complete -c scarplan -n "__fish_seen_subcommand_from done" -l date -r -d "the day the session was given"
complete -c scarplan -n "__fish_seen_subcommand_from done" -l depth -r -d "the needle depth used, mm"
complete -c scarplan -n "__fish_seen_subcommand_from done" -l note -r -d "a note on the session"
complete -c scarplan -n "__fish_seen_subcommand_from assess" -l date -r -d "the day of the assessment"
complete -c scarplan -n "__fish_seen_subcommand_from assess" -l score -r -d "the Goodman-Baron score given directly, 0-84"
complete -c scarplan -n "__fish_seen_subcommand_from assess" -l scar -r -d "a scar group measured that day, KEY=VALUE,..."
complete -c scarplan -n "__fish_seen_subcommand_from assess" -l grade -x -a "1 2 3 4" -d "the qualitative grade"
complete -c scarplan -n "__fish_seen_subcommand_from assess" -l rating -r -d "the patient's own rating, 0-10"
complete -c scarplan -n "__fish_seen_subcommand_from assess" -l note -r -d "a note on the visit"
for command in done assess
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l today -r -d "the reference day"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l clinic -r -F -d "clinic settings file"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -l protocol -r -F -d "protocol file"
    complete -c scarplan -n "__fish_seen_subcommand_from $command" -a "(__fish_complete_suffix .toml)"
end
complete -c scarplan -n "__fish_seen_subcommand_from plan" -l previous -r -F -d "the plan's earlier calendar (.ics)"
