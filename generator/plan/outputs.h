// Every file a build writes, in one table: where it goes (relative to the output folder) and
// whose it is. A programme owns the pages under its folder, its workbook and its open-data
// folder: an incremental build reuses them when the programme's inputs have not changed. Every
// other file is site-wide and is made on every build. Writers and links ask these functions;
// nothing else spells an output path.
#pragma once
#include <string>
#include <string_view>

namespace vitrina {

enum class Output {
  ProgrammePages,     // programmes/<id>/…: every page of one programme (plan/pages.h)
  ProgrammeWorkbook,  // xlsx/<id>.xlsx: the programme's annexes
  ProgrammeData,      // data/<id>/…: the programme's open data
  Home,               // index.html
  SiteDashboard,      // dashboard/index.html
  Organisations,      // organisations/index.html
  SitePages,          // pages/<slug>/index.html: the site's Markdown pages
  NotFound,           // 404.html
  BoardWorkbook,      // board.xlsx: the board's summary of every programme
  DataIndex,          // data/index.json: every open-data file with its checksum
  Assets,             // assets/<name>.<hash>.<ext>: the theme's stylesheets, scripts, images
  Sitemap,            // sitemap.xml
  Robots,             // robots.txt
  Feed,               // feed.xml
  Htaccess,           // .htaccess: Apache settings, when site.json asks for them
  SearchIndex,        // search/…: the search index (output/search/search_index.h)
};

// The path of an output: for a programme's output `programme` is its id and `rest` the path
// inside its folder ("indicators.csv") or nothing (the workbook); for a site-wide folder
// (pages/, assets/, search/) `rest` is the path inside it; a site-wide file takes neither.
std::string output_path(Output kind, std::string_view programme = {}, std::string_view rest = {});

// The id of the programme whose output `rel` is, or "" for a site-wide file (also for a path
// no programme output can have, such as "xlsx/sub/a.xlsx").
std::string output_owner(std::string_view rel);

// Whether `rel` is a download (a workbook or an open-data file), not a page.
bool is_download(std::string_view rel);

// A programme's workbook and open-data files (`programme` is its id).
std::string workbook_path(std::string_view programme);                                  // xlsx/<id>.xlsx
std::string indicators_csv_path(std::string_view programme);                            // data/<id>/indicators.csv
std::string measures_csv_path(std::string_view programme);                              // data/<id>/measures.csv
std::string programme_json_path(std::string_view programme);                            // data/<id>/<id>.json
std::string indicator_csv_path(std::string_view programme, std::string_view indicator);   // data/<id>/indicators/<i>.csv
std::string indicator_json_path(std::string_view programme, std::string_view indicator);  // … .json

}  // namespace vitrina
