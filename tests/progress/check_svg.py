#!/usr/bin/env python3
"""The progress chart says what the JSON says: for every patient file with assessments (the
golden ones and the clinical cases), `progress -f svg` parses as XML (SVG namespace), has one
point per visit with the visit's date and score, in order, placed linearly by date (x) and by
score (y, higher score higher up), the polyline through the same points, and one session line
per session given, at its date. Usage: check_svg.py BIN SOURCE_DIR"""
import datetime
import json
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
files = [f for f in sorted(source.glob("tests/golden/patients/*.toml")) +
         sorted(source.glob("tests/clinical/cases/progress_*.toml"))]
problems, charts = [], 0


def run(fmt, path):
    result = subprocess.run([binary, "progress", "--today", "2026-11-22", "-f", fmt, str(path)],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{path}: exit {result.returncode}: {result.stderr}")
    return result.stdout


def linear(pairs, name, path):
    """(value, coordinate) pairs lie on one line: every slope between them agrees."""
    pairs = [p for p in pairs if p[0] is not None]
    slopes = [(c2 - c1) / (v2 - v1) for (v1, c1), (v2, c2) in zip(pairs, pairs[1:]) if v2 != v1]
    if slopes and max(slopes) - min(slopes) > 0.05 * max(1.0, abs(max(slopes))):
        problems.append(f"{path}: {name} is not linear: slopes {slopes}")
    return slopes


for path in files:
    if "[[assessments]]" not in path.read_text(encoding="utf-8"):
        continue
    plan = json.loads(run("json", path))
    root = ET.fromstring(run("svg", path))
    charts += 1
    if root.tag != SVG + "svg":
        problems.append(f"{path}: the root is {root.tag}, not an SVG element")
        continue
    visits = plan["progress"]["visits"]
    points = root.findall(f".//{SVG}circle[@class='visit']")
    if [(p.get("data-date") or None, int(p.get("data-score"))) for p in points] != \
            [(v["date"], v["score"]) for v in visits]:
        problems.append(f"{path}: the chart's points are not the JSON's visits")
        continue
    days = [None if v["date"] is None else datetime.date.fromisoformat(v["date"]).toordinal()
            for v in visits]
    xs = [float(p.get("cx")) for p in points]
    ys = [float(p.get("cy")) for p in points]
    if any(s <= 0 for s in linear(list(zip(days, xs)), "x by date", path)):
        problems.append(f"{path}: later visits are not further right")
    if any(s >= 0 for s in linear([(v["score"], y) for v, y in zip(visits, ys)], "y by score", path)):
        problems.append(f"{path}: higher scores are not higher up")
    line = root.find(f".//{SVG}polyline[@class='score-line']")
    drawn = [tuple(map(float, pair.split(","))) for pair in line.get("points").split()]
    if drawn != list(zip(xs, ys)):
        problems.append(f"{path}: the line does not go through the points")
    sessions = [s.get("data-date") for s in root.findall(f".//{SVG}line[@class='session']")]
    if sessions != [s["date"] for s in plan["sessions_done"]]:
        problems.append(f"{path}: session lines {sessions} are not the sessions given")
for problem in problems:
    print("FAIL:", problem)
print(f"progress charts: {charts} checked, {len(problems)} problems")
sys.exit(1 if problems or charts == 0 else 0)
