#!/usr/bin/env bash
# Open WebUI API compatibility: drives the server with owui-client 11.0.0 (PyPI), from a
# virtualenv this script creates once under target/ and reuses. Runs $CHATSHARE_BIN (default
# target/release/chatshare, which must be built).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=target/owui-compat-venv
if ! "$VENV/bin/python" -c 'import owui_client, importlib.metadata as m; assert m.version("owui-client") == "11.0.0"' 2>/dev/null; then
  echo "==> creating $VENV with owui-client 11.0.0"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check owui-client==11.0.0
fi

port=${CHATSHARE_COMPAT_PORT:-3109}
data=$(mktemp -d /tmp/chatshare-compat.XXXXXX)
CHATSHARE_ADDR=127.0.0.1:$port CHATSHARE_DATA_DIR=$data RUST_LOG=warn "${CHATSHARE_BIN:-./target/release/chatshare}" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
CHATSHARE_URL=http://127.0.0.1:$port "$VENV/bin/python" tests/compat/test_owui_client.py
