#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on a private socket directory and print its DATABASE_URL.
# Usage: eval "$(.ci/postgres.sh start DIR)"; ...; .ci/postgres.sh stop DIR
set -euo pipefail
action=$1
dir=$2
port=${PGPORT_CI:-54329}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing PostgreSQL from Debian's packages" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

# PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case $action in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U archive -A trust --no-sync -E UTF8 >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >&2
    as_postgres "$bin/createdb" -h "$dir" -p "$port" -U archive archive
    echo "export DATABASE_URL='postgres://archive@/archive?host=$dir&port=$port'"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    ;;
esac
