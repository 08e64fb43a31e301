#!/usr/bin/env bash
# npm test: installs what is missing (node modules, the Temporal CLI, PostgreSQL when DATABASE_URL
# is unset), type-checks, runs every project's unit tests, then the integration tests against
# a real Temporal dev server and PostgreSQL.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

bash tools/ensure-deps.sh
DATABASE_URL="$(bash tools/ensure-postgres.sh)"
export DATABASE_URL

echo "== Type check and lint"
npx tsc -p tsconfig.json
npx tsc -p apps/console/tsconfig.json
# The module-boundary rule reads Nx's project graph; build it first or the rule is skipped.
npx nx show projects >/dev/null
npx eslint . --max-warnings 0

echo "== Unit tests"
npx nx run-many -t test --parallel=1 --outputStyle=stream

echo "== Integration tests (real Temporal, PostgreSQL, worker, API)"
npx nx run api-e2e:e2e --outputStyle=stream

echo "== Browser tests (Debian's Chromium against the running platform)"
bash tools/ensure-chromium.sh
npx nx run console-e2e:e2e --outputStyle=stream
