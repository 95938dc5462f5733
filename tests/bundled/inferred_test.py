"""Across the five bundled programmes: a name the document never prints as it is stored is marked
`inferred` (docs/data-format.md, «Mark inferred values»), checked against the source documents.

A stored municipality, region, organisation name, short name or alias that does not occur in the
source text (markup and runs of white space aside) was rebuilt by the encoder (the nominative of a
name printed only in oblique cases, a full name behind a short form): the object must list the
field in `inferred`; one that occurs must not. The source documents are in ../shared/seeds/ (or
$VITRINA_SEEDS); without them the test is skipped.
"""
import json
import os
import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {"kaltan-2019": "000_650a0f9ce8584e63.txt", "kirov-rsoko": "001_ea3be85f940958ba.txt",
         "belomorsk-2022": "002_4d2599cfeafe45c0.txt", "strezhevoy-2021": "003_404f0eba4fa45317.txt",
         "zima-2022": "004_0d097b86713ddf9c.txt"}


def seed_dir():
    for d in [os.environ.get("VITRINA_SEEDS"), ROOT.parent / "shared" / "seeds",
              ROOT.parent.parent / "shared" / "seeds"]:
        if d and (Path(d) / SEEDS["kaltan-2019"]).exists():
            return Path(d)
    return None


def plain(text):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|\*\*", "", text))


def load(pid, name):
    return json.loads((ROOT / "data" / "programmes" / pid / name).read_text(encoding="utf-8"))


@unittest.skipUnless(seed_dir(), "the source documents (../shared/seeds) are not available")
class InferredNames(unittest.TestCase):
    def check(self, pid, obj, field, values, source):
        printed = all(plain(v) in source for v in values)
        flagged = field in (obj.get("inferred") or [])
        self.assertNotEqual(printed, flagged,
                            f"{pid} {obj.get('id', 'programme')}.{field} {values}: "
                            f"{'printed' if printed else 'not printed'} in the document, "
                            f"{'but' if flagged else 'yet not'} marked inferred")

    def test_names_not_printed_are_inferred(self):
        for pid, seed in SEEDS.items():
            source = plain((seed_dir() / seed).read_text(encoding="utf-8"))
            prog = load(pid, "programme.json")
            for field in ("municipality", "region"):
                if prog.get(field):
                    self.check(pid, prog, field, [prog[field]], source)
            for org in load(pid, "organisations.json")["organisations"]:
                self.check(pid, org, "name", [org["name"]], source)
                if org.get("aliases"):
                    printed = all(plain(a) in source for a in org["aliases"])
                    if not printed:  # an alias is a printed form, or the encoder's reading
                        self.assertIn("aliases", org.get("inferred", []), f"{pid} {org['id']}")
                if org.get("short_name") and plain(org["short_name"]) not in source:
                    self.assertIn("short_name", org.get("inferred", []), f"{pid} {org['id']}")


if __name__ == "__main__":
    unittest.main()
