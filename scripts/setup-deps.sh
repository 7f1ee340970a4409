#!/usr/bin/env bash
# Install the Debian packages omnisim needs. Idempotent: packages already present are kept.
# Usage: scripts/setup-deps.sh [--optional]   (--optional adds clang and valgrind)
set -euo pipefail
packages=(build-essential cmake pkg-config libgsl-dev libcjson-dev libplplot-dev
          plplot-driver-cairo libcmocka-dev libglpk-dev libcsv-dev python3 python3-mpmath
          libopenmpi-dev openmpi-bin
          python3-pandas python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel
          libxlsxwriter-dev python3-openpyxl  # --xlsx (output/out_xlsx.c), tests/cli/xlsx.sh
          libmicrohttpd-dev nodejs curl  # omnisim serve (cli/cli_serve.c); tests/cli/serve.sh, tests/serve
          chromium)  # chromium: scripts/report-screenshot.sh (tests/cli/screenshot.sh skips without it)
if [ "${1:-}" = "--optional" ]; then
  packages+=(clang libclang-rt-14-dev valgrind)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#packages[@]} packages already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
