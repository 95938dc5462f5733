// Locale-aware formatting through ICU: numbers («1 234,5» with a no-break space),
// percentages («55 %»), plural forms (1 мероприятие, 2 мероприятия, 5 мероприятий),
// long dates («27 января 2022 г.») and transliterated URL slugs.
#pragma once
#include <optional>
#include <string>

namespace vitrina {

// `precision` fixed decimals; locale "ru" or "en".
std::string format_number(double value, int precision, const std::string& locale);
// Number followed by the unit, with the locale's spacing («55 %», «12 чел.»).
std::string format_value(std::optional<double> value, int precision, const std::string& unit,
                         const std::string& locale);
// Plural category of `n` in the locale: "one", "few", "many" or "other".
std::string plural_category(long long n, const std::string& locale);
// "{n} word" with the right form: forms are "one|few|many|other" separated by '|'.
std::string plural(long long n, const std::string& forms, const std::string& locale);
// ISO date ("2022-01-27", "2022-03", "2022") in the locale's long form.
std::string format_date(const std::string& iso, const std::string& locale);
// A full ISO date as «DD.MM.YYYY» ("2024-06-30" → "30.06.2024"); anything else as it is.
std::string numeric_date(const std::string& iso);
// Cyrillic → Latin ASCII slug by the ICU rule "Russian-Latin/BGN; Latin-ASCII; Lower",
// non-alphanumerics collapsed to '-'. Stable across builds.
std::string slugify(const std::string& text);

}  // namespace vitrina
