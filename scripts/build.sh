#!/usr/bin/env bash
# Configure and build omnisim in ./build (Release, warnings as errors). Extra arguments go to
# cmake's configure step, e.g. scripts/build.sh -DOMNISIM_SANITIZE=ON.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${OMNISIM_BUILD_DIR:-$here/build}
# MPI is on when OpenMPI is installed (scripts/setup-deps.sh installs it); a plain run of
# omnisim does not start MPI, only mpirun/srun launches do.
mpi=OFF
command -v mpicc >/dev/null 2>&1 && mpi=ON
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOMNISIM_WERROR=ON -DOMNISIM_MPI=$mpi \
  "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
