#include "util/program_id.h"

#include <elf.h>
#include <link.h>

#include <cstdio>
#include <functional>
#include <string_view>

#include "util/read_file.h"

namespace vitrina {

namespace {

// dl_iterate_phdr visits the main program first; its PT_NOTE segments hold the build ID.
int find_build_id(struct dl_phdr_info* info, size_t, void* out) {
  auto* id = static_cast<std::string*>(out);
  for (int i = 0; i < info->dlpi_phnum && id->empty(); ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto* n = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const char* desc = name + ((n->n_namesz + 3) & ~3u);
      if (desc + n->n_descsz > end) break;
      if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && std::string_view(name, 3) == "GNU") {
        for (unsigned k = 0; k < n->n_descsz; ++k) {
          char hex[3];
          std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(desc[k]));
          *id += hex;
        }
        break;
      }
      p = desc + ((n->n_descsz + 3) & ~3u);
    }
  }
  return 1;  // the main program only
}

}  // namespace

std::string program_identity() {
  std::string id;
  dl_iterate_phdr(find_build_id, &id);
  if (!id.empty()) return "build-id " + id;
  std::string exe;
  if (read_file("/proc/self/exe", exe)) return "exe " + std::to_string(std::hash<std::string_view>{}(exe));
  return "unknown";
}

}  // namespace vitrina
