#!/usr/bin/env bash
# Checks that docker/docker-compose.yml is valid, with Debian's docker-compose (no Docker engine is needed).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v docker-compose >/dev/null; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "compose-config.sh: docker-compose is missing and installing it needs root; skipping nothing, failing." >&2
        exit 1
    fi
    echo "compose-config.sh: installing docker-compose" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends docker-compose >&2
fi

docker-compose -f docker/docker-compose.yml --env-file docker/.env.example config --quiet
echo "compose-config.sh: docker/docker-compose.yml is valid" >&2
