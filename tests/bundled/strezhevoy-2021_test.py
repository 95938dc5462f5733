"""Count and spot checks for the bundled programme strezhevoy-2021.

Source: /work/shared/seeds/003_404f0eba4fa45317.txt (Стрежевой, 187 lines; line numbers are 1-based).
Counting decisions (also in programme.json "notes"): 31 group indicators (compound bullets = one indicator,
parts a/b), plus 4 key indicators kept as separate entries that restate group indicators (not new indicators).
"""
import json
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PID = 'strezhevoy-2021'
DATA = ROOT / 'data' / 'programmes' / PID


def load(name):
    with open(DATA / name, encoding='utf-8') as f:
        return json.load(f)


class StrezhevoyCounts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = load('programme.json')
        cls.ind = load('indicators.json')['indicators']
        cls.meas = load('measures.json')['measures']
        cls.orgs = load('organisations.json')['organisations']
        cls.group_ind = [i for i in cls.ind if 'restates' not in i]
        cls.key_ind = [i for i in cls.ind if 'restates' in i]

    def test_programme_id(self):
        # L59: «Программа развития … на 2021-2025 годы (далее – Программа)»
        self.assertEqual(self.p['id'], PID)
        self.assertEqual(load('indicators.json')['programme'], PID)
        self.assertEqual(load('measures.json')['programme'], PID)

    def test_goals(self):
        # L47 «Целями … являются:», 8 bullets L49–54, L56–57 (blank L55 inside the list)
        self.assertEqual(len(self.p['goals']), 8)

    def test_tasks(self):
        # no «Задачи» section; L45 «Основная задача …» is narrative (content page), not a task list
        self.assertEqual(len(self.p.get('tasks', [])), 0)

    def test_directions(self):
        # no programme-level directions; L15 quotes the federal Concept's «основные направления сопровождения»
        self.assertEqual(len(self.p.get('directions', [])), 0)

    def test_indicator_groups(self):
        # L72 «Группа 1.», L82 «Группа 2.», L91 «Группа 3.», L109 «Группа 4.», L130 «Группа 5.»
        self.assertEqual(len(self.p['indicator_groups']), 5)

    def test_indicators(self):
        # L74–133: 7 + 4 + 8 + 10 + 2 = 31 bullets «- доля …» / «- количество …»
        self.assertEqual(len(self.group_ind), 31)
        per_group = {}
        for i in self.group_ind:
            per_group[i['group']] = per_group.get(i['group'], 0) + 1
        # L74–80 (7), L84–89 (4), L93–107 (8), L111–128 (10), L132–133 (2)
        self.assertEqual(per_group, {'ig1': 7, 'ig2': 4, 'ig3': 8, 'ig4': 10, 'ig5': 2})

    def test_key_indicators(self):
        # L182 «Показатели эффективности реализации Программы.», L184–187 numbered «1.»–«4.»
        self.assertEqual(len(self.key_ind), 4)
        # each restates a group indicator and is not counted as a new one
        ids = {i['id'] for i in self.group_ind}
        for k in self.key_ind:
            self.assertIn(k['restates'], ids)
            self.assertIn('key', k)
        self.assertEqual(len(self.ind), 35)  # 31 + 4 entries in indicators.json

    def test_targets(self):
        # 11 threshold values on 10 group bullets: L74 «ежегодно не менее 5 %», L75 «не менее 30%», L76 «не менее 65%» +
        # «не менее 60%», L77 «90% и более», L80 «не менее 75%», L101 «не менее 70 %», L121 «(не менее 70%)»,
        # L125 «не менее 10%», L127 «не менее 40%», L128 «не ниже 30%»
        group_targets = sum(len(i.get('targets', [])) for i in self.group_ind)
        self.assertEqual(group_targets, 11)
        self.assertEqual(sum(1 for i in self.group_ind if i.get('targets')), 10)
        # L184–187: 30% (2025), 75% (2025), 70% (2024), 65% + 60% = 5 target objects
        key_targets = sum(len(i.get('targets', [])) for i in self.key_ind)
        self.assertEqual(key_targets, 5)
        self.assertEqual(group_targets + key_targets, 16)

    def test_measures(self):
        # L158 header «№ Мероприятие …»; rows L161–180: top level «1»–«7», «8.» (8 rows)
        top = [m for m in self.meas if 'parent' not in m]
        sub = [m for m in self.meas if 'parent' in m]
        self.assertEqual(len(top), 8)
        # sub-measures «2.1», «2.2.», «5.1.», «6.1.», «6.2.», «7.1.», «7.2.», «8.1», «8.2.» (L176 is 7.1's continuation)
        self.assertEqual(len(sub), 9)
        self.assertEqual(len(self.meas), 17)
        ids = [m['id'] for m in self.meas]
        self.assertEqual(len(ids), len(set(ids)))

    def test_organisations(self):
        # named bodies: Минпросвещения (L15), Администрация ГО, УО (L21), методическая служба (L21), ИМО (L23),
        # Экспертный и Методический советы (L35), Совет руководителей (L153), ДОО ТО, ОГБУ «РЦРО», ОГБУ ДПО ТОИПКРО (L142)
        self.assertEqual(len(self.orgs), 11)

    def test_statistics(self):
        # L39 «165 педагогов ООУ и 12 педагогов УДО», «Ежегодно 60%», «227 участников (76,7 % …)»;
        # L43 «64,5 % … и 56,8 %» — 7 values from 4 statements
        self.assertEqual(len(self.p['statistics']), 7)

    def test_references(self):
        # cycle table L138–154, documents column: 34 citations, 29 unique; federal acts L13 (273-ФЗ, Стратегия), L15 (Р-76)
        self.assertEqual(len(self.p['references']), 32)
        citations = sum(len(c.get('documents', [])) for c in self.p['cycle'])
        self.assertEqual(citations, 34)
        cited = {d for c in self.p['cycle'] for d in c.get('documents', [])}
        self.assertEqual(len(cited), 29)

    def test_cycle_and_results(self):
        # L138–154: rows «1.»–«9.» of the management cycle
        self.assertEqual(len(self.p['cycle']), 9)
        # L138 <ul> 5 items + L140 3 <p> = 8 «Целеполагание» items
        self.assertEqual(len(self.p['cycle'][0]['blocks']), 8)
        # L63–68: 6 expected results
        self.assertEqual(len(self.p['expected_results']), 6)


class StrezhevoySpotChecks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = load('programme.json')
        cls.ind = {i['id']: i for i in load('indicators.json')['indicators']}
        cls.meas = {m['id']: m for m in load('measures.json')['measures']}

    def test_names_rebuilt_into_the_nominative_are_inferred(self):
        # L4 «в городском округе Стрежевой Томской области»: municipality and region only in oblique cases
        self.assertEqual((self.p['municipality'], self.p['region']), ('городской округ Стрежевой', 'Томская область'))
        self.assertLessEqual({'municipality', 'region'}, set(self.p['inferred']))
        orgs = {o['id']: o for o in load('organisations.json')['organisations']}
        # printed only in oblique cases: L15 «распоряжением Министерства просвещения Российской Федерации»,
        # L21 «Управления образования Администрации городского округа Стрежевой», L23 «специалистами
        # инновационно-методического отдела», L35 «Экспертного и Методического советов», L28 «о Методическом
        # совете», L153 «Решения Совета руководителей»
        for oid in ('minprosv-rf', 'adm-strezhevoy', 'uo-strezhevoy', 'imo-uo', 'expert-council-uo',
                    'method-council-uo', 'council-heads'):
            self.assertIn('name', orgs[oid].get('inferred', []), oid)
        self.assertIn('aliases', orgs['method-council-uo']['inferred'])  # L150, prepositional
        # L21 «является муниципальная методическая служба Управления образования»: the nominative is printed
        self.assertNotIn('name', orgs['mms-uo'].get('inferred', []))

    def test_approval(self):
        # L138: «Программа развития муниципальной системы методической работы (утв. при. УО от 05.04. 2021 №119).»
        a = self.p['approval']
        self.assertEqual(a['date'], '2021-04-05')
        self.assertEqual(a['number'], '119')
        self.assertIn('утв. при. УО от 05.04. 2021 №119', a['printed'])

    def test_period(self):
        # L5 «на 2021-2025 годы.**»
        self.assertEqual((self.p['period']['start'], self.p['period']['end']), (2021, 2025))

    def test_target_g1_2(self):
        # L75 «… (к 2025 году – не менее 30%)»
        t = self.ind['1.2']['targets']
        self.assertEqual(t, [{'year': 2025, 'op': '>=', 'value': 30, 'printed': 'к 2025 году – не менее 30%'}])

    def test_target_every_year_g1_1(self):
        # L74 «… ежегодно не менее 5 %»
        t = self.ind['1.1']['targets'][0]
        self.assertTrue(t['every_year'])
        self.assertEqual((t['op'], t['value']), ('>=', 5))

    def test_compound_target_g1_3(self):
        # L76 «… предметной компетентности не менее 65%, методической компетентности не менее 60%»
        parts = {t['part']: t['value'] for t in self.ind['1.3']['targets']}
        self.assertEqual(parts, {'a': 65, 'b': 60})

    def test_key3_year(self):
        # L186 «3. Доля … в первые 3 года работы (к 2024 году – не менее 70%).» restates G4.6 (L121, no year)
        k = self.ind['key3']
        self.assertEqual(k['restates'], '4.6')
        self.assertEqual(k['targets'][0]['year'], 2024)
        self.assertNotIn('year', self.ind['4.6']['targets'][0])

    def test_lower_is_better(self):
        # L99 «-снижение доли педагогов со слабой мотивацией к профессиональной деятельности»
        self.assertEqual(self.ind['3.4']['better'], 'lower')

    def test_measure_periods(self):
        # L174 «7.1.» … «апрель-май 2021, далее ежегодно»
        self.assertEqual(self.meas['m7.1']['period'], 'апрель-май 2021, далее ежегодно')
        # L166 «4» … «март-2021, далее ежегодно» (hyphen kept)
        self.assertEqual(self.meas['m4']['period'], 'март-2021, далее ежегодно')
        # L165 «по плану ОГБУ ДПО «ТОИПКРО»»
        self.assertEqual(self.meas['m3']['period'], 'по плану ОГБУ ДПО «ТОИПКРО»')

    def test_measure_7_1_joined(self):
        # L174 «(мониторинг профессиональ-» + L176 «ных компетенций …» — de-hyphenated
        self.assertIn('(мониторинг профессиональных компетенций и потребностей', self.meas['m7.1']['name'])
        self.assertEqual(self.meas['m7.1']['lines'], [174, 176])

    def test_measure_numbers_and_responsible(self):
        # L178 «8.» with a dot, L179 «8.1» without, L164 «2.2.» with
        self.assertEqual(self.meas['m8']['number'], '8.')
        self.assertEqual(self.meas['m8.1']['number'], '8.1')
        self.assertEqual(self.meas['m2.2']['number'], '2.2.')
        # L161 «ИМО УО»; L164 «ИМО УО ООУ»
        self.assertEqual(self.meas['m1']['responsible'], ['ИМО УО'])
        self.assertEqual(self.meas['m2.2']['responsible_printed'], 'ИМО УО ООУ')

    def test_statistic_227(self):
        # L39 «… составило 227 участников (76,7 % от общего количества педагогических работников школ)»
        vals = {s['id']: s['value'] for s in self.p['statistics']}
        self.assertEqual(vals['st4'], 227)
        self.assertEqual(vals['st5'], 76.7)

    def test_reference_366a(self):
        # L145 «Приказ Управления образования от 09.11. 2020 № 366а …» (Cyrillic «а»)
        r = {x['id']: x for x in self.p['references']}['r12']
        self.assertEqual((r['date'], r['number']), ('2020-11-09', '366а'))

class StrezhevoyMeasureTable(unittest.TestCase):
    """The «План мероприятий.» table (L156–159): its six printed columns, and the two of them that only
    this document has, filled for all 17 measures (34 cells)."""

    def test_columns_as_printed(self):
        t = load('programme.json')['measure_table']
        # L158: «№ | Мероприятие | Показатели реализации | Способ (источники) оценки | Сроки | Ответственные»
        self.assertEqual(t['title'], 'План мероприятий.')
        self.assertEqual([c['header'] for c in t['columns']],
                         ['№', 'Мероприятие', 'Показатели реализации', 'Способ (источники) оценки', 'Сроки', 'Ответственные'])
        self.assertEqual([c['field'] for c in t['columns']],
                         ['number', 'name', 'implementation_indicator', 'evaluation_method', 'period', 'responsible'])

    def test_document_columns_filled(self):
        meas = load('measures.json')['measures']
        cells = sum(1 for m in meas for f in ('implementation_indicator', 'evaluation_method') if m.get(f))
        self.assertEqual(cells, 34)
        m22 = next(m for m in meas if m['number'] == '2.2.')
        # L164: «итоги мониторинга» | «аналитическая справка УО»
        self.assertEqual((m22['implementation_indicator'], m22['evaluation_method']), ('итоги мониторинга', 'аналитическая справка УО'))

class StrezhevoyCycleTable(unittest.TestCase):
    def test_cycle_printed_as_a_table(self):
        # L135–137: the cycle is a 4-column table; rows «1.»–«9.» (L138–154).
        p = load('programme.json')
        self.assertEqual([c['number'] for c in p['cycle']], [f'{n}.' for n in range(1, 10)])
        self.assertEqual(p['cycle_table']['headers'], {
            'number': '№', 'component': 'Компоненты управленческих циклов', 'content': 'Характеристика управленческих циклов',
            'documents': 'Документы, материалы, характеризующие управленческие циклы'})




if __name__ == '__main__':
    unittest.main()
