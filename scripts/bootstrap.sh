#!/usr/bin/env bash
# Installs what a Debian 12 machine lacks to build and test Flint, idempotently:
# apt packages, then QXmpp 1.10 for Qt 6 built once from Debian 13's source tarball
# into a cached prefix (FLINT_CACHE, default ~/.cache/flint).
set -euo pipefail

FLINT_CACHE=${FLINT_CACHE:-$HOME/.cache/flint}
QXMPP_VERSION=1.10.3
QXMPP_SHA256=0e280c364a7ae3728ea4a42f2486e4b6dc1d0808193c015224ff6f689c591930
QXMPP_PREFIX=$FLINT_CACHE/qxmpp-$QXMPP_VERSION

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev
  qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqt6sql6-sqlite libqt6sql6-mysql libqt6svg6
  qt6-qpa-plugins
  qtkeychain-qt6-dev libssl-dev libxss-dev catch2
  mariadb-server mariadb-client prosody ejabberd python3-slixmpp
  xvfb xauth imagemagick gnome-keyring libsecret-1-0 dbus-daemon dbus-bin
  fonts-noto-cjk fonts-noto-color-emoji qt6-translations-l10n
)

log() { printf '[bootstrap] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]} (log: $FLINT_CACHE/apt-install.log)"
  mkdir -p "$FLINT_CACHE"
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >"$FLINT_CACHE/apt-install.log" 2>&1; then
    tail -n 20 "$FLINT_CACHE/apt-install.log" >&2
    log "package installation failed"
    exit 1
  fi
  # Servers installed only for tests must not keep running as system services.
  for svc in mariadb prosody ejabberd; do
    as_root systemctl disable --now "$svc" >/dev/null 2>&1 || as_root service "$svc" stop >/dev/null 2>&1 || true
  done
}

debian_mirror() {
  # The URI of the system's own Debian source list, reused for the trixie source entry.
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ {for (i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || { log "no Debian source URI found in /etc/apt"; exit 1; }
  printf '%s\n' "$uri"
}

fetch_qxmpp_tarball() {
  local dir=$FLINT_CACHE/src tarball=qxmpp_${QXMPP_VERSION}.orig.tar.gz
  mkdir -p "$dir"
  if [ -f "$dir/$tarball" ] && echo "$QXMPP_SHA256  $dir/$tarball" | sha256sum -c --status; then
    printf '%s\n' "$dir/$tarball"; return 0
  fi
  local apt=$FLINT_CACHE/apt
  mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$apt/sources.list.d"
  printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' \
    "$(debian_mirror)" >"$apt/sources.list"
  local opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts="$apt/sources.list.d"
    -o Dir::State::Lists="$apt/lists" -o Dir::Cache::Archives="$apt/archives" -o Debug::NoLocking=1
    -o APT::Sandbox::User="$(id -un)")
  log "fetching qxmpp $QXMPP_VERSION source from the Debian 13 archive"
  apt-get "${opts[@]}" update -qq >&2
  (cd "$dir" && apt-get "${opts[@]}" source --download-only "qxmpp=${QXMPP_VERSION}-"'*' >/dev/null 2>&1 ||
    apt-get "${opts[@]}" source --download-only qxmpp >/dev/null 2>&1 || true)
  [ -f "$dir/$tarball" ] || { log "download of $tarball failed"; exit 1; }
  echo "$QXMPP_SHA256  $dir/$tarball" | sha256sum -c --status || { log "$tarball: sha256 mismatch"; rm -f "$dir/$tarball"; exit 1; }
  printf '%s\n' "$dir/$tarball"
}

build_qxmpp() {
  [ -f "$QXMPP_PREFIX/.complete" ] && return 0
  local tarball work
  tarball=$(fetch_qxmpp_tarball)
  work=$FLINT_CACHE/build/qxmpp-$QXMPP_VERSION
  rm -rf "$work" && mkdir -p "$work"
  tar -xzf "$tarball" -C "$work" --strip-components=1
  log "building qxmpp $QXMPP_VERSION into $QXMPP_PREFIX (a few minutes, once)"
  cmake -S "$work" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$QXMPP_PREFIX" -DQT_VERSION_MAJOR=6 -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF \
    -DBUILD_DOCUMENTATION=OFF -DWITH_GSTREAMER=OFF -DWITH_QCA=OFF -DBUILD_OMEMO=OFF \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
  cmake --build "$work/build" >/dev/null
  cmake --install "$work/build" >/dev/null
  touch "$QXMPP_PREFIX/.complete"
  rm -rf "$work"
}

install_packages
build_qxmpp
printf '%s\n' "$QXMPP_PREFIX"
