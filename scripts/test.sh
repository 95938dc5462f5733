#!/usr/bin/env bash
# Set-up command 2: run every test. Installs what the tests need when it is missing, so it
# also works on a fresh machine without scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
