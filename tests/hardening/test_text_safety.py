"""Text that breaks a file (issue 17, item 5), end to end through `vitrina build`.

A methodologist pastes from Word: U+000B (Shift+Enter), other C0 controls, NUL and the
non-characters U+FFFE/U+FFFF land in titles and names; a text longer than an Excel cell
holds lands in a measure. Every XML output (pages, SVG, feed.xml, sitemap.xml, workbooks)
must stay well-formed, with a warning naming the position; the workbook must open in
openpyxl and LibreOffice with the text whole (a NUL used to cut it) or visibly cut.
Diagnostics must not pass control characters on: a newline in a field name printed raw
becomes a GitHub Actions workflow command, ESC a terminal escape.
Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/hardening/test_text_safety.py
"""
import csv
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from common import TempCase, run  # noqa: E402

import openpyxl  # noqa: E402  (Debian's python3-openpyxl, a test dependency)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Every character XML 1.0 forbids that JSON can carry, between words that must survive.
DIRTY = "Начало\u000bпосле-VT\u0001A\u0000после-NUL\u001b[31mB\ufffeC\uffffКонец"
FORBIDDEN = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]")
LONG = "Длинное описание мероприятия. " * 1300  # 39,000 characters > 32,767


def xml_parts(xlsx):
    with zipfile.ZipFile(xlsx) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels"))}


class TextSafety(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.case = TempCase()
        site = cls.case.site
        prog = site / "data/programmes/alpha/programme.json"
        doc = json.loads(prog.read_text(encoding="utf-8"))
        doc["title"] = DIRTY
        prog.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        meas = site / "data/programmes/alpha/measures.json"
        doc = json.loads(meas.read_text(encoding="utf-8"))
        doc["measures"][1]["name"] = LONG
        meas.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        ind = site / "data/programmes/alpha/indicators.json"
        doc = json.loads(ind.read_text(encoding="utf-8"))
        doc["indicators"][0]["name"] = "Доля\u000bпедагогов\u0007"
        ind.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        page = site / "content/alpha/01-about.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nТекст\u000bстраницы\u0002 конец\n", encoding="utf-8")
        cls.r = run("build", "--site", site, "--out", cls.case.out)
        cls.err = cls.r.stderr.decode("utf-8", "replace")

    @classmethod
    def tearDownClass(cls):
        cls.case.cleanup()

    def test_build_succeeds_with_warnings_at_positions(self):
        self.assertEqual(self.r.returncode, 0, self.err[-3000:])
        # file:line:column: warning: … (at /pointer)
        self.assertRegex(self.err, r"data/programmes/alpha/programme\.json:\d+:\d+: warning: .*U\+000B.*\(at /title\)")
        self.assertRegex(self.err, r"indicators\.json:\d+:\d+: warning: .*U\+000B.*\(at /indicators/0/name\)")
        self.assertRegex(self.err, r"content/alpha/01-about\.md:\d+:6: warning: .*U\+000B")
        self.assertRegex(self.err, r"measures\.json:\d+:\d+: warning: .*32767.*\(at /measures/1/name\)")

    def test_every_xml_output_is_well_formed(self):
        out = self.case.out
        xml_files = [out / "feed.xml", out / "sitemap.xml"] + sorted(out.rglob("*.svg"))
        for f in xml_files:
            ET.parse(f)  # raises on a forbidden character
        feed = (out / "feed.xml").read_text(encoding="utf-8")
        self.assertIn("после-NUL", feed, "text after the NUL was lost")
        self.assertIn("Конец", feed)
        for f in out.rglob("*.html"):
            text = f.read_text(encoding="utf-8")
            self.assertIsNone(FORBIDDEN.search(text), f"{f}: forbidden character")
        passport = (out / "programmes/alpha/index.html").read_text(encoding="utf-8")
        self.assertIn("после-VT", passport)
        for x in sorted(out.rglob("*.xlsx")):
            for name, data in xml_parts(x).items():
                ET.fromstring(data)  # every part of the workbook parses
                self.assertIsNone(FORBIDDEN.search(data.decode("utf-8")), f"{x}:{name}")

    def test_workbook_opens_in_openpyxl_with_text_whole_and_long_text_cut(self):
        wb = openpyxl.load_workbook(self.case.out / "xlsx/alpha.xlsx")
        values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        titles = [v for v in values if v.startswith("Начало")]
        self.assertTrue(titles, "the title is missing from the workbook")
        for t in titles:
            self.assertEqual(t, "Начало\nпосле-VTAпосле-NUL[31mBCКонец")  # VT became a line break
        self.assertIn("Начало", wb.properties.title)
        cut = [v for v in values if v.startswith("Длинное описание")]
        self.assertTrue(cut, "the long text vanished from the workbook")
        for v in cut:
            self.assertLessEqual(len(v), 32767)
            self.assertGreater(len(v), 32000)
            self.assertTrue(v.endswith("…"), "a cut text must end with a visible «…»")

    @unittest.skipUnless(SOFFICE, "LibreOffice is not installed")
    def test_libreoffice_reads_every_string(self):
        outdir = self.case.root / "lo"
        profile = self.case.root / "lo-profile"
        flt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"
        r = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", flt,
                            "--outdir", str(outdir), str(self.case.out / "xlsx/alpha.xlsx")],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        cells = []
        for f in outdir.glob("*.csv"):
            with open(f, encoding="utf-8", newline="") as h:
                cells += [c for row in csv.reader(h) for c in row]
        self.assertTrue(any(c.startswith("Начало") and c.endswith("Конец") for c in cells), "title blank in LibreOffice")
        # Strings after the dirty one must not be blank (LibreOffice used to drop them).
        self.assertTrue(any(c.startswith("Длинное описание") and c.endswith("…") for c in cells))
        self.assertTrue(any("Курсы" in c for c in cells), "a later string is blank")


class DiagnosticsEscaping(unittest.TestCase):
    """A field name is data: its newline or ESC must reach the log as visible text."""

    def setUp(self):
        self.case = TempCase()
        site = self.case.site / "data/site.json"
        doc = json.loads(site.read_text(encoding="utf-8"))
        doc["x\n::error file=evil::pwned\n::add-mask::secret\u001b[2J\u009b31m"] = 1
        site.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    def tearDown(self):
        self.case.cleanup()

    def check(self, fmt):
        r = run("check", "--site", self.case.site, "--format", fmt)
        err = r.stderr.decode("utf-8")
        self.assertIn(r.returncode, (0, 1), err)
        for line in err.splitlines():
            self.assertFalse(line.startswith("::") and "pwned" in line and not line.startswith("::error file=data"),
                             f"{fmt}: injected workflow command: {line!r}")
            self.assertFalse(line.startswith("::add-mask"), f"{fmt}: {line!r}")
        self.assertNotIn("\u001b", err, f"{fmt}: raw ESC")
        self.assertNotIn("\u009b", err, f"{fmt}: raw CSI")
        return err

    def test_text(self):
        err = self.check("text")
        self.assertIn("x\\n::error file=evil::pwned\\n::add-mask::secret\\x1B[2J\\u009B31m", err)

    def test_github(self):
        err = self.check("github")
        lines = [ln for ln in err.splitlines() if "pwned" in ln]
        self.assertEqual(len(lines), 1, err)
        # An unknown field is an error (strict by default), still one line for the whole name.
        self.assertTrue(lines[0].startswith("::error file=data/site.json"), lines[0])

    def test_json(self):
        err = self.check("json")
        diags = json.loads(err)
        self.assertTrue(any("pwned" in d["message"] for d in diags))

    def test_file_name_starting_with_colons(self):
        bad = self.case.site / "content/::add-mask::x.md"
        bad.write_text("no front matter\n", encoding="utf-8")
        for fmt in ("text", "github"):
            r = run("check", "--site", self.case.site, "--format", fmt)
            for line in r.stderr.decode("utf-8").splitlines():
                self.assertFalse(line.startswith("::add-mask"), f"{fmt}: {line!r}")


if __name__ == "__main__":
    unittest.main()
