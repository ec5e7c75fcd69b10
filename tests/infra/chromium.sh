#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/AccessRequests.EndToEnd) if /usr/bin/chromium is missing.
# Playwright drives this browser; it never downloads browsers of its own.
set -euo pipefail

source "$(dirname "$0")/apt.sh"

if [[ ! -x /usr/bin/chromium ]]; then
    apt_install Chromium chromium
fi
