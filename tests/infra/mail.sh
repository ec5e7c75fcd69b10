#!/usr/bin/env bash
# A throwaway mail server for the tests (Debian's exim4-daemon-light), on 127.0.0.1 only.
#
#   eval "$(tests/infra/mail.sh start)"   # prints the export lines below
#   tests/infra/mail.sh stop
#
# Exports:
#   ACCESSREQUESTS_TEST_SMTP='host=127.0.0.1;port=25250;tlsport=25251;username=<per run>;password=<per run>'
#   ACCESSREQUESTS_TEST_SMTP_CERT   the server's self-signed certificate (PEM), for a client to trust
#   ACCESSREQUESTS_TEST_MAILDIR     the one Maildir every message is delivered into
#
# Port ACCESSREQUESTS_TEST_SMTP_PORT (default 25250) speaks plain SMTP; the next port also offers STARTTLS, and
# AUTH (PLAIN, LOGIN) once TLS is on. Any recipient is accepted and delivered into the one Maildir with an
# Envelope-to: header, so a test tells its mail from another's by the recipients' domain. Recipients in a domain
# starting with "auth-" are refused unless the client authenticated with the username and password of this run.
#
# Exim runs from its own configuration, spool and logs in a fresh temporary folder (the system's exim, if any, is
# not touched). Exim never delivers as root (Debian builds it with root as a fixed never-user), so as root the
# folder belongs to the exim user and the delivery runs as that user. Everything but the export lines goes to stderr.
set -euo pipefail

source "$(dirname "$0")/apt.sh"

PORT="${ACCESSREQUESTS_TEST_SMTP_PORT:-25250}"
TLSPORT=$((PORT + 1))
TMP="${TMPDIR:-/tmp}"
STATE="$TMP/accessrequests-test-mail-$PORT.state"
PREFIX="accessrequests-mail-$PORT."
EXIM=/usr/sbin/exim4

log() { echo "mail.sh: $*" >&2; }

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_dir() {
    local dir=$1 pid="" i
    [[ -f "$dir/exim.pid" ]] && pid=$(cat "$dir/exim.pid" 2>/dev/null || true)
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}

stop() {
    if [[ -f "$STATE" ]]; then
        stop_dir "$(cat "$STATE")"
        rm -f "$STATE"
    fi
    # A run that lost its state file may have left a server of ours behind.
    local conf
    for conf in "$TMP"/"$PREFIX"*/exim.conf; do
        [[ -f "$conf" ]] || continue
        stop_dir "$(dirname "$conf")"
    done
}

write_config() {
    local dir=$1 user=$2 username=$3 password=$4
    cat >"$dir/exim.conf" <<EOF
# A throwaway exim for the tests, written by tests/infra/mail.sh.
primary_hostname = mail.accessrequests.test
qualify_domain = accessrequests.test
exim_user = $user
exim_group = $(id -gn "$user")
spool_directory = $dir/spool
log_file_path = $dir/log/%slog
pid_file_path = $dir/exim.pid
local_interfaces = 127.0.0.1
daemon_smtp_ports = $PORT : $TLSPORT
keep_environment =

# No DNS and no ident look-ups of the client: everything is on loopback.
host_lookup =
rfc1413_hosts =
# Deliver every message at once, however many arrive on one connection.
smtp_accept_queue_per_connection = 0
smtp_accept_max = 100

# STARTTLS on the second port only; the first stays plain.
tls_advertise_hosts = \${if =={\$received_port}{$TLSPORT}{*}{}}
tls_certificate = $dir/cert.pem
tls_privatekey = $dir/key.pem

acl_smtp_rcpt = acl_check_rcpt
acl_smtp_data = acl_check_data

begin acl

acl_check_rcpt:
  deny    domains = ^auth-
          !authenticated = *
          message = 530 5.7.0 Authentication required for \$domain
  accept

acl_check_data:
  accept

begin routers

everything:
  driver = accept
  transport = maildir

begin transports

maildir:
  driver = appendfile
  directory = $dir/Maildir
  maildir_format
  create_directory
  envelope_to_add
  return_path_add
  user = $user
  mode = 0644

begin retry

*  *  F,1h,5s

begin authenticators

plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and {{eq{\$auth2}{$username}}{eq{\$auth3}{$password}}}}
  server_set_id = \$auth2
  server_advertise_condition = \${if def:tls_in_cipher}

login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = <| Username: | Password:
  server_condition = \${if and {{eq{\$auth1}{$username}}{eq{\$auth2}{$password}}}}
  server_set_id = \$auth1
  server_advertise_condition = \${if def:tls_in_cipher}
EOF
}

start() {
    if [[ ! -x "$EXIM" ]]; then
        apt_install "exim (the tests' mail server)" exim4-daemon-light
    fi
    stop
    local p
    for p in "$PORT" "$TLSPORT"; do
        if port_in_use "$p"; then
            log "something that is not ours already listens on port $p; set ACCESSREQUESTS_TEST_SMTP_PORT"
            exit 1
        fi
    done

    local dir user username password
    dir=$(mktemp -d "$TMP/${PREFIX}XXXXXX")
    echo "$dir" >"$STATE"
    # Exim refuses to deliver as root: as root, the exim user owns the folder and delivers; else the caller does.
    if [[ $(id -u) -eq 0 ]]; then
        user=$("$EXIM" -bP exim_user 2>/dev/null | sed 's/.*= *//')
        user=${user:-Debian-exim}
    else
        user=$(id -un)
    fi
    username="test-$(openssl rand -hex 4)"
    password=$(openssl rand -hex 16)

    mkdir -p "$dir/spool" "$dir/log" "$dir/Maildir"/{new,cur,tmp}
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
        -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
    write_config "$dir" "$user" "$username" "$password"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R "$user:" "$dir"
        # Exim reads its configuration only from a file root owns that no one else may change.
        chown "root:$(id -gn "$user")" "$dir/exim.conf"
    fi
    chmod 640 "$dir/exim.conf" "$dir/key.pem"
    chmod 755 "$dir" "$dir/Maildir"
    # Readable by the tests, who may not be the exim user.
    chmod 644 "$dir/cert.pem"

    "$EXIM" -C "$dir/exim.conf" -bV >"$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; exit 1; }
    # A daemon that also runs the queue every few seconds, for a delivery that was deferred.
    "$EXIM" -C "$dir/exim.conf" -bd -q5s >"$dir/startup.log" 2>&1 || { cat "$dir/startup.log" "$dir"/log/* >&2 2>/dev/null; exit 1; }

    local i
    for i in $(seq 1 40); do
        if port_in_use "$PORT" && port_in_use "$TLSPORT"; then break; fi
        sleep 0.25
    done
    if ! port_in_use "$PORT" || ! port_in_use "$TLSPORT"; then
        log "exim did not start; its logs:"
        cat "$dir/startup.log" "$dir"/log/* >&2 2>/dev/null || true
        exit 1
    fi
    log "exim ready on 127.0.0.1:$PORT (plain) and :$TLSPORT (STARTTLS), delivering into $dir/Maildir"

    echo "export ACCESSREQUESTS_TEST_SMTP='host=127.0.0.1;port=$PORT;tlsport=$TLSPORT;username=$username;password=$password'"
    echo "export ACCESSREQUESTS_TEST_SMTP_CERT='$dir/cert.pem'"
    echo "export ACCESSREQUESTS_TEST_MAILDIR='$dir/Maildir'"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
