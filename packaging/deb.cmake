# The Debian package: `cpack -G DEB` in the build folder (or `cmake --build build --target
# package`) writes vitrina_<version>_<arch>.deb with the binary in /usr/bin and the bundled
# templates, theme and JSON Schemas in /usr/share/vitrina (found relative to the binary, see
# share_dir()); Depends: comes from dpkg-shlibdeps (dpkg-dev, part of build-essential).
# tests/package/test_deb.py builds, unpacks and uses it.
include(GNUInstallDirs)
# Installing (and so packaging) needs only the vitrina binary, not the tests: build it first with
# `cmake --build build --target vitrina`.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
install(TARGETS vitrina RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates ${PROJECT_SOURCE_DIR}/themes
        DESTINATION ${CMAKE_INSTALL_DATADIR}/vitrina)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/schema DESTINATION ${CMAKE_INSTALL_DATADIR}/vitrina)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
        FILES_MATCHING PATTERN "*.md")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vitrina)
set(CPACK_PACKAGE_VENDOR "Vitrina")
set(CPACK_PACKAGE_CONTACT "Vitrina maintainers <vitrina@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "сайт, приложения Excel и открытые данные муниципальных программ развития педагогов")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Vitrina читает программы профессионального развития педагогов (паспорт, показатели,\n мероприятия) из JSON и Markdown и собирает статический сайт, книги Excel для коллегии и\n открытые данные (CSV, JSON).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
