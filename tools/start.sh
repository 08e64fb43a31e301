#!/usr/bin/env bash
# npm start: installs what is missing, then runs the platform as one supervised process tree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/ensure-deps.sh"
exec node -r @swc-node/register "$root/tools/launcher/start.main.ts"
