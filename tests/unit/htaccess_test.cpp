// output/.htaccess (site.json "htaccess": true): the 404 path from base_url, and only what a
// shared host allows. tests/publish/test_hosting.py serves a site with it through Apache.
#include <doctest/doctest.h>

#include "output/html/htaccess.h"

using namespace vitrina;

TEST_CASE("htaccess: ErrorDocument takes the path of base_url, percent-encoded") {
  CHECK(url_path("/") == "/");
  CHECK(url_path("") == "/");
  CHECK(url_path("/vitrina/") == "/vitrina/");
  CHECK(url_path("vitrina") == "/vitrina/");
  CHECK(url_path("https://city.example") == "/");
  CHECK(url_path("https://city.example/education/programmes/") == "/education/programmes/");
  CHECK(url_path("https://city.example/a b/?x=1#top") == "/a%20b/");
  CHECK(url_path("/программы/") == "/%D0%BF%D1%80%D0%BE%D0%B3%D1%80%D0%B0%D0%BC%D0%BC%D1%8B/");
  // A quote or a line break in base_url cannot end the directive and start another one.
  CHECK(url_path("/x\"\nRewriteEngine On/") == "/x%22%0ARewriteEngine%20On/");

  const std::string text = htaccess("https://city.example/education/programmes/");
  CHECK(text.find("\nErrorDocument 404 /education/programmes/404.html\n") != std::string::npos);
}

TEST_CASE("htaccess: UTF-8, every media type the site needs, caching only where names are hashed") {
  const std::string text = htaccess("/");
  for (const char* line : {"AddDefaultCharset UTF-8", "AddType text/csv .csv", "AddType image/svg+xml .svg",
                           "AddType application/vnd.openxmlformats-officedocument.spreadsheetml.sheet .xlsx",
                           "AddType application/json .json",
                           "Header set Cache-Control \"no-cache\"", "RewriteEngine Off"})
    CHECK_MESSAGE(text.find(line) != std::string::npos, std::string(line));
  // Directives outside the FileInfo override class make a host with AllowOverride FileInfo
  // answer 500 for every page.
  for (const char* banned : {"Options", "DirectoryIndex", "ExpiresActive", "ExpiresByType"})
    CHECK_MESSAGE(text.find(std::string("\n") + banned) == std::string::npos, std::string(banned));
}
