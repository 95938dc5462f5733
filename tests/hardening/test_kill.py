"""Atomic publication under SIGKILL (issue: hardening, item 4).

A generated 40-programme site is built once (site A) into out/; then, in a loop, a build
of a changed site (B, or A again once B is live) is started and killed with SIGKILL after a
random delay. After every kill out/ must be exactly one complete site — byte for byte the
reference build of A or of B — never a mix, and leftovers of killed builds must not break
the next build. VITRINA_KILL_ITERATIONS overrides the number of iterations (default 30).
"""
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from common import BIN, SOURCE, TempCase, run, tree  # noqa: E402

ITERATIONS = int(os.environ.get("VITRINA_KILL_ITERATIONS", "30"))


class TestKill(unittest.TestCase):
    def setUp(self):
        self.case = TempCase()
        root = self.case.root
        # A private copy of the bundled templates and theme, so that every build of this
        # test sees the same files even while the source tree is being edited.
        share = root / "share"
        for d in ("templates", "themes"):
            shutil.copytree(SOURCE / d, share / d)
        self.env = dict(os.environ, VITRINA_SHARE=str(share), VITRINA_LANG="en", NO_COLOR="1")
        # ...and a private copy of the binary (a rebuild during the test must not change it).
        self.bin = str(root / "vitrina")
        shutil.copy2(BIN, self.bin)
        self.sites = {}
        for name in ("A", "B"):
            site = root / f"site{name}"
            subprocess.run(["/usr/bin/python3", str(SOURCE / "bench/gen-corpus"), str(site), "--programmes", "40",
                            "--indicators", "10"], check=True, capture_output=True, timeout=300)
            self.sites[name] = site
        # B differs from A in a title shown on every page and in some data files.
        sj = self.sites["B"] / "data/site.json"
        doc = json.loads(sj.read_text(encoding="utf-8"))
        doc["title"] = doc.get("title", "") + " (B)"
        sj.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        self.refs = {}
        for name, site in self.sites.items():
            t0 = time.monotonic()
            r = run("build", "--site", site, "--out", root / f"ref{name}", "-q", timeout=600,
                    env=self.env, binary=self.bin)
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            self.build_seconds = time.monotonic() - t0
            self.refs[name] = tree(root / f"ref{name}")
        self.assertNotEqual(self.refs["A"], self.refs["B"])

    def tearDown(self):
        self.case.cleanup()

    def which(self, out):
        t = tree(out)
        for name, ref in self.refs.items():
            if t == ref:
                return name
        missing = sorted(set(self.refs["A"]) - set(t))[:5]
        extra = sorted(set(t) - set(self.refs["A"]) - set(self.refs["B"]))[:5]
        differ = {n: sorted(k for k in t if t[k] != ref.get(k))[:5] for n, ref in self.refs.items()}
        origin = {}
        for k, h in t.items():
            o = "both" if h == self.refs["A"].get(k) == self.refs["B"].get(k) else \
                "A" if h == self.refs["A"].get(k) else "B" if h == self.refs["B"].get(k) else "neither"
            origin.setdefault(o, []).append(k)
        differ["origin"] = {o: (len(v), v[:3]) for o, v in origin.items()}
        keep = os.environ.get("VITRINA_KILL_KEEP")  # folder to keep the evidence in
        if keep:
            shutil.copytree(self.case.root, keep, symlinks=True, dirs_exist_ok=True)
        self.fail(f"output is neither complete site: {len(t)} files, missing {missing}, extra {extra}, "
                  f"differing from each reference: {differ}")

    def test_sigkill_at_random_points_never_damages_output(self):
        out = self.case.out
        r = run("build", "--site", self.sites["A"], "--out", out, "-q", timeout=600, env=self.env, binary=self.bin)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        live = self.which(out)
        rng = random.Random(7331)
        outcomes = {"killed-before-swap": 0, "finished-or-swapped": 0}
        deadline = time.monotonic() + 240
        for i in range(ITERATIONS):
            if time.monotonic() > deadline:
                break
            other = "B" if live == "A" else "A"
            # Mostly kill inside the build, sometimes very early or just around the swap.
            delay = rng.choice([rng.uniform(0, 0.05), rng.uniform(0, self.build_seconds * 1.1),
                                rng.uniform(self.build_seconds * 0.6, self.build_seconds * 1.05)])
            p = subprocess.Popen([self.bin, "build", "--site", str(self.sites[other]), "--out", str(out), "-q"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=60)
            now = self.which(out)
            outcomes["finished-or-swapped" if now == other else "killed-before-swap"] += 1
            live = now
        self.assertGreater(outcomes["killed-before-swap"], 0, "no kill landed inside a build")
        # Leftovers of killed builds do not break the next one, which cleans them up.
        other = "B" if live == "A" else "A"
        r = run("build", "--site", self.sites[other], "--out", out, "-q", timeout=600, env=self.env, binary=self.bin)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(self.which(out), other)
        # Nothing beside the output folder; in the site's cache folder, the build cache and the
        # previous tree (the next staging base) are meant to stay, staging trees of killed builds not.
        stray = [p.name for p in self.case.root.iterdir() if p.name.startswith(".")]
        print(f"kill loop: {outcomes}, build {self.build_seconds:.2f}s", file=sys.stderr)
        self.assertEqual(stray, [], "files left beside the output folder")
        works = list(self.sites[other].glob(".vitrina/builds/out-*"))  # (ref-* are the references')
        self.assertEqual(len(works), 1)
        # (The staging tree's listing, listing-live, is there when the last build staged into a
        # previous tree, which a kill may have left or not.)
        self.assertEqual(sorted(p.name for p in works[0].iterdir() if p.name != "listing-live"),
                         ["build-cache", "listing-prev", "lock", "output", "prev", "results", "search", "snapshots"])
        self.assertEqual([p.name for p in (works[0] / "snapshots").iterdir() if not p.name.endswith(".snapshot")], [])
        # No temporary file of a killed build (util/atomic_file: ".NAME.tmp-…") in the caches; the
        # search cache's own records of the site-wide pages and of the index are ".site" and ".index".
        for cache in ("search", "results"):
            self.assertEqual([p.name for p in (works[0] / cache).iterdir() if ".tmp-" in p.name], [], cache)
        self.assertEqual(sorted(p.name for p in (works[0] / "search").iterdir() if p.name.startswith(".")),
                         [".index", ".site"])


if __name__ == "__main__":
    unittest.main()
