#!/usr/bin/env bash
# The second command of the README (and what CI runs): installs what is missing,
# builds everything, and runs the whole test suite with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j "${JOBS:-$(nproc)}" --timeout 300
