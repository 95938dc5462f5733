"""Formula and CSV injection (issue: hardening, item 5): data strings starting with
=, +, -, @ (and tab/CR) are plain text cells in every xlsx workbook and are neutralised
(prefixed with ') in every CSV file. The test opens the files with openpyxl and csv."""
import csv
import io
import json
import os
import pathlib
import sys
import unittest

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from common import TempCase, json_set, json_strings, run  # noqa: E402

PAYLOADS = ['=HYPERLINK("http://evil.example/7331","x")', "+7331+1", "-7331+1", "@SUM(7331)",
            "\t=7331", "\r=7331", "=cmd|' /C calc'!A0 7331"]


class TestFormulaInjection(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.case = TempCase()
        site = cls.case.site
        n = 0
        for f in sorted((site / "data").rglob("*.json")):
            doc = json.loads(f.read_text(encoding="utf-8"))
            original = dict(json_strings(doc))
            for i, (ptr, s) in enumerate(original.items()):
                if ptr != "/$schema":
                    json_set(doc, ptr, PAYLOADS[(n + i) % len(PAYLOADS)] + " " + s)
            n += 1
            f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            # Fields with a grammar refuse the payload; put them back (see test_hostile.py).
            for _ in range(6):
                r = run("check", "--site", site, "--format", "json")
                if r.returncode == 0:
                    break
                rel = f.relative_to(site).as_posix()
                for d in json.loads(r.stderr.decode("utf-8")):
                    if d["severity"] == "error" and d["file"] == rel and d["pointer"] in original:
                        json_set(doc, d["pointer"], original[d["pointer"]])
                    elif d["severity"] == "error":
                        for p2, s in original.items():
                            if p2.endswith("/id"):
                                json_set(doc, p2, s)
                f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        r = run("build", "--site", site, "--out", cls.case.out)
        assert r.returncode == 0, r.stderr.decode()
        cls.out = cls.case.out

    @classmethod
    def tearDownClass(cls):
        cls.case.cleanup()

    def test_xlsx_cells_are_text(self):
        books = sorted(self.out.rglob("*.xlsx"))
        self.assertTrue(books)
        seen = 0
        for b in books:
            wb = openpyxl.load_workbook(b)  # formulas as written, not cached values
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for c in row:
                        if not isinstance(c.value, str):
                            continue
                        if "7331" in c.value:
                            seen += 1
                            self.assertEqual(c.data_type, "s", f"{b.name}!{ws.title}!{c.coordinate}: {c.value!r}")
                        if c.data_type == "f":
                            # Vitrina's own formulas only reference cells and numbers.
                            self.assertNotRegex(c.value, r"(?i)hyperlink|cmd|evil|7331", f"{b.name}!{c.coordinate}")
        self.assertGreater(seen, 5, "the payloads did not reach the workbooks")

    def test_csv_fields_are_neutralised(self):
        files = sorted(self.out.rglob("*.csv"))
        self.assertTrue(files)
        seen = 0
        for f in files:
            text = f.read_bytes().decode("utf-8-sig")
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
                for field in row:
                    if "7331" in field:
                        seen += 1
                        self.assertTrue(field.startswith("'"), f"{f.name}: {field!r}")
                    if field[:1] in ("=", "@", "\t", "\r"):
                        self.fail(f"{f.name}: field starts with a formula trigger: {field!r}")
                    if field[:1] in ("+", "-"):
                        float(field.replace(",", "."))  # only numbers may start with a sign
        self.assertGreater(seen, 3, "the payloads did not reach the CSV files")


if __name__ == "__main__":
    unittest.main()
