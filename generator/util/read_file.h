// Whole-file reads shared by the stages that read from disk (data, content, templates, theme).
#pragma once
#include <filesystem>
#include <string>

namespace vitrina {

// Reads `path` into `out`; false when it cannot be opened or read.
bool read_file(const std::filesystem::path& path, std::string& out);

}  // namespace vitrina
