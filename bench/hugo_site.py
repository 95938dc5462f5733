#!/usr/bin/env python3
"""Turn a Vitrina site folder (bench/gen-corpus output) into an equivalent Hugo site.

    bench/hugo_site.py SITE_DIR HUGO_DIR

Writes HUGO_DIR/config.json and HUGO_DIR/content/, and copies bench/hugo/layouts and the
default theme's assets (as static/). Every HTML page Vitrina writes has one Hugo page of the same kind at the
same path (see bench/README.md, «The Hugo site»):

    index.html, dashboard/, organisations/, 404.html, pages/<slug>/
    programmes/<id>/                       passport, goals, tasks, statistics, references
    programmes/<id>/indicators/            table of every indicator, plan and fact of the report year
    programmes/<id>/indicators/<ind>/      plan/fact table per year, SVG chart, values by organisation
    programmes/<id>/measures/              table of every measure with its status in the report year
    programmes/<id>/dashboard/             indicator statuses computed in the template
    programmes/<id>/organisations/<org>/   organisation card with its indicator values
    programmes/<id>/pages/<slug>/          Markdown narrative pages (goldmark)

Each page's data are in its JSON front matter (the part of the corpus JSON the page shows),
so Hugo reads the same data once, as Vitrina does. Python 3 standard library only.
"""

import argparse
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def front(meta, body=""):
    """A content file: JSON front matter (Hugo accepts a leading JSON object) and a body."""
    return json.dumps(meta, ensure_ascii=False, indent=None) + "\n" + body


def split_front_matter(text):
    """(front matter dict, body) of a Vitrina Markdown page (simple YAML: key: value)."""
    meta, body = {}, text
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            for line in text[4:end].splitlines():
                if ":" in line:
                    k, v = line.split(":", 1)
                    meta[k.strip()] = v.strip().strip('"')
            body = text[end + 4:].lstrip("\n")
    return meta, body


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(site_dir, out_dir):
    site_dir, out_dir = Path(site_dir), Path(out_dir)
    site = json.loads((site_dir / "data" / "site.json").read_text(encoding="utf-8"))
    ry = site.get("report_year", 0)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    content = out_dir / "content"
    config = {
        "baseURL": "/",
        "languageCode": site.get("locale", "ru"),
        "defaultContentLanguage": site.get("locale", "ru"),
        "title": site["title"],
        "relativeURLs": True,
        "disableKinds": ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"],
        "disableHugoGeneratorInject": True,
        "enableGitInfo": False,
        "timeout": "600s",
        "params": {"owner": site.get("owner", ""), "report_year": ry, "demo": bool(site.get("demo"))},
        "markup": {"goldmark": {"renderer": {"unsafe": bool(site.get("allow_raw_html", False))}}},
    }
    out_dir.mkdir(parents=True)
    (out_dir / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.copytree(HERE / "hugo" / "layouts", out_dir / "layouts")
    # The same stylesheet, script and icon as Vitrina's default theme (Hugo copies static/).
    shutil.copytree(HERE.parent / "themes" / "default" / "assets", out_dir / "static")

    pages = 0
    write(content / "_index.md", front({"title": site["title"], "vk": "home"}))
    write(content / "dashboard.md", front({"title": "Сводка", "layout": "site_dashboard", "vk": "site_dashboard"}))
    write(content / "organisations.md", front({"title": "Организации", "layout": "organisations", "vk": "organisations"}))
    pages += 4  # the three above and 404.html (layouts/404.html)
    write(content / "pages" / "_index.md", front({"title": "Страницы", "_build": {"render": "never"}, "vk": "section"}))
    for md in sorted((site_dir / "content").glob("*.md")):
        meta, body = split_front_matter(md.read_text(encoding="utf-8"))
        write(content / "pages" / md.name,
              front({"title": meta.get("title", md.stem), "layout": "page", "vk": "page", "slug": md.stem}, body))
        pages += 1
    # The programmes section itself has no page in Vitrina: listed, never rendered.
    write(content / "programmes" / "_index.md",
          front({"title": "Программы", "_build": {"render": "never"}, "vk": "section"}))

    for order, pid in enumerate(site["programmes"], 1):
        pdir = site_dir / "data" / "programmes" / pid
        prog = json.loads((pdir / "programme.json").read_text(encoding="utf-8"))
        inds = json.loads((pdir / "indicators.json").read_text(encoding="utf-8"))["indicators"]
        meas = json.loads((pdir / "measures.json").read_text(encoding="utf-8"))["measures"]
        orgs_file = pdir / "organisations.json"
        orgs = json.loads(orgs_file.read_text(encoding="utf-8"))["organisations"] if orgs_file.exists() else []
        base = content / "programmes" / pid
        common = {"programme": pid, "programme_title": prog["title"]}
        passport = {k: v for k, v in prog.items() if k not in ("cycle", "approval_sheet", "notes")}
        write(base / "_index.md", front({**common, "title": prog["title"], "layout": "programme", "vk": "programme",
                                         "weight": order, "p": passport, "notes": prog.get("notes", [])}))
        write(base / "indicators" / "_index.md",
              front({**common, "title": "Показатели", "layout": "indicators", "vk": "indicators"}))
        write(base / "measures.md", front({**common, "title": "Мероприятия", "layout": "measures", "vk": "measures",
                                           "measures": meas, "sections": prog.get("measure_sections", [])}))
        write(base / "dashboard.md", front({**common, "title": "Сводка программы", "layout": "dashboard",
                                            "vk": "dashboard"}))
        pages += 4
        org_names = {o["id"]: o.get("short_name") or o["name"] for o in orgs}
        for i, ind in enumerate(inds, 1):
            for f in ind.get("facts", []):
                for b in f.get("by_organisation", []):
                    b["name"] = org_names.get(b.get("organisation"), b.get("organisation", ""))
            write(base / "indicators" / (ind["id"] + ".md"),
                  front({**common, "title": ind["name"], "layout": "indicator", "vk": "indicator", "weight": i,
                         "ind": ind, "period": prog.get("period", {})}))
            pages += 1
        for i, org in enumerate(orgs, 1):
            values = []
            for ind in inds:
                for f in ind.get("facts", []):
                    for b in f.get("by_organisation", []):
                        if b.get("organisation") == org["id"]:
                            values.append({"indicator": ind.get("number", "") + " " + ind["name"], "year": f["year"],
                                           "value": b.get("value"), "unit": ind.get("unit", "")})
            write(base / "organisations" / (org["id"] + ".md"),
                  front({**common, "title": org["name"], "layout": "organisation", "vk": "organisation", "weight": i,
                         "org": org, "values": values}))
            pages += 1
        cdir = site_dir / "content" / pid
        for md in sorted(cdir.glob("*.md")) if cdir.is_dir() else []:
            meta, body = split_front_matter(md.read_text(encoding="utf-8"))
            write(base / "pages" / md.name,
                  front({**common, "title": meta.get("title", md.stem), "layout": "page", "vk": "page",
                         "slug": md.stem}, body))
            pages += 1
    return pages


def main(argv=None):
    ap = argparse.ArgumentParser(prog="hugo_site.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("site_dir")
    ap.add_argument("hugo_dir")
    a = ap.parse_args(argv)
    n = generate(a.site_dir, a.hugo_dir)
    print(f"hugo_site: {n} pages planned in {a.hugo_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
