// End-to-end: `vitrina serve` on a free loopback port — pages, live reload through the
// event stream, the error overlay with the last good site still served, path traversal.
#include <doctest/doctest.h>
#include <httplib.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <chrono>
#include <mutex>
#include <thread>

#include "run_binary.h"

namespace fs = std::filesystem;

namespace {

struct ServeProcess {
  pid_t pid = -1;
  int port = 0;
  FILE* out = nullptr;

  explicit ServeProcess(const fs::path& site) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid = ::fork();
    if (pid == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      const int null_fd = ::open("/dev/null", O_WRONLY);
      ::dup2(null_fd, STDERR_FILENO);  // the build diagnostics are checked through the event stream
      ::close(fds[0]);
      ::execl(VITRINA_BINARY, VITRINA_BINARY, "serve", "--quiet", "--port", "0", "--site", site.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    out = ::fdopen(fds[0], "r");
    char line[512];
    // "Предпросмотр: http://127.0.0.1:PORT/ …"
    if (std::fgets(line, sizeof line, out)) {
      const char* p = std::strstr(line, "127.0.0.1:");
      if (p) port = std::atoi(p + 10);
    }
  }
  ~ServeProcess() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      int st;
      ::waitpid(pid, &st, 0);
    }
    if (out) std::fclose(out);
  }
};

// Waits until `pred` holds, polling, at most `seconds`.
template <class F>
bool eventually(F pred, int seconds) {
  for (int i = 0; i < seconds * 10; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pred();
}

}  // namespace

TEST_CASE("e2e: serve builds, serves, reloads on change, overlays errors and refuses traversal") {
  fs::path site = temp_dir("serve");
  copy_site(fixture("minimal"), site);
  ServeProcess srv(site);
  REQUIRE(srv.port > 0);
  httplib::Client cli("127.0.0.1", srv.port);
  cli.set_read_timeout(30, 0);

  auto home = cli.Get("/");
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(home->body.find("/__vitrina/events") != std::string::npos);  // injected when served
  CHECK(slurp(site / "output/index.html").find("/__vitrina/events") == std::string::npos);  // not in the file
  auto passport = cli.Get("/programmes/alpha/");
  REQUIRE(passport);
  CHECK(passport->status == 200);
  for (const auto& kv : std::vector<std::pair<std::string, std::string>>{
           {"/sitemap.xml", "application/xml"},
           {"/favicon.svg", "image/svg+xml"},
           {"/xlsx/alpha.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
           {"/data/alpha/indicators.csv", "text/csv; charset=utf-8"},
           {"/data/index.json", "application/json"}}) {
    const std::string& path = kv.first;  // clang 14 cannot use structured bindings in doctest macros
    const std::string& type = kv.second;
    auto r = cli.Get(path);
    REQUIRE_MESSAGE(r, path);
    CHECK_MESSAGE(r->status == 200, path);
    CHECK_MESSAGE(r->get_header_value("Content-Type") == type, path);
  }

  // Event stream in the background.
  std::mutex mu;
  std::string events;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    httplib::Client es("127.0.0.1", srv.port);
    es.set_read_timeout(60, 0);
    es.Get("/__vitrina/events", [&](const char* data, size_t n) {
      std::lock_guard<std::mutex> lock(mu);
      events.append(data, n);
      return !done.load();
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto has_event = [&](const std::string& e) {
    std::lock_guard<std::mutex> lock(mu);
    return events.find(e) != std::string::npos;
  };

  const fs::path programme = site / "data/programmes/alpha/programme.json";
  std::string json = slurp(programme);
  const std::string old_title = "Программа «Альфа»";
  REQUIRE(json.find(old_title) != std::string::npos);
  json.replace(json.find(old_title), old_title.size(), "Программа «Бета»");
  { std::ofstream(programme) << json; }
  CHECK(eventually([&] { return has_event("event: reload"); }, 30));
  auto changed = cli.Get("/programmes/alpha/");
  REQUIRE(changed);
  CHECK(changed->body.find("Программа «Бета»") != std::string::npos);

  // Broken data: the overlay event carries the diagnostic; the last good site stays.
  { std::ofstream(programme) << "{ \"id\": \"alpha\", "; }
  CHECK(eventually([&] { return has_event("event: errors"); }, 30));
  CHECK(has_event("programme.json:1:"));
  auto still = cli.Get("/programmes/alpha/");
  REQUIRE(still);
  CHECK(still->status == 200);
  CHECK(still->body.find("Программа «Бета»") != std::string::npos);

  // Nothing outside output/: "..", encoded "..", and a symlink pointing out.
  for (const char* evil : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd"}) {
    auto r = cli.Get(evil);
    REQUIRE(r);
    CHECK_MESSAGE(r->status == 404, evil);
    CHECK(r->body.find("root:") == std::string::npos);
  }
  fs::create_symlink("/etc/passwd", site / "output/evil.txt");
  auto sym = cli.Get("/evil.txt");
  REQUIRE(sym);
  CHECK(sym->status == 404);
  CHECK(sym->body.find("root:") == std::string::npos);

  done = true;
  ::kill(srv.pid, SIGTERM);  // ends the stream too
  reader.join();
}
