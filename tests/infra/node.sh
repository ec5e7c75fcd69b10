#!/usr/bin/env bash
# Installs the Node.js tools the tests call (tests/node: an independent JOSE library, a real OpenID provider), Node itself if missing.
set -euo pipefail
source "$(dirname "$0")/apt.sh"
cd "$(dirname "$0")/../node"

if ! command -v npm >/dev/null; then
    apt_install "Node.js and npm" nodejs npm
fi
npm ci --no-audit --no-fund >&2
