#!/usr/bin/env bash
# Installs the Debian packages rolec needs to build and test, if any is missing. Idempotent; needs
# root (or sudo) only when something is missing. Fresh Debian 12 has g++, cmake and GoogleTest but
# not PEGTL, fmt, abseil or nlohmann-json.
set -euo pipefail
packages=(g++ cmake make tao-pegtl-dev libfmt-dev libabsl-dev nlohmann-json3-dev libgtest-dev libgmock-dev
          libbenchmark-dev libcli11-dev python3 python3-pytest python3-jsonschema python3-yaml git pkgconf)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[install-deps] installing: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
