// The period parser over every printed form listed in docs/measures.md.
#include <doctest/doctest.h>

#include "load/period_parser.h"

using namespace vitrina;

namespace {
std::string iso(const std::optional<PartialDate>& d) { return d ? d->iso() : "-"; }
}  // namespace

TEST_CASE("period forms") {
  struct Case { const char* printed; const char* start; const char* end; const char* recurrence; };
  const Case cases[] = {
      {"2019-2023 гг.", "2019", "2023", ""},
      {"на 2022 – 2030 годы", "2022", "2030", ""},
      {"2019 г.", "2019", "2019", ""},
      {"2019-2023 гг. февраль-май", "2019-02", "2023-05", ""},
      {"2019-2023 гг. ежемесячно", "2019", "2023", "monthly"},
      {"Ежегодно, IV квартал", "-", "-", "yearly"},
      {"Еженедельно", "-", "-", "weekly"},
      {"Ежеквартально", "-", "-", "quarterly"},
      {"март 2021", "2021-03", "2021-03", ""},
      {"июнь 2021, далее ежегодно", "2021-06", "-", "yearly"},
      {"март-2021, далее ежегодно", "2021-03", "-", "yearly"},
      {"апрель-май 2021, далее ежегодно", "2021-04", "-", "yearly"},
      {"Апрель-май 2022 года", "2022-04", "2022-05", ""},
      {"27.10.2022", "2022-10-27", "2022-10-27", ""},
      {"15.03.2022 14.06.2022 11.10.2022 13.12.2022", "2022-03-15", "2022-12-13", ""},
      {"Март – апрель", "-", "-", ""},
      {"Постоянно", "-", "-", ""},
      {"2 раза в месяц", "-", "-", "count"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.printed);
    Period p = parse_period(c.printed);
    CHECK(p.printed == c.printed);
    CHECK(iso(p.start) == c.start);
    CHECK(iso(p.end) == c.end);
    CHECK(p.recurrence == c.recurrence);
    CHECK(p.recognised);
  }
}

TEST_CASE("period details: quarter months, month lists, references, relative, within year") {
  Period q = parse_period("Ежегодно, IV квартал");
  CHECK(q.quarter == 4);
  CHECK(q.months == std::vector<int>{10, 11, 12});
  Period l = parse_period("2019-2023 гг. август, ноябрь, март");
  CHECK(l.months == std::vector<int>{3, 8, 11});
  CHECK(l.start->month == 0);  // a month list is not a range: year precision
  Period ref = parse_period("2019-2023 гг. согласно плану работы ММО");
  CHECK(ref.reference == "согласно плану работы ММО");
  CHECK(parse_period("В соответствии с дорожной картой").reference == "В соответствии с дорожной картой");
  CHECK(parse_period("Декабрь текущего года").relative);
  CHECK(parse_period("Декабрь текущего года").months == std::vector<int>{12});
  CHECK(parse_period("В течение года").within_year);
  Period two = parse_period("1 раз в два месяца");
  CHECK(two.recurrence_count == 1);
  CHECK(two.recurrence_per == "two_months");
  CHECK(parse_period("Март – апрель").months == std::vector<int>{3, 4});
  Period stray = parse_period("от 05.04. 2021 № 119");
  REQUIRE(stray.start);
  CHECK(stray.start->iso() == "2021-04-05");
}

TEST_CASE("period: text with no date stays text") {
  Period p = parse_period("по мере необходимости");
  CHECK(!p.recognised);
  CHECK(!p.start);
  CHECK(parse_period("").printed.empty());
}

TEST_CASE("period: impossible dates and reversed ranges are problems; paragraph numbers are not dates") {
  std::vector<PeriodProblem> problems;
  Period p = parse_period("31.02.2025, 31.13.2025, 2026-2025, 15.06.2025 - 14.03.2025", &problems);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].kind == PeriodProblem::Kind::NoSuchDay);
  CHECK(problems[0].days == 28);
  CHECK(problems[1].kind == PeriodProblem::Kind::NoSuchMonth);
  CHECK(problems[2].kind == PeriodProblem::Kind::ReversedYears);
  CHECK(problems[2].fix == "2025-2026");
  CHECK(problems[3].kind == PeriodProblem::Kind::ReversedDates);
  CHECK(problems[3].text == "15.06.2025 - 14.03.2025");
  CHECK(problems[3].fix == "14.03.2025 - 15.06.2025");
  CHECK(p.events.size() == 2);  // the two real dates are still read
  problems.clear();
  parse_period("29.02.2024; согласно п. 2.13.1 плана; 1.12.2022", &problems);
  CHECK(problems.empty());
}
