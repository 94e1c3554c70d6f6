#!/usr/bin/env python3
"""Every number in the protocol cites its source: an inline comment naming a reference ([n],
seed:X, a label) or tagged "convention:", or a `source` key in its table. Also lists the
numbers tagged convention, which scarplan-settings(5) must name. Usage: protocol_sources.py
PROTOCOL MANPAGE"""
import re
import sys
import tomllib

protocol_path, man_path = sys.argv[1], sys.argv[2]
text = open(protocol_path, encoding="utf-8").read()
tomllib.loads(text)  # the file must stay valid TOML
sections, current, problems, conventions = {}, "", [], []
lines = text.splitlines()
for line in lines:
    header = re.match(r"\s*\[\[?([^\]]+)\]\]?", line)
    if header:
        current = header.group(1)
        sections.setdefault(current, {"source": False})
    elif re.match(r"\s*source\s*=", line):
        sections.setdefault(current, {"source": False})["source"] = True
section = ""
for number, line in enumerate(lines, 1):
    header = re.match(r"\s*\[\[?([^\]]+)\]\]?", line)
    if header:
        section = header.group(1)
        continue
    rule_id = re.match(r'\s*id\s*=\s*"([^"]+)"', line)
    if rule_id:  # array tables are named by their id: contraindications[isotretinoin_recent]
        section = re.sub(r"\[.*", "", section) + "[" + rule_id.group(1) + "]"
        continue
    value = re.match(r"\s*(\w+)\s*=\s*(-?[0-9][0-9.]*|\[\s*-?[0-9])", line)
    if not value:
        continue
    key = value.group(1)
    if key == "format" and not section:
        continue
    comment = line.split("#", 1)[1] if "#" in line else ""
    cited = re.search(r"\[\d|seed:|label|convention", comment)
    if "convention" in comment:
        conventions.append(f"{section}.{key}")
    if not cited and not sections.get(re.sub(r"\[.*", "", section), {}).get("source"):
        problems.append(f"{protocol_path}:{number}: {section}.{key}: a number with no source")
man = open(man_path, encoding="utf-8").read()
for name in conventions:
    if name.replace("_", "\\_") not in man and name not in man:
        problems.append(f"{man_path}: the convention {name} is not listed")
for problem in problems:
    print(problem)
print(f"{len(conventions)} numbers tagged convention; {len(problems)} problems")
sys.exit(1 if problems else 0)
