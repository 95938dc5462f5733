"""Excel annexes read back by real readers (docs/annexes.md).

openpyxl (Debian python3-openpyxl) reads every workbook and the checks compare sheet names,
merged header ranges, the column-number rows, numbers kept as text, formulas and their cached
values, print settings and document properties with the data. LibreOffice (Debian
libreoffice-calc, headless) recalculates each workbook in an isolated profile that forces the
recalculation of OOXML formulas on load, exports every sheet as CSV, and every formula's
recalculated value must equal the value Vitrina cached. The profile is proved to recalculate:
a workbook whose formula =2+2 carries the wrong cached value 5 must come out as 4 (and as 5
with a default profile, which is why the setting is needed at all).

Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/py/test_workbooks.py
The workbook comes from `vitrina annex <programme-id> [--site DIR] [--year Y] -o FILE.xlsx`.
"""
import csv
from html.parser import HTMLParser
import datetime
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

try:
    import openpyxl
except ImportError:  # pragma: no cover - Debian's python3-openpyxl is a build dependency
    openpyxl = None

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("VITRINA_BIN", str(ROOT / "build" / "generator" / "vitrina"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
DEMO = ROOT / "examples" / "demo"
OWNER = "Отдел образования «Тест» & партнёры"
BUILD_DATE = "2024-05-01"

SHEETS = ["Мероприятия", "Выполнение мероприятий", "Показатели", "План и факт", "Паспорт", "Методика"]
# LibreOffice CSV export: ',' '"' UTF-8, raw values (not as shown), every sheet (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"
RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""


def annex_supported():
    if not Path(BIN).exists():
        return False, f"vitrina binary not found at {BIN} (set VITRINA_BIN)"
    r = subprocess.run([BIN, "--help"], capture_output=True, text=True)
    if not re.search(r"^\s+annex\b", r.stdout, re.M):
        return False, "the vitrina binary has no `annex` subcommand yet (not listed by `vitrina --help`)"
    return True, ""


SUPPORTED, WHY = annex_supported()


def annex(site, programme, out, year=None):
    cmd = [BIN, "annex", programme, "--site", str(site), "-o", str(out)]
    if year:
        cmd += ["--year", str(year)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0 or not Path(out).exists():
        raise AssertionError(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return Path(out)


def bundled_site(tmp):
    """The bundled programmes with a site.json of the test's own (owner, build date)."""
    site = Path(tmp) / "bundled"
    shutil.copytree(ROOT / "data" / "programmes", site / "data" / "programmes")
    (site / "data" / "site.json").write_text(json.dumps(
        {"title": "Тест", "owner": OWNER, "report_year": 2023, "build_date": BUILD_DATE},
        ensure_ascii=False), encoding="utf-8")
    return site


def formula_site(tmp):
    """A tiny site whose texts begin with = + - @: data, which must stay text."""
    site = Path(tmp) / "formula"
    p = site / "data" / "programmes" / "formula-2022"
    p.mkdir(parents=True)
    (site / "data" / "site.json").write_text(json.dumps(
        {"title": "Тест", "owner": OWNER, "report_year": 2022, "build_date": BUILD_DATE}, ensure_ascii=False),
        encoding="utf-8")
    (p / "programme.json").write_text(json.dumps(
        {"id": "formula-2022", "title": "=HYPERLINK(\"http://example.org\";\"x\")",
         "period": {"start": 2022, "end": 2023}}, ensure_ascii=False), encoding="utf-8")
    (p / "indicators.json").write_text(json.dumps(
        {"programme": "formula-2022", "indicators": [
            {"id": "i1", "number": "1.", "name": "=SUM(1;2)", "unit": "%", "kind": "share",
             "targets": [{"year": 2022, "value": 10}, {"year": 2023, "value": 20}],
             "facts": [{"year": 2022, "value": 12}]}]}, ensure_ascii=False), encoding="utf-8")
    (p / "measures.json").write_text(json.dumps(
        {"programme": "formula-2022", "measures": [
            {"id": "m1", "number": "1.", "name": "=1+1", "responsible": ["+7 (000) 000-00-00"],
             "period": "2022", "expected_result": "@упоминание", "consequences": "-2"}]},
        ensure_ascii=False), encoding="utf-8")
    return site


def load(path, values=False):
    return openpyxl.load_workbook(path, data_only=values)


def merged(ws):
    return {str(r) for r in ws.merged_cells.ranges}


def formula_cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    yield ws.title, c


def number(text):
    """A LibreOffice CSV value: raw numbers, except that percent formats keep their '%'."""
    text = str(text).strip()
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def close(a, b, rel=1e-12):
    return math.isclose(number(a), number(b), rel_tol=rel, abs_tol=1e-12)


class LibreOffice:
    """soffice --headless with an isolated profile; `recalc` forces OOXML recalculation."""

    def __init__(self, tmp, recalc=True):
        self.profile = Path(tmp) / ("lo-recalc" if recalc else "lo-default")
        (self.profile / "user").mkdir(parents=True, exist_ok=True)
        if recalc:
            (self.profile / "user" / "registrymodifications.xcu").write_text(RECALC_XCU, encoding="utf-8")

    def sheets(self, xlsx, out_dir, filt=CSV_FILTER):
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([SOFFICE, f"-env:UserInstallation={self.profile.as_uri()}", "--headless",
                            "--convert-to", filt, "--outdir", str(out_dir), str(xlsx)],
                           capture_output=True, text=True, timeout=180)
        if r.returncode != 0:
            raise AssertionError(f"soffice failed: {r.stdout}\n{r.stderr}")
        stem = Path(xlsx).stem
        result = {}
        for f in out_dir.glob(stem + "*.csv"):
            name = f.stem[len(stem) + 1:] if f.stem != stem else ""
            with open(f, encoding="utf-8", newline="") as h:
                result[name] = list(csv.reader(h))
        return result


def wrong_cache_xlsx(path):
    """A minimal workbook: A1 holds =2+2 with the wrong cached value 5."""
    ns = 'xmlns="http://schemas.openxmlformats.org/'
    files = {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types {ns}package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships {ns}package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns}spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
        f'{ns}package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        f'{ns}spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><f>2+2</f><v>5</v></c></row>'
        '</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)


def check_recalculated(test, xlsx, tmp):
    """Every formula's LibreOffice-recalculated value equals the cached value (a number, or a text
    such as a status; "" where the formula yields nothing yet)."""
    wb, wv = load(xlsx), load(xlsx, values=True)
    csvs = LibreOffice(tmp).sheets(xlsx, Path(tmp) / ("csv-" + Path(xlsx).stem))
    n = 0
    for sheet, c in formula_cells(wb):
        cached = wv[sheet][c.coordinate].value
        rows = csvs[sheet]
        recomputed = rows[c.row - 1][c.column - 1]
        where = f"{sheet}!{c.coordinate} {c.value}: LibreOffice {recomputed!r}, Vitrina {cached!r}"
        if isinstance(cached, (int, float)):
            test.assertTrue(close(recomputed, cached), where)
        else:
            test.assertEqual(recomputed, cached or "", where)
        n += 1
    return n


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(SUPPORTED, WHY)
class BelomorskAnnex(unittest.TestCase):
    """The bundled Belomorsk programme: Приложение 1 and Приложение 2 as printed."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="vitrina-wb-")
        cls.site = bundled_site(cls.tmp)
        cls.path = annex(cls.site, "belomorsk-2022", Path(cls.tmp) / "belomorsk-2022.xlsx")
        cls.wb, cls.wv = load(cls.path), load(cls.path, values=True)
        d = ROOT / "data" / "programmes" / "belomorsk-2022"
        cls.programme = json.loads((d / "programme.json").read_text(encoding="utf-8"))
        cls.indicators = json.loads((d / "indicators.json").read_text(encoding="utf-8"))["indicators"]
        cls.measures = json.loads((d / "measures.json").read_text(encoding="utf-8"))["measures"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_sheets_and_properties(self):
        self.assertEqual(self.wb.sheetnames, SHEETS)
        props = self.wb.properties
        self.assertEqual(props.title, self.programme["title"])
        self.assertEqual(props.creator, OWNER)
        self.assertEqual(props.created.date(), datetime.date(2024, 5, 1))
        self.assertTrue(props.subject)
        self.assertIn("belomorsk-2022", props.keywords)

    def test_measures_header_as_printed(self):
        ws = self.wb["Мероприятия"]
        for rng in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:G4"):
            self.assertIn(rng, merged(ws))
        self.assertEqual(ws["D3"].value, "Срок (годы)")
        self.assertEqual(ws["B3"].value, "Номер и наименование основного мероприятия и мероприятия")
        self.assertEqual(ws["D4"].value, "начала реализации")
        self.assertEqual(ws["E4"].value, "окончания реализации")
        self.assertEqual([ws.cell(5, c).value for c in range(1, 8)], list(range(1, 8)))
        self.assertEqual(ws.freeze_panes, "A6")
        self.assertTrue(ws.auto_filter.ref.startswith("A5:G"))

    def test_measures_rows_sections_and_text_numbers(self):
        ws = self.wb["Мероприятия"]
        rows = {}
        for r in range(6, ws.max_row + 1):
            a = ws.cell(r, 1)
            if a.value is not None and ws.cell(r, 2).value is not None:  # not a spanning row
                self.assertEqual(a.data_type, "s", f"A{r} number must be text")
                rows[a.value] = r
        self.assertEqual(len(rows), len(self.measures))  # 24: 7 main + 17 sub-measures
        for m in self.measures:
            r = rows[m["number"]]
            self.assertEqual(ws.cell(r, 2).value, m["name"])
        self.assertIn("1.1.", rows)
        self.assertIn("7", rows)  # «7 » printed without a dot, trimmed
        m1 = self.measures[0]
        self.assertEqual(ws.cell(rows["1."], 4).value, 2022)
        self.assertEqual(ws.cell(rows["1."], 5).value, 2030)
        self.assertEqual(ws.cell(rows["1."], 6).value, m1["expected_result"])
        self.assertEqual(ws.cell(rows["1."], 7).value, m1["consequences"])
        spans = [r for r in merged(ws) if r.startswith("A") and ":G" in r and r.split(":")[0][1:] == r.split(":")[1][1:]]
        span_rows = sorted(int(r.split(":")[0][1:]) for r in spans)
        titles = [ws.cell(r, 1).value for r in span_rows if r > 5]
        for s in self.programme["measure_sections"]:
            self.assertIn(s["title"], titles)
        self.assertTrue(titles[0].startswith("Система обеспечения"))
        self.assertTrue(titles[1].startswith("Цель – "))
        # a section row comes right before its first measure
        first_t1 = rows["1."]
        self.assertTrue(ws.cell(first_t1 - 1, 1).value.startswith("Задача 1"))

    def test_indicators_years_ratio_formula_and_printed(self):
        ws, wv = self.wb["Показатели"], self.wv["Показатели"]
        self.assertIn("D3:M3", merged(ws))
        self.assertEqual(ws["D3"].value, "Значение показателей по годам реализации")
        self.assertEqual([ws.cell(4, c).value for c in range(4, 13)], list(range(2022, 2031)))
        self.assertEqual([ws.cell(5, c).value for c in range(1, 15)], list(range(1, 15)))
        self.assertEqual(ws.print_title_rows, "$3:$5")
        rows = {ws.cell(r, 2).value: r for r in range(6, ws.max_row + 1)}
        seen = 0
        for ind in self.indicators:
            r = rows[ind["name"]]
            if ind.get("number"):
                self.assertEqual(ws.cell(r, 1).data_type, "s")
                self.assertEqual(ws.cell(r, 1).value, ind["number"])
            targets = {t["year"]: t["value"] for t in ind.get("targets", [])}
            if not targets:
                continue
            for c, year in enumerate(range(2022, 2031), start=4):
                self.assertEqual(ws.cell(r, c).value, targets[year])
            self.assertEqual(ws.cell(r, 13).value, f"=L{r}/D{r}")
            self.assertEqual(ws.cell(r, 13).number_format, "0.00")
            self.assertTrue(close(wv.cell(r, 13).value, targets[2030] / targets[2022]))
            self.assertEqual(ws.cell(r, 14).value, ind["printed_ratio"]["value"])
            self.assertNotEqual(round(targets[2030] / targets[2022] + 1e-12, 2), ind["printed_ratio"]["value"])
            seen += 1
        self.assertEqual(seen, 3)
        ratios = sorted(round(wv.cell(rows[i["name"]], 13).value, 2) for i in self.indicators if i.get("targets"))
        self.assertEqual(ratios, [1.07, 1.18, 1.33])
        printed = sorted(ws.cell(rows[i["name"]], 14).value for i in self.indicators if i.get("targets"))
        self.assertEqual(printed, [1.08, 1.19, 1.34])

    def test_numbers_are_right_aligned_texts_left(self):
        for ws in self.wb.worksheets:
            first = 6 if ws.title in ("Мероприятия", "Показатели") else 4  # below the centred header rows
            for row in ws.iter_rows(min_row=first):
                for c in row:
                    if c.data_type == "n" and c.value is not None and c.number_format != "General":
                        self.assertEqual(c.alignment.horizontal, "right", f"{ws.title}!{c.coordinate}")
                    elif c.data_type == "s" and c.value and not c.font.b:
                        self.assertIn(c.alignment.horizontal, (None, "left", "general"), f"{ws.title}!{c.coordinate}")

    def test_number_formats_by_unit(self):
        ws = self.wb["Показатели"]
        rows = {ws.cell(r, 2).value: r for r in range(6, ws.max_row + 1)}
        for ind in self.indicators:
            if not ind.get("targets"):
                continue
            fmt = ws.cell(rows[ind["name"]], 4).number_format
            self.assertEqual(fmt, "0.0" if ind.get("unit") == "%" else "0", ind["name"])

    def test_print_setup_every_sheet(self):
        for ws in self.wb.worksheets:
            with self.subTest(sheet=ws.title):
                # «Паспорт» (two columns) prints portrait like the document; the tables landscape
                self.assertEqual(ws.page_setup.orientation, "portrait" if ws.title == "Паспорт" else "landscape")
                self.assertEqual(int(ws.page_setup.paperSize), 9)  # A4
                self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)
                self.assertIn(ws.page_setup.fitToWidth, (None, 1, "1"))
                self.assertEqual(int(ws.page_setup.fitToHeight), 0)
                self.assertTrue(ws.print_title_rows)
                self.assertIsNotNone(ws.freeze_panes)
                self.assertTrue(ws.auto_filter.ref)
                self.assertEqual(ws.oddFooter.right.text, "стр. &P из &N")
                self.assertTrue(ws.oddFooter.left.text)
                widths = [d.width for d in ws.column_dimensions.values()]
                self.assertTrue(widths and all(6 <= w <= 101 for w in widths), widths)

    def test_passport(self):
        ws = self.wb["Паспорт"]
        values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(3, ws.max_row + 1)}
        self.assertEqual(values["Наименование"], self.programme["title"])
        self.assertEqual(values["Ответственный исполнитель"], self.programme["executor"])
        self.assertEqual(values["Утверждён"], "не указано в документе")
        # «2.2.» is a section number, not a kind, and the kind's key is never shown in English
        self.assertNotIn("Вид документа", values)
        self.assertNotIn("system_section", values.values())
        self.assertEqual(values["Показателей в документе"], "5")
        self.assertTrue(values["Показателей в оценке"].startswith("5"))
        self.assertTrue(values["Срок реализации"].startswith("2022–2030"))

    def test_labels_follow_the_site_language_not_the_message_language(self):
        # --lang en (the messages of the run) must not turn a Russian site's annex English.
        out = Path(self.tmp) / "belomorsk-en.xlsx"
        cmd = [BIN, "--lang", "en", "annex", "belomorsk-2022", "--site", str(self.site), "-o", str(out)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Written", r.stderr + r.stdout)  # the message itself is English
        self.assertEqual(load(out).sheetnames, SHEETS)
        self.assertEqual(out.read_bytes(), self.path.read_bytes())

    def test_deterministic(self):
        again = annex(self.site, "belomorsk-2022", Path(self.tmp) / "again.xlsx")
        self.assertEqual(self.path.read_bytes(), again.read_bytes())

    @unittest.skipUnless(SOFFICE, "LibreOffice (soffice) is not installed")
    def test_libreoffice_recalculates_to_the_cached_values(self):
        self.assertGreaterEqual(check_recalculated(self, self.path, self.tmp), 3)


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(SUPPORTED, WHY)
class DemoAnnexes(unittest.TestCase):
    """The demonstration region: facts, so plan/fact formulas and statuses."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="vitrina-wb-demo-")
        cls.site_json = json.loads((DEMO / "data" / "site.json").read_text(encoding="utf-8"))
        cls.ids = sorted(p.name for p in (DEMO / "data" / "programmes").iterdir() if p.is_dir())
        cls.paths = {i: annex(DEMO, i, Path(cls.tmp) / f"{i}.xlsx") for i in cls.ids}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_properties(self):
        for i, path in self.paths.items():
            wb = load(path)
            self.assertEqual(wb.sheetnames, SHEETS)
            self.assertEqual(wb.properties.creator, self.site_json["owner"])
            self.assertEqual(wb.properties.created.date().isoformat(), self.site_json["build_date"])

    def test_plan_fact_formulas_and_status_text(self):
        for i, path in self.paths.items():
            ws, wv = load(path)["План и факт"], load(path, values=True)["План и факт"]
            self.assertEqual(ws["D3"].value, "Год")
            self.assertEqual(ws.freeze_panes, "C4")
            self.assertEqual(ws["K3"].value, "Причина отклонения")
            with_fact = 0
            for r in range(4, ws.max_row + 1):
                plan, fact = wv.cell(r, 5).value, wv.cell(r, 6).value
                self.assertTrue(wv.cell(r, 10).value, f"{i} J{r}: the status must read as text")
                # every row, with a fact or not, has its formulas (a fact typed later is judged)
                for col in "GHIJ":
                    self.assertEqual(ws[f"{col}{r}"].data_type, "f", f"{i} {col}{r}")
                self.assertIn("'Методика'!$B$", ws[f"J{r}"].value)
                self.assertIn("'Методика'!$B$", ws[f"I{r}"].value)
                if isinstance(plan, (int, float)) and isinstance(fact, (int, float)):
                    with_fact += 1
                    self.assertTrue(close(wv.cell(r, 7).value, round(fact - plan, 6)), f"{i} G{r}")
                    # the degree is kept at the three decimals it is shown with (docs/metrics.md §7)
                    degree = wv.cell(r, 8).value
                    if isinstance(degree, (int, float)):
                        self.assertEqual(round(degree, 3), degree, f"{i} H{r}")
                    self.assertEqual(ws.cell(r, 8).number_format, "0.000")  # as pages show it: 1,083
            self.assertGreater(with_fact, 0, f"{i}: the demo has facts")
            rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
            self.assertGreaterEqual(len(rules), 4)
            ranges = [str(dv.sqref) for dv in ws.data_validations.dataValidation]
            self.assertIn(f"F4:F{ws.max_row}", ranges, f"{i}: facts are validated as numbers")

    def yes_no_names(self):
        yes_no = {}
        for pid in self.ids:
            inds = json.loads((DEMO / "data" / "programmes" / pid / "indicators.json").read_text(encoding="utf-8"))
            yes_no[pid] = {i["name"] for i in inds["indicators"] if i.get("kind") == "yes_no"}
        return yes_no

    def test_yes_no_reads_yes_and_no(self):
        # A yes/no indicator's plan and fact keep 1/0 (formulas compare them) but read «да»/«нет».
        yes_no = self.yes_no_names()
        self.assertTrue(any(yes_no.values()), "the demo has yes/no indicators")
        fmt = '[=1]"да";[=0]"нет";General'
        for i, path in self.paths.items():
            wb = load(path)
            ws = wb["План и факт"]
            rows = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value in yes_no[i]]
            self.assertEqual(len(rows) > 0, len(yes_no[i]) > 0)
            for r in rows:
                for c in (5, 6):
                    self.assertEqual(ws.cell(r, c).number_format, fmt, f"{i} {ws.cell(r, c).coordinate}")
            ind = wb["Показатели"]
            for r in range(6, ind.max_row + 1):
                if ind.cell(r, 2).value in yes_no[i]:
                    self.assertEqual(ind.cell(r, 4).number_format, fmt)

    @unittest.skipUnless(SOFFICE, "LibreOffice (soffice) is not installed")
    def test_libreoffice_shows_yes_and_no(self):
        flt = CSV_FILTER.replace(",false,true,false,false,false,", ",false,true,true,false,false,")  # as shown
        yes_no = self.yes_no_names()
        i = next(i for i in self.ids if yes_no[i])
        shown = LibreOffice(self.tmp).sheets(self.paths[i], Path(self.tmp) / "shown", flt)["План и факт"]
        words = {row[c] for row in shown[3:] if len(row) > 5 and row[1] in yes_no[i] for c in (4, 5)} - {""}
        self.assertTrue(words and words <= {"да", "нет"}, words)

    def test_passport_counts_say_what_they_count(self):
        for i, path in self.paths.items():
            ws = load(path)["Паспорт"]
            labels = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
            for label in ("Показателей в документе", "Мероприятий в документе", "Показателей в оценке",
                          "Мероприятий в отчётном году (М)"):
                self.assertIn(label, labels, i)
            values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(3, ws.max_row + 1)}
            self.assertEqual(values["Вид документа"], "Программа", i)  # as the document names itself

    def test_report_year_option(self):
        path = annex(DEMO, self.ids[0], Path(self.tmp) / "year.xlsx", year=2020)
        ws = load(path)["План и факт"]
        self.assertIn("2020", ws["A1"].value)
        self.assertIn("по состоянию на 31.12.2020", ws["A1"].value)
        self.assertIn(2020, [ws.cell(r, 4).value for r in range(4, ws.max_row + 1)])

    @unittest.skipUnless(SOFFICE, "LibreOffice (soffice) is not installed")
    def test_libreoffice_recalculates_to_the_cached_values(self):
        for i, path in self.paths.items():
            with self.subTest(programme=i):
                self.assertGreater(check_recalculated(self, path, self.tmp), 10)


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(SUPPORTED, WHY)
class DataStringsStayText(unittest.TestCase):
    """A data string beginning with = + - @ is text in the workbook, never a formula."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="vitrina-wb-text-")
        cls.path = annex(formula_site(cls.tmp), "formula-2022", Path(cls.tmp) / "formula-2022.xlsx")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_openpyxl_reads_text(self):
        wb = load(self.path)
        ws = wb["Мероприятия"]  # no printed table in the data: Vitrina's own columns, one header row
        col = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
        cells = {ws.cell(r, col["Мероприятие"]).value: ws.cell(r, col["Мероприятие"]) for r in range(4, ws.max_row + 1)}
        self.assertIn("=1+1", cells)
        self.assertEqual(cells["=1+1"].data_type, "s")
        r = cells["=1+1"].row
        self.assertEqual(ws.cell(r, col["Ответственный"]).value, "+7 (000) 000-00-00")
        self.assertEqual(ws.cell(r, col["Ожидаемый результат"]).value, "@упоминание")
        self.assertEqual(ws.cell(r, col["Последствия нереализации"]).value, "-2")
        self.assertEqual(ws.cell(r, col["Последствия нереализации"]).data_type, "s")
        names = [ws2.cell(r2, 2) for ws2 in [wb["Показатели"]] for r2 in range(6, ws2.max_row + 1)]
        self.assertIn("=SUM(1;2)", [c.value for c in names])
        self.assertTrue(all(c.data_type != "f" for c in names))
        self.assertEqual(wb.properties.title, "=HYPERLINK(\"http://example.org\";\"x\")")

    @unittest.skipUnless(SOFFICE, "LibreOffice (soffice) is not installed")
    def test_libreoffice_keeps_text(self):
        csvs = LibreOffice(self.tmp).sheets(self.path, Path(self.tmp) / "csv")
        flat = [v for row in csvs["Мероприятия"] for v in row]
        self.assertIn("=1+1", flat)
        self.assertNotIn("2", flat[flat.index("=1+1"):flat.index("=1+1") + 1])
        self.assertIn("=SUM(1;2)", [v for row in csvs["Показатели"] for v in row])


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(SUPPORTED, WHY)
class YesNoByBetter(unittest.TestCase):
    """`better: "yes"` without a kind is a yes/no indicator in the workbook too: «да»/«нет», 1/0 kept."""

    def test_plan_and_fact_read_yes_and_no(self):
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "yn"
            p = site / "data" / "programmes" / "yn-2021"
            p.mkdir(parents=True)
            (site / "data" / "site.json").write_text(json.dumps(
                {"title": "Тест", "owner": OWNER, "report_year": 2021, "build_date": BUILD_DATE}), encoding="utf-8")
            (p / "programme.json").write_text(json.dumps(
                {"id": "yn-2021", "title": "Программа", "period": {"start": 2021, "end": 2021}}), encoding="utf-8")
            (p / "indicators.json").write_text(json.dumps(
                {"programme": "yn-2021", "indicators": [
                    {"id": "i1", "number": "1.", "name": "Наличие плана", "better": "yes",
                     "targets": [{"year": 2021, "value": 1}], "facts": [{"year": 2021, "value": 1}]}]},
                ensure_ascii=False), encoding="utf-8")
            wb = load(annex(site, "yn-2021", Path(tmp) / "yn.xlsx"))
            fmt = '[=1]"да";[=0]"нет";General'
            pf = wb["План и факт"]
            self.assertEqual((pf["E4"].value, pf["F4"].value), (1, 1))
            self.assertEqual((pf["E4"].number_format, pf["F4"].number_format), (fmt, fmt))
            self.assertIn("IF(ABS(ROUND(F4,0)-E4)<1E-9,1,0)", pf["H4"].value)
            self.assertEqual(wb["Показатели"]["D6"].number_format, fmt)


@unittest.skipUnless(SOFFICE, "LibreOffice (soffice) is not installed")
class RecalculationProof(unittest.TestCase):
    """The isolated profile really recalculates: otherwise the checks above would be hollow."""

    def test_wrong_cached_value_is_corrected(self):
        with tempfile.TemporaryDirectory() as tmp:
            book = Path(tmp) / "wrong.xlsx"
            wrong_cache_xlsx(book)
            flt = CSV_FILTER.rsplit(",", 1)[0]  # one sheet: output file wrong.csv
            forced = LibreOffice(tmp, recalc=True).sheets(book, Path(tmp) / "forced", flt)
            self.assertEqual(forced[""][0][0], "4")
            default = LibreOffice(tmp, recalc=False).sheets(book, Path(tmp) / "default", flt)
            self.assertEqual(default[""][0][0], "5", "a default profile keeps cached values")

STATUS_RU = {"achieved": "достигнут", "on_track": "в графике", "in_progress": "в работе", "at_risk": "под угрозой",
             "not_achieved": "не достигнут", "no_data": "нет данных", "no_target": "нет плана на год"}

# One indicator of each way a status is reached: growth with a later target (on track possible), growth
# in its last target year, lower-is-better, yes/no, thresholds «не менее» and «не более», and a row
# without a fact. FACTS_A are the data the workbook is built from, FACTS_B what a secretary types in.
PF_INDICATORS = [
    {"id": "g1", "number": "1.", "name": "Рост с промежуточным годом", "unit": "%", "kind": "share",
     "targets": [{"year": 2023, "value": 60}, {"year": 2024, "value": 70}]},
    {"id": "g2", "number": "2.", "name": "Рост в последний год", "unit": "чел.", "kind": "count",
     "targets": [{"year": 2023, "value": 100}]},
    {"id": "l1", "number": "3.", "name": "Чем меньше, тем лучше", "unit": "чел.", "kind": "count", "better": "lower",
     "targets": [{"year": 2023, "value": 10}]},
    {"id": "y1", "number": "4.", "name": "Да или нет", "kind": "yes_no", "targets": [{"year": 2023, "value": 1}]},
    {"id": "t1", "number": "5.", "name": "Не менее", "unit": "%", "kind": "share",
     "targets": [{"year": 2023, "op": ">=", "value": 30}]},
    {"id": "t2", "number": "6.", "name": "Не более", "unit": "%", "kind": "share", "better": "lower",
     "targets": [{"year": 2023, "op": "<=", "value": 5}]},
    {"id": "n1", "number": "7.", "name": "Без факта", "unit": "чел.", "kind": "count",
     "targets": [{"year": 2023, "value": 5}]},
]
FACTS_A = {"g1": 46.2, "g2": 90, "l1": 12, "y1": 1, "t1": 31.5, "t2": 4.0}
# 57.5/60 = 0.958 «в графике»; 100 «достигнут»; 0 lower-is-better (was #DIV/0!); 0 of yes/no;
# 29.9 < 30; 5.2 > 5; 4 of 5 = 0.8 «под угрозой» in a row that had no fact.
FACTS_B = {"g1": 57.5, "g2": 100, "l1": 0, "y1": 0, "t1": 29.9, "t2": 5.2, "n1": 4}
AT_RISK_EDITED = 0.85
# The same programme reported at the half-year: every shortfall is «в работе».
FACTS_H1 = {"g1": 30, "g2": 100, "l1": 14, "y1": 0, "t1": 12, "t2": 2, "n1": 4}


def plan_fact_site(root, facts, period="year", at_risk_min=None):
    site = Path(root)
    p = site / "data" / "programmes" / "pf-2022"
    p.mkdir(parents=True, exist_ok=True)
    conf = {"title": "Тест", "owner": OWNER, "report_year": 2023, "build_date": BUILD_DATE}
    if period != "year":
        conf["report_period"] = period
    if at_risk_min is not None:
        conf["methodology"] = {"status": {"at_risk_min": at_risk_min}}
    (site / "data" / "site.json").write_text(json.dumps(conf, ensure_ascii=False), encoding="utf-8")
    (p / "programme.json").write_text(json.dumps(
        {"id": "pf-2022", "title": "Программа", "period": {"start": 2022, "end": 2024}}, ensure_ascii=False),
        encoding="utf-8")
    inds = json.loads(json.dumps(PF_INDICATORS))
    for ind in inds:
        if ind["id"] in facts:
            fact = {"year": 2023, "value": facts[ind["id"]]}
            if period != "year":
                fact.update(period=period, as_of="2023-07-10")
            ind["facts"] = [fact]
    (p / "indicators.json").write_text(json.dumps({"programme": "pf-2022", "indicators": inds}, ensure_ascii=False),
                                       encoding="utf-8")
    return site


def report_statuses(site):
    r = subprocess.run([BIN, "report", "--site", str(site), "--format", "json"], capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return {i["id"]: i for i in json.loads(r.stdout)["programmes"][0]["indicators"]}


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(SUPPORTED, WHY)
@unittest.skipUnless(SOFFICE, "LibreOffice (soffice) is not installed")
class PlanFactSurvivesEditing(unittest.TestCase):
    """«План и факт» edited as a secretary would (openpyxl), recalculated by LibreOffice, reads the
    statuses Vitrina computes for the typed facts: every row a formula, thresholds from «Методика»."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="vitrina-wb-pf-"))
        cls.csv = {}
        edited = []
        for name, facts_from, facts_to, period in (("year", FACTS_A, FACTS_B, "year"),
                                                   ("h1", FACTS_A, FACTS_H1, "h1")):
            built = annex(plan_fact_site(cls.tmp / f"{name}-a", facts_from, period), "pf-2022",
                          cls.tmp / f"{name}-a.xlsx")
            wb = load(built)
            ws = wb["План и факт"]
            for r in range(4, ws.max_row + 1):
                ind = next((i["id"] for i in PF_INDICATORS if i["name"] == ws.cell(r, 2).value), None)
                if ind and ws.cell(r, 4).value == 2023:
                    ws.cell(r, 6).value = facts_to.get(ind)
            if name == "year":  # a stricter «под угрозой»: 4 of 5 (0.8) is now «не достигнут»
                method = wb["Методика"]
                assert method["A5"].value == "Порог «под угрозой»", method["A5"].value
                method["B5"] = AT_RISK_EDITED
            out = cls.tmp / f"edited-{name}.xlsx"
            wb.save(out)
            edited.append(out)
            cls.csv[name] = LibreOffice(cls.tmp).sheets(out, cls.tmp / f"csv-{name}")["План и факт"]
        cls.vitrina = {"year": report_statuses(plan_fact_site(cls.tmp / "year-b", FACTS_B, at_risk_min=AT_RISK_EDITED)),
                       "h1": report_statuses(plan_fact_site(cls.tmp / "h1-b", FACTS_H1, "h1"))}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def recalculated(self, name):
        rows = {}
        for row in self.csv[name][3:]:
            ind = next((i["id"] for i in PF_INDICATORS if len(row) > 9 and i["name"] == row[1]), None)
            if ind and row[3] == "2023":
                rows[ind] = row
        self.assertEqual(set(rows), {i["id"] for i in PF_INDICATORS})
        return rows

    def test_statuses_after_editing_are_vitrina_s(self):
        for name in ("year", "h1"):
            rows, want = self.recalculated(name), self.vitrina[name]
            for ind, row in rows.items():
                with self.subTest(period=name, indicator=ind):
                    self.assertEqual(row[9], STATUS_RU[want[ind]["status"]], row)
                    if want[ind]["degree"] is None:
                        self.assertEqual(row[7], "", row)
                    else:
                        self.assertTrue(close(row[7], want[ind]["degree"]), row)
                    if want[ind]["deviation"] is not None:
                        self.assertTrue(close(row[6], want[ind]["deviation"]), row)

    def test_every_status_of_the_year_and_the_half_year_is_reached(self):
        year = {r[9] for r in self.recalculated("year").values()}
        self.assertLessEqual({"в графике", "достигнут", "под угрозой", "не достигнут"}, year)
        h1 = {r[9] for r in self.recalculated("h1").values()}
        self.assertIn("в работе", h1)
        self.assertFalse(h1 & {"в графике", "под угрозой", "не достигнут"}, h1)

    def test_the_threshold_comes_from_methodology(self):
        self.assertEqual(self.recalculated("year")["n1"][9], "не достигнут")  # 0.8 < 0.85 typed in «Методика»
        self.assertEqual(self.recalculated("h1")["n1"][9], "в работе")

    def test_no_error_values(self):
        for name, rows in self.csv.items():
            flat = [v for row in rows for v in row]
            self.assertFalse([v for v in flat if v.startswith("#") or v.startswith("Err:")], name)


MEASURE_STATUS_RU = {"planned": "запланировано", "in_progress": "выполняется", "done": "выполнено",
                     "not_done": "не выполнено", "cancelled": "отменено", None: "нет сведений"}


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(SUPPORTED, WHY)
class MeasureExecution(unittest.TestCase):
    """Which measures were done, missed or overdue, in each annex and in board.xlsx (issue 20: the
    board read «Просрочено 2» and did not say which). Compared with the open data of the same build."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="vitrina-wb-exec-"))
        out = cls.tmp / "out"
        r = subprocess.run([BIN, "build", "--quiet", "--no-search", "--site", str(DEMO), "--out", str(out)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise AssertionError(r.stdout + r.stderr)
        cls.out = out
        cls.ids = sorted(p.name for p in (DEMO / "data" / "programmes").iterdir() if p.is_dir())
        cls.data = {}
        for i in cls.ids:
            doc = json.loads((out / "data" / i / f"{i}.json").read_text(encoding="utf-8"))
            src = json.loads((DEMO / "data" / "programmes" / i / "measures.json").read_text(encoding="utf-8"))
            cls.data[i] = (doc, {m["id"]: m for m in src["measures"]})

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_annex_sheet_lists_status_overdue_result_and_reason(self):
        overdue_seen = reasons_seen = 0
        for i in self.ids:
            doc, src = self.data[i]
            year = doc["report_year"]
            ws = load(next(self.out.rglob(f"{i}.xlsx")))["Выполнение мероприятий"]
            self.assertIn("по состоянию на", ws["A1"].value)
            self.assertEqual([ws.cell(3, c).value for c in range(5, 9)],
                             ["Статус", "Просрочено", "Результат", "Причина невыполнения"])
            self.assertEqual(ws.max_row, 3 + len(doc["measures"]))
            for r, m in enumerate(doc["measures"], start=4):  # one row per measure, in the document's order
                with self.subTest(programme=i, measure=m["number"]):
                    self.assertEqual((ws.cell(r, 1).value, ws.cell(r, 2).value), (m["number"], m["name"]))
                    status = ws.cell(r, 5).value
                    if m["status"] or not m["earlier_status"]:
                        self.assertEqual(status, MEASURE_STATUS_RU[m["status"]])
                    self.assertEqual(ws.cell(r, 6).value == "просрочено", m["overdue"])
                    overdue_seen += m["overdue"]
                    entries = [e for e in src[m["id"]].get("status", []) if e["year"] <= year]
                    entry = max(entries, key=lambda e: e["year"]) if entries else {}
                    self.assertEqual(ws.cell(r, 7).value or "", entry.get("result", ""))
                    self.assertEqual(ws.cell(r, 8).value or "", entry.get("reason", ""))
                    reasons_seen += bool(entry.get("reason"))
        self.assertGreater(overdue_seen, 0, "the demo has overdue measures")

    def test_board_lists_the_overdue_and_not_done_measures_it_counts(self):
        wb = load(self.out / "board.xlsx")
        self.assertIn("Просроченные мероприятия", wb.sheetnames)
        ws, summary = wb["Просроченные мероприятия"], wb["Сводка"]
        self.assertIn("по состоянию на", ws["A1"].value)
        heads = [summary.cell(2, c).value for c in range(1, summary.max_column + 1)]
        counted = {summary.cell(r, heads.index("Код") + 1).value: summary.cell(r, heads.index("Просрочено") + 1).value
                   for r in range(3, 3 + len(self.ids))}
        titles = {programme_name(self.data[i][0]["programme"]): i for i in self.ids}
        listed = {i: [] for i in self.ids}
        for r in range(3, ws.max_row + 1):
            if ws.cell(r, 2).value:
                listed[titles[ws.cell(r, 1).value]].append((ws.cell(r, 2).value, ws.cell(r, 6).value == "просрочено",
                                                            ws.cell(r, 5).value))
        for i in self.ids:
            with self.subTest(programme=i):
                by_number = {m["number"]: m for m in self.data[i][0]["measures"]}
                overdue = [n for n, late, _ in listed[i] if late]
                self.assertEqual(len(overdue), counted[i])  # the list is the count
                for number, late, status in listed[i]:
                    m = by_number[number]
                    self.assertEqual(late, m["overdue"])
                    self.assertTrue(m["overdue"] or m["status"] == "not_done", number)
                not_done = {m["number"] for m in self.data[i][0]["measures"] if m["status"] == "not_done"}
                self.assertLessEqual({n for n, _, st in listed[i] if st == "не выполнено"}, not_done)
        self.assertTrue(any(listed.values()))



# ---- board.xlsx as a meeting pack (issue 20 item 6) ------------------------------------------

C_NS = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
RATINGS_RU = {"high": "высокая", "medium": "средняя", "satisfactory": "удовлетворительная",
              "unsatisfactory": "неудовлетворительная", "not_assessable": "не оценивается"}
STATUSES_RU = {"achieved": "достигнут", "on_track": "в графике", "in_progress": "в работе", "at_risk": "под угрозой",
               "not_achieved": "не достигнут", "no_data": "нет данных", "no_target": "нет плана на год"}


def build_site(site, out):
    r = subprocess.run([BIN, "build", "--quiet", "--no-search", "--site", str(site), "--out", str(out)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(r.stdout + r.stderr)
    r = subprocess.run([BIN, "report", "--site", str(site), "--format", "json"], capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(r.stdout + r.stderr)
    return json.loads(r.stdout)


def programme_name(p):
    """What the board calls a programme: its territory and period (docs/annexes.md)."""
    name = p["municipality"] or p["region"] or p["title"]
    start, end = p["period"]["start"], p["period"]["end"]
    period = (str(start) if start == end else f"{start}–{end}") if start and end else p["period"]["printed"]
    return f"{name} ({period})" if period else name


def charts_of(xlsx):
    """(sheet name, chart XML) of every chart drawn in the workbook (openpyxl does not read charts
    back, so the package's parts are read)."""
    import xml.etree.ElementTree as ET
    rel = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rid_attr = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

    def targets(z, rels_part, kind):
        if rels_part not in z.namelist():
            return []
        return [Path(r.get("Target")).name for r in ET.fromstring(z.read(rels_part)).iter(rel)
                if r.get("Type").endswith("/" + kind)]

    charts = []
    with zipfile.ZipFile(xlsx) as z:
        rels = {r.get("Id"): Path(r.get("Target")).name
                for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(rel)}
        for sheet in ET.fromstring(z.read("xl/workbook.xml")).iter(ns + "sheet"):
            part = rels[sheet.get(rid_attr)]
            for drawing in targets(z, f"xl/worksheets/_rels/{part}.rels", "drawing"):
                for chart in targets(z, f"xl/drawings/_rels/{drawing}.rels", "chart"):
                    charts.append((sheet.get("name"), ET.fromstring(z.read("xl/charts/" + chart))))
    return charts


def cells_of(wb, ref):
    """The values of a range such as 'Диаграмма'!$A$3:$A$6."""
    sheet, cells = ref.rsplit("!", 1)
    ws = wb[sheet.strip("'")]
    return [row[0].value for row in ws[cells.replace("$", "")]]


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(SUPPORTED, WHY)
class BoardMeetingPack(unittest.TestCase):
    """board.xlsx as a document for the board's meeting, on the demo region (facts) and the bundled
    programmes (no facts): the same figures as `vitrina report --format json`. Issue 20 named its
    defects: a chart labelled with codes, without value labels, empty with an axis to 1200 % for the
    bundled data; no conditional formatting, no region total, no page per programme."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="vitrina-wb-board-"))
        cls.sites = {}
        for name, site in (("demo", DEMO), ("bundled", bundled_site(cls.tmp))):
            out = cls.tmp / ("out-" + name)
            report = build_site(site, out)
            docs = {p["id"]: json.loads((out / "data" / p["id"] / f"{p['id']}.json").read_text(encoding="utf-8"))
                    for p in report["programmes"]}
            cls.sites[name] = (out / "board.xlsx", report, docs)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def book(self, name, values=True):
        return load(self.sites[name][0], values=values)

    def build_interim(self, period, name):
        """The demo region with site.json's report_period, built into tmp/out-NAME; its report."""
        site = self.tmp / name
        shutil.copytree(DEMO, site)
        conf = json.loads((site / "data" / "site.json").read_text(encoding="utf-8"))
        conf["report_period"] = period
        (site / "data" / "site.json").write_text(json.dumps(conf, ensure_ascii=False), encoding="utf-8")
        return build_site(site, self.tmp / ("out-" + name))

    def summary_rows(self, ws):
        heads = [ws.cell(2, c).value for c in range(1, ws.max_column + 1)]
        rows = {}
        for r in range(3, ws.max_row + 1):
            key = ws.cell(r, heads.index("Код") + 1).value or ws.cell(r, 2).value
            if key:
                rows[key] = {h: ws.cell(r, c).value for c, h in enumerate(heads, start=1) if h}
        return rows

    def test_summary_has_the_region_total_row(self):
        for name in self.sites:
            with self.subTest(site=name):
                path, report, _ = self.sites[name]
                ws, wf = self.book(name)["Сводка"], self.book(name, values=False)["Сводка"]
                rows = self.summary_rows(ws)
                total = rows.get("Итого по всем программам")
                self.assertIsNotNone(total, f"{name}: «Сводка» has no total row")
                programmes = [rows[p["id"]] for p in report["programmes"]]
                overall = report["overall"]
                counts = {"Показателей в оценке": "indicators_total", "Оценено": "indicators_assessed",
                          "Достигнуто": "indicators_achieved"}
                measure_counts = {"Мероприятий в году (М)": "total", "Выполнено (Мв)": "done_counted",
                                  "Просрочено": "overdue"}
                for head, key in counts.items():
                    self.assertEqual(total[head], sum(p[head] for p in programmes), head)
                    self.assertEqual(total[head], overall[key], head)
                for head, key in measure_counts.items():
                    self.assertEqual(total[head], sum(p[head] for p in programmes), head)
                    self.assertEqual(total[head], overall["measures"][key], head)
                # shares and scores by the methodology over all programmes, as `vitrina report`
                for head, key in (("Доля достигнутых", "share_achieved"), ("Средняя СДп (СРп/п)", "mean_degree"),
                                  ("Доля выполненных (СРм)", "measures_done_share"), ("Эффективность", "effectiveness")):
                    self.assertEqual(total[head], overall[key], head)
                self.assertEqual(total["Оценка"], RATINGS_RU[overall["rating"]])
                # the counts are sums an edited row updates
                total_row = next(r for r in range(3, wf.max_row + 1) if wf.cell(r, 2).value == "Итого по всем программам")
                self.assertTrue(str(wf.cell(total_row, 3).value).startswith("=SUM("), wf.cell(total_row, 3).value)
        # not an average of the programmes' percentages: the demo's differ
        _, report, _ = self.sites["demo"]
        means = [p["summary"]["mean_degree"] for p in report["programmes"]]
        self.assertNotAlmostEqual(sum(means) / len(means), report["overall"]["mean_degree"], places=3)

    def test_summary_names_programmes_and_keeps_the_id_off_the_print(self):
        for name in self.sites:
            path, report, docs = self.sites[name]
            ws = self.book(name)["Сводка"]
            rows = self.summary_rows(ws)
            for p in report["programmes"]:
                self.assertEqual(rows[p["id"]]["Программа"], programme_name(docs[p["id"]]["programme"]))
            heads = [ws.cell(2, c).value for c in range(1, ws.max_column + 1)]
            last_printed = ws.print_area[0].split(":")[1] if isinstance(ws.print_area, list) else ws.print_area.split(":")[1]
            self.assertLess(openpyxl.utils.column_index_from_string(re.sub(r"[\d$]", "", last_printed)),
                            heads.index("Код") + 1, f"{name}: the id column is printed")
            self.assertEqual(ws.page_setup.orientation, "landscape")
            self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)

    def programme_blocks(self, name):
        """«По программам»: the rows of each programme's page, by programme id."""
        path, report, docs = self.sites[name]
        ws = self.book(name)["По программам"]
        starts = {}
        for i, p in enumerate(report["programmes"], start=1):
            title = f"{i}. {programme_name(docs[p['id']]['programme'])}"
            found = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == title]
            self.assertEqual(len(found), 1, f"{name}: no single page titled «{title}»")
            starts[p["id"]] = found[0]
        bounds = sorted(starts.values()) + [ws.max_row + 1]
        return ws, {pid: (r, bounds[bounds.index(r) + 1]) for pid, r in starts.items()}

    def test_a_page_per_programme_with_the_report_s_figures(self):
        for name in self.sites:
            path, report, docs = self.sites[name]
            ws, blocks = self.programme_blocks(name)
            # a manual page break before every programme but the first; printed at 100 %, portrait
            breaks = sorted(b.id for b in ws.row_breaks.brk)
            self.assertEqual(breaks, sorted(r - 1 for r, _ in blocks.values() if r > 1))
            self.assertEqual(ws.page_setup.orientation, "portrait")
            self.assertFalse(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
            for p in report["programmes"]:
                with self.subTest(site=name, programme=p["id"]):
                    first, end = blocks[p["id"]]
                    label = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(first, end)}
                    sm = p["summary"]
                    want = {"Эффективность реализации": sm["effectiveness"],
                            "Оценка эффективности": RATINGS_RU[sm["rating"]],
                            "Средняя степень достижения показателей (СРп/п)": sm["mean_degree"],
                            "Показателей в оценке": sm["indicators_total"],
                            "оценено (есть план и факт)": sm["indicators_assessed"],
                            "достигнуто": sm["indicators_achieved"],
                            "не достигнуто (оценено − достигнуто)": sm["indicators_assessed"] - sm["indicators_achieved"],
                            "Доля выполненных мероприятий (СРм)": sm["measures_done_share"],
                            "Мероприятий в отчётном году (М)": sm["measures"]["total"],
                            "выполнено (Мв)": sm["measures"]["done_counted"],
                            "не выполнено": sm["measures"]["not_done"],
                            "просрочено": sm["measures"]["overdue"]}
                    for k, v in want.items():
                        self.assertEqual(label[k], "нет данных" if v is None else v, k)
                    for key, word in STATUSES_RU.items():
                        self.assertEqual(label[word], sm["by_status"][key], word)
                    head = next(r for r in range(first, end) if ws.cell(r, 2).value == "Мероприятие")
                    by_status = next(r for r in range(first, end) if ws.cell(r, 4).value == "Мероприятия по статусам")
                    measures = {ws.cell(r, 4).value: ws.cell(r, 5).value for r in range(by_status + 1, head)}
                    for key, word in MEASURE_STATUS_RU.items():
                        self.assertEqual(measures[word], sm["measures"]["no_status" if key is None else key], word)
                    self.assertEqual(measures["просрочено"], sm["measures"]["overdue"])
                    # the overdue and not done measures by number and name: leaves, as the counts
                    ms = docs[p["id"]]["measures"]
                    parents = {m["parent"] for m in ms}
                    want_rows = [(m["number"], m["name"], m["overdue"]) for m in ms
                                 if m["id"] not in parents and (m["overdue"] or m["status"] == "not_done")]
                    got = [(ws.cell(r, 1).value, ws.cell(r, 2).value, "просрочено" in (ws.cell(r, 4).value or ""))
                           for r in range(head + 1, end) if ws.cell(r, 2).value]
                    self.assertEqual(got, want_rows)
                    if not want_rows:
                        self.assertEqual(ws.cell(head + 1, 1).value, "Просроченных и невыполненных мероприятий нет.")
        self.assertTrue(any(p["summary"]["measures"]["overdue"] for p in self.sites["demo"][1]["programmes"]))

    def test_chart_names_programmes_on_a_fixed_axis_with_value_labels(self):
        path, report, docs = self.sites["demo"]
        charts = charts_of(path)
        self.assertEqual(len(charts), 1)
        sheet, chart = charts[0]
        wb = self.book("demo")
        names = [programme_name(docs[p["id"]]["programme"]) for p in report["programmes"]]
        series = list(chart.iter(C_NS + "ser"))
        for ser in series:
            cats = cells_of(wb, ser.find(f"{C_NS}cat/{C_NS}strRef/{C_NS}f").text)
            self.assertFalse(set(cats) & {p["id"] for p in report["programmes"]}, "codes as categories")
            self.assertEqual(cats, names + ["Итого по всем программам"])
            labels = ser.find(f"{C_NS}dLbls/{C_NS}showVal")
            self.assertTrue(labels is not None and labels.get("val") == "1", "no value labels")
        scaling = chart.find(f".//{C_NS}valAx/{C_NS}scaling")
        self.assertIsNotNone(scaling.find(C_NS + "max"), "the axis is not fixed at 100 %")
        self.assertEqual(float(scaling.find(C_NS + "min").get("val")), 0)
        self.assertEqual(float(scaling.find(C_NS + "max").get("val")), 1)
        self.assertEqual(sheet, "Диаграмма")
        values = {ser.find(f"{C_NS}tx/{C_NS}v").text: cells_of(wb, ser.find(f"{C_NS}val/{C_NS}numRef/{C_NS}f").text)
                  for ser in series}
        want = {"Достижение показателей (СРп/п)": "mean_degree", "Выполнение мероприятий (СРм)": "measures_done_share",
                "Эффективность": "effectiveness"}
        self.assertEqual(set(values), set(want))
        for title, key in want.items():
            self.assertEqual(values[title], [p["summary"][key] for p in report["programmes"]] + [report["overall"][key]])

    def test_without_facts_the_chart_sheet_says_so(self):
        path, report, docs = self.sites["bundled"]
        self.assertFalse(any(p["summary"]["mean_degree"] for p in report["programmes"]), "the bundled data has no facts")
        self.assertEqual(charts_of(path), [], "an empty chart (its axis went to 1200 %)")
        ws = self.book("bundled")["Диаграмма"]
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        self.assertTrue(any(t.startswith(f"За {report['report_year']} год нет ни фактов показателей") for t in texts), texts)
        pages, blocks = self.programme_blocks("bundled")
        for pid, (first, end) in blocks.items():
            lines = [pages.cell(r, 1).value for r in range(first, end)]
            self.assertIn(f"Фактов показателей за {report['report_year']} год нет: показатели не оцениваются.", lines, pid)

    def test_interim_chart_has_no_bars_of_nothing(self):
        # An interim report has no effectiveness (docs/metrics.md §10): no such series, the rest stay.
        report = self.build_interim("h1", "interim")
        self.assertIsNone(report["overall"]["effectiveness"])
        charts = charts_of(self.tmp / "out-interim" / "board.xlsx")
        self.assertEqual(len(charts), 1)
        titles = [ser.find(f"{C_NS}tx/{C_NS}v").text for ser in charts[0][1].iter(C_NS + "ser")]
        self.assertNotIn("Эффективность", titles)
        self.assertIn("Выполнение мероприятий (СРм)", titles)

    def test_interim_rating_reads_rated_at_the_end_of_the_year_everywhere(self):
        # docs/metrics.md §10: in an interim report every output says «оценивается по итогам года»
        # where the rating would be, not «не оценивается», and no page says there are no facts.
        report = self.build_interim("q1", "interim-rating")
        out = self.tmp / "out-interim-rating"
        self.assertTrue(all(p["summary"]["rating"] == "not_assessable" for p in report["programmes"]))
        words = {"оценивается по итогам года"}
        board = openpyxl.load_workbook(out / "board.xlsx")
        for name in ("Сводка", "Диаграмма", "По программам"):
            cells = [c.value for row in board[name].iter_rows() for c in row if isinstance(c.value, str)]
            self.assertNotIn("не оценивается", cells, name)
            self.assertTrue(words & set(cells), name)
        for book in sorted((out / "xlsx").glob("*.xlsx")):
            cells = [c.value for row in openpyxl.load_workbook(book)["Паспорт"].iter_rows() for c in row]
            self.assertIn("оценивается по итогам года", cells, book.name)
        page = (out / "dashboard" / "index.html").read_text(encoding="utf-8")
        self.assertIn("оценивается по итогам года", page)
        self.assertNotIn("Оценка эффективности невозможна", page)

    def test_conditional_formats_read_in_black_and_white(self):
        wb = self.book("demo", values=False)

        def rules(ws):
            out = {}
            for cf in ws.conditional_formatting:
                for rule in cf.rules:
                    for f in rule.formula or []:
                        out.setdefault(f.strip('"'), []).append((str(cf.sqref), rule.dxf))
                    if rule.text:
                        out.setdefault(rule.text, []).append((str(cf.sqref), rule.dxf))
            return out

        summary = rules(wb["Сводка"])
        for word in RATINGS_RU.values():
            self.assertIn(word, summary, "«Сводка»: no rule for the rating " + word)
        bad = summary["неудовлетворительная"][0][1]
        self.assertTrue(bad.font.b, "«неудовлетворительная» must be bold, not only red")
        self.assertTrue(summary["удовлетворительная"][0][1].font.i, "«удовлетворительная» italic")
        for word in STATUSES_RU.values():
            self.assertIn(word, rules(wb["не достигнут"]), "status sheet: " + word)
        pages = rules(wb["По программам"])
        for word in ("не достигнут", "под угрозой", "неудовлетворительная", "просрочено", "не выполнено"):
            self.assertIn(word, pages, "«По программам»: " + word)
        self.assertTrue(pages["не достигнут"][0][1].font.b)
        self.assertTrue(pages["просрочено"][0][1].font.b)

    @unittest.skipUnless(SOFFICE, "LibreOffice (soffice) is not installed")
    def test_libreoffice_recalculates_to_the_same_figures(self):
        for name in self.sites:
            with self.subTest(site=name):
                n = check_recalculated(self, self.sites[name][0], self.tmp / ("lo-" + name))
                self.assertGreaterEqual(n, 6, "the total row's counts are formulas")


if __name__ == "__main__":
    unittest.main()


class MeasureTableParser(HTMLParser):
    """A measure page's table: its header rows (th texts, colspan) and each measure row's cells
    (class c-<column>): the cell's text, or its list items, without the hidden «inherited» note
    and the dated sub-events listed under a name."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head, self.rows = [], []
        self.in_head = False
        self.cell = None   # the cell being read: {"key", "parts", "items"}
        self.skip = 0      # depth inside a hidden span or an events list
        self.li = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "thead":
            self.in_head = True
        elif tag == "tr" and self.in_head and "col-numbers" not in cls:
            self.head.append([])
        elif tag == "th" and self.in_head and self.head:
            self.cell = {"key": "head", "parts": [], "items": [], "colspan": int(a.get("colspan", 1)),
                         "group": a.get("scope") == "colgroup"}
        elif tag == "tr" and (a.get("id") or "").startswith("m-"):
            self.rows.append({})
        elif tag in ("td", "th") and self.rows and not self.in_head and any(c.startswith("c-") for c in cls):
            self.cell = {"key": next(c[2:] for c in cls if c.startswith("c-")), "parts": [], "items": []}
        elif self.cell is not None and (("visually-hidden" in cls) or (tag == "ul" and "events" in cls) or self.skip):
            self.skip += 1
        elif self.cell is not None and tag == "li":
            self.li = []

    def handle_endtag(self, tag):
        if tag == "thead":
            self.in_head = False
        elif self.skip and tag in ("span", "ul", "li"):
            self.skip -= 1
        elif tag == "li" and self.li is not None:
            self.cell["items"].append("".join(self.li).strip())
            self.li = None
        elif tag in ("td", "th") and self.cell is not None:
            text = "\n".join(self.cell["items"]) if self.cell["items"] else "".join(self.cell["parts"]).strip()
            if self.cell["key"] == "head":
                self.head[-1].append((text, self.cell["colspan"], self.cell["group"]))
            else:
                self.rows[-1][self.cell["key"]] = "" if text == "—" else text
            self.cell = None

    def handle_data(self, data):
        if self.cell is None or self.skip:
            return
        (self.li if self.li is not None else self.cell["parts"]).append(data)

    def leaf_headers(self):
        """Each column's own header: a spanning header's columns take the second row's."""
        below = iter(self.head[1]) if len(self.head) > 1 else iter(())
        out = []
        for text, span, group in self.head[0][:-1]:  # Vitrina's status column is not the document's
            out += [next(below)[0] for _ in range(span)] if group else [text]
        return out


def sheet_leaf_headers(ws):
    """The «Мероприятия» sheet's column headers from row 3 (a second header row when a header
    spans columns)."""
    spanning = [r for r in ws.merged_cells.ranges if r.min_row == 3 and r.max_row == 3 and r.max_col > r.min_col]
    cols = [c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value is not None or
            any(r.min_col <= c <= r.max_col for r in ws.merged_cells.ranges if r.min_row == 3)]
    out = []
    for c in cols:
        below = ws.cell(4, c).value if spanning else None
        out.append(str(below if below is not None else ws.cell(3, c).value))
    return out, (5 if spanning else 4)


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(SUPPORTED, WHY)
class MeasuresAsTheDocument(unittest.TestCase):
    """Issue 20, item 5: each annex's «Мероприятия» keeps its document's measure columns, in its order,
    under its printed headers, as the site's measure page does; columns no measure fills are left
    out; sub-measures are indented."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="vitrina-measures-"))
        cls.site = bundled_site(cls.tmp)
        cls.out = cls.tmp / "out"
        r = subprocess.run([BIN, "build", "--quiet", "--no-search", "--site", str(cls.site), "--out", str(cls.out)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise AssertionError(r.stdout + r.stderr)
        cls.programmes = sorted(p.name for p in (ROOT / "data" / "programmes").iterdir() if p.is_dir())

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def page(self, pid):
        p = MeasureTableParser()
        p.feed((self.out / "programmes" / pid / "measures" / "index.html").read_text(encoding="utf-8"))
        return p

    def test_headers_and_cells_are_the_page_s(self):
        for pid in self.programmes:
            with self.subTest(programme=pid):
                page = self.page(pid)
                ws = openpyxl.load_workbook(self.out / "xlsx" / f"{pid}.xlsx")["Мероприятия"]
                keys = list(page.rows[0])
                filled = [i for i, k in enumerate(keys) if any(row.get(k) for row in page.rows)]
                want_heads = [page.leaf_headers()[i] for i in filled]
                heads, first = sheet_leaf_headers(ws)
                self.assertEqual(heads, want_heads)
                if ws.cell(first, 1).value == 1 and ws.cell(first, 2).value == 2:  # the «1 2 3 …» row
                    first += 1
                rows = [r for r in ws.iter_rows(min_row=first, max_col=len(heads))
                        if not any(str(m.coord).startswith(r[0].coordinate + ":") for m in ws.merged_cells.ranges)]
                self.assertEqual(len(rows), len(page.rows))
                for got, want in zip(rows, page.rows):
                    cells = ["" if c.value is None else str(c.value) for c in got]
                    self.assertEqual(cells, [want[keys[i]] for i in filled], f"{pid} row {got[0].row}")

    def test_each_document_s_own_columns(self):
        def heads(pid):
            return sheet_leaf_headers(openpyxl.load_workbook(self.out / "xlsx" / f"{pid}.xlsx")["Мероприятия"])[0]
        self.assertIn("Период реализации", heads("zima-2022"))
        self.assertIn("Показатели реализации", heads("strezhevoy-2021"))
        self.assertIn("Способ (источники) оценки", heads("strezhevoy-2021"))
        self.assertEqual(heads("kirov-rsoko")[:2], ["Вид мер, мероприятий", "Название мер, мероприятий"])
        self.assertIn("Участники", heads("kirov-rsoko"))
        # Zima prints a period for every measure: none is left without one
        ws = openpyxl.load_workbook(self.out / "xlsx" / "zima-2022.xlsx")["Мероприятия"]
        col = heads("zima-2022").index("Период реализации") + 1
        periods = [ws.cell(r, col).value for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value]
        self.assertGreater(len(periods), 30)
        self.assertTrue(all(periods), "a Zima measure without its printed period")

    def test_sub_measures_are_indented(self):
        ws = openpyxl.load_workbook(self.out / "xlsx" / "kirov-rsoko.xlsx")["Мероприятия"]
        names = {ws.cell(r, 2).value: ws.cell(r, 2).alignment.indent for r in range(4, ws.max_row + 1)}
        self.assertGreater(names["Ректорский час"], 0)
        self.assertGreater(names["Конкурс «Учитель года Кировской области»"], 0)
        self.assertEqual(min(v for k, v in names.items() if k), 0)  # main measures are not
