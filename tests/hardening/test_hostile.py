"""Hostile and broken input, end to end through `vitrina build` (issue: hardening, item 3).

Every case must end with exit 0 (output escaped) or 1 (a clear `error:` diagnostic) —
never a signal, a hang (each run has a time limit) or a file outside the output folder.
Run: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/hardening/test_hostile.py
"""
import html.parser
import json
import os
import pathlib
import sys
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from common import TempCase, json_set as set_at, json_strings as strings, run, tree  # noqa: E402

MARK = "alert(7331)"
PAYLOAD = f'<script>{MARK}</script><img src=x onerror={MARK}>" onmouseover="{MARK}\' x=\'&amp;'
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class PageAudit(html.parser.HTMLParser):
    """Collects what injected data could have turned into markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_script = None  # type attribute of the open <script>
        self.script_text = ""

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler attribute")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                v = "".join(value.split()).lower()
                if v.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("injected <img>")
        if tag == "script":
            self.in_script = dict(attrs).get("type") or ""
            self.script_text = ""

    def handle_data(self, data):
        if self.in_script is not None:
            self.script_text += data

    def handle_endtag(self, tag):
        if tag == "script" and self.in_script is not None:
            if self.in_script == "application/ld+json":
                try:
                    json.loads(self.script_text)  # data inside JSON-LD stays JSON
                except ValueError:
                    self.problems.append("JSON-LD broken by data: " + self.script_text[:200])
            elif MARK in self.script_text:
                self.problems.append("injected <script>: " + self.script_text[:200])
            self.in_script = None


def audit_output(test, out):
    """Parses every HTML/SVG/XML file of a built site and fails on any injected markup."""
    files = [p for p in pathlib.Path(out).rglob("*") if p.is_file()]
    test.assertTrue(files, "empty output")
    for p in files:
        if p.suffix in (".html", ".htm"):
            text = p.read_text(encoding="utf-8")  # also proves valid UTF-8
            a = PageAudit()
            a.feed(text)
            a.close()
            test.assertEqual(a.problems, [], f"{p}: injected markup")
        elif p.suffix in (".svg", ".xml"):
            root = ET.parse(p).getroot()  # well-formed despite the data
            for el in root.iter():
                test.assertFalse(el.tag.lower().endswith("script"), f"{p}: <script> element")
                for k, v in el.attrib.items():
                    test.assertFalse(k.lower().startswith("on"), f"{p}: event attribute {k}")
                    test.assertFalse("".join(v.split()).lower().startswith(DANGEROUS_SCHEMES), f"{p}: {k}={v}")


class HostileCase(unittest.TestCase):
    def setUp(self):
        self.case = TempCase()
        self.outside = self.case.root / "outside"
        self.outside.mkdir()
        (self.outside / "secret.md").write_text("---\ntitle: SECRET-7331\n---\nSECRET-7331 body\n")
        (self.outside / "secret.mustache").write_text("SECRET-7331")
        self.outside_before = tree(self.outside)

    def tearDown(self):
        self.case.cleanup()

    def build(self, *extra, expect=None, timeout=120):
        r = run("build", "--site", self.case.site, "--out", self.case.out, *extra, timeout=timeout)
        err = r.stderr.decode("utf-8", "replace")
        self.assertIn(r.returncode, (0, 1), f"crash or usage error (rc={r.returncode}):\n{err[-3000:]}")
        if r.returncode == 1:
            self.assertIn("error", err, "a failed build must say why")
        if expect is not None:
            self.assertEqual(r.returncode, expect, err[-3000:])
        # Nothing written beside the output folder or outside the case folder (the build cache
        # and the previous tree live in the site's .vitrina/, docs/publishing.md).
        extra_entries = sorted(p.name for p in self.case.root.iterdir())
        self.assertEqual([n for n in extra_entries if n not in ("site", "out", "outside")], [],
                         "stray files or staging folders beside output/")
        self.assertEqual(tree(self.outside), self.outside_before, "a file outside output/ changed")
        if self.case.out.exists():
            for p in self.case.out.rglob("*"):
                self.assertFalse(p.is_symlink(), f"symlink in output: {p}")
                self.assertNotIn("SECRET-7331", p.read_text("utf-8", "replace") if p.is_file() else "",
                                 f"{p}: content from outside the site was published")
        return r.returncode, err

    def data(self, name):
        return self.case.site / "data" / name

    def write(self, rel, content):
        p = self.case.site / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        (p.write_bytes if isinstance(content, bytes) else p.write_text)(content)
        return p


class TestInjection(HostileCase):
    def test_every_text_field_of_every_data_file_is_escaped(self):
        files = sorted(p for p in (self.case.site / "data").rglob("*.json"))
        self.assertGreaterEqual(len(files), 5)
        injected = 0
        for f in files:
            doc = json.loads(f.read_text(encoding="utf-8"))
            original = dict(strings(doc))
            for ptr, s in original.items():
                if ptr != "/$schema":
                    set_at(doc, ptr, s + PAYLOAD)
            f.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
            # Fields with a grammar (ids, references, dates, enums) must refuse the payload
            # with a diagnostic at their pointer; put those back and keep the free text.
            for _ in range(6):
                r = run("check", "--site", self.case.site, "--format", "json")
                self.assertIn(r.returncode, (0, 1), r.stderr.decode()[-2000:])
                if r.returncode == 0:
                    break
                diags = json.loads(r.stderr.decode("utf-8"))
                rel = f.relative_to(self.case.site).as_posix()
                reverted = 0
                for d in diags:
                    if d["severity"] != "error":
                        continue
                    ptr = d["pointer"]
                    self.assertTrue(d["message"], d)
                    if d["file"] == rel and ptr in original:
                        set_at(doc, ptr, original[ptr])
                        reverted += 1
                    elif d["file"] != rel:
                        # a reference from another file to a mutated id: revert every id-like value
                        for p2, s in original.items():
                            if p2.endswith("/id"):
                                set_at(doc, p2, s)
                                reverted += 1
                self.assertGreater(reverted, 0, f"unexplained errors: {diags}")
                f.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
            injected += sum(1 for p, s in strings(doc) if s.endswith(PAYLOAD))
        self.assertGreater(injected, 20, "too few fields kept the payload")
        self.build(expect=0)
        audit_output(self, self.case.out)
        # The payload is shown as text, not dropped.
        index = (self.case.out / "index.html").read_text(encoding="utf-8")
        self.assertIn("&lt;script&gt;alert(7331)", index)

    def test_markdown_raw_html_and_javascript_links_removed(self):
        page = self.case.site / "content/alpha/01-about.md"
        text = page.read_text(encoding="utf-8")
        head, body = text.split("---\n", 2)[1:]
        hostile = f"""
<script>{MARK}</script>

<img src=x onerror="{MARK}">

<a href="javascript:{MARK}">raw link</a>

[md link](javascript:{MARK}) [upper](JaVaScRiPt:{MARK}) [vb](vbscript:{MARK})
[entity](jav&#x09;ascript:{MARK}) [data](data:text/html;base64,PHNjcmlwdD4=)
![img](javascript:{MARK})

<iframe src="https://evil.example/"></iframe> <style>body{{display:none}}</style>

Text with "{PAYLOAD}"
"""
        head = head.replace("title: ", 'title: "' + PAYLOAD.replace('"', '\\"') + '" # ', 1) \
            if "title:" in head else head
        page.write_text("---\n" + head + "---\n" + body + hostile, encoding="utf-8")
        rc, err = self.build()
        if rc == 1:  # link checks may refuse the links; the refusal must name them
            self.assertIn("javascript", err.lower())
            return
        audit_output(self, self.case.out)
        pages = [p.read_text(encoding="utf-8") for p in self.case.out.rglob("*.html")]
        self.assertTrue(any("md link" in p for p in pages), "page not rendered")
        for p in pages:
            self.assertNotIn("<iframe", p)
            self.assertNotIn("<style>body{display:none}", p)


class TestPaths(HostileCase):
    def test_programme_id_with_path_separators(self):
        f = self.data("programmes/alpha/programme.json")
        for bad in ("../../evil", "/etc/evil", "a/b", "..", ".", "a\u0000b", "x" * 5000, "é"):
            doc = json.loads(f.read_text(encoding="utf-8"))
            doc["id"] = bad
            f.write_text(json.dumps(doc))
            self.build(expect=1)

    def test_hostile_folder_names(self):
        src = self.data("programmes/alpha")
        for name in ("...", "-x", "a b", "x" * 250, b"\xff\xfe".decode("utf-8", "surrogateescape")):
            d = self.data("programmes") / name
            os.rename(src, d)
            self.build(expect=1)
            os.rename(d, src)

    def test_hostile_content_file_names(self):
        names = ["..md", "...md", "-x.md", "a b.md", "x<script>.md", "a" * 240 + ".md", "%2e%2e.md",
                 b"\xff\xfe.md".decode("utf-8", "surrogateescape"), "\n.md"]
        body = "---\ntitle: T\n---\ntext\n"
        for n in names:
            for where in ("content", "content/alpha"):
                p = self.case.site / where / n
                p.write_text(body)
                rc, err = self.build()
                if rc == 0:
                    audit_output(self, self.case.out)
                p.unlink()

    def test_symlinks_pointing_outside_are_not_followed(self):
        content = self.case.site / "content"
        (content / "alpha/leak.md").symlink_to(self.outside / "secret.md")
        (content / "leak.md").symlink_to(self.outside / "secret.md")
        (content / "beta").symlink_to(self.outside)
        (content / "alpha/sub").symlink_to(self.outside)
        rc, err = self.build()
        self.assertIn("content/leak.md", err, "a skipped symlink is reported")

    def test_symlinked_data_files_refused(self):
        prog = self.data("programmes")
        os.symlink(self.case.site / "data/programmes/alpha", prog / "beta")
        (self.outside / "measures.json").write_text('{"programme": "alpha", "measures": []}')
        self.outside_before = tree(self.outside)
        m = prog / "alpha/measures.json"
        m.unlink()
        m.symlink_to(self.outside / "measures.json")
        self.build(expect=1)

    def test_templates_cannot_include_files_outside(self):
        for partial in ("../../outside/secret", "/etc/passwd", "partials/../../../outside/secret",
                        "../../../../../../etc/hostname", "../outside/secret.mustache"):
            self.write("templates/home.mustache", "{{> " + partial + "}} {{title}}")
            rc, err = self.build(expect=1)
            self.assertIn("partial", err)
        # Names the inliner does not accept are left to Mustache, which has no partials to
        # look up: they render empty and read nothing.
        self.write("templates/home.mustache", "{{> ..%2f..%2foutside/secret}} {{title}}")
        self.build()
        (self.case.site / "templates/home.mustache").unlink()
        (self.case.site / "templates/home.mustache").symlink_to(self.outside / "secret.mustache")
        (self.case.site / "templates/partials").mkdir()
        (self.case.site / "templates/partials/evil").symlink_to(self.outside)
        self.build()

    # load_theme skips a symlinked theme, assets/ or i18n/ folder (files from outside the site
    # must never be published as theme assets).
    def test_theme_assets_symlink_not_followed(self):
        theme = self.case.site / "themes/default"
        theme.mkdir(parents=True)
        (theme / "assets").symlink_to(self.outside)
        self.build()

    def test_output_folder_that_is_a_symlink_is_refused(self):
        target = self.case.root / "outside" / "target"
        target.mkdir()
        self.case.out.symlink_to(target)
        r = run("build", "--site", self.case.site, "--out", self.case.out, timeout=120)
        self.assertEqual(r.returncode, 2, r.stderr.decode())  # refused where to write: a usage error
        self.assertEqual(list(target.iterdir()), [])
        self.case.out.unlink()
        self.outside_before = tree(self.outside)


class TestBrokenJson(HostileCase):
    def programme_text(self, text):
        self.data("programmes/alpha/programme.json").write_bytes(text if isinstance(text, bytes) else text.encode())

    def prog(self):
        return self.data("programmes/alpha/programme.json").read_text(encoding="utf-8")

    def test_deeply_nested(self):
        for depth in (1000, 100_000, 1_000_000):
            self.programme_text('{"notes": ' + "[" * depth + "]" * depth + "}")
            self.build(expect=1)
            self.programme_text('{"notes": ' + '{"a":' * depth + "1" + "}" * depth + "}")
            self.build(expect=1)
            self.programme_text("[" * depth)  # unterminated
            self.build(expect=1)

    def test_100_mb_file_refused(self):
        p = self.data("programmes/alpha/measures.json")
        with open(p, "wb") as f:
            f.truncate(100 * 1024 * 1024)  # sparse: costs no disk
        rc, err = self.build(expect=1)
        self.assertIn("measures.json", err)

    def test_big_string_under_the_limit(self):
        doc = json.loads(self.prog())
        doc["notes"] = ["x" * (20 * 1024 * 1024)]
        self.programme_text(json.dumps(doc))
        self.build(timeout=120)

    def test_numbers_out_of_range(self):
        base = self.prog()
        for lit in ("1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1e20", "-0", "0.5", "99999999999999999999999",
                    "-9223372036854775809", "1e-400", "0x10", "01", "+1"):
            self.programme_text(base.replace('"start": 2021', '"start": ' + lit))
            rc, err = self.build()
            if lit in ("1e400", "-1e400", "NaN", "Infinity", "1e20", "0.5", "99999999999999999999999", "0x10", "+1"):
                self.assertEqual(rc, 1, f"{lit} accepted:\n{err}")
        ind = self.data("programmes/alpha/indicators.json")
        text = ind.read_text(encoding="utf-8")
        for lit in ("1e308", "-0", "1e-320", "1.7976931348623157e308", "-1.7976931348623157e308"):
            import re
            ind.write_text(re.sub(r'("value":\s*)[-0-9.eE]+', lambda m: m.group(1) + lit, text))
            rc, _ = self.build()
            if rc == 0:
                audit_output(self, self.case.out)

    def test_duplicate_keys(self):
        self.programme_text(self.prog().replace('"kind": "programme",', '"kind": "programme", "kind": "programme",'))
        rc, err = self.build(expect=1)
        self.assertIn("kind", err)

    def test_bom_and_crlf_accepted(self):
        text = self.prog()
        self.programme_text(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
        site = self.data("site.json")
        site.write_bytes(b"\xef\xbb\xbf" + site.read_bytes().replace(b"\n", b"\r\n"))
        page = self.case.site / "content/alpha/01-about.md"
        page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
        self.build(expect=0)

    def test_invalid_utf8(self):
        base = self.prog().encode()
        for bad in (b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"):
            self.programme_text(base.replace("Развитие".encode(), bad, 1))
            rc, err = self.build(expect=1)
            self.assertIn("programme.json", err)
        self.programme_text(base)
        page = self.case.site / "content/alpha/01-about.md"
        orig = page.read_bytes()
        page.write_bytes(orig + b"\nbad \xff\xfe \xc0\xaf bytes\n")
        rc, err = self.build(expect=1)
        self.assertIn("01-about.md:", err)
        page.write_bytes(orig.replace(b"---\n", b"---\nx: \xff\n", 1))
        self.build(expect=1)

    def test_garbage_files(self):
        cases = [b"", b"null", b"[]", b"\"text\"", b"{", b"{\"id\": }", b"\x00\x00\x00", b"{}" * 1000,
                 b'{"id": "alpha", "title": "\\ud800"}', b'{"id": "alpha", "title": "a\\u0000b"}']
        for name in ("site.json", "programmes/alpha/programme.json", "programmes/alpha/indicators.json",
                     "programmes/alpha/measures.json", "programmes/alpha/organisations.json"):
            p = self.data(name)
            orig = p.read_bytes()
            for c in cases:
                p.write_bytes(c)
                self.build(expect=1)
            p.write_bytes(orig)

    def test_front_matter_garbage(self):
        page = self.case.site / "content/alpha/01-about.md"
        for fm in ("---\n", "---\ntitle: [\n---\n", "---\n- a\n- b\n---\n", "---\ntitle: &a [*a]\n---\n",
                   "---\ntitle: x\norder: 1e400\n---\n", "---\n" + "a: [" * 5000 + "\n---\n",
                   "---\ntitle: !!binary AAAA\n---\n"):
            page.write_text(fm + "body\n")
            self.build()


if __name__ == "__main__":
    unittest.main()
