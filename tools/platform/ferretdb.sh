#!/usr/bin/env bash
# Builds FerretDB v1 (MongoDB wire protocol on SQLite/PostgreSQL, Apache-2.0) into .tools/bin/ferretdb
# with the machine's Go. `go install ...@v1.24.2` alone builds a binary that panics at start, because
# the module's embedded build/version/version.txt is empty; we build the same module with that file set.
set -euo pipefail
VERSION="${FERRETDB_VERSION:-v1.24.2}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/.tools/bin/ferretdb"
# Output captured first, never piped into grep -q/head: a reader that stops early sends ferretdb SIGPIPE,
# and under pipefail the pipeline then fails (exit 141) although everything is fine.
built_version() { [[ -x "$OUT" ]] && "$OUT" --version 2>/dev/null || true; }
if [[ "$(built_version)" == *"version: $VERSION"* ]]; then
  echo "ferretdb $VERSION already built at $OUT"; exit 0
fi
command -v go >/dev/null || { echo "Go is needed to build FerretDB (https://go.dev/dl/); or set MONGO_URL to a MongoDB 7+ server" >&2; exit 1; }
mkdir -p "$ROOT/.tools/bin"
export GOFLAGS=-mod=mod
go mod download "github.com/FerretDB/FerretDB@$VERSION"
SRC="$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$VERSION"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT
cp -r "$SRC/." "$WORK/"
chmod -R u+w "$WORK"
echo "$VERSION" > "$WORK/build/version/version.txt"
(cd "$WORK" && go build -trimpath -o "$OUT" ./cmd/ferretdb)
[[ "$(built_version)" == *"version: $VERSION"* ]] || { echo "the built $OUT does not report version $VERSION" >&2; exit 1; }
echo "built ferretdb $VERSION at $OUT"
