#!/usr/bin/env bash
# PgBouncer in transaction mode for the scale-out tests, in front of the primary of replica.sh.
#
#   pgbouncer.sh start PORT [BINARY]   run BINARY (default: Debian's pgbouncer, installed if missing) on PORT
#   pgbouncer.sh stop PORT             stop it and remove its files
#   pgbouncer.sh build                 build PgBouncer from Debian trixie's source package (1.21+, which has
#                                      max_prepared_statements) unless a build exists; prints the binary
#
# Settings (environment): TARGET_PORT (5433), SERVER_CONNECTIONS (8), PREPARED (max_prepared_statements
# where the binary has it: 200). Needs root; PgBouncer itself runs as postgres, as it refuses root.
set -euo pipefail

TARGET_PORT=${TARGET_PORT:-5433}
SERVER_CONNECTIONS=${SERVER_CONNECTIONS:-8}
PREPARED=${PREPARED:-200}
LOCAL=127.0.0.1
BUILDS=/usr/local/lib

dir_of() { echo "/var/lib/postgresql/r2orm-ci-pgbouncer-$1"; }
version_of() { "$1" --version | awk 'NR == 1 { print $2 }'; }
# max_prepared_statements came with 1.21
has_prepared() { [ "$(printf '%s\n1.21\n' "$(version_of "$1")" | sort -V | head -n 1)" = 1.21 ]; }
existing_build() { { ls -d "$BUILDS"/pgbouncer-*/bin/pgbouncer 2>/dev/null || true; } | sort -V | tail -n 1; }

build() {
  local found; found=$(existing_build)
  if [ -n "$found" ]; then echo "$found"; return; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q build-essential pkg-config libevent-dev libssl-dev libc-ares-dev >/dev/null 2>&1
  local work; work=$(mktemp -d)
  # a private apt state with trixie's sources only: the machine's own lists and sources stay as they are
  mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial"
  echo "deb-src http://deb.debian.org/debian trixie main" > "$work/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/state/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1)
  apt-get "${opts[@]}" update -q >/dev/null 2>&1
  (cd "$work" && apt-get "${opts[@]}" source --download-only -q pgbouncer >/dev/null 2>&1)
  local tarball version
  tarball=$(ls "$work"/pgbouncer_*.orig.tar.gz)
  version=${tarball##*/pgbouncer_}
  version=${version%.orig.tar.gz}
  tar -xzf "$tarball" -C "$work"
  (cd "$work/pgbouncer-$version" \
    && ./configure -q --prefix="$BUILDS/pgbouncer-$version" --without-systemd >/dev/null \
    && make -s -j"$(nproc)" >/dev/null 2>&1 \
    && make -s install >/dev/null)
  rm -rf "$work"
  existing_build
}

start() {
  local port=$1 binary=${2:-pgbouncer}
  if [ "$binary" = pgbouncer ] && ! command -v pgbouncer >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q pgbouncer >/dev/null 2>&1
  fi
  local dir; dir=$(dir_of "$port")
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "pgbouncer already runs on $LOCAL:$port"
    return
  fi
  mkdir -p "$dir"
  local prepared="; this PgBouncer has no max_prepared_statements"
  if has_prepared "$binary"; then prepared="max_prepared_statements = $PREPARED"; fi
  echo '"postgres" ""' > "$dir/users.txt"
  cat > "$dir/pgbouncer.ini" <<INI
; .ci/scale-out/pgbouncer.sh
[databases]
* = host=$LOCAL port=$TARGET_PORT

[pgbouncer]
listen_addr = $LOCAL
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = $SERVER_CONNECTIONS
max_db_connections = $SERVER_CONNECTIONS
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 500
; r2dbc-postgresql sends extra_float_digits when it connects
ignore_startup_parameters = extra_float_digits
server_reset_query =
$prepared
logfile = $dir/pgbouncer.log
pidfile = $dir/pid
INI
  chown -R postgres:postgres "$dir"
  runuser -u postgres -- "$binary" -d -q "$dir/pgbouncer.ini"
  for _ in $(seq 1 100); do
    pg_isready -q -h "$LOCAL" -p "$port" -d postgres && break
    sleep 0.1
  done
  if ! pg_isready -q -h "$LOCAL" -p "$port" -d postgres; then
    echo "pgbouncer did not start on $LOCAL:$port; its log:" >&2
    tail -n 20 "$dir/pgbouncer.log" >&2 || true
    exit 1
  fi
  echo "pgbouncer $(version_of "$binary") on $LOCAL:$port in front of $LOCAL:$TARGET_PORT (${prepared#; })"
}

stop() {
  local port=$1 dir; dir=$(dir_of "$port")
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    local pid; pid=$(cat "$dir/pid")
    kill -INT "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:?port}" "${3:-pgbouncer}" ;;
  stop) stop "${2:?port}" ;;
  build) build ;;
  *) echo "usage: $0 start PORT [BINARY] | stop PORT | build" >&2; exit 2 ;;
esac
