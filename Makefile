# The two commands of the README:
#   make run    build and serve the app on its embedded SQLite default (http://127.0.0.1:3000)
#   make test   the whole test suite (what CI runs)
.PHONY: run test build setup bench

run: build
	./target/release/chatshare

build: setup
	scripts/build-site.sh release
	cargo build --release -p chatshare

setup:
	scripts/setup.sh

test:
	scripts/test.sh

# The benchmark (release build, fresh SQLite; BENCH_FLAGS=--postgres for PostgreSQL). Prints a
# table and writes bench/results/<date>-<backend>.json.
bench: build
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	python3 scripts/bench.py $(BENCH_FLAGS)
