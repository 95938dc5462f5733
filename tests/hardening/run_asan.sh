#!/bin/sh
# Runs the whole doctest suite (unit + end-to-end, which start the sanitized `vitrina`
# binary) built with AddressSanitizer + UBSan (sanitized_build.sh). Any report of any
# process — including leaks — fails the test: reports go to log files, which must stay empty.
# usage: run_asan.sh SOURCE_DIR BUILD_DIR WORK_DIR
set -u
src=$1 build=$2 work=$3
logs="$work/sanitizer-logs"
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS="detect_leaks=1:exitcode=86:log_path=$logs/asan:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=86:log_path=$logs/ubsan"
export LSAN_OPTIONS="exitcode=86"
cd "$src" || exit 1
"$build/tests/vitrina_tests" --no-intro=true --minimal=true
rc=$?
if [ -n "$(ls -A "$logs")" ]; then
  for f in "$logs"/*; do echo "== $f"; cat "$f"; done >&2
  echo "sanitizer reports found" >&2
  exit 1
fi
[ $rc -eq 0 ] || { echo "vitrina_tests failed under ASan+UBSan (exit $rc)" >&2; exit 1; }
echo "ASan+UBSan suite clean"
