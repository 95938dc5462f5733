#!/usr/bin/python3
"""Writes the seed corpus of one fuzz target, derived from the bundled data, the demo
site, the test fixtures and docs, plus the hand-written hostile seeds in seeds/<target>/.

usage: make_seeds.py SOURCE_DIR TARGET OUT_DIR    (TARGET: json | markdown | period | render | xlsx)

Layout (see generator/fuzz/fuzz_common.h): json and render seeds are one selector byte
(the data file kind; bit 7 = also build workbooks in the render target) + the file text;
markdown seeds are one option byte (bit 0 raw HTML, bit 1 front matter) + the text;
period seeds are the printed term alone; xlsx seeds (generator/fuzz/fuzz_xlsx.cpp) are a
selector byte + bytes: 0 + a whole file (small workbooks made here with zipfile: shared and
inline strings, styles with date and percent formats, formulas; one made by openpyxl the way
a filled data-entry workbook looks; CSV files in UTF-8 and Windows-1251), or 1..6 + the text
of one XML part of those workbooks (XLSX_PARTS), which the target zips into a valid workbook."""
import hashlib
import io
import json
import pathlib
import sys
import zipfile

KINDS = {"site.json": 0, "programme.json": 1, "indicators.json": 2, "measures.json": 3, "organisations.json": 4}


def data_roots(src):
    roots = [src / "data", src / "examples/demo/data"]
    roots += sorted((src / "tests/fixtures").glob("*/data"))
    return [r for r in roots if r.is_dir()]


def content_roots(src):
    roots = [src / "content", src / "examples/demo/content"]
    roots += sorted((src / "tests/fixtures").glob("*/content"))
    return [r for r in roots if r.is_dir()]


def periods(value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("period", "term", "printed", "date") and isinstance(v, str):
                out.add(v)
            periods(v, out)
    elif isinstance(value, list):
        for v in value:
            periods(v, out)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(sheet_xml, shared=None, styles=None):
    parts = {
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="r1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="0"/><sheets>'
                           f'<sheet name="Факты" sheetId="1" r:id="rId1"/><sheet name="Служебный" sheetId="2" state="hidden" r:id="rId2"/>'
                           f'</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
                                      f'<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                                      f'<Relationship Id="rId4" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_xml}</sheetData></worksheet>',
        "xl/worksheets/sheet2.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>vitrina-collect-1</t></is></c>'
                                    f'<c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>',
        "xl/sharedStrings.xml": shared or f'<sst xmlns="{MAIN}"><si><t>kaltan-2019</t></si><si><r><t>Фа</t></r><r><t>кт</t></r>'
                                          f'<rPh><t>x</t></rPh></si><si><t>да</t></si></sst>',
        "xl/styles.xml": styles or f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/>'
                                   f'</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


# The parts a selector byte 1..6 of the xlsx target stands for (fuzz_xlsx.cpp's template_parts).
XLSX_PARTS = ["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
              "xl/styles.xml", "xl/worksheets/sheet1.xml"]


def openpyxl_workbook():
    """A filled data-entry workbook as openpyxl writes it: shared strings, number formats,
    validation, protection, frozen panes, a formula, a date, a boolean."""
    import datetime
    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Факты"
    ws.append(["Код", "Показатель", "Единица", "Год", "Период", "План", "Факт", "Источник", "Комментарий"])
    ws.append(["1", "Доля педагогов", "%", 2024, "год", 40, 45.5, "Мониторинг", None])
    ws.append(["3", "Наличие программы", "да/нет", 2024, "I квартал", "да", True, None, "=1+1"])
    ws.append(["2", "Число", "чел.", 2025, "год", "≥ 50", 0.125, datetime.date(2025, 4, 10), "Ф\nт"])
    ws["G4"].number_format = "0.0%"
    ws["H4"].number_format = "DD.MM.YYYY"
    dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    ws.add_data_validation(dv)
    dv.add("G2:G4")
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def parts_of(xlsx):
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        names = set(z.namelist())
        return [bytes([i + 1]) + z.read(name) for i, name in enumerate(XLSX_PARTS) if name in names]


def xlsx_seeds():
    rows = ('<row r="1"><c r="A1" t="s"><v>1</v></c><c r="G1" t="inlineStr"><is><t>Факт</t></is></c></row>'
            '<row r="2"><c r="A2" t="str"><f>B2</f><v>1.1</v></c><c r="D2"><v>2024</v></c><c r="G2" s="2"><v>0.455</v></c>'
            '<c r="H2" t="b"><v>1</v></c><c r="I2" t="e"><v>#DIV/0!</v></c><c r="J2" s="1"><v>45392</v></c></row>'
            '<row><c><v>1</v></c><c t="s"><v>2</v></c><c t="d"><v>2025-04-10</v></c></row>')
    workbooks = [
        workbook(rows),
        workbook('<row r="1"><c r="XFD1048576"><v>1</v></c></row>'),
        workbook(rows, shared=f'<sst xmlns="{MAIN}"><si><t>a</t></si></sst>'),
        openpyxl_workbook(),
    ]
    files = workbooks + [
        "Код;Год;Период;Факт\r\n1.1;2024;I квартал;\"12,5\"\r\n".encode("cp1251"),
        "\ufeffКод,Статус\nm1,выполнено\n".encode("utf-8"),
    ]
    return [bytes([0]) + f for f in files] + [p for w in workbooks for p in parts_of(w)]


def main():
    src, target, out = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    seeds = []
    if target in ("json", "render"):
        for root in data_roots(src):
            for f in sorted(root.rglob("*.json")):
                if f.is_symlink() or f.name not in KINDS:
                    continue
                b = f.read_bytes()
                seeds.append(bytes([KINDS[f.name]]) + b)
                if target == "render" and f.name != "site.json":
                    seeds.append(bytes([KINDS[f.name] | 0x80]) + b)
    elif target == "markdown":
        for root in content_roots(src):
            for f in sorted(root.rglob("*.md")):
                b = f.read_bytes()
                seeds += [bytes([2]) + b, bytes([3]) + b]
        for f in sorted((src / "docs").glob("*.md")):
            seeds.append(bytes([0]) + f.read_bytes())
    elif target == "period":
        found = set()
        for root in data_roots(src):
            for f in sorted(root.rglob("*.json")):
                try:
                    periods(json.loads(f.read_text(encoding="utf-8-sig")), found)
                except (ValueError, UnicodeDecodeError):
                    pass  # the broken-json fixtures
        seeds += [s.encode() for s in sorted(found)]
    elif target == "xlsx":
        seeds += xlsx_seeds()
    else:
        sys.exit("unknown target " + target)
    hand = pathlib.Path(__file__).resolve().parent / "seeds" / target
    if hand.is_dir():
        seeds += [f.read_bytes() for f in sorted(hand.iterdir()) if f.is_file()]
    for s in seeds:
        (out / hashlib.sha1(s).hexdigest()).write_bytes(s)
    print(f"{target}: {len(seeds)} seeds in {out}")


if __name__ == "__main__":
    main()
