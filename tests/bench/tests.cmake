# Smoke test of the benchmark runner: a 3-programme corpus, one run per case, no Hugo.
# It checks that bench/run works end to end (the build with search, and without it for the
# search index's share) and prints its table, not the figures.
add_test(NAME bench.run.smoke
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/bench/run --programmes 3 --runs 1 --no-hugo --no-install
          --work ${CMAKE_CURRENT_BINARY_DIR}/bench-smoke --vitrina $<TARGET_FILE:vitrina>
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(bench.run.smoke PROPERTIES TIMEOUT 120
  PASS_REGULAR_EXPRESSION "vitrina full, search +[0-9.]+ +[0-9.]+.*\nvitrina full, no search +[0-9.]+.*\nvitrina no-change.*\nvitrina one value.*\nfloor cp -r.*search index's share: +wall")

# The scaling mode: two tiny sizes taken in turn, two rounds; the table and the fitted exponent.
add_test(NAME bench.run.scaling
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/bench/run --scaling 4,2 --runs 2 --no-search
          --work ${CMAKE_CURRENT_BINARY_DIR}/bench-scaling --vitrina $<TARGET_FILE:vitrina>
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(bench.run.scaling PROPERTIES TIMEOUT 120
  PASS_REGULAR_EXPRESSION "N=2 \\(round 1/2\\).*N=4 \\(round 1/2\\).*N=2 \\(round 2/2\\).*N=4 \\(round 2/2\\).*\n +2 +[0-9]+ .*\n +4 +[0-9]+ .*\nCPU time grows [0-9.]+× for 2.0× the programmes; fit CPU ∝ N\\^-?[0-9.]+")
