"""What each document printed is on its pages, and charts read right (issue 21, items 2, 3 and 4).

The bundled documents (data/) and the demonstration region (examples/demo) are built once each
(without the search index) and the pages are read back as a reader gets them:

* the measure pages show the documents' own columns under the documents' own headers:
  Strezhevoy's «Показатели реализации» and «Способ (источники) оценки» (34 cells), Kirov's
  «Вид мер, мероприятий» (12 rows) and «Участники» (16), Zima 2.1's three printed results;
* Kirov's cycle sections 4, 5, 6 and 9 are tables with their printed headers; Kaltan's
  «Алгоритм/порядок сбора информации» has its own label; Belomorsk's passport rows «1.»–«13.»
  and Strezhevoy's cycle rows «1.»–«9.» keep their numbers;
* no page has a label with nothing after it («Обоснование цели:», «· в документе:»), an empty
  definition or an empty pair of brackets («()»);
* charts (item 2): y-axis ticks at round steps, values on the bars, a threshold as a line with its
  words, a yes/no indicator as a timeline, lower-is-better said on the chart.

Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/py/test_pages.py
"""
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("VITRINA_BIN", ROOT / "build" / "generator" / "vitrina"))
BLOCKS = {"p", "li", "dd", "dt", "td", "th", "caption", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
          "summary", "label", "div", "section"}
CATALOGUE = ROOT / "generator" / "text" / "catalogue" / "ru.json"
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "col", "source", "area", "base", "embed", "track"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []  # Elements and strings, in order

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def norm(self):
        return re.sub(r"\s+", " ", self.text()).strip()

    def iter(self):
        for c in self.children:
            if isinstance(c, Element):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes())
                and all(e.attrs.get(k) == v for k, v in attrs.items())]


class Tree(HTMLParser):
    """The page as a tree of elements (svg and script are skipped: they are not read as text)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Element("#document", [], None)
        self.skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if self.skip or tag in ("svg", "script", "style"):
            self.skip += tag in ("svg", "script", "style") or 0
            return
        e = Element(tag, attrs, self.cur)
        self.cur.children.append(e)
        if tag not in VOID:
            self.cur = e

    def handle_endtag(self, tag):
        if tag in ("svg", "script", "style") and self.skip:
            self.skip -= 1
            return
        if self.skip or tag in VOID:
            return
        e = self.cur
        while e is not None and e.tag != tag:
            e = e.parent
        if e is not None and e.parent is not None:
            self.cur = e.parent

    def handle_data(self, data):
        if not self.skip:
            self.cur.children.append(data)


BUILT = {}


def site(name):
    """The built site `bundled` (data/) or `demo` (examples/demo), built once for the module."""
    if name not in BUILT:
        BUILT[name] = build(ROOT if name == "bundled" else ROOT / "examples" / "demo")
    return BUILT[name]


def tearDownModule():
    for out in BUILT.values():
        shutil.rmtree(out.parent, ignore_errors=True)


def build(site):
    out = Path(tempfile.mkdtemp(prefix="vitrina-pages-")) / "output"
    env = {**os.environ, "VITRINA_SHARE": str(ROOT), "NO_COLOR": "1"}
    r = subprocess.run([str(BIN), "build", "--quiet", "--no-search", "--site", str(site), "--out", str(out)],
                       env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(f"vitrina build --site {site} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return out


def main_of(path):
    tree = Tree(path.read_text(encoding="utf-8")).root
    mains = tree.find_all("main")
    assert mains, f"{path}: no <main>"
    return mains[0]


def column_texts(table, cls):
    """Texts of the cells of class c-<field> that are the row's own (not inherited from the parent row)."""
    return [c.norm() for c in table.iter() if f"c-{cls}" in c.classes() and c.tag in ("td", "th")
            and "inherited" not in c.classes() and c.norm() not in ("", "—")]


def header_texts(table):
    return [th.norm() for th in table.find_all("th", scope="col")]


class Bundled(unittest.TestCase):
    maxDiff = None
    @classmethod
    def setUpClass(cls):
        cls.progs = site("bundled") / "programmes"

    def measure_table(self, pid):
        tables = main_of(self.progs / pid / "measures" / "index.html").find_all("table", cls="measures")
        self.assertEqual(len(tables), 1, f"{pid}: one measure table")
        return tables[0]

    def test_strezhevoy_implementation_and_evaluation_columns(self):
        t = self.measure_table("strezhevoy-2021")
        heads = header_texts(t)
        self.assertIn("Показатели реализации", heads)
        self.assertIn("Способ (источники) оценки", heads)
        cells = column_texts(t, "implementation_indicator") + column_texts(t, "evaluation_method")
        self.assertEqual(len(cells), 34, cells)
        self.assertIn("аналитическая справка УО", cells)

    def test_kirov_kind_and_participants_columns(self):
        t = self.measure_table("kirov-rsoko")
        heads = header_texts(t)
        self.assertEqual(heads[0], "Вид мер, мероприятий")
        self.assertIn("Участники", heads)
        kinds = column_texts(t, "kind")
        self.assertEqual(len(kinds), 12, kinds)
        self.assertTrue(kinds[0].startswith("Проведение мероприятий по информированию педагогического сообщества"))
        # 15 cells, one of them (m6) with two groups: 16 printed entries.
        cells = [c for c in t.iter() if "c-participants" in c.classes() and "inherited" not in c.classes()
                 and c.norm() not in ("", "—")]
        self.assertEqual(sum(max(1, len(c.find_all("li"))) for c in cells), 16)

    def test_zima_2_1_results_from_its_events(self):
        t = self.measure_table("zima-2022")
        row = [r for r in t.find_all("tr") if r.attrs.get("id") == "m-m2.1"]
        self.assertEqual(len(row), 1)
        self.assertIn("Прогнозируемый результат (количественные характеристики результата)", header_texts(t))
        result = row[0].find_all(cls="c-expected_result")
        self.assertEqual(len(result), 1)
        items = [li.norm() for li in result[0].find_all("li")]
        self.assertEqual(len(items), 3, items)
        self.assertTrue(items[0].startswith("9 Педагоги общеобразовательных организаций города вовлечены"))
        self.assertNotEqual(result[0].norm(), "—")

    def test_kirov_sections_4_5_6_9_are_tables(self):
        m = main_of(self.progs / "kirov-rsoko" / "index.html")
        want = {
            "4": ["Группа показателей", "Наименование документа (мониторинга)",
                  "Сроки проведения мониторинга показателей",
                  "Сведения об использовании результатов мониторинга показателей"],
            "5": ["Группа показателей",
                  "Аналитический документ, содержащий анализ результатов мониторинга показателей"],
            "6": ["Вид адресных рекомендации по результатам анализа",
                  "Аналитический документ, содержащий адресные рекомендации по результатам анализа"],
            "9": ["Документ, содержащий анализ эффективности мер, мероприятий", "Сроки проведения анализа",
                  "Определение проблем по итогам проведенного анализа"],
        }
        rows = {"4": 9, "5": 9, "6": 3, "9": 1}
        for n, heads in want.items():
            tables = [t for t in m.find_all("table")
                      if any(c.attrs.get("id") == f"cycle-table-{n}" for c in t.find_all("caption"))]
            self.assertEqual(len(tables), 1, f"section {n} as a table")
            self.assertEqual(header_texts(tables[0]), heads, f"section {n}")
            body = [r for r in tables[0].find_all("tr") if r.parent.tag == "tbody"]
            self.assertEqual(len(body), rows[n], f"section {n} rows")

    def test_kaltan_collection_algorithm_labelled(self):
        pages = sorted((self.progs / "kaltan-2019" / "indicators").glob("*/index.html"))
        labelled = 0
        for p in pages:
            for dt in main_of(p).find_all("dt"):
                if dt.norm() == "Алгоритм (порядок) сбора информации":
                    dd = [c for c in dt.parent.children if isinstance(c, Element)]
                    nxt = dd[dd.index(dt) + 1]
                    self.assertEqual(nxt.tag, "dd")
                    self.assertTrue(nxt.norm().startswith("Проводится в соответствии с Положением о мониторинге"), p)
                    labelled += 1
        self.assertEqual(labelled, 13)

    def test_belomorsk_passport_row_numbers(self):
        m = main_of(self.progs / "belomorsk-2022" / "index.html")
        rows = [th.norm() for th in m.find_all("th", scope="row")]
        self.assertIn("1. Ответственный исполнитель", rows)
        self.assertTrue(any(r.startswith("2. ") for r in rows), rows)
        numbers = [c.norm() for c in m.iter() if "num" in c.classes() or "c-number" in c.classes()]
        for n in range(3, 14):
            self.assertIn(f"{n}.", numbers)

    def test_strezhevoy_cycle_row_numbers(self):
        m = main_of(self.progs / "strezhevoy-2021" / "index.html")
        numbers = [c.norm() for c in m.iter() if "num" in c.classes() or "c-number" in c.classes()]
        for n in range(1, 10):
            self.assertIn(f"{n}.", numbers)
        heads = [h for t in m.find_all("table") for h in header_texts(t)]
        self.assertIn("Компоненты управленческих циклов", heads)


class NoEmptyPairs(unittest.TestCase):
    maxDiff = None
    """Item 4: no label without its value and no empty brackets, on every page of both sites."""

    @classmethod
    def setUpClass(cls):
        # The page's own labels (the catalogue's words): a document's text may end with a colon.
        words = json.loads(CATALOGUE.read_text(encoding="utf-8")).values()
        cls.labels = sorted({w.strip().rstrip(":") for w in words if len(w) > 1 and "{" not in w and "<" not in w})

    def check_site(self, name):
        out = site(name)
        found = []
        for page in sorted(out.rglob("*.html")):
            rel = page.relative_to(out)
            main = main_of(page)
            for m in re.finditer(r"\(\s*\)|(?<!\w)\[\s*\]", main.norm()):
                found.append(f"{rel}: empty brackets «{main.norm()[max(0, m.start() - 80):m.end()]}»")
            for e in main.iter():
                if e.tag not in BLOCKS:
                    continue
                text = e.norm()
                if text.endswith("·") or any(text.endswith(label + ":") for label in self.labels):
                    found.append(f"{rel}: <{e.tag}> ends with its label: «{text[-80:]}»")
                if e.tag == "dd" and not text:
                    found.append(f"{rel}: empty <dd> after «{e.parent.norm()[:60]}»")
        self.assertEqual(found[:30], [], f"{len(found)} empty label/value pairs or brackets")

    def test_bundled(self):
        self.check_site("bundled")

    def test_demo(self):
        self.check_site("demo")


def chart_of(page):
    html = page.read_text(encoding="utf-8")
    m = re.search(r'<svg class="chart[^"]*".*?</svg>', html, re.S)
    return m.group(0) if m else ""


def y_ticks(svg):
    """The numbers on the y axis (right-aligned texts left of the plot; the unit is not a number)."""
    texts = re.findall(r'<text class="axis" x="50\.0" y="[0-9.]+" text-anchor="end">([^<]*)</text>', svg)
    return [float(t.replace("\u00a0", "").replace(",", ".")) for t in texts if re.fullmatch(r"-?[0-9\u00a0]+(,[0-9]+)?", t)]


class Charts(unittest.TestCase):
    """Item 2: round axis ticks, values on the bars, threshold lines, yes/no timelines, direction."""

    def test_every_axis_has_round_steps(self):
        checked = 0
        for name in ("bundled", "demo"):
            for page in sorted((site(name) / "programmes").glob("*/indicators/*/index.html")):
                ticks = y_ticks(chart_of(page))
                if not ticks:
                    continue
                checked += 1
                steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
                self.assertEqual(len(steps), 1, f"{page}: {ticks}")
                step = steps.pop()
                mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
                self.assertTrue(any(abs(mantissa - m) < 1e-6 for m in (1, 2, 2.5, 5)), f"{page}: step {step} {ticks}")
                self.assertLessEqual(len(ticks), 6, f"{page}: {ticks}")
        self.assertGreater(checked, 30)

    def test_belomorsk_axis_and_values(self):
        # Plans 55–65 % over nine years: 0, 20, …, 80 (not 0,0 16,3 32,5 48,8 65,0), each plan on its bar.
        svg = chart_of(site("bundled") / "programmes" / "belomorsk-2022" / "indicators" / "1" / "index.html")
        self.assertEqual(y_ticks(svg), [0, 20, 40, 60, 80])
        values = re.findall(r'<text class="value"[^>]*>([^<]*)</text>', svg)
        self.assertEqual(values, ["55,0", "55,0", "56,0", "57,0", "59,0", "61,0", "63,0", "65,0", "65,0"])

    def test_threshold_is_a_line_with_its_words(self):
        svg = chart_of(site("bundled") / "programmes" / "strezhevoy-2021" / "indicators" / "1.7" / "index.html")
        self.assertIn(">не менее 75,0</text>", svg)
        self.assertIn('<line class="target"', svg)
        self.assertEqual(svg.count('class="bar-plan"'), 1)  # the legend's sample only: no bar for a threshold

    def test_yes_no_timeline(self):
        svg = chart_of(site("demo") / "programmes" / "sredneryabinovskiy-2018" / "indicators" / "i3.1" / "index.html")
        self.assertIn('class="chart yes-no"', svg)
        self.assertNotIn("<rect", svg)
        self.assertIn(">да</text>", svg)
        self.assertIn(">нет</text>", svg)

    def test_lower_is_better_says_so(self):
        svg = chart_of(site("demo") / "programmes" / "sredneryabinovskiy-2018" / "indicators" / "i1.2" / "index.html")
        self.assertIn('<text class="note"', svg)
        self.assertIn(">чем меньше, тем лучше</text>", svg)


if __name__ == "__main__":
    unittest.main()
