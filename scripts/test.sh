#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   formatting, clippy (ssr and hydrate feature sets), unit and integration tests on SQLite and
#   on PostgreSQL (cargo-nextest: one process per test, several at once; the size-optimised
#   WASM site builds meanwhile), then the owui-client compatibility test and the Playwright
#   suite in Chromium, against the server the tests built and that site. Each stage prints its time when it ends, and
#   the last lines sum them up.
set -euo pipefail
cd "$(dirname "$0")/.."

times=()
# stage NAME COMMAND...: runs COMMAND under a heading and prints how long it took.
stage() {
  local name=$1 started=$SECONDS
  shift
  printf '\033[1m==> %s\033[0m\n' "$name"
  "$@"
  local took=$((SECONDS - started))
  printf '\033[1m<== %s: %d min %02d s\033[0m\n' "$name" $((took / 60)) $((took % 60))
  times+=("$(printf '%4d s  %s' "$took" "$name")")
}
summary() {
  local status=${1:-$?}
  printf '\033[1m==> stage times\033[0m\n'
  printf '%s\n' "${times[@]}"
  printf '%4d s  in all (exit %d)\n' "$SECONDS" "$status"
}
trap summary EXIT

PG_ADMIN_URL=${CHATSHARE_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}
drop_old_test_databases() {
  psql "$PG_ADMIN_URL" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'chatshare_t_%'" \
    | while read -r db; do psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null; done
}

stage "setup (tools, skipped when there)" scripts/setup.sh --test
stage "rustfmt" cargo fmt --all -- --check
stage "clippy (ssr: server, app, migrations)" \
  cargo clippy -p chatshare -p app -p migrations --all-targets -- -D warnings
stage "clippy (hydrate: app and frontend for wasm32)" \
  cargo clippy -p frontend -p app --target wasm32-unknown-unknown -- -D warnings
stage "build: the tests and the server (debug)" \
  cargo nextest run -p chatshare -p app -p migrations --no-run
# The site (the size-optimised WASM client) builds while the suites run: most of its time is one
# core's final optimisation, and the tests mostly wait on sockets. In a target directory of its
# own, so that neither waits for the other's cargo lock. Only Playwright needs it.
mkdir -p target
site_log=target/site-build.log
site_started=$SECONDS
(CARGO_TARGET_DIR=target/site-build scripts/build-site.sh release >"$site_log" 2>&1) &
site_pid=$!
trap 'rc=$?; kill "$site_pid" 2>/dev/null || true; summary "$rc"' EXIT
wait_for_site() {
  if wait "$site_pid"; then
    tail -n 2 "$site_log"
    echo "(the site build took $((SECONDS - site_started)) s in all, beside the tests)"
  else
    cat "$site_log"
    return 1
  fi
}
# Databases earlier PostgreSQL runs left (one per test, named by a fresh id, so nothing running
# now uses them) are dropped in the background; the run waits for that at its end.
drop_old_test_databases >target/drop-test-databases.log 2>&1 &
drop_pid=$!
# .config/nextest.toml: how many at once, and the time limit that ends a hung test.
stage "unit and integration tests on SQLite" \
  env CHATSHARE_TEST_DB=sqlite cargo nextest run -p chatshare -p app -p migrations
# The same packages as above (another set would unify features differently and rebuild the
# tests), filtered to the server's integration tests.
stage "integration tests on PostgreSQL" \
  env CHATSHARE_TEST_DB=postgres CHATSHARE_TEST_PG_URL="$PG_ADMIN_URL" \
  cargo nextest run -p chatshare -p app -p migrations -E 'package(chatshare) & kind(test)'
# The server the tests ran (a debug build; `make run` builds the release one).
export CHATSHARE_BIN=target/debug/chatshare
stage "Open WebUI API compatibility (owui-client 11.0.0)" scripts/owui-compat.sh
stage "removing databases left by earlier PostgreSQL runs (begun beside the tests)" wait "$drop_pid"
stage "build: the site (waiting for the rest of it)" wait_for_site
stage "Playwright in Chromium" bash -c 'cd end2end && ../node_modules/.bin/playwright test'
