#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser): install it if missing.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" chromium
