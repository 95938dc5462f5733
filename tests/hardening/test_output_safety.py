"""Where Vitrina writes and what it may destroy (issue 17 items 1-3, issue 23 item 4).

End to end through the binary, as a careless user or an attacker would try it:
* output ownership: a folder Vitrina did not make is refused (exit 2, nothing touched);
  --force adopts it and its files survive every later build; the site, its inputs, its
  cache, `/` and $HOME are always refused; `--out public/`, `--out .` and a mount point work;
  `annex -o` never overwrites an input or a file Vitrina did not make;
* one build per output at a time: a lock with --wait, taken over from a dead holder, taken
  by `serve` for its rebuilds; two builds at once never publish part of a site;
* a cache that cannot lie: a damaged build cache or snapshot means a full build, a symbolic
  link planted in the previous tree is never followed;
* nothing but the output folder in its parent: the cache lives in <site>/.vitrina.
Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/hardening/test_output_safety.py
"""
import atexit
import fcntl
import functools
import json
import os
import pathlib
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from common import BIN, SOURCE, TempCase, run, tree  # noqa: E402

BIN = os.path.abspath(BIN)

RU = {"VITRINA_LANG": "ru"}


@functools.lru_cache(maxsize=None)
def corpus(programmes):
    """A generated site of `programmes` programmes (bench/gen-corpus), made once per run."""
    d = pathlib.Path(tempfile.mkdtemp(prefix="vitrina-corpus-"))
    atexit.register(shutil.rmtree, d, True)
    subprocess.run([sys.executable, str(SOURCE / "bench/gen-corpus"), str(d / "site"), "--programmes", str(programmes),
                    "--indicators", "6"], check=True, capture_output=True, timeout=300)
    return d / "site"


def set_title(site, suffix):
    """Changes the site title (shown on every page)."""
    p = pathlib.Path(site) / "data/site.json"
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["title"] = doc["title"].split(" #")[0] + " #" + suffix
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def work_folders(site):
    """The private folders of the outputs built from `site` (<site>/.vitrina/builds/*)."""
    return sorted(pathlib.Path(site).glob(".vitrina/builds/*"))


def build_caches(case):
    """The build cache of case.out, wherever this version of Vitrina keeps it."""
    found = [w / "build-cache" for w in work_folders(case.site)] + [case.root / f".{case.out.name}.vitrina-cache"]
    return [p for p in found if p.is_file()]


def previous_trees(case):
    found = [w / "prev" for w in work_folders(case.site)] + [case.root / f".{case.out.name}.prev"]
    return [p for p in found if p.is_dir() and not p.is_symlink()]


def inodes(root):
    return {p.relative_to(root).as_posix(): p.lstat().st_ino for p in pathlib.Path(root).rglob("*")}


def mount_tmpfs(path, size="64m"):
    """Mounts a tmpfs at `path`; False when this machine does not allow it (not root, a container)."""
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    return r.returncode == 0


def umount(path):
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


class Case(unittest.TestCase):
    def setUp(self):
        self.case = TempCase()
        self.site, self.out, self.root = self.case.site, self.case.out, self.case.root

    def tearDown(self):
        self.case.cleanup()

    def build(self, *extra, out=None, expect=0, env=None, cwd=None, site=None):
        args = ["build", "--site", site or self.site]
        if out is not None:
            args += ["--out", out]
        e = dict(os.environ, VITRINA_LANG="en", NO_COLOR="1")
        e.update(env or {})
        r = subprocess.run([BIN, *map(str, args), *map(str, extra)], capture_output=True, timeout=300, env=e, cwd=cwd)
        err = r.stderr.decode("utf-8", "replace")
        if expect is not None:
            self.assertEqual(r.returncode, expect, err[-3000:])
        return err

    def reference(self, name="ref"):
        """A fresh build of a copy of the site as it is now: {path: sha256}."""
        ref, site = self.root / name, self.root / (name + "-site")
        shutil.copytree(self.site, site, ignore=shutil.ignore_patterns(".vitrina"))
        self.build(out=ref, site=site)
        t = tree(ref)
        shutil.rmtree(ref)
        shutil.rmtree(site)
        return t


class TestOwnership(Case):
    def foreign_folder(self, name="cms"):
        d = self.root / name
        (d / "photos").mkdir(parents=True)
        (d / "thesis.docx").write_bytes(b"PK\x03\x04 the methodologist's thesis")
        (d / "photos/a.jpg").write_bytes(b"\xff\xd8\xff photo")
        return d

    def test_a_folder_vitrina_did_not_make_is_refused_and_untouched(self):
        d = self.foreign_folder()
        before, parent_before = tree(d), sorted(os.listdir(self.root))
        err = self.build(out=d, expect=2, env=RU)
        self.assertIn(str(d), err)
        self.assertIn("--force", err)
        self.assertIn("собирала её не Витрина", err)
        self.assertEqual(tree(d), before)
        self.assertEqual(sorted(os.listdir(self.root)), parent_before, "something was written beside the folder")

    def test_force_adopts_a_folder_and_its_files_survive_every_build(self):
        d = self.foreign_folder()
        ino = inodes(d)
        self.build("--force", out=d)
        self.assertTrue((d / "index.html").is_file())
        (d / "programmes/notes.txt").write_text("a note the IT specialist left among the pages")
        for i in range(3):  # a change, a programme removed, another change: never --force again
            set_title(self.site, str(i))
            if i == 1:
                shutil.rmtree(self.site / "content/alpha")
            self.build(out=d)
            self.assertEqual((d / "thesis.docx").read_bytes(), b"PK\x03\x04 the methodologist's thesis")
            self.assertEqual((d / "photos/a.jpg").read_bytes(), b"\xff\xd8\xff photo")
            self.assertTrue((d / "programmes/notes.txt").is_file())
            for rel in ("thesis.docx", "photos", "photos/a.jpg"):
                self.assertEqual((d / rel).lstat().st_ino, ino[rel], f"{rel} was moved or replaced")
        # The site is exactly what a fresh build makes, plus the foreign files.
        mine = {k: v for k, v in tree(d).items() if k not in ("thesis.docx", "photos/a.jpg", "programmes/notes.txt")}
        self.assertEqual(mine, self.reference())
        self.assertFalse((d / "programmes/alpha/pages").exists(), "a page Vitrina no longer makes was kept")

    def test_a_foreign_file_where_the_site_has_one_stops_the_build(self):
        d = self.foreign_folder()
        (d / "index.html").write_text("the CMS's own home page")
        before = tree(d)
        err = self.build("--force", out=d, expect=2, env=RU)
        self.assertIn("index.html", err)
        self.assertEqual(tree(d), before, "the folder was changed")

    def test_the_site_its_inputs_its_cache_root_and_home_are_always_refused(self):
        home = self.root / "home"
        home.mkdir()
        before = tree(self.site)
        cases = [self.site, self.root, self.site / "data", self.site / "data/programmes", self.site / "content/alpha/x",
                 self.site / "templates", self.site / ".vitrina/builds", home, pathlib.Path("/")]
        for out in cases:  # no subTest: the first failure stops before `/` (an old binary wrote there)
            for force in ([], ["--force"]):
                err = self.build(*force, out=out, expect=2, env={"HOME": str(home), **RU})
                self.assertIn(str(out), err)
                self.assertEqual({k: v for k, v in tree(self.site).items() if not k.startswith(".vitrina/")}, before)
                self.assertEqual(os.listdir(home), [])
        # `--out .` inside the site is the site.
        self.build(site=".", out=".", expect=2, cwd=self.site)
        # A cache folder inside the output would be published.
        self.build("--cache-dir", self.out / "cache", out=self.out, expect=2)
        self.assertFalse(self.out.exists())

    def test_trailing_slash_dot_and_a_mount_point_work(self):
        self.build(out=str(self.root / "public") + "/")
        self.assertTrue((self.root / "public/index.html").is_file())
        self.assertEqual(sorted(os.listdir(self.root)), ["public", "site"])
        here = self.root / "here"
        here.mkdir()
        ino = here.stat().st_ino
        self.build(out=".", cwd=here)
        set_title(self.site, "dot")
        self.build(out=".", cwd=here)
        self.assertEqual(here.stat().st_ino, ino, "the current folder was swapped away from under the shell")
        self.assertEqual(tree(here), self.reference())
        mnt = self.root / "mnt"
        if not mount_tmpfs(mnt):
            self.skipTest("cannot mount a tmpfs here (not root?)")
        try:
            self.build(out=mnt)
            set_title(self.site, "mounted")
            self.build(out=mnt)
            self.assertEqual(tree(mnt), self.reference())
        finally:
            umount(mnt)

    def test_nothing_but_the_output_folder_in_its_parent(self):
        for i in range(3):
            set_title(self.site, str(i))
            self.build(out=self.out)
        self.assertEqual(sorted(os.listdir(self.root)), ["out", "site"])
        self.assertEqual(len(work_folders(self.site)), 1)
        # --cache-dir puts it elsewhere: the site folder stays as it was.
        cache = self.root / "cache"
        self.build("--cache-dir", cache, out=self.root / "public")
        self.assertTrue((cache / "CACHEDIR.TAG").is_file())
        self.assertEqual(sorted(os.listdir(self.root)), ["cache", "out", "public", "site"])


class TestOtherFileSystem(Case):
    """The cache and the output on different file systems: published by copying, correctly."""

    def test_output_on_another_file_system(self):
        fs2 = self.root / "fs2"
        if not mount_tmpfs(fs2):
            self.skipTest("cannot mount a tmpfs here (not root?)")
        try:
            out = fs2 / "public"
            self.build(out=out)
            for i in range(2):
                set_title(self.site, str(i))
                if i == 1:
                    shutil.rmtree(self.site / "content/alpha")
                err = self.build("-v", out=out)
                self.assertIn("in place", err)
                self.assertEqual(tree(out), self.reference())
            self.assertEqual(os.listdir(fs2), ["public"])
            # A killed publication left a temporary file: the next build removes it.
            (out / ".index.html.vitrina-tmp").write_text("x")
            set_title(self.site, "after")
            self.build(out=out)
            self.assertEqual(tree(out), self.reference())
        finally:
            umount(fs2)


class TestAnnexOutput(Case):
    def annex(self, target, *extra, expect=0):
        r = run("annex", "alpha", "-o", target, "--site", self.site, *extra, env=RU)
        err = r.stderr.decode("utf-8", "replace")
        self.assertEqual(r.returncode, expect, err)
        return err

    def test_annex_never_overwrites_an_input_or_a_file_it_did_not_make(self):
        site_json = self.site / "data/site.json"
        before = site_json.read_bytes()
        self.assertIn("исходных файлов", self.annex(site_json, expect=2))
        self.annex(site_json, "--force", expect=2)
        self.annex(self.site / "data/programmes/alpha/annex.xlsx", expect=2)
        self.assertEqual(site_json.read_bytes(), before)
        self.assertFalse((self.site / "data/programmes/alpha/annex.xlsx").exists())
        # Someone else's workbook: kept unless --force.
        theirs = self.root / "board.xlsx"
        theirs.write_bytes(b"the secretary's own workbook")
        self.assertIn("--force", self.annex(theirs, expect=2))
        self.assertEqual(theirs.read_bytes(), b"the secretary's own workbook")
        self.annex(theirs, "--force")
        self.assertEqual(theirs.read_bytes()[:2], b"PK")
        # Its own workbook is replaced without a word; once edited by hand, it is not.
        mine = self.root / "alpha.xlsx"
        self.annex(mine)
        self.annex(mine)
        with open(mine, "ab") as f:
            f.write(b"edited")
        self.assertIn("--force", self.annex(mine, expect=2))
        self.annex(mine, "--force")
        self.assertEqual(sorted(p.name for p in self.root.iterdir()), ["alpha.xlsx", "board.xlsx", "site"])
        # Inside a built site, or a folder: refused.
        self.build(out=self.out)
        self.annex(self.out / "xlsx/alpha.xlsx", expect=2)
        self.annex(self.root, expect=2)


class TestLock(Case):
    """The lock is the output's parent folder (flock): a test holds it as another build would."""

    def hold(self):
        self.build(out=self.out)
        fd = os.open(self.root, os.O_RDONLY)
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def test_a_second_build_waits_gives_up_after_wait_and_takes_a_dead_holders_lock(self):
        fd = self.hold()
        sleeper = subprocess.Popen(["sleep", "600"])  # a live process id to name
        try:
            for work in work_folders(self.site):  # who holds it, for the message
                (work / "lock").write_text(f"{sleeper.pid}\n")
            t0 = time.monotonic()
            err = self.build("--wait", "1", out=self.out, expect=3, env=RU)
            self.assertGreaterEqual(time.monotonic() - t0, 0.9)
            self.assertIn(str(sleeper.pid), err)
            self.assertIn("--wait", err)
            # Without --wait it waits, saying so, and builds once the lock is free.
            set_title(self.site, "waited")
            p = subprocess.Popen([BIN, "build", "--site", str(self.site), "--out", str(self.out)],
                                 stderr=subprocess.PIPE, env=dict(os.environ, VITRINA_LANG="ru"))
            time.sleep(1.5)
            self.assertIsNone(p.poll(), "the second build did not wait")
            self.assertNotIn("#waited", (self.out / "index.html").read_text(encoding="utf-8"))
        finally:
            os.close(fd)
            sleeper.kill()
            sleeper.wait()
        _, err = p.communicate(timeout=120)
        self.assertEqual(p.returncode, 0, err.decode())
        self.assertIn("жду", err.decode())
        self.assertIn("#waited", (self.out / "index.html").read_text(encoding="utf-8"))
        # A holder killed with SIGKILL leaves nothing to clean up.
        holder = subprocess.Popen([sys.executable, "-c", "import fcntl,os,time\n"
                                   f"fd=os.open({str(self.root)!r}, os.O_RDONLY); fcntl.flock(fd, fcntl.LOCK_EX)\n"
                                   "print('held', flush=True); time.sleep(600)"], stdout=subprocess.PIPE)
        self.assertEqual(holder.stdout.readline().strip(), b"held")
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
        set_title(self.site, "after-kill")
        self.build("--wait", "5", out=self.out)

    def test_serve_takes_the_lock_for_its_rebuilds(self):
        os.close(self.hold())
        p = subprocess.Popen([BIN, "serve", "--site", str(self.site), "--out", str(self.out), "--port", "0", "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(os.environ, VITRINA_LANG="en"))
        try:
            self.assertIn(b"http://", p.stdout.readline())
            time.sleep(1)  # serve starts watching the inputs just after it says where it listens
            fd = os.open(self.root, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                set_title(self.site, "served")
                time.sleep(2)
                self.assertNotIn("#served", (self.out / "index.html").read_text(encoding="utf-8"))
            finally:
                os.close(fd)
            deadline = time.monotonic() + 30
            while "#served" not in (self.out / "index.html").read_text(encoding="utf-8"):
                self.assertLess(time.monotonic(), deadline, "serve did not rebuild after the lock was released")
                time.sleep(0.2)
        finally:
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=30)


class TestConcurrentBuilds(unittest.TestCase):
    """Two builds into one folder at the same moment (CI beside a local run)."""

    def test_two_builds_at_once_leave_one_complete_site(self):
        root = pathlib.Path(tempfile.mkdtemp(prefix="vitrina-race-"))
        try:
            sites = {}
            for name in ("A", "B"):
                sites[name] = root / f"site{name}"
                shutil.copytree(corpus(10), sites[name])
            set_title(sites["B"], "B")
            refs = {}
            for name, site in sites.items():
                r = run("build", "--site", site, "--out", root / f"ref{name}", "-q", timeout=300)
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                refs[name] = tree(root / f"ref{name}")
            out = root / "out"
            rng = random.Random(17)
            for i in range(3):
                env = dict(os.environ, VITRINA_LANG="en")
                first, second = ("A", "B") if i % 2 else ("B", "A")
                a = subprocess.Popen([BIN, "build", "--site", str(sites[first]), "--out", str(out), "-q"],
                                     stderr=subprocess.PIPE, env=env)
                time.sleep(rng.uniform(0.0, 0.4))
                b = subprocess.Popen([BIN, "build", "--site", str(sites[second]), "--out", str(out), "-q"],
                                     stderr=subprocess.PIPE, env=env)
                for p in (a, b):
                    _, err = p.communicate(timeout=300)
                    self.assertEqual(p.returncode, 0, err.decode())
                t = tree(out)
                self.assertIn(t, (refs["A"], refs["B"]), f"round {i}: {len(t)} files, neither complete site "
                              f"({len(refs['A'])} / {len(refs['B'])} files)")
        finally:
            shutil.rmtree(root, ignore_errors=True)


class TestCacheCannotLie(Case):
    def setUp(self):
        super().setUp()
        shutil.rmtree(self.site)
        shutil.copytree(corpus(4), self.site)

    def change_one_programme(self, tag):
        f = sorted((self.site / "data/programmes").glob("*/programme.json"))[0]
        doc = json.loads(f.read_text(encoding="utf-8"))
        doc["title"] = doc["title"].split(" #")[0] + " #" + tag
        f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    def test_a_damaged_build_cache_means_a_full_build(self):
        def cut_inside_last_hash(b):
            # What a full disk leaves: the file ends inside its last SHA-256 (an open-data file's).
            last = list(re.finditer(rb"[0-9a-f]{64}", b))[-1]
            return b[: last.start() + 20]

        damages = {
            "cut inside the last field": lambda b: b[:-3],
            "cut inside the last hash": cut_inside_last_hash,
            "one byte changed": lambda b: b[:-10] + bytes([b[-10] ^ 1]) + b[-9:],
        }
        for i, (name, damage) in enumerate(damages.items()):
            with self.subTest(damage=name):
                self.build(out=self.out)
                [cache] = build_caches(self.case)
                cache.write_bytes(damage(cache.read_bytes()))
                self.change_one_programme(str(i))
                self.build(out=self.out)
                self.assertEqual(tree(self.out), self.reference())

    def test_damaged_snapshots_are_not_used(self):
        self.build(out=self.out)
        snaps = sorted(self.site.glob(".vitrina/builds/*/snapshots/*.snapshot")) + \
            sorted(self.root.glob(".out.vitrina-model/*.snapshot"))
        self.assertGreater(len(snaps), 3)
        for s in snaps:
            b = s.read_bytes()
            s.write_bytes(b[: len(b) // 2])
        set_title(self.site, "snap")
        self.build(out=self.out)
        self.assertEqual(tree(self.out), self.reference())

    def test_a_cache_that_cannot_be_written_means_a_full_build_next_time(self):
        self.build(out=self.out)
        [work] = work_folders(self.site)
        (work / "build-cache").unlink()
        (work / "build-cache/in-the-way").mkdir(parents=True)  # the cache cannot be renamed into place
        self.change_one_programme("x")
        err = self.build(out=self.out)
        self.assertIn("build cache", err)
        shutil.rmtree(work / "build-cache")
        set_title(self.site, "next")
        self.build(out=self.out)
        self.assertEqual(tree(self.out), self.reference())

    def test_a_killed_builds_half_written_cache_is_cleared_by_the_next_build(self):
        # SIGKILL between writing the cache's temporary file and renaming it leaves
        # ".build-cache.tmp-PID"; the next build (holding the folder's lock) removes it.
        self.build(out=self.out)
        [work] = work_folders(self.site)
        stale = [work / ".build-cache.tmp-4242", work / ".output.tmp-77"]
        for f in stale:
            f.write_bytes(b"half a cache")
        self.build(out=self.out)
        self.assertEqual([f.name for f in stale if f.exists()], [])
        self.assertEqual(sorted(p.name for p in work.iterdir() if p.name.startswith(".")), [])

    def test_a_link_planted_in_the_previous_tree_is_never_followed(self):
        victim = self.root / "victim"
        victim.mkdir()
        (victim / "keep.txt").write_text("keep")
        self.build(out=self.out)
        set_title(self.site, "1")
        self.build(out=self.out)
        [prev] = previous_trees(self.case)
        shutil.rmtree(prev / "programmes")
        (prev / "programmes").symlink_to(victim)
        (prev / "index.html").unlink()
        (prev / "index.html").symlink_to(victim / "keep.txt")
        set_title(self.site, "2")
        self.build(out=self.out)
        self.assertEqual(tree(victim), {"keep.txt": tree(victim)["keep.txt"]})
        self.assertEqual((victim / "keep.txt").read_text(), "keep")
        self.assertFalse((self.out / "programmes").is_symlink())
        self.assertEqual(tree(self.out), self.reference())


if __name__ == "__main__":
    unittest.main()
