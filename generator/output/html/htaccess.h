// output/.htaccess for shared Apache hosting (site.json "htaccess": true): the 404 page,
// UTF-8, the media types of every file Vitrina writes, caching headers.
#pragma once
#include <string>

namespace vitrina {

// The .htaccess text for a site published under `base_url` (a path such as "/vitrina/" or a
// full URL; ErrorDocument needs its path from the server root).
std::string htaccess(const std::string& base_url);

// The path part of `base_url`, starting and ending with '/', percent-encoded.
std::string url_path(const std::string& base_url);

}  // namespace vitrina
