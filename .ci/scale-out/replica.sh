#!/usr/bin/env bash
# The replica pair of the scale-out tests: a PostgreSQL primary and a hot standby that streams from
# it, as two extra Debian clusters next to the machine's own (which stays untouched).
#
#   replica.sh start    create both (or start them if they exist), wait until the standby streams
#   replica.sh stop     drop both clusters
#
# Needs root, Debian's postgresql-common and a PostgreSQL server package. Settings (environment):
# PG_VERSION (the newest installed), PRIMARY_PORT (5433), REPLICA_PORT (5434).
set -euo pipefail

PG_VERSION=${PG_VERSION:-$(ls /usr/lib/postgresql | sort -V | tail -n 1)}
PRIMARY_PORT=${PRIMARY_PORT:-5433}
REPLICA_PORT=${REPLICA_PORT:-5434}
PRIMARY=r2orm_ci_primary
REPLICA=r2orm_ci_replica
SLOT=r2orm_ci_replica
LOCAL=127.0.0.1

cluster_exists() { pg_lsclusters -h | awk -v v="$PG_VERSION" -v n="$1" '$1 == v && $2 == n { ok = 1 } END { exit !ok }'; }
cluster_online() { pg_lsclusters -h | awk -v v="$PG_VERSION" -v n="$1" '$1 == v && $2 == n && $4 ~ /^online/ { ok = 1 } END { exit !ok }'; }
sql() { local port=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -h "$LOCAL" -p "$port" -U postgres -At "$@"; }

await_port() {
  for _ in $(seq 1 200); do
    pg_isready -q -h "$LOCAL" -p "$1" && return 0
    sleep 0.1
  done
  echo "nothing accepts connections on $LOCAL:$1 after 20 s" >&2
  return 1
}

# Only TCP on 127.0.0.1, trusted, replication included; the postgres user keeps peer on the socket.
configure() {
  local name=$1; shift
  local etc=/etc/postgresql/$PG_VERSION/$name
  printf '%s\n' "# .ci/scale-out/replica.sh" \
    "local all postgres peer" \
    "host all all $LOCAL/32 trust" \
    "host replication all $LOCAL/32 trust" > "$etc/pg_hba.conf"
  { echo "# .ci/scale-out/replica.sh"; echo "listen_addresses = '$LOCAL'"; printf '%s\n' "$@"; } > "$etc/conf.d/r2orm-ci.conf"
  chown postgres:postgres "$etc/pg_hba.conf" "$etc/conf.d/r2orm-ci.conf"
}

new_cluster() {
  local name=$1 port=$2
  if (exec 3<>"/dev/tcp/$LOCAL/$port") 2>/dev/null; then
    echo "port $port is already in use; set PRIMARY_PORT/REPLICA_PORT" >&2
    exit 1
  fi
  # manual start: the init script's "start every cluster" must not pick these up
  pg_createcluster --quiet --start-conf=manual -p "$port" "$PG_VERSION" "$name" -- --auth-local=peer --auth-host=trust >/dev/null
}

start_primary() {
  if ! cluster_exists "$PRIMARY"; then
    new_cluster "$PRIMARY" "$PRIMARY_PORT"
    configure "$PRIMARY" "wal_level = replica" "max_wal_senders = 5" "max_replication_slots = 5"
  fi
  cluster_online "$PRIMARY" || pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PRIMARY" start
  await_port "$PRIMARY_PORT"
  # the slot keeps WAL the standby has not received yet
  sql "$PRIMARY_PORT" -d postgres -c "SELECT pg_create_physical_replication_slot('$SLOT')
    WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = '$SLOT')" >/dev/null
  if [ "$(sql "$PRIMARY_PORT" -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = 'test'")" = 0 ]; then
    sql "$PRIMARY_PORT" -d postgres -c "CREATE DATABASE test"
  fi
}

start_replica() {
  if ! cluster_exists "$REPLICA"; then
    new_cluster "$REPLICA" "$REPLICA_PORT"
    configure "$REPLICA" "hot_standby = on" "hot_standby_feedback = on"
    local data
    data=$(pg_conftool -s "$PG_VERSION" "$REPLICA" show data_directory)
    # replace the fresh cluster's files with a copy of the primary (-R: standby.signal and primary_conninfo)
    find "$data" -mindepth 1 -delete
    runuser -u postgres -- pg_basebackup -h "$LOCAL" -p "$PRIMARY_PORT" -U postgres -D "$data" -R -X stream -S "$SLOT" -c fast
  fi
  cluster_online "$REPLICA" || pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$REPLICA" start
  await_port "$REPLICA_PORT"
  for _ in $(seq 1 300); do
    [ "$(sql "$PRIMARY_PORT" -d postgres -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" -ge 1 ] && return 0
    sleep 0.1
  done
  echo "the standby on $LOCAL:$REPLICA_PORT is not streaming after 30 s; its log:" >&2
  tail -n 20 "/var/log/postgresql/postgresql-$PG_VERSION-$REPLICA.log" >&2 || true
  return 1
}

stop() {
  for name in "$REPLICA" "$PRIMARY"; do
    if cluster_exists "$name"; then
      pg_dropcluster --stop "$PG_VERSION" "$name"
    fi
  done
}

case "${1:-}" in
  start) start_primary; start_replica ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
