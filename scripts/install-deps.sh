#!/usr/bin/env bash
# Installs the Debian packages last100 needs; idempotent and quiet when all is there.
set -euo pipefail

packages=(
  cmake g++ ninja-build pkg-config
  libboost-graph-dev libboost-dev
  libeigen3-dev libfmt-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libtbb-dev
  catch2 libbenchmark-dev
)
if [[ "${LAST100_WITH_FUZZ:-0}" == 1 ]]; then packages+=(clang libclang-rt-14-dev); fi
if [[ "${LAST100_WITH_BROWSER:-0}" == 1 ]]; then packages+=(chromium); fi
if [[ "${LAST100_WITH_MPI:-0}" == 1 ]]; then packages+=(libopenmpi-dev openmpi-bin); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
