"""Printed workbooks are legible (issue 20, item 4): every sheet of every workbook Vitrina writes for
examples/demo and the bundled data (each programme's annex and board.xlsx) prints on A4 at 9 pt or
more, with row heights that do not waste pages, and with site.json's `print` annex line and
signatures.

How the printed size is measured. LibreOffice (Debian libreoffice-calc, headless, in a private
profile) converts each sheet to PDF as a board secretary would print it: `soffice --convert-to pdf`
prints every visible sheet of a workbook with its own page setup (A4, fit to width), so each sheet
is printed from a copy of its workbook in which the other sheets are hidden (only workbook.xml
changes). poppler's `pdftotext -bbox` gives every printed word's box; its height (yMax − yMin) is
the font's ascent + descent at the printed size, a fixed multiple of the size for one font. The
multiple is calibrated in the same LibreOffice run: a workbook of Calibri text of known sizes
(8, 10, 12, 20 pt) printed at 100 % (openpyxl writes it; Vitrina's workbooks are Calibri 11, and
LibreOffice substitutes the same font, Carlito from fonts-crosextra-carlito, for both), and the
calibration must be linear (20 pt measures twice 10 pt) before it is used. The printed size of a
word is then its box height ÷ (box height of 10 pt ÷ 10); a sheet's printed size is its smallest
word's, footer and header included.

Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/py/test_print.py
(set VITRINA_PRINT_REPORT=1 to print every sheet's measured size and page count).
"""
import html
import math
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_workbooks as wbt  # noqa: E402  (LibreOffice profile, binary)

openpyxl = wbt.openpyxl
ROOT = wbt.ROOT
BIN = wbt.BIN
SOFFICE = wbt.SOFFICE
PDFTOTEXT = shutil.which("pdftotext")

MIN_POINTS = 9.0
CALIBRATION = (8, 10, 12, 20)
ANNEX_LINE = "Приложение № 2 к протоколу заседания коллегии от 12.03.2025 № 1"
SIGNATURES = [{"position": "Начальник управления образования", "name": "А. А. Иванова"},
              {"position": "Исполнитель: методист МКУ «ИМЦ»", "name": "Б. Б. Петров"}]
WORD_RE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
    if r.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r.stdout


def sites(tmp):
    """The demonstration region as it is, and the bundled documents with site.json's `print`."""
    bundled = tmp / "bundled"
    shutil.copytree(ROOT / "data", bundled / "data")
    shutil.copytree(ROOT / "content", bundled / "content")
    site = json.loads((bundled / "data" / "site.json").read_text(encoding="utf-8"))
    site["print"] = {"annex_line": ANNEX_LINE, "signatures": SIGNATURES}
    (bundled / "data" / "site.json").write_text(json.dumps(site, ensure_ascii=False), encoding="utf-8")
    return {"demo": ROOT / "examples" / "demo", "bundled": bundled}


def sheet_names(book):
    with zipfile.ZipFile(book) as z:
        return re.findall(r'<sheet [^>]*name="([^"]+)"', z.read("xl/workbook.xml").decode("utf-8"))


def only_sheet(book, index, out):
    """A copy of `book` whose sheets other than `index` are hidden (and `index` is the active one,
    which LibreOffice shows and prints even when hidden) and have no print area."""
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                tags = iter(range(10**6))

                def sheet(m):
                    tag = re.sub(r'\sstate="[^"]*"', "", m.group(0))
                    return tag if next(tags) == index else tag.replace("<sheet ", '<sheet state="hidden" ', 1)

                text = re.sub(r"<sheet [^>]*>", sheet, text)
                # LibreOffice prints a hidden sheet that has a print area: drop the others' print areas
                text = re.sub(r'<definedName name="_xlnm.Print_Area" localSheetId="(\d+)"[^>]*>[^<]*</definedName>',
                              lambda m: m.group(0) if int(m.group(1)) == index else "", text)
                text = re.sub(r'\s(activeTab|firstSheet)="\d+"', "", text)
                text = text.replace("<workbookView ", f'<workbookView activeTab="{index}" firstSheet="{index}" ', 1)
                data = text.encode("utf-8")
            zout.writestr(item, data)


def calibration_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Калибровка"
    for i, size in enumerate(CALIBRATION):
        for j, (text, bold) in enumerate([("Проверка", False), ("Жирный", True)]):
            c = ws.cell(i + 1, j + 1, f"{text}{size}")
            c.font = openpyxl.styles.Font(name="Calibri", size=size, bold=bold)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 30
    wb.save(path)


class Word:
    def __init__(self, m):
        self.x0, self.y0, self.x1, self.y1 = (float(m[i]) for i in range(1, 5))
        self.text = html.unescape(m[5])
        w, h, n = self.x1 - self.x0, self.y1 - self.y0, max(1, len(self.text))
        # A turned header («Мероприятий в году» printed bottom to top) has its font's height across
        # the page and its length down it: a horizontal word's box is about 0.38·n times as wide as
        # high (n letters), a turned one's 2.6 ÷ n. A box wider than high whose shape is nearer the
        # turned one is measured across: a turned «в» is then not taken for 3.8 pt text (a turned
        # longer word is measured along its length, which is more than its height: never too small).
        turned = w > h > 0 and abs(math.log(w / h / (2.6 / n))) < abs(math.log(w / h / (0.38 * n)))
        self.height = w if turned else h


def pdf_pages(pdf):
    """Every page's words."""
    out = run([PDFTOTEXT, "-bbox", str(pdf), "-"])
    return [[Word(m) for m in WORD_RE.finditer(page)] for page in out.split("<page ")[1:]]


def overlapping(words):
    """Pairs of words whose boxes overlap (by more than a third of the lower one's height)."""
    words = sorted(words, key=lambda w: w.x0)
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if b.x0 >= a.x1:
                break
            dx = min(a.x1, b.x1) - max(a.x0, b.x0)
            dy = min(a.y1, b.y1) - max(a.y0, b.y0)
            if dx > 1 and dy > min(a.height, b.height) / 3:
                pairs.append((a.text, b.text))
    return pairs


def overlap_self_test():
    """`overlapping` finds two lines printed over each other and passes two lines one under the other."""
    def word(x, y, text):
        return Word((None, str(x), str(y), str(x + 40), str(y + 13), text))
    return bool(overlapping([word(10, 100, "один"), word(30, 104, "два")])) and \
        not overlapping([word(10, 100, "один"), word(10, 114, "два"), word(51, 100, "три")])


@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(Path(BIN).exists(), f"vitrina binary not found at {BIN} (set VITRINA_BIN)")
@unittest.skipUnless(SOFFICE and PDFTOTEXT, "LibreOffice (soffice) or poppler-utils (pdftotext) is not installed")
class PrintedSheets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="vitrina-print-"))
        split = cls.tmp / "split"
        split.mkdir()
        cls.books = {}   # (site, book file) → path
        cls.sheets = {}  # (site, book file, sheet name) → the one-sheet copy's stem
        for name, site in sites(cls.tmp).items():
            out = cls.tmp / ("out-" + name)
            run([BIN, "build", "--quiet", "--no-search", "--site", str(site), "--out", str(out)])
            for book in sorted((out / "xlsx").glob("*.xlsx")) + [out / "board.xlsx"]:
                cls.books[(name, book.name)] = book
                for i, sheet in enumerate(sheet_names(book)):
                    stem = f"{name}--{book.stem}--{i}"
                    only_sheet(book, i, split / f"{stem}.xlsx")
                    cls.sheets[(name, book.name, sheet)] = stem
        calibration_book(split / "calibration.xlsx")
        pdf = cls.tmp / "pdf"
        profile = cls.tmp / "lo-profile"
        (profile / "user").mkdir(parents=True)
        run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(pdf), *sorted(map(str, split.glob("*.xlsx")))])
        cal = [w for page in pdf_pages(pdf / "calibration.pdf") for w in page]
        cls.calibration = {size: [w.height for w in cal if re.fullmatch(r"\D+" + str(size), w.text)]
                           for size in CALIBRATION}
        ten = cls.calibration[10]
        cls.per_point = sum(ten) / len(ten) / 10 if ten else None
        cls.pages = {key: pdf_pages(pdf / f"{stem}.pdf") for key, stem in cls.sheets.items()}
        if os.environ.get("VITRINA_PRINT_REPORT"):
            for key, pages in cls.pages.items():
                print(f"{' / '.join(key)}: {cls.printed_size(pages):.1f} pt, {len(pages)} p.", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def printed_size(cls, pages):
        return min(w.height for page in pages for w in page) / cls.per_point

    def test_calibri_prints_with_its_own_metrics(self):
        # Without Calibri or Carlito LibreOffice prints Calibri as a wider font: texts wrap into more
        # lines than Excel makes, and the sizes and row heights measured here are not the user's.
        font = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout
        self.assertRegex(font, "Carlito|Calibri", "install fonts-crosextra-carlito (scripts/install-deps.sh --test)")

    def test_turned_words_are_measured_across(self):
        def word(x0, y0, x1, y1, text):
            return Word((None, str(x0), str(y0), str(x1), str(y1), text))
        self.assertAlmostEqual(word(0, 0, 14.3, 5.0, "в").height, 14.3)        # turned: across
        self.assertAlmostEqual(word(0, 0, 5.0, 14.3, "в").height, 14.3)        # upright
        self.assertAlmostEqual(word(0, 0, 70, 14.3, "Эффективность").height, 14.3)
        self.assertAlmostEqual(word(0, 0, 9.0, 12.5, "гг.").height, 12.5)          # narrow, upright

    def test_calibration_is_linear(self):
        for size, heights in self.calibration.items():
            self.assertEqual(len(heights), 2, f"{size} pt: the calibration sheet's words were not all printed")
            for h in heights:  # regular and bold alike, proportional to the size
                self.assertAlmostEqual(h / self.per_point, size, delta=0.02 * size, msg=f"{size} pt measures {h}")

    def small_sheets(self, board):
        small = []
        for key, pages in self.pages.items():
            if (key[1] == "board.xlsx") != board:
                continue
            self.assertTrue(pages and all(pages), f"{key}: a printed page without text")
            size = self.printed_size(pages)
            if size < MIN_POINTS:
                small.append(f"{' / '.join(key)}: {size:.1f} pt")
        return small

    def test_every_annex_sheet_prints_at_9_pt_or_more(self):
        self.assertEqual({n for n, _ in self.books}, {"demo", "bundled"})
        self.assertGreaterEqual(len([k for k in self.sheets if k[1] != "board.xlsx"]), 48)
        self.assertEqual(self.small_sheets(board=False), [], "sheets printed below 9 pt")

    def test_every_board_sheet_prints_at_9_pt_or_more(self):
        self.assertGreaterEqual(len([k for k in self.sheets if k[1] == "board.xlsx"]), 10)
        self.assertEqual(self.small_sheets(board=True), [], "sheets printed below 9 pt")

    def test_row_heights_do_not_waste_pages(self):
        # Strezhevoy's 35 indicators (Приложение 2) took 5 landscape pages with rows of blank lines.
        pages = self.pages[("bundled", "strezhevoy-2021.xlsx", "Показатели")]
        ws = openpyxl.load_workbook(self.books[("bundled", "strezhevoy-2021.xlsx")])["Показатели"]
        self.assertGreaterEqual(len([row for row in ws.iter_rows(min_row=6) if row[1].value]), 35)
        self.assertLessEqual(len(pages), 3)

    def test_a_programme_prints_on_one_page_with_its_figures(self):
        # board.xlsx «По программам»: a page a programme, its figures beside their labels — not the
        # labels on one page and the figures on another (the columns were widened past the page).
        for site in ("demo", "bundled"):
            ws = openpyxl.load_workbook(self.books[(site, "board.xlsx")])["По программам"]
            titles = [c.value for c in ws["A"] if isinstance(c.value, str) and re.match(r"^\d+\. \S", c.value)]
            pages = self.pages[(site, "board.xlsx", "По программам")]
            self.assertGreaterEqual(len(titles), 3)
            self.assertEqual(len(pages), len(titles), f"{site}: {len(titles)} programmes on {len(pages)} pages")
            for title, page in zip(titles, pages):
                text = " ".join(w.text for w in page)
                self.assertIn(title.split()[1], text)
                self.assertIn("Эффективность", text)

    def test_rows_are_high_enough_for_their_text(self):
        # A row too low for its wrapped lines prints them over the next row's text (LibreOffice still
        # draws them, so the words are all in the PDF): no two printed words may overlap.
        self.assertEqual(overlap_self_test(), True)
        crowded = []
        for key, pages in self.pages.items():
            if key[1] == "board.xlsx":
                continue
            for i, page in enumerate(pages):
                pairs = overlapping(page)
                if pairs:
                    crowded.append(f"{' / '.join(key)} p. {i + 1}: {pairs[:3]}")
        self.assertEqual(crowded, [], "text printed over text")

    def test_annex_line_and_signatures(self):
        for (site, book, sheet), pages in self.pages.items():
            if book == "board.xlsx" and sheet in ("Диаграмма", "По программам"):  # a chart; a page a programme
                continue
            ws = openpyxl.load_workbook(self.books[(site, book)])[sheet]
            cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
            text = [" ".join(w.text for w in page) for page in pages]
            where = f"{site} {book} «{sheet}»"
            if site == "demo":  # no `print` in its site.json: nothing added
                self.assertFalse(ws.oddHeader.right.text, where)
                self.assertFalse(any("____" in c for c in cells), where)
                continue
            self.assertEqual(ws.oddHeader.right.text, ANNEX_LINE, where)
            for i, page in enumerate(text):
                self.assertIn(ANNEX_LINE, page, f"{where}, page {i + 1}: no annex line")
            printed = " ".join(text)
            lines = [f"{sig['position']} ____________ {sig['name']}" for sig in SIGNATURES]
            for line in lines:
                self.assertIn(line, cells, where)
                self.assertIn(line, printed, f"{where}: a signature is not printed")
            # the block closes an annex sheet: the last signature is on its last page (board.xlsx's
            # «Сводка» has its chart under the signatures)
            if book != "board.xlsx":
                self.assertIn(lines[-1], text[-1], where)


if __name__ == "__main__":
    unittest.main()
