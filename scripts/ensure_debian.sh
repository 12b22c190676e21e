#!/usr/bin/env bash
# Make sure a program from Debian's packages is installed (apt-get, as root).
#   ensure_debian.sh <path of the program> <what needs it> <package>...
# Chromium for the browser tests; nginx for the proxy test, which runs its own nginx with its
# own config as a normal process on a free port (the package's service is never started).
set -euo pipefail
program=$1 purpose=$2
shift 2
if [[ -x $program ]]; then
    exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing $* for $purpose (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "$@" >/dev/null
    exit 0
fi
echo "$purpose needs $program." >&2
echo "Install it as root: apt-get update && apt-get install -y $*" >&2
exit 1
