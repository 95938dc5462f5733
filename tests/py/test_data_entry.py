"""`vitrina new`, `collect` and `import` as a methodologist meets them (issue 19).

One site is made by `vitrina new` and checked (0 errors, 0 warnings); its data-entry workbook
(`vitrina collect`) is filled with openpyxl and re-saved once by LibreOffice headless (which
rewrites every part differently: shared strings, styles, no cell types for numbers …). Both
are imported into copies of the site and must give byte-identical JSON; the site is built and
the value must appear on the indicator page, in the Excel annex and in open data. The same
facts come in from a Windows-1251 CSV with `;` and decimal commas. Bad cells are reported with
their exact sheet!cell and leave the data byte-identical; overwriting needs --replace.

Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/py/test_data_entry.py
"""
import difflib
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import openpyxl

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
        cls.share_row = row_of(f, "1", 2024)
        f.cell(cls.share_row, 7).value = 45.5
        f.cell(cls.share_row, 8).value = "Мониторинг ИМЦ"
        f.cell(row_of(f, "2", 2024), 7).value = 62
        f.cell(row_of(f, "3", 2024), 7).value = "да"
        f.cell(row_of(f, "4", 2024), 7).value = 12.3
        r = measure_row(m, "m1")
        m.cell(r, 5).value = "выполнено"
        m.cell(r, 6).value = "Проведено 4 семинара"
        r = measure_row(m, "m3")
        m.cell(r, 5).value = "не выполнено"
        m.cell(r, 7).value = "Нет наставников"
        cls.filled = cls.tmp / "filled.xlsx"
        wb.save(cls.filled)
        # The same workbook re-saved by LibreOffice (one run for every test).
        cls.lo_dir = cls.tmp / "lo"
        profile = cls.tmp / "lo-profile"
        r = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                            "xlsx:Calc MS Excel 2007 XML", "--outdir", str(cls.lo_dir), str(cls.filled)],
                           capture_output=True, text=True, timeout=240)
        cls.lo_file = cls.lo_dir / "filled.xlsx"
        assert cls.lo_file.exists(), r.stderr
        # Imported into two copies of the site; the openpyxl one is built.
        cls.a, cls.b = cls.tmp / "a", cls.tmp / "b"
        shutil.copytree(cls.site, cls.a)
        shutil.copytree(cls.site, cls.b)
        cls.import_a = run("import", cls.filled, "--site", cls.a)
        cls.import_b = run("import", cls.lo_file, "--site", cls.b)
        run("build", "--site", cls.a, "-q")

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
        page = (self.a / "output" / "programmes" / PID / "index.html").read_text(encoding="utf-8")
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
        self.assertEqual(f.cell(row_of(f, "2", 2025), 6).value, "≥ 50")
        rules = {(dv.type, dv.formula1, dv.formula2) for dv in f.data_validations.dataValidation}
        self.assertIn(("decimal", "0", "100"), rules)
        self.assertIn(("list", '"да,нет"', None), rules)
        m = wb["Мероприятия"]
        self.assertEqual([c.value for c in m[1]],
                         ["№", "Мероприятие", "Срок", "Год", "Статус", "Результат", "Причина невыполнения", "Код"])
        self.assertIn(("list", '"запланировано,выполняется,выполнено,не выполнено,отменено"'),
                      {(dv.type, dv.formula1) for dv in m.data_validations.dataValidation})

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

    def test_libreoffice_resave_imports_the_same(self):
        self.assertNotEqual(self.lo_file.read_bytes(), self.filled.read_bytes())
        for f in (IND, MEAS):
            self.assertEqual((self.a / f).read_bytes(), (self.b / f).read_bytes(), f)

    def test_value_reaches_page_annex_and_open_data(self):
        out = self.a / "output"
        page = (out / "programmes" / PID / "indicators" / "1" / "index.html").read_text(encoding="utf-8")
        self.assertRegex(page, r"45,5")
        annex = openpyxl.load_workbook(out / "xlsx" / f"{PID}.xlsx")
        values = [c.value for ws in annex for row in ws.iter_rows() for c in row]
        self.assertIn(45.5, values)
        data = json.loads((out / "data" / PID / "indicators" / "1.json").read_text(encoding="utf-8"))
        self.assertIn("45.5", json.dumps(data))
        csv_text = (out / "data" / PID / "indicators" / "1.csv").read_text(encoding="utf-8-sig")
        self.assertRegex(csv_text, r"(^|;)45[.,]5(;|$)", )

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

    def test_collect_never_overwrites_inputs_or_foreign_files(self):
        r = run("collect", PID, "--site", self.site, "-o", self.site / "data" / "x.xlsx", ok=False)
        self.assertEqual(r.returncode, 2)
        foreign = self.tmp / "чужой.xlsx"
        foreign.write_bytes(b"not a workbook")
        r = run("collect", PID, "--site", self.site, "-o", foreign, ok=False)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(foreign.read_bytes(), b"not a workbook")
        run("collect", PID, "--site", self.site, "-o", self.blank)  # its own workbook: fine

    def test_hostile_files_get_a_diagnostic(self):
        bomb = self.tmp / "bomb.xlsx"
        import zipfile
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                       '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>')
            z.writestr("xl/worksheets/big.xml", " " * (80 << 20))
        r = run("import", bomb, "--site", self.site, ok=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("DTD", r.stderr)


if __name__ == "__main__":
    unittest.main()
