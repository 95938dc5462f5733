#include "serve/serve.h"

#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "plan/outputs.h"
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

// What the watcher tells the event streams: a generation number and the last result. An
// event stream with nothing to say is suspended (it holds no thread); `waiting` lists those
// streams' connections, and the watcher resumes them on a new generation or a ping.
struct LiveState {
  std::mutex mu;
  uint64_t generation = 0;
  bool ok = true;
  std::string diagnostics;
  std::vector<MHD_Connection*> waiting;
  std::atomic<bool> stop{false};

  // Resumes every waiting stream (outside the lock: MHD takes its own).
  void wake() {
    std::vector<MHD_Connection*> conns;
    {
      std::lock_guard<std::mutex> lock(mu);
      conns.swap(waiting);
    }
    for (MHD_Connection* c : conns) MHD_resume_connection(c);
  }
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

constexpr auto kPingEvery = std::chrono::seconds(10);

struct EventStream {
  LiveState* state = nullptr;
  MHD_Connection* conn = nullptr;
  uint64_t seen = 0;
  bool greeted = false;
  std::string pending;  // what did not fit into MHD's buffer yet
  std::chrono::steady_clock::time_point last_write = std::chrono::steady_clock::now();
};

// MHD asks for the next bytes of a stream: an event if there is one, a ping when one is
// due, else the connection is suspended until the watcher resumes it.
ssize_t read_stream(void* cls, uint64_t, char* buf, size_t max) {
  auto* s = static_cast<EventStream*>(cls);
  LiveState& st = *s->state;
  std::unique_lock<std::mutex> lock(st.mu);
  if (st.stop) return MHD_CONTENT_READER_END_OF_STREAM;
  if (s->pending.empty()) {
    const auto now = std::chrono::steady_clock::now();
    if (!s->greeted) {
      s->greeted = true;
      s->seen = st.generation;
      s->pending = "retry: 1000\n\n";
      // A tab opened while the data is broken sees the overlay at once.
      if (!st.ok && !st.diagnostics.empty()) s->pending += sse_event("errors", st.diagnostics);
    } else if (st.generation != s->seen) {
      s->seen = st.generation;
      s->pending = st.ok ? sse_event("reload", "1") : sse_event("errors", st.diagnostics);
    } else if (now - s->last_write >= kPingEvery) {
      s->pending = ": ping\n\n";
    } else {
      st.waiting.push_back(s->conn);
      MHD_suspend_connection(s->conn);
      return 0;
    }
    s->last_write = now;
  }
  const size_t n = std::min(max, s->pending.size());
  std::memcpy(buf, s->pending.data(), n);
  s->pending.erase(0, n);
  return static_cast<ssize_t>(n);
}

struct Server {
  fs::path out;
  LiveState& state;
};

MHD_Result queue(MHD_Connection* conn, unsigned status, MHD_Response* r, const std::string& type) {
  MHD_add_response_header(r, "Content-Type", type.c_str());
  MHD_add_response_header(r, "Cache-Control", "no-store");
  const MHD_Result ok = MHD_queue_response(conn, status, r);
  MHD_destroy_response(r);
  return ok;
}

MHD_Result text_response(MHD_Connection* conn, unsigned status, const std::string& body) {
  MHD_Response* r = MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  return queue(conn, status, r, "text/plain; charset=utf-8");
}

MHD_Result handle(void* cls, MHD_Connection* conn, const char* url, const char* method, const char*, const char*,
                  size_t* upload_size, void**) {
  const Server& srv = *static_cast<Server*>(cls);
  if (std::strcmp(method, "GET") != 0 && std::strcmp(method, "HEAD") != 0) return text_response(conn, 405, "405");
  if (*upload_size) return text_response(conn, 400, "400");
  if (std::strcmp(url, "/__vitrina/events") == 0) {
    auto* s = new EventStream;
    s->state = &srv.state;
    s->conn = conn;
    MHD_Response* r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, read_stream, s,
                                                        [](void* p) { delete static_cast<EventStream*>(p); });
    return queue(conn, 200, r, "text/event-stream");
  }
  fs::path file = resolve_request(srv.out, url);
  unsigned status = 200;
  if (file.empty()) {
    status = 404;
    file = resolve_request(srv.out, output_path(Output::NotFound));
  }
  std::string body;
  if (file.empty() || !read_file(file, body)) return text_response(conn, 404, "404");
  const std::string type = content_type_for(file);
  if (type.rfind("text/html", 0) == 0) {
    auto pos = body.rfind("</body>");
    body.insert(pos == std::string::npos ? body.size() : pos, kLiveReload);
  }
  MHD_Response* r = MHD_create_response_from_buffer(body.size(), body.data(), MHD_RESPMEM_MUST_COPY);
  return queue(conn, status, r, type);
}

// A listening socket on `bind`:`port` (0: any free port), or -1.
int listen_on(const std::string& bind, int port, int& bound_port) {
  addrinfo hints{}, *res = nullptr;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  if (::getaddrinfo(bind.c_str(), std::to_string(port).c_str(), &hints, &res) != 0 || !res) return -1;
  int fd = ::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
  const int one = 1;
  if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || ::bind(fd, res->ai_addr, res->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
    if (fd >= 0) ::close(fd);
    ::freeaddrinfo(res);
    return -1;
  }
  ::freeaddrinfo(res);
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  bound_port = ntohs(addr.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                                                : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  return fd;
}

// Connections take a descriptor each: allow as many as the hard limit lets this process.
unsigned connection_limit() {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = std::min<rlim_t>(rl.rlim_max, 65536);
    ::setrlimit(RLIMIT_NOFILE, &rl);
  }
  const rlim_t fds = ::getrlimit(RLIMIT_NOFILE, &rl) == 0 ? rl.rlim_cur : 1024;
  return static_cast<unsigned>(std::clamp<rlim_t>(fds > 128 ? fds - 128 : 16, 16, 60000));
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

// libmicrohttpd serves every connection from one event loop (epoll) on two threads: slow
// clients and idle connections cost a descriptor and a little memory, not a worker, and an
// event stream with nothing to send is suspended. Idle connections close after 15 s;
// beyond the connection limit new ones are refused, never queued behind others.
int run_serve(const ServeOptions& opt) {
  BuildOptions bopt = opt.build;
  const fs::path out = bopt.out_dir.empty() ? bopt.site_dir / "output" : bopt.out_dir;
  bopt.out_dir = out;
  LiveState state;
  std::string captured;
  bopt.capture_diagnostics = &captured;
  const int first = run_build(bopt);
  if (first == kExitUsage || first == kExitBusy) return first;  // refused output folder: nothing to serve
  state.ok = first == kExitOk;
  state.diagnostics = captured;

  int port = 0;
  const int listen_fd = listen_on(opt.bind, opt.port, port);
  if (listen_fd < 0) {
    std::cerr << tr("serve.bind_failed", {opt.bind, std::to_string(opt.port)}) << "\n";
    return kExitUsage;
  }
  Server srv{out, state};
  MHD_Daemon* daemon = MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, nullptr, nullptr, &handle, &srv,
      MHD_OPTION_LISTEN_SOCKET, listen_fd, MHD_OPTION_THREAD_POOL_SIZE, 2u, MHD_OPTION_CONNECTION_TIMEOUT, 15u,
      MHD_OPTION_CONNECTION_LIMIT, connection_limit(), MHD_OPTION_END);
  if (!daemon) {
    ::close(listen_fd);
    std::cerr << tr("serve.bind_failed", {opt.bind, std::to_string(opt.port)}) << "\n";
    return kExitUsage;
  }
  std::cout << tr("serve.listening", {"http://" + opt.bind + ":" + std::to_string(port) + "/"}) << std::endl;

  g_stop = &state.stop;
  ::signal(SIGINT, on_signal);
  ::signal(SIGTERM, on_signal);
  ::signal(SIGPIPE, SIG_IGN);
  const int fd = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  auto watch_all = [&] {
    for (const char* d : {"data", "content", "templates", "themes"}) watch_tree(fd, bopt.site_dir / d);
  };
  watch_all();
  char buf[64 * 1024];
  auto last_ping = std::chrono::steady_clock::now();
  while (!state.stop) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, 300);
    if (std::chrono::steady_clock::now() - last_ping >= kPingEvery) {
      last_ping = std::chrono::steady_clock::now();
      state.wake();  // waiting streams send a ping (and find out if their tab is gone)
    }
    if (ready <= 0) continue;
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
    state.wake();
  }
  ::close(fd);
  state.wake();  // streams end (stop is set); MHD must not be stopped with suspended ones
  MHD_stop_daemon(daemon);
  ::close(listen_fd);
  return kExitOk;
}

}  // namespace vitrina
