#!/usr/bin/python3
"""Several plans on one iCalendar stream (scarplan plan -f ics A B C): one VCALENDAR, one
VTIMEZONE per zone, every event of every plan. Reads the stream with python3-icalendar and
checks what libical and khal read (their "start|end|summary" lines) against the plans' JSON
Lines: the number of events and every session's start in UTC.
Usage: check_stream.py STREAM.ics PLANS.jsonl READER=OUTPUT...  (each reader's
"start|end|summary" lines: libical, khal, icaljs, node-ical)"""
import datetime
import json
import re
import sys

import icalendar

ics_path, jsonl_path = sys.argv[1:3]
readers = [argument.split("=", 1) for argument in sys.argv[3:]]
plans = [json.loads(line) for line in open(jsonl_path, encoding="utf-8")]
raw = open(ics_path, "rb").read()
problems = []
if raw.count(b"BEGIN:VCALENDAR") != 1 or raw.count(b"END:VCALENDAR") != 1:
    problems.append("expected one VCALENDAR")
calendar = icalendar.Calendar.from_ical(raw)
zones = calendar.walk("VTIMEZONE")
if len(zones) != 1:
    problems.append("expected one VTIMEZONE, found %d" % len(zones))
expected = sum(len(p["follow_up"]) + sum(1 + len(s["prep"]) + len(s["recovery"]) for s in p["sessions"])
               for p in plans)
events = calendar.walk("VEVENT")
if len(events) != expected:
    problems.append("icalendar: expected %d events, parsed %d" % (expected, len(events)))
uids = [str(e["UID"]) for e in events]
if len(set(uids)) != len(uids):
    problems.append("UIDs repeat across plans")


def utc(text):
    return datetime.datetime.fromisoformat(text).astimezone(datetime.timezone.utc)


starts = sorted(utc(s["start"]) for p in plans for s in p["sessions"])
parsed = sorted(e.decoded("DTSTART").astimezone(datetime.timezone.utc) for e in events
                if "session" in str(e.get("CATEGORIES").to_ical(), "utf-8").split(","))
if parsed != starts:
    problems.append("icalendar: session starts differ from the JSON")
wanted = sorted(t.strftime("%Y-%m-%d %H:%M") for t in starts)
for reader, path in readers:
    lines = [l.split("|") for l in open(path, encoding="utf-8").read().splitlines()
             if re.match(r"^\d{4}-\d\d-\d\d", l) and l.count("|") >= 2]
    if len(lines) != expected:
        problems.append("%s: expected %d events, read %d" % (reader, expected, len(lines)))
    timed = sorted(l[0].replace("T", " ").replace("Z", "")[:16] for l in lines if len(l[0]) > 10)
    if timed != wanted:
        problems.append("%s: session starts differ from the JSON" % reader)
for problem in problems:
    print("FAIL: stream: " + problem)
print("stream: %d plans, %d events, read whole by python3-icalendar and %s; %d problems"
      % (len(plans), expected, ", ".join(r for r, _ in readers), len(problems)))
sys.exit(1 if problems else 0)
