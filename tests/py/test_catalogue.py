"""One message catalogue per language (generator/text/catalogue/<lang>.json).

Both languages have exactly the same keys and the same {0} placeholders; every key the code
names exists in both; so do the keys pages build from data values (cycle.<kind>, orgtype.<type>
…, from the JSON schemas' enums) and every {{t.key}} of the templates.
"""
import json
import re
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpp_source import string_literals, strip_comments  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "generator" / "text" / "catalogue"
LANGS = ("ru", "en")

# A literal shaped like a key: lower-case words joined by dots ("status.achieved").
KEY_SHAPE = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)+$")
# …but not a file name ("site.json").
FILE_ENDINGS = {"json", "html", "csv", "xlsx", "md", "css", "js", "xml", "txt", "svg", "ico", "mustache", "yaml",
                "snapshot", "lock", "tmp", "prev"}

# Key-shaped literals that are not catalogue keys, with the reason.
NOT_KEYS = {
    "measures.done_counted",  # a data-figure attribute of the dashboard's tile (views.cpp)
}

# Keys that pages make from a data value: prefix → (schema file, JSON path of the enum).
DATA_KEYS = {
    "cycle.": ("programme.schema.json", ["$defs", "cycleKind"]),
    "role.": ("programme.schema.json", ["$defs", "reference", "properties", "role"]),
    "orgtype.": ("organisations.schema.json", ["properties", "organisations", "items", "properties", "type"]),
    "orgrole.": ("organisations.schema.json", ["properties", "organisations", "items", "properties", "roles", "items"]),
}


def load(lang, folder=CATALOGUE):
    with open(folder / f"{lang}.json", encoding="utf-8") as f:
        return json.load(f)


def placeholders(text):
    return sorted(set(re.findall(r"\{\d\}", text)))


def keys_in_code(root, prefixes):
    """{key: 'file:line'} of every key-shaped literal under `root` whose first word is a catalogue prefix."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cpp") or not path.is_file():
            continue
        for line, text in string_literals(path.read_text(encoding="utf-8")):
            if not KEY_SHAPE.match(text) or text.split(".")[0] not in prefixes or text in NOT_KEYS:
                continue
            if text.rsplit(".", 1)[1] in FILE_ENDINGS:
                continue
            found.setdefault(text, f"{path.relative_to(root).as_posix()}:{line}")
    return found


# Keys only the program reads (workbooks, the command line, printed lines, diagnostics of data
# entry): templates never name them, so each must be named in the code. Page strings are not
# listed: a site's own templates may use any of them.
PROGRAM_ONLY = ("xlsx.", "cli.", "verbose.", "stamp.", "report.", "import.", "collect.", "new.", "workbook.")


def unused_keys(root, catalogue):
    """Program-only keys that no literal under `root` names (a removed column's label, a dead message)."""
    named = {text for path in root.rglob("*") if path.suffix in (".h", ".cpp") and path.is_file()
             for _, text in string_literals(path.read_text(encoding="utf-8"))}
    return sorted(k for k in catalogue if k.startswith(PROGRAM_ONLY) and k not in named)


def missing_keys(root, catalogue):
    prefixes = {k.split(".")[0] for k in catalogue if "." in k}
    return sorted(f"{where}: {key}" for key, where in keys_in_code(root, prefixes).items() if key not in catalogue)


def enum_at(schema, path):
    node = schema
    for step in path:
        node = node[step]
    return node["enum"]


# ---- user-facing text outside the catalogue --------------------------------------------------

CYRILLIC = re.compile("[А-Яа-яЁё]")
# Files (relative to generator/) whose Russian literals are not messages, with the reason.
RUSSIAN_ALLOWED = {
    "load/period_parser.cpp": "reads the documents' own Russian wording of terms",
    "output/search/search_text.cpp": "Russian stop words and word forms of the search index",
    "text/format.cpp": "month names of dates, in the grammatical cases a date needs",
    "scaffold/new_site.cpp": "the starter site's sample data, which the user replaces",
    "collect/layout.cpp": "the data-entry workbook's headers and words, which import reads back",
    "collect/layout.h": "the data-entry workbook's sheet names, which import reads back",
    "cli/data_entry.h": "the starter site's sample municipality name",
}
# Calls whose text reaches the user: diagnostics, the publisher's failures, exceptions shown.
MESSAGE_CALL = re.compile(r"(?:\.(?:error|warning|note)|\bfail|runtime_error|invalid_argument|\bf?printf|\bf?puts)\s*\(")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")
# Lines printed to the terminal (--verbose timings, summaries): any Latin word in them is a message.
PRINTED = re.compile(r"std::(?:cerr|cout|clog)\s*<<")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Folders whose messages are for developers only.
DEVELOPER_ONLY = ("fuzz/",)
# (file, text) that are not messages to the user, with the reason.
NOT_MESSAGES = {
    ("output/opendata/sha256.cpp", "OpenSSL: SHA-256 failed"),  # cannot happen with a working libcrypto
    # The diagnostics' "file: error: text" form, as diag/diagnostics.cpp prints it: editors and CI read it.
    ("import/import.cpp", ": error: "),
    ("scaffold/new_site.cpp", "README.md"),  # a file name
    ("serve/serve.cpp", "http://"),  # the preview's address
}


def call_arguments(source, open_paren):
    """The text of a call's arguments, from just after `(` to its matching `)`."""
    depth, i = 1, open_paren
    while i < len(source) and depth:
        c = source[i]
        if c == '"':
            i += 1
            while i < len(source) and source[i] != '"':
                i += 2 if source[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return source[open_paren:i - 1]


def text_outside_catalogue(root):
    """'file:line: text' of user-facing words written in the code instead of the catalogue."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cpp") or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if rel.startswith(DEVELOPER_ONLY):
            continue
        source = path.read_text(encoding="utf-8")
        literals = string_literals(source)
        if rel not in RUSSIAN_ALLOWED:
            found += [f"{rel}:{line}: {text}" for line, text in literals if CYRILLIC.search(text)]
        # Comments are blanked (same length, same lines) so that a call in a comment is no call.
        code = strip_comments(source)
        for m in MESSAGE_CALL.finditer(code):
            args = call_arguments(code, m.end())
            line = code.count("\n", 0, m.start()) + 1
            for _, text in string_literals(args):
                if ENGLISH_WORDS.search(text) and not CYRILLIC.search(text) and (rel, text) not in NOT_MESSAGES:
                    found.append(f"{rel}:{line}: {text}")
        # A printed statement runs to its `;` (found with literals blanked, so no `;` inside a text).
        blanked = strip_comments(source, literals=True)
        for m in PRINTED.finditer(blanked):
            end = blanked.find(";", m.end())
            line = code.count("\n", 0, m.start()) + 1
            for _, text in string_literals(code[m.end():end]):
                if (LATIN_WORD.search(text) and not CYRILLIC.search(text) and not KEY_SHAPE.match(text)
                        and (rel, text) not in NOT_MESSAGES):
                    found.append(f"{rel}:{line}: {text}")
    return found


class Catalogue(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cat = {lang: load(lang) for lang in LANGS}

    def test_both_languages_have_the_same_keys_and_placeholders(self):
        ru, en = self.cat["ru"], self.cat["en"]
        self.assertGreater(len(ru), 400)
        self.assertEqual(sorted(set(ru) - set(en)), [], "keys only in ru.json")
        self.assertEqual(sorted(set(en) - set(ru)), [], "keys only in en.json")
        for key in ru:
            with self.subTest(key=key):
                self.assertIsInstance(ru[key], str)
                self.assertTrue(ru[key].strip() and en[key].strip(), "empty text")
                self.assertEqual(placeholders(ru[key]), placeholders(en[key]))

    def test_the_files_are_sorted_by_key(self):
        # One place per key: additions land in a predictable spot and merge cleanly.
        for lang in LANGS:
            self.assertEqual(list(self.cat[lang]), sorted(self.cat[lang]), f"{lang}.json is not sorted")

    def test_every_key_named_in_the_code_exists(self):
        self.assertEqual(missing_keys(ROOT / "generator", self.cat["ru"]), [])
        # The scan sees the code's keys (guards against a scan that finds nothing).
        seen = keys_in_code(ROOT / "generator", {k.split(".")[0] for k in self.cat["ru"]})
        for key in ("status.achieved", "mstatus.no_status", "xlsx.passport.sheet", "report.title", "cli.build"):
            self.assertIn(key, seen)

    def test_every_program_only_key_is_used(self):
        self.assertEqual(unused_keys(ROOT / "generator", self.cat["ru"]), [], "remove the key from ru.json and en.json")
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "a.cpp").write_text('auto s = tr_doc("xlsx.passport.sheet");\n', encoding="utf-8")
            unused = unused_keys(Path(tmp), self.cat["ru"])
            self.assertIn("xlsx.passport.field", unused)
            self.assertNotIn("xlsx.passport.sheet", unused)
            self.assertNotIn("nav.dashboard", unused)  # a page string: templates may name it

    def test_keys_made_from_data_values_exist(self):
        for prefix, (schema_file, path) in DATA_KEYS.items():
            schema = json.loads((ROOT / "docs" / "schema" / schema_file).read_text(encoding="utf-8"))
            values = enum_at(schema, path)
            self.assertTrue(values)
            for value in values:
                with self.subTest(key=prefix + value):
                    self.assertIn(prefix + value, self.cat["ru"])

    def test_a_missing_key_is_reported(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "a.cpp").write_text(
                '// tr("status.in_a_comment")\n'
                'auto a = tr("status.achieved");\n'
                'auto b = tr_doc("status.no_such_word");\n'
                'auto c = path("site.json");\n',
                encoding="utf-8")
            self.assertEqual(missing_keys(root, self.cat["ru"]), ["a.cpp:3: status.no_such_word"])

    def test_user_facing_text_is_not_written_in_the_code(self):
        # A message added as a literal ("cannot …", «не удаётся …») instead of a catalogue key.
        self.assertEqual(text_outside_catalogue(ROOT / "generator"), [],
                         "put the words in generator/text/catalogue/ru.json and en.json and call tr(key)")

    def test_a_message_written_in_the_code_is_found(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "write").mkdir()
            (root / "write" / "w.cpp").write_text(
                '// diags.error(f, 0, 0, "a comment is no call");\n'
                'diags.error(f, 0, 0, "cannot write output file: " + why);\n'
                'diags.warning(f, 0, 0, tr("publish.write_failed", {why}));\n'
                'auto s = std::string("a b");\n'
                'auto t = "не удаётся записать";\n'
                'std::cerr << "  " << tr("verbose.stage", {name}) << "\\n";\n'
                'std::cerr << n << " input files;"\n'
                '          << k << " read\\n";  // printed\n',
                encoding="utf-8")
            self.assertEqual(text_outside_catalogue(root),
                             ["write/w.cpp:5: не удаётся записать", "write/w.cpp:2: cannot write output file: ",
                              "write/w.cpp:7:  input files;", "write/w.cpp:7:  read\\n"])


if __name__ == "__main__":
    unittest.main()
