# The two commands of the README:
#   make run    build and serve the app on its embedded SQLite default (http://127.0.0.1:3000)
#   make test   the whole test suite (what CI runs)
.PHONY: run test build setup

run: build
	./target/release/chatshare

build: setup
	scripts/build-site.sh release
	cargo build --release -p chatshare

setup:
	scripts/setup.sh

test:
	scripts/test.sh
