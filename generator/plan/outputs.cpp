#include "plan/outputs.h"

namespace vitrina {

namespace {

// Where an output goes: a file, a site-wide folder, or a programme's folder or file (the
// programme's id follows `path` as a folder name, or as a file name with `ext`).
struct Place {
  enum Shape { File, Folder, ProgrammeFolder, ProgrammeFile } shape;
  std::string_view path, ext = {};
};

Place place(Output k) {
  switch (k) {
    case Output::ProgrammePages: return {Place::ProgrammeFolder, "programmes"};
    case Output::ProgrammeWorkbook: return {Place::ProgrammeFile, "xlsx", ".xlsx"};
    case Output::ProgrammeData: return {Place::ProgrammeFolder, "data"};
    case Output::Home: return {Place::File, "index.html"};
    case Output::SiteDashboard: return {Place::File, "dashboard/index.html"};
    case Output::Organisations: return {Place::File, "organisations/index.html"};
    case Output::SitePages: return {Place::Folder, "pages"};
    case Output::NotFound: return {Place::File, "404.html"};
    case Output::BoardWorkbook: return {Place::File, "board.xlsx"};
    case Output::DataIndex: return {Place::File, "data/index.json"};
    case Output::Assets: return {Place::Folder, "assets"};
    case Output::Sitemap: return {Place::File, "sitemap.xml"};
    case Output::Robots: return {Place::File, "robots.txt"};
    case Output::Feed: return {Place::File, "feed.xml"};
    case Output::Htaccess: return {Place::File, ".htaccess"};
    case Output::SearchIndex: return {Place::Folder, "search"};
  }
  return {Place::File, ""};
}

// The outputs a programme owns.
constexpr Output kProgrammeOutputs[] = {Output::ProgrammePages, Output::ProgrammeWorkbook, Output::ProgrammeData};

// The programme id in `rel` if it is inside output `k` of a programme, else "".
std::string_view owner_in(Output k, std::string_view rel) {
  const Place p = place(k);
  if (rel.size() <= p.path.size() + 1 || rel.compare(0, p.path.size(), p.path) != 0 || rel[p.path.size()] != '/')
    return {};
  const std::string_view after = rel.substr(p.path.size() + 1);
  const size_t slash = after.find('/');
  switch (p.shape) {
    case Place::ProgrammeFolder:  // <id>/<something>
      return slash != std::string_view::npos && slash > 0 && slash + 1 < after.size() ? after.substr(0, slash)
                                                                                       : std::string_view();
    case Place::ProgrammeFile:  // <id><ext>
      if (slash != std::string_view::npos || after.size() <= p.ext.size() ||
          after.compare(after.size() - p.ext.size(), p.ext.size(), p.ext) != 0)
        return {};
      return after.substr(0, after.size() - p.ext.size());
    case Place::File:
    case Place::Folder: return {};
  }
  return {};
}

std::string join(std::string_view a, std::string_view b) {
  std::string s(a);
  s += '/';
  s += b;
  return s;
}

}  // namespace

std::string output_path(Output kind, std::string_view programme, std::string_view rest) {
  const Place p = place(kind);
  switch (p.shape) {
    case Place::File: return std::string(p.path);
    case Place::Folder: return rest.empty() ? std::string(p.path) : join(p.path, rest);
    case Place::ProgrammeFolder: return rest.empty() ? join(p.path, programme) : join(join(p.path, programme), rest);
    case Place::ProgrammeFile: return join(p.path, programme) + std::string(p.ext);
  }
  return {};
}

std::string output_owner(std::string_view rel) {
  for (Output k : kProgrammeOutputs)
    if (std::string_view id = owner_in(k, rel); !id.empty()) return std::string(id);
  return {};
}

bool is_download(std::string_view rel) {
  return !owner_in(Output::ProgrammeWorkbook, rel).empty() || !owner_in(Output::ProgrammeData, rel).empty() ||
         rel == output_path(Output::BoardWorkbook) || rel == output_path(Output::DataIndex);
}

std::string workbook_path(std::string_view programme) { return output_path(Output::ProgrammeWorkbook, programme); }
std::string indicators_csv_path(std::string_view programme) {
  return output_path(Output::ProgrammeData, programme, "indicators.csv");
}
std::string measures_csv_path(std::string_view programme) {
  return output_path(Output::ProgrammeData, programme, "measures.csv");
}
std::string programme_json_path(std::string_view programme) {
  return output_path(Output::ProgrammeData, programme, std::string(programme) + ".json");
}
std::string indicator_csv_path(std::string_view programme, std::string_view indicator) {
  return output_path(Output::ProgrammeData, programme, "indicators/" + std::string(indicator) + ".csv");
}
std::string indicator_json_path(std::string_view programme, std::string_view indicator) {
  return output_path(Output::ProgrammeData, programme, "indicators/" + std::string(indicator) + ".json");
}

}  // namespace vitrina
