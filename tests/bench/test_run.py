"""Tests of bench/run's scaling report (stdlib unittest).

Run: /usr/bin/python3 -m unittest discover -s tests/bench -v   (from the repository root)
"""

import importlib.machinery
import importlib.util
import math
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_loader = importlib.machinery.SourceFileLoader("bench_run", str(ROOT / "bench" / "run"))
_spec = importlib.util.spec_from_loader("bench_run", _loader)
run = importlib.util.module_from_spec(_spec)
_loader.exec_module(run)


def result(n, cpu, pages_per_programme=48):
    return {"N": n, "full": {"wall": cpu / 2, "cpu": cpu, "user": cpu * 0.8, "sys": cpu * 0.2,
                             "pages": n * pages_per_programme, "rss_max": n * 0.8}}


class ExponentTest(unittest.TestCase):
    def test_power_laws_are_recovered(self):
        ns = [100, 300, 1000]
        for b in (0.8, 1.0, 1.09, 1.5):
            self.assertAlmostEqual(run.exponent(ns, [3.0 * n ** b for n in ns]), b, places=9)

    def test_least_squares_over_all_sizes(self):
        # Not just the end points: a bump at the middle size moves the fit.
        ns = [100, 300, 1000]
        flat = run.exponent(ns, [1.0, 3.0, 10.0])
        bumped = run.exponent(ns, [1.0, 4.0, 10.0])
        self.assertAlmostEqual(flat, 1.0)
        self.assertNotAlmostEqual(flat, bumped)
        # Hand-computed slope of (log 100, 0), (log 300, log 4), (log 1000, log 10).
        lx = [math.log(n) for n in ns]
        ly = [0.0, math.log(4.0), math.log(10.0)]
        mx, my = sum(lx) / 3, sum(ly) / 3
        want = sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / sum((x - mx) ** 2 for x in lx)
        self.assertAlmostEqual(bumped, want)

    def test_single_size_has_no_slope(self):
        self.assertTrue(math.isnan(run.exponent([300, 300], [1.0, 2.0])))


class ScalingReportTest(unittest.TestCase):
    def test_linear_corpus_reports_exponent_one(self):
        text = run.scaling([result(100, 7.0), result(300, 21.0), result(1000, 70.0)])
        self.assertIn("fit CPU ∝ N^1.00", text)
        self.assertIn("10.00× for 10.0× the programmes", text)
        # CPU per page is the same at every size: 7 s / 4800 pages.
        self.assertEqual(text.count(" 1.458 "), 3)

    def test_superlinear_corpus_is_visible(self):
        text = run.scaling([result(100, 7.0), result(1000, 7.0 * 10 ** 1.2)])
        self.assertIn("N^1.20", text)

    def test_one_size_prints_nothing(self):
        self.assertEqual(run.scaling([result(300, 21.0)]), "")


if __name__ == "__main__":
    unittest.main()
