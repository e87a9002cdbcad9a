# Shared by the quick-start scripts: dependencies, then a cached CMake build.
set -euo pipefail
FLINT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FLINT_CACHE=${FLINT_CACHE:-$HOME/.cache/flint}
FLINT_BUILD=${FLINT_BUILD:-$FLINT_ROOT/build}
export FLINT_CACHE
export CCACHE_DIR=${CCACHE_DIR:-$FLINT_CACHE/ccache}
export CCACHE_BASEDIR=$FLINT_ROOT

flint_build() {
  local qxmpp_prefix
  qxmpp_prefix=$("$FLINT_ROOT/scripts/bootstrap.sh")
  cmake -S "$FLINT_ROOT" -B "$FLINT_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_PREFIX_PATH="$qxmpp_prefix" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "$@" >/dev/null
  cmake --build "$FLINT_BUILD" --parallel "$(nproc)"
}
