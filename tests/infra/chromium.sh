#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/AccessRequests.EndToEnd) if /usr/bin/chromium is missing.
# Playwright drives this browser; it never downloads browsers of its own.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "chromium.sh: /usr/bin/chromium is missing and installing it needs root (apt-get install chromium)." >&2
    exit 1
fi
echo "chromium.sh: installing Chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update >&2
apt-get install -y --no-install-recommends chromium >&2
