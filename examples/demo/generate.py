#!/usr/bin/env python3
"""Regenerate the demonstration site in this folder (data/ and content/).

The data are synthetic and clearly labelled «Демонстрационные данные»; they come from
bench/corpus.py with fixed arguments, so running this script again gives byte-identical files.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "bench"))

import corpus  # noqa: E402


def main():
    result = corpus.generate(HERE, programmes=3, indicators=8, years=5, measures=12, seed=2022)
    print(f"examples/demo: {len(result['files'])} files, {result['bytes']} bytes, "
          f"report year {result['report_year']}")


if __name__ == "__main__":
    main()
