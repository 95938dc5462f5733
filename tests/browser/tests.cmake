# Browser suite (tests/browser/README.md): one CTest test that runs every *.test.mjs with Node's
# test runner against the built binary. Needs node, the npm packages of package-lock.json
# (npm ci) and Debian's chromium; scripts/install-deps.sh --test installs all three. Without node the
# test is still registered, and fails, rather than silently testing less.
find_program(VITRINA_NODE node)
if(NOT VITRINA_NODE)
  message(WARNING "node not found: the browser test will fail until Node.js is installed")
  set(VITRINA_NODE node)
endif()
file(GLOB VITRINA_BROWSER_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.test.mjs)
add_test(NAME browser
  COMMAND ${VITRINA_NODE} --test ${VITRINA_BROWSER_TESTS}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(browser PROPERTIES
  ENVIRONMENT "VITRINA_BIN=$<TARGET_FILE:vitrina>"
  TIMEOUT 900
  RUN_SERIAL TRUE)
