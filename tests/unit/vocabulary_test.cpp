// model/vocabulary.h: the domain's words, their keys, the loader's reading of them, and the
// one yes/no rule that every stage asks.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "load/loader.h"
#include "load/object_reader.h"
#include "model/vocabulary.h"
#include "text/messages.h"
#include "validate/validate.h"

using namespace vitrina;

namespace {

// Every value has a distinct, non-empty key that reads back as the value.
template <class E>
void check_keys() {
  std::set<std::string> seen;
  for (E e : all_values<E>()) {
    const std::string key = Values<E>::key(e);
    CAPTURE(key);
    CHECK(!key.empty());
    CHECK(seen.insert(key).second);
    CHECK(from_key<E>(key) == e);
  }
  CHECK(!from_key<E>("").has_value());
  CHECK(!from_key<E>("no such key").has_value());
}

// Reads {"<field>": <value>} with ObjectReader::word into `out`; the diagnostics' messages.
template <class E>
std::vector<std::string> read_word(const std::string& json_text, E& out) {
  Diagnostics d;
  nlohmann::json j;
  PositionMap pos;
  REQUIRE(parse_json_text(json_text, "f.json", j, pos, d));
  FileContext ctx{"f.json", &pos, &d};
  {
    ObjectReader r(ctx, j, "");
    r.word("w", out);
  }
  std::vector<std::string> messages;
  for (const auto& x : d.items()) messages.push_back(x.message);
  return messages;
}

}  // namespace

TEST_CASE("vocabulary: every key reads back as its value") {
  check_keys<IndicatorKind>();
  check_keys<Better>();
  check_keys<Bound>();
  check_keys<MeasureState>();
  check_keys<DoneRule>();
  check_keys<FactPeriod>();
  check_keys<IndicatorStatus>();
  check_keys<Rating>();
  CHECK(std::string(kind_key(IndicatorKind::NotStated)).empty());
  CHECK(std::string(better_key(Better::NotStated)).empty());
  CHECK(std::string(measure_status_key(std::nullopt)) == "no_status");
  CHECK(std::string(measure_status_key(std::optional<MeasureState>(MeasureState::Done))) == "done");
}

TEST_CASE("vocabulary: the loader reads a word or reports the allowed keys and keeps the default") {
  set_language("en");
  Bound b = Bound::Eq;
  CHECK(read_word(R"({"w": ">="})", b).empty());
  CHECK(b == Bound::Ge);
  b = Bound::Eq;
  auto m = read_word(R"({"w": "=>"})", b);
  REQUIRE(m.size() == 1);
  CHECK(m[0] == "invalid value \"=>\"; did you mean \"=\"? (allowed: =, >=, <=)");
  CHECK(b == Bound::Eq);
  MeasureState s = MeasureState::Planned;
  CHECK(read_word(R"({"w": "not_done"})", s).empty());
  CHECK(s == MeasureState::NotDone);
  IndicatorKind k = IndicatorKind::NotStated;
  m = read_word(R"({"w": "percentage"})", k);
  REQUIRE(m.size() == 1);
  CHECK(m[0].find("allowed: share, count, yes_no, ratio, text, degree, index") != std::string::npos);
  CHECK(k == IndicatorKind::NotStated);
  set_language("ru");
}

TEST_CASE("vocabulary: one rule decides yes/no, from kind or better") {
  using K = IndicatorKind;
  using B = Better;
  CHECK(is_yes_no(K::YesNo, B::NotStated));
  CHECK(is_yes_no(K::YesNo, B::No));
  CHECK(is_yes_no(K::NotStated, B::Yes));
  CHECK(is_yes_no(K::Share, B::Yes));  // contradictory (validation reports it), still scored 1/0
  CHECK(!is_yes_no(K::Share, B::Higher));
  CHECK(!is_yes_no(K::NotStated, B::NotStated));

  CHECK(kind_contradicts_better(K::YesNo, B::Higher));
  CHECK(kind_contradicts_better(K::YesNo, B::Lower));
  CHECK(kind_contradicts_better(K::Count, B::No));
  CHECK(!kind_contradicts_better(K::YesNo, B::Yes));
  CHECK(!kind_contradicts_better(K::YesNo, B::NotStated));
  CHECK(!kind_contradicts_better(K::NotStated, B::No));
  CHECK(!kind_contradicts_better(K::Share, B::Lower));

  Indicator i;
  i.kind = K::Count;
  i.better = B::Yes;
  CHECK(is_yes_no(i));
  i.better = B::Lower;
  CHECK(!is_yes_no(i));
  CHECK(is_lower_better(i));
}

TEST_CASE("vocabulary: bounds, statuses and measure states answer their questions") {
  CHECK(std::string(sign(Bound::Ge)) == "≥ ");
  CHECK(std::string(sign(Bound::Le)) == "≤ ");
  CHECK(std::string(sign(Bound::Eq)).empty());
  CHECK(std::string(bound_word(Bound::Le)) == "le");
  CHECK(is_threshold(Bound::Ge));
  CHECK(!is_threshold(Bound::Eq));
  int assessed = 0;
  for (IndicatorStatus s : all_values<IndicatorStatus>()) assessed += is_assessed(s);
  CHECK(assessed == 5);  // achieved, on track, in progress (interim), at risk, not achieved
  CHECK(!is_assessed(IndicatorStatus::NoData));
  CHECK(is_interim(FactPeriod::H1));
  CHECK(!is_interim(FactPeriod::Year));
  CHECK(end_month(FactPeriod::M9) == 9);
  CHECK(is_finished(MeasureState::Cancelled));
  CHECK(!is_finished(MeasureState::NotDone));
  CHECK(!is_assessed(IndicatorKind::Text));
  CHECK(is_assessed(IndicatorKind::NotStated));
}

TEST_CASE("vocabulary: labels come from the catalogue in the document's language") {
  set_language("ru");
  CHECK(status_label(IndicatorStatus::OnTrack) == "в графике");
  CHECK(rating_label(Rating::High) == "высокая");
  {
    const DocumentLanguage en("en");
    CHECK(status_label(IndicatorStatus::OnTrack) == "on track");
  }
  for (IndicatorStatus s : all_values<IndicatorStatus>()) CHECK(status_label(s).find('.') == std::string::npos);
  for (Rating r : all_values<Rating>()) CHECK(rating_label(r).find('.') == std::string::npos);
}

TEST_CASE("validate: kind and better that contradict each other are an error at better") {
  set_language("en");
  SiteModel model;
  Programme p;
  p.id = "p";
  Indicator i;
  i.id = "i1";
  i.kind = IndicatorKind::Share;
  i.better = Better::Yes;
  i.origin.file = "data/programmes/p/indicators.json";
  i.origin.pointer = "/indicators/0";
  p.indicators.push_back(i);
  i.id = "i2";
  i.kind = IndicatorKind::YesNo;
  i.better = Better::No;  // consistent
  i.origin.pointer = "/indicators/1";
  p.indicators.push_back(i);
  model.programmes.push_back(p);
  Diagnostics d;
  validate(model, SourceIndex{}, d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].severity == Severity::Error);
  CHECK(d.items()[0].pointer == "/indicators/0/better");
  CHECK(d.items()[0].message.find("kind \"share\" contradicts better \"yes\"") == 0);
  set_language("ru");
}
