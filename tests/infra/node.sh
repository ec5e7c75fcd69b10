#!/usr/bin/env bash
# Installs the Node.js tools the tests call (tests/node: an independent JOSE library, a real OpenID provider), Node itself if missing.
set -euo pipefail
cd "$(dirname "$0")/../node"

if ! command -v npm >/dev/null; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "node.sh: Node.js and npm are missing and installing them needs root (apt-get install nodejs npm)." >&2
        exit 1
    fi
    echo "node.sh: installing Node.js" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends nodejs npm >&2
fi
npm ci --no-audit --no-fund >&2
