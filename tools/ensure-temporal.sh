#!/usr/bin/env bash
# Makes sure a Temporal CLI is available: $TEMPORAL_CLI, .tools/bin/temporal or PATH; otherwise
# builds it with Go into .tools/bin (a few minutes the first time; Go's build cache keeps it).
# v1.5.1 is the newest tag that `go install` accepts (later ones carry a replace directive).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="v1.5.1"
local_cli="$root/.tools/bin/temporal"

if [ -n "${TEMPORAL_CLI:-}" ] && [ -x "$TEMPORAL_CLI" ]; then exit 0; fi
if [ -x "$local_cli" ]; then exit 0; fi
if command -v temporal >/dev/null 2>&1; then exit 0; fi

if ! command -v go >/dev/null 2>&1; then
  echo "The Temporal CLI is missing and Go is not installed to build it." >&2
  echo "Install Go (https://go.dev/dl/) or the Temporal CLI, or set TEMPORAL_ADDRESS to an existing server." >&2
  exit 1
fi

echo "Building the Temporal CLI $version with $(go version | cut -d' ' -f3) (first time only, a few minutes)..."
mkdir -p "$root/.tools/bin"
if ! GOBIN="$root/.tools/bin" go install "github.com/temporalio/cli/cmd/temporal@$version"; then
  echo "Retrying with an older Go toolchain from the module proxy..." >&2
  GOTOOLCHAIN=go1.25.5 GOBIN="$root/.tools/bin" go install "github.com/temporalio/cli/cmd/temporal@$version"
fi
"$local_cli" --version
