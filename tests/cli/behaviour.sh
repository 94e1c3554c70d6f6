#!/usr/bin/env bash
# Behaviour of the scarplan binary as scripts see it: batches, standard input, output files,
# exit statuses, settings files, usage errors, reproducibility. Usage: behaviour.sh BIN SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
chmod 755 "$work" # the read-only test reads its input as another user
cd "$work" || exit 1
export SOURCE_DATE_EPOCH= NO_COLOR=
passed=0
failed=0
today="--today 2026-11-22"

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# expect STATUS DESCRIPTION -- COMMAND...: runs COMMAND, checks its exit status; output in out/err.
expect() {
  local want=$1 what=$2
  shift 3
  "$@" >out 2>err
  local got=$?
  if [ "$got" = "$want" ]; then ok; else fail "$what: exit $got, expected $want"; sed 's/^/    /' err | head -5; fi
}
contains() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; fi; }
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 should not contain: $2"; else ok; fi; }

patient() { # patient ID [HISTORY_LINES]
  printf '[patient]\nid = "%s"\nbirth_date = 1990-01-01\nphototype = 3\n[history]\n%s\n[[scars]]\narea = "cheek"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = "sloped"\n' "$1" "${2:-}"
}
patient A >a.toml
patient B >b.toml
patient C "pregnant = true" >c.toml
printf '[patient]\nid = 5\n' >bad.toml
patient A >a-again.toml

# --- batches ---
expect 65 "mixed batch" -- "$bin" plan $today -f json a.toml bad.toml c.toml b.toml
contains err "bad.toml:2:6: error: patient.id:"
contains err "scarplan: planned 2, not eligible 1, failed 1"
[ "$(wc -l <out)" = 3 ] && ok || fail "mixed batch: expected 3 JSON lines, got $(wc -l <out)"
/usr/bin/python3 -c 'import json,sys; ids=[json.loads(l)["patient"]["id"] for l in open("out")]; sys.exit(ids != ["A","C","B"])' && ok || fail "JSON Lines are not valid JSON in input order"

expect 65 "duplicate ids" -- "$bin" plan $today -q a.toml b.toml a-again.toml
contains err 'a-again.toml:2:6: error: patient.id: expected an id unique in the batch, found "A", the id of a.toml'
lacks err "planned"

expect 1 "not eligible is exit 1" -- "$bin" plan $today a.toml c.toml
expect 66 "unreadable wins over invalid" -- "$bin" plan $today bad.toml missing.toml a.toml
contains err "missing.toml: error: cannot read: No such file or directory"

mkdir -p many
for i in $(seq 1 60); do patient "P$i" >"many/p$i.toml"; done
expect 0 "ordering under -j 2" -- "$bin" plan $today -j 2 -f json many/p{1..60}.toml
/usr/bin/python3 -c 'import json,sys; ids=[json.loads(l)["patient"]["id"] for l in open("out")]; sys.exit(ids != ["P%d" % i for i in range(1, 61)])' && ok || fail "-j 2 changed the order"
contains err "scarplan: planned 60, not eligible 0, failed 0"

expect 0 "one CSV header for several inputs" -- "$bin" plan $today -f csv a.toml b.toml
[ "$(grep -c '^patient_id,' out)" = 1 ] && ok || fail "CSV header repeated"

# --- standard input ---
expect 0 "stdin" -- sh -c "\"$bin\" plan $today - <a.toml"
contains out "scarplan plan A"
expect 65 "invalid stdin is named <stdin>" -- sh -c "\"$bin\" check $today - <bad.toml"
contains err "<stdin>:2:6: error: patient.id:"
expect 2 "stdin twice" -- "$bin" check $today - -
expect 0 "check of valid files prints nothing" -- "$bin" check $today a.toml b.toml
[ ! -s out ] && [ ! -s err ] && ok || fail "check printed something for valid files"
expect 65 "check of a batch with a problem sums up" -- "$bin" check $today a.toml bad.toml
contains err "scarplan: checked 2, invalid 1"

# --- output files ---
expect 0 "-o DIR" -- "$bin" plan $today -f ics -o plans a.toml b.toml
[ -f plans/A.ics ] && [ -f plans/B.ics ] && ok || fail "-o DIR did not write <id>.ics"
[ "$(stat -c %a plans/A.ics)" = 600 ] && ok || fail "output mode is not 600"
[ "$(stat -c %a plans)" = 700 ] && ok || fail "created folder mode is not 700"
expect 0 "-o - is standard output" -- "$bin" plan $today -f json -o - a.toml
contains out '"schema": "scarplan-plan/1"'
[ ! -e ./- ] && ok || fail "-o - created a file named -"
expect 0 "-o DIR/ for one input is a folder" -- "$bin" plan $today -f json -o single/ a.toml
[ -f single/A.json ] && ok || fail "-o single/ did not write single/A.json"
expect 73 "no overwrite without --force" -- "$bin" plan $today -f ics -o plans a.toml
contains err "plans/A.ics: error: cannot write the plan of a.toml: exists (use --force to replace it)"
expect 0 "--force overwrites" -- "$bin" plan $today -f ics -o plans --force a.toml
expect 65 "an invalid input leaves no file" -- "$bin" plan $today -f json -o single.json bad.toml
[ ! -e single.json ] && ok || fail "invalid input left a file"
# A folder we may not write to (as nobody when run as root, where permissions do not bind).
mkdir readonly && chmod 555 readonly && cp a.toml readonly-input.toml && chmod 644 readonly-input.toml
as_other=()
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && as_other=(setpriv --reuid=65534 --regid=65534 --clear-groups)
expect 73 "read-only folder" -- "${as_other[@]}" "$bin" plan $today -o readonly/x.txt readonly-input.toml
contains err "readonly/x.txt: error: cannot write the plan of readonly-input.toml: Permission denied"
[ -z "$(ls -A readonly)" ] && ok || fail "read-only folder got a partial file"
# A disk that fills part-way: a file-size limit makes the write fail (EFBIG) after it began.
mkdir full
expect 74 "a write that fails part-way" -- bash -c "trap '' XFSZ; ulimit -f 8; exec \"$bin\" plan $today -f ics -o full/a.ics a.toml"
contains err "full/a.ics: error: cannot write the plan of a.toml: File too large"
[ -z "$(ls -A full)" ] && ok || fail "a failed write left a file: $(ls -A full)"
expect 73 "an output path under a file" -- "$bin" plan $today -o a.toml/x.txt b.toml
contains err "a.toml/x.txt: error: cannot write the plan of b.toml: Not a directory"
if [ -w /dev/full ]; then
  expect 74 "a full disk on standard output" -- sh -c "\"$bin\" plan $today a.toml >/dev/full"
fi

# --- reproducibility ---
"$bin" plan $today -f ics a.toml >first.ics
"$bin" plan $today -f ics a.toml >second.ics
cmp -s first.ics second.ics && ok || fail "same input, different bytes"
# SOURCE_DATE_EPOCH is an instant; "today" is its date at the clinic (America/Toronto).
SOURCE_DATE_EPOCH=1795323600 "$bin" plan -f json a.toml >epoch.json # 2026-11-22T05:00Z, 00:00 there
"$bin" plan $today -f json a.toml >today.json
cmp -s epoch.json today.json && ok || fail "SOURCE_DATE_EPOCH and --today disagree"
SOURCE_DATE_EPOCH=1795402800 "$bin" plan -f json a.toml >late.json # 2026-11-23T03:00Z, 22:00 on the 22nd there
cmp -s late.json today.json && ok || fail "at 22:00 in Toronto the reference day is still the 22nd"
SOURCE_DATE_EPOCH=1795305600 "$bin" plan -f json a.toml >utc-midnight.json # 19:00 on the 21st there
contains utc-midnight.json '"reference_day": "2026-11-21"'
"$bin" defaults clinic | sed 's#America/Toronto#Pacific/Auckland#' >auckland.toml
SOURCE_DATE_EPOCH=1795305600 "$bin" plan -f json --clinic auckland.toml a.toml >auckland.json # 13:00 on the 22nd
contains auckland.json '"reference_day": "2026-11-22"'

# --- JSON Lines: one record per input, whatever their number; an error record in a failure's place
expect 0 "--lines for one file" -- "$bin" plan $today --lines a.toml
if [ "$(wc -l <out)" = 1 ]; then ok; else fail "--lines: expected one line"; fi
contains out '"input":"a.toml"'
expect 65 "-f jsonl with a failure" -- "$bin" plan $today -f jsonl a.toml bad.toml b.toml
if [ "$(wc -l <out)" = 3 ]; then ok; else fail "-f jsonl: expected three records"; fi
if sed -n 2p out | grep -qF '{"schema":"scarplan-error/1","input":"bad.toml","error":{"problems":[{"line":'; then ok; else fail "no error record in the failure's place"; fi
contains err "bad.toml:2:6: error: patient.id:"
expect 65 "-o all.jsonl for several inputs: one file" -- "$bin" plan $today -o all.jsonl a.toml bad.toml b.toml
if [ -f all.jsonl ] && [ "$(wc -l <all.jsonl)" = 3 ] && sed -n 2p all.jsonl | grep -qF '"schema":"scarplan-error/1"'; then ok; else fail "-o all.jsonl: expected one file of three records"; fi
expect 65 "-f ics with no plan at all" -- "$bin" plan $today -f ics bad.toml bad.toml
if [ -s out ]; then fail "-f ics with no event wrote an empty VCALENDAR"; else ok; fi
expect 2 "--lines with another format" -- "$bin" plan $today --lines -f csv a.toml

# --- -o FILE.EXT implies the format; a contradicting -f is a usage error
expect 0 "-o plan.ics" -- "$bin" plan $today -o implied.ics a.toml
if head -1 implied.ics | grep -q "BEGIN:VCALENDAR"; then ok; else fail "-o implied.ics is not iCalendar"; fi
expect 0 "-o plan.csv" -- "$bin" plan $today -o implied.csv a.toml
contains implied.csv "patient_id,date"
expect 2 "-f json -o plan.ics" -- "$bin" plan $today -f json -o contradiction.ics a.toml
if [ -e contradiction.ics ]; then fail "a usage error wrote a file"; else ok; fi
expect 2 "bad SOURCE_DATE_EPOCH" -- env SOURCE_DATE_EPOCH=yesterday "$bin" plan a.toml

# --- settings files ---
"$bin" defaults clinic >clinic.toml
cmp -s clinic.toml "$src/data/clinic.toml" && ok || fail "defaults clinic differs from data/clinic.toml"
"$bin" defaults protocol >protocol.toml
cmp -s protocol.toml "$src/data/protocol.toml" && ok || fail "defaults protocol differs from data/protocol.toml"
sed 's/face = "300.00"/face = 300.00/' clinic.toml >float-clinic.toml
expect 65 "a float price in --clinic" -- "$bin" plan $today --clinic float-clinic.toml a.toml
contains err "float-clinic.toml:37:8: error: prices.face: expected a quoted decimal string"
expect 65 "SCARPLAN_CLINIC is read" -- env SCARPLAN_CLINIC=float-clinic.toml "$bin" check $today a.toml
sed 's/currency = "CAD"/currency = "JPY"/; s/"\([0-9]*\)\.00"/"\1"/' clinic.toml >yen.toml
expect 0 "a yen clinic" -- "$bin" plan $today --clinic yen.toml -f json a.toml
contains out '"currency": "JPY"'
expect 66 "missing --protocol" -- "$bin" check $today --protocol nowhere.toml a.toml
contains err "nowhere.toml: error: cannot read: No such file or directory"
head -c 1100000 /dev/zero | tr '\0' '#' >huge-clinic.toml
expect 65 "a settings file over 1 MiB" -- "$bin" check $today --clinic huge-clinic.toml a.toml
contains err "huge-clinic.toml: error: expected a settings file of at most 1 MiB, found a larger file"

# --- init ---
expect 0 "init" -- "$bin" init -o new.toml
expect 0 "the template checks" -- "$bin" check $today new.toml
[ ! -s out ] && [ ! -s err ] && ok || fail "check printed something for a valid file"
expect 73 "init never overwrites" -- "$bin" init -o new.toml
expect 0 "init --force" -- "$bin" init -o new.toml --force

# --- usage ---
expect 2 "no command" -- "$bin"
expect 2 "unknown command" -- "$bin" frobnicate
expect 2 "unknown option" -- "$bin" plan --frob a.toml
expect 2 "bad --today" -- "$bin" plan --today 2026-02-30 a.toml
contains err 'scarplan: error: --today: expected a date YYYY-MM-DD, found "2026-02-30"'
expect 2 "bad --format" -- "$bin" plan -f pdf a.toml
expect 2 "no files" -- "$bin" plan
expect 0 "--help" -- "$bin" --help
contains out "plan"
expect 0 "--version" -- "$bin" --version
contains out "scarplan 0.1.0"

# --- a killed batch leaves no temporary files, and a finished one every file ---
mkdir killing
for i in $(seq 3000); do patient "K$i" >"killing/k$i.toml"; done
"$bin" plan $today -q -f ics -j 2 -o killed/ killing/*.toml >/dev/null 2>&1 &
victim=$!
sleep 0.4
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
if [ "$(id -u)" = 0 ]; then # O_TMPFILE files are linked into place with AT_EMPTY_PATH, which needs root
  if [ -d killed ] && ls -A killed | grep -q '^\.scarplan-'; then fail "kill -9 left temporary files"; else ok; fi
else
  echo "SKIP: unnamed temporary files need CAP_DAC_READ_SEARCH to be linked; not root"
fi
for file in killed/*.ics; do # whatever was written before the kill is complete
  [ -e "$file" ] || continue
  if tail -c 15 "$file" | grep -q "END:VCALENDAR"; then :; else fail "$file is incomplete after kill -9"; break; fi
done
ok
expect 0 "a batch into a folder" -- "$bin" plan $today -q -f json -o folder/ killing/k1*.toml
if [ "$(ls folder | wc -l)" = 1111 ] && [ "$(ls -A folder | grep -c '^\.')" = 0 ]; then ok; else fail "folder: $(ls -A folder | wc -l) entries, expected 1111 plans"; fi
if [ "$(stat -c %a folder/K1.json)" = 600 ]; then ok; else fail "folder/K1.json: mode $(stat -c %a folder/K1.json)"; fi
expect 73 "a second batch into the same folder refuses to replace" -- "$bin" plan $today -q -f json -o folder/ killing/k1.toml killing/k2.toml
expect 0 "--force replaces" -- "$bin" plan $today -q -f json --force -o folder/ killing/k1.toml killing/k2.toml

# --- scarplan next: the next visit and the preparation still to come ---
expect 0 "next" -- "$bin" next $today a.toml
contains out "A: "
contains out "session 1 of 4"
contains out "  from 2026-12-"
expect 1 "next -f json" -- "$bin" next $today -f json a.toml c.toml # c is deferred
if /usr/bin/python3 -c '
import json, sys
a, c = (json.loads(l) for l in open("out"))
plan = json.load(open("today.json"))
ok = (a["schema"] == "scarplan-next/1" and a["next"]["date"] == plan["sessions"][0]["date"]
      and a["next"]["start"] == plan["sessions"][0]["start"] and a["next"]["kind"] == "session"
      and all(p["from"] >= "2026-11-22" for p in a["next"]["prep"]) and c["next"] is None
      and c["status"] == "deferred")
sys.exit(0 if ok else 1)'; then ok; else fail "next -f json does not match the plan"; fi

# --- scarplan done: a session recorded, every byte before the entry unchanged ---
{ printf '\357\273\277# a comment kept\r\n'; patient D | sed 's/$/\r/'; } >crlf.toml   # BOM and CRLF
patient E | head -c -1 >no-newline.toml                                                  # no final newline
{ printf '# the clinic keeps notes here\n'; patient F; printf '[[sessions_done]]\ndate = 2026-10-01 # first\n'; } >commented.toml
chmod 640 commented.toml
for file in crlf.toml no-newline.toml commented.toml; do
  cp "$file" "$file.before"
  expect 0 "done $file" -- "$bin" done $today "$file" --date 2026-11-20 --depth 1.5 --note 'mild "erythema", 2 days'
  size=$(stat -c %s "$file.before")
  if cmp -s <(head -c "$size" "$file") "$file.before"; then ok; else fail "done $file changed the bytes before the entry"; fi
  expect 0 "the file stays valid after done: $file" -- "$bin" check $today "$file"
done
if grep -q $'date = 2026-11-20\r$' crlf.toml; then ok; else fail "done did not keep CRLF"; fi
if [ "$(stat -c %a commented.toml)" = 640 ]; then ok; else fail "done changed the mode to $(stat -c %a commented.toml)"; fi
expect 0 "a re-plan after done" -- "$bin" plan $today -f json commented.toml
if /usr/bin/python3 -c '
import json, sys
plan = json.load(open("out"))
ok = (plan["sessions_done"][-1] == {"date": "2026-11-20", "depth_mm": 1.5, "note": "mild \"erythema\", 2 days"}
      and plan["recommendation"]["sessions_done"] == 2 and plan["sessions"][0]["number"] == 3)
sys.exit(0 if ok else 1)'; then ok; else fail "the re-plan after done is not numbered from the sessions given"; fi
cp commented.toml commented.before
expect 65 "done in the future" -- "$bin" done $today commented.toml --date 2026-11-23
contains err "commented.toml: error: --date: expected a date on or before the reference day 2026-11-22"
expect 65 "done before the last session" -- "$bin" done $today commented.toml --date 2026-11-01
contains err "expected a date on or after the last session recorded, 2026-11-20"
expect 65 "done on an invalid file" -- "$bin" done $today bad.toml --date 2026-11-20
if cmp -s commented.toml commented.before; then ok; else fail "a refused done changed the file"; fi
if ls -A | grep -q '^\.scarplan-'; then fail "done left a temporary file"; else ok; fi

# --- scarplan assess: an assessment recorded the same way, then read by progress ---
for file in crlf.toml no-newline.toml commented.toml; do
  cp "$file" "$file.before"
  expect 0 "assess $file (score)" -- "$bin" assess $today "$file" --date 2026-11-20 --score 18 --grade 3 --rating 6.5 --note 'before session 2'
  expect 0 "assess $file (groups)" -- "$bin" assess $today "$file" --date 2026-11-21 --scar area=cheek,count=4,width_mm=5,depth_mm=0.3,edges=sloped --scar area=temple,count=2,width_mm=1.2,depth_mm=1.1
  size=$(stat -c %s "$file.before")
  if cmp -s <(head -c "$size" "$file") "$file.before"; then ok; else fail "assess $file changed the bytes before the entry"; fi
  expect 0 "the file stays valid after assess: $file" -- "$bin" check $today "$file"
done
if grep -q $'goodman_score = 18\r$' crlf.toml; then ok; else fail "assess did not keep CRLF"; fi
expect 0 "progress after assess" -- "$bin" progress $today -f json commented.toml
if /usr/bin/python3 -c '
import json, sys
report = json.load(open("out"))
visits = report["progress"]["visits"]
ok = (report["schema"] == "scarplan-progress/1" and len(visits) == 3 and visits[0]["score_from"] == "groups"
      and report["progress"]["baseline_from_plan"] and visits[1]["score"] == 18 and visits[1]["patient_rating"] == 6.5
      and visits[1]["note"] == "before session 2" and visits[2]["score_from"] == "groups"
      and visits[1]["sessions_before"] == 1 and visits[2]["sessions_before"] == 2)
sys.exit(0 if ok else 1)'; then ok; else fail "progress does not read what assess recorded"; fi
cp commented.toml commented.before
expect 65 "assess on the day of the last assessment" -- "$bin" assess $today commented.toml --date 2026-11-21 --score 3
contains err "expected a date after the last assessment recorded, 2026-11-21"
expect 65 "assess with a bad group" -- "$bin" assess $today commented.toml --date 2026-11-22 --scar area=cheeks,count=4
contains err "assessments[2].scars[0].area: the entry cannot be appended: expected one of"
expect 2 "assess with a score and groups" -- "$bin" assess $today commented.toml --date 2026-11-22 --score 3 --scar area=cheek
expect 2 "assess with neither" -- "$bin" assess $today commented.toml --date 2026-11-22
expect 2 "assess with a malformed group" -- "$bin" assess $today commented.toml --date 2026-11-22 --scar cheek
if cmp -s commented.toml commented.before; then ok; else fail "a refused assess changed the file"; fi
expect 2 "svg for several patients to one stream" -- "$bin" progress $today -f svg commented.toml crlf.toml
expect 0 "svg for several patients into a folder" -- "$bin" progress $today -q -o charts/ -f svg commented.toml crlf.toml
if [ -s charts/F.svg ] && [ "$(stat -c %a charts/F.svg)" = 600 ]; then ok; else fail "progress -o DIR/ -f svg wrote no private chart"; fi
expect 0 "agenda of several patients into one file" -- "$bin" agenda $today -q -o agenda.txt a.toml b.toml
if [ -f agenda.txt ] && grep -q "^scarplan agenda" agenda.txt && [ "$(stat -c %a agenda.txt)" = 600 ]; then ok; else fail "agenda -o FILE did not write one private file"; fi
expect 0 "next and classify into a folder" -- "$bin" next $today -q -o next-dir/ -f json a.toml b.toml
if [ -s next-dir/A.json ] && [ -s next-dir/B.json ]; then ok; else fail "next -o DIR/ wrote no files"; fi

# --- settings: flag > environment > XDG configuration > built in ---
mkdir -p xdg/scarplan
"$bin" defaults clinic | sed 's/^name = .*/name = "XDG Clinic"/' >xdg/scarplan/clinic.toml
"$bin" defaults clinic | sed 's/^name = .*/name = "Env Clinic"/' >env-clinic.toml
"$bin" defaults clinic | sed 's/^name = .*/name = "Flag Clinic"/' >flag-clinic.toml
XDG_CONFIG_HOME=$work/xdg "$bin" plan $today -f json a.toml >out 2>err
contains out '"name": "XDG Clinic"'
XDG_CONFIG_HOME=$work/xdg SCARPLAN_CLINIC=env-clinic.toml "$bin" plan $today -f json a.toml >out 2>err
contains out '"name": "Env Clinic"'
XDG_CONFIG_HOME=$work/xdg SCARPLAN_CLINIC=env-clinic.toml "$bin" plan $today -f json --clinic flag-clinic.toml a.toml >out 2>err
contains out '"name": "Flag Clinic"'
XDG_CONFIG_HOME=$work/xdg "$bin" defaults --where >out 2>err
contains out "clinic: $work/xdg/scarplan/clinic.toml (XDG configuration)"
contains out "protocol: built in"
HOME=$work XDG_CONFIG_HOME= "$bin" defaults --where >out 2>err
contains out "no $work/.config/scarplan/clinic.toml"

# --- truthful exits and privacy (issue 25, items 9 and 12) ---
clinic=$src/tests/golden/book/clinic.toml
busy=$src/tests/golden/book/busy.ics
# One value per flag: the patient files after --busy are patients, not calendars.
expect 0 "book --busy FILE then patients" -- "$bin" book $today --clinic "$clinic" --busy "$busy" -f json -q a.toml b.toml
[ "$(wc -l <out)" = 2 ] && ok || fail "book --busy swallowed the patient files: $(wc -l <out) plans"
expect 0 "assess --scar twice then the file" -- "$bin" assess $today --date 2026-11-20 --scar area=cheek,count=3,width_mm=2,depth_mm=0.3 --scar area=chin,count=1,width_mm=2,depth_mm=0.3 a-again.toml
[ "$(grep -c '^\[\[assessments.scars\]\]' a-again.toml)" = 2 ] && ok || fail "assess kept $(grep -c assessments.scars a-again.toml) scar groups"
# next and agenda say "not treatable" as plan does.
expect 1 "next of a deferred patient" -- "$bin" next $today c.toml
expect 1 "agenda of a deferred patient" -- "$bin" agenda $today --clinic "$clinic" c.toml
expect 0 "next of an eligible patient" -- "$bin" next $today a.toml
# -o x.fhir.json names the FHIR format.
expect 0 "-o x.fhir.json" -- "$bin" plan $today -o x.fhir.json a.toml
contains x.fhir.json '"resourceType": "Bundle"'
# An invalid name is not echoed (it is personal data).
printf '[patient]\nid = "N"\nname = "Ana Secret\t"\nbirth_date = 1990-01-01\nphototype = 3\n' >tab-name.toml
expect 65 "a name with a TAB" -- "$bin" check tab-name.toml
lacks err "Secret"
# A room name with a bidi override is refused at load.
sed 's/^name = "Room 1"/name = "Room\xe2\x80\xae1"/' "$clinic" >bidi-clinic.toml
expect 65 "a room name with a bidi control" -- "$bin" book $today --clinic bidi-clinic.toml a.toml
contains err "expected a room name without control characters"
# The clinic calendar names patients only with --with-name, whatever their own file says.
{ patient W | sed 's/^id = "W"/id = "W"\nname = "Wanda Private"/'; printf '[preferences]\nwith_name_in_calendar = true\n'; } >w.toml
expect 0 "book --calendar" -- "$bin" book $today --clinic "$clinic" --calendar clinic.ics -q w.toml
lacks clinic.ics "Wanda"
expect 0 "book --calendar --with-name" -- "$bin" book $today --clinic "$clinic" --calendar clinic2.ics --with-name -q w.toml
contains clinic2.ics "Wanda"

echo "behaviour: $passed passed, $failed failed"
[ "$failed" = 0 ]
