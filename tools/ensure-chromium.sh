#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser): install it if missing.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Chromium is missing at $chromium. Install Debian's chromium package or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing Chromium from Debian..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
