// libFuzzer target: view-model rendering with arbitrary data. The site is the
// tests/fixtures/minimal fixture held in memory; byte 0 % 5 picks which of its data files
// the fuzz input (bytes 1..) replaces, bit 7 also builds the xlsx workbooks. When the data
// loads and validates, the whole site is computed, planned and rendered with the bundled
// templates and theme, plus open data. Properties: no crash/UB/leak, and every output
// path is accepted by safe_output_path (nothing can be written outside output/).
#include <filesystem>
#include <string>

#include "compute/metrics.h"
#include "fuzz/fuzz_common.h"
#include "load/content_loader.h"
#include "output/html/html_site.h"
#include "output/opendata/opendata.h"
#include "output/xlsx/board_workbook.h"
#include "plan/pages.h"
#include "render/template_set.h"
#include "util/read_file.h"
#include "validate/validate.h"
#include "write/publish.h"

using namespace vitrina;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  std::string files[fuzz::kKinds];
  std::string page;
  TemplateSet templates;
  Theme theme;
};

Fixture* fixture = nullptr;

void check_paths(const std::vector<OutputFile>& files) {
  for (const auto& f : files)
    if (!safe_output_path(f.path)) fuzz::fail("unsafe output path", f.path);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const fs::path root = fs::path(VITRINA_SHARE_DIR);
  const fs::path site = root / "tests/fixtures/minimal";
  fixture = new Fixture;
  for (int k = 0; k < fuzz::kKinds; ++k) read_file(site / fuzz::file_name(k), fixture->files[k]);
  read_file(site / "content/alpha/01-about.md", fixture->page);
  Diagnostics diags;
  fixture->templates = TemplateSet::load({root / "templates"}, diags);
  fixture->theme = load_theme({root / "themes/default"}, "ru", diags);
  if (diags.has_errors()) fuzz::fail("bundled templates do not load", format_all(diags, DiagFormat::Text));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const int kind = data[0] % fuzz::kKinds;
  const bool xlsx = data[0] & 0x80;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

  Diagnostics diags;
  SiteModel model;
  SourceIndex sources;
  for (int k = 0; k < fuzz::kKinds; ++k) fuzz::load_text(k, k == kind ? text : fixture->files[k], model, sources, diags);
  Programme& prog = model.programmes.front();
  if (prog.id.empty() || !valid_id(prog.id)) prog.id = "alpha";
  ContentPage page;
  page.programme = prog.id;
  page.slug = "01-about";
  if (parse_page(fixture->page, "content/alpha/01-about.md", page, diags)) prog.pages.push_back(page);
  validate(model, sources, diags);
  if (diags.has_errors()) return 0;

  SiteMetrics metrics = compute_metrics(model, diags);
  std::vector<PlannedPage> pages = plan_pages(model);
  check_content_links(model, pages, diags);
  if (diags.has_errors()) return 0;
  HtmlOptions hopt{model.site.base_url, 1};
  std::vector<OutputFile> files;
  render_html(model, metrics, pages, fixture->templates, fixture->theme, hopt,
              [&](const std::string& path, std::string_view bytes) { files.push_back({path, std::string(bytes)}); });
  check_paths(files);
  check_paths(build_open_data(model, metrics));
  if (xlsx) check_paths(build_workbooks(model, metrics, diags));
  return 0;
}
