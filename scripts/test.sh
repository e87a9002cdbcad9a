#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs the whole test suite with ctest.
# Tests start their own flint-server processes and a throwaway MariaDB; nothing is left running.
source "$(dirname "$0")/common.sh"
flint_build -DFLINT_WERROR=ON
cd "$FLINT_BUILD"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600 "$@"
