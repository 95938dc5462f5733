"""Helpers shared by the hardening suites: run the built binary with a time limit, copy
sites, list output trees."""
import hashlib
import os
import pathlib
import shutil
import subprocess
import tempfile

SOURCE = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("VITRINA_BIN") or str(SOURCE / "build/generator/vitrina")
FIXTURE = SOURCE / "tests/fixtures/minimal"


def run(*args, timeout=120, env=None, binary=None):
    """Runs vitrina; a hang becomes a test failure via TimeoutExpired, a crash (signal)
    shows as a negative return code."""
    e = dict(os.environ, VITRINA_LANG="en", NO_COLOR="1")
    if env:
        e.update(env)
    return subprocess.run([binary or BIN, *map(str, args)], capture_output=True, timeout=timeout, env=e)


def tree(root):
    """{relative path: sha256} of every file under root (symlinks listed as such)."""
    root = pathlib.Path(root)
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for n in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            p = pathlib.Path(dirpath, n)
            rel = p.relative_to(root).as_posix()
            out[rel] = "symlink" if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


class TempCase:
    """A temporary folder holding site/ (a copy of a fixture) and out/."""

    def __init__(self, fixture=FIXTURE):
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="vitrina-hardening-"))
        self.site = self.root / "site"
        shutil.copytree(fixture, self.site, symlinks=True, ignore=shutil.ignore_patterns(".vitrina"))
        self.out = self.root / "out"

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


def json_strings(value, pointer=""):
    """(pointer, string) of every string value in a JSON document."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from json_strings(v, pointer + "/" + k.replace("~", "~0").replace("/", "~1"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from json_strings(v, f"{pointer}/{i}")
    elif isinstance(value, str):
        yield pointer, value


def json_set(doc, pointer, value):
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    for p in parts[:-1]:
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    if isinstance(doc, list):
        doc[int(parts[-1])] = value
    else:
        doc[parts[-1]] = value
