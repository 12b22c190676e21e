#!/usr/bin/env bash
# Make sure Debian's nginx (used by the proxy test, tests/e2e/test_proxy.py) is installed.
# Only the binary is needed: the test runs its own nginx with its own config, as a normal user
# process on a free port, so the package's own service is neither enabled nor started here.
set -euo pipefail
if [[ -x /usr/sbin/nginx ]]; then
    exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing nginx for the proxy test (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nginx >/dev/null
    exit 0
fi
echo "The proxy test needs nginx at /usr/sbin/nginx." >&2
echo "Install it as root: apt-get update && apt-get install -y nginx" >&2
exit 1
