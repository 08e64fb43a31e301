#!/usr/bin/env bash
# fetch-pinned-zip.sh URL SHA256 DIR MEMBER...: downloads a zip archive (a jar, a wheel), refuses it
# unless it matches the pinned SHA256, and unpacks the members named (unzip patterns) into DIR.
# Installs curl and unzip from Debian when they are missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 4 ]; then
  echo "usage: fetch-pinned-zip.sh URL SHA256 DIR MEMBER..." >&2
  exit 2
fi
url="$1"
sha256="$2"
dir="$3"
shift 3

missing=()
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
if [ ${#missing[@]} -gt 0 ]; then bash "$root/tools/apt-install.sh" "${missing[@]}"; fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
curl -fsSL --retry 3 -o "$tmp/archive.zip" "$url"
if [ "$(sha256sum "$tmp/archive.zip" | cut -d' ' -f1)" != "$sha256" ]; then
  echo "$url does not match its pinned SHA-256; refusing it." >&2
  exit 1
fi
mkdir -p "$dir"
unzip -q -o "$tmp/archive.zip" "$@" -d "$dir"
