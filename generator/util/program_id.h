// What identifies this build of the program, for caches that must not outlive it.
#pragma once
#include <string>

namespace vitrina {

// The GNU build ID the linker stored in the executable (a hash of its contents), read from
// memory; when there is none, a hash of the executable file. Same binary → same string.
std::string program_identity();

}  // namespace vitrina
