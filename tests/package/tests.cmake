# The Debian package (packaging/deb.cmake, tests/package/test_deb.py): cpack builds it from
# this build folder, the test unpacks it into a scratch root and builds a site with it.
# Needs dpkg-dev (build-essential) for dpkg-shlibdeps.
add_test(NAME package.deb
  COMMAND /usr/bin/python3 -m unittest ${CMAKE_CURRENT_LIST_DIR}/test_deb.py
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(package.deb PROPERTIES
  ENVIRONMENT "VITRINA_BUILD_DIR=${CMAKE_BINARY_DIR};CPACK=${CMAKE_CPACK_COMMAND}"
  TIMEOUT 300)
