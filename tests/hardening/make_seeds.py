#!/usr/bin/python3
"""Writes the seed corpus of one fuzz target, derived from the bundled data, the demo
site, the test fixtures and docs, plus the hand-written hostile seeds in seeds/<target>/.

usage: make_seeds.py SOURCE_DIR TARGET OUT_DIR    (TARGET: json | markdown | period | render)

Layout (see generator/fuzz/fuzz_common.h): json and render seeds are one selector byte
(the data file kind; bit 7 = also build workbooks in the render target) + the file text;
markdown seeds are one option byte (bit 0 raw HTML, bit 1 front matter) + the text;
period seeds are the printed term alone."""
import hashlib
import json
import pathlib
import sys

KINDS = {"site.json": 0, "programme.json": 1, "indicators.json": 2, "measures.json": 3, "organisations.json": 4}


def data_roots(src):
    roots = [src / "data", src / "examples/demo/data"]
    roots += sorted((src / "tests/fixtures").glob("*/data"))
    return [r for r in roots if r.is_dir()]


def content_roots(src):
    roots = [src / "content", src / "examples/demo/content"]
    roots += sorted((src / "tests/fixtures").glob("*/content"))
    return [r for r in roots if r.is_dir()]


def periods(value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("period", "term", "printed", "date") and isinstance(v, str):
                out.add(v)
            periods(v, out)
    elif isinstance(value, list):
        for v in value:
            periods(v, out)


def main():
    src, target, out = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    seeds = []
    if target in ("json", "render"):
        for root in data_roots(src):
            for f in sorted(root.rglob("*.json")):
                if f.is_symlink() or f.name not in KINDS:
                    continue
                b = f.read_bytes()
                seeds.append(bytes([KINDS[f.name]]) + b)
                if target == "render" and f.name != "site.json":
                    seeds.append(bytes([KINDS[f.name] | 0x80]) + b)
    elif target == "markdown":
        for root in content_roots(src):
            for f in sorted(root.rglob("*.md")):
                b = f.read_bytes()
                seeds += [bytes([2]) + b, bytes([3]) + b]
        for f in sorted((src / "docs").glob("*.md")):
            seeds.append(bytes([0]) + f.read_bytes())
    elif target == "period":
        found = set()
        for root in data_roots(src):
            for f in sorted(root.rglob("*.json")):
                try:
                    periods(json.loads(f.read_text(encoding="utf-8-sig")), found)
                except (ValueError, UnicodeDecodeError):
                    pass  # the broken-json fixtures
        seeds += [s.encode() for s in sorted(found)]
    else:
        sys.exit("unknown target " + target)
    hand = pathlib.Path(__file__).resolve().parent / "seeds" / target
    if hand.is_dir():
        seeds += [f.read_bytes() for f in sorted(hand.iterdir()) if f.is_file()]
    for s in seeds:
        (out / hashlib.sha1(s).hexdigest()).write_bytes(s)
    print(f"{target}: {len(seeds)} seeds in {out}")


if __name__ == "__main__":
    main()
