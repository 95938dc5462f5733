// import/json_edit: edits keep every other byte and copy the neighbours' layout.
#include <doctest/doctest.h>

#include "import/json_edit.h"

using namespace vitrina;
using nlohmann::ordered_json;

TEST_CASE("json edit: expanded files (data/) keep their form; new facts are written the same way") {
  const std::string text = R"({
  "indicators": [
    {
      "id": "1.1",
      "name": "Доля \"А\"",
      "facts": [
        {
          "year": 2022,
          "value": 10.5
        },
        {
          "year": 2024,
          "value": 30
        }
      ]
    },
    {
      "id": "1.2",
      "name": "Б"
    }
  ]
}
)";
  JsonTextEditor e(text);
  CHECK(e.set_member("/indicators/0/facts/0", "value", 12.0));
  CHECK(e.set_member("/indicators/0/facts/0", "source", "Мониторинг «ИМЦ»", "value"));
  ordered_json f = {{"year", 2023}, {"value", 20.25}};
  CHECK(e.insert_element("/indicators/0/facts", 1, f));
  CHECK(e.set_member("/indicators/1", "facts", ordered_json::array({{{"year", 2022}, {"value", 1}}})));
  CHECK(e.verify());
  CHECK(e.text() == R"({
  "indicators": [
    {
      "id": "1.1",
      "name": "Доля \"А\"",
      "facts": [
        {
          "year": 2022,
          "value": 12,
          "source": "Мониторинг «ИМЦ»"
        },
        {
          "year": 2023,
          "value": 20.25
        },
        {
          "year": 2024,
          "value": 30
        }
      ]
    },
    {
      "id": "1.2",
      "name": "Б",
      "facts": [
        {
          "year": 2022,
          "value": 1
        }
      ]
    }
  ]
}
)");
  CHECK_FALSE(e.set_member("/indicators/5", "x", 1));
  CHECK_FALSE(e.insert_element("/indicators/0/name", 0, 1));
}

TEST_CASE("json edit: compact files (examples/demo) get one-line facts, appended and into empty arrays") {
  const std::string text = "{\n  \"programme\": \"p\",\n  \"indicators\": [\n    {\n      \"id\": \"i1\",\n"
                           "      \"facts\": [\n        {\"year\": 2018, \"value\": 30.6, \"numerator\": 277}\n      ],\n"
                           "      \"targets\": [],\n      \"x\": {}\n    }\n  ]\n}\n";
  JsonTextEditor e(text);
  CHECK(e.insert_element("/indicators/0/facts", 1, ordered_json{{"year", 2019}, {"period", "q1"}, {"value", 3}}));
  CHECK(e.insert_element("/indicators/0/targets", 0, ordered_json{{"year", 2019}, {"value", 3}}));
  CHECK(e.set_member("/indicators/0/x", "a", "b"));
  CHECK(e.set_member("/indicators/0/facts/0", "note", "н"));
  CHECK(e.verify());
  CHECK(e.text() == "{\n  \"programme\": \"p\",\n  \"indicators\": [\n    {\n      \"id\": \"i1\",\n"
                    "      \"facts\": [\n        {\"year\": 2018, \"value\": 30.6, \"numerator\": 277, \"note\": \"н\"},\n"
                    "        {\"year\": 2019, \"period\": \"q1\", \"value\": 3}\n      ],\n"
                    "      \"targets\": [\n        {\"year\": 2019, \"value\": 3}\n      ],\n      \"x\": {\"a\": \"b\"}\n    }\n  ]\n}\n");
}

TEST_CASE("json edit: a removed member takes its comma and its line with it, in either form") {
  const std::string expanded = R"({
  "facts": [
    {
      "year": 2020,
      "value": 47.5,
      "numerator": 443,
      "denominator": 1103
    }
  ]
}
)";
  JsonTextEditor e(expanded);
  CHECK(e.remove_member("/facts/0", "numerator"));
  CHECK(e.remove_member("/facts/0", "denominator"));  // the last member
  CHECK_FALSE(e.remove_member("/facts/0", "numerator"));  // gone already
  CHECK_FALSE(e.remove_member("/facts", "year"));         // not an object
  CHECK(e.verify());
  CHECK(e.text() == R"({
  "facts": [
    {
      "year": 2020,
      "value": 47.5
    }
  ]
}
)");

  JsonTextEditor c(R"({"facts": [{"year": 2020, "numerator": 4, "value": 40, "denominator": 10}, {"numerator": 1}]}
)");
  CHECK(c.remove_member("/facts/0", "year"));  // the first of several
  CHECK(c.remove_member("/facts/0", "value"));  // one in the middle
  CHECK(c.remove_member("/facts/1", "numerator"));  // the only one
  CHECK(c.verify());
  CHECK(c.text() == R"({"facts": [{"numerator": 4, "denominator": 10}, {}]}
)");
}
