#!/usr/bin/python3
"""Reads a scarplan .ics with python3-icalendar (an independent parser) and checks it against
the same plan's JSON: the number of events, every session's time in UTC (both through the
VTIMEZONE scarplan wrote and through the tz database), all-day dates, and the text read back.
Usage: check_icalendar.py PLAN.ics PLAN.json [NAME]   Prints "icalendar: N events"."""
import datetime
import json
import sys

import icalendar

ics_path, json_path = sys.argv[1], sys.argv[2]
name = sys.argv[3] if len(sys.argv) > 3 else None
plan = json.load(open(json_path, encoding="utf-8"))
calendar = icalendar.Calendar.from_ical(open(ics_path, "rb").read())
problems = []


def utc(value):
    return value.astimezone(datetime.timezone.utc)


def iso_utc(text):
    return utc(datetime.datetime.fromisoformat(text))


events = calendar.walk("VEVENT")
expected_count = len(plan["follow_up"]) + sum(1 + len(s["prep"]) + len(s["recovery"]) for s in plan["sessions"])
if len(events) != expected_count:
    problems.append("expected %d events, parsed %d" % (expected_count, len(events)))

zones = calendar.walk("VTIMEZONE")
own_zone = zones[0].to_tz() if zones else None
sessions = [e for e in events if "session" in str(e.get("CATEGORIES").to_ical(), "utf-8").split(",")]
if len(sessions) != len(plan["sessions"]):
    problems.append("expected %d sessions, parsed %d" % (len(plan["sessions"]), len(sessions)))
for event, session in zip(sessions, plan["sessions"]):
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    local = start.replace(tzinfo=None)
    via_vtimezone = own_zone.localize(local)
    for label, value, want in (("start", start, session["start"]), ("end", end, session["end"]),
                               ("start through the VTIMEZONE", via_vtimezone, session["start"])):
        if utc(value) != iso_utc(want):
            problems.append("session %d %s: %s UTC, expected %s" % (session["number"], label, utc(value), iso_utc(want)))
    summary = str(event["SUMMARY"])
    expected_summary = "Microneedling session %d of %d" % (session["number"], plan["recommendation"]["sessions"])
    if name:
        expected_summary += " - " + name
    if summary != expected_summary:
        problems.append("session %d summary read back as %r, expected %r" % (session["number"], summary, expected_summary))
    alarms = event.walk("VALARM")
    if len(alarms) != 1 or alarms[0].decoded("TRIGGER") != datetime.timedelta(days=-1):
        problems.append("session %d: expected one alarm a day before" % session["number"])

all_day = [e for e in events if e not in sessions]
for event in all_day:
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    if isinstance(start, datetime.datetime) or end <= start:
        problems.append("%s: not an all-day event with an exclusive end" % event["SUMMARY"])
prep = [(datetime.date.fromisoformat(p["date"]), datetime.date.fromisoformat(p["through"]), p["text"])
        for s in plan["sessions"] for p in s["prep"]]
read = [(e.decoded("DTSTART"), e.decoded("DTEND") - datetime.timedelta(days=1),
         str(e["SUMMARY"]).replace("Before microneedling: ", "").replace(" - " + (name or "\0"), ""))
        for e in all_day if str(e["SUMMARY"]).startswith("Before microneedling: ")]
if prep != read:
    problems.append("prep milestones read back differently")

uids = [str(e["UID"]) for e in events]
if len(set(uids)) != len(uids):
    problems.append("duplicate UIDs")
if name and any(part in uid for uid in uids for part in name.split() if len(part) > 3):
    problems.append("a UID carries the patient's name")

for problem in problems:
    print("FAIL:", problem)
print("icalendar: %d events" % len(events))
sys.exit(1 if problems else 0)
