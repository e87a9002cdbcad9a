#!/usr/bin/env bash
# Runs a command in a mount namespace of its own, where a test may mount small file systems
# (tmpfs) to see what a full disk does, without touching the machine's mounts. Root gets the
# namespace directly; other users through a user namespace that maps them to root. The command
# finds the namespace it may mount in, and the one it must not, in FLINT_PRIVATE_MOUNTS and
# FLINT_MACHINE_MOUNTS.
set -euo pipefail
FLINT_MACHINE_MOUNTS=$(readlink /proc/self/ns/mnt)
export FLINT_MACHINE_MOUNTS
namespace=(--mount --propagation private)
[ "$(id -u)" -eq 0 ] || namespace=(--user --map-root-user "${namespace[@]}")
exec unshare "${namespace[@]}" -- bash -c \
  'FLINT_PRIVATE_MOUNTS=$(readlink /proc/self/ns/mnt) && export FLINT_PRIVATE_MOUNTS && exec "$@"' \
  bash "$@"
