"""Checks of the bundled programme kaltan-2019 against its source document.

Source: seeds/000_650a0f9ce8584e63.txt (Kaltan, 351 lines). Line numbers below ("l.") are 1-based
lines of that file. Stdlib only.
"""
import json
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PID = 'kaltan-2019'
DATA = ROOT / 'data' / 'programmes' / PID
CONTENT = ROOT / 'content' / PID


def load(name):
    with open(DATA / name, encoding='utf-8') as f:
        return json.load(f)


class KaltanCounts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = load('programme.json')
        cls.ind = load('indicators.json')['indicators']
        cls.meas = load('measures.json')['measures']
        cls.orgs = load('organisations.json')['organisations']

    def test_directions(self):
        # l.118 «**Направление 1.** Выявление профессиональных дефицитов …» … l.179 «**Направление 7.** Осуществление
        # научно-методического сопровождения …»: 7 directions.
        self.assertEqual(len(self.p['directions']), 7)

    def test_goals(self):
        # l.120, 129, 141, 151, 161, 171, 181: one «**Цель** – …» per direction = 7 goals
        # (the prose l.36–109 restates the same goals; not counted twice).
        self.assertEqual(len(self.p['goals']), 7)

    def test_tasks(self):
        # «**Задачи:**» with «1.» and «2.» under each direction: l.124–125, 135/137, 145/147, 155/157,
        # 165/167, 175/177, 185/187 = 14 tasks.
        self.assertEqual(len(self.p['tasks']), 14)
        for d in self.p['directions']:
            self.assertEqual(sum(1 for t in self.p['tasks'] if t['direction'] == d['id']), 2)

    def test_indicator_groups(self):
        # l.198 «<b>1.</b>	<b>Учет педагогических работников …», l.200 «<b>2.</b>», l.204 «<b>3.</b>»,
        # l.208 «<b>4.</b>», l.211 «<b>5.</b>	<b>Выявление кадровых потребностей …»: 5 groups.
        self.assertEqual(len(self.p['indicator_groups']), 5)

    def test_indicators(self):
        # l.199 two <p> names, l.201 four <p> names, l.205–207 three rows, l.209–210 two rows, l.212–213 two rows:
        # 2 + 4 + 3 + 2 + 2 = 13 (same 13 labels in the section 6 table, l.298–339).
        self.assertEqual(len(self.ind), 13)
        per_group = {}
        for i in self.ind:
            per_group[i['group']] = per_group.get(i['group'], 0) + 1
        self.assertEqual(per_group, {'ig1': 2, 'ig2': 4, 'ig3': 3, 'ig4': 2, 'ig5': 2})

    def test_targets(self):
        # l.197 «№	Цели программы	Показатели»: the indicator table has no year, unit, baseline or target column;
        # no target is printed anywhere, so 0 target objects.
        self.assertEqual(sum(len(i.get('targets', [])) for i in self.ind), 0)
        self.assertFalse(any('facts' in i or 'baseline' in i for i in self.ind))

    def test_measures(self):
        # l.219 «1.	Проведение мониторинговых исследований …» … l.271 «30.	Организационно-техническое …»,
        # then l.273 «34.	Популяризация профессии учителя …» … l.279 «37.	Совершенствование системы конкурсного
        # движения»: 30 + 4 = 34 rows, no sub-items.
        top = [m for m in self.meas if 'parent' not in m]
        sub = [m for m in self.meas if 'parent' in m]
        self.assertEqual(len(top), 34)
        self.assertEqual(len(sub), 0)
        self.assertEqual(len(self.meas), 34)
        # numbers 31–33 are missing (l.271 «30.» is followed by l.273 «34.»)
        nums = [m['number'] for m in self.meas]
        self.assertEqual(nums, ['%d.' % n for n in list(range(1, 31)) + [34, 35, 36, 37]])

    def test_measure_sections(self):
        # bold rows l.218, 227, 244, 262, 269, 272 (e.g. l.269 «<b>Аттестация педагогических работников</b>»): 6.
        self.assertEqual(len(self.p['measure_sections']), 6)
        sizes = [sum(1 for m in self.meas if m['section'] == s['id']) for s in self.p['measure_sections']]
        self.assertEqual(sizes, [5, 8, 11, 4, 2, 4])

    def test_organisations(self):
        # Named bodies: «МКУ УО» (l.4), «коллегии МКУ УО» (l.347), «Министерства образования и науки Кузбасса»
        # (l.24), «Коллегии Администрации Кемеровской области» (l.24), «администрации Калтанского городского
        # округа» (l.343), «Ассоциации молодых учителей» (l.247), «(Школа молодого педагога)» (l.230) = 7.
        # No school is named (l.42 «в 3 (60%) школах … в остальных двух школах» names none).
        self.assertEqual(len(self.orgs), 7)
        self.assertFalse(any(o['type'] == 'general_school' for o in self.orgs))

    def test_statistics(self):
        # l.32 «253 педагогических работника, из них 237 учителей. 95% … 11% … 86% … 67%» (6 values),
        # l.42 «в 3 (60%) школах» (2), l.62 «доля молодых специалистов составляет 10%» (1),
        # l.72 «действуют 18 методических объединений …; 13 работников …» (2),
        # l.86 «порядка 10%. 78% … Средняя нагрузка учителей составляет 1,78.» (3): 14 values.
        self.assertEqual(len(self.p['statistics']), 14)

    def test_references(self):
        # l.24 (273-ФЗ; 86-ОЗ; госпрограмма 2014-2025; распоряжение № 619-р; документы Министерства),
        # l.22/343 муниципальная программа (№ 291-п), l.28 нацпроект «Образование» and the 2020 survey,
        # l.46 федеральный проект «Учитель будущего», l.50 and l.105 regional projects, l.64 региональный проект
        # «Учитель будущего», l.68 приказ № 344, l.72 положение о ММО, l.72/79 приказ № 1457, l.90 Положение
        # (Кемеровская область), l.105 методические рекомендации, l.289 приказы № 22 and № 590,
        # l.30/230 профстандарт «Педагог», l.253 ФГОС: 21 references (approval and revision kept apart).
        self.assertEqual(len(self.p['references']), 21)
        self.assertEqual(len(self.p['amendments']), 1)  # l.6 «(в ред. от 30.12.2020 № 949)»

    def test_cycle(self):
        # 7 of 9 components: §2 goal setting (l.26), §4 indicators (l.193), §6 collection/monitoring/analysis/
        # effectiveness (l.281–291), §5 measures (l.215); no recommendations or decisions step.
        kinds = [c['kind'] for c in self.p['cycle']]
        self.assertEqual(kinds, ['goal_setting', 'indicators', 'collection_methods', 'monitoring', 'analysis',
                                 'measures', 'effectiveness_review'])

    def test_ids_unique(self):
        for lst in (self.p['directions'], self.p['goals'], self.p['tasks'], self.p['indicator_groups'],
                    self.p['measure_sections'], self.p['statistics'], self.p['references'], self.ind, self.meas,
                    self.orgs):
            ids = [x['id'] for x in lst]
            self.assertEqual(len(ids), len(set(ids)))


class KaltanSpotChecks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.p = load('programme.json')
        cls.ind = {i['id']: i for i in load('indicators.json')['indicators']}
        cls.meas = {m['id']: m for m in load('measures.json')['measures']}

    def test_approval_order(self):
        # l.4–6 «к приказу МКУ УО» / «от 30.04.2019 № 309» / «(в ред. от 30.12.2020 № 949)»
        a = self.p['approval']
        self.assertEqual((a['body'], a['date'], a['number']), ('МКУ УО', '2019-04-30', '309'))
        am = self.p['amendments'][0]
        self.assertEqual((am['date'], am['number']), ('2020-12-30', '949'))

    def test_signatory_and_period(self):
        # l.10–11 «Начальник МКУ УО» / «Н. В. Плюснина»; l.16 «на 2019-2023 годы»
        self.assertEqual(self.p['signatory'], {'position': 'Начальник МКУ УО', 'name': 'Н. В. Плюснина',
                                               'lines': [10, 11]})
        self.assertEqual((self.p['period']['start'], self.p['period']['end']), (2019, 2023))

    def test_period_strings(self):
        # l.268 «28.	Мониторинг успешности … 	2019-2025 гг.» (beyond the programme period)
        self.assertEqual(self.meas['m28']['period'], '2019-2025 гг.')
        # l.255 «Ежегодно, IV квартал» (measure 21, no years)
        self.assertEqual(self.meas['m21']['period'], 'Ежегодно, IV квартал')
        # l.249 + l.252: «2019-2023 гг. согласно плану работы ММО, участие в форуме –» + «февраль-март»
        self.assertEqual(self.meas['m18']['period'],
                         '2019-2023 гг. согласно плану работы ММО, участие в форуме – февраль-март')

    def test_measure_35_joined(self):
        # l.274 «35.	Проведение	2019-2023 гг.	Методический	Популяризация» + l.277 «	торжественного приема,
        # посвященного Дню учителя	октябрь	сектор ОО	профессии учителя, повышение престижа педагогических профессий»
        m = self.meas['m35']
        self.assertEqual(m['name'], 'Проведение торжественного приема, посвященного Дню учителя')
        self.assertEqual(m['period'], '2019-2023 гг. октябрь')
        self.assertEqual(m['responsible'], ['Методический сектор ОО'])
        self.assertEqual(m['expected_result'], 'Популяризация профессии учителя, повышение престижа педагогических профессий')

    def test_responsible(self):
        # l.222 «4.	Подготовка региональных экспертов …	2019-2023 гг. февраль-май	Сектор общего образования ОО»
        self.assertEqual(self.meas['m4']['responsible'], ['Сектор общего образования ОО'])
        # l.249 measure 18: «Сектор инклюзивного образования ОО»
        self.assertEqual(self.meas['m18']['responsible'], ['Сектор инклюзивного образования ОО'])
        # «Методический сектор ОО» coordinates 21 measures (l.220 … l.279)
        self.assertEqual(sum(1 for m in self.meas.values() if m['responsible'] == ['Методический сектор ОО']), 21)

    def test_statistic_253(self):
        # l.32 «По состоянию на 01.09.2020 … работают 253 педагогических работника, из них 237 учителей.»
        st = {s['id']: s for s in self.p['statistics']}
        self.assertEqual((st['st1']['value'], st['st1']['as_of']), (253, '2020-09-01'))
        self.assertEqual(st['st2']['value'], 237)
        # l.86 «Средняя нагрузка учителей составляет 1,78.»
        self.assertEqual(st['st14']['value'], 1.78)
        # l.62 «доля молодых специалистов составляет 10%» has no date
        self.assertNotIn('as_of', st['st9'])

    def test_indicator_text(self):
        # l.332 «… № 00-1, Раздел 3. Сведения» + l.338 «о персонале организации, форма 3.4 Движение работников»
        # («00-1» typed with digit zeros)
        self.assertIn('№ 00-1, Раздел 3. Сведения о персонале организации, форма 3.4 Движение работников',
                      self.ind['5.1']['collection_method'])
        # l.339 «№ ОО-1,.» with Cyrillic О and a stray «,.»
        self.assertIn('№ ОО-1,. Раздел 3.', self.ind['5.2']['collection_method'])
        # l.205 «Наличие методического сопровождения и оказания практической помощи молодым специалистам»
        self.assertEqual(self.ind['3.1']['name'],
                         'Наличие методического сопровождения и оказания практической помощи молодым специалистам')
        self.assertNotIn('unit', self.ind['5.1'])

    def test_task_typo_kept(self):
        # l.145 task 3.1 ends with «;»
        t = {x['id']: x for x in self.p['tasks']}
        self.assertTrue(t['t3.1']['text'].endswith('Калтанского городского округа;'))

    def test_content_pages(self):
        # sections 1–4 and 6–8 have running text (l.18–24, 26–116, 189–191, 193–195, 281–291, 341–343, 345–351);
        # l.351 «Дополнения и изменения вводятся в действие приказом МКУ УО.» has no trailing newline in the seed.
        pages = sorted(p.name for p in CONTENT.glob('*.md'))
        self.assertEqual(len(pages), 7)
        last = (CONTENT / '08-zaklyuchitelnye-polozheniya.md').read_text(encoding='utf-8')
        self.assertIn('Дополнения и изменения вводятся в действие приказом МКУ УО.', last)
        for p in CONTENT.glob('*.md'):
            text = p.read_text(encoding='utf-8')
            self.assertTrue(text.startswith('---\ntitle: '))
            self.assertNotIn('](#)', text)
            self.assertNotIn('<a ', text)

class KaltanMeasureTable(unittest.TestCase):
    def test_columns_as_printed(self):
        # l.217: «№ | Мероприятие программы | Сроки реализации | Координатор, исполнитель | Ожидаемые результаты»
        t = load('programme.json')['measure_table']
        self.assertEqual([c['header'] for c in t['columns']],
                         ['№', 'Мероприятие программы', 'Сроки реализации', 'Координатор, исполнитель', 'Ожидаемые результаты'])
        self.assertEqual([c['field'] for c in t['columns']], ['number', 'name', 'period', 'responsible', 'expected_result'])
        self.assertFalse(t.get('column_numbers', False))

class KaltanCollectionAlgorithm(unittest.TestCase):
    def test_algorithm_column_is_a_field(self):
        # §6 column «Алгоритм/ порядок сбора информации» (l.295–339): one text per indicator, kept as a field
        # (shown under its own label), not in the notes.
        ind = load('indicators.json')['indicators']
        self.assertEqual(sum(1 for i in ind if i.get('collection_algorithm')), 13)
        self.assertFalse(any('Алгоритм/ порядок' in n for i in ind for n in i.get('notes', [])))
        self.assertTrue(ind[0]['collection_algorithm'].endswith('получает результаты исследования от оператора регионального уровня'))




if __name__ == '__main__':
    unittest.main()
