#!/usr/bin/env bash
# apt-install.sh PACKAGE...: installs Debian packages, as root only; progress goes to stderr.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: $*. Install them (apt-get install $*) and run again." >&2
  exit 1
fi
echo "Installing $* from Debian..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
