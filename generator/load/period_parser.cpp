#include "load/period_parser.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

namespace vitrina {

namespace {

// Lower-cases ASCII and Russian Cyrillic without changing byte lengths, so offsets in
// the lowered text are offsets in the printed one (used to cut out plan references).
std::string lower_ru(const std::string& s) {
  std::string out = s;
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      out[i] = static_cast<char>(std::tolower(c));
    } else if (c == 0xD0 && i + 1 < out.size()) {
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x90 && d <= 0x9F) out[i + 1] = static_cast<char>(d + 0x20);          // А-П → а-п
      else if (d >= 0xA0 && d <= 0xAF) { out[i] = '\xD1'; out[i + 1] = static_cast<char>(d - 0x20); }  // Р-Я → р-я
      else if (d == 0x81) { out[i] = '\xD1'; out[i + 1] = '\x91'; }                   // Ё → ё
      ++i;
    }
  }
  return out;
}

struct Token {
  enum Kind { Word, Number, Dash, Comma, Other } kind;
  std::string text;
  size_t offset;
};

bool is_letter_byte(unsigned char c) { return c >= 0x80 || std::isalpha(c); }

// Words (letters), numbers (digits with embedded dots, e.g. 15.03.2022), dashes.
std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (s.compare(i, 3, "\xE2\x80\x93") == 0 || s.compare(i, 3, "\xE2\x80\x94") == 0) {  // – —
      out.push_back({Token::Dash, "-", i});
      i += 3;
    } else if (s.compare(i, 3, "\xE2\x84\x96") == 0) {  // № : what follows is a number, not a date
      out.push_back({Token::Other, "№", i});
      i += 3;
    } else if (s.compare(i, 2, "\xC2\xA0") == 0) {
      i += 2;
    } else if (c >= 0x80 && c < 0xC0) {
      ++i;
    } else if (is_letter_byte(c) && !(c == 0xE2)) {
      size_t j = i;
      while (j < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[j]);
        if (d == 0xE2 || d == 0xC2) break;
        if (!is_letter_byte(d)) break;
        ++j;
      }
      if (j == i) { ++i; continue; }
      out.push_back({Token::Word, s.substr(i, j - i), i});
      i = j;
    } else if (std::isdigit(c)) {
      size_t j = i;
      // digits, dots and a space right after a dot ("05.04. 2021" has a stray space)
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' ||
                              (s[j] == ' ' && j > i && s[j - 1] == '.' && j + 1 < s.size() &&
                               std::isdigit(static_cast<unsigned char>(s[j + 1])) &&
                               std::count(s.begin() + i, s.begin() + j, '.') == 2)))
        ++j;
      std::string t = s.substr(i, j - i);
      t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
      while (!t.empty() && t.back() == '.') t.pop_back();
      out.push_back({Token::Number, t, i});
      i = j;
    } else if (c == '-') {
      out.push_back({Token::Dash, "-", i});
      ++i;
    } else if (c == ',' || c == ';') {
      out.push_back({Token::Comma, ",", i});
      ++i;
    } else {
      if (!std::isspace(c)) out.push_back({Token::Other, std::string(1, static_cast<char>(c)), i});
      ++i;
    }
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

int month_of(const std::string& w) {
  static const std::pair<const char*, int> stems[] = {
      {"январ", 1}, {"феврал", 2}, {"март", 3}, {"апрел", 4}, {"май", 5}, {"мая", 5},
      {"июн", 6},   {"июл", 7},    {"август", 8}, {"сентябр", 9}, {"октябр", 10}, {"ноябр", 11}, {"декабр", 12}};
  for (auto& [stem, m] : stems) {
    if (starts_with(w, stem)) {
      // "май"/"мая" only as whole words ("майский" is not a month here)
      if (m == 5 && w.size() != std::string_view(stem).size()) return 0;
      return m;
    }
  }
  return 0;
}

int roman(const std::string& w) {
  if (w == "i") return 1;
  if (w == "ii") return 2;
  if (w == "iii") return 3;
  if (w == "iv") return 4;
  return 0;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// A number token shaped as a date, d.m.yyyy (one or two digits for the day and the month):
// false for anything else ("1.2.3" of a plan's paragraph). `d` may still not exist.
bool date_shaped(const std::string& t, PartialDate& d) {
  const size_t a = t.find('.'), b = t.find('.', a + 1);
  if (a == std::string::npos || b == std::string::npos || t.find('.', b + 1) != std::string::npos) return false;
  if (a < 1 || a > 2 || b - a - 1 < 1 || b - a - 1 > 2 || t.size() - b - 1 != 4) return false;
  d = {std::stoi(t.substr(b + 1)), std::stoi(t.substr(a + 1, b - a - 1)), std::stoi(t.substr(0, a))};
  return d.year >= 1900 && d.year <= 2200;
}

// A date of the calendar; a date-shaped token that is not one is recorded in `problems`.
bool parse_date(const std::string& t, PartialDate& d, std::vector<PeriodProblem>* problems) {
  if (!date_shaped(t, d)) return false;
  if (d.month < 1 || d.month > 12) {
    if (problems) problems->push_back({PeriodProblem::Kind::NoSuchMonth, t, 0, {}});
    return false;
  }
  const int days = days_in_month(d.year, d.month);
  if (d.day < 1 || d.day > days) {
    if (problems) problems->push_back({PeriodProblem::Kind::NoSuchDay, t, days, {}});
    return false;
  }
  return true;
}

bool is_year(const std::string& t, int& y) {
  if (t.size() != 4 || !std::all_of(t.begin(), t.end(), ::isdigit)) return false;
  y = std::stoi(t);
  return y >= 1900 && y <= 2200;
}

}  // namespace

Period parse_period(const std::string& printed, std::vector<PeriodProblem>* problems) {
  Period p;
  p.printed = printed;
  const std::string low = lower_ru(printed);
  auto toks = tokenize(low);

  std::vector<int> years;
  std::vector<std::pair<int, int>> year_ranges;
  std::vector<int> months;
  bool month_range = false;

  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind == Token::Number) {
      if (i > 0 && toks[i - 1].kind == Token::Other && toks[i - 1].text == "№") continue;
      PartialDate d;
      int y;
      // A range "a-b" when a dash and a number follow; reported when b comes before a.
      const bool dash_next = i + 2 < toks.size() && toks[i + 1].kind == Token::Dash && toks[i + 2].kind == Token::Number;
      auto reversed = [&](PeriodProblem::Kind kind) {
        const Token& b = toks[i + 2];
        const size_t a_end = t.offset + t.text.size();
        const std::string a_text = printed.substr(t.offset, t.text.size()), b_text = printed.substr(b.offset, b.text.size());
        const std::string dash = printed.substr(a_end, b.offset - a_end);
        problems->push_back({kind, a_text + dash + b_text, 0, b_text + dash + a_text});
      };
      if (parse_date(t.text, d, problems)) {
        p.events.push_back(d);
        PartialDate d2;
        if (dash_next && problems && date_shaped(toks[i + 2].text, d2) && d2 < d)
          reversed(PeriodProblem::Kind::ReversedDates);
      } else if (is_year(t.text, y)) {
        int y2;
        if (dash_next && is_year(toks[i + 2].text, y2)) {
          if (y2 < y && problems) reversed(PeriodProblem::Kind::ReversedYears);
          year_ranges.push_back({std::min(y, y2), std::max(y, y2)});
          i += 2;
        } else {
          years.push_back(y);
        }
      } else if (i + 2 < toks.size() && toks[i + 1].kind == Token::Word && starts_with(toks[i + 1].text, "раз")) {
        // "2 раза в месяц", "1 раз в два месяца"
        p.recurrence = "count";
        p.recurrence_count = std::atoi(t.text.c_str());
        for (size_t k = i + 2; k < toks.size() && k < i + 5; ++k) {
          const std::string& w = toks[k].text;
          if (w == "два" || w == "2") { p.recurrence_per = "two_"; continue; }
          if (starts_with(w, "месяц")) { p.recurrence_per += "month"; break; }
          if (starts_with(w, "год")) { p.recurrence_per += "year"; break; }
          if (starts_with(w, "недел")) { p.recurrence_per += "week"; break; }
          if (starts_with(w, "квартал")) { p.recurrence_per += "quarter"; break; }
        }
        if (p.recurrence_per == "two_month") p.recurrence_per = "two_months";
      }
      continue;
    }
    if (t.kind != Token::Word) continue;
    const std::string& w = t.text;
    if (int m = month_of(w)) {
      if (i >= 2 && toks[i - 1].kind == Token::Dash && toks[i - 2].kind == Token::Word && month_of(toks[i - 2].text) &&
          !months.empty()) {
        int from = months.back();
        months.pop_back();
        for (int k = from; k != m; k = k % 12 + 1) months.push_back(k);
        months.push_back(m);
        month_range = true;
      } else {
        months.push_back(m);
      }
    } else if (w == "ежегодно") {
      p.recurrence = "yearly";
      if (i > 0 && toks[i - 1].text == "далее") p.then_yearly = true;
    } else if (w == "ежеквартально") {
      p.recurrence = "quarterly";
    } else if (w == "ежемесячно") {
      p.recurrence = "monthly";
    } else if (w == "еженедельно") {
      p.recurrence = "weekly";
    } else if (starts_with(w, "квартал") && i > 0 && roman(toks[i - 1].text)) {
      p.quarter = roman(toks[i - 1].text);
    } else if (w == "течение" && i + 1 < toks.size() && starts_with(toks[i + 1].text, "год")) {
      p.within_year = true;
    } else if (w == "текущего" && i + 1 < toks.size() && starts_with(toks[i + 1].text, "год")) {
      p.relative = true;
    } else if (w == "постоянно") {
      p.continuous = true;
    } else if (p.reference.empty() &&
               (w == "согласно" || (w == "соответствии" && i > 0 && toks[i - 1].text == "в") ||
                ((w == "по") && i + 1 < toks.size() &&
                 (starts_with(toks[i + 1].text, "план") || starts_with(toks[i + 1].text, "график"))))) {
      size_t from = (w == "соответствии") ? toks[i - 1].offset : t.offset;
      std::string ref = printed.substr(from);
      while (!ref.empty() && (ref.back() == ' ' || ref.back() == ',' || ref.back() == ')')) ref.pop_back();
      p.reference = ref;
    }
  }

  if (p.quarter) {
    months.clear();
    for (int k = (p.quarter - 1) * 3 + 1; k <= p.quarter * 3; ++k) months.push_back(k);
    month_range = true;
  }
  p.months = months;
  std::sort(p.months.begin(), p.months.end());
  p.months.erase(std::unique(p.months.begin(), p.months.end()), p.months.end());

  const int first_m = month_range && !months.empty() ? months.front() : (months.size() == 1 ? months[0] : 0);
  const int last_m = month_range && !months.empty() ? months.back() : (months.size() == 1 ? months[0] : 0);

  if (!p.events.empty()) {
    std::sort(p.events.begin(), p.events.end());
    p.events.erase(std::unique(p.events.begin(), p.events.end()), p.events.end());
    p.start = p.events.front();
    p.end = p.events.back();
  } else if (!year_ranges.empty()) {
    int a = year_ranges.front().first, b = year_ranges.front().second;
    for (auto [x, y] : year_ranges) {
      a = std::min(a, x);
      b = std::max(b, y);
    }
    p.start = PartialDate{a, first_m, 0};
    p.end = PartialDate{b, last_m, 0};
  } else if (!years.empty()) {
    int a = *std::min_element(years.begin(), years.end());
    int b = *std::max_element(years.begin(), years.end());
    p.start = PartialDate{a, first_m, 0};
    if (p.then_yearly) p.end.reset();  // open-ended: resolved against the programme period
    else p.end = PartialDate{b, last_m, 0};
  }
  p.recognised = p.start.has_value() || !p.recurrence.empty() || !p.months.empty() || p.within_year ||
                 p.relative || p.continuous || !p.reference.empty() || p.quarter;
  return p;
}

}  // namespace vitrina
