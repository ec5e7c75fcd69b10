#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian machine, as root: installs what is missing, starts
# throwaway servers on 127.0.0.1 (non-default ports, temporary folders), runs all test projects, cleans up.
#   bash tests/run.sh            # everything
#   bash tests/run.sh --filter X # passed on to dotnet test
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! command -v dotnet >/dev/null; then
    echo "run.sh: the .NET SDK 10 (dotnet) is needed; see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
    exit 1
fi

source tests/infra/servers.sh

# The provisioning tests set and read POSIX ACLs.
source tests/infra/apt.sh
if ! command -v setfacl >/dev/null; then
    apt_install "the acl tools" acl
fi

bash tests/infra/compose-config.sh
bash tests/infra/node.sh
bash tests/infra/chromium.sh

results=$(mktemp -d)
status=0
dotnet test AccessRequests.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$results/output.txt" || status=$?

stop_servers

# One closing line for the whole run, summed over the test projects' own summaries ("     Passed: 38").
awk '$1 ~ /^(Passed|Failed|Skipped):$/ && $2 ~ /^[0-9]+$/ && NF == 2 { n[$1] += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", n["Passed:"], n["Failed:"], n["Skipped:"] }' "$results/output.txt"
rm -rf "$results"
exit "$status"
