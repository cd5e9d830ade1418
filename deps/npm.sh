#!/usr/bin/env bash
# Installs the npm packages pinned in package-lock.json (the tests' Node.js tools) into
# node_modules/ with `npm ci`. Skips npm entirely while node_modules/ is newer than the
# lock file and package.json, so repeated `make` runs stay offline and fast.
#
# Node.js and npm themselves: nodejs is in deps/debian-packages.txt. Debian's npm package is
# installed here only when no `npm` command exists, because a NodeSource nodejs (as on some
# machines) bundles npm and conflicts with Debian's: listing npm among the Debian packages would
# make apt remove that nodejs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v npm >/dev/null; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "deps: installing Debian's npm (no npm command found)"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends npm
fi

# npm ci writes node_modules/.package-lock.json last, after every package is in place.
stamp=node_modules/.package-lock.json
if [[ -f $stamp && $stamp -nt package-lock.json && $stamp -nt package.json ]]; then
  echo "deps: npm packages present ($(node --version), node_modules newer than package-lock.json)"
  exit 0
fi
echo "deps: npm ci"
npm ci --no-audit --no-fund
touch "$stamp"
