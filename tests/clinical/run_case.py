#!/usr/bin/env python3
"""Runs one clinical case: a patient file whose header states the expected decision, its
source, and the structured fields of the JSON plan that show it.

    # case: TEXT            what the textbook case is
    # source: TEXT          where the expected decision comes from (paper and table, label, seed:X)
    # run: ARGS             scarplan's arguments, FILE standing for the case
                            (default: plan --today 2026-11-22 -f json FILE)
    # expect: PATH OP VALUE one check on the JSON output

PATH is dotted keys and [N] indexes; [*] takes every element (the result is a list).
OP is one of == != <= >= < > contains excludes, or `length OP` for the size of a list.
VALUE is JSON. With a list on the left, <= >= < > hold for every element.
Usage: run_case.py BIN CASE
"""
import json
import re
import subprocess
import sys


def select(value, path):
    parts = re.findall(r"[^.\[\]]+|\[\*\]|\[\d+\]", path)
    values, spread = [value], False
    for part in parts:
        next_values = []
        for item in values:
            if part == "[*]":
                if not isinstance(item, list):
                    raise KeyError(f"{path}: [*] on a {type(item).__name__}")
                next_values.extend(item)
                spread = True
            elif part.startswith("["):
                next_values.append(item[int(part[1:-1])])
            else:
                if not isinstance(item, dict) or part not in item:
                    raise KeyError(f"{path}: no key {part!r}")
                next_values.append(item[part])
        values = next_values
    return values if spread else values[0]


def check(document, line):
    match = re.fullmatch(r"(\S+)\s+(length\s+)?(==|!=|<=|>=|<|>|contains|excludes)\s+(.+)", line)
    if not match:
        raise ValueError(f"cannot read expectation: {line}")
    path, length, op, raw = match.groups()
    actual = select(document, path)
    expected = json.loads(raw)
    if length:
        actual = len(actual)
    compare = {
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        "<=": lambda a, b: a <= b,
        ">=": lambda a, b: a >= b,
        "<": lambda a, b: a < b,
        ">": lambda a, b: a > b,
    }
    if op == "contains":
        ok = expected in actual
    elif op == "excludes":
        ok = expected not in actual
    elif isinstance(actual, list) and op in ("<=", ">=", "<", ">"):
        ok = all(compare[op](item, expected) for item in actual)
    else:
        ok = compare[op](actual, expected)
    return ok, actual


def main():
    binary, case = sys.argv[1], sys.argv[2]
    header = open(case, encoding="utf-8").read().splitlines()
    meta = {"case": [], "source": [], "run": [], "expect": []}
    for line in header:
        match = re.match(r"# (case|source|run|expect): (.*)", line)
        if match:
            meta[match.group(1)].append(match.group(2).strip())
    if not meta["case"] or not meta["source"] or not meta["expect"]:
        print(f"{case}: a clinical case needs # case:, # source: and # expect: lines")
        return 1
    args = (meta["run"][0] if meta["run"] else "plan --today 2026-11-22 -f json FILE").split()
    args = [case if arg == "FILE" else arg for arg in args]
    result = subprocess.run([binary] + args, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        print(f"{case}: exit {result.returncode}\n{result.stderr}")
        return 1
    document = json.loads(result.stdout)
    failed = 0
    for line in meta["expect"]:
        try:
            ok, actual = check(document, line)
        except (KeyError, IndexError, TypeError, ValueError) as error:
            ok, actual = False, f"error: {error}"
        if not ok:
            failed += 1
            print(f"FAIL: {line}\n      found: {json.dumps(actual)}")
    print(f"{meta['case'][0]} ({meta['source'][0]}): {len(meta['expect']) - failed} of "
          f"{len(meta['expect'])} expectations hold")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
