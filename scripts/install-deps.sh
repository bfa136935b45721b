#!/usr/bin/env bash
# Installs the Debian packages tfchain needs to build and test, and only those that
# are missing. Safe to run again. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost-dev            # Boost.Asio (header-only)
  libleveldb-dev libsnappy-dev
  libsecp256k1-dev
  libsodium-dev
  libjemalloc-dev         # tfchaind's allocator (~7% less CPU per transaction than glibc's)
  nlohmann-json3-dev
  libcpp-httplib-dev
  librapidcheck-dev
  libgtest-dev libgmock-dev
  runc busybox-static     # farmer agent: containers; busybox builds test root filesystems
  iproute2 e2fsprogs util-linux   # farmer agent: netns/bridges/veth, ext4 volumes, loop devices
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-deps: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
