# Publishing recipes of docs/publishing.md (tests/publish/test_hosting.py): the demonstration
# site served by Debian's Apache from a sub-folder with the generated .htaccess and crawled,
# and lftp/rsync uploads of only the changed files. Needs apache2-bin, lftp, rsync
# (scripts/install-deps.sh --test); fails, rather than skips, without them.
add_test(NAME publish.hosting
  COMMAND /usr/bin/python3 -m unittest ${CMAKE_CURRENT_LIST_DIR}/test_hosting.py
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(publish.hosting PROPERTIES
  ENVIRONMENT "VITRINA_BIN=$<TARGET_FILE:vitrina>"
  TIMEOUT 300)
