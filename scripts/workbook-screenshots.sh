#!/usr/bin/env bash
# Screenshots of the data-entry workbook for docs/facts-import.md, made from the real thing so
# they stay current: `vitrina new` → `vitrina collect` → a few cells filled with openpyxl →
# LibreOffice headless (in Russian) prints it to PDF → pdftoppm (poppler-utils) turns pages into PNG,
# each cut to its printed text.
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
# LibreOffice in Russian, as the methodologist has it: 45,5 with a decimal comma.
mkdir -p "$tmp/lo/user"
cat >"$tmp/lo/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>ru-RU</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>ru-RU</value></prop></item>
</oor:items>
XCU
soffice -env:UserInstallation="file://$tmp/lo" --headless --convert-to pdf --outdir "$tmp" "$tmp/факты.xlsx" >/dev/null
# Each page cut to its printed text (pdftotext -bbox) without the footer, plus a margin, at a
# readable resolution.
dpi=110
for page in 1 2 3; do
  read -r w h < <(pdftotext -f $page -l $page -bbox "$tmp/факты.pdf" - | /usr/bin/python3 -c '
import re, sys
text = sys.stdin.read()
height = float(re.search(r"<page width=\"[\d.]+\" height=\"([\d.]+)", text).group(1))
boxes = [(float(x), float(y)) for x, y in re.findall(r"<word [^>]*xMax=\"([\d.]+)\" yMax=\"([\d.]+)\"", text)]
boxes = [b for b in boxes if b[1] < height - 72]
print(round((max(x for x, _ in boxes) + 12) * '$dpi' / 72), round((max(y for _, y in boxes) + 12) * '$dpi' / 72))')
  pdftoppm -png -r $dpi -f $page -l $page -singlefile -x 0 -y 0 -W "$w" -H "$h" "$tmp/факты.pdf" "$tmp/page-$page"
done
mv "$tmp/page-1.png" docs/img/collect-facts.png
mv "$tmp/page-2.png" docs/img/collect-measures.png
mv "$tmp/page-3.png" docs/img/collect-instructions.png
echo "docs/img/collect-{facts,measures,instructions}.png"
