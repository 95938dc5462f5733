"""Input that hangs or exhausts the build (issue 17, item 4), end to end through `vitrina build`.

Only regular files of bounded size are read from data/ and content/: a FIFO must not hang
the build, a device node must not fill memory, an oversize file is never read whole (not
even to fingerprint it), a Markdown table that cmark-gfm would pad to gigabytes and
nesting no one can read are errors, and a programme's pages do not all list each other.
Every run has a time limit and an address-space limit, so the old behaviour fails the
test instead of the machine.
Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/hardening/test_input_limits.py
"""
import os
import pathlib
import resource
import stat
import subprocess
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from common import BIN, TempCase  # noqa: E402

MEMORY_LIMIT = 6 << 30  # address space of one build: far above what a small site needs


def build(case, timeout=60):
    """Runs `vitrina build` with a time and memory limit; returns (rc, stderr, peak RSS in MiB)."""
    env = dict(os.environ, VITRINA_LANG="en", NO_COLOR="1")

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    p = subprocess.Popen([BIN, "build", "-q", "--site", str(case.site), "--out", str(case.out)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, preexec_fn=limit)
    timer = threading.Timer(timeout, p.kill)
    timer.start()
    err = p.stderr.read()
    p.stderr.close()
    _, status, usage = os.wait4(p.pid, 0)  # this child's own peak, not the test's other runs
    p.returncode = os.waitstatus_to_exitcode(status)
    if not timer.is_alive():
        raise AssertionError(f"build did not finish within {timeout} s")
    timer.cancel()
    return p.returncode, err.decode("utf-8", "replace"), usage.ru_maxrss / 1024


def page(title, body=""):
    return f"---\ntitle: {title}\n---\n{body}\n"


class InputLimits(unittest.TestCase):
    def setUp(self):
        self.case = TempCase()

    def tearDown(self):
        self.case.cleanup()

    def path(self, rel):
        return self.case.site / rel

    def expect_error(self, rc, err, *words):
        self.assertEqual(rc, 1, f"expected a data error, got rc={rc}:\n{err[-2000:]}")
        for w in words:
            self.assertIn(w, err)

    def test_fifo_as_data_file_is_an_error_not_a_hang(self):
        f = self.path("data/programmes/alpha/measures.json")
        f.unlink()
        os.mkfifo(f)
        rc, err, _ = build(self.case)
        self.expect_error(rc, err, "data/programmes/alpha/measures.json", "not a regular file")

    def test_device_node_as_data_file_does_not_fill_memory(self):
        f = self.path("data/programmes/alpha/indicators.json")
        f.unlink()
        try:
            os.mknod(f, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # what /dev/zero is
        except PermissionError:
            self.skipTest("mknod needs root")
        rc, err, _ = build(self.case)
        self.expect_error(rc, err, "data/programmes/alpha/indicators.json", "not a regular file")

    def test_fifo_page_is_reported_not_dropped(self):
        os.mkfifo(self.path("content/alpha/02-pipe.md"))
        rc, err, _ = build(self.case)
        self.expect_error(rc, err, "content/alpha/02-pipe.md", "not a regular file")

    def test_oversize_files_are_never_read_whole(self):
        # A 3 GiB scan left in content/ (sparse: costs no disk) and a 100 MiB page.
        with open(self.path("content/alpha/scan.pdf"), "wb") as f:
            f.truncate(3 << 30)
        with open(self.path("content/alpha/02-huge.md"), "wb") as f:
            f.write(page("Huge").encode())
            f.truncate(100 << 20)
        rc, err, peak = build(self.case)
        self.expect_error(rc, err, "content/alpha/02-huge.md", "too large")
        self.assertNotIn("scan.pdf", err)  # not a page: fingerprinted by its stamp only
        self.assertLess(peak, 400, f"peak memory {peak:.0f} MiB: an oversize file was read")
        # Without the page, the scan alone does not stop the build.
        self.path("content/alpha/02-huge.md").unlink()
        rc, err, peak = build(self.case)
        self.assertEqual(rc, 0, err)

    def test_gfm_table_that_cmark_would_pad_to_gigabytes(self):
        columns = 5000
        table = "|" + "a|" * columns + "\n|" + "-|" * columns + "\n" + "|\n" * 4000  # ~29 KB
        self.path("content/alpha/02-table.md").write_text(page("Table", table), encoding="utf-8")
        rc, err, peak = build(self.case)
        self.expect_error(rc, err, "content/alpha/02-table.md:4:1:", "5000")
        self.assertLess(peak, 1024, f"peak memory {peak:.0f} MiB")

    def test_a_large_table_within_the_limit_renders(self):
        rows = "\n".join("| " + " | ".join(f"r{r}c{c}" for c in range(10)) + " |" for r in range(2000))
        table = "| " + " | ".join(f"h{c}" for c in range(10)) + " |\n|" + "---|" * 10 + "\n" + rows
        self.path("content/alpha/02-table.md").write_text(page("Table", table), encoding="utf-8")
        rc, err, _ = build(self.case)
        self.assertEqual(rc, 0, err)
        html = (self.case.out / "programmes/alpha/pages/02-table/index.html").read_text(encoding="utf-8")
        self.assertIn("<td>r1999c9</td>", html)

    def test_nesting_depth(self):
        self.path("content/alpha/02-deep.md").write_text(page("Deep", "text\n\n" + "> " * 5000 + "deep\n"),
                                                         encoding="utf-8")
        rc, err, _ = build(self.case)
        self.expect_error(rc, err, "content/alpha/02-deep.md:6:1:", "100")

    def test_pages_per_folder(self):
        d = self.path("content/alpha")
        for i in range(2001):
            (d / f"p{i:04}.md").write_text(page(f"P{i}"), encoding="utf-8")
        rc, err, _ = build(self.case)
        self.expect_error(rc, err, "content/alpha", "2002", "2000")

    def test_page_lists_grow_linearly(self):
        """Every page listed all of its programme's pages: output grew with the square."""
        sizes = {}
        for n in (100, 400):
            case = TempCase()
            try:
                for i in range(n):
                    (case.site / "content/alpha" / f"p{i:04}.md").write_text(page(f"Страница {i}"), encoding="utf-8")
                rc, err, _ = build(case, timeout=300)
                self.assertEqual(rc, 0, err)
                sizes[n] = sum(p.stat().st_size for p in case.out.rglob("*.html"))
            finally:
                case.cleanup()
        ratio = sizes[400] / sizes[100]
        self.assertLess(ratio, 5.5, f"4× the pages gave {ratio:.1f}× the HTML: quadratic")


if __name__ == "__main__":
    unittest.main()
