#!/usr/bin/env bash
# Puts Node 24 LTS in .tools/node from the npm registry (the node-linux-<arch> package ships the
# official binary) when the machine's node is older. Prints the bin folder to add to PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WANT="${NODE_VERSION:-24.21.0}"
if command -v node >/dev/null && [[ "$(node -p 'process.versions.node.split(".")[0]')" == "24" ]]; then
  dirname "$(command -v node)"; exit 0
fi
case "$(uname -m)" in x86_64) ARCH=x64;; aarch64|arm64) ARCH=arm64;; *) echo "unsupported arch $(uname -m)" >&2; exit 1;; esac
DIR="$ROOT/.tools/node"
BIN="$DIR/node_modules/node-linux-$ARCH/bin"
if [[ ! -x "$BIN/node" ]] || [[ "$("$BIN/node" -v)" != "v$WANT" ]]; then
  mkdir -p "$DIR"
  echo '{"private":true}' > "$DIR/package.json"
  npm install --prefix "$DIR" --no-save --no-audit --no-fund "node-linux-$ARCH@$WANT" >&2
fi
# npm and npx run on whatever node is first on PATH; give the folder a node symlink set.
echo "$BIN"
