"""Checks of the bundled programme kirov-rsoko against its source document
(seed 001_ea3be85f940958ba.txt: «Приложение № 6» «к модели РСОКО», Кировская область).

Line numbers in the comments are 1-based lines of that seed file."""
import json
import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / 'data' / 'programmes' / 'kirov-rsoko'
ID_RE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')


def load(name):
    with open(DATA / name, encoding='utf-8') as f:
        return json.load(f)


class KirovRsokoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.prog = load('programme.json')
        cls.inds = load('indicators.json')
        cls.meas = load('measures.json')
        cls.orgs = load('organisations.json')
        cls.m = {m['id']: m for m in cls.meas['measures']}
        cls.i = {i['id']: i for i in cls.inds['indicators']}
        cls.r = {r['id']: r for r in cls.prog['references']}
        cls.c = {c['kind']: c for c in cls.prog['cycle']}

    # ------------------------------------------------------------ (a) counts
    def test_programme_ids(self):
        self.assertEqual(self.prog['id'], 'kirov-rsoko')
        self.assertEqual(self.inds['programme'], 'kirov-rsoko')
        self.assertEqual(self.meas['programme'], 'kirov-rsoko')
        self.assertEqual(self.orgs['programme'], 'kirov-rsoko')

    def test_goal_count(self):
        # l.6 «1. Цели», table «Цель | Обоснование цели | Реалистичность цели» (l.7–9);
        # 14 rows of 3 cells at l.11, 15, 19, …, 63 (first «Выявление профессиональных дефицитов …», last «Развитие кадрового потенциала …»)
        self.assertEqual(len(self.prog['goals']), 14)
        self.assertEqual([g['lines'][0] for g in self.prog['goals']], list(range(11, 64, 4)))

    def test_task_count(self):
        # no «Задачи» section or column anywhere (l.1–393); «задачах» (l.275) and «задач» (l.56) are ordinary words
        self.assertEqual(len(self.prog.get('tasks', [])), 0)

    def test_direction_count(self):
        # no directions printed; the 9 «Группа показателей» rows (l.69) play that role and are encoded once,
        # as indicator_groups (choice recorded in programme.json notes)
        self.assertEqual(len(self.prog.get('directions', [])), 0)

    def test_indicator_group_count(self):
        # l.68 «2. Показатели», «Группа показателей» rows at l.72, 78, 81, 89, 95, 98, 101, 119, 124
        self.assertEqual(len(self.prog['indicator_groups']), 9)
        self.assertEqual([g['lines'][0] for g in self.prog['indicator_groups']], [72, 78, 81, 89, 95, 98, 101, 119, 124])

    def test_indicator_count(self):
        # 25 = 4 (l.73–76) + 1 (l.79) + 5 (l.83–87; lead-in l.82 «…педагогической направленности:» is a heading)
        #    + 4 (l.90–93) + 1 (l.96) + 1 (l.99) + 4 (G7 lead-ins l.102, 106, 110, 114; their 3 lines are a breakdown)
        #    + 3 (l.120–122) + 2 (l.125–126).  Alternatives 33 / 21 / 38 rejected (programme.json notes).
        per_group = {}
        for ind in self.inds['indicators']:
            per_group[ind['group']] = per_group.get(ind['group'], 0) + 1
        self.assertEqual(per_group, {'ig1': 4, 'ig2': 1, 'ig3': 5, 'ig4': 4, 'ig5': 1, 'ig6': 1, 'ig7': 4, 'ig8': 3, 'ig9': 2})
        self.assertEqual(len(self.inds['indicators']), 25)

    def test_g7_breakdown(self):
        # l.102–117: 4 lead-ins, each followed by 3 sources «администрации …; методиста; учителей-коллег»
        for iid in ('ig7.1', 'ig7.2', 'ig7.3', 'ig7.4'):
            self.assertEqual(len(self.i[iid]['breakdown_of_subject']), 3)

    def test_target_count(self):
        # the document prints no baseline, target or fact for any indicator (section 2, l.68–126, has only 2 columns)
        targets = sum(len(i.get('targets', [])) for i in self.inds['indicators'])
        self.assertEqual(targets, 0)
        for ind in self.inds['indicators']:
            self.assertNotIn('baseline', ind)
            self.assertNotIn('facts', ind)

    def test_measure_counts(self):
        # section 7 (l.268–374): 12 rows «Вид мер, мероприятий» (l.275, 283, 293, 299, 306, 315, 327, 333, 349, 356, 363, 370);
        # rows 1, 2, 5, 6, 8 split into 2 + 3 + 2 + 3 + 4 = 14 sub-items (term lines 278–279, 287–289, 309–310, 320–322, 339–342)
        top = [m for m in self.meas['measures'] if 'parent' not in m]
        sub = [m for m in self.meas['measures'] if 'parent' in m]
        self.assertEqual(len(top), 12)
        self.assertEqual(len(sub), 14)
        self.assertEqual(len(self.meas['measures']), 26)
        # 21 measures proper = 7 single-measure rows + 14 sub-items (one per term line; 27 name lines would be wrong)
        parents = {m['parent'] for m in sub}
        leaves = [m for m in self.meas['measures'] if m['id'] not in parents]
        self.assertEqual(len(leaves), 21)
        self.assertEqual(sorted(parents, key=lambda x: int(x[1:])), ['m1', 'm2', 'm5', 'm6', 'm8'])
        self.assertEqual(sum(1 for m in leaves if 'period' in m), 21)

    def test_organisation_count(self):
        # bodies named: МОКО (l.33…, full name l.318), КОГОАУ ДПО ИРО (l.29…; «ИРО КО» l.303),
        # ФГБОУ ВО «Вятский государственный университет» (l.353), ФГАОУ ДПО «Академия Минпросвещения России» (l.21),
        # Единая региональная методическая служба (l.40), 5 associations + Клуб учителей + 2 УМО (l.53) = 13; no schools named
        self.assertEqual(len(self.orgs['organisations']), 13)

    def test_statistic_count(self):
        # no (value, unit, date) facts anywhere in the text (every digit is a section/decision number, a date of a cited act, or a frequency)
        self.assertEqual(len(self.prog.get('statistics', [])), 0)

    def test_reference_count(self):
        # 15 monitoring documents (section 4, l.141–208), 6 use-of-results справки (l.146, 155, 163, 171, 180, 215),
        # 8 analysis documents (section 5, l.223–250, the ЕРМС справка shared with section 4), 4 recommendation documents
        # (section 6, l.258–265), the section 9 report (l.388) and its roadmap, the federal order (l.65),
        # 4 распоряжения cited in measures (l.300 ×2, 318–319, 334) = 40
        self.assertEqual(len(self.prog['references']), 40)
        self.assertEqual(sum(1 for r in self.prog['references'] if 'monitoring' in r['cycle'] and r['role'] == 'monitoring'), 15)

    def test_cycle_components(self):
        # nine numbered sections 1–9 (l.6, 68, 129, 134, 218, 253, 268, 377, 383)
        kinds = [c['kind'] for c in self.prog['cycle']]
        self.assertEqual(kinds, ['goal_setting', 'indicators', 'collection_methods', 'monitoring', 'analysis',
                                 'recommendations', 'measures', 'decisions', 'effectiveness_review'])
        self.assertEqual([c['lines'][0] for c in self.prog['cycle']], [6, 68, 129, 134, 218, 253, 268, 377, 383])

    # ------------------------------------------------------------ (b) spot checks
    def test_spot_period_month_range(self):
        # l.288 «Апрель – июнь » (en dash, trailing space trimmed) is the term of the second contest (l.285)
        self.assertEqual(self.m['m2.2']['period'], 'Апрель – июнь')
        self.assertTrue(self.m['m2.2']['name'].startswith('Конкурс на присуждение премий лучшим учителям'))

    def test_spot_period_frequency(self):
        # l.277 «Директорский час» / l.279 «2 раза в месяц»; l.308 «Проведение турнира педагогических кейсов» / l.310 «1 раз в два месяца»
        self.assertEqual(self.m['m1.2']['period'], '2 раза в месяц')
        self.assertEqual(self.m['m5.2']['period'], '1 раз в два месяца')

    def test_spot_responsible_iro_ko(self):
        # l.303 «ИРО КО»: the only responsible not written «КОГОАУ ДПО ИРО»
        self.assertEqual(self.m['m4']['responsible'], ['ИРО КО'])
        self.assertEqual(self.m['m4']['period'], 'В соответствии с дорожной картой')  # l.302
        # the short form matched to the institute is the encoder's reading: the link is inferred
        self.assertEqual(self.m['m4']['organisations'], ['kogoau-dpo-iro'])
        self.assertIn('organisations', self.m['m4']['inferred'])
        iro = {o['id']: o for o in self.orgs['organisations']}['kogoau-dpo-iro']
        self.assertIn('ИРО КО', iro['aliases'])
        self.assertIn('aliases', iro['inferred'])

    def test_spot_region_inferred(self):
        # «Кировской области» 44 times (first l.49), never the nominative «Кировская область»
        self.assertEqual(self.prog['region'], 'Кировская область')
        self.assertIn('region', self.prog['inferred'])

    def test_spot_responsible_moko(self):
        # l.370–374: «Реализация комплекса мер социальной поддержки педагогов» | «В течение года» | «МОКО»
        self.assertEqual(self.m['m12']['name'], 'Реализация комплекса мер социальной поддержки педагогов')
        self.assertEqual(self.m['m12']['period'], 'В течение года')
        self.assertEqual(self.m['m12']['responsible'], ['МОКО'])

    def test_spot_row6_participants(self):
        # l.316–325: 3 names, 3 terms, but only 2 participant lines (l.324, 325): kept on the parent row
        self.assertEqual(len(self.m['m6']['participants']), 2)
        for k in ('m6.1', 'm6.2', 'm6.3'):
            self.assertNotIn('participants', self.m[k])
            self.assertIn('participants', self.m[k]['inherited'])
        self.assertEqual(self.m['m6.2']['period'], 'По плану курсовых мероприятий')  # l.321, trailing space trimmed

    def test_spot_federal_order(self):
        # l.65 «распоряжением Правительства Российской Федерации от 31.12.2019 № 3273-р» (a cited act, not the approval)
        r = self.r['r-fed-3273']
        self.assertEqual(r['date'], '2019-12-31')
        self.assertEqual(r['number'], '3273-р')
        self.assertNotIn('approval', self.prog)
        self.assertNotIn('period', self.prog)

    def test_spot_unit_percent(self):
        # l.83 «количество слушателей, обучившихся по программам профессиональной переподготовки (%)»; l.85 «(объем в %)»
        self.assertEqual(self.i['ig3.1']['unit'], '%')
        self.assertEqual(self.i['ig3.3']['unit'], '%')
        units = [i for i in self.inds['indicators'] if 'unit' in i]
        self.assertEqual(len(units), 2)

    def test_spot_inverted_vacancies(self):
        # l.125 «Наличие вакантных должностей»: no vacancies is good (inferred from l.215 «…снижения количества вакантных ставок…»)
        self.assertEqual(self.i['ig9.1']['better'], 'no')
        self.assertIn('better', self.i['ig9.1']['inferred'])
        self.assertEqual(self.i['ig9.1']['frequency'], 'Ежеквартально')  # l.214

    def test_spot_decisions_numbering(self):
        # l.379, 381, 382: decisions printed «1.», «2.», «4.» (no 3), each followed by a no-break space
        items = [b['text'] for b in self.c['decisions']['blocks'] if b['type'] == 'item']
        self.assertEqual([t.split('\u00a0', 1)[0] for t in items], ['1.', '2.', '4.'])

    def test_spot_effectiveness_term(self):
        # l.388–390: «Отчет о выполнении Дорожной карты …» | «Декабрь текущего года» | «Аналитическая справка»
        t = self.c['effectiveness_review']['table']
        self.assertEqual(t['columns'], ['Документ, содержащий анализ эффективности мер, мероприятий', 'Сроки проведения анализа',
                                        'Определение проблем по итогам проведенного анализа'])
        self.assertEqual(len(t['rows']), 1)
        self.assertTrue(t['rows'][0][0].startswith('Отчет о выполнении Дорожной карты по направлению'))
        self.assertEqual(t['rows'][0][1:], ['Декабрь текущего года', 'Аналитическая справка'])

    def test_sections_4_5_6_are_tables(self):
        # Section 4 (l.134–215): 4 columns, 9 rows (one per group), 31 documents; section 5 (l.218–250): 9 rows,
        # 12 documents; section 6 (l.253–265): 3 rows, 4 documents. Kept as tables, not flattened into text.
        def docs(cell):
            return len(cell) if isinstance(cell, list) else 1
        mon, ana, rec = (self.c[k]['table'] for k in ('monitoring', 'analysis', 'recommendations'))
        self.assertEqual(mon['columns'], ['Группа показателей', 'Наименование документа (мониторинга)',
                                          'Сроки проведения мониторинга показателей',
                                          'Сведения об использовании результатов мониторинга показателей'])
        self.assertEqual([docs(r[1]) for r in mon['rows']], [3, 4, 3, 3, 4, 5, 5, 3, 1])
        self.assertEqual([r[2] for r in mon['rows']].count('В соответствии с дорожной картой'), 5)  # G1, G2, G6, G7, G8
        self.assertEqual(sum(docs(r[1]) for r in ana['rows']), 12)
        self.assertEqual(len(ana['rows']), 9)
        self.assertEqual(rec['columns'][0], 'Вид адресных рекомендации по результатам анализа')  # [sic], l.254
        self.assertEqual([docs(r[1]) for r in rec['rows']], [1, 2, 1])
        for k in ('monitoring', 'analysis', 'recommendations', 'effectiveness_review'):
            self.assertEqual(self.c[k]['blocks'], [])

    def test_spot_goal_group_link(self):
        # goal 10 «Поддержка молодых педагогов / реализация программ наставничества …» (l.47) ↔ group l.101 (inferred link)
        g10 = self.prog['goals'][9]
        self.assertEqual(g10['group'], 'ig7')
        self.assertIn('group', g10['inferred'])
        self.assertEqual(sum(1 for g in self.prog['goals'] if 'group' in g), 9)  # goals 2, 7, 9, 12, 14 have none

    def test_spot_kind(self):
        # l.3–4 «Приложение № 6» «к модели РСОКО»
        self.assertEqual(self.prog['kind'], 'model_section')
        self.assertEqual(self.prog['kind_printed'], 'Приложение № 6 к модели РСОКО')
        self.assertEqual(self.prog['title'], 'Система обеспечения профессионального развития педагогических работников')  # l.5

    # ------------------------------------------------------------ integrity
    def test_ids(self):
        for name, items in [('goals', self.prog['goals']), ('groups', self.prog['indicator_groups']),
                            ('references', self.prog['references']), ('indicators', self.inds['indicators']),
                            ('measures', self.meas['measures']), ('organisations', self.orgs['organisations'])]:
            ids = [x['id'] for x in items]
            self.assertEqual(len(ids), len(set(ids)), name)
            for x in ids:
                self.assertRegex(x, ID_RE)
        orgs = {o['id'] for o in self.orgs['organisations']}
        for m in self.meas['measures']:
            for o in m.get('organisations', []):
                self.assertIn(o, orgs)
            if 'parent' in m:
                self.assertIn(m['parent'], self.m)
        refs = set(self.r)
        for c in self.prog['cycle']:
            for d in c.get('documents', []):
                self.assertIn(d, refs)
        groups = {g['id'] for g in self.prog['indicator_groups']}
        for ind in self.inds['indicators']:
            self.assertIn(ind['group'], groups)

    def test_text_as_printed(self):
        # every indicator name and measure name occurs in the seed once line breaks are joined with one space
        seed = ROOT.parent / 'shared' / 'seeds' / '001_ea3be85f940958ba.txt'
        if not seed.exists():
            self.skipTest('seed file not available')
        lines = [ln.strip(' \t\u00a0') for ln in seed.read_text(encoding='utf-8').split('\n')]
        text = ' '.join(ln for ln in lines if ln)
        for ind in self.inds['indicators']:
            self.assertIn(ind['name'], text, ind['id'])
        for m in self.meas['measures']:
            self.assertIn(m['name'], text, m['id'])
            if 'kind' in m:
                self.assertIn(m['kind'], text, m['id'])

class KirovMeasureTable(unittest.TestCase):
    """Section 7's table (l.268–273): five printed columns, no «№»; 12 «Вид мер» rows, 16 «Участники» lines."""

    def test_columns_as_printed(self):
        t = load('programme.json')['measure_table']
        self.assertEqual(t['title'], '7. Меры и мероприятия с указанием сроков реализации, ответственных и участников')
        self.assertEqual([c['header'] for c in t['columns']],
                         ['Вид мер, мероприятий', 'Название мер, мероприятий', 'Сроки проведения мер, мероприятий',
                          'Ответственные', 'Участники'])
        self.assertEqual([c['field'] for c in t['columns']], ['kind', 'name', 'period', 'responsible', 'participants'])

    def test_kinds_and_participants(self):
        meas = load('measures.json')['measures']
        kinds = [m['kind'] for m in meas if m.get('kind')]
        self.assertEqual(len(kinds), 12)
        self.assertTrue(all('parent' not in m for m in meas if m.get('kind')))
        self.assertEqual(sum(len(m.get('participants', [])) for m in meas), 16)



if __name__ == '__main__':
    unittest.main()
