#include "load/read_input.h"

#include "text/messages.h"
#include "util/read_file.h"

namespace vitrina {

bool read_input(const std::filesystem::path& path, const std::string& name, std::string& text, uint64_t max_bytes,
                bool required, Diagnostics& diags) {
  uint64_t size = 0;
  switch (read_regular_file(path, text, max_bytes, &size)) {
    case ReadStatus::Ok: return true;
    case ReadStatus::Missing:
      if (required) diags.error(name, 0, 0, tr("file.missing"));
      return false;
    case ReadStatus::NotRegular: diags.error(name, 0, 0, tr("file.not_regular")); return false;
    case ReadStatus::TooLarge:
      diags.error(name, 0, 0, tr("file.too_large", {std::to_string(size), std::to_string(max_bytes)}));
      return false;
    case ReadStatus::Unreadable: break;
  }
  diags.error(name, 0, 0, tr("file.unreadable", {name}));
  return false;
}

}  // namespace vitrina
