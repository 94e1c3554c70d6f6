#!/usr/bin/python3
"""Booking a clinic, checked over generated clinics: for each of N random clinics (1-3 rooms,
a grid, a turnover buffer, sometimes practitioners with their own hours), random patients and
a random --busy calendar (zoned, UTC and floating times, weekly recurrences with an EXDATE,
events naming a room or none, a cancelled and an all-day one), `scarplan book` must give:
no room holding two appointments at once (buffer included), never more appointments at once
than rooms (busy ones included, read back independently with python3-icalendar and dateutil),
no practitioner twice at once or outside their hours, arrivals on the grid, every interval at
least the minimum and a longer one flagged as outside the window, a clinic calendar with one
event per session and its room, a capacity report that adds up, and the same bytes with -j1.
Usage: property.py BIN [CLINICS]"""
import datetime
import json
import random
import subprocess
import sys
import tempfile
import zoneinfo
from pathlib import Path

import icalendar
from dateutil import rrule

binary = sys.argv[1]
clinics = int(sys.argv[2]) if len(sys.argv) > 2 else 12
TORONTO = zoneinfo.ZoneInfo("America/Toronto")
TODAY = datetime.date(2026, 11, 22)
problems = []
checked_sessions = 0


def clinic_file(rng, work):
    base = subprocess.run([binary, "defaults", "clinic"], capture_output=True, text=True, check=True).stdout
    rooms = [f"Room {i + 1}" for i in range(rng.randint(1, 3))]
    slot, buffer = rng.choice([10, 15, 30]), rng.choice([0, 5, 10, 15])
    text = base + f"\n[capacity]\nslot_minutes = {slot}\nbuffer_minutes = {buffer}\n"
    for room in rooms:
        text += f'\n[[rooms]]\nname = "{room}"\n'
    practitioners = {}
    if rng.random() < 0.5:
        for p in range(rng.randint(1, 2)):
            hours = {day: rng.choice(["10:00-20:00", "12:00-18:00", "10:00-16:00"])
                     for day in rng.sample(["tue", "wed", "thu", "fri", "sat"], 3)}
            practitioners[f"dr-{p}"] = hours
            inline = ", ".join(f'{d} = "{h}"' for d, h in hours.items())
            text += f'\n[[practitioners]]\nid = "dr-{p}"\nhours = {{ {inline} }}\n'
    (work / "clinic.toml").write_text(text)
    return rooms, slot, buffer, practitioners


def busy_file(rng, work, rooms):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//scarplan tests//EN"]
    for i in range(rng.randint(5, 40)):
        day = TODAY + datetime.timedelta(days=rng.randint(30, 200))
        start = datetime.datetime.combine(day, datetime.time(rng.randint(10, 17), rng.choice([0, 15, 30])))
        end = start + datetime.timedelta(minutes=rng.choice([30, 60, 90, 120]))
        style = rng.choice(["tzid", "utc", "floating"])
        stamp = lambda t: t.strftime("%Y%m%dT%H%M%S")
        lines += ["BEGIN:VEVENT", f"UID:busy-{i}@tests", "DTSTAMP:20261120T000000Z"]
        if style == "tzid":
            lines += [f"DTSTART;TZID=America/Toronto:{stamp(start)}", f"DTEND;TZID=America/Toronto:{stamp(end)}"]
        elif style == "utc":
            s, e = (t.replace(tzinfo=TORONTO).astimezone(datetime.timezone.utc) for t in (start, end))
            lines += [f"DTSTART:{stamp(s)}Z", f"DTEND:{stamp(e)}Z"]
        else:
            lines += [f"DTSTART:{stamp(start)}", f"DTEND:{stamp(end)}"]
        if rng.random() < 0.3:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
            if rng.random() < 0.5 and style != "utc":
                lines.append(f"EXDATE{';TZID=America/Toronto' if style == 'tzid' else ''}:"
                             f"{stamp(start + datetime.timedelta(days=7))}")
        if rng.random() < 0.5:
            lines.append(f"LOCATION:{rng.choice(rooms)}")
        lines += ["SUMMARY:existing appointment", "END:VEVENT"]
    lines += ["BEGIN:VEVENT", "UID:cancelled@tests", "DTSTAMP:20261120T000000Z",
              "DTSTART;TZID=America/Toronto:20270112T100000", "DTEND;TZID=America/Toronto:20270112T200000",
              "STATUS:CANCELLED", "END:VEVENT",
              "BEGIN:VEVENT", "UID:allday@tests", "DTSTAMP:20261120T000000Z",
              "DTSTART;VALUE=DATE:20270113", "DTEND;VALUE=DATE:20270114", "END:VEVENT", "END:VCALENDAR"]
    (work / "busy.ics").write_text("\r\n".join(lines) + "\r\n")


def busy_intervals(work):
    """The busy events as python3-icalendar and dateutil read them: (start, end, room or None)."""
    out = []
    calendar = icalendar.Calendar.from_ical((work / "busy.ics").read_bytes())
    for event in calendar.walk("VEVENT"):
        if str(event.get("STATUS", "")) == "CANCELLED":
            continue
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if not isinstance(start, datetime.datetime):
            continue
        if start.tzinfo is None:
            start, end = start.replace(tzinfo=TORONTO), end.replace(tzinfo=TORONTO)
        starts = [start]
        if "RRULE" in event:
            rule = rrule.rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
            excluded = set()
            for exdate in ([event["EXDATE"]] if "EXDATE" in event and not isinstance(event["EXDATE"], list)
                           else event.get("EXDATE", [])):
                for d in exdate.dts:
                    value = d.dt if d.dt.tzinfo else d.dt.replace(tzinfo=TORONTO)
                    excluded.add(value)
            starts = [s for s in rule if s not in excluded]
        room = str(event["LOCATION"]) if "LOCATION" in event else None
        out += [(s, s + (end - start), room) for s in starts]
    return out


def patients(rng, work, count):
    paths = []
    for i in range(count):
        start = TODAY + datetime.timedelta(days=rng.randint(20, 60))
        weekdays = rng.sample(["tue", "wed", "thu", "fri", "sat"], rng.randint(1, 3))
        text = (f'[patient]\nid = "G-{i:03d}"\nbirth_date = 1990-01-01\nphototype = 3\n'
                f'[[scars]]\narea = "cheek"\ncount = {rng.choice([6, 12, 25])}\nwidth_mm = 5.0\n'
                f'depth_mm = 0.3\nedges = "sloped"\n[preferences]\nstart = {start}\n'
                f'time = "{rng.choice(["10:30", "12:00", "15:00", "17:30"])}"\n'
                f'weekdays = {json.dumps(weekdays)}\n')
        path = work / f"g{i:03d}.toml"
        path.write_text(text)
        paths.append(str(path))
    return paths


def parse(stamp):
    return datetime.datetime.fromisoformat(stamp)


def max_overlap(intervals):
    points = sorted([(s, 1) for s, e in intervals] + [(e, -1) for s, e in intervals], key=lambda p: (p[0], p[1]))
    level = peak = 0
    for _, step in points:
        level += step
        peak = max(peak, level)
    return peak


for seed in range(clinics):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        rooms, slot, buffer, practitioners = clinic_file(rng, work)
        busy_file(rng, work, rooms)
        files = patients(rng, work, rng.randint(8, 30))
        args = [binary, "book", "--today", str(TODAY), "--clinic", str(work / "clinic.toml"),
                "--busy", str(work / "busy.ics"), "-q", "-f", "jsonl", "--calendar", str(work / "clinic.ics"),
                "--report", str(work / "report.json")]
        result = subprocess.run(args + files, capture_output=True, text=True)
        if result.returncode not in (0, 1):
            problems.append(f"seed {seed}: exit {result.returncode}: {result.stderr}")
            continue
        again = subprocess.run(args[:1] + ["book", "-j", "1"] + args[2:8] + ["-q", "-f", "jsonl"] + files,
                               capture_output=True, text=True)
        if again.stdout != result.stdout:
            problems.append(f"seed {seed}: -j1 gives other bytes")
        plans = [json.loads(line) for line in result.stdout.splitlines()]
        gap = datetime.timedelta(minutes=buffer)
        by_room = {room: [] for room in rooms}
        by_practitioner = {p: [] for p in practitioners}
        everything = []
        sessions = 0
        for plan in plans:
            previous = None
            window = plan["recommendation"]["interval_window_days"]
            for session in plan["sessions"]:
                sessions += 1
                booking = session.get("booking")
                if not booking or booking["room"] not in rooms:
                    problems.append(f"seed {seed}: {plan['patient']['id']} session {session['number']} has no room")
                    continue
                arrive, start, end = parse(session["arrive"]), parse(session["start"]), parse(session["end"])
                by_room[booking["room"]].append((arrive, end + gap))
                everything.append((arrive, end + gap))
                local = arrive.astimezone(TORONTO)
                opening = {"tue": 10, "wed": 10, "thu": 10, "fri": 10, "sat": 10}  # the built-in clinic
                minutes_after_open = (local.hour - 10) * 60 + local.minute
                if minutes_after_open % slot:
                    problems.append(f"seed {seed}: arrival {local:%H:%M} is off the {slot}-minute grid")
                if booking["practitioner"]:
                    who = booking["practitioner"]
                    by_practitioner[who].append((start, end))
                    day = local.strftime("%a").lower()[:3]
                    hours = practitioners[who].get(day)
                    s_local, e_local = start.astimezone(TORONTO), end.astimezone(TORONTO)
                    if not hours or not (hours[:5] <= s_local.strftime("%H:%M") and e_local.strftime("%H:%M") <= hours[6:]):
                        problems.append(f"seed {seed}: {who} works {hours} but has {s_local:%a %H:%M}-{e_local:%H:%M}")
                elif practitioners:
                    problems.append(f"seed {seed}: a session without a practitioner")
                day = datetime.date.fromisoformat(session["date"])
                if previous:
                    spacing = (day - previous).days
                    if spacing < window[0]:
                        problems.append(f"seed {seed}: {spacing} days between sessions, under {window[0]}")
                    if (spacing > window[1]) == booking["inside_window"]:
                        problems.append(f"seed {seed}: {spacing} days with inside_window {booking['inside_window']}")
                previous = day
        checked_sessions += sessions
        for room, intervals in by_room.items():
            if max_overlap(intervals) > 1:
                problems.append(f"seed {seed}: {room} holds two appointments at once")
        for who, intervals in by_practitioner.items():
            if max_overlap(intervals) > 1:
                problems.append(f"seed {seed}: {who} is booked twice at once")
        busy = busy_intervals(work)
        named = [(s, e + gap) for s, e, room in busy if room]
        for s, e, room in busy:
            if room and any(a < e + gap and s < b for a, b in by_room[room]):
                problems.append(f"seed {seed}: a session overlaps an existing appointment in {room}")
        # Busy events that fit the rooms at all: never more appointments at once than rooms.
        all_busy = [(s, e + gap) for s, e, _ in busy]
        if max_overlap(all_busy) <= len(rooms) and max_overlap(everything + all_busy) > len(rooms):
            problems.append(f"seed {seed}: more appointments at once than {len(rooms)} rooms")
        calendar = icalendar.Calendar.from_ical((work / "clinic.ics").read_bytes())
        events = calendar.walk("VEVENT")
        if len(events) != sessions or any(str(e.get("RESOURCES", "")) not in rooms for e in events):
            problems.append(f"seed {seed}: the clinic calendar has {len(events)} events for {sessions} sessions")
        report = json.loads((work / "report.json").read_text())
        if report["sessions"] - report["not_placed"] != sessions or \
                report["inside_window"] + report["outside_window"] != sessions or \
                sum(d["sessions"] for d in report["room_days"]) != sessions:
            problems.append(f"seed {seed}: the capacity report does not add up: {report['sessions']} {sessions}")
for problem in problems[:30]:
    print("FAIL:", problem)
print(f"booking: {clinics} generated clinics, {checked_sessions} sessions checked, {len(problems)} problems")
sys.exit(1 if problems or checked_sessions == 0 else 0)
