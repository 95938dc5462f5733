"""Tests of the synthetic corpus generator bench/corpus.py (stdlib unittest).

Run: /usr/bin/python3 -m unittest discover -s tests/bench -v   (from the repository root)
"""

import json
import re
import sys
import tempfile
import unittest
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PARAMS = dict(programmes=6, indicators=14, years=6, measures=40, seed=7)
MEASURE_STATUSES = {"planned", "in_progress", "done", "not_done", "cancelled"}


def files_of(root):
    root = Path(root)
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def load_site(root):
    root = Path(root)
    site = json.loads((root / "data/site.json").read_text(encoding="utf-8"))
    progs = {}
    for d in sorted((root / "data/programmes").iterdir()):
        progs[d.name] = {name: json.loads((d / f"{name}.json").read_text(encoding="utf-8"))
                         for name in ("programme", "indicators", "measures", "organisations")}
    return site, progs


class CorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        base = Path(cls.tmp.name)
        cls.a = base / "a"
        cls.b = base / "b"
        cls.c = base / "c"
        cls.result = corpus.generate(cls.a, **PARAMS)
        corpus.generate(cls.b, **PARAMS)
        corpus.generate(cls.c, **dict(PARAMS, seed=PARAMS["seed"] + 1))
        cls.site, cls.progs = load_site(cls.a)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    # -- determinism ---------------------------------------------------------------------------

    def test_same_seed_identical_bytes(self):
        fa, fb = files_of(self.a), files_of(self.b)
        self.assertEqual(sorted(fa), sorted(fb))
        for name in fa:
            self.assertEqual(fa[name], fb[name], name)

    def test_different_seed_differs(self):
        fa, fc = files_of(self.a), files_of(self.c)
        self.assertNotEqual(fa, fc)

    def test_parallel_jobs_give_same_bytes(self):
        with tempfile.TemporaryDirectory() as tmp:
            corpus.generate(tmp, jobs=2, **PARAMS)
            self.assertEqual(files_of(self.a), files_of(tmp))

    def test_result_lists_written_files(self):
        self.assertEqual(sorted(self.result["files"]), sorted(files_of(self.a)))
        self.assertEqual(self.result["bytes"], sum(len(v) for v in files_of(self.a).values()))

    def test_regenerating_in_place_is_stable(self):
        corpus.generate(self.b, **PARAMS)
        self.assertEqual(files_of(self.a), files_of(self.b))

    # -- files and counts ----------------------------------------------------------------------

    def test_every_json_parses_and_is_utf8(self):
        for name, data in files_of(self.a).items():
            text = data.decode("utf-8")
            if name.endswith(".json"):
                json.loads(text)
            self.assertTrue(text.endswith("\n"), name)

    def test_counts_equal_parameters(self):
        self.assertEqual(len(self.progs), PARAMS["programmes"])
        self.assertEqual(sorted(self.site["programmes"]), sorted(self.progs))
        for pid, p in self.progs.items():
            self.assertEqual(len(p["indicators"]["indicators"]), PARAMS["indicators"], pid)
            self.assertEqual(len(p["measures"]["measures"]), PARAMS["measures"], pid)
            per = p["programme"]["period"]
            self.assertEqual(per["end"] - per["start"] + 1, PARAMS["years"], pid)
            n_orgs = len(p["organisations"]["organisations"])
            self.assertTrue(5 <= n_orgs <= 20, (pid, n_orgs))
            pages = sorted((self.a / "content" / pid).glob("*.md"))
            self.assertEqual(len(pages), 1, pid)
        self.assertTrue((self.a / "content/about.md").is_file())

    def test_site_and_demo_labels(self):
        s = self.site
        for key in ("title", "owner", "report_year"):
            self.assertIn(key, s)
        self.assertIn("Демонстрационные данные", s["title"])
        self.assertIs(s["demo"], True)
        self.assertEqual(s["locale"], "ru")
        self.assertRegex(s["build_date"], DATE_RE)
        for pid, p in self.progs.items():
            prog = p["programme"]
            self.assertEqual(prog["id"], pid)
            self.assertTrue(any("Демонстрационные данные" in n for n in prog["notes"]), pid)
            per = prog["period"]
            self.assertTrue(per["start"] <= s["report_year"] <= per["end"], pid)
            self.assertIn(str(per["start"]), prog["title"])

    def test_markdown_front_matter(self):
        for page in sorted((self.a / "content").rglob("*.md")):
            text = page.read_text(encoding="utf-8")
            self.assertTrue(text.startswith("---\n"), page)
            head = text.split("---\n")[1]
            self.assertRegex(head, r"(?m)^title: \S")
            self.assertRegex(head, r"(?m)^order: \d+$")
            self.assertRegex(head, r"(?m)^menu: (true|false)$")
            self.assertIn("Демонстрационные данные", text)

    # -- ids and references --------------------------------------------------------------------

    def test_ids_valid_and_unique(self):
        for pid, p in self.progs.items():
            self.assertRegex(pid, ID_RE)
            prog = p["programme"]
            lists = [prog.get(k, []) for k in ("directions", "goals", "tasks", "indicator_groups",
                                               "measure_sections", "statistics", "references",
                                               "governance")]
            lists += [p["indicators"]["indicators"], p["measures"]["measures"],
                      p["organisations"]["organisations"]]
            for lst in lists:
                ids = [x["id"] for x in lst if "id" in x]
                self.assertEqual(len(ids), len(set(ids)), pid)
                for i in ids:
                    self.assertRegex(i, ID_RE)
            for name in ("indicators", "measures", "organisations"):
                self.assertEqual(p[name]["programme"], pid)

    def test_references_resolve(self):
        for pid, p in self.progs.items():
            prog = p["programme"]
            ids = lambda key: {x["id"] for x in prog.get(key, [])}  # noqa: E731
            directions, goals, tasks = ids("directions"), ids("goals"), ids("tasks")
            groups, sections, refs = ids("indicator_groups"), ids("measure_sections"), \
                ids("references")
            inds = {i["id"] for i in p["indicators"]["indicators"]}
            meas = {m["id"] for m in p["measures"]["measures"]}
            orgs = {o["id"] for o in p["organisations"]["organisations"]}
            for g in prog["goals"]:
                if "direction" in g:
                    self.assertIn(g["direction"], directions)
            for t in prog["tasks"]:
                self.assertIn(t.get("goal", next(iter(goals))), goals)
                if "direction" in t:
                    self.assertIn(t["direction"], directions)
            for s in prog["measure_sections"]:
                if "task" in s:
                    self.assertIn(s["task"], tasks)
                if "direction" in s:
                    self.assertIn(s["direction"], directions)
            for st in prog.get("statistics", []):
                if "indicator" in st:
                    self.assertIn(st["indicator"], inds)
            for c in prog.get("cycle", []):
                for r in c.get("documents", []):
                    self.assertIn(r, refs)
                for i in c.get("links", {}).get("indicators", []):
                    self.assertIn(i, inds)
                for m in c.get("links", {}).get("measures", []):
                    self.assertIn(m, meas)
            for ind in p["indicators"]["indicators"]:
                self.assertIn(ind["group"], groups)
                if "direction" in ind:
                    self.assertIn(ind["direction"], directions)
                if "goal" in ind:
                    self.assertIn(ind["goal"], goals)
                for f in ind.get("facts", []):
                    for b in f.get("by_organisation", []):
                        self.assertIn(b["organisation"], orgs)
            by_id = {m["id"]: m for m in p["measures"]["measures"]}
            for m in p["measures"]["measures"]:
                self.assertIn(m["section"], sections)
                if "task" in m:
                    self.assertIn(m["task"], tasks)
                for i in m.get("indicators", []):
                    self.assertIn(i, inds)
                for o in m.get("organisations", []):
                    self.assertIn(o, orgs)
                if "parent" in m:
                    parent = by_id[m["parent"]]
                    self.assertTrue(m["number"].startswith(parent["number"]), m["id"])
                    self.assertEqual(m["number"].count("."), parent["number"].count(".") + 1)
                else:
                    self.assertRegex(m["number"], r"^\d+\.$")

    # -- years ---------------------------------------------------------------------------------

    def test_facts_and_targets_inside_period(self):
        ry = self.site["report_year"]
        for pid, p in self.progs.items():
            per = p["programme"]["period"]
            years = set(range(per["start"], per["end"] + 1))
            for ind in p["indicators"]["indicators"]:
                covered = set()
                for t in ind["targets"]:
                    if t.get("every_year"):
                        self.assertNotIn("year", t)
                        covered |= years
                    else:
                        y = t.get("year", per["end"])
                        self.assertIn(y, years, (pid, ind["id"]))
                        covered.add(y)
                    if "op" in t:
                        self.assertIn(t["op"], (">=", "<=", "="))
                    if "breakdown" in t:
                        total = sum(Decimal(str(b["value"])) for b in t["breakdown"])
                        self.assertEqual(total, Decimal(str(t["value"])), (pid, ind["id"]))
                self.assertEqual(covered, years, (pid, ind["id"]))  # a plan for every year
                fyears = [f["year"] for f in ind.get("facts", [])]
                self.assertEqual(len(fyears), len(set(fyears)))
                for y in fyears:
                    self.assertTrue(per["start"] <= y <= ry, (pid, ind["id"], y))
            for m in p["measures"]["measures"]:
                for st in m.get("status", []):
                    self.assertIn(st["year"], years)
                    self.assertIn(st["status"], MEASURE_STATUSES)
                    if st["year"] > ry:
                        self.assertEqual(st["status"], "planned")

    def test_dates_are_iso(self):
        for pid, p in self.progs.items():
            for ind in p["indicators"]["indicators"]:
                for f in ind.get("facts", []):
                    if "date" in f:
                        self.assertRegex(f["date"], DATE_RE)
            for m in p["measures"]["measures"]:
                for st in m.get("status", []):
                    if "date" in st:
                        self.assertRegex(st["date"], DATE_RE)
                        self.assertTrue(st["date"].startswith(str(st["year"])))
                for e in m.get("events", []):
                    self.assertRegex(e["date"], DATE_RE)
            prog = p["programme"]
            self.assertRegex(prog["approval"]["date"], DATE_RE)

    # -- numbers -------------------------------------------------------------------------------

    def test_shares_agree_with_numerator_and_breakdowns_add_up(self):
        for pid, p in self.progs.items():
            for ind in p["indicators"]["indicators"]:
                for f in ind.get("facts", []):
                    if ind["kind"] == "share" and "numerator" in f:
                        v = (Decimal(f["numerator"]) * 100 / Decimal(f["denominator"])).quantize(
                            Decimal("0.1"), rounding=ROUND_HALF_UP)
                        self.assertEqual(v, Decimal(str(f["value"])), (pid, ind["id"]))
                    if ind["kind"] == "yes_no":
                        self.assertIn(f["value"], (0, 1))
                    parts = f.get("by_organisation")
                    if not parts:
                        continue
                    if ind["kind"] == "share":
                        self.assertEqual(sum(b["numerator"] for b in parts), f["numerator"])
                        self.assertEqual(sum(b["denominator"] for b in parts), f["denominator"])
                    else:
                        self.assertEqual(sum(b["value"] for b in parts), f["value"])

    def test_every_kind_and_status_appears(self):
        kinds, ops, every, breakdown, lower = set(), set(), False, False, False
        outcomes, mstatus, periods = set(), set(), []
        ry = self.site["report_year"]
        for pid, p in self.progs.items():
            for ind in p["indicators"]["indicators"]:
                kinds.add(ind["kind"])
                lower |= ind["better"] == "lower"
                plan = None
                for t in ind["targets"]:
                    ops.add(t.get("op", "="))
                    every |= bool(t.get("every_year"))
                    breakdown |= "breakdown" in t
                    if t.get("every_year") or t.get("year") == ry:
                        plan = t["value"]
                fact = {f["year"]: f for f in ind.get("facts", [])}.get(ry)
                if plan is None:
                    continue
                if fact is None:
                    outcomes.add("no data")
                    continue
                v, good = fact["value"], ind["better"]
                if good in ("yes", "no"):
                    outcomes.add("achieved" if v == plan else "not achieved")
                    continue
                # degree of achievement and the default thresholds of docs/site.md
                if good == "higher":
                    degree = v / plan if plan else 1
                else:
                    degree = plan / v if v else 1
                outcomes.add("achieved" if degree >= 1 else "on track" if degree >= 0.95
                             else "at risk" if degree >= 0.6 else "not achieved")
            for m in p["measures"]["measures"]:
                mstatus |= {s["status"] for s in m.get("status", [])}
                periods.append(m["period"] if isinstance(m["period"], str)
                               else m["period"]["printed"])
        self.assertTrue({"share", "count", "yes_no", "index", "ratio"} <= kinds, kinds)
        self.assertTrue({">=", "<=", "="} <= ops, ops)
        self.assertTrue(every and breakdown and lower)
        self.assertEqual(outcomes, {"achieved", "on track", "at risk", "not achieved", "no data"})
        self.assertEqual(mstatus, MEASURE_STATUSES)
        text = "\n".join(periods)
        for pattern in (r"^\d{4}-\d{4} гг\.$", r"^Ежегодно, [IV]+ квартал$",
                        r"^[вВ] течение года$", r"^[а-я]+ \d{4}$", r"^\d\d\.\d\d\.\d{4}$",
                        r"^[А-Яа-я]+-[а-я]+ \d{4} года$", r"^[а-я]+ \d{4}, далее ежегодно$"):
            self.assertRegex(text, re.compile(pattern, re.M))

    # -- --near-thresholds ------------------------------------------------------------------------

    def test_near_thresholds(self):
        """Facts next to every status threshold, rating probes, deterministic."""
        base = Path(self.tmp.name)
        params = dict(PARAMS, programmes=10)
        corpus.generate(base / "n1", near_thresholds=True, **params)
        corpus.generate(base / "n2", near_thresholds=True, **params)
        self.assertEqual(files_of(base / "n1"), files_of(base / "n2"))
        site, progs = load_site(base / "n1")
        ry = site["report_year"]
        ratios = []
        for i, (pid, p) in enumerate(sorted(progs.items())):
            inds = p["indicators"]["indicators"]
            for ind in inds:
                if ind["kind"] == "yes_no" or ind["better"] != "higher":
                    continue
                plans = {t["year"]: t["value"] for t in ind["targets"] if "year" in t and "part" not in t}
                for f in ind.get("facts", []):
                    if plans.get(f["year"]):
                        ratios.append(f["value"] / plans[f["year"]])
            probes = [ind for ind in inds if any(f["year"] == ry for f in ind.get("facts", []))]
            if any("Проба порога" in n for n in p["programme"]["notes"]):
                self.assertEqual(len(probes), 1, pid)
                self.assertFalse(any("status" in m for m in p["measures"]["measures"]), pid)
        for t in (1, 0.95, 0.6):
            self.assertTrue(any(abs(r - t) < 0.0006 for r in ratios), f"no degree next to {t}")
        notes = [n for p in progs.values() for n in p["programme"]["notes"] if "Проба порога" in n]
        self.assertEqual(len(notes), 9)
        for t in ("0.7", "0.8", "0.9"):
            self.assertEqual(sum(f"порога оценки эффективности {t}:" in n for n in notes), 3)

    # -- schemas (when docs/schema exists) -----------------------------------------------------

    def test_matches_json_schemas_if_present(self):
        schema_dir = ROOT / "docs/schema"
        if not schema_dir.is_dir():
            self.skipTest("docs/schema not present")
        try:
            from jsonschema import Draft202012Validator
        except ImportError:
            self.skipTest("jsonschema not installed")
        checked = 0
        for path, data in files_of(self.a).items():
            if not path.endswith(".json"):
                continue
            schema_path = schema_dir / (Path(path).stem + ".schema.json")
            if not schema_path.is_file():
                continue
            schema = json.loads(schema_path.read_text(encoding="utf-8"))
            errors = sorted(Draft202012Validator(schema).iter_errors(json.loads(data)),
                            key=lambda e: list(e.absolute_path))
            self.assertEqual([f"{path}: {list(e.absolute_path)}: {e.message}"
                              for e in errors[:5]], [])
            checked += 1
        if not checked:
            self.skipTest("no matching schema files")


class DemoExampleTest(unittest.TestCase):
    def test_examples_demo_is_up_to_date(self):
        demo = ROOT / "examples/demo"
        if not (demo / "data/site.json").is_file():
            self.skipTest("examples/demo not generated")
        with tempfile.TemporaryDirectory() as tmp:
            corpus.generate(tmp, programmes=3, indicators=8, years=5, measures=12, seed=2022)
            fresh = files_of(tmp)
            committed = {k: v for k, v in files_of(demo).items()
                         if k.startswith(("data/", "content/"))}
            self.assertEqual(sorted(fresh), sorted(committed))
            for name in fresh:
                self.assertEqual(fresh[name], committed[name],
                                 f"{name}: run examples/demo/generate.py")


if __name__ == "__main__":
    unittest.main()
