#!/usr/bin/env bash
# Installs what building (and, with --test, testing) chatshare needs, skipping whatever is
# already there at the right version. Safe to run again.
#   scripts/setup.sh          build prerequisites: WASM target, wasm-bindgen CLI, brotli, npm tools
#   scripts/setup.sh --test   also cargo-nextest, Chromium, and PostgreSQL started when it is down
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen version in Cargo.lock
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release client builds the standard library itself (scripts/build-site.sh).
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # Not --locked: one of its locked dependencies is missing from the registry (build-notes.md).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v brotli >/dev/null; then
  say "installing brotli (the site's files are served pre-compressed)"
  apt-get update -qq && apt-get install -y -qq brotli
fi

# npm tools: binaryen (wasm-opt; Debian's is too old) and Playwright.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null; then
    say "installing Node.js and npm"
    apt-get update -qq && apt-get install -y -qq nodejs npm
  fi
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

if [ "$want_test" = 1 ]; then
  if ! cargo nextest --version >/dev/null 2>&1; then
    say "installing cargo-nextest (the test runner: one process per test; about 5 minutes)"
    cargo install cargo-nextest --locked
  fi
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's Chromium"
    apt-get update -qq && apt-get install -y -qq chromium
  fi
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    say "installing Python 3 with venv (for the owui-client compatibility test)"
    apt-get update -qq && apt-get install -y -qq python3 python3-venv
  fi
  if ! command -v pg_ctlcluster >/dev/null; then
    say "installing PostgreSQL"
    apt-get update -qq && apt-get install -y -qq postgresql
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi
