"""Markdown pages Vitrina may not read (issue 17, item 4: «a FIFO or unreadable .md page is
dropped silently»), end to end through `vitrina build` in Russian, as the methodologist meets it.

A page saved with no read permission (chmod 000: a file copied from another account, a share
mounted with the wrong mask), or a content folder that cannot be listed, must stop the build
with a Russian error naming the file or folder, exit 1, and leave the last good site exactly as
it was (a folder that could not be listed used to drop its pages from the site with exit 0);
once readable again, the same build publishes the pages.

Root reads a chmod 000 file anyway (CAP_DAC_OVERRIDE), and CI may run as root: there the build
runs under setpriv (util-linux, essential in Debian) without the two capabilities that bypass
file modes, so the test means the same for every user.
Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/hardening/test_unreadable_page.py
"""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from common import BIN, TempCase, tree  # noqa: E402

# Root without the capabilities that let it read and search whatever the file modes say.
AS_A_USER = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
             "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
PAGE = "content/alpha/02-secret.md"


def build(case):
    env = dict(os.environ, VITRINA_LANG="ru", NO_COLOR="1")
    return subprocess.run([*AS_A_USER, BIN, "build", "--site", str(case.site), "--out", str(case.out)],
                          capture_output=True, text=True, timeout=120, env=env)


class UnreadablePage(unittest.TestCase):
    def setUp(self):
        self.case = TempCase()
        self.addCleanup(self.case.cleanup)
        if AS_A_USER and subprocess.run([*AS_A_USER, "true"], capture_output=True).returncode != 0:
            self.skipTest("running as root and setpriv cannot drop CAP_DAC_OVERRIDE here")

    def test_unreadable_page_is_a_russian_error_and_the_site_is_kept(self):
        r = build(self.case)
        self.assertEqual(r.returncode, 0, r.stderr)
        good = tree(self.case.out)
        page = self.case.site / PAGE
        page.write_text("---\ntitle: Отчёт наставника\n---\nТекст страницы.\n", encoding="utf-8")
        page.chmod(0)
        self.addCleanup(page.chmod, 0o644)  # so that the temporary folder can be removed

        r = build(self.case)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertRegex(r.stderr, rf"(?m)^{PAGE}: error: не удаётся прочитать файл")
        self.assertIn("ошибок: 1", r.stderr)
        self.assertIn("опубликованный сайт не изменён", r.stderr)
        self.assertNotIn("Готово", r.stdout + r.stderr)
        self.assertEqual(tree(self.case.out), good, "a failed build changed the published site")

        page.chmod(0o644)
        r = build(self.case)
        self.assertEqual(r.returncode, 0, r.stderr)
        html = (self.case.out / "programmes/alpha/pages/02-secret/index.html").read_text(encoding="utf-8")
        self.assertIn("Отчёт наставника", html)

    def test_unlistable_content_folder_is_an_error_and_the_site_is_kept(self):
        r = build(self.case)
        self.assertEqual(r.returncode, 0, r.stderr)
        good = tree(self.case.out)
        self.assertIn("programmes/alpha/pages/01-about/index.html", good)
        for folder in ("content/alpha", "content"):
            with self.subTest(folder=folder):
                path = self.case.site / folder
                path.chmod(0)
                try:
                    r = build(self.case)
                finally:
                    path.chmod(0o755)
                self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                self.assertRegex(r.stderr, rf"(?m)^{folder}: error: не удаётся прочитать папку")
                self.assertIn("ошибок: 1", r.stderr)
                self.assertEqual(tree(self.case.out), good, "a failed build changed the published site")
        r = build(self.case)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(tree(self.case.out), good)


if __name__ == "__main__":
    unittest.main()
