#!/usr/bin/env bash
# Prints a DATABASE_URL for the tests. Uses $DATABASE_URL when set; otherwise makes sure
# Debian's PostgreSQL is installed (installing it when running as root), starts its cluster,
# and gives the postgres role a password for TCP connections. Progress goes to stderr.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  echo "$DATABASE_URL"
  exit 0
fi

password="${BATON_TEST_PG_PASSWORD:-baton-test}"
port="${BATON_TEST_PG_PORT:-5432}"

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" postgresql
fi

if [ "$(id -u)" != 0 ]; then
  echo "Starting the Debian PostgreSQL cluster needs root; start PostgreSQL yourself and set DATABASE_URL." >&2
  exit 1
fi

cluster=$(pg_lsclusters --no-header | awk -v port="$port" '$3 == port {print $1" "$2; exit}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  echo "Creating PostgreSQL $version cluster 'baton' on port $port..." >&2
  pg_createcluster "$version" baton --port "$port" >&2
  cluster="$version baton"
fi
read -r version name <<<"$cluster"
if ! pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1 == v && $2 == n {print $4}' | grep -q online; then
  echo "Starting PostgreSQL $version/$name on port $port..." >&2
  pg_ctlcluster "$version" "$name" start >&2
fi
for _ in $(seq 1 30); do
  runuser -u postgres -- pg_isready -q -p "$port" && break
  sleep 1
done
runuser -u postgres -- psql -q -p "$port" -c "ALTER ROLE postgres PASSWORD '$password'" >/dev/null
echo "postgres://postgres:$password@127.0.0.1:$port/postgres"
