#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for the tests and the benchmark: sourced, it
# defines `postgres_start` (initdb in a temp dir, the server on a free port of 127.0.0.1, no
# fsync; exports COP_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT) and `postgres_stop`
# (stops it and deletes the directory; also run on exit). Debian's server binaries are under
# /usr/lib/postgresql/<version>/bin (scripts/install.sh installs them). initdb and postgres
# refuse to run as root: as root they run as the `postgres` user (runuser).
postgres_start() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
    echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql (run scripts/install.sh)" >&2
    return 1
  fi
  local as=()
  POSTGRES_DIR="$(mktemp -d /tmp/cop-postgres.XXXXXX)"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$POSTGRES_DIR"
    as=(runuser -u postgres --)
  fi
  POSTGRES_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${as[@]}" "$bin/initdb" -D "$POSTGRES_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$POSTGRES_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $POSTGRES_PORT -k $POSTGRES_DIR -c fsync=off -c max_connections=300" \
    start >/dev/null || { cat "$POSTGRES_DIR/server.log" >&2; return 1; }
  POSTGRES_BIN="$bin"
  POSTGRES_AS=("${as[@]}")
  export COP_TEST_POSTGRES="postgres://postgres@127.0.0.1:$POSTGRES_PORT"
  trap postgres_stop EXIT
  echo "[postgres] $("$bin/postgres" --version) on 127.0.0.1:$POSTGRES_PORT (data in $POSTGRES_DIR)"
}

postgres_stop() {
  if [ -n "${POSTGRES_DIR:-}" ] && [ -d "$POSTGRES_DIR" ]; then
    "${POSTGRES_AS[@]}" "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$POSTGRES_DIR"
  fi
  POSTGRES_DIR=""
}
