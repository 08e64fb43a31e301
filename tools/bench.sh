#!/usr/bin/env bash
# npm run bench [-- --customers N --messages M --json]; npm run bench:outreach [-- --customers N --json]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/ensure-deps.sh" >&2
DATABASE_URL="$(bash "$root/tools/ensure-postgres.sh")"
export DATABASE_URL
if [ "${1:-}" = "--outreach" ]; then
  shift
  exec node -r @swc-node/register "$root/tools/bench/outreach.ts" "$@"
fi
exec node -r @swc-node/register "$root/tools/bench/main.ts" "$@"
