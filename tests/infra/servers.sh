# Sourced by tests/run.sh and tests/bench.sh: a throwaway PostgreSQL, RabbitMQ and mail server (exim) on 127.0.0.1 for
# this shell, their connection settings exported, and all removed when the shell exits.
stop_servers() {
    bash tests/infra/postgres.sh stop >/dev/null 2>&1 || true
    bash tests/infra/rabbitmq.sh stop >/dev/null 2>&1 || true
    bash tests/infra/mail.sh stop >/dev/null 2>&1 || true
}
eval "$(bash tests/infra/postgres.sh start)"
trap stop_servers EXIT
eval "$(bash tests/infra/rabbitmq.sh start)"
eval "$(bash tests/infra/mail.sh start)"
