#!/usr/bin/python3
"""Validates JSON documents (files of one document or JSON Lines) against the schema their
"schema" field names, with python3-jsonschema (Draft 2020-12). Also checks that the validator
refuses a plan whose eligibility status is not one of the schema's, so a pass means something.
Usage: validate.py SCHEMA_DIR FILE...   Prints "schema: N documents valid"."""
import copy
import json
import pathlib
import sys

import jsonschema

schema_dir = pathlib.Path(sys.argv[1])
schemas = [json.loads(path.read_text(encoding="utf-8")) for path in schema_dir.glob("*.schema.json")]
store = {schema["$id"]: schema for schema in schemas}  # one schema may $ref another by its $id
validators = {}
for schema in schemas:
    jsonschema.Draft202012Validator.check_schema(schema)
    schema_id = schema["properties"]["schema"]["const"]
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    validators[schema_id] = jsonschema.Draft202012Validator(schema, resolver=resolver)

documents, problems, plan = 0, 0, None
for name in sys.argv[2:]:
    text = pathlib.Path(name).read_text(encoding="utf-8")
    records = [json.loads(line) for line in text.splitlines() if line.strip()] if name.endswith(
        ".jsonl") else [json.loads(text)]
    for record in records:
        documents += 1
        validator = validators.get(record.get("schema"))
        if validator is None:
            problems += 1
            print(f"FAIL: {name}: no schema for {record.get('schema')!r}")
            continue
        for error in validator.iter_errors(record):
            problems += 1
            print(f"FAIL: {name}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        if record["schema"] == "scarplan-plan/1" and plan is None:
            plan = record
if plan is not None:
    broken = copy.deepcopy(plan)
    broken["eligibility"]["status"] = "maybe"
    broken["unexpected_key"] = 1
    if len(list(validators["scarplan-plan/1"].iter_errors(broken))) < 2:
        problems += 1
        print("FAIL: the validator accepted a plan with a bad status and an unknown key")
print(f"schema: {documents} documents checked against {len(validators)} schemas, {problems} problems")
sys.exit(1 if problems or documents == 0 else 0)
