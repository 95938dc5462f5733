"""Wrong figures without a diagnostic (issue 17, item 6), end to end through `vitrina check`
and `vitrina build`.

1 ÷ 1e-320 published fact 0 and «не достигнут»; a methodology cap of −1 gave effectiveness
−1.0; a `restates` cycle silently dropped both indicators from the counts; ids `ab1` and
`AB1` collide on case-insensitive disks. Each must be a Russian error at its position, and
the published site must stay as it was.
Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/hardening/test_wrong_figures.py
"""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from common import TempCase, run, tree  # noqa: E402


class WrongFigures(unittest.TestCase):
    def setUp(self):
        self.case = TempCase()
        self.prog = self.case.site / "data/programmes/alpha"

    def tearDown(self):
        self.case.cleanup()

    def edit(self, rel, change):
        p = self.case.site / rel
        doc = json.loads(p.read_text(encoding="utf-8"))
        change(doc)
        p.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")

    def errors(self, pattern, lang="ru"):
        """Builds over a good site; the build must fail with `pattern` on an error line and
        leave the published site unchanged."""
        r = run("check", "--site", self.case.site, env={"VITRINA_LANG": lang})
        err = r.stderr.decode("utf-8")
        self.assertEqual(r.returncode, 1, err)
        errors = [ln for ln in err.splitlines() if ": error: " in ln]
        self.assertTrue(any(re.search(pattern, ln) for ln in errors), f"no error matching {pattern!r}:\n{err}")
        return errors

    def build_keeps_last_site(self):
        r = run("build", "--site", self.case.site, "--out", self.case.out)
        self.assertEqual(r.returncode, 1, r.stderr.decode())
        self.assertEqual(tree(self.case.out), self.before, "a failed build changed the published site")

    def good_build(self):
        r = run("build", "--site", self.case.site, "--out", self.case.out)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.before = tree(self.case.out)

    def test_overflowing_division_is_an_error(self):
        self.good_build()

        def tiny_denominator(doc):
            doc["indicators"][0]["facts"][1] = {"year": 2022, "numerator": 1, "denominator": 1e-320}
        self.edit("data/programmes/alpha/indicators.json", tiny_denominator)
        self.errors(r"indicators\.json:\d+:\d+: error: результат расчёта не является конечным числом \(1 ÷ 1e-320\)"
                    r".*\(at /indicators/0/facts/1\)")
        self.build_keeps_last_site()

    def test_overflowing_degree_is_an_error(self):
        def tiny_plan(doc):
            doc["indicators"][0]["targets"][1]["value"] = 1e-320
        self.edit("data/programmes/alpha/indicators.json", tiny_plan)
        self.errors(r"indicators\.json:\d+:\d+: error: результат расчёта не является конечным числом")

    def test_methodology_out_of_range(self):
        self.good_build()

        def bad(doc):
            doc["methodology"] = {"cap": -1, "status": {"achieved_min": 3},
                                  "rating": {"high": 0.5, "medium": 0.8}, "weights": {"indicators": -0.5}}
        self.edit("data/site.json", bad)
        errors = self.errors(r"site\.json:\d+:\d+: error: значение -1 вне допустимого диапазона: > 0 \(at /methodology/cap\)")
        joined = "\n".join(errors)
        self.assertIn("(at /methodology/status/achieved_min)", joined)
        self.assertIn("(at /methodology/weights/indicators)", joined)
        self.assertRegex(joined, r"порог «rating/medium» \(0\.8\) должен быть не больше порога «rating/high» \(0\.5\)")
        self.build_keeps_last_site()

    def test_zero_weights(self):
        self.edit("data/site.json", lambda d: d.update(methodology={"weights": {"indicators": 0, "measures": 0}}))
        self.errors(r"оба веса равны 0.*\(at /methodology/weights\)")

    def test_every_documented_methodology_field_is_checked(self):
        """docs/site.md gives a range for each numeric setting; one past it is an error."""
        cases = {("status", "achieved_min"): 2.5, ("status", "on_track_min"): -0.1, ("status", "at_risk_min"): 2.1,
                 ("rating", "high"): 2.01, ("rating", "medium"): -1, ("rating", "satisfactory"): -0.01,
                 ("cap",): 0, ("weights", "indicators"): -1, ("weights", "measures"): -1}
        for path, value in cases.items():
            with self.subTest(path=path):
                m = {path[0]: value} if len(path) == 1 else {path[0]: {path[1]: value}}
                self.edit("data/site.json", lambda d: d.update(methodology=m))
                self.errors(r"\(at /methodology/" + "/".join(path) + r"\)")

    def test_restates_cycle(self):
        self.good_build()

        def cycle(doc):
            doc["indicators"][0]["restates"] = doc["indicators"][1]["id"]
            doc["indicators"][1]["restates"] = doc["indicators"][0]["id"]
        self.edit("data/programmes/alpha/indicators.json", cycle)
        self.errors(r"indicators\.json:\d+:\d+: error: цикл в ссылках restates: i1 → i2 → i1.*\(at /indicators/0/restates\)")
        self.build_keeps_last_site()

    def test_self_restating_indicator(self):
        self.edit("data/programmes/alpha/indicators.json",
                  lambda d: d["indicators"][1].update(restates=d["indicators"][1]["id"]))
        self.errors(r"цикл в ссылках restates: i2 → i2")

    def test_ids_equal_except_for_case(self):
        self.good_build()
        self.edit("data/programmes/alpha/indicators.json",
                  lambda d: d["indicators"][1].update(id=d["indicators"][0]["id"].upper()))
        self.errors(r"indicators\.json:\d+:\d+: error: идентификатор «I1» отличается от «i1» \(строка \d+\) только "
                    r"регистром.*\(at /indicators/1/id\)")
        self.build_keeps_last_site()

    def test_programme_folders_equal_except_for_case(self):
        src = self.prog
        dst = self.case.site / "data/programmes/ALPHA"
        import shutil
        shutil.copytree(src, dst)
        self.edit("data/programmes/ALPHA/programme.json", lambda d: d.update(id="ALPHA"))
        for f in ("indicators.json", "measures.json", "organisations.json"):
            self.edit(f"data/programmes/ALPHA/{f}", lambda d: d.update(programme="ALPHA"))
        self.errors(r"data/programmes/(ALPHA|alpha)/programme\.json:\d+:\d+: error: идентификатор «(ALPHA|alpha)» "
                    r"отличается от «(alpha|ALPHA)»")

    def test_page_slugs_equal_except_for_case(self):
        page = self.case.site / "content/alpha/01-about.md"
        (self.case.site / "content/alpha/01-ABOUT.md").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
        self.errors(r"content/alpha/01-(about|ABOUT)\.md: error: адрес страницы «01-(about|ABOUT)» уже занят")


if __name__ == "__main__":
    unittest.main()
