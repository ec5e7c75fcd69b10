#!/usr/bin/env bash
# Runs every test suite against throwaway services started here and stopped on exit.
# Extra arguments go to `dotnet test` (e.g. tests/run.sh --filter FullyQualifiedName~Sqlite).
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(tests/infra/postgres.sh start)"
trap 'tests/infra/postgres.sh stop' EXIT

dotnet test AccessRequests.sln --logger "console;verbosity=normal" "$@"
