#!/usr/bin/python3
"""Validate Vitrina site data against the JSON Schemas in docs/schema/.

Usage:
    validate_schemas.py [--expect-invalid] SITE_DIR...

Each SITE_DIR holds data/site.json and data/programmes/<id>/{programme,indicators,
measures,organisations}.json. Every JSON file is validated against the schema named
after it; each error is printed as ``FILE: /json/pointer: message``.

Besides the schemas, two folder rules from docs/data-format.md are checked: a
programme's ``id`` equals its folder name, and the optional ``programme`` field of
indicators/measures/organisations equals it too.

Exit status: 0 when every file is valid, 1 otherwise (with --expect-invalid: 0 only
when at least one file fails). The schemas themselves are always checked first
(check_schema); a broken schema exits 2.

Needs Debian's python3-jsonschema (4.10, Draft 2020-12). Importable:
``validate_site(path) -> list[str]``, ``load_schemas()``, ``check_schemas()``.
"""
import json
import os
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_DIR = os.path.join(ROOT, "docs", "schema")
SCHEMA_NAMES = ("site", "programme", "indicators", "measures", "organisations")
PROGRAMME_FILES = ("programme.json", "indicators.json", "measures.json", "organisations.json")

_validators = None


def load_schemas():
    """Return {name: schema dict} for the five schemas."""
    schemas = {}
    for name in SCHEMA_NAMES:
        with open(os.path.join(SCHEMA_DIR, name + ".schema.json"), encoding="utf-8") as f:
            schemas[name] = json.load(f)
    return schemas


def check_schemas():
    """Check every schema against the draft 2020-12 meta-schema; return a list of errors."""
    errors = []
    for name, schema in load_schemas().items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as e:
            errors.append(f"{name}.schema.json: {pointer(e.absolute_path)}: {e.message}")
    return errors


def validators():
    global _validators
    if _validators is None:
        _validators = {name: jsonschema.Draft202012Validator(s) for name, s in load_schemas().items()}
    return _validators


def pointer(path):
    """JSON Pointer (RFC 6901) for a jsonschema error path."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else "/"


def schema_name_for(filename):
    base = os.path.basename(filename)
    if base.endswith(".json"):
        stem = base[:-5]
        if stem in SCHEMA_NAMES:
            return stem
    return None


def validate_document(doc, schema_name, label="<document>"):
    """Validate one parsed document; return ``label: pointer: message`` strings."""
    v = validators()[schema_name]
    errs = sorted(v.iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"{label}: {pointer(e.absolute_path)}: {e.message}" for e in errs]


def validate_file(path, schema_name=None, label=None):
    """Parse and validate one file; return its error strings."""
    label = label or path
    schema_name = schema_name or schema_name_for(path)
    if schema_name is None:
        return [f"{label}: /: no schema for this file name"]
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        return [f"{label}: /: cannot read JSON: {e}"]
    errors = validate_document(doc, schema_name, label)
    # Folder rules (docs/data-format.md): programme id == folder name.
    if schema_name != "site" and isinstance(doc, dict):
        folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
        key = "id" if schema_name == "programme" else "programme"
        value = doc.get(key)
        if isinstance(value, str) and value != folder:
            errors.append(f"{label}: /{key}: {value!r} does not equal the folder name {folder!r}")
    return errors


def site_files(site):
    """The JSON files of a site folder, in a stable order, with warnings for stray files."""
    data = os.path.join(site, "data")
    files = [os.path.join(data, "site.json")]
    warnings = []
    progs = os.path.join(data, "programmes")
    if os.path.isdir(progs):
        for pid in sorted(os.listdir(progs)):
            pdir = os.path.join(progs, pid)
            if not os.path.isdir(pdir):
                continue
            for name in sorted(os.listdir(pdir)):
                p = os.path.join(pdir, name)
                if name in PROGRAMME_FILES:
                    files.append(p)
                elif name.endswith(".json"):
                    warnings.append(f"{p}: /: warning: no schema for this file name, not validated")
    return files, warnings


def validate_site(path):
    """Validate every JSON file of the site folder ``path``; return error strings."""
    errors = []
    files, _ = site_files(path)
    site_json = files[0]
    if not os.path.isfile(site_json):
        errors.append(f"{site_json}: /: missing")
    else:
        errors.extend(validate_file(site_json, "site"))
    for f in files[1:]:
        errors.extend(validate_file(f))
    progs = os.path.join(path, "data", "programmes")
    if os.path.isdir(progs):
        for pid in sorted(os.listdir(progs)):
            pdir = os.path.join(progs, pid)
            if os.path.isdir(pdir) and not os.path.isfile(os.path.join(pdir, "programme.json")):
                errors.append(f"{os.path.join(pdir, 'programme.json')}: /: missing")
    return errors


def main(argv):
    expect_invalid = False
    sites = []
    for a in argv:
        if a == "--expect-invalid":
            expect_invalid = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            sites.append(a)
    schema_errors = check_schemas()
    for e in schema_errors:
        print(e)
    if schema_errors:
        return 2
    failed_files = set()
    for site in sites:
        _, warnings = site_files(site)
        for w in warnings:
            print(w, file=sys.stderr)
        for e in validate_site(site):
            print(e)
            failed_files.add(e.split(": ", 1)[0])
    if expect_invalid:
        if failed_files:
            return 0
        print("expected at least one invalid file, all files are valid", file=sys.stderr)
        return 1
    return 1 if failed_files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
