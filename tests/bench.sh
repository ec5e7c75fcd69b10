#!/usr/bin/env bash
# Runs the benchmark runner (tests/AccessRequests.Benchmarks) on a fresh Debian machine, as root: installs and starts a
# throwaway PostgreSQL and RabbitMQ on 127.0.0.1 exactly as the tests do, runs the benchmarks in Release, prints the
# table and writes BenchmarkResults/latest.json (in the runner's folder), then removes the servers.
#   bash tests/bench.sh                       # every benchmark at full size (tens of minutes)
#   bash tests/bench.sh --only append,rebuild # some of them
#   bash tests/bench.sh --smoke               # tiny sizes: does the runner work
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
source tests/infra/servers.sh

cd tests/AccessRequests.Benchmarks
dotnet run -c Release -- "$@"
