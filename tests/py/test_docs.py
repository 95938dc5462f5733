"""The user docs (README.md, docs/*.md) stay true to the program and stay in Russian.

* every `vitrina <command> …` in the docs is a command of `vitrina --help`, and every option
  written after it is an option of `vitrina <command> --help`; every command and every option
  of the binary is mentioned in the README;
* every field of every JSON Schema (docs/schema/NAME.schema.json) is named in docs/NAME.md, and
  every field a docs page's tables name exists in its schema;
* every CSV column and JSON key of the open data a build writes is named in docs/annexes.md;
* README's first-site walkthrough runs as written, and its example error is what check prints;
* relative links between the docs point at files that exist, and #anchors at their headings;
* prose paragraphs are Russian (a paragraph of English prose added to a user doc fails).

Run from the repository root: VITRINA_BIN=build/generator/vitrina /usr/bin/python3 -m unittest tests/py/test_docs.py
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(os.environ.get("VITRINA_BIN", os.path.join(ROOT, "build", "generator", "vitrina")))
USER_DOCS = ["README.md"] + sorted("docs/" + f for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
SCHEMA_PAGES = ["site", "programme", "indicators", "measures", "organisations"]
OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def help_text(*args):
    r = subprocess.run([BIN, *args, "--help"], capture_output=True, text=True, env=dict(os.environ, VITRINA_LANG="ru"))
    assert r.returncode == 0, (args, r.stderr)
    return r.stdout


def commands():
    return [m.group(1) for m in re.finditer(r"(?m)^ {2}([a-z][a-z-]*) {2,}\S", help_text())]


def option_groups(text):
    """Options of a --help text, each as its aliases: [("-j", "--jobs"), ("--out",) …]."""
    groups = []
    for line in text.splitlines():
        m = re.match(r"^\s+(-[^ ]+)", line)
        if m:
            groups.append(tuple(OPTION.findall(m.group(1).replace(",", " "))))
    return groups


def options(text):
    return {o for g in option_groups(text) for o in g}


def code_spans(text):
    """Text inside `…` spans and ``` blocks (where commands and field names are written)."""
    blocks = re.findall(r"(?ms)^```[^\n]*\n(.*?)^```", text)
    rest = re.sub(r"(?ms)^```[^\n]*\n.*?^```", "", text)
    return blocks + re.findall(r"`([^`\n]+)`", rest)


def invocations(text):
    """(command, options written after it) for every `vitrina <word> …` in code."""
    for span in code_spans(text):
        for line in span.splitlines():
            for m in re.finditer(r"\bvitrina ([a-z<][\w<>-]*)(.*)", line):
                tail = re.split(r"[|;&#]|\bvitrina\b", m.group(2).replace("\\|", "/"))[0]
                yield m.group(1), set(OPTION.findall(tail))


def schema_fields(node, out):
    """Every property name in a schema, at any depth ($defs included)."""
    if isinstance(node, dict):
        for k, v in node.get("properties", {}).items():
            out.add(k)
        for v in node.values():
            schema_fields(v, out)
    elif isinstance(node, list):
        for v in node:
            schema_fields(v, out)
    return out


def github_slug(heading):
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


class CommandsAndOptions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.commands = commands()
        cls.groups = {c: option_groups(help_text(c)) for c in cls.commands}
        cls.options = {c: {o for g in groups for o in g} for c, groups in cls.groups.items()}
        cls.global_groups = option_groups(help_text())
        cls.global_options = {o for g in cls.global_groups for o in g}

    def test_the_binary_has_commands(self):
        self.assertIn("build", self.commands)
        self.assertIn("--out", self.options["build"])

    def test_every_command_and_option_written_in_the_docs_exists(self):
        for doc in USER_DOCS:
            for cmd, opts in invocations(read(doc)):
                with self.subTest(doc=doc, command=cmd):
                    if cmd.startswith("<"):  # `vitrina <команда> --help`
                        self.assertLessEqual(opts, {"--help", "-h"})
                        continue
                    self.assertIn(cmd, self.commands, f"{doc}: `vitrina {cmd}` is not a command")
                    unknown = opts - self.options[cmd] - self.global_options
                    self.assertFalse(unknown, f"{doc}: `vitrina {cmd}` has no option {sorted(unknown)}")

    def test_the_readme_vitrina_new_writes_names_real_commands_and_options(self):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([BIN, "new", "site"], cwd=tmp, check=True, capture_output=True)
            with open(os.path.join(tmp, "site", "README.md"), encoding="utf-8") as f:
                calls = list(invocations(f.read()))
        self.assertTrue(calls)
        for cmd, opts in calls:
            with self.subTest(command=cmd):
                self.assertIn(cmd, self.commands)
                self.assertFalse(opts - self.options[cmd] - self.global_options, opts)

    def test_the_readme_names_every_command_and_option(self):
        spans = " ".join(code_spans(read("README.md")))

        def mentioned(group):  # one alias is enough: `-j N` documents -j,--jobs
            return any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", spans) for o in group)

        for cmd in self.commands:
            with self.subTest(command=cmd):
                self.assertRegex(spans, rf"\bvitrina {cmd}\b")
                missing = [g for g in self.groups[cmd] if not mentioned(g)]
                self.assertFalse(missing, f"README.md does not mention `vitrina {cmd}` {missing}")
        for g in self.global_groups:
            self.assertTrue(mentioned(g), f"README.md does not mention {g}")


class SchemaFields(unittest.TestCase):
    def test_every_schema_field_is_named_in_its_page(self):
        for name in SCHEMA_PAGES:
            with self.subTest(page=name):
                with open(os.path.join(ROOT, "docs", "schema", f"{name}.schema.json"), encoding="utf-8") as f:
                    fields = schema_fields(json.load(f), set())
                # described in a table or the text, not only shown in an example block
                prose = re.sub(r"(?ms)^```[^\n]*\n.*?^```", "", read(f"docs/{name}.md"))
                words = set(re.findall(r"[$\w]+", " ".join(re.findall(r"`([^`\n]+)`", prose))))
                self.assertFalse(fields - words, f"docs/{name}.md does not describe {sorted(fields - words)}")

    def test_every_field_in_a_fields_table_is_in_the_schema(self):
        every = set()
        for name in SCHEMA_PAGES:
            with open(os.path.join(ROOT, "docs", "schema", f"{name}.schema.json"), encoding="utf-8") as f:
                every |= schema_fields(json.load(f), set())
        for page in [f"docs/{n}.md" for n in SCHEMA_PAGES] + ["docs/data-format.md"]:
            for row in re.findall(r"(?m)^\| (`[^|]*)\|", read(page)):
                for field in re.findall(r"`([$\w.]+)`", row):
                    with self.subTest(page=page, field=field):
                        # methodology's table names nested fields as `status.achieved_min`
                        self.assertTrue(set(field.split(".")) <= every, f"{page}: `{field}` is in no schema")


class Walkthrough(unittest.TestCase):
    """README's «Первый сайт за десять минут», command by command, in a scratch folder."""

    def test_every_command_of_the_first_site_walkthrough_succeeds(self):
        readme = read("README.md")
        section = readme[readme.index("## Первый сайт за десять минут"):]
        section = section[:section.index("\n## ", 1)]
        lines = [l for block in re.findall(r"<!-- walkthrough -->\n```sh\n(.*?)```", section, re.S)
                 for l in block.splitlines() if l.strip()]
        self.assertTrue(any(l.startswith("vitrina new ") for l in lines), lines)
        with tempfile.TemporaryDirectory() as tmp:
            cwd = tmp
            for line in lines:
                args = shlex.split(line)
                with self.subTest(command=line):
                    if args[0] == "cd":
                        cwd = os.path.join(cwd, args[1])
                        continue
                    self.assertEqual(args[0], "vitrina")
                    if args[1] == "import":  # what the reader does in Excel: a fact in the first row
                        fill_first_fact(os.path.join(cwd, args[2]))
                    r = subprocess.run([BIN, *args[1:]], cwd=cwd, capture_output=True, text=True)
                    self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
                    if args[1] == "check":
                        self.assertIn("ошибок: 0, предупреждений: 0", r.stderr)
                    if args[1] == "import":  # the change as README shows it: «2024: — → 32,5»
                        shown = re.search(r"«(\d{4}: — → [\d,]+)»", section).group(1)
                        self.assertIn(shown, r.stdout + r.stderr)
            self.assertTrue(os.path.isfile(os.path.join(cwd, "output", "index.html")))

    def test_the_walkthroughs_example_error_is_what_check_prints(self):
        """Step 3 shows the line `vitrina check` prints for a text where a number belongs: put a
        text at that file, line and column of the new site, and check must print exactly that
        line (no follow-on error) and nothing else."""
        readme = read("README.md")
        section = readme[readme.index("## Первый сайт за десять минут"):]
        new = re.search(r"(?m)^vitrina new .*$", section).group(0)
        example = re.search(r"`((data/\S+?):(\d+):(\d+): error: [^`]+)`", section)
        self.assertIsNotNone(example, "step 3 shows no error line")
        line, path, row, col = example.group(1), example.group(2), int(example.group(3)), int(example.group(4))
        with tempfile.TemporaryDirectory() as tmp:
            args = shlex.split(new)
            subprocess.run([BIN, *args[1:]], cwd=tmp, check=True, capture_output=True)
            site = os.path.join(tmp, args[2])
            with open(os.path.join(site, path), encoding="utf-8") as f:
                lines = f.read().split("\n")
            text = lines[row - 1]
            number = re.match(r"-?\d+(?:\.\d+)?", text[col - 1:])
            self.assertIsNotNone(number, f"{path}:{row}:{col} is not a number in the new site: {text!r}")
            lines[row - 1] = text[:col - 1] + '"тридцать пять"' + text[col - 1 + number.end():]
            with open(os.path.join(site, path), "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            r = subprocess.run([BIN, "check"], cwd=site, capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(r.stderr.splitlines(), [line, "ошибок: 1, предупреждений: 0"])


def fill_first_fact(workbook):
    import openpyxl  # Debian's python3-openpyxl

    wb = openpyxl.load_workbook(workbook)
    sheet = wb["Факты"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("Факт") + 1, value=32.5)
    wb.save(workbook)


class Defaults(unittest.TestCase):
    def test_methodology_defaults_in_site_md_are_the_programs(self):
        r = subprocess.run([BIN, "report", "--format", "json", "--site", os.path.join(ROOT, "tests", "fixtures", "minimal")],
                           capture_output=True, text=True)
        used = json.loads(r.stdout)["methodology"]  # the fixture's site.json sets no methodology
        rows = re.findall(r"(?m)^\| `([\w.]+)` \|[^|]*\|[^|]*по умолчанию (\d+(?:,\d+)?)", read("docs/site.md"))
        self.assertGreaterEqual(len(rows), 9)
        for field, default in rows:
            with self.subTest(field=field):
                value = used
                for part in field.replace("status.", "").split("."):
                    value = value[part]
                self.assertAlmostEqual(value, float(default.replace(",", ".")))


class OpenData(unittest.TestCase):
    def test_every_open_data_column_and_key_is_named_in_annexes_md(self):
        """docs/annexes.md describes the open data: every CSV column and every JSON key the
        demonstration site's data/ holds is named there."""
        names = set(re.findall(r"[A-Za-z_]\w*", read("docs/annexes.md")))
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            r = subprocess.run([BIN, "build", "-q", "--no-search", "--site", os.path.join(ROOT, "examples", "demo"),
                                "--out", out], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            found = {}
            for folder, _, files in os.walk(os.path.join(out, "data")):
                for name in files:
                    path = os.path.join(folder, name)
                    rel = os.path.relpath(path, out)
                    if name.endswith(".csv"):
                        with open(path, encoding="utf-8-sig") as f:
                            for column in f.readline().rstrip("\r\n").split(";"):
                                found.setdefault(column, rel)
                    elif name.endswith(".json"):
                        with open(path, encoding="utf-8") as f:
                            for key in json_keys(json.load(f)):
                                found.setdefault(key, rel)
        self.assertGreater(len(found), 30)
        missing = {k: v for k, v in found.items() if k not in names}
        self.assertFalse(missing, f"docs/annexes.md does not name {missing}")


def json_keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from json_keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_keys(v)


class Templates(unittest.TestCase):
    def test_the_readme_lists_every_template_a_site_can_replace(self):
        readme = read("README.md")
        section = readme[readme.index("## Шаблоны и темы"):]
        section = section[:section.index("\n## ", 1)]
        listed = set(re.findall(r"`([\w]+)`", section[:section.index("templates/partials/")]))
        bundled = {f[:-len(".mustache")] for f in os.listdir(os.path.join(ROOT, "templates")) if f.endswith(".mustache")}
        self.assertEqual(listed, bundled)


class CiRecipes(unittest.TestCase):
    def test_the_gitlab_check_job_writes_its_diagnostics_and_fails(self):
        """docs/publishing.md's GitLab job runs `vitrina check --format json …` into
        diagnostics.json as its artifact: run that line as written on a site with errors."""
        lines = re.findall(r"(?m)^\s*- (\./build/generator/vitrina check --format json .*)$", read("docs/publishing.md"))
        self.assertEqual(len(lines), 1, lines)
        with tempfile.TemporaryDirectory() as tmp:
            site = os.path.join(tmp, "site")
            shutil.copytree(os.path.join(ROOT, "tests", "fixtures", "broken-types"), site)
            command = lines[0].replace("./build/generator/vitrina", shlex.quote(BIN))
            r = subprocess.run(["sh", "-c", command], cwd=site, capture_output=True, text=True)
            self.assertNotEqual(r.returncode, 0, "the job must fail on errors")
            with open(os.path.join(site, "diagnostics.json"), encoding="utf-8") as f:
                diagnostics = json.load(f)
        self.assertGreaterEqual(len(diagnostics), 5)
        self.assertTrue(all({"severity", "file", "line", "column", "message", "pointer"} <= set(d) for d in diagnostics))


class Links(unittest.TestCase):
    def test_relative_links_and_anchors_resolve(self):
        for doc in USER_DOCS:
            text = re.sub(r"(?ms)^```.*?^```", "", read(doc))
            for target in re.findall(r"\]\(([^)\s]+)\)", text):
                if re.match(r"[a-z]+:", target):
                    continue
                with self.subTest(doc=doc, link=target):
                    path, _, anchor = target.partition("#")
                    dest = os.path.normpath(os.path.join(os.path.dirname(doc), path)) if path else doc
                    self.assertTrue(os.path.exists(os.path.join(ROOT, dest)), f"{doc}: {target} does not exist")
                    if anchor:
                        headings = re.findall(r"(?m)^#+ (.+)$", re.sub(r"(?ms)^```.*?^```", "", read(dest)))
                        self.assertIn(anchor, [github_slug(h) for h in headings], f"{doc}: no heading for #{anchor}")


class Russian(unittest.TestCase):
    def test_prose_is_russian(self):
        for doc in USER_DOCS:
            text = re.sub(r"(?ms)^```.*?^```", "", read(doc))
            for para in re.split(r"\n\s*\n", text):
                # code, link targets, link texts that are paths, tags and addresses are not prose
                prose = re.sub(r"`[^`]*`|\[[^\]\s]*\]\([^)]*\)|\]\([^)]*\)|<[^>]*>|https?://\S+", " ", para)
                latin = len(re.findall(r"[A-Za-z]", prose))
                cyrillic = len(re.findall(r"[А-Яа-яЁё]", prose))
                if latin >= 40:
                    with self.subTest(doc=doc, paragraph=para[:80]):
                        self.assertGreater(cyrillic, latin, f"{doc}: a paragraph in English:\n{para}")


if __name__ == "__main__":
    unittest.main()
