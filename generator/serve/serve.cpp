#include "serve/serve.h"

#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "text/messages.h"
#include "util/read_file.h"

namespace vitrina {

namespace fs = std::filesystem;

fs::path resolve_request(const fs::path& root, const std::string& request_path) {
  if (request_path.find('\0') != std::string::npos || request_path.find('\\') != std::string::npos) return {};
  fs::path rel;
  for (size_t start = 0; start <= request_path.size();) {
    size_t end = request_path.find('/', start);
    if (end == std::string::npos) end = request_path.size();
    const std::string part = request_path.substr(start, end - start);
    if (part == "..") return {};
    if (!part.empty() && part != ".") rel /= part;
    start = end + 1;
  }
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return {};
  fs::path target = base / rel;
  if (fs::is_directory(target, ec)) target /= "index.html";
  const fs::path real = fs::canonical(target, ec);  // follows symlinks: must stay inside
  if (ec || !fs::is_regular_file(real, ec)) return {};
  auto [a, b] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
  return a == base.end() ? real : fs::path();
}

std::string content_type_for(const fs::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},     {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},             {".svg", "image/svg+xml"},
      {".csv", "text/csv; charset=utf-8"},       {".xml", "application/xml"},
      {".txt", "text/plain; charset=utf-8"},     {".woff2", "font/woff2"},
      {".woff", "font/woff"},                    {".png", "image/png"},
      {".ico", "image/x-icon"},                  {".wasm", "application/wasm"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".pf_meta", "application/octet-stream"},  {".pf_fragment", "application/octet-stream"},
      {".pf_index", "application/octet-stream"}, {".pf_filter", "application/octet-stream"}};
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

namespace {

// Reloads on "reload"; on "errors" shows the diagnostics over the page (role="alert").
const char* kLiveReload =
    "<script>(function(){var s=new EventSource('/__vitrina/events');"
    "s.addEventListener('reload',function(){location.reload();});"
    "s.addEventListener('errors',function(e){var d=document.getElementById('vitrina-errors')||document.createElement('pre');"
    "d.id='vitrina-errors';d.setAttribute('role','alert');d.style.cssText='position:fixed;inset:auto 0 0 0;max-height:50vh;"
    "overflow:auto;margin:0;padding:1em;background:#300;color:#fff;font:14px monospace;z-index:9999';d.textContent=e.data;"
    "if(!d.parentNode)document.body.appendChild(d);});})();</script>";

// What the watcher tells the event streams: a generation number and the last result.
struct LiveState {
  std::mutex mu;
  std::condition_variable cv;
  uint64_t generation = 0;
  bool ok = true;
  std::string diagnostics;
  std::atomic<bool> stop{false};
};

std::string sse_event(const char* name, const std::string& data) {
  std::string s = std::string("event: ") + name + "\n";
  size_t start = 0;
  do {
    size_t end = data.find('\n', start);
    s += "data: " + data.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
    start = end == std::string::npos ? data.size() + 1 : end + 1;
  } while (start <= data.size());
  return s + "\n";
}

void watch_tree(int fd, const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec) || fs::is_symlink(dir, ec)) return;
  const uint32_t mask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF;
  ::inotify_add_watch(fd, dir.c_str(), mask);
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_directory(ec) && !it->is_symlink(ec)) ::inotify_add_watch(fd, it->path().c_str(), mask);
  }
}

std::atomic<bool>* g_stop = nullptr;
void on_signal(int) {
  if (g_stop) g_stop->store(true);
}

}  // namespace

int run_serve(const ServeOptions& opt) {
  BuildOptions bopt = opt.build;
  const fs::path out = bopt.out_dir.empty() ? bopt.site_dir / "output" : bopt.out_dir;
  bopt.out_dir = out;
  LiveState state;
  std::string captured;
  bopt.capture_diagnostics = &captured;
  state.ok = run_build(bopt) == kExitOk;
  state.diagnostics = captured;

  httplib::Server server;
  server.Get("/__vitrina/events", [&](const httplib::Request&, httplib::Response& res) {
    auto seen = std::make_shared<uint64_t>();
    {
      std::lock_guard<std::mutex> lock(state.mu);
      *seen = state.generation;
    }
    res.set_header("Cache-Control", "no-store");
    res.set_chunked_content_provider("text/event-stream", [&state, seen](size_t, httplib::DataSink& sink) {
      std::unique_lock<std::mutex> lock(state.mu);
      if (!state.ok && *seen == 0 && !state.diagnostics.empty()) {
        // A tab opened while the data is broken sees the overlay at once.
        *seen = ~uint64_t{0};
        std::string ev = sse_event("errors", state.diagnostics);
        lock.unlock();
        return sink.write(ev.data(), ev.size());
      }
      state.cv.wait_for(lock, std::chrono::seconds(10),
                        [&] { return state.stop.load() || (state.generation != *seen && state.generation != 0); });
      if (state.stop) return false;
      std::string ev = ": ping\n\n";
      if (state.generation != *seen && state.generation != 0) {
        *seen = state.generation;
        ev = state.ok ? sse_event("reload", "1") : sse_event("errors", state.diagnostics);
      }
      lock.unlock();
      return sink.write(ev.data(), ev.size());
    });
  });
  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    fs::path file = resolve_request(out, req.path);
    int status = 200;
    if (file.empty()) {
      status = 404;
      file = resolve_request(out, "404.html");
    }
    std::string body;
    if (file.empty() || !read_file(file, body)) {
      res.status = 404;
      res.set_content("404", "text/plain; charset=utf-8");
      return;
    }
    const std::string type = content_type_for(file);
    if (type.rfind("text/html", 0) == 0) {
      auto pos = body.rfind("</body>");
      body.insert(pos == std::string::npos ? body.size() : pos, kLiveReload);
    }
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(body, type.c_str());
  });

  int port = opt.port;
  if (port == 0) {
    port = server.bind_to_any_port(opt.bind);
  } else if (!server.bind_to_port(opt.bind, port)) {
    port = -1;
  }
  if (port <= 0) {
    std::cerr << tr("serve.bind_failed", {opt.bind, std::to_string(opt.port)}) << "\n";
    return kExitUsage;
  }
  std::cout << tr("serve.listening", {"http://" + opt.bind + ":" + std::to_string(port) + "/"}) << std::endl;
  std::thread http([&] { server.listen_after_bind(); });

  g_stop = &state.stop;
  ::signal(SIGINT, on_signal);
  ::signal(SIGTERM, on_signal);
  const int fd = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  auto watch_all = [&] {
    for (const char* d : {"data", "content", "templates", "themes"}) watch_tree(fd, bopt.site_dir / d);
  };
  watch_all();
  char buf[64 * 1024];
  while (!state.stop) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 300) <= 0) continue;
    // Debounce: editors write several events per save; collect them for a moment.
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(150);
    while (std::chrono::steady_clock::now() < until) {
      while (::read(fd, buf, sizeof buf) > 0) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
    watch_all();  // new folders (a new programme) are watched too
    captured.clear();
    const bool ok = run_build(bopt) == kExitOk;
    {
      std::lock_guard<std::mutex> lock(state.mu);
      state.ok = ok;
      state.diagnostics = captured;
      ++state.generation;
    }
    state.cv.notify_all();
  }
  ::close(fd);
  state.cv.notify_all();
  server.stop();
  http.join();
  return kExitOk;
}

}  // namespace vitrina
