#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Independent RDF parsers (Jena RIOT, Raptor) and a headless browser with a CJK font for the page tests.
debian_packages=(raptor2-utils libapache-jena-java libslf4j-java unzip chromium chromium-driver fonts-wqy-microhei)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
python3 -m pytest -q "$@"
