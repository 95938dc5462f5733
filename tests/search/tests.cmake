# The browser's search engine (themes/default/assets/search.js) against the index the binary
# writes: Node's test runner, no browser. Needs node; snowball-data for the stemmer's vocabulary.
find_program(VITRINA_NODE node)
if(NOT VITRINA_NODE)
  set(VITRINA_NODE node)
endif()
add_test(NAME search_js
  COMMAND ${VITRINA_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/engine.test.mjs
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(search_js PROPERTIES ENVIRONMENT "VITRINA_BIN=$<TARGET_FILE:vitrina>" TIMEOUT 300)
