#!/usr/bin/env python3
"""A printed handout: one PDF that headless Chromium printed from a handout, checked against
the plan's JSON. The paper is the one asked for; a course of up to six sessions fits on at most
four pages; no word lies outside the page's margins (pdftotext -bbox); the text has every
session's date and the course total. Usage: check_pdf.py FILE.pdf PLAN.json a4|letter"""
import datetime
import json
import re
import subprocess
import sys

pdf, plan_path, paper = sys.argv[1], sys.argv[2], sys.argv[3]
plan = json.load(open(plan_path, encoding="utf-8"))
problems = []
info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
expected = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}[paper]
if abs(width - expected[0]) > 2 or abs(height - expected[1]) > 2:
    problems.append(f"page size {width}x{height}, expected {paper} {expected}")
sessions = plan["sessions"]
if len(sessions) <= 6 and pages > 4:
    problems.append(f"{pages} pages for {len(sessions)} sessions (at most 4)")
# Every word inside the page, with the @page margin of 12 mm (34 pt) less a point of slack.
bbox = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
margin = 12 / 25.4 * 72 - 1
for x_min, x_max, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox):
    if float(x_min) < margin or float(x_max) > width - margin:
        problems.append(f"the word {word!r} overflows the margins ({x_min}-{x_max} of {width})")
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
flat = " ".join(text.split())
for session in sessions:
    day = datetime.date.fromisoformat(session["date"])
    written = f"{day:%A} {day.day} {day:%B} {day.year}"
    if written not in flat:
        problems.append(f"session {session['number']}'s date {written} is not in the text")
if sessions and plan["costs"]["total"] not in flat:
    problems.append(f"the course total {plan['costs']['total']} is not in the text")
for problem in problems:
    print(f"FAIL: {pdf}: {problem}")
print(f"{pdf}: {pages} page(s), {paper}, {len(sessions)} sessions, {len(problems)} problems")
sys.exit(1 if problems else 0)
