#include "output/html/htaccess.h"

#include <cctype>
#include <cstdio>

#include "plan/outputs.h"
#include "text/messages.h"

namespace vitrina {

std::string url_path(const std::string& base_url) {
  std::string path = base_url;
  if (size_t scheme = path.find("://"); scheme != std::string::npos) {
    size_t slash = path.find('/', scheme + 3);
    path = slash == std::string::npos ? "/" : path.substr(slash);
  }
  path = path.substr(0, path.find_first_of("?#"));
  if (path.empty() || path.front() != '/') path.insert(path.begin(), '/');
  if (path.back() != '/') path += '/';
  // Everything but unreserved characters and '/' is percent-encoded, so a space, a quote or a
  // line break in base_url cannot end the directive or start another one.
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string htaccess(const std::string& base_url) {
  // Only directives of Apache's FileInfo override class (AddType, AddCharset, ErrorDocument,
  // Header, RewriteEngine, AddOutputFilterByType): a directive the host's AllowOverride does
  // not allow turns every page of the folder into a 500 error, so DirectoryIndex, Options and
  // mod_expires (classes Indexes and Options) are left out.
  return "# " + tr("htaccess.generated") + "\n# " + tr("htaccess.override") +
         "\n"
         "ErrorDocument 404 " + url_path(base_url) + output_path(Output::NotFound) + "\n"
         "\n"
         "# " + tr("htaccess.rewrite") + "\n"
         "<IfModule mod_rewrite.c>\n"
         "  RewriteEngine Off\n"
         "</IfModule>\n"
         "\n"
         "AddDefaultCharset UTF-8\n"
         "AddCharset UTF-8 .html .css .js .json .csv .xml .svg .txt\n"
         "AddType text/html .html\n"
         "AddType text/css .css\n"
         "AddType text/javascript .js\n"
         "AddType application/json .json\n"
         "AddType text/csv .csv\n"
         "AddType application/xml .xml\n"
         "AddType image/svg+xml .svg\n"
         "AddType text/plain .txt\n"
         "AddType application/vnd.openxmlformats-officedocument.spreadsheetml.sheet .xlsx\n"
         "\n"
         "<IfModule mod_headers.c>\n"
         "  # " + tr("htaccess.cache") + "\n"
         "  Header set Cache-Control \"no-cache\"\n"
         "  <FilesMatch \"\\.[0-9a-f]{10}\\.(css|js)$\">\n"
         "    Header set Cache-Control \"public, max-age=31536000, immutable\"\n"
         "  </FilesMatch>\n"
         "  Header set X-Content-Type-Options \"nosniff\"\n"
         "</IfModule>\n"
         "\n"
         "# " + tr("htaccess.stamp") + "\n"
         "<IfModule mod_alias.c>\n"
         "  RedirectMatch 404 \"/\\.vitrina-output$\"\n"
         "</IfModule>\n"
         "\n"
         "# " + tr("htaccess.compress") + "\n"
         "<IfModule mod_filter.c>\n"
         "  <IfModule mod_deflate.c>\n"
         "    AddOutputFilterByType DEFLATE text/html text/css text/javascript application/json text/csv application/xml image/svg+xml\n"
         "  </IfModule>\n"
         "</IfModule>\n";
}

}  // namespace vitrina
