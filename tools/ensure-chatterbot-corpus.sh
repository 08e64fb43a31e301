#!/usr/bin/env bash
# Makes sure the out-of-domain queries the NLU bench scores are on disk: the English dialogs of
# ChatterBot's corpus (chatterbot-corpus 1.3.3, BSD-3-Clause), as PyPI serves them in a wheel.
# Chit-chat, trivia, coding and general tech support: questions a bank's assistant should leave to
# a human, never seen in training. Fetched once into .tools/chatterbot-corpus (or
# $CHATTERBOT_CORPUS_DIR), checked against a pinned SHA-256; only `npm run bench:nlu` needs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CHATTERBOT_CORPUS_DIR:-$root/.tools/chatterbot-corpus}"
files="${PYPI_FILES_URL:-https://files.pythonhosted.org}"
wheel="chatterbot_corpus-1.3.3-py2.py3-none-any.whl"
wheel_path="packages/77/2a/6b6576acf8a0050f3066cc87ee4401c87840385003c60f46f145d6265b0c/$wheel"
wheel_sha256="86de5300afb9a80826386339d3bec79c0a72eb0358abb8327e2ecef5ae0ce154"

if [ -f "$dir/.wheel-sha256" ] && [ "$(cat "$dir/.wheel-sha256")" = "$wheel_sha256" ]; then exit 0; fi

echo "Fetching the out-of-domain corpus ($wheel) from PyPI..."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bash "$root/tools/fetch-pinned-zip.sh" "$files/$wheel_path" "$wheel_sha256" "$tmp" \
  'chatterbot_corpus/data/english/*.yml' 'chatterbot_corpus-1.3.3.dist-info/METADATA'
rm -rf "$dir"
mkdir -p "$dir"
mv "$tmp/chatterbot_corpus/data/english" "$dir/english"
mv "$tmp/chatterbot_corpus-1.3.3.dist-info/METADATA" "$dir/METADATA"
echo "$wheel_sha256" >"$dir/.wheel-sha256"
echo "Out-of-domain corpus ready in $dir"
