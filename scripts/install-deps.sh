#!/usr/bin/env bash
# Installs every Debian package Vitrina needs to build, test and benchmark.
# Idempotent: packages already present are skipped, apt is only called when something is missing.
# Usage: scripts/install-deps.sh [--test]   (--test adds the test tooling: browsers, LibreOffice, npm packages)
set -euo pipefail
cd "$(dirname "$0")/.."

# file: cpack -G DEB (README, tests/package) runs it on the binary before dpkg-shlibdeps; a minimal
# Debian 12 (the debian:12 image, debootstrap) has no `file`, and without it cpack fails.
BUILD_PKGS=(build-essential cmake pkg-config file
  libcmark-gfm-dev libcmark-gfm-extensions-dev libxlsxwriter-dev libdeflate-dev nlohmann-json3-dev
  doctest-dev libkainjow-mustache-dev libcli11-dev libicu-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev libtbb-dev libyaml-cpp-dev libcereal-dev libjemalloc-dev
  libzip-dev libexpat1-dev libstemmer-dev libmicrohttpd-dev libxxhash-dev)
# apache2-bin, lftp, rsync: the publishing recipes' test (tests/publish); apache2-bin is Debian's
# Apache without the system service, which the test does not need (it runs its own instance).
# snowball-data: Snowball's Russian vocabulary with its stems, for the search stemmer's tests.
# python3-uno: tests/py/test_data_entry.py types facts into a workbook in LibreOffice itself.
# fonts-crosextra-carlito: Carlito, metric-compatible with Calibri (the workbooks' font), so that
# LibreOffice prints them as Excel does (tests/py/test_print.py measures the printed size).
TEST_PKGS=(python3 python3-jsonschema python3-openpyxl python3-uno clang libclang-rt-14-dev
  libreoffice-calc-nogui chromium poppler-utils apache2-bin lftp rsync snowball-data fonts-crosextra-carlito)

want=("${BUILD_PKGS[@]}")
if [[ "${1:-}" == "--test" ]]; then
  want+=("${TEST_PKGS[@]}")
  # Node may come from Debian (nodejs + npm) or from another apt source that bundles npm.
  command -v npm >/dev/null 2>&1 || want+=(nodejs npm)
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "vitrina: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages, exactly as pinned in package-lock.json: the test tooling only (browser and
# search tests); building and using Vitrina needs neither Node nor the npm registry.
if [[ "${1:-}" == "--test" && -f package-lock.json ]]; then
  command -v npm >/dev/null 2>&1 || { SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo; $SUDO apt-get install -y -qq nodejs npm >/dev/null; }
  # The stamp is a copy of the lock file that was installed; a changed lock file reinstalls.
  if ! cmp -s package-lock.json node_modules/.vitrina-installed-lock; then
    echo "vitrina: installing npm packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.vitrina-installed-lock
  fi
fi
