"""A `switch` over a domain enum lists every value and has no `default:`.

The domain's enums (every `enum class` of generator/model/vocabulary.h, the output kinds of
plan/outputs.h and the page kinds of plan/pages.h) are asked through switches; the build has
-Wall -Werror, so a switch without `default:` that misses a value stops the build. A `default:`
would swallow a new value silently: adding a rating, a status or an output must make the
compiler list every place to change (HACKING.md, «Domain words»).
"""
import re
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpp_source import strip_comments  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "generator"
# Headers whose every `enum class` is a domain enum.
DOMAIN_HEADERS = ("model/vocabulary.h", "plan/outputs.h", "plan/pages.h")

ENUM = re.compile(r"\benum\s+class\s+(\w+)")
SWITCH = re.compile(r"\bswitch\s*\(")
LABEL = re.compile(r"\b(?:case\s+(?:\w+::)*?(\w+)::\w+\s*:(?!:)|default\s*:)")


def domain_enums(root):
    names = set()
    for header in DOMAIN_HEADERS:
        names |= set(ENUM.findall((root / header).read_text(encoding="utf-8")))
    return names


def matching(code, i, open_c, close_c):
    """Offset just past the bracket that closes the one at `i`."""
    depth = 0
    for j in range(i, len(code)):
        if code[j] == open_c:
            depth += 1
        elif code[j] == close_c:
            depth -= 1
            if depth == 0:
                return j + 1
    return len(code)


def switches(code):
    """(start, body) of every switch; a nested switch's body is blanked in its parent's."""
    found = []
    for m in SWITCH.finditer(code):
        brace = code.find("{", matching(code, m.end() - 1, "(", ")"))
        end = matching(code, brace, "{", "}")
        body = code[brace + 1:end - 1]
        for inner in SWITCH.finditer(body):
            ib = body.find("{", matching(body, inner.end() - 1, "(", ")"))
            ie = matching(body, ib, "{", "}")
            body = body[:ib] + re.sub(r"[^\n]", " ", body[ib:ie]) + body[ie:]
        found.append((m.start(), body))
    return found


def defaults_over_domain_enums(root, enums):
    """'file:line: switch over E has default:' for every such switch under `root`."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cpp") or not path.is_file():
            continue
        code = strip_comments(path.read_text(encoding="utf-8"), literals=True)
        for start, body in switches(code):
            labels = [m.group(1) for m in LABEL.finditer(body)]  # None for default:
            over = sorted({name for name in labels if name in enums})
            if over and None in labels:
                line = code.count("\n", 0, start) + 1
                found.append(f"{path.relative_to(root).as_posix()}:{line}: switch over {', '.join(over)} has default:")
    return found


class EnumSwitches(unittest.TestCase):
    def test_the_domain_enums_are_found(self):
        enums = domain_enums(GENERATOR)
        for name in ("IndicatorKind", "Bound", "MeasureState", "IndicatorStatus", "Rating", "MeasureColumn",
                     "Output", "PageKind"):
            self.assertIn(name, enums)

    def test_no_switch_over_a_domain_enum_has_a_default(self):
        self.assertEqual(defaults_over_domain_enums(GENERATOR, domain_enums(GENERATOR)), [],
                         "list every value instead: a new value must make the compiler (-Wswitch -Werror) ask")

    def test_a_default_is_found(self):
        # The scan itself: a default over a domain enum (also beside a nested switch, in a
        # comment or a string it is no label), and a default over another enum is allowed.
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "a.cpp").write_text(
                "const char* f(Rating r, Severity s) {\n"
                "  switch (r) {\n"
                "    case Rating::High: {\n"
                "      switch (s) { case Severity::Error: return \"default: no\"; default: break; }\n"
                "      return \"high\";\n"
                "    }\n"
                "    // default: in a comment\n"
                "    default: return \"other\";\n"
                "  }\n"
                "}\n"
                "int g(vitrina::Bound b) {\n"
                "  switch (b) { case vitrina::Bound::Eq: return 0; case vitrina::Bound::Ge: return 1;\n"
                "    case vitrina::Bound::Le: return 2; }\n"
                "  return 0;\n"
                "}\n",
                encoding="utf-8")
            self.assertEqual(defaults_over_domain_enums(root, {"Rating", "Bound"}),
                             ["a.cpp:2: switch over Rating has default:"])


if __name__ == "__main__":
    unittest.main()
