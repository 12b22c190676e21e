#!/usr/bin/env bash
# Make sure Debian's Chromium (used by the browser tests through Playwright) is installed.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
    exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
    exit 0
fi
echo "The browser tests need Chromium at /usr/bin/chromium." >&2
echo "Install it as root: apt-get update && apt-get install -y chromium chromium-driver fonts-dejavu-core" >&2
exit 1
