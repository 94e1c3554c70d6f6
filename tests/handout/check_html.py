#!/usr/bin/env python3
"""A handout a patient can read: checks one HTML handout for what a validator does not see.
lang is set; headings go down one level at a time; every table has header cells; nothing is
loaded from outside (no src, href, url(), @import, <link>, <script>; no http(s) address but the
SVG namespace and the clinic's own web address as text); every CSS rule that sets both a colour
and a background passes WCAG AA (4.5:1); the patient's name appears only when asked.
Usage: check_html.py FILE.html [--name NAME] [--no-name NAME]"""
import html.parser
import re
import sys

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
problems = []


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.headings, self.tables, self.stack = None, [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append(0)
        if tag == "th" and self.tables:
            self.tables[-1] += 1
        for name in ("src", "href", "srcset", "action"):
            if name in attrs:
                problems.append(f"<{tag} {name}=...>: a resource or link")
        if tag in ("script", "link", "iframe", "object", "embed", "img"):
            problems.append(f"<{tag}>: not self-contained")


reader = Reader()
reader.feed(text)
if not reader.lang:
    problems.append("no lang on <html>")
if not reader.headings or reader.headings[0] != 1:
    problems.append("the first heading is not h1")
for before, after in zip(reader.headings, reader.headings[1:]):
    if after > before + 1:
        problems.append(f"heading h{after} follows h{before}")
if any(count == 0 for count in reader.tables):
    problems.append("a table without header cells")
if re.search(r"url\(|@import", text):
    problems.append("CSS loads a resource")
for address in re.findall(r"https?://[^\s\"'<]+", text):
    if address != "http://www.w3.org/2000/svg":
        problems.append(f"an external address: {address}")


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
pairs = 0
for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", style):
    colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
    background = re.search(r"background:\s*(#[0-9a-fA-F]{6})", body)
    if colour and background:
        pairs += 1
        light, dark = sorted([luminance(colour.group(1)), luminance(background.group(1))], reverse=True)
        ratio = (light + 0.05) / (dark + 0.05)
        if ratio < 4.5:
            problems.append(f"{selector.strip()}: contrast {ratio:.2f} is below 4.5")
if pairs == 0:
    problems.append("no CSS rule sets both a colour and a background: contrast unchecked")
arguments = sys.argv[2:]
for flag, name in zip(arguments[::2], arguments[1::2]):
    if flag == "--name" and name not in text:
        problems.append(f"the name {name!r} is missing although asked for")
    if flag == "--no-name" and name in text:
        problems.append(f"the name {name!r} is shown although not asked for")
for problem in problems:
    print(f"FAIL: {path}: {problem}")
sys.exit(1 if problems else 0)
