#!/usr/bin/env bash
# Checks that docker/docker-compose.yml is valid, with Debian's docker-compose (no Docker engine is needed).
set -euo pipefail
cd "$(dirname "$0")/../.."

source tests/infra/apt.sh

if ! command -v docker-compose >/dev/null; then
    apt_install docker-compose docker-compose
fi

docker-compose -f docker/docker-compose.yml --env-file docker/.env.example config --quiet
echo "compose-config.sh: docker/docker-compose.yml is valid" >&2
