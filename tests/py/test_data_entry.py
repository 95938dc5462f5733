"""`vitrina new`, `collect` and `import` as a methodologist meets them (issue 19).

One site is made by `vitrina new` and checked (0 errors, 0 warnings); its data-entry workbook
(`vitrina collect`) is filled three ways: with openpyxl; with openpyxl and then re-saved by
LibreOffice (which rewrites every part differently: shared strings, styles, no cell types for
numbers …); and in LibreOffice itself, the facts typed into the blank workbook over UNO (one
headless LibreOffice serves the whole class). The three are imported into copies of the site
and must give byte-identical JSON. The LibreOffice-edited site is built, and every typed figure
must read the same on its pages (data-value and the text shown), in its Excel annex after
LibreOffice recalculated it (proved by a degree whose cached value is wrong), in open data
(JSON and CSV) and in `vitrina report`. The same facts come in from a Windows-1251 CSV with `;`
and decimal commas. Bad cells are reported with their exact sheet!cell and leave the data
byte-identical; overwriting needs --replace.

Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/py/test_data_entry.py
"""
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import openpyxl
import uno  # python3-uno: LibreOffice driven as a person would, cell by cell
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_consistency as tc  # noqa: E402  (figures read back from pages, annexes, open data)

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("VITRINA_BIN", str(ROOT / "build" / "generator" / "vitrina"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PID = "kaltan-ppr"
IND = Path("data/programmes") / PID / "indicators.json"
MEAS = Path("data/programmes") / PID / "measures.json"


def run(*args, ok=True):
    r = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=300)
    if ok and r.returncode != 0:
        raise AssertionError(f"vitrina {' '.join(map(str, args))} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r


def row_of(ws, code, year, period="год"):
    for row in ws.iter_rows(min_row=2):
        if str(row[0].value) == code and row[3].value == year and row[4].value == period:
            return row[0].row
    raise AssertionError(f"no row for {code} {year} {period}")


def measure_row(ws, code):
    for row in ws.iter_rows(min_row=2):
        if row[7].value == code:
            return row[0].row
    raise AssertionError(f"no row for measure {code}")


def facts(site, code):
    for ind in json.loads((site / IND).read_text(encoding="utf-8"))["indicators"]:
        if ind["id"] == code:
            return ind.get("facts", [])
    raise AssertionError(code)


# What the methodologist types for each (code, year 2024) in «Факты» (column G, H) and each
# measure in «Мероприятия» (columns E, F, G): the same in openpyxl and in LibreOffice.
TYPED_FACTS = {"1": (45.5, "Мониторинг ИМЦ"), "2": (62, None), "3": ("да", None), "4": (12.3, None)}
TYPED_MEASURES = {"m1": ("выполнено", "Проведено 4 семинара", None), "m3": ("не выполнено", None, "Нет наставников")}


class LibreOfficeSession:
    """One headless LibreOffice with its own profile, driven over UNO (a named pipe)."""

    def __init__(self, profile):
        self.pipe = f"vitrina-data-entry-{os.getpid()}"
        self.proc = subprocess.Popen([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                                      "--invisible", "--norestore", "--nologo", "--nodefault",
                                      f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.desktop = None
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 240
        while self.desktop is None:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            except NoConnectException:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise AssertionError("LibreOffice did not start")
                time.sleep(0.5)

    @staticmethod
    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    def open(self, path):
        return self.desktop.loadComponentFromURL(Path(path).as_uri(), "_blank", 0, (self.prop("Hidden", True),))

    def save_xlsx(self, doc, path):
        doc.storeToURL(Path(path).as_uri(), (self.prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)

    def close(self):
        try:
            if self.desktop is not None:
                self.desktop.terminate()
        except Exception:  # the process is gone or the bridge broke: it is killed below
            pass
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def type_in_libreoffice(lo, blank, out, fact_rows, measure_rows):
    """The blank workbook filled in LibreOffice: numbers typed as numbers, except one typed as
    text with a decimal comma (a cell formatted as text), words as text."""
    doc = lo.open(blank)
    f, m = doc.Sheets.getByName("Факты"), doc.Sheets.getByName("Мероприятия")
    for code, (fact, source) in TYPED_FACTS.items():
        r = fact_rows[code] - 1
        if isinstance(fact, str):
            f.getCellByPosition(6, r).setString(fact)
        elif code == "4":
            f.getCellByPosition(6, r).setString(str(fact).replace(".", ","))
        else:
            f.getCellByPosition(6, r).setValue(fact)
        if source:
            f.getCellByPosition(7, r).setString(source)
    for code, texts in TYPED_MEASURES.items():
        for col, text in zip((4, 5, 6), texts):
            if text:
                m.getCellByPosition(col, measure_rows[code] - 1).setString(text)
    lo.save_xlsx(doc, out)


def percent_in_libreoffice(lo, blank, out, row):
    """«7%» in a count's «Факт», as LibreOffice keeps it: 0.07 in a cell of its percent format."""
    from com.sun.star.util.NumberFormat import PERCENT
    from com.sun.star.lang import Locale
    doc = lo.open(blank)
    cell = doc.Sheets.getByName("Факты").getCellByPosition(6, row - 1)
    cell.setValue(0.07)
    cell.NumberFormat = doc.NumberFormats.getStandardFormat(PERCENT, Locale("ru", "RU", ""))
    lo.save_xlsx(doc, out)


class DataEntry(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="vitrina-data-entry-"))
        cls.site = cls.tmp / "site"
        cls.new = run("new", cls.site, "--municipality", "Калтанский городской округ", "--period", "2024-2026",
                      "--programme-id", PID)
        cls.check = run("check", "--site", cls.site)
        cls.blank = cls.tmp / "blank.xlsx"
        run("collect", PID, "--site", cls.site, "-o", cls.blank)
        # Filled with openpyxl, as Excel or a script would.
        wb = openpyxl.load_workbook(cls.blank)
        f, m = wb["Факты"], wb["Мероприятия"]
        cls.fact_rows = {code: row_of(f, code, 2024) for code in TYPED_FACTS}
        cls.measure_rows = {code: measure_row(m, code) for code in TYPED_MEASURES}
        cls.share_row = cls.fact_rows["1"]
        for code, (fact, source) in TYPED_FACTS.items():
            f.cell(cls.fact_rows[code], 7).value = fact
            f.cell(cls.fact_rows[code], 8).value = source
        for code, texts in TYPED_MEASURES.items():
            for col, text in zip((5, 6, 7), texts):
                m.cell(cls.measure_rows[code], col).value = text
        cls.filled = cls.tmp / "filled.xlsx"
        wb.save(cls.filled)
        cls.a, cls.b, cls.c = cls.tmp / "a", cls.tmp / "b", cls.tmp / "c"
        for s in (cls.a, cls.b, cls.c):
            shutil.copytree(cls.site, s)
        cls.lo_dir = cls.tmp / "lo"
        cls.lo_dir.mkdir()
        cls.lo_file, cls.lo_typed = cls.lo_dir / "filled.xlsx", cls.lo_dir / "typed.xlsx"
        cls.annex = cls.tmp / "annex-recalculated.xlsx"
        lo = LibreOfficeSession(cls.tmp / "lo-profile")
        try:
            # The openpyxl workbook re-saved by LibreOffice, and the blank one filled in it.
            lo.save_xlsx(lo.open(cls.filled), cls.lo_file)
            type_in_libreoffice(lo, cls.blank, cls.lo_typed, cls.fact_rows, cls.measure_rows)
            cls.lo_percent = cls.lo_dir / "percent.xlsx"
            percent_in_libreoffice(lo, cls.blank, cls.lo_percent, row_of(f, "2", 2025))
            cls.import_a = run("import", cls.filled, "--site", cls.a)
            cls.import_b = run("import", cls.lo_file, "--site", cls.b)
            cls.import_c = run("import", cls.lo_typed, "--site", cls.c)
            # The LibreOffice-typed site is built; its annex is recalculated by LibreOffice, with
            # a wrong cached degree for indicator 1 in 2024 that only a recalculation corrects.
            run("build", "--site", cls.c, "-q", "--no-search")
            cls.report = json.loads(run("report", "--site", cls.c, "--format", "json").stdout)
            cls.built = cls.c / "output"
            annex = cls.built / "xlsx" / f"{PID}.xlsx"
            ws = openpyxl.load_workbook(annex)["План и факт"]
            cols = tc.header_columns(ws, 3)
            cls.tampered = next(ws.cell(r, cols["Степень достижения (СДп)"]).coordinate for r in range(4, ws.max_row + 1)
                                if ws.cell(r, cols["№ п/п"]).value == "1." and ws.cell(r, cols["Год"]).value == 2024)
            tampered = cls.tmp / "annex-tampered.xlsx"
            tc.with_wrong_cache(annex, tampered, "План и факт", cls.tampered)
            doc = lo.open(tampered)
            doc.calculateAll()
            lo.save_xlsx(doc, cls.annex)
        finally:
            lo.close()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def copy(self, name):
        dst = self.tmp / name
        shutil.copytree(self.site, dst)
        return dst

    def test_new_site_is_complete_and_checks_clean(self):
        self.assertIn("ошибок: 0, предупреждений: 0", self.check.stderr)
        self.assertIn("Что делать дальше", (self.site / "README.md").read_text(encoding="utf-8"))
        kinds = {(i["kind"], i.get("better")) for i in json.loads((self.site / IND).read_text(encoding="utf-8"))["indicators"]}
        self.assertEqual(kinds, {("share", "higher"), ("count", "higher"), ("yes_no", "yes"), ("share", "lower")})
        self.assertFalse((self.site / "templates").exists() or (self.site / "themes").exists())
        page = (self.built / "programmes" / PID / "index.html").read_text(encoding="utf-8")
        self.assertIn("Замените этот текст", page)
        self.assertIn("Калтанский городской округ", page)
        r = run("new", self.site, ok=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("не пуста", r.stderr)

    def test_workbook_layout(self):
        wb = openpyxl.load_workbook(self.blank)
        self.assertEqual(wb.sheetnames, ["Факты", "Мероприятия", "Инструкция", "Служебный"])
        self.assertEqual(wb["Служебный"].sheet_state, "hidden")
        f = wb["Факты"]
        self.assertEqual([c.value for c in f[1]],
                         ["Код", "Показатель", "Единица", "Год", "Период", "План", "Факт", "Источник", "Комментарий"])
        self.assertTrue(f.protection.sheet)
        self.assertEqual(f.freeze_panes, "A2")
        self.assertTrue(f.cell(2, 1).protection.locked)
        self.assertFalse(f.cell(2, 7).protection.locked)
        self.assertTrue(f.cell(2, 6).protection.locked)  # «План» is read-only
        self.assertEqual(f.cell(row_of(f, "2", 2025), 6).value, "≥ 50")
        rules = {(dv.type, dv.formula1, dv.formula2) for dv in f.data_validations.dataValidation}
        self.assertIn(("decimal", "0", "100"), rules)
        self.assertIn(("list", '"да,нет"', None), rules)
        m = wb["Мероприятия"]
        self.assertEqual([c.value for c in m[1]],
                         ["№", "Мероприятие", "Срок", "Год", "Статус", "Результат", "Причина невыполнения", "Код"])
        self.assertIn(("list", '"запланировано,выполняется,выполнено,не выполнено,отменено"'),
                      {(dv.type, dv.formula1) for dv in m.data_validations.dataValidation})
        # No JSON key reaches the methodologist: every visible word is Russian.
        keys = {"share", "count", "yes_no", "text", "higher", "lower", "yes", "no", "year", "q1", "h1", "m9",
                "planned", "in_progress", "done", "not_done", "cancelled", "true", "false"}
        shown = {str(c.value).strip().lower() for ws in wb if ws.sheet_state == "visible"
                 for row in ws.iter_rows() for c in row if c.value is not None}
        shown |= {w.strip('"').lower() for ws in wb for dv in ws.data_validations.dataValidation
                  for w in str(dv.formula1).split(",")}
        self.assertFalse(shown & keys, shown & keys)
        commands = {"vitrina", "Vitrina", "import", "site", "replace", "xlsx"}  # the program, what to type
        words = {w for ws in wb if ws.sheet_state == "visible" for row in ws.iter_rows() for c in row
                 for w in re.findall(r"[A-Za-z_]{2,}", str(c.value or "")) if not re.fullmatch(r"[IVX]+", w)}
        self.assertFalse(words - commands, "English in the workbook")

    def test_import_writes_facts_and_statuses_and_prints_changes(self):
        self.assertEqual(facts(self.a, "1"), [{"year": 2024, "value": 45.5, "source": "Мониторинг ИМЦ"}])
        self.assertEqual(facts(self.a, "3"), [{"year": 2024, "value": 1}])
        measures = {m["id"]: m for m in json.loads((self.a / MEAS).read_text(encoding="utf-8"))["measures"]}
        self.assertEqual(measures["m1"]["status"], [{"year": 2024, "status": "done", "result": "Проведено 4 семинара"}])
        self.assertEqual(measures["m3"]["status"], [{"year": 2024, "status": "not_done", "reason": "Нет наставников"}])
        out = self.import_a.stdout
        self.assertRegex(out, r"показатель 1 «.*», 2024: — → 45,5")
        self.assertRegex(out, r"мероприятие 1\. «.*», 2024: — → выполнено")
        # Everything else in the files is as `vitrina new` wrote it (its form: nlohmann dump(2)).
        before = (self.site / IND).read_text(encoding="utf-8").splitlines()
        after = (self.a / IND).read_text(encoding="utf-8").splitlines()
        diff = [l for l in difflib.ndiff(before, after) if l[:2] in ("- ", "+ ")]
        self.assertFalse([l for l in diff if l.startswith("- ")], diff)  # nothing removed or reformatted
        self.assertEqual(diff[:3], ['+       "facts": [', "+         {", '+           "year": 2024,'])
        again = run("import", self.filled, "--site", self.a)
        self.assertEqual(again.stdout, "")
        self.assertIn("Изменений нет", again.stderr)

    def test_libreoffice_resaved_and_typed_workbooks_import_the_same(self):
        self.assertNotEqual(self.lo_file.read_bytes(), self.filled.read_bytes())
        # LibreOffice really wrote what was typed: «12,3» typed as text stays a text cell.
        typed = openpyxl.load_workbook(self.lo_typed)["Факты"]
        self.assertEqual(typed.cell(self.fact_rows["4"], 7).value, "12,3")
        self.assertEqual(typed.cell(self.fact_rows["1"], 7).value, 45.5)
        for f in (IND, MEAS):
            self.assertEqual((self.a / f).read_bytes(), (self.b / f).read_bytes(), f)
            self.assertEqual((self.a / f).read_bytes(), (self.c / f).read_bytes(), f)
        self.assertEqual(self.import_c.stdout, self.import_a.stdout)

    def test_typed_figures_read_the_same_on_pages_annex_open_data_and_report(self):
        ref = tc.Reference(self.report)
        self.assertEqual(ref.year, 2024)
        typed = {"1": 45.5, "2": 62, "3": 1, "4": 12.3}
        for code, value in typed.items():
            self.assertTrue(tc.same(ref.indicators[(PID, code)]["fact"], value), (code, ref.indicators[(PID, code)]))
        # Every figure of the built site, typed or computed from what was typed, agrees between
        # the pages (machine value and the text shown), the open data and the report …
        checker = tc.EveryOutputAgrees("test_pages")
        checker.check_pages(self.built, ref, "LibreOffice-typed site")
        checker.check_open_data(self.built, ref, "LibreOffice-typed site")
        # … and the annex as LibreOffice recalculated it (the tampered degree proves it did).
        rows, _ = tc.annex_rows(self.annex, ref, PID)
        ws = openpyxl.load_workbook(self.annex, data_only=True)["План и факт"]
        self.assertNotEqual(ws[self.tampered].value, 99, "LibreOffice kept a wrong cached degree: no recalculation")
        for code in typed:
            i, got = ref.indicators[(PID, code)], rows[(code, 2024)]
            for fig in ("plan", "fact", "degree", "status"):
                self.assertTrue(tc.same(got[fig], i[fig]), f"annex {code} {fig}: {got[fig]!r}, the report says {i[fig]!r}")
        self.assertTrue(tc.same(ws[self.tampered].value, ref.indicators[(PID, "1")]["degree"]))
        page = (self.built / "programmes" / PID / "indicators" / "1" / "index.html").read_text(encoding="utf-8")
        self.assertIn("45,5", page)

    def test_windows_1251_csv_with_decimal_commas(self):
        site = self.copy("csv")
        csv_file = self.tmp / "факты.csv"
        csv_file.write_bytes("Код;Год;Период;Факт;Источник\r\n1;2024;год;45,5;Мониторинг ИМЦ\r\n4;2024;;12,3;\r\n"
                             "2;2025;I квартал;\"1 234\";\r\n".encode("cp1251"))
        r = run("import", csv_file, "--site", site)
        self.assertIn("45,5", r.stdout)
        self.assertEqual(facts(site, "1"), facts(self.a, "1"))
        self.assertEqual(facts(site, "4"), [{"year": 2024, "value": 12.3}])
        self.assertEqual(facts(site, "2"), [{"year": 2025, "period": "q1", "value": 1234}])
        run("check", "--site", site)
        statuses = self.tmp / "статусы.csv"
        statuses.write_text("Код,Год,Статус,Результат\nm2,2024,Выполняется,\"Идёт, по плану\"\n", encoding="utf-8")
        run("import", statuses, "--site", site)
        m2 = [m for m in json.loads((site / MEAS).read_text(encoding="utf-8"))["measures"] if m["id"] == "m2"][0]
        self.assertEqual(m2["status"], [{"year": 2024, "status": "in_progress", "result": "Идёт, по плану"}])
        point = self.tmp / "точка.csv"
        point.write_text("\ufeffКод,Год,Факт\n4,2025,7.5\n", encoding="utf-8")
        run("import", point, "--site", site)
        self.assertEqual(facts(site, "4"), [{"year": 2024, "value": 12.3}, {"year": 2025, "value": 7.5}])

    def test_bad_cells_are_reported_by_sheet_and_cell_and_nothing_is_written(self):
        site = self.copy("bad")
        wb = openpyxl.load_workbook(self.blank)
        f, m = wb["Факты"], wb["Мероприятия"]
        r1, r3, r2 = row_of(f, "1", 2025), row_of(f, "3", 2025), row_of(f, "2", 2026)
        f.cell(r1, 7).value = "12,5%"
        f.cell(r3, 7).value = "может быть"
        f.cell(r2, 7).value = "=2+2"
        f.cell(row_of(f, "1", 2026), 7).value = 45  # a good cell does not get written either
        mr = measure_row(m, "m2")
        m.cell(mr, 5).value = "сделано"
        bad = self.tmp / "bad.xlsx"
        wb.save(bad)
        before = {p: (site / p).read_bytes() for p in (IND, MEAS)}
        r = run("import", bad, "--site", site, ok=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f'Факты!G{r1}: "12,5%" — ожидается число от 0 до 100', r.stderr)
        self.assertIn(f"Факты!G{r3}: «может быть» — ожидается «да» или «нет»", r.stderr)
        self.assertIn(f"Факты!G{r2}: в ячейке формула", r.stderr)
        self.assertIn(f"Мероприятия!E{mr}: «сделано» — неизвестный статус", r.stderr)
        self.assertIn("Ничего не записано", r.stderr)
        self.assertEqual(r.stdout, "")
        for p, data in before.items():
            self.assertEqual((site / p).read_bytes(), data)
        self.assertEqual(sorted(x.name for x in (site / IND).parent.iterdir()),
                         ["indicators.json", "measures.json", "organisations.json", "programme.json"])

    def test_percent_in_a_count_and_a_fraction_in_a_share_are_reported(self):
        """«7%» typed into a count (Excel keeps 0.07 with a percent format) and «0,7» typed into a
        share whose plans are 30–40 % (a fraction for 70 %) are errors at their cells; a share in a
        percent-formatted cell, and a small share of a lower-is-better indicator, are read as typed."""
        site = self.copy("percent")
        wb = openpyxl.load_workbook(self.blank)
        f = wb["Факты"]
        count, share, share_text = row_of(f, "2", 2025), row_of(f, "1", 2025), row_of(f, "1", 2026)
        f.cell(count, 7).value = 0.07
        f.cell(count, 7).number_format = "0%"
        f.cell(share, 7).value = 0.7
        f.cell(share_text, 7).value = "0,7"
        bad = self.tmp / "percent-bad.xlsx"
        wb.save(bad)
        before = {p: (site / p).read_bytes() for p in (IND, MEAS)}
        r = run("import", bad, "--site", site, ok=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f'Факты!G{count}: "7%" — ячейка в процентном формате, а показатель измеряется в единицах «чел.», '
                      "не в процентах: введите само число без знака %", r.stderr)
        for row in (share, share_text):
            self.assertIn(f'Факты!G{row}: "0,7" — доля вводится в процентах: 0,7 значит 0,7 %, а план и прежние значения '
                          "показателя не ниже 30 %. Если имелось в виду 70 %, введите 70", r.stderr)
        self.assertIn("Ничего не записано", r.stderr)
        self.assertEqual(r.stdout, "")
        for p, data in before.items():
            self.assertEqual((site / p).read_bytes(), data)
        # The same cell made in LibreOffice (its own styles part and percent format).
        r = run("import", self.lo_percent, "--site", site, ok=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f'Факты!G{count}: "7%" — ячейка в процентном формате', r.stderr)
        for p, data in before.items():
            self.assertEqual((site / p).read_bytes(), data)
        # What the messages advise is accepted.
        wb = openpyxl.load_workbook(self.blank)
        f = wb["Факты"]
        f.cell(count, 7).value = 7
        f.cell(share, 7).value = 0.007
        f.cell(share, 7).number_format = "0.0%"
        f.cell(share_text, 7).value = "70"
        f.cell(row_of(f, "4", 2025), 7).value = 0.5  # lower is better: 0,5 % may be true
        good = self.tmp / "percent-good.xlsx"
        wb.save(good)
        run("import", good, "--site", site)
        self.assertEqual(facts(site, "2"), [{"year": 2025, "value": 7}])
        self.assertEqual(facts(site, "1"), [{"year": 2025, "value": 0.7}, {"year": 2026, "value": 70}])
        self.assertEqual(facts(site, "4"), [{"year": 2025, "value": 0.5}])

    def test_overwriting_a_different_fact_needs_replace(self):
        site = self.copy("replace")
        run("import", self.filled, "--site", site)
        wb = openpyxl.load_workbook(self.filled)
        wb["Факты"].cell(self.share_row, 7).value = 50
        changed = self.tmp / "changed.xlsx"
        wb.save(changed)
        before = (site / IND).read_bytes()
        r = run("import", changed, "--site", site, ok=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"Факты!G{self.share_row}: факт за 2024 уже внесено: «45,5», в файле «50»; чтобы заменить, запустите с --replace",
                      r.stderr)
        self.assertEqual((site / IND).read_bytes(), before)
        r = run("import", changed, "--site", site, "--replace")
        self.assertRegex(r.stdout, r"2024: 45,5 → 50")
        self.assertEqual(facts(site, "1")[0]["value"], 50)

    def test_collect_fills_known_facts_and_asks_for_one_year_or_quarter(self):
        known = self.tmp / "known.xlsx"
        run("collect", PID, "--site", self.c, "-o", known)
        wb = openpyxl.load_workbook(known)
        f, m = wb["Факты"], wb["Мероприятия"]
        self.assertEqual([f.cell(self.fact_rows["1"], c).value for c in (7, 8)], [45.5, "Мониторинг ИМЦ"])
        self.assertEqual(f.cell(self.fact_rows["3"], 7).value, "да")
        self.assertEqual([m.cell(self.measure_rows["m1"], c).value for c in (4, 5, 6)], [2024, "выполнено", "Проведено 4 семинара"])
        r = run("import", known, "--site", self.c)  # what is known comes back unchanged
        self.assertEqual(r.stdout, "")
        q1 = self.tmp / "q1.xlsx"
        run("collect", PID, "--site", self.c, "--year", "2025", "--period", "q1", "-o", q1)
        wb = openpyxl.load_workbook(q1)
        f, m = wb["Факты"], wb["Мероприятия"]
        rows = [[c.value for c in row] for row in f.iter_rows(min_row=2)]
        self.assertEqual({(r[3], r[4]) for r in rows}, {(2025, "I квартал")})
        self.assertEqual(len(rows), 4)
        self.assertEqual({c.value for c in m["D"][1:]}, {2025})
        f.cell(row_of(f, "2", 2025, "I квартал"), 7).value = 30
        m.cell(measure_row(m, "m2"), 5).value = "выполняется"
        wb.save(q1)
        site = self.copy("q1")
        r = run("import", q1, "--site", site)
        self.assertRegex(r.stdout, r"показатель 2 «.*», 2025 \(I квартал\): — → 30")
        self.assertEqual(facts(site, "2"), [{"year": 2025, "period": "q1", "value": 30}])
        m2 = [x for x in json.loads((site / MEAS).read_text(encoding="utf-8"))["measures"] if x["id"] == "m2"][0]
        self.assertEqual(m2["status"], [{"year": 2025, "status": "in_progress"}])
        self.assertIn("ошибок: 0,", run("check", "--site", site).stderr)

    def test_collect_never_overwrites_inputs_or_foreign_files(self):
        r = run("collect", PID, "--site", self.site, "-o", self.site / "data" / "x.xlsx", ok=False)
        self.assertEqual(r.returncode, 2)
        foreign = self.tmp / "чужой.xlsx"
        foreign.write_bytes(b"not a workbook")
        r = run("collect", PID, "--site", self.site, "-o", foreign, ok=False)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(foreign.read_bytes(), b"not a workbook")
        run("collect", PID, "--site", self.site, "-o", self.blank)  # its own workbook, unchanged: fine
        # A collect workbook someone filled in (here: a copy of the filled one) is not replaced:
        # the same rule as annex -o (write/ownership.h); --force replaces it.
        mine = self.tmp / "заполненная.xlsx"
        shutil.copyfile(self.filled, mine)
        r = run("collect", PID, "--site", self.site, "-o", mine, ok=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--force", r.stderr)
        self.assertEqual(mine.read_bytes(), self.filled.read_bytes())
        run("collect", PID, "--site", self.site, "-o", mine, "--force")
        self.assertEqual(mine.read_bytes(), self.blank.read_bytes())
        for name in os.listdir(self.tmp):
            self.assertNotIn("tmp", name, "a temporary file left beside the workbook")

    def test_hostile_files_get_a_diagnostic(self):
        import zipfile
        main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        site = self.copy("hostile")
        before = {p: (site / p).read_bytes() for p in (IND, MEAS)}
        dtd, bomb = self.tmp / "dtd.xlsx", self.tmp / "bomb.xlsx"
        with zipfile.ZipFile(dtd, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                       f'<workbook xmlns="{main}"><sheets/></workbook>')
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:  # 80 MiB of sheet in 80 KiB
            z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                       '<sheet name="Факты" sheetId="1" r:id="rId1"/></sheets></workbook>')
            z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                       f'2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                       '</Relationships>')
            z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>' + " " * (80 << 20))
        for f, message in ((dtd, "DTD"), (bomb, "«xl/worksheets/sheet1.xml» больше 64 МиБ после распаковки")):
            r = run("import", f, "--site", site, ok=False)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn(message, r.stderr)
            self.assertIn("Ничего не записано", r.stderr)
        for p, data in before.items():
            self.assertEqual((site / p).read_bytes(), data)

if __name__ == "__main__":
    unittest.main()
