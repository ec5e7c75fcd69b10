#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on 127.0.0.1 only.
#
#   eval "$(tests/infra/postgres.sh start)"   # prints `export ACCESSREQUESTS_TEST_POSTGRES=...`
#   tests/infra/postgres.sh stop
#
# The cluster lives in a fresh temporary folder with a password made up for this run; `stop` removes it.
# Port: ACCESSREQUESTS_TEST_POSTGRES_PORT (default 55432). Everything but the export lines goes to stderr.
set -euo pipefail

PORT="${ACCESSREQUESTS_TEST_POSTGRES_PORT:-55432}"
TMP="${TMPDIR:-/tmp}"
STATE="$TMP/accessrequests-test-postgres-$PORT.state"
PREFIX="accessrequests-pg-$PORT."

log() { echo "postgres.sh: $*" >&2; }

bin_dir() {
    # The newest installed server version (Debian keeps each under /usr/lib/postgresql/VERSION/bin).
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z "$dir" ]] && command -v pg_config >/dev/null; then dir=$(pg_config --bindir); fi
    echo "$dir"
}

# Runs a command as the owner of the cluster: initdb and postgres refuse to run as root.
as_owner() {
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

stop_dir() {
    local dir=$1
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$dir"
}

stop() {
    if [[ -f "$STATE" ]]; then
        stop_dir "$(cat "$STATE")"
        rm -f "$STATE"
    fi
    # A run that lost its state file may have left a cluster of ours on the port.
    local pidfile
    for pidfile in "$TMP"/"$PREFIX"*/data/postmaster.pid; do
        [[ -f "$pidfile" ]] || continue
        stop_dir "$(dirname "$(dirname "$pidfile")")"
    done
}

start() {
    install_if_missing
    stop
    local bin dir password
    bin=$(bin_dir)
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
        log "something that is not ours already listens on port $PORT; set ACCESSREQUESTS_TEST_POSTGRES_PORT"
        exit 1
    fi
    dir=$(mktemp -d "$TMP/${PREFIX}XXXXXX")
    echo "$dir" >"$STATE"
    password=$(openssl rand -hex 16)
    echo "$password" >"$dir/password"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$dir"; fi
    chmod 700 "$dir"

    as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/password" --auth=scram-sha-256 \
        --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/password"

    # Durability is pointless for a throwaway cluster; fsync off makes the suites faster.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c max_connections=200" \
        start >&2 || { cat "$dir/server.log" >&2; exit 1; }

    local i
    for i in $(seq 1 60); do
        if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then break; fi
        sleep 0.5
    done
    "$bin/pg_isready" -h 127.0.0.1 -p "$PORT" >&2

    echo "export ACCESSREQUESTS_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=postgres;Password=$password;Database=postgres'"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
