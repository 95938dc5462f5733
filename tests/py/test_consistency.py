"""Every figure reads the same in every output (issue 18, item 5).

Three sites are built: the demonstration region (examples/demo), the bundled documents (data/)
and a generated corpus (bench/gen-corpus, 50 programmes, --near-thresholds: facts next to every
status and rating threshold). For every programme and every indicator, the report year's plan,
fact, degree and status, and every programme's counts, shares, effectiveness and rating are read
back from

* `vitrina report --format json` (the reference),
* the HTML pages: every element with `data-figure` (its `data-value`, and the text a reader sees,
  which must say the same), scoped by the `data-programme` / `data-indicator` / `data-year` of its
  ancestors (HACKING.md, «Figures on pages»),
* every workbook (each programme's annex and board.xlsx), read with openpyxl after LibreOffice
  recalculated all of them in one run; the run is proved to recalculate by a workbook whose
  cached value is wrong and by an annex whose degree formula carries a wrong cached value,
* the open data: each programme's JSON and CSV, and each indicator's JSON and CSV,

and must be the same values. Beside agreement, a word chosen by a threshold (status, rating) must
follow from the numbers shown next to it (docs/metrics.md §7), and a figure must read the same in a
workbook as on the pages: its cell's number format, applied as Excel and LibreOffice show it in
Russian, gives the text the page shows (a degree 1,083 on the page is not 108,3 % in a workbook).

Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/py/test_consistency.py
"""
import csv
import io
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_workbooks as wbt  # noqa: E402  (LibreOffice profile, the wrong-cache workbook)

openpyxl = wbt.openpyxl
ROOT = wbt.ROOT
BIN = wbt.BIN
SOFFICE = wbt.SOFFICE
CORPUS = dict(programmes=50, indicators=12, measures=20, years=5, seed=18)
THEME = json.loads((ROOT / "generator" / "text" / "catalogue" / "ru.json").read_text(encoding="utf-8"))  # the words of pages and workbooks
STATUSES = ["achieved", "on_track", "at_risk", "not_achieved", "no_data", "no_target"]
MEASURE_COUNTS = ["total", "planned", "in_progress", "done", "not_done", "cancelled", "no_status",
                  "overdue", "done_counted"]
SCORES = ["share_achieved", "mean_degree", "measures_done_share", "effectiveness"]
COUNTS = ["indicators_total", "indicators_assessed", "indicators_achieved"]


# ---- reading values --------------------------------------------------------------------------

def num(v):
    """A number from any output (None for empty), as a float."""
    if v is None or v == "":
        return None
    return float(v)


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


NUMBER_RE = re.compile(r"[-−]?\d[\d\u00a0\u202f ]*(?:,\d+)?")


FRACTIONS = {"share_achieved", "measures_done_share"}  # shares of 1 shown as percentages


def shown_number(text, fraction=False):
    """The number a reader sees: «≥ 1 234,5 %» → 1234.5 (a share of 1 shown as «69,8 %» → 0.698);
    «да» 1, «нет» 0, «—» None."""
    t = text.strip()
    if t in ("", "—"):
        return None
    if t == THEME["value.yes"]:
        return 1.0
    if t == THEME["value.no"]:
        return 0.0
    m = NUMBER_RE.search(t)
    if not m:
        return "?" + t
    v = float(re.sub(r"[\u00a0\u202f ]", "", m.group(0)).replace("−", "-").replace(",", "."))
    return v / 100 if fraction and "%" in t[m.end():] else v


def label_key(prefix, text):
    """The key of a status or rating from its Russian word (the site's catalogue)."""
    for k, v in THEME.items():
        if k.startswith(prefix) and v == text.strip():
            return k[len(prefix):]
    return "?" + text


FORMAT_RE = re.compile(r'(?:"([^"]*)")?0(?:\.(0+))?(%?)')


def shown_in_workbook(value, number_format):
    """The text a spreadsheet shows in Russian for a figure's number under the formats Vitrina writes
    for figures: "0", "0.0…", "0.0…%", each optionally after a quoted prefix («≥ »)."""
    if value is None or value == "":
        return ""
    m = FORMAT_RE.fullmatch(number_format or "")
    if not m:
        return f"?{number_format}"
    percent = m[3] == "%"
    text = f"{value * 100 if percent else value:.{len(m[2] or '')}f}".replace(".", ",")
    return (m[1] or "") + text + ("%" if percent else "")


def same_form(a, b):
    """Two shown texts say the same in the same form (spaces, as no-break spaces, aside)."""
    return re.sub(r"[\s\u00a0\u202f]", "", a) == re.sub(r"[\s\u00a0\u202f]", "", b)


def page_texts(out, ref):
    """(programme, indicator, figure) of the report year, and (programme, figure) → every text the
    pages show for it (figures without a value, «—», left out)."""
    texts = {}
    for rec in html_figures(out):
        if rec["value"] in (None, "") or rec["figure"] in ("status", "rating"):
            continue
        scope = rec["scope"]
        pid = scope.get("programme")
        if "indicator" in scope:
            if int(scope.get("year", ref.year)) != ref.year:
                continue
            key = (pid, scope["indicator"], rec["figure"])
        else:
            key = (pid, rec["figure"])
        texts.setdefault(key, set()).add(rec["text"].strip())
    return texts


# ---- building the sites ----------------------------------------------------------------------

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode not in (0,):
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r.stdout


def build_site(site, out):
    # the search index holds no figures
    run([BIN, "build", "--quiet", "--no-search", "--site", str(site), "--out", str(out)])
    return json.loads(run([BIN, "report", "--site", str(site), "--format", "json"]))


def sites(tmp):
    """(name, site folder) of the three sites, made in `tmp`."""
    bundled = tmp / "bundled"
    shutil.copytree(ROOT / "data", bundled / "data")
    shutil.copytree(ROOT / "content", bundled / "content")
    corpus = tmp / "corpus"
    args = [f"--{k}={v}" for k, v in CORPUS.items()]
    run([sys.executable, str(ROOT / "bench" / "gen-corpus"), str(corpus), *args, "--near-thresholds", "--jobs=1"])
    return [("demo", ROOT / "examples" / "demo"), ("bundled", bundled), ("corpus", corpus)]


# ---- the reference: vitrina report --format json ---------------------------------------------

class Reference:
    def __init__(self, report):
        self.year = report["report_year"]
        self.methodology = report["methodology"]
        self.programmes = {p["id"]: p for p in report["programmes"]}
        self.indicators = {(p["id"], i["id"]): i for p in report["programmes"] for i in p["indicators"]}
        self.by_name = {}
        for p in report["programmes"]:
            for i in p["indicators"]:
                self.by_name.setdefault((p["id"], i["number"], i["name"]), []).append(i["id"])
        self.overall = report["overall"]

    def indicator_by_row(self, pid, number, name):
        ids = self.by_name.get((pid, number or "", name), [])
        if len(ids) != 1:
            raise AssertionError(f"{pid}: no single indicator numbered {number!r} named {name!r}: {ids}")
        return ids[0]

    def summary(self, pid):
        return self.overall if pid == "" else self.programmes[pid]["summary"]

    def programme_value(self, pid, figure):
        s = self.summary(pid)
        if figure in COUNTS or figure in SCORES or figure == "rating":
            return s[figure]
        group, key = figure.split(".")
        return (s["by_status"] if group == "by_status" else s["measures"])[key]


# ---- HTML: data-figure elements ----------------------------------------------------------------

class FigureParser(HTMLParser):
    """Collects (scope, figure, data-value, visible text) of every data-figure element."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, scope dict, figure record or None, hidden)
        self.records = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        scope = dict(self.stack[-1][1]) if self.stack else {}
        for k in ("programme", "indicator", "year"):
            if "data-" + k in a:
                scope[k] = a["data-" + k]
        hidden = (self.stack and self.stack[-1][3]) or a.get("aria-hidden") == "true"
        rec = None
        if "data-figure" in a:
            rec = {"scope": scope, "figure": a["data-figure"], "value": a.get("data-value"), "text": ""}
            self.records.append(rec)
        if tag not in self.VOID:
            self.stack.append((tag, scope, rec, hidden))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][3]:
            return
        for _, _, rec, _ in self.stack:
            if rec is not None:
                rec["text"] += data


def html_figures(out):
    records = []
    for page in sorted(out.rglob("*.html")):
        p = FigureParser()
        p.feed(page.read_text(encoding="utf-8"))
        for r in p.records:
            r["page"] = str(page.relative_to(out))
        records += p.records
    return records


# ---- workbooks -------------------------------------------------------------------------------

def sheet_xml_path(book, sheet):
    """The part name of a sheet inside an .xlsx (via workbook.xml and its relationships)."""
    with zipfile.ZipFile(book) as z:
        wb = z.read("xl/workbook.xml").decode("utf-8")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    rid = re.search(r'<sheet [^>]*name="' + re.escape(sheet) + r'"[^>]*r:id="([^"]+)"', wb).group(1)
    target = re.search(r'<Relationship [^>]*Id="' + rid + r'"[^>]*Target="([^"]+)"', rels) or \
        re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="' + rid + '"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def with_wrong_cache(book, out, sheet, cell):
    """A copy of `book` whose formula in sheet!cell caches 99 instead of its value."""
    part = sheet_xml_path(book, sheet)
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                pat = re.compile(r'(<c r="' + cell + r'"[^>]*>\s*<f>[^<]*</f>\s*<v>)([^<]*)(</v>)')
                text, n = pat.subn(lambda m: m.group(1) + "99" + m.group(3), text)
                assert n == 1, f"no cached formula value in {sheet}!{cell}"
                data = text.encode("utf-8")
            zout.writestr(item, data)


def recalculate(books, tmp):
    """LibreOffice opens every workbook once (one process), recalculating every formula, and
    saves it again as .xlsx: the values openpyxl reads are LibreOffice's."""
    lo = wbt.LibreOffice(tmp)
    out = tmp / "recalculated"
    out.mkdir()
    r = subprocess.run([SOFFICE, f"-env:UserInstallation={lo.profile.as_uri()}", "--headless",
                        "--convert-to", "xlsx", "--outdir", str(out), *map(str, books)],
                       capture_output=True, text=True, timeout=1200)
    if r.returncode != 0:
        raise AssertionError(f"soffice failed: {r.stdout}\n{r.stderr}")
    return {b: out / b.name for b in books}


def header_columns(ws, row):
    return {str(ws.cell(row, c).value).strip(): c for c in range(1, ws.max_column + 1)
            if ws.cell(row, c).value is not None}


def column(cols, start):
    """The column whose header starts with `start` (headers may add an explanation)."""
    found = [c for h, c in cols.items() if h.startswith(start)]
    if len(found) != 1:
        raise AssertionError(f"no single column headed «{start}…» in {sorted(cols)}")
    return found[0]


def annex_rows(path, ref, pid):
    """«План и факт»: (indicator, year) → plan, fact, degree, status; «Паспорт»: its labels."""
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["План и факт"]
    cols = header_columns(ws, 3)
    rows = {}
    for r in range(4, ws.max_row + 1):
        name = ws.cell(r, cols["Показатель"]).value
        if name is None:
            continue
        iid = ref.indicator_by_row(pid, ws.cell(r, cols["№ п/п"]).value, name)
        rows[(iid, ws.cell(r, cols["Год"]).value)] = {
            "plan": num(ws.cell(r, cols["План"]).value),
            "fact": num(ws.cell(r, cols["Факт"]).value),
            "degree": num(ws.cell(r, cols["Степень достижения (СДп)"]).value),
            "degree_shown": shown_in_workbook(ws.cell(r, cols["Степень достижения (СДп)"]).value,
                                              ws.cell(r, cols["Степень достижения (СДп)"]).number_format),
            "status": label_key("status.", ws.cell(r, cols["Статус"]).value)}
    ps = wb["Паспорт"]
    passport = {ps.cell(r, 1).value: ps.cell(r, 2).value for r in range(3, ps.max_row + 1)}
    return rows, passport


# «Сводка»: the start of each column's header → the figure (counts first, then the scores).
BOARD_SUMMARY = {"Показателей": "indicators_total", "Оценено": "indicators_assessed",
                 "Достигнуто": "indicators_achieved", "Мероприятий в году": "measures.total",
                 "Выполнено": "measures.done_counted", "Просрочено": "measures.overdue",
                 "Доля достигнутых": "share_achieved", "Средняя СДп": "mean_degree",
                 "Доля выполненных": "measures_done_share", "Эффективность": "effectiveness",
                 "Оценка": "rating"}


def board_rows(path, ref):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Сводка"]
    cols = header_columns(ws, 2)
    summary = {}
    for r in range(3, ws.max_row + 1):
        pid = ws.cell(r, cols["Код"]).value
        if pid not in ref.programmes:
            continue
        row = {}
        for head, figure in BOARD_SUMMARY.items():
            cell = ws.cell(r, column(cols, head))
            row[figure] = label_key("rating.", cell.value) if figure == "rating" else num(cell.value)
            if figure in SCORES:
                row[figure + "_shown"] = shown_in_workbook(cell.value, cell.number_format)
        summary[pid] = row
    statuses = {}
    for key in STATUSES:
        sh = wb[THEME["status." + key][:30]]
        c = header_columns(sh, 2)
        for r in range(3, sh.max_row + 1):
            pid = sh.cell(r, c["Код"]).value
            if pid not in ref.programmes:
                continue
            iid = ref.indicator_by_row(pid, sh.cell(r, c["№"]).value, sh.cell(r, c["Показатель"]).value)
            statuses[(pid, iid)] = {"status": key, "plan": num(sh.cell(r, c["План"]).value),
                                    "fact": num(sh.cell(r, c["Факт"]).value),
                                    "degree": num(sh.cell(r, c["Степень достижения"]).value),
                                    "degree_shown": shown_in_workbook(sh.cell(r, c["Степень достижения"]).value,
                                                                      sh.cell(r, c["Степень достижения"]).number_format)}
    return summary, statuses


# ---- open data -------------------------------------------------------------------------------

def csv_rows(path):
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


OP_WORD = {"ge": ">=", "le": "<=", "eq": "=", "": None}


# ---- the test ----------------------------------------------------------------------------------

@unittest.skipUnless(openpyxl, "python3-openpyxl is not installed")
@unittest.skipUnless(Path(BIN).exists(), f"vitrina binary not found at {BIN} (set VITRINA_BIN)")
@unittest.skipUnless(SOFFICE, "LibreOffice (soffice) is not installed")
class EveryOutputAgrees(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="vitrina-consistency-"))
        cls.sites = {}
        books = []
        for name, site in sites(cls.tmp):
            out = cls.tmp / ("out-" + name)
            ref = Reference(build_site(site, out))
            cls.sites[name] = (out, ref)
            for b in sorted((out / "xlsx").glob("*.xlsx")) + [out / "board.xlsx"]:
                copy = cls.tmp / "books" / f"{name}--{b.name}"
                copy.parent.mkdir(exist_ok=True)
                shutil.copyfile(b, copy)
                books.append(copy)
        # Proof that LibreOffice recalculates in this very run: a workbook caching 5 for =2+2,
        # and a demo annex whose first degree formula caches 99.
        cls.sentinel = cls.tmp / "books" / "sentinel--wrong-cache.xlsx"
        wbt.wrong_cache_xlsx(cls.sentinel)
        demo_book = next(b for b in books if b.name.startswith("demo--") and b.name != "demo--board.xlsx")
        ws = openpyxl.load_workbook(demo_book)["План и факт"]
        cls.tampered_cell = next(c for row in ws.iter_rows(min_row=4) for c in row
                                 if c.data_type == "f" and c.column == 8)
        cls.tampered = cls.tmp / "books" / "sentinel--tampered.xlsx"
        with_wrong_cache(demo_book, cls.tampered, "План и факт", cls.tampered_cell.coordinate)
        cls.tampered_source = demo_book
        cls.recalculated = recalculate(books + [cls.sentinel, cls.tampered], cls.tmp)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def book(self, site, name):
        return self.recalculated[self.tmp / "books" / f"{site}--{name}"]

    # -- the proof --------------------------------------------------------------------------------

    def test_libreoffice_recalculated(self):
        ws = openpyxl.load_workbook(self.recalculated[self.sentinel], data_only=True).active
        self.assertEqual(ws["A1"].value, 4, "LibreOffice kept the cached 5 of =2+2: it did not recalculate")
        coord = self.tampered_cell.coordinate
        got = openpyxl.load_workbook(self.recalculated[self.tampered], data_only=True)["План и факт"][coord].value
        want = openpyxl.load_workbook(self.tampered_source, data_only=True)["План и факт"][coord].value
        self.assertNotEqual(got, 99)
        self.assertTrue(same(num(got), num(want)), f"{coord}: recalculated {got}, cached by Vitrina {want}")

    def test_the_corpus_reaches_every_threshold(self):
        _, ref = self.sites["corpus"]
        statuses = {i["status"] for i in ref.indicators.values()}
        self.assertLessEqual({"achieved", "on_track", "at_risk", "not_achieved", "no_data"}, statuses)
        ratings = {p["summary"]["rating"] for p in ref.programmes.values()}
        self.assertLessEqual({"high", "medium", "satisfactory", "unsatisfactory"}, ratings)
        m = ref.methodology
        thresholds = [m["achieved_min"], m["on_track_min"], m["at_risk_min"]]
        degrees = [i["degree"] for i in ref.indicators.values() if i["degree"] is not None]
        for t in thresholds:
            self.assertIn(t, degrees, f"no degree shown as the threshold {t}")
            self.assertTrue(any(t - 0.005 < d < t for d in degrees), f"no degree just under {t}")
        scores = [p["summary"]["effectiveness"] for p in ref.programmes.values()]
        for t in (m["rating"]["high"], m["rating"]["medium"], m["rating"]["satisfactory"]):
            self.assertIn(t, scores, f"no effectiveness shown as the rating threshold {t}")
            self.assertTrue(any(t - 0.005 < s < t for s in scores), f"no effectiveness just under {t}")

    # -- words follow the numbers shown beside them -------------------------------------------------

    def test_words_follow_the_numbers_shown(self):
        for name, (_, ref) in self.sites.items():
            m = ref.methodology
            r = m["rating"]
            for pid, p in list(ref.programmes.items()) + [("", {"summary": ref.overall})]:
                s = p["summary"]
                e = s["effectiveness"]
                want = ("not_assessable" if e is None else "high" if e >= r["high"] else
                        "medium" if e >= r["medium"] else "satisfactory" if e >= r["satisfactory"]
                        else "unsatisfactory")
                self.assertEqual(s["rating"], want, f"{name}/{pid or 'site'}: effectiveness {e} shown as {s['rating']}")
            for (pid, iid), i in ref.indicators.items():
                with self.subTest(site=name, indicator=f"{pid}/{iid}"):
                    self.check_status_words(i, m)

    def check_status_words(self, i, m):
        st, d, plan, fact, op = i["status"], i["degree"], i["plan"], i["fact"], i["plan_op"]
        if st in ("no_target", "no_data"):
            self.assertTrue(plan is None if st == "no_target" else fact is None, i)
            return
        holds = None
        if op == ">=":
            holds = fact >= plan
        elif op == "<=":
            holds = fact <= plan
        elif d is not None:
            holds = d >= m["achieved_min"]
        if st == "achieved":
            self.assertTrue(holds, i)
        else:
            self.assertFalse(holds, i)
        if st == "on_track":
            self.assertGreaterEqual(d, m["on_track_min"], i)
        if st == "at_risk":
            self.assertGreaterEqual(d, m["at_risk_min"], i)
        if st == "not_achieved" and d is not None:
            self.assertLess(d, m["at_risk_min"], i)

    # -- HTML -----------------------------------------------------------------------------------

    def test_pages(self):
        for name, (out, ref) in self.sites.items():
            with self.subTest(site=name):
                self.check_pages(out, ref, name)

    def check_pages(self, out, ref, name):
        opendata = self.open_data_years(out, ref)
        seen = set()
        for rec in html_figures(out):
            where = f"{name} {rec['page']} {rec['scope']} {rec['figure']}"
            fig, value, text, scope = rec["figure"], rec["value"], rec["text"], rec["scope"]
            # The text a reader sees says what the machine value says.
            if fig in ("status", "rating"):
                self.assertEqual(label_key(fig + ".", re.sub(r"\s+", " ", text)), value, where)
            elif value not in (None, ""):
                self.assertTrue(same(shown_number(text, fig in FRACTIONS), num(value)),
                                f"{where}: shows {text!r}, value {value!r}")
            elif fig in ("fact", "degree"):
                self.assertTrue(text.strip().startswith("—"), f"{where}: shows {text!r} for no value")
            # The machine value is the reference's.
            pid = scope.get("programme")
            self.assertIsNotNone(pid, f"{where}: a figure outside any data-programme")
            if "indicator" in scope:
                iid = scope["indicator"]
                year = int(scope.get("year", ref.year))
                if year == ref.year:
                    want = {k: ref.indicators[(pid, iid)][k] for k in ("plan", "fact", "degree", "status")}
                else:
                    want = opendata[(pid, iid)].get(year)
                    self.assertIsNotNone(want, f"{where}: no year {year} in the open data")
                got = value if fig == "status" else num(value)
                self.assertTrue(same(got, want[fig]), f"{where}: {got!r}, the reference says {want[fig]!r}")
                if year == ref.year:
                    seen.add((pid, iid, fig))
            else:
                want = ref.programme_value(pid, fig)
                got = value if fig == "rating" else num(value)
                self.assertTrue(same(got, want), f"{where}: {got!r}, the reference says {want!r}")
                seen.add((pid, fig))
        # Every programme's and every indicator's figures are on some page.
        for (pid, iid) in ref.indicators:
            # the year table has a row for every year the indicator has (a programme without a period
            # has none); the list of indicators shows the report year's plan, fact and status anyway
            has_year = ref.year in opendata[(pid, iid)]
            for fig in ("plan", "fact", "degree", "status") if has_year else ("plan", "fact", "status"):
                self.assertTrue((pid, iid, fig) in seen, f"{name}: {pid}/{iid} has no {fig} of {ref.year} on any page")
        for pid in list(ref.programmes) + [""]:
            for fig in COUNTS + SCORES + ["rating"] + [f"by_status.{s}" for s in STATUSES] + \
                    [f"measures.{k}" for k in ("total", "planned", "in_progress", "done", "not_done",
                                               "cancelled", "no_status", "overdue")]:
                self.assertTrue((pid, fig) in seen, f"{name}: {pid or 'the site'} shows no {fig}")

    # -- workbooks ------------------------------------------------------------------------------

    def test_workbooks(self):
        for name, (out, ref) in self.sites.items():
            with self.subTest(site=name):
                self.check_workbooks(ref, name)

    def test_workbooks_show_figures_as_the_pages_do(self):
        compared = 0
        for name, (out, ref) in self.sites.items():
            with self.subTest(site=name):
                compared += self.check_forms(out, ref, name)
        self.assertGreater(compared, 100, "too few figures compared to prove anything")

    def check_forms(self, out, ref, name):
        pages = page_texts(out, ref)
        n = 0

        def check(where, shown, key):
            nonlocal n
            if shown == "":
                return
            texts = pages.get(key)
            self.assertTrue(texts, f"{where}: {key} shown as {shown!r} in the workbook, on no page")
            for t in texts:
                self.assertTrue(same_form(shown, t), f"{where}: the workbook shows {shown!r}, the page {t!r}")
            n += 1

        summary, statuses = board_rows(self.book(name, "board.xlsx"), ref)
        for pid, row in summary.items():
            for fig in SCORES:
                check(f"{name} board.xlsx «Сводка» {pid} {fig}", row[fig + "_shown"], (pid, fig))
        for (pid, iid), got in statuses.items():
            check(f"{name} board.xlsx {pid}/{iid} degree", got["degree_shown"], (pid, iid, "degree"))
        for pid, p in ref.programmes.items():
            rows, _ = annex_rows(self.book(name, pid + ".xlsx"), ref, pid)
            for i in p["indicators"]:
                got = rows.get((i["id"], ref.year))
                if got:
                    check(f"{name} xlsx/{pid}.xlsx «План и факт» {i['id']}", got["degree_shown"], (pid, i["id"], "degree"))
        return n

    def check_workbooks(self, ref, name):
        summary, statuses = board_rows(self.book(name, "board.xlsx"), ref)
        self.assertEqual(set(summary), set(ref.programmes), f"{name}: board «Сводка» rows")
        for pid, row in summary.items():
            for fig, got in row.items():
                if fig.endswith("_shown"):
                    continue
                want = ref.programme_value(pid, fig)
                self.assertTrue(same(got, want), f"{name} board.xlsx «Сводка» {pid} {fig}: {got!r}, the reference says {want!r}")
        # Its counts differ from the annexes' «Паспорт» by design: the sheet says so.
        board = openpyxl.load_workbook(self.book(name, "board.xlsx"), data_only=True)["Сводка"]
        self.assertIn("Показателей в оценке", header_columns(board, 2), f"{name} board.xlsx: the count says what it counts")
        texts = [str(c.value) for row in board.iter_rows() for c in row if isinstance(c.value, str)]
        self.assertTrue(any("«Паспорт»" in t and "повторяющих другой показатель" in t and "(М)" in t for t in texts),
                        f"{name} board.xlsx «Сводка»: no note on why its counts differ from the annexes")
        for key, i in ref.indicators.items():
            got = statuses.get(key)
            self.assertIsNotNone(got, f"{name} board.xlsx: {key} on no status sheet")
            for fig in ("status", "plan", "fact", "degree"):
                self.assertTrue(same(got[fig], i[fig]), f"{name} board.xlsx {key} {fig}: {got[fig]!r}, the reference says {i[fig]!r}")
        for pid, p in ref.programmes.items():
            rows, passport = annex_rows(self.book(name, pid + ".xlsx"), ref, pid)
            where = f"{name} xlsx/{pid}.xlsx"
            for i in p["indicators"]:
                got = rows.get((i["id"], ref.year))
                self.assertIsNotNone(got, f"{where} «План и факт»: no row for {i['id']} in {ref.year}")
                for fig in ("plan", "fact", "degree", "status"):
                    self.assertTrue(same(got[fig], i[fig]), f"{where} «План и факт» {i['id']} {fig}: {got[fig]!r}, the reference says {i[fig]!r}")
            s = p["summary"]
            self.assertEqual(passport["Показателей в оценке"].split(" ")[0], str(s["indicators_total"]), where)
            self.assertEqual(passport["Мероприятий в отчётном году (М)"].split(" ")[0], str(s["measures"]["total"]), where)
            self.assertEqual(passport["Показателей оценено / достигнуто"],
                             f"{s['indicators_assessed']} / {s['indicators_achieved']}", where)
            self.assertEqual(label_key("rating.", passport["Оценка эффективности"]), s["rating"], where)

    # -- open data ------------------------------------------------------------------------------

    def open_data_years(self, out, ref):
        """(programme, indicator) → year → plan, fact, degree, status from each indicator's JSON."""
        years = {}
        for (pid, iid) in ref.indicators:
            doc = json.loads((out / "data" / pid / "indicators" / f"{iid}.json").read_text(encoding="utf-8"))
            years[(pid, iid)] = {y["year"]: y for y in doc["indicator"]["years"]}
        return years

    def test_open_data(self):
        for name, (out, ref) in self.sites.items():
            with self.subTest(site=name):
                self.check_open_data(out, ref, name)

    def check_open_data(self, out, ref, name):
        for pid, p in ref.programmes.items():
            doc = json.loads((out / "data" / pid / f"{pid}.json").read_text(encoding="utf-8"))
            where = f"{name} data/{pid}/{pid}.json"
            metrics = doc["metrics"]
            for fig in COUNTS + SCORES + ["rating"]:
                self.assertTrue(same(metrics[fig], p["summary"][fig]), f"{where} {fig}: {metrics[fig]!r}, the reference says {p['summary'][fig]!r}")
            for k in MEASURE_COUNTS:
                self.assertEqual(metrics["measures"][k], p["summary"]["measures"][k], f"{where} measures.{k}")
            for s in STATUSES:
                self.assertEqual(metrics["by_status"].get(s, 0), p["summary"]["by_status"][s], f"{where} by_status.{s}")
            table = {(r["indicator"], int(r["year"])): r for r in csv_rows(out / "data" / pid / "indicators.csv") if r["year"]}
            for j in doc["indicators"]:
                i = ref.indicators[(pid, j["id"])]
                one_csv = {int(r["year"]): r for r in csv_rows(out / "data" / pid / "indicators" / f"{j['id']}.csv") if r["year"]}
                one_json = json.loads((out / "data" / pid / "indicators" / f"{j['id']}.json").read_text(encoding="utf-8"))
                self.assertEqual(one_json["indicator"], j, f"{name} data/{pid}/indicators/{j['id']}.json")
                self.assertEqual(j["status"], i["status"], f"{where} {j['id']} status")
                self.assertTrue(same(j["report_degree"], i["degree"]), f"{where} {j['id']} report_degree")
                for y in j["years"]:
                    row, one = table.get((j["id"], y["year"])), one_csv.get(y["year"])
                    self.assertEqual(row, one, f"{name} data/{pid}: {j['id']} {y['year']} differs between the CSVs")
                    for fig in ("plan", "fact", "deviation", "degree", "degree_capped"):
                        self.assertTrue(same(num(row[fig]), y[fig]), f"{name} data/{pid}/indicators.csv {j['id']} {y['year']} {fig}: {row[fig]!r} ≠ JSON {y[fig]!r}")
                    self.assertEqual(row["status"], y["status"])
                    self.assertEqual(OP_WORD[row["plan_op"]], y["plan_op"] if y["plan"] is not None else None)
                    if y["year"] == ref.year:
                        for fig in ("plan", "fact", "degree", "status"):
                            self.assertTrue(same(y[fig], i[fig]), f"{where} {j['id']} {ref.year} {fig}: {y[fig]!r}, the reference says {i[fig]!r}")
                        self.assertTrue(same(y["deviation"], i["deviation"]), f"{where} {j['id']} deviation")
                    for fig in ("plan", "fact", "deviation"):
                        self.assertTrue(y[fig] is None or same(y[fig], round(y[fig], i["precision"])),
                                        f"{where} {j['id']} {y['year']} {fig} {y[fig]!r}: not rounded at {i['precision']} decimals")
                    for fig in ("degree", "degree_capped"):
                        self.assertTrue(y[fig] is None or same(y[fig], round(y[fig], 3)),
                                        f"{where} {j['id']} {y['year']} {fig} {y[fig]!r}: not rounded at 3 decimals")


if __name__ == "__main__":
    unittest.main()
