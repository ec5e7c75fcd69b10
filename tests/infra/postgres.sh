#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on 127.0.0.1 only.
#
#   eval "$(tests/infra/postgres.sh start)"   # prints `export ACCESSREQUESTS_TEST_POSTGRES=...`
#   tests/infra/postgres.sh stop
#
# The cluster lives in a fresh temporary folder with a password made up for this run; `stop` removes it.
# Port: ACCESSREQUESTS_TEST_POSTGRES_PORT (default 55432), or the next free one when another test run on this
# machine (another work tree, say) is using it. Everything but the export line goes to stderr.
#
# Each cluster belongs to the shell that started it (ACCESSREQUESTS_TEST_POSTGRES_OWNER, a process id, to
# say otherwise): `stop` stops the caller's cluster (named by the ACCESSREQUESTS_TEST_POSTGRES_STATE that
# `start` exports), and both commands remove clusters whose owner has gone, as a run that was killed leaves
# them. Clusters of runs still going are left alone.
set -euo pipefail

PORT="${ACCESSREQUESTS_TEST_POSTGRES_PORT:-55432}"
TMP="${TMPDIR:-/tmp}"
PREFIX="accessrequests-test-postgres"

log() { echo "postgres.sh: $*" >&2; }

bin_dir() {
    # The newest installed server version (Debian keeps each under /usr/lib/postgresql/VERSION/bin).
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z "$dir" ]] && command -v pg_config >/dev/null; then dir=$(pg_config --bindir); fi
    echo "$dir"
}

# The shell that called us. Inside "$(...)" with a redirection bash forks a subshell first, which ends at
# once; it has the same command line as its parent, so step over it.
owner() {
    if [[ -n "${ACCESSREQUESTS_TEST_POSTGRES_OWNER:-}" ]]; then echo "$ACCESSREQUESTS_TEST_POSTGRES_OWNER"; return; fi
    local parent=$PPID grandparent
    grandparent=$(ps -o ppid= -p "$parent" | tr -d ' ')
    if [[ -n "$grandparent" && -r /proc/$parent/cmdline && -r /proc/$grandparent/cmdline ]] \
        && cmp -s "/proc/$parent/cmdline" "/proc/$grandparent/cmdline"; then
        parent=$grandparent
    fi
    echo "$parent"
}

# Runs a command as the owner of the cluster files: initdb and postgres refuse to run as root.
as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

install_if_missing() {
    if [[ -n "$(bin_dir)" && -x "$(bin_dir)/initdb" ]]; then return; fi
    if [[ $(id -u) -ne 0 ]]; then
        log "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)."
        exit 1
    fi
    log "installing PostgreSQL"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
}

# A state file per cluster: "folder port owner-pid".
stop_cluster() {
    local state=$1 dir port pid
    read -r dir port pid <"$state" || true
    if [[ -n "${dir:-}" && -f "$dir/data/postmaster.pid" ]]; then
        as_postgres "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    if [[ -n "${dir:-}" && "$dir" == "$TMP/$PREFIX-"* ]]; then rm -rf "$dir"; fi
    rm -f "$state"
}

# Stops the clusters of `who` (a process id), and those whose owner is no longer running.
sweep() {
    local who=$1 state dir port pid
    for state in "$TMP/$PREFIX"-*.state; do
        [[ -f "$state" ]] || continue
        read -r dir port pid <"$state" || true
        if [[ -z "${pid:-}" ]]; then continue; fi # not one of ours
        if [[ "$pid" == "$who" ]] || ! kill -0 "$pid" 2>/dev/null; then
            stop_cluster "$state"
        fi
    done
}

start() {
    install_if_missing
    local me bin dir password port state
    me=$(owner)
    bin=$(bin_dir)

    # One start at a time, so that two runs cannot pick the same port.
    exec 9>"$TMP/$PREFIX.lock"
    flock 9
    sweep "$me"
    port=$PORT
    while "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || ss -ltn "sport = :$port" | grep -q LISTEN; do
        log "port $port is in use (another test run?); trying $((port + 1))"
        port=$((port + 1))
        if ((port > PORT + 20)); then log "no free port in $PORT..$((PORT + 20))"; exit 1; fi
    done

    dir=$(mktemp -d "$TMP/$PREFIX-$port.XXXXXX")
    state="$dir.state"
    echo "$dir $port $me" >"$state"
    password=$(openssl rand -hex 16)
    echo "$password" >"$dir/password"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$dir"; fi
    chmod 700 "$dir"

    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/password" --auth=scram-sha-256 \
        --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 9>&- || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/password"

    # The server must not inherit the lock (fd 9), or it would hold it for as long as it runs.
    # Durability is pointless for a throwaway cluster; fsync off makes the suites faster.
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c max_connections=200" \
        start >&2 9>&- || { cat "$dir/server.log" >&2; exit 1; }

    local i
    for i in $(seq 1 60); do
        if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then break; fi
        sleep 0.5
    done
    "$bin/pg_isready" -h 127.0.0.1 -p "$port" >&2

    echo "export ACCESSREQUESTS_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres'"
    echo "export ACCESSREQUESTS_TEST_POSTGRES_STATE='$state'"
}

stop() {
    exec 9>"$TMP/$PREFIX.lock"
    flock 9
    local mine="${ACCESSREQUESTS_TEST_POSTGRES_STATE:-}"
    if [[ -n "$mine" && -f "$mine" && "$mine" == "$TMP/$PREFIX-"*.state ]]; then stop_cluster "$mine"; fi
    sweep "$(owner)"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
