#!/usr/bin/env bash
# Installs, idempotently, everything leadscore needs on Debian 12: the build tools and
# libraries (Debian packages) and the web app's npm packages. Only what is missing is installed.
#
#   scripts/install-deps.sh            everything (build, tests, browser tests, benchmarks)
#   scripts/install-deps.sh --runtime  only what `make run` needs (no browser, no wrk)
set -euo pipefail

cd "$(dirname "$0")/.."

build_packages=(
  build-essential cmake ninja-build pkg-config git
  libxgboost-dev libsoci-dev libsqlite3-dev libpq-dev sqlite3
  libnanoflann-dev libboost-dev libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev nlohmann-json3-dev libsodium-dev
  libcli11-dev libspdlog-dev libfmt-dev rapidjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
# Node.js may come from another repository with npm inside it; ask Debian for it only if absent.
if ! command -v npm >/dev/null 2>&1; then
  build_packages+=(nodejs npm)
fi
test_packages=(
  postgresql postgresql-contrib
  chromium chromium-driver fonts-liberation
  wrk hyperfine
  python3-pandas python3-sklearn python3-imblearn
)

packages=("${build_packages[@]}")
if [[ "${1:-}" != "--runtime" ]]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

# The web app's packages, pinned by web/package-lock.json.
if [[ -f web/package-lock.json ]]; then
  stamp=web/node_modules/.install-stamp
  if [[ ! -f $stamp || web/package-lock.json -nt $stamp ]]; then
    # `npm ci` refuses a lock file that lacks other platforms' optional packages (rollup's and
    # tailwind's native builds), which happens when the registry serves an older release of
    # one of them. `npm install` then installs exactly the locked versions for this platform.
    (cd web && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
                 npm install --no-audit --no-fund --loglevel=error; })
    touch "$stamp"
  else
    echo "install-deps: npm packages present"
  fi
fi
