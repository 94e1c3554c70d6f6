#!/usr/bin/python3
"""Compares what a calendar parser read from a plan's .ics (lines "start|end|summary", UTC times
as 2027-01-12T22:30:00Z or 2027-01-12 22:30, all-day events as dates) with the plan's JSON: the
number of events, each session's start and end in UTC, and the session summaries read back.
Usage: compare_events.py READER OUTPUT PLAN.json [NAME]. Prints "READER: N events"."""
import datetime
import json
import re
import sys

reader, output, plan_path = sys.argv[1:4]
name = sys.argv[4] if len(sys.argv) > 4 else None
plan = json.load(open(plan_path, encoding="utf-8"))
events = []
for line in open(output, encoding="utf-8").read().splitlines():
    if re.match(r"^\d{4}-\d\d-\d\d", line) and line.count("|") >= 2:
        events.append(line.split("|", 2))
    elif events and not re.match(r"^(libical:|\d+ events found)", line):
        events[-1][2] += "\n" + line  # a summary that spans lines


def normal(text):
    return text.replace("T", " ").replace("Z", "")[:16]


def utc(text):
    return datetime.datetime.fromisoformat(text).astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")


problems = []
expected = len(plan["follow_up"]) + sum(1 + len(s["prep"]) + len(s["recovery"]) for s in plan["sessions"])
if len(events) != expected:
    problems.append("expected %d events, read %d" % (expected, len(events)))
sessions = [e for e in events if e[2].startswith("Microneedling session ")]
if len(sessions) != len(plan["sessions"]):
    problems.append("expected %d sessions, read %d" % (len(plan["sessions"]), len(sessions)))
for (start, end, summary), session in zip(sessions, plan["sessions"]):
    if normal(start) != utc(session["start"]) or normal(end) != utc(session["end"]):
        problems.append("session %d: read %s to %s UTC, expected %s to %s" % (session["number"], start, end, utc(session["start"]), utc(session["end"])))
    want = "Microneedling session %d of %d" % (session["number"], plan["recommendation"]["sessions"])
    if name:
        want += " - " + name
    if summary != want:
        problems.append("session %d summary read back as %r, expected %r" % (session["number"], summary, want))
for problem in problems:
    print("FAIL (%s): %s" % (reader, problem))
print("%s: %d events" % (reader, len(events)))
sys.exit(1 if problems else 0)
