// Readers for each data file's JSON into model structs (used by loader.cpp).
#pragma once
#include <nlohmann/json.hpp>

#include "load/object_reader.h"
#include "model/model.h"

namespace vitrina {

void read_site(const FileContext& ctx, const nlohmann::json& root, Site& site);
void read_programme(const FileContext& ctx, const nlohmann::json& root, Programme& p);
// The three list files; `programme_field` receives their "programme" member.
void read_indicators(const FileContext& ctx, const nlohmann::json& root, Programme& p, std::string& programme_field);
void read_measures(const FileContext& ctx, const nlohmann::json& root, Programme& p, std::string& programme_field);
void read_organisations(const FileContext& ctx, const nlohmann::json& root, Programme& p,
                        std::string& programme_field);

}  // namespace vitrina
