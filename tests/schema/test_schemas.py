"""Tests for the Vitrina JSON Schemas (docs/schema/) and tests/schema/validate_schemas.py.

Run from the repository root:
    /usr/bin/python3 -m unittest tests/schema/test_schemas.py
Needs only the standard library and Debian's python3-jsonschema (4.10, draft 2020-12).
"""
import contextlib
import copy
import io
import json
import os
import re
import sys
import tempfile
import unittest

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import validate_schemas as vs  # noqa: E402

SCHEMAS = vs.load_schemas()
V = {name: jsonschema.Draft202012Validator(s) for name, s in SCHEMAS.items()}

# Copies of the complete examples in docs/<name>.md (JSON text).
DOC_EXAMPLE_TEXT = {
    'site': r'''
{
  "$schema": "../../../docs/schema/site.schema.json",
  "title": "Профессиональное развитие педагогов",
  "owner": "Комитет по образованию администрации Зиминского городского муниципального образования",
  "locale": "ru",
  "base_url": "/vitrina/",
  "report_year": 2022,
  "build_date": "2022-12-30",
  "theme": "default",
  "allow_raw_html": false,
  "demo": true,
  "programmes": ["zima-2022", "kaltan-2019"],
  "methodology": {
    "status": { "achieved_min": 1.0, "on_track_min": 0.95, "at_risk_min": 0.6 },
    "rating": { "high": 0.9, "medium": 0.8, "satisfactory": 0.7 },
    "cap": 1,
    "weights": { "indicators": 0.5, "measures": 0.5 },
    "done_rule": "done",
    "trend": false
  }
}
''',
    'programme': r'''
{
  "$schema": "../../../../../docs/schema/programme.schema.json",
  "id": "kaltan-2019",
  "title": "Программа профессионального развития педагогических работников Калтанского городского округа на 2019-2023 годы",
  "short_title": "Программа",
  "kind": "programme",
  "municipality": "Калтанского городского округа",
  "region": "Кемеровская область – Кузбасс",
  "issuer": { "name": "МКУ УО", "notes": ["аббревиатура в документе не раскрыта"] },
  "approval": {
    "id": "order-309",
    "kind": "order",
    "body": "МКУ УО",
    "date": "2019-04-30",
    "number": "309",
    "printed": "от 30.04.2019 № 309",
    "role": "approving",
    "lines": [3, 3]
  },
  "amendments": [
    { "kind": "order", "date": "2020-12-30", "number": "949", "printed": "(в ред. от 30.12.2020 № 949)", "role": "amending" }
  ],
  "signatory": { "position": "Начальник МКУ УО", "name": "Н. В. Плюснина" },
  "period": { "start": 2019, "end": 2023, "printed": "на 2019-2023 годы" },
  "funding": { "text": "Программа финансируется в рамках реализации муниципальной программы …", "lines": [343, 343] },
  "directions": [
    { "id": "d6", "number": "6.", "title": "Направление 6.", "text": "Выявление кадровых потребностей в образовательных организациях.", "lines": [169, 170] }
  ],
  "goals": [
    { "id": "g6", "text": "Обеспечение образовательных организаций педагогическими кадрами", "direction": "d6", "inferred": ["direction"], "notes": ["связь по порядку изложения"] }
  ],
  "tasks": [
    { "id": "t6.1", "number": "1)", "text": "выявление вакансий", "goal": "g6" }
  ],
  "indicator_groups": [
    { "id": "ig5", "number": "5", "title": "Кадровое обеспечение", "goal_text": "Решение кадрового дефицита" }
  ],
  "measure_sections": [
    { "id": "s1", "title": "Аттестация педагогических работников", "synthetic_number": true, "lines": [269, 269] }
  ],
  "cycle": [
    {
      "kind": "goal_setting",
      "heading": "2. Цели и задачи",
      "blocks": [ { "type": "paragraph", "text": "Цели программы:" }, { "type": "item", "text": "Обеспечение образовательных организаций педагогическими кадрами" } ],
      "links": { "text": "раздел 2" }
    },
    {
      "kind": "monitoring",
      "blocks": [ { "type": "paragraph", "text": "Мониторинг проводится в соответствии с Положением." } ],
      "documents": ["order-22"]
    }
  ],
  "statistics": [
    {
      "id": "st1",
      "value": 253,
      "unit": "чел.",
      "as_of": "2020-09-01",
      "scope": "педагогические работники округа",
      "quote": "По состоянию на 01.09.2020 … работают 253 педагогических работника",
      "lines": [32, 32]
    }
  ],
  "references": [
    { "id": "order-22", "kind": "order", "date": "2018-01-19", "number": "22", "printed": "приказ № 22 от 19.01.2018", "role": "monitoring", "cycle": ["monitoring"] }
  ],
  "glossary": [ { "abbr": "МКУ УО", "expansion": "муниципальное казённое учреждение «Управление образования»", "source": "encoder" } ],
  "source": { "file": "000_650a0f9ce8584e63.txt" },
  "notes": ["меры 31–33 в документе отсутствуют"]
}
''',
    'indicators': r'''
{
  "$schema": "../../../../../docs/schema/indicators.schema.json",
  "programme": "belomorsk-2022",
  "indicators": [
    {
      "id": "1",
      "number": "1.",
      "name": "Доля педагогических работников, прошедших повышение квалификации",
      "kind": "share",
      "unit": "%",
      "better": "higher",
      "inferred": ["unit", "better"],
      "notes": ["столбец «Единица измерения» пуст; единица выведена из слова «Доля»"],
      "targets": [
        { "year": 2022, "value": 55 },
        { "year": 2023, "value": 55 },
        { "year": 2030, "value": 65 }
      ],
      "printed_ratio": { "value": 1.19, "printed": "1,19" },
      "facts": [
        { "year": 2022, "value": 57.1, "numerator": 40, "denominator": 70, "source": "отчёт ИМЦО" }
      ],
      "lines": [371, 371]
    },
    {
      "id": "g1.1",
      "synthetic_number": true,
      "group": "ig1",
      "name": "Доля педагогов, прошедших курсы повышения квалификации",
      "kind": "share",
      "unit": "%",
      "better": "higher",
      "targets": [ { "op": ">=", "value": 5, "every_year": true, "printed": "ежегодно не менее 5 %" } ]
    },
    {
      "id": "k4",
      "number": "4.",
      "name": "Доля педагогов с уровнем предметной и методической компетентности",
      "key": { "number": "4.", "printed": "… предметной компетентности не менее 65%, методической компетентности не менее 60%" },
      "restates": "g1.3",
      "targets": [
        { "part": "a", "part_label": "предметная компетентность", "op": ">=", "value": 65 },
        { "part": "b", "part_label": "методическая компетентность", "op": ">=", "value": 60 }
      ]
    },
    {
      "id": "7",
      "number": "7.",
      "name": "Доля педагогов, прошедших обучение по программам ДПО",
      "unit": "%",
      "targets": [
        {
          "year": 2022,
          "value": 12,
          "printed": "12%, из них: - 8% на базе Академии Минпросвещения России; - 4% в ГАУ ДПО ИРО, в т.ч. ЦНППМ",
          "breakdown": [ { "label": "на базе Академии Минпросвещения России", "value": 8 }, { "label": "в ГАУ ДПО ИРО, в т.ч. ЦНППМ", "value": 4 } ]
        }
      ]
    },
    {
      "id": "z1",
      "number": "1.",
      "name": "Доля педагогов, охваченных диагностикой профессиональных дефицитов",
      "targets": [ { "year": 2022, "printed": "…муниципального", "notes": ["значение в документе обрезано"] } ]
    }
  ]
}
''',
    'measures': r'''
{
  "$schema": "../../../../../docs/schema/measures.schema.json",
  "programme": "zima-2022",
  "measures": [
    {
      "id": "m7",
      "number": "7.",
      "name": "Методическое сопровождение педагогов",
      "synthetic_number": false,
      "direction": "d7"
    },
    {
      "id": "m7.10",
      "number": "7.10.",
      "parent": "m7",
      "direction": "d7",
      "indicators": ["3"],
      "name": "Заседания городских методических объединений",
      "period": "15.03.2022 14.06.2022 11.10.2022 13.12.2022",
      "responsible": ["Ланкина Н.Н.", "руководители ГМО"],
      "responsible_printed": "Ланкина Н.Н., руководители ГМО",
      "organisations": ["sosh-1"],
      "expected_result": "Не менее 50 учителей начальных классов повысят уровень методических компетенций",
      "quantities": [ { "value": 50, "op": ">=", "unit": "чел.", "subject": "учителя начальных классов" } ],
      "events": [
        { "date": "2022-03-15", "title": "Заседание ГМО", "venue": "МБОУ «СОШ № 1»", "responsible": "Бровкина Н.А." },
        { "date": "2022-06-14" }
      ],
      "status": [ { "year": 2022, "status": "done", "result": "Проведено 4 заседания", "date": "2022-12-13" } ],
      "lines": [230, 236]
    },
    {
      "id": "b1.1",
      "number": "1.1.",
      "parent": "b1",
      "name": "Проведение мониторинга профессиональных дефицитов",
      "period": { "printed": "2022-2030", "start": "2022", "end": "2030", "inherited": true },
      "responsible": ["МОУ «Беломорский ИМЦО»"],
      "inherited": ["period", "responsible"],
      "notes": ["ячейки подмероприятия пусты; значения взяты у мероприятия 1."]
    }
  ]
}
''',
    'organisations': r'''
{
  "$schema": "../../../../../docs/schema/organisations.schema.json",
  "programme": "zima-2022",
  "organisations": [
    {
      "id": "sosh-1",
      "name": "МБОУ «СОШ № 1»",
      "type": "general_school",
      "roles": ["venue"],
      "lines": [221, 221]
    },
    {
      "id": "ds-56",
      "name": "МБДОУ «Детский сад № 56»",
      "aliases": ["МКДОУ «Детский сад № 56»"],
      "type": "preschool",
      "subdivisions": ["структурное подразделение"],
      "notes": ["форма «МКДОУ» встречается один раз"]
    },
    {
      "id": "komitet",
      "name": "Комитет по образованию администрации Зиминского городского муниципального образования",
      "short_name": "Комитет по образованию",
      "type": "authority",
      "roles": ["issuer", "responsible"]
    }
  ]
}
''',
}
DOC_EXAMPLES = {k: json.loads(v) for k, v in DOC_EXAMPLE_TEXT.items()}

MINIMAL = {
    "site": {"title": "Витрина", "owner": "Управление образования", "report_year": 2022},
    "programme": {"id": "zima-2022", "title": "План работы по повышению профессионального мастерства"},
    "indicators": {"indicators": [{"id": "1", "name": "Доля педагогов"}]},
    "measures": {"measures": [{"id": "m1", "name": "Совещание"}]},
    "organisations": {"organisations": [{"id": "sosh-1", "name": "МБОУ «СОШ № 1»"}]},
}

# (schema, path to the object in the minimal document that has an id / required field)
def _item(name, doc):
    """The object holding id/name in a minimal document (the first list entry, or the document)."""
    if name in ("indicators", "measures", "organisations"):
        return doc[name][0]
    return doc


def errors(name, doc):
    return list(V[name].iter_errors(doc))


def walk_schema(node, path="#"):
    """Yield (path, subschema) for every subschema dict of a schema."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            if k in ("properties", "$defs"):
                for pk, pv in v.items():
                    yield from walk_schema(pv, f"{path}/{k}/{pk}")
            elif isinstance(v, (dict, list)):
                yield from walk_schema(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_schema(v, f"{path}/{i}")


class SchemaSelfTests(unittest.TestCase):
    def test_schemas_are_valid_2020_12(self):
        self.assertEqual(vs.check_schemas(), [])
        for name, s in SCHEMAS.items():
            with self.subTest(schema=name):
                self.assertEqual(s["$schema"], "https://json-schema.org/draft/2020-12/schema")
                self.assertEqual(s["$id"], f"https://vitrina.example/schema/{name}.schema.json")
                self.assertTrue(s.get("title"))
                self.assertTrue(s.get("description"))
                self.assertIn("$schema", s["properties"])

    def test_every_property_has_a_description(self):
        for name, s in SCHEMAS.items():
            for path, node in walk_schema(s):
                for pk, pv in node.get("properties", {}).items() if isinstance(node.get("properties"), dict) else []:
                    with self.subTest(schema=name, prop=f"{path}/properties/{pk}"):
                        self.assertTrue(pv.get("description"), "missing description")
                        self.assertIn(" / ", pv["description"], "description should be 'Russian / English'")

    def test_every_object_is_closed(self):
        for name, s in SCHEMAS.items():
            for path, node in walk_schema(s):
                if node.get("type") == "object":
                    with self.subTest(schema=name, path=path):
                        self.assertIs(node.get("additionalProperties"), False)

    def test_shared_defs_identical_across_files(self):
        for key in ("id", "isoDate", "notes", "inferred", "lines", "year", "op"):
            seen = [s["$defs"][key] for s in SCHEMAS.values() if key in s["$defs"]]
            with self.subTest(defn=key):
                self.assertTrue(seen)
                for other in seen[1:]:
                    self.assertEqual(seen[0], other)

    def test_enums_match_data_format(self):
        prog = SCHEMAS["programme"]
        self.assertEqual(prog["properties"]["kind"]["enum"],
                         ["programme", "plan", "model_section", "system_section", "subprogramme"])
        self.assertEqual(prog["$defs"]["cycleKind"]["enum"],
                         ["goal_setting", "indicators", "collection_methods", "monitoring", "analysis",
                          "recommendations", "measures", "decisions", "effectiveness_review"])
        self.assertEqual(prog["$defs"]["reference"]["properties"]["role"]["enum"],
                         ["basis", "approving", "amending", "monitoring", "evidence", "cited"])
        ind = SCHEMAS["indicators"]["properties"]["indicators"]["items"]["properties"]
        self.assertEqual(ind["kind"]["enum"], ["share", "count", "yes_no", "ratio", "text", "degree", "index"])
        self.assertEqual(ind["better"]["enum"], ["higher", "lower", "yes", "no"])
        st = SCHEMAS["measures"]["$defs"]["status"]["properties"]["status"]["enum"]
        self.assertEqual(st, ["planned", "in_progress", "done", "not_done", "cancelled"])


class MinimalAndInvalidDocuments(unittest.TestCase):
    def test_minimal_documents_pass(self):
        for name, doc in MINIMAL.items():
            with self.subTest(schema=name):
                self.assertEqual(errors(name, doc), [])

    def test_schema_key_allowed_at_top_level(self):
        for name, doc in MINIMAL.items():
            d = dict(doc, **{"$schema": f"../docs/schema/{name}.schema.json"})
            with self.subTest(schema=name):
                self.assertEqual(errors(name, d), [])

    def test_unknown_field_fails(self):
        for name, doc in MINIMAL.items():
            with self.subTest(schema=name, where="top"):
                self.assertTrue(errors(name, dict(doc, colour="red")))
            d = copy.deepcopy(doc)
            _item(name, d)["colour"] = "red"
            with self.subTest(schema=name, where="item"):
                self.assertTrue(errors(name, d))

    def test_wrong_type_fails(self):
        cases = {
            "site": ("report_year", "2022"),
            "programme": ("title", 7),
            "indicators": ("name", ["Доля"]),
            "measures": ("name", None),
            "organisations": ("aliases", "МБОУ СОШ 1"),
        }
        for name, (field, value) in cases.items():
            d = copy.deepcopy(MINIMAL[name])
            _item(name, d)[field] = value
            with self.subTest(schema=name, field=field):
                errs = errors(name, d)
                self.assertTrue(errs)
                self.assertTrue(any(e.validator == "type" for e in errs))

    def test_bad_id_fails(self):
        for name, doc in MINIMAL.items():
            if name == "site":
                bad = dict(doc, programmes=["zima 2022"])
                with self.subTest(schema=name):
                    self.assertTrue(errors(name, bad))
                continue
            for bad_id in ("-m1", "m 1", "м1", "", "a/b"):
                d = copy.deepcopy(doc)
                _item(name, d)["id"] = bad_id
                with self.subTest(schema=name, id=bad_id):
                    self.assertTrue(errors(name, d))

    def test_missing_required_fails(self):
        required = {
            "site": ["title", "owner", "report_year"],
            "programme": ["id", "title"],
            "indicators": ["id", "name"],
            "measures": ["id", "name"],
            "organisations": ["id", "name"],
        }
        for name, fields in required.items():
            for field in fields:
                d = copy.deepcopy(MINIMAL[name])
                del _item(name, d)[field]
                with self.subTest(schema=name, field=field):
                    self.assertTrue(any(e.validator == "required" for e in errors(name, d)))
        for name in ("indicators", "measures", "organisations"):
            with self.subTest(schema=name, field=name):
                self.assertTrue(errors(name, {"programme": "zima-2022"}))
            with self.subTest(schema=name, field="programme optional"):
                self.assertEqual(errors(name, {name: []}), [])


class FieldRules(unittest.TestCase):
    def ind(self, **fields):
        return {"indicators": [dict({"id": "1", "name": "Доля"}, **fields)]}

    def mea(self, **fields):
        return {"measures": [dict({"id": "m1", "name": "Совещание"}, **fields)]}

    def test_dates(self):
        for good in ("2022", "2022-03", "2022-03-29"):
            self.assertEqual(errors("site", dict(MINIMAL["site"], build_date=good)), [], good)
        for bad in ("22", "29.03.2022", "2022-3", "2022-03-29T00:00"):
            self.assertTrue(errors("site", dict(MINIMAL["site"], build_date=bad)), bad)

    def test_lines(self):
        self.assertEqual(errors("indicators", self.ind(lines=[3, 3])), [])
        for bad in ([3], [3, 4, 5], [0, 1], ["3", "4"], [1.5, 2]):
            self.assertTrue(errors("indicators", self.ind(lines=bad)), bad)

    def test_notes_and_inferred(self):
        self.assertEqual(errors("indicators", self.ind(notes=["опечатка"], inferred=["unit"])), [])
        self.assertTrue(errors("indicators", self.ind(notes="опечатка")))
        self.assertTrue(errors("indicators", self.ind(inferred=True)))

    def test_targets(self):
        ok = [{"year": 2022, "value": 55}, {"op": ">=", "value": 5, "every_year": True},
              {"printed": "…муниципального"},
              {"part": "a", "part_label": "предметная", "op": ">=", "value": 65},
              {"value": 12, "breakdown": [{"label": "Академия", "value": 8}, {"label": "ИРО", "value": 4}]}]
        self.assertEqual(errors("indicators", self.ind(targets=ok)), [])
        for bad in ({"year": 2022}, {"value": 5, "op": ">"}, {"value": 5, "every_year": False},
                    {"value": "55"}, {"value": 5, "year": "2022"}, {"value": 12, "breakdown": [{"label": "x"}]}):
            self.assertTrue(errors("indicators", self.ind(targets=[bad])), bad)

    def test_facts(self):
        ok = [{"year": 2022, "value": 1}, {"year": 2023, "numerator": 3, "denominator": 5, "note": "x",
                                           "by_organisation": [{"organisation": "sosh-1", "value": 60}]}]
        self.assertEqual(errors("indicators", self.ind(facts=ok)), [])
        self.assertTrue(errors("indicators", self.ind(facts=[{"value": 1}])))
        self.assertTrue(errors("indicators", self.ind(facts=[{"year": 2022, "by_organisation": [{"value": 1}]}])))

    def test_measure_period_forms(self):
        for good in ("2019-2023 гг.", {"printed": "2022 – 2030", "start": "2022", "end": "2030"},
                     {"printed": "В течение года", "inherited": True, "notes": ["x"]}):
            self.assertEqual(errors("measures", self.mea(period=good)), [], good)
        for bad in ("", 2022, {"start": "2022"}, {"printed": "x", "start": "01.01.2022"},
                    {"printed": "x", "recurrence": "yearly"}):
            self.assertTrue(errors("measures", self.mea(period=bad)), bad)

    def test_measure_status(self):
        self.assertEqual(errors("measures", self.mea(status=[{"year": 2022, "status": "done", "date": "2022-12"}])), [])
        self.assertTrue(errors("measures", self.mea(status=[{"year": 2022, "status": "finished"}])))
        self.assertTrue(errors("measures", self.mea(status=[{"status": "done"}])))

    def test_methodology(self):
        m = {"status": {"achieved_min": 1, "on_track_min": 0.95, "at_risk_min": 0.6},
             "rating": {"high": 0.9, "medium": 0.8, "satisfactory": 0.7},
             "cap": 1, "weights": {"indicators": 0.5, "measures": 0.5}, "done_rule": "done_in_time", "trend": True}
        self.assertEqual(errors("site", dict(MINIMAL["site"], methodology=m)), [])
        for bad in ({"done_rule": "finished"}, {"status": {"achieved_min": 3}}, {"cap": 0},
                    {"weights": {"money": 1}}, {"trend": "yes"}, {"rating": {"low": 0.5}}):
            self.assertTrue(errors("site", dict(MINIMAL["site"], methodology=bad)), bad)

    def test_site_enums(self):
        self.assertTrue(errors("site", dict(MINIMAL["site"], locale="de")))
        self.assertTrue(errors("site", dict(MINIMAL["site"], report_year=2022.5)))

    def test_programme_nested(self):
        p = dict(MINIMAL["programme"])
        self.assertEqual(errors("programme", dict(p, period={"start": 2019, "end": 2023, "printed": "2019-2023"})), [])
        self.assertTrue(errors("programme", dict(p, period={"start": 2019})))
        self.assertTrue(errors("programme", dict(p, period={"start": "2019", "end": "2023"})))  # years are integers
        # `inferred` is an array of field names everywhere (docs/data-format.md), never a boolean
        self.assertEqual(errors("programme", dict(p, issuer={"name": "УО", "inferred": ["name"]})), [])
        # issuer.inferred is a flag or a list of field names; anything else is wrong.
        self.assertFalse(errors("programme", dict(p, issuer={"name": "УО", "inferred": True})))
        self.assertTrue(errors("programme", dict(p, issuer={"name": "УО", "inferred": "yes"})))
        self.assertEqual(errors("programme", dict(p, parent_programme={
            "title": "Развитие образования", "subprogramme_number": "4",
            "period": {"start": 2022, "end": 2030, "printed": "на 2022-2030 годы"}})), [])
        self.assertTrue(errors("programme", dict(p, parent_programme={"title": "x", "subprogramme_number": 4})))
        self.assertTrue(errors("programme", dict(p, kind="strategy")))
        self.assertTrue(errors("programme", dict(p, approval={"date": "2019-04-30"})))  # printed required
        self.assertTrue(errors("programme", dict(p, cycle=[{"kind": "planning", "blocks": []}])))
        self.assertTrue(errors("programme", dict(p, glossary=[{"abbr": "УО", "expansion": "x", "source": "guess"}])))
        self.assertTrue(errors("programme", dict(p, statistics=[{"id": "s1", "value": "253", "quote": "q"}])))

    def test_organisation_enums(self):
        o = {"organisations": [{"id": "x", "name": "X", "type": "school"}]}
        self.assertTrue(errors("organisations", o))
        o = {"organisations": [{"id": "x", "name": "X", "roles": ["sponsor"]}]}
        self.assertTrue(errors("organisations", o))


class DocumentationExamples(unittest.TestCase):
    def test_embedded_examples_valid(self):
        for name, doc in DOC_EXAMPLES.items():
            with self.subTest(example=name):
                self.assertEqual([e.message for e in errors(name, doc)], [])

    def test_examples_in_docs_pages_valid(self):
        for name in SCHEMAS:
            path = os.path.join(ROOT, "docs", name + ".md")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            m = re.search(r"<!-- example: " + name + r" -->\n```json\n(.*?)\n```", text, re.S)
            with self.subTest(page=path):
                self.assertIsNotNone(m, "no '<!-- example: NAME -->' json block")
                self.assertEqual([e.message for e in errors(name, json.loads(m.group(1)))], [])

    def test_content_example_front_matter(self):
        with open(os.path.join(ROOT, "docs", "content.md"), encoding="utf-8") as f:
            text = f.read()
        m = re.search(r"<!-- example: content -->\n```markdown\n---\n(.*?)\n---\n", text, re.S)
        self.assertIsNotNone(m)
        try:
            import yaml
        except ImportError:
            self.skipTest("python3-yaml not installed")
        fm = yaml.safe_load(m.group(1))
        self.assertIsInstance(fm["title"], str)
        self.assertIsInstance(fm["order"], int)
        self.assertIs(fm["menu"], True)
        self.assertEqual(fm["source_lines"], [13, 22])


class ValidatorScript(unittest.TestCase):
    def make_site(self, root, programme_id="zima-2022", prog=None, indicators=None):
        data = os.path.join(root, "data")
        pdir = os.path.join(data, "programmes", programme_id)
        os.makedirs(pdir)
        with open(os.path.join(data, "site.json"), "w", encoding="utf-8") as f:
            json.dump(DOC_EXAMPLES["site"], f, ensure_ascii=False)
        docs = {
            "programme.json": prog or dict(MINIMAL["programme"], id=programme_id),
            "indicators.json": indicators or {"programme": programme_id, "indicators": [{"id": "1", "name": "Доля"}]},
            "measures.json": DOC_EXAMPLES["measures"] if programme_id == "zima-2022" else MINIMAL["measures"],
            "organisations.json": DOC_EXAMPLES["organisations"] if programme_id == "zima-2022" else MINIMAL["organisations"],
        }
        for fname, doc in docs.items():
            with open(os.path.join(pdir, fname), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
        return pdir

    def run_main(self, args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = vs.main(args)
        return rc, out.getvalue(), err.getvalue()

    def test_valid_site(self):
        with tempfile.TemporaryDirectory() as d:
            self.make_site(d)
            self.assertEqual(vs.validate_site(d), [])
            self.assertEqual(self.run_main([d])[0], 0)
            self.assertEqual(self.run_main(["--expect-invalid", d])[0], 1)

    def test_invalid_site_reports_file_pointer_message(self):
        with tempfile.TemporaryDirectory() as d:
            bad = {"programme": "zima-2022", "indicators": [{"id": "1", "name": "Доля", "targets": [{"value": "55"}]}]}
            pdir = self.make_site(d, indicators=bad)
            errs = vs.validate_site(d)
            self.assertEqual(len(errs), 1, errs)
            self.assertTrue(errs[0].startswith(os.path.join(pdir, "indicators.json") + ": /indicators/0/targets/0/value: "), errs[0])
            rc, out, _ = self.run_main([d])
            self.assertEqual(rc, 1)
            self.assertIn("/indicators/0/targets/0/value", out)
            self.assertEqual(self.run_main(["--expect-invalid", d])[0], 0)

    def test_programme_id_must_equal_folder(self):
        with tempfile.TemporaryDirectory() as d:
            self.make_site(d, prog=dict(MINIMAL["programme"], id="other"))
            errs = vs.validate_site(d)
            self.assertTrue(any("/id:" in e and "folder" in e for e in errs), errs)

    def test_broken_json_and_missing_site(self):
        with tempfile.TemporaryDirectory() as d:
            pdir = self.make_site(d)
            with open(os.path.join(pdir, "measures.json"), "w") as f:
                f.write("{ not json")
            os.remove(os.path.join(d, "data", "site.json"))
            errs = vs.validate_site(d)
            self.assertTrue(any(e.startswith(os.path.join(pdir, "measures.json") + ": /: cannot read JSON") for e in errs), errs)
            self.assertTrue(any(e.endswith("site.json: /: missing") for e in errs), errs)

    def test_pointer_escaping(self):
        self.assertEqual(vs.pointer([]), "/")
        self.assertEqual(vs.pointer(["a/b", "c~d", 0]), "/a~1b/c~0d/0")


if __name__ == "__main__":
    unittest.main()
