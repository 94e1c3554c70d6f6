#!/usr/bin/python3
"""The baseline: Python's tomllib merely parsing the files (no validation, no planning).
Usage: tomllib_parse.py FILE..."""
import sys
import tomllib

for path in sys.argv[1:]:
    with open(path, "rb") as f:
        tomllib.load(f)
