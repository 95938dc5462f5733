"""The JSON Schemas and the loader must agree: valid sites pass both, broken ones fail both."""
import os
import subprocess
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "schema"))
import validate_schemas  # noqa: E402

BIN = os.environ.get("VITRINA_BIN", str(ROOT / "build" / "generator" / "vitrina"))
VALID = [ROOT, ROOT / "examples" / "demo", ROOT / "tests" / "fixtures" / "minimal"]
BROKEN = [ROOT / "tests" / "fixtures" / "broken-types", ROOT / "tests" / "fixtures" / "broken-json"]


def check(site):
    return subprocess.run([BIN, "check", "--quiet", "--site", str(site)], capture_output=True, text=True)


class SchemaAndLoaderAgree(unittest.TestCase):
    def test_valid_sites_pass_schema_and_loader(self):
        for site in VALID:
            with self.subTest(site=str(site)):
                self.assertEqual(validate_schemas.validate_site(str(site)), [])
                r = check(site)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertNotIn(": error:", r.stderr)

    def test_broken_sites_fail_schema_and_loader(self):
        for site in BROKEN:
            with self.subTest(site=str(site)):
                self.assertNotEqual(validate_schemas.validate_site(str(site)), [])
                r = check(site)
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertIn(": error:", r.stderr)


if __name__ == "__main__":
    unittest.main()
