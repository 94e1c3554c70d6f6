#!/usr/bin/env bash
# A patient file is a medical record: done and assess lose nothing, whatever happens (records
# made at once, links, permissions, extended attributes and ACLs, kills, size, records that
# cannot be true). Usage: records.sh BIN
set -u
bin=$1
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
chmod 755 "$work" # the permission test writes as another user
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
same() { if cmp -s "$1" "$2"; then ok; else fail "$3"; fi; }
no_leftovers() { # no temporary or hidden file of scarplan's in the folder
  if ls -A "${1:-.}" | grep -q '^\.scarplan-'; then fail "$2: left $(ls -A "${1:-.}" | grep '^\.scarplan-' | head -1)"; else ok; fi
}
patient() { # patient ID [EXTRA_LINES]
  printf '[patient]\nid = "%s"\nbirth_date = 1990-01-01\nphototype = 3\n%s\n[[scars]]\narea = "cheek"\ncount = 12\nwidth_mm = 5\ndepth_mm = 0.3\nedges = "sloped"\n' "$1" "${2:-}"
}
day() { date -u -d "2026-01-01 + $1 days" +%F; } # day N of 2026, N from 0

# --- 1. records made at once are all kept ---
# 50 `done` started together on one file while another program holds its lock, so all of them
# wait on the same file and all but the first find it replaced when they get the lock. Each
# date is distinct; one that comes after a later date is refused (65, out of order), which
# loses nothing. Every record reported made must be in the file.
patient P >parallel.toml
tries=50
flock parallel.toml sleep 1 &
holder=$!
sleep 0.2
for i in $(seq 0 $((tries - 1))); do
  ( "$bin" done $today parallel.toml --date "$(day "$i")" >/dev/null 2>"err.$i"; echo $? >"status.$i" ) &
done
wait
recorded=0 refused=0 lost=0 other=0
for i in $(seq 0 $((tries - 1))); do
  case $(cat "status.$i") in
  0)
    recorded=$((recorded + 1))
    grep -q "^date = $(day "$i")\$" parallel.toml || lost=$((lost + 1)) ;;
  65)
    if grep -q "expected a date on or after the last session recorded" "err.$i"; then
      refused=$((refused + 1))
    else
      other=$((other + 1)); sed 's/^/    /' "err.$i"
    fi ;;
  *) other=$((other + 1)); sed 's/^/    /' "err.$i" ;;
  esac
done
entries=$(grep -c '^\[\[sessions_done\]\]' parallel.toml)
echo "records: $tries done at once: $recorded recorded, $refused refused as out of order, $lost lost, $other failed otherwise; $entries entries in the file"
[ "$lost" = 0 ] && [ "$other" = 0 ] && [ "$entries" = "$recorded" ] && [ "$recorded" -ge 1 ] && ok || fail "records made at once were lost"
expect 0 "the file is valid after records made at once" -- "$bin" check $today parallel.toml
no_leftovers . "records made at once"
# In date order, one after the other as a clinic would: all 50 recorded.
patient Q >serial.toml
for i in $(seq 0 $((tries - 1))); do "$bin" done $today serial.toml --date "$(day "$i")" 2>/dev/null || fail "done $(day "$i") refused"; done
[ "$(grep -c '^\[\[sessions_done\]\]' serial.toml)" = "$tries" ] && ok || fail "50 records in a row are not all there"

# --- 2. links ---
mkdir -p records
patient L >records/linked.toml
ln -s records/linked.toml link.toml
expect 0 "done through a symbolic link" -- "$bin" done $today link.toml --date 2026-11-20
[ -L link.toml ] && ok || fail "done replaced the symbolic link by a file"
grep -q '^date = 2026-11-20$' records/linked.toml && ok || fail "done through a link did not edit its target"
no_leftovers records "done through a link"
patient H >hard.toml
ln hard.toml hard-too.toml
cp hard.toml hard.before
expect 73 "done on a file with two hard links" -- "$bin" done $today hard.toml --date 2026-11-20
contains err "2 hard links"
same hard.toml hard.before "a refused done changed a hard-linked file"
[ "$(stat -c %h hard.toml)" = 2 ] && ok || fail "the hard links were separated"
rm hard-too.toml

# --- 3. permissions, extended attributes, ACLs ---
patient R >readonly.toml
chmod 444 readonly.toml
cp readonly.toml readonly.before
expect 73 "done on a read-only file (as root too)" -- "$bin" done $today readonly.toml --date 2026-11-20
contains err "read-only"
same readonly.toml readonly.before "a refused done changed a read-only file"
[ "$(stat -c %a readonly.toml)" = 444 ] && ok || fail "the read-only file's mode changed"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  patient O >others.toml
  chmod 644 others.toml
  cp others.toml others.before
  chmod 777 . # the folder is writable: only the file's permission refuses
  expect 73 "done on another user's file" -- setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" done $today others.toml --date 2026-11-20
  same others.toml others.before "done as another user changed the file"
  chmod 755 .
else
  echo "SKIP: done on another user's file needs root and setpriv"
fi
patient X >xattr.toml
chmod 640 xattr.toml
# A user attribute and an access ACL (user nobody may read), set with python's os.setxattr.
if /usr/bin/python3 - <<'EOF'
import os, struct, sys
entries = [(0x01, 6, 0xFFFFFFFF), (0x02, 4, 65534), (0x04, 4, 0xFFFFFFFF), (0x10, 4, 0xFFFFFFFF), (0x20, 0, 0xFFFFFFFF)]
acl = struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)
try:
    os.setxattr("xattr.toml", "user.clinic", b"kept")
    os.setxattr("xattr.toml", "system.posix_acl_access", acl)
except OSError as error:
    print("SKIP: extended attributes or ACLs refused here (%s)" % error.strerror)
    sys.exit(1)
open("acl.before", "wb").write(os.getxattr("xattr.toml", "system.posix_acl_access"))
EOF
then
  expect 0 "done on a file with extended attributes" -- "$bin" done $today xattr.toml --date 2026-11-20
  if /usr/bin/python3 -c '
import os, sys
ok = (os.getxattr("xattr.toml", "user.clinic") == b"kept"
      and os.getxattr("xattr.toml", "system.posix_acl_access") == open("acl.before", "rb").read())
sys.exit(0 if ok else 1)'; then ok; else fail "done lost an extended attribute or the ACL"; fi
  [ "$(stat -c %a xattr.toml)" = 640 ] && ok || fail "done changed the mode of a file with an ACL to $(stat -c %a xattr.toml)"
fi

# --- 4. killed in the middle: nothing left, the file whole ---
patient K >killed.toml
cp killed.toml killed.before
SCARPLAN_TEST_PAUSE_BEFORE_RENAME=20 "$bin" done $today killed.toml --date 2026-11-20 2>/dev/null &
victim=$!
sleep 1
kill -9 "$victim"
wait "$victim" 2>/dev/null
same killed.toml killed.before "kill -9 during done changed the file"
no_leftovers . "kill -9 during done"
expect 0 "done after a killed done (its lock went with it)" -- timeout 10 "$bin" done $today killed.toml --date 2026-11-20
for signal in TERM HUP; do # deferred until the file is replaced: the record is then whole
  patient T >"$signal.toml"
  SCARPLAN_TEST_PAUSE_BEFORE_RENAME=2 "$bin" done $today "$signal.toml" --date 2026-11-20 2>/dev/null &
  victim=$!
  sleep 1
  kill -s "$signal" "$victim"
  wait "$victim" 2>/dev/null
  expect 0 "the file is valid after SIG$signal during done" -- "$bin" check $today "$signal.toml"
  no_leftovers . "SIG$signal during done"
done
# An output replaced with --force has a hidden name for an instant between link and rename; a
# run killed there leaves it, and the next run into that folder removes it.
expect 0 "a plan into a folder" -- "$bin" plan $today -q -f json -o plans/ killed.toml
SCARPLAN_TEST_PAUSE_BEFORE_RENAME=20 "$bin" plan $today -q --force -f json -o plans/ killed.toml 2>/dev/null &
victim=$!
sleep 1
kill -9 "$victim"
wait "$victim" 2>/dev/null
expect 0 "the plan is whole after a killed --force" -- "$bin" check $today killed.toml
/usr/bin/python3 -c 'import json; json.load(open("plans/K.json"))' && ok || fail "plans/K.json is not whole after a killed --force"
expect 0 "--force after a killed --force" -- "$bin" plan $today -q --force -f json -o plans/ killed.toml
no_leftovers plans "a killed --force, then another"

# --- 5. size: the result may not pass the 1 MiB every command reads ---
patient S >big.toml
size=$(stat -c %s big.toml)
{ printf '# '; head -c $((1048576 - size - 4)) /dev/zero | tr '\0' x; printf '\n'; } >>big.toml
[ "$(stat -c %s big.toml)" = 1048575 ] && ok || fail "big.toml is $(stat -c %s big.toml) bytes"
expect 0 "a file just under 1 MiB is valid" -- "$bin" check $today big.toml
cp big.toml big.before
expect 65 "done that would pass 1 MiB" -- "$bin" done $today big.toml --date 2026-11-20
contains err "larger than 1 MiB"
same big.toml big.before "a done refused for size changed the file"

# --- 6. records that cannot be true ---
patient D '[assessment]
assessed_on = 2026-10-01' >dates.toml
expect 0 "a first session" -- "$bin" done $today dates.toml --date 2026-11-01
cp dates.toml dates.before
expect 65 "the same session date twice" -- "$bin" done $today dates.toml --date 2026-11-01
contains err "expected a date with no session recorded, found 2026-11-01, the date of session 1"
patient E '[assessment]
assessed_on = 2026-10-01' >early.toml
cp early.toml early.before
expect 65 "a session before the assessment" -- "$bin" done $today early.toml --date 2026-09-30
contains err "expected a date on or after the assessment ([assessment].assessed_on 2026-10-01), found 2026-09-30"
expect 65 "a session before birth" -- "$bin" done $today early.toml --date 1989-12-31
contains err "expected a date on or after the patient's birth date, 1990-01-01, found 1989-12-31"
expect 65 "an assessment before birth" -- "$bin" assess $today early.toml --date 1989-12-31 --score 10
for depth in nan NaN inf -inf -1; do
  expect 2 "--depth $depth" -- "$bin" done $today early.toml --date 2026-11-20 --depth "$depth"
done
contains err "scarplan: error: --depth:"
expect 2 "--rating nan" -- "$bin" assess $today early.toml --date 2026-11-20 --score 10 --rating nan
same dates.toml dates.before "a refused done changed the file"
same early.toml early.before "a refused done or assess changed the file"
no_leftovers . "refused records"

echo "records: $passed passed, $failed failed"
[ "$failed" = 0 ]
