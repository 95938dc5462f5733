#!/usr/bin/env bash
# Set-up command 1: install Debian packages, build Vitrina, generate the site from the
# bundled data into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target vitrina
./build/generator/vitrina build --site . --out output
echo "Сайт собран: откройте $(pwd)/output/index.html"
