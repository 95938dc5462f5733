#!/usr/bin/env bash
# Screenshots of the data-entry workbook for docs/facts-import.md, made from the real thing so
# they stay current: `vitrina new` → `vitrina collect` → a few cells filled with openpyxl →
# LibreOffice headless prints it to PDF → pdftoppm (poppler-utils) turns pages into PNG.
# Usage: scripts/workbook-screenshots.sh [path/to/vitrina]   (writes docs/img/collect-*.png)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/generator/vitrina}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" new "$tmp/site" --municipality "Калтанский городской округ" --period 2024-2026 --programme-id kaltan-ppr >/dev/null
"$BIN" collect kaltan-ppr --site "$tmp/site" --year 2024 -q -o "$tmp/факты.xlsx"
/usr/bin/python3 - "$tmp/факты.xlsx" <<'PY'
import sys, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
f, m = wb["Факты"], wb["Мероприятия"]
f["G2"], f["H2"] = 45.5, "Мониторинг ИМЦ"
f["G3"] = 62
f["G4"], f["I4"] = "да", "Положение утверждено приказом № 12"
m["E2"], m["F2"] = "выполнено", "Проведено 4 семинара"
m["E4"], m["G4"] = "не выполнено", "Нет наставников"
wb.save(path)
PY
soffice -env:UserInstallation="file://$tmp/lo" --headless --convert-to pdf --outdir "$tmp" "$tmp/факты.xlsx" >/dev/null
pdftoppm -png -r 70 -f 1 -l 3 "$tmp/факты.pdf" "$tmp/page"
mv "$tmp/page-1.png" docs/img/collect-facts.png
mv "$tmp/page-2.png" docs/img/collect-measures.png
mv "$tmp/page-3.png" docs/img/collect-instructions.png
echo "docs/img/collect-{facts,measures,instructions}.png"
