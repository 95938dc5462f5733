"""The Debian package (packaging/deb.cmake), as a municipal IT specialist gets and uses it.

`cpack -G DEB` builds vitrina_<version>_<arch>.deb from the build folder; the test checks its
control fields (Depends: names the package of every library the binary links, and every one of
them is installed here, and apt, asked to simulate `apt-get install ./vitrina_….deb`, resolves
them from this Debian 12's sources) and its contents (the binary, every bundled template and
theme file, the JSON Schemas, the docs), installs it with dpkg into a scratch root (its own dpkg
database: `dpkg --root`; the libraries are this system's, checked by the Depends test) and, from
a folder outside the source tree with no VITRINA_SHARE, makes a site with the installed binary
(`vitrina new`), checks and builds it. A marker added to the installed
templates/layout.mustache must appear on the pages: the binary found its files beside itself
(../share/vitrina), not in the source tree it was compiled from.

Run: VITRINA_BUILD_DIR=build CPACK=cpack /usr/bin/python3 -m unittest tests/package/test_deb.py
"""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(os.environ.get("VITRINA_BUILD_DIR", os.path.join(ROOT, "build")))
CPACK = os.environ.get("CPACK", "cpack")
MARKER = "<!-- vitrina: installed templates -->"


def run(args, stderr_too=False, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise AssertionError(f"{args} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r.stdout + r.stderr if stderr_too else r.stdout


def tree(root):
    return {os.path.relpath(os.path.join(d, n), root) for d, _, names in os.walk(root) for n in names}


class DebianPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="vitrina-deb-")
        run([CPACK, "-G", "DEB", "--config", os.path.join(BUILD, "CPackConfig.cmake"), "-B", cls.tmp])
        debs = glob.glob(os.path.join(cls.tmp, "*.deb"))
        assert len(debs) == 1, debs
        cls.deb = debs[0]
        cls.fields = dict(re.findall(r"(?m)^ ?([A-Za-z-]+): (.*)$", run(["dpkg-deb", "-f", cls.deb])))
        cls.root = os.path.join(cls.tmp, "root")
        admin = os.path.join(cls.root, "var", "lib", "dpkg")
        for d in ("info", "updates", "triggers"):
            os.makedirs(os.path.join(admin, d))
        for f in ("status", "available"):
            open(os.path.join(admin, f), "w").close()
        # The scratch root's database has none of the libraries: Depends is checked against this
        # system by test_depends_… and by apt below.
        force = ["--force-depends", "--force-script-chrootless"] + (["--force-not-root"] if os.geteuid() else [])
        run(["dpkg", f"--root={cls.root}", "--log=/dev/null", *force, "-i", cls.deb])
        cls.status = run(["dpkg", f"--root={cls.root}", "-s", "vitrina"])
        cls.files = {f for f in tree(cls.root) if not f.startswith("var" + os.sep)}  # not dpkg's database
        cls.bin = os.path.join(cls.root, "usr", "bin", "vitrina")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_file_name_and_control_fields(self):
        version = run([self.bin, "--version"]).split()[-1]
        arch = run(["dpkg", "--print-architecture"]).strip()
        self.assertEqual(os.path.basename(self.deb), f"vitrina_{version}_{arch}.deb")
        self.assertEqual(self.fields["Package"], "vitrina")
        self.assertEqual(self.fields["Version"], version)
        self.assertEqual(self.fields["Architecture"], arch)

    def test_depends_names_the_package_of_every_linked_library(self):
        depends = {d.strip().split()[0] for d in self.fields["Depends"].split(",")}
        needed = re.findall(r"\(NEEDED\).*\[(.*)\]", run(["readelf", "-d", self.bin]))
        paths = dict(re.findall(r"^\s*(\S+) => (\S+)", run(["ldd", self.bin]), re.M))
        self.assertGreater(len(needed), 5)
        for lib in needed:
            with self.subTest(library=lib):
                owner = None
                for p in (paths[lib], "/usr" + paths[lib], os.path.realpath(paths[lib])):
                    r = subprocess.run(["dpkg", "-S", p], capture_output=True, text=True)
                    if r.returncode == 0:
                        owner = r.stdout.split(":")[0]
                        break
                self.assertIsNotNone(owner, f"no Debian package owns {paths[lib]}")
                self.assertIn(owner, depends)
        for pkg in depends:
            with self.subTest(depends=pkg):
                r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
                self.assertEqual(r.stdout, "install ok installed")

    def test_installed_by_dpkg_and_resolvable_by_apt(self):
        self.assertIn("Status: install ok installed", self.status)
        r = subprocess.run(["apt-get", "install", "--simulate", "--no-install-recommends", self.deb],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"(?m)^Inst vitrina ")

    def test_the_tools_cpack_needs_are_installed_by_install_deps(self):
        """CPack's DEB generator runs `file` and dpkg-shlibdeps: on a fresh Debian 12 they must come
        from scripts/install-deps.sh (its packages or their dependencies) or be Essential."""
        with open(os.path.join(ROOT, "scripts", "install-deps.sh"), encoding="utf-8") as f:
            build_pkgs = re.search(r"(?s)BUILD_PKGS=\((.*?)\)", f.read()).group(1).split()
        closure = set(run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                           "--no-breaks", "--no-replaces", "--no-enhances", *build_pkgs]).split())
        for tool in ("file", "dpkg-shlibdeps", "dpkg-deb"):
            with self.subTest(tool=tool):
                path = os.path.realpath(shutil.which(tool) or self.fail(f"{tool} is not installed"))
                package = run(["dpkg", "-S", path]).split(":")[0]
                essential = run(["dpkg-query", "-W", "-f=${Essential}", package]).strip() == "yes"
                self.assertTrue(essential or package in closure,
                                f"{tool} comes from {package}, which scripts/install-deps.sh does not install")

    def test_contents(self):
        files = self.files
        share = os.path.join("usr", "share", "vitrina")
        self.assertIn(os.path.join("usr", "bin", "vitrina"), files)
        for folder in ("templates", "themes"):
            bundled = {os.path.join(share, folder, f) for f in tree(os.path.join(ROOT, folder))}
            self.assertTrue(bundled)
            self.assertLessEqual(bundled, files, f"{folder}/ is not all in the package")
        schemas = {os.path.join(share, "schema", f) for f in tree(os.path.join(ROOT, "docs", "schema"))}
        self.assertLessEqual(schemas, files)
        self.assertIn(os.path.join("usr", "share", "doc", "vitrina", "README.md"), files)
        self.assertTrue(all(f.startswith("usr" + os.sep) for f in files), files)

    def test_the_installed_binary_builds_a_site_outside_the_source_tree(self):
        with open(os.path.join(self.root, "usr", "share", "vitrina", "templates", "layout.mustache"), "a") as f:
            f.write(MARKER + "\n")
        work = os.path.join(self.tmp, "municipality")
        os.makedirs(work)
        env = {k: v for k, v in os.environ.items() if not k.startswith("VITRINA_")}
        env["PATH"] = "/usr/bin:/bin"
        site = os.path.join(work, "site")
        run([self.bin, "new", "site", "--period", "2024-2026", "--programme-id", "p-2024"], cwd=work, env=env)
        self.assertIn("ошибок: 0, предупреждений: 0", run([self.bin, "check", "--site", "site"], cwd=work, env=env, stderr_too=True))
        out = run([self.bin, "build"], cwd=site, env=env)
        with open(os.path.join(site, "output", "index.html"), encoding="utf-8") as f:
            index = f.read()
        self.assertIn(MARKER, index, "the installed binary did not use the installed templates")
        self.assertTrue(os.path.isfile(os.path.join(site, "output", "board.xlsx")), out)
        self.assertTrue(os.path.isfile(os.path.join(site, "output", "search", "index.json")), "no search index")
        run([self.bin, "annex", "p-2024", "-o", "annex.xlsx"], cwd=site, env=env)
        self.assertGreater(os.path.getsize(os.path.join(site, "annex.xlsx")), 1000)


if __name__ == "__main__":
    unittest.main()
