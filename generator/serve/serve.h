// `vitrina serve`: builds the site, serves the output folder on loopback, watches the
// inputs with inotify, rebuilds on change and tells open tabs to reload (server-sent
// events). A failed rebuild keeps the last good site and shows the diagnostics as an
// overlay. The live-reload script is added to HTML responses, never to the files.
#pragma once
#include <filesystem>
#include <string>

#include "pipeline/pipeline.h"

namespace vitrina {

struct ServeOptions {
  BuildOptions build;
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (the chosen one is printed)
};

int run_serve(const ServeOptions& opt);

// Resolves a request path to a file inside `root`, or "" when it must not be served
// (escapes the folder through "..", NUL or a symlink). Directories map to index.html.
std::filesystem::path resolve_request(const std::filesystem::path& root, const std::string& request_path);
// Content type by file extension ("text/html; charset=utf-8", "image/svg+xml" …).
std::string content_type_for(const std::filesystem::path& file);

}  // namespace vitrina
