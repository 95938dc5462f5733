"""The domain's words have one home (generator/model/vocabulary.h).

The spellings of target bounds, measure and indicator statuses, ratings, yes/no and the
better-direction appear as string literals only in the vocabulary, the loader (which reads
the data's own keys, such as methodology.rating.high) and the message catalogue. Anywhere
else a literal such as ">=" or "done" means a stage compares strings again instead of asking
the vocabulary, and a new enum value would not make the compiler list that place.
"""
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpp_source import string_literals  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "generator"

WORDS = {
    # bounds (Bound)
    ">=", "<=",
    # measure statuses (MeasureState) and "no status"
    "planned", "in_progress", "done", "not_done", "cancelled", "no_status", "done_in_time",
    # indicator statuses (IndicatorStatus)
    "achieved", "on_track", "at_risk", "not_achieved", "no_data", "no_target",
    # ratings (Rating)
    "high", "medium", "satisfactory", "unsatisfactory", "not_assessable",
    # yes/no and the better-direction (IndicatorKind, Better)
    "yes_no", "higher", "lower",
}

# Files allowed to spell the words, relative to generator/.
ALLOWED_FILES = {
    "model/vocabulary.cpp",      # the keys
    "load/read_programme.cpp",   # the data's own field names (methodology.rating.high …)
}

# (file, literal) pairs that are not the domain word, with the reason.
EXCEPTIONS = {
    ("output/opendata/opendata.cpp", "achieved"),  # the boolean YearFigures::achieved, not a status
    ("output/html/views.cpp", "at_risk"),          # template key of the dashboard's at-risk list
    ("output/html/views.cpp", "not_assessable"),   # template key of the dashboard's flag
    ("output/xlsx/annex_plan_fact.cpp", "<="),     # Excel comparison operators in the status formula,
    ("output/xlsx/annex_plan_fact.cpp", ">="),     # written from Bound by the formula builder
}

def violations(root):
    """'file:line: "word"' for every domain word spelled outside the allowed files."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cpp") or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if rel in ALLOWED_FILES:
            continue
        for line, text in string_literals(path.read_text(encoding="utf-8")):
            if text in WORDS and (rel, text) not in EXCEPTIONS:
                found.append(f'{rel}:{line}: "{text}"')
    return found


class VocabularyLiterals(unittest.TestCase):
    def test_domain_words_are_spelled_only_in_the_vocabulary_and_the_loader(self):
        self.assertEqual(violations(GENERATOR), [],
                         "ask model/vocabulary.h (bound_key, status_key, is_yes_no …) instead of comparing strings")

    def test_a_reintroduced_literal_is_found(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "compute").mkdir()
            (root / "compute" / "rules.cpp").write_text(
                '// a comment may say "done" and ">="\n'
                '/* so may "planned" */\n'
                'const char* s = "status: done";\n'
                'char c = \'"\';\n'
                'bool f(const std::string& op) { return op == ">="; }\n'
                'bool g(const std::string& s) { return s == "done"; }\n',
                encoding="utf-8")
            (root / "model").mkdir()
            (root / "model" / "vocabulary.cpp").write_text('const char* k = "done";\n', encoding="utf-8")
            self.assertEqual(violations(root), ['compute/rules.cpp:5: ">="', 'compute/rules.cpp:6: "done"'])

    def test_the_scan_sees_the_real_sources(self):
        # Guards the test itself: if the walk found nothing, the first test would pass vacuously.
        literals = string_literals((GENERATOR / "model" / "vocabulary.cpp").read_text(encoding="utf-8"))
        self.assertTrue(WORDS <= {t for _, t in literals})


if __name__ == "__main__":
    unittest.main()
