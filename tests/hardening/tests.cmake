# Hardening suite (docs/security.md): hostile input end to end, formula/CSV injection,
# where Vitrina writes and what it may destroy (output ownership, the lock, the cache),
# SIGKILL during publication, and — in a second build folder made with clang — the whole
# doctest suite under ASan+UBSan plus the libFuzzer targets. Long tests carry the label
# `slow` (skip them with `ctest -LE slow`).
set(HARDENING_DIR ${CMAKE_CURRENT_SOURCE_DIR}/hardening)
set(HARDENING_SAN_BUILD ${CMAKE_BINARY_DIR}-asan)     # clang + ASan + UBSan + libFuzzer
set(HARDENING_WORK ${CMAKE_BINARY_DIR}/hardening)     # fuzz corpora, crashes, sanitizer logs
set(HARDENING_FUZZ_SECONDS 45 CACHE STRING "libFuzzer run time per target in the test suite")

foreach(n hostile formula_injection kill text_safety input_limits unreadable_page wrong_figures serve_load output_safety)
  add_test(NAME py.hardening.test_${n}
           COMMAND ${PY} -m unittest -v ${HARDENING_DIR}/test_${n}.py
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(py.hardening.test_${n} PROPERTIES ENVIRONMENT "VITRINA_BIN=$<TARGET_FILE:vitrina>" TIMEOUT 600)
endforeach()
set_tests_properties(py.hardening.test_kill PROPERTIES LABELS slow)

add_test(NAME hardening.sanitized_build
         COMMAND sh ${HARDENING_DIR}/sanitized_build.sh ${PROJECT_SOURCE_DIR} ${HARDENING_SAN_BUILD})
set_tests_properties(hardening.sanitized_build PROPERTIES FIXTURES_SETUP sanitized_build LABELS slow TIMEOUT 1500)

add_test(NAME hardening.asan_ubsan_suite
         COMMAND sh ${HARDENING_DIR}/run_asan.sh ${PROJECT_SOURCE_DIR} ${HARDENING_SAN_BUILD} ${HARDENING_WORK})
set_tests_properties(hardening.asan_ubsan_suite PROPERTIES FIXTURES_REQUIRED sanitized_build LABELS slow TIMEOUT 900)

foreach(t json markdown period render xlsx)
  add_test(NAME hardening.fuzz.${t}
           COMMAND sh ${HARDENING_DIR}/run_fuzz.sh ${PROJECT_SOURCE_DIR} ${HARDENING_SAN_BUILD} ${t}
                   ${HARDENING_FUZZ_SECONDS} ${HARDENING_WORK})
  set_tests_properties(hardening.fuzz.${t} PROPERTIES FIXTURES_REQUIRED sanitized_build LABELS "slow;fuzz"
                       TIMEOUT 300)
endforeach()
