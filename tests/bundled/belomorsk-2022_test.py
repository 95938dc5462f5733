"""Bundled-data tests for programme «belomorsk-2022».

Source: ../shared/seeds/002_4d2599cfeafe45c0.txt (Belomorsk, section «2.2.» + ПРИЛОЖЕНИЕ 1 and 2).
Line numbers in the comments are 1-based lines of that file.
"""
import json
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PID = "belomorsk-2022"
DATA = ROOT / "data" / "programmes" / PID
CONTENT = ROOT / "content" / PID


def load(name):
    with open(DATA / name, encoding="utf-8") as f:
        return json.load(f)


class BelomorskCounts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = load("programme.json")
        cls.ind = load("indicators.json")
        cls.mea = load("measures.json")
        cls.org = load("organisations.json")

    def test_ids(self):
        self.assertEqual(self.p["id"], PID)
        self.assertEqual(self.ind["programme"], PID)
        self.assertEqual(self.mea["programme"], PID)
        self.assertEqual(self.org["programme"], PID)

    def test_directions(self):
        # l.131 / l.384: the single spanning row «Система обеспечения профессионального развития
        # педагогических работников Беломорского муниципального района» heads both appendices.
        self.assertEqual(len(self.p["directions"]), 1)

    def test_goals(self):
        # l.17–19 «3. Цель» (repeated at l.88, l.133, l.386): one goal, two wordings.
        self.assertEqual(len(self.p["goals"]), 1)

    def test_tasks(self):
        # l.21–34 «4. Задачи»: 7 dash items; also l.91–101 and «Задача 1 - …» … «Задача 7 - …» (l.135 … l.320).
        self.assertEqual(len(self.p["tasks"]), 7)

    def test_indicator_groups(self):
        # l.384–386: Приложение 2 has only the system row and the goal row above its 3 rows: no groups.
        self.assertEqual(len(self.p.get("indicator_groups", [])), 0)

    def test_measure_sections(self):
        # «Задача 1 - …» (l.135), «Задача 2 - …» (l.161–162), … «Задача 7 - …» (l.320).
        self.assertEqual(len(self.p["measure_sections"]), 7)

    def test_indicators(self):
        # l.36–46 «5. Показатели»: 5 dash items («- Доля…», «- доля…», «- количество молодых педагогов…»,
        # «- количество организованных…», «- кадровые потребности…»); Приложение 2 rows «1.» (l.388),
        # «2.» (l.401), «3.» (l.414) restate passport items 1, 2 and 4.
        inds = self.ind["indicators"]
        self.assertEqual(len(inds), 5)
        with_targets = [i for i in inds if i.get("targets")]
        self.assertEqual(len(with_targets), 3)
        self.assertEqual([i["number"] for i in with_targets], ["1.", "2.", "3."])
        self.assertEqual(sorted(i["id"] for i in inds if i.get("synthetic_number")), ["p3", "p5"])

    def test_targets(self):
        # l.357–365 year columns «2022» … «2030»; l.390–398, l.403–411, l.416–424: 3 rows × 9 values = 27.
        n = sum(len(i.get("targets", [])) for i in self.ind["indicators"])
        self.assertEqual(n, 27)
        for i in self.ind["indicators"]:
            if i.get("targets"):
                self.assertEqual([t["year"] for t in i["targets"]], list(range(2022, 2031)))

    def test_printed_ratios(self):
        # l.399 «1,19», l.412 «1,08 », l.425 «1,34»: the ratio column (13) of the 3 data rows.
        ratios = [i["printed_ratio"] for i in self.ind["indicators"] if "printed_ratio" in i]
        self.assertEqual(len(ratios), 3)

    def test_measures(self):
        # Приложение 1: main measures «1.» (l.137) … «6.» (l.295) and «7 » (l.322) = 7;
        # sub-measures 1.1–1.2, 2.1–2.3, 3.1–3.3, 4.1–4.3, 5.1–5.2, 6.1–6.2, 7.1–7.2 (l.145 … l.338) = 17.
        ms = self.mea["measures"]
        top = [m for m in ms if "parent" not in m]
        sub = [m for m in ms if "parent" in m]
        self.assertEqual(len(top), 7)
        self.assertEqual(len(sub), 17)
        self.assertEqual(len(ms), 24)
        ids = [m["id"] for m in ms]
        self.assertEqual(len(ids), len(set(ids)))
        # l.244 and l.252: 4.1 and 4.2 share one name -> 23 distinct names for 24 rows.
        self.assertEqual(len({m["name"] for m in ms}), 23)

    def test_organisations(self):
        # l.10 «Отдел образования администрации …»; l.14 «Муниципальное образовательное учреждение
        # дополнительного профессионального образования … «Беломорский информационно-методический центр образования»».
        self.assertEqual(len(self.org["organisations"]), 2)

    def test_statistics(self):
        # No figure with a date of state anywhere in l.1–428 (only plan values, terms and citation data).
        self.assertEqual(len(self.p.get("statistics", [])), 0)

    def test_references(self):
        # l.428 Порядок … «от 09 декабря 2020 года №1356»; l.78/428 the municipal programme;
        # l.76 and l.78 the two reports of row 12; l.56 «Приказы … о проведении мониторингов».
        self.assertEqual(len(self.p["references"]), 5)

    def test_cycle(self):
        # Passport rows 3–12 (l.17–78): the nine management-cycle components, in order; rows «3.» «Цель» and
        # «4.» «Задачи» are both goal setting.
        kinds = [c["kind"] for c in self.p["cycle"]]
        self.assertEqual(kinds, ["goal_setting", "goal_setting", "indicators", "collection_methods", "monitoring",
                                 "analysis", "recommendations", "measures", "decisions", "effectiveness_review"])
        self.assertEqual([c["heading"] for c in self.p["cycle"][:2]], ["Цель", "Задачи"])

    def test_passport_row_numbers(self):
        # The passport table's rows «1.»–«13.» (l.8–84): 1 executor, 2 participants, 3–12 the cycle, 13 results.
        self.assertEqual([c["number"] for c in self.p["cycle"]], [f"{n}." for n in range(3, 13)])
        self.assertEqual(self.p["printed_numbers"], {"executor": "1.", "participants": "2.", "expected_results": "13."})
        self.assertEqual(self.p["cycle_table"]["headers"], {"number": "№ п/п"})

    def test_participants_and_results(self):
        # l.14–15 two participants; l.82, l.84 two expected results.
        self.assertEqual(len(self.p["participants"]), 2)
        self.assertEqual(len(self.p["expected_results"]), 2)

    def test_content_pages(self):
        # l.87–101 (running text) and l.428 (closing paragraph).
        pages = sorted(x.name for x in CONTENT.glob("*.md"))
        self.assertEqual(pages, ["01-cel-i-zadachi.md", "02-svyaz-s-municipalnoy-programmoy.md"])


class BelomorskSpotChecks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = load("programme.json")
        cls.ind = {i["id"]: i for i in load("indicators.json")["indicators"]}
        cls.mea = {m["id"]: m for m in load("measures.json")["measures"]}

    def test_targets_mapped_from_the_right(self):
        # l.390–398: «55 55 56 57 59 61 63 65 65»; l.399 «1,19» is the ratio, NOT the 2030 value.
        t = {x["year"]: x["value"] for x in self.ind["1"]["targets"]}
        self.assertEqual(t[2022], 55)
        self.assertEqual(t[2030], 65)
        self.assertEqual(self.ind["1"]["printed_ratio"], {"value": 1.19, "printed": "1,19"})
        # l.424 «80 » (trailing space) = 2030 of indicator 3; l.425 «1,34».
        t3 = {x["year"]: x["value"] for x in self.ind["3"]["targets"]}
        self.assertEqual(t3[2030], 80)
        self.assertEqual(self.ind["3"]["printed_ratio"]["printed"], "1,34")
        # l.408 «90» = 2027 of indicator 2; l.412 «1,08 » trimmed.
        t2 = {x["year"]: x["value"] for x in self.ind["2"]["targets"]}
        self.assertEqual(t2[2027], 90)
        self.assertEqual(self.ind["2"]["printed_ratio"], {"value": 1.08, "printed": "1,08"})
        # No unit cell printed in Приложение 2 (l.351 header only): units are inferred.
        for k in ("1", "2", "3"):
            self.assertIn("unit", self.ind[k]["inferred"])

    def test_measure_period(self):
        # l.140 «2022 », l.141 «2030 »: start and end in two columns.
        per = self.mea["m1"]["period"]
        self.assertEqual((per["start"], per["end"]), ("2022", "2030"))
        # l.147–151: sub-measure 1.1 has empty cells -> nothing filled, flagged as inherited.
        self.assertNotIn("period", self.mea["m1.1"])
        self.assertIn("period", self.mea["m1.1"]["inherited"])

    def test_inferred_flags(self):
        # l.210 «… Беломорского муниципального района Республики Карелия»: the region is printed once,
        # in the genitive; the nominative «Республика Карелия» is the encoder's.
        self.assertEqual(self.p["region"], "Республика Карелия")
        self.assertIn("region", self.p["inferred"])
        # l.1 «2.2. Система обеспечения …»: «2.2.» is a section number; the document names no kind.
        self.assertNotIn("kind_printed", self.p)
        self.assertEqual(self.p["kind"], "system_section")
        # l.139, 166, 202, 237, 271, 297, 324: «МОУ «Беломорский ИМЦО»», never expanded; the link to the
        # organisation named in full at l.14 is the encoder's.
        for k in range(1, 8):
            m = self.mea[f"m{k}"]
            self.assertEqual(m["organisations"], ["imco"])
            self.assertIn("organisations", m["inferred"], m["id"])
        org = {o["id"]: o for o in load("organisations.json")["organisations"]}
        self.assertIn("short_name", org["imco"]["inferred"])
        self.assertIn("subdivisions", org["imco"]["inferred"])  # l.64 «Большого методического совета»

    def test_responsible(self):
        # l.324 «МОУ «Беломорский ИМЦО»» for main measure 7.
        self.assertEqual(self.mea["m7"]["responsible"], ["МОУ «Беломорский ИМЦО»"])
        # l.10 passport executor is the Отдел образования.
        self.assertEqual(self.p["executor"],
                         "Отдел образования администрации муниципального образования «Беломорский муниципальный район»")

    def test_numbers_as_text(self):
        # l.322 «7 » (no dot, trailing space) and l.338 «7.2. »; l.259 «4.3.».
        self.assertEqual(self.mea["m7"]["number"], "7")
        self.assertEqual(self.mea["m7.2"]["number"], "7.2.")
        self.assertEqual(self.mea["m4.3"]["number"], "4.3.")
        self.assertEqual(self.mea["m4.3"]["parent"], "m4")

    def test_typo_kept(self):
        # l.260 «направленных насоздание условий» (missing space) kept as printed.
        self.assertIn("насоздание", self.mea["m4.3"]["name"])

    def test_order_reference(self):
        # l.428 «… от 09 декабря 2020 года №1356».
        r1 = next(r for r in self.p["references"] if r["id"] == "r1")
        self.assertEqual(r1["date"], "2020-12-09")
        self.assertEqual(r1["number"], "1356")

    def test_parent_programme(self):
        # l.428 «подпрограмма 4»; l.78 «… на 2022-2030 годы».
        pp = self.p["parent_programme"]
        self.assertEqual(pp["subprogramme_number"], "4")
        self.assertEqual((pp["period"]["start"], pp["period"]["end"]), (2022, 2030))

    def test_task_2_joined(self):
        # l.161–162: «Задача 2 - … педагогических работников» + «Беломорского муниципального района».
        s2 = next(s for s in self.p["measure_sections"] if s["id"] == "s2")
        self.assertTrue(s2["title"].endswith("педагогических работников Беломорского муниципального района"))

    def test_consequences_measure_2(self):
        # l.170 «Некачественное предоставление образовательных услуг, » + l.172 «низкий уровень …».
        self.assertTrue(self.mea["m2"]["consequences"].startswith(
            "Некачественное предоставление образовательных услуг, низкий уровень"))

class BelomorskMeasureTable(unittest.TestCase):
    def test_columns_as_printed(self):
        # ПРИЛОЖЕНИЕ 1 (l.103–129): 7 columns, «Срок (годы)» over «начала / окончания реализации», numbers 1 … 7.
        t = load("programme.json")["measure_table"]
        self.assertEqual((t["label"], t["title"]), ("ПРИЛОЖЕНИЕ 1", "Информация об основных мероприятиях (мероприятиях)"))
        self.assertTrue(t["column_numbers"])
        self.assertEqual([c["field"] for c in t["columns"]],
                         ["number", "name", "responsible", "period_start", "period_end", "expected_result", "consequences"])
        self.assertEqual([c.get("group") for c in t["columns"]], [None, None, None, "Срок (годы)", "Срок (годы)", None, None])
        self.assertEqual(t["columns"][1]["header"], "Номер и наименование основного мероприятия и мероприятия")
        self.assertEqual(t["columns"][6]["header"], "Последствия нереализации основного мероприятия")



if __name__ == "__main__":
    unittest.main()
