#!/bin/sh
# Configures and builds Vitrina with clang, AddressSanitizer + UBSan and the libFuzzer
# targets in one build folder (CTest fixture for the ASan suite and the fuzzers).
# usage: sanitized_build.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1
build=$2
command -v clang++ >/dev/null || { echo "clang++ not found: run scripts/install-deps.sh --test" >&2; exit 1; }
# -O1 with line tables only: enough for readable sanitizer reports, much faster to compile.
CC=clang CXX=clang++ cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DCMAKE_C_FLAGS="-O1 -gline-tables-only" \
  -DVITRINA_SANITIZE=ON -DVITRINA_FUZZ=ON -DVITRINA_WERROR=ON >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log" >&2; exit 1; }
cmake --build "$build" -j2 --target vitrina vitrina_tests fuzzers
