// `vitrina new DIR`: a complete small site to start from — one programme with a passport, a
// goal, tasks, one indicator of each kind, measures, organisations and a Markdown page — that
// `vitrina check` accepts with no error and no warning. Every text a person must write is a
// placeholder beginning with «Замените этот текст», so it shows on the built pages until it is
// replaced. The bundled templates and theme are not copied: the binary finds them itself.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/data_entry.h"
#include "load/object_reader.h"
#include "text/messages.h"

namespace vitrina {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

const std::string kReplace = "Замените этот текст: ";

bool parse_period(const std::string& s, int& start, int& end) {
  // "2024-2026" or with an en dash.
  std::string t = s;
  for (const char* dash : {"–", "—"})
    for (size_t p; (p = t.find(dash)) != std::string::npos;) t.replace(p, std::string(dash).size(), "-");
  char tail = 0;
  if (std::sscanf(t.c_str(), "%d-%d%c", &start, &end, &tail) != 2) return false;
  return start >= 1900 && end <= 2200 && start <= end && end - start < 50;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

ordered_json site_json(const NewSiteOptions& o, int start) {
  return {{"title", "Программы профессионального развития педагогов: " + o.municipality},
          {"owner", kReplace + "орган управления образованием (" + o.municipality + ")"},
          {"locale", "ru"},
          {"base_url", "/"},
          {"report_year", start},
          {"build_date", today()},
          {"programmes", {o.programme_id}}};
}

ordered_json programme_json(const NewSiteOptions& o, int start, int end) {
  const std::string years = std::to_string(start) + "–" + std::to_string(end);
  return {
      {"id", o.programme_id},
      {"title", "Программа профессионального развития педагогов (" + o.municipality + ") на " + years + " годы"},
      {"short_title", "Программа профессионального развития педагогов"},
      {"kind", "programme"},
      {"municipality", o.municipality},
      {"period", {{"start", start}, {"end", end}, {"printed", years + " годы"}}},
      {"executor", kReplace + "ответственный исполнитель программы"},
      {"participants", {kReplace + "участники программы"}},
      {"funding", {{"text", kReplace + "объём и источники финансирования"}}},
      {"expected_results", {kReplace + "ожидаемый результат программы"}},
      {"goals", {{{"id", "g1"}, {"number", "1"}, {"text", kReplace + "цель программы"}}}},
      {"tasks",
       {{{"id", "t1"}, {"number", "1.1"}, {"text", kReplace + "первая задача"}, {"goal", "g1"}},
        {{"id", "t2"}, {"number", "1.2"}, {"text", kReplace + "вторая задача"}, {"goal", "g1"}}}},
  };
}

ordered_json indicators_json(const NewSiteOptions& o, int start, int end) {
  ordered_json yearly = ordered_json::array();
  for (int y = start; y <= end; ++y) yearly.push_back({{"year", y}, {"value", 30 + 5 * (y - start)}});
  return {
      {"programme", o.programme_id},
      {"indicators",
       {{{"id", "1"}, {"number", "1."}, {"name", kReplace + "доля педагогов, прошедших повышение квалификации"},
         {"goal", "g1"}, {"task", "t1"}, {"kind", kind_key(IndicatorKind::Share)}, {"unit", "%"}, {"better", better_key(Better::Higher)},
         {"base_text", "от общего количества педагогов"}, {"targets", yearly},
         {"source", kReplace + "источник данных (форма отчёта, мониторинг)"}},
        {{"id", "2"}, {"number", "2."}, {"name", kReplace + "количество педагогов — участников методических мероприятий"},
         {"goal", "g1"}, {"task", "t2"}, {"kind", kind_key(IndicatorKind::Count)}, {"unit", "чел."}, {"better", better_key(Better::Higher)},
         {"targets", {{{"op", bound_key(Bound::Ge)}, {"value", 50}, {"every_year", true}, {"printed", "ежегодно не менее 50 человек"}}}}},
        {{"id", "3"}, {"number", "3."}, {"name", kReplace + "наличие муниципальной системы наставничества"},
         {"goal", "g1"}, {"task", "t2"}, {"kind", kind_key(IndicatorKind::YesNo)}, {"better", better_key(Better::Yes)},
         {"targets", {{{"year", end}, {"value", 1}, {"printed", "да"}}}}},
        {{"id", "4"}, {"number", "4."}, {"name", kReplace + "доля педагогов с профессиональными дефицитами"},
         {"goal", "g1"}, {"task", "t1"}, {"kind", kind_key(IndicatorKind::Share)}, {"unit", "%"}, {"better", better_key(Better::Lower)},
         {"targets", {{{"year", end}, {"op", bound_key(Bound::Le)}, {"value", 10}, {"printed", "не более 10 %"}}}}}}},
  };
}

ordered_json measures_json(const NewSiteOptions& o, int start, int end) {
  const std::string years = std::to_string(start) + "–" + std::to_string(end) + " гг.";
  return {
      {"programme", o.programme_id},
      {"measures",
       {{{"id", "m1"}, {"number", "1."}, {"task", "t1"}, {"name", kReplace + "диагностика профессиональных дефицитов педагогов"},
         {"period", "ежегодно, IV квартал"}, {"responsible", {kReplace + "ответственный"}}, {"indicators", {"1", "4"}},
         {"expected_result", kReplace + "ожидаемый результат"}},
        {{"id", "m2"}, {"number", "2."}, {"task", "t2"}, {"name", kReplace + "методические мероприятия для педагогов"},
         {"period", years}, {"responsible", {kReplace + "ответственный"}}, {"indicators", {"2"}},
         {"organisations", {"imc"}}},
        {{"id", "m3"}, {"number", "3."}, {"task", "t2"}, {"name", kReplace + "создание системы наставничества"},
         {"period", std::to_string(start) + " г."}, {"responsible", {kReplace + "ответственный"}},
         {"indicators", {"3"}}}}},
  };
}

ordered_json organisations_json(const NewSiteOptions& o) {
  return {{"programme", o.programme_id},
          {"organisations",
           {{{"id", "imc"}, {"name", kReplace + "муниципальный методический центр"}, {"type", "methodological_centre"}},
            {{"id", "school-1"}, {"name", kReplace + "общеобразовательная организация"}, {"type", "general_school"}}}}};
}

std::string page_md() {
  return "---\ntitle: \"О программе\"\norder: 1\n---\n" + kReplace +
         "несколько абзацев о программе: зачем она принята, кто её выполняет, где найти документы.\n\n"
         "Страница написана в Markdown: **полужирный**, *курсив*, списки через «- ».\n";
}

std::string readme(const NewSiteOptions& o, const fs::path& dir) {
  const std::string d = dir.string(), id = o.programme_id;
  return "# Сайт программы профессионального развития педагогов\n\n"
         "Сайт создан командой `vitrina new`. Все тексты, которые начинаются со слов «Замените этот текст»,\n"
         "нужно заменить своими: пока они не заменены, они видны на страницах сайта.\n\n"
         "## Что где лежит\n\n"
         "- `data/site.json` — название сайта, владелец, отчётный год (`report_year`);\n"
         "- `data/programmes/" + id + "/programme.json` — паспорт программы: название, период, цель, задачи;\n"
         "- `data/programmes/" + id + "/indicators.json` — показатели, плановые значения и факты;\n"
         "- `data/programmes/" + id + "/measures.json` — мероприятия, сроки, статусы;\n"
         "- `data/programmes/" + id + "/organisations.json` — организации;\n"
         "- `content/" + id + "/o-programme.md` — страница «О программе» (Markdown).\n\n"
         "## Что делать дальше\n\n"
         "1. Замените тексты-заготовки в файлах `data/` и `content/` (в любом текстовом редакторе, кодировка UTF-8).\n"
         "2. Проверьте данные: `vitrina check --site " + d + "`.\n"
         "3. Факты и статусы мероприятий удобно вносить в Excel или LibreOffice:\n"
         "   `vitrina collect " + id + " --site " + d + " -o факты.xlsx`, заполните жёлтые ячейки,\n"
         "   затем `vitrina import факты.xlsx --site " + d + "`.\n"
         "4. Посмотрите сайт: `vitrina serve --site " + d + "` (откройте адрес, который покажет команда)\n"
         "   или соберите его в папку `output/`: `vitrina build --site " + d + "`.\n";
}

bool write_text(const fs::path& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  std::ofstream o(file, std::ios::binary);
  o << text;
  return static_cast<bool>(o);
}

}  // namespace

int run_new(const fs::path& dir, const NewSiteOptions& opt) {
  std::error_code ec;
  if (fs::exists(dir, ec) && (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec))) {
    std::cerr << tr("new.not_empty", {dir.string()}) << "\n";
    return kExitUsage;
  }
  int start = 0, end = 0;
  if (opt.period.empty()) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    start = tm.tm_year + 1900;
    end = start + 2;
  } else if (!parse_period(opt.period, start, end)) {
    std::cerr << tr("new.bad_period", {opt.period}) << "\n";
    return kExitUsage;
  }
  if (!valid_id(opt.programme_id)) {
    std::cerr << tr("value.id", {opt.programme_id}) << "\n";
    return kExitUsage;
  }
  const fs::path prog = dir / "data" / "programmes" / opt.programme_id;
  const std::vector<std::pair<fs::path, std::string>> files = {
      {dir / "data" / "site.json", site_json(opt, start).dump(2) + "\n"},
      {prog / "programme.json", programme_json(opt, start, end).dump(2) + "\n"},
      {prog / "indicators.json", indicators_json(opt, start, end).dump(2) + "\n"},
      {prog / "measures.json", measures_json(opt, start, end).dump(2) + "\n"},
      {prog / "organisations.json", organisations_json(opt).dump(2) + "\n"},
      {dir / "content" / opt.programme_id / "o-programme.md", page_md()},
      {dir / "README.md", readme(opt, dir)},
  };
  for (const auto& [file, text] : files)
    if (!write_text(file, text)) {
      std::cerr << tr("import.write_failed", {file.string()}) << "\n";
      return kExitDataErrors;
    }
  std::cout << tr("new.done", {dir.string(), (dir / "README.md").string()}) << "\n";
  return kExitOk;
}

}  // namespace vitrina
