#!/usr/bin/env bash
# Screenshots of every page type at 360 and 1280 px for docs/site-pages.md (docs/img/site-*.jpg),
# made by the browser tests' tooling (tests/browser/screenshots.mjs: Debian's Chromium through
# playwright-core) from the demonstration region, so they show the current templates and theme.
# Needs `npm ci` once. Usage: scripts/site-screenshots.sh [path/to/vitrina]
set -euo pipefail
cd "$(dirname "$0")/.."
VITRINA_BIN=${1:-build/generator/vitrina} node tests/browser/screenshots.mjs
