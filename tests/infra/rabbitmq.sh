#!/usr/bin/env bash
# A throwaway RabbitMQ node for the tests, on 127.0.0.1 only.
#
#   eval "$(tests/infra/rabbitmq.sh start)"   # prints the export lines below
#   tests/infra/rabbitmq.sh stop
#
# Exports:
#   ACCESSREQUESTS_TEST_RABBITMQ='host=127.0.0.1;port=56720;username=admin;password=<per run>'
#   ACCESSREQUESTS_TEST_RABBITMQ_NODE        the node name (artest-<port>@localhost)
#   ACCESSREQUESTS_TEST_RABBITMQCTL          a script running rabbitmqctl against this node (cookie, epmd port
#                                            and node name set), e.g. for a vhost per test class:
#       "$ACCESSREQUESTS_TEST_RABBITMQCTL" add_vhost my-tests
#       "$ACCESSREQUESTS_TEST_RABBITMQCTL" set_permissions -p my-tests admin '.*' '.*' '.*'
#
# The node runs as root from the packaged scripts, with its own Erlang cookie (HOME), its own epmd port, its
# own distribution ports and all its data in a fresh temporary folder, so it neither sees nor disturbs a default
# node or another run's node. Ports: AMQP ACCESSREQUESTS_TEST_RABBITMQ_PORT (default 56720); epmd = AMQP + 1,
# distribution = AMQP + 2, rabbitmqctl's own distribution ports = AMQP + 3 .. AMQP + 13.
# Everything but the export lines goes to stderr.
set -euo pipefail

PORT="${ACCESSREQUESTS_TEST_RABBITMQ_PORT:-56720}"
TMP="${TMPDIR:-/tmp}"
STATE="$TMP/accessrequests-test-rabbitmq-$PORT.state"
PREFIX="accessrequests-rabbitmq-$PORT."
NODE="artest-$PORT@localhost"
USERNAME=admin

log() { echo "rabbitmq.sh: $*" >&2; }

sbin_dir() {
    # The packaged scripts themselves: Debian's /usr/sbin wrappers switch to the rabbitmq user and its cookie.
    ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin 2>/dev/null | sort -V | tail -n 1 || true
}

install_if_missing() {
    if [[ -n "$(sbin_dir)" ]] && command -v erl >/dev/null; then return; fi
    if [[ $(id -u) -ne 0 ]]; then
        log "RabbitMQ is not installed and installing it needs root (apt-get install rabbitmq-server)."
        exit 1
    fi
    log "installing RabbitMQ"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    # The package's maintainer scripts try to start the default node; without systemd that is refused, which is fine.
    apt-get install -y --no-install-recommends rabbitmq-server >&2
}

# The environment every rabbitmq-* script of ours runs with, for the node in folder $1.
node_env() {
    local dir=$1
    echo HOME="$dir" \
        RABBITMQ_CONF_ENV_FILE=/dev/null \
        RABBITMQ_NODENAME="$NODE" \
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_NODE_PORT="$PORT" \
        ERL_EPMD_PORT=$((PORT + 1)) \
        ERL_EPMD_ADDRESS=127.0.0.1 \
        RABBITMQ_DIST_PORT=$((PORT + 2)) \
        RABBITMQ_CTL_DIST_PORT_MIN=$((PORT + 3)) \
        RABBITMQ_CTL_DIST_PORT_MAX=$((PORT + 13)) \
        RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
        RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
        RABBITMQ_MNESIA_BASE="$dir/mnesia" \
        RABBITMQ_LOG_BASE="$dir/log" \
        RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
}

write_ctl() {
    local dir=$1
    {
        echo '#!/bin/sh'
        echo "# rabbitmqctl for the test node $NODE (written by tests/infra/rabbitmq.sh)"
        # shellcheck disable=SC2046
        echo "exec env $(node_env "$dir") \"$(sbin_dir)/rabbitmqctl\" -n \"$NODE\" \"\$@\""
    } >"$dir/rabbitmqctl"
    chmod 700 "$dir/rabbitmqctl"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_dir() {
    local dir=$1 pid="" i
    # Read before `stop`: the node removes its pid file on the way down.
    [[ -f "$dir/rabbitmq.pid" ]] && pid=$(cat "$dir/rabbitmq.pid" 2>/dev/null || true)
    if [[ -x "$dir/rabbitmqctl" ]]; then
        "$dir/rabbitmqctl" stop >&2 2>/dev/null || true
    fi
    if [[ "$pid" =~ ^[0-9]+$ ]]; then
        # `stop` returns before the process has gone; a wedged node must not outlive the run.
        for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    # Our own epmd, started by the node on our port; it only goes once no node of ours is registered.
    for i in $(seq 1 20); do
        ERL_EPMD_PORT=$((PORT + 1)) epmd -kill >/dev/null 2>&1 || true
        port_in_use $((PORT + 1)) || break
        sleep 0.25
    done
    rm -rf "$dir"
}

stop() {
    if [[ -f "$STATE" ]]; then
        stop_dir "$(cat "$STATE")"
        rm -f "$STATE"
    fi
    # A run that lost its state file may have left a node of ours behind.
    local ctl
    for ctl in "$TMP"/"$PREFIX"*/rabbitmqctl; do
        [[ -f "$ctl" ]] || continue
        stop_dir "$(dirname "$ctl")"
    done
}

start() {
    install_if_missing
    stop
    local p
    for p in "$PORT" $((PORT + 1)) $((PORT + 2)); do
        if port_in_use "$p"; then
            log "something that is not ours already listens on port $p; set ACCESSREQUESTS_TEST_RABBITMQ_PORT"
            exit 1
        fi
    done
    local dir password
    dir=$(mktemp -d "$TMP/${PREFIX}XXXXXX")
    chmod 700 "$dir"
    echo "$dir" >"$STATE"
    password=$(openssl rand -hex 16)
    openssl rand -hex 20 >"$dir/.erlang.cookie"
    chmod 400 "$dir/.erlang.cookie"
    echo '[].' >"$dir/enabled_plugins"
    # The distribution port listens on 127.0.0.1 too, not on every interface.
    echo '[{kernel, [{inet_dist_use_interface, {127,0,0,1}}]}].' >"$dir/advanced.config"
    cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$PORT
default_vhost = /
default_user = $USERNAME
default_pass = $password
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
loopback_users = none
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = warning
EOF
    chmod 600 "$dir/rabbitmq.conf"
    write_ctl "$dir"

    # shellcheck disable=SC2046
    env $(node_env "$dir") "$(sbin_dir)/rabbitmq-server" -detached >"$dir/startup.log" 2>&1 ||
        { cat "$dir/startup.log" >&2; exit 1; }

    local i ready=no
    for i in $(seq 1 60); do
        if "$dir/rabbitmqctl" await_startup --timeout 10 >/dev/null 2>&1; then ready=yes; break; fi
        sleep 1
    done
    if [[ $ready != yes ]]; then
        log "the node did not start; its logs:"
        cat "$dir/startup.log" "$dir"/log/*.log >&2 2>/dev/null || true
        exit 1
    fi
    log "node $NODE ready on 127.0.0.1:$PORT"

    echo "export ACCESSREQUESTS_TEST_RABBITMQ='host=127.0.0.1;port=$PORT;username=$USERNAME;password=$password'"
    echo "export ACCESSREQUESTS_TEST_RABBITMQ_NODE='$NODE'"
    echo "export ACCESSREQUESTS_TEST_RABBITMQCTL='$dir/rabbitmqctl'"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
